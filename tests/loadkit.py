"""Clients for the reliability tests: JSON posts and signed texts over real HTTP
from many threads, and a way to kill a gunicorn worker in the middle of a
request (not between two) by looking at its sockets in /proc."""

from __future__ import annotations

import http.client
import json
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from .texting import TOKEN, new_sid, sign, sms_form

# What a client sees when the server side of its connection dies mid-request.
CONNECTION_ERRORS = (ConnectionError, http.client.HTTPException, TimeoutError)


@dataclass
class Outcome:
    """One request: its status and body, or the connection error it met."""

    kind: str  # "api" | "sms"
    question: str
    status: int | None = None
    body: bytes = b""
    error: BaseException | None = None


@dataclass
class Client:
    """Sends requests to one server; tracks which local ports await an answer."""

    base: str
    signed_base: str | None = None  # the URL Twilio signs (FAQBOT_PUBLIC_URL)
    token: str = TOKEN
    waiting: set[int] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _request(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, bytes]:
        parts = urlsplit(self.base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            conn.connect()
            port = conn.sock.getsockname()[1]
            with self.lock:
                self.waiting.add(port)
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                return resp.status, resp.read()
            finally:
                with self.lock:
                    self.waiting.discard(port)
        finally:
            conn.close()

    def post_json(
        self, path: str, body: object, headers: dict[str, str] | None = None
    ) -> tuple[int, dict]:
        status, raw = self._request(
            "POST",
            path,
            json.dumps(body).encode(),
            {"Content-Type": "application/json", **(headers or {})},
        )
        return status, json.loads(raw)

    def ask(self, question: str, **extra: str) -> tuple[int, dict]:
        return self.post_json("/api/ask", {"question": question, **extra})

    def text(self, body: str, sender: str, sid: str | None = None) -> tuple[int, bytes]:
        """A signed text, as Twilio posts it."""
        form = sms_form(body, sender, sid or new_sid())
        url = (self.signed_base or self.base) + "/sms"
        return self._request(
            "POST",
            "/sms",
            urlencode(form).encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Twilio-Signature": sign(url, form, self.token),
            },
        )

    def run(self, kind: str, question: str, sender: str = "") -> Outcome:
        """One request of ``kind``; a connection error is recorded, not raised."""
        out = Outcome(kind, question)
        try:
            if kind == "api":
                out.status, body = self.ask(question)
                out.body = json.dumps(body).encode()
            else:
                out.status, out.body = self.text(question, sender)
        except CONNECTION_ERRORS as exc:
            out.error = exc
        return out


# --- killing a worker mid-request ------------------------------------------------


@dataclass(frozen=True)
class _Socket:
    local: int
    remote: int
    state: str
    tx_queue: int
    rx_queue: int
    inode: str


def _sockets() -> list[_Socket]:
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            f = line.split()
            tx, rx = f[4].split(":")
            found.append(
                _Socket(
                    local=int(f[1].rsplit(":", 1)[1], 16),
                    remote=int(f[2].rsplit(":", 1)[1], 16),
                    state=f[3],
                    tx_queue=int(tx, 16),
                    rx_queue=int(rx, 16),
                    inode=f[9],
                )
            )
    return found


def _inodes(pid: int) -> set[str]:
    found = set()
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return found
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[8:-1])
    return found


def _in_flight(server_port: int, pid: int, client: Client) -> int | None:
    """The client port of a request ``pid`` holds with no answer sent yet."""
    socks = _sockets()
    mine = _inodes(pid)
    client_side = {s.local: s for s in socks if s.remote == server_port}
    with client.lock:
        waiting = set(client.waiting)
    for s in socks:
        if s.local != server_port or s.state != "01" or s.inode not in mine:
            continue  # 01: ESTABLISHED
        peer = client_side.get(s.remote)
        if (
            s.remote in waiting
            and s.tx_queue == 0
            and peer is not None
            and peer.rx_queue == 0
        ):
            return s.remote
    return None


def kill_mid_request(
    server_port: int,
    pids: Callable[[], list[int]],
    client: Client,
    timeout: float = 60.0,
) -> int:
    """SIGKILL a worker while it holds a request it has not answered.

    The worker is frozen (SIGSTOP) first and looked at again: it must still
    hold a connection whose client waits and on which no byte of an answer is
    on its way, so the kill lands before the answer, never after it. ``pids``
    is asked for the workers on every pass: gunicorn replaces them as they
    reach ``max_requests``. Returns the pid killed.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for pid in pids():
            if _in_flight(server_port, pid, client) is None:
                continue
            try:
                os.kill(pid, signal.SIGSTOP)
                if _in_flight(server_port, pid, client) is not None:
                    os.kill(pid, signal.SIGKILL)
                    return pid
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                continue  # replaced meanwhile (max_requests)
        time.sleep(0.002)
    raise AssertionError("no worker was caught in the middle of a request")
