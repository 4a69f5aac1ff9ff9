"""The ask pipeline every channel calls: crisis screen, small talk, FAQ match.

``Assistant.ask(text, channel)`` returns a ``Reply`` and records it. The
order matters: a crisis message gets the crisis response even when it also
contains a perfectly answerable question. A message at ``possible`` risk
gets the reply it would otherwise get plus the safety line, and every reply
that is not an answer (handoff, clarify) ends with the safety line too.
Recording never stands between a patient and their reply: when the database
fails, the reply still goes out and the record waits in the spool file until
the database is back.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy.exc import SQLAlchemyError

from . import language, safety
from .classifier import OUT_OF_SCOPE
from .config import Settings
from .faq import Faq, FaqEntry, FaqError, load_faq
from .gsm import septets, to_gsm7
from .matching import Candidate, Match, Matcher
from .message import (
    Analysed,
    analyse,
    points_back,
    question_alone,
    question_apart,
    without_sentences_holding,
)
from .recovery import Importer
from .smalltalk import SmallTalker
from .spanish import SpanishMatcher, build_spanish
from .spool import Spool
from .storage import AskRecord, Recorded, Store
from .translations import Translation

log = logging.getLogger(__name__)

STATUSES = ("answered", "clarify", "unmatched", "crisis", "smalltalk")
RISKS = safety.LEVELS
SMS_SEPTETS = 306  # two GSM-7 segments
CHANNELS = ("web", "sms", "cli", "api")


@dataclass(frozen=True)
class Suggestion:
    faq_id: str
    question: str


@dataclass(frozen=True)
class Reply:
    """What the bot says back, and what it knows about why."""

    status: str
    answer: str
    sms: str
    faq_id: str | None = None
    question: str | None = None
    score: float | None = None
    suggestions: tuple[Suggestion, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    reason: str | None = None  # crisis kind, handoff topic or small-talk id
    ask_id: int | None = None
    handoff_id: int | None = None
    duplicate: bool = False
    stored: bool = True
    risk: str = "none"  # none | possible | crisis (safety.LEVELS)
    assessment: safety.Assessment | None = field(default=None, compare=False)
    lang: str = "en"  # the language replied in: en | es | other (both)

    def to_api(self, faq: Faq) -> dict[str, Any]:
        """The documented /api/ask response body."""
        return {
            "status": self.status,
            "risk": self.risk,
            "answer": self.answer,
            "faq_id": self.faq_id,
            "question": self.question,
            "score": self.score,
            "suggestions": [
                {"faq_id": s.faq_id, "question": s.question} for s in self.suggestions
            ],
            "phone": faq.clinic.phone.as_dict(),
            "lang": self.lang,
        }


@dataclass
class _Loaded:
    faq: Faq
    matcher: Matcher
    mtime: tuple[float, ...]  # of each of the FAQ's files (faq.files)
    revision: int
    learned: list[tuple[str, str]] = field(default_factory=list)
    smalltalk: SmallTalker = field(init=False)
    spanish: SpanishMatcher | None = field(init=False)

    def __post_init__(self) -> None:
        self.smalltalk = SmallTalker(self.faq)
        self.spanish = build_spanish(self.faq, self.learned)


class _Reread(NamedTuple):
    """A reread question's match and the entry it answers with."""

    match: Match
    best: Candidate
    said: str | None  # the classifier's reading of the question alone


# Warm-up messages (``Assistant.warm``): one a language, each read by the
# crisis screen and its model, one with a typo for the speller.
WARM_UP = (
    "how long does an infusion apointment take and can i drive home after it",
    "cuanto dura la infusion de ketamina y puedo manejar despues de la cita",
)


def build_matcher(faq: Faq, learned: list[tuple[str, str]]) -> Matcher:
    """Build the index, then keep the garbage collector from walking it.

    The index is hundreds of thousands of long-lived objects on a large FAQ; a
    full collection pass over them stalls whatever request it lands in, so
    they are moved to the permanent generation (``gc.freeze``).
    """
    # Phrasings staff taught in Spanish belong to the Spanish matcher only.
    learned = [(f, t) for f, t in learned if language.detect(t).lang != "es"]
    matcher = Matcher(faq, learned)
    gc.collect()
    gc.freeze()
    return matcher


class Assistant:
    """The FAQ, its matcher and the store, kept fresh for one process.

    The FAQ file is reloaded when it changes on disk (a broken edit keeps the
    last good FAQ serving) and learned phrasings are picked up as soon as
    staff add them, on every worker, without a restart.
    """

    def __init__(self, settings: Settings, store: Store | None = None) -> None:
        # The crisis model first: reading it leaves 3 MB of freed temporaries
        # that what follows reuses instead of taking more (docs/PERFORMANCE.md).
        safety.probability("")
        self.settings = settings
        self.store = store
        self.spool = Spool(settings.spool_path)
        # Imports spooled records once the database is back (faqbot.recovery).
        self.importer = Importer(self.spool, store, settings.spool_replay_seconds)
        self._lock = threading.RLock()
        self._last_check = time.monotonic()
        faq = load_faq(settings.faq_path)
        learned, revision = self._read_learned()
        self._state = _Loaded(
            faq, build_matcher(faq, learned), self._mtime(faq), revision, learned
        )
        self.importer.wake()  # records left in the spool by an earlier run

    # -- freshness -----------------------------------------------------------------
    @property
    def faq(self) -> Faq:
        return self._state.faq

    @property
    def matcher(self) -> Matcher:
        return self._state.matcher

    def _mtime(self, faq: Faq) -> tuple[float, ...]:
        """When each FAQ file last changed: an edit to any of them reloads."""
        files = faq.files or (self.settings.faq_path,)
        if self.settings.faq_path not in files:
            files = (self.settings.faq_path, *files)
        out = []
        for path in files:
            try:
                out.append(os.stat(path).st_mtime)
            except OSError:
                out.append(0.0)
        return tuple(out)

    def _read_learned(self) -> tuple[list[tuple[str, str]], int]:
        if self.store is None:
            return [], 0
        try:
            revision = self.store.learned_revision()
            rows = self.store.learned_phrasings()
        except SQLAlchemyError:
            log.warning("learned phrasings unavailable: database error")
            return [], -1
        return [(r["faq_id"], r["text"]) for r in rows], revision

    def refresh(self, force: bool = False) -> None:
        """Pick up a changed FAQ file and new learned phrasings."""
        state = self._state
        faq, rebuild = state.faq, False
        now = time.monotonic()
        every = self.settings.faq_reload_seconds
        if force or (every > 0 and now - self._last_check >= every):
            self._last_check = now
            mtime = self._mtime(state.faq)
            if mtime != state.mtime:
                try:
                    faq = load_faq(self.settings.faq_path)
                    rebuild = True
                    log.info("FAQ reloaded: %d entries", len(faq.entries))
                except FaqError as exc:
                    log.error(
                        "FAQ edit rejected, still serving the last good FAQ:\n%s", exc
                    )
                state.mtime = mtime  # don't retry the same broken file every request
        learned, revision = state.learned, state.revision
        if self.store is not None:
            try:
                current = self.store.learned_revision()
            except SQLAlchemyError:
                current = state.revision
            if current != state.revision:
                learned, revision = self._read_learned()
                rebuild = True
        if rebuild:
            with self._lock:
                self._state = _Loaded(
                    faq, build_matcher(faq, learned), state.mtime, revision, learned
                )

    def warm(self) -> None:
        """Build what the first questions would otherwise build (the crisis
        model's tables, each language's rule sets and word tables) without
        recording anything: gunicorn's master does it once before forking the
        workers, which then share those pages (gunicorn.conf.py)."""
        for text in WARM_UP:
            self.classify(text)

    # -- the pipeline ------------------------------------------------------------------
    def ask(
        self,
        text: str | Analysed,
        channel: str,
        session_id: str | None = None,
        contact: str | None = None,
        external_id: str | None = None,
        record: bool = True,
        page_lang: str | None = None,
    ) -> Reply:
        """Answer one patient message: crisis screen, small talk, then the FAQ.

        ``page_lang`` is the language of the page the widget sits on (or the
        SMS conversation's); the message's own language wins when it is clear.
        """
        self.refresh()
        reply = self.classify(text, self._conversation_lang(session_id), page_lang)
        if not record:
            return reply
        raw = text.raw if isinstance(text, Analysed) else text
        return self._record(reply, raw, channel, session_id, contact, external_id)

    def analyse(
        self,
        text: str | Analysed,
        conversation: str | None = None,
        page: str | None = None,
    ) -> Analysed:
        """The message analysed once (``faqbot.message``), its language chosen."""
        msg = analyse(text)
        lang = "en"
        if self._state.spanish is not None:
            lang = language.choose(msg, conversation, page)
        return msg.with_lang(lang)

    def classify(
        self,
        text: str | Analysed,
        conversation: str | None = None,
        page: str | None = None,
    ) -> Reply:
        """Decide the reply to ``text`` without recording anything.

        The crisis screen comes first, whatever the language; then the message
        is answered in its language (the conversation's or the page's when the
        message itself does not tell). The message is analysed once, here, and
        every stage reads that analysis rather than the raw text.
        """
        msg = self.analyse(text, conversation, page)
        verdict = safety.assess(msg)
        lang = msg.lang
        if verdict.level == "crisis":
            return self._crisis_reply(msg, verdict, lang)
        reply = (
            self._classify_es(msg, lang) if lang != "en" else self._reply(msg, verdict)
        )
        if verdict.level == "possible" or reply.status in ("clarify", "unmatched"):
            reply = self._with_safety_line(reply)
        return _with(reply, risk=verdict.level, assessment=verdict)

    def _crisis_reply(
        self, msg: Analysed, verdict: safety.Assessment, lang: str
    ) -> Reply:
        """The crisis reply in the message's language (both for another language)."""
        faq = self.faq
        web, sms = faq.crisis_web, faq.crisis_sms
        tr = self.translation("es")
        if tr is not None and lang == "es":
            web, sms = tr.messages["crisis"].web, tr.messages["crisis"].sms
        elif tr is not None and lang == "other":
            web = f"{faq.crisis_web}\n\n{tr.messages['crisis'].web}"
        return Reply(
            "crisis",
            web,
            self._sms(sms),
            reason=verdict.kind,
            candidates=tuple(self.matcher.score(msg)[:3]),
            risk="crisis",
            assessment=verdict,
            lang=lang,
        )

    def _with_safety_line(self, reply: Reply) -> Reply:
        """The reply with the safety line (911, 988) at its end, web and SMS."""
        faq = self.faq
        safety_web, safety_sms = faq.safety_web, faq.safety_sms
        tr = self.translation("es")
        if tr is not None and reply.lang == "es":
            safety_web = tr.messages["safety_line"].web
            safety_sms = tr.messages["safety_line"].sms
        elif tr is not None and reply.lang == "other":
            safety_web = f"{faq.safety_web}\n{tr.messages['safety_line'].web}"
        web = f"{reply.answer}\n\n{safety_web}"
        line = _gsm7(safety_sms)
        sms = self._sms(reply.sms) if reply.sms else self._sms(faq.handoff_sms)
        sms = _with_line(sms, line, faq.clinic.phone.display)
        if reply.status == "clarify":
            sms = reply.sms  # the SMS channel writes its own numbered menu
        return _with(reply, answer=web, sms=sms)

    def _reply(self, msg: Analysed, verdict: safety.Assessment | None = None) -> Reply:
        """Small talk, an answer, a clarifying question or a handoff."""
        faq = self.faq
        small = self._smalltalk(msg)
        if small is not None:
            return small
        match = self.matcher.match(msg)
        if match.status != "answered":
            match = self._question_reread(msg, match)
        if verdict is not None:
            match = self._settled_reread(msg, verdict, match)
        best = match.best
        if match.status == "answered" and best is not None:
            return self._entry_reply(
                faq.by_id[best.faq_id], best.score, match.candidates
            )
        if match.status == "clarify":
            return Reply(
                "clarify",
                "I want to make sure I answer the right question. "
                "Did you mean one of these?",
                "",
                score=best.score if best else None,
                suggestions=tuple(
                    Suggestion(c.faq_id, c.question) for c in match.candidates
                ),
                candidates=match.candidates,
            )
        if match.topic is None:
            closing = self._state.smalltalk.closing(msg)
            if closing is not None:
                return self._chat_reply(closing.id)
        return Reply(
            "unmatched",
            faq.handoff_web,
            self._sms(faq.handoff_sms),
            score=best.score if best else None,
            candidates=match.candidates,
            reason=match.topic,
        )

    def _question_reread(self, msg: Analysed, match: Match) -> Match:
        """The answer to the question read apart from the story around it,
        when the readings agree on it; else ``match`` as it was.

        A near miss tells something alarming or personal and then asks an FAQ
        question ("my son with bipolar wants to try your clinic, where are you
        located"); read whole, the story can pull the words elsewhere or raise
        a topic that is not the question's, and the question goes to staff.
        Two rereadings, each trusted only when its own words reach
        ``answer``, the classifier does not call the question out of scope,
        and a second reading names the same entry: the classifier reading the
        whole message, or reading the question alone when it says enough on
        its own (three words or more). The question split from a story typed
        in the same sentence (where it points back at the story, only when
        the whole message was not torn between entries: then the story tells
        them apart); then the question sentences alone, none pointing back at
        the story, when the whole raises no handoff topic for that entry (a
        context topic such as pregnancy counts wherever it is told).
        """
        matcher = self.matcher
        apart, alone = question_apart(msg), question_alone(msg)
        if apart is None and alone is None:
            return match  # nothing to read apart: most messages
        # The whole message's opinion is read only when a reading's own
        # question does not already name its entry.
        opinion: list[str | None] = []

        def agrees(again: _Reread) -> bool:
            if again.best.faq_id == again.said:
                return True
            if not opinion:
                opinion.append(self._opinion(msg))
            return again.best.faq_id == opinion[0]

        if apart is not None and not (match.status == "clarify" and points_back(apart)):
            again = self._reread_answer(apart)
            if again is not None and agrees(again):
                return again.match
        if alone is None:
            return match
        again = self._reread_answer(alone)
        if (
            again is not None
            and agrees(again)
            and matcher.topic(msg, again.best.faq_id) is None
        ):
            return again.match
        return match

    def _settled_reread(
        self, msg: Analysed, verdict: safety.Assessment, match: Match
    ) -> Match:
        """The answer to the message read without the story the crisis
        screen settled, when that reading and the classifier's agree on
        another entry; else ``match`` as it was.

        A near miss can tell of a crisis long past, denied or reported
        ("suicidal thoughts were part of my twenties, that ended long ago.
        I'm left with the migraines. Is ketamine for me?"); its words
        ("suicidal thoughts") then pull the ranking to the entry they name,
        though the screen read them as settled and the question is about
        something else. Only when every finding is settled (past, negated,
        reported, a loss): the sentences holding them are set aside (not
        when only a question pointing back at them would be left), the
        rest's words must reach ``answer``, the classifier must read the
        rest (or its question alone) as that same entry, and the whole
        message must raise no handoff topic for it.
        """
        settled = ("past", "negated", "reported", "bereavement")
        if not verdict.findings or any(
            f.modifier not in settled for f in verdict.findings
        ):
            return match
        rest = without_sentences_holding(msg, [f.span for f in verdict.findings])
        if rest is None or (points_back(rest) and all(s.asks for s in rest.sentences)):
            return match  # "does it work for that?" alone leans on what went
        again = self._reread_answer(rest)
        if again is None or (
            match.best is not None
            and match.status == "answered"
            and again.best.faq_id == match.best.faq_id
        ):
            return match
        best = again.best.faq_id
        if best != again.said and best != self._opinion(rest):
            return match  # the question's own reading first: the rest's costs more
        if self.matcher.topic(msg, best) is not None:
            return match
        return again.match

    def _opinion(self, msg: Analysed) -> str | None:
        """The entry (or "unmatched") the classifier reads in the message."""
        classifier = self.matcher.classifier
        if classifier is None:
            return None
        said = classifier.opinion(self.matcher.analyzer.normal_words(msg.normalized))
        return said.label if said is not None else None

    def _reread_answer(self, msg: Analysed) -> _Reread | None:
        """The matcher's answer to a reread question, when its words reach
        ``answer`` and the classifier does not veto it as out of scope."""
        matcher = self.matcher
        match = matcher.match(msg)
        best = match.best
        if match.status != "answered" or best is None:
            return None
        if best.score < matcher.thresholds.answer:
            return None
        classifier = matcher.classifier
        asked = [s for s in msg.sentences if s.asks] or list(msg.sentences[-1:])
        words = [w for s in asked for w in matcher.analyzer.normal_words(s.normalized)]
        said = classifier.opinion(words) if classifier is not None else None
        if (
            said is not None
            and said.label == OUT_OF_SCOPE
            and said.probability >= matcher.thresholds.veto
        ):
            return None
        # Like the matcher's own second opinion, a question of one or two
        # words ("normal?") leans on its story: the classifier's reading of it
        # alone does not count for it.
        agrees = said.label if said is not None and len(words) >= 3 else None
        return _Reread(match, best, agrees)

    def pick(
        self,
        faq_id: str,
        channel: str,
        session_id: str | None = None,
        external_id: str | None = None,
        record: bool = True,
        lang: str | None = None,
    ) -> Reply | None:
        """The answer to an entry picked from a clarification (None if unknown).

        It comes in the conversation's language, else in ``lang`` (the page's).
        """
        self.refresh()
        entry = self.faq.entry(faq_id)
        if entry is None:
            return None
        reply = self._entry_reply(entry, None, ())
        lang = self._conversation_lang(session_id) or language.choose("", page=lang)
        if lang == "es" and self._state.spanish is not None:
            reply = self._entry_reply_es(self._state.spanish, faq_id, None, ())
        if not record:
            return reply
        return self._record(
            reply, entry.question, channel, session_id, None, external_id, kind="pick"
        )

    def _entry_reply(
        self, entry: FaqEntry, score: float | None, candidates: tuple[Candidate, ...]
    ) -> Reply:
        faq = self.faq
        answer = entry.answer
        if faq.clinic.phone.display not in answer:
            answer = f"{answer}\n\n{faq.answer_suffix}"
        return Reply(
            "answered",
            answer,
            self._sms(entry.sms),
            faq_id=entry.id,
            question=entry.question,
            score=score,
            candidates=candidates,
        )

    def _sms(self, text: str) -> str:
        """SMS text in GSM-7 that always carries the clinic's number."""
        phone = self.faq.clinic.phone.display
        text = _gsm7(text)
        if phone not in text:
            text = f"{text} Call {phone}."
        return text

    def _smalltalk(self, msg: Analysed) -> Reply | None:
        if not any(ch.isalnum() for ch in msg.normalized):
            # Only emoji or punctuation: nothing to hand to staff.
            return self._chat_reply("help", "empty")
        chat = self._state.smalltalk.recognise(msg)
        return self._chat_reply(chat.id) if chat else None

    def _chat_reply(self, sid: str, reason: str | None = None) -> Reply:
        faq = self.faq
        talk = next((s for s in faq.smalltalk if s.id == sid), None)
        reply = talk.reply if talk else faq.greeting
        web = reply
        if faq.clinic.phone.display not in web:
            web = f"{web}\n\n{faq.answer_suffix}"  # every reply carries the number
        return Reply("smalltalk", web, self._sms(reply), reason=reason or sid)

    # -- recording -------------------------------------------------------------------
    def _record(
        self,
        reply: Reply,
        text: str,
        channel: str,
        session_id: str | None,
        contact: str | None,
        external_id: str | None,
        kind: str = "question",
    ) -> Reply:
        rec = AskRecord(
            lang=reply.lang,
            channel=channel,
            text=text,
            status=reply.status,
            faq_id=reply.faq_id,
            score=reply.score,
            session_id=session_id,
            candidates=[(c.faq_id, c.score) for c in reply.candidates],
            crisis_kind=_risk_kind(reply),
            risk=reply.risk,
            contact=contact,
            external_id=external_id,
            kind=kind,
        )
        recorded = self.save(rec)
        if recorded is None:
            return _with(reply, stored=False)
        return _with(
            reply,
            ask_id=recorded.ask_id,
            handoff_id=recorded.handoff_id,
            duplicate=recorded.duplicate,
        )

    def save(self, rec: AskRecord) -> Recorded | None:
        """Write a record; on a database failure spool it (None) and log loudly."""
        if self.store is None:
            return None
        try:
            recorded = self.store.record_ask(rec)
        except SQLAlchemyError as exc:
            log.error(
                "DATABASE WRITE FAILED for a %s ask (status=%s): %s; spooling it",
                rec.channel,
                rec.status,
                type(exc).__name__,
            )
            self.spool.append(rec)
            self.importer.wake()
            return None
        if self.spool.pending():
            try:
                self.spool.replay(self.store, wait=False)
            except OSError as exc:  # the record above is stored: the reply stands
                log.error("spool import failed (%s)", type(exc).__name__)
        return recorded

    # -- other languages (issue 10) ------------------------------------------------
    def translation(self, lang: str) -> Translation | None:
        """The vetted texts in ``lang`` ("es"), when that language is set up."""
        spanish = self._state.spanish
        return spanish.translation if spanish is not None and lang == "es" else None

    def spanish_theme_tokens(self) -> Callable[[str], list[str]] | None:
        """How staff themes read a Spanish question (None without Spanish)."""
        spanish = self._state.spanish
        return spanish.theme_tokens if spanish is not None else None

    def _conversation_lang(self, session_id: str | None) -> str | None:
        """The language of the conversation so far (None: new, or unknown)."""
        if session_id is None or self.store is None or self._state.spanish is None:
            return None
        try:
            return self.store.conversation_lang(session_id)
        except SQLAlchemyError:
            return None

    def _classify_es(self, msg: Analysed, lang: str) -> Reply:
        """The pipeline in Spanish; another language gets both handoffs."""
        sp = self._state.spanish
        assert sp is not None
        tr, faq = sp.translation, self.faq
        if lang == "other":
            handoff = tr.messages["handoff"]
            return Reply(
                "unmatched",
                f"{faq.handoff_web}\n\n{handoff.web}",
                self._sms(f"{faq.handoff_sms} {handoff.sms}"),
                reason="language",
                lang="other",
            )
        if not any(ch.isalnum() for ch in msg.normalized):
            return self._chat_reply_es(sp, "help", "empty")
        sid = sp.recognise(msg)
        if sid is not None:
            return self._chat_reply_es(sp, sid)
        match = sp.match(msg)
        best = match.best
        if match.status == "answered" and best is not None:
            return self._entry_reply_es(sp, best.faq_id, best.score, match.candidates)
        if match.status == "clarify":
            return Reply(
                "clarify",
                tr.messages["clarify"].web,
                "",
                score=best.score if best else None,
                suggestions=tuple(
                    Suggestion(c.faq_id, c.question) for c in match.candidates
                ),
                candidates=match.candidates,
                lang="es",
            )
        if match.topic is None:
            closing = sp.closing(msg)
            if closing is not None:
                return self._chat_reply_es(sp, closing)
        handoff = tr.messages["handoff"]
        return Reply(
            "unmatched",
            handoff.web,
            self._sms(handoff.sms),
            score=best.score if best else None,
            candidates=match.candidates,
            reason=match.topic,
            lang="es",
        )

    def _entry_reply_es(
        self,
        sp: SpanishMatcher,
        faq_id: str,
        score: float | None,
        candidates: tuple[Candidate, ...],
    ) -> Reply:
        tr = sp.translation
        entry = tr.entries[faq_id]
        phone = self.faq.clinic.phone.display
        answer = entry.answer
        if phone not in answer:
            answer = f"{answer}\n\n{tr.messages['fallback_web_suffix'].web}"
        return Reply(
            "answered",
            answer,
            tr.sms_with_phone(_gsm7(entry.sms), phone),
            faq_id=faq_id,
            question=entry.question,
            score=score,
            candidates=candidates,
            lang="es",
        )

    def _chat_reply_es(
        self, sp: SpanishMatcher, sid: str, reason: str | None = None
    ) -> Reply:
        tr = sp.translation
        talk = tr.smalltalk.get(sid)
        reply = talk.web if talk else tr.greeting.web
        web = reply
        phone = self.faq.clinic.phone.display
        if phone not in web:
            web = f"{web}\n\n{tr.messages['fallback_web_suffix'].web}"
        sms = tr.sms_with_phone(_gsm7(reply), phone)
        return Reply("smalltalk", web, sms, reason=reason or sid, lang="es")


@lru_cache(maxsize=1024)
def _gsm7(text: str) -> str:
    """``to_gsm7`` of a reply's text: the FAQ's and its translations', a few
    hundred in all, so each is converted once."""
    return to_gsm7(text)


@lru_cache(maxsize=1024)
def _with_line(sms: str, line: str, phone: str) -> str:
    """``sms`` then the safety ``line``, cut short (ending with the clinic's
    number) so that both fit in two SMS segments. Kept per text: the replies
    are the FAQ's and its translations', a few hundred in all, and cutting a
    long one word by word costs more than the rest of its reply."""
    room = SMS_SEPTETS - septets(line) - 1
    if septets(sms) > room:
        call = f" Call {phone}."
        words = sms.split()
        while words and septets(" ".join(words)) + 3 + septets(call) > room:
            words.pop()
        sms = " ".join(words) + "..." + call
    return f"{sms} {line}"


def _risk_kind(reply: Reply) -> str | None:
    """What staff see as the item's kind of risk (suicide, overdose, ...)."""
    if reply.status == "crisis":
        return reply.reason
    if reply.risk == "possible" and reply.assessment is not None:
        return reply.assessment.kind
    return None


def _with(reply: Reply, **changes: Any) -> Reply:
    """``dataclasses.replace`` of a reply, in a fraction of its time (every
    ask makes one or two): a copy with the changed fields set, as ``Reply``'s
    own ``__init__`` would set them (it does nothing else)."""
    if not changes.keys() <= _REPLY_FIELDS:
        return replace(reply, **changes)  # its TypeError
    new = object.__new__(Reply)
    new.__dict__.update(reply.__dict__)
    new.__dict__.update(changes)
    return new


_REPLY_FIELDS = frozenset(f.name for f in fields(Reply))
