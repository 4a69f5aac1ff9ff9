"""Load the curated FAQ (YAML) into frozen dataclasses, checking its shape.

The FAQ is split by who owns what: ``faq.yaml`` holds what the clinic vets
(clinic details, entries' questions and answers, the fixed messages) and
names the matcher's files beside it: ``phrasings`` (each entry's alternates,
the questions it does *not* answer, small-talk patterns) and ``vocabulary``
(synonyms, handoff terms, thresholds). A single file holding everything
still loads. Every problem names the file, the entry id and the field, so
whoever edits the FAQ can find it without reading code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

try:  # The C loader is ~10x faster on large files; fall back when absent.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SMS_MAX_CHARS = 300
# What an entry may say in the phrasings file (or, in a single-file FAQ, inline).
_PHRASING_FIELDS = ("alternates", "not", "keywords")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a FAQ file."""

    file: str
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.entry:
            where.append(f"entry {self.entry!r}")
        if self.field:
            where.append(f"field {self.field!r}")
        return f"{': '.join(where)}: {self.message}"


class FaqError(Exception):
    """The FAQ file cannot be used; ``problems`` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Phone:
    display: str
    e164: str

    def as_dict(self) -> dict[str, str]:
        """The phone as the API shows it."""
        return {"display": self.display, "tel": self.e164}


@dataclass(frozen=True)
class Clinic:
    name: str
    former_name: str
    phone: Phone
    locations: tuple[str, ...]


@dataclass(frozen=True)
class FaqEntry:
    """One vetted question and its answers."""

    id: str
    question: str
    alternates: tuple[str, ...]
    answer: str
    sms: str
    section: str
    keywords: tuple[str, ...] = ()
    # Questions close to this entry that it does not answer ("not this entry").
    not_this: tuple[str, ...] = ()

    @property
    def phrasings(self) -> tuple[str, ...]:
        """The canonical question followed by every alternate."""
        return (self.question, *self.alternates)


@dataclass(frozen=True)
class SmallTalk:
    id: str
    patterns: tuple[str, ...]
    reply: str


@dataclass(frozen=True)
class Thresholds:
    """Where the matcher's score turns into answer, clarify or handoff."""

    answer: float = 0.55
    clarify: float = 0.35
    margin: float = 0.12
    # The classifier's second opinion (faqbot.classifier): how sure it must be
    # to turn an answer into a clarification (another entry) or a handoff (out
    # of scope), and to answer a question the words alone left unresolved.
    veto: float = 1.0
    rescue: float = 1.0
    # Sure of another entry the words also rank among their best, it answers
    # with that entry instead of asking which one.
    switch: float = 1.0
    # Sure of another entry the words do not rank among their best, it
    # answers with that entry instead of asking which one (off at 1).
    overrule: float = 1.0
    # The surer the words, the surer the classifier must be to call an answer
    # out of scope: veto + veto_rise * (score - answer).
    veto_rise: float = 0.0


@dataclass(frozen=True)
class Faq:
    """The whole FAQ file, validated."""

    path: str
    clinic: Clinic
    entries: tuple[FaqEntry, ...]
    handoff_web: str
    handoff_sms: str
    crisis_web: str
    crisis_sms: str
    safety_web: str
    safety_sms: str
    answer_suffix: str
    greeting: str
    suggested: tuple[str, ...]
    smalltalk: tuple[SmallTalk, ...]
    synonyms: Mapping[str, str]
    handoff_topics: Mapping[str, tuple[str, ...]]
    context_topics: frozenset[str]
    thresholds: Thresholds
    source_text: str
    by_id: Mapping[str, FaqEntry] = field(default_factory=dict)
    # Every file the FAQ was read from (reloading watches them all), and the
    # one that taught phrasings are merged into.
    files: tuple[str, ...] = ()
    phrasings_path: str = ""
    # The matcher's second opinion (faqbot.classifier), if the vocabulary names one.
    classifier_path: str = ""
    # Handoff topics an entry may answer when its own answer names the term
    # (the locations entry says to call for the address).
    answerable_topics: frozenset[str] = frozenset()
    # Handoff topics that stop only the answers of some entries (id patterns,
    # "ketamine-*"): a parent asking how long a migraine lasts is answered.
    topic_scope: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def entry(self, faq_id: str) -> FaqEntry | None:
        """The entry with this id, or None."""
        return self.by_id.get(faq_id)


class _Reader:
    """Collects problems while pulling typed values out of parsed YAML."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, entry: str | None, fld: str | None, message: str) -> None:
        self.problems.append(Problem(self.file, entry, fld, message))

    def text(
        self,
        data: Mapping[str, Any],
        key: str,
        entry: str | None = None,
        prefix: str = "",
        required: bool = True,
    ) -> str:
        value = data.get(key)
        name = f"{prefix}{key}"
        if value is None:
            if required:
                self.fail(entry, name, "is missing")
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.fail(entry, name, f"must be text, not {type(value).__name__}")
            return ""
        value = str(value).strip()
        if required and not value:
            self.fail(entry, name, "is empty")
        return value

    def texts(
        self,
        data: Mapping[str, Any],
        key: str,
        entry: str | None = None,
        prefix: str = "",
        required: bool = True,
    ) -> tuple[str, ...]:
        value = data.get(key)
        name = f"{prefix}{key}"
        if value is None:
            if required:
                self.fail(entry, name, "is missing")
            return ()
        if not isinstance(value, list):
            self.fail(entry, name, f"must be a list, not {type(value).__name__}")
            return ()
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str | int | float) or isinstance(item, bool):
                self.fail(entry, f"{name}[{i}]", "must be text")
                continue
            item = str(item).strip()
            if not item:
                self.fail(entry, f"{name}[{i}]", "is empty")
                continue
            out.append(item)
        return tuple(out)

    def mapping(
        self, data: Mapping[str, Any], key: str, required: bool = True
    ) -> Mapping[str, Any]:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(None, key, "is missing")
            return {}
        if not isinstance(value, dict):
            self.fail(None, key, f"must be a mapping, not {type(value).__name__}")
            return {}
        return value


def read_yaml(path: str | Path) -> Any:
    """Parse one YAML file; raise ``FaqError`` naming the file (and line) if bad."""
    path = Path(path)
    file = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FaqError(
            [Problem(file, None, None, f"cannot read: {exc.strerror}")]
        ) from None
    except UnicodeDecodeError:
        raise FaqError([Problem(file, None, None, "is not valid UTF-8")]) from None
    try:
        return yaml.load(raw, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise FaqError(
            [Problem(file, None, None, f"is not valid YAML{where}")]
        ) from None


def load_faq(path: str | Path) -> Faq:
    """Read and validate a FAQ file and the matcher's files it names."""
    path = Path(path)
    return parse_faq(read_yaml(path), str(path), base=path.parent)


def _companion(
    data: Mapping[str, Any], key: str, file: str, base: Path | None
) -> tuple[Mapping[str, Any], _Reader]:
    """The parsed file that ``faq.yaml`` names under ``key`` (or itself if none)."""
    name = data.get(key)
    if name is None:
        return data, _Reader(file)
    if not isinstance(name, str) or not name.strip():
        raise FaqError([Problem(file, None, key, "must be a file name")])
    path = (base or Path(".")) / name
    other = read_yaml(path)
    if not isinstance(other, dict):
        raise FaqError(
            [Problem(str(path), None, None, "must be a YAML mapping at the top level")]
        )
    return other, _Reader(str(path))


def parse_faq(data: Any, file: str, base: Path | None = None) -> Faq:
    """Validate already-parsed YAML; ``base`` resolves the article's and the
    matcher's files."""
    r = _Reader(file)
    if not isinstance(data, dict):
        raise FaqError(
            [Problem(file, None, None, "must be a YAML mapping at the top level")]
        )
    phr_data, pr = _companion(data, "phrasings", file, base)
    voc_data, vr = _companion(data, "vocabulary", file, base)
    readers = [r] + [x for x in (pr, vr) if x.file != file]
    if pr.file == file:
        pr = r
    if vr.file == file:
        vr = r

    clinic_raw = r.mapping(data, "clinic")
    phone_raw = clinic_raw.get("phone") if isinstance(clinic_raw, dict) else None
    if not isinstance(phone_raw, dict):
        r.fail(None, "clinic.phone", "must be a mapping with display and e164")
        phone_raw = {}
    phone = Phone(
        display=r.text(phone_raw, "display", prefix="clinic.phone."),
        e164=r.text(phone_raw, "e164", prefix="clinic.phone."),
    )
    if phone.e164 and not re.fullmatch(r"\+[1-9][0-9]{7,14}", phone.e164):
        r.fail(None, "clinic.phone.e164", "must be an E.164 number like +18338672329")
    clinic = Clinic(
        name=r.text(clinic_raw, "name", prefix="clinic."),
        former_name=r.text(clinic_raw, "former_name", prefix="clinic.", required=False),
        phone=phone,
        locations=r.texts(clinic_raw, "locations", prefix="clinic."),
    )

    messages = r.mapping(data, "messages")
    handoff = messages.get("handoff") if isinstance(messages, dict) else None
    crisis = messages.get("crisis") if isinstance(messages, dict) else None
    if not isinstance(handoff, dict):
        r.fail(None, "messages.handoff", "must be a mapping with web and sms")
        handoff = {}
    if not isinstance(crisis, dict):
        r.fail(None, "messages.crisis", "must be a mapping with web and sms")
        crisis = {}
    handoff_web = r.text(handoff, "web", prefix="messages.handoff.")
    handoff_sms = r.text(handoff, "sms", prefix="messages.handoff.")
    crisis_web = r.text(crisis, "web", prefix="messages.crisis.")
    crisis_sms = r.text(crisis, "sms", prefix="messages.crisis.")
    safety = messages.get("safety_line") if isinstance(messages, dict) else None
    if not isinstance(safety, dict):
        r.fail(None, "messages.safety_line", "must be a mapping with web and sms")
        safety = {}
    safety_web = r.text(safety, "web", prefix="messages.safety_line.")
    safety_sms = r.text(safety, "sms", prefix="messages.safety_line.")
    suffix = r.text(messages, "fallback_web_suffix", prefix="messages.", required=False)
    if not suffix and phone.display:
        suffix = f"Questions? Call us at {phone.display}."
    for name, text in (
        ("crisis.web", crisis_web),
        ("crisis.sms", crisis_sms),
        ("safety_line.web", safety_web),
        ("safety_line.sms", safety_sms),
    ):
        for needed in ("988", "911"):
            if text and needed not in text:
                r.fail(None, f"messages.{name}", f"must mention {needed}")

    widget = r.mapping(data, "widget", required=False)
    greeting = r.text(widget, "greeting", prefix="widget.", required=False)
    suggested = r.texts(widget, "suggested", prefix="widget.", required=False)

    smalltalk: list[SmallTalk] = []
    small_patterns = (
        pr.mapping(phr_data, "smalltalk", required=False) if pr is not r else {}
    )
    raw_smalltalk = data.get("smalltalk") or []
    if not isinstance(raw_smalltalk, list):
        r.fail(None, "smalltalk", "must be a list")
        raw_smalltalk = []
    for i, item in enumerate(raw_smalltalk):
        if not isinstance(item, dict):
            r.fail(None, f"smalltalk[{i}]", "must be a mapping")
            continue
        sid = r.text(item, "id", prefix=f"smalltalk[{i}].")
        patterns = r.texts(
            item, "patterns", entry=sid, prefix="smalltalk.", required=pr is r
        )
        if pr is not r:
            patterns += pr.texts(
                small_patterns, sid, prefix="smalltalk.", required=not patterns
            )
        smalltalk.append(
            SmallTalk(
                id=sid,
                patterns=patterns,
                reply=r.text(item, "reply", entry=sid, prefix="smalltalk."),
            )
        )
    for sid in sorted(set(small_patterns) - {s.id for s in smalltalk}):
        pr.fail(None, f"smalltalk.{sid}", "names no small-talk reply in the FAQ")

    synonyms: dict[str, str] = {}
    raw_syn = vr.mapping(voc_data, "synonyms", required=False)
    for canonical, variants in raw_syn.items():
        if not isinstance(variants, list):
            vr.fail(None, f"synonyms.{canonical}", "must be a list of variants")
            continue
        for variant in variants:
            if not isinstance(variant, str | int) or isinstance(variant, bool):
                vr.fail(None, f"synonyms.{canonical}", "variants must be text")
                continue
            key = str(variant).strip().casefold()
            if key in synonyms and synonyms[key] != str(canonical):
                vr.fail(
                    None,
                    f"synonyms.{canonical}",
                    f"variant {key!r} is also a variant of {synonyms[key]!r}",
                )
            synonyms[key] = str(canonical).strip().casefold()

    topics: dict[str, tuple[str, ...]] = {}
    raw_topics = vr.mapping(voc_data, "handoff_topics", required=False)
    for topic, terms in raw_topics.items():
        if not isinstance(terms, list):
            vr.fail(None, f"handoff_topics.{topic}", "must be a list of terms")
            continue
        topics[str(topic)] = tuple(
            str(t).strip().casefold() for t in terms if str(t).strip()
        )

    context_topics = vr.texts(voc_data, "handoff_context_topics", required=False)
    for name in context_topics:
        if name not in topics:
            vr.fail(None, "handoff_context_topics", f"names unknown topic {name!r}")
    answerable = vr.texts(voc_data, "handoff_answerable_topics", required=False)
    for name in answerable:
        if name not in topics:
            vr.fail(None, "handoff_answerable_topics", f"names unknown topic {name!r}")

    topic_scope: dict[str, tuple[str, ...]] = {}
    raw_scope = vr.mapping(voc_data, "handoff_topic_scope", required=False)
    for name, patterns in raw_scope.items():
        where = f"handoff_topic_scope.{name}"
        if name not in topics:
            vr.fail(None, where, f"names unknown topic {name!r}")
        elif not isinstance(patterns, list) or not patterns:
            vr.fail(None, where, "must be a list of entry ids or patterns")
        else:
            topic_scope[str(name)] = tuple(str(p) for p in patterns)

    thresholds = Thresholds()
    raw_thr = vr.mapping(voc_data, "thresholds", required=False)
    if raw_thr:
        values = {}
        for key in (
            "answer",
            "clarify",
            "margin",
            "veto",
            "rescue",
            "switch",
            "overrule",
            "veto_rise",
        ):
            if key in raw_thr:
                v = raw_thr[key]
                if (
                    not isinstance(v, int | float)
                    or isinstance(v, bool)
                    or not 0 <= v <= 1
                ):
                    vr.fail(
                        None, f"thresholds.{key}", "must be a number between 0 and 1"
                    )
                    continue
                values[key] = float(v)
        thresholds = Thresholds(**{**thresholds.__dict__, **values})
        if thresholds.clarify > thresholds.answer:
            vr.fail(None, "thresholds.clarify", "must not be above thresholds.answer")

    classifier_path = ""
    classifier = voc_data.get("classifier")
    if classifier is not None:
        where = Path(vr.file).parent
        if not isinstance(classifier, str) or not (where / classifier).is_file():
            vr.fail(None, "classifier", f"names no file at {where / str(classifier)}")
        else:
            classifier_path = str(where / classifier)

    source_text = ""
    source = data.get("source")
    if source is not None:
        if not isinstance(source, str):
            r.fail(None, "source", "must be a path")
        else:
            src_path = (base or Path(".")) / source
            try:
                source_text = src_path.read_text(encoding="utf-8")
            except OSError:
                r.fail(None, "source", f"cannot read the article at {src_path}")

    entries: list[FaqEntry] = []
    by_id: dict[str, FaqEntry] = {}
    phrasings = pr.mapping(phr_data, "entries", required=False) if pr is not r else {}
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        r.fail(None, "entries", "must be a non-empty list")
        raw_entries = []
    for i, item in enumerate(raw_entries):
        if not isinstance(item, dict):
            r.fail(None, f"entries[{i}]", "must be a mapping")
            continue
        eid = r.text(item, "id", prefix=f"entries[{i}].")
        label = eid or f"#{i + 1}"
        if eid and not ID_RE.fullmatch(eid):
            r.fail(label, "id", "must be lowercase words joined by hyphens")
        known = {"id", "question", "answer", "sms", "section", *_PHRASING_FIELDS}
        for extra in sorted(set(item) - known):
            r.fail(label, str(extra), "is not a known field")
        more = phrasings.get(eid) if eid else None
        if more is None:
            more = {}
        elif not isinstance(more, dict):
            pr.fail(label, None, "must be a mapping of alternates, not, keywords")
            more = {}
        for extra in sorted(set(more) - set(_PHRASING_FIELDS)):
            pr.fail(label, str(extra), "is not a known field")

        def both(
            key: str, where: tuple[Any, Any] = (item, more), at: str = label
        ) -> Any:
            return r.texts(where[0], key, entry=at, required=False) + pr.texts(
                where[1], key, entry=at, required=False
            )

        entry = FaqEntry(
            id=eid,
            question=r.text(item, "question", entry=label),
            alternates=both("alternates"),
            answer=r.text(item, "answer", entry=label),
            sms=r.text(item, "sms", entry=label),
            section=r.text(item, "section", entry=label),
            keywords=both("keywords"),
            not_this=both("not"),
        )
        if eid in by_id:
            r.fail(label, "id", "is a duplicate id")
            continue
        entries.append(entry)
        if eid:
            by_id[eid] = entry

    for name, patterns in topic_scope.items():
        for pattern in patterns:
            if not any(fnmatchcase(eid, pattern) for eid in by_id):
                vr.fail(
                    None,
                    f"handoff_topic_scope.{name}",
                    f"{pattern!r} names no entry in the FAQ",
                )
    for i, sid in enumerate(suggested):
        if sid not in by_id:
            r.fail(None, f"widget.suggested[{i}]", f"names unknown entry {sid!r}")
    for eid in sorted(set(phrasings) - set(by_id), key=str):
        pr.fail(str(eid), None, "names no entry in the FAQ")

    problems = [p for reader in readers for p in reader.problems]
    if problems:
        raise FaqError(problems)
    return Faq(
        path=file,
        clinic=clinic,
        entries=tuple(entries),
        handoff_web=handoff_web,
        handoff_sms=handoff_sms,
        crisis_web=crisis_web,
        crisis_sms=crisis_sms,
        safety_web=safety_web,
        safety_sms=safety_sms,
        answer_suffix=suffix,
        greeting=greeting,
        suggested=suggested,
        smalltalk=tuple(smalltalk),
        synonyms=synonyms,
        handoff_topics=topics,
        context_topics=frozenset(context_topics),
        thresholds=thresholds,
        source_text=source_text,
        by_id=by_id,
        files=tuple(x.file for x in readers),
        phrasings_path=pr.file,
        classifier_path=classifier_path,
        answerable_topics=frozenset(answerable),
        topic_scope=topic_scope,
    )
