"""Text normalisation shared by the crisis screen and the matcher.

Patients type on phones: curly quotes, accents, contractions without
apostrophes, SMS shorthand. Everything that compares text goes through
``normalize`` first so that "Wat r the stages of a migrane??" and "what are
the stages of a migraine" look alike to the code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

import re2

_PUNCT_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)
_PUNCT_CHARS = frozenset(map(chr, _PUNCT_MAP))

# Contractions with the apostrophe (expanded before punctuation is dropped).
_APOSTROPHE = [
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bain't\b"), "is not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'d\b"), " would"),
    (
        re.compile(r"\b(what|where|who|how|it|that|there|here|when|why|this)'s\b"),
        r"\1 is",
    ),
    (re.compile(r"'s\b"), ""),
]
# What each of those needs in the text to match at all (the rest are skipped).
_APOSTROPHE_NEEDS = (
    "can't", "won't", "ain't", "shan't", "n't", "'re", "'m", "'ll", "'ve", "'d",
    "'s", "'s",
)  # fmt: skip

# Whole-token shorthand and apostrophe-less contractions, as typed by patients.
SHORTHAND: dict[str, str] = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "ur": "your",
    "urs": "yours",
    "youre": "you are",
    "r": "are",
    "y": "why",
    "n": "and",
    "nd": "and",
    "b4": "before",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "cos": "because",
    "bcuz": "because",
    "abt": "about",
    "bout": "about",
    "pls": "please",
    "plz": "please",
    "plez": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "tnx": "thanks",
    "ty": "thank you",
    "tysm": "thank you",
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "whats": "what is",
    "wats": "what is",
    "hw": "how",
    "hows": "how is",
    "wher": "where",
    "wheres": "where is",
    "whos": "who is",
    "thats": "that is",
    "theres": "there is",
    "im": "i am",
    "ive": "i have",
    "id": "i would",
    "ill": "i will",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "havent": "have not",
    "hasnt": "has not",
    "shouldnt": "should not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "aint": "is not",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "hafta": "have to",
    "kinda": "kind of",
    "sorta": "sort of",
    "lemme": "let me",
    "gimme": "give me",
    "dunno": "do not know",
    "idk": "i do not know",
    "rn": "right now",
    "atm": "at the moment",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "2day": "today",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "w": "with",
    "wo": "without",
    "wit": "with",
    "da": "the",
    "teh": "the",
    "tho": "though",
    "thru": "through",
    "ppl": "people",
    "sb": "somebody",
    "smth": "something",
    "sth": "something",
    "msg": "message",
    "txt": "text",
    "info": "information",
    "dr": "doctor",
    "drs": "doctors",
    "doc": "doctor",
    "hrs": "hours",
    "hr": "hour",
    "mins": "minutes",
    "min": "minutes",
    "wk": "week",
    "wks": "weeks",
    "yr": "year",
    "yrs": "years",
    "mo": "month",
    "mos": "months",
    "appt": "appointment",
    "appts": "appointments",
    "tx": "treatment",
    "trtmnt": "treatment",
    "meds": "medication",
    "med": "medication",
    "rx": "prescription",
    "pt": "patient",
    "pts": "patients",
    "ok": "okay",
    "kk": "okay",
    "okey": "okay",
    "okk": "okay",
    "oke": "okay",
    "wud": "would",
    "wld": "would",
    "cud": "could",
    "cld": "could",
    "shud": "should",
    "shld": "should",
    "yall": "you all",
    "yalls": "your",
    "apt": "appointment",
    "apts": "appointments",
    "sumone": "someone",
    "some1": "someone",
    "any1": "anyone",
    "every1": "everyone",
    "no1": "no one",
    "gud": "good",
    "luv": "love",
    "nite": "night",
    "tonite": "tonight",
    "becuz": "because",
    "becuase": "because",
    "hlp": "help",
    "hav": "have",
    "hve": "have",
    "wen": "when",
    "tht": "that",
    "prolly": "probably",
    "cn": "can",
    "shd": "should",
}

# "4" and "2" are "for" and "to" in SMS shorthand unless they count something.
_COUNTABLE = {
    "day",
    "days",
    "hour",
    "hours",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "minute",
    "minutes",
    "time",
    "times",
    "million",
    "percent",
    "people",
    "session",
    "sessions",
    "treatment",
    "treatments",
    "infusion",
    "infusions",
    "dose",
    "doses",
    "pills",
    "pill",
    "mg",
    "x",
    "or",
    "and",
    "to",
    "out",
    "in",
    "of",
}
_DIGIT_WORDS = {"4": "for", "2": "to"}

STOPWORDS = frozenset(
    """
    a an the is are am was were be been being to of for and or but nor in on at
    by with from as into onto about it its it's this that these those i me my
    mine myself we us our you your yours he him his she her they them their do
    does did doing done can could would will shall should may might must have
    has had having so just really very also too then there here some any please
    pls thanks thank hi hello hey hiya yo dear sir madam ok okay um uh like well
    oh ah quick question wondering wonder curious ask asking know tell let get
    got any anyone someone somebody if than such only even still yet again ever
    much more most lot lots bit kind sort thing things stuff
    """.split()
)

_WORD_RE = re.compile(r"[a-z0-9]+")
_SLASH_WO = re.compile(r"\bw/o\b")
_SLASH_W = re.compile(r"\bw/")
_SLASH_BC = re.compile(r"\bb/c\b")


def fold(text: str) -> str:
    """Unicode-normalise, strip accents and casefold: the first step of comparing."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text)
    if not _PUNCT_CHARS.isdisjoint(text):  # a translate reads every character
        text = text.translate(_PUNCT_MAP)
    text = unicodedata.normalize("NFKD", text)
    # The accents dropped, each distinct character asked once (not each one).
    for mark in [ch for ch in set(text) if unicodedata.combining(ch)]:
        text = text.replace(mark, "")
    return text.casefold()


def normalize(text: str) -> str:
    """Fold, expand contractions and shorthand, drop punctuation, collapse spaces.

    >>> normalize("Wat r the stages of a migrane?? I'm curious")
    'what are the stages of a migrane i am curious'
    >>> normalize("ketamine 4 migraines, 4 days")
    'ketamine for migraines 4 days'
    """
    return _expand(_tokens(fold(text)))


def _tokens(text: str) -> list[str]:
    """The words of folded text, contractions expanded, before shorthand."""
    if "'" in text:
        for (pattern, repl), needs in zip(_APOSTROPHE, _APOSTROPHE_NEEDS, strict=True):
            if needs in text:
                text = pattern.sub(repl, text)
        text = text.replace("'", "")
    if "&" in text or "%" in text or "$" in text:
        # "$$ for ketamine??" asks a price: the sign is read as its word.
        text = text.replace("&", " and ").replace("%", " percent ")
        text = text.replace("$", " dollars ")
    if "/" in text:
        text = _SLASH_WO.sub(" without ", text)
        text = _SLASH_W.sub(" with ", text)
        text = _SLASH_BC.sub(" because ", text)
    return _WORD_RE.findall(text)


def _expand(words: list[str]) -> str:
    """Shorthand expanded; "4" and "2" read as "for" and "to" unless they count."""
    return " ".join(_expand_each(words))


def _expand_each(words: list[str]) -> list[str]:
    out: list[str] = []
    for i, word in enumerate(words):
        if word in _DIGIT_WORDS:
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if nxt and not nxt.isdigit() and nxt not in _COUNTABLE:
                word = _DIGIT_WORDS[word]
        else:
            word = SHORTHAND.get(word, word)
        out.append(word)
    return out


def _span(words: list[str], done: list[str], start: int, end: int) -> str:
    """The expanded words ``start:end`` as if they were all the text there is."""
    if start < end and words[end - 1] in _DIGIT_WORDS:
        # Nothing follows the last word of a part: a final "4" stays a 4.
        return " ".join([*done[start : end - 1], words[end - 1]])
    return " ".join(done[start:end])


def normalize_pieces(
    text: str, pieces: Sequence[Sequence[str]]
) -> tuple[str, list[str], list[list[str]]]:
    """``normalize`` of ``text``, of each sentence and of each piece, in one pass.

    ``pieces`` holds each sentence of ``text`` cut into pieces (a sentence is
    its pieces joined by whitespace or cut between a full stop and a letter):
    every piece is folded and tokenised once, and the sentences' and the
    whole text's forms are put together from the pieces' words. Equal to
    calling ``normalize`` on each, since no word, contraction or shorthand
    spans a cut; the one exception, a backtick (folded to an apostrophe only
    in text that is not ASCII), is normalised piece by piece.

    >>> normalize_pieces("I need 2. Go; now", [["I need 2."], ["Go;", "now"]])
    ('i need to go now', ['i need 2', 'go now'], [['i need 2'], ['go', 'now']])
    """
    if "`" in text and not text.isascii():
        forms = [[normalize(p) for p in s] for s in pieces]
        sentences = [normalize(" ".join(s)) for s in pieces]
        return normalize(text), sentences, forms
    every: list[str] = []
    bounds: list[list[int]] = []  # where each sentence's pieces end in ``every``
    for sentence in pieces:
        ends = [len(every)]
        for piece in sentence:
            every.extend(_tokens(fold(piece)))
            ends.append(len(every))
        bounds.append(ends)
    done = _expand_each(every)  # each word expanded once, in the whole text
    sentences = [_span(every, done, ends[0], ends[-1]) for ends in bounds]
    forms = [[_span(every, done, a, b) for a, b in pairwise(ends)] for ends in bounds]
    return " ".join(done), sentences, forms


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper so "migraines", "lasting" and "lasted" meet their stems.

    >>> [stem(w) for w in ["migraines", "lasting", "lasted", "studies", "causes"]]
    ['migraine', 'last', 'last', 'study', 'cause']
    """
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ing") and len(word) > 5:
        base = word[:-3]
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "lsz":
            base = base[:-1]
        return base
    if word.endswith("ed") and len(word) > 4:
        base = word[:-2]
        if base.endswith("i"):
            return base[:-1] + "y"
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "lsz":
            base = base[:-1]
        return base
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ivity"):  # sensitivity, sensitive -> sensitiv
        return word[:-3]
    if word.endswith("ive"):
        return word[:-1]
    return word


_QUESTION_START = frozenset(
    """
    what whats how hows when where wheres why who whos which can could do does did
    is are was will would should may might any anyone have has wat wht hw wut
    """.split()
)


def is_question(sentence: str) -> bool:
    """True when a sentence asks something: a question mark or a question word first.

    >>> is_question("do u take medicare"), is_question("I've tried triptans.")
    (True, False)
    """
    return "?" in sentence or asks(sentence, normalize(sentence))


def asks(sentence: str, normalized: str) -> bool:
    """``is_question`` for a sentence whose normalised form is at hand."""
    return "?" in sentence or opens_question(normalized)


def opens_question(normalized: str) -> bool:
    """True when normalised text opens with a question word ("how", "can", ...)."""
    words = normalized.split(maxsplit=1)
    return bool(words) and words[0] in _QUESTION_START


# Whitespace after . ! or ?, or line breaks: each alternative opens with the
# character it consumes (the first written "\s" checked back for the mark
# before it, i.e. ``(?<=[.!?])\s+``), so ``re`` skips to the next whitespace
# instead of trying the pattern at every character.
_SENTENCE_SPLIT = re.compile(r"\s(?<=[.!?]\s)\s*|\n\n*")


def split_sentences(text: str) -> list[str]:
    """Split raw text into sentences on . ! ? and line breaks (keeps the marks)."""
    parts = _SENTENCE_SPLIT.split(text.strip())
    return [p.strip() for p in parts if p and p.strip()]


# The crisis screen reads clauses: sentences also cut at ";" and where a full
# stop meets a letter ("tired.I want"). Every sentence boundary is one of these.
CLAUSE_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n+|(?<=[.!?])(?=[A-Za-z])")
# Where CLAUSE_SPLIT can cut, found in one quick scan: most sentences hold none.
_CLAUSE_CUT = re.compile(r"[.!?;]\s|\n|[.!?][A-Za-z]")


def split_clauses(text: str) -> list[str]:
    """The non-empty pieces ``CLAUSE_SPLIT`` cuts ``text`` into."""
    if _CLAUSE_CUT.search(text) is None:
        return [text] if text else []
    return [c for c in CLAUSE_SPLIT.split(text) if c]


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


def clean(text: str) -> str:
    """Drop control characters and lone surrogates that no database can store.

    >>> clean("hi\\x00 there\\ud800")
    'hi there\\ufffd'
    """
    text = _SURROGATE_RE.sub("\ufffd", text)
    return _CONTROL_RE.sub("", text).strip()


# Words that carry little of what a question is about ("do you offer X", "I
# want to know about X"): they count for a fraction of their rarity.
LIGHT_WORDS = frozenset(
    stem(w)
    for w in """
    offer offers offered provide provides providing do does doing want wanted need
    needs needed like would could should know tell find found looking look wondering
    information info question questions guy guys folks yall someone anyone people
    person anybody somebody something anything thing things way ways also actually
    really just even still already maybe perhaps probably possible possibly sure
    exactly
    right okay ok yes no not go going come coming get getting got give make made
    say said see seen hear heard read told talk talking hello thanks thank please
    say us we our ours you your yours they them their i me my mine he she his her
    """.split()
)


LOG_VALUE_CHARS = 80


def loggable(value: object, limit: int = LOG_VALUE_CHARS) -> str:
    r"""A value from a request as a log line may hold it: repr'd, and cut short.

    The repr escapes newlines and control characters, so a parameter cannot
    forge a log line of its own.

    >>> print(loggable("x\n2026-01-01 INFO admin login ok"))
    'x\n2026-01-01 INFO admin login ok'
    >>> print(loggable("a" * 100, limit=10))
    'aaaaaaaa...(100 chars)
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}...({len(str(value))} chars)"


class TermFilter:
    """Which of several patterns could match a text, found in one RE2 pass.

    Each pattern is given by its body (without the lookarounds RE2 lacks): a
    pattern whose body occurs nowhere in a text cannot match it, so only the
    patterns ``candidates`` names need searching. A body RE2 cannot read is
    always a candidate, and so is every pattern should RE2 give up on a text
    (an empty pattern, which every text matches, tells).

    >>> f = TermFilter(["how much(?: [a-z0-9]+){0,4} cost", "insurance"])
    >>> sorted(f.candidates("how much will it cost")), f.candidates("hello")
    ([0], frozenset())
    """

    def __init__(self, bodies: Sequence[str]) -> None:
        opts = re2.Options()
        opts.log_errors = False
        index = re2.Set.SearchSet(opts)
        self._every = index.Add("")
        self._ids: dict[int, int] = {}  # RE2's index -> the pattern's
        unread = set()
        for i, body in enumerate(bodies):
            try:
                self._ids[index.Add(body)] = i
            except re2.error:
                unread.add(i)
        index.Compile()
        self._index = index
        self._always = frozenset(unread)
        self._all = frozenset(range(len(bodies)))

    def candidates(self, text: str) -> frozenset[int]:
        """The patterns that may match ``text`` (a superset of those that do)."""
        hits = self._index.Match(text)
        if not hits or self._every not in hits:
            return self._all  # RE2 gave up (out of memory): search them all
        ids = self._ids
        return self._always.union(ids[h] for h in hits if h != self._every)
