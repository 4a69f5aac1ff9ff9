"""Text messages: everything the SMS channel does around the ask pipeline.

Twilio-free, so the webhook stays a thin adapter: keywords (STOP, START,
HELP), opt-outs, the numbered choice a clarification offers, Twilio's
retries of one MessageSid, and replies that fit two GSM-7 segments. All
state lives in the database, so any worker on any machine can take the next
text from the same number.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from . import language, safety
from .ask import Assistant, Reply, Suggestion
from .config import Settings
from .faq import Faq
from .gsm import MULTI_SEGMENT, segments, septets, to_gsm7
from .storage import (
    AskRecord,
    Store,
    sms_messages,
    sms_optouts,
    sms_pending,
    utcnow,
)
from .text import clean, split_sentences

log = logging.getLogger(__name__)

MAX_BODY_CHARS = 1600  # the longest message Twilio delivers
MAX_SEGMENTS = 2
MAX_SEPTETS = MAX_SEGMENTS * MULTI_SEGMENT  # 306

STOP_WORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
)
START_WORDS = frozenset({"START", "YES", "UNSTOP"})
HELP_WORDS = frozenset({"HELP", "INFO"})
# Spanish keywords (issue 10): opt out, and the help text in Spanish.
STOP_WORDS_ES = frozenset({"PARAR", "CANCELAR", "BAJA"})
HELP_WORDS_ES = frozenset({"AYUDA"})

# "2", " 2 ", "2." or "2)" picks; anything longer is a question.
_CHOICE_RE = re.compile(r"^([0-3])[.)!]?$")

# A retry of a message still being answered waits for that answer this long
# (Twilio gives up on a webhook after 15 s); a claim older than STALE_CLAIM
# with no reply belongs to a worker that died, and a retry takes it over.
RETRY_WAIT_SECONDS = 10.0
RETRY_POLL_SECONDS = 0.2
STALE_CLAIM = timedelta(seconds=60)
# Expired choices are kept a day, to tell a late "2" that its choice expired.
EXPIRED_KEPT = timedelta(days=1)


@dataclass(frozen=True)
class Inbound:
    """One text message as the carrier delivered it."""

    message_sid: str
    sender: str
    body: str
    num_media: int = 0


@dataclass(frozen=True)
class Outcome:
    """What to text back (None: nothing) and what happened, for logs and tests."""

    text: str | None
    kind: str
    duplicate: bool = False


@dataclass(frozen=True)
class _Pending:
    created_at: datetime
    expires_at: datetime
    question: str
    choices: tuple[str, ...]
    candidates: tuple[tuple[str, float], ...]


def mask(phone: str) -> str:
    """A phone number as logs may show it: only the last four digits.

    >>> mask("+15551234567")
    '***4567'
    """
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"***{digits[-4:]}" if digits else "***"


def keyword(body: str) -> str | None:
    """The carrier keyword a whole message is (STOP, START, HELP, ...), if any.

    >>> keyword(" Stop. "), keyword("stop texting me")
    ('STOP', None)
    """
    word = body.strip().rstrip(".!").strip().upper()
    if word in STOP_WORDS | START_WORDS | HELP_WORDS | STOP_WORDS_ES | HELP_WORDS_ES:
        return word
    return None


def choice(body: str) -> int | None:
    """The number a message picks from a clarification (0-3), if it is just that."""
    found = _CHOICE_RE.match(body.strip())
    return int(found.group(1)) if found else None


def fit_sms(text: str, phone: str) -> str:
    """``text`` in GSM-7 and at most two segments, still carrying ``phone``.

    Too long a text keeps its leading whole sentences (cut at a word only when
    the first sentence alone is too long), then the phone number.
    """
    text = to_gsm7(text)
    if segments(text) <= MAX_SEGMENTS:
        return text
    suffix = f" Call {phone}."
    kept = ""
    for sentence in split_sentences(text):
        longer = f"{kept} {sentence}".strip()
        if septets(longer) + septets(suffix) > MAX_SEPTETS:
            break
        kept = longer
    if not kept:
        words = text.split()
        while words and septets(" ".join(words)) + 3 + septets(suffix) > MAX_SEPTETS:
            words.pop()
        kept = " ".join(words) + "..."
    return kept if phone in kept else kept + suffix


def _options(n: int, lang: str = "en") -> str:
    numbers = [str(i) for i in range(1, n + 1)]
    word = " o " if lang == "es" else " or "
    return word.join(numbers) if n <= 2 else f"{', '.join(numbers[:-1])}{word}{n}"


def clarify_text(suggestions: tuple[Suggestion, ...], lang: str = "en") -> str:
    """ "Did you mean: 1) ... 2) ... Reply 1 or 2, or 0 to reach our team." """
    n = len(suggestions)
    head, tail = "Did you mean:", f"Reply {_options(n)}, or 0 to reach our team."
    if lang == "es":
        head = "¿Quiso decir:"
        tail = f"Responda {_options(n, lang)}, o 0 para hablar con nuestro equipo."
    questions = [to_gsm7(s.question) for s in suggestions]
    # Shorten the questions alike until the whole text fits two segments.
    fixed = septets(head) + septets(tail) + sum(len(f" {i}) ") for i in range(n)) + 1
    room = max(12, (MAX_SEPTETS - fixed) // max(n, 1))
    if septets(" ".join(questions)) > MAX_SEPTETS - fixed:
        questions = [q if septets(q) <= room else _cut(q, room) for q in questions]
    body = " ".join(f"{i}) {q}" for i, q in enumerate(questions, 1))
    return f"{head} {body} {tail}"


def _cut(text: str, room: int) -> str:
    words = text.split()
    while len(words) > 1 and septets(" ".join(words)) + 3 > room:
        words.pop()
    return " ".join(words) + "..."


def choose_again_text(n: int) -> str:
    """The nudge for a number outside the choices offered."""
    return f"Please reply {_options(n)} to choose, or 0 to reach our team."


def fixed_texts(faq: Faq) -> dict[str, str]:
    """Every fixed SMS the service sends, by name (all GSM-7, each <= 2 segments)."""
    name, phone = faq.clinic.name, faq.clinic.phone.display
    texts = {
        "help": (
            f"{name}'s automated assistant answers common questions about "
            "migraines, ketamine treatment and our clinic, and passes anything "
            f"else to our care team. Call {phone}. In a crisis call or text 988. "
            "Reply STOP to opt out. Msg & data rates may apply."
        ),
        "start": (
            f"You're subscribed again to {name}'s automated answers. Text us a "
            f"question anytime, or call {phone}. Reply HELP for help, STOP to opt "
            "out. Msg & data rates may apply."
        ),
        "stop": (
            f"You're unsubscribed from {name} texts and won't get any more "
            f"messages from us. Reply START to resubscribe. Call {phone} anytime."
        ),
        "empty": (
            "Please text your question in words and I'll do my best to answer "
            f"it, or call us at {phone}."
        ),
        "media": (
            "Sorry, I can't open pictures or attachments. Please text your "
            f"question in words, or call us at {phone}."
        ),
        "too_long": (
            "Sorry, your message is too long for me to read. Please send a "
            f"shorter question, or call us at {phone}."
        ),
        "expired": (
            "That choice has expired. Please text your question again, or call "
            f"us at {phone}."
        ),
        "no_choice": (
            "I don't have a question waiting for that reply. Please text your "
            f"question, or call us at {phone}."
        ),
        "choose_2": choose_again_text(2),
        "choose_3": choose_again_text(3),
        "error": (
            f"Sorry, something went wrong on our side. Please call us at {phone}. "
            "In a crisis call or text 988, or call 911 in an emergency."
        ),
    }
    return {key: to_gsm7(value) for key, value in texts.items()}


class SmsResponder:
    """Answers one inbound text: keywords, opt-outs, numbered choices, retries.

    ``clock`` and ``sleep`` are injectable so that expiry and waiting for a
    retry's first answer are tested without waiting.
    """

    def __init__(
        self,
        assistant: Assistant,
        store: Store,
        settings: Settings,
        clock: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.assistant = assistant
        self.store = store
        self.settings = settings
        self.clock = clock
        self.sleep = sleep

    @property
    def texts(self) -> Mapping[str, str]:
        """The fixed messages, in the clinic's name and number."""
        return fixed_texts(self.assistant.faq)

    @property
    def phone(self) -> str:
        return self.assistant.faq.clinic.phone.display

    # -- the entry point ---------------------------------------------------------------
    def handle(self, msg: Inbound) -> Outcome:
        """The reply to ``msg``; a retried MessageSid gets the first reply again."""
        if not msg.sender:
            log.warning("sms %s without a From number: ignored", msg.message_sid)
            return Outcome(None, "no-sender")
        outcome = self._claim(msg.message_sid)
        if outcome is None:
            try:
                outcome = self._respond(msg)
            except BaseException:
                self._release(msg.message_sid)
                raise
            self._remember(msg.message_sid, outcome)
        log.info(
            "sms %s from %s: %s%s",
            msg.message_sid,
            mask(msg.sender),
            outcome.kind,
            " (retry)" if outcome.duplicate else "",
        )
        return outcome

    def _respond(self, msg: Inbound) -> Outcome:
        body, phone = clean(msg.body), msg.sender.strip()
        word = keyword(body)
        if word in STOP_WORDS or word in STOP_WORDS_ES:
            self._opt_out(phone)
            send = self.settings.sms_send_optout_confirmation
            text = self._spanish("stop") if word in STOP_WORDS_ES else None
            return Outcome((text or self.texts["stop"]) if send else None, "stop")
        if word in START_WORDS:
            self._opt_in(phone)
            return Outcome(self.texts["start"], "start")
        if self._opted_out(phone):
            return self._while_opted_out(msg, body)
        if word in HELP_WORDS:
            return Outcome(self.texts["help"], "help")
        if word in HELP_WORDS_ES:
            return Outcome(self._spanish("help") or self.texts["help"], "help")
        if not body:
            kind = "media" if msg.num_media > 0 else "empty"
            return Outcome(self.texts[kind], kind)
        if len(body) > MAX_BODY_CHARS and safety.screen(body) is None:
            return Outcome(self.texts["too_long"], "too-long")
        picked = choice(body)
        if picked is not None:
            return self._pick(msg, picked)
        return self._ask(msg, body)

    # -- replies -----------------------------------------------------------------------
    def _ask(self, msg: Inbound, body: str) -> Outcome:
        phone = msg.sender.strip()
        reply = self.assistant.ask(
            body, "sms", contact=phone, external_id=msg.message_sid or None
        )
        if reply.status == "clarify" and reply.suggestions:
            if self._offer(phone, body, reply):
                return Outcome(clarify_text(reply.suggestions, reply.lang), "clarify")
            return self._hand_over(msg, body, reply)
        self._forget_choice(phone)
        return Outcome(self.render(reply), reply.status)

    def render(self, reply: Reply) -> str:
        """The SMS for a pipeline reply: GSM-7, two segments at most, with the phone."""
        if reply.status == "smalltalk" and reply.reason == "help":
            # The FAQ's help reply is written for the widget; SMS has its own.
            spanish = self._spanish("help") if reply.lang == "es" else None
            return spanish or self.texts["help"]
        if reply.status == "smalltalk" and reply.reason == "empty":
            return self.texts["empty"]
        text = fit_sms(reply.sms, self.phone)
        if text != to_gsm7(reply.sms):
            log.warning(
                "SMS text for %s %s is over %d segments and was shortened; "
                "shorten it in the FAQ",
                reply.status,
                reply.faq_id or reply.reason,
                MAX_SEGMENTS,
            )
        return text

    def _hand_over(self, msg: Inbound, body: str, reply: Reply) -> Outcome:
        """Staff take a question whose numbered choice could not be stored.

        Without the stored choice a "2" could not be understood later, so
        rather than offer one the question goes to staff (to the spool while
        the database is down) and the patient is told so.
        """
        sid = msg.message_sid or None
        self.assistant.save(
            AskRecord(
                channel="sms",
                text=body,
                status="unmatched",
                score=reply.score,
                candidates=[(c.faq_id, c.score) for c in reply.candidates],
                contact=msg.sender.strip(),
                # The clarify ask itself holds the MessageSid.
                external_id=f"{sid}:handoff" if sid else None,
            )
        )
        faq = self.assistant.faq
        return Outcome(fit_sms(faq.handoff_sms, self.phone), "clarify-handoff")

    def _while_opted_out(self, msg: Inbound, body: str) -> Outcome:
        # Nothing goes back to an opted-out number, but a crisis still reaches
        # staff as an urgent item with the number to call.
        if safety.screen(body) is None:
            return Outcome(None, "opted-out")
        self.assistant.ask(
            body,
            "sms",
            contact=msg.sender.strip(),
            external_id=msg.message_sid or None,
        )
        return Outcome(None, "opted-out-crisis")

    def _pick(self, msg: Inbound, picked: int) -> Outcome:
        phone = msg.sender.strip()
        pending = self._pending(phone)
        if pending is None:
            return Outcome(self.texts["no_choice"], "pick-none")
        if pending.expires_at <= self.clock():
            self._consume(phone, pending)
            return Outcome(self.texts["expired"], "pick-expired")
        if picked > len(pending.choices):
            return Outcome(choose_again_text(len(pending.choices)), "pick-invalid")
        if not self._consume(phone, pending):
            # Another text from this number used the choice a moment ago.
            return Outcome(self.texts["no_choice"], "pick-none")
        sid = msg.message_sid or None
        lang = language.choose(pending.question)  # the question's language
        if picked > 0:
            faq_id = pending.choices[picked - 1]
            reply = self.assistant.pick(faq_id, "sms", external_id=sid, lang=lang)
            if reply is not None:
                return Outcome(self.render(reply), "pick")
            log.warning("sms %s picked %s, gone from the FAQ", sid, faq_id)
        # 0 (or an entry removed since): the original question goes to staff.
        self.assistant.save(
            AskRecord(
                channel="sms",
                text=pending.question,
                status="unmatched",
                candidates=pending.candidates,
                contact=phone,
                external_id=sid,
                kind="pick",
            )
        )
        faq = self.assistant.faq
        handoff = faq.handoff_sms
        tr = self.assistant.translation(lang)
        if tr is not None:
            handoff = tr.messages["handoff"].sms
        return Outcome(fit_sms(handoff, self.phone), "pick-handoff")

    def _spanish(self, name: str) -> str | None:
        """A fixed SMS text in Spanish (faq/es.yaml), when Spanish is set up."""
        tr = self.assistant.translation("es")
        return to_gsm7(tr.sms_texts[name].sms) if tr is not None else None

    # -- opt-outs ----------------------------------------------------------------------
    def _opted_out(self, phone: str) -> bool:
        try:
            with self.store.engine.connect() as conn:
                row = conn.execute(
                    select(sms_optouts.c.phone).where(sms_optouts.c.phone == phone)
                ).first()
        except SQLAlchemyError as exc:
            # Twilio itself blocks texts to numbers that sent STOP; answering is
            # safer than staying silent to someone who may be in crisis.
            log.error("opt-out check failed (%s); answering", type(exc).__name__)
            return False
        return row is not None

    def _opt_out(self, phone: str) -> None:
        try:
            with self.store.begin() as conn:
                found = conn.execute(
                    select(sms_optouts.c.phone).where(sms_optouts.c.phone == phone)
                ).first()
                if found is None:
                    conn.execute(
                        sms_optouts.insert().values(
                            phone=phone, created_at=self.clock()
                        )
                    )
        except IntegrityError:
            pass  # the same STOP, recorded a moment ago by another worker
        except SQLAlchemyError as exc:
            log.error("OPT-OUT NOT STORED for %s (%s)", mask(phone), type(exc).__name__)

    def _opt_in(self, phone: str) -> None:
        try:
            with self.store.begin() as conn:
                conn.execute(delete(sms_optouts).where(sms_optouts.c.phone == phone))
        except SQLAlchemyError as exc:
            log.error("opt-in not stored for %s (%s)", mask(phone), type(exc).__name__)

    # -- the pending numbered choice ---------------------------------------------------
    def _offer(self, phone: str, question: str, reply: Reply) -> bool:
        now = self.clock()
        values: dict[str, Any] = {
            "phone": phone,
            "created_at": now,
            "expires_at": now + timedelta(minutes=self.settings.sms_clarify_minutes),
            "question": question,
            "choices": json.dumps([s.faq_id for s in reply.suggestions]),
            "candidates": json.dumps(
                [[c.faq_id, round(c.score, 4)] for c in reply.candidates]
            ),
        }
        for _attempt in range(2):
            try:
                with self.store.begin() as conn:
                    conn.execute(
                        delete(sms_pending).where(
                            (sms_pending.c.phone == phone)
                            | (sms_pending.c.expires_at < now - EXPIRED_KEPT)
                        )
                    )
                    conn.execute(sms_pending.insert().values(**values))
                return True
            except IntegrityError:
                continue  # another worker stored a choice for this number just now
            except SQLAlchemyError as exc:
                log.error("clarify choice not stored (%s)", type(exc).__name__)
                return False
        log.error("clarify choice not stored: it kept colliding with another")
        return False

    def _pending(self, phone: str) -> _Pending | None:
        try:
            with self.store.engine.connect() as conn:
                row = conn.execute(
                    select(sms_pending).where(sms_pending.c.phone == phone)
                ).first()
        except SQLAlchemyError as exc:
            log.error("clarify choice unavailable (%s)", type(exc).__name__)
            return None
        if row is None:
            return None
        return _Pending(
            created_at=row.created_at,
            expires_at=row.expires_at,
            question=row.question,
            choices=tuple(json.loads(row.choices)),
            candidates=tuple((f, float(s)) for f, s in json.loads(row.candidates)),
        )

    def _consume(self, phone: str, pending: _Pending) -> bool:
        """Take the choice away; True for exactly one of two racing messages."""
        try:
            with self.store.begin() as conn:
                gone = conn.execute(
                    delete(sms_pending).where(
                        sms_pending.c.phone == phone,
                        sms_pending.c.created_at == pending.created_at,
                    )
                ).rowcount
        except SQLAlchemyError as exc:
            log.error("clarify choice not cleared (%s)", type(exc).__name__)
            return False
        return gone == 1

    def _forget_choice(self, phone: str) -> None:
        # A new question means the last choice no longer applies.
        try:
            with self.store.begin() as conn:
                conn.execute(delete(sms_pending).where(sms_pending.c.phone == phone))
        except SQLAlchemyError as exc:
            log.error("clarify choice not cleared (%s)", type(exc).__name__)

    # -- retries of one MessageSid ---------------------------------------------------
    def _claim(self, sid: str) -> Outcome | None:
        """None when this request answers ``sid``; for a retry, the first reply.

        The claim row is written before anything else, so two deliveries of
        one message racing on two workers cannot both answer and record it.
        """
        if not sid:
            return None
        steps = max(1, int(RETRY_WAIT_SECONDS / RETRY_POLL_SECONDS))
        try:
            for _step in range(steps):
                now = self.clock()
                try:
                    with self.store.begin() as conn:
                        conn.execute(
                            sms_messages.insert().values(
                                message_sid=sid, received_at=now
                            )
                        )
                    return None
                except IntegrityError:
                    pass
                with self.store.engine.connect() as conn:
                    row = conn.execute(
                        select(sms_messages).where(sms_messages.c.message_sid == sid)
                    ).first()
                if row is None:
                    continue  # the first attempt failed and let go: answer it now
                if row.replied_at is not None:
                    return Outcome(row.reply or None, "retry", duplicate=True)
                if row.received_at <= now - STALE_CLAIM and self._take_over(row, now):
                    return None
                self.sleep(RETRY_POLL_SECONDS)
        except SQLAlchemyError as exc:
            log.error(
                "cannot check MessageSid %s for a retry (%s); answering it",
                sid,
                type(exc).__name__,
            )
            return None
        # Still being answered elsewhere: that request sends the reply.
        return Outcome(None, "retry-in-flight", duplicate=True)

    def _take_over(self, row: Any, now: datetime) -> bool:
        with self.store.begin() as conn:
            taken = conn.execute(
                update(sms_messages)
                .where(
                    sms_messages.c.message_sid == row.message_sid,
                    sms_messages.c.replied_at.is_(None),
                    sms_messages.c.received_at == row.received_at,
                )
                .values(received_at=now)
            ).rowcount
        return taken == 1

    def _remember(self, sid: str, outcome: Outcome) -> None:
        if not sid:
            return
        try:
            with self.store.begin() as conn:
                conn.execute(
                    update(sms_messages)
                    .where(sms_messages.c.message_sid == sid)
                    .values(replied_at=self.clock(), reply=outcome.text or "")
                )
        except SQLAlchemyError as exc:
            log.error("reply to %s not stored (%s)", sid, type(exc).__name__)

    def _release(self, sid: str) -> None:
        if not sid:
            return
        try:
            with self.store.begin() as conn:
                conn.execute(
                    delete(sms_messages).where(
                        sms_messages.c.message_sid == sid,
                        sms_messages.c.replied_at.is_(None),
                    )
                )
        except SQLAlchemyError:
            log.error("claim on %s not released", sid)

    # -- retention ------------------------------------------------------------------
    def purge(self, before: datetime) -> int:
        """Forget handled MessageSids and expired choices older than ``before``.

        Opt-outs are kept: they must hold until the number texts START.
        """
        with self.store.begin() as conn:
            gone = conn.execute(
                delete(sms_messages).where(sms_messages.c.received_at < before)
            ).rowcount
            gone += conn.execute(
                delete(sms_pending).where(sms_pending.c.expires_at < before)
            ).rowcount
        return gone
