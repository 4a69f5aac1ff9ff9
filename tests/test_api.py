"""POST /api/ask, GET /api/faq, GET /healthz: the shape and every bad input."""

from __future__ import annotations

import json

import pytest

from faqbot.storage import asks, handoffs

from .conftest import REPLY_KEYS

PHONE = {"display": "833-867-2329", "tel": "+18338672329"}


def ask(client, question, **extra):
    return client.post("/api/ask", json={"question": question, **extra})


def test_answers_the_canonical_question_with_the_phone(client) -> None:
    resp = ask(client, "can ketamine help my migraines?")
    assert resp.status_code == 200
    body = resp.get_json()
    assert set(body) == REPLY_KEYS
    assert body["status"] == "answered"
    assert body["faq_id"] == "ketamine-for-migraine"
    assert body["question"] == "Can ketamine help my migraines?"
    assert 0 < body["score"] <= 1
    assert body["suggestions"] == []
    assert body["phone"] == PHONE
    assert "833-867-2329" in body["answer"]
    assert "2017" in body["answer"]  # the study the article cites


def test_typos_and_shorthand_still_find_the_answer(client) -> None:
    body = ask(client, "ketamin 4 migranes??").get_json()
    assert body["status"] == "answered"
    assert body["faq_id"] == "ketamine-for-migraine"


@pytest.mark.parametrize(
    "question",
    [
        "how much does a ketamine infusion cost?",
        "does insurance cover ketamine for migraines",
        "is it safe to have ketamine while pregnant",
        "what dose of ketamine do you use for migraine",
        "where do i park at the santa monica office",
    ],
)
def test_uncovered_questions_go_to_staff(client, store, question: str) -> None:
    body = ask(client, question).get_json()
    assert body["status"] == "unmatched"
    assert body["faq_id"] is None
    assert "833-867-2329" in body["answer"]
    assert "care team" in body["answer"]
    assert store.count(handoffs) == 1


def test_crisis_comes_first_and_is_urgent(client, store) -> None:
    body = ask(
        client, "can ketamine help my migraines? i want to kill myself"
    ).get_json()
    assert body["status"] == "crisis"
    assert "988" in body["answer"] and "911" in body["answer"]
    item = store.handoff(1)
    assert item["urgent"] is True and item["status"] == "open"


def test_smalltalk(client, store) -> None:
    body = ask(client, "hi there!").get_json()
    assert body["status"] == "smalltalk"
    assert "833-867-2329" in body["answer"]
    assert store.count(handoffs) == 0


def test_clarify_offers_suggestions_and_a_pick_answers(tmp_path) -> None:
    from faqbot.app import create_app
    from faqbot.storage import asks

    from .conftest import QUESTIONS_PATH, make_settings

    faq = QUESTIONS_PATH.parent / "clarify_faq.yaml"
    app = create_app(make_settings(tmp_path, faq_path=str(faq)))
    client = app.test_client()
    body = ask(client, "how long infusion", session_id="s1").get_json()
    assert body["status"] == "clarify"
    assert body["faq_id"] is None
    ids = [s["faq_id"] for s in body["suggestions"]]
    assert sorted(ids) == ["course-length", "relief-duration"]
    assert all(s["question"] for s in body["suggestions"])
    picked = client.post("/api/ask", json={"faq_id": ids[1], "session_id": "s1"})
    picked = picked.get_json()
    assert picked["status"] == "answered" and picked["faq_id"] == ids[1]
    assert picked["suggestions"] == []
    store = app.extensions["faqbot"].store
    with store.engine.connect() as conn:
        kinds = [(r.kind, r.status) for r in conn.execute(asks.select())]
    assert kinds == [("question", "clarify"), ("pick", "answered")]


def test_every_ask_is_recorded_with_its_session(client, store) -> None:
    ask(client, "where are you located", session_id="abc-123")
    with store.engine.connect() as conn:
        row = conn.execute(asks.select()).one()
    assert row.session_id == "abc-123"
    assert row.channel == "web"
    assert row.status == "answered" and row.faq_id == "clinic-locations"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "missing_question"),
        ({"question": ""}, "empty_question"),
        ({"question": "   \n\t "}, "empty_question"),
        ({"question": 42}, "invalid_question"),
        ({"question": None}, "invalid_question"),
        ({"question": ["a"]}, "invalid_question"),
        ({"question": "x" * 1001}, "question_too_long"),
        ({"question": "hi", "session_id": "no spaces allowed"}, "invalid_session_id"),
        ({"question": "hi", "session_id": 7}, "invalid_session_id"),
        ({"faq_id": "no-such-entry"}, "unknown_faq_id"),
    ],
)
def test_bad_questions_get_400_with_the_error_shape(client, store, body, code) -> None:
    resp = client.post("/api/ask", json=body)
    assert resp.status_code == 400
    assert resp.get_json() == {
        "error": {"code": code, "message": resp.get_json()["error"]["message"]}
    }
    assert resp.get_json()["error"]["message"]
    assert store.count(asks) == 0


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"{not json", "invalid_json"),
        (b"[1, 2]", "invalid_json"),
        (b'"just a string"', "invalid_json"),
        (b'{"question": "a", "question": "b"}', "invalid_json"),
        (b"\xff\xfe{}", "invalid_json"),
        (b"[" * 100000 + b"]" * 100000, None),
    ],
)
def test_malformed_json_is_400(client, data: bytes, code) -> None:
    resp = client.post("/api/ask", data=data, content_type="application/json")
    assert resp.status_code in (400, 413)
    assert "error" in resp.get_json()
    if code:
        assert resp.get_json()["error"]["code"] == code


def test_question_limit_is_configurable(tmp_path) -> None:
    from faqbot.app import create_app

    from .conftest import make_settings

    app = create_app(make_settings(tmp_path, max_question_chars=20))
    resp = app.test_client().post("/api/ask", json={"question": "x" * 21})
    assert resp.get_json()["error"]["code"] == "question_too_long"


def test_non_json_body_is_415(client) -> None:
    resp = client.post(
        "/api/ask", data="question=hi", content_type="application/x-www-form-urlencoded"
    )
    assert resp.status_code == 415
    assert resp.get_json()["error"]["code"] == "unsupported_media_type"


def test_huge_body_is_413(client) -> None:
    resp = client.post(
        "/api/ask",
        data=json.dumps({"question": "x" * 20000}),
        content_type="application/json",
    )
    assert resp.status_code == 413
    assert resp.get_json()["error"]["code"] == "body_too_large"


def test_unknown_api_route_and_wrong_method_are_json(client) -> None:
    resp = client.get("/api/nothing-here")
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == "not_found"
    resp = client.get("/api/ask")
    assert (
        resp.status_code == 405
        and resp.get_json()["error"]["code"] == "method_not_allowed"
    )


def test_control_characters_and_lone_surrogates_do_not_break_storage(
    client, store
) -> None:
    raw = b'{"question": "where are you\\u0000 located \\ud800?"}'
    resp = client.post("/api/ask", data=raw, content_type="application/json")
    assert resp.status_code == 200
    assert store.count(asks) == 1


def test_faq_lists_every_entry(client, app) -> None:
    body = client.get("/api/faq").get_json()
    faq = app.extensions["faqbot"].assistant.faq
    assert [e["id"] for e in body["entries"]] == [e.id for e in faq.entries]
    assert all(set(e) == {"id", "question", "answer"} for e in body["entries"])
    assert body["phone"] == PHONE
    assert body["greeting"] and body["suggested"]


def test_healthz_reports_entries_and_database(client, app) -> None:
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["faq_entries"] == len(app.extensions["faqbot"].assistant.faq.entries)
