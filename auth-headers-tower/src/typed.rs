//! `headers::Header` implementations (feature `headers`), for users of
//! axum-extra's `TypedHeader`: owned challenge lists and credentials that
//! were checked with the strict parser when decoded, and that hand out the
//! parsed values on demand.
//!
//! Decoding refuses what the strict parser refuses, so `TypedHeader<…>`
//! rejects a malformed header; its rejection is axum-extra's (400, no
//! challenge), which is why the [`AuthLayer`](crate::AuthLayer) and the
//! [`Auth`](crate::Auth) extractor are the way to authenticate; these
//! types are for reading and writing the values.
//!
//! ```
//! use auth_headers_tower::typed::{Authorization, WwwAuthenticate};
//! use headers::HeaderMapExt;
//!
//! let mut map = http::HeaderMap::new();
//! map.append("www-authenticate", r#"Basic realm="a""#.parse().unwrap());
//! map.append("www-authenticate", r#"Bearer realm="b", error="invalid_token""#.parse().unwrap());
//! let w: WwwAuthenticate = map.typed_get().unwrap();
//! let schemes: Vec<_> = w.challenges().map(|c| c.unwrap().scheme()).collect();
//! assert_eq!(schemes, ["Basic", "Bearer"]);
//!
//! map.insert("authorization", "bearer abc".parse().unwrap());
//! let a: Authorization = map.typed_get().unwrap();
//! assert!(a.credentials().unwrap().is_scheme("Bearer"));
//! map.append("authorization", "Bearer def".parse().unwrap());
//! assert!(map.typed_get::<Authorization>().is_none()); // RFC 9110 §11.6.2: one credentials
//! ```

use headers::{Error, Header};
use http::header::{
    HeaderName, HeaderValue, AUTHORIZATION, PROXY_AUTHENTICATE, PROXY_AUTHORIZATION,
    WWW_AUTHENTICATE,
};

use auth_headers::write::{ChallengeBuilder, ChallengeListBuilder};
use auth_headers::{
    parse_challenges, parse_credentials, BuildError, ChallengesOfLines, Credentials,
};

macro_rules! challenges_header {
    ($name:ident, $field:expr, $what:literal) => {
        #[doc = concat!("The challenges of `", $what, "` (RFC 9110 §11.6.1, §11.7.1): every line, each")]
        /// parsed strictly when decoded.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name {
            lines: Vec<HeaderValue>,
        }

        impl $name {
            /// One line per challenge, checked by the builder.
            pub fn from_challenges<const N: usize>(
                challenges: &[ChallengeBuilder<'_, N>],
            ) -> Result<Self, BuildError> {
                let lines = ChallengeListBuilder::new(challenges)
                    .lines()?
                    .map(|l| l.get().to_header_value())
                    .collect::<Result<_, _>>()?;
                Ok($name { lines })
            }

            /// Every challenge of every line, in order.
            pub fn challenges(
                &self,
            ) -> ChallengesOfLines<'_, std::slice::Iter<'_, HeaderValue>> {
                ChallengesOfLines::new(self.lines.iter())
            }

            /// The header lines.
            pub fn lines(&self) -> &[HeaderValue] {
                &self.lines
            }
        }

        impl Header for $name {
            fn name() -> &'static HeaderName {
                &$field
            }

            fn decode<'i, I: Iterator<Item = &'i HeaderValue>>(values: &mut I) -> Result<Self, Error> {
                let lines: Vec<HeaderValue> = values.cloned().collect();
                // RFC 9110 §15.5.2: at least one challenge; each line strict.
                if lines.is_empty() || lines.iter().any(|l| parse_challenges(l.as_bytes()).is_err()) {
                    return Err(Error::invalid());
                }
                Ok($name { lines })
            }

            fn encode<E: Extend<HeaderValue>>(&self, values: &mut E) {
                values.extend(self.lines.iter().cloned());
            }
        }
    };
}

challenges_header!(WwwAuthenticate, WWW_AUTHENTICATE, "WWW-Authenticate");
challenges_header!(ProxyAuthenticate, PROXY_AUTHENTICATE, "Proxy-Authenticate");

macro_rules! credentials_header {
    ($name:ident, $field:expr, $what:literal) => {
        #[doc = concat!("The credentials of `", $what, "` (RFC 9110 §11.6.2, §11.7.2): exactly one")]
        /// line, parsed strictly when decoded. `Debug` does not show it.
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name {
            value: HeaderValue,
        }

        impl $name {
            /// The parsed credentials (the value was checked when decoded or
            /// made, so this is `Ok`; parsing again allocates nothing).
            pub fn credentials(&self) -> Result<Credentials<'_>, auth_headers::Error> {
                parse_credentials(self.value.as_bytes())
            }

            /// The value, checked by the strict parser.
            pub fn from_value(value: HeaderValue) -> Result<Self, auth_headers::Error> {
                parse_credentials(value.as_bytes())?;
                Ok($name { value })
            }

            /// The header value.
            pub fn value(&self) -> &HeaderValue {
                &self.value
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($name), "(<redacted>)"))
            }
        }

        impl Header for $name {
            fn name() -> &'static HeaderName {
                &$field
            }

            fn decode<'i, I: Iterator<Item = &'i HeaderValue>>(
                values: &mut I,
            ) -> Result<Self, Error> {
                let value = values.next().ok_or_else(Error::invalid)?;
                if values.next().is_some() {
                    return Err(Error::invalid());
                }
                $name::from_value(value.clone()).map_err(|_| Error::invalid())
            }

            fn encode<E: Extend<HeaderValue>>(&self, values: &mut E) {
                values.extend(std::iter::once(self.value.clone()));
            }
        }
    };
}

credentials_header!(Authorization, AUTHORIZATION, "Authorization");
credentials_header!(
    ProxyAuthorization,
    PROXY_AUTHORIZATION,
    "Proxy-Authorization"
);
