//! What each implementation does with a corpus entry, shared by
//! `benches/peers.rs` and `examples/perfcount.rs`.
//!
//! Every job parses the value and touches what a caller would use (scheme,
//! token68, every parameter name and value), returning a checksum so that
//! nothing is optimised away. A job that an implementation cannot do is
//! `None` (see [`Imp::job`]); the reason is in [`Imp::limits`].

use crate::corpus::{Entry, Kind};

/// The implementations measured side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Imp {
    /// This crate.
    Ours,
    /// `http-auth` 0.1: `ChallengeParser` (challenges only).
    HttpAuth,
    /// `headers` 0.4: `Authorization<Bearer>` / `Authorization<Basic>`.
    Headers,
    /// `www_authenticate_parser` 1: `parse_header` (one challenge per call).
    WwwAuthParser,
    /// Floor: one 256-entry table lookup per byte.
    FloorTable,
    /// Floor: `memchr` scan for `"` and `,`.
    FloorMemchr,
}

/// Everything, in table order.
pub const ALL: [Imp; 6] = [
    Imp::Ours,
    Imp::HttpAuth,
    Imp::Headers,
    Imp::WwwAuthParser,
    Imp::FloorTable,
    Imp::FloorMemchr,
];

/// An entry made ready for every implementation (the `HeaderValue` is built
/// once, outside the timed loop, as a server receives it).
pub struct Prepared {
    /// The entry.
    pub entry: Entry,
    /// The value as an `http::HeaderValue`.
    pub header: http::HeaderValue,
}

impl Prepared {
    /// Prepares `entry`.
    pub fn new(entry: Entry) -> Self {
        let header = http::HeaderValue::from_bytes(entry.value.as_bytes()).expect("valid value");
        Prepared { entry, header }
    }
}

/// A job: parse and touch, returning a checksum.
pub type Job = fn(&Prepared) -> usize;

impl Imp {
    /// Short name used in bench ids and the report.
    pub fn name(self) -> &'static str {
        match self {
            Imp::Ours => "auth-headers",
            Imp::HttpAuth => "http-auth",
            Imp::Headers => "headers",
            Imp::WwwAuthParser => "www_authenticate_parser",
            Imp::FloorTable => "floor-table",
            Imp::FloorMemchr => "floor-memchr",
        }
    }

    /// Parses a name given by [`Imp::name`].
    pub fn from_name(s: &str) -> Option<Imp> {
        ALL.into_iter().find(|i| i.name() == s)
    }

    /// What the implementation does not do.
    pub fn limits(self) -> &'static str {
        match self {
            Imp::HttpAuth => "no credentials parser",
            Imp::Headers => "credentials only, Bearer and Basic only",
            Imp::WwwAuthParser => "one challenge per value",
            _ => "",
        }
    }

    /// The job for `entry`, or `None` if this implementation does not do it.
    pub fn job(self, entry: &Entry) -> Option<Job> {
        let single = entry.challenges == 1;
        match (self, entry.kind) {
            // Basic: decoded into a caller buffer, as `headers` decodes it (into a String).
            (Imp::Ours, Kind::Credentials) if entry.value.starts_with("Basic ") => Some(ours_basic),
            (Imp::Ours, Kind::Credentials) => Some(ours_credentials),
            (Imp::Ours, Kind::Challenges) => Some(ours_challenges),
            (Imp::HttpAuth, Kind::Challenges) => Some(http_auth_challenges),
            (Imp::Headers, Kind::Credentials) if entry.value.starts_with("Bearer ") => {
                Some(headers_bearer)
            }
            (Imp::Headers, Kind::Credentials) if entry.value.starts_with("Basic ") => {
                Some(headers_basic)
            }
            (Imp::WwwAuthParser, Kind::Challenges) if single => Some(www_auth_parser),
            (Imp::FloorTable, _) => Some(floor_table),
            (Imp::FloorMemchr, _) => Some(floor_memchr),
            _ => None,
        }
    }
}

fn ours_credentials(p: &Prepared) -> usize {
    match auth_headers::parse_credentials(p.header.as_bytes()) {
        Ok(c) => {
            let mut n = c.scheme().len() + usize::from(c.is_scheme("Bearer"));
            if let Some(t) = c.token68() {
                n += t.len();
            }
            for param in c.params() {
                n += param.name().len() + param.value().raw().len();
            }
            n
        }
        Err(_) => usize::MAX,
    }
}

fn ours_basic(p: &Prepared) -> usize {
    use auth_headers::schemes::basic;
    let mut buf = [0u8; 128];
    let Ok(c) = basic::parse_credentials(p.header.as_bytes()) else {
        return usize::MAX;
    };
    match c
        .decode_into(&mut buf)
        .map(|up| up.to_utf8().map(|(u, pw)| u.len() + pw.len()))
    {
        Ok(Ok(n)) => n,
        _ => usize::MAX,
    }
}

fn ours_challenges(p: &Prepared) -> usize {
    let mut n = 0;
    for c in auth_headers::Challenges::new(p.entry.value.as_bytes()) {
        match c {
            Ok(c) => {
                n += c.scheme().len();
                if let Some(t) = c.token68() {
                    n += t.len();
                }
                for param in c.params() {
                    n += param.name().len() + param.value().raw().len();
                }
            }
            Err(_) => return usize::MAX,
        }
    }
    n
}

fn http_auth_challenges(p: &Prepared) -> usize {
    let mut n = 0;
    for c in http_auth::ChallengeParser::new(&p.entry.value) {
        match c {
            Ok(c) => {
                n += c.scheme.len();
                for (name, value) in &c.params {
                    n += name.len() + value.as_escaped().len();
                }
            }
            Err(_) => return usize::MAX,
        }
    }
    n
}

fn headers_bearer(p: &Prepared) -> usize {
    use headers::authorization::{Authorization, Bearer};
    use headers::Header;
    match Authorization::<Bearer>::decode(&mut core::iter::once(&p.header)) {
        Ok(a) => a.token().len(),
        Err(_) => usize::MAX,
    }
}

fn headers_basic(p: &Prepared) -> usize {
    use headers::authorization::{Authorization, Basic};
    use headers::Header;
    match Authorization::<Basic>::decode(&mut core::iter::once(&p.header)) {
        Ok(a) => a.username().len() + a.password().len(),
        Err(_) => usize::MAX,
    }
}

fn www_auth_parser(p: &Prepared) -> usize {
    use www_authenticate_parser::Challenge;
    match www_authenticate_parser::parse_header(&p.entry.value) {
        Ok((scheme, Challenge::Fields(f))) => scheme.len() + f.len(),
        Ok((scheme, Challenge::Token68(t))) => scheme.len() + t.len(),
        Err(_) => usize::MAX,
    }
}

/// A 256-entry table built from the crate's public byte classes.
static TABLE: std::sync::LazyLock<[u8; 256]> = std::sync::LazyLock::new(|| {
    use auth_headers::chars::*;
    let mut t = [0u8; 256];
    for (b, slot) in (0..=255u8).zip(t.iter_mut()) {
        *slot = u8::from(is_tchar(b))
            | u8::from(is_token68_char(b)) << 1
            | u8::from(is_qdtext(b)) << 2
            | u8::from(is_ows(b)) << 3
            | u8::from(is_ctl(b)) << 4;
    }
    t
});

fn floor_table(p: &Prepared) -> usize {
    let t: &[u8; 256] = &TABLE;
    let mut acc = 0usize;
    for &b in p.entry.value.as_bytes() {
        acc += usize::from(t[usize::from(b)]);
    }
    acc
}

fn floor_memchr(p: &Prepared) -> usize {
    memchr::memchr2_iter(b'"', b',', p.entry.value.as_bytes()).count()
}
