"""End to end: a gunicorn worker replaced after ``max_requests`` (the repo's
gunicorn.conf.py bounds a worker's memory that way) leaves nothing behind:
the new worker answers at once, and the rate limit goes on counting where the
old worker stopped, since the counts live in the database, not in a worker.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from .servers import Gunicorn, e2e_env

pytestmark = pytest.mark.e2e


def serve(tmp_path, *args: str, **more: str) -> Gunicorn:
    # FAQBOT_RATE_LIMIT and FAQBOT_RATELIMIT_STORAGE left at their defaults
    return Gunicorn(
        env=e2e_env(tmp_path, **more),
        workers=1,
        extra_args=list(args),
    )


def ask(server: Gunicorn, question: str, session: str) -> tuple[int, dict]:
    body = json.dumps({"question": question, "session_id": session}).encode()
    request = urllib.request.Request(
        server.url + "/api/ask",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


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
        for _ in range(400):  # more than max_requests plus its jitter
            assert server.get("/healthz")[0] == 200
        assert set(server.worker_pids()).isdisjoint(first)
        status, body = ask(server, "Where is the clinic?", "a-patient")
        assert status == 200 and body["answer"]
    finally:
        server.stop()
