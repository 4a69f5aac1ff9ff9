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
import unicodedata
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
from .retention import purge_sms
from .storage import (
    AskRecord,
    Store,
    sms_messages,
    sms_optouts,
    sms_pending,
    utcnow,
)
from .text import clean, loggable, split_sentences

log = logging.getLogger(__name__)

MAX_BODY_CHARS = 1600  # the longest message Twilio delivers
MAX_SEGMENTS = 2
MAX_SEPTETS = MAX_SEGMENTS * MULTI_SEGMENT  # 306

# The carrier keywords, as whole messages. Twilio's default opt-out handling
# on a long code answers all of these itself (FAQBOT_SMS_KEYWORDS=twilio).
STOP_WORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
)
START_WORDS = frozenset({"START", "YES", "UNSTOP"})
HELP_WORDS = frozenset({"HELP", "INFO"})
KEYWORD_HANDLERS = ("twilio", "faqbot")
# Spanish keywords (issue 10): opt out, and the help text in Spanish.
STOP_WORDS_ES = frozenset({"PARAR", "CANCELAR", "BAJA"})
HELP_WORDS_ES = frozenset({"AYUDA"})

# Opt-out requests in the patient's own words (the FCC's 2025 revocation rule:
# any reasonable way of saying "stop" counts). Whole messages only, after
# _plain(): "stop the migraine" or "cancel my appointment" are questions.
_POLITE = r"(?:please|pls|plz|now|thanks|thank you|ok|already|asap|por favor|gracias)"
_TEXTS = r"(?:texts?|texting|messages?|messaging|sms|msgs?|mensajes?)"
_ME = r"(?:me|to me|this number|my number|my phone)"
_OPT_OUT_RES = [
    re.compile(rf"^(?:{_POLITE} )*{pattern}(?: {_POLITE})*$")
    for pattern in (
        # STOP STOP, Stop please, STOP ALL
        r"(?:stop|stopall|unsubscribe|cancel|end|quit|revoke|optout|opt out)"
        r"(?: (?:stop|stopall|unsubscribe|cancel|end|quit|revoke|optout|all|it))*",
        # stop texting me, quit sending me messages, stop all texts
        rf"(?:stop|quit|cease|end) (?:all )?(?:sending (?:me )?)?(?:the |these |your )?"
        rf"{_TEXTS}(?: {_ME})?(?: (?:anymore|any more|again))?",
        # opt out, opt me out, unsubscribe me, remove me (from this list)
        r"(?:opt (?:me )?out|unsubscribe(?: me)?|remove me|take me off)"
        r"(?: (?:of|from|off)? ?(?:this|the|your|these|all)? ?(?:list|texts?|"
        r"messages?|number|service))*",
        # no more texts, don't text me (anymore), do not message me
        rf"no more {_TEXTS}",
        rf"(?:do not|dont|don t|never) (?:text|message|sms|contact) {_ME}"
        r"(?: (?:anymore|any more|again|ever again))?",
        # Spanish: no más mensajes, no me escriban más, dejen de mandarme mensajes
        r"(?:baja|alto|parar|detener|cancelar)",
        r"no (?:me )?(?:manden|envien|escriban) (?:mas )?(?:mensajes )?(?:mas)?",
        rf"no mas {_TEXTS}",
        rf"(?:dejen|deja|dejar) de (?:mandarme|enviarme|escribirme) ?(?:{_TEXTS})?",
        r"darme de baja|dame de baja",
    )
]

# Menu replies as people write them: "2", "#2", "option 2", "2 please",
# "two", "dos", a full-width "２" or the keycap emoji 2️⃣.
_NUMBER_WORDS = {
    "zero": 0, "none": 0, "neither": 0, "cero": 0, "ninguno": 0, "ninguna": 0,
    "one": 1, "first": 1, "uno": 1, "una": 1, "primero": 1, "primera": 1,
    "two": 2, "second": 2, "dos": 2, "segundo": 2, "segunda": 2,
    "three": 3, "third": 3, "tres": 3, "tercero": 3, "tercera": 3,
    "four": 4, "cuatro": 4, "five": 5, "cinco": 5,
}  # fmt: skip
_AROUND_CHOICE = frozenset(
    """
    option opcion number numero no num nr choice choose pick reply answer i want
    id like the el la is es quiero please pls plz thanks thank you thx ty ok okay
    por favor gracias porfa of these them those estos estas one d
    """.split()
)
_KEYCAP = dict.fromkeys(map(ord, "\ufe0f\u20e3\ufe0e"), None)
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
    media_urls: tuple[str, ...] = ()


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


def _plain(body: str) -> str:
    """Lower-case words without accents or punctuation, for matching whole replies.

    >>> _plain("  OPT-OUT! "), _plain("Opción #２")
    ('opt out', 'opcion # 2')
    """
    text = unicodedata.normalize("NFKC", body).translate(_KEYCAP)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[’'`]", " ", text)
    text = re.sub(r"#", " # ", text)
    return " ".join(re.sub(r"[^\w#]+", " ", text).split())


def keyword(body: str) -> str | None:
    """The carrier keyword a whole message is (STOP, START, HELP, ...), if any.

    >>> keyword(" Stop. "), keyword("stop texting me")
    ('STOP', None)
    """
    word = body.strip().rstrip(".!").strip().upper()
    if word in STOP_WORDS | START_WORDS | HELP_WORDS | STOP_WORDS_ES | HELP_WORDS_ES:
        return word
    return None


def opt_out_request(body: str) -> bool:
    """True when a whole message asks for no more texts, in whatever words.

    >>> opt_out_request("Stop texting me please"), opt_out_request("stop the pain")
    (True, False)
    """
    plain = _plain(body)
    return bool(plain) and any(r.match(plain) for r in _OPT_OUT_RES)


def choice(body: str) -> int | None:
    """The number a message picks from a numbered menu, if that is all it says.

    >>> [choice(b) for b in ("1?", "#2", "option 2 please", "Two", "\uff11", "02")]
    [1, 2, 2, 2, 1, 2]
    >>> choice("1 2"), choice("how long is 1 infusion")
    (None, None)
    """
    plain = _plain(body)
    numbers: list[int] = []
    for word in plain.split():
        if word.isdigit() and len(word) <= 2:
            numbers.append(int(word))
        elif word in _NUMBER_WORDS and not (word == "one" and numbers):
            numbers.append(_NUMBER_WORDS[word])
        elif word not in _AROUND_CHOICE and word != "#":
            return None
    return numbers[0] if len(numbers) == 1 else None


def fit_sms(text: str, phone: str, tail: str = "") -> str:
    """``text`` in GSM-7 and at most two segments, still carrying ``phone``.

    ``tail`` (the safety line of a reply that is not an answer) always ends
    the text whole; it is added once, however often this is applied. Too
    long a text keeps its leading whole sentences (cut at a word only when
    the first sentence alone is too long), then the phone number.
    """
    text, tail = to_gsm7(text).strip(), to_gsm7(tail).strip()
    if tail and text.endswith(tail):
        text = text[: -len(tail)].rstrip()
    room = MAX_SEPTETS - (septets(tail) + 1 if tail else 0)
    if septets(text) > room or (not tail and segments(text) > MAX_SEGMENTS):
        suffix = f" Call {phone}."
        kept = ""
        for sentence in split_sentences(text):
            longer = f"{kept} {sentence}".strip()
            if septets(longer) + septets(suffix) > room:
                break
            kept = longer
        if not kept:
            words = text.split()
            while words and septets(" ".join(words)) + 3 + septets(suffix) > room:
                words.pop()
            kept = " ".join(words) + "..."
        text = kept if phone in kept else kept + suffix
    return f"{text} {tail}" if tail else text


def _options(n: int, lang: str = "en") -> str:
    numbers = [str(i) for i in range(1, n + 1)]
    word = " o " if lang == "es" else " or "
    return word.join(numbers) if n <= 2 else f"{', '.join(numbers[:-1])}{word}{n}"


def clarify_text(
    suggestions: tuple[Suggestion, ...], phone: str, safety: str, lang: str = "en"
) -> str:
    """The numbered menu: "Did you mean: 1) ... 2) ... Reply 1 or 2, or 0 ...".

    It carries the clinic's number and ends with the safety line, like every
    reply that is not an answer; in Spanish for a Spanish question.
    """
    n = len(suggestions)
    if lang == "es":
        head = "¿Quiso decir:"
        tail = to_gsm7(
            f"Responda {_options(n, lang)}, o 0 para hablar con nuestro equipo. "
            f"Llame al {phone}. {safety}"
        )
    else:
        head = "Did you mean:"
        tail = to_gsm7(
            f"Reply {_options(n)}, or 0 to reach our team. Call {phone}. {safety}"
        )
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


def choose_again_text(n: int, picked: int, phone: str, safety: str) -> str:
    """The nudge for a number outside the choices offered (the menu stays open)."""
    return fit_sms(
        f"There is no choice {picked}. Please reply {_options(n)} to choose, or 0 "
        f"to reach our team. Call {phone}.",
        phone,
        safety,
    )


def fixed_texts(faq: Faq) -> dict[str, str]:
    """Every fixed SMS the service sends, by name (all GSM-7, each <= 2 segments).

    The ones that are not an answer end with the FAQ's safety line (911, 988).
    """
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
    }
    not_answers = {
        "empty": (
            "Please text your question in words and I'll do my best to answer "
            f"it, or call us at {phone}."
        ),
        "media": (
            "Sorry, I can't open pictures or attachments. Please text your "
            f"question in words, or call us at {phone}."
        ),
        "media_text": (
            "Thanks. I can't open pictures, so I've passed your message and "
            f"picture to our care team, who will get back to you. Call {phone}."
        ),
        "too_long": (
            "Sorry, your message is too long for me to read. Please send a "
            f"shorter question, or call us at {phone}."
        ),
        "expired": (
            "That menu has expired. Please text your question again, or reply 0 "
            f"and our care team will get back to you. Call {phone}."
        ),
        "no_choice": (
            "I don't have a question waiting for that reply. Please text your "
            f"question, or call us at {phone}."
        ),
        "error": (
            f"Sorry, something went wrong on our side. Please call us at {phone}."
        ),
    }
    texts = {key: to_gsm7(value) for key, value in texts.items()}
    for key, value in not_answers.items():
        texts[key] = fit_sms(value, phone, faq.safety_sms)
    for n in (2, 3):
        texts[f"choose_{n}"] = choose_again_text(n, n + 1, phone, faq.safety_sms)
    return texts


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

    @property
    def safety(self) -> str:
        """The line that ends every reply that is not an answer (911, 988)."""
        return self.assistant.faq.safety_sms

    # -- the entry point ---------------------------------------------------------------
    def handle(self, msg: Inbound) -> Outcome:
        """The reply to ``msg``; a retried MessageSid gets the first reply again."""
        if not msg.sender:
            log.warning(
                "sms %s without a From number: ignored", loggable(msg.message_sid)
            )
            return Outcome(None, "no-sender")
        outcome = self._claim(msg.message_sid)
        if outcome is None:
            try:
                outcome = self._respond(msg)
            except BaseException:
                self._release(msg.message_sid)
                raise
            self._remember(msg.message_sid, outcome)
        # At INFO only what happened: a message id next to "crisis" leads back
        # to the number through Twilio's console.
        retry = " (retry)" if outcome.duplicate else ""
        log.info("sms: %s%s", outcome.kind, retry)
        log.debug(
            "sms %s from %s: %s%s",
            loggable(msg.message_sid),
            mask(msg.sender),
            outcome.kind,
            retry,
        )
        return outcome

    def _respond(self, msg: Inbound) -> Outcome:
        body, phone = clean(msg.body), msg.sender.strip()
        word = keyword(body)
        # With Twilio's opt-out management (a long code's default) Twilio has
        # already answered the standard keywords: a reply of ours would be a
        # second text. Their effect on the number is recorded all the same.
        ours = self.settings.sms_keywords == "faqbot"
        if word in STOP_WORDS:
            self._opt_out(phone)
            return Outcome(self.texts["stop"] if ours else None, "stop")
        if word in STOP_WORDS_ES:
            # Twilio does not know these words: the confirmation is ours to send.
            self._opt_out(phone)
            return Outcome(self._spanish("stop") or self.texts["stop"], "stop")
        if word is None and opt_out_request(body):
            # Twilio does not know these words: the confirmation is ours to send.
            self._opt_out(phone)
            return Outcome(self.texts["stop"], "stop-words")
        opted_out = self._opted_out(phone)
        if word in START_WORDS:
            if opted_out or word != "YES":
                self._opt_in(phone)
                return Outcome(self.texts["start"] if ours else None, "start")
            if not ours:
                return Outcome(None, "keyword")
            # "yes" from a number that never opted out is an ordinary message.
        if opted_out:
            return self._while_opted_out(msg, body)
        if word in HELP_WORDS:
            return Outcome(self.texts["help"] if ours else None, "help")
        if word in HELP_WORDS_ES:
            return Outcome(self._spanish("help") or self.texts["help"], "help")
        if not body:
            kind = "media" if msg.num_media > 0 else "empty"
            return Outcome(self.texts[kind], kind)
        if len(body) > MAX_BODY_CHARS and safety.screen(body) is None:
            return Outcome(self.texts["too_long"], "too-long")
        if msg.num_media > 0:
            return self._with_pictures(msg, body)
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
                safety_line = self._safety_for(reply.lang)
                menu = clarify_text(
                    reply.suggestions, self.phone, safety_line, reply.lang
                )
                return Outcome(menu, "clarify")
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
        if reply.status in ("unmatched", "clarify"):
            return fit_sms(reply.sms, self.phone, self.safety)
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
        text = fit_sms(faq.handoff_sms, self.phone, self.safety)
        return Outcome(text, "clarify-handoff")

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

    def _with_pictures(self, msg: Inbound, body: str) -> Outcome:
        """Text with a picture: staff see both (with the picture's link).

        The bot cannot look at a picture, and a patient who sends one expects
        a person to; a crisis in the words still gets the crisis reply.
        """
        phone = msg.sender.strip()
        self.assistant.refresh()
        reply = self.assistant.classify(body)
        links = [f"Picture: {url}" for url in msg.media_urls]
        if len(links) < msg.num_media:
            links.append(f"({msg.num_media - len(links)} attachment(s) without a link)")
        crisis = reply.status == "crisis"
        self.assistant.save(
            AskRecord(
                channel="sms",
                text="\n".join([body, *links]),
                status="crisis" if crisis else "unmatched",
                score=reply.score,
                candidates=[(c.faq_id, c.score) for c in reply.candidates],
                crisis_kind=reply.reason if crisis else None,
                contact=phone,
                external_id=msg.message_sid or None,
            )
        )
        self._forget_choice(phone)
        if crisis:
            return Outcome(self.render(reply), "crisis")
        return Outcome(self.texts["media_text"], "media-text")

    def _pick(self, msg: Inbound, picked: int) -> Outcome:
        phone = msg.sender.strip()
        pending = self._pending(phone)
        if pending is None:
            return Outcome(self.texts["no_choice"], "pick-none")
        if pending.expires_at <= self.clock() and picked != 0:
            # The menu stays stored (a day): "0" still sends the question to staff.
            return Outcome(self.texts["expired"], "pick-expired")
        n = len(pending.choices)
        if picked > n:
            text = choose_again_text(n, picked, self.phone, self.safety)
            return Outcome(text, "pick-invalid")
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
            log.warning("sms %s picked %s, gone from the FAQ", loggable(sid), faq_id)
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
        text = fit_sms(handoff, self.phone, self._safety_for(lang))
        return Outcome(text, "pick-handoff")

    def _spanish(self, name: str) -> str | None:
        """A fixed SMS text in Spanish (faq/es.yaml), when Spanish is set up."""
        tr = self.assistant.translation("es")
        return to_gsm7(tr.sms_texts[name].sms) if tr is not None else None

    def _safety_for(self, lang: str) -> str:
        """The safety line in the patient's language."""
        tr = self.assistant.translation(lang)
        if tr is not None and "safety_line" in tr.messages:
            return to_gsm7(tr.messages["safety_line"].sms)
        return self.safety

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
                loggable(sid),
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
            log.error("reply to %s not stored (%s)", loggable(sid), type(exc).__name__)

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
            log.error("claim on %s not released", loggable(sid))

    # -- retention ------------------------------------------------------------------
    def purge(self, before: datetime) -> int:
        """Forget handled MessageSids and expired choices older than ``before``.

        Opt-outs are kept: they must hold until the number texts START.
        """
        with self.store.begin() as conn:
            return purge_sms(conn, before, before)
