//! The other schemes: vapid (RFC 8292), HOBA (RFC 7486), Negotiate / NTLM,
//! SCRAM (RFC 7804), Mutual (RFC 8120), Hawk and AWS4-HMAC-SHA256.

use auth_headers::schemes::aws4::{self, CredentialScope};
use auth_headers::schemes::hawk::HawkParams;
use auth_headers::schemes::hoba::{self, HobaChallenge};
use auth_headers::schemes::mutual::MutualParams;
use auth_headers::schemes::scram::ScramParams;
use auth_headers::schemes::token68::{self, Token68Challenge};
use auth_headers::schemes::vapid;
use auth_headers::{parse_auth_info, parse_challenges, parse_credentials, ErrorKind};

/// RFC 8292 §2.4's example `Authorization` value, unfolded (the RFC wraps it
/// over several lines "to meet formatting constraints").
const RFC8292_EXAMPLE: &str = "vapid \
t=eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJodHRwczovL3\
B1c2guZXhhbXBsZS5uZXQiLCJleHAiOjE0NTM1MjM3NjgsInN1YiI6Im1ha\
Wx0bzpwdXNoQGV4YW1wbGUuY29tIn0.i3CYb7t4xfxCDquptFOepC9GAu_H\
LGkMlMuCGSK2rpiUfnK9ojFwDXb1JrErtmysazNjjvW2L9OkSSHzvoD1oA, \
k=BA1Hxzyi1RUM1b5wjxsn7nGxAszw2u61m164i3MrAIxHF6YK5h4SDYic-dR\
uU_RCPCfA5aq9ojSwk5Y2EmClBPs";

// RFC 8292 §2.4 example, with t (§3.1) and k (§3.2).
#[test]
fn rfc8292_vapid_example() {
    let v = vapid::parse_credentials(RFC8292_EXAMPLE).unwrap();
    assert!(v.k().eq_str(
        "BA1Hxzyi1RUM1b5wjxsn7nGxAszw2u61m164i3MrAIxHF6YK5h4SDYic-dRuU_RCPCfA5aq9ojSwk5Y2EmClBPs"
    ));
    let (header, claims, sig) = v.jwt_parts().unwrap();
    assert_eq!(header, "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9");
    assert!(claims.starts_with("eyJhdWQiOiJodHRwczovL3B1c2guZXhhbXBsZS5uZXQi"));
    assert!(sig.ends_with("HzvoD1oA"));
    #[cfg(feature = "basic")]
    {
        use base64::Engine as _;
        // The claims decode to RFC 8292 §2.4's JSON (aud, exp, sub).
        let mut json = [0u8; 128];
        let n = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode_slice(claims, &mut json)
            .unwrap();
        assert_eq!(
            &json[..n],
            br#"{"aud":"https://push.example.net","exp":1453523768,"sub":"mailto:push@example.com"}"#
        );
    }
    // The key is not shown by Debug.
    assert!(!format!("{v:?}").contains("BA1H"));
    // t and k are both required.
    let e = vapid::parse_credentials("vapid t=a.b.c").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingParam("k"));
    let e = vapid::parse_credentials("vapid k=abc").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingParam("t"));
    let e = vapid::parse_credentials("Bearer abc").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::WrongScheme);
}

// RFC 7486 §3: a HOBA challenge carries `challenge` and `max-age` (both
// REQUIRED) and may carry `realm`; the client answers with `result`, which
// §2 defines as kid "." challenge "." nonce "." sig.
#[test]
fn rfc7486_hoba() {
    let v = r#"HOBA max-age="180", challenge="iCpVPtzH8a4FLJl2ELFDnEDbuqd2qxJCtGwf0QHEVyk", realm="hoba""#;
    let list = parse_challenges(v).unwrap();
    let h = HobaChallenge::find(&list).unwrap();
    assert_eq!(h.max_age(), Some(180));
    assert!(h
        .challenge_value()
        .unwrap()
        .eq_str("iCpVPtzH8a4FLJl2ELFDnEDbuqd2qxJCtGwf0QHEVyk"));
    assert!(h.realm().unwrap().eq_str("hoba"));
    h.validate().unwrap();

    let list = parse_challenges("HOBA max-age=10").unwrap();
    let e = HobaChallenge::find(&list).unwrap().validate().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingParam("challenge"));
    let list = parse_challenges("HOBA challenge=abc").unwrap();
    let e = HobaChallenge::find(&list).unwrap().validate().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingParam("max-age"));
    let list = parse_challenges("HOBA challenge=abc, max-age=-1").unwrap();
    let e = HobaChallenge::find(&list).unwrap().validate().unwrap_err();
    assert_eq!(e.offset(), 28);

    let c = parse_credentials(r#"HOBA result="a2lk.Y2hhbGxlbmdl.bm9uY2U.c2lnbmF0dXJl""#).unwrap();
    let r = hoba::result(&c).unwrap();
    assert_eq!(
        (r.kid, r.challenge, r.nonce, r.sig),
        ("a2lk", "Y2hhbGxlbmdl", "bm9uY2U", "c2lnbmF0dXJl")
    );
    for bad in [
        r#"HOBA result="a.b.c""#,
        r#"HOBA result="a.b.c.d.e""#,
        r#"HOBA result="a..c.d""#,
    ] {
        let c = parse_credentials(bad).unwrap();
        let e = hoba::result(&c).unwrap_err();
        assert_eq!(e.offset(), 13, "{bad}");
    }
}

// RFC 4559 §4: Negotiate and NTLM carry a token68 or nothing.
#[test]
fn negotiate_and_ntlm() {
    let list = parse_challenges(r#"Negotiate, NTLM, Basic realm="intranet""#).unwrap();
    let views: Vec<_> = list.iter().filter_map(Token68Challenge::new).collect();
    assert_eq!(views.len(), 2);
    assert!(views[0].is_negotiate() && !views[1].is_negotiate());
    assert_eq!(views[0].token(), None);
    views[0].validate().unwrap();
    let list = parse_challenges("Negotiate oYGCMIGAoAMKAQGhCwYJKoZIgvcSAQIC").unwrap();
    let n = Token68Challenge::new(list.iter().next().unwrap()).unwrap();
    assert_eq!(n.token(), Some("oYGCMIGAoAMKAQGhCwYJKoZIgvcSAQIC"));
    let list = parse_challenges("NTLM a=b").unwrap();
    let e = Token68Challenge::new(list.iter().next().unwrap())
        .unwrap()
        .validate()
        .unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::ExpectedToken68, 5));
    assert_eq!(
        token68::parse_ntlm("NTLM TlRMTVNTUAABAAAAB4IIAAAAAAAAAAAAAAAAAAAAAAA=")
            .unwrap()
            .offset(),
        5
    );
    assert_eq!(
        token68::parse_negotiate("Negotiate: abc")
            .unwrap_err()
            .kind(),
        ErrorKind::ColonAfterScheme
    );
}

// RFC 7804 §5: SCRAM-SHA-256 and SCRAM-SHA-1 challenges, credentials, Authentication-Info.
#[test]
fn rfc7804_scram() {
    let v = r#"SCRAM-SHA-256 realm="testrealm@example.com", SCRAM-SHA-1 realm="testrealm@example.com", Basic realm="x""#;
    let list = parse_challenges(v).unwrap();
    let views: Vec<_> = list
        .iter()
        .filter_map(ScramParams::from_challenge)
        .collect();
    assert_eq!(views.len(), 2);
    let c = parse_credentials("SCRAM-SHA-256 data=biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8K")
        .unwrap();
    let s = ScramParams::from_credentials(&c).unwrap();
    assert!(s
        .data()
        .unwrap()
        .eq_str("biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8K"));
    let info = parse_auth_info(
        "sid=AAAABBBBCCCCDDDD, data=dj02cnJpVFJCaTIzV3BSUi93dHVwK21NaFVaVW4vZEI1bkxUSlJzamw5NUc0",
    )
    .unwrap();
    let s = ScramParams::from_auth_info(info);
    assert!(s.sid().unwrap().eq_str("AAAABBBBCCCCDDDD"));
    let list = parse_challenges(r#"SCRAM-SHA-256 realm="r", sr=abcd, ttl=120"#).unwrap();
    let s = ScramParams::from_challenge(list.iter().next().unwrap()).unwrap();
    assert_eq!(
        (s.ttl(), s.sr().unwrap().as_str()),
        (Some(120), Some("abcd"))
    );
}

// RFC 8120 §4: the Mutual 401-INIT message.
#[test]
fn rfc8120_mutual() {
    let v = r#"Mutual version=1, algorithm=iso-kam3-dl-2048-sha256, validation=host, realm="examplerealm", reason=initial"#;
    let list = parse_challenges(v).unwrap();
    let m = MutualParams::from_challenge(list.iter().next().unwrap()).unwrap();
    assert_eq!(m.version(), Some(1));
    assert!(m.algorithm().unwrap().eq_str("iso-kam3-dl-2048-sha256"));
    assert!(m.validation().unwrap().eq_str("host"));
    assert!(m.realm().unwrap().eq_str("examplerealm"));
    assert!(m.reason().unwrap().eq_str("initial"));
}

// The Hawk specification's example request header and a stale-timestamp challenge.
#[test]
fn hawk() {
    let c = parse_credentials(r#"Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=""#).unwrap();
    let h = HawkParams::from_credentials(&c).unwrap();
    assert!(h.id().unwrap().eq_str("dh37fgj492je"));
    assert_eq!(h.ts(), Some(1353832234));
    assert!(h
        .mac()
        .unwrap()
        .eq_str("6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE="));
    h.validate_credentials().unwrap();
    let c = parse_credentials(r#"Hawk id="x", ts="1", mac="m""#).unwrap();
    let e = HawkParams::from_credentials(&c)
        .unwrap()
        .validate_credentials()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingParam("nonce"));
    let list = parse_challenges(r#"Hawk ts="1365741469", tsm="h/Ff6XI1euObD78ZNflapvLKXGuaw1RiLI4Q6Q5sAbM=", error="Stale timestamp""#).unwrap();
    let h = HawkParams::from_challenge(list.iter().next().unwrap()).unwrap();
    assert!(h.error().unwrap().eq_str("Stale timestamp"));
}

const AWS: &str = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024";

// AWS Signature V4: the documented example request's Authorization value.
#[test]
fn aws4_example() {
    // Strict RFC 9110 parsing refuses the unquoted '/' ...
    let e = parse_credentials(AWS).unwrap_err();
    assert_eq!(e.offset(), AWS.find('/').unwrap());
    // ... the typed reader takes it.
    let a = aws4::parse(AWS).unwrap();
    assert_eq!(
        a.credential(),
        CredentialScope {
            access_key: "AKIAIOSFODNN7EXAMPLE",
            date: "20130524",
            region: "us-east-1",
            service: "s3"
        }
    );
    assert_eq!(
        a.signed_headers().collect::<Vec<_>>(),
        ["host", "range", "x-amz-date"]
    );
    assert_eq!(a.signature().len(), 64);
    assert!(!format!("{a:?}").contains("fe5f80"));
    // Without spaces after the commas, as some SDKs write it.
    let compact = AWS.replace(", ", ",");
    assert_same_aws4(&aws4::parse(&compact).unwrap(), &a);
}

/// `Aws4Credentials` has no `PartialEq` (its signature is an HMAC a server
/// must compare in constant time); a test compares the parts.
fn assert_same_aws4(
    a: &auth_headers::schemes::aws4::Aws4Credentials<'_>,
    b: &auth_headers::schemes::aws4::Aws4Credentials<'_>,
) {
    assert_eq!(a.credential(), b.credential());
    assert_eq!(a.signed_headers_raw(), b.signed_headers_raw());
    assert_eq!(a.signature(), b.signature());
}

#[test]
fn aws4_errors() {
    let cases: &[(&str, ErrorKind, usize)] = &[
        ("Basic abc", ErrorKind::WrongScheme, 0),
        ("AWS4-HMAC-SHA256", ErrorKind::ExpectedParams, 16),
        (
            "AWS4-HMAC-SHA256 Credential=a/20130524/r/s/aws4_request, SignedHeaders=host",
            ErrorKind::MissingParam("Signature"),
            75,
        ),
        (
            "AWS4-HMAC-SHA256 Credential=a/20130524/r/s/aws4_request, Credential=b",
            ErrorKind::DuplicateParam,
            57,
        ),
        (
            "AWS4-HMAC-SHA256 Credential=a b",
            ErrorKind::ExpectedComma,
            30,
        ),
        (
            "AWS4-HMAC-SHA256 Credential=a\r\n",
            ErrorKind::ControlChar(b'\r'),
            29,
        ),
        (
            "AWS4-HMAC-SHA256 Credential=a ",
            ErrorKind::TrailingWhitespace,
            29,
        ),
        ("AWS4-HMAC-SHA256 Credential=", ErrorKind::ExpectedValue, 28),
        ("AWS4-HMAC-SHA256 Credential", ErrorKind::ExpectedEquals, 27),
    ];
    for &(v, kind, at) in cases {
        let e = aws4::parse(v).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (kind, at), "{v:?}");
    }
    let bad_scope = AWS.replace("/20130524/", "/2013-05-24/");
    let e = aws4::parse(&bad_scope).unwrap_err();
    assert_eq!(e.offset(), bad_scope.find("AKIA").unwrap());
    let bad_sig = AWS.replace("Signature=fe5f", "Signature=FE5F");
    let e = aws4::parse(&bad_sig).unwrap_err();
    assert_eq!(e.offset(), bad_sig.find("FE5F").unwrap());
}

// The second way: the lenient parser (unquoted values with '/' and ';'),
// then the same typed view, with each forgiven value reported.
#[test]
fn aws4_through_lenient_options() {
    use auth_headers::schemes::aws4::Aws4Credentials;
    use auth_headers::ParseOptions;
    let opts = ParseOptions::strict().allow_unquoted_separators(true);
    let parsed = opts.parse_credentials(AWS).unwrap();
    assert!(!parsed.deviations.is_empty());
    let a = Aws4Credentials::from_credentials(&parsed.value).unwrap();
    assert_same_aws4(&a, &aws4::parse(AWS).unwrap());

    let no_sig = &AWS[..AWS.find(", Signature").unwrap()];
    let parsed = opts.parse_credentials(no_sig).unwrap();
    let e = Aws4Credentials::from_credentials(&parsed.value).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingParam("Signature"));
    let bad_sig = AWS.replace("Signature=fe5f", "Signature=FE5F");
    let parsed = opts.parse_credentials(&bad_sig).unwrap();
    let e = Aws4Credentials::from_credentials(&parsed.value).unwrap_err();
    assert_eq!(e.offset(), bad_sig.find("FE5F").unwrap());
    let other = parse_credentials("Basic QWxh").unwrap();
    assert_eq!(
        Aws4Credentials::from_credentials(&other)
            .unwrap_err()
            .kind(),
        ErrorKind::WrongScheme
    );
}

/// Issue 17: every typed view has the one shape: `find` takes the first
/// challenge of its scheme from a list (ASCII case ignored), and the
/// constructor gives `None` for another scheme.
#[test]
fn every_view_finds_its_challenge() {
    use auth_headers::schemes::{
        basic::BasicChallenge, bearer::BearerChallenge, digest::DigestChallenge,
        dpop::DpopChallenge, hawk::HawkParams, hoba::HobaChallenge, mutual::MutualParams,
        scram::ScramParams, token68::Token68Challenge,
    };
    let v = r#"x y=z, ntlm, BASIC realm="b", bearer realm="o", dpop algs="ES256", digest realm="d", nonce="n", hoba challenge=c, max-age=1, hawk ts="1", MUTUAL version=1, scram-sha-256 realm="s""#;
    let list = auth_headers::parse_challenges(v).unwrap();
    let first = list.iter().next().unwrap();
    assert!(BasicChallenge::find(&list)
        .unwrap()
        .realm()
        .unwrap()
        .eq_str("b"));
    assert!(BasicChallenge::new(first).is_none());
    assert!(BearerChallenge::find(&list)
        .unwrap()
        .realm()
        .unwrap()
        .eq_str("o"));
    assert!(BearerChallenge::new(first).is_none());
    assert!(DpopChallenge::find(&list)
        .unwrap()
        .algs()
        .unwrap()
        .contains("ES256"));
    assert!(DpopChallenge::new(first).is_none());
    assert!(DigestChallenge::find(&list)
        .unwrap()
        .realm()
        .unwrap()
        .eq_str("d"));
    assert!(DigestChallenge::new(first).is_none());
    assert_eq!(HobaChallenge::find(&list).unwrap().max_age(), Some(1));
    assert!(HobaChallenge::new(first).is_none());
    assert!(!Token68Challenge::find(&list).unwrap().is_negotiate());
    assert!(Token68Challenge::new(first).is_none());
    assert_eq!(HawkParams::find(&list).unwrap().ts(), Some(1));
    assert!(HawkParams::from_challenge(first).is_none());
    assert_eq!(MutualParams::find(&list).unwrap().version(), Some(1));
    assert!(MutualParams::from_challenge(first).is_none());
    assert!(ScramParams::find(&list)
        .unwrap()
        .realm()
        .unwrap()
        .eq_str("s"));
    assert!(ScramParams::from_challenge(first).is_none());
}
