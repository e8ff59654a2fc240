//! Lenient parse, then write back (issue 16): for every entry point
//! (challenges, credentials, Authentication-Info) and the options the first
//! byte picks, whatever parses writes a canonical form that parses
//! STRICTLY to the same structure (schemes, token68s, names, unescaped
//! values), through every writer of a parsed value: `to_canonical_vec`,
//! `write_canonical`, `canonical_len`, `Display` (text: obs-text becomes
//! U+FFFD, so only for UTF-8 values) and each value's `CanonicalValue`.
//! The canonical form is a fixed point. `lenient_lint` checks what the
//! lenient parser reads; this target checks what is written from it.
#![no_main]

use auth_headers::{parse_auth_info, parse_challenges, parse_credentials, Params};
use auth_headers_fuzz::{
    challenge_shape, credentials_shape, options, params_shape, show, ParamsShape,
};
use libfuzzer_sys::fuzz_target;

/// The byte-exact writers agree with each other.
fn exact(
    canon: &[u8],
    len: usize,
    write: impl Fn(&mut [u8]) -> Result<usize, auth_headers::write::BuildError>,
) {
    assert_eq!(len, canon.len());
    let mut buf = vec![0u8; canon.len()];
    assert_eq!(write(&mut buf).unwrap(), canon.len());
    assert_eq!(buf, canon);
    if !canon.is_empty() {
        let mut small = vec![0u8; canon.len() - 1];
        assert!(write(&mut small).is_err());
    }
}

/// Each value's canonical form, on its own, is a value that reads back the same.
fn values(params: Params<'_>) {
    for p in params.iter() {
        let v = p.value();
        let text = v.canonical().to_string();
        let one = format!("X a={text}");
        let back =
            parse_credentials(&one).unwrap_or_else(|e| panic!("{e}: {}", show(one.as_bytes())));
        let got = back.param("a").unwrap();
        if std::str::from_utf8(&v.bytes().collect::<Vec<_>>()).is_ok() {
            assert!(got.bytes().eq(v.bytes()), "{}", show(one.as_bytes()));
        }
    }
}

fn utf8(shape: &ParamsShape) -> bool {
    shape.iter().all(|(_, v)| std::str::from_utf8(v).is_ok())
}

fuzz_target!(|input: &[u8]| {
    let Some((&sel, data)) = input.split_first() else {
        return;
    };
    let opts = options(sel);

    if let Ok(p) = opts.parse_challenges(data) {
        let list = p.value;
        let want: Vec<_> = list.iter().map(|c| challenge_shape(&c)).collect();
        let canon = list.to_canonical_vec();
        exact(&canon, list.canonical_len(), |b| list.write_canonical(b));
        let back = parse_challenges(&canon)
            .unwrap_or_else(|e| panic!("{e} in canonical {} of {}", show(&canon), show(data)));
        let got: Vec<_> = back.iter().map(|c| challenge_shape(&c)).collect();
        assert_eq!(got, want, "canonical {} of {}", show(&canon), show(data));
        assert_eq!(back.to_canonical_vec(), canon, "not a fixed point");
        let text = list.to_string();
        let back =
            parse_challenges(&text).unwrap_or_else(|e| panic!("{e} in {}", show(text.as_bytes())));
        if want.iter().all(|s| utf8(&s.2)) {
            assert_eq!(text.as_bytes(), &canon[..]);
        }
        assert_eq!(back.len(), want.len());
        for c in list.iter() {
            let one = c.to_canonical_vec();
            let b = parse_challenges(&one).unwrap();
            assert_eq!(b.len(), 1);
            assert_eq!(
                challenge_shape(&b.iter().next().unwrap()),
                challenge_shape(&c)
            );
            values(c.params());
        }
    }

    if let Ok(p) = opts.parse_credentials(data) {
        let c = p.value;
        let canon = c.to_canonical_vec();
        exact(&canon, c.canonical_len(), |b| c.write_canonical(b));
        let back = parse_credentials(&canon)
            .unwrap_or_else(|e| panic!("{e} in canonical {} of {}", show(&canon), show(data)));
        assert_eq!(
            credentials_shape(&back),
            credentials_shape(&c),
            "{}",
            show(&canon)
        );
        assert_eq!(back.to_canonical_vec(), canon, "not a fixed point");
        let text = c.to_string();
        assert!(
            parse_credentials(&text).is_ok(),
            "{}",
            show(text.as_bytes())
        );
        values(c.params());
    }

    if let Ok(p) = opts.parse_auth_info(data) {
        let params = p.value;
        let canon = params.to_canonical_vec();
        exact(&canon, params.canonical_len(), |b| {
            params.write_canonical(b)
        });
        let back = parse_auth_info(&canon)
            .unwrap_or_else(|e| panic!("{e} in canonical {} of {}", show(&canon), show(data)));
        assert_eq!(params_shape(back), params_shape(params), "{}", show(&canon));
        assert_eq!(back.to_canonical_vec(), canon, "not a fixed point");
        let text = params.to_string();
        assert!(parse_auth_info(&text).is_ok(), "{}", show(text.as_bytes()));
        for p in params.iter() {
            let one = p.to_string();
            assert_eq!(
                parse_auth_info(&one).map(|l| l.len()).ok(),
                Some(1),
                "{}",
                show(one.as_bytes())
            );
        }
        values(params);
    }
});
