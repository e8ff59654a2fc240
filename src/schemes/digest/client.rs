//! The Digest client: pick a challenge, compute the response, write the
//! `Authorization` value, keep the nonce count, retry on `stale=true`, and
//! check the server's `rspauth` (RFC 7616 §3.4, §3.5).

use core::fmt;

use zeroize::{Zeroize, Zeroizing};

use super::algorithm::Algorithm;
use super::challenge::{DigestChallenge, Qop};
use super::hash::{self, h_join, nc_hex, plain, Exchange, Hex};
use super::text::{build, Text};
use super::{DigestError, DigestErrorKind};
use crate::challenge::Challenge;
use crate::error::ErrorKind;
use crate::write::{CredentialsBuilder, Value};

/// How long a realm, nonce or opaque the client keeps, in bytes.
const KEEP: usize = 255;

/// What a new set of challenges means for the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChallengeOutcome {
    /// A first challenge: answer it with [`DigestClient::authorization`].
    Authenticate,
    /// `stale=true` after an answer: the password was right but the nonce
    /// had expired. Retry with [`DigestClient::authorization`] right away,
    /// without asking the user again.
    RetryStale,
    /// A fresh challenge right after an answer, without `stale=true`: the
    /// server refused the username or password. Ask the user again (a new
    /// [`DigestClient`]) rather than looping.
    Rejected,
}

#[derive(Clone, Copy)]
struct State {
    alg: Algorithm,
    realm: Text<KEEP>,
    nonce: Text<KEEP>,
    opaque: Option<Text<KEEP>>,
    qop: Option<Qop>,
    userhash: bool,
    nc: u32,
    answered: bool,
}

/// How a username is sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UsernameForm {
    /// `username="…"`, a quoted-string carrying the UTF-8 bytes as they are
    /// (`\` and `"` escaped): what curl, Chromium, wget and aiohttp send and
    /// what Apache httpd, Twisted and the Go libraries accept. RFC 7616
    /// §3.4.4 with `charset=UTF-8` allows it. The default.
    #[default]
    Quoted,
    /// `username*=UTF-8''…` (RFC 7616 §3.4.4, an RFC 8187 ext-value) for a
    /// name that is not printable ASCII; printable ASCII still goes quoted.
    /// Several real servers refuse this form.
    ExtValue,
}

/// A Digest client for one user: it borrows the username and password and
/// keeps, without allocating, what it needs across requests (the chosen
/// challenge's realm, nonce, opaque and the nonce count).
///
/// The password is UTF-8 (`&str`), as RFC 7616 §3.4.1 wants with
/// `charset=UTF-8` and as every current peer sends. It is borrowed, so
/// wiping it is the owner's job (a `zeroize::Zeroizing<String>`, say); the
/// H(A1)s the client derives from it are wiped after use, and the one kept
/// in each [`Answer`] when the answer is dropped. `Debug` shows the
/// username, never the password.
///
/// ```
/// # #[cfg(feature = "digest")] {
/// use auth_headers::schemes::digest::{Algorithm, ChallengeOutcome, DigestClient};
/// // RFC 7616 §3.9.1, the MD5 challenge.
/// let www = r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;
/// let mut client = DigestClient::new("Mufasa", "Circle of Life");
/// let list = auth_headers::parse_challenges(www).unwrap();
/// assert_eq!(client.respond_to(list.iter()).unwrap(), ChallengeOutcome::Authenticate);
/// assert_eq!(client.algorithm(), Some(Algorithm::Md5));
/// let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
/// let mut authorization = String::new();
/// let answer = client.authorization("GET", "/dir/index.html", None, cnonce, &mut authorization).unwrap();
/// assert_eq!(answer.response().as_str(), "8ca523f5e9506fed4657c9700eebdbec");
/// assert_eq!((answer.nc(), client.next_nc()), (1, Some(2))); // the next request counts on
/// # }
/// ```
#[derive(Clone)]
pub struct DigestClient<'p> {
    username: &'p str,
    password: &'p str,
    form: UsernameForm,
    state: Option<State>,
}

impl fmt::Debug for DigestClient<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("DigestClient");
        d.field("username", &self.username);
        if let Some(s) = &self.state {
            d.field("algorithm", &s.alg)
                .field("realm", &s.realm.as_str())
                .field("qop", &s.qop)
                .field("nc", &s.nc);
        }
        d.finish_non_exhaustive()
    }
}

/// Everything needed to check the server's `Authentication-Info` for one
/// request, returned by [`DigestClient::authorization`].
///
/// It keeps the request's H(A1), so it is not `Copy`, its `Debug` shows
/// neither the H(A1) nor the response, and the H(A1) is wiped when it is
/// dropped (with `zeroize`).
#[derive(Clone)]
pub struct Answer<'r> {
    alg: Algorithm,
    ha1: Hex,
    nonce: Text<KEEP>,
    cnonce: &'r str,
    nc: u32,
    qop: Option<Qop>,
    uri: &'r str,
    response: Hex,
}

impl fmt::Debug for Answer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Answer")
            .field("algorithm", &self.alg)
            .field("nc", &self.nc)
            .field("qop", &self.qop)
            .field("uri", &self.uri)
            .finish_non_exhaustive()
    }
}

impl Drop for Answer<'_> {
    fn drop(&mut self) {
        self.ha1.zeroize();
    }
}

impl<'r> Answer<'r> {
    /// The `response` value that was sent.
    pub fn response(&self) -> &Hex {
        &self.response
    }

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

    fn exchange(&self) -> Exchange<'_> {
        Exchange {
            alg: self.alg,
            nonce: self.nonce.value(),
            cnonce: plain(self.cnonce.as_bytes()),
            nc: nc_hex(self.nc),
            qop: self.qop,
            uri: plain(self.uri.as_bytes()),
        }
    }
}

/// The challenge a client answers, read once for both clients
/// ([`DigestClient`] borrows what it keeps, `OwnedDigestClient` copies it).
pub(super) struct Chosen<'c> {
    pub(super) alg: Algorithm,
    pub(super) realm: crate::ParamValue<'c>,
    pub(super) nonce: crate::ParamValue<'c>,
    pub(super) opaque: Option<crate::ParamValue<'c>>,
    pub(super) qop: Option<Qop>,
    pub(super) userhash: bool,
    pub(super) stale: bool,
}

/// What the client would answer of a valid challenge: its algorithm (none
/// below `min`) and its qop (`auth` over `auth-int`; `None` for a challenge
/// without `qop`). `None` for a challenge to skip.
fn answerable(d: &DigestChallenge<'_>, min: Algorithm) -> Option<(Algorithm, Option<Qop>)> {
    d.validate().ok()?;
    let alg = d.algorithm().known()?;
    if alg.strength() < min.strength() {
        return None;
    }
    let qop = if !d.has_qop() {
        None
    } else if d.offers(Qop::Auth) {
        Some(Qop::Auth)
    } else if d.offers(Qop::AuthInt) {
        Some(Qop::AuthInt)
    } else {
        return None;
    };
    Some((alg, qop))
}

/// The rank of an [`answerable`] challenge: the algorithm's strength, then
/// `qop=auth` over `auth-int` over none.
fn rank((alg, qop): (Algorithm, Option<Qop>)) -> (u8, u8) {
    let qop = match qop {
        Some(Qop::Auth) => 2,
        Some(Qop::AuthInt) => 1,
        None => 0,
    };
    (alg.strength(), qop)
}

/// Picks the challenge to answer among `challenges` (other schemes are
/// skipped): the best [`rank`], the first of equals.
pub(super) fn choose<'c>(
    challenges: impl IntoIterator<Item = Challenge<'c>>,
    min: Algorithm,
) -> Result<Chosen<'c>, DigestError> {
    let mut best: Option<(DigestChallenge<'c>, (Algorithm, Option<Qop>))> = None;
    for d in challenges.into_iter().filter_map(DigestChallenge::new) {
        if let Some(a) = answerable(&d, min) {
            if best.as_ref().map_or(true, |(_, b)| rank(a) > rank(*b)) {
                best = Some((d, a));
            }
        }
    }
    let Some((d, (alg, qop))) = best else {
        return Err(DigestError::new(0, DigestErrorKind::NoDigestChallenge));
    };
    let missing = |n| DigestError::new(0, DigestErrorKind::Syntax(ErrorKind::MissingParam(n)));
    Ok(Chosen {
        alg,
        realm: d.realm().ok_or(missing("realm"))?,
        nonce: d.nonce().ok_or(missing("nonce"))?,
        opaque: d.opaque(),
        qop,
        userhash: d.userhash()?,
        stale: d.stale()?,
    })
}

/// Refuses a `cnonce` that could not go out as the quoted-string both
/// clients write (RFC 7616 §3.4: visible ASCII, no `"` or `\`), when the
/// chosen challenge has a qop (without one, RFC 2069, none is sent).
pub(super) fn check_cnonce(qop: Option<Qop>, cnonce: &str) -> Result<(), DigestError> {
    let visible = |b: u8| b.is_ascii_graphic() && b != b'"' && b != b'\\';
    if qop.is_some() && (cnonce.is_empty() || !cnonce.bytes().all(visible)) {
        return Err(DigestError::new(
            0,
            DigestErrorKind::Invalid(
                "cnonce",
                "use visible ASCII other than `\"` and `\\`, such as hex or base64 digits",
            ),
        ));
    }
    Ok(())
}

/// One answer's parameters, which both clients write the same way: in
/// RFC 7616 §3.9's order (`username`, `realm`, `uri`, `algorithm`,
/// `nonce`, `nc`, `cnonce`, `qop`, `response`, `opaque`, `userhash`),
/// `algorithm`, `nc` and `qop` unquoted.
pub(super) struct Parts<'a> {
    pub(super) alg: Algorithm,
    pub(super) username: &'a str,
    pub(super) form: UsernameForm,
    /// With `userhash=true`: H(username ":" realm), sent as `username`.
    pub(super) hashed: Option<&'a str>,
    pub(super) realm: &'a str,
    pub(super) uri: &'a str,
    pub(super) nonce: &'a str,
    pub(super) qop: Option<Qop>,
    pub(super) nc: u32,
    pub(super) cnonce: &'a str,
    pub(super) response: &'a str,
    pub(super) opaque: Option<&'a str>,
}

impl Parts<'_> {
    /// Writes the `Authorization` (or `Proxy-Authorization`) value.
    pub(super) fn write_to<W: fmt::Write + ?Sized>(&self, w: &mut W) -> Result<(), DigestError> {
        let printable = self.username.bytes().all(|b| (0x20..0x7f).contains(&b));
        let nc_digits = nc_hex(self.nc);
        let mut b = CredentialsBuilder::new("Digest");
        match self.hashed {
            Some(hashed) => b.push("username", hashed),
            // RFC 7616 §3.4.4: `username*`, an RFC 8187 ext-value.
            None if !printable && self.form == UsernameForm::ExtValue => {
                b.push("username", Value::ext(self.username))
            }
            None => b.push("username", Value::new(self.username).quoted()),
        };
        b.push("realm", self.realm)
            .push("uri", self.uri)
            .push("algorithm", self.alg.name())
            .push("nonce", self.nonce);
        if let Some(qop) = self.qop {
            b.push("nc", &nc_digits)
                .push("cnonce", self.cnonce)
                .push("qop", qop.name());
        }
        b.push("response", self.response);
        if let Some(o) = self.opaque {
            b.push("opaque", o);
        }
        if self.hashed.is_some() {
            b.push("userhash", "true");
        }
        b.write_to(w).map_err(build)
    }
}

/// Checks the server's `Authentication-Info` (or
/// `Proxy-Authentication-Info`) `value` for one request, for both clients:
/// `cnonce`, `nc` and `qop`, when present, must echo the request's, and
/// `rspauth` must equal `expected` (RFC 7616 §3.5), compared in constant
/// time (`subtle`): it is the proof of a secret. Returns the `nextnonce`,
/// if any, for the caller to adopt.
pub(super) fn check_info<'v, V: AsRef<[u8]> + ?Sized>(
    value: &'v V,
    cnonce: &str,
    nc: u32,
    qop: Option<Qop>,
    expected: &Hex,
) -> Result<Option<crate::ParamValue<'v>>, DigestError> {
    let info = crate::params::parse_auth_info(value).map_err(DigestError::from)?;
    info.check_unique().map_err(DigestError::from)?;
    let find = |n: &str| info.iter().find(|p| p.is(n));
    let echo = |name: &'static str, ok: bool, offset: usize, why: &'static str| {
        if ok {
            Ok(())
        } else {
            Err(DigestError::new(
                offset,
                DigestErrorKind::Invalid(name, why),
            ))
        }
    };
    if let Some(p) = find("cnonce") {
        let why = "does not echo the request's cnonce";
        echo("cnonce", p.value().eq_str(cnonce), p.offset(), why)?;
    }
    if let Some(p) = find("nc") {
        let why = "does not echo the request's nonce count";
        echo("nc", p.value().eq_bytes(&nc_hex(nc)), p.offset(), why)?;
    }
    if let Some(p) = find("qop") {
        let ok = qop.is_some_and(|q| p.value().eq_ignore_ascii_case(q.name()));
        echo("qop", ok, p.offset(), "does not echo the request's qop")?;
    }
    let Some(p) = find("rspauth") else {
        return Err(DigestError::new(
            0,
            DigestErrorKind::Syntax(ErrorKind::MissingParam("rspauth")),
        ));
    };
    // Hex digits in either case; longer than any digest is a mismatch.
    let mut got = [0u8; 2 * 64];
    let mut len = 0;
    for b in p.value().bytes() {
        if len == got.len() {
            len = 0;
            break;
        }
        got[len] = b.to_ascii_lowercase();
        len += 1;
    }
    if !bool::from(subtle::ConstantTimeEq::ct_eq(
        &got[..len],
        expected.as_bytes(),
    )) {
        return Err(DigestError::new(
            p.offset(),
            DigestErrorKind::RspauthMismatch,
        ));
    }
    Ok(find("nextnonce").map(|p| p.value()))
}

/// What a new challenge means, given whether the client had answered the
/// last one: after an answer, `stale=true` is a retry and anything else a
/// refusal (RFC 7616 §3.3).
pub(super) const fn outcome(answered: bool, stale: bool) -> ChallengeOutcome {
    match (answered, stale) {
        (true, true) => ChallengeOutcome::RetryStale,
        (true, false) => ChallengeOutcome::Rejected,
        (false, _) => ChallengeOutcome::Authenticate,
    }
}

impl<'p> DigestClient<'p> {
    /// A client for `username` and `password`. A username that is not
    /// printable ASCII goes out as UTF-8 in the quoted `username`, which
    /// real servers accept ([`UsernameForm::Quoted`]; the other form is
    /// [`username_form`](Self::username_form)).
    pub const fn new(username: &'p str, password: &'p str) -> Self {
        DigestClient {
            username,
            password,
            form: UsernameForm::Quoted,
            state: None,
        }
    }

    /// How the username is sent (default [`UsernameForm::Quoted`]). With
    /// UTF-8 in it, the value needs `HeaderValue::from_bytes`, not
    /// `from_str`.
    pub const fn username_form(mut self, form: UsernameForm) -> Self {
        self.form = form;
        self
    }

    /// Reads the challenges of a 401 (or 407) response and picks the one to
    /// answer: among the valid `Digest` challenges with a known algorithm,
    /// the strongest algorithm, then one that offers `qop=auth` (preferred
    /// over `auth-int`, which needs the body). Other schemes are ignored.
    ///
    /// A new nonce resets the nonce count. After an answer, `stale=true`
    /// means retry ([`ChallengeOutcome::RetryStale`]); anything else means
    /// the credentials were refused ([`ChallengeOutcome::Rejected`]).
    pub fn respond_to<'c, I>(&mut self, challenges: I) -> Result<ChallengeOutcome, DigestError>
    where
        I: IntoIterator<Item = Challenge<'c>>,
    {
        let c = choose(challenges, Algorithm::Md5Sess)?;
        let state = State {
            alg: c.alg,
            realm: Text::from_value(c.realm, "realm")?,
            nonce: Text::from_value(c.nonce, "nonce")?,
            opaque: c
                .opaque
                .map(|o| Text::from_value(o, "opaque"))
                .transpose()?,
            qop: c.qop,
            userhash: c.userhash,
            nc: 0,
            answered: false,
        };
        let outcome = outcome(self.state.is_some_and(|s| s.answered), c.stale);
        self.state = Some(state);
        Ok(outcome)
    }

    /// The algorithm of the chosen challenge.
    pub fn algorithm(&self) -> Option<Algorithm> {
        self.state.map(|s| s.alg)
    }

    /// The qop that will be used (`None` also for the RFC 2069 form).
    pub fn qop(&self) -> Option<Qop> {
        self.state.and_then(|s| s.qop)
    }

    /// The nonce count the next answer will carry.
    pub fn next_nc(&self) -> Option<u32> {
        self.state.map(|s| s.nc.saturating_add(1))
    }

    /// Writes the `Authorization` (or `Proxy-Authorization`) value for one
    /// request: `method`, the `uri` as in the request line (request-target),
    /// the request `body` (hashed for `qop=auth-int`; `None` is the empty
    /// body), and a fresh `cnonce` for this request, typically
    /// [`Hex::encode`] of 16 bytes from the caller's random source (RFC 7616
    /// §5.5 wants it unpredictable). Each call counts one more use of the
    /// nonce (`nc`).
    ///
    /// The value is written as RFC 7616 §3.9 does: `username`, `realm`,
    /// `uri`, `algorithm`, `nonce`, `nc`, `cnonce`, `qop`, `response`,
    /// `opaque`, `userhash`; `algorithm`, `nc` and `qop` unquoted.
    pub fn authorization<'r, W: fmt::Write + ?Sized>(
        &mut self,
        method: &str,
        uri: &'r str,
        body: Option<&[u8]>,
        cnonce: &'r str,
        w: &mut W,
    ) -> Result<Answer<'r>, DigestError> {
        let s = self
            .state
            .as_mut()
            .ok_or(DigestError::new(0, DigestErrorKind::NoChallengeYet))?;
        check_cnonce(s.qop, cnonce)?;
        let nc =
            s.nc.checked_add(1)
                .ok_or(DigestError::new(0, DigestErrorKind::NonceCountExhausted))?;
        let x = Exchange {
            alg: s.alg,
            nonce: s.nonce.value(),
            cnonce: plain(cnonce.as_bytes()),
            nc: nc_hex(nc),
            qop: s.qop,
            uri: plain(uri.as_bytes()),
        };
        let base = Zeroizing::new(hash::ha1(
            s.alg,
            self.username.as_bytes(),
            s.realm.as_bytes(),
            self.password.as_bytes(),
        ));
        let ha1 = x.session_ha1(&base);
        let response = x.response(&ha1, method.as_bytes(), body);

        let hashed = s
            .userhash
            .then(|| h_join(s.alg, &[plain(self.username.as_bytes()), s.realm.value()]));
        Parts {
            alg: s.alg,
            username: self.username,
            form: self.form,
            hashed: hashed.as_ref().map(Hex::as_str),
            realm: s.realm.as_str(),
            uri,
            nonce: s.nonce.as_str(),
            qop: s.qop,
            nc,
            cnonce,
            response: response.as_str(),
            opaque: s.opaque.as_ref().map(|o| o.as_str()),
        }
        .write_to(w)?;
        s.nc = nc;
        s.answered = true;
        Ok(Answer {
            alg: s.alg,
            ha1,
            nonce: s.nonce,
            cnonce,
            nc,
            qop: s.qop,
            uri,
            response,
        })
    }

    /// Checks the server's `Authentication-Info` (or
    /// `Proxy-Authentication-Info`) for the request `answer` came from:
    /// `rspauth` must be the server's proof of knowing H(A1) (RFC 7616
    /// §3.5: A2 is `":" uri`), and `cnonce`, `nc` and `qop`, when present,
    /// must echo the request's. `body` is the response body, hashed when the
    /// qop was `auth-int`. A `nextnonce` is adopted for the next request
    /// (its count starts again at 1).
    ///
    /// Many servers send no `rspauth`; that is
    /// [`DigestErrorKind::Syntax`]`(ErrorKind::MissingParam("rspauth"))`,
    /// so the caller decides
    /// whether mutual authentication is required.
    pub fn verify_authentication_info<V: AsRef<[u8]> + ?Sized>(
        &mut self,
        answer: &Answer<'_>,
        value: &V,
        body: Option<&[u8]>,
    ) -> Result<(), DigestError> {
        let x = answer.exchange();
        let expected = x.response(&answer.ha1, b"", body);
        let next = check_info(value, answer.cnonce, answer.nc, answer.qop, &expected)?;
        if let (Some(next), Some(s)) = (next, self.state.as_mut()) {
            s.nonce = Text::from_value(next, "nextnonce")?;
            s.nc = 0;
        }
        Ok(())
    }
}
