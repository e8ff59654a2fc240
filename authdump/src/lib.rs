//! `authdump`: parse HTTP authentication header values and show what the
//! parser saw. This is how the library is checked from outside, so the
//! output format is kept stable.
//!
//! ```text
//! cargo run -p authdump -- [--json] [--lint] [--lenient] [--canonical] HEADER-NAME [VALUE...]
//! cargo run -p authdump -- check [--json] [FILE...]
//! ```
//!
//! HEADER-NAME is one of the six fields of RFC 9110 §11.6 and §11.7, any
//! case. The values come from the arguments; with none, from standard input,
//! one value per line, lines split on LF only (a CR, a tab or any other byte
//! is part of the value, and the bytes need not be UTF-8).
//!
//! Without `--json` each value gets a readable breakdown; with `--json` each
//! value gets exactly one JSON object on one line:
//!
//! ```text
//! {"ok":true,"challenges":[{"scheme":"Basic","token68":null,"params":[["realm","foo"]]}]}
//! {"ok":true,"credentials":{"scheme":"Bearer","token68":"abc","params":[]}}
//! {"ok":true,"params":[["nextnonce","abc"]]}
//! {"ok":false,"error":{"offset":12,"message":"..."}}
//! ```
//!
//! `--lenient` parses with [`ParseOptions::lenient`] and lists what it
//! forgave (`"deviations":[{"offset":N,"kind":"…","message":"…"}]` in JSON);
//! `--lint` adds the linter's findings, with a caret line under each range
//! (`"lint":[{"code":…,"severity":…,"start":…,"end":…,"message":…,"fix":…}]`
//! in JSON). Both keep the object on one line and its other fields as they are.
//!
//! `--canonical` prints, instead of the breakdown, each value as the builder
//! writes it back from the parsed value (RFC 9110 §11 canonical form: one
//! space after the scheme, `, ` between elements, tokens where the scheme
//! allows, quoted-strings with only `"` and `\` escaped): one line per value,
//! or the usual error lines. With `--json`:
//! `{"ok":true,"canonical":"Basic realm=\"simple\""}`. The tool parses the
//! canonical form again and reports it as an error if it does not parse or
//! if writing it again changes it (that would be a bug). With `--lenient`
//! it shows the strict value a lenient parse repairs a value into.
//!
//! Schemes and names are as written; every parameter is listed in input
//! order, repeats included; values are unescaped; bytes that are not UTF-8
//! are written as U+FFFD. The exit code is 0 when every value parsed, 1 when
//! one did not, 2 on a usage error.
//!
//! Layout, for whoever adds a flag: [`Options`] holds the flags and
//! [`parse_args`] reads them; [`dump`] turns one value into its output, by
//! way of one function per field kind and output style (`json_*`, `text_*`);
//! [`run`] wires arguments, standard input and output together and is what
//! `tests/authdump.rs` drives; `src/main.rs` only calls it. The `check`
//! subcommand (whole HTTP exchanges, issue 20) is [`check`].

#![deny(missing_docs)]

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{self, BufRead, Write};

pub mod check;

use auth_headers::lint::{lint_field_with, Finding};
use auth_headers::{
    parse_auth_info, parse_challenges, parse_credentials, Deviation, Error, ErrorKind, Field,
    FieldKind, ParamValue, Params, ParseOptions,
};

/// Exit code when every value parsed.
pub const EXIT_OK: u8 = 0;
/// Exit code when at least one value did not parse.
pub const EXIT_PARSE_ERROR: u8 = 1;
/// Exit code for a usage error.
pub const EXIT_USAGE: u8 = 2;

/// The usage message, printed on a usage error and for `--help`.
pub const USAGE: &str = "\
usage: authdump [--json] [--lint] [--lenient] [--canonical] HEADER-NAME [VALUE...]
       authdump check [--json] [FILE...]

HEADER-NAME (any case): WWW-Authenticate, Proxy-Authenticate, Authorization,
Proxy-Authorization, Authentication-Info, Proxy-Authentication-Info.
With no VALUE, values are read from standard input, one per line (split on LF only).

options (before HEADER-NAME; `--` ends them):
  --json    one JSON object per value, on one line
  --lint    also list what is wrong with each value, where, and how to fix it
  --lenient parse with the lenient preset and list what it forgave
  --canonical
            print each value as the builder writes it back (canonical form)
  -h, --help

check reads HTTP message heads from the FILEs (`-` or none: standard input):
`curl -si` / `curl -i` output, `curl -v` transcripts or HAR files, and lists
what is wrong with each request/response exchange's authentication. Exit
code: 1 when a finding is an error, 0 otherwise, 2 on unreadable input.
";

/// The command line, read by [`parse_args`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// `--json`: one JSON object per value instead of the readable breakdown.
    pub json: bool,
    /// `--lint`: add the linter's findings.
    pub lint: bool,
    /// `--lenient`: parse with [`ParseOptions::lenient`] and list the deviations.
    pub lenient: bool,
    /// `--canonical`: print the canonical form instead of the breakdown.
    pub canonical: bool,
    /// The header field named on the command line.
    pub field: Field,
    /// The values given as arguments; `None` means read standard input.
    pub values: Option<Vec<Vec<u8>>>,
}

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Dump values.
    Dump(Options),
    /// `check [--json] [FILE...]`: check whole exchanges.
    Check {
        /// One JSON object per exchange.
        json: bool,
        /// The files; empty means standard input.
        files: Vec<OsString>,
    },
    /// Print [`USAGE`] and exit successfully.
    Help,
}

/// Reads the arguments (without the program name). A usage error comes back
/// as the message to print before [`USAGE`].
pub fn parse_args<I: IntoIterator<Item = OsString>>(args: I) -> Result<Command, String> {
    let mut json = false;
    let mut lint = false;
    let mut lenient = false;
    let mut canonical = false;
    let mut args = args.into_iter();
    let name = loop {
        let Some(arg) = args.next() else {
            return Err("missing HEADER-NAME".into());
        };
        match arg.to_str() {
            Some("--json") => json = true,
            Some("--lint") => lint = true,
            Some("--lenient") => lenient = true,
            Some("--canonical") => canonical = true,
            Some("-h" | "--help") => return Ok(Command::Help),
            Some("--") => match args.next() {
                Some(name) => break name,
                None => return Err("missing HEADER-NAME".into()),
            },
            Some(flag) if flag.starts_with('-') => {
                return Err(format!("unknown option `{flag}`"));
            }
            Some("check") => {
                if lint || lenient || canonical {
                    return Err("check takes only --json".into());
                }
                return parse_check_args(json, args);
            }
            _ => break arg,
        }
    };
    let field = name
        .to_str()
        .and_then(Field::from_name)
        .ok_or_else(|| format!("unknown header name `{}`", name.to_string_lossy()))?;
    let values: Vec<Vec<u8>> = args.map(os_bytes).collect();
    Ok(Command::Dump(Options {
        json,
        lint,
        lenient,
        canonical,
        field,
        values: if values.is_empty() {
            None
        } else {
            Some(values)
        },
    }))
}

/// The arguments after `check`.
fn parse_check_args(
    mut json: bool,
    args: impl Iterator<Item = OsString>,
) -> Result<Command, String> {
    let mut files = Vec::new();
    let mut options = true;
    for arg in args {
        match arg.to_str() {
            Some("--json") if options => json = true,
            Some("-h" | "--help") if options => return Ok(Command::Help),
            Some("--") if options => options = false,
            Some(flag) if options && flag.starts_with('-') && flag != "-" => {
                return Err(format!("unknown option `{flag}` for check"));
            }
            _ => files.push(arg),
        }
    }
    Ok(Command::Check { json, files })
}

/// Runs `check`: each file (or standard input) read whole, checked, and
/// reported exchange by exchange.
fn run_check<R, O, E>(
    json: bool,
    files: &[OsString],
    mut stdin: R,
    stdout: &mut O,
    stderr: &mut E,
) -> io::Result<u8>
where
    R: BufRead,
    O: Write,
    E: Write,
{
    let stdin_only = [OsString::from("-")];
    let named = !files.is_empty();
    let files = if named { files } else { &stdin_only[..] };
    let (mut error, mut unreadable) = (false, false);
    let mut out = String::new();
    for file in files {
        let bytes = if file == "-" {
            let mut b = Vec::new();
            stdin.read_to_end(&mut b).map(|_| b)
        } else {
            std::fs::read(file)
        };
        let name = file.to_string_lossy();
        let reports = match bytes {
            Ok(b) => check::check(&b).map_err(|e| e.0),
            Err(e) => Err(e.to_string()),
        };
        let reports = match reports {
            Ok(r) => r,
            Err(msg) => {
                writeln!(stderr, "authdump: {name}: {msg}")?;
                unreadable = true;
                continue;
            }
        };
        for r in &reports {
            out.clear();
            error |= r.has_error();
            if json {
                check::json_report(r, &mut out);
            } else {
                if named {
                    out.push_str(&name);
                    out.push_str(": ");
                }
                check::text_report(r, &mut out);
            }
            stdout.write_all(out.as_bytes())?;
        }
    }
    stdout.flush()?;
    Ok(if unreadable {
        EXIT_USAGE
    } else if error {
        EXIT_PARSE_ERROR
    } else {
        EXIT_OK
    })
}

/// The bytes of an argument: exact on Unix, where arguments are bytes.
#[cfg(unix)]
fn os_bytes(arg: OsString) -> Vec<u8> {
    std::os::unix::ffi::OsStringExt::into_vec(arg)
}

/// The bytes of an argument, as UTF-8.
#[cfg(not(unix))]
fn os_bytes(arg: OsString) -> Vec<u8> {
    arg.to_string_lossy().into_owned().into_bytes()
}

/// Parses one value of `opts.field` and appends its output (ending in a
/// newline) to `out`. Returns whether the value parsed.
pub fn dump(opts: &Options, value: &[u8], out: &mut String) -> bool {
    let kind = opts.field.kind();
    let p = Parser {
        options: if opts.lenient {
            ParseOptions::lenient()
        } else {
            ParseOptions::strict()
        },
        deviations: Vec::new(),
    };
    let mut p = p;
    let ok = if opts.canonical {
        canonical(&mut p, opts.field.kind(), opts.json, value, out)
    } else if opts.json {
        match kind {
            FieldKind::Challenges => json_challenges(&mut p, value, out),
            FieldKind::Credentials => json_credentials(&mut p, value, out),
            FieldKind::AuthInfo => json_auth_info(&mut p, value, out),
        }
    } else {
        out.push_str(opts.field.name());
        out.push_str(": ");
        out.push_str(&visible(value).text);
        out.push('\n');
        match kind {
            FieldKind::Challenges => text_challenges(&mut p, value, out),
            FieldKind::Credentials => text_credentials(&mut p, value, out),
            FieldKind::AuthInfo => text_auth_info(&mut p, value, out),
        }
    };
    let mut findings = Vec::new();
    if opts.lint {
        lint_field_with(opts.field, value, &mut |f| findings.push(f));
    }
    if opts.json {
        if opts.lenient || opts.lint {
            // Reopen the object to add the fields.
            if out.ends_with("}\n") {
                out.truncate(out.len() - 2);
            }
            if opts.lenient {
                json_deviations(&p.deviations, out);
            }
            if opts.lint {
                json_lint(value, &findings, out);
            }
            out.push_str("}\n");
        }
    } else {
        if opts.lenient {
            text_deviations(value, &p.deviations, out);
        }
        if opts.lint {
            text_lint(value, &findings, out);
        }
    }
    ok
}

/// How values are parsed: strictly, or with `--lenient`, collecting what
/// was forgiven.
struct Parser {
    options: ParseOptions,
    deviations: Vec<Deviation>,
}

/// Runs the tool: `args` without the program name, `stdin` read when no
/// value is given. Returns the exit code.
pub fn run<I, R, O, E>(args: I, stdin: R, stdout: &mut O, stderr: &mut E) -> io::Result<u8>
where
    I: IntoIterator<Item = OsString>,
    R: BufRead,
    O: Write,
    E: Write,
{
    let opts = match parse_args(args) {
        Ok(Command::Dump(opts)) => opts,
        Ok(Command::Check { json, files }) => {
            return run_check(json, &files, stdin, stdout, stderr);
        }
        Ok(Command::Help) => {
            stdout.write_all(USAGE.as_bytes())?;
            return Ok(EXIT_OK);
        }
        Err(msg) => {
            write!(stderr, "authdump: {msg}\n\n{USAGE}")?;
            return Ok(EXIT_USAGE);
        }
    };
    let mut all_ok = true;
    let mut out = String::new();
    let mut first = true;
    let mut one = |value: &[u8]| -> io::Result<()> {
        out.clear();
        if !opts.json && !opts.canonical && !first {
            out.push('\n');
        }
        first = false;
        all_ok &= dump(&opts, value, &mut out);
        stdout.write_all(out.as_bytes())
    };
    match &opts.values {
        Some(values) => values.iter().try_for_each(|v| one(v))?,
        // `split` yields the pieces between LFs, and no empty piece after a
        // final LF: exactly "one value per line, split on LF only".
        None => stdin.split(b'\n').try_for_each(|line| one(&line?))?,
    }
    stdout.flush()?;
    Ok(if all_ok { EXIT_OK } else { EXIT_PARSE_ERROR })
}

// ---------------------------------------------------------------- JSON

/// Appends `s` as a JSON string: `"` and `\` escaped, control characters
/// (U+0000 to U+001F) as `\u00xx`, everything else as is.
pub fn json_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends an unescaped parameter value as a JSON string (U+FFFD for bytes
/// that are not UTF-8).
fn json_value(v: ParamValue<'_>, out: &mut String) {
    let mut s = String::new();
    let _ = v.write_to(&mut s);
    json_str(&s, out);
}

/// Appends `[["name","value"],...]`.
fn json_params(params: Params<'_>, out: &mut String) {
    out.push('[');
    for (i, p) in params.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        json_str(p.name(), out);
        out.push(',');
        json_value(p.value(), out);
        out.push(']');
    }
    out.push(']');
}

/// Appends `"scheme":...,"token68":...,"params":[...]`.
fn json_scheme_body(scheme: &str, token68: Option<&str>, params: Params<'_>, out: &mut String) {
    out.push_str("\"scheme\":");
    json_str(scheme, out);
    out.push_str(",\"token68\":");
    match token68 {
        Some(t) => json_str(t, out),
        None => out.push_str("null"),
    }
    out.push_str(",\"params\":");
    json_params(params, out);
}

/// Appends `{"ok":false,"error":{"offset":N,"message":"..."}}` and a newline.
fn json_error(e: &Error, out: &mut String) -> bool {
    let _ = write!(out, "{{\"ok\":false,\"error\":{{\"offset\":{},", e.offset());
    out.push_str("\"message\":");
    json_str(&e.kind().to_string(), out);
    out.push_str("}}\n");
    false
}

fn json_challenges(p: &mut Parser, value: &[u8], out: &mut String) -> bool {
    let devs = &mut p.deviations;
    let list = match p
        .options
        .parse_challenges_with(value, &mut |d| devs.push(d))
    {
        Ok(list) => list,
        Err(e) => return json_error(&e, out),
    };
    out.push_str("{\"ok\":true,\"challenges\":[");
    for (i, c) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        json_scheme_body(c.scheme(), c.token68(), c.params(), out);
        out.push('}');
    }
    out.push_str("]}\n");
    true
}

fn json_credentials(p: &mut Parser, value: &[u8], out: &mut String) -> bool {
    let devs = &mut p.deviations;
    let c = match p
        .options
        .parse_credentials_with(value, &mut |d| devs.push(d))
    {
        Ok(c) => c,
        Err(e) => return json_error(&e, out),
    };
    out.push_str("{\"ok\":true,\"credentials\":{");
    json_scheme_body(c.scheme(), c.token68(), c.params(), out);
    out.push_str("}}\n");
    true
}

fn json_auth_info(p: &mut Parser, value: &[u8], out: &mut String) -> bool {
    let devs = &mut p.deviations;
    let params = match p.options.parse_auth_info_with(value, &mut |d| devs.push(d)) {
        Ok(p) => p,
        Err(e) => return json_error(&e, out),
    };
    out.push_str("{\"ok\":true,\"params\":");
    json_params(params, out);
    out.push_str("}\n");
    true
}

// ---------------------------------------------------------------- --canonical

/// Appends the canonical form of `value` (one line, or one JSON object), or
/// the error. The canonical form is parsed again strictly and must write
/// itself unchanged.
fn canonical(p: &mut Parser, kind: FieldKind, json: bool, value: &[u8], out: &mut String) -> bool {
    let devs = &mut p.deviations;
    let mut note = |d| devs.push(d);
    let written = match kind {
        FieldKind::Challenges => p
            .options
            .parse_challenges_with(value, &mut note)
            .map(|l| l.to_canonical_vec()),
        FieldKind::Credentials => p
            .options
            .parse_credentials_with(value, &mut note)
            .map(|c| c.to_canonical_vec()),
        FieldKind::AuthInfo => p
            .options
            .parse_auth_info_with(value, &mut note)
            .map(|a| a.to_canonical_vec()),
    };
    let written = written.and_then(|w| {
        let again = match kind {
            FieldKind::Challenges => parse_challenges(&w).map(|l| l.to_canonical_vec()),
            FieldKind::Credentials => parse_credentials(&w).map(|c| c.to_canonical_vec()),
            FieldKind::AuthInfo => parse_auth_info(&w).map(|a| a.to_canonical_vec()),
        };
        match again {
            Ok(a) if a == w => Ok(w),
            // Not a fixed point: a bug in the builder; point at the first change.
            Ok(a) => {
                let at = a.iter().zip(&w).take_while(|(x, y)| x == y).count();
                Err(Error::new(
                    at,
                    ErrorKind::UnexpectedByte(w.get(at).copied().unwrap_or(0)),
                ))
            }
            Err(e) => Err(e),
        }
    });
    match (written, json) {
        (Ok(w), true) => {
            out.push_str("{\"ok\":true,\"canonical\":");
            json_str(&String::from_utf8_lossy(&w), out);
            out.push_str("}\n");
            true
        }
        (Ok(w), false) => {
            out.push_str(&String::from_utf8_lossy(&w));
            out.push('\n');
            true
        }
        (Err(e), true) => json_error(&e, out),
        (Err(e), false) => text_error(value, &e, out),
    }
}

// ---------------------------------------------------------------- text

/// A value made printable on one line: control bytes become their Unicode
/// control pictures (CR as `␍`, tab as `␉`, DEL as `␡`), bytes that are not
/// UTF-8 become U+FFFD, one character per byte; `columns[i]` is the column
/// (in characters) where byte `i` is shown, and `columns[len]` the column
/// just past the end.
pub struct Visible {
    /// The printable text.
    pub text: String,
    /// The column of each byte, and of the end.
    pub columns: Vec<usize>,
}

/// Makes `value` printable (see [`Visible`]).
pub fn visible(value: &[u8]) -> Visible {
    let mut text = String::with_capacity(value.len());
    let mut columns = Vec::with_capacity(value.len() + 1);
    let mut col = 0;
    for chunk in value.utf8_chunks() {
        for c in chunk.valid().chars() {
            let shown = match c {
                '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
                '\x7f' => '\u{2421}',
                c => c,
            };
            text.push(shown);
            columns.resize(columns.len() + c.len_utf8(), col);
            col += 1;
        }
        for _ in chunk.invalid() {
            text.push(char::REPLACEMENT_CHARACTER);
            columns.push(col);
            col += 1;
        }
    }
    columns.push(col);
    Visible { text, columns }
}

/// Appends the error: the message, the value, and a caret under the
/// offending byte (after the last one when the value ended too early).
fn text_error(value: &[u8], e: &Error, out: &mut String) -> bool {
    let v = visible(value);
    let col = v.columns[e.offset().min(value.len())];
    let _ = writeln!(out, "  error at byte {}: {}", e.offset(), e.kind());
    let _ = writeln!(out, "    {}", v.text);
    let _ = writeln!(out, "    {:col$}^", "");
    false
}

/// Appends one line per parameter, `name: unescaped value`, indented.
fn text_params(params: Params<'_>, indent: &str, out: &mut String) {
    for p in params.iter() {
        let _ = writeln!(out, "{indent}{}: {}", p.name(), p.value());
    }
}

/// Appends the token68 or the parameters of a challenge or credentials.
fn text_body(token68: Option<&str>, params: Params<'_>, out: &mut String) {
    match token68 {
        Some(t) => {
            let _ = writeln!(out, "    token68: {t}");
        }
        None if params.is_empty() => out.push_str("    (no parameters)\n"),
        None => text_params(params, "    ", out),
    }
}

fn text_challenges(p: &mut Parser, value: &[u8], out: &mut String) -> bool {
    let devs = &mut p.deviations;
    let list = match p
        .options
        .parse_challenges_with(value, &mut |d| devs.push(d))
    {
        Ok(list) => list,
        Err(e) => return text_error(value, &e, out),
    };
    if list.is_empty() {
        out.push_str("  (no challenges)\n");
    }
    for (i, c) in list.iter().enumerate() {
        let _ = writeln!(out, "  challenge {}: {}", i + 1, c.scheme());
        text_body(c.token68(), c.params(), out);
    }
    true
}

fn text_credentials(p: &mut Parser, value: &[u8], out: &mut String) -> bool {
    let devs = &mut p.deviations;
    match p
        .options
        .parse_credentials_with(value, &mut |d| devs.push(d))
    {
        Ok(c) => {
            let _ = writeln!(out, "  credentials: {}", c.scheme());
            text_body(c.token68(), c.params(), out);
            true
        }
        Err(e) => text_error(value, &e, out),
    }
}

fn text_auth_info(p: &mut Parser, value: &[u8], out: &mut String) -> bool {
    let devs = &mut p.deviations;
    match p.options.parse_auth_info_with(value, &mut |d| devs.push(d)) {
        Ok(p) if p.is_empty() => {
            out.push_str("  (no parameters)\n");
            true
        }
        Ok(p) => {
            text_params(p, "  ", out);
            true
        }
        Err(e) => text_error(value, &e, out),
    }
}

// ---------------------------------------------------------------- --lenient and --lint

/// Appends `,"deviations":[{"offset":N,"kind":"…","message":"…"}]`.
fn json_deviations(devs: &[Deviation], out: &mut String) {
    out.push_str(",\"deviations\":[");
    for (i, d) in devs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{{\"offset\":{},\"kind\":", d.offset);
        json_str(d.kind.switch(), out);
        out.push_str(",\"message\":");
        json_str(d.kind.as_str(), out);
        out.push('}');
    }
    out.push(']');
}

/// Appends `,"lint":[{"code":…,"severity":…,"start":…,"end":…,"message":…,"fix":…}]`.
fn json_lint(value: &[u8], findings: &[Finding], out: &mut String) {
    out.push_str(",\"lint\":[");
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"code\":");
        json_str(f.code, out);
        out.push_str(",\"severity\":");
        json_str(f.severity.as_str(), out);
        let _ = write!(out, ",\"start\":{},\"end\":{},\"message\":", f.start, f.end);
        json_str(f.message, out);
        out.push_str(",\"fix\":");
        json_str(&f.fix_text(value), out);
        out.push('}');
    }
    out.push(']');
}

/// A caret line under the bytes `start..end` of `v` (one caret at `start`
/// for an empty range).
pub(crate) fn carets(v: &Visible, start: usize, end: usize) -> String {
    let len = v.columns.len() - 1;
    let (start, end) = (start.min(len), end.min(len));
    let from = v.columns[start];
    let to = v.columns[end].max(from + 1);
    format!("{:from$}{}", "", "^".repeat(to - from))
}

fn text_deviations(value: &[u8], devs: &[Deviation], out: &mut String) {
    // A repeated name is reported but not forgiven: strict parsing reads it
    // too (issue 16).
    let forgiven = devs.iter().filter(|d| d.kind.is_forgiven());
    text_deviation_list(value, "forgiven by --lenient", forgiven, out);
    let noted = devs.iter().filter(|d| !d.kind.is_forgiven());
    text_deviation_list(value, "noted by --lenient", noted, out);
}

fn text_deviation_list<'d>(
    value: &[u8],
    title: &str,
    devs: impl Iterator<Item = &'d Deviation>,
    out: &mut String,
) {
    let mut devs = devs.peekable();
    if devs.peek().is_none() {
        return;
    }
    let v = visible(value);
    let _ = writeln!(out, "  {title}:");
    for d in devs {
        let _ = writeln!(
            out,
            "    at byte {}: {} ({})",
            d.offset,
            d.kind,
            d.kind.switch()
        );
        let _ = writeln!(out, "      {}", v.text);
        let _ = writeln!(out, "      {}", carets(&v, d.offset, d.offset + 1));
    }
}

fn text_lint(value: &[u8], findings: &[Finding], out: &mut String) {
    if findings.is_empty() {
        out.push_str("  lint: no findings\n");
        return;
    }
    let v = visible(value);
    let _ = writeln!(out, "  lint:");
    for f in findings {
        let _ = writeln!(
            out,
            "    {}[{}] at bytes {}..{}: {}",
            f.severity, f.code, f.start, f.end, f.message
        );
        let _ = writeln!(out, "      {}", v.text);
        let _ = writeln!(out, "      {}", carets(&v, f.start, f.end));
        let _ = writeln!(out, "      fix: {}", f.fix_text(value));
    }
}
