#!/usr/bin/env python3
"""Regenerates the performance tables of perf/README.md (issue 7).

    scripts/perf-report.py             # criterion (3 runs) + callgrind, then rewrite perf/README.md
    scripts/perf-report.py --runs 5    # more runs
    scripts/perf-report.py --no-bench  # reuse target/criterion from the last bench run

1. Runs `cargo bench --bench peers` several times: this crate, its peers and
   the two floors on the same corpus in the same process. On a shared,
   noisy machine other tenants only ever add time, so each implementation's
   time is the least of its medians over the runs, and every ratio is taken
   between those. The range of each run's own ratio is reported beside it
   for the targets, so that the spread is visible rather than averaged away.
2. Runs examples/perfcount.rs under callgrind for every (implementation,
   entry) pair: instructions per value and per byte (deterministic).
3. Runs `cargo bench --bench paired` once per run: this crate and each peer
   timed in alternating rounds of tens of microseconds, so that a change of
   machine load between criterion's one-second windows does not enter the
   ratio. Reported as the range of the runs' median round ratios.
4. Replaces the text between the perf-table markers in perf/README.md.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "examples", "perfcount")
CRIT = os.path.join(ROOT, "target", "criterion")
OURS = "auth-headers"
PEERS = ["http-auth", "headers", "www_authenticate_parser"]
FLOORS = ["floor-table", "floor-memchr"]
START, END = "<!-- perf-table:start -->", "<!-- perf-table:end -->"


def run(*cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, check=True, text=True, **kw)


def entries():
    out = run(BIN, "--list", stdout=subprocess.PIPE).stdout
    rows = []
    for line in out.splitlines():
        name, size, imps = line.split("\t")
        rows.append((name, int(size), imps.split(",")))
    return rows


def median_ns(group, imp):
    path = os.path.join(CRIT, group, imp, "new", "estimates.json")
    with open(path) as f:
        return json.load(f)["median"]["point_estimate"]


def instructions(imp, entry, size):
    n = max(5, min(2000, 400_000 // max(size, 1)))
    res = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         "--collect-atstart=no", "--toggle-collect=*perfcount*measure*",
         BIN, imp, entry, str(n)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    total = int(re.search(r"Collected : (\d+)", res.stderr).group(1))
    return total / n


def fmt_ns(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def main():
    runs = 1
    if "--runs" in sys.argv:
        runs = int(sys.argv[sys.argv.index("--runs") + 1])
    elif "--no-bench" not in sys.argv:
        runs = 3
    run("cargo", "build", "--quiet", "--release", "--example", "perfcount")
    rustc = run("rustc", "--version", stdout=subprocess.PIPE).stdout.strip()
    rows = entries()
    per_run = []  # one {(entry, imp): median ns} per run
    paired = []  # one {(entry, peer): median round ratio} per run
    for k in range(runs):
        if "--no-bench" not in sys.argv:
            print(f"bench run {k + 1} of {runs}", file=sys.stderr)
            run("cargo", "bench", "--bench", "peers", stdout=subprocess.DEVNULL)
            out = run("cargo", "bench", "--bench", "paired", stdout=subprocess.PIPE).stdout
            paired.append({(f[0], f[1]): float(f[3])
                           for f in (line.split("\t") for line in out.splitlines())
                           if len(f) == 7})
        per_run.append({(name, imp): median_ns(name, imp)
                        for name, _, imps in rows for imp in imps})
    t = {key: min(r[key] for r in per_run) for key in per_run[0]}
    ins = {}
    for name, size, imps in rows:
        for imp in imps:
            ins[name, imp] = instructions(imp, name, size)
            print(f"{name:22} {imp:24} {t[name, imp]:12.0f} ns {ins[name, imp] / size:8.2f} instr/B",
                  file=sys.stderr)

    out = []
    out.append(f"Measured with `scripts/perf-report.py` ({rustc}; {runs} runs of "
               "`cargo bench --bench peers`, each implementation's time the least of its "
               "criterion medians over the runs; instruction counts from callgrind). "
               "A ratio is the other's time divided by this crate's time: "
               "above 1 this crate is faster; a floor's ratio below 1 is how much of this "
               "crate's time the floor alone takes. \"—\" means that implementation does not do "
               "the job (http-auth has no credentials parser, headers decodes only Bearer and "
               "Basic credentials, www_authenticate_parser reads one challenge per value).")
    out.append("")
    head = ["entry", "bytes", "auth-headers"] + [f"÷ {p}" for p in PEERS + FLOORS] + \
        ["instr/value", "instr/byte"]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for name, size, imps in rows:
        ours = t[name, OURS]
        cells = [f"`{name}`", str(size), fmt_ns(ours)]
        for other in PEERS + FLOORS:
            cells.append(f"{t[name, other] / ours:.2f}" if other in imps else "—")
        cells.append(f"{ins[name, OURS]:.0f}")
        cells.append(f"{ins[name, OURS] / size:.2f}")
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    if runs > 1:
        out.append(f"The same ratios run by run: the least and the greatest of the {runs} "
                   "runs' own ratios (each from the medians of one run).")
        out.append("")
        out.append("| entry | " + " | ".join(f"÷ {p}" for p in PEERS) + " |")
        out.append("|---|" + "---|" * len(PEERS))
        for name, size, imps in rows:
            cells = [f"`{name}`"]
            for other in PEERS:
                if other in imps:
                    rs = [r[name, other] / r[name, OURS] for r in per_run]
                    cells.append(f"{min(rs):.2f}–{max(rs):.2f}")
                else:
                    cells.append("—")
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    if paired:
        out.append(f"Paired rounds (`cargo bench --bench paired`, once per run): this crate "
                   "and the peer timed in alternating batches of tens of microseconds, the "
                   "ratio taken round by round; the median over a run's rounds, least and "
                   f"greatest of the {len(paired)} runs.")
        out.append("")
        pairs = list(paired[0])
        peers_seen = [p for p in PEERS if any(k[1] == p for k in pairs)]
        out.append("| entry | " + " | ".join(f"÷ {p}" for p in peers_seen) + " |")
        out.append("|---|" + "---|" * len(peers_seen))
        for name, size, imps in rows:
            if not any((name, p) in paired[0] for p in peers_seen):
                continue
            cells = [f"`{name}`"]
            for other in peers_seen:
                rs = [r[name, other] for r in paired if (name, other) in r]
                cells.append(f"{min(rs):.2f}–{max(rs):.2f}" if rs else "—")
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    out.append("Instructions per byte of every implementation (callgrind, same binaries; "
               "these do not depend on machine load), and in brackets the other's "
               "instructions divided by this crate's:")
    out.append("")
    imps_all = [OURS] + PEERS + FLOORS
    out.append("| entry | " + " | ".join(imps_all) + " |")
    out.append("|---|" + "---|" * len(imps_all))
    for name, size, imps in rows:
        cells = [f"`{name}`"]
        for i in imps_all:
            if i not in imps:
                cells.append("—")
            elif i == OURS:
                cells.append(f"{ins[name, i] / size:.2f}")
            else:
                cells.append(f"{ins[name, i] / size:.2f} ({ins[name, i] / ins[name, OURS]:.2f})")
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    out.append("Scaling (the `many_*` entries: challenges joined up to 1, 4, 16 and 64 KiB):")
    out.append("")
    out.append("| entry | bytes | auth-headers | ns/byte | instr/byte | ÷ http-auth |")
    out.append("|---|---|---|---|---|---|")
    for name, size, imps in rows:
        if name.startswith("many_"):
            ours = t[name, OURS]
            out.append(f"| `{name}` | {size} | {fmt_ns(ours)} | {ours / size:.2f} | "
                       f"{ins[name, OURS] / size:.2f} | {t[name, 'http-auth'] / ours:.2f} |")
    table = "\n".join(out)

    readme = os.path.join(ROOT, "perf", "README.md")
    with open(readme) as f:
        text = f.read()
    if START not in text:
        sys.exit("perf/README.md has no perf-table markers")
    pre, rest = text.split(START, 1)
    _, post = rest.split(END, 1)
    with open(readme, "w") as f:
        f.write(pre + START + "\n" + table + "\n" + END + post)
    print(table)


if __name__ == "__main__":
    main()
