"""POST /sms, the Twilio webhook: signed requests in, TwiML out.

Every request is signed with twilio's own ``RequestValidator`` and every
reply is parsed as TwiML, so these tests see what a patient's phone would.
"""

from __future__ import annotations

import logging
import re
import threading

import pytest
from sqlalchemy import select, update

from faqbot.app import create_app
from faqbot.config import Settings, SettingsError
from faqbot.gsm import is_gsm7, segments
from faqbot.storage import (
    Store,
    asks,
    handoffs,
    sms_messages,
    sms_optouts,
    sms_pending,
    utcnow,
)
from faqbot.textmsg import (
    HELP_WORDS,
    START_WORDS,
    STOP_WORDS,
    SmsResponder,
    clarify_text,
    fit_sms,
    fixed_texts,
)

from .conftest import make_settings
from .servers import ROOT
from .texting import PATIENT, TOKEN, new_sid, reply_text, sign, sms_form

PHONE = "833-867-2329"
SAFETY = "Emergency: call 911. Thoughts of suicide: call or text 988."
MENU_END = f"Reply 1 or 2, or 0 to reach our team. Call {PHONE}. {SAFETY}"
CLARIFY_FAQ = str(ROOT / "tests" / "data" / "clarify_faq.yaml")
URL = "http://localhost/sms"


@pytest.fixture
def settings(tmp_path) -> Settings:
    return make_settings(tmp_path, twilio_auth_token=TOKEN)


@pytest.fixture
def make_app(tmp_path):
    """Apps with settings of their own (and the Twilio token unless told otherwise)."""
    made = []

    def make(**changes):
        changes = {"twilio_auth_token": TOKEN, **changes}
        app = create_app(make_settings(tmp_path, **changes))
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["faqbot"].store.dispose()


@pytest.fixture
def clarify_app(make_app):
    return make_app(faq_path=CLARIFY_FAQ)


@pytest.fixture
def clarify_client(clarify_app):
    return clarify_app.test_client()


def text(client, body: str, sender: str = PATIENT, sid: str | None = None, **extra):
    """Text ``body`` from ``sender``; returns (response, the reply text or None)."""
    form = sms_form(body, sender, sid, **extra)
    resp = client.post(
        "/sms", data=form, headers={"X-Twilio-Signature": sign(URL, form)}
    )
    assert resp.status_code == 200, resp.data
    assert resp.mimetype == "application/xml"
    return resp, reply_text(resp.data)


def say(client, body: str, sender: str = PATIENT, **extra) -> str | None:
    return text(client, body, sender, **extra)[1]


def rows(store: Store, table) -> list:
    with store.engine.connect() as conn:
        return conn.execute(select(table)).all()


def services(app):
    return app.extensions["faqbot"]


# --- each status ----------------------------------------------------------------------


def test_answer_is_the_entry_sms_with_the_phone(client, app, store) -> None:
    entry = services(app).assistant.faq.by_id["clinic-locations"]
    resp, reply = text(client, entry.question)
    assert resp.headers["Content-Type"].startswith("application/xml")
    expected = services(app).assistant.pick(entry.id, "sms", record=False).sms
    assert reply == expected
    assert PHONE in reply and "Santa Monica" in reply
    (row,) = rows(store, asks)
    assert (row.channel, row.status, row.faq_id) == ("sms", "answered", entry.id)
    assert row.external_id.startswith("SM")
    assert store.count(handoffs) == 0


def test_every_entry_is_texted_in_gsm7_within_two_segments(client, app) -> None:
    faq = services(app).assistant.faq
    for entry in faq.entries:
        reply = say(client, entry.question)
        expected = services(app).assistant.pick(entry.id, "sms", record=False)
        assert expected is not None
        assert reply == fit_sms(expected.sms, PHONE), entry.id
        assert is_gsm7(reply), (entry.id, reply)
        assert segments(reply) <= 2, (entry.id, len(reply))
        assert PHONE in reply, entry.id


def test_unmatched_goes_to_staff_with_the_number_as_contact(client, store) -> None:
    reply = say(client, "how much does it cost", sender="+15550001111")
    assert "care team" in reply and PHONE in reply and reply.endswith(SAFETY)
    (item,) = rows(store, handoffs)
    assert item.channel == "sms"
    assert item.contact == "+15550001111"
    assert item.question == "how much does it cost"
    assert item.urgent is False and item.status == "open"


def test_crisis_is_answered_at_once_and_urgent(client, store) -> None:
    reply = say(client, "i want to kill myself", sender="+15550002222")
    assert "988" in reply and "911" in reply and PHONE in reply
    (item,) = rows(store, handoffs)
    assert item.urgent is True and item.crisis_kind
    assert item.contact == "+15550002222" and item.channel == "sms"


def test_a_possible_risk_keeps_its_answer_and_ends_with_the_safety_line(
    client, store
) -> None:
    reply = say(client, "never been suicidal, just curious: what is ketamine?")
    assert reply.startswith("Ketamine is a drug")
    assert reply.endswith("Emergency: call 911. Thoughts of suicide: call or text 988.")
    assert len(reply) <= 306
    (item,) = rows(store, handoffs)
    assert item.urgent is True and item.risk == "possible"


def test_911_texted_alone_gets_the_crisis_reply(client, store) -> None:
    reply = say(client, "911", sender="+15550002223")
    assert "988" in reply and "911" in reply
    (item,) = rows(store, handoffs)
    assert item.urgent is True and item.risk == "crisis"


def test_smalltalk_gets_its_reply_and_no_staff_item(client, app, store) -> None:
    reply = say(client, "hi")
    greeting = next(
        s for s in services(app).assistant.faq.smalltalk if s.id == "greeting"
    )
    assert reply.startswith(greeting.reply[:40])
    assert store.count(handoffs) == 0


def test_what_can_you_do_gets_the_sms_help_within_two_segments(client, app) -> None:
    reply = say(client, "what can you do")
    assert reply == fixed_texts(services(app).assistant.faq)["help"]
    assert segments(reply) <= 2


# --- clarify and the numbered choice ------------------------------------------------


def _offer(client) -> list[str]:
    """Ask the clarify question; returns the questions offered, in order."""
    reply = say(client, "how long infusion")
    assert reply.startswith("Did you mean: 1) ")
    assert reply.endswith(MENU_END)
    return re.findall(r"\d\) (.+?)(?= \d\) | Reply )", reply)


def test_clarify_then_2_answers_the_second_suggestion(clarify_client, clarify_app):
    store = services(clarify_app).store
    offered = _offer(clarify_client)
    faq = services(clarify_app).assistant.faq
    by_question = {e.question: e for e in faq.entries}
    assert set(offered) <= set(by_question)
    reply = say(clarify_client, "2")
    second = by_question[offered[1]]
    assert reply.startswith(second.sms) and PHONE in reply
    picks = [r for r in rows(store, asks) if r.kind == "pick"]
    assert [(p.faq_id, p.status, p.channel) for p in picks] == [
        (second.id, "answered", "sms")
    ]
    assert store.count(handoffs) == 0
    # The choice is used up: another "2" is not a second pick.
    assert "don't have a question waiting" in say(clarify_client, "2")


@pytest.mark.parametrize("pick", ["1", " 1 ", "1.", "1)"])
def test_choice_may_carry_spaces_or_a_dot(clarify_client, clarify_app, pick) -> None:
    offered = _offer(clarify_client)
    faq = services(clarify_app).assistant.faq
    first = next(e for e in faq.entries if e.question == offered[0])
    assert say(clarify_client, pick).startswith(first.sms)


def test_0_hands_the_original_question_to_staff_exactly_once(
    clarify_client, clarify_app
) -> None:
    store = services(clarify_app).store
    _offer(clarify_client)
    reply = say(clarify_client, "0")
    assert "care team" in reply and PHONE in reply
    (item,) = rows(store, handoffs)
    assert item.question == "how long infusion"
    assert item.contact == PATIENT and item.channel == "sms"
    assert item.urgent is False
    assert {c["faq_id"] for c in store.handoff(item.id)["candidates"]} == {
        "course-length",
        "relief-duration",
    }
    # A second 0 finds nothing waiting and creates nothing.
    assert "don't have a question waiting" in say(clarify_client, "0")
    assert store.count(handoffs) == 1


def test_a_number_not_offered_asks_again_and_keeps_the_choice(
    clarify_client, clarify_app
) -> None:
    offered = _offer(clarify_client)
    assert say(clarify_client, "3") == (
        f"There is no choice 3. Please reply 1 or 2 to choose, or 0 to reach our "
        f"team. Call {PHONE}. {SAFETY}"
    )
    faq = services(clarify_app).assistant.faq
    second = next(e for e in faq.entries if e.question == offered[1])
    assert say(clarify_client, "2").startswith(second.sms)


def test_a_new_question_replaces_the_choice(clarify_client) -> None:
    _offer(clarify_client)
    assert "Los Angeles" in say(clarify_client, "where are you located")
    assert "don't have a question waiting" in say(clarify_client, "1")


def test_the_choice_belongs_to_one_number(clarify_client) -> None:
    _offer(clarify_client)
    other = say(clarify_client, "1", sender="+15559998888")
    assert "don't have a question waiting" in other


def test_choice_expires_after_the_setting(clarify_client, clarify_app) -> None:
    store = services(clarify_app).store
    before = utcnow()
    _offer(clarify_client)
    (pending,) = rows(store, sms_pending)
    assert pending.phone == PATIENT and pending.question == "how long infusion"
    lifetime = pending.expires_at - pending.created_at
    assert lifetime.total_seconds() == 15 * 60
    assert pending.created_at >= before.replace(microsecond=0)
    # Fifteen minutes pass: move the stored expiry into the past.
    with store.begin() as conn:
        conn.execute(update(sms_pending).values(expires_at=utcnow()))
    reply = say(clarify_client, "2")
    assert reply.startswith("That menu has expired.") and PHONE in reply
    assert "reply 0" in reply and reply.endswith(SAFETY)
    assert not [r for r in rows(store, asks) if r.kind == "pick"]
    # "0" still means "send it to staff", after the menu expired too.
    reply = say(clarify_client, "0")
    assert "care team" in reply and reply.endswith(SAFETY)
    (item,) = rows(store, handoffs)
    assert item.question == "how long infusion" and item.contact == PATIENT
    assert store.count(sms_pending) == 0


def test_an_unknown_keyword_handler_stops_start_up(make_app) -> None:
    with pytest.raises(SettingsError, match="FAQBOT_SMS_KEYWORDS"):
        make_app(sms_keywords="carrier")


@pytest.mark.parametrize("minutes", [0, -5, 1441])
def test_clarify_minutes_out_of_range_stops_start_up(make_app, minutes) -> None:
    with pytest.raises(SettingsError, match="FAQBOT_SMS_CLARIFY_MINUTES"):
        make_app(sms_clarify_minutes=minutes)


def test_clarify_minutes_is_a_setting(make_app) -> None:
    app = make_app(faq_path=CLARIFY_FAQ, sms_clarify_minutes=5)
    say(app.test_client(), "how long infusion")
    (pending,) = rows(services(app).store, sms_pending)
    assert (pending.expires_at - pending.created_at).total_seconds() == 5 * 60


def test_a_bare_number_with_nothing_offered_is_no_staff_item(client, store) -> None:
    reply = say(client, "2")
    assert "don't have a question waiting" in reply and PHONE in reply
    assert store.count(handoffs) == 0 and store.count(asks) == 0


# --- keywords -------------------------------------------------------------------------


@pytest.mark.parametrize("word", sorted(STOP_WORDS))
def test_stop_words_opt_out_silently(client, store, word) -> None:
    for variant in (word, word.lower(), f"  {word.title()}. "):
        assert say(client, variant, sender="+15550003333") is None
    assert [r.phone for r in rows(store, sms_optouts)] == ["+15550003333"]
    assert store.count(asks) == 0


def test_opted_out_number_gets_nothing_but_a_crisis_still_reaches_staff(
    client, store
) -> None:
    assert say(client, "STOP") is None
    assert say(client, "where are you located") is None
    assert say(client, "help") is None
    assert say(client, "how much does it cost") is None
    assert store.count(handoffs) == 0
    assert say(client, "i want to kill myself") is None
    (item,) = rows(store, handoffs)
    assert item.urgent is True and item.contact == PATIENT and item.channel == "sms"
    # Other numbers are unaffected.
    assert "Santa Monica" in say(client, "where are you located", sender="+15550004444")


@pytest.fixture
def own_client(make_app):
    """faqbot answers the carrier keywords itself (FAQBOT_SMS_KEYWORDS=faqbot)."""
    return make_app(sms_keywords="faqbot").test_client()


@pytest.mark.parametrize("word", sorted(START_WORDS))
def test_start_words_opt_back_in_with_a_confirmation(make_app, word) -> None:
    app = make_app(sms_keywords="faqbot")
    client, store = app.test_client(), services(app).store
    say(client, "STOP")
    reply = say(client, word.lower())
    assert "subscribed again" in reply and PHONE in reply and "STOP" in reply
    assert store.count(sms_optouts) == 0
    assert "Santa Monica" in say(client, "where are you located")


@pytest.mark.parametrize("word", sorted(HELP_WORDS))
def test_help_words(make_app, word) -> None:
    app = make_app(sms_keywords="faqbot")
    client, store = app.test_client(), services(app).store
    reply = say(client, word.title())
    assert "Bespoke Treatment" in reply and "automated assistant" in reply
    assert PHONE in reply
    assert "Reply STOP to opt out" in reply
    assert "Msg & data rates may apply" in reply
    assert store.count(asks) == 0


def test_keywords_only_count_as_the_whole_message(client, store) -> None:
    reply = say(client, "stop the migraine please")
    assert reply is not None
    assert store.count(sms_optouts) == 0


@pytest.mark.parametrize("word", ["START", "UNSTOP", "HELP", "INFO", "STOP", "YES"])
def test_twilio_answers_keywords_so_faqbot_stays_silent(client, store, word) -> None:
    # FAQBOT_SMS_KEYWORDS=twilio (the default): Twilio replies, one text only.
    assert say(client, word) is None
    assert store.count(asks) == 0


def test_yes_resubscribes_only_a_number_that_opted_out(own_client) -> None:
    yes = say(own_client, "yes")
    assert yes is not None and "subscribed again" not in yes
    say(own_client, "STOP")
    assert "subscribed again" in say(own_client, "Yes")
    assert "Santa Monica" in say(own_client, "where are you located")


def test_stop_confirmation_when_faqbot_handles_keywords(make_app) -> None:
    app = make_app(sms_keywords="faqbot")
    reply = say(app.test_client(), "Stop")
    assert "unsubscribed" in reply and "START" in reply and PHONE in reply
    assert services(app).store.count(sms_optouts) == 1


# --- what cannot be answered as a question --------------------------------------------


def test_empty_body_gets_a_polite_reply(client, store) -> None:
    for body in ("", "   ", "\n"):
        reply = say(client, body)
        assert "text your question in words" in reply and PHONE in reply
    assert store.count(asks) == 0


def test_picture_without_text_gets_a_polite_reply(client, store) -> None:
    reply = say(
        client,
        "",
        NumMedia="1",
        MediaUrl0="https://api.twilio.com/2010-04-01/Accounts/AC/Media/ME1",
        MediaContentType0="image/jpeg",
    )
    assert "can't open pictures" in reply and PHONE in reply
    assert reply.endswith(SAFETY)
    assert store.count(asks) == 0


def test_emoji_only_gets_a_polite_reply(client, store) -> None:
    reply = say(client, "\U0001f44d\U0001f44d")
    assert "text your question in words" in reply
    assert store.count(handoffs) == 0


def test_body_over_1600_characters_gets_a_polite_reply(client, store) -> None:
    # 1,700 emoji form-encode to ~20 kB, more than the app-wide body limit.
    for body in ("where are you located " * 80, "\U0001f600" * 1700):
        reply = say(client, body)
        assert "too long" in reply and PHONE in reply
    assert store.count(asks) == 0


def test_a_long_message_with_a_crisis_still_gets_the_crisis_reply(client, store):
    reply = say(client, "my migraine story " * 100 + " i want to kill myself")
    assert "988" in reply
    (item,) = rows(store, handoffs)
    assert item.urgent is True


def test_an_error_on_our_side_still_sends_a_safe_reply(client, app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services(app).assistant, "ask", broken)
    sid = new_sid()
    reply = say(client, "where are you located", sid=sid)
    assert "something went wrong" in reply and "988" in reply and PHONE in reply
    assert reply.endswith(SAFETY)
    monkeypatch.undo()
    # The failed attempt let go of the MessageSid: Twilio's retry is answered.
    assert "Santa Monica" in say(client, "where are you located", sid=sid)


# --- Twilio retries -------------------------------------------------------------------


def test_a_retried_message_sid_gets_the_same_reply_and_no_second_item(
    client, store
) -> None:
    sid = new_sid()
    first = say(client, "how much does it cost", sid=sid)
    again = say(client, "how much does it cost", sid=sid)
    assert first == again and "care team" in first
    assert store.count(asks) == 1 and store.count(handoffs) == 1
    (row,) = rows(store, sms_messages)
    assert row.message_sid == sid and row.reply == first


def test_a_retried_pick_is_not_answered_as_a_second_pick(clarify_client, clarify_app):
    store = services(clarify_app).store
    _offer(clarify_client)
    sid = new_sid()
    first = say(clarify_client, "2", sid=sid)
    assert say(clarify_client, "2", sid=sid) == first
    assert PHONE in first
    assert len([r for r in rows(store, asks) if r.kind == "pick"]) == 1


def test_a_retried_stop_stays_silent(client) -> None:
    sid = new_sid()
    assert say(client, "STOP", sid=sid) is None
    assert say(client, "STOP", sid=sid) is None


@pytest.mark.parametrize("body", ["how much does it cost", "0", "2"])
def test_concurrent_deliveries_of_one_message_sid_answer_once(
    make_app, db_url, body
) -> None:
    """Four deliveries of one MessageSid at once, on SQLite and PostgreSQL."""
    app = make_app(database_url=db_url, faq_path=CLARIFY_FAQ)
    store = services(app).store
    if body != "how much does it cost":
        _offer(app.test_client())  # "0" and "2" answer a clarification
    form = sms_form(body)
    headers = {"X-Twilio-Signature": sign(URL, form)}
    barrier = threading.Barrier(4)
    replies: list[str | None] = []

    def deliver() -> None:
        client = app.test_client()
        barrier.wait()
        resp = client.post("/sms", data=form, headers=headers)
        replies.append(reply_text(resp.data) if resp.status_code == 200 else None)

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Every delivery got the one answer: no "nothing waiting" for the losers.
    assert len(replies) == 4 and len(set(replies)) == 1, replies
    assert PHONE in replies[0] and "don't have a question" not in replies[0]
    answered = [r for r in rows(store, asks) if r.external_id == form["MessageSid"]]
    assert len(answered) == 1
    assert store.count(handoffs) == (0 if body == "2" else 1)


# --- signatures -----------------------------------------------------------------------


def test_missing_signature_is_403_and_logged_without_the_body(
    client, store, caplog
) -> None:
    form = sms_form("my secret question", sender="+15557654321")
    with caplog.at_level(logging.INFO):
        resp = client.post("/sms", data=form)
    assert resp.status_code == 403
    assert "missing X-Twilio-Signature" in caplog.text
    assert "my secret question" not in caplog.text
    assert "+15557654321" not in caplog.text
    assert store.count(asks) == 0 and store.count(sms_messages) == 0


@pytest.mark.parametrize(
    "forge",
    ["wrong token", "other url", "tampered body", "garbage"],
)
def test_wrong_signature_is_403(client, store, caplog, forge) -> None:
    form = sms_form("where are you located")
    signature = {
        "wrong token": lambda: sign(URL, form, token="not-the-token"),
        "other url": lambda: sign("http://localhost/elsewhere", form),
        "tampered body": lambda: sign(URL, {**form, "Body": "something else"}),
        "garbage": lambda: "x" * 28,
    }[forge]()
    with caplog.at_level(logging.WARNING):
        resp = client.post("/sms", data=form, headers={"X-Twilio-Signature": signature})
    assert resp.status_code == 403
    assert "invalid X-Twilio-Signature" in caplog.text
    assert store.count(asks) == 0


def test_without_a_token_every_request_is_refused(make_app, caplog) -> None:
    with caplog.at_level(logging.WARNING):
        app = make_app(twilio_auth_token="")
    assert "FAQBOT_TWILIO_AUTH_TOKEN is not set" in caplog.text
    form = sms_form("where are you located")
    resp = app.test_client().post(
        "/sms", data=form, headers={"X-Twilio-Signature": sign(URL, form)}
    )
    assert resp.status_code == 403


def test_unsigned_requests_only_when_allowed_with_a_loud_warning(
    make_app, caplog
) -> None:
    with caplog.at_level(logging.WARNING):
        app = make_app(twilio_auth_token="", sms_allow_unsigned=True)
    warning = [r for r in caplog.records if "ALLOW_UNSIGNED" in r.getMessage()]
    assert warning and warning[0].levelno == logging.WARNING
    assert "never set this in production" in warning[0].getMessage()
    resp = app.test_client().post("/sms", data=sms_form("where are you located"))
    assert resp.status_code == 200
    assert "Santa Monica" in reply_text(resp.data)


def test_a_token_wins_over_allow_unsigned(make_app) -> None:
    app = make_app(sms_allow_unsigned=True)
    resp = app.test_client().post("/sms", data=sms_form("where are you located"))
    assert resp.status_code == 403


# --- behind a proxy -------------------------------------------------------------------

PUBLIC = "https://bot.example.com/sms"
FORWARDED = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "bot.example.com"}


def _post_public(app, headers: dict[str, str]):
    form = sms_form("where are you located")
    return app.test_client().post(
        "/sms",
        data=form,
        headers={"X-Twilio-Signature": sign(PUBLIC, form), **headers},
    )


def test_behind_a_proxy_the_public_https_url_is_checked(make_app) -> None:
    app = make_app(proxy_hops=1)
    resp = _post_public(app, FORWARDED)
    assert resp.status_code == 200
    assert "Santa Monica" in reply_text(resp.data)


def test_forwarded_headers_are_ignored_without_trusted_proxies(make_app) -> None:
    app = make_app()
    assert _post_public(app, FORWARDED).status_code == 403


def test_public_url_overrides_scheme_and_host(make_app, caplog) -> None:
    app = make_app(public_url="https://bot.example.com")
    assert _post_public(app, {}).status_code == 200
    # A request signed for the internal URL is not what Twilio signs.
    form = sms_form("where are you located")
    with caplog.at_level(logging.WARNING):
        resp = app.test_client().post(
            "/sms", data=form, headers={"X-Twilio-Signature": sign(URL, form)}
        )
    assert resp.status_code == 403
    assert "for 'https://bot.example.com/sms'" in caplog.text  # repr'd: see SECURITY.md


def test_public_url_with_a_path_prefix_and_an_encoded_query(make_app) -> None:
    app = make_app(public_url="https://bot.example.com/clinic-bot/")
    form = sms_form("where are you located")
    query = "?src=a%2Fb%20c&n=caf%C3%A9"
    signature = sign(f"https://bot.example.com/clinic-bot/sms{query}", form)
    resp = app.test_client().post(
        "/sms" + query, data=form, headers={"X-Twilio-Signature": signature}
    )
    assert resp.status_code == 200 and "Santa Monica" in reply_text(resp.data)


def test_x_forwarded_prefix_is_honoured_behind_a_trusted_proxy(make_app) -> None:
    app = make_app(proxy_hops=1)
    form = sms_form("where are you located")
    signature = sign("https://bot.example.com/bot/sms", form)
    headers = {**FORWARDED, "X-Forwarded-Prefix": "/bot"}
    resp = app.test_client().post(
        "/sms", data=form, headers={"X-Twilio-Signature": signature, **headers}
    )
    assert resp.status_code == 200 and "Santa Monica" in reply_text(resp.data)


def test_two_proxies_with_one_hop_configured_still_pass(make_app) -> None:
    app = make_app(proxy_hops=1)
    headers = {
        "X-Forwarded-Proto": "https, http",
        "X-Forwarded-Host": "bot.example.com, internal:8000",
        "X-Forwarded-For": "203.0.113.9, 10.0.0.2",
    }
    assert _post_public(app, headers).status_code == 200


def test_either_token_is_accepted_while_rotating(make_app) -> None:
    app = make_app(twilio_auth_token="new-token, old-token")
    client = app.test_client()
    for token in ("new-token", "old-token"):
        form = sms_form("where are you located")
        signature = sign(URL, form, token=token)
        resp = client.post("/sms", data=form, headers={"X-Twilio-Signature": signature})
        assert resp.status_code == 200, token
    form = sms_form("where are you located")
    signature = sign(URL, form, token="retired-token")
    resp = client.post("/sms", data=form, headers={"X-Twilio-Signature": signature})
    assert resp.status_code == 403


# --- the route itself -----------------------------------------------------------------


def test_trailing_slash_is_answered_not_redirected(client) -> None:
    form = sms_form("where are you located")
    signature = sign("http://localhost/sms/", form)
    resp = client.post("/sms/", data=form, headers={"X-Twilio-Signature": signature})
    assert resp.status_code == 200
    assert "Santa Monica" in reply_text(resp.data)


def test_get_is_not_allowed(client) -> None:
    assert client.get("/sms").status_code == 405


# --- privacy and the texts themselves -------------------------------------------------


def test_logs_mask_the_number_and_never_hold_the_message(client, caplog) -> None:
    with caplog.at_level(logging.DEBUG, logger="faqbot"):
        for body in ("how much does it cost", "STOP", "i want to kill myself", "START"):
            say(client, body, sender="+15557654321")
    logged = caplog.text
    assert "***4321" in logged
    assert "5557654321" not in logged
    for body in ("how much does it cost", "kill myself"):
        assert body not in logged


def test_every_fixed_text_is_gsm7_within_two_segments(app) -> None:
    faq = services(app).assistant.faq
    texts = fixed_texts(faq)
    assert {"help", "start", "stop", "empty", "media", "too_long", "expired"} <= set(
        texts
    )
    for name, value in texts.items():
        assert is_gsm7(value), name
        assert segments(value) <= 2, (name, len(value))
    for name in ("help", "start", "stop", "empty", "media", "expired", "error"):
        assert PHONE in texts[name], name
    not_answers = set(texts) - {"help", "start", "stop"}
    for name in not_answers:
        assert texts[name].endswith(" " + SAFETY), name


def test_every_pipeline_text_is_gsm7_within_two_segments(app) -> None:
    svc = services(app)
    faq = svc.assistant.faq
    responder = SmsResponder(svc.assistant, svc.store, svc.settings)
    replies = [svc.assistant.pick(e.id, "sms", record=False) for e in faq.entries]
    replies += [
        svc.assistant.classify(q)
        for q in ("i want to kill myself", "how much does it cost")
    ]
    for talk in faq.smalltalk:
        replies.append(svc.assistant.classify(talk.patterns[0]))
    for reply in replies:
        sms = responder.render(reply)
        assert is_gsm7(sms), reply
        assert segments(sms) <= 2, (reply.status, reply.faq_id, reply.reason, len(sms))
        assert PHONE in sms, (reply.status, reply.faq_id, reply.reason)


def test_clarify_text_fits_even_with_the_three_longest_questions(app) -> None:
    from faqbot.ask import Suggestion

    faq = services(app).assistant.faq
    longest = sorted(faq.entries, key=lambda e: len(e.question), reverse=True)[:3]
    suggestions = tuple(Suggestion(e.id, e.question) for e in longest)
    sms = clarify_text(suggestions, PHONE, faq.safety_sms)
    assert is_gsm7(sms) and segments(sms) <= 2
    assert sms.startswith("Did you mean: 1) ")
    tail = f"Reply 1, 2 or 3, or 0 to reach our team. Call {PHONE}. {SAFETY}"
    assert sms.endswith(tail)
    assert " 2) " in sms and " 3) " in sms


def test_the_readme_fallback_twiml_names_the_number_911_and_988() -> None:
    readme = (ROOT / "README.md").read_text()
    (block,) = re.findall(r"```xml\n(.*?)```", readme, re.S)
    (fallback,) = [m.strip() for m in re.findall(r"<Response>.*</Response>", block)]
    text = reply_text(fallback.encode())
    assert is_gsm7(text) and segments(text) <= 2
    assert PHONE in text and "911" in text and "988" in text
