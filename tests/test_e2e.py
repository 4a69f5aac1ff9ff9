"""The app under gunicorn (the Procfile's command), over real HTTP."""

from __future__ import annotations

import json
import sqlite3

import pytest

from .conftest import FAQ_PATH
from .servers import Gunicorn, post_json

pytestmark = pytest.mark.e2e


def post(url: str, body: dict) -> tuple[int, dict]:
    return post_json(url, body, timeout=10)


@pytest.fixture
def server(tmp_path):
    db = tmp_path / "faqbot.sqlite3"
    g = Gunicorn(
        env={
            "DATABASE_URL": f"sqlite:///{db}",
            "FAQBOT_FAQ_PATH": str(FAQ_PATH),
            "FAQBOT_SECRET_KEY": "e2e-secret-" + "k" * 32,
            "FAQBOT_SPOOL_PATH": str(tmp_path / "spool.jsonl"),
            "FAQBOT_RATE_LIMIT": "off",
        },
        workers=2,
    ).start()
    g.db = db
    yield g
    g.stop()


def test_the_readme_curl_returns_the_answer_with_the_phone(server) -> None:
    status, body = post(
        server.url + "/api/ask", {"question": "can ketamine help my migraines?"}
    )
    assert status == 200
    assert body["status"] == "answered" and body["faq_id"] == "ketamine-for-migraine"
    assert "833-867-2329" in body["answer"]


def test_two_workers_record_every_handoff_once(server) -> None:
    questions = [f"do you take insurance plan number {i}" for i in range(12)]
    for q in questions:
        status, body = post(server.url + "/api/ask", {"question": q})
        assert status == 200 and body["status"] == "unmatched"
    with sqlite3.connect(server.db) as conn:
        rows = conn.execute("SELECT question FROM handoffs ORDER BY id").fetchall()
    assert [r[0] for r in rows] == questions
    assert len(server.worker_pids()) == 2


def test_bad_input_is_json_not_500(server) -> None:
    status, body = post(server.url + "/api/ask", {"question": ""})
    assert status == 400 and body["error"]["code"] == "empty_question"
    status, raw = server.get("/api/does-not-exist")
    assert status == 404 and json.loads(raw)["error"]["code"] == "not_found"


def test_healthz(server) -> None:
    status, raw = server.get("/healthz")
    body = json.loads(raw)
    assert status == 200 and body["status"] == "ok" and body["faq_entries"] >= 21
