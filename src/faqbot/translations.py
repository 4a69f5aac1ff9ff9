"""Translations of the vetted FAQ (faq/es.yaml beside faq/faq.yaml), checked.

A translation file holds, for every English entry (by id), the question, the
web answer and the SMS text in another language, plus the fixed messages
(handoff, crisis, safety line), the small-talk replies, the SMS help and
opt-out texts and the widget greeting. Each text carries ``reviewed``: the
clinic's reviewer approves translations one by one (``faqbot translations
export`` prints them side by side with the English).

``check_translation`` is what ``faqbot check`` runs: a translation may say no
more and no less than the English it translates, so every figure must appear
in the English text and in the article, and the phone number and the
clinic's names must be kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .faq import Faq, FaqError, Problem
from .gsm import is_gsm7, segments

# Languages the bot answers in besides English, and their file beside faq.yaml.
LANGUAGES = ("es",)
SMS_MAX_SEGMENTS = 2
# Appended to a Spanish SMS that does not carry the number (as " Call X." in English).
SMS_PHONE_SUFFIX = {"es": " Llame al {phone}."}

_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
# Which fixed messages exist and which of their forms are required.
_MESSAGES = {
    "handoff": ("web", "sms"),
    "crisis": ("web", "sms"),
    "safety_line": ("web", "sms"),
    "fallback_web_suffix": ("web",),
    "clarify": ("web",),
}
_SMS_TEXTS = ("help", "stop")


@dataclass(frozen=True)
class EntryText:
    """One FAQ entry in another language."""

    id: str
    question: str
    answer: str
    sms: str
    reviewed: bool


@dataclass(frozen=True)
class Text:
    """A fixed message in another language: its web and/or SMS form."""

    web: str = ""
    sms: str = ""
    reviewed: bool = False


@dataclass(frozen=True)
class Translation:
    """Everything a patient may read, in one language other than English."""

    lang: str
    name: str
    path: str
    entries: Mapping[str, EntryText]
    messages: Mapping[str, Text]
    sms_texts: Mapping[str, Text]
    smalltalk: Mapping[str, Text]
    greeting: Text

    def sms_with_phone(self, text: str, phone: str) -> str:
        """``text`` with the clinic's number added when it lacks it."""
        if phone in text:
            return text
        return text + SMS_PHONE_SUFFIX.get(self.lang, " {phone}.").format(phone=phone)

    def unreviewed(self) -> list[str]:
        """Where each text not yet reviewed lives ("entries.<id>", "sms.help")."""
        out = [f"entries.{e.id}" for e in self.entries.values() if not e.reviewed]
        for group, items in (
            ("messages", self.messages),
            ("sms", self.sms_texts),
            ("smalltalk", self.smalltalk),
        ):
            out.extend(f"{group}.{k}" for k, t in items.items() if not t.reviewed)
        if not self.greeting.reviewed:
            out.append("widget.greeting")
        return out


def translation_path(faq_path: str | Path, lang: str) -> Path:
    """Where the ``lang`` translation of the FAQ at ``faq_path`` lives."""
    return Path(faq_path).parent / f"{lang}.yaml"


def numbers(text: str) -> set[str]:
    """Every number written with digits in ``text`` ("7.5", "2017", "4")."""
    return {m.group(0).rstrip(".,") for m in _NUMBER_RE.finditer(text)}


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, entry: str | None, fld: str | None, message: str) -> None:
        self.problems.append(Problem(self.file, entry, fld, message))

    def text(self, data: Any, key: str, entry: str | None, prefix: str = "") -> str:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, str) or not value.strip():
            self.fail(entry, f"{prefix}{key}", "is missing or empty")
            return ""
        return value.strip()

    def reviewed(self, data: Any, entry: str | None, prefix: str = "") -> bool:
        value = data.get("reviewed", False) if isinstance(data, dict) else False
        if not isinstance(value, bool):
            self.fail(entry, f"{prefix}reviewed", "must be true or false")
            return False
        return value


def load_translation(path: str | Path, faq: Faq) -> Translation:
    """Read a translation of ``faq``; raise ``FaqError`` listing every shape problem."""
    path = Path(path)
    file = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FaqError(
            [Problem(file, None, None, f"cannot read: {exc.strerror}")]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise FaqError(
            [Problem(file, None, None, f"is not valid YAML{where}")]
        ) from None
    if not isinstance(data, dict):
        raise FaqError([Problem(file, None, None, "must be a YAML mapping")])
    r = _Reader(file)
    lang = str(data.get("language") or path.stem)

    messages: dict[str, Text] = {}
    raw = data.get("messages") or {}
    for name, forms in _MESSAGES.items():
        item = raw.get(name) if isinstance(raw, dict) else None
        values = {f: r.text(item, f, None, f"messages.{name}.") for f in forms}
        messages[name] = Text(
            **values, reviewed=r.reviewed(item, None, f"messages.{name}.")
        )
    sms_texts: dict[str, Text] = {}
    raw = data.get("sms") or {}
    for name in _SMS_TEXTS:
        item = raw.get(name) if isinstance(raw, dict) else None
        sms_texts[name] = Text(
            sms=r.text(item, "sms", None, f"sms.{name}."),
            reviewed=r.reviewed(item, None, f"sms.{name}."),
        )
    widget = data.get("widget") or {}
    item = widget.get("greeting") if isinstance(widget, dict) else None
    greeting = Text(
        web=r.text(item, "web", None, "widget.greeting."),
        reviewed=r.reviewed(item, None, "widget.greeting."),
    )

    smalltalk: dict[str, Text] = {}
    for i, item in enumerate(data.get("smalltalk") or []):
        sid = r.text(item, "id", None, f"smalltalk[{i}].")
        smalltalk[sid] = Text(
            web=r.text(item, "reply", sid, "smalltalk."),
            reviewed=r.reviewed(item, sid, "smalltalk."),
        )
    for talk in faq.smalltalk:
        if talk.id not in smalltalk:
            r.fail(talk.id, "smalltalk", "has no translation")
    for sid in smalltalk:
        if sid and all(t.id != sid for t in faq.smalltalk):
            r.fail(sid, "smalltalk", "is not a small-talk id of the English FAQ")

    entries: dict[str, EntryText] = {}
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list):
        r.fail(None, "entries", "must be a list")
        raw_entries = []
    for i, item in enumerate(raw_entries):
        eid = r.text(item, "id", None, f"entries[{i}].")
        if not eid:
            continue
        if eid not in faq.by_id:
            r.fail(eid, "id", "is not an entry of the English FAQ")
            continue
        if eid in entries:
            r.fail(eid, "id", "is translated twice")
            continue
        entries[eid] = EntryText(
            id=eid,
            question=r.text(item, "question", eid),
            answer=r.text(item, "answer", eid),
            sms=r.text(item, "sms", eid),
            reviewed=r.reviewed(item, eid),
        )
    for entry in faq.entries:
        if entry.id not in entries:
            r.fail(entry.id, None, "has no translation")
    if r.problems:
        raise FaqError(r.problems)
    return Translation(
        lang=lang,
        name=str(data.get("name") or lang),
        path=file,
        entries=entries,
        messages=messages,
        sms_texts=sms_texts,
        smalltalk=smalltalk,
        greeting=greeting,
    )


def check_translation(path: str | Path, faq: Faq) -> list[Problem]:
    """Every problem with the translation at ``path`` (empty when it is good)."""
    try:
        tr = load_translation(path, faq)
    except FaqError as exc:
        return exc.problems
    problems: list[Problem] = []
    file = tr.path
    phone = faq.clinic.phone.display
    names = [faq.clinic.name, faq.clinic.former_name, *faq.clinic.locations]
    article = numbers(faq.source_text)

    def add(entry: str | None, fld: str, message: str) -> None:
        problems.append(Problem(file, entry, fld, message))

    def same_facts(
        entry: str | None,
        fld: str,
        english: str,
        text: str,
        also: str = "",
        sourced: bool = False,
    ) -> None:
        """Figures, number and names as in the English (``also``: more English).

        ``sourced`` texts (the answers) must also take every figure from the
        article; the fixed messages add the crisis lines (988, 911) to it.
        """
        if phone in english and phone not in text:
            add(entry, fld, f"must keep the phone number {phone}")
        english, text, also = (t.replace(phone, " ") for t in (english, text, also))
        mine, theirs = numbers(text), numbers(english) | numbers(also)
        for n in sorted(mine - theirs):
            add(entry, fld, f"states {n!r}, which the English does not")
        for n in sorted(mine - article if sourced else ()):
            add(entry, fld, f"states {n!r}, which the source article does not")
        for n in sorted(numbers(english) - mine):
            add(entry, fld, f"leaves out {n!r}, which the English states")
        for name in names:
            if name and name in english and name not in text:
                add(entry, fld, f"must keep the name {name!r} as it is")

    def sms_fits(entry: str | None, fld: str, text: str) -> None:
        if not is_gsm7(text):
            bad = "".join(sorted({ch for ch in text if not is_gsm7(ch)}))
            add(entry, fld, f"has characters outside GSM-7: {bad!r}")
            return
        full = tr.sms_with_phone(text, phone)
        if segments(full) > SMS_MAX_SEGMENTS:
            add(
                entry,
                fld,
                f"with the phone number it needs {segments(full)} SMS segments; "
                f"the limit is {SMS_MAX_SEGMENTS}",
            )

    for entry in faq.entries:
        t = tr.entries[entry.id]
        same_facts(entry.id, "answer", entry.answer, t.answer, sourced=True)
        same_facts(entry.id, "sms", entry.sms, t.sms, entry.answer, sourced=True)
        sms_fits(entry.id, "sms", t.sms)

    english = {
        "handoff": (faq.handoff_web, faq.handoff_sms),
        "crisis": (faq.crisis_web, faq.crisis_sms),
        "safety_line": (faq.safety_web, faq.safety_sms),
        "fallback_web_suffix": (faq.answer_suffix, ""),
    }
    for name, msg in tr.messages.items():
        en_web, en_sms = english.get(name, ("", ""))
        for form, text, en in (("web", msg.web, en_web), ("sms", msg.sms, en_sms)):
            if not text:
                continue
            fld = f"messages.{name}.{form}"
            if en:
                same_facts(None, fld, en, text)
            if form == "sms":
                sms_fits(None, fld, text)
        for needed in ("988", "911"):
            if name in ("crisis", "safety_line"):
                for form, text in (("web", msg.web), ("sms", msg.sms)):
                    if needed not in text:
                        add(None, f"messages.{name}.{form}", f"must mention {needed}")
    for name, msg in tr.sms_texts.items():
        fld = f"sms.{name}.sms"
        sms_fits(None, fld, msg.sms)
        if phone not in msg.sms:
            add(None, fld, f"must carry the clinic's number {phone}")
    if "988" not in tr.sms_texts["help"].sms:
        add(None, "sms.help.sms", "must mention 988")
    for talk in faq.smalltalk:
        same_facts(talk.id, "smalltalk.reply", talk.reply, tr.smalltalk[talk.id].web)
    same_facts(None, "widget.greeting", faq.greeting, tr.greeting.web)
    return problems


def load_translations(faq: Faq) -> dict[str, Translation]:
    """Every translation beside ``faq`` that exists, by language."""
    out = {}
    for lang in LANGUAGES:
        path = translation_path(faq.path, lang)
        if path.exists():
            out[lang] = load_translation(path, faq)
    return out


def export_rows(faq: Faq, tr: Translation) -> list[tuple[str, str, str, bool]]:
    """(where, English, translation, reviewed) for every text, in file order."""
    rows: list[tuple[str, str, str, bool]] = []
    for entry in faq.entries:
        t = tr.entries[entry.id]
        rows += [
            (f"{entry.id}: question", entry.question, t.question, t.reviewed),
            (f"{entry.id}: answer", entry.answer, t.answer, t.reviewed),
            (f"{entry.id}: sms", entry.sms, t.sms, t.reviewed),
        ]
    english = {
        "handoff": (faq.handoff_web, faq.handoff_sms),
        "crisis": (faq.crisis_web, faq.crisis_sms),
        "safety_line": (faq.safety_web, faq.safety_sms),
        "fallback_web_suffix": (faq.answer_suffix, ""),
        "clarify": (
            "I want to make sure I answer the right question. "
            "Did you mean one of these?",
            "",
        ),
    }
    for name, msg in tr.messages.items():
        en_web, en_sms = english.get(name, ("", ""))
        rows.append((f"messages.{name}: web", en_web, msg.web, msg.reviewed))
        if msg.sms:
            rows.append((f"messages.{name}: sms", en_sms, msg.sms, msg.reviewed))
    for talk in faq.smalltalk:
        t = tr.smalltalk[talk.id]
        rows.append((f"smalltalk.{talk.id}", talk.reply, t.web, t.reviewed))
    greeting = tr.greeting
    rows.append(("widget.greeting", faq.greeting, greeting.web, greeting.reviewed))
    from .textmsg import fixed_texts  # the English SMS texts live with the channel

    sms_english = fixed_texts(faq)
    for name, msg in tr.sms_texts.items():
        rows.append((f"sms.{name}", sms_english.get(name, ""), msg.sms, msg.reviewed))
    return rows
