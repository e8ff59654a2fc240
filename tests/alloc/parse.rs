//! Parsing allocates nothing: a counting global allocator, measured around
//! every parse and read of every header kind.
//!
//! The count is kept per thread (`support/allocator.rs`), so tests running in
//! parallel (and the test harness itself) do not disturb each other's
//! measurement.

use std::fmt::Write as _;

use auth_headers::{
    parse_auth_info, parse_challenges, parse_credentials, Challenges, ChallengesOfLines, ParamValue,
};

use crate::allocator::{allocations, FixedBuf};

/// Reads a value every way that does not produce an owned result: unescaped
/// bytes, comparisons, length, borrowed text, writing into a fixed buffer,
/// Display and Debug.
fn read_value(v: ParamValue<'_>, out: &mut FixedBuf) -> usize {
    let mut sum = v.bytes().map(usize::from).sum::<usize>();
    sum += v.len() + usize::from(v.eq_str("x")) + usize::from(v.eq_ignore_ascii_case("AUTH"));
    sum += usize::from(v.eq_bytes(b"y")) + v.as_str().map_or(0, str::len) + v.raw().len();
    v.write_to(out).unwrap();
    write!(out, "{v}|{v:?}|").unwrap();
    sum
}

// The counter works: an allocation inside the measured closure is seen, so a
// zero below is a real zero.
#[test]
fn counter_sees_an_allocation() {
    assert_eq!(allocations(|| Vec::<u8>::with_capacity(16)), 1);
    assert_eq!(allocations(|| String::from("allocates")), 1);
    assert_eq!(allocations(|| 1 + 1), 0);
}

// Owned conveniences (`alloc` feature) do allocate when they must, and the
// counter sees it.
#[cfg(feature = "alloc")]
#[test]
fn counter_sees_owned_unescaping() {
    let c = parse_credentials(r#"X a="q\"d", b=tok"#).unwrap();
    assert_eq!(allocations(|| c.param("a").unwrap().to_str()), 1);
    assert_eq!(
        allocations(|| c.param("b").unwrap().to_str()),
        0,
        "borrowed Cow"
    );
}

const CHALLENGES: &str = r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple", Negotiate abc==, Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;

// WWW-Authenticate / Proxy-Authenticate, read whole (RFC 9110 §11.6.1).
#[test]
fn challenges_whole() {
    let mut out = FixedBuf::new();
    let n = allocations(|| {
        let list = parse_challenges(CHALLENGES).unwrap();
        list.validate().unwrap();
        let mut sum = list.len();
        for c in list.iter() {
            sum += c.scheme().len() + c.token68().map_or(0, str::len) + c.offset();
            for p in c.params() {
                sum += p.name().len() + p.offset() + usize::from(p.is("realm"));
                sum += read_value(p.value(), &mut out);
            }
        }
        let d = list.find("DIGEST").unwrap();
        sum += read_value(d.param("QOP").unwrap(), &mut out);
        sum += read_value(
            list.find("newauth").unwrap().param("title").unwrap(),
            &mut out,
        );
        sum += d.realm().unwrap().len() + d.params().len();
        sum
    });
    assert_eq!(n, 0);
    assert!(out.as_str().contains(r#"Login to "apps""#));
}

// The lazy iterator, including one that stops at an error.
#[test]
fn challenges_lazy() {
    let n = allocations(|| {
        let mut sum = 0;
        for c in Challenges::new(CHALLENGES) {
            let c = c.unwrap();
            sum += c.scheme().len();
            sum += c.params().iter().map(|p| p.value().len()).sum::<usize>();
        }
        sum
    });
    assert_eq!(n, 0);
    let n = allocations(|| Challenges::new(r#"Basic realm="x", Bearer error="y" z"#).count());
    assert_eq!(n, 0);
}

// Several header lines of one field.
#[test]
fn challenges_of_lines() {
    let lines = [
        "Negotiate, NTLM",
        r#"Basic realm="intranet", charset="UTF-8""#,
        r#"Bearer realm="api", error="invalid_token""#,
    ];
    let bytes: [&[u8]; 2] = [b"Basic realm=\"caf\xc3\xa9\xff\"", b"Bearer"];
    let mut out = FixedBuf::new();
    let n = allocations(|| {
        let mut sum = 0;
        for c in ChallengesOfLines::new(lines) {
            let c = c.unwrap();
            sum += c.scheme().len();
            if let Some(v) = c.param("error") {
                sum += read_value(v, &mut out);
            }
        }
        for c in ChallengesOfLines::new(bytes) {
            let c = c.unwrap();
            if let Some(v) = c.realm() {
                sum += read_value(v, &mut out);
            }
        }
        sum
    });
    assert_eq!(n, 0);
    assert!(out.as_str().contains("invalid_token"));
    assert!(out.as_str().contains("café\u{FFFD}"));
}

// Authorization / Proxy-Authorization (RFC 9110 §11.6.2), token68 and params,
// &str and &[u8], and Debug (redacted) into a fixed buffer.
#[test]
fn credentials() {
    let digest = r#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="8ca523f5e9506fed4657c9700eebdbec", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;
    let basic: &[u8] = b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    let escaped: &[u8] = b"X a=\"q\\\"uo\\\\te \xfe\"";
    let mut out = FixedBuf::new();
    let n = allocations(|| {
        let c = parse_credentials(digest).unwrap();
        c.params().check_unique().unwrap();
        let mut sum = usize::from(c.is_scheme("digest"));
        for p in c.params() {
            sum += read_value(p.value(), &mut out);
        }
        sum += read_value(c.param("Response").unwrap(), &mut out);
        let b = parse_credentials(basic).unwrap();
        sum += b.token68().unwrap().len();
        let e = parse_credentials(escaped).unwrap();
        sum += read_value(e.param("a").unwrap(), &mut out);
        write!(out, "{c:?}{b:?}").unwrap();
        sum
    });
    assert_eq!(n, 0);
    assert!(out.as_str().contains("<redacted>"));
}

// Authentication-Info / Proxy-Authentication-Info (RFC 9110 §11.6.3, RFC 7615 §3).
#[test]
fn auth_info() {
    let v = r#"nextnonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", qop=auth, rspauth="8ca5\"23", nc=00000001"#;
    let mut out = FixedBuf::new();
    let n = allocations(|| {
        let p = parse_auth_info(v).unwrap();
        p.check_unique().unwrap();
        let mut sum = p.len();
        for x in p {
            sum += read_value(x.value(), &mut out);
        }
        sum += read_value(p.get("RSPAUTH").unwrap(), &mut out);
        write!(out, "{p:?}").unwrap();
        sum
    });
    assert_eq!(n, 0);
    assert!(out.as_str().contains("8ca5\"23"));
}

// Errors are values too: refusing input, and saying why, allocates nothing.
#[test]
fn errors() {
    let mut out = FixedBuf::new();
    let n = allocations(|| {
        let mut sum = 0;
        for v in [
            "Basic realm=\"x",
            "Bearer, error=x",
            "Negotiate abc def",
            "Basic realm=x\r\n",
            "",
        ] {
            if let Err(e) = parse_challenges(v).and_then(|l| l.validate()) {
                write!(out, "{e}").unwrap();
                sum += e.offset();
            }
            if let Err(e) = parse_credentials(v) {
                sum += e.offset() + e.kind().as_str().len();
            }
            if let Err(e) = parse_auth_info(v) {
                sum += e.offset();
            }
        }
        let dup = parse_challenges("X a=1, A=2").unwrap();
        sum += dup.validate().unwrap_err().offset();
        sum
    });
    assert_eq!(n, 0);
    assert!(out.as_str().contains("unterminated quoted-string"));
}

// Lenient parsing (with every switch on) allocates nothing either, deviations
// included: they go to a fixed-capacity list or to a closure.
#[test]
fn lenient() {
    use auth_headers::ParseOptions;
    let o = ParseOptions::lenient().allow_single_quotes(true);
    let sloppy =
        r#"Digest realm="IP Camera" nonce="a1b2" qop="auth" , Bearer, error=x; scope='a b' "#;
    let mut out = FixedBuf::new();
    let n = allocations(|| {
        let p = o.parse_challenges(sloppy).unwrap();
        let mut sum = p.deviations.len();
        for c in p.value.iter() {
            for x in c.params() {
                sum += read_value(x.value(), &mut out);
            }
        }
        for d in p.deviations.iter() {
            write!(out, "{d}").unwrap();
        }
        let mut seen = 0;
        let c = o
            .parse_credentials_with("Bearer: abc ", &mut |_| seen += 1)
            .unwrap();
        sum += c.token68().unwrap().len() + seen;
        let i = o.parse_auth_info(r#"qop=auth; rspauth="d3""#).unwrap();
        sum += i.value.len() + i.deviations.len();
        sum += o.challenges(sloppy).count();
        sum
    });
    assert_eq!(n, 0);
    assert!(out.as_str().contains("a1b2"));
}

// The other tests here assert zero allocations: this one checks the counter
// does see an allocation, so that a zero means something.
#[test]
fn the_counter_sees_an_allocation() {
    assert!(allocations(|| vec![1u8; 10]) >= 1);
    let (n, s) = crate::allocator::counted(|| String::from("x"));
    assert_eq!((n, s.as_str()), (1, "x"));
}
