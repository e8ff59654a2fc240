//! Integration with the [`http`] crate (feature `http`): read every challenge
//! of a [`HeaderMap`], read credentials from
//! `Authorization`, and build [`HeaderValue`]s.
//!
//! Reading allocates nothing: challenges and credentials borrow from the
//! map's values. Building allocates the one buffer a `HeaderValue` owns,
//! sized exactly, and hands it over without a copy.
//!
//! ```
//! use auth_headers::http::{challenges, credentials};
//! use auth_headers::write::ChallengeBuilder;
//! use http::header::{HeaderMap, AUTHORIZATION, WWW_AUTHENTICATE};
//!
//! let mut map = HeaderMap::new();
//! map.append(WWW_AUTHENTICATE, "Negotiate, NTLM".parse().unwrap());
//! let bearer = ChallengeBuilder::new("Bearer").param("realm", "api");
//! map.append(WWW_AUTHENTICATE, bearer.to_header_value().unwrap());
//! let schemes: Vec<_> = challenges(&map).map(|c| c.unwrap().scheme()).collect();
//! assert_eq!(schemes, ["Negotiate", "NTLM", "Bearer"]);
//!
//! map.insert(AUTHORIZATION, "Bearer mF_9.B5f-4.1JqM".parse().unwrap());
//! let creds = credentials(&map).unwrap().unwrap();
//! assert_eq!(creds.token68(), Some("mF_9.B5f-4.1JqM"));
//! ```

use http::header::{
    GetAll, HeaderMap, HeaderName, HeaderValue, ValueIter, AUTHORIZATION, PROXY_AUTHENTICATE,
    PROXY_AUTHORIZATION, WWW_AUTHENTICATE,
};

use crate::challenge::ChallengesOfLines;
use crate::credentials::{parse_credentials, Credentials};
use crate::error::{Error, ErrorKind};
use crate::params::{parse_auth_info, Params};

/// The challenges of every header line of one field, in order.
pub type MapChallenges<'a> = ChallengesOfLines<'a, ValueIter<'a, HeaderValue>>;

/// Every challenge of every `WWW-Authenticate` line of `map`, in order
/// (RFC 9110 §11.6.1, §5.3: the lines form one list). An error carries the
/// index of its line ([`Error::line`]).
pub fn challenges(map: &HeaderMap) -> MapChallenges<'_> {
    challenges_of(map, &WWW_AUTHENTICATE)
}

/// Every challenge of every `Proxy-Authenticate` line of `map`
/// (RFC 9110 §11.7.1).
///
/// ```
/// use http::header::{HeaderMap, PROXY_AUTHENTICATE, WWW_AUTHENTICATE};
/// let mut map = HeaderMap::new();
/// map.append(WWW_AUTHENTICATE, r#"Bearer realm="api""#.parse().unwrap());
/// map.append(PROXY_AUTHENTICATE, r#"Basic realm="corp""#.parse().unwrap());
/// let proxy = auth_headers::http::proxy_challenges(&map);
/// let schemes: Vec<_> = proxy.map(|c| c.unwrap().scheme()).collect();
/// assert_eq!(schemes, ["Basic"]); // WWW-Authenticate is another field
/// ```
pub fn proxy_challenges(map: &HeaderMap) -> MapChallenges<'_> {
    challenges_of(map, &PROXY_AUTHENTICATE)
}

/// Every challenge of every line of the field `name`.
pub fn challenges_of<'a>(map: &'a HeaderMap, name: &HeaderName) -> MapChallenges<'a> {
    let all: GetAll<'a, HeaderValue> = map.get_all(name);
    ChallengesOfLines::new(all.iter())
}

/// The credentials of `Authorization` (RFC 9110 §11.6.2): `None` when the
/// field is absent. The field holds one credentials, not a list, so a second
/// `Authorization` line is an [`ErrorKind::MultipleCredentials`] error on
/// line 1.
///
/// ```
/// use auth_headers::{http::credentials, ErrorKind};
/// use http::header::{HeaderMap, AUTHORIZATION};
/// let mut map = HeaderMap::new();
/// assert!(credentials(&map).is_none());
/// map.append(AUTHORIZATION, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==".parse().unwrap());
/// assert_eq!(credentials(&map).unwrap().unwrap().scheme(), "Basic");
/// map.append(AUTHORIZATION, "Bearer abc".parse().unwrap());
/// let err = credentials(&map).unwrap().unwrap_err();
/// assert_eq!((err.kind(), err.line()), (ErrorKind::MultipleCredentials, 1));
/// ```
pub fn credentials(map: &HeaderMap) -> Option<Result<Credentials<'_>, Error>> {
    credentials_of(map, &AUTHORIZATION)
}

/// The credentials of `Proxy-Authorization` (RFC 9110 §11.7.2).
///
/// ```
/// use auth_headers::http::{credentials, proxy_credentials};
/// use http::header::{HeaderMap, PROXY_AUTHORIZATION};
/// let mut map = HeaderMap::new();
/// map.insert(PROXY_AUTHORIZATION, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==".parse().unwrap());
/// let creds = proxy_credentials(&map).unwrap().unwrap();
/// assert_eq!(creds.token68(), Some("QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
/// assert!(credentials(&map).is_none()); // Authorization is another field
/// ```
pub fn proxy_credentials(map: &HeaderMap) -> Option<Result<Credentials<'_>, Error>> {
    credentials_of(map, &PROXY_AUTHORIZATION)
}

/// The credentials of the field `name`.
pub fn credentials_of<'a>(
    map: &'a HeaderMap,
    name: &HeaderName,
) -> Option<Result<Credentials<'a>, Error>> {
    let mut lines = map.get_all(name).into_iter();
    let first = lines.next()?;
    if lines.next().is_some() {
        return Some(Err(
            Error::new(0, ErrorKind::MultipleCredentials).with_line(1)
        ));
    }
    Some(parse_credentials(first))
}

/// The parameters of every `Authentication-Info` line (RFC 9110 §11.6.3),
/// one [`Params`] per line; errors carry their line.
///
/// ```
/// use http::header::{HeaderMap, HeaderName};
/// let name = HeaderName::from_static("authentication-info");
/// let mut map = HeaderMap::new();
/// map.append(&name, r#"rspauth="6629fae49393a05397450978507c4ef1", nc=00000001"#.parse().unwrap());
/// map.append(&name, "rspauth".parse().unwrap());
/// let lines: Vec<_> = auth_headers::http::auth_info(&map).collect();
/// let info = lines[0].as_ref().unwrap();
/// assert!(info.get("rspauth").unwrap().eq_str("6629fae49393a05397450978507c4ef1"));
/// assert!(info.get("nc").unwrap().eq_str("00000001"));
/// assert_eq!(lines[1].as_ref().unwrap_err().line(), 1); // errors name their line
/// ```
pub fn auth_info(map: &HeaderMap) -> impl Iterator<Item = Result<Params<'_>, Error>> {
    auth_info_of(map, &HeaderName::from_static("authentication-info"))
}

/// The parameters of every line of the field `name` (as
/// `Proxy-Authentication-Info`, RFC 9110 §11.7.3).
pub fn auth_info_of<'a>(
    map: &'a HeaderMap,
    name: &HeaderName,
) -> impl Iterator<Item = Result<Params<'a>, Error>> {
    map.get_all(name)
        .into_iter()
        .enumerate()
        .map(|(i, v)| parse_auth_info(v).map_err(|e| e.with_line(i)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{ChallengeBuilder, ChallengeListBuilder, CredentialsBuilder};
    extern crate std;
    use std::vec::Vec;

    // RFC 9110 §5.3: several WWW-Authenticate lines are one list.
    #[test]
    fn challenges_of_all_lines_with_line_numbers_on_error() {
        let mut map = HeaderMap::new();
        map.append(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"a\""),
        );
        map.append(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer, error=x"),
        );
        let got: Vec<_> = challenges(&map).collect();
        assert_eq!(got.len(), 3, "Basic, Bearer, then the error");
        assert!(got[0].as_ref().unwrap().is_scheme("basic"));
        assert!(got[1].as_ref().unwrap().is_scheme("bearer"));
        let e = got[2].unwrap_err();
        assert_eq!((e.line(), e.kind()), (1, ErrorKind::ParamWithoutScheme));
        assert_eq!(proxy_challenges(&map).count(), 0);
    }

    #[test]
    fn one_challenge_per_line_through_the_builder() {
        let list = [
            ChallengeBuilder::new("Negotiate"),
            ChallengeBuilder::new("Basic").param("realm", "intranet"),
        ];
        let mut map = HeaderMap::new();
        for line in ChallengeListBuilder::new(&list).lines().unwrap() {
            map.append(PROXY_AUTHENTICATE, line.get().to_header_value().unwrap());
        }
        assert_eq!(map.get_all(PROXY_AUTHENTICATE).iter().count(), 2);
        let schemes: Vec<_> = proxy_challenges(&map)
            .map(|c| c.unwrap().scheme())
            .collect();
        assert_eq!(schemes, ["Negotiate", "Basic"]);
    }

    #[test]
    fn credentials_absent_single_and_repeated() {
        let mut map = HeaderMap::new();
        assert!(credentials(&map).is_none());
        let v = CredentialsBuilder::new("Basic")
            .token68("QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
            .to_header_value()
            .unwrap();
        map.append(AUTHORIZATION, v);
        assert!(credentials(&map).unwrap().unwrap().is_scheme("basic"));
        map.append(AUTHORIZATION, HeaderValue::from_static("Bearer x"));
        let e = credentials(&map).unwrap().unwrap_err();
        assert_eq!((e.line(), e.kind()), (1, ErrorKind::MultipleCredentials));
        assert!(proxy_credentials(&map).is_none());
    }

    #[test]
    fn auth_info_per_line() {
        let mut map = HeaderMap::new();
        map.append(
            "authentication-info",
            HeaderValue::from_static("nextnonce=\"n\""),
        );
        map.append(
            "authentication-info",
            HeaderValue::from_static("qop=auth, x"),
        );
        let got: Vec<_> = auth_info(&map).collect();
        assert!(got[0]
            .as_ref()
            .unwrap()
            .get("nextnonce")
            .unwrap()
            .eq_str("n"));
        assert_eq!(got[1].unwrap_err().line(), 1);
    }

    #[test]
    fn header_value_keeps_obs_text_bytes() {
        let v = ChallengeBuilder::new("X")
            .param("a", b"caf\xE9")
            .to_header_value()
            .unwrap();
        assert_eq!(v.as_bytes(), b"X a=\"caf\xE9\"");
    }
}
