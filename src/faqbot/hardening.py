"""Undo the tricks that hide words from a screen: invisible characters,
look-alike letters, digits used as letters and spaced-out letters.

A patient who writes "k i l l", "k1ll", "kіll" (a Cyrillic i) or "ki\u200bll"
means "kill"; the crisis screen must read it that way. These steps run on the
text the screen reads, never on what is stored or shown to staff.
"""

from __future__ import annotations

import re
import unicodedata

# Cyrillic and Greek letters that look like Latin ones (Unicode's confusables,
# the lower-case letters people actually substitute).
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h",
        "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i",
        "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h",
        "ӏ": "l", "ɑ": "a", "ɡ": "g", "ı": "i", "ȷ": "j",
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v",
        "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ѵ": "v",
        "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o",
        "Р": "p", "С": "c", "Т": "t", "У": "y", "Х": "x", "І": "i", "Ј": "j",
        "Α": "a", "Β": "b", "Ε": "e", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m",
        "Ν": "n", "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x", "Ζ": "z",
    }
)  # fmt: skip

# Digits and symbols typed in place of letters ("k1ll", "su!c!de", "d3ad").
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
     "$": "s", "!": "i", "|": "l", "+": "t", "€": "e"}
)  # fmt: skip
# Only tokens where a letter meets a look-alike symbol: the rest are never visited.
_LEET_TOKEN = re.compile(
    r"(?<![\w@$!|+€])[a-z0-9@$!|+€]*"
    r"(?:[a-z][0-9@$!|+€]|[0-9@$!|+€][a-z])[a-z0-9@$!|+€]*"
)
_CONFUSABLE_CHARS = frozenset(map(chr, _CONFUSABLES))
_LEET_CHARS = frozenset("013457@$!|+€")
# Three or more single letters (or look-alike digits) in a row, one separator each.
_SPACED = re.compile(
    r"(?<![a-z0-9@$!])(?:[a-z0-9@$!][ .\-_*·]){2,}[a-z0-9@$!](?![a-z0-9@$!])"
)


def drop_invisible(text: str) -> str:
    """Remove format characters (Unicode category Cf) and variation selectors.

    >>> drop_invisible("ki\\u200bll my\\u00adself")
    'kill myself'
    """
    if text.isascii():
        return text
    # Each distinct character asked once, not each character.
    for ch in [
        ch
        for ch in set(text)
        if unicodedata.category(ch) == "Cf" or 0xFE00 <= ord(ch) <= 0xFE0F
    ]:
        text = text.replace(ch, "")
    return text


def map_confusables(text: str) -> str:
    """Map Cyrillic and Greek look-alikes to the Latin letters they imitate."""
    if text.isascii() or _CONFUSABLE_CHARS.isdisjoint(text):
        return text  # a translate would read every character for nothing
    return text.translate(_CONFUSABLES)


def join_spaced(text: str, known: frozenset[str] = frozenset()) -> str:
    """Join letters typed one at a time: "k i l l" -> "kill".

    A last letter that is a word of its own ("a", "i") stays apart when the
    word before it is known without it.

    >>> join_spaced("i want to k i l l myself")
    'i want to kill myself'
    >>> join_spaced("thinking about k i l l i a lot", frozenset({"kill"}))
    'thinking about kill i a lot'
    """

    def join(m: re.Match[str]) -> str:
        found = m.group()
        if not any("a" <= ch <= "z" for ch in found):
            return found  # "1 2 3" stays a list of numbers
        word = re.sub(r"[ .\-_*·]", "", found)
        for cut in (1, 2):
            head = word[:-cut]
            if word not in known and head in known:
                return head + " " + " ".join(word[-cut:])
        return word

    return _SPACED.sub(join, text)


def unleet(text: str, known: frozenset[str]) -> str:
    """Read digits and symbols inside words as letters, where that makes a known word.

    Only tokens that mix letters with look-alike symbols change, and only when
    the result is in ``known`` (so "b4" and "2day" keep their own meaning).

    >>> unleet("i want to k1ll my$elf", frozenset({"kill", "myself"}))
    'i want to kill myself'
    """

    def fix(m: re.Match[str]) -> str:
        token = m.group()
        if not _LEET_CHARS.intersection(token):
            return token
        plain = token.translate(_LEET)
        return plain if plain in known else token

    if _LEET_CHARS.isdisjoint(text):
        return text  # nothing could change: most messages
    return _LEET_TOKEN.sub(fix, text)


def harden(text: str, known: frozenset[str]) -> str:
    """All four steps, on lower-cased text: what a screen should read.

    >>> harden("K I L L  my\\u200bself", frozenset({"kill"}))
    'kill  myself'
    """
    text = map_confusables(drop_invisible(text))
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.lower()
    return unleet(join_spaced(text, known), known)
