"""Risk levels through the pipeline, the API, the staff queue and the database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, select

from faqbot.review import Filters, queue
from faqbot.storage import AskRecord, Store, handoffs, outbox

LINE = "In an emergency call 911. For thoughts of suicide, call or text 988."


def ask(client, question: str, **extra):
    resp = client.post("/api/ask", json={"question": question, **extra})
    assert resp.status_code == 200
    return resp.get_json()


def test_an_ordinary_answer_has_no_risk_and_no_safety_line(client) -> None:
    body = ask(client, "can ketamine help my migraines?")
    assert body["status"] == "answered"
    assert body["risk"] == "none"
    assert "988" not in body["answer"]


def test_a_crisis_gets_the_crisis_reply_first(client) -> None:
    body = ask(client, "how do I book? honestly I've written my goodbye letters")
    assert body["status"] == "crisis"
    assert body["risk"] == "crisis"
    assert "988" in body["answer"] and "911" in body["answer"]


def test_a_question_about_the_topic_keeps_its_answer_and_gets_the_line(client) -> None:
    body = ask(client, "I read ketamine helps depression fast, even suicidal thoughts?")
    assert body["risk"] == "possible"
    assert body["status"] in ("answered", "clarify", "unmatched")
    assert body["answer"].rstrip().endswith(LINE)


@pytest.mark.parametrize(
    "question",
    ["how much does an infusion cost?", "do you take blue cross insurance"],
)
def test_every_handoff_ends_with_the_safety_line(client, question: str) -> None:
    body = ask(client, question)
    assert body["status"] == "unmatched"
    assert body["risk"] == "none"
    assert body["answer"].rstrip().endswith(LINE)
    assert "833-867-2329" in body["answer"]


def test_911_or_988_alone_is_a_crisis(client) -> None:
    assert ask(client, "911")["status"] == "crisis"
    assert ask(client, "988")["status"] == "crisis"


def test_a_crisis_longer_than_the_question_limit_is_still_answered(client) -> None:
    story = "My migraines have been bad for years and nothing works. " * 30
    body = ask(client, story + "I have the pills counted out on the table tonight.")
    assert body["status"] == "crisis"
    long_plain = client.post("/api/ask", json={"question": story})
    assert long_plain.status_code == 400
    assert long_plain.get_json()["error"]["code"] == "question_too_long"


def test_possible_and_crisis_items_are_urgent_and_pinned_in_order(app, client) -> None:
    ask(client, "what are your hours?")
    ask(client, "can ketamine calm suicidal thoughts in patients?")
    ask(client, "I want to die tonight")
    ask(client, "do you take medicare")
    store = app.extensions["faqbot"].store
    items = queue(store, Filters()).items
    assert [it.risk for it in items[:2]] == ["crisis", "possible"]
    assert items[0].urgent and items[1].urgent
    assert not any(it.urgent for it in items[2:])


def test_an_answered_possible_risk_reaches_staff_once(app, client) -> None:
    body = ask(client, "I'm not suicidal, just wondering what ketamine is")
    assert body["risk"] == "possible"
    store = app.extensions["faqbot"].store
    with store.engine.connect() as conn:
        rows = conn.execute(select(handoffs.c.risk, handoffs.c.urgent)).all()
    assert [(r.risk, r.urgent) for r in rows] == [("possible", True)]


def test_an_older_database_gains_the_risk_column_and_keeps_its_rows(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    store = Store(url)
    store.init_db()
    store.record_ask(AskRecord("web", "kept", "unmatched"))
    store.dispose()
    engine = create_engine(url)
    with engine.begin() as conn:  # the table as the release before this one made it
        conn.exec_driver_sql("ALTER TABLE handoffs DROP COLUMN risk")
    engine.dispose()
    store = Store(url)
    store.init_db()
    store.init_db()  # idempotent
    with store.engine.connect() as conn:
        rows = conn.execute(select(handoffs.c.question, handoffs.c.risk)).all()
    assert [(r.question, r.risk) for r in rows] == [("kept", None)]
    store.dispose()


def test_a_possible_record_written_directly_is_a_staff_item(db_url: str) -> None:
    store = Store(db_url)
    store.init_db()
    recorded = store.record_ask(
        AskRecord("web", "never been suicidal", "answered", faq_id="x", risk="possible")
    )
    assert recorded.handoff_id is not None
    item = store.handoff(recorded.handoff_id)
    assert item is not None and item["urgent"] and item["risk"] == "possible"
    store.dispose()


def test_a_contact_left_after_a_crisis_alerts_staff_again(app, client) -> None:
    ask(client, "I want to die tonight", session_id="s-crisis")
    ask(client, "how much does it cost", session_id="s-plain")
    for sid in ("s-crisis", "s-plain"):
        resp = client.post(
            "/api/handoff",
            json={"session_id": sid, "contact": "(310) 555-0100", "consent": True},
        )
        assert resp.status_code == 200
    store = app.extensions["faqbot"].store
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(handoffs.c.session_id, outbox.c.urgent).select_from(
                outbox.join(handoffs, outbox.c.handoff_id == handoffs.c.id)
            )
        ).all()
    alerts = sorted((r.session_id, r.urgent) for r in rows)
    assert alerts == [("s-crisis", True), ("s-crisis", True), ("s-plain", False)]


def test_the_urgent_alert_says_which_level_it_is(app) -> None:
    from types import SimpleNamespace

    from faqbot.notify import urgent_message

    settings = app.extensions["faqbot"].settings
    when = datetime(2026, 12, 4, 17, 19, tzinfo=UTC)
    item = SimpleNamespace(
        id=7, channel="web", created_at=when, question="q", risk="possible",
        contact="+13105550100",
    )  # fmt: skip
    subject, body = urgent_message(settings, item)
    assert "may signal risk" in subject
    assert "usual reply with the safety line" in body
    assert "left a way to reach them" in body and "555" not in body
    crisis = SimpleNamespace(**(vars(item) | {"risk": "crisis", "contact": None}))
    subject, body = urgent_message(settings, crisis)
    assert "crisis message" in subject and "988 / 911" in body
