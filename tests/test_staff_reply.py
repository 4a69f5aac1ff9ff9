"""Staff answer the patient from the item page, in the patient's channel: a
text through the real twilio REST client (against a local fake of Twilio's
Messages endpoint) with its signed delivery-status callbacks, the chat widget's
reply endpoint, email through a real SMTP server (aiosmtpd), a call back."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from faqbot import audit, replies
from faqbot.storage import sms_optouts, staff_replies, utcnow

from .conftest import make_settings
from .notifykit import SmtpServer, make_certificate
from .staffkit import STAFF_EMAIL, csrf_token, post_form
from .twiliokit import AUTH_TOKEN, CLINIC_NUMBER, FakeTwilio, twilio_settings

PATIENT = "+13105550142"
PUBLIC = "https://bot.example"


@pytest.fixture
def fake_twilio():
    fake = FakeTwilio().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def smtp(tmp_path_factory):
    cert, key = make_certificate(tmp_path_factory.mktemp("cert"))
    server = SmtpServer(cert, key).start()
    yield server
    server.stop()


@pytest.fixture
def staff_settings(tmp_path, db_url, faq_path, fake_twilio, smtp):
    return make_settings(
        tmp_path,
        database_url=db_url,
        faq_path=faq_path,
        public_url=PUBLIC,
        smtp_url=smtp.url(),
        mail_from="care@clinic.example",
        **twilio_settings(fake_twilio),
    )


def _sms_item(app, text: str = "do you take blue cross insurance") -> int:
    reply = app.extensions["faqbot"].assistant.ask(text, "sms", contact=PATIENT)
    return reply.handoff_id


def _web_item(app, session_id: str, text: str = "can my husband drive me home"):
    return app.extensions["faqbot"].assistant.ask(text, "web", session_id=session_id)


def _signed_status(client, sid: str, status: str, **extra: str):
    params = {"MessageSid": sid, "MessageStatus": status, **extra}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(
        PUBLIC + "/sms/status", params
    )
    return client.post(
        "/sms/status", data=params, headers={"X-Twilio-Signature": signature}
    )


def test_an_sms_reply_goes_out_through_twilio_and_shows_its_delivery(
    staff_client, staff_app, staff_store, fake_twilio
) -> None:
    item = _sms_item(staff_app)
    page = f"/staff/item/{item}"
    form = staff_client.get(page).text
    assert "by text from the clinic&#39;s number" in form or "by text from" in form
    assert 'id="segments"' in form  # the live counter's place
    resp = post_form(
        staff_client,
        page,
        page + "/reply",
        body="Yes, we take Blue Cross PPO. Call us to book: 310-555-0000.",
    )
    assert resp.status_code == 302
    # The real twilio client posted to Twilio's Messages API, from the clinic.
    [sent] = fake_twilio.sent
    assert sent["To"] == PATIENT and sent["From"] == CLINIC_NUMBER
    assert sent["Body"].startswith("Yes, we take Blue Cross PPO")
    assert sent["StatusCallback"] == PUBLIC + "/sms/status"
    shown = staff_client.get(resp.headers["Location"]).text
    assert "Reply sent (by text: queued)" in shown
    assert "Yes, we take Blue Cross PPO" in shown and STAFF_EMAIL in shown
    # Twilio's signed callbacks move the status on; an unsigned one is refused.
    forged = staff_client.post(
        "/sms/status", data={"MessageSid": sent["sid"], "MessageStatus": "failed"}
    )
    assert forged.status_code == 403
    assert _signed_status(staff_client, sent["sid"], "delivered").status_code == 204
    # A late "sent" does not undo "delivered" (callbacks arrive out of order).
    _signed_status(staff_client, sent["sid"], "sent")
    shown = staff_client.get(page).text
    assert re.search(r'class="status">delivered<', shown)
    rows, _ = audit.entries(staff_store, action="reply")
    assert [(r.actor, r.target, r.detail) for r in rows] == [
        (STAFF_EMAIL, f"handoff:{item}", "sms")
    ]
    assert PATIENT not in (rows[0].detail or "")


def test_a_failed_delivery_is_shown_with_twilios_error(
    staff_client, staff_app, fake_twilio
) -> None:
    item = _sms_item(staff_app)
    page = f"/staff/item/{item}"
    post_form(staff_client, page, page + "/reply", body="We tried to reach you.")
    sid = fake_twilio.sent[0]["sid"]
    _signed_status(staff_client, sid, "undelivered", ErrorCode="30005")
    shown = staff_client.get(page).text
    assert "undelivered" in shown and "Twilio error 30005" in shown


def test_no_text_goes_to_a_number_that_opted_out(
    staff_client, staff_app, staff_store, fake_twilio
) -> None:
    item = _sms_item(staff_app)
    with staff_store.begin() as conn:
        conn.execute(sms_optouts.insert().values(phone=PATIENT, created_at=utcnow()))
    page = f"/staff/item/{item}"
    resp = post_form(staff_client, page, page + "/reply", body="Are you still there?")
    assert resp.status_code == 400
    assert "texted STOP" in resp.text
    assert "Are you still there?" in resp.text  # what was typed is kept
    assert fake_twilio.sent == []


def test_twilios_refusal_is_explained_and_the_text_kept(
    staff_client, staff_app, fake_twilio
) -> None:
    fake_twilio.error = (400, 21211, "The 'To' number is not a valid phone number.")
    item = _sms_item(staff_app)
    page = f"/staff/item/{item}"
    resp = post_form(staff_client, page, page + "/reply", body="Hello from the clinic")
    assert resp.status_code == 400
    assert "not a valid phone number" in resp.text and "21211" in resp.text
    assert "Hello from the clinic" in resp.text


def test_twilio_unreachable_is_a_plain_message(staff_client, staff_app) -> None:
    staff_app.extensions[
        "faqbot.sms_gateway"
    ].client.http_client.base_url = (
        "http://127.0.0.1:9"  # nothing listens on the discard port
    )
    item = _sms_item(staff_app)
    page = f"/staff/item/{item}"
    resp = post_form(staff_client, page, page + "/reply", body="Hello")
    assert resp.status_code == 400 and "could not be reached" in resp.text


def test_the_segment_count_is_shown_for_texts() -> None:
    assert replies.segments("x" * 160) == 1
    assert replies.segments("x" * 161) == 2
    assert replies.segments("café ☕") == 1  # UCS-2: 70 characters per text
    assert replies.segments("☕" * 71) == 2


def test_a_web_reply_reaches_only_its_own_chat_session(
    staff_client, staff_app, staff_store, client_factory
) -> None:
    session_id = str(uuid.uuid4())
    asked = _web_item(staff_app, session_id)
    page = f"/staff/item/{asked.handoff_id}"
    assert "to their chat" in staff_client.get(page).text
    post_form(staff_client, page, page + "/reply", body="Yes, a driver is needed.")
    patient = client_factory()
    got = patient.post("/api/replies", json={"session_id": session_id})
    assert got.status_code == 200
    [reply] = got.get_json()["replies"]
    assert reply["text"] == "Yes, a driver is needed."
    # Polling again from the newest id returns nothing new.
    again = patient.post(
        "/api/replies", json={"session_id": session_id, "after": reply["id"]}
    )
    assert again.get_json() == {"replies": []}
    # Another session, a guessable id or a missing one: nothing.
    other = patient.post("/api/replies", json={"session_id": str(uuid.uuid4())})
    assert other.get_json() == {"replies": []}
    short = patient.post("/api/replies", json={"session_id": "s1"})
    assert short.status_code == 400
    assert short.get_json()["error"]["code"] == "invalid_session_id"
    # Staff see that the chat received it.
    assert re.search(r'class="status">shown<', staff_client.get(page).text)


def test_a_guessable_session_gets_no_reply_box(staff_client, staff_app) -> None:
    asked = _web_item(staff_app, "s1")
    text = staff_client.get(f"/staff/item/{asked.handoff_id}").text
    assert "Send reply" not in text
    assert "cannot be written to from here" in text


def test_a_web_patient_who_left_an_email_also_gets_it_by_email(
    staff_client, staff_app, smtp
) -> None:
    session_id = str(uuid.uuid4())
    asked = _web_item(staff_app, session_id, "is there wifi in the office")
    assert asked.handoff_id
    staff_client.post(
        "/api/handoff",
        json={
            "session_id": session_id,
            "contact": "pat.doe@example.com",
            "name": "Pat",
            "consent": True,
        },
    )
    before = len(smtp.messages)
    page = f"/staff/item/{asked.handoff_id}"
    resp = post_form(
        staff_client, page, page + "/reply", body="Yes, until 7 pm on Thursdays."
    )
    assert resp.status_code == 302
    mails = smtp.messages[before:]
    assert [m["To"] for m in mails] == ["pat.doe@example.com"]
    assert mails[0]["From"] == "care@clinic.example"
    assert "Yes, until 7 pm on Thursdays." in mails[0].get_payload()
    shown = staff_client.get(page).text
    assert "by email" in shown and "in the chat" in shown


def test_a_call_back_is_recorded_with_its_outcome(
    staff_client, staff_app, staff_store
) -> None:
    item = _sms_item(staff_app, "i need to talk to someone about my dose")
    page = f"/staff/item/{item}"
    assert "I called them back" in staff_client.get(page).text
    # The number to tap appears once the contact is revealed.
    revealed = post_form(staff_client, page, page + "/reveal")
    assert (
        f'href="tel:{PATIENT}"' in staff_client.get(revealed.headers["Location"]).text
    )
    post_form(staff_client, page, page + "/called", outcome="booked a consult Friday")
    shown = staff_client.get(page).text
    assert "phone call" in shown and "booked a consult Friday" in shown
    assert "called back" in shown  # in the history too
    rows, _ = audit.entries(staff_store, action="called_back")
    assert len(rows) == 1
    with staff_store.engine.connect() as conn:
        row = conn.execute(select(staff_replies)).one()
    assert (row.channel, row.status, row.actor) == ("phone", "called", STAFF_EMAIL)


@pytest.fixture
def client_factory(staff_app):
    return staff_app.test_client


def test_the_reply_form_needs_a_login(anon, staff_app) -> None:
    item = _sms_item(staff_app)
    token = csrf_token(anon.get("/staff/login").text)
    resp = anon.post(
        f"/staff/item/{item}/reply", data={"csrf_token": token, "body": "hi"}
    )
    assert resp.status_code == 302 and "/staff/login" in resp.headers["Location"]


def test_reply_templates_are_kept_by_staff_and_start_a_reply(
    staff_client, staff_app, staff_store
) -> None:
    resp = post_form(
        staff_client,
        "/staff/templates",
        "/staff/templates",
        title="Insurance",
        body="We take most PPO plans. Call us to check yours.",
    )
    assert resp.status_code == 302
    item = _sms_item(staff_app)
    page = staff_client.get(f"/staff/item/{item}").text
    link = re.search(r'href="([^"]*template=\d+[^"]*)">Insurance<', page).group(1)
    started = staff_client.get(link.replace("&amp;", "&")).text
    assert re.search(r'id="body"[^>]*>\s*We take most PPO plans', started)
    [t] = replies.templates(staff_store)
    post_form(staff_client, "/staff/templates", f"/staff/templates/{t.id}/remove")
    assert replies.templates(staff_store) == []
    actions = {r.action for r in audit.entries(staff_store)[0]}
    assert {"template_add", "template_remove"} <= actions


def test_purging_an_item_takes_its_replies_and_history_with_it(
    staff_client, staff_app, staff_store
) -> None:
    from datetime import timedelta

    from faqbot import review
    from faqbot.retention import purge
    from faqbot.storage import handoff_notes

    item = _sms_item(staff_app)
    page = f"/staff/item/{item}"
    post_form(staff_client, page, page + "/reply", body="We take Blue Cross.")
    post_form(staff_client, page, page + "/called", outcome="booked")
    review.resolve(staff_store, item, STAFF_EMAIL, "done")
    assert purge(staff_store, 1, now=utcnow() + timedelta(days=2)).items == 1
    assert staff_store.count(staff_replies) == 0
    assert staff_store.count(handoff_notes) == 0


def test_texts_can_go_through_a_messaging_service(tmp_path, db_url, fake_twilio):
    from faqbot import accounts
    from faqbot.app import create_app

    from .staffkit import PASSWORD, login

    settings = make_settings(
        tmp_path,
        database_url=db_url,
        **twilio_settings(
            fake_twilio, twilio_from="", twilio_messaging_service_sid="MG" + "1" * 32
        ),
    )
    app = create_app(settings)
    app.config["TESTING"] = True
    accounts.add(app.extensions["faqbot"].store, STAFF_EMAIL, PASSWORD)
    client = app.test_client()
    login(client)
    item = _sms_item(app)
    page = f"/staff/item/{item}"
    post_form(client, page, page + "/reply", body="Hello from the clinic")
    [sent] = fake_twilio.sent
    assert sent["MessagingServiceSid"] == "MG" + "1" * 32 and "From" not in sent
    # Without FAQBOT_PUBLIC_URL no status callback is asked for.
    assert "StatusCallback" not in sent
    app.extensions["faqbot"].store.dispose()


@pytest.mark.parametrize("after", [-1, 2**31, 10**30, "3", True, 1.5])
def test_the_reply_endpoint_refuses_a_bad_after(client_factory, after) -> None:
    resp = client_factory().post(
        "/api/replies", json={"session_id": str(uuid.uuid4()), "after": after}
    )
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == "invalid_after"


_LOADED_AFTER_CREATE_APP = """
import sys
from pathlib import Path
from tests.conftest import make_settings
from faqbot.app import create_app
tmp = Path(sys.argv[1])
sending = dict(
    twilio_account_sid="AC" + "0" * 32,
    twilio_auth_token="token",
    twilio_from="+13105550000",
)
create_app(make_settings(tmp, **(sending if sys.argv[2] == "sends" else {})))
print(",".join(m for m in ("twilio.rest", "requests") if m in sys.modules))
"""


@pytest.mark.parametrize("sends", ["sends", "does not send"])
def test_twilios_rest_client_is_loaded_only_by_an_app_that_sends_texts(
    tmp_path, sends
) -> None:
    # 5 MB a process less without it; with it, loaded while the app is built,
    # so gunicorn's workers forked from the preloaded app share it.
    import subprocess
    import sys

    from .servers import ROOT

    out = subprocess.run(
        [sys.executable, "-c", _LOADED_AFTER_CREATE_APP, str(tmp_path), sends],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    loaded = "twilio.rest,requests" if sends == "sends" else ""
    assert out.stdout.strip() == loaded
