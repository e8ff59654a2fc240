#!/usr/bin/env python3
"""Checks the crate's layering (ARCHITECTURE.md): no module imports from a
layer above its own, and no two modules import each other, directly or
round a longer cycle.

The layers and their modules are read from the `layers` block of
ARCHITECTURE.md, one line per layer from the bottom up:

    N name: module, module, ...

A module is named by its path below the crate root (`syntax`,
`schemes::digest`); a file belongs to the longest listed module that is a
prefix of its own path. Every `crate::` path in the code (comments and
strings left out) is an import; `use crate::{a, b::c}` names `a` and `b::c`.
Imports made only by test code (`#[cfg(test)]` modules) are left out, and
so is the test-only module `testing`.

Every file under src/ must belong to a listed module, and every listed
module must have a file, so the map stays true as files come and go.

Exit status 0 when the layering holds, 1 with a list of what breaks it.
Run from anywhere: `python3 scripts/check-layers.py` (Python 3, standard
library only).
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "src")


def read_layers():
    text = open(os.path.join(ROOT, "ARCHITECTURE.md"), encoding="utf-8").read()
    m = re.search(r"```layers\n(.*?)```", text, re.S)
    if not m:
        sys.exit("ARCHITECTURE.md has no ```layers block")
    layers = {}
    names = {}
    for line in m.group(1).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        lm = re.fullmatch(r"(\d+)\s+([\w-]+):\s*(.*)", line)
        if not lm:
            sys.exit(f"ARCHITECTURE.md: cannot read layer line {line!r}")
        level, name, mods = int(lm.group(1)), lm.group(2), lm.group(3)
        if level in names:
            sys.exit(f"ARCHITECTURE.md: layer {level} is listed twice")
        names[level] = name
        for mod in (x.strip() for x in mods.split(",")):
            if not mod:
                continue
            if mod in layers:
                sys.exit(f"ARCHITECTURE.md: module `{mod}` is in two layers")
            layers[mod] = level
    return layers, names


def stale(layers):
    """Listed modules that have no file: the map names what is not there."""
    out = []
    for mod in sorted(layers):
        base = os.path.join(SRC, *mod.split("::"))
        if not (os.path.isfile(base + ".rs") or os.path.isfile(os.path.join(base, "mod.rs"))):
            out.append(f"ARCHITECTURE.md: module `{mod}` has no file under src/")
    return out


def module_of(path):
    rel = os.path.relpath(path, SRC)[:-3].split(os.sep)
    if rel[-1] == "mod":
        rel = rel[:-1]
    if rel == ["lib"]:
        return ""
    return "::".join(rel)


def strip(code):
    """The code without comments, strings, chars and `#[cfg(test)]` modules."""
    out = []
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if code.startswith("//", i):
            j = code.find("\n", i)
            i = n if j < 0 else j
        elif code.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if code.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif code.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif c == "r" and re.match(r'r#*"', code[i:i + 40]) and not (i and (code[i - 1].isalnum() or code[i - 1] == "_")):
            hashes = re.match(r'r(#*)"', code[i:]).group(1)
            end = code.find('"' + hashes, i + 2 + len(hashes))
            i = n if end < 0 else end + 1 + len(hashes)
            out.append('""')
        elif c == '"':
            i += 1
            while i < n and code[i] != '"':
                i += 2 if code[i] == "\\" else 1
            i += 1
            out.append('""')
        elif c == "'" and re.match(r"'(\\.|[^\\'])'|'\\[xu]", code[i:i + 12]):
            j = i + 1
            while j < n and code[j] != "'":
                j += 2 if code[j] == "\\" else 1
            i = j + 1
            out.append("' '")
        else:
            out.append(c)
            i += 1
    text = "".join(out)
    # Drop `#[cfg(test)] mod name { ... }` blocks (brace-matched).
    while True:
        m = re.search(r"#\[cfg\(test\)\]\s*(pub(\([^)]*\))?\s+)?mod\s+\w+\s*\{", text)
        if not m:
            break
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        text = text[:m.start()] + text[j:]
    return text


def imports(text):
    """Every path named after `crate::`, as `a::b::c` strings."""
    found = []
    i = 0
    while True:
        i = text.find("crate::", i)
        if i < 0:
            return found
        if i and (text[i - 1].isalnum() or text[i - 1] in "_$"):
            i += 7
            continue
        i += 7
        found.extend(tree(text, i, ""))


def tree(text, i, prefix):
    """The paths of a use-tree starting at `i` (after `crate::` or `{`)."""
    m = re.match(r"\s*((?:\w+\s*::\s*)*)(\w+|\{)", text[i:])
    if not m:
        return []
    head = re.sub(r"\s", "", m.group(1))
    if m.group(2) != "{":
        return [prefix + head + m.group(2)]
    j = i + m.end()
    out, depth, start = [], 1, j
    while j < len(text) and depth:
        ch = text[j]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if depth == 1 and ch == "," or depth == 0:
            item = text[start:j]
            if item.strip() and item.strip() != "self":
                out.extend(tree(item, 0, prefix + head))
            elif item.strip() == "self":
                out.append((prefix + head).rstrip(":"))
            start = j + 1
        j += 1
    return out


def owner(path, layers):
    """The listed module that `path` belongs to (longest prefix), or None."""
    parts = path.split("::")
    for k in range(len(parts), 0, -1):
        cand = "::".join(parts[:k])
        if cand in layers:
            return cand
    return None


def main():
    layers, names = read_layers()
    problems = stale(layers)
    edges = {}
    for dirpath, _, files in os.walk(SRC):
        for f in sorted(files):
            if not f.endswith(".rs"):
                continue
            path = os.path.join(dirpath, f)
            mod = module_of(path)
            if mod == "" or mod.split("::")[0] == "testing":
                continue
            me = owner(mod, layers)
            if me is None:
                problems.append(f"src/{os.path.relpath(path, SRC)}: module `{mod}` is in no layer of ARCHITECTURE.md")
                continue
            text = strip(open(path, encoding="utf-8").read())
            for imp in imports(text):
                top = imp.split("::")[0]
                if top == "testing":
                    continue
                other = owner(imp, layers)
                if other is None:
                    # A crate-root re-export (`crate::Challenge`): resolve it by name
                    # through lib.rs's `pub use` lines.
                    other = owner(ROOT_EXPORTS.get(top, top), layers)
                if other is None or other == me or other.startswith(me + "::") or me.startswith(other + "::"):
                    continue
                if layers[other] > layers[me]:
                    problems.append(
                        f"src/{os.path.relpath(path, SRC)}: `{mod}` (layer {layers[me]}, {names[layers[me]]}) "
                        f"imports `crate::{imp}` from layer {layers[other]} ({names[layers[other]]})")
                edges.setdefault(me, set()).add(other)
    # Cycles between modules (within a layer, the only place one can form).
    seen, stack, cycles = set(), [], []

    def visit(m):
        if m in stack:
            cyc = stack[stack.index(m):] + [m]
            key = frozenset(cyc)
            if key not in seen:
                seen.add(key)
                cycles.append(" -> ".join(cyc))
            return
        if m in done:
            return
        stack.append(m)
        for o in sorted(edges.get(m, ())):
            visit(o)
        stack.pop()
        done.add(m)

    done = set()
    for m in sorted(edges):
        visit(m)
    for c in cycles:
        problems.append(f"import cycle: {c}")
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} layering problem(s); ARCHITECTURE.md gives the order")
        return 1
    print(f"layers hold: {len(layers)} modules in {len(names)} layers, no upward import, no cycle")
    return 0


def root_exports():
    """Names that lib.rs re-exports (`pub use module::{A, B}`) -> module path."""
    text = strip(open(os.path.join(SRC, "lib.rs"), encoding="utf-8").read())
    out = {}
    for m in re.finditer(r"pub\s+use\s+([\w:]+)::\{([^}]*)\}\s*;", text):
        for name in m.group(2).split(","):
            name = name.strip().split(" as ")[-1].strip()
            if name:
                out[name] = m.group(1)
    for m in re.finditer(r"pub\s+use\s+([\w:]+)::(\w+)\s*;", text):
        out[m.group(2)] = m.group(1)
    return out


ROOT_EXPORTS = root_exports()

if __name__ == "__main__":
    sys.exit(main())
