"""End to end: the default rate limit holds across gunicorn's workers.

Requests alternate between the two workers (each connection is checked in
/proc to see which worker accepted it, and connections that went to the
wrong one are held until one goes to the other), so counting per worker
would let twice the limit through.
"""

from __future__ import annotations

import json
import socket

import pytest

from .servers import Gunicorn, e2e_env
from .test_sms_e2e import Phone

pytestmark = pytest.mark.e2e


@pytest.fixture
def bot(tmp_path):
    # FAQBOT_RATE_LIMIT and FAQBOT_RATELIMIT_STORAGE left at their defaults
    server = Gunicorn(
        env=e2e_env(tmp_path),
        workers=2,
    )
    server.start()
    yield server
    server.stop()


def ask_on(sock: socket.socket, question: str, session: str) -> tuple[int, dict]:
    body = json.dumps({"question": question, "session_id": session}).encode()
    sock.sendall(
        b"POST /api/ask HTTP/1.0\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    head, _, payload = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(payload)


def ask_steered(steer: Phone, session: str, question: str, avoid=None):
    """(status, body, worker pid) of one ask on a worker other than ``avoid``."""
    sock, pid, held = steer.connection(avoid=avoid)
    try:
        status, body = ask_on(sock, question, session)
    finally:
        sock.close()
        for other in held:  # let the waiting worker go with a harmless request
            other.sendall(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            other.recv(65536)
            other.close()
    return status, body, pid


def test_the_default_limit_counts_one_conversation_on_both_workers(bot) -> None:
    steer = Phone(bot, "")
    statuses, workers, last = [], set(), None
    for _ in range(12):
        status, body, last = ask_steered(steer, "one-patient", "where are you", last)
        statuses.append(status)
        workers.add(last)
    assert len(workers) == 2
    # "10 per minute" per conversation, counted once for the whole machine.
    assert statuses == [200] * 10 + [429] * 2
    message = body["error"]["message"]
    assert "wait a moment" in message and "911" in message and "988" in message

    # Someone else on the same address is answered, and so is a crisis.
    assert ask_steered(steer, "another-patient", "where are you")[0] == 200
    status, body, _ = ask_steered(steer, "one-patient", "i want to kill myself")
    assert (status, body["status"]) == (200, "crisis")
