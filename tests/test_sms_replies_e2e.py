"""End to end under gunicorn: texts written the way patients write them.

Every request is signed with twilio's own ``RequestValidator`` and sent over
HTTP to the Procfile's gunicorn; every reply is read back as TwiML, so each
assertion is about what the patient's phone would show, and what staff
would find in the queue.
"""

from __future__ import annotations

import http.client
import itertools
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import select, update

from faqbot.faq import load_faq
from faqbot.storage import Store, asks, handoffs, sms_optouts, sms_pending, utcnow

from .servers import ROOT, Gunicorn
from .texting import TOKEN, new_sid, reply_text, sign, sms_form

pytestmark = pytest.mark.e2e

PHONE = "833-867-2329"
SAFETY = "Emergency: call 911. Thoughts of suicide: call or text 988."
CLARIFY_FAQ = ROOT / "tests" / "data" / "clarify_faq.yaml"
PICTURE = "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME1"
_numbers = itertools.count(1)


def new_number() -> str:
    """A patient number no other test in this module has used."""
    return f"+1555020{next(_numbers):04d}"


def start(tmp: Path, workers: int = 1, **env: str) -> Gunicorn:
    base = {
        "DATABASE_URL": f"sqlite:///{tmp / 'faqbot.sqlite3'}",
        "FAQBOT_FAQ_PATH": str(CLARIFY_FAQ.relative_to(ROOT)),
        "FAQBOT_SECRET_KEY": "e2e-secret-" + "k" * 32,
        "FAQBOT_TWILIO_AUTH_TOKEN": TOKEN,
        "FAQBOT_SPOOL_PATH": str(tmp / "spool.jsonl"),
        "FAQBOT_LOG_LEVEL": "WARNING",
    }
    server = Gunicorn(env={**base, **env}, workers=workers)
    server.store = Store(base["DATABASE_URL"])
    return server.start()


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    """Two workers, Twilio's opt-out management on (the default)."""
    server = start(tmp_path_factory.mktemp("sms"), workers=2)
    yield server
    server.store.dispose()
    server.stop()


def post(
    server: Gunicorn,
    form: dict[str, str],
    target: str = "/sms",
    signed_url: str | None = None,
    token: str = TOKEN,
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes]:
    """POST ``form`` to ``target`` exactly as written (no re-encoding)."""
    url = signed_url or f"{server.url}{target}"
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request(
            "POST",
            target,
            body=urlencode(form),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Twilio-Signature": sign(url, form, token),
                **(headers or {}),
            },
        )
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def say(server: Gunicorn, body: str, sender: str, **extra: str) -> str | None:
    status, data = post(server, sms_form(body, sender, **extra))
    assert status == 200, data
    return reply_text(data)


def offer(server: Gunicorn, sender: str) -> list[str]:
    """Ask the question that gets a numbered menu; the questions offered."""
    menu = say(server, "how long infusion", sender)
    assert menu.startswith("Did you mean: 1) ")
    assert f"Call {PHONE}." in menu and menu.endswith(SAFETY)
    return re.findall(r"\d\) (.+?)(?= \d\) | Reply )", menu)


def items_for(server: Gunicorn, sender: str) -> list:
    with server.store.engine.connect() as conn:
        return conn.execute(select(handoffs).where(handoffs.c.contact == sender)).all()


# --- numbered menus -------------------------------------------------------------------

FORMS = [
    ("1?", 0), ("#1", 0), ("One", 0), ("1 thanks", 0), ("\uff11", 0),
    ("1\ufe0f\u20e3", 0), ("uno", 0), ("2?", 1), ("two", 1), ("option 2", 1),
    ("2 please", 1), ("02", 1), ("dos", 1), ("Opción 2", 1), ("the second one", 1),
]  # fmt: skip


@pytest.mark.parametrize(("reply", "index"), FORMS)
def test_a_menu_reply_as_people_write_it_picks_that_entry(bot, reply, index) -> None:
    sender = new_number()
    offered = offer(bot, sender)
    entry = {e.question: e for e in load_faq(CLARIFY_FAQ).entries}[offered[index]]
    sid = new_sid()
    answer = say(bot, reply, sender, sid=sid)
    assert answer.startswith(entry.sms) and PHONE in answer
    with bot.store.engine.connect() as conn:
        picks = conn.execute(
            select(asks.c.faq_id, asks.c.status, asks.c.kind).where(
                asks.c.external_id == sid
            )
        ).all()
    assert [tuple(p) for p in picks] == [(entry.id, "answered", "pick")]
    assert items_for(bot, sender) == []


def test_a_number_not_on_the_menu_explains_itself_and_keeps_it(bot) -> None:
    sender = new_number()
    offered = offer(bot, sender)
    nudge = say(bot, "4", sender)
    assert nudge.startswith("There is no choice 4. Please reply 1 or 2")
    assert "0 to reach our team" in nudge and PHONE in nudge
    assert nudge.endswith(SAFETY)
    entry = {e.question: e for e in load_faq(CLARIFY_FAQ).entries}[offered[0]]
    assert say(bot, "1", sender).startswith(entry.sms)


def test_after_the_menu_expires_a_choice_says_so_and_0_still_reaches_staff(
    bot,
) -> None:
    sender = new_number()
    offer(bot, sender)
    with bot.store.begin() as conn:
        conn.execute(
            update(sms_pending)
            .where(sms_pending.c.phone == sender)
            .values(expires_at=utcnow())
        )
    expired = say(bot, "2", sender)
    assert expired.startswith("That menu has expired.") and "reply 0" in expired
    assert PHONE in expired and expired.endswith(SAFETY)
    handed = say(bot, "0", sender)
    assert "care team" in handed and handed.endswith(SAFETY)
    (item,) = items_for(bot, sender)
    assert item.question == "how long infusion" and item.status == "open"


# --- a safety line on every reply that is not an answer -------------------------------


@pytest.mark.parametrize(
    ("body", "extra", "words"),
    [
        ("how much does it cost", {}, "care team"),
        ("where are you located " * 80, {}, "too long"),
        ("", {"NumMedia": "1", "MediaUrl0": PICTURE}, "can't open pictures"),
        ("2", {}, "don't have a question waiting"),
        ("\U0001f44d", {}, "in words"),
    ],
    ids=["handoff", "too-long", "picture", "nothing-waiting", "emoji"],
)
def test_every_non_answer_ends_with_911_and_988(bot, body, extra, words) -> None:
    reply = say(bot, body, new_number(), **extra)
    assert words in reply and PHONE in reply
    assert reply.endswith(SAFETY)


def test_an_answer_does_not_carry_the_safety_line(bot) -> None:
    entry = load_faq(CLARIFY_FAQ).entries[0]
    reply = say(bot, entry.question, new_number())
    assert reply.startswith(entry.sms) and "988" not in reply


# --- opting out -----------------------------------------------------------------------

PHRASES = [
    "stop texting me", "Stop please", "STOP STOP", "opt out", "OPT-OUT",
    "unsubscribe me", "no more texts", "Please stop sending me messages",
    "no más mensajes",
]  # fmt: skip


@pytest.mark.parametrize("phrase", PHRASES)
def test_opt_out_phrases_opt_the_number_out(bot, phrase) -> None:
    sender = new_number()
    confirm = say(bot, phrase, sender)
    # Twilio only knows the single keywords, so this confirmation is ours.
    assert "unsubscribed" in confirm and "START" in confirm and PHONE in confirm
    assert say(bot, "how much does it cost", sender) is None
    with bot.store.engine.connect() as conn:
        out = conn.execute(select(sms_optouts.c.phone)).scalars().all()
    assert sender in out
    assert items_for(bot, sender) == []


@pytest.mark.parametrize(
    "body", ["stop the migraine please", "cancel my appointment", "how do I stop"]
)
def test_questions_with_stop_words_are_not_opt_outs(bot, body) -> None:
    sender = new_number()
    assert say(bot, body, sender) is not None
    assert say(bot, "how much does it cost", sender) is not None


@pytest.mark.parametrize("word", ["START", "YES", "UNSTOP", "HELP", "INFO", "STOP"])
def test_twilio_answers_the_keywords_so_the_patient_gets_one_text(bot, word) -> None:
    assert say(bot, word, new_number()) is None


def test_yes_after_a_menu_never_says_subscribed_again(bot) -> None:
    sender = new_number()
    offer(bot, sender)
    reply = say(bot, "yes", sender)
    assert reply is None or "subscribed" not in reply
    # The menu is still there for the number the patient meant to send.
    assert say(bot, "1", sender).startswith(
        tuple(e.sms for e in load_faq(CLARIFY_FAQ).entries)
    )


def test_start_after_stop_lets_texts_through_again(bot) -> None:
    sender = new_number()
    assert say(bot, "STOP", sender) is None
    assert say(bot, "how much does it cost", sender) is None
    assert say(bot, "START", sender) is None  # Twilio sends the confirmation
    assert "care team" in say(bot, "how much does it cost", sender)


# --- pictures -------------------------------------------------------------------------


def test_a_picture_with_text_reaches_staff_with_its_link(bot) -> None:
    sender = new_number()
    reply = say(
        bot,
        "is this rash a side effect?",
        sender,
        NumMedia="1",
        MediaUrl0=PICTURE,
        MediaContentType0="image/jpeg",
    )
    assert "passed your message and picture to our care team" in reply
    assert PHONE in reply and reply.endswith(SAFETY)
    (item,) = items_for(bot, sender)
    assert "is this rash a side effect?" in item.question
    assert PICTURE in item.question


# --- signatures as deployments really sign them ---------------------------------------

QUERY = "?src=clinic%2Fsms&note=caf%C3%A9%20menu"


@pytest.fixture(scope="module")
def prefixed(tmp_path_factory):
    """Behind https://bot.example.com/clinic-bot, in the middle of a token rotation."""
    server = start(
        tmp_path_factory.mktemp("prefixed"),
        FAQBOT_PUBLIC_URL="https://bot.example.com/clinic-bot",
        FAQBOT_TWILIO_AUTH_TOKEN="new-token, old-token",
    )
    yield server
    server.store.dispose()
    server.stop()


@pytest.mark.parametrize("token", ["new-token", "old-token"])
def test_public_url_with_a_path_and_an_encoded_query(prefixed, token) -> None:
    form = sms_form("where are you located", new_number())
    public = f"https://bot.example.com/clinic-bot/sms{QUERY}"
    status, data = post(prefixed, form, "/sms" + QUERY, public, token)
    assert status == 200, data
    assert "Santa Monica" in reply_text(data)


def test_a_retired_token_or_a_decoded_url_is_refused(prefixed) -> None:
    form = sms_form("where are you located", new_number())
    public = f"https://bot.example.com/clinic-bot/sms{QUERY}"
    assert post(prefixed, form, "/sms" + QUERY, public, "retired")[0] == 403
    decoded = "https://bot.example.com/clinic-bot/sms?src=clinic/sms&note=café menu"
    assert post(prefixed, form, "/sms" + QUERY, decoded, "new-token")[0] == 403


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    """Behind proxies that strip a path prefix, FAQBOT_PROXY_HOPS=1."""
    server = start(tmp_path_factory.mktemp("proxied"), FAQBOT_PROXY_HOPS="1")
    yield server
    server.store.dispose()
    server.stop()


@pytest.mark.parametrize(
    "headers",
    [
        {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "bot.example.com",
            "X-Forwarded-Prefix": "/bot",
        },
        {  # two proxies, one hop configured
            "X-Forwarded-Proto": "https, http",
            "X-Forwarded-Host": "bot.example.com, internal:8080",
            "X-Forwarded-For": "203.0.113.5, 10.0.0.7",
            "X-Forwarded-Prefix": "/bot",
        },
    ],
    ids=["one-proxy", "two-proxies"],
)
def test_a_prefix_stripping_proxy_and_an_encoded_query(proxied, headers) -> None:
    form = sms_form("where are you located", new_number())
    public = f"https://bot.example.com/bot/sms{QUERY}"
    status, data = post(proxied, form, "/sms" + QUERY, public, headers=headers)
    assert status == 200, data
    assert "Santa Monica" in reply_text(data)
