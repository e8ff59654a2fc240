//! The parser against the ABNF: a naive recognizer of RFC 9110 §11 (with
//! §5.6), written here from the RFC text and nothing else, says whether a
//! value belongs to the language; the parser must accept exactly those
//! values (strict mode), less the ones RFC 9110 §5.5 rules out for field
//! values (leading or trailing whitespace that is not part of a list
//! separator).
//!
//! The recognizer works on sets of positions: each rule maps the set of
//! places where it may start to the set of places where it may end. It is
//! slow (quadratic and worse) and obviously right, which is what an oracle
//! should be; it reports only accept or refuse, never structure.

use auth_headers::{parse_auth_info, parse_challenges, parse_credentials};
use proptest::prelude::*;

use crate::cases::config;
use proptest::sample::select;

type Set = Vec<bool>;

struct Abnf<'a> {
    v: &'a [u8],
}

// RFC 9110 §5.6.2 tchar, §11.2 token68 characters, §5.6.4 qdtext and the
// byte after a quoted-pair's backslash, §5.6.3 OWS.
fn tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}
fn t68char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~+/".contains(&b)
}
fn qdtext(b: u8) -> bool {
    b == b'\t'
        || b == b' '
        || b == 0x21
        || (0x23..=0x5b).contains(&b)
        || (0x5d..=0x7e).contains(&b)
        || b >= 0x80
}
fn qpair(b: u8) -> bool {
    b == b'\t' || b == b' ' || (0x21..=0x7e).contains(&b) || b >= 0x80
}
fn ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

impl Abnf<'_> {
    fn none(&self) -> Set {
        vec![false; self.v.len() + 1]
    }
    fn start(&self) -> Set {
        let mut s = self.none();
        s[0] = true;
        s
    }
    fn union(mut a: Set, b: &Set) -> Set {
        a.iter_mut().zip(b).for_each(|(x, y)| *x |= *y);
        a
    }
    /// `min*class`
    fn run(&self, s: &Set, class: impl Fn(u8) -> bool, min: usize) -> Set {
        let mut out = self.none();
        for p in (0..s.len()).filter(|&p| s[p]) {
            let mut k = 0;
            loop {
                if k >= min {
                    out[p + k] = true;
                }
                if p + k < self.v.len() && class(self.v[p + k]) {
                    k += 1;
                } else {
                    break;
                }
            }
        }
        out
    }
    fn byte(&self, s: &Set, b: u8) -> Set {
        let mut out = self.none();
        for p in (0..self.v.len()).filter(|&p| s[p] && self.v[p] == b) {
            out[p + 1] = true;
        }
        out
    }
    /// `[ rule ]`
    fn opt(&self, s: &Set, rule: impl Fn(&Set) -> Set) -> Set {
        Self::union(rule(s), s)
    }
    /// `*rule`
    fn star(&self, s: &Set, rule: impl Fn(&Set) -> Set) -> Set {
        let mut all = s.clone();
        let mut frontier = s.clone();
        loop {
            let next = rule(&frontier);
            let new: Set = next.iter().zip(&all).map(|(n, a)| *n && !*a).collect();
            if !new.contains(&true) {
                return all;
            }
            all = Self::union(all, &new);
            frontier = new;
        }
    }
    fn token(&self, s: &Set) -> Set {
        self.run(s, tchar, 1)
    }
    fn ows(&self, s: &Set) -> Set {
        self.run(s, ws, 0)
    }
    /// `token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`
    fn token68(&self, s: &Set) -> Set {
        let body = self.run(s, t68char, 1);
        self.run(&body, |b| b == b'=', 0)
    }
    /// `quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE`
    fn quoted_string(&self, s: &Set) -> Set {
        // qdtext / quoted-pair, one at a time
        let inner = |x: &Set| {
            let mut out = self.run(x, qdtext, 1);
            for p in (0..self.v.len()).filter(|&p| x[p] && self.v[p] == b'\\') {
                if p + 1 < self.v.len() && qpair(self.v[p + 1]) {
                    out[p + 2] = true;
                }
            }
            out
        };
        let open = self.byte(s, b'"');
        self.byte(&self.star(&open, inner), b'"')
    }
    /// `auth-param = token BWS "=" BWS ( token / quoted-string )`
    fn auth_param(&self, s: &Set) -> Set {
        let eq = self.ows(&self.byte(&self.ows(&self.token(s)), b'='));
        Self::union(self.token(&eq), &self.quoted_string(&eq))
    }
    /// `#element = [ element ] *( OWS "," OWS [ element ] )`
    fn list(&self, s: &Set, element: impl Fn(&Set) -> Set) -> Set {
        let first = self.opt(s, &element);
        self.star(&first, |x| {
            let sep = self.ows(&self.byte(&self.ows(x), b','));
            self.opt(&sep, &element)
        })
    }
    /// `challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]`, also
    /// `credentials`.
    fn challenge(&self, s: &Set) -> Set {
        let scheme = self.token(s);
        self.opt(&scheme, |x| {
            let sp = self.run(x, |b| b == b' ', 1);
            Self::union(self.token68(&sp), &self.list(&sp, |y| self.auth_param(y)))
        })
    }
    fn whole(&self, ends: Set) -> bool {
        ends[self.v.len()]
    }
}

/// RFC 9110 §5.5: a field value has no leading or trailing whitespace. The
/// crate takes whitespace next to a comma as part of the list rule's
/// `OWS "," OWS`, so it refuses only whitespace that is not.
fn ends_ok(v: &[u8]) -> bool {
    let lead = v.iter().take_while(|&&b| ws(b)).count();
    let lead_ok = lead == 0 || v.get(lead) == Some(&b',');
    let trail_ok = !v.last().is_some_and(|&b| ws(b)) || {
        let run = v.iter().rev().take_while(|&&b| ws(b) || b == b',').count();
        v[v.len() - run..].contains(&b',')
    };
    lead_ok && trail_ok
}

fn oracle_challenges(v: &[u8]) -> bool {
    let g = Abnf { v };
    g.whole(g.list(&g.start(), |s| g.challenge(s))) && ends_ok(v)
}

fn oracle_credentials(v: &[u8]) -> bool {
    let g = Abnf { v };
    g.whole(g.challenge(&g.start())) && ends_ok(v)
}

fn oracle_auth_info(v: &[u8]) -> bool {
    let g = Abnf { v };
    g.whole(g.list(&g.start(), |s| g.auth_param(s))) && ends_ok(v)
}

fn agree(v: &[u8]) {
    let show = String::from_utf8_lossy(v);
    let ch = parse_challenges(v);
    assert_eq!(
        ch.is_ok(),
        oracle_challenges(v),
        "challenges {show:?}: {ch:?}"
    );
    let cr = parse_credentials(v);
    assert_eq!(
        cr.is_ok(),
        oracle_credentials(v),
        "credentials {show:?}: {cr:?}"
    );
    let ai = parse_auth_info(v);
    assert_eq!(
        ai.is_ok(),
        oracle_auth_info(v),
        "auth-info {show:?}: {ai:?}"
    );
}

// The oracle itself, on the RFC examples and on what the RFC refuses.
#[test]
fn oracle_knows_the_rfc() {
    assert!(oracle_challenges(
        br#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#
    ));
    assert!(oracle_challenges(b"Negotiate abc==, NTLM"));
    assert!(oracle_challenges(b""));
    assert!(!oracle_challenges(b"Bearer, error=x"));
    assert!(!oracle_challenges(br#"Bearer realm="x" error="y""#));
    assert!(oracle_credentials(b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
    assert!(!oracle_credentials(b"Basic a, Bearer b"));
    assert!(!oracle_credentials(b""));
    assert!(oracle_auth_info(br#"nextnonce="a\"b", qop=auth"#));
    assert!(!oracle_auth_info(b"Digest a=b"));
    assert!(!oracle_challenges(b"Basic "));
    assert!(oracle_challenges(b"Basic ,"));
}

// Every string of up to six bytes over the grammar's special bytes, bare and
// after `X `.
#[test]
fn agrees_on_every_short_special_string() {
    const ALPHABET: &[u8] = b",=\"\\ \ta";
    let mut v = Vec::new();
    for len in 0..=5u32 {
        for mut code in 0..ALPHABET.len().pow(len) {
            v.clear();
            for _ in 0..len {
                v.push(ALPHABET[code % ALPHABET.len()]);
                code /= ALPHABET.len();
            }
            agree(&v);
            let mut body = b"X ".to_vec();
            body.extend_from_slice(&v);
            agree(&body);
        }
    }
}

proptest! {
    #![proptest_config(config(2048))]

    #[test]
    fn agrees_on_special_strings(v in prop::collection::vec(select(b", =\"\\\ta/!Bx".as_slice()), 0..24)) {
        agree(&v);
    }

    #[test]
    fn agrees_on_bodies(
        scheme in select(vec!["X", "Basic", "a"]),
        v in prop::collection::vec(select(b", =\"\\\ta/!Bx\x01\x80".as_slice()), 0..24),
    ) {
        let mut full = scheme.as_bytes().to_vec();
        full.push(b' ');
        full.extend_from_slice(&v);
        agree(&full);
    }
}
