"""A second opinion on which entry a message asks about, beyond shared words.

A logistic classifier over TF-IDF features (word stems and stem pairs,
character 4-grams) of the analysed words, trained at build time by
``scripts/train_classifier.py`` (scikit-learn) on the FAQ's phrasings, its
"not this entry" questions and the labelled out-of-scope messages in
tests/data, and shipped as JSON (faq/classifier.json). Here it runs in pure
Python: a message's few hundred features each add a handful of pruned
weights, well under a tenth of a millisecond.

The matcher consults it only about an answer it is about to give: where the
classifier is sure of another entry, the patient is asked which they meant;
where it is sure the question is out of scope, staff answer it.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from .faq import Faq
from .text import stem

# idf, (class, weight) pairs, idf * idf, (class, idf * weight) pairs
_Weights = tuple[
    float, tuple[tuple[int, float], ...], float, tuple[tuple[int, float], ...]
]

OUT_OF_SCOPE = "unmatched"  # the class of questions no entry answers
CHAR_SIZES = (4,)
MAX_KEPT = 8192  # words whose n-grams are kept (a few megabytes at most)
MAX_KEPT_WORD = 40  # longer words are worked out each time
RECENT = 8  # word lists whose probabilities are kept (see ``probabilities``)


def features(words: Sequence[str]) -> tuple[Counter[str], Counter[str]]:
    """Word features (stems, stem pairs) and character n-grams of ``words``."""
    stems = [stem(w) for w in words]
    word = Counter(stems)
    word.update(f"{a} {b}" for a, b in pairwise(stems))
    char = Counter(
        [
            padded[i : i + n]
            for padded in (f" {w} " for w in words)
            for n in CHAR_SIZES
            for i in range(len(padded) - n + 1)
        ]
    )
    return word, char


def fingerprint(faq: Faq) -> str:
    """What the classifier was trained from: phrasings, "not" lists, synonyms."""
    h = hashlib.sha256()
    for e in faq.entries:
        h.update(json.dumps([e.id, e.phrasings, e.not_this]).encode())
    h.update(json.dumps(sorted(faq.synonyms.items())).encode())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Opinion:
    """The classifier's most likely class and how sure it is (0..1)."""

    label: str
    probability: float


class Classifier:
    """The shipped model: per block, feature -> (idf, row of class weights)."""

    def __init__(self, data: dict) -> None:
        self.classes: list[str] = list(data["classes"])
        self.fingerprint: str = data.get("fingerprint", "")
        self.intercept = [float(x) for x in data["intercept"]]
        # Per block, feature -> (idf, its few largest (class, weight) pairs,
        # and for a feature seen once, idf * idf and each (class, idf * weight)).
        self._blocks: list[dict[str, _Weights]] = []
        for block in ("word", "char"):
            table: dict[str, _Weights] = {}
            for f, v in data[block].items():
                idf = float(v[0])
                pairs = tuple(
                    (int(c), float(w))
                    for c, w in zip(v[1][0::2], v[1][1::2], strict=True)
                )
                once = tuple((c, idf * w) for c, w in pairs)
                table[f] = (idf, pairs, idf * idf, once)
            # Packed for the C sums where they were built: the same floats.
            self._blocks.append(table if _Table is None else _Table(table, 1))

        # Per word, its character n-grams the model weighs (see ``_features``).
        self._char_grams: dict[str, tuple[str, ...]] = {}
        # The last few word lists read and their probabilities: one ask reads
        # the same words more than once (the matcher's second opinion, then
        # a reread of the question on its own).
        self._recent: dict[tuple[str, ...], tuple[float, ...]] = {}

    @classmethod
    def load(cls, path: str | Path) -> Classifier:
        """Read a classifier written by scripts/train_classifier.py."""
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def opinion(self, words: Sequence[str]) -> Opinion | None:
        """The most likely class of a message (as analysed words)."""
        probs = self.probabilities(words)
        if not probs:
            return None
        i = max(range(len(probs)), key=probs.__getitem__)
        return Opinion(self.classes[i], probs[i])

    def probabilities(self, words: Sequence[str]) -> list[float]:
        """Each class's probability (softmax), in the order of ``classes``.

        Each block's features are L2-normalised, so its sums are divided by
        its norm once at the end rather than feature by feature.
        """
        key = tuple(words)
        hit = self._recent.get(key)
        if hit is None:
            if len(self._recent) >= RECENT:
                self._recent.clear()
            hit = self._recent[key] = tuple(self._probabilities(key))
        return list(hit)

    def _probabilities(self, words: Sequence[str]) -> list[float]:
        scores = list(self.intercept)
        k = len(scores)
        seen = False
        for table, found in zip(self._blocks, self._features(words), strict=True):
            if type(table) is _Table:  # packed: counted as it is summed
                acc, squares = _sums_of_list(found, table, k)
            else:
                acc, squares = _sums(Counter(found), table, k)
            if squares:
                seen = True
                inv = 1.0 / math.sqrt(squares)
                for c in range(k):
                    scores[c] += acc[c] * inv
        if not seen:
            return []
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return [e / total for e in exp]

    def _features(self, words: Sequence[str]) -> tuple[list[str], list[str]]:
        """``features`` (uncounted) without the character n-grams the model
        does not weigh.

        Those add nothing to a score, so the sums (and their order) are the
        same; each word's n-grams are worked out once and kept.
        """
        stems = [stem(w) for w in words]
        word = stems + [f"{a} {b}" for a, b in pairwise(stems)]
        kept = self._char_grams
        char: list[str] = []
        for w in words:
            grams = kept.get(w)
            if grams is None:
                table = self._blocks[1]
                padded = f" {w} "
                grams = tuple(
                    sys.intern(g)
                    for n in CHAR_SIZES
                    for g in (padded[i : i + n] for i in range(len(padded) - n + 1))
                    if g in table
                )
                if len(w) <= MAX_KEPT_WORD:
                    if len(kept) >= MAX_KEPT:
                        kept.clear()
                    kept[w] = grams
            char += grams
        return word, char


def _block_sums(
    counts: dict[str, int], table: dict[str, _Weights], k: int
) -> tuple[list[float], float]:
    """One block's per-class sums and sum of squares, before its norm."""
    acc = [0.0] * k
    squares = 0.0
    log = math.log
    weights = map(table.get, counts)  # looked up in one go, in order
    for n, hit in zip(counts.values(), weights, strict=True):
        if hit is None:
            continue
        if n == 1:  # most features: the products were made once, alike
            squares += hit[2]
            for c, x in hit[3]:
                acc[c] += x
            continue
        idf, pairs = hit[0], hit[1]
        v = (1.0 + log(n)) * idf
        squares += v * v
        for c, w in pairs:
            acc[c] += v * w
    return acc, squares


try:  # the same sums in C, where it was built (setup.py)
    from ._speedups import Table as _Table
    from ._speedups import classifier_block as _sums
    from ._speedups import classifier_grams as _sums_of_list
except ImportError:  # pragma: no cover - the pure-Python sums instead
    _Table = None
    _sums = _block_sums


@lru_cache(maxsize=2)
def _cached(path: str, mtime: float) -> Classifier:
    return Classifier.load(path)


def load_classifier(path: str | Path) -> Classifier | None:
    """The classifier at ``path`` (read once per version of the file), or None."""
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        return None
    return _cached(str(path), mtime)


def document_frequencies(docs: Iterable[Counter[str]]) -> Counter[str]:
    """In how many documents each feature occurs (for the training script)."""
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    return df
