"""authserve against a real browser (issue 18): Debian's `chromium`,
headless, driven over its DevTools protocol (no browser download).

Usage: python chromium.py PATH/TO/authserve [CHROMIUM]

For `/basic` and `/digest`, the page is loaded, Chromium's authentication
request is answered with the non-ASCII account `jürgen` / `pässwörd€`
(Fetch.authRequired → Fetch.continueWithAuth, what the login dialog
does), and the test asserts that the page loaded with 200 and names the
user, and what Chromium sent (the Authorization header as seen by
Network.requestWillBeSentExtraInfo). Prints `N passed, N failed`.
"""

import base64
import contextlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time

import websocket

TIMEOUT = 20


def start_authserve(exe):
    p = subprocess.Popen([exe, "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline().strip()
    assert line.startswith("listening on http://127.0.0.1:"), line
    return p, line.removeprefix("listening on ")


def start_chromium(binary, profile):
    p = subprocess.Popen(
        [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--no-default-browser-check", "--disable-extensions", "--no-proxy-server",
         f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        line = p.stderr.readline()
        m = re.search(r"DevTools listening on (ws://\S+)", line)
        if m:
            return p, m.group(1)
        if not line and p.poll() is not None:
            break
    p.kill()
    raise RuntimeError("chromium did not start")


@contextlib.contextmanager
def authserve_and_chromium(exe, binary, prefix):
    """authserve, and a headless Chromium with a new profile (a directory
    named with `prefix`): yields the server's base URL and a Cdp on the
    browser; both are stopped, and the profile removed, on the way out."""
    server, base = start_authserve(exe)
    profile = tempfile.mkdtemp(prefix=prefix)
    browser = None
    try:
        browser, ws = start_chromium(binary, profile)
        yield base, Cdp(ws)
    finally:
        if browser:
            browser.kill()
            browser.wait()
        server.kill()
        server.wait()
        shutil.rmtree(profile, ignore_errors=True)


def report(results):
    """Prints each (name, ok, detail) and the totals; the exit status."""
    failed = 0
    for name, ok, detail in results:
        print(("ok   " if ok else "FAIL ") + f"{name}: {detail}")
        failed += not ok
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


class Cdp:
    def __init__(self, url):
        self.ws = websocket.create_connection(url, timeout=TIMEOUT, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        while True:
            m = json.loads(self.ws.recv())
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def post(self, method, params, session):
        """Sends without waiting for the answer (which arrives as an event):
        Page.navigate answers only once the paused requests go on."""
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params,
                                 "sessionId": session}))

    def event(self):
        """The next event, or {} after a second without one."""
        if self.events:
            return self.events.pop(0)
        self.ws.settimeout(1)
        try:
            return json.loads(self.ws.recv())
        except websocket.WebSocketTimeoutException:
            return {}
        finally:
            self.ws.settimeout(TIMEOUT)


def visit(cdp, url, user, password, scheme):
    """Loads `url`, answering the authentication request; returns the final
    status, the page text and the Authorization values Chromium sent."""
    target = cdp.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = cdp.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    cdp.send("Network.enable", {}, session)
    cdp.send("Fetch.enable", {"handleAuthRequests": True, "patterns": [{"urlPattern": "*"}]}, session)
    cdp.send("Page.enable", {}, session)
    cdp.post("Page.navigate", {"url": url}, session)
    sent, statuses, challenged = [], [], []
    loaded = False
    deadline = time.time() + TIMEOUT
    # Until the page has loaded and the headers Chromium sent with the
    # authenticated request have been reported (they may come after the load).
    while time.time() < deadline and not (loaded and any(v.startswith(scheme) for v in sent)):
        m = cdp.event()
        if m.get("sessionId") != session:
            continue
        method, p = m.get("method"), m.get("params", {})
        if method == "Fetch.requestPaused":
            cdp.send("Fetch.continueRequest", {"requestId": p["requestId"]}, session)
        elif method == "Fetch.authRequired":
            challenged.append(p["authChallenge"])
            cdp.send("Fetch.continueWithAuth", {"requestId": p["requestId"], "authChallengeResponse": {
                "response": "ProvideCredentials", "username": user, "password": password}}, session)
        elif method == "Network.requestWillBeSentExtraInfo":
            for k, v in p.get("headers", {}).items():
                if k.lower() == "authorization":
                    # DevTools shows header bytes as ISO-8859-1 text: back to
                    # the bytes, read as UTF-8 where they are.
                    raw = v.encode("latin-1", "replace")
                    try:
                        sent.append(raw.decode("utf-8"))
                    except UnicodeDecodeError:
                        sent.append(v)
        elif method == "Network.responseReceived" and p["response"]["url"] == url:
            statuses.append(p["response"]["status"])
        elif method == "Page.loadEventFired":
            loaded = True
            # DevTools does not always report the headers of the
            # navigation's retried request: fetch the page once more from
            # it, which Chromium answers with the same credentials (for
            # Digest, the same nonce with the next nc).
            cdp.post("Runtime.evaluate", {"expression": "fetch(location.href).then(r => r.status)",
                                          "awaitPromise": True}, session)
    text = cdp.send("Runtime.evaluate", {"expression": "document.body.innerText", "returnByValue": True},
                    session)["result"].get("value", "")
    cdp.send("Target.closeTarget", {"targetId": target})
    return statuses, text, sent, challenged


def main(exe, binary):
    results = []
    with authserve_and_chromium(exe, binary, "authserve-chromium-") as (base, cdp):
        user, password = "jürgen", "pässwörd€"

        statuses, text, sent, challenged = visit(cdp, f"{base}/basic", user, password, "Basic ")
        try:
            assert statuses[-1] == 200, statuses
            assert json.loads(text) == {"scheme": "Basic", "user": user}, text
            assert sent and sent[-1].startswith("Basic "), sent
            # RFC 7617 §2.1: UTF-8, as charset="UTF-8" asked.
            assert base64.b64decode(sent[-1][6:]) == f"{user}:{password}".encode(), sent
            assert challenged[0]["scheme"].lower() == "basic", challenged
            results.append(("chromium Basic UTF-8", True, sent[-1]))
        except Exception as e:  # noqa: BLE001
            results.append(("chromium Basic UTF-8", False, f"{(statuses, text, sent)} {e!r}"))

        statuses, text, sent, challenged = visit(cdp, f"{base}/digest", user, password, "Digest ")
        try:
            assert statuses[-1] == 200, statuses
            assert json.loads(text) == {"scheme": "Digest", "user": user}, text
            # Chromium may first send the Basic credentials it cached for
            # this origin's `/` (RFC 7617 §2.2): /digest answers them 401.
            assert all(v.startswith(("Basic ", "Digest ")) for v in sent), sent
            digest = [v for v in sent if v.startswith("Digest ")]
            assert digest, sent
            # What Chromium answers: the raw UTF-8 username in `username`,
            # and SHA-256, the first challenge (one per line).
            assert f'username="{user}"' in digest[0], digest
            assert "algorithm=SHA-256" in digest[0], digest
            results.append(("chromium Digest UTF-8 (SHA-256)", True, digest[0]))
        except Exception as e:  # noqa: BLE001
            results.append(("chromium Digest UTF-8", False, f"{(statuses, text, sent)} {e!r}"))
    return report(results)

if __name__ == "__main__":
    binary = sys.argv[2] if len(sys.argv) > 2 else (shutil.which("chromium") or "chromium")
    sys.exit(main(sys.argv[1], binary))
