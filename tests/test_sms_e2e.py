"""End to end: the Procfile's gunicorn with two workers, signed texts over HTTP.

A clarification must work when the "2" lands on the other worker, so the
test does not leave that to chance. gunicorn's sync workers serve one
connection at a time, and the worker that accepted a connection owns its
socket (visible in /proc). So: open a connection, see which worker took it;
if it is the worker that must be avoided, keep that connection open (the
worker now waits on it and cannot accept) and open another, which only the
other worker can take. The access log, which prints each request's worker
pid, confirms it independently.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from faqbot.faq import load_faq
from faqbot.storage import Store, asks, handoffs

from .servers import ROOT, Gunicorn
from .texting import TOKEN, new_sid, reply_text, sign, sms_form

pytestmark = pytest.mark.e2e

PHONE = "833-867-2329"
CLARIFY_FAQ = ROOT / "tests" / "data" / "clarify_faq.yaml"
STEP_HEADER = "X-E2E-Step"


def _owner(server_port: int, client_port: int, pids: list[int]) -> int | None:
    """The worker holding the server side of our connection, once accepted."""
    inode = None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, remote, node = fields[1], fields[2], fields[9]
            if (
                int(local.rsplit(":", 1)[1], 16) == server_port
                and int(remote.rsplit(":", 1)[1], 16) == client_port
                and node != "0"  # 0 until a worker has accepted it
            ):
                inode = node
    if inode is None:
        return None
    target = f"socket:[{inode}]"
    for pid in pids:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == target:
                    return pid
            except OSError:
                continue
    return None


class Phone:
    """Texts the server the way Twilio posts them, on a chosen worker."""

    def __init__(self, server: Gunicorn, number: str) -> None:
        self.server = server
        self.number = number

    def _connect(self) -> tuple[socket.socket, int]:
        sock = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        client_port = sock.getsockname()[1]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            pid = _owner(self.server.port, client_port, self.server.worker_pids())
            if pid is not None:
                return sock, pid
            time.sleep(0.01)
        sock.close()
        raise AssertionError("no worker accepted the connection")

    def connection(self, avoid: int | None = None) -> tuple[socket.socket, int, list]:
        """A connection a worker other than ``avoid`` has accepted (and any held)."""
        held: list[socket.socket] = []
        # A sync worker holding a connection is busy, so the next goes to
        # another; a threaded one (gunicorn.conf.py) takes more, and which
        # worker wins each accept is up to the kernel: try again until it is
        # another (about one in two for two workers).
        for _ in range(20 * len(self.server.worker_pids())):
            sock, pid = self._connect()
            if pid != avoid:
                return sock, pid, held
            held.append(sock)
        raise AssertionError(f"every connection went to worker {avoid}")

    def text(
        self,
        body: str,
        avoid: int | None = None,
        sid: str | None = None,
        step: str = "",
    ) -> tuple[str | None, int]:
        """Send ``body``; returns (the reply, the pid of the worker that answered)."""
        sock, pid, held = self.connection(avoid)
        try:
            form = sms_form(body, self.number, sid)
            url = f"{self.server.url}/sms"
            conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
            conn.sock = sock
            conn.request(
                "POST",
                "/sms",
                body=urlencode(form),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-Twilio-Signature": sign(url, form),
                    STEP_HEADER: step or "-",
                },
            )
            resp = conn.getresponse()
            data = resp.read()
            assert resp.status == 200, data
            assert resp.getheader("Content-Type", "").startswith("application/xml")
            conn.close()
        finally:
            for other in held:  # let the waiting worker go with a harmless request
                other.sendall(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                other.recv(65536)
                other.close()
        return reply_text(data), pid


@pytest.fixture
def server(tmp_path: Path):
    db = tmp_path / "faqbot.sqlite3"
    gunicorn = Gunicorn(
        env={
            "DATABASE_URL": f"sqlite:///{db}",
            "FAQBOT_FAQ_PATH": str(CLARIFY_FAQ.relative_to(ROOT)),
            "FAQBOT_SECRET_KEY": "e2e-secret-" + "k" * 32,
            "FAQBOT_TWILIO_AUTH_TOKEN": TOKEN,
            "FAQBOT_SPOOL_PATH": str(tmp_path / "spool.jsonl"),
            "FAQBOT_LOG_LEVEL": "INFO",
        },
        workers=2,
        extra_args=[
            "--access-logfile",
            "-",
            "--access-logformat",
            f"access pid=%(p)s step=%({{{STEP_HEADER.lower()}}}i)s status=%(s)s",
        ],
    )
    gunicorn.start()
    yield gunicorn, Store(f"sqlite:///{db}")
    gunicorn.stop()


def _served_by(log: str) -> dict[str, int]:
    """step -> worker pid, from gunicorn's access log lines."""
    found = re.findall(r"access pid=<(\d+)> step=(\S+) status=200", log)
    found += re.findall(r"access pid=(\d+) step=(\S+) status=200", log)
    return {step: int(pid) for pid, step in found}


def test_texts_over_http_on_two_workers(server) -> None:
    gunicorn, store = server
    assert len(gunicorn.worker_pids()) == 2
    faq = load_faq(CLARIFY_FAQ)
    by_question = {e.question: e for e in faq.entries}

    # A clarification on one worker, answered by "2" on the other.
    alice = Phone(gunicorn, "+15550100001")
    offer, first = alice.text("how long infusion", step="question")
    assert offer.startswith("Did you mean: 1) ")
    assert offer.endswith(
        f"Reply 1 or 2, or 0 to reach our team. Call {PHONE}. Emergency: call 911. "
        "Thoughts of suicide: call or text 988."
    )
    offered = re.findall(r"\d\) (.+?)(?= \d\) | Reply )", offer)
    answer, second = alice.text("2", avoid=first, step="pick")
    assert second != first
    picked = by_question[offered[1]]
    assert answer.startswith(picked.sms) and PHONE in answer

    # "0" on the other worker hands the original question to staff.
    bob = Phone(gunicorn, "+15550100002")
    _, first = bob.text("how long infusion", step="question-0")
    handoff, other = bob.text("0", avoid=first, step="handoff-0")
    assert other != first
    assert "care team" in handoff and PHONE in handoff

    # An unmatched question, then Twilio's retry of it on the other worker.
    carol = Phone(gunicorn, "+15550100003")
    sid = new_sid()
    reply, first = carol.text("how much does it cost", sid=sid, step="unmatched")
    again, other = carol.text("how much does it cost", sid=sid, avoid=first)
    assert other != first and again == reply and "care team" in reply

    # A crisis is answered at once.
    dave = Phone(gunicorn, "+15550100004")
    crisis, _ = dave.text("i want to kill myself", step="crisis")
    assert "988" in crisis and "911" in crisis

    # STOP on one worker silences the number on the other.
    erin = Phone(gunicorn, "+15550100005")
    stop, first = erin.text("STOP")
    assert stop is None
    quiet, other = erin.text("where is the clinic", avoid=first)
    assert other != first and quiet is None

    # The access log agrees about which worker served what.
    served = _served_by(gunicorn.log())
    assert served["question"] != served["pick"]
    assert served["question-0"] != served["handoff-0"]

    # What staff see, in the SQLite file both workers share.
    with store.engine.connect() as conn:
        items = conn.execute(select(handoffs).order_by(handoffs.c.id)).all()
        pick = conn.execute(select(asks).where(asks.c.kind == "pick")).all()
    assert [(i.contact, i.question, i.urgent, i.channel) for i in items] == [
        ("+15550100002", "how long infusion", False, "sms"),
        ("+15550100003", "how much does it cost", False, "sms"),
        ("+15550100004", "i want to kill myself", True, "sms"),
    ]
    assert [(p.faq_id, p.status) for p in pick] == [
        (picked.id, "answered"),
        (None, "unmatched"),
    ]
    # Phone numbers never appear in the server's INFO log, not even masked.
    log = gunicorn.log()
    assert "sms: " in log and "***0001" not in log and "5550100001" not in log
    assert "kill myself" not in log
    store.dispose()
