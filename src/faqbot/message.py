"""One patient message, analysed once for every stage of the pipeline.

``analyse(text)`` folds and normalises the message in one pass and splits it
into sentences (and the crisis screen's clauses); the crisis screen, small
talk, the language check and the matchers read what they need from the
result instead of normalising the raw text again. What only one stage needs
(the crisis screen's hardened form, the matcher's spelling corrections) is
kept on the message as a view that stage builds once and the others can
show (``faqbot ask --explain``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, TypeVar

from .text import (
    asks,
    fold,
    normalize,
    normalize_pieces,
    opens_question,
    split_clauses,
    split_sentences,
)

T = TypeVar("T")


class Sentence(NamedTuple):
    """One sentence as typed, its normalised form, and whether it asks something."""

    text: str
    normalized: str
    asks: bool


class Clause(NamedTuple):
    """A piece of a sentence as the crisis screen cuts it (at ";" too)."""

    text: str
    normalized: str


@dataclass(frozen=True)
class Analysed:
    """A message as every stage reads it: made once per ask by ``analyse``.

    ``lang`` is the language the pipeline chose to answer in ("en" until it
    has chosen). ``views`` holds what one stage derives from the message
    (see ``view``); it is not part of the message's identity.
    """

    raw: str
    normalized: str
    sentences: tuple[Sentence, ...]
    clauses: tuple[Clause, ...]
    lang: str = "en"
    views: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def folded(self) -> str:
        """The raw text folded (no accents, lower case): as detection reads it."""
        return self.view("folded", lambda: fold(self.raw))

    @property
    def words(self) -> tuple[str, ...]:
        """The normalised words of the whole message."""
        return self.view("words", lambda: tuple(self.normalized.split()))

    @property
    def corrections(self) -> tuple[tuple[str, str], ...]:
        """The spelling corrections the matcher made (typed, corrected), once it ran."""
        return tuple(self.views.get("corrections", {}).items())

    def view(self, name: str, build: Callable[[], T]) -> T:
        """A stage's own derived form of the message, built on first use and kept."""
        try:
            return self.views[name]  # type: ignore[no-any-return]
        except KeyError:
            value = self.views[name] = build()
            return value

    def with_lang(self, lang: str) -> Analysed:
        """The same analysis, views shared, with the chosen language recorded."""
        return self if lang == self.lang else replace(self, lang=lang)

    def explain(self) -> list[str]:
        """Plain lines showing the analysed message (``faqbot ask --explain``)."""
        lines = [
            f"normalized: {self.normalized!r}",
            f"words: {' '.join(self.words)}",
            f"language: {self.lang}",
            "sentences:",
        ]
        for s in self.sentences:
            lines.append(f"  {'?' if s.asks else '.'} {s.text!r} -> {s.normalized!r}")
        fixes = ", ".join(f"{a} -> {b}" for a, b in self.corrections) or "none"
        lines.append(f"corrections: {fixes}")
        return lines


def analyse(text: str | Analysed) -> Analysed:
    """The message analysed (an ``Analysed`` is returned as it is)."""
    if isinstance(text, Analysed):
        return text
    raw = split_sentences(text)
    pieces = [split_clauses(s) for s in raw]
    whole, forms, clause_forms = normalize_pieces(text, pieces)
    return Analysed(
        text,
        whole,
        tuple(Sentence(s, n, asks(s, n)) for s, n in zip(raw, forms, strict=True)),
        tuple(
            Clause(c, n)
            for cs, ns in zip(pieces, clause_forms, strict=True)
            for c, n in zip(cs, ns, strict=True)
        ),
    )


# Where a story hands over to the question inside one sentence: a comma,
# colon, semicolon, closing bracket or dash, or an aside's last word ("lol",
# "anyway"), then a question word ("head feels like it'll explode (same old),
# what even causes migraines?").
_LEAD_IN = re.compile(
    r"[,;:)\u2014-]\s+|\s+(?:lol|lmao|haha|anyway|anyways)\s+", re.IGNORECASE
)
# A question whose words point back at the story ("is that normal?", "could
# it help her?") means nothing without it.
_POINTS_BACK = frozenset(
    "that this it its these those he she him her his they them".split()
)


def question_apart(msg: Analysed) -> Analysed | None:
    """The message with each question that a lead-in opens inside a sentence
    made a sentence of its own (None: there is no such question).

    The matcher reads a message's question sentences fully and the rest of it
    as context; a story and its question typed as one sentence would be read
    as one question.
    """
    parts, apart = [], False
    for sentence in msg.sentences:
        text = sentence.text
        for cut in _LEAD_IN.finditer(text):
            rest = text[cut.end() :]
            words = normalize(rest)
            if cut.start() > 0 and opens_question(words) and len(words.split()) >= 3:
                parts += [text[: cut.start()].rstrip(" ,;:-(\u2014") + ".", rest]
                apart = True
                break
        else:
            parts.append(text)
    return analyse(" ".join(parts)) if apart else None


def points_back(msg: Analysed) -> bool:
    """True when a question sentence of the message points back at the rest
    of it ("is that normal?", "how do I set that up?")."""
    return any(
        w in _POINTS_BACK for s in msg.sentences if s.asks for w in s.normalized.split()
    )


def question_alone(msg: Analysed) -> Analysed | None:
    """The message's question sentences alone, when they stand alone: they
    are not all of it and none of them points back at the rest."""
    asked = [s for s in msg.sentences if s.asks]
    if not asked or len(asked) == len(msg.sentences) or points_back(msg):
        return None
    return analyse(" ".join(s.text for s in asked))


def without_sentences_holding(msg: Analysed, spans: list[str]) -> Analysed | None:
    """The message without the sentences that hold any of ``spans`` (words
    as normalised), when some sentence holds one and a question (or, with
    none, some sentence) is left; else None."""
    wanted = [f" {n} " for n in map(normalize, spans) if n]
    kept = [
        s for s in msg.sentences if not any(w in f" {s.normalized} " for w in wanted)
    ]
    if not wanted or len(kept) == len(msg.sentences) or not kept:
        return None
    if any(s.asks for s in msg.sentences) and not any(s.asks for s in kept):
        return None  # the question itself holds the span: nothing to read apart
    return analyse(" ".join(s.text for s in kept))
