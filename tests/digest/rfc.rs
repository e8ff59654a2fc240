//! The worked examples of RFC 7616 §3.9 and RFC 2617 §3.5, computed by the
//! client and checked by the server, byte for byte.

use auth_headers::parse_challenges;
use auth_headers::schemes::digest::{
    ha1, userhash, Algorithm, ChallengeOutcome, CheckedNonce, DigestChallenge, DigestClient,
    DigestCredentials, DigestServer, Hex, NonceStatus, Qop, Rejection, Secret, User, UsernameForm,
};

const NONCE_7616: &str = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
const OPAQUE_7616: &str = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
const CNONCE_7616: &str = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

fn challenge_7616(alg: &str) -> String {
    format!(
        r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={alg}, nonce="{NONCE_7616}", opaque="{OPAQUE_7616}""#
    )
}

/// The RFC's Authorization value, its line folding joined with ", ".
fn authorization_7616(alg: &str, response: &str) -> String {
    format!(
        r#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm={alg}, nonce="{NONCE_7616}", nc=00000001, cnonce="{CNONCE_7616}", qop=auth, response="{response}", opaque="{OPAQUE_7616}""#
    )
}

const MD5_7616: &str = "8ca523f5e9506fed4657c9700eebdbec";
const SHA256_7616: &str = "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1";

fn answer(www: &str, user: &str, password: &str, uri: &str, cnonce: &str) -> String {
    answer_as(www, user, password, uri, cnonce, UsernameForm::Quoted)
}

fn answer_as(
    www: &str,
    user: &str,
    password: &str,
    uri: &str,
    cnonce: &str,
    form: UsernameForm,
) -> String {
    let mut client = DigestClient::new(user, password).username_form(form);
    let list = parse_challenges(www).unwrap();
    assert_eq!(
        client.respond_to(list.iter()).unwrap(),
        ChallengeOutcome::Authenticate
    );
    let mut out = String::new();
    client
        .authorization("GET", uri, None, cnonce, &mut out)
        .unwrap();
    out
}

/// RFC 7616 §3.9.1, MD5: the whole Authorization value as the RFC prints it.
#[test]
fn rfc7616_3_9_1_md5() {
    let got = answer(
        &challenge_7616("MD5"),
        "Mufasa",
        "Circle of Life",
        "/dir/index.html",
        CNONCE_7616,
    );
    assert_eq!(got, authorization_7616("MD5", MD5_7616));
}

/// RFC 7616 §3.9.1, SHA-256.
#[test]
fn rfc7616_3_9_1_sha256() {
    let got = answer(
        &challenge_7616("SHA-256"),
        "Mufasa",
        "Circle of Life",
        "/dir/index.html",
        CNONCE_7616,
    );
    assert_eq!(got, authorization_7616("SHA-256", SHA256_7616));
}

/// RFC 7616 §3.9.1 sends both challenges (SHA-256 first, as the RFC's two
/// header lines joined): the client takes SHA-256, even listed second.
#[test]
fn rfc7616_3_9_1_prefers_sha256() {
    let both = format!("{}, {}", challenge_7616("MD5"), challenge_7616("SHA-256"));
    let got = answer(
        &both,
        "Mufasa",
        "Circle of Life",
        "/dir/index.html",
        CNONCE_7616,
    );
    assert_eq!(got, authorization_7616("SHA-256", SHA256_7616));
}

/// RFC 7616 §3.9.1: the server accepts the RFC's own credentials, with the
/// password and with a stored H(A1), and refuses a wrong password.
#[test]
fn rfc7616_3_9_1_server_verifies() {
    let server = DigestServer::new(b"rfc 7616 example key, 32 bytes!!", "http-auth@example.org")
        .unwrap()
        .opaque(OPAQUE_7616);
    for (alg, name, response) in [
        (Algorithm::Md5, "MD5", MD5_7616),
        (Algorithm::Sha256, "SHA-256", SHA256_7616),
    ] {
        let value = authorization_7616(name, response);
        let check = |secret: Secret<'static>| {
            let creds = DigestCredentials::parse(&value).unwrap();
            let checked = CheckedNonce::from_store(creds, |n| {
                assert!(n.eq_str(NONCE_7616));
                NonceStatus::Valid
            })
            .unwrap();
            server
                .verify(checked, "GET", "/dir/index.html", None, |user, a| {
                    assert_eq!(user, User::Name("Mufasa"));
                    assert_eq!(a, alg);
                    Some(secret)
                })
                .map(|v| (v.algorithm(), v.nc(), v.qop()))
        };
        assert_eq!(
            check(Secret::Password(b"Circle of Life")),
            Ok((alg, 1, Qop::Auth))
        );
        let stored = ha1(alg, b"Mufasa", b"http-auth@example.org", b"Circle of Life");
        assert_eq!(check(Secret::Ha1(stored)), Ok((alg, 1, Qop::Auth)));
        assert_eq!(
            check(Secret::Password(b"Circle Of Life")),
            Err(Rejection::WrongResponse)
        );
    }
}

/// RFC 7616 §3.9.2 with erratum 4897: the RFC's SHA-512-256 values were
/// computed with a draft SHA-512/256; the erratum gives the values of the
/// final FIPS 180-4 function, which are the ones peers compute.
const USERHASH_7616_ERRATUM: &str =
    "793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b";
const RESPONSE_7616_ERRATUM: &str =
    "3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5";
/// The values as printed in RFC 7616 §3.9.2 (wrong, see above).
const USERHASH_7616_PRINTED: &str =
    "488869477bf257147b804c45308cd62ac4e25eb717b12b298c79e62dcea254ec";
const RESPONSE_7616_PRINTED: &str =
    "ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd";

const CHALLENGE_7616_2: &str = r#"Digest realm="api@example.org", qop="auth", algorithm=SHA-512-256, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", opaque="HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS", charset=UTF-8, userhash=true"#;
const JASON: &str = "J\u{e4}s\u{f8}n Doe";

#[test]
fn rfc7616_3_9_2_userhash() {
    let list = parse_challenges(CHALLENGE_7616_2).unwrap();
    let d = DigestChallenge::find(&list).unwrap();
    d.validate().unwrap();
    assert!(d.userhash().unwrap());
    assert!(d.is_utf8());
    assert_eq!(d.algorithm().known(), Some(Algorithm::Sha512_256));

    let h = userhash(Algorithm::Sha512_256, JASON.as_bytes(), b"api@example.org");
    assert_eq!(h.as_str(), USERHASH_7616_ERRATUM);
    assert_ne!(h.as_str(), USERHASH_7616_PRINTED);

    let got = answer(
        CHALLENGE_7616_2,
        JASON,
        "Secret, or not?",
        "/doe.json",
        "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
    );
    let expected = format!(
        r#"Digest username="{USERHASH_7616_ERRATUM}", realm="api@example.org", uri="/doe.json", algorithm=SHA-512-256, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", nc=00000001, cnonce="NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", qop=auth, response="{RESPONSE_7616_ERRATUM}", opaque="HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS", userhash=true"#
    );
    assert_eq!(got, expected);
    assert!(!got.contains(RESPONSE_7616_PRINTED));

    // The server finds the user by the hash and verifies.
    let server = DigestServer::new(b"rfc example nonce key of 32 byte", "api@example.org")
        .unwrap()
        .algorithms(&[Algorithm::Sha512_256])
        .opaque("HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS")
        .userhash(true); // §3.9.2's challenge offers `userhash=true`
    let creds = DigestCredentials::parse(&got).unwrap();
    let checked = CheckedNonce::from_store(creds, |_| NonceStatus::Valid).unwrap();
    let v = server.verify(checked, "GET", "/doe.json", None, |user, alg| {
        let mine = userhash(alg, JASON.as_bytes(), b"api@example.org");
        (user == User::Hashed(mine.as_str()))
            .then_some(Secret::UserPassword(JASON, b"Secret, or not?"))
    });
    assert!(v.is_ok(), "{v:?}");
}

/// RFC 7616 §3.4.4 / §3.9.2: the same user without userhash goes out as
/// `username*` when asked (the name is not ASCII), and decodes back.
#[test]
fn rfc7616_3_9_2_username_star() {
    let no_hash = CHALLENGE_7616_2.replace(", userhash=true", "");
    let got = answer_as(
        &no_hash,
        JASON,
        "Secret, or not?",
        "/doe.json",
        "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
        UsernameForm::ExtValue,
    );
    assert!(
        got.starts_with("Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, realm="),
        "{got}"
    );
    // The response does not depend on how the username is sent.
    assert!(got.contains(RESPONSE_7616_ERRATUM), "{got}");
    let creds = DigestCredentials::parse(&got).unwrap();
    creds.validate().unwrap();
    let mut buf = [0u8; 32];
    assert_eq!(
        creds.decode_username_star(&mut buf).unwrap().unwrap(),
        JASON
    );

    let server = DigestServer::new(b"rfc example nonce key of 32 byte", "api@example.org")
        .unwrap()
        .algorithms(&[Algorithm::Sha512_256])
        .opaque("HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS");
    let checked = CheckedNonce::from_store(creds, |_| NonceStatus::Valid).unwrap();
    let v = server.verify(checked, "GET", "/doe.json", None, |user, _| {
        (user == User::Name(JASON)).then_some(Secret::Password(b"Secret, or not?"))
    });
    assert!(v.is_ok(), "{v:?}");
}

/// Issue 19: by default the borrowing client sends a non-ASCII name as
/// UTF-8 inside the quoted `username` (as curl, Chromium, wget and aiohttp
/// do, and Apache httpd, Twisted and the Go libraries require), and the
/// server reads it as the same user; the response does not change.
#[test]
fn rfc7616_3_9_2_quoted_utf8_username_by_default() {
    let no_hash = CHALLENGE_7616_2.replace(", userhash=true", "");
    let got = answer(
        &no_hash,
        JASON,
        "Secret, or not?",
        "/doe.json",
        "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
    );
    assert!(
        got.starts_with(&format!(r#"Digest username="{JASON}", realm="#)),
        "{got}"
    );
    assert!(got.contains(RESPONSE_7616_ERRATUM), "{got}");
    let creds = DigestCredentials::parse(&got).unwrap();
    creds.validate().unwrap();
    let server = DigestServer::new(b"rfc example nonce key of 32 byte", "api@example.org")
        .unwrap()
        .algorithms(&[Algorithm::Sha512_256])
        .opaque("HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS");
    let checked = CheckedNonce::from_store(creds, |_| NonceStatus::Valid).unwrap();
    let v = server.verify(checked, "GET", "/doe.json", None, |user, _| {
        (user == User::Name(JASON)).then_some(Secret::Password(b"Secret, or not?"))
    });
    assert!(v.is_ok(), "{v:?}");
}

/// RFC 2617 §3.5 (password "Circle Of Life", no `algorithm` in the
/// challenge: MD5).
const CHALLENGE_2617: &str = r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#;
const AUTHORIZATION_2617: &str = r#"Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41""#;

#[test]
fn rfc2617_3_5_client() {
    let got = answer(
        CHALLENGE_2617,
        "Mufasa",
        "Circle Of Life",
        "/dir/index.html",
        "0a4f113b",
    );
    assert!(
        got.contains(r#"response="6629fae49393a05397450978507c4ef1""#),
        "{got}"
    );
    // Same parameters as the RFC's value (the order differs: RFC 7616's).
    let ours = DigestCredentials::parse(&got).unwrap();
    let rfc = DigestCredentials::parse(AUTHORIZATION_2617).unwrap();
    for name in [
        "username", "realm", "nonce", "uri", "qop", "nc", "cnonce", "response", "opaque",
    ] {
        assert_eq!(
            ours.credentials().param(name),
            rfc.credentials().param(name),
            "{name}"
        );
    }
}

#[test]
fn rfc2617_3_5_server() {
    let server = DigestServer::new(b"rfc example nonce key of 32 byte", "testrealm@host.com")
        .unwrap()
        .algorithms(&[Algorithm::Md5])
        .opaque("5ccc069c403ebaf9f0171e9517f40e41");
    let creds = DigestCredentials::parse(AUTHORIZATION_2617).unwrap();
    let checked = CheckedNonce::from_store(creds, |_| NonceStatus::Valid).unwrap();
    let stored = Hex::parse(b"939E7578ED9E3C518A452ACEE763BCE9").unwrap();
    let v = server
        .verify(checked, "GET", "/dir/index.html", None, |_, _| {
            Some(Secret::Ha1(stored))
        })
        .unwrap();
    assert_eq!((v.algorithm(), v.nc()), (Algorithm::Md5, 1));
    // A request for another target with the same credentials is refused.
    let checked = CheckedNonce::from_store(creds, |_| NonceStatus::Valid).unwrap();
    assert_eq!(
        server
            .verify(checked, "GET", "/other", None, |_, _| Some(Secret::Ha1(
                stored
            )))
            .unwrap_err(),
        Rejection::UriMismatch
    );
}
