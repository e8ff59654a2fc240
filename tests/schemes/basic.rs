//! Basic (RFC 7617): the challenge view and decoding the credentials.

use auth_headers::schemes::basic::{self, BasicChallenge};
use auth_headers::{parse_challenges, parse_credentials, ErrorKind};

// RFC 7617 §2: the challenge and the credentials of the Aladdin example.
#[test]
fn rfc7617_section2_aladdin() {
    let list = parse_challenges(r#"Basic realm="WallyWorld""#).unwrap();
    let c = BasicChallenge::find(&list).unwrap();
    assert!(c.realm().unwrap().eq_str("WallyWorld"));
    assert!(!c.is_utf8());
    c.validate().unwrap();

    let creds = basic::parse_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap();
    assert_eq!(creds.offset(), 6);
    let mut buf = [0u8; 32];
    let up = creds.decode_into(&mut buf).unwrap();
    assert_eq!(up.user_id(), b"Aladdin");
    assert_eq!(up.password(), b"open sesame");
    assert_eq!(up.to_utf8().unwrap(), ("Aladdin", "open sesame"));
    // The decoded user-pass starts the buffer (auth-headers-tower's
    // BasicLogin keeps the buffer and relies on it).
    let n = up.user_id().len() + 1 + up.password().len();
    assert_eq!(&buf[..n], b"Aladdin:open sesame");
}

// RFC 7617 §2.1: charset="UTF-8", user "test", password "123£".
#[test]
fn rfc7617_section2_1_utf8_charset() {
    let list = parse_challenges(r#"Basic realm="foo", charset="UTF-8""#).unwrap();
    let c = BasicChallenge::find(&list).unwrap();
    assert!(c.is_utf8());
    c.validate().unwrap();
    let creds = basic::parse_credentials("Basic dGVzdDoxMjPCow==").unwrap();
    let mut buf = [0u8; 16];
    let up = creds.decode_into(&mut buf).unwrap();
    assert_eq!(up.password(), "123£".as_bytes());
    assert_eq!(up.to_utf8().unwrap(), ("test", "123£"));
    // The same password in ISO-8859-1 (0xA3 for '£') is bytes, not UTF-8.
    let creds = basic::parse_credentials("Basic dGVzdDoxMjOj").unwrap();
    let up = creds.decode_into(&mut buf).unwrap();
    assert_eq!(up.password(), b"123\xA3");
    let e = up.to_utf8().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotUtf8Charset);
    // Decoded byte 8 lies in base64 group 2, which starts at 6 + 8.
    assert_eq!(e.offset(), 14);
}

// RFC 7617 §2.1: "The only allowed value is 'UTF-8'; it is to be matched case-insensitively".
#[test]
fn rfc7617_charset_only_utf8() {
    let list = parse_challenges(r#"Basic realm="foo", charset="utf-8""#).unwrap();
    BasicChallenge::find(&list).unwrap().validate().unwrap();
    let v = r#"Basic realm="foo", charset="ISO-8859-1""#;
    let list = parse_challenges(v).unwrap();
    let e = BasicChallenge::find(&list).unwrap().validate().unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::InvalidValue(_)));
    assert_eq!(e.offset(), v.find("ISO").unwrap());
}

// RFC 7617 §2: realm is REQUIRED; a token68 is not a Basic challenge; no repeated parameter.
#[test]
fn basic_challenge_validation() {
    let list = parse_challenges("Newauth x=1, Basic charset=UTF-8").unwrap();
    let e = BasicChallenge::find(&list).unwrap().validate().unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (ErrorKind::MissingParam("realm"), 13)
    );
    let list = parse_challenges("Basic abc==").unwrap();
    let e = BasicChallenge::find(&list).unwrap().validate().unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::ExpectedParams, 6));
    let list = parse_challenges(r#"Basic realm="a", Realm="b""#).unwrap();
    let e = BasicChallenge::find(&list).unwrap().validate().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DuplicateParam);
    // Another scheme has no Basic view, and that is not an error.
    let list = parse_challenges("Bearer realm=x").unwrap();
    assert!(BasicChallenge::find(&list).is_none());
}

#[test]
fn basic_credentials_errors() {
    let mut buf = [0u8; 64];
    // A token68 byte outside base64: '.' and '~' are token68 but not base64
    // ('*' is not even token68: the generic parser refuses it).
    assert!(basic::parse_credentials("Basic QWxh*GRpbg==").is_err());
    let e = basic::parse_credentials("Basic QWxh.GRpbg==")
        .unwrap()
        .decode_into(&mut buf)
        .unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidBase64(b'.'), 10));
    // base64url's '-' and '_' are token68 chars but not Basic's alphabet.
    let e = basic::parse_credentials("Basic dXNlcjpw-XNz")
        .unwrap()
        .decode_into(&mut buf)
        .unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidBase64(b'-'), 14));
    // Impossible length: one character in the last group.
    let e = basic::parse_credentials("Basic QWxhZ")
        .unwrap()
        .decode_into(&mut buf)
        .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::InvalidValue(_)));
    // No ':' ("Aladdin").
    let e = basic::parse_credentials("Basic QWxhZGRpbg==")
        .unwrap()
        .decode_into(&mut buf)
        .unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::MissingColon, 6));
    // A control character: "a:b\nc" has LF at decoded byte 3, base64 group 1.
    let e = basic::parse_credentials("Basic YTpiCmM=")
        .unwrap()
        .decode_into(&mut buf)
        .unwrap_err();
    // Issue 16: the error says where, not which byte (it is the secret's).
    assert!(matches!(e.kind(), ErrorKind::InvalidValue(m) if m.contains("control")));
    assert_eq!(e.offset(), 10);
    // A buffer too small.
    let e = basic::parse_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        .unwrap()
        .decode_into(&mut buf[..4])
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BufferTooSmall);
    // Not Basic at all.
    let e = basic::parse_credentials("Bearer abc").unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::WrongScheme, 0));
}

// RFC 7617 §2: the password may contain ':'; the user-id ends at the first one.
#[test]
fn basic_split_at_first_colon() {
    // "user:pa:ss"
    let creds = basic::parse_credentials("Basic dXNlcjpwYTpzcw==").unwrap();
    let mut buf = [0u8; 16];
    let up = creds.decode_into(&mut buf).unwrap();
    assert_eq!((up.user_id(), up.password()), (&b"user"[..], &b"pa:ss"[..]));
    // Empty user-id and password are allowed (*TEXT).
    let creds = basic::parse_credentials("Basic Og==").unwrap();
    let up = creds.decode_into(&mut buf).unwrap();
    assert_eq!((up.user_id(), up.password()), (&b""[..], &b""[..]));
}

// Padding may be left out: both forms decode the same bytes.
#[test]
fn basic_padding_optional() {
    let mut a = [0u8; 32];
    let mut b = [0u8; 32];
    let x = basic::parse_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap();
    let y = basic::parse_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ").unwrap();
    assert_eq!(
        x.decode_into(&mut a).unwrap().password(),
        y.decode_into(&mut b).unwrap().password()
    );
}

#[test]
fn basic_from_generic_credentials_and_owned() {
    let c = parse_credentials("basic  QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap();
    let b = basic::BasicCredentials::from_credentials(&c).unwrap();
    assert_eq!(b.offset(), 7);
    let owned = b.decode().unwrap();
    assert_eq!(owned.user_id(), b"Aladdin");
    assert_eq!(owned.password(), b"open sesame");
    // Debug hides the password and the token.
    let dbg = format!("{owned:?} {b:?}");
    assert!(!dbg.contains("sesame") && !dbg.contains("QWxh"), "{dbg}");
    assert!(
        basic::BasicCredentials::from_credentials(&parse_credentials("Bearer x").unwrap())
            .is_none()
    );
}

// Issue 16, finding 8: after leading whitespace that a lenient parse
// dropped, the token's offset is still its offset in the header value.
#[test]
fn basic_token_offset_after_lenient_leading_whitespace() {
    let value = "  Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    let c = auth_headers::ParseOptions::lenient()
        .parse_credentials(value)
        .unwrap()
        .value;
    assert_eq!(c.offset(), 2);
    let b = basic::BasicCredentials::from_credentials(&c).unwrap();
    assert_eq!(b.offset(), 8);
    assert_eq!(&value[b.offset()..], b.token());
}

// Issue 16, finding 8: `token_len` overflowed on lengths no buffer holds.
#[test]
fn basic_token_len_saturates() {
    assert_eq!(basic::token_len(usize::MAX, 0), usize::MAX);
    assert_eq!(basic::token_len(0, usize::MAX), usize::MAX);
    assert_eq!(basic::token_len(usize::MAX / 2, usize::MAX / 2), usize::MAX);
    assert_eq!(basic::token_len(7, 11), 28);
    assert_eq!(basic::token_len(0, 0), 4);
}
