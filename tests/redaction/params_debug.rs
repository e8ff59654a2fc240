//! `Params`, `Param` and `ParamIter` printed on their own, away from the
//! `Credentials` they came from (the `redact` module's policy): after a
//! scheme whose credentials are a token68 (`TOKEN68_CREDENTIALS`), a
//! parameter name outside `PUBLIC_PARAMS` is hidden too. RFC 9110 §11.2
//! reads `Basic dXNlcjpwYXNzMQ= junk` as the auth-param
//! `token BWS "=" BWS token` whose name is the token68 cut at its `=`
//! padding: that name is the secret.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use auth_headers::schemes::TOKEN68_CREDENTIALS;
use auth_headers::{parse_challenges, parse_credentials, Params, ParseOptions, RepeatedParams};

use crate::assert_redacted;

/// The base64 of `user:pass1`, which the grammar cuts at its padding.
const CUT: &str = "dXNlcjpwYXNzMQ";

/// `Debug` of the list, of each parameter and of the iterator (fresh and
/// after one step): none may show `secret`. Returns the list's `Debug`.
#[track_caller]
fn hidden_everywhere(params: Params<'_>, secret: &str) -> String {
    let shown = [
        format!("{params:?}"),
        format!("{params:#?}"),
        format!("{:?}", params.iter()),
        format!("{:#?}", params.iter()),
        format!("{:?}", params.into_iter().skip(1)),
    ];
    for d in &shown {
        assert!(!d.contains(secret), "{secret:?} in {d}");
    }
    for p in params {
        let d = format!("{p:?}");
        assert!(!d.contains(secret), "{secret:?} in {d}");
        assert!(!format!("{p:#?}").contains(secret), "{d}");
        // The name itself is still there for code (only `Debug` hides it).
        let _ = p.name();
    }
    let mut it = params.iter();
    while it.next().is_some() {
        let d = format!("{it:?}");
        assert!(!d.contains(secret), "{secret:?} in {d}");
    }
    shown[0].clone()
}

// Basic (RFC 7617 §2) with its token cut at the padding (RFC 9110 §11.2):
// the name is the token's bytes, so `<redacted>` stands in its place, and
// its value keeps the usual rule (a name that is not public: length only).
#[test]
fn basic_params_hide_the_cut_token68() {
    for v in [
        "Basic dXNlcjpwYXNzMQ= junk",
        "Basic dXNlcjpwYXNzMQ=junk",
        "basic dXNlcjpwYXNzMQ= junk",
        "BASIC dXNlcjpwYXNzMQ=\"junk\"",
    ] {
        let c = parse_credentials(v).unwrap();
        let d = hidden_everywhere(c.params(), CUT);
        assert_eq!(d, "[<redacted>=<redacted, 4 bytes>]", "{v}");
        let p = c.params().iter().next().unwrap();
        assert_eq!(format!("{p:?}"), "<redacted>=<redacted, 4 bytes>", "{v}");
        assert_eq!(p.name(), CUT, "{v}");
        let it = c.params().iter();
        assert_eq!(
            format!("{it:?}"),
            "ParamIter [<redacted>=<redacted, 4 bytes>]",
            "{v}"
        );
        // The credentials' own `Debug` says the same as the list's.
        assert!(format!("{c:?}").contains(&d), "{c:?}");
    }
}

// Bearer (RFC 6750 §2.1): `abc= x` is the parameter `abc` (RFC 9110
// §11.2); a public name after it (`realm`, `PUBLIC_PARAMS`) stays shown.
#[test]
fn bearer_params_hide_the_cut_token68() {
    let c = parse_credentials("Bearer abc= x").unwrap();
    assert_eq!(
        hidden_everywhere(c.params(), "abc"),
        "[<redacted>=<redacted, 1 byte>]"
    );
    let c = parse_credentials(r#"bearer dXNlcjpwYXNzMQ="x", realm="api""#).unwrap();
    let d = hidden_everywhere(c.params(), CUT);
    assert_eq!(d, r#"[<redacted>=<redacted, 1 byte>, realm="api"]"#);
    let mut it = c.params().iter();
    it.next();
    assert_eq!(format!("{it:?}"), r#"ParamIter [realm="api"]"#);
    assert_eq!(format!("{:?}", it.next().unwrap()), r#"realm="api""#);
}

// Every scheme of `TOKEN68_CREDENTIALS`, in any ASCII case (RFC 9110
// §11.1: the scheme is case-insensitive), strict and lenient, and past
// the parameters the strict parser notes (there are eight noted ones; the
// rest are read again from the text).
#[test]
fn every_token68_scheme_in_any_case() {
    let many: String = (0..10).map(|i| format!(", {CUT}{i}=v")).collect();
    for scheme in TOKEN68_CREDENTIALS {
        for s in [
            scheme.to_string(),
            scheme.to_ascii_lowercase(),
            scheme.to_ascii_uppercase(),
        ] {
            let v = format!("{s} {CUT}= junk{many}");
            let c = parse_credentials(&v).unwrap();
            assert_eq!(c.params().len(), 11, "{v}");
            let d = hidden_everywhere(c.params(), CUT);
            assert_eq!(d.matches("<redacted>=").count(), 11, "{v}: {d}");
            let l = ParseOptions::lenient().parse_credentials(&v).unwrap();
            hidden_everywhere(l.value.params(), CUT);
            assert_redacted(&l);
        }
    }
}

// The names of Digest (RFC 7616 §3.4) and of an unknown scheme are
// shown: such a scheme reads parameters, so a name there is a name, not
// a token68's bytes (the `redact` policy).
#[test]
fn other_schemes_show_their_names() {
    for s in ["Digest", "digest", "X", "Bearerx", "Hawk"] {
        let v = format!("{s} {CUT}= junk, realm=r");
        let c = parse_credentials(&v).unwrap();
        assert_eq!(
            format!("{:?}", c.params()),
            format!("[{CUT}=<redacted, 4 bytes>, realm=r]"),
            "{s}"
        );
        let p = c.params().iter().next().unwrap();
        assert_eq!(format!("{p:?}"), format!("{CUT}=<redacted, 4 bytes>"));
        assert!(format!("{:?}", c.params().iter()).contains(CUT));
    }
}

// Challenge parameters are public information (RFC 9110 §11.3: the server
// sends them to whoever asks), so no name of a challenge is hidden, not
// even after Basic or Bearer; nor in `Authentication-Info`.
#[test]
fn challenge_names_stay_shown() {
    let list =
        parse_challenges(r#"Basic dXNlcjpwYXNzMQ= junk, Bearer realm="a", foo=bar"#).unwrap();
    let mut it = list.iter();
    let basic = it.next().unwrap();
    assert_eq!(
        format!("{:?}", basic.params()),
        format!("[{CUT}=<redacted, 4 bytes>]")
    );
    let bearer = it.next().unwrap();
    let d = format!("{:?}", bearer.params());
    assert_eq!(d, r#"[realm="a", foo=<redacted, 3 bytes>]"#);
    for p in bearer.params() {
        assert!(format!("{p:?}").starts_with(p.name()), "{p:?}");
    }
    assert!(format!("{:?}", bearer.params().iter()).contains("foo="));
    let v = format!("{CUT}=x");
    let info = auth_headers::parse_auth_info(&v).unwrap();
    assert_eq!(format!("{info:?}"), format!("[{CUT}=<redacted, 1 byte>]"));
}

fn hash_of(v: &impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

// Hiding a name is `Debug`'s business only: equality, hashing and the
// wire form (`Display`, RFC 9110 §11.2) are the same as for the same text
// read as a challenge, whose names are shown.
#[test]
fn hiding_changes_neither_equality_nor_display() {
    let v = "Basic dXNlcjpwYXNzMQ= junk, a=b";
    let c = parse_credentials(v).unwrap();
    let list = parse_challenges(v).unwrap();
    let ch = list.iter().next().unwrap();
    assert_ne!(format!("{:?}", c.params()), format!("{:?}", ch.params()));
    assert_eq!(c.params(), ch.params());
    assert_eq!(hash_of(&c.params()), hash_of(&ch.params()));
    assert!(c.params().iter().eq(ch.params().iter()));
    for (a, b) in c.params().iter().zip(ch.params()) {
        assert_eq!(a, b);
        assert_eq!((a.name(), a.offset()), (b.name(), b.offset()));
        assert_eq!(a.value(), b.value());
        assert_eq!(hash_of(&a), hash_of(&b));
        assert_eq!(hash_of(&a.value()), hash_of(&b.value()));
    }
    let offsets: Vec<_> = c.params().iter().map(|p| p.offset()).collect();
    assert_eq!(offsets, [6, 28]);
    // RFC 9110 §11.2: a repeated name is reported at its second place, in
    // the strict check and in the lenient notes alike.
    let twice = "Basic dXNlcjpwYXNzMQ= junk, DXNlcjpwYXNzMQ=x";
    let e = parse_credentials(twice).unwrap().params().check_unique();
    assert_eq!(e.unwrap_err().offset(), 28);
    let l = ParseOptions::strict()
        .repeated_params(RepeatedParams::LastWins)
        .parse_credentials(twice)
        .unwrap();
    let at: Vec<_> = l.deviations.iter().map(|d| d.offset).collect();
    assert_eq!(at, [28]);
    assert!(l.value.param("dxnlcjpwyxnzmq").unwrap().eq_str("x"));
    assert_eq!(c.params().to_string(), ch.params().to_string());
    assert_eq!(c.params().to_string(), "dXNlcjpwYXNzMQ=junk, a=b");
    assert_eq!(c.to_string(), "Basic dXNlcjpwYXNzMQ=junk, a=b");
}

mod property {
    use auth_headers::schemes::TOKEN68_CREDENTIALS;
    use auth_headers::{parse_credentials, Credentials, ParseOptions};
    use proptest::prelude::*;

    use crate::cases::config;

    /// A token68 whose secret starts with `SECRET`, with one `=` of padding
    /// and something after it, so that RFC 9110 §11.2 reads it as a parameter
    /// named by the token's bytes (`Basic SECRETab= junk`), after a
    /// token68 scheme in any case, or Digest or an unknown one; then maybe
    /// more parameters, public (`realm="pub"`) or not.
    fn cut_token68() -> impl Strategy<Value = String> {
        let scheme = prop::sample::select(
            TOKEN68_CREDENTIALS
                .iter()
                .copied()
                .chain(["Digest", "X"])
                .collect::<Vec<_>>(),
        );
        let case = prop::sample::select(vec![0u8, 1, 2]);
        // One `=`, and no `/` (a token68 byte that is not a `tchar`): with
        // either no parser reads a parameter name (`SECRETab== junk`,
        // `SECRET/= junk`), and `value()` covers those shapes.
        let token = "[A-Za-z0-9._~+-]{0,12}".prop_map(|t| format!("SECRET{t}="));
        let bws = prop::sample::select(vec!["", " ", "  "]);
        let value = prop::sample::select(vec!["SECRETv", "\"SECRETq\"", "\"\"", "x"]);
        let more = prop::collection::vec(
            prop::sample::select(vec![
                ", realm=\"pub\"",
                ", SECRETn=v",
                ", nonce=SECRETv",
                " qop=pub",
                ", SECRETm= \"SECRETq\"",
            ]),
            0..4,
        );
        (scheme, case, token, bws, value, more).prop_map(|(s, case, t, bws, v, more)| {
            let s = match case {
                0 => s.to_string(),
                1 => s.to_ascii_lowercase(),
                _ => s.to_ascii_uppercase(),
            };
            format!("{s} {t}{bws}{v}{}", more.concat())
        })
    }

    /// Every `Debug` path of the parameters of `c`: the list (plain and
    /// `{:#?}`), its iterator fresh and after each step, and each `Param`.
    /// After a token68 scheme none shows `SECRET` (the names that are not
    /// public are hidden, `redact`); after another scheme the names are
    /// shown, but never a secret value.
    fn check(v: &str, c: &Credentials<'_>) -> Result<(), TestCaseError> {
        let hides = TOKEN68_CREDENTIALS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(c.scheme()));
        // A token glued to a token68 scheme (`BearerSECRET…`) is hidden
        // from the `Credentials`' scheme (`redact`).
        let glued = TOKEN68_CREDENTIALS.iter().any(|s| {
            c.scheme().len() > s.len()
                && c.scheme().as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes())
        });
        if glued {
            let d = format!("{c:?}");
            prop_assert!(!d.contains("SECRET"), "{:?}: {}", v, d);
        }
        let params = c.params();
        if hides {
            let mut it = params.iter();
            let mut shown = vec![
                format!("{c:?}"),
                format!("{params:?}"),
                format!("{params:#?}"),
                format!("{it:?}"),
            ];
            while it.next().is_some() {
                shown.push(format!("{it:?}"));
            }
            for d in shown {
                prop_assert!(!d.contains("SECRET"), "{:?}: {}", v, d);
            }
        }
        for p in params {
            let d = format!("{p:?}");
            let name = if hides && !auth_headers::redact::is_public_param(p.name()) {
                "<redacted>"
            } else {
                p.name()
            };
            let value = d.strip_prefix(name).and_then(|d| d.strip_prefix('='));
            prop_assert!(value.is_some(), "{:?}: {} ({})", v, d, name);
            prop_assert!(!value.unwrap().contains("SECRET"), "{:?}: {}", v, d);
            prop_assert!(!hides || !d.contains("SECRET"), "{:?}: {}", v, d);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(config(256))]

        // Issue 16, finding 6, and the `redact` policy: whatever the
        // shape, strict or lenient, `Debug` of a credentials' parameters
        // shows no secret, on their own as in the `Credentials`.
        #[test]
        fn params_debug_never_shows_a_secret(
            v in prop_oneof![cut_token68(), crate::fix_text_property::value()]
        ) {
            if let Ok(c) = parse_credentials(&v) {
                check(&v, &c)?;
            }
            if let Ok(l) = ParseOptions::lenient().parse_credentials(&v) {
                check(&v, &l.value)?;
            }
        }

        // The shape the property above is about reaches it: every
        // `cut_token68` value parses, leniently at least, so a parser
        // change cannot turn the property off unnoticed.
        #[test]
        fn cut_token68_values_parse(v in cut_token68()) {
            let lenient = ParseOptions::lenient().parse_credentials(&v);
            prop_assert!(lenient.is_ok(), "{:?}: {:?}", v, lenient.err());
        }
    }
}
