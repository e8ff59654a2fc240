"""A HAR recorded by headless Chromium from authserve, checked by
`authdump check` (issue 20, "Tests").

Usage: python chromium_har.py PATH/TO/authserve PATH/TO/authdump [--chromium BIN] [--har OUT]

Debian's `chromium`, headless, driven over its DevTools protocol (the
driver of chromium.py), loads authserve's routes in one tab: the Bearer
routes with `fetch()` from a page of the origin (Chromium does not answer
Bearer challenges itself), Basic, Digest and the three-scheme route by
navigation, with the login refused, with a wrong password, and with the
right one (Fetch.authRequired -> Fetch.continueWithAuth, what the login
dialog does), then fetched once more from the page, which Chromium
answers with the credentials it keeps for the protection space.

The Network domain's events (requestWillBeSent, requestWillBeSentExtraInfo
with the headers as sent, responseReceived, responseReceivedExtraInfo with
the headers as received, loadingFinished / loadingFailed) are assembled
into a HAR 1.2 log the way DevTools' "Export HAR" does (front_end/models/
har/Log.ts): one entry per request and per redirect hop, the ExtraInfo
events matched to the hops by position, header maps split on LF. The HAR
is checked with `authdump check --json`, and each entry's status, the
scheme its request carried and the finding codes are asserted. Only those
stable fields are: the HAR itself (times, nonces, ports) is not kept,
unless `--har` names a file to write it to.

Chromium restarts a request that met a 401 inside its network stack, and
the Network domain then reports the first request's headers with the
final response (DevTools shows a login as one entry, without the 401):
such entries are a request without Authorization answered 200, which the
checker must accept. The 401s themselves are recorded where the login is
refused and where a page fetches a Bearer route.

Prints `N passed, N failed`; exit status 1 on a failure.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import datetime, timezone

import websocket

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chromium import TIMEOUT, authserve_and_chromium, report  # noqa: E402

# The finding authserve's Digest offer gets: SHA-256, then MD5 for old
# clients (RFC 7616 §5); an info.
MD5_TOO = "digest-md5-downgrade"


class Recorder:
    """The Network domain's events of one tab, by requestId."""

    def __init__(self):
        self.requests = {}
        self.order = []  # (requestId, hop) in the order the hops started
        self.pages = []  # (loaderId, url, wallTime, timestamp)
        self.page_events = {}  # loaderId -> {"load": t, "content": t}

    def record(self, rid):
        if rid not in self.requests:
            self.requests[rid] = {"hops": [], "req_extra": [], "resp_extra": []}
        return self.requests[rid]

    def on(self, method, p):
        rid = p.get("requestId")
        if method == "Network.requestWillBeSent":
            r = self.record(rid)
            if p.get("redirectResponse") and r["hops"]:
                r["hops"][-1]["response"] = p["redirectResponse"]
                r["hops"][-1]["end"] = p["timestamp"]
            r["hops"].append({"event": p, "response": None, "end": None, "error": None,
                              "received": 0, "transfer": 0, "response_time": -1})
            self.order.append((rid, len(r["hops"]) - 1))
            if p.get("type") == "Document" and p.get("loaderId") == rid and not p.get("redirectResponse"):
                self.pages.append((p["loaderId"], p["request"]["url"], p["wallTime"], p["timestamp"]))
        elif method == "Network.requestWillBeSentExtraInfo":
            self.record(rid)["req_extra"].append(p)
        elif method == "Network.responseReceivedExtraInfo":
            self.record(rid)["resp_extra"].append(p)
        elif method == "Network.responseReceived":
            hop = self.last_hop(rid)
            if hop:
                hop["response"] = p["response"]
                hop["response_time"] = p["timestamp"]
        elif method == "Network.dataReceived":
            hop = self.last_hop(rid)
            if hop:
                hop["received"] += p.get("dataLength", 0)
        elif method == "Network.loadingFinished":
            hop = self.last_hop(rid)
            if hop:
                hop["end"] = p["timestamp"]
                hop["transfer"] = p.get("encodedDataLength", 0)
        elif method == "Network.loadingFailed":
            hop = self.last_hop(rid)
            if hop:
                hop["end"] = p["timestamp"]
                hop["error"] = p.get("errorText")

    def page_event(self, loader, name, t):
        self.page_events.setdefault(loader, {})[name] = t

    def last_hop(self, rid):
        r = self.requests.get(rid)
        return r["hops"][-1] if r and r["hops"] else None

    def busy(self):
        """Whether a request has not ended yet."""
        return any(h["end"] is None for r in self.requests.values() for h in r["hops"])


def headers_array(headers):
    """DevTools' headersMapToHeadersArray: CDP joins repeated fields with LF."""
    out = []
    for name, value in (headers or {}).items():
        for v in value.split("\n"):
            out.append({"name": name, "value": v})
    return out


def iso(wall):
    return datetime.fromtimestamp(wall, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def timings(hop):
    """Log.ts buildTimings, from the response's ResourceTiming."""
    issue = hop["event"]["timestamp"]
    resp = hop["response"] or {}
    t = resp.get("timing")
    start = t["requestTime"] if t else issue
    out = {"blocked": -1, "dns": -1, "ssl": -1, "connect": -1, "send": 0, "wait": 0, "receive": 0,
           "_blocked_queueing": -1}
    queued = start - issue if issue < start else -1
    out["blocked"] = out["_blocked_queueing"] = queued * 1000 if queued != -1 else -1
    if not t and hop["response_time"] == -1:
        out["blocked"] = ((hop["end"] or issue) - issue) * 1000
        return out
    highest = 0
    if t:
        nonneg = [v for v in (t["dnsStart"], t["connectStart"], t["sendStart"]) if v >= 0]
        blocked_start = min(nonneg) if nonneg else None
        if blocked_start is not None:
            out["blocked"] += blocked_start
        if t["proxyEnd"] != -1:
            out["_blocked_proxy"] = t["proxyEnd"] - t["proxyStart"]
            out["blocked"] = max(out["blocked"], out["_blocked_proxy"])
        bs = blocked_start if blocked_start is not None else float("inf")
        dns_end = t["dnsEnd"] if t["dnsEnd"] >= 0 else -1
        out["dns"] = dns_end - (bs if t["dnsEnd"] >= 0 else 0)
        ssl_end = t["sslEnd"] if t["sslEnd"] > 0 else -1
        out["ssl"] = ssl_end - (t["sslStart"] if t["sslEnd"] > 0 else 0)
        connect_end = t["connectEnd"] if t["connectEnd"] >= 0 else -1
        least = [v for v in (dns_end, bs) if v >= 0 and v != float("inf")]
        out["connect"] = connect_end - ((min(least) if least else 0) if t["connectEnd"] >= 0 else 0)
        send_end = t["sendEnd"] if t["sendEnd"] >= 0 else 0
        send_start = max(connect_end, dns_end, bs if bs != float("inf") else 0) if t["sendEnd"] >= 0 else 0
        out["send"] = max(send_end - send_start, 0)
        highest = max(send_end, connect_end, ssl_end, dns_end, bs if bs != float("inf") else 0, 0)
    wait_end = (hop["response_time"] - start) * 1000
    out["wait"] = wait_end - highest
    out["receive"] = max(((hop["end"] or hop["response_time"]) - start) * 1000 - wait_end, 0)
    return out


def version(headers_text):
    """Log.ts responseHttpVersion: from the status line as received."""
    first = (headers_text or "").split("\r\n")[0]
    return first.split(" ")[0] if first.startswith("HTTP/") else None


def har(rec, user_agent):
    """The HAR 1.2 log of what `rec` saw, built as DevTools builds it."""
    pages, page_of = [], {}
    for n, (loader, url, wall, ts) in enumerate(rec.pages, 1):
        page_of[loader] = f"page_{n}"
        ev = rec.page_events.get(loader, {})
        pages.append({
            "startedDateTime": iso(wall), "id": f"page_{n}", "title": url,
            "pageTimings": {"onContentLoad": (ev["content"] - ts) * 1000 if "content" in ev else -1,
                            "onLoad": (ev["load"] - ts) * 1000 if "load" in ev else -1}})
    entries = []
    for rid, i in rec.order:
        r = rec.requests[rid]
        hop = r["hops"][i]
        ev = hop["event"]
        req = ev["request"]
        # Position i of the chain has the i-th ExtraInfo of each kind (the
        # ExtraInfoBuilder of DevTools' NetworkManager); one past the chain
        # (a restart after a 401) has no hop and is not shown.
        req_extra = r["req_extra"][i] if i < len(r["req_extra"]) else None
        resp_extra = r["resp_extra"][i] if i < len(r["resp_extra"]) else None
        resp = hop["response"] or {}
        headers_text = (resp_extra or {}).get("headersText") or resp.get("headersText")
        resp_headers = (resp_extra or {}).get("headers") or resp.get("headers") or {}
        protocol = (resp.get("protocol") or "").lower()
        url = req["url"].split("#", 1)[0]
        query = urllib.parse.urlsplit(url).query
        status = resp.get("status", 0)
        location = next((v for k, v in resp_headers.items() if k.lower() == "location"), "")
        t = timings(hop)
        entry = {
            "_initiator": {"type": ev.get("initiator", {}).get("type", "other")},
            "_priority": req.get("initialPriority"),
            "_resourceType": (ev.get("type") or "Other").lower(),
            "cache": {},
            "connection": str(resp["remotePort"]) if resp.get("remotePort") else None,
            "request": {
                "method": req["method"],
                "url": url,
                "httpVersion": protocol or "http/1.1",
                "headers": headers_array((req_extra or {}).get("headers") or req.get("headers")),
                "queryString": [{"name": k, "value": v}
                                for k, v in urllib.parse.parse_qsl(query, keep_blank_values=True)],
                "cookies": [],
                "headersSize": -1,
                "bodySize": 0,
            },
            "response": {
                "status": status,
                "statusText": resp.get("statusText", ""),
                "httpVersion": version(headers_text) or protocol,
                "headers": headers_array(resp_headers),
                "cookies": [],
                "content": {"size": hop["received"], "mimeType": resp.get("mimeType") or "x-unknown"},
                "redirectURL": location,
                "headersSize": len(headers_text) if headers_text else -1,
                "bodySize": (hop["transfer"] - len(headers_text)) if headers_text and status != 304 else -1,
                "_transferSize": hop["transfer"],
                "_error": hop["error"],
            },
            "serverIPAddress": (resp.get("remoteIPAddress") or "").strip("[]"),
            "startedDateTime": iso(ev["wallTime"]),
            "time": sum(max(t[k], 0) for k in ("blocked", "dns", "connect", "send", "wait", "receive")),
            "timings": t,
        }
        if entry["connection"] is None:
            del entry["connection"]
        if ev.get("loaderId") in page_of:
            entry["pageref"] = page_of[ev["loaderId"]]
        entries.append(entry)
    webkit = user_agent.split("AppleWebKit/", 1)[1].split(" ", 1)[0] if "AppleWebKit/" in user_agent else "n/a"
    return {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": webkit},
                    "pages": pages, "entries": entries}}


class Tab:
    """One tab, its Network events recorded, its logins answered."""

    def __init__(self, cdp):
        self.cdp = cdp
        self.rec = Recorder()
        self.target = cdp.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = cdp.send("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        for method, params in [("Network.enable", {}), ("Page.enable", {}),
                               ("Fetch.enable", {"handleAuthRequests": True, "patterns": [{"urlPattern": "*"}]})]:
            cdp.send(method, params, self.session)
        self.logins = []
        self.answers = {}
        self.loaded = False

    def message(self, wait):
        if self.cdp.events:
            return self.cdp.events.pop(0)
        self.cdp.ws.settimeout(wait)
        try:
            return json.loads(self.cdp.ws.recv())
        except websocket.WebSocketTimeoutException:
            return None
        finally:
            self.cdp.ws.settimeout(TIMEOUT)

    def post(self, method, params):
        self.cdp.post(method, params, self.session)
        return self.cdp.next_id

    def pump(self, done, quiet=0.3):
        """Handles events until `done()` and `quiet` seconds without an
        event while no request is open, at most TIMEOUT seconds."""
        deadline = time.time() + TIMEOUT
        last = time.time()
        while time.time() < deadline:
            m = self.message(0.1)
            if m is None:
                if done() and not self.rec.busy() and time.time() - last >= quiet:
                    return True
                continue
            last = time.time()
            if "id" in m:
                self.answers[m["id"]] = m
                continue
            if m.get("sessionId") != self.session:
                continue
            method, p = m.get("method", ""), m.get("params", {})
            if method == "Fetch.requestPaused":
                self.cdp.send("Fetch.continueRequest", {"requestId": p["requestId"]}, self.session)
            elif method == "Fetch.authRequired":
                # Each login is answered once from the list, then refused:
                # a wrong password is asked again, and refused (no loop).
                login = self.logins.pop(0) if self.logins else None
                answer = ({"response": "ProvideCredentials", "username": login[0], "password": login[1]}
                          if login else {"response": "CancelAuth"})
                self.cdp.send("Fetch.continueWithAuth",
                              {"requestId": p["requestId"], "authChallengeResponse": answer}, self.session)
            elif method.startswith("Network."):
                self.rec.on(method, p)
            elif method == "Page.loadEventFired":
                self.loaded = True
                self.rec.page_event(self.rec.pages[-1][0] if self.rec.pages else None, "load", p["timestamp"])
            elif method == "Page.domContentEventFired" and self.rec.pages:
                self.rec.page_event(self.rec.pages[-1][0], "content", p["timestamp"])
        return False

    def navigate(self, url, logins=()):
        self.logins = list(logins)
        self.loaded = False
        self.post("Page.navigate", {"url": url})
        if not self.pump(lambda: self.loaded):
            raise RuntimeError(f"{url} did not load")

    def fetch(self, path, authorization=None):
        init = {"headers": {"Authorization": authorization}} if authorization else {}
        expr = f"fetch({json.dumps(path)}, {json.dumps(init)}).then(r => r.status)"
        n = self.post("Runtime.evaluate", {"expression": expr, "awaitPromise": True})
        if not self.pump(lambda: n in self.answers):
            raise RuntimeError(f"fetch {path} did not finish")

    def close(self):
        self.cdp.send("Target.closeTarget", {"targetId": self.target})


def short(url):
    return url if len(url) <= 60 else url[:57] + "..."


def sent(entry):
    """The scheme of the request's Authorization, or None."""
    for h in entry["request"]["headers"]:
        if h["name"].lower() == "authorization":
            return h["value"].split(" ", 1)[0]
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("authserve")
    ap.add_argument("authdump")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    ap.add_argument("--har", help="also write the HAR to this file")
    args = ap.parse_args()

    results = []

    def case(name, ok, detail):
        results.append((name, ok, detail))

    try:
        with authserve_and_chromium(args.authserve, args.chromium, "authserve-har-") as (base, cdp):
            user_agent = cdp.send("Browser.getVersion")["userAgent"]
            tab = Tab(cdp)
            user = ("jürgen", "pässwörd€")
            # (what, status, scheme sent or a tuple of those allowed, codes)
            want = []

            # A page of the origin, then its fetch()es of the Bearer routes
            # (RFC 6750 §3, RFC 9728 §5.1): Chromium has no Bearer login.
            tab.navigate(f"{base}/.well-known/oauth-protected-resource")
            want.append(("the RFC 9728 document", 200, None, []))
            tab.fetch("/bearer")
            # No `error` without credentials (RFC 6750 §3.1), and a
            # resource_metadata: no MCP info.
            want.append(("fetch /bearer, no token", 401, None, []))
            tab.fetch("/bearer", "Bearer read-token")
            want.append(("fetch /bearer, read-token", 200, "Bearer", []))
            tab.fetch("/bearer", "Bearer nope")
            want.append(("fetch /bearer, unknown token: invalid_token", 401, "Bearer", []))
            tab.fetch("/bearer/write", "Bearer read-token")
            want.append(("fetch /bearer/write, read-token: insufficient_scope", 403, "Bearer", []))
            tab.fetch("/bearer", "Bearer: x")
            # The page's own mistake (RFC 9110 §11.4): authserve's 400 is right.
            want.append(("fetch /bearer, `Bearer: x`", 400, "Bearer:", ["separator-after-scheme"]))

            # Logins refused, and with a wrong password (asked again, refused),
            # before any account is known for the origin.
            tab.navigate(f"{base}/any")
            want.append(("/any, login refused", 401, None, [MD5_TOO]))
            tab.navigate(f"{base}/basic")
            want.append(("/basic, login refused", 401, None, []))
            tab.navigate(f"{base}/basic", [(user[0], "wrong")])
            want.append(("/basic, wrong password", 401, None, []))
            tab.navigate(f"{base}/digest")
            want.append(("/digest, login refused", 401, None, [MD5_TOO]))
            tab.navigate(f"{base}/digest", [(user[0], "wrong")])
            want.append(("/digest, wrong password", 401, None, [MD5_TOO]))

            # The right password: the 401 and the retry are one entry; then the
            # page is fetched again, with the kept credentials.
            tab.navigate(f"{base}/basic", [user])
            want.append(("/basic, login (the retry hidden)", 200, None, []))
            tab.fetch("/basic")
            want.append(("fetch /basic again: Basic sent at once", 200, "Basic", []))
            tab.navigate(f"{base}/digest", [user])
            # The first request may carry the Basic credentials kept for `/`
            # (RFC 7617 §2.2), which /digest refuses before the Digest login.
            want.append(("/digest, login (the retry hidden)", 200, (None, "Basic"), []))
            tab.fetch("/digest")
            want.append(("fetch /digest again: Digest, the next nc", 200, "Digest", []))
            tab.close()

            log = har(tab.rec, user_agent)
            if args.har:
                with open(args.har, "w", encoding="utf-8") as f:
                    json.dump(log, f, indent=2, ensure_ascii=False)
            entries = log["log"]["entries"]
            with tempfile.NamedTemporaryFile("w", suffix=".har", delete=False, encoding="utf-8") as f:
                json.dump(log, f, ensure_ascii=False)
                path = f.name
            try:
                out = subprocess.run([args.authdump, "check", "--json", path], capture_output=True, text=True,
                                     timeout=TIMEOUT)
            finally:
                os.unlink(path)
            reports = [json.loads(line) for line in out.stdout.splitlines()]
            case("authdump reads every entry", len(reports) == len(entries) and not out.stderr,
                 f"{len(reports)} reports for {len(entries)} entries {out.stderr}")
            errors = any(f["severity"] == "error" for r in reports for f in r["findings"])
            case("authdump's exit status: 1, for the page's `Bearer: x`", out.returncode == 1 and errors,
                 out.returncode)

            got, own = [], []
            for e, r in zip(entries, reports):
                codes = [f["code"] for f in r["findings"]]
                url = e["request"]["url"]
                if url.endswith("/favicon.ico") or url.startswith("data:"):
                    # The browser's own: each page's icon (404), and the images
                    # of its error page for an empty 401 (data: URLs, no headers).
                    own.append((short(url), r["status"], codes))
                    continue
                got.append((e, r, codes))
            case("the browser's own requests (icons, error page images): clean",
                 own and all(c == [] and s == (200 if u.startswith("data:") else 404) for u, s, c in own), own)
            case("one entry per step", len(got) == len(want),
                 [(short(e["request"]["url"]), r["status"]) for e, r, _ in got])
            for (what, status, scheme, codes), (e, r, found) in zip(want, got):
                allowed = scheme if isinstance(scheme, tuple) else (scheme,)
                ok = ((r["status"], found) == (status, codes) and sent(e) in allowed
                      and r["request"]["target"] == e["request"]["url"])
                case(what, ok, f"{short(e['request']['url'])}: {r['status']} {sent(e)} {found}")
            # The hidden retry: Digest's Authentication-Info (RFC 7616 §3.5)
            # belongs to the response, so it is there all the same.
            digest_200 = [e for e, r, _ in got if e["request"]["url"].endswith("/digest") and r["status"] == 200]
            case("Authentication-Info on the Digest 200s",
                 digest_200 and all(any(h["name"].lower() == "authentication-info" for h in e["response"]["headers"])
                                    for e in digest_200), len(digest_200))
    except Exception as e:  # noqa: BLE001
        case("recording", False, repr(e))
    return report(results)


if __name__ == "__main__":
    sys.exit(main())
