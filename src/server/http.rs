//! The server decisions as [`http`](::http) types (feature `http`): the
//! status as a [`StatusCode`], the reply as a [`Response`] with its
//! `WWW-Authenticate` (or `Proxy-Authenticate`) lines, and credentials read
//! from a [`HeaderMap`].
//!
//! A second `Authorization` line is refused: see
//! [the table](super#a-second-authorization-line).
//!
//! ```
//! use auth_headers::server::{BearerServer, Outcome};
//! use http::header::{HeaderMap, AUTHORIZATION, WWW_AUTHENTICATE};
//!
//! let api = BearerServer::new("api").resource_metadata("https://api.example/.well-known/oauth-protected-resource");
//! let mut map = HeaderMap::new();
//! map.append(AUTHORIZATION, "Bearer a".parse().unwrap());
//! map.append(AUTHORIZATION, "Bearer b".parse().unwrap());
//! let outcome = api.read_headers(&map).unwrap_err();
//! let response: http::Response<()> = api.reply(outcome).unwrap().to_response().unwrap();
//! assert_eq!(response.status(), 400);
//! assert!(response.headers()[WWW_AUTHENTICATE].to_str().unwrap().contains(r#"error="invalid_request""#));
//! ```

use ::http::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, PROXY_AUTHENTICATE, PROXY_AUTHORIZATION,
    WWW_AUTHENTICATE,
};
use ::http::{Response, StatusCode};

use super::{read_value, BasicServer, BearerServer, DpopOutcome, DpopRequest, DpopServer};
use super::{Outcome, Reply, Side};
use crate::error::{Error, ErrorKind};
use crate::schemes::basic::{self, BasicCredentials};
use crate::schemes::Token68Credentials;
use crate::schemes::{bearer, dpop};
use crate::write::{BuildError, ChallengeBuilder, ChallengeListBuilder};

/// The description of a request with two credentials lines.
const TWO_LINES: &str =
    "more than one credentials header line: a request carries one credentials (RFC 9110 11.6.2)";

impl Side {
    /// The field that carries the challenges, as a [`HeaderName`].
    pub fn challenge_header(self) -> HeaderName {
        match self {
            Side::Origin => WWW_AUTHENTICATE,
            Side::Proxy => PROXY_AUTHENTICATE,
        }
    }

    /// The field that carries the credentials, as a [`HeaderName`].
    pub fn credentials_header(self) -> HeaderName {
        match self {
            Side::Origin => AUTHORIZATION,
            Side::Proxy => PROXY_AUTHORIZATION,
        }
    }

    /// The field of the server's `Authentication-Info`, as a [`HeaderName`].
    pub fn auth_info_header(self) -> HeaderName {
        match self {
            Side::Origin => HeaderName::from_static("authentication-info"),
            Side::Proxy => HeaderName::from_static("proxy-authentication-info"),
        }
    }

    /// The one credentials value of this side's field: `Ok(None)` when the
    /// field is absent, `Err` (with [`ErrorKind::MultipleCredentials`] on
    /// line 1) when it has more than one line (RFC 9110 §11.6.2).
    pub fn credentials_value(self, map: &HeaderMap) -> Result<Option<&HeaderValue>, Error> {
        let mut lines = map.get_all(self.credentials_header()).into_iter();
        let first = lines.next();
        if lines.next().is_some() {
            return Err(Error::new(0, ErrorKind::MultipleCredentials).with_line(1));
        }
        Ok(first)
    }
}

/// How a response holds several challenges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lines {
    /// One header line per challenge (the default): clients that read one
    /// challenge per line (Chromium, diqwest, rmcp) see them all, and
    /// browsers that mishandle joined lists (werkzeug PR #1755) are safe.
    #[default]
    OnePerChallenge,
    /// All challenges on one line, joined with `, ` (RFC 9110 §11.6.1
    /// allows either; the field is a list).
    Joined,
}

/// `status` turned into a [`StatusCode`]; every status the decisions give
/// (400, 401, 403, 407) is valid.
fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// A response with `status` and `challenges` in this side's challenge field,
/// one line each or joined as `lines` says; the body is `B::default()`.
/// Every challenge is checked before anything is built, so an error means no
/// response; an empty list is refused ([`ErrorKind::NoChallenge`]) for 401
/// and 407, which must carry a challenge (RFC 9110 §15.5.2, §15.5.8), and
/// allowed otherwise (a 403).
///
/// ```
/// use auth_headers::server::{challenge_response, Lines, Side};
/// use auth_headers::write::ChallengeBuilder;
/// let offer = [
///     ChallengeBuilder::new("Bearer").param("realm", "api"),
///     ChallengeBuilder::new("Basic").param("realm", "api"),
/// ];
/// let r: http::Response<String> = challenge_response(Side::Proxy, 407, &offer, Lines::default()).unwrap();
/// assert_eq!(r.status(), 407);
/// let lines: Vec<_> = r.headers().get_all("proxy-authenticate").iter().collect();
/// assert_eq!(lines, [r#"Bearer realm="api""#, r#"Basic realm="api""#]);
/// ```
pub fn challenge_response<B: Default, const N: usize>(
    side: Side,
    status: u16,
    challenges: &[ChallengeBuilder<'_, N>],
    lines: Lines,
) -> Result<Response<B>, BuildError> {
    let mut response = Response::new(B::default());
    *response.status_mut() = status_code(status);
    if challenges.is_empty() && status != 401 && status != 407 {
        return Ok(response);
    }
    append_challenges(side, challenges, lines, response.headers_mut())?;
    Ok(response)
}

/// Appends `challenges` to this side's challenge field of `headers`, one
/// line each or joined; nothing is appended on error.
pub fn append_challenges<const N: usize>(
    side: Side,
    challenges: &[ChallengeBuilder<'_, N>],
    lines: Lines,
    headers: &mut HeaderMap,
) -> Result<(), BuildError> {
    let list = ChallengeListBuilder::new(challenges);
    let name = side.challenge_header();
    match lines {
        Lines::Joined => {
            headers.append(name, list.to_header_value()?);
        }
        Lines::OnePerChallenge => {
            // `lines` checks every challenge before it gives one, and a
            // checked challenge always makes a `HeaderValue` (written without
            // a second check): all lines are appended, or none.
            for line in list.lines()? {
                headers.append(name.clone(), line.to_header_value()?);
            }
        }
    }
    Ok(())
}

impl Reply<'_> {
    /// The status as a [`StatusCode`] (400, 401, 403 or 407).
    pub fn status_code(&self) -> StatusCode {
        status_code(self.status())
    }

    /// The field the challenge goes in, as a [`HeaderName`]
    /// (`WWW-Authenticate`, or `Proxy-Authenticate` for a proxy).
    pub fn challenge_header(&self) -> HeaderName {
        self.side.challenge_header()
    }

    /// Appends the challenge (if any) to `headers`, and the `DPoP-Nonce`
    /// header of a [`DpopOutcome::UseNonce`] reply (RFC 9449 §9), which
    /// replaces any `DPoP-Nonce` already there (RFC 9449 §8: never more
    /// than one; [`Reply::insert_dpop_nonce`]). On error `headers` is
    /// untouched.
    pub fn append_to(&self, headers: &mut HeaderMap) -> Result<(), BuildError> {
        if let Some(c) = &self.challenge {
            headers.append(self.challenge_header(), c.to_header_value()?);
        }
        self.insert_dpop_nonce(headers);
        Ok(())
    }

    /// Writes the `DPoP-Nonce` header of a [`DpopOutcome::UseNonce`] reply
    /// (RFC 9449 §9) into `headers`, replacing any `DPoP-Nonce` already
    /// there (RFC 9449 §8: never more than one); does nothing for any other
    /// reply. [`Reply::append_to`] writes it with the challenge; this is for
    /// a response that writes its challenges itself, the DPoP one among
    /// others ([`append_challenges`]).
    ///
    /// ```
    /// use auth_headers::schemes::dpop::DpopNonce;
    /// use auth_headers::server::{DpopOutcome, DpopServer};
    /// let nonce = DpopNonce::new("eyJ7S_zG.eyJH0-Z.HX4w-7v").unwrap();
    /// let reply = DpopServer::new("api").reply(DpopOutcome::UseNonce { nonce, description: None }).unwrap();
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("dpop-nonce", "old".parse().unwrap());
    /// reply.insert_dpop_nonce(&mut headers);
    /// assert_eq!(headers.len(), 1);
    /// assert_eq!(headers["dpop-nonce"], "eyJ7S_zG.eyJH0-Z.HX4w-7v");
    /// ```
    pub fn insert_dpop_nonce(&self, headers: &mut HeaderMap) {
        // A DpopNonce holds visible ASCII only, always a valid value.
        if let Some(n) = self
            .nonce
            .and_then(|n| HeaderValue::from_str(n.as_str()).ok())
        {
            headers.insert(dpop_nonce_header(), n);
        }
    }

    /// The response: this status, the challenge in its field (and the
    /// `DPoP-Nonce` header of a `use_dpop_nonce` reply, as
    /// [`Reply::append_to`] writes it), and `B::default()` as the body (an empty body for `String`, `Vec<u8>`,
    /// `()`, axum's `Body` …).
    ///
    /// ```
    /// use auth_headers::server::{BasicServer, Outcome};
    /// let reply = BasicServer::new("intranet").utf8().proxy().reply(Outcome::NoCredentials).unwrap();
    /// let r: http::Response<Vec<u8>> = reply.to_response().unwrap();
    /// assert_eq!(r.status(), http::StatusCode::PROXY_AUTHENTICATION_REQUIRED);
    /// assert_eq!(r.headers()["proxy-authenticate"], r#"Basic realm="intranet", charset="UTF-8""#);
    /// ```
    pub fn to_response<B: Default>(&self) -> Result<Response<B>, BuildError> {
        let mut response = Response::new(B::default());
        *response.status_mut() = self.status_code();
        self.append_to(response.headers_mut())?;
        Ok(response)
    }
}

/// The outcome of a second credentials line.
fn two_lines() -> Outcome<'static> {
    Outcome::Malformed {
        description: Some(TWO_LINES),
    }
}

/// `DPoP` (RFC 9449 §4.1), the request header of the proof.
pub(super) fn dpop_header() -> HeaderName {
    HeaderName::from_static("dpop")
}

/// `DPoP-Nonce` (RFC 9449 §8, §9), the response header of a nonce.
pub(super) fn dpop_nonce_header() -> HeaderName {
    HeaderName::from_static("dpop-nonce")
}

impl Side {
    /// Reads this side's one credentials value from `map` with its scheme's
    /// `parse`, as every server's `read_headers` does: absent or another
    /// scheme is [`Outcome::NoCredentials`]; a second line or a value that
    /// does not parse is [`Outcome::Malformed`].
    fn read_credentials<'m, T>(
        self,
        map: &'m HeaderMap,
        parse: impl FnOnce(&'m HeaderValue) -> Result<T, Error>,
    ) -> Result<T, Outcome<'static>> {
        let value = self.credentials_value(map).map_err(|_| two_lines())?;
        read_value(value, parse)
    }
}

impl BearerServer<'_> {
    /// Reads the Bearer token from `map`: from `Authorization`, or
    /// `Proxy-Authorization` for a proxy ([`BearerServer::proxy`]).
    /// [`Outcome::NoCredentials`] when the field is absent or holds
    /// another scheme; [`Outcome::Malformed`] (400 `invalid_request`) for a
    /// malformed Bearer value or a second line (RFC 9110 §11.6.2; see the
    /// [table](crate::server#a-second-authorization-line)).
    pub fn read_headers<'m>(
        &self,
        map: &'m HeaderMap,
    ) -> Result<Token68Credentials<'m>, Outcome<'static>> {
        self.side.read_credentials(map, bearer::parse_credentials)
    }
}

impl BasicServer<'_> {
    /// Reads Basic credentials from `map`: from `Authorization`, or
    /// `Proxy-Authorization` for a proxy ([`BasicServer::proxy`]).
    /// [`Outcome::NoCredentials`] when the field is absent or holds
    /// another scheme; [`Outcome::Malformed`] (answered 401 with the
    /// challenge) for a malformed Basic value or a second line.
    pub fn read_headers<'m>(
        &self,
        map: &'m HeaderMap,
    ) -> Result<BasicCredentials<'m>, Outcome<'static>> {
        self.side.read_credentials(map, basic::parse_credentials)
    }
}

impl DpopServer<'_> {
    /// Reads a DPoP request from `map`: the access token of
    /// `Authorization: DPoP <token68>` (always `Authorization`: DPoP is for
    /// origin servers only, RFC 9449 §7.1) and the proof of the `DPoP`
    /// header, as [`DpopServer::read`] does. A second `Authorization` line
    /// is [`Outcome::Malformed`] (400 `invalid_request`, as for Bearer); a
    /// `DPoP` header that is missing, repeated (RFC 9449 §4.3, check 1) or
    /// not a JWS is [`DpopOutcome::InvalidProof`] (401
    /// `invalid_dpop_proof`).
    ///
    /// ```
    /// use auth_headers::server::{DpopOutcome, DpopServer, Outcome};
    /// let api = DpopServer::new("api").algs("ES256");
    /// let mut map = http::HeaderMap::new();
    /// map.append("authorization", "DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU".parse().unwrap());
    /// assert!(matches!(api.read_headers(&map), Err(DpopOutcome::InvalidProof { .. })));
    /// map.append("dpop", "eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiJ4In0.c2ln".parse().unwrap());
    /// let req = api.read_headers(&map).unwrap();
    /// assert_eq!(req.token(), "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU");
    /// assert_eq!(req.proof().payload(), "eyJqdGkiOiJ4In0");
    /// map.append("dpop", "eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiJ5In0.c2ln".parse().unwrap());
    /// assert!(matches!(api.read_headers(&map), Err(DpopOutcome::InvalidProof { .. })));
    /// ```
    pub fn read_headers<'m>(
        &self,
        map: &'m HeaderMap,
    ) -> Result<DpopRequest<'m>, DpopOutcome<'static>> {
        let token = Side::Origin.read_credentials(map, dpop::parse_credentials)?;
        self.proof(token, map.get_all(dpop_header()))
    }
}

/// Reads Digest credentials from `map` (`Authorization`, or
/// `Proxy-Authorization` for [`Side::Proxy`]): `None` when the field is
/// absent or holds another scheme; [`Rejection::Malformed`] (400) for a value
/// that does not parse or a second line (RFC 9110 §11.6.2). Verify the
/// result with [`DigestServer::check_nonce`] and [`DigestServer::verify`].
///
/// [`Rejection::Malformed`]: crate::schemes::digest::Rejection::Malformed
/// [`DigestServer::check_nonce`]: crate::schemes::digest::DigestServer::check_nonce
/// [`DigestServer::verify`]: crate::schemes::digest::DigestServer::verify
///
/// ```
/// use auth_headers::server::{digest_credentials, Side};
/// let mut map = http::HeaderMap::new();
/// assert!(digest_credentials(&map, Side::Origin).is_none());
/// map.append("authorization", r#"Digest username="Mufasa", realm="x""#.parse().unwrap());
/// assert!(digest_credentials(&map, Side::Origin).unwrap().is_ok());
/// assert!(digest_credentials(&map, Side::Proxy).is_none());
/// map.append("authorization", "Digest x=y".parse().unwrap());
/// assert!(digest_credentials(&map, Side::Origin).unwrap().is_err());
/// ```
#[cfg(feature = "digest")]
pub fn digest_credentials(
    map: &HeaderMap,
    side: Side,
) -> Option<Result<crate::schemes::digest::DigestCredentials<'_>, crate::schemes::digest::Rejection>>
{
    use crate::schemes::digest::{DigestCredentials, DigestError, Rejection};
    let value = match side.credentials_value(map) {
        Ok(v) => v?,
        Err(e) => return Some(Err(Rejection::Malformed(DigestError::from(e)))),
    };
    match DigestCredentials::parse(value) {
        Err(e) if e.kind() == crate::ErrorKind::WrongScheme => None,
        r => Some(r.map_err(Rejection::from)),
    }
}

#[cfg(test)]
mod tests {
    // `from_static` needs lower case, so the names are written again here:
    // they are the scheme module's, ASCII case ignored (RFC 9110 §5.1).
    #[test]
    fn dpop_header_names_are_the_scheme_modules() {
        use crate::schemes::dpop::{NONCE_HEADER, PROOF_HEADER};
        assert!(super::dpop_header()
            .as_str()
            .eq_ignore_ascii_case(PROOF_HEADER));
        assert!(super::dpop_nonce_header()
            .as_str()
            .eq_ignore_ascii_case(NONCE_HEADER));
    }
}
