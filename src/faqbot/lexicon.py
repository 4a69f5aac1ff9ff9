"""How common an English word is, from wordfreq's word list.

Two jobs: a word that is common English ("saying", "morning") is never
"corrected" into an FAQ word it merely resembles ("paying"), and a word the
FAQ does not know counts against a match by how informative it is: a rare
word ("tinnitus") says much more about a question than "yesterday" does.
"""

from __future__ import annotations

import math
from functools import lru_cache

# Zipf scale: 7 is "the", 3 is about once per million words, 0 is unseen.
COMMON_ZIPF = 3.0


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="small")


def zipf(word: str) -> float:
    """The word's Zipf frequency in English (0 when it is not in the list)."""
    freq = _frequencies().get(word)
    if not freq:
        return 0.0
    return max(0.0, math.log10(freq) + 9.0)


def is_common(word: str) -> bool:
    """True for real, common English words (never spelling-corrected)."""
    return zipf(word) >= COMMON_ZIPF


def information(word: str) -> float:
    """How much a word tells, 0.15 (very common) to 1.0 (rare or unknown)."""
    z = zipf(word)
    return min(1.0, max(0.15, (7.0 - z) / 4.0))
