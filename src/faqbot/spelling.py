"""Spelling correction: a misspelt word becomes the FAQ word or English word
it was meant to be, so the FAQ need not list misspellings one by one.

Two sources of right spellings:

- the FAQ's own vocabulary, through a symmetric-delete index (SymSpell):
  every word and its one-letter deletions point back to it, so a typo finds
  its word by looking up its own deletions (an adjacent swap, "migrianes",
  meets "migraines" one deletion from each side; a long word's typo may
  lose two letters);
- English (wordfreq's list, ``lexicon``): the spellings one edit away from
  the word are looked up in the list the project already holds in memory, so
  "becuase" becomes "because" and no longer counts as an unknown, telling
  word. No index is built for English: a worker keeps no extra copy of it,
  only (for the search in C) a 128 KB bitmap of its words' hashes, so that
  most edits that are no word are never built as strings.

Misspellings that sound like the word rather than look like it ("migrene",
"headake", "depreshun", drug and place names) are two or more edits away;
a phonetic key (the word's consonant sounds) finds those among the FAQ's
own words, as a last resort.

A word that is itself common English is never corrected ("saying" must not
become "paying"), nor are short words, numbers, or words with digits.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

from rapidfuzz.distance import OSA

from .lexicon import COMMON_ZIPF, english_table, is_common, longest_word, zipf

LETTERS = "abcdefghijklmnopqrstuvwxyz"
MIN_LENGTH = 4  # shorter words are too easily a different word
CACHE_MAX = 50000
MAY_MAX = 8192  # strings whose may_mean_known answer a Speller keeps


# Each rule with the strings one of which any match of its pattern holds: a
# key holding none of them is left as it is without running the pattern, the
# same key in three quarters of the time (every new word the speller weighs).
_SOUNDS = (
    (re.compile(r"(?<=.)[ts]?s?ion"), "xn", ("ion",)),
    (re.compile(r"(?<=.)(?:sh|ch(?=[aeiou]?[rlmn])|sch)"), "x", ("h",)),
    (re.compile(r"ch|ck|q|c(?![eiy])"), "k", ("c", "q")),
    (re.compile(r"c"), "s", ("c",)),
    (re.compile(r"ph"), "f", ("ph",)),
    (re.compile(r"gh"), "", ("gh",)),
    (re.compile(r"dg"), "j", ("dg",)),
    (re.compile(r"x"), "ks", ("x",)),
    (re.compile(r"z"), "s", ("z",)),
    (re.compile(r"(?<=.)[aeiouyhw]"), "", ("",)),  # "" is in every key
    (re.compile(r"^[aeiouy]"), "a", ("",)),
    (re.compile(r"(.)\1+"), r"\1", ("",)),
)
PHONETIC_MIN = 5  # shorter words share their sounds with too many others


def phonetic_key(word: str) -> str:
    """The consonant sounds of ``word``, so misspellings that sound alike meet.

    >>> phonetic_key("migrene") == phonetic_key("migraine")
    True
    >>> phonetic_key("depreshun") == phonetic_key("depression")
    True
    """
    key = word
    for pattern, sound, needs in _SOUNDS:
        for need in needs:
            if need in key:
                key = pattern.sub(sound, key)
                break
    return key


def max_edits(word: str) -> int:
    """How many edits a word of this length may carry: 1 up to 7 letters, else 2."""
    return 1 if len(word) < 8 else 2


def deletions(word: str, depth: int) -> set[str]:
    """Every string made by deleting up to ``depth`` letters from ``word``.

    >>> sorted(deletions("abc", 1))
    ['ab', 'abc', 'ac', 'bc']
    """
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def _deletion_in(word: str, depth: int, keys: dict[str, object]) -> bool:
    """Whether ``deletions(word, depth)`` (depth 1 or 2) meets ``keys``: the
    same answer, each string built once and the search stopped at the first
    one found."""
    if word in keys:
        return True
    n = len(word)
    ones = [word[:i] + word[i + 1 :] for i in range(n)]
    found = keys.keys()
    if not found.isdisjoint(ones):
        return True
    if depth < 2:
        return False
    # Deleting letters i < j of the word is deleting j - 1 of its i-th deletion.
    return not found.isdisjoint(
        d[:j] + d[j + 1 :] for i, d in enumerate(ones) for j in range(i, n - 1)
    )


try:  # the same search in C, where it was built (setup.py)
    from ._speedups import deletion_in as _find_deletion
except ImportError:  # pragma: no cover - the pure-Python search instead
    _find_deletion = _deletion_in


def edits1(word: str) -> set[str]:
    """Every string one deletion, swap, replacement or insertion from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in LETTERS}
    out |= {a + c + b for a, b in splits for c in LETTERS}
    return out


def _common_edit(
    word: str, table: Mapping[str, float], floor: float, filter: bytes | None = None
) -> str | None:
    """The word one edit from ``word`` whose value in ``table`` (English
    words' Zipf frequencies) is ``floor`` or more, the highest (value, word)
    first; None when no edit reaches ``floor``. ``filter`` (the C search's
    bitmap of the table's words) only lets that search skip edits that are
    not words: here it changes nothing."""
    english = [w for w in edits1(word) if max(0.0, table.get(w, 0.0)) >= floor]
    if not english:
        return None
    return max(english, key=lambda w: (max(0.0, table.get(w, 0.0)), w))


# The C search's bitmap of the English words (128 KB, built once, before
# gunicorn forks): about 1 edit in 35 that is not a word gets past it, so
# most edits are never built as strings.
FILTER_BYTES = 1 << 17

try:  # the same search in C: each edit built and looked up, none kept
    from ._speedups import common_edit as _find_common_edit
    from ._speedups import word_filter as _word_filter
except ImportError:  # pragma: no cover - the pure-Python search instead
    _find_common_edit = _common_edit
    _word_filter = None


@lru_cache(maxsize=1)
def _english_filter() -> bytes | None:
    """The bitmap of every English word for the C search (None without it)."""
    if _word_filter is None:  # pragma: no cover - not built
        return None
    return _word_filter(english_table(), FILTER_BYTES)


class Speller:
    """Corrects words towards the FAQ's vocabulary, then towards English."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.vocabulary = frozenset(vocabulary)
        index: dict[str, set[str]] = defaultdict(set)
        # One deletion per word is indexed, however long (memory); a long
        # word's typo may still carry two edits, found by deleting two letters
        # from the typo: all but two substitutions in one word are reached.
        for w in self.vocabulary:
            if len(w) >= MIN_LENGTH and w.isalpha():
                for d in deletions(w, 1):
                    index[d].add(w)
        # A word's deletions mostly lead to it alone: one tuple for them all.
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._index = {
            k: shared.setdefault(words, words)
            for k, words in ((k, tuple(sorted(v))) for k, v in index.items())
        }
        sounds: dict[str, set[str]] = defaultdict(set)
        for w in self.vocabulary:
            if len(w) >= PHONETIC_MIN and w.isalpha():
                sounds[phonetic_key(w)].add(w)
        self._sounds = {k: tuple(sorted(v)) for k, v in sounds.items()}
        self._cache: dict[str, str] = {}
        self._may: dict[str, bool] = {}  # see may_mean_known
        # The longest word the speller knows: a string longer than it by more
        # than two letters has no known word within its edits or its sounds.
        self._longest = max((len(w) for w in self.vocabulary if w.isalpha()), default=0)
        _english_filter()  # built now, in the process that forks the workers

    def correct(self, word: str) -> str:
        """The word meant by ``word``: itself when known, or nothing is close."""
        hit = self._cache.get(word)
        if hit is None:
            if len(self._cache) > CACHE_MAX:
                self._cache.clear()
            hit = self._cache[word] = self._closest(word)
        return hit

    def may_mean_known(self, word: str) -> bool:
        """Whether ``correct`` could return a known word for ``word``: it is
        one, or a known word lies within its edits or shares its sound. A
        cheap test before ``correct`` where only known words count (the
        matcher joining split words), since ``correct`` also weighs English
        words one edit away, which is the slow part. The matcher asks again
        for each sentence of a message: the last few thousand answers are kept."""
        hit = self._may.get(word)
        if hit is None:
            if len(self._may) >= MAY_MAX:
                self._may.clear()
            hit = self._may[word] = self._may_mean_known(word)
        return hit

    def _may_mean_known(self, word: str) -> bool:
        if word in self.vocabulary:
            return True
        if len(word) < MIN_LENGTH or not word.isalpha():
            return False
        limit = max_edits(word)
        # Every deletion of a longer word is longer than any indexed string.
        if len(word) - limit <= self._longest and _find_deletion(
            word, limit, self._index
        ):
            return True
        return len(word) >= PHONETIC_MIN and phonetic_key(word) in self._sounds

    def _closest(self, word: str) -> str:
        if (
            len(word) < MIN_LENGTH
            or not word.isalpha()
            or word in self.vocabulary
            or is_common(word)
        ):
            return word
        limit = max_edits(word)
        if len(word) > max(self._longest + 2, longest_word() + 1):
            # Nothing known is within its edits (an FAQ word, two letters; an
            # English word, one) or near its length by sound: the same answer
            # as the search below, without building the word's deletions,
            # which grow with the cube of its length (a 1,000-letter string
            # took seconds).
            return word
        found: set[str] = set()
        for d in deletions(word, limit):
            found.update(self._index.get(d, ()))
        best: tuple[int, int, float, str] | None = None
        for w in found:
            dist = OSA.distance(word, w, score_cutoff=limit)
            if dist <= limit:
                key = (dist, 0, -zipf(w), w)
                if best is None or key < best:
                    best = key
        if best is not None and best[0] == 1:
            return best[3]
        # English, one edit away; an FAQ word as near (or nearer) wins.
        english = _find_common_edit(
            word, english_table(), COMMON_ZIPF, _english_filter()
        )
        if english is not None and (best is None or best[0] > 1):
            return english
        if best is not None:
            return best[3]
        if len(word) >= PHONETIC_MIN:
            # Sounds alike, looks close enough: the nearest, then the commonest.
            near = [
                (OSA.distance(word, w), -zipf(w), w)
                for w in self._sounds.get(phonetic_key(word), ())
                if abs(len(w) - len(word)) <= 2
            ]
            near = [n for n in near if n[0] <= max(2, (len(word) + 1) // 3)]
            if near:
                return min(near)[2]
        return word
