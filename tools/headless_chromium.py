"""Drive headless Chromium (Debian's ``chromium``) over the DevTools protocol on a pipe, for
the tests and the bench of the exported web page: no websocket library, no port, no network.

One browser serves many pages: ``run_page(url)`` opens a tab, waits for the page's generation
to finish (it sets data-done="true" on #output and fires ``rnnstudio-done``: no polling) and
returns the text and the symbols per second it measured. Real time, not --virtual-time-budget,
so the speed it reports is the page's own.
"""
from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--mute-audio", "--remote-debugging-pipe"]

# Resolves when the page's generation is done: at once if it already is, else on its event.
_DONE = """new Promise((resolve) => {
  const out = document.getElementById("output");
  const finish = () => resolve({text: out.textContent, rate: Number(out.dataset.symbolsPerSecond),
                                error: out.dataset.error || null,
                                lang: document.documentElement.lang, body: document.body.innerText});
  if (out.dataset.done === "true") finish(); else window.addEventListener("rnnstudio-done", finish, {once: true});
})"""


class ChromiumMissing(RuntimeError):
    pass


def find_chromium() -> str:
    """Debian's ``chromium`` (what .ci/run installs), else a Chrome where CI runners have one;
    ``RNNSTUDIO_CHROMIUM`` names another."""
    chosen = os.environ.get("RNNSTUDIO_CHROMIUM")
    if chosen:
        return chosen
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    if os.path.exists(mac):
        return mac
    raise ChromiumMissing("headless Chromium is needed to test the exported web page, and `chromium` is not "
                          "installed: `sudo apt-get install chromium` (in the README's apt line; .ci/run installs it)")


def page_url(path: str | os.PathLike, **query) -> str:
    """file:// URL of a page with its query (prime, length, temperature, top_k, top_p, seed)."""
    url = Path(path).resolve().as_uri()
    return url + ("?" + urlencode({k: v for k, v in query.items() if v is not None}) if query else "")


def _above_9(fd: int) -> int:
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


class Chromium:
    def __init__(self, timeout: float = 120.0):
        binary = find_chromium()
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="rnnstudio-chromium-")
        to_child, self._to_browser = os.pipe()
        self._from_browser, from_child = os.pipe()
        to_child, from_child = _above_9(to_child), _above_9(from_child)   # so that "3<&" overwrites neither
        # the protocol pipe is the browser's fd 3 (it reads) and fd 4 (it writes)
        script = f'exec "$0" "$@" 3<&{to_child} 4>&{from_child} {to_child}<&- {from_child}>&-'
        self.proc = subprocess.Popen(["bash", "-c", script, binary, *FLAGS, f"--user-data-dir={self.profile}",
                                      "about:blank"], pass_fds=(to_child, from_child),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child)
        os.close(from_child)
        self._next = 0
        self._buffer = b""
        self._events: list[dict] = []

    # ---- the protocol ------------------------------------------------------------------------------
    def _send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        return self._next

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError(f"headless Chromium gave no answer within {self.timeout:.0f} s")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError(f"headless Chromium ended (exit status {self.proc.poll()})")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        wanted = self._send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            if "method" in message:
                self._events.append(message)

    def _wait_event(self, method: str, session: str) -> dict:
        deadline = time.monotonic() + self.timeout
        while True:
            for i, event in enumerate(self._events):
                if event["method"] == method and event.get("sessionId") == session:
                    return self._events.pop(i)
            message = self._receive(deadline)
            if "method" in message:
                self._events.append(message)

    # ---- pages -------------------------------------------------------------------------------------
    def run_page(self, url: str) -> dict:
        """Open ``url`` in a new tab, wait until its generation is done; returns the text of #output,
        ``rate`` (symbols per second, the page's own figure), the page's ``lang`` and its visible ``body``."""
        value = self.evaluate(url, _DONE)
        if value["error"]:
            raise RuntimeError(f"the page failed: {value['error']}")
        return value

    def evaluate(self, url: str, expression: str):
        """The value of a JavaScript expression (a promise is awaited) in ``url`` once it has loaded."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            self.call("Page.enable", session=session)
            self.call("Page.navigate", {"url": url}, session)
            self._wait_event("Page.loadEventFired", session)
            result = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                    "returnByValue": True}, session)
            if "exceptionDetails" in result:
                raise RuntimeError(f"the page failed: {result['exceptionDetails']}")
            return result["result"].get("value")
        finally:
            self.call("Target.closeTarget", {"targetId": target})

    def close(self) -> None:
        try:
            self._send("Browser.close")
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
