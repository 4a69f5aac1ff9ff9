"""``faqbot check``: everything a FAQ curator can get wrong, named precisely.

Beyond the schema (``faq.load_faq``) it checks what only a reader of the
whole file can see: an alternate phrasing that the matcher would give to
another entry, SMS text that is too long or not GSM-7, and numbers in an
answer that the source article does not contain (the provenance check).
"""

from __future__ import annotations

import re
from pathlib import Path

from .classifier import fingerprint, load_classifier
from .faq import SMS_MAX_CHARS, Faq, FaqError, Problem, load_faq
from .gsm import is_gsm7
from .matching import Matcher

PHRASING_FIELDS = ("alternates", "not", "keywords")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text: str) -> set[str]:
    """Every number written with digits in ``text`` ("7.5", "2017", "4")."""
    return {m.group(0).rstrip(".,") for m in _NUMBER_RE.finditer(text)}


def stale_classifier(faq: Faq) -> str | None:
    """Why the classifier should be retrained (phrasings changed), or None."""
    if not faq.classifier_path:
        return None
    model = load_classifier(faq.classifier_path)
    if model is not None and model.fingerprint == fingerprint(faq):
        return None
    return (
        f"{faq.classifier_path} was trained on other phrasings: run "
        "`make classifier` (scripts/train_classifier.py)"
    )


def check_faq(path: str | Path) -> list[Problem]:
    """All problems with the FAQ at ``path`` (an empty list means it is good)."""
    try:
        faq = load_faq(path)
    except FaqError as exc:
        return exc.problems
    return lint(faq)


def lint(faq: Faq) -> list[Problem]:
    """The checks that need the whole, schema-valid FAQ."""
    problems: list[Problem] = []
    file = faq.path

    def add(entry: str | None, field: str | None, message: str) -> None:
        # Phrasings live in their own file; name it, not faq.yaml.
        where = faq.phrasings_path or file if field in PHRASING_FIELDS else file
        problems.append(Problem(where, entry, field, message))

    phone_forms = {faq.clinic.phone.display, faq.clinic.phone.e164}
    source_numbers = numbers(faq.source_text)
    if not faq.source_text:
        add(None, "source", "names no article, so answers cannot be checked against it")

    for entry in faq.entries:
        sms_full = f"{entry.sms} Call {faq.clinic.phone.display}."
        if not is_gsm7(entry.sms):
            bad = sorted({ch for ch in entry.sms if not is_gsm7(ch)})
            add(entry.id, "sms", f"has characters outside GSM-7: {''.join(bad)!r}")
        if len(entry.sms) > SMS_MAX_CHARS:
            add(
                entry.id,
                "sms",
                f"is {len(entry.sms)} characters; the limit is {SMS_MAX_CHARS}",
            )
        if len(sms_full) > 306:
            add(
                entry.id,
                "sms",
                "with the phone number it needs more than 2 SMS segments",
            )
        for field in ("answer", "sms"):
            text = getattr(entry, field)
            for form in phone_forms:
                text = text.replace(form, " ")
            for number in sorted(numbers(text) - source_numbers):
                add(
                    entry.id,
                    field,
                    f"states {number!r}, which the source article does not",
                )

    for label, text in (
        ("messages.handoff.sms", faq.handoff_sms),
        ("messages.crisis.sms", faq.crisis_sms),
    ):
        if not is_gsm7(text):
            add(None, label, "has characters outside GSM-7")
        if len(text) > 306:
            add(None, label, "needs more than 2 SMS segments")

    matcher = Matcher(faq)
    seen: dict[str, str] = {}
    for entry in faq.entries:
        for text in entry.phrasings:
            key = " ".join(matcher.analyzer.tokens(text))
            if key in seen and seen[key] != entry.id:
                add(
                    entry.id,
                    "alternates",
                    f"{text!r} reads the same as a phrasing of {seen[key]!r}",
                )
            seen.setdefault(key, entry.id)
    for pi, text in enumerate(matcher.phrasing_source):
        # Read as a question for its own entry: a scoped topic stops only some.
        topic = matcher.topic(text, matcher.phrasing_entry(pi))
        if topic is not None:
            add(
                matcher.phrasing_entry(pi),
                "alternates",
                f"{text!r} raises the handoff topic {topic!r}, so it is never answered",
            )
    for entry in faq.entries:
        for text in entry.not_this:
            if not matcher.not_this_words(text, entry.id):
                add(
                    entry.id,
                    "not",
                    f"{text!r} has no word the entry does not already know, so "
                    "it can never tell a near miss from the entry's own question",
                )
    # Each alternate is scored as if it were not in the FAQ (leave one out).
    for pi, text in enumerate(matcher.phrasing_source):
        own = matcher.phrasing_entry(pi)
        cands = matcher.score(text, skip=pi)
        if not cands:
            continue
        own_score = next((c.score for c in cands if c.faq_id == own), 0.0)
        top = cands[0]
        # Scored as if it were not in the FAQ, the phrasing would be answered
        # with another entry outright (not merely offered in a clarification).
        th = matcher.thresholds
        if (
            top.faq_id != own
            and top.score >= th.answer
            and top.score - own_score >= th.margin
        ):
            add(
                own,
                "alternates",
                f"{text!r} matches {top.faq_id!r} ({top.score:.2f}) better than "
                f"its own entry ({own_score:.2f})",
            )
    return problems
