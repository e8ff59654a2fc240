//! The six header fields this crate reads, and what each one holds.

/// What a header field's value is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// `#challenge`: `WWW-Authenticate`, `Proxy-Authenticate`.
    Challenges,
    /// `credentials`: `Authorization`, `Proxy-Authorization`.
    Credentials,
    /// `#auth-param`: `Authentication-Info`, `Proxy-Authentication-Info`.
    AuthInfo,
}

/// One of the six HTTP authentication header fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// `WWW-Authenticate` (RFC 9110 §11.6.1).
    WwwAuthenticate,
    /// `Authorization` (RFC 9110 §11.6.2).
    Authorization,
    /// `Authentication-Info` (RFC 9110 §11.6.3).
    AuthenticationInfo,
    /// `Proxy-Authenticate` (RFC 9110 §11.7.1).
    ProxyAuthenticate,
    /// `Proxy-Authorization` (RFC 9110 §11.7.2).
    ProxyAuthorization,
    /// `Proxy-Authentication-Info` (RFC 9110 §11.7.3, RFC 7615 §4).
    ProxyAuthenticationInfo,
}

impl Field {
    /// All six, in the order of RFC 9110 §11.6 and §11.7.
    pub const ALL: [Field; 6] = [
        Field::WwwAuthenticate,
        Field::Authorization,
        Field::AuthenticationInfo,
        Field::ProxyAuthenticate,
        Field::ProxyAuthorization,
        Field::ProxyAuthenticationInfo,
    ];

    /// The field for a header name, ASCII case ignored.
    ///
    /// ```
    /// use auth_headers::{Field, FieldKind};
    /// let f = Field::from_name("www-authenticate").unwrap();
    /// assert_eq!(f.kind(), FieldKind::Challenges);
    /// assert_eq!(Field::from_name("Cookie"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// The canonical header name.
    pub const fn name(self) -> &'static str {
        match self {
            Field::WwwAuthenticate => "WWW-Authenticate",
            Field::Authorization => "Authorization",
            Field::AuthenticationInfo => "Authentication-Info",
            Field::ProxyAuthenticate => "Proxy-Authenticate",
            Field::ProxyAuthorization => "Proxy-Authorization",
            Field::ProxyAuthenticationInfo => "Proxy-Authentication-Info",
        }
    }

    /// What the field's value holds.
    pub const fn kind(self) -> FieldKind {
        match self {
            Field::WwwAuthenticate | Field::ProxyAuthenticate => FieldKind::Challenges,
            Field::Authorization | Field::ProxyAuthorization => FieldKind::Credentials,
            Field::AuthenticationInfo | Field::ProxyAuthenticationInfo => FieldKind::AuthInfo,
        }
    }
}
