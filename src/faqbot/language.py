"""Which language a patient writes in: English, Spanish or another one.

Each word votes by how much commoner it is in one language than the other,
from wordfreq's word lists (read straight from its data files, as
``lexicon`` does, so the package itself is never imported). Spanish spelling
(ñ, ¿, ¡, accents) adds to Spanish. A message too short or too mixed to
decide ("ok", "1", "gracias" in an English conversation) keeps the
conversation's language, then the page's, then English. A message whose
words neither list knows, but another language's does (Portuguese, French,
Tagalog ...), or written in another script, is "other": it goes to staff with
the handoff in both languages.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import msgpack

from .lexicon import english_table, english_words
from .message import Analysed
from .text import fold

LANGS = ("en", "es")
# Languages whose word lists can tell "neither English nor Spanish" apart;
# the common Latin-script languages of Los Angeles and its neighbours'.
OTHER_LATIN = ("pt", "fr", "it", "de", "fil", "vi")
# Evidence (summed, capped per word) needed to decide; short messages must
# be far more certain to overrule the conversation's language.
DECIDE = 2.0
SHORT_WORDS = 3
SHORT_OVERRIDE = 5.0
LEAN = 1.0
WORD_CAP = 3.0
OTHER_LEAD = 0.9
OTHER_FLOOR = 4.0
# Mean capped Zipf of a message's words in English or Spanish above which it is
# not another language (the labelled sets: 1.67-6.0; other languages: 1.1-3.3).
CLEARLY_OURS = 3.6
# Place names of Southern California are Spanish words in English sentences,
# and the clinic's names English words in Spanish ones: they never vote ("Los
# Angeles clinic?" is English, "¿Bespoke Treatment es lo mismo q TMS?" Spanish).
_PLACE_NAMES = (
    "los angeles", "santa monica", "san diego", "la jolla", "el segundo", "los feliz",
    "la brea", "la canada", "la puente", "el monte", "el sereno", "san pedro",
    "santa ana", "santa clarita", "san fernando", "san gabriel", "santa barbara",
    "san bernardino", "palos verdes", "marina del rey", "rancho cucamonga",
    "boyle heights",
    # the clinic's own names, old and new: English words in any language
    "bespoke treatment", r"tms\W+(?:and\W+|n\W+)?brain health", "brain health",
)  # fmt: skip
_PLACES = re.compile(r"\b(?:" + "|".join(_PLACE_NAMES) + r")\b")
# Each name's first word, which a message naming it holds as a word of its own:
# a message holding none is not searched.
_PLACE_FIRSTS = frozenset(re.match("[a-z]+", name)[0] for name in _PLACE_NAMES)
_LA = re.compile(r"(?<![A-Za-z])L\.?A\.?(?![A-Za-z])")
_SHARED = ("ketam", "ketim", "cetam", "quetam", "migr", "infus")
_SPANISH_MARKS = re.compile(r"[ñ¿¡áíóú]", re.IGNORECASE)
_WORD_RE = re.compile(r"[a-z]+")
# Words of this FAQ's own subject wordfreq does not list (or lists as foreign).
_DOMAIN = {
    "es": """ketamina ketaminas quetamina cetamina migrana migranas migranya jaqueca
    jaquecas infusion infusiones sueros cefalea fibromialgia antidepresivo
    """.split(),
    "en": "ketamine ketamin migraine migraines infusion infusions".split(),
}


@dataclass(frozen=True)
class Detection:
    """What the message alone says: a language (or None) and how sure."""

    lang: str | None  # "en", "es", "other" or None (undecided)
    evidence: float  # the winner's margin, in capped Zipf points
    words: int  # how many words the message has
    leaning: str | None = None  # the side the evidence leans to, even undecided


def _read_table(lang: str, floor: float = 0.0) -> dict[str, float]:
    """Folded word -> Zipf frequency for ``lang`` from wordfreq's small list.

    ``floor`` leaves out rarer words: the other languages keep only their
    common ones (Zipf >= 4), 3 MB in all instead of 15 MB, enough to know them.
    """
    spec = importlib.util.find_spec("wordfreq")
    out: dict[str, float] = {}
    if not spec or not spec.submodule_search_locations:
        return out
    path = (
        Path(spec.submodule_search_locations[0]) / "data" / f"small_{lang}.msgpack.gz"
    )
    try:
        with gzip.open(path) as fh:
            data = msgpack.load(fh, raw=False)
    except (OSError, ValueError):
        return out
    if not data or not isinstance(data[0], dict) or data[0].get("format") != "cB":
        return out
    # The strings of lexicon's English table serve as keys wherever a word is
    # in it, instead of a second copy of each: for English (the same list,
    # unfolded) 1.6 MB, for Spanish 5,700 of its 33,500 words (0.3 MB).
    pool = {w: w for w in english_words()}
    for i, words in enumerate(data[1:]):
        z = 9.0 - i / 100.0
        if z < floor:
            break
        for word in words:
            key = fold(word)
            if key == word:  # the list's own string kept: the copy goes at once
                key = word
            if key not in out:  # the list is commonest first
                out[pool.get(key, key)] = z
    for word in _DOMAIN.get(lang, ()):
        out.setdefault(word, 4.0)
    return out


_table = lru_cache(maxsize=16)(_read_table)


class _Changes:
    """A word table kept as what it changes in another one (English: the
    folded words and the FAQ's own against lexicon's table, a few dozen),
    instead of a second table of 29,000 words (1 MB)."""

    __slots__ = ("_base", "_changed")

    def __init__(self, table: dict[str, float], base: Mapping[str, float]) -> None:
        self._base = base
        words = table.keys() | base.keys()
        # None: not in the table
        self._changed = {w: table.get(w) for w in words if table.get(w) != base.get(w)}

    def get(self, word: str, default: float) -> float:
        found = self._changed.get(word, self)
        if found is self:
            return self._base.get(word, default)
        return default if found is None else found  # type: ignore[return-value]


@lru_cache(maxsize=1)
def _english() -> _Changes:
    return _Changes(_read_table("en"), english_table())


def zipf(word: str, lang: str) -> float:
    """The folded word's Zipf frequency in ``lang`` (0 when unlisted)."""
    if lang == "en":
        return max(0.0, _english().get(word, 0.0))
    floor = 0.0 if lang in LANGS else OTHER_FLOOR
    return max(0.0, _table(lang, floor).get(word, 0.0))


@lru_cache(maxsize=16384)
def _vote(word: str) -> tuple[str, float] | None:
    """Which of English and Spanish a word votes for, and by how much (None: no vote).

    Kept per word: a message's words are mostly ones seen before.
    """
    if len(word) == 1 and word not in ("y", "q"):
        return None  # "a", "o", "u", "i": too ambiguous to vote
    en, es = zipf(word, "en"), zipf(word, "es")
    return ("es" if es > en else "en"), min(WORD_CAP, abs(es - en))


@lru_cache(maxsize=8192)
def _capped(word: str, lang: str) -> float:
    """The word's Zipf frequency in ``lang``, capped at 6 (``_other_language``)."""
    return min(zipf(word, lang), 6.0)


@lru_cache(maxsize=16384)
def _ours(word: str) -> tuple[bool, float, float]:
    """Whether the word is the subject's own (``_SHARED``), and ``_capped`` in
    English and in Spanish: one look-up per word."""
    en, es = min(zipf(word, "en"), 6.0), min(zipf(word, "es"), 6.0)
    return word.startswith(_SHARED), en, es


def _foreign_script(text: str) -> bool:
    """True when most letters are not Latin (Chinese, Korean, Armenian, ...)."""
    if text.isascii():
        return False  # every ASCII letter is Latin
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    latin = sum(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in letters)
    return latin < 0.5 * len(letters)


def _voting_words(folded: str) -> list[str]:
    """The words of folded text, the places it names left out."""
    words = _WORD_RE.findall(folded)
    if _PLACE_FIRSTS.isdisjoint(words):
        return words  # names no place: _PLACES would find nothing
    return _WORD_RE.findall(_PLACES.sub(" ", folded))


def detect(text: str | Analysed) -> Detection:
    """The language of ``text`` judged on its own words (None: cannot tell).

    >>> detect("¿La ketamina es segura?").lang, detect("ok").lang
    ('es', None)
    """
    if isinstance(text, Analysed):
        text, folded = text.raw, text.folded  # folded once per message
    else:
        folded = fold(text)
    if _foreign_script(text):
        return Detection("other", math.inf, len(text.split()))
    words = _voting_words(folded)
    # "LA" in capitals is Los Angeles ("LA?", "a clinic in LA"), unless the
    # whole message of several words is in capitals ("LA KETAMINA ES SEGURA").
    if "la" in words and (not text.isupper() or len(words) <= 2):
        for _ in _LA.findall(text):
            if "la" in words:
                words.remove("la")
    score = {"en": 0.0, "es": 0.0}
    if not text.isascii() and _SPANISH_MARKS.search(text):  # the marks are not ASCII
        score["es"] += 1.5
    for w in words:
        vote = _vote(w)
        if vote is not None:
            score[vote[0]] += vote[1]
    if len(words) >= 3 and _other_language(words):
        return Detection("other", 0.0, len(words))
    margin = score["es"] - score["en"]
    lang = "es" if margin > 0 else "en"
    if abs(margin) < DECIDE:
        return Detection(None, abs(margin), len(words), lang if margin else None)
    return Detection(lang, abs(margin), len(words), lang)


def _other_language(words: list[str]) -> str | None:
    """Another language whose words ``words`` are far more clearly than ours.

    Each language scores the Zipf frequencies of the words (capped at 6, so
    "the" and "la" do not swamp the rest); another language must lead both
    of ours by ``OTHER_LEAD`` a word. On the labelled English and Spanish
    messages the largest lead of another language is 0.28 a word; on
    Portuguese, French, Tagalog, Vietnamese, German and Italian questions the
    smallest is 1.77.
    """

    # The subject's own words (ketamine, migraine) are shared by every
    # language's patients: only the rest tells the languages apart.
    facts = [_ours(w) for w in words]
    kept = [f for f in facts if not f[0]] or facts
    ours = max(sum([en for _, en, _ in kept]), sum([es for _, _, es in kept]))
    if ours >= CLEARLY_OURS * len(kept):
        return None  # plainly English or Spanish: no other list is even read
    words = [w for w, f in zip(words, facts, strict=True) if not f[0]] or words

    def score(lang: str) -> float:
        return sum([_capped(w, lang) for w in words])

    best = max(OTHER_LATIN, key=score)
    return best if score(best) - ours >= OTHER_LEAD * len(words) else None


def choose(
    text: str | Analysed, conversation: str | None = None, page: str | None = None
) -> str:
    """The language to answer ``text`` in: "en", "es" or "other".

    The message decides when it clearly can; a short one ("ok", "gracias",
    "1") only when it is unmistakable. Otherwise the conversation's language
    holds, then the page's (``<html lang>``, ``data-lang``), then English.

    >>> choose("gracias", conversation="en"), choose("gracias")
    ('en', 'es')
    >>> choose("1", conversation="es"), choose("ok", page="es-MX")
    ('es', 'es')
    """
    found = detect(text)
    conversation = _base(conversation)
    page = _base(page)
    if found.lang == "other":
        return "other"
    fallback = conversation or page
    if found.lang is not None:
        short = found.words < SHORT_WORDS
        if not short or fallback is None or found.evidence >= SHORT_OVERRIDE:
            return found.lang
    if fallback is None and found.words >= SHORT_WORDS and found.evidence >= LEAN:
        # A first message of several words, mixed but leaning one way ("yo iba
        # a tms and brain health, son ustedes?"): follow the lean.
        return found.leaning or "en"
    return fallback or "en"


def _base(lang: str | None) -> str | None:
    """ "es-MX" -> "es"; anything but English or Spanish -> None."""
    if not lang:
        return None
    base = lang.strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGS else None
