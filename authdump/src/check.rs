//! `authdump check`: whole HTTP exchanges, read from `curl -si` / `curl -i`
//! output, `curl -v` transcripts or HAR files, checked for the mistakes that
//! make a 401 hard to debug (issue 20).
//!
//! Reading ([`read`]) and checking ([`check_exchange`]) are separate, and
//! [`check`] does both: [`read`] finds the messages, pairs each request with
//! the response that follows it into an [`Exchange`], and [`check_exchange`]
//! gives its [`Finding`]s. Everything about a single header value comes from
//! the library's linter ([`auth_headers::lint`]), run on every
//! authentication header line; the checks here are the ones that need the
//! status code, the request, the URL, or several header lines at once.
//!
//! Ranges: a finding about a header line has `header` set to the field name
//! as written and `start..end` inside the field value (after the name, the
//! colon and the optional whitespace, RFC 9110 §5.5); one about the status
//! or request line has `header` `None` and a range inside that line. `line`
//! is the 1-based line of the input where the header line (or start line)
//! begins; in a HAR file, where there are no lines, it is the 1-based
//! position of the header in its message's `headers` array, and 0 for the
//! start line.
//!
//! Output never shows credentials: every authentication header line
//! (`WWW-Authenticate`, `Authorization`, `Authentication-Info` and their
//! `Proxy-` forms, or a malformed line that starts with one of those
//! names) is printed by the core's redaction rule, the one its `Debug`
//! follows ([`auth_headers::lint::write_redacted`]: a token68, a password,
//! `rspauth`, `nextnonce` and any other value that is not public as
//! `<redacted>`; `realm` and the other public values as written), with the
//! caret under what stands for the range; a finding on any other header
//! (an obs-fold in a `Cookie`) shows its name and the range, the rest of
//! the value as `<redacted>`; a request target, in the text and in the
//! JSON, shows `<redacted>` for the password of its userinfo and an
//! `access_token` query parameter (RFC 6750 §2.3). The [`Finding`]s
//! themselves keep the input's text and ranges.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

use auth_headers::lint::{
    is_secure_url, lint_field_with, lint_offered_with, redacted_pieces, Severity,
};
use auth_headers::schemes::bearer::ErrorCode;
use auth_headers::{Challenge, ChallengeList, Field as AuthField, ParseOptions};

/// How the input was written; [`read`] tells them apart by themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Raw message heads, as `curl -si` and `curl -i` print them.
    Raw,
    /// A `curl -v` transcript (`> ` and `< ` lines).
    CurlVerbose,
    /// A HAR file (JSON).
    Har,
}

/// One header field line, with obsolete line folding already replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldLine {
    /// The name as written.
    pub name: String,
    /// The value, without the surrounding optional whitespace.
    pub value: Vec<u8>,
    /// Where it starts (see the [module docs](self)).
    pub line: usize,
    /// Offsets in `value` where an obs-fold was replaced by one space.
    pub folds: Vec<usize>,
}

/// What the start line says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartLine {
    /// A request line.
    Request {
        /// The method.
        method: String,
        /// The request target (the URL, for HAR input).
        target: String,
    },
    /// A status line.
    Response {
        /// The status code.
        status: u16,
    },
}

/// A message head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The start line as written (made up from the fields for HAR input).
    pub text: Vec<u8>,
    /// Its line (0 for HAR input).
    pub line: usize,
    /// Where the status code is in `text` (responses), for the caret.
    pub status_at: (usize, usize),
    /// What it says.
    pub start: StartLine,
    /// The header field lines, in order.
    pub fields: Vec<FieldLine>,
    /// Header lines that are not `name: value` (their text and line).
    pub malformed: Vec<(Vec<u8>, usize)>,
}

impl Message {
    /// The status code of a response.
    pub fn status(&self) -> Option<u16> {
        match self.start {
            StartLine::Response { status } => Some(status),
            StartLine::Request { .. } => None,
        }
    }

    /// The lines of the field `name` (ASCII case ignored).
    pub fn lines<'m>(&'m self, name: &'m str) -> impl Iterator<Item = &'m FieldLine> + 'm {
        self.fields
            .iter()
            .filter(move |f| f.name.eq_ignore_ascii_case(name))
    }
}

/// A request and the response that answered it; either may be missing.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Exchange {
    /// The request.
    pub request: Option<Message>,
    /// The response.
    pub response: Option<Message>,
    /// The request's absolute URL, when the input says it (HAR).
    pub url: Option<String>,
}

/// One thing `check` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// How serious it is (the linter's rule: an error is something the RFC
    /// refuses, a warning a broken SHOULD or a sure interop problem).
    pub severity: Severity,
    /// A stable identifier: the linter's codes, and the ones listed in
    /// [`CODES`].
    pub code: &'static str,
    /// The field name as written; `None` for the start line.
    pub header: Option<String>,
    /// The text the range is in: the field value, or the start line
    /// (shared by the findings about one line).
    pub text: Rc<[u8]>,
    /// Where the line starts (see the [module docs](self)).
    pub line: usize,
    /// First byte of `text` the finding is about.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What is wrong.
    pub message: &'static str,
    /// What to do about it.
    pub fix: Cow<'static, str>,
}

/// The codes of the exchange checks (the linter's own codes come on top).
pub const CODES: [&str; 10] = [
    "401-without-challenge",
    "407-without-challenge",
    "bearer-error-status",
    "error-without-credentials",
    "scheme-not-offered",
    "credentials-over-http",
    "mcp-resource-metadata",
    "repeated-credentials",
    "obs-fold",
    "malformed-field-line",
];

/// What `check` says about one exchange.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The request's method and target, when there was a request.
    pub request: Option<(String, String)>,
    /// The response's status, when there was a response.
    pub status: Option<u16>,
    /// The findings, message by message, line by line.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether any finding is an error.
    pub fn has_error(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Why the input could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable(pub String);

/// Reads and checks `input`.
pub fn check(input: &[u8]) -> Result<Vec<Report>, Unreadable> {
    let (_, exchanges) = read(input)?;
    Ok(exchanges.iter().map(check_exchange).collect())
}

// ---------------------------------------------------------------- reading

/// Finds the exchanges in `input`, whatever its [`Format`].
pub fn read(input: &[u8]) -> Result<(Format, Vec<Exchange>), Unreadable> {
    let input = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
    let first = input.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        return read_har(input).map(|e| (Format::Har, e));
    }
    let lines = split_lines(input);
    let verbose = lines.iter().any(|l| {
        let (b, _) = l;
        let b = &input[b.0..b.1];
        matches!(b.strip_prefix(b"> "), Some(r) if request_line(r).is_some())
            || matches!(b.strip_prefix(b"< "), Some(r) if status_line(r).is_some())
    });
    let (format, messages) = if verbose {
        (Format::CurlVerbose, read_verbose(input, &lines))
    } else {
        (Format::Raw, read_raw(input, &lines))
    };
    if messages.is_empty() {
        return Err(Unreadable(
            "no HTTP message found (expected a status line, a request line, `curl -v` output or a HAR file)".into(),
        ));
    }
    Ok((format, pair(messages)))
}

/// The lines of `input`: (start, end without the LF and one CR) and the
/// offset just past the LF.
type Line = ((usize, usize), usize);

fn split_lines(input: &[u8]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut at = 0;
    while at < input.len() {
        let (end, next) = match input[at..].iter().position(|&b| b == b'\n') {
            Some(i) => (at + i, at + i + 1),
            None => (input.len(), input.len()),
        };
        let end = if end > at && input[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        lines.push(((at, end), next));
        at = next;
    }
    lines
}

/// `HTTP/1.1 401 Unauthorized`, `HTTP/2 401`: the status and where it is.
fn status_line(l: &[u8]) -> Option<(u16, usize)> {
    let rest = l.strip_prefix(b"HTTP/")?;
    let v = rest
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b'.')
        .count();
    if v == 0 || v > 3 || !rest[0].is_ascii_digit() {
        return None;
    }
    let rest = rest[v..].strip_prefix(b" ")?;
    let code = rest.get(..3)?;
    if !code.iter().all(u8::is_ascii_digit) || rest.get(3).is_some_and(|&b| b != b' ') {
        return None;
    }
    let status = code.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
    Some((status, 5 + v + 1))
}

/// `GET /path HTTP/1.1`: the method and target.
fn request_line(l: &[u8]) -> Option<(String, String)> {
    let mut parts = l.split(|&b| b == b' ');
    let method = parts.next()?;
    let target = parts.next()?;
    let version = parts.next()?;
    if parts.next().is_some()
        || method.is_empty()
        || !method.iter().all(|&b| is_tchar(b))
        || target.is_empty()
        || !version.starts_with(b"HTTP/")
        || version.len() < 6
        || !version[5..]
            .iter()
            .all(|b| b.is_ascii_digit() || *b == b'.')
    {
        return None;
    }
    Some((lossy(method), lossy(target)))
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A message whose head is being read.
fn start_message(text: &[u8], line: usize) -> Option<Message> {
    let (start, status_at) = if let Some((status, at)) = status_line(text) {
        (StartLine::Response { status }, (at, at + 3))
    } else {
        let (method, target) = request_line(text)?;
        (StartLine::Request { method, target }, (0, 0))
    };
    Some(Message {
        text: text.to_vec(),
        line,
        status_at,
        start,
        fields: Vec::new(),
        malformed: Vec::new(),
    })
}

/// Adds one header line to `m` (RFC 9112 §5: `name ":" OWS value OWS`; a
/// line starting with SP or HTAB continues the previous one, §5.2). A line
/// that is neither goes to `m.malformed`, and the result is false.
fn add_field_line(m: &mut Message, l: &[u8], line: usize) -> bool {
    if matches!(l.first(), Some(b' ' | b'\t')) {
        if let Some(f) = m.fields.last_mut() {
            // RFC 9112 §5.2: replace the obs-fold with SP.
            let cont = trim_ows(l);
            f.value.truncate(trim_ows_end(&f.value).len());
            f.folds.push(f.value.len());
            // An empty continuation adds nothing (trailing OWS is not part
            // of the value, RFC 9110 §5.5).
            if !cont.is_empty() {
                f.value.push(b' ');
                f.value.extend_from_slice(cont);
            }
            return true;
        }
    }
    let colon = l.iter().position(|&b| b == b':');
    let Some(colon) = colon.filter(|&c| c > 0 && l[..c].iter().all(|&b| is_tchar(b))) else {
        m.malformed.push((l.to_vec(), line));
        return false;
    };
    let name = &l[..colon];
    m.fields.push(FieldLine {
        name: lossy(name),
        value: trim_ows(&l[colon + 1..]).to_vec(),
        line,
        folds: Vec::new(),
    });
    true
}

fn trim_ows(b: &[u8]) -> &[u8] {
    let s = b.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    trim_ows_end(&b[s..])
}

fn trim_ows_end(b: &[u8]) -> &[u8] {
    let e = b
        .iter()
        .rev()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    &b[..b.len() - e]
}

/// Raw heads: a start line, header lines, a blank line, then a body that is
/// skipped by its Content-Length, its chunks, or else up to the next line
/// that is a start line.
fn read_raw(input: &[u8], lines: &[Line]) -> Vec<Message> {
    let mut out: Vec<Message> = Vec::new();
    let mut i = 0;
    // Offset where the scan resumes, which may be inside a line (after a body
    // without a final newline, `HTTP/1.1 200 OK` follows on the same line).
    let mut resume: Option<usize> = None;
    while i < lines.len() {
        let ((mut s, e), _) = lines[i];
        if let Some(r) = resume.take() {
            s = s.max(r);
        }
        let Some(mut m) = start_message(&input[s..e], i + 1) else {
            i += 1;
            continue;
        };
        i += 1;
        let mut ended = false;
        while i < lines.len() {
            let ((s, e), _) = lines[i];
            i += 1;
            if s == e {
                ended = true;
                break;
            }
            // `curl -i` heads are well formed: a line that is not a field
            // line means this was no head (a body quoting a status line).
            if !add_field_line(&mut m, &input[s..e], i) {
                m.malformed.pop();
                break;
            }
        }
        if ended && i < lines.len() {
            let no_body = match (&m.start, out.last()) {
                (StartLine::Response { status }, prev) => {
                    *status < 200
                        || *status == 204
                        || *status == 304
                        || matches!(prev.map(|p| &p.start), Some(StartLine::Request { method, .. }) if method == "HEAD")
                }
                _ => false,
            };
            let body_start = lines[i].0 .0;
            if let Some(end) = (!no_body)
                .then(|| body_end(&m, input, body_start))
                .flatten()
            {
                // Move to the line holding `end`, resuming there.
                while i < lines.len() && lines[i].1 <= end {
                    i += 1;
                }
                if i < lines.len() && lines[i].0 .0 < end {
                    resume = Some(end);
                }
            }
        }
        out.push(m);
    }
    out
}

/// Where the body that starts at `at` ends, when its framing says so and
/// what follows is another message or the end of the input.
fn body_end(m: &Message, input: &[u8], at: usize) -> Option<usize> {
    let chunked = m.lines("transfer-encoding").any(|f| {
        f.value
            .split(|&b| b == b',')
            .next_back()
            .is_some_and(|c| trim_ows(c).eq_ignore_ascii_case(b"chunked"))
    });
    let end = if chunked {
        chunked_end(input, at)?
    } else {
        let f = m.lines("content-length").next()?;
        let v = trim_ows(f.value.split(|&b| b == b',').next()?);
        if v.is_empty() || v.len() > 15 || !v.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n = v.iter().fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
        at.checked_add(n).filter(|&e| e <= input.len())?
    };
    // Trust the framing only when it lands on a message or the end (blank
    // lines in between allowed).
    let rest = &input[end..];
    let skip = rest
        .iter()
        .take_while(|b| **b == b'\r' || **b == b'\n')
        .count();
    let rest = &rest[skip..];
    let line = &rest[..rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    (rest.is_empty() || start_message(line, 0).is_some()).then_some(end)
}

/// The end of a chunked body (RFC 9112 §7.1) starting at `at`.
fn chunked_end(input: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let nl = at + input.get(at..)?.iter().position(|&b| b == b'\n')?;
        let size_line = &input[at..nl];
        let hex = size_line
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        if hex == 0 || hex > 12 {
            return None;
        }
        let size = usize::from_str_radix(std::str::from_utf8(&size_line[..hex]).ok()?, 16).ok()?;
        at = nl + 1;
        if size == 0 {
            // Trailer section up to an empty line.
            loop {
                let nl = at + input.get(at..)?.iter().position(|&b| b == b'\n')?;
                let l = &input[at..nl];
                at = nl + 1;
                if l.is_empty() || l == b"\r" {
                    return Some(at);
                }
            }
        }
        at = at.checked_add(size)?;
        let rest = input.get(at..)?;
        at += if rest.starts_with(b"\r\n") {
            2
        } else if rest.starts_with(b"\n") {
            1
        } else {
            return None;
        };
    }
}

/// `curl -v`: `> ` lines are the request, `< ` lines the response; the rest
/// (`* ` notes, the body, `{ [5 bytes data]`) is ignored.
fn read_verbose(input: &[u8], lines: &[Line]) -> Vec<Message> {
    let mut out: Vec<Message> = Vec::new();
    // The message of each direction whose head is still open: index in `out`.
    let mut open: [Option<usize>; 2] = [None, None];
    for (n, &((s, e), _)) in lines.iter().enumerate() {
        let l = &input[s..e];
        let (dir, rest) = match l.first() {
            Some(b'>') => (0, &l[1..]),
            Some(b'<') => (1, &l[1..]),
            _ => continue,
        };
        let rest = match rest.first() {
            Some(b' ') => &rest[1..],
            None => rest,
            _ => continue,
        };
        let started = if dir == 0 {
            request_line(rest).is_some()
        } else {
            status_line(rest).is_some()
        };
        if started {
            if let Some(m) = start_message(rest, n + 1) {
                out.push(m);
                open[dir] = Some(out.len() - 1);
            }
        } else if let Some(k) = open[dir] {
            if rest.is_empty() {
                open[dir] = None;
            } else {
                add_field_line(&mut out[k], rest, n + 1);
            }
        }
    }
    out
}

/// HAR 1.2: `log.entries[].request` and `.response`, each with `headers`.
fn read_har(input: &[u8]) -> Result<Vec<Exchange>, Unreadable> {
    use serde_json::Value;
    let v: Value =
        serde_json::from_slice(input).map_err(|e| Unreadable(format!("not a HAR file: {e}")))?;
    let entries = v
        .get("log")
        .and_then(|l| l.get("entries"))
        .and_then(Value::as_array)
        .ok_or_else(|| Unreadable("not a HAR file: no log.entries".into()))?;
    let s = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_owned();
    let fields = |m: &Value| -> Vec<FieldLine> {
        let mut out = Vec::new();
        let list = m.get("headers").and_then(Value::as_array);
        for (i, h) in list.into_iter().flatten().enumerate() {
            let name = s(h.get("name"));
            // HTTP/2 and HTTP/3 pseudo-headers (`:status`) are not fields.
            if name.is_empty() || name.starts_with(':') {
                continue;
            }
            // Some exports join repeated fields with LF: one line each.
            for part in s(h.get("value")).split('\n') {
                out.push(FieldLine {
                    name: name.clone(),
                    value: trim_ows(part.as_bytes()).to_vec(),
                    line: i + 1,
                    folds: Vec::new(),
                });
            }
        }
        out
    };
    let version = |m: &Value| {
        let v = s(m.get("httpVersion"));
        match v.to_ascii_lowercase().as_str() {
            "" | "http/1.1" | "unknown" => "HTTP/1.1".to_owned(),
            "h2" | "http/2" | "http/2.0" => "HTTP/2".to_owned(),
            "h3" | "http/3" => "HTTP/3".to_owned(),
            _ => v.to_ascii_uppercase(),
        }
    };
    let mut out = Vec::new();
    for e in entries {
        let mut x = Exchange::default();
        if let Some(r) = e.get("request").filter(|r| r.is_object()) {
            let method = s(r.get("method"));
            let url = s(r.get("url"));
            x.request = Some(Message {
                text: format!("{method} {url} {}", version(r)).into_bytes(),
                line: 0,
                status_at: (0, 0),
                start: StartLine::Request {
                    method,
                    target: url.clone(),
                },
                fields: fields(r),
                malformed: Vec::new(),
            });
            x.url = Some(url);
        }
        if let Some(r) = e.get("response").filter(|r| r.is_object()) {
            let status = r.get("status").and_then(Value::as_u64).unwrap_or(0);
            // Chromium writes status 0 for a request that got no response.
            if let Ok(status @ 100..=999) = u16::try_from(status) {
                let v = version(r);
                let text = format!("{v} {status} {}", s(r.get("statusText")));
                x.response = Some(Message {
                    text: text.trim_end().as_bytes().to_vec(),
                    line: 0,
                    status_at: (v.len() + 1, v.len() + 4),
                    start: StartLine::Response { status },
                    fields: fields(r),
                    malformed: Vec::new(),
                });
            }
        }
        out.push(x);
    }
    Ok(out)
}

/// Pairs each request with the final response after it; interim (1xx)
/// responses are left out.
fn pair(messages: Vec<Message>) -> Vec<Exchange> {
    let mut out = Vec::new();
    let mut pending: Option<Message> = None;
    for m in messages {
        match m.start {
            StartLine::Request { .. } => {
                if let Some(r) = pending.replace(m) {
                    out.push(Exchange {
                        request: Some(r),
                        ..Exchange::default()
                    });
                }
            }
            StartLine::Response { status } if status < 200 => {}
            StartLine::Response { .. } => out.push(Exchange {
                request: pending.take(),
                response: Some(m),
                url: None,
            }),
        }
    }
    if let Some(r) = pending {
        out.push(Exchange {
            request: Some(r),
            ..Exchange::default()
        });
    }
    out
}

// ---------------------------------------------------------------- checking

/// Everything `check` finds in one exchange: the linter's findings for every
/// authentication header line, then the exchange checks.
pub fn check_exchange(x: &Exchange) -> Report {
    let mut c = Checker {
        findings: Vec::new(),
        texts: HashMap::new(),
    };
    let status = x.response.as_ref().and_then(Message::status);
    // The request's findings, then the response's, each in line order.
    if let Some(req) = &x.request {
        c.lines(req, status);
        // The URL: HAR says it; otherwise an absolute-form target (RFC 9112
        // §3.2.2, as sent to proxies) does.
        let url = x.url.as_deref().or(match &req.start {
            StartLine::Request { target, .. } if scheme_end(target).is_some() => {
                Some(target.as_str())
            }
            _ => None,
        });
        c.request(req, x.response.as_ref(), url);
    }
    let split = c.findings.len();
    if let Some(resp) = &x.response {
        c.lines(resp, status);
        c.response(resp, x.request.as_ref());
    }
    c.findings[..split].sort_by_key(|f| f.line);
    c.findings[split..].sort_by_key(|f| f.line);
    Report {
        request: x.request.as_ref().and_then(|r| match &r.start {
            StartLine::Request { method, target } => Some((method.clone(), target.clone())),
            StartLine::Response { .. } => None,
        }),
        status,
        findings: c.findings,
    }
}

/// The linter's findings about a challenge field as a whole: the Digest
/// algorithm offer, and a challenge offered twice.
const SCHEME_WIDE: [&str; 4] = [
    "digest-md5-only",
    "digest-md5-downgrade",
    "duplicate-challenge",
    "resource-metadata-repeated",
];

struct Checker {
    findings: Vec<Finding>,
    /// The text of each line findings were made about, shared, so that
    /// many findings on one long line stay linear (keyed by its address).
    texts: HashMap<usize, Rc<[u8]>>,
}

/// Where `sub` (a slice borrowed from `value`) starts in `value`.
fn offset_in(value: &[u8], sub: &[u8]) -> Option<usize> {
    let (v, s) = (value.as_ptr() as usize, sub.as_ptr() as usize);
    (s >= v && s + sub.len() <= v + value.len()).then(|| s - v)
}

impl Checker {
    fn text(&mut self, t: &[u8]) -> Rc<[u8]> {
        self.texts
            .entry(t.as_ptr() as usize)
            .or_insert_with(|| t.into())
            .clone()
    }

    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        f: &FieldLine,
        (start, end): (usize, usize),
        message: &'static str,
        fix: impl Into<Cow<'static, str>>,
    ) {
        let end = end.min(f.value.len());
        let text = self.text(&f.value);
        self.findings.push(Finding {
            severity,
            code,
            header: Some(f.name.clone()),
            text,
            line: f.line,
            start: start.min(end),
            end,
            message,
            fix: fix.into(),
        });
    }

    fn push_start(
        &mut self,
        severity: Severity,
        code: &'static str,
        m: &Message,
        message: &'static str,
        fix: &'static str,
    ) {
        let end = m.status_at.1.min(m.text.len());
        let text = self.text(&m.text);
        self.findings.push(Finding {
            severity,
            code,
            header: None,
            text,
            line: m.line,
            start: m.status_at.0.min(end),
            end,
            message,
            fix: fix.into(),
        });
    }

    /// The linter on every authentication header line, and what is wrong
    /// with the lines themselves.
    fn lines(&mut self, m: &Message, status: Option<u16>) {
        let multi = ["www-authenticate", "proxy-authenticate"].map(|n| m.lines(n).nth(1).is_some());
        for (text, line) in &m.malformed {
            let shown = self.text(text);
            self.findings.push(Finding {
                severity: Severity::Warning,
                code: "malformed-field-line",
                header: None,
                text: shown,
                line: *line,
                start: 0,
                end: text.len(),
                message: "a header line that is not `name: value` (RFC 9112 §5.1); it was skipped",
                fix: "write `Name: value`, with no space before the colon".into(),
            });
        }
        for f in &m.fields {
            for &at in &f.folds {
                self.push(
                    Severity::Warning,
                    "obs-fold",
                    f,
                    (at, at + 1),
                    "obsolete line folding: this value continued on the next line (RFC 9112 §5.2 forbids sending it)",
                    "write the whole value on one line",
                );
            }
            let Some(field) = AuthField::from_name(&f.name) else {
                continue;
            };
            // The findings about all the challenges of a field (the Digest
            // algorithm offer) are taken from all its lines together.
            let whole = match field {
                AuthField::WwwAuthenticate => multi[0],
                AuthField::ProxyAuthenticate => multi[1],
                _ => false,
            };
            let mut found = Vec::new();
            lint_field_with(field, &f.value, &mut |x| found.push(x));
            found.retain(|x| !(whole && SCHEME_WIDE.contains(&x.code)));
            for x in found {
                // With the status known, the exchange check below says
                // whether it is the right one; the linter's note is for a
                // value seen alone.
                if status.is_some() && matches!(x.code, "bearer-status-400" | "bearer-status-403") {
                    continue;
                }
                // RFC 6750 §3.1 pairs insufficient_scope with 403: on
                // another status, bearer-error-status says the status is
                // wrong, and the advice on which scope to list is the
                // 403's (as check had it before the rule moved into the
                // linter, which does not know the status).
                if x.code == "insufficient-scope-without-scope" && status != Some(403) {
                    continue;
                }
                let fix = x.fix_text(&f.value);
                self.push(x.severity, x.code, f, (x.start, x.end), x.message, fix);
            }
        }
    }

    /// The scheme-wide findings of the linter over every line of each
    /// challenge field of `m` that has more than one (RFC 9110 §5.3: they
    /// are one list), each put back on the line it points into.
    fn scheme_wide(&mut self, m: &Message) {
        for field in [AuthField::WwwAuthenticate, AuthField::ProxyAuthenticate] {
            if m.lines(field.name()).nth(1).is_none() {
                continue;
            }
            // A line that does not parse, even leniently, would make the
            // joined list fail: its own findings say why; the others are
            // still one list.
            let lines: Vec<&FieldLine> = m
                .lines(field.name())
                .filter(|f| {
                    ParseOptions::lenient()
                        .parse_challenges_with(&f.value, &mut |_| {})
                        .is_ok()
                })
                .collect();
            let mut joined = Vec::new();
            let mut at = Vec::new();
            for f in &lines {
                if !joined.is_empty() {
                    joined.extend_from_slice(b", ");
                }
                at.push(joined.len());
                joined.extend_from_slice(&f.value);
            }
            let mut found = Vec::new();
            lint_field_with(field, &joined, &mut |x| found.push(x));
            for x in found.into_iter().filter(|x| SCHEME_WIDE.contains(&x.code)) {
                let i = at.partition_point(|&s| s <= x.start).saturating_sub(1);
                let (f, s) = (lines[i], at[i]);
                let fix = x.fix_text(&joined);
                self.push(
                    x.severity,
                    x.code,
                    f,
                    (x.start - s, x.end.saturating_sub(s)),
                    x.message,
                    fix,
                );
            }
        }
    }

    fn response(&mut self, resp: &Message, req: Option<&Message>) {
        self.scheme_wide(resp);
        let status = resp.status().unwrap_or(0);
        let www = resp.lines("www-authenticate").count();
        if status == 401 && www == 0 {
            self.push_start(
                Severity::Error,
                "401-without-challenge",
                resp,
                "a 401 response without WWW-Authenticate: RFC 9110 §15.5.2 requires at least one challenge",
                "send `WWW-Authenticate` with the scheme the client should use, such as `Bearer realm=\"api\"`",
            );
        }
        if status == 407 && resp.lines("proxy-authenticate").next().is_none() {
            self.push_start(
                Severity::Error,
                "407-without-challenge",
                resp,
                "a 407 response without Proxy-Authenticate: RFC 9110 §15.5.8 requires at least one challenge",
                "send `Proxy-Authenticate` with the scheme the proxy accepts",
            );
        }
        for (name, cred) in [
            ("www-authenticate", "authorization"),
            ("proxy-authenticate", "proxy-authorization"),
        ] {
            let lines: Vec<&FieldLine> = resp.lines(name).collect();
            let lists: Vec<(&FieldLine, ChallengeList<'_>)> = lines
                .iter()
                .filter_map(|f| {
                    ParseOptions::lenient()
                        .parse_challenges_with(&f.value, &mut |_| {})
                        .ok()
                        .map(|l| (*f, l))
                })
                .collect();
            let sent_credentials = req.map(|r| r.lines(cred).next().is_some());
            // RFC 6750 and RFC 9728 are about origin servers (401), not
            // proxies (407).
            let origin = name == "www-authenticate";
            self.challenges(status, &lists, origin.then_some(sent_credentials));
        }
    }

    /// The checks over every challenge of one field, all its lines together
    /// (RFC 9110 §5.3: the lines of a list field make one list).
    /// `origin` is `None` for `Proxy-Authenticate`, else whether the request
    /// (when known) had credentials.
    fn challenges(
        &mut self,
        status: u16,
        lists: &[(&FieldLine, ChallengeList<'_>)],
        origin: Option<Option<bool>>,
    ) {
        let mut bearer_401: Option<(&FieldLine, usize)> = None;
        let mut resource_metadata = 0;
        for (f, list) in lists {
            for c in list.iter() {
                let s = c.offset();
                let bearer = c.is_scheme("Bearer") || c.is_scheme("DPoP");
                if !bearer {
                    continue;
                }
                let Some(sent_credentials) = origin else {
                    continue;
                };
                if status == 401 && c.is_scheme("Bearer") {
                    bearer_401.get_or_insert((f, s));
                }
                self.bearer(status, f, &c, sent_credentials);
                resource_metadata += c
                    .params()
                    .iter()
                    .filter(|p| p.is("resource_metadata"))
                    .count();
            }
        }
        if let (Some((f, c)), 0) = (bearer_401, resource_metadata) {
            self.push(
                Severity::Info,
                "mcp-resource-metadata",
                f,
                (c, c + 6),
                "a 401 from a Bearer-protected resource without resource_metadata: MCP authorization requires it (RFC 9728 §5.1), so that clients find the authorization server",
                "add resource_metadata=\"https://…/.well-known/oauth-protected-resource\"",
            );
        }
    }

    /// RFC 6750 §3.1 and its MCP use: the error against the status.
    fn bearer(
        &mut self,
        status: u16,
        f: &FieldLine,
        c: &Challenge<'_>,
        sent_credentials: Option<bool>,
    ) {
        let Some(p) = c.params().iter().find(|p| p.is("error")) else {
            return;
        };
        let r = param_range(&f.value, &p);
        let code = ErrorCode::from_value(p.value());
        if let Some(want) = code.status() {
            if want != status {
                let (message, fix) = match want {
                    400 => (
                        "invalid_request goes with 400 Bad Request (RFC 6750 §3.1)",
                        "answer 400, or use the error that fits this status",
                    ),
                    403 => (
                        "insufficient_scope goes with 403 Forbidden (RFC 6750 §3.1)",
                        "answer 403 for a valid token without the scope; 401 with invalid_token for a bad token",
                    ),
                    _ => (
                        "this error goes with 401 Unauthorized (RFC 6750 §3.1, RFC 9470, RFC 9449)",
                        "answer 401 for a missing or bad token; 403 with insufficient_scope for a valid token without the scope",
                    ),
                };
                self.push(Severity::Warning, "bearer-error-status", f, r, message, fix);
            }
        }
        if status == 401 && sent_credentials == Some(false) {
            self.push(
                Severity::Warning,
                "error-without-credentials",
                f,
                r,
                "an error code on a 401 that answered a request without credentials (RFC 6750 §3.1: SHOULD NOT)",
                "leave out error (and error_description) when the request had no token",
            );
        }
    }

    fn request(&mut self, req: &Message, resp: Option<&Message>, url: Option<&str>) {
        for (cred, chal) in [
            ("authorization", "www-authenticate"),
            ("proxy-authorization", "proxy-authenticate"),
        ] {
            let lines: Vec<&FieldLine> = req.lines(cred).collect();
            for f in lines.iter().skip(1) {
                self.push(
                    Severity::Error,
                    "repeated-credentials",
                    f,
                    (0, f.value.len()),
                    "credentials sent twice: the field is not a list, so it may appear once (RFC 9110 §5.3, §11.6.2)",
                    "send one credentials field",
                );
            }
            for f in &lines {
                let parsed = ParseOptions::lenient().parse_credentials_with(&f.value, &mut |_| {});
                let Ok(creds) = parsed else { continue };
                let s = offset_in(&f.value, creds.scheme().as_bytes()).unwrap_or(0);
                let scheme = (s, s + creds.scheme().len());
                if cred == "authorization" {
                    let plain = url.filter(|u| {
                        u.get(..7)
                            .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
                    });
                    if let Some(u) = plain {
                        if !is_secure_url(u) {
                            let sev = if creds.is_scheme("Digest") {
                                Severity::Warning
                            } else {
                                Severity::Error
                            };
                            self.push(
                                sev,
                                "credentials-over-http",
                                f,
                                scheme,
                                "credentials sent over plain http:// to a host that is not loopback: anyone on the path can read them (RFC 7617 §4, RFC 6750 §5.3)",
                                "use https://",
                            );
                        }
                    }
                }
                // Scheme not offered, for the first credentials line (the
                // others are repeated-credentials): over every challenge
                // line, each parsed once (the linter looks at one value).
                let Some(resp) = resp else { continue };
                if !std::ptr::eq(*f, lines[0]) {
                    continue;
                }
                let mut offered = false;
                let mut one_line = None;
                for c in resp.lines(chal) {
                    let opts = ParseOptions::lenient();
                    let Ok(list) = opts.parse_challenges_with(&c.value, &mut |_| {}) else {
                        // Unreadable: the linter says so; do not guess.
                        offered = true;
                        break;
                    };
                    one_line.get_or_insert(c);
                    if list.iter().any(|ch| ch.is_scheme(creds.scheme())) {
                        offered = true;
                        break;
                    }
                }
                if let (false, Some(c)) = (offered, one_line) {
                    let mut hit = None;
                    lint_offered_with(&c.value, &f.value, &mut |x| hit = Some(x));
                    if let Some(x) = hit {
                        let fix = x.fix_text(&f.value);
                        self.push(x.severity, x.code, f, (x.start, x.end), x.message, fix);
                    }
                }
            }
        }
    }
}

/// The range of a parameter: its name to the end of its value.
fn param_range(value: &[u8], p: &auth_headers::Param<'_>) -> (usize, usize) {
    let s = p.offset();
    let raw = p.value().raw();
    let mut e = offset_in(value, raw).map_or(s + p.name().len(), |o| o + raw.len());
    if value.get(e) == Some(&b'"') && p.value().is_quoted() {
        e += 1;
    }
    (s.min(value.len()), e.clamp(s.min(value.len()), value.len()))
}

// ---------------------------------------------------------------- output

/// Appends one exchange as one JSON object on one line:
/// `{"request":{"method":…,"target":…} or null,"status":N or null,"findings":[…]}`.
pub fn json_report(r: &Report, out: &mut String) {
    out.push_str("{\"request\":");
    match &r.request {
        Some((m, t)) => {
            out.push_str("{\"method\":");
            crate::json_str(m, out);
            out.push_str(",\"target\":");
            crate::json_str(&redact_target(t), out);
            out.push('}');
        }
        None => out.push_str("null"),
    }
    out.push_str(",\"status\":");
    match r.status {
        Some(s) => {
            let _ = write!(out, "{s}");
        }
        None => out.push_str("null"),
    }
    out.push_str(",\"findings\":[");
    for (i, f) in r.findings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"severity\":");
        crate::json_str(f.severity.as_str(), out);
        out.push_str(",\"code\":");
        crate::json_str(f.code, out);
        out.push_str(",\"header\":");
        match &f.header {
            Some(h) => crate::json_str(h, out),
            None => out.push_str("null"),
        }
        let _ = write!(
            out,
            ",\"line\":{},\"start\":{},\"end\":{},\"message\":",
            f.line, f.start, f.end
        );
        crate::json_str(f.message, out);
        out.push_str(",\"fix\":");
        crate::json_str(&f.fix, out);
        out.push('}');
    }
    out.push_str("]}\n");
}

/// Appends one exchange for people: what it was, then each finding with
/// its line and a caret line under the range.
pub fn text_report(r: &Report, out: &mut String) {
    match (&r.request, r.status) {
        (Some((m, t)), Some(s)) => {
            let _ = writeln!(out, "{m} {} -> {s}", redact_target(t));
        }
        (Some((m, t)), None) => {
            let _ = writeln!(out, "{m} {} (no response)", redact_target(t));
        }
        (None, Some(s)) => {
            let _ = writeln!(out, "response {s}");
        }
        (None, None) => out.push_str("(empty exchange)\n"),
    }
    if r.findings.is_empty() {
        out.push_str("  no findings\n");
    }
    for f in &r.findings {
        let _ = writeln!(
            out,
            "  {}[{}] line {}, bytes {}..{}: {}",
            f.severity, f.code, f.line, f.start, f.end, f.message
        );
        let prefix = match &f.header {
            Some(h) => format!("{h}: "),
            None => String::new(),
        };
        let (v, (start, end)) = match shown_pieces(f) {
            Some(pieces) => redacted(&f.text, pieces, (f.start, f.end)),
            None => (crate::visible(&f.text), (f.start, f.end)),
        };
        let _ = writeln!(out, "    {prefix}{}", v.text);
        let pad = prefix.chars().count();
        let _ = writeln!(out, "    {:pad$}{}", "", crate::carets(&v, start, end));
        let _ = writeln!(out, "    fix: {}", f.fix);
    }
}

/// A stretch `start..end` of a finding's text and whether it is printed
/// (else it stands as one `<redacted>`).
type Shown = (usize, usize, bool);

/// What of the text of `f` is printed, in order and without gaps; `None`
/// when all of it is (a start line, a malformed line that is not an
/// authentication header's).
///
/// - The value of an authentication header line (any of the six, RFC 9110
///   §11.6, §11.7): the core's redaction rule ([`redacted_pieces`], the
///   one `Debug` follows): scheme, parameter names, separators and public
///   values (`realm`, …) shown; a token68 (credentials' or a challenge's,
///   Negotiate's server token) and any other value (`rspauth`,
///   `nextnonce`, a password) masked.
/// - A malformed line that starts with one of those names: the name, then
///   the rest by the same rule.
/// - The value of any other header (an obs-fold in a `Cookie`): only the
///   range of the finding, the rest masked; the header's own rules for
///   what is secret are not known here.
fn shown_pieces(f: &Finding) -> Option<Vec<Shown>> {
    let core = |at: usize| {
        std::iter::once((0, at, true))
            .chain(redacted_pieces(&f.text[at..]).map(|p| (at + p.start, at + p.end, p.shown)))
            .filter(|(a, b, _)| a < b)
            .collect()
    };
    if let Some(h) = &f.header {
        if AuthField::from_name(h).is_some() {
            return Some(core(0));
        }
        let (start, end) = (f.start.min(f.text.len()), f.end.min(f.text.len()));
        let pieces = [
            (0, start, false),
            (start, end, true),
            (end, f.text.len(), false),
        ];
        return Some(pieces.into_iter().filter(|(a, b, _)| a < b).collect());
    }
    let lead = f
        .text
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let rest = &f.text[lead..];
    AuthField::ALL
        .iter()
        .map(|field| field.name().as_bytes())
        .find(|n| {
            rest.get(..n.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(n))
        })
        .map(|n| core(lead + n.len()))
}

/// `text` made printable by `pieces` (see [`shown_pieces`]): the shown
/// ones as written, each masked one as `<redacted>`, and the range
/// `start..end` widened to whole masked pieces, so that the caret covers
/// the `<redacted>` it points into.
fn redacted(
    text: &[u8],
    pieces: Vec<Shown>,
    (mut start, mut end): (usize, usize),
) -> (crate::Visible, (usize, usize)) {
    const MASK: &str = "<redacted>";
    let mut shown = crate::Visible {
        text: String::new(),
        columns: Vec::with_capacity(text.len() + 1),
    };
    let mut col = 0;
    for (a, b, show) in pieces {
        if show {
            let v = crate::visible(&text[a..b]);
            shown.text.push_str(&v.text);
            shown
                .columns
                .extend(v.columns[..b - a].iter().map(|c| col + c));
            col += v.columns[b - a];
        } else {
            shown.text.push_str(MASK);
            shown.columns.extend(std::iter::repeat(col).take(b - a));
            col += MASK.chars().count();
            if a < start && start < b {
                start = a;
            }
            if a < end && end < b {
                end = b;
            }
        }
    }
    shown.columns.push(col);
    (shown, (start, end))
}

/// Where the `://` after the scheme of an absolute URL is in `t`: only
/// when everything before it is a scheme (RFC 3986 §3.1: `ALPHA *( ALPHA /
/// DIGIT / "+" / "-" / "." )`). An origin-form target (RFC 9112 §3.2.1)
/// has none, even when its query holds a URL (`/cb?next=http://a/`).
fn scheme_end(t: &str) -> Option<usize> {
    let i = t.find("://")?;
    let scheme = &t.as_bytes()[..i];
    let ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    ok.then_some(i)
}

/// A request target (or HAR URL) without the credentials a URL can carry:
/// the password of its userinfo (RFC 3986 §3.2.1, deprecated there) and
/// an `access_token` query parameter (RFC 6750 §2.3), each replaced by
/// `<redacted>`. Anything else is as written.
fn redact_target(t: &str) -> Cow<'_, str> {
    const MASK: &str = "<redacted>";
    // The byte ranges to mask, in order.
    let mut hide: Vec<(usize, usize)> = Vec::new();
    let path_at = match scheme_end(t) {
        Some(i) => {
            let auth_start = i + 3;
            let auth_end = t[auth_start..]
                .find(['/', '?', '#'])
                .map_or(t.len(), |e| auth_start + e);
            if let Some(at) = t[auth_start..auth_end].rfind('@') {
                if let Some(colon) = t[auth_start..auth_start + at].find(':') {
                    hide.push((auth_start + colon + 1, auth_start + at));
                }
            }
            auth_end
        }
        None => 0,
    };
    if let Some(q) = t[path_at..].find('?').map(|q| path_at + q + 1) {
        let q_end = t[q..].find('#').map_or(t.len(), |e| q + e);
        let mut at = q;
        for pair in t[q..q_end].split('&') {
            if let Some(v) = pair.strip_prefix("access_token=") {
                let v_at = at + pair.len() - v.len();
                hide.push((v_at, v_at + v.len()));
            }
            at += pair.len() + 1;
        }
    }
    hide.retain(|(a, b)| a < b);
    if hide.is_empty() {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut from = 0;
    for (a, b) in hide {
        out.push_str(&t[from..a]);
        out.push_str(MASK);
        from = b;
    }
    out.push_str(&t[from..]);
    Cow::Owned(out)
}
