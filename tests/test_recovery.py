"""Back from a database outage, in one process: the spool imports itself once
the database answers, never twice, keeps what it cannot read for a person,
and /healthz says degraded while anything waits. An SMS clarification whose
numbered choice cannot be stored goes to staff instead."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from sqlalchemy import select

from faqbot.app import create_app
from faqbot.ask import Assistant
from faqbot.spool import Spool
from faqbot.storage import AskRecord, Store, asks, handoffs
from faqbot.textmsg import Inbound, SmsResponder

from .conftest import make_settings
from .servers import ROOT
from .texting import new_sid

CLARIFY_FAQ = str(ROOT / "tests" / "data" / "clarify_faq.yaml")
PATIENT = "+15550400001"


class Outage:
    """The database's directory swapped for a plain file, and back."""

    def __init__(self, tmp: Path) -> None:
        self.dir = tmp / "db"
        self.dir.mkdir()
        self.url = f"sqlite:///{self.dir / 'faqbot.sqlite3'}"

    def begin(self) -> None:
        os.rename(self.dir, self.dir.with_name("db.away"))
        self.dir.write_text("")

    def end(self) -> None:
        self.dir.unlink()
        os.rename(self.dir.with_name("db.away"), self.dir)


def questions(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.scalars(select(handoffs.c.question).order_by(handoffs.c.id)))


def wait_for(condition, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_the_importer_brings_the_spool_home_once_the_database_is_back(tmp_path):
    outage = Outage(tmp_path)
    settings = make_settings(
        tmp_path, database_url=outage.url, spool_replay_seconds=0.05
    )
    store = Store(settings.sqlalchemy_url)
    store.init_db()
    bot = Assistant(settings, store)
    assert bot.importer._thread is None  # nothing waits: no thread
    outage.begin()
    reply = bot.ask("how much does it cost", "web", session_id="s1")
    assert reply.status == "unmatched" and not reply.stored
    assert bot.importer._thread.is_alive()
    time.sleep(0.3)  # it keeps trying while the database is away
    assert bot.spool.count() == 1

    outage.end()  # no further ask: the importer alone imports it
    assert wait_for(lambda: not bot.spool.pending())
    assert questions(store) == ["how much does it cost"]
    assert wait_for(lambda: not bot.importer._thread)  # and then stops
    store.dispose()


def test_a_replay_that_is_repeated_imports_nothing_twice(tmp_path):
    settings = make_settings(tmp_path)
    store = Store(settings.sqlalchemy_url)
    store.init_db()
    spool = Spool(settings.spool_path)
    for i in range(3):
        spool.append(AskRecord("web", f"question {i}", "unmatched"))
    copy = tmp_path / "copy.jsonl"
    shutil.copy(spool.path, copy)
    assert spool.replay(store) == 3
    # A crash after importing but before emptying the file: the same lines again.
    shutil.copy(copy, spool.path)
    spool.replay(store)
    assert questions(store) == ["question 0", "question 1", "question 2"]
    assert store.count(asks) == 3 and not spool.pending()
    store.dispose()


def test_lines_that_cannot_be_read_are_set_aside_not_dropped(tmp_path):
    settings = make_settings(tmp_path)
    store = Store(settings.sqlalchemy_url)
    store.init_db()
    spool = Spool(settings.spool_path)
    spool.append(AskRecord("web", "before", "unmatched"))
    with open(spool.path, "a") as fh:
        fh.write("{not json\n")
        fh.write(json.dumps({"channel": "web", "unknown_field": 1}) + "\n")
    spool.append(AskRecord("sms", "after", "crisis", contact=PATIENT))
    assert spool.count() == 4

    assert spool.replay(store) == 2
    assert questions(store) == ["before", "after"]
    assert not spool.pending()  # the spool is empty, so /healthz is ok again
    # Each set-aside line is kept whole, dated so that `faqbot purge` can erase it.
    kept = [json.loads(k)["line"] for k in spool.rejected_path.read_text().splitlines()]
    assert kept[0] == "{not json" and "unknown_field" in kept[1]
    store.dispose()


def test_healthz_is_degraded_while_records_wait(tmp_path):
    outage = Outage(tmp_path)
    app = create_app(make_settings(tmp_path, database_url=outage.url))
    client = app.test_client()
    assert client.get("/healthz").get_json()["status"] == "ok"

    outage.begin()
    resp = client.post("/api/ask", json={"question": "how much does it cost"})
    assert resp.status_code == 200
    body = client.get("/healthz").get_json()
    assert body["status"] == "degraded" and body["database"] == "unavailable"
    assert body["spooled_records"] == 1

    outage.end()
    body = client.get("/healthz").get_json()  # imports what waited
    assert body == {**body, "status": "ok", "database": "ok", "spooled_records": 0}
    assert questions(app.extensions["faqbot"].store) == ["how much does it cost"]
    app.extensions["faqbot"].store.dispose()


def test_a_clarify_that_cannot_be_stored_goes_to_staff(tmp_path):
    outage = Outage(tmp_path)
    settings = make_settings(tmp_path, database_url=outage.url, faq_path=CLARIFY_FAQ)
    store = Store(settings.sqlalchemy_url)
    store.init_db()
    responder = SmsResponder(Assistant(settings, store), store, settings)

    outage.begin()
    sid = new_sid()
    out = responder.handle(Inbound(sid, PATIENT, "how long infusion"))
    # No "Did you mean 1) 2)": a "2" could not be understood without the choice.
    assert out.kind == "clarify-handoff"
    assert "care team" in out.text and "833-867-2329" in out.text

    outage.end()
    assert responder.assistant.spool.replay(store) == 2  # the ask and its item
    item = store.handoff(1)
    assert (item["question"], item["contact"], item["channel"]) == (
        "how long infusion",
        PATIENT,
        "sms",
    )
    assert [c["faq_id"] for c in item["candidates"]]  # staff see what was close
    store.dispose()
