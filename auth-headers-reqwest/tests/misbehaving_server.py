#!/usr/bin/env python3
"""A scripted, misbehaving HTTP authentication server for the flow's tests
(issue 19). Loopback only. Prints its port on stdout, then serves; every
request is appended to the log file as one JSON line, so a test can assert
the exact sequence of requests the client made.

Routes (user "Mufasa", password "Circle of Life", realm "r"):
  /order/md5-first, /order/sha-first   MD5 and SHA-256 challenges on separate lines
  /stale/once, /stale/twice            stale=true to the first (every) answer
  /rspauth/wrong                       200 with a wrong rspauth
  /nextnonce/a, /nextnonce/b           200 with nextnonce; the next request must use it
  /forever                             401 Basic, whatever is sent
  /scope                               insufficient_scope twice with different scopes
  /redirect                            Basic, then 302 to --redirect-to
  /landing                             401 Basic unless credentials come (they must not)
  /ntlm                                NTLM and Negotiate only
  absolute-form request (a proxy)      407 Basic until Proxy-Authorization p:q
"""
import argparse
import base64
import hashlib
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USER, PASSWORD, REALM = "Mufasa", "Circle of Life", "r"
HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}
PARAM = re.compile(r'([A-Za-z0-9_*-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^\s,]+)')

state = {"lock": threading.Lock(), "count": {}, "nonce": 0}


def h(alg, s):
    return HASHES[alg](s.encode("utf-8")).hexdigest()


def params(value):
    out = {}
    for m in PARAM.finditer(value.split(" ", 1)[1] if " " in value else ""):
        v = m.group(3) if m.group(3) is not None else m.group(2)
        out[m.group(1).lower()] = re.sub(r"\\(.)", r"\1", v)
    return out


def new_nonce():
    with state["lock"]:
        state["nonce"] += 1
        return "nonce%d" % state["nonce"]


def bump(key):
    with state["lock"]:
        state["count"][key] = state["count"].get(key, 0) + 1
        return state["count"][key]


def digest_ok(method, value):
    """The params of a correct Digest answer, or None."""
    if not value or not value.lower().startswith("digest "):
        return None
    p = params(value)
    alg = p.get("algorithm", "MD5")
    if alg not in HASHES or p.get("username") != USER:
        return None
    ha1 = h(alg, "%s:%s:%s" % (USER, p.get("realm"), PASSWORD))
    ha2 = h(alg, "%s:%s" % (method, p.get("uri")))
    want = h(alg, ":".join([ha1, p.get("nonce", ""), p.get("nc", ""), p.get("cnonce", ""), p.get("qop", ""), ha2]))
    if want != p.get("response"):
        return None
    p["ha1"] = ha1
    p["algorithm"] = alg
    return p


def rspauth(p):
    ha2 = h(p["algorithm"], ":" + p["uri"])
    return h(p["algorithm"], ":".join([p["ha1"], p["nonce"], p["nc"], p["cnonce"], p["qop"], ha2]))


def challenge(alg, nonce, stale=False):
    c = 'Digest realm="%s", qop="auth", algorithm=%s, nonce="%s"' % (REALM, alg, nonce)
    return c + (", stale=true" if stale else "")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def record(self):
        auth = self.headers.get("Authorization")
        rec = {"path": self.path, "host": self.headers.get("Host"), "auth": None,
               "proxy_auth": None}
        if auth:
            rec["auth"] = auth.split(" ", 1)[0]
            p = params(auth)
            for k in ("algorithm", "nc", "nonce", "uri", "username"):
                if k in p:
                    rec[k] = p[k]
            if rec["auth"] == "Bearer":
                rec["token"] = auth.split(" ", 1)[1]
        pa = self.headers.get("Proxy-Authorization")
        if pa:
            rec["proxy_auth"] = pa.split(" ", 1)[0]
        with state["lock"]:
            with open(self.server.log, "a") as f:
                f.write(json.dumps(rec) + "\n")
        return auth

    def reply(self, status, headers=(), body=b""):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def basic_ok(self, auth):
        want = "Basic " + base64.b64encode(("%s:%s" % (USER, PASSWORD)).encode()).decode()
        return auth == want

    def do_GET(self):
        auth = self.record()
        path = self.path
        if path.startswith("http://"):  # absolute form: we are the proxy
            want = "Basic " + base64.b64encode(b"p:q").decode()
            if self.headers.get("Proxy-Authorization") == want:
                return self.reply(200, body=b"proxied")
            return self.reply(407, [("Proxy-Authenticate", 'Basic realm="proxy"')])
        ok = digest_ok("GET", auth)
        if path.startswith("/order/"):
            if ok and ok["algorithm"] == "SHA-256":
                return self.reply(200, body=b"ok")
            n = new_nonce()
            lines = [challenge("MD5", n), challenge("SHA-256", n)]
            if path.endswith("sha-first"):
                lines.reverse()
            return self.reply(401, [("WWW-Authenticate", l) for l in lines])
        if path.startswith("/stale/"):
            if ok and (path.endswith("once") and bump(path) > 1):
                return self.reply(200, body=b"ok")
            return self.reply(401, [("WWW-Authenticate", challenge("SHA-256", new_nonce(), stale=bool(ok)))])
        if path == "/rspauth/wrong":
            if ok:
                info = 'rspauth="%s", qop=auth, nc=%s, cnonce="%s"' % ("0" * 64, ok["nc"], ok["cnonce"])
                return self.reply(200, [("Authentication-Info", info)], b"ok")
            return self.reply(401, [("WWW-Authenticate", challenge("SHA-256", new_nonce()))])
        if path.startswith("/nextnonce/"):
            if ok:
                info = 'rspauth="%s", qop=auth, nc=%s, cnonce="%s", nextnonce="next-%s"' % (
                    rspauth(ok), ok["nc"], ok["cnonce"], path[-1])
                return self.reply(200, [("Authentication-Info", info)], b"ok")
            return self.reply(401, [("WWW-Authenticate", challenge("SHA-256", new_nonce()))])
        if path == "/forever":
            return self.reply(401, [("WWW-Authenticate", 'Basic realm="forever"')])
        if path == "/scope":
            token = auth.split(" ", 1)[1] if auth and auth.startswith("Bearer ") else None
            meta = ', resource_metadata="http://%s/.well-known/oauth-protected-resource"' % self.headers.get("Host")
            if token == "tok-one" and bump("scope-t1") > 1:
                return self.reply(200, body=b"ok")
            scope = "files:write" if token == "tok-one" else "files:read"
            return self.reply(403, [("WWW-Authenticate", 'Bearer error="insufficient_scope", scope="%s"%s' % (scope, meta))])
        if path == "/redirect":
            if self.basic_ok(auth):
                return self.reply(302, [("Location", self.server.redirect_to)])
            return self.reply(401, [("WWW-Authenticate", 'Basic realm="r"')])
        if path == "/landing":
            if auth:
                return self.reply(200, body=b"credentials leaked")
            return self.reply(401, [("WWW-Authenticate", 'Basic realm="r"')])
        if path == "/ntlm":
            return self.reply(401, [("WWW-Authenticate", "NTLM"), ("WWW-Authenticate", "Negotiate")])
        return self.reply(404)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--log", required=True)
    ap.add_argument("--redirect-to", default="http://127.0.0.2/landing")
    a = ap.parse_args()
    srv = ThreadingHTTPServer((a.bind, 0), Handler)
    srv.log = a.log
    srv.redirect_to = a.redirect_to
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
