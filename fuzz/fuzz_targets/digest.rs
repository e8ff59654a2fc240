//! Digest (RFC 7616): the credentials view and the server's verifier on any
//! `Authorization` value, and the client on any `WWW-Authenticate` value,
//! never panic.
#![no_main]

use auth_headers::parse_challenges;
use auth_headers::schemes::digest::{
    ha1, Algorithm, CheckedNonce, DigestClient, DigestCredentials, DigestServer, NonceStatus, Qop,
    Secret,
};
use libfuzzer_sys::fuzz_target;

const ALL: [Algorithm; 6] = Algorithm::STRONGEST_FIRST;

fuzz_target!(|data: &[u8]| {
    // Server side: every accessor, validation, and the verifier.
    if let Ok(c) = DigestCredentials::parse(data) {
        let _ = c.validate();
        let _ = (c.nc(), c.qop(), c.userhash(), c.algorithm());
        let mut buf = [0u8; 64];
        let _ = c.decode_username_star(&mut buf);
        let server = DigestServer::new(b"fuzz key, thirty-two bytes long!", "realm")
            .unwrap()
            .algorithms(&ALL)
            .qop(&[Qop::Auth, Qop::AuthInt]);
        let _ = server.check_nonce(c, 1_700_000_000);
        for secret in [
            Secret::Password(b"pw"),
            Secret::Ha1(ha1(Algorithm::Md5, b"u", b"realm", b"pw")),
        ] {
            let checked = CheckedNonce::from_store(c, |_| NonceStatus::Valid);
            if let Ok(checked) = checked {
                if let Ok(v) = server.verify(checked, "GET", "/", Some(data), |_, _| Some(secret)) {
                    let mut out = String::new();
                    let _ = v.write_authentication_info(Some("n"), None, &mut out);
                }
            }
        }
    }
    // Client side: pick a challenge, answer it, read an Authentication-Info.
    if let Ok(list) = parse_challenges(data) {
        let mut client = DigestClient::new("user", "pw");
        if client.respond_to(list.iter()).is_ok() {
            let mut out = String::new();
            if let Ok(answer) = client.authorization("GET", "/", Some(data), "cn", &mut out) {
                let _ = client.verify_authentication_info(&answer, data, None);
            }
        }
    }
});
