//! A Digest client that owns its credentials and its state (feature
//! `digest` with `alloc`), for clients that keep it in a `'static` layer or
//! across an `.await`: [`OwnedDigestClient`] and [`OwnedAnswer`].

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroize;

use super::algorithm::Algorithm;
use super::challenge::{DigestChallenge, Qop};
use super::client::{
    check_cnonce, check_info, choose, outcome, ChallengeOutcome, Parts, UsernameForm,
};
use super::hash::{self, h_join, nc_hex, plain, Exchange, Hex};
use super::{DigestError, DigestErrorKind};
use crate::challenge::ChallengeItem;

/// How many nonces the client keeps a count for.
const NONCES: usize = 8;

/// A password (or any secret text) that is wiped when dropped.
struct Wiped(String);

impl Drop for Wiped {
    fn drop(&mut self) {
        let mut bytes = core::mem::take(&mut self.0).into_bytes();
        let cap = bytes.capacity();
        bytes.resize(cap, 0);
        bytes.zeroize();
    }
}

impl Clone for Wiped {
    fn clone(&self) -> Self {
        Wiped(self.0.clone())
    }
}

#[derive(Clone)]
struct State {
    alg: Algorithm,
    realm: String,
    nonce: String,
    opaque: Option<String>,
    qop: Option<Qop>,
    userhash: bool,
    answered: bool,
}

/// A Digest client for one user that owns the username, the password
/// (wiped on drop) and its state: the chosen challenge's realm, nonce and
/// opaque, and a nonce count (`nc`) for each of the last few nonces, so it
/// can live in a `'static` middleware and answer many requests.
///
/// Compared to [`DigestClient`](super::DigestClient): it picks the
/// strongest challenge with a configurable minimum
/// ([`OwnedDigestClient::min_algorithm`]), sends a non-ASCII username in
/// the quoted form by default ([`UsernameForm`]), and its answers
/// ([`OwnedAnswer`]) own what they keep, so they can be held across an
/// `.await` until the response arrives.
///
/// ```
/// use auth_headers::http::challenges;
/// use auth_headers::schemes::digest::{Algorithm, ChallengeOutcome, OwnedDigestClient};
/// use http::header::{HeaderMap, WWW_AUTHENTICATE};
///
/// let mut map = HeaderMap::new();
/// map.append(WWW_AUTHENTICATE, r#"Digest realm="r", nonce="n1", qop="auth", algorithm=MD5"#.parse().unwrap());
/// map.append(WWW_AUTHENTICATE, r#"Digest realm="r", nonce="n1", qop="auth", algorithm=SHA-256"#.parse().unwrap());
/// let mut client = OwnedDigestClient::new("Jäsøn", "Secret, or not?");
/// assert_eq!(client.respond_to(challenges(&map)).unwrap(), ChallengeOutcome::Authenticate);
/// assert_eq!(client.algorithm(), Some(Algorithm::Sha256));
/// let (value, answer) = client.authorization("GET", "/doc?x=1", Some(b""), "0a4f113b").unwrap();
/// assert!(value.starts_with("Digest username=\"Jäsøn\", realm=\"r\", uri=\"/doc?x=1\", algorithm=SHA-256"));
/// assert_eq!(answer.nc(), 1);
/// assert!(!format!("{client:?}").contains("Secret"));
/// ```
#[derive(Clone)]
pub struct OwnedDigestClient {
    username: String,
    password: Wiped,
    form: UsernameForm,
    min: Algorithm,
    state: Option<State>,
    counts: Vec<(String, u32)>,
}

impl fmt::Debug for OwnedDigestClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("OwnedDigestClient");
        d.field("username", &self.username)
            .field("password", &"<redacted>")
            .field("min_algorithm", &self.min);
        if let Some(s) = &self.state {
            d.field("algorithm", &s.alg)
                .field("realm", &s.realm)
                .field("qop", &s.qop);
        }
        d.finish_non_exhaustive()
    }
}

/// What is needed to check the server's `Authentication-Info` for one
/// request, returned by [`OwnedDigestClient::authorization`]. It owns its
/// values (no borrow of the request or the client). `Debug` shows neither
/// H(A1) nor the response.
#[derive(Clone)]
pub struct OwnedAnswer {
    alg: Algorithm,
    ha1: Hex,
    nonce: String,
    cnonce: String,
    nc: u32,
    qop: Option<Qop>,
    uri: String,
    response: Hex,
}

impl fmt::Debug for OwnedAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnedAnswer")
            .field("algorithm", &self.alg)
            .field("nc", &self.nc)
            .field("qop", &self.qop)
            .field("uri", &self.uri)
            .finish_non_exhaustive()
    }
}

impl OwnedAnswer {
    /// The algorithm that was used.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The nonce count that was sent.
    pub fn nc(&self) -> u32 {
        self.nc
    }

    /// The qop that was used (`None` for the RFC 2069 form).
    pub fn qop(&self) -> Option<Qop> {
        self.qop
    }

    /// The `response` that was sent.
    pub fn response(&self) -> &Hex {
        &self.response
    }

    /// The `uri` that was sent.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    fn exchange(&self) -> Exchange<'_> {
        Exchange {
            alg: self.alg,
            nonce: plain(self.nonce.as_bytes()),
            cnonce: plain(self.cnonce.as_bytes()),
            nc: nc_hex(self.nc),
            qop: self.qop,
            uri: plain(self.uri.as_bytes()),
        }
    }
}

fn text(v: crate::ParamValue<'_>, name: &'static str) -> Result<String, DigestError> {
    let bytes: Vec<u8> = v.bytes().collect();
    String::from_utf8(bytes)
        .map_err(|_| DigestError::new(0, DigestErrorKind::Invalid(name, "not UTF-8 text")))
}

impl OwnedDigestClient {
    /// A client for `username` and `password` (UTF-8, RFC 7616 §3.4.1),
    /// accepting any algorithm, sending the username quoted.
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        OwnedDigestClient {
            username: username.into(),
            password: Wiped(password.into()),
            form: UsernameForm::Quoted,
            min: Algorithm::Md5Sess,
            state: None,
            counts: Vec::new(),
        }
    }

    /// Refuses challenges weaker than `min` (by [`Algorithm::strength`]):
    /// `Algorithm::Sha256` refuses a downgrade to MD5.
    pub fn min_algorithm(mut self, min: Algorithm) -> Self {
        self.min = min;
        self
    }

    /// How the username is sent (default [`UsernameForm::Quoted`]).
    pub fn username_form(mut self, form: UsernameForm) -> Self {
        self.form = form;
        self
    }

    /// The username.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// Reads the challenges of a 401 (or 407), every line, and picks the one
    /// to answer: among the valid `Digest` challenges with a known algorithm
    /// no weaker than the minimum, the strongest (SHA-512-256 > SHA-256 >
    /// MD5, whatever their order), then one offering `qop=auth` over
    /// `auth-int`. Items may be [`Challenge`](crate::Challenge)s or the
    /// `Result`s of `auth_headers::http::challenges`; errors are skipped.
    ///
    /// After an answer, `stale=true` is [`ChallengeOutcome::RetryStale`] and
    /// anything else [`ChallengeOutcome::Rejected`]. With no usable
    /// challenge, the error is [`DigestErrorKind::NoDigestChallenge`] (see
    /// [`OwnedDigestClient::strongest_offered`] to tell "too weak" apart).
    pub fn respond_to<'c, I>(&mut self, challenges: I) -> Result<ChallengeOutcome, DigestError>
    where
        I: IntoIterator,
        I::Item: ChallengeItem<'c>,
    {
        let c = choose(
            challenges
                .into_iter()
                .filter_map(ChallengeItem::into_challenge),
            self.min,
        )?;
        let state = State {
            alg: c.alg,
            realm: text(c.realm, "realm")?,
            nonce: text(c.nonce, "nonce")?,
            opaque: c.opaque.map(|o| text(o, "opaque")).transpose()?,
            qop: c.qop,
            userhash: c.userhash,
            answered: false,
        };
        let outcome = outcome(self.state.as_ref().is_some_and(|s| s.answered), c.stale);
        self.state = Some(state);
        Ok(outcome)
    }

    /// The strongest known algorithm among the `Digest` challenges, whatever
    /// the minimum: to report a refused downgrade.
    pub fn strongest_offered<'c, I>(challenges: I) -> Option<Algorithm>
    where
        I: IntoIterator,
        I::Item: ChallengeItem<'c>,
    {
        challenges
            .into_iter()
            .filter_map(ChallengeItem::into_challenge)
            .filter_map(DigestChallenge::new)
            .filter_map(|d| d.algorithm().known())
            .max_by_key(|a| a.strength())
    }

    /// The algorithm of the chosen challenge.
    pub fn algorithm(&self) -> Option<Algorithm> {
        self.state.as_ref().map(|s| s.alg)
    }

    /// The qop that will be used (`None` also for the RFC 2069 form).
    pub fn qop(&self) -> Option<Qop> {
        self.state.as_ref().and_then(|s| s.qop)
    }

    /// Whether a challenge has been read (so a request can be answered
    /// preemptively with the next nonce count).
    pub fn is_ready(&self) -> bool {
        self.state.is_some()
    }

    /// The nonce count the next answer will carry.
    pub fn next_nc(&self) -> Option<u32> {
        let s = self.state.as_ref()?;
        Some(self.count(&s.nonce).saturating_add(1))
    }

    fn count(&self, nonce: &str) -> u32 {
        self.counts
            .iter()
            .find(|(n, _)| n == nonce)
            .map_or(0, |(_, c)| *c)
    }

    fn set_count(&mut self, nonce: &str, nc: u32) {
        if let Some(e) = self.counts.iter_mut().find(|(n, _)| n == nonce) {
            e.1 = nc;
            return;
        }
        if self.counts.len() == NONCES {
            self.counts.remove(0);
        }
        self.counts.push((String::from(nonce), nc));
    }

    /// The `Authorization` (or `Proxy-Authorization`) value for one request
    /// and the [`OwnedAnswer`] to check the response with: `method`, `uri`
    /// the request-target (path and query for an origin server, RFC 9112
    /// §3.2), `body` the request body (`None` when it is not known, which
    /// `qop=auth-int` refuses), `cnonce` fresh for this request (RFC 7616
    /// §5.5; 16 random bytes through [`Hex::encode`]). Each call counts one
    /// more use of the nonce.
    ///
    /// The value may hold UTF-8 (a quoted non-ASCII username): build the
    /// `HeaderValue` with `HeaderValue::from_bytes`, not `from_str`.
    pub fn authorization(
        &mut self,
        method: &str,
        uri: &str,
        body: Option<&[u8]>,
        cnonce: &str,
    ) -> Result<(String, OwnedAnswer), DigestError> {
        let s = self
            .state
            .clone()
            .ok_or(DigestError::new(0, DigestErrorKind::NoChallengeYet))?;
        check_cnonce(s.qop, cnonce)?;
        if s.qop == Some(Qop::AuthInt) && body.is_none() {
            return Err(DigestError::new(
                0,
                DigestErrorKind::Invalid("qop", "`auth-int` needs the request body"),
            ));
        }
        let nc = self
            .count(&s.nonce)
            .checked_add(1)
            .ok_or(DigestError::new(0, DigestErrorKind::NonceCountExhausted))?;
        let x = Exchange {
            alg: s.alg,
            nonce: plain(s.nonce.as_bytes()),
            cnonce: plain(cnonce.as_bytes()),
            nc: nc_hex(nc),
            qop: s.qop,
            uri: plain(uri.as_bytes()),
        };
        let ha1 = x.session_ha1(&hash::ha1(
            s.alg,
            self.username.as_bytes(),
            s.realm.as_bytes(),
            self.password.0.as_bytes(),
        ));
        let response = x.response(&ha1, method.as_bytes(), body);

        let hashed = s.userhash.then(|| {
            h_join(
                s.alg,
                &[plain(self.username.as_bytes()), plain(s.realm.as_bytes())],
            )
        });
        let mut value = String::new();
        Parts {
            alg: s.alg,
            username: &self.username,
            form: self.form,
            hashed: hashed.as_ref().map(Hex::as_str),
            realm: &s.realm,
            uri,
            nonce: &s.nonce,
            qop: s.qop,
            nc,
            cnonce,
            response: response.as_str(),
            opaque: s.opaque.as_deref(),
        }
        .write_to(&mut value)?;
        self.set_count(&s.nonce, nc);
        if let Some(st) = self.state.as_mut() {
            st.answered = true;
        }
        Ok((
            value,
            OwnedAnswer {
                alg: s.alg,
                ha1,
                nonce: s.nonce,
                cnonce: String::from(cnonce),
                nc,
                qop: s.qop,
                uri: String::from(uri),
                response,
            },
        ))
    }

    /// Marks the last answer as accepted, so that the next challenge is read
    /// as a first one (not as a refusal of the credentials).
    pub fn accepted(&mut self) {
        if let Some(s) = self.state.as_mut() {
            s.answered = false;
        }
    }

    /// Checks the server's `Authentication-Info` (or
    /// `Proxy-Authentication-Info`) for the request `answer` came from:
    /// `rspauth` must prove the server knows H(A1) (RFC 7616 §3.5), and
    /// `cnonce`, `nc` and `qop`, when present, must echo the request's.
    /// `body` is the response body, hashed for `auth-int`. A `nextnonce` is
    /// adopted for the next request (its count starts at 1). No `rspauth`
    /// is [`DigestErrorKind::Syntax`]`(ErrorKind::MissingParam("rspauth"))`; a wrong one
    /// [`DigestErrorKind::RspauthMismatch`].
    pub fn verify_authentication_info<V: AsRef<[u8]> + ?Sized>(
        &mut self,
        answer: &OwnedAnswer,
        value: &V,
        body: Option<&[u8]>,
    ) -> Result<(), DigestError> {
        let x = answer.exchange();
        let expected = x.response(&answer.ha1, b"", body);
        let next = check_info(value, &answer.cnonce, answer.nc, answer.qop, &expected)?;
        self.adopt(next)
    }

    /// Adopts the `nextnonce` of an `Authentication-Info` value, if any,
    /// without checking `rspauth` (for servers that send no `rspauth`).
    pub fn adopt_nextnonce<V: AsRef<[u8]> + ?Sized>(
        &mut self,
        value: &V,
    ) -> Result<(), DigestError> {
        let info = crate::params::parse_auth_info(value).map_err(DigestError::from)?;
        self.adopt(info.iter().find(|p| p.is("nextnonce")).map(|p| p.value()))
    }

    /// Takes `next`, a `nextnonce` already read, as the nonce of the next
    /// request.
    fn adopt(&mut self, next: Option<crate::ParamValue<'_>>) -> Result<(), DigestError> {
        if let Some(v) = next {
            let n = text(v, "nextnonce")?;
            if let Some(s) = self.state.as_mut() {
                s.nonce = n;
            }
        }
        Ok(())
    }
}
