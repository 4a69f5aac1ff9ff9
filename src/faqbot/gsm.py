"""GSM-7, the SMS alphabet: what fits in a plain text message and how long it is.

A message with a single character outside GSM-7 (a curly quote, an emoji) is
sent as UCS-2 and its segments shrink from 153 to 67 characters, so every SMS
the service sends goes through ``to_gsm7`` first.
"""

from __future__ import annotations

import re
import unicodedata

# GSM 03.38 basic character set.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Extension table: each costs two septets (escape + character).
GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")

SINGLE_SEGMENT = 160
MULTI_SEGMENT = 153

_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2012": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u2026": "...",
    "\u00a0": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",
    "\u2022": "-",
    "\u00b7": "-",
    "\t": " ",
    "\u2122": "(TM)",
    "\u00ae": "(R)",
    "\u00a9": "(C)",
    "\u2264": "<=",
    "\u2265": ">=",
}


def is_gsm7(text: str) -> bool:
    """True when every character of ``text`` is in the GSM-7 alphabet."""
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def septets(text: str) -> int:
    """Length of ``text`` in GSM-7 septets (extension characters count twice)."""
    return sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)


def segments(text: str) -> int:
    """How many SMS segments a GSM-7 ``text`` needs."""
    n = septets(text)
    if n <= SINGLE_SEGMENT:
        return 1
    return -(-n // MULTI_SEGMENT)


def to_gsm7(text: str) -> str:
    """Replace or drop every character that would force UCS-2 encoding.

    >>> to_gsm7("We\u2019re here \u2014 call us\u2026 \U0001f600")
    "We're here - call us..."
    """
    out: list[str] = []
    for ch in text:
        if ch in GSM7_BASIC or ch in GSM7_EXTENDED:
            out.append(ch)
            continue
        if ch in _REPLACEMENTS:
            out.append(_REPLACEMENTS[ch])
            continue
        # Accented letters outside GSM-7 lose their accent (ê -> e).
        base = "".join(
            c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
        )
        if base and all(c in GSM7_BASIC for c in base):
            out.append(base)
        # Anything else (emoji, symbols, control characters) is dropped.
    return re.sub(" {2,}", " ", "".join(out)).strip()
