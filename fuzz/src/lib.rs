//! Checks shared by the fuzz targets: whatever the parser hands back borrows
//! from the input (every slice lies inside it), every offset lies inside it,
//! and every error offset is at most the input's length.

use auth_headers::{Challenge, Credentials, Error, Params};

/// Whether `part` is a sub-slice of `full` (by address, not by content).
/// An empty slice borrows nothing, so it passes wherever it points
/// (`Params::default()` is empty and points nowhere in particular).
pub fn inside(full: &[u8], part: &[u8]) -> bool {
    if part.is_empty() {
        return true;
    }
    let (start, end) = (full.as_ptr() as usize, full.as_ptr() as usize + full.len());
    let p = part.as_ptr() as usize;
    p >= start && p + part.len() <= end
}

/// An error from parsing `full`: its offset lies inside the value (or just
/// past its end) and its message can be written.
pub fn check_error(full: &[u8], e: &Error) {
    assert!(
        e.offset() <= full.len(),
        "{e:?} past the end of {} bytes",
        full.len()
    );
    assert!(!e.kind().as_str().is_empty());
    let _ = e.to_string();
}

/// A parameter list read from `full`: names, values and offsets come from it.
pub fn check_params(full: &[u8], params: Params<'_>) {
    assert!(inside(full, params.raw()));
    for p in params.iter() {
        assert!(!p.name().is_empty());
        assert!(
            inside(full, p.name().as_bytes()),
            "name {:?} not borrowed",
            p.name()
        );
        assert!(full[p.offset()..].starts_with(p.name().as_bytes()));
        let v = p.value();
        assert!(
            inside(full, v.raw()),
            "value of {:?} not borrowed",
            p.name()
        );
        assert!(v.len() <= v.raw().len());
        assert_eq!(v.bytes().count(), v.len());
        assert!(v.eq_bytes(&v.to_bytes()));
        let s = v.to_str();
        if let Some(b) = v.as_str() {
            assert_eq!(b, s);
        }
    }
    if let Err(e) = params.check_unique() {
        check_error(full, &e);
    }
}

/// A challenge read from `full`.
pub fn check_challenge(full: &[u8], c: &Challenge<'_>) {
    assert!(!c.scheme().is_empty());
    assert!(inside(full, c.scheme().as_bytes()));
    assert!(full[c.offset()..].starts_with(c.scheme().as_bytes()));
    if let Some(t) = c.token68() {
        assert!(inside(full, t.as_bytes()));
        assert!(auth_headers::chars::is_token68(t.as_bytes()));
        assert!(c.params().is_empty());
    }
    check_params(full, c.params());
}

/// Credentials read from `full`.
pub fn check_credentials(full: &[u8], c: &Credentials<'_>) {
    assert!(!c.scheme().is_empty());
    assert!(inside(full, c.scheme().as_bytes()));
    if let Some(t) = c.token68() {
        assert!(inside(full, t.as_bytes()));
        assert!(auth_headers::chars::is_token68(t.as_bytes()));
        assert!(c.params().is_empty());
    }
    check_params(full, c.params());
    let _ = format!("{c:?}");
}

/// The parse options a selector byte picks, for the targets that fuzz the
/// lenient parser: bit 7 set gives the preset (with single quotes and
/// last-wins when bit 6 is set too); otherwise each low bit turns one
/// switch on, so each is also fuzzed on its own.
pub fn options(b: u8) -> auth_headers::ParseOptions {
    use auth_headers::{ParseOptions, RepeatedParams};
    if b & 0x80 != 0 {
        let o = ParseOptions::lenient();
        return if b & 0x40 != 0 {
            o.allow_single_quotes(true)
                .repeated_params(RepeatedParams::LastWins)
        } else {
            o
        };
    }
    ParseOptions::strict()
        .allow_missing_commas(b & 1 != 0)
        .allow_unquoted_separators(b & 2 != 0)
        .allow_separator_after_scheme(b & 4 != 0)
        .allow_semicolon_separators(b & 8 != 0)
        .allow_unterminated_quote(b & 16 != 0)
        .allow_single_quotes(b & 32 != 0)
        .allow_surrounding_whitespace(b & 64 != 0)
        .allow_stray_commas(b & 3 == 3)
}

/// A parameter list as (name, unescaped value) pairs, in order.
pub type ParamsShape = Vec<(String, Vec<u8>)>;

/// What a challenge or credentials reads as: scheme, token68, parameters.
pub type Shape = (String, Option<String>, ParamsShape);

/// The (name, unescaped value) pairs of `params`.
pub fn params_shape(params: Params<'_>) -> ParamsShape {
    params
        .iter()
        .map(|p| (p.name().to_owned(), p.value().bytes().collect()))
        .collect()
}

/// The shape of a challenge.
pub fn challenge_shape(c: &Challenge<'_>) -> Shape {
    (
        c.scheme().to_owned(),
        c.token68().map(str::to_owned),
        params_shape(c.params()),
    )
}

/// The shape of credentials.
pub fn credentials_shape(c: &Credentials<'_>) -> Shape {
    (
        c.scheme().to_owned(),
        c.token68().map(str::to_owned),
        params_shape(c.params()),
    )
}

/// `bytes` for a panic message.
pub fn show(bytes: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(bytes))
}
