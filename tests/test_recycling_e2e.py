"""End to end: a gunicorn worker replaced after ``max_requests`` (the repo's
gunicorn.conf.py bounds a worker's memory that way) leaves nothing behind:
the new worker answers at once, and the rate limit goes on counting where the
old worker stopped, since the counts live in the database, not in a worker.
Patients on kept-alive connections (``http.client`` and ``requests``) get
every answer while workers retire under them, and each question the bot
cannot answer reaches the staff queue once.
"""

from __future__ import annotations

import http.client
import json
import random
import sqlite3
import threading
import time
from collections import Counter

import pytest
import requests

from .servers import Gunicorn, e2e_env, post_json

pytestmark = pytest.mark.e2e


def serve(tmp_path, *args: str, **more: str) -> Gunicorn:
    # FAQBOT_RATE_LIMIT and FAQBOT_RATELIMIT_STORAGE left at their defaults
    return Gunicorn(
        env=e2e_env(tmp_path, **more),
        workers=1,
        extra_args=list(args),
    )


def ask(server: Gunicorn, question: str, session: str) -> tuple[int, dict]:
    return post_json(
        server.url + "/api/ask", {"question": question, "session_id": session}
    )


def test_a_recycled_worker_answers_and_keeps_the_rate_limit_count(tmp_path) -> None:
    server = serve(tmp_path, "--max-requests", "4", "--max-requests-jitter", "0")
    server.start()
    try:
        workers, statuses, answers = set(), [], []
        for _ in range(12):
            status, body = ask(server, "Where is the clinic?", "one-patient")
            statuses.append(status)
            if status == 200:
                answers.append(body)
            workers.update(server.worker_pids())
        # Three workers served the twelve questions, one after another...
        assert len(workers) >= 3
        # ...and every answer before the limit is a real one.
        assert all(b["status"] == "answered" and b["answer"] for b in answers)
        # "10 per minute" per conversation, counted across the replacements:
        # a worker's counts were not lost with it.
        assert statuses == [200] * 10 + [429] * 2
        # Another patient is still answered by the current worker.
        status, body = ask(server, "Where is the clinic?", "another-patient")
        assert status == 200 and body["answer"]
    finally:
        server.stop()


def test_the_repo_settings_replace_a_worker_and_it_goes_on_answering(
    tmp_path,
) -> None:
    # gunicorn.conf.py's max_requests and jitter; health checks unlimited
    server = serve(tmp_path, FAQBOT_HEALTHZ_RATE_LIMIT="off")
    server.start()
    try:
        first = set(server.worker_pids())
        for _ in range(500):  # more than max_requests plus its jitter
            assert server.get("/healthz")[0] == 200
        assert set(server.worker_pids()).isdisjoint(first)
        status, body = ask(server, "Where is the clinic?", "a-patient")
        assert status == 200 and body["answer"]
    finally:
        server.stop()


# Questions no FAQ entry answers: each one must reach the staff queue once.
UNANSWERABLE = (
    "Can I bring my parrot number {n} to the waiting room?",
    "Is parking spot {n} free for patients?",
    "What is the wifi password for room {n}?",
    "Is there a vending machine on floor {n}?",
)


def questions(patient: int, count: int) -> list[str]:
    """``count`` different questions: unanswerable ones, and every third a
    question the FAQ answers."""
    out = []
    for i in range(count):
        n = patient * 1000 + i
        if i % 3 == 2:
            out.append(f"Where is the clinic? (visit {n})")
        else:
            out.append(UNANSWERABLE[i % len(UNANSWERABLE)].format(n=n))
    return out


class KeptAlive:
    """One patient's client: one ``http.client`` connection, reused."""

    def __init__(self, server: Gunicorn) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        self.sockets: list[object] = []  # every socket the client had to open

    def ask(self, question: str, session: str) -> tuple[int, dict, bool]:
        body = json.dumps({"question": question, "session_id": session})
        self.conn.request(
            "POST", "/api/ask", body, {"Content-Type": "application/json"}
        )
        if self.conn.sock not in self.sockets:
            self.sockets.append(self.conn.sock)
        resp = self.conn.getresponse()
        closing = (resp.getheader("Connection") or "").lower() == "close"
        return resp.status, json.loads(resp.read()), closing

    def close(self) -> None:
        self.conn.close()


class Session:
    """One patient's client: a ``requests.Session`` (its pool keeps the
    connection alive)."""

    def __init__(self, server: Gunicorn) -> None:
        self.url = server.url + "/api/ask"
        self.session = requests.Session()

    def ask(self, question: str, session: str) -> tuple[int, dict, bool]:
        resp = self.session.post(
            self.url, json={"question": question, "session_id": session}, timeout=30
        )
        closing = resp.headers.get("Connection", "").lower() == "close"
        return resp.status_code, resp.json(), closing

    def close(self) -> None:
        self.session.close()


def test_kept_alive_patients_get_every_answer_while_workers_retire(tmp_path) -> None:
    # Two workers each replaced after 8 requests; four patients on kept-alive
    # connections, two per kind of client, each asking 24 questions with
    # short pauses, so that requests reach workers at every point of their
    # retirement: 96 requests, about 12 replacements.
    server = serve(
        tmp_path,
        "--workers",
        "2",
        "--max-requests",
        "8",
        "--max-requests-jitter",
        "0",
        FAQBOT_RATE_LIMIT="off",
    )
    server.start()
    clients = [KeptAlive(server), Session(server), KeptAlive(server), Session(server)]
    asked: dict[str, tuple[int, dict]] = {}
    closes: list[bool] = []
    failures: list[str] = []

    def patient(number: int) -> None:
        rng = random.Random(number)
        client = clients[number]
        for question in questions(number, 24):
            try:
                status, body, closing = client.ask(question, f"patient-{number}")
            except Exception as exc:  # every failure is reported
                failures.append(f"{question!r}: {exc!r}")
                continue
            asked[question] = (status, body)
            closes.append(closing)
            time.sleep(rng.choice((0, 0, 0.005, 0.02)))

    try:
        threads = [threading.Thread(target=patient, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        log = server.log()
    finally:
        for client in clients:
            client.close()
        server.stop()

    # Every patient got every answer...
    assert failures == []
    assert len(asked) == 96
    assert all(status == 200 for status, _ in asked.values())
    assert all(body["answer"] for _, body in asked.values())
    # ...through a dozen replacements, told "Connection: close" by each
    # retiring worker and opening a new connection then, and not otherwise.
    assert log.count("Booting worker") >= 2 + 8
    assert "Traceback" not in log
    assert any(closes)
    for client in clients[::2]:
        assert 1 < len(client.sockets) < 24
    # Each question was recorded once, and each one the bot could not
    # answer reached the staff queue exactly once.
    db = sqlite3.connect(tmp_path / "bot.sqlite3")
    recorded = Counter(text for (text,) in db.execute("SELECT text FROM asks"))
    queued = Counter(q for (q,) in db.execute("SELECT question FROM handoffs"))
    db.close()
    assert recorded == Counter(asked.keys())
    for_staff = {
        q
        for q, (_, body) in asked.items()
        if body["status"] == "unmatched" or body["risk"] != "none"
    }
    assert len(for_staff) >= 64  # the unanswerable two thirds at least
    assert queued == Counter(for_staff)
