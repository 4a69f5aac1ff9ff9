"""How common an English word is, from wordfreq's word list.

Two jobs: a word that is common English ("saying", "morning") is never
"corrected" into an FAQ word it merely resembles ("paying"), and a word the
FAQ does not know counts against a match by how informative it is: a rare
word ("tinnitus") says much more about a question than "yesterday" does.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import msgpack

# Zipf scale: 7 is "the", 3 is about once per million words, 0 is unseen.
COMMON_ZIPF = 3.0


@lru_cache(maxsize=1)
def _zipf_table() -> dict[str, float]:
    """Word -> Zipf frequency, read straight from wordfreq's data file.

    Importing the wordfreq package pulls in several text libraries we do not
    need (~6 MB per worker); its English list is one msgpack file in the
    documented "cB" format: bin i holds the words of frequency 10**(-i/100).
    """
    spec = importlib.util.find_spec("wordfreq")
    if spec and spec.submodule_search_locations:
        path = Path(spec.submodule_search_locations[0]) / "data" / "small_en.msgpack.gz"
        try:
            with gzip.open(path) as fh:
                data = msgpack.load(fh, raw=False)
        except (OSError, ValueError):
            data = None
        if data and isinstance(data[0], dict) and data[0].get("format") == "cB":
            table: dict[str, float] = {}
            for i, words in enumerate(data[1:]):
                z = 9.0 - i / 100.0  # log10(10**(-i/100)) + 9: one float per bin
                for word in words:
                    table[word] = z
            return table
    from wordfreq import get_frequency_dict  # the documented, heavier way

    return {
        w: math.log10(f) + 9.0
        for w, f in get_frequency_dict("en", wordlist="small").items()
    }


def english_words() -> Iterable[str]:
    """The words of the English list (the table's own string objects)."""
    return _zipf_table().keys()


def english_table() -> Mapping[str, float]:
    """Word -> Zipf frequency for the English list (read-only)."""
    return _zipf_table()


@lru_cache(maxsize=1)
def longest_word() -> int:
    """The length of the longest word in the English list (18 letters today):
    no longer string can be one, nor one edit from a shorter one and more."""
    return max(map(len, _zipf_table()), default=0)


def zipf(word: str) -> float:
    """The word's Zipf frequency in English (0 when it is not in the list)."""
    return max(0.0, _zipf_table().get(word, 0.0))


def is_common(word: str) -> bool:
    """True for real, common English words (never spelling-corrected)."""
    return zipf(word) >= COMMON_ZIPF


def information(word: str) -> float:
    """How much a word tells, 0.15 (very common) to 1.0 (rare or unknown)."""
    z = zipf(word)
    return min(1.0, max(0.15, (7.0 - z) / 4.0))
