"""The database goes away under a running gunicorn (the Procfile's command):
patients on /api/ask and /sms are still answered, /healthz says degraded, and
what they asked waits in the spool until the database is back, then reaches
staff: by itself (the workers' importer) or through `faqbot spool replay`.

SQLite is made unusable by swapping its directory for a plain file. The tests
run as root, and root ignores permission bits (chmod 000 stops nobody), while
a read-only bind mount needs CAP_SYS_ADMIN, which CI containers often lack,
and leaves already-open files writable. A path whose directory is a regular
file cannot be opened by anyone (ENOTDIR), and the app drops pooled
connections whose file is no longer at the path, so the outage is real for
every worker. PostgreSQL is a real server stopped with ``pg_ctl stop`` and
started again on the same port.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from faqbot.config import Settings
from faqbot.storage import Store, handoffs

from .conftest import FAQ_PATH
from .loadkit import Client
from .servers import Gunicorn, Postgres, pg_bindir, require
from .texting import TOKEN, reply_text

pytestmark = pytest.mark.e2e

PHONE = "833-867-2329"
ASKED = [f"how much does it cost, outage question {i}" for i in range(6)]
TEXTED = [
    ("+15550300001", "how much does it cost, outage text"),
    ("+15550300002", "i want to kill myself"),
]


class SqliteOutage:
    """SQLite in its own directory, which the test swaps for a plain file."""

    def __init__(self, tmp: Path) -> None:
        self.dir = tmp / "db"
        self.dir.mkdir()
        self.url = f"sqlite:///{self.dir / 'faqbot.sqlite3'}"

    def stop(self) -> None:
        os.rename(self.dir, self.dir.with_name("db.away"))
        self.dir.write_text("the database directory is gone\n")

    def start(self) -> None:
        self.dir.unlink()
        os.rename(self.dir.with_name("db.away"), self.dir)

    def close(self) -> None:
        pass


class PostgresOutage:
    """A PostgreSQL cluster of its own, so that stopping it disturbs no other test."""

    def __init__(self, tmp: Path) -> None:
        bindir = pg_bindir()
        require("PostgreSQL", bindir is not None)
        self.server = Postgres(bindir).init().start()
        self.url = self.server.url()

    def stop(self) -> None:
        self.server.stop("fast")

    def start(self) -> None:
        self.server.start()

    def close(self) -> None:
        self.server.destroy()


@pytest.fixture(params=["sqlite", "postgres"])
def database(request, tmp_path):
    db = (SqliteOutage if request.param == "sqlite" else PostgresOutage)(tmp_path)
    yield db
    db.close()


def start_server(db, tmp_path: Path, replay_seconds: str) -> Gunicorn:
    return Gunicorn(
        env={
            "DATABASE_URL": db.url,
            "FAQBOT_FAQ_PATH": str(FAQ_PATH),
            "FAQBOT_SECRET_KEY": "outage-" + "k" * 32,
            "FAQBOT_TWILIO_AUTH_TOKEN": TOKEN,
            "FAQBOT_SPOOL_PATH": str(tmp_path / "spool.jsonl"),
            "FAQBOT_SPOOL_REPLAY_SECONDS": replay_seconds,
            "FAQBOT_RATE_LIMIT": "off",
        },
        workers=2,
    ).start()


def health(server: Gunicorn) -> dict:
    status, raw = server.get("/healthz")
    assert status == 200  # a degraded node still serves patients
    return json.loads(raw)


def staff_items(url: str) -> dict[str, dict]:
    store = Store(Settings(database_url=url).sqlalchemy_url)
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(select(handoffs)).all()
    finally:
        store.dispose()
    counts = Counter(r.question for r in rows)
    assert set(counts.values()) <= {1}, counts  # nothing twice
    return {r.question: dict(r._mapping) for r in rows}


def patients_during_the_outage(server: Gunicorn) -> None:
    client = Client(server.url)
    for question in ASKED:
        status, body = client.ask(question, session_id="outage-session")
        assert status == 200, body
        assert body["status"] == "unmatched" and PHONE in body["answer"]
    for sender, text in TEXTED:
        status, twiml = client.text(text, sender)
        assert status == 200
        reply = reply_text(twiml)
        assert PHONE in reply
        assert ("988" in reply) if "kill" in text else ("care team" in reply)
    # The contact form cannot promise a call-back it cannot store: it says so.
    status, body = client.post_json(
        "/api/handoff",
        {"session_id": "outage-session", "contact": "310-555-0123", "consent": True},
    )
    assert status == 503 and body["error"]["code"] == "unavailable"


def faqbot(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = str(Path(sys.executable).parent / "faqbot")
    return subprocess.run(
        [exe, *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_everything_reached_staff(url: str) -> None:
    items = staff_items(url)
    assert set(ASKED) | {t for _, t in TEXTED} <= set(items)
    for question in ASKED:
        assert items[question]["session_id"] == "outage-session"
    by_text = {t: s for s, t in TEXTED}
    crisis = items["i want to kill myself"]
    assert crisis["urgent"] and crisis["contact"] == by_text["i want to kill myself"]
    cost = items[TEXTED[0][1]]
    assert not cost["urgent"] and cost["contact"] == TEXTED[0][0]


def test_patients_are_answered_and_the_spool_imports_itself(database, tmp_path):
    server = start_server(database, tmp_path, replay_seconds="0.5")
    try:
        assert health(server)["status"] == "ok"
        database.stop()
        patients_during_the_outage(server)
        state = health(server)
        assert state["status"] == "degraded" and state["database"] == "unavailable"
        assert state["spooled_records"] == len(ASKED) + len(TEXTED)

        database.start()
        # Nobody asks anything: the workers notice the database is back.
        wait_for_the_spool_to_drain(tmp_path / "spool.jsonl")
        assert_everything_reached_staff(database.url)
        state = health(server)
        assert state["status"] == "ok" and state["spooled_records"] == 0
        assert "imported" in server.log()
    finally:
        server.stop()


def wait_for_the_spool_to_drain(spool: Path, seconds: float = 30) -> None:
    """Wait (at most ``seconds``) until the workers have imported the spool;
    the assertions that follow say whether everything reached staff."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and spool.stat().st_size:
        time.sleep(0.1)


def test_faqbot_spool_replay_imports_what_waited(database, tmp_path):
    server = start_server(database, tmp_path, replay_seconds="0")
    env = {
        "DATABASE_URL": database.url,
        "FAQBOT_SPOOL_PATH": str(tmp_path / "spool.jsonl"),
    }
    try:
        database.stop()
        patients_during_the_outage(server)
        waiting = len(ASKED) + len(TEXTED)
        assert faqbot("spool", "status", env=env).stdout.startswith(
            f"{waiting} record(s) waiting"
        )
        failed = faqbot("spool", "replay", env=env)
        assert failed.returncode == 1 and "cannot reach the database" in failed.stderr

        database.start()
        assert not set(ASKED) & set(staff_items(database.url))  # still waiting
        done = faqbot("spool", "replay", env=env)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"imported {waiting} record(s); 0 waiting")
        assert_everything_reached_staff(database.url)
        again = faqbot("spool", "replay", env=env)  # safe to repeat
        assert again.stdout.startswith("imported 0 record(s); 0 waiting")
        assert health(server)["status"] == "ok"
    finally:
        server.stop()


def test_a_restart_during_the_outage_still_imports_what_waited(database, tmp_path):
    """gunicorn restarted while the database is down (its app built once in
    the master, the workers forked from it): what was spooled before the
    restart reaches staff once the database is back, with nobody asking."""
    server = start_server(database, tmp_path, replay_seconds="0.5")
    try:
        database.stop()
        patients_during_the_outage(server)
    finally:
        server.stop()
    server = start_server(database, tmp_path, replay_seconds="0.5")
    try:
        assert health(server)["spooled_records"] == len(ASKED) + len(TEXTED)
        database.start()
        wait_for_the_spool_to_drain(tmp_path / "spool.jsonl")
        assert_everything_reached_staff(database.url)
    finally:
        server.stop()
