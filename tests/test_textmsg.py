"""The SMS core without Twilio or Flask: keywords, fitting, expiry, retries."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from faqbot.ask import Assistant, Suggestion
from faqbot.gsm import is_gsm7, segments, septets
from faqbot.storage import Store, asks, handoffs, sms_messages, sms_pending
from faqbot.textmsg import (
    MAX_SEPTETS,
    Inbound,
    SmsResponder,
    choice,
    clarify_text,
    fit_sms,
    keyword,
    mask,
    opt_out_request,
)

from .conftest import make_settings
from .servers import ROOT
from .texting import PATIENT, new_sid

PHONE = "833-867-2329"
SAFETY = "Emergency: call 911. Thoughts of suicide: call or text 988."
CLARIFY_FAQ = str(ROOT / "tests" / "data" / "clarify_faq.yaml")
T0 = datetime(2026, 3, 1, 9, 0, 0)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 'sms.sqlite3'}")
    store.init_db()
    yield store
    store.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def responder(tmp_path: Path, store: Store, clock: Clock) -> SmsResponder:
    settings = make_settings(tmp_path, faq_path=CLARIFY_FAQ)
    return SmsResponder(Assistant(settings, store), store, settings, clock=clock)


def text(responder: SmsResponder, body: str, sid: str | None = None, **kw):
    return responder.handle(Inbound(sid or new_sid(), kw.get("sender", PATIENT), body))


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ("STOP", "STOP"),
        ("stop", "STOP"),
        ("  Stop.  ", "STOP"),
        ("unsubscribe!", "UNSUBSCRIBE"),
        ("OptOut", "OPTOUT"),
        ("yes", "YES"),
        ("info", "INFO"),
        ("stop it", None),
        ("please stop", None),
        ("helpful?", None),
        ("", None),
    ],
)
def test_keyword_is_the_whole_message(body: str, word: str | None) -> None:
    assert keyword(body) == word


@pytest.mark.parametrize(
    ("body", "picked"),
    [
        ("1", 1),
        (" 2 ", 2),
        ("3.", 3),
        ("0", 0),
        ("2)", 2),
        # Out of range: the responder says so and keeps the menu.
        ("4", 4),
        ("12", 12),
        # As people write a menu reply.
        ("2 please", 2),
        ("one", 1),
        ("1?", 1),
        ("#1", 1),
        ("1 thanks", 1),
        ("\uff11", 1),
        ("1\ufe0f\u20e3", 1),
        ("option 2", 2),
        ("02", 2),
        ("Two", 2),
        ("dos", 2),
        ("opción 2", 2),
        ("the second one", 2),
        ("none of these", 0),
        ("cero", 0),
        # Questions, not choices.
        ("", None),
        ("123", None),
        ("1 2", None),
        ("how long is 1 infusion", None),
        ("one more question about cost", None),
        ("no", None),
    ],
)
def test_choice_is_just_a_number(body: str, picked: int | None) -> None:
    assert choice(body) == picked


@pytest.mark.parametrize(
    ("phone", "shown"),
    [("+15551234567", "***4567"), ("whatsapp:+447700900123", "***0123"), ("", "***")],
)
def test_mask_shows_only_the_last_four_digits(phone: str, shown: str) -> None:
    assert mask(phone) == shown


def test_fit_keeps_short_text_and_makes_it_gsm7() -> None:
    assert fit_sms("We\u2019re open \u2014 call\u2026", PHONE) == "We're open - call..."


def test_fit_drops_whole_trailing_sentences_and_keeps_the_phone() -> None:
    sentences = [f"Sentence number {i} says something useful." for i in range(12)]
    fitted = fit_sms(" ".join(sentences), PHONE)
    assert septets(fitted) <= MAX_SEPTETS and segments(fitted) == 2
    assert fitted.endswith(f" Call {PHONE}.")
    assert fitted.startswith(sentences[0])
    assert "..." not in fitted  # whole sentences only


def test_fit_cuts_a_single_huge_sentence_at_a_word() -> None:
    fitted = fit_sms("word " * 200, PHONE)
    assert septets(fitted) <= MAX_SEPTETS
    assert fitted.endswith(f"word... Call {PHONE}.")


def test_clarify_text_is_exactly_the_promised_shape() -> None:
    sms = clarify_text(
        (Suggestion("a", "How long does it last?"), Suggestion("b", "Where are you?")),
        PHONE,
        SAFETY,
    )
    assert sms == (
        "Did you mean: 1) How long does it last? 2) Where are you? "
        f"Reply 1 or 2, or 0 to reach our team. Call {PHONE}. {SAFETY}"
    )


def test_clarify_text_shortens_overlong_questions_alike() -> None:
    long = "What " + "very " * 60 + "long question is this?"
    sms = clarify_text(tuple(Suggestion(str(i), long) for i in range(3)), PHONE, SAFETY)
    assert is_gsm7(sms) and septets(sms) <= MAX_SEPTETS
    assert sms.count("...") == 3
    assert sms.endswith(
        f"Reply 1, 2 or 3, or 0 to reach our team. Call {PHONE}. {SAFETY}"
    )


def test_choice_is_picked_before_expiry_with_the_clock(responder, clock) -> None:
    assert text(responder, "how long infusion").kind == "clarify"
    clock.now = T0 + timedelta(minutes=14, seconds=59)
    out = text(responder, "1")
    assert out.kind == "pick" and PHONE in out.text


def test_choice_expires_with_the_clock(responder, clock, store) -> None:
    text(responder, "how long infusion")
    clock.now = T0 + timedelta(minutes=15)
    out = text(responder, "1")
    assert out.kind == "pick-expired" and out.text.startswith("That menu has expired")
    assert "reply 0" in out.text and out.text.endswith(SAFETY)
    # Kept for "0", which still sends the question to staff, once.
    assert store.count(sms_pending) == 1
    assert text(responder, "0").kind == "pick-handoff"
    assert store.count(sms_pending) == 0
    assert text(responder, "1").kind == "pick-none"


@pytest.mark.parametrize(
    ("body", "out"),
    [
        ("stop texting me", True),
        ("Stop please", True),
        ("STOP STOP", True),
        ("opt out", True),
        ("OPT-OUT", True),
        ("unsubscribe me", True),
        ("no more texts", True),
        ("Please stop sending me messages!", True),
        ("don't text me anymore", True),
        ("remove me from this list", True),
        ("no más mensajes", True),
        ("stop the migraine please", False),
        ("cancel my appointment", False),
        ("how do I stop a migraine", False),
        ("end of treatment side effects", False),
        ("stop texting me i want to die", False),
        ("", False),
    ],
)
def test_opt_out_requests_in_the_patients_own_words(body: str, out: bool) -> None:
    assert opt_out_request(body) is out


def test_old_expired_choices_are_cleaned_up_by_the_next_offer(
    responder, clock, store
) -> None:
    text(responder, "how long infusion", sender="+15550000001")
    clock.now = T0 + timedelta(days=2)
    text(responder, "how long infusion", sender="+15550000002")
    with store.engine.connect() as conn:
        phones = conn.execute(select(sms_pending.c.phone)).scalars().all()
    assert phones == ["+15550000002"]


def test_a_retry_waits_for_the_first_delivery_to_answer(responder, store) -> None:
    sid = new_sid()
    with store.begin() as conn:  # another worker is answering this MessageSid now
        conn.execute(sms_messages.insert().values(message_sid=sid, received_at=T0))
    waited: list[float] = []

    def first_delivery_finishes(seconds: float) -> None:
        waited.append(seconds)
        with store.begin() as conn:
            conn.execute(
                update(sms_messages)
                .where(sms_messages.c.message_sid == sid)
                .values(replied_at=T0, reply="the first answer")
            )

    responder.sleep = first_delivery_finishes
    out = text(responder, "where are you located", sid=sid)
    assert (out.text, out.duplicate) == ("the first answer", True)
    assert len(waited) == 1
    assert store.count(asks) == 0  # the retry recorded nothing itself


def test_a_retry_of_a_message_still_in_flight_sends_nothing(responder, store) -> None:
    sid = new_sid()
    with store.begin() as conn:
        conn.execute(sms_messages.insert().values(message_sid=sid, received_at=T0))
    waited: list[float] = []
    responder.sleep = waited.append
    out = text(responder, "where are you located", sid=sid)
    assert (out.text, out.kind, out.duplicate) == (None, "retry-in-flight", True)
    assert sum(waited) == pytest.approx(10.0)
    assert store.count(asks) == 0


def test_a_claim_left_by_a_dead_worker_is_taken_over(responder, clock, store) -> None:
    sid = new_sid()
    with store.begin() as conn:
        conn.execute(sms_messages.insert().values(message_sid=sid, received_at=T0))
    clock.now = T0 + timedelta(minutes=5)
    out = text(responder, "where are you located", sid=sid)
    assert out.kind == "answered" and "Los Angeles" in out.text
    with store.engine.connect() as conn:
        row = conn.execute(select(sms_messages)).one()
    assert row.reply == out.text and row.replied_at == clock.now


def test_purge_forgets_old_message_ids_and_expired_choices(
    responder, clock, store
) -> None:
    text(responder, "how long infusion")
    text(responder, "where are you located", sender="+15550000003")
    assert store.count(sms_messages) == 2 and store.count(sms_pending) == 1
    assert responder.purge(T0) == 0
    assert responder.purge(T0 + timedelta(days=30)) == 3
    assert store.count(sms_messages) == 0 and store.count(sms_pending) == 0


def test_without_a_database_a_crisis_is_still_answered(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings = make_settings(
        tmp_path, database_url=f"sqlite:///{blocker / 'db.sqlite3'}"
    )
    store = Store(settings.sqlalchemy_url)
    responder = SmsResponder(Assistant(settings, store), store, settings)
    out = text(responder, "i want to kill myself")
    assert out.kind == "crisis" and "988" in out.text
    # The record waits in the spool for the database.
    assert Path(settings.spool_path).stat().st_size > 0
    store.dispose()


def test_opted_out_crisis_is_an_urgent_item_and_nothing_is_sent(
    responder, store
) -> None:
    assert text(responder, "STOP").text is None
    out = text(responder, "i want to kill myself")
    assert (out.text, out.kind) == (None, "opted-out-crisis")
    item = store.handoff(1)
    assert item["urgent"] is True and item["contact"] == PATIENT
    assert store.count(handoffs) == 1
