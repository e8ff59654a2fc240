//! Property tests: Basic credentials build → parse (RFC 7617 §2), and Bearer
//! challenges build → parse for arbitrary error, scope and description
//! (RFC 6750 §3 character sets).
// Uses the `alloc` conveniences (owned strings, `Cow` unescaping).

use crate::cases::config;
use auth_headers::schemes::bearer::{BearerChallenge, ErrorCode};
use auth_headers::write::ChallengeBuilder;
use proptest::prelude::*;

/// `%x20-21 / %x23-5B / %x5D-7E` (RFC 6750 §3).
fn description() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![0x20u8..=0x21, 0x23u8..=0x5B, 0x5Du8..=0x7E],
        0..40,
    )
    .prop_map(|v| String::from_utf8(v).unwrap())
}

/// `scope-token = 1*( %x21 / %x23-5B / %x5D-7E )`.
fn scope_token() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![Just(0x21u8), 0x23u8..=0x5B, 0x5Du8..=0x7E],
        1..12,
    )
    .prop_map(|v| String::from_utf8(v).unwrap())
}

proptest! {
    #![proptest_config(config(256))]

    // RFC 7617 §2: any user-id without ':' or CTL, any password without CTL.
    #[cfg(feature = "basic")]
    #[test]
    fn basic_build_parse_round_trip(
        // Drawn from the allowed bytes directly: a filter over any byte
        // rejects one draw in six and, at 20000 cases, aborts on
        // proptest's limit of local rejects.
        user in proptest::collection::vec(prop_oneof![0x20u8..=0x39, 0x3Bu8..=0x7E, 0x80u8..=0xFF], 0..40),
        pass in proptest::collection::vec(prop_oneof![0x20u8..=0x7E, 0x80u8..=0xFF], 0..60),
    ) {
        use auth_headers::schemes::basic;
        let mut scratch = [0u8; 256];
        let value = basic::credentials(&user[..], &pass[..], &mut scratch).unwrap().to_string().unwrap();
        let parsed = basic::parse_credentials(&value).unwrap();
        let mut buf = [0u8; 256];
        let up = parsed.decode_into(&mut buf).unwrap();
        prop_assert_eq!(up.user_id(), &user[..]);
        prop_assert_eq!(up.password(), &pass[..]);
    }

    // RFC 6750 §3: any error code, scope list and description survive build → parse and validate.
    #[test]
    fn bearer_challenge_build_parse(
        error in prop_oneof![
            Just("invalid_request".to_string()),
            Just("invalid_token".to_string()),
            Just("insufficient_scope".to_string()),
            description(),
        ],
        scope in proptest::collection::vec(scope_token(), 1..5),
        desc in description(),
        realm in "[ -~]{0,20}",
    ) {
        let scope_text = scope.join(" ");
        let v = ChallengeBuilder::new("Bearer")
            .param("realm", realm.as_str())
            .param("error", error.as_str())
            .param("scope", scope_text.as_str())
            .param("error_description", desc.as_str())
            .to_string()
            .unwrap();
        let list = auth_headers::parse_challenges(&v).unwrap();
        let b = BearerChallenge::find(&list).unwrap();
        prop_assert!(b.validate().is_ok(), "{}", v);
        prop_assert!(b.realm().unwrap().eq_str(&realm));
        prop_assert!(b.error_description().unwrap().eq_str(&desc));
        prop_assert_eq!(b.scope().unwrap().collect::<Vec<_>>(), scope.iter().map(String::as_str).collect::<Vec<_>>());
        let code = b.error().unwrap();
        match code {
            ErrorCode::Other(v) => prop_assert!(v.eq_str(&error)),
            known => prop_assert_eq!(known.as_str(), Some(error.as_str())),
        }
        let expected = match error.as_str() {
            "invalid_request" => 400,
            "insufficient_scope" => 403,
            _ => 401,
        };
        prop_assert_eq!(b.status(), expected);
    }
}
