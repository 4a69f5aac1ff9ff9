"""Contact requests: validating the widget's form, and POST /api/handoff."""

from __future__ import annotations

import pytest

from faqbot.contact import (
    NO_QUESTION,
    ContactError,
    parse_contact,
    request_contact,
)
from faqbot.storage import AskRecord, Store, handoffs, outbox


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        ("310-555-0123", "phone", "+13105550123"),
        ("(310) 555-0123", "phone", "+13105550123"),
        ("310.555.0123", "phone", "+13105550123"),
        ("1 310 555 0123", "phone", "+13105550123"),
        ("+1 (310) 555-0123", "phone", "+13105550123"),
        ("+44 20 7946 0958", "phone", "+442079460958"),
        ("  jane.doe@Example.COM ", "email", "jane.doe@example.com"),
        ("Jane+chat@mail.example.org", "email", "Jane+chat@mail.example.org"),
        ("pat@bücher.example", "email", "pat@bücher.example"),
    ],
)
def test_valid_contacts_are_normalised(raw: str, kind: str, value: str) -> None:
    contact = parse_contact(raw, "  Jane   Doe ", True)
    assert (contact.kind, contact.value, contact.name) == (kind, value, "Jane Doe")


@pytest.mark.parametrize(
    ("contact", "name", "consent", "code"),
    [
        ("310-555-0123", None, False, "consent_required"),
        ("310-555-0123", None, None, "consent_required"),
        ("310-555-0123", None, "yes", "consent_required"),
        (None, None, True, "missing_contact"),
        ("   ", None, True, "missing_contact"),
        (3105550123, None, True, "invalid_contact"),
        ("555-0123", None, True, "invalid_contact"),
        ("123-456-7890", None, True, "invalid_contact"),  # no area code starts with 1
        ("310-555-0123 ext 4", None, True, "invalid_contact"),
        ("+12", None, True, "invalid_contact"),
        ("call me maybe", None, True, "invalid_contact"),
        ("jane@", None, True, "invalid_contact"),
        ("jane@localhost", None, True, "invalid_contact"),
        ("jane doe@example.com", None, True, "invalid_contact"),
        ("jane@exa_mple.com", None, True, "invalid_contact"),
        ("jane@-example.com", None, True, "invalid_contact"),
        ("jane@example.c", None, True, "invalid_contact"),
        ("j" * 65 + "@example.com", None, True, "invalid_contact"),
        ("jane@" + "a" * 250 + ".com", None, True, "invalid_contact"),
        ("310-555-0123", 42, True, "invalid_name"),
        ("310-555-0123", "x" * 101, True, "name_too_long"),
    ],
)
def test_bad_contacts_say_what_is_wrong(contact, name, consent, code: str) -> None:
    with pytest.raises(ContactError) as info:
        parse_contact(contact, name, consent)
    assert info.value.code == code
    assert info.value.message


def test_blank_name_is_none() -> None:
    assert parse_contact("310-555-0123", "  ", True).name is None


def _ask(
    store: Store, session: str, text: str, status: str = "unmatched"
) -> int | None:
    return store.record_ask(
        AskRecord(channel="web", text=text, status=status, session_id=session)
    ).handoff_id


def test_contact_goes_on_the_newest_open_item_of_the_session(db_url: str) -> None:
    store = Store(db_url)
    store.init_db()
    first = _ask(store, "s1", "how much does it cost")
    second = _ask(store, "s1", "does insurance cover it")
    other = _ask(store, "s2", "parking?")
    result = request_contact(store, "s1", parse_contact("310-555-0123", "Jo", True))
    assert result.handoff_id == second and not result.created
    assert store.handoff(second)["contact"] == "+13105550123"
    assert store.handoff(second)["contact_name"] == "Jo"
    assert store.handoff(first)["contact"] is None
    assert store.handoff(other)["contact"] is None
    assert store.count(handoffs) == 3
    store.dispose()


def test_without_an_open_item_a_new_one_carries_the_latest_question(
    db_url: str,
) -> None:
    store = Store(db_url)
    store.init_db()
    _ask(store, "s1", "where are you located", status="answered")
    result = request_contact(store, "s1", parse_contact("jo@example.com", None, True))
    assert result.created
    item = store.handoff(result.handoff_id)
    assert item["question"] == "where are you located"
    assert item["contact"] == "jo@example.com"
    assert item["status"] == "open" and item["urgent"] is False
    assert item["channel"] == "web" and item["session_id"] == "s1"
    # Staff are notified of it like any other new item.
    assert store.count(outbox) == 1

    contact = parse_contact("jo@example.com", None, True)
    fresh = request_contact(store, "never-asked", contact)
    assert store.handoff(fresh.handoff_id)["question"] == NO_QUESTION
    store.dispose()


# --- POST /api/handoff ---------------------------------------------------------


def test_handoff_attaches_the_contact_to_the_unanswered_question(client, store) -> None:
    asked = client.post(
        "/api/ask", json={"question": "how much does it cost", "session_id": "w1"}
    ).get_json()
    assert asked["status"] == "unmatched"
    resp = client.post(
        "/api/handoff",
        json={
            "session_id": "w1",
            "name": "Pat Lee",
            "contact": "(310) 555-0123",
            "consent": True,
        },
    )
    assert resp.status_code == 200
    assert resp.get_json() == {
        "status": "received",
        "contact": {"kind": "phone", "value": "+13105550123"},
    }
    item = store.handoff(1)
    assert item["question"] == "how much does it cost"
    assert (item["contact"], item["contact_name"]) == ("+13105550123", "Pat Lee")
    assert store.count(handoffs) == 1


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"contact": "310-555-0123", "consent": True}, "missing_session_id"),
        (
            {"session_id": "bad id!", "contact": "310-555-0123", "consent": True},
            "invalid_session_id",
        ),
        ({"session_id": "w1", "contact": "310-555-0123"}, "consent_required"),
        ({"session_id": "w1", "consent": True}, "missing_contact"),
        ({"session_id": "w1", "contact": "not a number", "consent": True}, None),
        ({"session_id": "w1", "contact": ["x"], "consent": True}, "invalid_contact"),
        (
            {"session_id": "w1", "contact": "a@b.co", "consent": True, "name": 1},
            "invalid_name",
        ),
    ],
)
def test_bad_handoff_requests_get_400_and_store_nothing(
    client, store, body, code
) -> None:
    client.post(
        "/api/ask", json={"question": "how much does it cost", "session_id": "w1"}
    )
    resp = client.post("/api/handoff", json=body)
    assert resp.status_code == 400
    error = resp.get_json()["error"]
    assert error["code"] == (code or "invalid_contact")
    assert error["message"]
    assert store.handoff(1)["contact"] is None


def test_handoff_needs_json(client) -> None:
    resp = client.post("/api/handoff", data="contact=1", content_type="text/plain")
    assert resp.status_code == 415
    assert resp.get_json()["error"]["code"] == "unsupported_media_type"


def test_handoff_when_the_database_is_down_is_a_clear_503(tmp_path) -> None:
    from faqbot.app import create_app

    from .conftest import make_settings
    from .servers import free_port

    down = f"postgresql://postgres@127.0.0.1:{free_port()}/nothing"
    app = create_app(make_settings(tmp_path, database_url=down))
    resp = app.test_client().post(
        "/api/handoff",
        json={"session_id": "w1", "contact": "310-555-0123", "consent": True},
    )
    assert resp.status_code == 503
    error = resp.get_json()["error"]
    assert error["code"] == "unavailable" and "call us" in error["message"]
