"""authserve against Python's requests and httpx (issue 18), on loopback.

Usage: python interop.py PATH/TO/authserve

Starts authserve on an ephemeral port (and a second one with --proxy),
runs each check with a bounded timeout, and prints `N passed, N failed`.
Run by .ci/run in a virtual environment with requests and httpx.
"""

import subprocess
import sys

import httpx
import requests
from requests.auth import HTTPBasicAuth, HTTPDigestAuth

TIMEOUT = 10
results = []


def start(exe, *extra):
    p = subprocess.Popen(
        [exe, "--listen", "127.0.0.1:0", *extra], stdout=subprocess.PIPE, text=True
    )
    line = p.stdout.readline().strip()
    assert line.startswith("listening on http://127.0.0.1:"), line
    return p, line.removeprefix("listening on ")


def check(name, fn):
    try:
        fn()
        results.append((name, None))
    except Exception as e:  # noqa: BLE001 - report every failure
        results.append((name, e))


def expect(r, status, body=None, challenge=None):
    assert r.status_code == status, (r.status_code, r.headers, r.text)
    if body is not None:
        assert r.text == body, r.text
    if challenge is not None:
        got = r.headers.get("www-authenticate", "")
        assert challenge in got, got


def main(exe):
    server, base = start(exe)
    meta = f'resource_metadata="{base}/.well-known/oauth-protected-resource"'
    try:
        # RFC 7617: requests' HTTPBasicAuth; str is sent as ISO-8859-1 by
        # requests, so the UTF-8 account is given as UTF-8 bytes.
        check("requests Basic ASCII", lambda: expect(
            requests.get(f"{base}/basic", auth=HTTPBasicAuth("alice", "wonderland"), timeout=TIMEOUT),
            200, '{"scheme":"Basic","user":"alice"}\n'))
        check("requests Basic UTF-8 bytes", lambda: expect(
            requests.get(f"{base}/basic", auth=HTTPBasicAuth("jürgen".encode(), "pässwörd€".encode()), timeout=TIMEOUT),
            200, '{"scheme":"Basic","user":"jürgen"}\n'))
        # requests sends str as ISO-8859-1: refused after charset="UTF-8".
        check("requests Basic latin-1 str refused", lambda: expect(
            requests.get(f"{base}/basic", auth=HTTPBasicAuth("jürgen", "pässwörd"), timeout=TIMEOUT),
            401, "", 'Basic realm="authserve", charset="UTF-8"'))
        check("requests Basic wrong password", lambda: expect(
            requests.get(f"{base}/basic", auth=HTTPBasicAuth("alice", "x"), timeout=TIMEOUT),
            401, "", 'Basic realm="authserve", charset="UTF-8"'))
        # RFC 7616: requests' HTTPDigestAuth.
        check("requests Digest", lambda: expect(
            requests.get(f"{base}/digest", auth=HTTPDigestAuth("Mufasa", "Circle of Life"), timeout=TIMEOUT),
            200, '{"scheme":"Digest","user":"Mufasa"}\n'))
        check("requests Digest wrong password", lambda: expect(
            requests.get(f"{base}/digest", auth=HTTPDigestAuth("Mufasa", "x"), timeout=TIMEOUT), 401))
        # RFC 6750.
        check("requests Bearer", lambda: expect(
            requests.get(f"{base}/bearer", headers={"Authorization": "Bearer read-token"}, timeout=TIMEOUT),
            200, '{"scheme":"Bearer","scopes":["files:read"]}\n'))
        check("requests Bearer step-up 403", lambda: expect(
            requests.get(f"{base}/bearer/write", headers={"Authorization": "Bearer read-token"}, timeout=TIMEOUT),
            403, "", f'Bearer realm="authserve", error="insufficient_scope", scope="files:write", {meta}'))
        check("requests Bearer expired", lambda: expect(
            requests.get(f"{base}/bearer", headers={"Authorization": "Bearer expired-token"}, timeout=TIMEOUT),
            401, "", 'error="invalid_token", error_description="The access token expired"'))

        with httpx.Client(timeout=TIMEOUT) as c:
            # httpx encodes str credentials as UTF-8.
            check("httpx Basic UTF-8", lambda: expect(
                c.get(f"{base}/basic", auth=httpx.BasicAuth("jürgen", "pässwörd€")),
                200, '{"scheme":"Basic","user":"jürgen"}\n'))
            # httpx 0.28 cannot send a non-ASCII Digest username (it
            # encodes the Authorization value as ASCII and raises
            # UnicodeEncodeError), and requests sends it as ISO-8859-1; the
            # UTF-8 Digest user is tested with curl (tests/authserve_curl.rs).
            for user, password in [("Mufasa", "Circle of Life")]:
                check(f"httpx Digest {user}", lambda u=user, p=password: expect(
                    c.get(f"{base}/digest", auth=httpx.DigestAuth(u, p)),
                    200, '{"scheme":"Digest","user":"%s"}\n' % u))
                check(f"httpx Digest {user} on /any", lambda u=user, p=password: expect(
                    c.get(f"{base}/any", auth=httpx.DigestAuth(u, p)),
                    200, '{"scheme":"Digest","user":"%s"}\n' % u))
            check("httpx Digest wrong password", lambda: expect(
                c.get(f"{base}/digest", auth=httpx.DigestAuth("Mufasa", "x")), 401))
            check("httpx Bearer", lambda: expect(
                c.get(f"{base}/bearer/write", headers={"Authorization": "Bearer write-token"}),
                200, '{"scheme":"Bearer","scopes":["files:read","files:write"]}\n'))
            check("httpx malformed Bearer", lambda: expect(
                c.get(f"{base}/bearer", headers={"Authorization": "Bearer: x"}),
                400, "", 'error="invalid_request"'))
    finally:
        server.kill()
        server.wait()

    proxy, pbase = start(exe, "--proxy")
    try:
        # RFC 9110 §11.7: httpx through authserve as a proxy, credentials
        # in the proxy URL (sent as Proxy-Authorization: Basic).
        user = "jürgen"
        url = pbase.replace("http://", f"http://{httpx.URL('http://x').copy_with(username=user, password='pässwörd€').userinfo.decode()}@")
        with httpx.Client(proxy=url, timeout=TIMEOUT) as c:
            check("httpx Basic proxy", lambda: expect(
                c.get("http://origin.invalid/basic"), 200, '{"scheme":"Basic","user":"jürgen"}\n'))
        with httpx.Client(proxy=pbase, timeout=TIMEOUT) as c:
            def no_creds():
                r = c.get("http://origin.invalid/basic")
                assert r.status_code == 407, r.status_code
                assert r.headers["proxy-authenticate"] == 'Basic realm="authserve", charset="UTF-8"'
            check("httpx proxy 407", no_creds)
    finally:
        proxy.kill()
        proxy.wait()

    failed = [(n, e) for n, e in results if e is not None]
    for n, e in results:
        print(("ok   " if e is None else "FAIL ") + n + ("" if e is None else f": {e!r}"))
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
