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
