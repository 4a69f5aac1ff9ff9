"""Match a patient's message to FAQ entries, or decide that none fits.

The classic failure of FAQ bots is a confident wrong answer to a question
that merely shares common words ("ketamine", "migraine") with an entry. So
words are weighted by how well they tell entries apart (inverse document
frequency over entries), a phrasing only scores by how much of *its*
distinctive content the message covers, and the score is discounted by how
much of the message the entry cannot explain. Words the FAQ has never seen
count against a match; topics the FAQ must never answer (cost, dosing,
side effects ...) always go to staff.

The index is an inverted index over normalised tokens, so only phrasings
that share a word with the message are scored, and a branch-and-bound
over the phrasings' upper bounds stops as soon as no other entry can win.
"""

from __future__ import annotations

import heapq
import math
import re
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from itertools import islice, pairwise

from rapidfuzz import fuzz, process

from .classifier import OUT_OF_SCOPE, Classifier, Opinion, load_classifier
from .faq import Faq, FaqEntry, Thresholds
from .lexicon import information, is_common, zipf
from .message import Analysed, analyse
from .spelling import Speller
from .text import LIGHT_WORDS, STOPWORDS, TermFilter, normalize, stem

TOP_K = 3  # how many entries are scored exactly (the rest are pruned)
NOT_THIS = "not_this_entry"  # the handoff reason when an entry's "not" list wins
OTHER_CONDITIONS = "other_conditions"  # the handoff topic of an unknown illness
SECOND_OPINION = "second_opinion"  # the reason when the classifier vetoes
BEYOND = "beyond_entry"  # the reason when a specific word is the entry's blind spot
JOINED = "two_subjects"  # a question joining two sibling entries' subjects
SLOT = "beyond_assertion"  # a figure or span the answer asserts nothing of
NARROWER = "narrower_entry"  # an entry whose question names the asked subject
ABSENT = "absent_part"  # a part the answer lists, asked to be left out
BESIDE_CLINIC = "beside_clinic"  # people or a place beside the clinic's facts
# Token lists longer than this share of all phrasings are "common" (_split).
ESSENTIAL_SHARE = 0.01
# Phrasings reached only through common tokens, visited at most (per message).
STREAM_MAX = 1000
# Up to this many phrasings, every token's whole list is scored (no streaming).
SMALL_FAQ = 5000
# On a small FAQ, tokens in more than this share of phrasings are streamed.
COMMON_SHARE = 0.1
CAP_MARGIN = 1.0 + 1e-9  # a stream's cap, raised past any rounding of a bound
STREAM_BATCH = 4  # phrasings bounded at once when a stream reaches the top
EXACT = 0.99  # a score this high means the message reads like a phrasing
OFFER_SHARE = 0.1  # an entry the classifier gives this much is worth offering
RECENT_MAX = 512  # texts whose analysed words an Analyzer remembers
JOIN_MIN = 7  # split words are joined back only into an FAQ word this long
WHOLE_MAX = 8192  # words whose _whole an Analyzer keeps
QUESTION_TYPE_WORDS = 6  # a question's type is read from its first words


@dataclass(frozen=True)
class Knobs:
    """How the score is put together; calibrated by bench/tune.py on labelled data."""

    coverage_power: float = 1.0  # how strongly an incomplete phrasing is penalised
    precision_power: float = 1.0  # how strongly unexplained words count against
    bag_share: float = 0.85  # credit for words the entry knows from other phrasings
    fuzz_share: float = 0.2  # share of the score from whole-string similarity
    oov_share: float = 0.6  # weight of an unknown word, as a share of the rarest word
    story_share: float = 0.2  # weight of words outside the question of a long message
    light_share: float = 0.3  # weight of a low-information word ("offer", "want")
    info_floor: float = 0.6  # how much a common English word keeps of its FAQ weight
    oov_info_floor: float = 0.2  # the same for words the FAQ does not know
    generic_weight: float = 2.0  # phrasings lighter than this count less (0: off)
    # A question of a type (where, how many ...) that none of an entry's
    # phrasings asks scores this much less, if the type is some entry's own
    # (at least qtype_share of its phrasings ask it).
    aside_share: float = 0.3  # weight of words set aside ("besides migraines")
    qtype_penalty: float = 0.3
    qtype_share: float = 0.1
    # An entry at least this share of whose phrasings ask a type "owns" it: a
    # question of that type the words left unresolved, with that entry their
    # best candidate (half the clarify threshold or more), is answered with it.
    qtype_owner: float = 0.3
    # A word of the question rarer than this in English (Zipf; "prodrome",
    # "refractory") that the answered entry neither answers nor is asked
    # with turns the answer into an offer, unless the classifier backs the
    # entry with at least specific_support ("one step beyond": a subtype, a
    # named condition, a detail the answer does not give). 0 turns it off.
    specific_zipf: float = 3.0
    specific_support: float = 0.7
    # A figure or time question (how many, what percentage, how common, how
    # long) naming a word rarer than slot_zipf that the answered entry
    # asserts no figure or span of (its question, its answer's figure or time
    # sentences, its phrasings asking that kind) is offered, whatever the
    # classifier says: it reads the entry's words, not what the answer
    # asserts ("how common is hemiplegic migraine", 0.9 to the aura entry,
    # whose answer gives no prevalence). 0 turns it off.
    slot_zipf: float = 3.0
    # Entries whose questions share a frame ("can ketamine help with ___")
    # differ by their subjects; a question joining two siblings' subjects
    # ("depression and migraines") is offered both. False turns it off.
    siblings: bool = True


# Figures and number words only ever support a match: "one" or "1?" alone must
# not meet the "one in four households" of an answer.
NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve fifteen
    twenty thirty forty fifty hundred thousand million half quarter""".split()
)
# What kind of answer a question wants, from its first few words.
_QUESTION_TYPES = (
    (
        "where",
        "where|what (?:city|area|part of town|neighborhood|street)|"
        "which (?:city|area|part of town|neighborhood|street|office|location)",
    ),
    ("quantity", "how many|how much|what percent(?:age)?|what fraction"),
    # "What is the (reported) durability / typical duration of ...": a
    # span asked in a noun ("durability" reads as "last").
    (
        "duration",
        "how long|how soon|how quickly|how fast|"
        "what (?:is|was|are|were) the (?:[a-z]+ )?(?:last|duration|length)",
    ),
    ("who", "who|whom|whose"),
    ("why", "why"),
    ("when", "when|what time"),
)
_QUESTION_TYPE_RE = re.compile(
    r"^(?:[a-z0-9]+ ){0,3}?(?:"
    + "|".join(f"(?P<{name}>{words})" for name, words in _QUESTION_TYPES)
    + r")(?![a-z0-9])"
)


# "besides migraines", "aside from infusions": up to three words set aside,
# to the end of the clause.
_SET_ASIDE = re.compile(
    r"(?i)\b(?:besides|aside from|apart from|other than|except(?: for)?|"
    r"not just|not only|in addition to)\s+([\w'-]+(?:\s+[\w'-]+){0,2}?)"
    r"(?=\s*[,.;:!?]|\s*$|\s+(?:can|could|do|does|is|are|what|how|would|will|"
    r"should|or|and|but)\b)"
)
# Every phrase it sets aside with holds one of these: ASCII text without them
# is not searched (the pattern is tried at every position of a long message).
_ASIDE_WORDS = (
    "besides", "aside from", "apart from", "other than", "except", "not just",
    "not only", "in addition to",
)  # fmt: skip
# A sentence opening with one of these narrows the question before it.
_NARROWS = re.compile(r"(?:like|such as|specifically|especially|mainly|i mean)\b")
# A question opening with one of these asks yes or no, whatever follows.
_YES_NO = frozenset(
    "is are am was were do does did can could will would should shall may might "
    "have has had".split()
)
# Words joining two subjects in one question.
_JOINERS = frozenset("and or plus both also vs versus only".split())
# Questions asking for a figure or a span, beyond _QUESTION_TYPES' openings.
_SLOT_QUESTION = re.compile(
    r"^(?:[a-z0-9]+ ){0,3}?(?:(?P<duration>how long|how soon|how quickly|how fast|"
    r"how many (?:hours|days|weeks|months|years|minutes))|(?P<quantity>how (?:many|"
    r"much|common|likely|often|rare)|what (?:percent(?:age)?|fraction|proportion|"
    r"share|number|ratio)|what are the (?:odds|chances)))(?![a-z0-9])"
)
# "address" as a verb: ending a what/which question asked with do/does/can
# ("what conditions does the clinic address"), or right after an auxiliary,
# with an object ("can you address my migraines"). The noun ("your address",
# "send me the clinic address") is a logistics question; the verb asks what
# the clinic treats, and reads as "treat" for the handoff topics.
_VERB_ADDRESS = re.compile(
    r"(?P<wh>\b(?:what|which)\b(?:\s+[a-z0-9'-]+)*?\s+(?:do|does|did|can|could|will|"
    r"would)\b(?:\s+[a-z0-9'-]+)*?\s+)address$|"
    r"(?P<aux>\b(?:do|does|did|can|could|will|would|to|you|they|we|help)\s+)address"
    r"(?=\s+(?!(?:of|for|in|at|is|please|to|and|or|so|thanks|on)\b)[a-z])"
)
# What an answer sentence asserts: a span of time, or a figure.
_TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months "
    "year years decade decades rapid rapidly quick quickly fast soon long lasts "
    "lasting".split()
)
_FIGURE_WORDS = frozenset("percent half most majority households".split())
# Words that ask without saying what about ("what is your address").
_QUESTION_WORDS = frozenset("what where which how who when whats".split())
# Words bounding an age group ("men over 50", "kids under 12", "aged 30").
_AGE_BOUNDS = frozenset("over under above below aged age ages past".split())
# What a treatment question is for follows these ("ketamine for anorexia",
# "do you treat lupus", "can it help with tinnitus"), past the words that
# say whose or how bad it is.
_PURPOSE_LEADS = frozenset(
    "for treat treats treating treated help helps helping against".split()
)
_PURPOSE_SKIP = frozenset(
    "my your his her their our the a an someone somebody people patients those "
    "with me him them us severe chronic bad really".split()
)
_PURPOSE_ZIPF = 4.0  # rarer than this, and unknown to the FAQ: a condition
_FAMILY = 6  # letters two forms of a word share ("anesthe-tic", "-sia")
# A condition on a figure ("how long does relief last if I do more infusions"):
# the words after these up to the next clause, when the answer says nothing
# of them, ask what the figure would be in a case the answer does not give.
_CONDITIONS = frozenset("if unless".split())
_CONDITION_WORDS = 6  # how far a condition reaches without punctuation
_CONDITION_ZIPF = 4.5
_COMPARATIVES = frozenset(
    "longer shorter more less fewer better worse faster slower sooner later".split()
)
# Round 8: a condition set beside the entry's own ("social anxiety
# specifically, or just depression"): the words that join the two, and the
# ones that only qualify the first.
_ALTERNATIVES = frozenset("or vs versus".split())
_ALTERNATIVE_SKIP = frozenset("just only simply mainly for with the a".split())
_ALTERNATIVE_REACH = 5  # words from "for"/"help" to the "or"
_QUALIFIERS = frozenset("specifically particularly too also either really".split())
# People who work at a clinic: a question about them ("is my doctor from TMS &
# Brain Health still there") is not one about the clinic's name.
_CLINIC_PEOPLE = frozenset(
    "doctor doctors nurse nurses staff provider providers physician physicians "
    "psychiatrist psychiatrists therapist therapists clinician clinicians".split()
)
# A clinic named as the thing asked about ("the LA office", "your Santa Monica
# clinic"), and the words that set it beside another place.
_CLINIC_NOUNS = frozenset(
    "clinic clinics office offices location locations center centers branch".split()
)
_BOTH = frozenset("both either each all any every".split())  # "in both LA and SM"
_PLACE_RELATIONS = frozenset("in near by around beside next close at".split())
# A part asked to be left out ("a migraine without the aura stage").
_LEAVE_OUT = re.compile(r"^(?:without|skip|skips|skipping|skipped|minus)$")
_LEAVE_OUT_REACH = 3  # words from "without" to the part it names
_WHY_QUESTION = re.compile(r"^(?:[a-z0-9]+ ){0,3}?why(?![a-z0-9])")
# "when did you change your name": a when question (not "when X fails, ...").
# Round 8: "what time" and "what day" ask when as well ("what time does the
# traffic get bad", of the booking answer).
_WHEN_QUESTION = re.compile(
    r"^(?:[a-z0-9]+ ){0,3}?(?:when|what time|what day|which day)(?: [a-z]+)? "
    r"(?:did|does|do|was|were|is|are|will|"
    r"would|should|can|could|has|have)(?![a-z0-9])"
)
# An answer sentence saying when: a date, a span, an order in time.
_WHEN_WORDS = frozenset("before after during since until ago recently".split())
# Units of a time span, shortest first: "lasted 2 weeks" is beyond an answer
# whose spans run to days.
_SPAN_UNITS = (
    ("minute", "minutes"),
    ("hour", "hours"),
    ("day", "days"),
    ("week", "weeks"),
    ("month", "months"),
    ("year", "years"),
    ("decade", "decades"),
)
_SPAN_RANK = {w: rank for rank, words in enumerate(_SPAN_UNITS) for w in words}


def is_number(token: str) -> bool:
    """True for figures ("4", "12") and number words ("one", "four")."""
    return token.isdigit() or token in NUMBER_WORDS


def question_type(words: Sequence[str]) -> str | None:
    """The kind of answer a question wants: where, quantity, duration, who ...

    >>> question_type("so how many people get migraines".split())
    'quantity'
    >>> question_type("can ketamine help".split()) is None
    True
    """
    m = _QUESTION_TYPE_RE.match(" ".join(words))
    return m.lastgroup if m else None


@dataclass(frozen=True)
class Candidate:
    """One FAQ entry and how well the message matches it (0..1)."""

    faq_id: str
    question: str
    score: float


@dataclass(frozen=True)
class Match:
    """The matcher's verdict on one message."""

    status: str  # answered | clarify | unmatched
    candidates: tuple[Candidate, ...]
    topic: str | None = None  # the handoff topic that forced a handoff, if any

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


@dataclass(slots=True)  # one per phrasing: 200,000 of them for 10,000 entries
class _Phrasing:
    entry: int
    tokens: frozenset[str]
    weight: float
    text: str


@dataclass
class Analyzer:
    """Turns raw text into matchable tokens using the FAQ's own vocabulary."""

    synonyms: Mapping[str, str]
    vocabulary: frozenset[str] = frozenset()
    _phrase_re: re.Pattern[str] | None = None
    _phrase_filter: TermFilter | None = None
    _phrase_map: dict[str, str] = field(default_factory=dict)
    _word_map: dict[str, str] = field(default_factory=dict)
    _vocab_by_len: dict[int, list[str]] = field(default_factory=dict)
    _info: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for variant, canonical in self.synonyms.items():
            v = normalize(variant)
            c = normalize(canonical)
            if not v or v == c:
                continue
            if " " in v:
                self._phrase_map[v] = c
            else:
                self._word_map[v] = c
        if self._phrase_map:
            alts = sorted(self._phrase_map, key=len, reverse=True)
            pattern = r"\b(" + "|".join(re.escape(a) for a in alts) + r")\b"
            self._phrase_re = re.compile(pattern)
            # RE2 tells in one linear pass, far sooner than the alternation
            # is tried at every word, whether a phrase occurs at all (its \b
            # is ASCII, so it matches wherever Python's would; where RE2
            # cannot read the pattern, the alternation is always tried). A
            # set of one pattern asks it without building a match.
            self._phrase_filter = TermFilter([pattern])
        self.set_vocabulary(self.vocabulary)

    def set_vocabulary(self, words: Iterable[str]) -> None:
        """Words that are never spelling-corrected and that others are corrected to."""
        self.vocabulary = frozenset(words)
        self._speller = Speller(self.vocabulary)
        # What a joined word may become (see _joined): a long FAQ word's first
        # letter and length, give or take a letter, so most pairs of words are
        # passed over at once.
        self._join_shapes = frozenset(
            (w[0], len(w) + k)
            for w in self.vocabulary
            if len(w) >= JOIN_MIN
            for k in (-1, 0, 1)
        )
        # normalised text -> (its words, the spelling corrections made)
        self._recent: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {}
        self._recent_tokens: dict[str, tuple[str, ...]] = {}  # see normal_tokens
        self._wholes: dict[str, bool] = {}  # word -> _whole(word), see _meant

    def correct(self, word: str) -> str:
        """``word`` spelt right (itself when it is known or nothing is close)."""
        return self._speller.correct(word)

    def words(self, text: str) -> list[str]:
        """Normalised words, misspellings corrected, then synonyms applied.

        Spelling comes first, so a phrase synonym ("runs in the family") also
        catches its misspelt forms ("runs in the famly") without listing them.
        The stages of one match ask for the same text's words several times:
        the last few hundred texts are remembered.
        """
        return self.normal_words(normalize(text))

    def normal_words(self, norm: str) -> list[str]:
        """``words`` of text already normalised (a sentence of an ``Analysed``)."""
        return list(self._analysed(norm)[0])

    def corrections(self, norm: str) -> dict[str, str]:
        """The spelling corrections ``words`` makes in normalised text."""
        return dict(self._analysed(norm)[1])

    def _analysed(self, norm: str) -> tuple[tuple[str, ...], dict[str, str]]:
        hit = self._recent.get(norm)
        if hit is None:
            if len(self._recent) >= RECENT_MAX:
                # The oldest text goes, not all of them: emptied at once, the
                # cache would lose the texts of the ask under way, whose
                # stages then work out the same words again.
                del self._recent[next(iter(self._recent))]
            hit = self._recent[norm] = self._words(norm)
        return hit

    def _joined(self, words: list[str]) -> list[str]:
        """Words a dictating phone split apart, joined back ("a point meant").

        Two or three adjacent words are read as one when together they spell,
        or nearly spell (the speller's edits and sounds), an FAQ word of
        ``JOIN_MIN`` letters or more, from the same first letter and of about
        the same length, that none of them is: "keta mean" is "ketamine", "in
        fusion" "infusion" (not "and swears" "answers"). A joined string that
        is itself an English word is left to mean what it says.
        """
        if _join_words is not None:  # the same walk in C, the same windows tried
            return _join_words(
                words, self.vocabulary, self._join_shapes, JOIN_MIN, self._meant
            )
        out: list[str] = []
        shapes = self._join_shapes
        # The joined string's length and first letter, from its words' (none
        # of them empty), and which words are known, before any string is
        # built. A window of known words only is never joined, so only the
        # positions up to two before an unknown word are tried; the words in
        # between are kept as they are.
        sizes = [len(w) for w in words]
        vocabulary = self.vocabulary
        count = len(words)
        # Past the end, "known": a window that does not exist is not tried.
        known = [w in vocabulary for w in words] + [True, True]
        i = 0
        for u in [j for j in range(count) if not known[j]]:
            if u < i:
                continue  # joined into the word before
            if u - 2 > i:
                out.extend(words[i : u - 2])
                i = u - 2
            while i <= u:
                i = self._join_at(words, i, sizes, known, shapes, out)
        out.extend(words[i:])
        return out

    def _join_at(
        self,
        words: list[str],
        i: int,
        sizes: list[int],
        known: list[bool],
        shapes: frozenset[tuple[str, int]],
        out: list[str],
    ) -> int:
        """``_joined`` at position ``i``: the word there, or the word its
        window of three or two spells, added to ``out``; the next position."""
        for n in (3, 2):
            if i + n > len(words):
                continue
            if known[i] and known[i + 1] and (n == 2 or known[i + 2]):
                continue
            size = sizes[i] + sizes[i + 1] + (sizes[i + 2] if n == 3 else 0)
            # The cheap tests first; each is a test, so their order
            # changes nothing but the time.
            if size < JOIN_MIN or (words[i][0], size) not in shapes:
                continue
            part = words[i : i + n]
            if not "".join(part).isalpha():
                continue
            meant = self._meant(tuple(part))
            if meant is not None:
                out.append(meant)
                return i + n
        out.append(words[i])
        return i + 1

    def _meant(self, part: tuple[str, ...]) -> str | None:
        """The FAQ word a window of ``_joined`` spells (None: it is left as it
        is): the window's words and nothing else decide."""
        wholes = self._wholes
        for w in part:
            whole = wholes.get(w)
            if whole is None:  # kept per word: most are seen again and again
                if len(wholes) >= WHOLE_MAX:
                    wholes.clear()
                whole = wholes[w] = self._whole(w)
            if whole:
                return None  # a word that is, or misspells, a long FAQ word
        joined = "".join(part)
        if not self._speller.may_mean_known(joined):
            return None
        meant = self._speller.correct(joined)
        if (
            meant in self.vocabulary
            and len(meant) >= JOIN_MIN
            and meant[0] == joined[0]
            and abs(len(meant) - len(joined)) <= 1
            and (meant == joined or not is_common(joined))
            and not any(
                len(w) >= 4 and is_common(w) and meant.startswith(w) for w in part
            )
        ):
            return meant
        return None

    def _whole(self, word: str) -> bool:
        """Whether ``word`` is, or misspells, a long FAQ word on its own."""
        fixed = word if word in self.vocabulary else self._speller.correct(word)
        return fixed in self.vocabulary and len(fixed) >= JOIN_MIN

    def _words(self, norm: str) -> tuple[tuple[str, ...], dict[str, str]]:
        fixed = []
        corrected: dict[str, str] = {}
        if "address" in norm:  # both of _VERB_ADDRESS's forms name it
            norm = _VERB_ADDRESS.sub(_treat, norm)
        vocabulary, correct = self.vocabulary, self._speller.correct
        for w in self._joined(norm.split()):
            if w not in vocabulary and w not in STOPWORDS:
                c = correct(w)
                if c != w:
                    corrected[w] = c
                w = c
            fixed.append(w)
        norm = " ".join(fixed)
        if self._phrase_re is not None and (
            self._phrase_filter is None or self._phrase_filter.candidates(norm)
        ):
            norm = self._phrase_re.sub(lambda m: self._phrase_map[m.group(1)], norm)
        out: list[str] = []
        word_map = self._word_map
        for w in norm.split():
            mapped = word_map.get(w)
            if mapped is None:
                out.append(w)
            else:
                out.extend(mapped.split())
        return tuple(out), corrected

    def tokens(self, text: str) -> list[str]:
        """Content tokens (stemmed, no stopwords, unique, in order)."""
        return self.normal_tokens(normalize(text))

    def normal_tokens(self, norm: str) -> list[str]:
        """``tokens`` of text already normalised.

        The stages of one match ask for them several times: the last few
        hundred texts' tokens are remembered, for as long as every one of
        their tokens' information (``info``) is.
        """
        hit = self._recent_tokens.get(norm)
        if hit is not None:
            return list(hit)
        seen: dict[str, None] = {}
        kept = True
        for w in self._analysed(norm)[0]:
            if w in STOPWORDS:
                continue
            t = stem(w)
            if t not in self._info:
                self._info[t] = information(t) if zipf(t) > 0 else information(w)
                if len(self._info) > 100000:
                    self._info.clear()
                    self._recent_tokens.clear()
                    kept = False
            seen.setdefault(t, None)
        if kept:
            if len(self._recent_tokens) >= RECENT_MAX:
                del self._recent_tokens[next(iter(self._recent_tokens))]  # as _analysed
            self._recent_tokens[norm] = tuple(seen)
        return list(seen)

    def info(self, token: str) -> float:
        """How informative a token is in English (see ``lexicon.information``)."""
        value = self._info.get(token)
        return information(token) if value is None else value


def build_analyzer(faq: Faq, texts_by_entry: Sequence[Sequence[str]]) -> Analyzer:
    """The analyzer for ``faq``, its vocabulary taken from the FAQ's own words.

    The vetted text (questions, answers, keywords), the synonyms and the
    handoff terms are spelt right; alternates are patients' words, typos
    included, so an alternate's word joins the vocabulary only when it is
    English or nothing known is close to it: "migrane" in an alternate must
    not become a word of its own that no correction reaches.
    """
    base = Analyzer(faq.synonyms)
    vocab: set[str] = set(STOPWORDS)
    for e in faq.entries:
        for t in (e.question, *e.keywords, e.answer):
            vocab.update(base.words(t))
    for terms in faq.handoff_topics.values():
        for term in terms:
            vocab.update(normalize(term).split())
    for variant, canonical in faq.synonyms.items():
        vocab.update(normalize(variant).split())
        vocab.update(normalize(canonical).split())
    base.set_vocabulary(vocab)
    extra: set[str] = set()
    for texts in texts_by_entry:
        for t in texts:
            for w in normalize(t).split():
                if w not in vocab and (is_common(w) or base.correct(w) == w):
                    extra.add(w)
    base.set_vocabulary(vocab | extra)
    return base


class Matcher:
    """An index over every phrasing of every entry, built once per FAQ version."""

    def __init__(
        self,
        faq: Faq,
        learned: Sequence[tuple[str, str]] = (),
        thresholds: Thresholds | None = None,
        knobs: Knobs | None = None,
        classifier: Classifier | None = None,
    ) -> None:
        self.faq = faq
        self.classifier = classifier or (
            load_classifier(faq.classifier_path) if faq.classifier_path else None
        )
        self.knobs = knobs or Knobs()
        self.thresholds = thresholds or faq.thresholds
        self.entries: list[FaqEntry] = list(faq.entries)
        index = {e.id: i for i, e in enumerate(self.entries)}
        self.index = index

        texts_by_entry: list[list[str]] = [list(e.phrasings) for e in self.entries]
        for faq_id, text in learned:
            if faq_id in index:
                texts_by_entry[index[faq_id]].append(text)

        self.analyzer = build_analyzer(faq, texts_by_entry)

        self._topics: list[tuple[str, re.Pattern[str]]] = []
        bodies: list[str] = []
        for topic, terms in faq.handoff_topics.items():
            alternatives = sorted({_topic_regex(t) for t in terms} - {""}, key=len)
            if alternatives:
                either = "|".join(reversed(alternatives))
                pattern = re.compile(rf"(?<![a-z0-9])(?:{either})(?![a-z0-9])")
                self._topics.append((topic, pattern))
                bodies.append(either)
        # Which topics' terms a text holds at all, for every topic in one pass.
        self._topic_filter = TermFilter(bodies)

        # Entry bags and IDF over entries.
        self._phrasings: list[_Phrasing] = []
        self.phrasing_source: list[str] = []  # the text each phrasing came from
        bags: list[set[str]] = []
        explain: list[set[str]] = []
        for i, (e, texts) in enumerate(zip(self.entries, texts_by_entry, strict=True)):
            bag: set[str] = set()
            toks_list = []
            for t in texts:
                toks = frozenset(self.analyzer.tokens(t))
                if toks:
                    toks_list.append((toks, t))
                    bag |= toks
            for kw in e.keywords:
                bag |= set(self.analyzer.tokens(kw))
            bags.append(bag)
            # An answer's counts ("one in four", "12 percent") explain nothing
            # of a question; its years and phone number do.
            told = {
                t
                for t in self.analyzer.tokens(e.answer)
                if not ((is_number(t) and len(t) <= 2) or t in NUMBER_WORDS)
            }
            explain.append(bag | told)
            for toks, t in toks_list:
                self._phrasings.append(_Phrasing(i, toks, 0.0, " ".join(sorted(toks))))
                self.phrasing_source.append(t)
        n = len(self.entries)
        df: dict[str, int] = defaultdict(int)
        for bag in bags:
            for t in bag:
                df[t] += 1
        light = self.knobs.light_share
        floor = self.knobs.info_floor
        self.idf: dict[str, float] = {
            t: math.log(1 + n / d)
            * (light if t in LIGHT_WORDS else 1.0)
            * (floor + (1 - floor) * self.analyzer.info(t))
            for t, d in df.items()
        }
        self.oov_weight = self.knobs.oov_share * math.log(1 + n)
        self._families = frozenset(t[:_FAMILY] for t in self.idf if len(t) >= _FAMILY)
        self._explain = [frozenset(x) for x in explain]
        self._explainers: dict[str, list[int]] = defaultdict(list)  # token -> entries
        for e, words in enumerate(self._explain):
            for t in words:
                self._explainers[t].append(e)
        self._entry_phrasings: list[list[int]] = [[] for _ in self.entries]
        for pi, p in enumerate(self._phrasings):
            self._entry_phrasings[p.entry].append(pi)

        postings: dict[str, list[int]] = defaultdict(list)
        for pi, p in enumerate(self._phrasings):
            p.weight = sum(self.idf[t] for t in p.tokens)
            for t in p.tokens:
                postings[t].append(pi)
        # Each token's phrasings, lightest first, with their weights alongside so
        # a common token's list can be cut where no phrasing can still qualify.
        self._postings: dict[str, tuple[list[float], list[int]]] = {}
        for t, ids in postings.items():
            ids.sort(key=lambda pi: self._phrasings[pi].weight)
            self._postings[t] = ([self._phrasings[pi].weight for pi in ids], ids)
        self.size = len(self._phrasings)
        # The phrasings as columns for the bound loop (_bounds): no object
        # to go through for each one.
        self._columns = (
            [p.tokens for p in self._phrasings],
            [p.entry for p in self._phrasings],
            [p.weight for p in self._phrasings],
        )
        self._texts = [p.text for p in self._phrasings]  # (for _speedups.drain)
        # Each entry's phrasings, lightest first (the streams of _score_tokens).
        self._by_weight: list[list[int]] = [
            sorted(own, key=lambda pi: (self._phrasings[pi].weight, pi))
            for own in self._entry_phrasings
        ]
        # Which kinds of question each entry answers, from its own phrasings.
        asked: list[dict[str, int]] = [defaultdict(int) for _ in self.entries]
        for i, texts in enumerate(texts_by_entry):
            for t in texts:
                # The type is in the first words: analyse only those (fast).
                start = " ".join(normalize(t).split()[:QUESTION_TYPE_WORDS])
                asked[i][question_type(self.analyzer.words(start)) or ""] += 1
        # An entry none of whose phrasings asks "where" is no answer to a
        # where-question, when other entries plainly are (qtype_share of theirs).
        self._qtype_factor: dict[str, list[float]] = {}
        for name, _ in _QUESTION_TYPES:
            shares = [c[name] / max(1, sum(c.values())) for c in asked]
            if max(shares, default=0.0) >= self.knobs.qtype_share:
                self._qtype_factor[name] = [
                    1.0 if c[name] else 1.0 - self.knobs.qtype_penalty for c in asked
                ]
        # The entries that are plainly *the* answer to a kind of question
        # (clinic-locations to "where": qtype_owner of their phrasings ask it).
        self._qtype_owners: dict[str, frozenset[str]] = {
            name: frozenset(
                e.id
                for e, c in zip(self.entries, asked, strict=True)
                if c[name] / max(1, sum(c.values())) >= self.knobs.qtype_owner
            )
            for name, _ in _QUESTION_TYPES
        }
        # What each entry asserts of each kind: the words of its answer's
        # time-span sentences (duration) and figure sentences (quantity), and
        # of its phrasings that ask for one.
        self._asserts: dict[str, list[frozenset[str]]] = {}
        # The kind of figure each phrasing asks for, if any (read once).
        slot_kinds: list[list[str | None]] = [
            [
                m.lastgroup if (m := _SLOT_QUESTION.match(normalize(t))) else None
                for t in texts
            ]
            for texts in texts_by_entry
        ]
        for kind in ("quantity", "duration"):
            said: list[frozenset[str]] = []
            for e, texts, kinds in zip(
                self.entries, texts_by_entry, slot_kinds, strict=True
            ):
                # The entry's own question names what its answer is about.
                words: set[str] = set(self.analyzer.tokens(e.question))
                for sentence in re.split(r"(?<=[.!?])\s+", e.answer):
                    ws = normalize(sentence).split()
                    timed = any(w in _TIME_UNITS for w in ws)
                    figured = any(
                        w.isdigit() or w in NUMBER_WORDS or w in _FIGURE_WORDS
                        for w in ws
                    )
                    if timed if kind == "duration" else figured:
                        words.update(self.analyzer.tokens(sentence))
                for t, asked_kind in zip(texts, kinds, strict=True):
                    if asked_kind == kind:
                        words.update(self.analyzer.tokens(t))
                said.append(frozenset(words))
            self._asserts[kind] = said
        # Siblings: two entries whose questions share two words or more (the
        # frame) and differ by the rest (each one's subject). Only the
        # siblings' numbers are kept (their subjects are worked out when a
        # question joins two): the pairs grow with the square of the entries,
        # 2 GB of sets for 10,000 generated ones.
        qtoks = [frozenset(self.analyzer.tokens(e.question)) for e in self.entries]
        self._question_tokens = qtoks
        self._siblings: list[array[int]] = []
        for i, a in enumerate(qtoks):
            row = array("i")
            for j, b in enumerate(qtoks):
                common = len(a & b)
                if i != j and common >= 2 and len(a) > common < len(b):
                    row.append(j)
            self._siblings.append(row)
        # An entry's subject is its question's words bar the question words
        # ("ketamine" for what ketamine is); an entry whose subject holds
        # another's and more ("ketamine", "chronic", "pain") is the narrower
        # question about it: the words it adds are what it is about.
        subject = [q - _QUESTION_WORDS for q in qtoks]
        self._subject_words = subject
        # The entries whose question's subject holds a word.
        self._subject_of: dict[str, set[int]] = defaultdict(set)
        for i, a in enumerate(subject):
            for t in a:
                self._subject_of[t].add(i)
        # Only entries holding every word of a subject can be narrower than it:
        # looked up through the words, not by comparing every pair (10,000
        # generated entries would be 10^8 comparisons).
        self._narrower: list[list[tuple[int, frozenset[str]]]] = []
        for i, a in enumerate(subject):
            holders = set.intersection(*(self._subject_of[t] for t in a)) if a else ()
            self._narrower.append(
                [
                    (j, subject[j] - a)
                    for j in sorted(holders)
                    if j != i and a < subject[j]
                ]
            )
        # How each question opens ("what is"): asked again, it is that question.
        self._openings = [
            " ".join(self.analyzer.words(e.question)[:2]) for e in self.entries
        ]
        # Entries whose own question asks for a figure or a span ("how common
        # are migraines?"): their answers give numbers, not reasons, so a why
        # question ("why do women get them more") is beyond them.
        self._figures_only: list[bool] = [
            _SLOT_QUESTION.match(normalize(e.question)) is not None
            for e in self.entries
        ]
        # Entries that assert a figure of some kind: a figure in the answer,
        # or phrasings asking for one. "How many sessions" asked of the others
        # (the depression entry's answer holds no number) is beyond them.
        self._counts: list[bool] = []
        for e, kinds in zip(self.entries, slot_kinds, strict=True):
            words = normalize(e.answer).split()
            asks = kinds.count("quantity")
            self._counts.append(
                any(
                    w.isdigit() or w in NUMBER_WORDS or w in _FIGURE_WORDS
                    for w in words
                )
                or asks >= self.knobs.qtype_share * len(kinds)
            )
        # Entries whose answer says when something happens (a year, a span,
        # before or after): a when question to the others is beyond them.
        self._dated: list[bool] = []
        for e in self.entries:
            words = normalize(e.answer).split()
            self._dated.append(
                any(
                    w in _WHEN_WORDS
                    or w in _SPAN_RANK
                    or (len(w) == 4 and w.isdigit() and w[:2] in ("19", "20"))
                    for w in words
                )
            )
        # Entries whose answer names a unit of time ("hours", "several days"):
        # a how-long or how-soon question to the others is beyond them ("how
        # fast does ketamine work for depression": that answer gives no span).
        self._spanned: list[bool] = [
            any(w in _SPAN_RANK for w in normalize(e.answer).split())
            for e in self.entries
        ]
        # The longest unit of time an entry that answers "how long" asserts a
        # span in ("an hour to several days": days), None for the others.
        self._span_top: list[int | None] = []
        for e in self.entries:
            m = _SLOT_QUESTION.match(normalize(e.question))
            ranks = [
                _SPAN_RANK[w] for w in normalize(e.answer).split() if w in _SPAN_RANK
            ]
            duration = m is not None and m.lastgroup == "duration"
            self._span_top.append(max(ranks) if duration and ranks else None)
        # Questions close to an entry that it does not answer ("not this entry").
        self._not_this: list[list[frozenset[str]]] = [
            [t for t in (frozenset(self.analyzer.tokens(x)) for x in e.not_this) if t]
            for e in self.entries
        ]
        # What each answer says in so many words (an answerable handoff topic
        # counts as answered when the answer names the term), and the clinic's
        # own facts: a short question made only of them ("santa monica?") is
        # the clinic entry's, however little the classifier has to go on.
        self._answer_text = [f" {normalize(e.answer)} " for e in self.entries]
        self._answer_tokens = [
            frozenset(self.analyzer.tokens(e.answer)) for e in self.entries
        ]
        clinic = faq.clinic
        facts = [clinic.name, clinic.former_name, *clinic.locations]
        self._clinic_facts = [
            frozenset(self.analyzer.tokens(fact)) for fact in facts if fact
        ]
        self._clinic_entries = frozenset(
            i
            for i, text in enumerate(self._answer_text)
            if any(f" {normalize(fact)} " in text for fact in facts if fact)
        )
        # Figures only one answer quotes ("75%", "30 to 100 days"): a question
        # that quotes them asks about that answer.
        owners: dict[str, set[int]] = defaultdict(set)
        for i, told in enumerate(self._answer_tokens):
            for t in told:
                if t.isdigit() and len(t) >= 2:
                    owners[t].add(i)
        self._figure_owner = {
            t: next(iter(o)) for t, o in owners.items() if len(o) == 1
        }
        # A clinic entry's keywords, for one- and two-word questions no
        # phrasing holds ("address?").
        self._clinic_keywords: dict[str, set[int]] = defaultdict(set)
        for i in self._clinic_entries:
            for kw in self.entries[i].keywords:
                for t in self.analyzer.tokens(kw):
                    self._clinic_keywords[t].add(i)
        th = self.thresholds
        # No phrasing scoring below this can change an answer or a clarification.
        self.floor = max(0.0, min(th.clarify, th.answer - th.margin))

    def phrasing_entry(self, index: int) -> str:
        """The id of the entry that phrasing number ``index`` belongs to."""
        return self.entries[self._phrasings[index].entry].id

    # -- scoring --------------------------------------------------------------------
    def _split(self, qweight: dict[str, float]) -> tuple[set[int], list[str]]:
        """The phrasings of the message's rarer tokens, and its commonest tokens.

        Every phrasing holding a rarer token is a candidate. The commonest
        tokens' lists are long; their phrasings are visited lightest first
        (``_score_tokens``) only while they can still matter (MaxScore).
        """
        postings = self._postings
        known = sorted(
            (t for t in qweight if t in postings), key=lambda t: len(postings[t][1])
        )
        longest = int(ESSENTIAL_SHARE * len(self._phrasings))
        common: list[str] = []
        if len(self._phrasings) <= SMALL_FAQ:
            longest = len(self._phrasings)  # small FAQ: scoring beats streaming
        while known and len(postings[known[-1]][1]) > longest:
            common.append(known.pop())
        out: set[int] = set()
        for t in known:
            out.update(postings[t][1])
        return out, common

    def _weight(self, token: str) -> float:
        w = self.idf.get(token)
        if w is None:
            # An unknown word counts by how informative it is in English.
            k = self.knobs
            w = self.oov_weight * (k.light_share if token in LIGHT_WORDS else 1.0)
            w *= k.oov_info_floor + (1 - k.oov_info_floor) * self.analyzer.info(token)
        return w

    def score(
        self, text: str | Analysed, prune: bool = True, skip: int | None = None
    ) -> list[Candidate]:
        """The entries that share content with ``text``, best first.

        ``skip`` leaves one phrasing out (by its index), so ``faqbot check``
        can ask how an alternate would fare if it were not in the FAQ.
        """
        msg = analyse(text)
        tokens = self.analyzer.normal_tokens(msg.normalized)
        factor = self._qtype_factor.get(self.question_type(msg) or "")
        scores = self._score_tokens(
            tokens, self._focus(msg, tokens), prune, skip, factor
        )
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return [
            Candidate(self.entries[i].id, self.entries[i].question, round(s, 4))
            for i, s in ranked
            if s > 0
        ]

    def question_type(
        self, text: str | Analysed, open_only: bool = False
    ) -> str | None:
        """The kind of answer ``text`` wants, from its (first) question sentence.

        With ``open_only``, a yes/no question ("is this where I get my flu
        shot?") has no type: only one that opens with its question word does.
        """
        sentences = analyse(text).sentences
        asked = [s for s in sentences if s.asks] or sentences[-1:]
        for sentence in asked:
            words = self.analyzer.normal_words(sentence.normalized)
            kind = question_type(words)
            if kind is not None:
                if open_only and words and words[0] in _YES_NO:
                    return None
                return kind
        return None

    def _focus(self, msg: Analysed, tokens: list[str]) -> dict[str, float]:
        """How much each token of a message counts: the question counts fully.

        In a message of several sentences the question is usually one of them
        ("I've tried Botox for years. Can ketamine help?"): words only found in
        the story around it count for ``story_share``, so a long history does
        not drown the question, while it still lends context ("my husband has
        PTSD. Could ketamine help him?"). Without a recognisable question, the
        last sentence is the focus.
        """
        weights = self._sentence_focus(msg, tokens)
        # "What else is there, aside from infusions?": the words set aside are
        # what the question is *not* about.
        if _sets_aside(msg):
            for m in _SET_ASIDE.finditer(msg.raw.casefold()):
                for t in self.analyzer.tokens(m.group(1)):
                    if t in weights:
                        weights[t] *= self.knobs.aside_share
        return weights

    def _opinion_words(self, msg: Analysed) -> list[str]:
        """The words the classifier reads: the message's, less those set aside."""
        words = self.analyzer.normal_words(msg.normalized)
        if not _sets_aside(msg):
            return words
        aside = {
            t
            for m in _SET_ASIDE.finditer(msg.raw.casefold())
            for t in self.analyzer.tokens(m.group(1))
        }
        return [w for w in words if stem(w) not in aside]

    def _sentence_focus(self, msg: Analysed, tokens: list[str]) -> dict[str, float]:
        sentences = msg.sentences
        if len(sentences) <= 1:
            return dict.fromkeys(tokens, 1.0)
        asked = [i for i, s in enumerate(sentences) if s.asks]
        weights = dict.fromkeys(tokens, self.knobs.story_share)
        context: set[str] = set()
        for i in asked or [len(sentences) - 1]:
            own = self.analyzer.normal_tokens(sentences[i].normalized)
            weights.update(dict.fromkeys(own, 1.0))
            if i > 0 and len(own) <= 2:
                # "Is that true?", "Could it help him?": the question leans on
                # the sentence before it, which counts half.
                context.update(self.analyzer.normal_tokens(sentences[i - 1].normalized))
        # Only words of the whole message count: a sentence read alone can
        # differ ("I need 2." keeps its digit, the whole reads "2" as "to").
        for t in context & weights.keys():
            weights[t] = max(weights[t], 0.5)
        return weights

    def _rare(
        self, qweight: dict[str, float], candidates: set[int]
    ) -> tuple[set[int], list[str]]:
        """The candidates holding a rarer token of the message, and its
        commonest tokens (none: streaming would not pay, a large FAQ streams
        its own way)."""
        if len(self._phrasings) > SMALL_FAQ or len(candidates) <= len(self.entries):
            return candidates, []
        postings = self._postings
        common_at = COMMON_SHARE * len(self._phrasings)
        rare: set[int] = set()
        common = []
        for t in qweight:
            hit = postings.get(t)
            if hit is None:
                continue
            if len(hit[1]) > common_at:
                common.append(t)
            else:
                rare.update(hit[1])
        return rare, common

    def _bags(self, qweight: dict[str, float]) -> dict[int, float]:
        """Per entry, the weight of the message's words it knows (bag credit).

        Each entry's sum runs over the same weights in the same order as
        summing ``qweight`` filtered by the entry's words, so it is the same
        float; going through each word's entries costs far less, on a long
        message, than testing every word against every entry.
        """
        if _bag_sums is not None:  # the same sums in C
            return _bag_sums(qweight, self._explainers, len(self._explain))
        parts: dict[int, list[float]] = defaultdict(list)
        explainers = self._explainers
        for t, w in qweight.items():
            for e in explainers.get(t, ()):
                parts[e].append(w)
        return {e: sum(ws) for e, ws in parts.items()}

    def _score_tokens(
        self,
        tokens: list[str],
        focus: dict[str, float],
        prune: bool,
        skip: int | None = None,
        factor: Sequence[float] | None = None,
    ) -> dict[int, float]:
        """Each entry's score; ``factor`` scales each entry's (at most 1)."""
        if not tokens:
            return {}
        k = self.knobs
        qset = set(tokens)
        qweight = {t: self._weight(t) * focus.get(t, 1.0) for t in qset}
        total = sum(qweight.values())
        idf = self.idf
        phrasings = self._phrasings
        explain = self._explain
        bag_share, pp, cov = k.bag_share, k.precision_power, k.coverage_power
        generic_weight = k.generic_weight
        in_bag = self._bags(qweight)

        def bounds(pis: Iterable[int]) -> list[tuple[float, int]]:
            return _find_bounds(
                pis, *self._columns, qset, skip, idf, qweight, in_bag, explain,
                total, bag_share, pp, cov, generic_weight,
            )

        best: dict[int, float] = {}
        self._last_best: dict[int, int] = {}  # entry -> its best phrasing (explain)
        query_str = " ".join(sorted(qset))
        kth = 0.0  # the TOP_K-th best entry score so far

        entry_of = self._columns[1]
        fuzz_share = k.fuzz_share
        fuzz_rest = 1 - fuzz_share

        def visit(bound: float, pi: int) -> float:
            nonlocal kth
            e = entry_of[pi]
            if bound <= best.get(e, 0.0):
                return kth  # this entry already has a better phrasing
            # Both sides are sorted tokens joined by single spaces already, so
            # the plain ratio is token_sort_ratio's without sorting them again.
            sim = fuzz.ratio(query_str, phrasings[pi].text, processor=None) / 100.0
            s = bound * (fuzz_rest + fuzz_share * sim)
            if factor is not None:
                s *= factor[e]
            if s > best.get(e, 0.0):
                best[e] = s
                self._last_best[e] = pi
                if len(best) >= TOP_K:
                    kth = sorted(best.values(), reverse=True)[TOP_K - 1]
            return kth

        if not prune:
            for neg, pi in sorted(bounds(range(len(phrasings)))):
                visit(-neg, pi)
            return best

        def stream(pi: int, e: int, cap: float, rest: Iterator[int]) -> tuple:
            """An entry's stream in the heap, at the cap of its next phrasing."""
            cap_here = (common_idf / phrasings[pi].weight) ** cov * cap
            return (-cap_here, -1, e, pi, cap, rest)

        candidates, common = self._split(qweight)
        heap: list[tuple] = []
        rare, streamed = self._rare(qweight, candidates)
        if _drain is not None:
            # The same heap and streams in C (_speedups.drain), popped in the
            # same order: every key below is a distinct tuple.
            args = (
                *self._columns, qset, skip, idf, qweight, in_bag, explain,
                total, bag_share, pp, cov, generic_weight,
            )
            # visit() itself, made in C: the same operations in the same order.
            inline = (
                entry_of, self._texts, query_str, fuzz.ratio, fuzz_rest,
                fuzz_share, factor, best, self._last_best, TOP_K,
            )
            if not streamed:
                kth = _drain(
                    bounds(candidates), None, candidates, rare, 0.0, 0.0, inline,
                    kth, args, STREAM_BATCH, CAP_MARGIN,
                )
            else:
                common_idf = sum(idf[t] for t in streamed)
                share = max(1.0, bag_share) / total
                kth = _drain(
                    bounds(rare), self._by_weight, candidates, rare, common_idf,
                    share, inline, kth, args, STREAM_BATCH, CAP_MARGIN,
                )
        elif not streamed:
            heap = bounds(candidates)
        else:
            # Phrasings holding a rarer token get their bounds at once. Those
            # of the commonest tokens only (most of a small FAQ's, for a long
            # message) wait in one stream per entry, lightest first, each at a
            # cap its bound cannot pass: the commonest tokens' idf over its
            # weight, times the share of the message its entry explains. A
            # phrasing's bound is worked out when its cap reaches the top, so
            # phrasings are visited in the same order and nothing else moves.
            heap = bounds(rare)
            common_idf = sum(idf[t] for t in streamed)
            share = max(1.0, bag_share) / total
            for e, own in enumerate(self._by_weight):
                rest = (pi for pi in own if pi in candidates and pi not in rare)
                pi = next(rest, None)
                if pi is not None:
                    bag = in_bag.get(e, 0.0)  # an entry with a stream knows a word
                    heap.append(stream(pi, e, (share * bag) ** pp * CAP_MARGIN, rest))

        heapq.heapify(heap)
        while heap:  # empty after _drain
            item = heapq.heappop(heap)
            if -item[0] <= kth:
                break  # no phrasing left can change the top entries
            if len(item) == 2:
                visit(-item[0], item[1])
                continue
            # An entry's stream: the bounds of its next few phrasings (a few at
            # once costs less than one at a time; any bound in the heap is fine).
            _, _, e, pi, cap, rest = item
            for b in bounds([pi, *islice(rest, STREAM_BATCH - 1)]):
                heapq.heappush(heap, b)
            pi = next(rest, None)
            if pi is not None:
                heapq.heappush(heap, stream(pi, e, cap, rest))
        if common:
            # Phrasings reached only through the commonest tokens C have coverage
            # at most idf(C) / their weight, and explain at most C plus what their
            # entry knows of the rest of the message (bag credit).
            common_idf = sum(idf[t] for t in common)
            common_q = sum(qweight[t] for t in common)
            rare_mass: dict[int, float] = defaultdict(float)
            for t, w in qweight.items():
                if t not in common:
                    for e in self._explainers.get(t, ()):
                        rare_mass[e] += w

            def reach(mass: float) -> float:
                return min(1.0, (common_q + bag_share * mass) / total) ** pp

            if len(rare_mass) > TOP_K * 20:
                # Too many entries to treat one by one: the loosest bound for all.
                general = reach(max(rare_mass.values()))
                rare_mass.clear()
            else:
                # The few entries that explain some of the rest: their phrasings
                # directly; every other entry gets the tighter bound below.
                general = reach(0.0)
                extra = [
                    pi
                    for e, mass in rare_mass.items()
                    for pi in self._entry_phrasings[e]
                    if pi not in candidates
                    and (common_idf / phrasings[pi].weight) ** cov * reach(mass)
                    > max(kth, self.floor)
                ]
                candidates.update(extra)
                for neg, pi in sorted(bounds(extra)):
                    if -neg <= kth:
                        break
                    visit(-neg, pi)
            # Lightest phrasings first, while they can still win.
            streams = [zip(*self._postings[t], strict=True) for t in common]
            for n, (weight, pi) in enumerate(heapq.merge(*streams)):
                if (common_idf / weight) ** cov * general <= max(kth, self.floor):
                    break
                if n >= STREAM_MAX:
                    # Only on FAQs far larger than any clinic's: a message made
                    # of nothing but everyday words meets the lightest phrasings.
                    break
                if pi in candidates or phrasings[pi].entry in rare_mass:
                    continue
                candidates.add(pi)
                for neg, _ in bounds((pi,)):
                    if -neg > kth:
                        visit(-neg, pi)
        return best

    def explain(self, text: str | Analysed) -> dict[str, object]:
        """What the matcher saw in ``text``: words, tokens, weights, topic, the
        question type, the classifier's opinion and the scores."""
        msg = analyse(text)
        tokens = self.analyzer.normal_tokens(msg.normalized)
        words = self.analyzer.normal_words(msg.normalized)
        opinion = (
            self.classifier.opinion(self._opinion_words(msg))
            if self.classifier is not None
            else None
        )
        return {
            "words": " ".join(words),
            "tokens": {t: round(self._weight(t), 2) for t in tokens},
            "unknown": [t for t in tokens if t not in self.idf],
            "topic": self.topic(msg),
            "question_type": self.question_type(msg),
            "opinion": (
                (opinion.label, round(opinion.probability, 3)) if opinion else None
            ),
            "candidates": [
                (
                    c.faq_id,
                    c.score,
                    self.phrasing_source[self._last_best[self.index[c.faq_id]]],
                )
                for c in self.score(msg)[:5]
            ],
        }

    # -- decisions ------------------------------------------------------------------
    def topic(self, text: str | Analysed, faq_id: str | None = None) -> str | None:
        """The handoff topic ``text`` raises (cost, dosing ...), if any.

        In a message of several sentences only the questions count ("I've
        tried Botox and triptans. Can ketamine help?" is not about Botox),
        except for the FAQ's context topics (pregnancy, other conditions ...),
        which matter wherever the patient mentions them. A scoped topic
        counts only when ``faq_id`` is one it stops. A term of an
        answerable topic that the answer of ``faq_id`` names ("address": call
        us for it) is that entry's to answer.
        """
        answer = self._answer_text[self.index[faq_id]] if faq_id else ""
        answerable = self.faq.answerable_topics
        scope = self.faq.topic_scope
        msg = analyse(text)
        normal = {s.text: s.normalized for s in msg.sentences}
        sentences = list(normal)
        asked = [s.text for s in msg.sentences if s.asks] or sentences[-1:]
        # A fragment that narrows the question before it ("what triggers
        # migraines? like which foods") is part of what is asked.
        asked += [
            b.text
            for a, b in zip(msg.sentences, msg.sentences[1:], strict=False)
            if a.asks and not b.asks and _NARROWS.match(b.normalized)
        ]
        if len(sentences) <= 1:
            asked = [msg.raw]
            normal[msg.raw] = msg.normalized
        forms = {
            part: tuple(
                _VERB_ADDRESS.sub(_treat, f) if "address" in f else f
                for f in (
                    normal[part],
                    " ".join(self.analyzer.normal_words(normal[part])),
                )
            )
            for part in {*sentences, *asked}
        }
        may = self._topic_filter.candidates
        # No term spans a line (they are words and spaces), so one pass over
        # every form, a line each, names every topic any of them holds: most
        # messages hold none, and then no form need be read on its own.
        if not may("\n".join(f for fs in forms.values() for f in fs)):
            return None
        maybe = {f: may(f) for fs in forms.values() for f in fs}
        for i in sorted(frozenset().union(*maybe.values())):  # in the FAQ's order
            name, pattern = self._topics[i]
            if (
                faq_id
                and name in scope
                and not any(fnmatchcase(faq_id, p) for p in scope[name])
            ):
                continue  # the best entry is not one this topic stops
            parts = sentences if name in self.faq.context_topics else asked
            for part in parts:
                for form in forms[part]:
                    if i not in maybe[form]:
                        continue
                    if name not in answerable:
                        if pattern.search(form):
                            return name
                        continue
                    for hit in pattern.finditer(form):
                        if f" {hit.group(0)} " not in answer:
                            return name
        return None

    def unknown_purpose(self, text: str | Analysed) -> str | None:
        """The word a treatment question asks about when the FAQ knows
        nothing of it: "do you offer ketamine for anorexia" asks about an
        illness no phrasing, answer or synonym names, so no answer is about
        it, however well the rest of the words match. None otherwise.

        The word follows "for", "treat" or "help (with)" in a question
        sentence, is rarer in English than Zipf 4 ("for my kids" is no
        illness), is no spelling guess, number or adverb ("used for
        medically"), and neither it nor a word of its family (the same first
        six letters: "anesthesia", "anesthetic") is a word of the FAQ's index.
        """
        if not self.faq.synonyms:
            return None  # the Spanish view reads Spanish words
        msg = analyse(text)
        asked = [s for s in msg.sentences if s.asks] or list(msg.sentences[-1:])
        guessed = set(self.analyzer.corrections(msg.normalized).values())
        for sentence in asked:
            words = self.analyzer.normal_words(sentence.normalized)
            for i, w in enumerate(words):
                if w not in _PURPOSE_LEADS:
                    continue
                rest = (x for x in words[i + 1 :] if x not in _PURPOSE_SKIP)
                x = next(rest, "")
                if (
                    x
                    and x not in guessed
                    and not is_number(x)
                    and not x.endswith("ly")
                    and x not in STOPWORDS
                    and stem(x) not in self.idf
                    and x[:_FAMILY] not in self._families
                    and stem(x) not in STOPWORDS
                    and zipf(x) < _PURPOSE_ZIPF
                ):
                    return x
        return None

    def _clinic_keyword(self, msg: Analysed) -> list[Candidate]:
        """The clinic entry whose keywords are all of a one- or two-word
        question that no phrasing reached, scored as a bare answer.

        Question and request words around the keyword ("what's the
        address", "need your address") do not count as words."""
        tokens = [
            t
            for t in self.analyzer.normal_tokens(msg.normalized)
            if t not in _QUESTION_WORDS and t not in LIGHT_WORDS
        ]
        if not 0 < len(tokens) <= 2:
            return []
        entries = set.intersection(
            *(self._clinic_keywords.get(t, set()) for t in tokens)
        )
        if len(entries) != 1:
            return []
        e = self.entries[entries.pop()]
        return [Candidate(e.id, e.question, self.thresholds.answer)]

    def is_clinic_fact(self, msg: Analysed, faq_id: str) -> bool:
        """True for a short question made only of the clinic's facts (its
        name, former name, locations) and keywords the entry's answer names."""
        e = self.index[faq_id]
        if e not in self._clinic_entries:
            return False
        tokens = self.analyzer.normal_tokens(msg.normalized)
        told = self._answer_tokens[e]
        named = [f for f in self._clinic_facts if f <= set(tokens)]
        rest = [t for t in tokens if not any(t in f for f in named)]
        return (
            0 < len(tokens) <= 6
            and len([t for t in rest if t not in _QUESTION_WORDS]) <= 2
            and all(
                t in _QUESTION_WORDS
                or (
                    t in told
                    and e in self._clinic_keywords.get(t, ())
                    # part of a name is no fact: "what is TMS" is not the
                    # former name "TMS & Brain Health"
                    and not any(t in f for f in self._clinic_facts)
                )
                for t in rest
            )
        )

    def is_not_this(self, text: str | Analysed, faq_id: str) -> bool:
        """True when ``text`` reads more like a question the entry does not
        answer (its "not" list) than like any of its own phrasings.

        Both sides are measured alike: the share of the phrasing the message
        covers times the share of the message the phrasing explains. An example
        counts only if it shares with the message a word the entry does not know.
        """
        e = self.index[faq_id]
        msg = analyse(text)
        tokens = self.analyzer.normal_tokens(msg.normalized)
        # A near miss differs by a word the entry knows nothing of ("how many
        # infusions for my *depression*"): only such examples count.
        unknown = set(tokens) - self._explain[e]
        examples = [x for x in self._not_this[e] if x & unknown]
        if not examples:
            return False
        focus = self._focus(msg, tokens)
        qweight = {t: self._weight(t) * focus.get(t, 1.0) for t in tokens}
        total = sum(qweight.values()) or 1.0

        def likeness(toks: frozenset[str], weight: float | None = None) -> float:
            shared = toks & qweight.keys()
            if not shared:
                return 0.0
            if weight is None:
                weight = sum(self._weight(t) for t in toks)
            covered = sum(self._weight(t) for t in shared)
            return covered / weight * sum(qweight[t] for t in shared) / total

        worst = max(likeness(x) for x in examples)
        # A phrasing's weight is that same sum (its words all have an idf),
        # made once at build time.
        own = self._phrasings
        return worst > max(
            likeness(own[pi].tokens, own[pi].weight) for pi in self._entry_phrasings[e]
        )

    def not_this_words(self, text: str | Analysed, faq_id: str) -> set[str]:
        """The words of ``text`` the entry knows nothing of (what sets a "not
        this entry" example apart from the entry's own questions)."""
        tokens = self.analyzer.normal_tokens(analyse(text).normalized)
        return set(tokens) - self._explain[self.index[faq_id]]

    def match(self, text: str | Analysed, prune: bool = True) -> Match:
        """Score ``text`` and decide: answered, clarify or unmatched.

        The spelling corrections made are kept on the message
        (``Analysed.corrections``).
        """
        msg = analyse(text)
        msg.view("corrections", lambda: self.analyzer.corrections(msg.normalized))
        cands = self.score(msg, prune=prune)[:TOP_K]
        if not cands or cands[0].score < self.thresholds.clarify:
            cands = self._clinic_keyword(msg) or cands
        topic = self.topic(msg, cands[0].faq_id if cands else None)
        if topic is not None:
            return Match("unmatched", tuple(cands[:3]), topic)
        if self.unknown_purpose(msg):
            return Match("unmatched", tuple(cands[:3]), OTHER_CONDITIONS)
        if all(is_number(t) for t in self.analyzer.normal_tokens(msg.normalized)):
            return Match("unmatched", tuple(cands[:3]))  # "1?", "one in four"
        if cands and self.is_not_this(msg, cands[0].faq_id):
            return Match("unmatched", tuple(cands[:3]), NOT_THIS)
        words = self._decide(cands)
        quoted = self._quoted(msg, words)
        if quoted is not None:
            return self._unasserted(msg, quoted)
        words = self._aside(msg, words)
        decided = self._slot(msg, self._beyond(msg, self._second_opinion(msg, words)))
        decided = self._joined(msg, decided)
        decided = self._narrow(msg, self._unasserted(msg, decided))
        decided = self._set_beside(msg, decided)
        if self.classifier is None and decided.status == "unmatched":
            return self._type_owner(msg, decided)  # else the second opinion's
        return decided

    def _quoted(self, msg: Analysed, match: Match) -> Match | None:
        """The answer whose own figures the question quotes ("is the 40% out
        of everyone?", "the 30 to 100 days"), when the words left it open or
        chose it: two such figures, or one as a percent."""
        if not self._figure_owner or (
            match.status == "answered" and match.candidates[0].score >= EXACT
        ):
            return None
        words = self.analyzer.normal_words(msg.normalized)
        figures = [
            (w, nxt)
            for w, nxt in zip(words, [*words[1:], ""], strict=True)
            if w in self._figure_owner
        ]
        entries = {self._figure_owner[w] for w, _ in figures}
        if len(entries) != 1 or not (
            len({w for w, _ in figures}) >= 2 or figures[0][1] == "percent"
        ):
            return None
        faq_id = self.entries[entries.pop()].id
        if match.status == "answered" and match.candidates[0].faq_id != faq_id:
            return None  # the words chose another entry: theirs to answer
        pick = next((c for c in match.candidates if c.faq_id == faq_id), None)
        if pick is None or pick.score < self.thresholds.clarify / 2:
            return None
        rest = tuple(c for c in match.candidates if c.faq_id != faq_id)
        return Match("answered", (pick, *rest))

    def _type_owner(
        self, msg: Analysed, match: Match, opinion: Opinion | None = None
    ) -> Match:
        """Answer a question the words left unresolved with the one entry
        among their candidates that owns its type ("where ..." and the
        locations entry), if that entry is their best."""
        th = self.thresholds
        if not match.candidates or match.candidates[0].score < th.clarify / 2:
            return match
        kind = self.question_type(msg, open_only=True) or ""
        owners = self._qtype_owners.get(kind, frozenset())
        best = match.candidates[0]
        if best.faq_id not in owners or any(
            c.faq_id in owners for c in match.candidates[1:]
        ):
            return match
        if opinion is None and self.classifier is not None:
            opinion = self.classifier.opinion(self._opinion_words(msg))
        # Off-topic local questions ("where can I buy groceries") are the
        # classifier's to stop: out of scope at the veto level, no answer.
        if (
            opinion is not None
            and opinion.label == OUT_OF_SCOPE
            and opinion.probability >= th.veto
        ):
            return match
        return Match("answered", match.candidates)

    def _second_opinion(self, msg: Analysed, match: Match) -> Match:
        """The classifier's say on the words' verdict (see faqbot.classifier).

        It can stop an answer (another entry: ask which; out of scope: staff)
        and answer an unresolved question whose words point the same way. A
        message that reads exactly like one of the entry's phrasings (one
        staff just taught, which the model has not seen) keeps its answer.
        """
        th = self.thresholds
        if self.classifier is None or not match.candidates:
            return match
        if match.status == "unmatched" and (
            th.rescue >= 1.0 or all(c.score < th.clarify / 2 for c in match.candidates)
        ):
            return match  # nothing it could rescue: spare the time
        if match.status == "answered" and (
            match.candidates[0].score >= EXACT
            or self.is_clinic_fact(msg, match.candidates[0].faq_id)
        ):
            return match
        opinion = self.classifier.opinion(self._opinion_words(msg))
        # A story around the question can lead the classifier astray; read
        # alone, the question may say more. Its reading replaces the whole's
        # when the whole calls the message out of scope, or names an entry
        # other than the words' best less surely than the question names its
        # own (a whole that agrees with the words keeps its say: "Would it
        # help?" after a story about auras leans on the story).
        asked = None
        if opinion is not None and (
            opinion.label == OUT_OF_SCOPE or opinion.label != match.candidates[0].faq_id
        ):
            asked = self._question_opinion(msg)  # only read where it can count
        if asked is not None and (
            opinion.label == OUT_OF_SCOPE
            or (
                opinion.label != match.candidates[0].faq_id
                and asked.probability > opinion.probability
                and self._question_says_enough(msg)
                and not self._statement_would_veto(msg, match, opinion)
            )
        ):
            opinion = asked
        if opinion is None or (
            opinion.label != OUT_OF_SCOPE and opinion.label not in self.index
        ):
            return match  # no features, or an entry the FAQ no longer has
        opinion = self._question_seconds(msg, match, opinion)
        top = match.candidates[0]
        sure = opinion.probability
        if match.status == "answered":
            if opinion.label == top.faq_id or sure < th.veto:
                return match
            if asked is not None and asked.label == top.faq_id:
                # The story around a question can lean the classifier to
                # another entry ("my usual aura ... what causes migraines?");
                # the question read alone agreeing with the words settles it.
                return match
            if self._type_keeps(msg, top.faq_id, opinion.label):
                return match
            if opinion.label == OUT_OF_SCOPE:
                if sure < th.veto + th.veto_rise * (top.score - th.answer):
                    return match
                return Match("unmatched", match.candidates, SECOND_OPINION)
            # Sure of an entry the words also rank within reach: answer it.
            pick = next(
                (c for c in match.candidates if c.faq_id == opinion.label), None
            )
            # Or sure enough of it when it, not the words' best, answers the
            # kind of question asked ("where is the clinic, I'm coming from
            # Pasadena": a place, not where migraines come from).
            if (
                pick is not None
                and pick.score >= th.clarify
                and (
                    sure >= th.switch or self._type_keeps(msg, pick.faq_id, top.faq_id)
                )
            ):
                rest = tuple(c for c in match.candidates if c is not pick)
                return Match("answered", (pick, *rest), SECOND_OPINION)
            other = self.entries[self.index[opinion.label]]
            second = Candidate(other.id, other.question, 0.0)
            if sure >= th.overrule:
                # Sure of an entry the words missed ("how do I know one is
                # about to start" read as booking by "start"): answer it.
                return Match("answered", (second, top), SECOND_OPINION)
            return Match("clarify", (top, second), SECOND_OPINION)
        if match.status == "clarify" and opinion.label == OUT_OF_SCOPE:
            if sure >= th.veto:
                return Match("unmatched", match.candidates, SECOND_OPINION)
            return match
        if sure >= th.rescue:
            # Both signals name the same entry: among the ones offered for a
            # clarification, or among the words' (weaker) best candidates.
            pick = next(
                (c for c in match.candidates if c.faq_id == opinion.label), None
            )
            # The words must lend some support: half the clarify threshold.
            if pick is not None and pick.score >= th.clarify / 2:
                rest = tuple(c for c in match.candidates if c is not pick)
                return Match("answered", (pick, *rest), SECOND_OPINION)
        if match.status == "unmatched":
            owned = self._type_owner(msg, match, opinion)
            return owned if owned.status == "answered" else self._offer(match, opinion)
        return match

    def _aside(self, msg: Analysed, match: Match) -> Match:
        """The entry the question is about once the words it sets aside are
        gone ("is ketamine good for chronic pain, not just migraines"): a
        phrasing holding only the words set aside ("is ketamine good for
        migraines") is still fully covered by the message, so the words'
        best can be the very subject put aside. Read without them, another
        entry that the classifier names too is answered."""
        if self.classifier is None or not match.candidates or not _sets_aside(msg):
            return match
        # The words set aside and the word setting them aside ("besides").
        aside = {
            t
            for m in _SET_ASIDE.finditer(msg.raw.casefold())
            for t in self.analyzer.tokens(m.group(0))
        }
        tokens = self.analyzer.normal_tokens(msg.normalized)
        rest = [t for t in tokens if t not in aside]
        if not rest or len(rest) == len(tokens):
            return match
        factor = self._qtype_factor.get(self.question_type(msg) or "")
        scores = self._score_tokens(rest, self._focus(msg, rest), True, None, factor)
        if not scores:
            return match
        e, score = max(scores.items(), key=lambda kv: (kv[1], -kv[0]))
        entry = self.entries[e]
        top = match.candidates[0]
        if entry.id == top.faq_id or score < self.thresholds.answer:
            return match
        opinion = self.classifier.opinion(self._opinion_words(msg))
        if (
            opinion is None
            or opinion.label != entry.id
            or opinion.probability < self.thresholds.rescue
        ):
            return match
        pick = Candidate(entry.id, entry.question, round(score, 4))
        rest_c = tuple(c for c in match.candidates if c.faq_id != entry.id)
        return Match("answered", (pick, *rest_c))

    def _type_keeps(self, msg: Analysed, faq_id: str, other: str) -> bool:
        """True when the question opens with a kind ("how long ...") that the
        words' answer plainly answers and the classifier's entry (not "out
        of scope": that veto stands) does not:
        "how long did people stay pain free in the study" asks the relief's
        span, whatever the study's words lean it to."""
        kind = self.question_type(msg, open_only=True)
        owners = self._qtype_owners.get(kind or "", frozenset())
        return other in self.index and faq_id in owners and other not in owners

    def specific_words(self, text: str | Analysed, faq_id: str) -> list[str]:
        """The question's specific words that entry ``faq_id`` does not cover.

        Specific: rarer in English than ``Knobs.specific_zipf`` (a subtype, a
        named condition, a technical term), in the question's own sentences,
        not set aside ("besides migraines") and not a spelling correction
        (the speller's guess is no word the patient chose). Covered: the
        entry's phrasings, keywords or answer hold it.
        """
        msg = analyse(text)
        e = self.index.get(faq_id)
        limit = self.knobs.specific_zipf
        if e is None or limit <= 0:
            return []
        known = self._explain[e]
        corrections = self.analyzer.corrections(msg.normalized)
        guessed, typos = set(corrections.values()), set(corrections)
        aside: set[str] = set()
        if _sets_aside(msg):
            aside = {
                t
                for m in _SET_ASIDE.finditer(msg.raw.casefold())
                for t in self.analyzer.tokens(m.group(1))
            }
        asked = [s for s in msg.sentences if s.asks] or list(msg.sentences[-1:])
        found = []
        for sentence in asked:
            for w in self.analyzer.normal_words(sentence.normalized):
                if w in STOPWORDS or w in guessed or w in NUMBER_WORDS:
                    continue
                t = stem(w)
                if (
                    not t
                    or t in known
                    or t in aside
                    or t in STOPWORDS
                    or t in LIGHT_WORDS
                    or is_number(t)
                ):
                    continue
                if zipf(w) < limit:
                    found.append(w)
            # A rare word a synonym rewrites in common words ("crps" as
            # "complex regional pain syndrome") is judged as typed.
            for w in sentence.normalized.split():
                if (
                    w in found
                    or w in typos
                    or w in STOPWORDS
                    or zipf(w) >= limit
                    or stem(w) in known
                ):
                    continue
                said = self.analyzer.tokens(w)
                if said != [stem(w)] and any(
                    t not in known and t not in aside and not is_number(t) for t in said
                ):
                    found.append(w)
        return found

    def _beyond(self, msg: Analysed, match: Match) -> Match:
        """An answer that leaves a specific word of the question unanswered.

        "How many hours before the headache does the prodrome start" shares
        its words with the duration entry, whose answer says nothing of the
        prodrome: the question is one step beyond it. Unless the message
        reads like a phrasing, is made of the clinic's facts, or the
        classifier backs the entry (``Knobs.specific_support``), it is
        offered rather than answered, with the entry the classifier likes
        next; or handed to staff if the classifier calls it out of scope.
        """
        if (
            match.status != "answered"
            or self.classifier is None
            or not self.faq.synonyms  # English vocabulary: not the Spanish view
        ):
            return match
        top = match.candidates[0]
        if top.score >= EXACT or self.is_clinic_fact(msg, top.faq_id):
            return match
        if not self.specific_words(msg, top.faq_id):
            return match
        probs = self.classifier.probabilities(self._opinion_words(msg))
        classes = self.classifier.classes
        if not probs or top.faq_id not in classes:
            return match
        # A word that is other entries' subject ("ketamine", asked of the
        # stages entry) is a question about them: the classifier, reading
        # the entry's other words, cannot vouch for it.
        subjects = any(
            len(self._subject_of.get(stem(w), ())) >= 2
            for w in self.specific_words(msg, top.faq_id)
        )
        if not subjects and (
            probs[classes.index(top.faq_id)] >= self.knobs.specific_support
        ):
            return match
        others = sorted(
            (p, c)
            for p, c in zip(probs, classes, strict=True)
            if c != top.faq_id and c in self.index
        )
        offer = [top]
        if others and others[-1][0] >= OFFER_SHARE:
            other = self.entries[self.index[others[-1][1]]]
            near = next((c for c in match.candidates if c.faq_id == other.id), None)
            offer.append(near or Candidate(other.id, other.question, 0.0))
        return Match("clarify", tuple(offer), BEYOND)

    def slot_words(self, text: str | Analysed, faq_id: str) -> list[str]:
        """A figure or time question's content words that entry ``faq_id``
        asserts nothing of ("how long does the postdrome last": the duration
        answer gives a span for a migraine, none for the postdrome)."""
        msg = analyse(text)
        e = self.index.get(faq_id)
        limit = self.knobs.slot_zipf
        if e is None or limit <= 0:
            return []
        asked = [s for s in msg.sentences if s.asks] or list(msg.sentences[-1:])
        corrections = self.analyzer.corrections(msg.normalized)
        guessed = set(corrections.values())
        for sentence in asked:
            words = self.analyzer.normal_words(sentence.normalized)
            m = _SLOT_QUESTION.match(" ".join(words))
            if m is None:
                continue
            said = self._asserts[m.lastgroup or ""][e]
            rest = " ".join(words)[m.end() :].split()
            return [
                w
                for w in rest
                if w not in STOPWORDS
                and w not in guessed
                and not is_number(w)
                and w not in _TIME_UNITS
                and zipf(w) < limit
                and (t := stem(w))
                and t not in STOPWORDS
                and t not in LIGHT_WORDS
                and t not in said
            ]
        return []

    def _slot(self, msg: Analysed, match: Match) -> Match:
        """An answer to a figure or time question about something the entry
        asserts no figure or span of is offered (see ``slot_words``)."""
        if match.status != "answered" or not self.faq.synonyms:
            return match  # the Spanish view has no English word frequencies
        top = match.candidates[0]
        if top.score >= EXACT or self.is_clinic_fact(msg, top.faq_id):
            return match
        if not self.slot_words(msg, top.faq_id) and not self.foreign_figures(
            msg, top.faq_id
        ):
            return match
        return Match("clarify", (top,), SLOT)

    def foreign_figures(self, text: str | Analysed, faq_id: str) -> list[str]:
        """Percentages the question quotes that entry ``faq_id``'s answer does
        not hold ("the 25% who got no relief" of an answer that gives 75%):
        the question is about a figure the answer asserts nothing of."""
        msg = analyse(text)
        e = self.index.get(faq_id)
        if e is None:
            return []
        told = self._answer_tokens[e]
        asked = [s for s in msg.sentences if s.asks] or list(msg.sentences[-1:])
        out = []
        for sentence in asked:
            words = self.analyzer.normal_words(sentence.normalized)
            for w, nxt in pairwise(words):
                if nxt == "percent" and w.isdigit() and w not in told:
                    out.append(w)
        return out

    def _joined(self, msg: Analysed, match: Match) -> Match:
        """An answer to a question that joins its subject with a sibling's
        ("can ketamine help my depression and my migraines", "chronic pain
        or only depression?") is offered with the sibling."""
        if match.status != "answered" or not self.knobs.siblings:
            return match
        top = match.candidates[0]
        e = self.index.get(top.faq_id)
        if e is None or top.score >= EXACT:
            return match
        asked = [s for s in msg.sentences if s.asks] or list(msg.sentences[-1:])
        words = [w for s in asked for w in self.analyzer.normal_words(s.normalized)]
        if not any(w in _JOINERS for w in words):
            return match
        toks = {t for s in asked for t in self.analyzer.normal_tokens(s.normalized)}
        mine = self._question_tokens[e]
        for j in self._siblings[e]:
            common = mine & self._question_tokens[j]
            if (mine - common) & toks and self._question_tokens[j] - common <= toks:
                other = self.entries[j]
                near = next((c for c in match.candidates if c.faq_id == other.id), None)
                return Match(
                    "clarify",
                    (top, near or Candidate(other.id, other.question, 0.0)),
                    JOINED,
                )
        return match

    def unasserted(self, text: str | Analysed, faq_id: str) -> str | None:
        """What a question asks that entry ``faq_id``'s answer asserts nothing
        of: a reason ("why"), a figure it does not hold ("in men over 50"), a
        span beyond its own ("lasted 2 weeks, is that normal?"), how soon in
        hours or weeks of an answer that names no unit of time ("no_span"), or
        its figure for a case it does not give ("if it's a rebound headache");
        else None.

        "Why do women get migraines more than men" shares every word with the
        prevalence entry, whose answer gives figures and no reason.
        """
        msg = analyse(text)
        e = self.index.get(faq_id)
        if e is None:
            return None
        said = self._answer_text[e]
        top = self._span_top[e]
        asked = [s for s in msg.sentences if s.asks] or list(msg.sentences[-1:])
        for sentence in asked:
            words = self.analyzer.normal_words(sentence.normalized)
            line = " ".join(words)
            if _WHY_QUESTION.match(line) and self._figures_only[e]:
                return "why"
            if _WHEN_QUESTION.match(line) and not self._dated[e]:
                return "when"
            m = _SLOT_QUESTION.match(line)
            if (
                m is not None
                and m.lastgroup == "duration"
                and not self._spanned[e]
                and any(w in _SPAN_RANK for w in words)
            ):
                # hours or weeks asked of an answer that names no unit of
                # time ("rapid-acting" says how fast, in no units)
                return "no_span"
            rest = words[len(line[: m.end()].split()) :] if m else []
            counted = next((w for w in rest if w not in STOPWORDS), "")
            if (
                m is not None
                and m.lastgroup == "quantity"
                and not self._counts[e]
                # "how many locations": the answer lists what its question
                # names; "how much time": a span, not a figure
                and stem(counted) not in self._subject_words[e]
                and counted not in _TIME_UNITS
                and counted != "time"
            ):
                return "figure"  # the answer holds no number at all
            if (
                m is not None
                and m.lastgroup == "quantity"
                and any(
                    w in _AGE_BOUNDS and n.isdigit() and f" {w} {n} " not in said
                    for w, n in pairwise(rest)
                )
            ):
                return "figure"  # an age band the answer's figures do not cover
            if self._figures_only[e] and self._unstated_condition(words, e):
                return "condition"
            if top is not None and m is None:
                for w, unit in pairwise(words):
                    rank = _SPAN_RANK.get(unit)
                    if rank is not None and rank > top and (is_number(w) or w == "a"):
                        return "span"
        return None

    def _unstated_condition(self, words: Sequence[str], e: int) -> bool:
        """True when a condition in ``words`` asks entry ``e``'s figure for a
        case its answer does not give: a word the entry knows nothing of ("if
        it's a rebound headache"), or, in a question that compares ("does
        relief last longer if I do more infusions"), one its answer and
        question do not hold. "If I do the infusions, how long does relief
        last" asks the entry's own question."""
        if _CONDITIONS.isdisjoint(words):
            return False
        compares = any(w in _COMPARATIVES for w in words)
        told = self._answer_tokens[e] | self._question_tokens[e]
        known = told | self._explain[e]
        for i, w in enumerate(words):
            if w not in _CONDITIONS:
                continue
            for x in words[i + 1 : i + 1 + _CONDITION_WORDS]:
                if x in _QUESTION_WORDS:
                    break  # the main question begins ("if it works, how long")
                t = stem(x)
                if (
                    x not in STOPWORDS
                    and not is_number(x)
                    and t not in STOPWORDS
                    and t not in LIGHT_WORDS
                    and t not in (told if compares else known)
                    # a word that says what the case is: one the FAQ knows
                    # (another entry's) or a less common one, not "go ahead"
                    and (t in self.idf or zipf(x) < _CONDITION_ZIPF)
                ):
                    return True
        return False

    def _unasserted(self, msg: Analysed, match: Match) -> Match:
        """An answer to a question asking what the entry asserts nothing of
        (see ``unasserted``) is offered, whatever the classifier says."""
        if match.status != "answered" or not self.faq.synonyms:
            return match  # the Spanish view reads Spanish words
        top = match.candidates[0]
        if top.score >= EXACT or self.is_clinic_fact(msg, top.faq_id):
            return match
        if self.unasserted(msg, top.faq_id) is None:
            return match
        return Match("clarify", (top,), SLOT)

    def narrower(self, text: str | Analysed, faq_id: str) -> str | None:
        """The entry whose question narrows ``faq_id``'s to what the message
        names: "is ketamine used for pain after surgery" names the pain of
        "can ketamine help with chronic pain?", a narrower question than "what
        is ketamine?", though both answers mention surgery. None when no
        narrower entry's added words are in the question, or when it asks
        the broad entry's own question ("what is ketamine used for")."""
        msg = analyse(text)
        e = self.index.get(faq_id)
        if e is None or not self._narrower[e]:
            return None
        asked = [s for s in msg.sentences if s.asks] or list(msg.sentences[-1:])
        toks = {t for s in asked for t in self.analyzer.normal_tokens(s.normalized)}
        opening = self._openings[e]
        if any(
            " ".join(self.analyzer.normal_words(s.normalized)).startswith(opening)
            for s in asked
        ):
            return None  # the broad question itself
        named = [
            (len(extra & toks), j)
            for j, extra in self._narrower[e]
            if {t for t in extra & toks if t not in LIGHT_WORDS}
        ]
        if not named:
            return None
        named.sort(reverse=True)
        if len(named) > 1 and named[0][0] == named[1][0]:
            return None  # two narrower entries named alike: not one of them
        return self.entries[named[0][1]].id

    def _narrow(self, msg: Analysed, match: Match) -> Match:
        """An answer whose entry a narrower one refines, the message naming
        what the narrower adds, is answered with the narrower entry when the
        words reach it (half the clarify threshold), else offered with it."""
        if match.status != "answered" or not self.faq.synonyms:
            return match
        top = match.candidates[0]
        if top.score >= EXACT:
            return match
        other = self.narrower(msg, top.faq_id)
        if other is None:
            return match
        near = next((c for c in match.candidates if c.faq_id == other), None)
        if near is None:  # rare: one more scoring of the message
            near = next((c for c in self.score(msg) if c.faq_id == other), None)
        if near is None or near.score < self.thresholds.clarify / 2:
            return match  # the words do not reach it: the broad answer stands
        return Match("answered", (near, top), NARROWER)

    # -- round 8: what sits beside an entry's subject ------------------------------
    def second_condition(self, text: str | Analysed, faq_id: str) -> str | None:
        """The word of a condition a question sets beside the entry's own
        subject ("can ketamine help with social anxiety specifically, or just
        depression"), when the entry knows nothing of it; else None.

        The entry's subject is a word of its question no other entry's
        question holds ("depression"); it follows "or" (past "just", "only",
        "for"); the alternative before "or", from the last "for", "treat" or
        "help", holds a word none of the entry's phrasings, answer or keywords
        hold. "PTSD or just depression" names one the entry knows.
        """
        msg = analyse(text)
        e = self.index.get(faq_id)
        if e is None or not self.faq.synonyms:
            return None
        own = {
            t for t in self._subject_words[e] if len(self._subject_of.get(t, ())) == 1
        }
        if not own:
            return None
        known = self._explain[e]
        guessed = set(self.analyzer.corrections(msg.normalized).values())
        asked = [s for s in msg.sentences if s.asks] or list(msg.sentences[-1:])
        for sentence in asked:
            words = self.analyzer.normal_words(sentence.normalized)
            for i, w in enumerate(words):
                if w not in _ALTERNATIVES:
                    continue
                after = (x for x in words[i + 1 :] if x not in _ALTERNATIVE_SKIP)
                if stem(next(after, "")) not in own:
                    continue
                # the alternative a treatment question asks about: "help with
                # X or just Y", a few words from the lead ("is it a migraine
                # or a normal headache" sets no condition beside another)
                leads = [j for j in range(i) if words[j] in _PURPOSE_LEADS]
                if not leads or i - leads[-1] > _ALTERNATIVE_REACH:
                    continue
                for x in words[leads[-1] + 1 : i]:
                    t = stem(x)
                    if (
                        x in STOPWORDS
                        or x in _PURPOSE_SKIP
                        or x in _QUALIFIERS
                        or x in guessed
                        or x.endswith("ly")
                        or is_number(x)
                        or not t
                        or t in STOPWORDS
                        or t in LIGHT_WORDS
                        or t in known
                    ):
                        continue
                    return x
        return None

    def absent_part(self, text: str | Analysed, faq_id: str) -> str | None:
        """A part the entry's answer names that the question asks to be left
        out ("can a migraine come without the aura stage", "skip the
        prodrome"); else None. The answer lists the parts; whether one can be
        missing is beyond it."""
        msg = analyse(text)
        e = self.index.get(faq_id)
        if e is None or not self.faq.synonyms:
            return None
        told = self._answer_tokens[e]
        asked = [s for s in msg.sentences if s.asks] or list(msg.sentences[-1:])
        for sentence in asked:
            words = self.analyzer.normal_words(sentence.normalized)
            for i, w in enumerate(words):
                if not _LEAVE_OUT.match(w):
                    continue
                for x in words[i + 1 : i + 1 + _LEAVE_OUT_REACH]:
                    t = stem(x)
                    if x not in STOPWORDS and t in told and t not in STOPWORDS:
                        return x
        return None

    def clinic_beside(self, text: str | Analysed, faq_id: str) -> str | None:
        """What a question about a clinic entry asks beside the clinic's own
        facts, when its answer cannot tell: the people who work there ("is my
        doctor from TMS & Brain Health still there") of an answer that names
        none, or a place the answer does not name set beside a clinic the
        question names ("is your LA office near Silver Lake"). None otherwise.

        People count in a sentence that asks and does not ask the entry's own
        question (no word of its subject but the clinic's names: "my doctor
        sent me to TMS & Brain Health, same place?" is answered). A place
        counts in a yes/no question that names one of the clinics as what it
        asks about ("the LA clinic"), after "in", "near", "close to" ..., when
        no phrasing, answer or keyword of the FAQ holds it: "do you have a
        clinic in Fresno or only LA" asks where the clinics are.
        """
        msg = analyse(text)
        e = self.index.get(faq_id)
        if e is None or e not in self._clinic_entries or not self.faq.synonyms:
            return None
        told = self._answer_tokens[e]
        facts = set().union(*self._clinic_facts) if self._clinic_facts else set()
        places = {
            t
            for loc in self.faq.clinic.locations
            for t in self.analyzer.tokens(loc)
        }
        subject = self._subject_words[e] - facts
        for sentence in msg.sentences:
            if not sentence.asks:
                continue
            words = self.analyzer.normal_words(sentence.normalized)
            stems = {stem(w) for w in words}
            people = [w for w in words if w in _CLINIC_PEOPLE and stem(w) not in told]
            if people and not stems & subject:
                return people[0]
            # the clinics set against each other ("LA or Santa Monica") on
            # something the entry knows nothing of: which one gives the
            # infusions, each one's phone number
            located = [
                f for f in self._clinic_facts if f <= stems and f <= places
            ]
            if len(located) >= 2:
                asked_of = [
                    w
                    for w in words
                    if (t := stem(w))
                    and w not in STOPWORDS
                    and t not in STOPWORDS
                    and t not in LIGHT_WORDS
                    and t not in facts
                    and w not in _BOTH
                    and not w.endswith("ly")
                    and t not in self._explain[e]
                    and t in self.idf
                ]
                if asked_of:
                    return asked_of[0]
            if self.question_type(sentence.text) is not None or not places & told:
                continue
            named = any(
                stem(a) in places and b in _CLINIC_NOUNS for a, b in pairwise(words)
            )
            if not named:
                continue
            for i, w in enumerate(words):
                if w not in _PLACE_RELATIONS:
                    continue
                for x in words[i + 1 : i + 4]:
                    t = stem(x)
                    if x in STOPWORDS or not t or t in STOPWORDS or x == "to":
                        continue
                    if t not in self.idf and t not in facts and not is_number(t):
                        return x
                    break
        return None

    def aside_own_figure(self, text: str | Analysed, faq_id: str) -> str | None:
        """A figure of the entry's own answer that the question sets aside
        ("how many studies are there besides the 2017 one"): it asks for
        what the answer does not report. None otherwise."""
        msg = analyse(text)
        e = self.index.get(faq_id)
        if e is None or not self.faq.synonyms or not _sets_aside(msg):
            return None
        told = self._answer_tokens[e]
        for m in _SET_ASIDE.finditer(msg.raw.casefold()):
            for t in self.analyzer.tokens(m.group(1)):
                if t.isdigit() and t in told:
                    return t
        return None

    def _set_beside(self, msg: Analysed, match: Match) -> Match:
        """An answer to a question that sets another condition beside the
        entry's subject, or asks for one of its parts to be missing, goes to
        staff: the answer says nothing of either."""
        if match.status != "answered" or not self.faq.synonyms:
            return match
        top = match.candidates[0]
        if top.score >= EXACT:
            return match
        if self.second_condition(msg, top.faq_id) is not None:
            return Match("unmatched", match.candidates, OTHER_CONDITIONS)
        if self.absent_part(msg, top.faq_id) is not None:
            return Match("unmatched", match.candidates, ABSENT)
        if self.clinic_beside(msg, top.faq_id) is not None:
            return Match("unmatched", match.candidates, BESIDE_CLINIC)
        if self.aside_own_figure(msg, top.faq_id) is not None:
            return Match("unmatched", match.candidates, NOT_THIS)
        return match

    def _question_opinion(self, msg: Analysed) -> Opinion | None:
        """The classifier on the question alone, where a story surrounds it.

        A story read whole can look out of scope to the classifier ("years
        ago I had dark thoughts; I'm fine now. Can ketamine help my
        migraines?"), or like another entry. When the message has several
        sentences and the question's own words read as an entry, that
        opinion can count (see ``_second_opinion``); it is never an
        out-of-scope call.
        """
        sentences = msg.sentences
        # Without a recognisable question the last sentence is the focus, as
        # for the words ("... I'm past it. I just need the address").
        asked = [s for s in sentences if s.asks] or list(sentences[-1:])
        if self.classifier is None or len(sentences) < 2:
            return None
        words = [w for s in asked for w in self.analyzer.normal_words(s.normalized)]
        if len(words) < 3:
            return None  # "Is that normal?" leans on the story: keep its reading
        opinion = self.classifier.opinion(words)
        if opinion is None or opinion.label == OUT_OF_SCOPE:
            return None
        return opinion

    def _question_seconds(
        self, msg: Analysed, match: Match, opinion: Opinion
    ) -> Opinion:
        """The question's own reading in place of the whole message's when
        both name the words' best for a question they left unresolved and
        only the question's is sure of it.

        A long story around a question ("up all night with my usual aura,
        like always ... how common is this") spreads the whole message's
        reading thin over the entries its story touches; the question's
        words, read alone, name the entry plainly. A question of one or two
        words leans on its story and never counts (``_question_opinion``).
        """
        th = self.thresholds
        if (
            match.status == "answered"
            or opinion.label != match.candidates[0].faq_id
            or opinion.probability >= th.rescue
        ):
            return opinion
        asked = self._question_opinion(msg)
        if asked is None or asked.label != opinion.label:
            return opinion
        return asked

    def _statement_would_veto(
        self, msg: Analysed, match: Match, opinion: Opinion
    ) -> bool:
        """True when a message that asks nothing would have its last
        sentence's reading stop an answer its words reached, which the whole
        message's reading, too unsure, leaves standing ("mum's had the same
        migraines for decades, nothing new. she'd like to try ketamine").

        With no question the last sentence stands in for one; it may tell
        the classifier which entry a story is about, not overturn the
        words on its own.
        """
        return (
            match.status == "answered"
            and opinion.probability < self.thresholds.veto
            and not any(s.asks for s in msg.sentences)
        )

    def _question_says_enough(self, msg: Analysed) -> bool:
        """True when the question names two things or more on its own ("is
        that common?" names one and leans on the story around it)."""
        asked = [s for s in msg.sentences if s.asks] or list(msg.sentences[-1:])
        return sum(len(self.analyzer.normal_tokens(s.normalized)) for s in asked) >= 2

    def _offer(self, match: Match, opinion: Opinion) -> Match:
        """Ask about the entry the words lean to, when nothing says it is out
        of scope: both signals name it, or the words alone reach ``clarify``."""
        th = self.thresholds
        top = match.candidates[0]
        if opinion.label == OUT_OF_SCOPE and opinion.probability >= th.veto:
            return match
        agree = opinion.label == top.faq_id and top.score >= th.clarify / 2
        if agree or top.score >= th.clarify:
            return Match("clarify", (top,), SECOND_OPINION)
        return match

    def _decide(self, cands: list[Candidate]) -> Match:
        """Answer, clarify or hand off, from the words' scores alone."""
        th = self.thresholds
        if not cands or cands[0].score < th.clarify:
            return Match("unmatched", tuple(cands[:3]))
        top = cands[0]
        runner_up = cands[1].score if len(cands) > 1 else 0.0
        if top.score >= th.answer and top.score - runner_up >= th.margin:
            return Match("answered", tuple(cands[:3]))
        close = [
            c
            for c in cands[:3]
            if c.score >= th.clarify and top.score - c.score < 2 * th.margin
        ]
        if len(close) >= 2:
            return Match("clarify", tuple(close))
        return Match("unmatched", tuple(cands[:3]))


def _bounds(
    pis: Iterable[int],
    tokens_of: list[frozenset[str]],
    entry_of: list[int],
    weight_of: list[float],
    qset: set[str],
    skip: int | None,
    idf: dict[str, float],
    qweight: dict[str, float],
    in_bag: dict[int, float],
    explain: list[frozenset[str]],
    total: float,
    bag_share: float,
    pp: float,
    cov: float,
    generic_weight: float,
) -> list[tuple[float, int]]:
    """(-bound, phrasing) for each phrasing sharing a token with the message.

    The bound is the score without its string similarity: the score lies
    between (1 - fuzz_share) and 1 times it. This loop is the hot path
    (``Matcher._score_tokens``): the phrasings come as columns (their
    tokens, entries and weights), and ``in_bag`` gets the entries it lacked.
    """
    out = []
    for pi in pis:
        shared = tokens_of[pi] & qset
        if not shared or pi == skip:
            continue
        m = mq = 0.0
        for t in shared:
            m += idf[t]
            mq += qweight[t]
        e = entry_of[pi]
        weight = weight_of[pi]
        bag = in_bag.get(e)
        if bag is None:
            words = explain[e]
            bag = in_bag[e] = sum([w for t, w in qweight.items() if t in words])
        # How much of the message this phrasing explains; words the entry
        # knows from elsewhere count partly, unknown words not at all.
        precision = (mq + bag_share * (bag - mq)) / total
        bound = (m / weight) ** cov * precision**pp
        if precision < 0.999 and weight < generic_weight:
            # A short, generic phrasing ("what is a migraine") inside a
            # longer question is weak evidence it is that question.
            bound *= (weight / generic_weight) ** 0.5
        out.append((-bound, pi))
    return out


try:  # the same loop in C, where it was built (setup.py)
    from ._speedups import bounds as _find_bounds
except ImportError:  # pragma: no cover - the pure-Python loop instead
    _find_bounds = _bounds

try:  # the walk over split words in C (else Analyzer._joined's own loop)
    from ._speedups import join_words as _join_words
except ImportError:  # pragma: no cover - the pure-Python walk instead
    _join_words = None

try:  # the heap of phrasings and streams in C (else _score_tokens' own loop)
    from ._speedups import bag_sums as _bag_sums
    from ._speedups import drain as _drain
except ImportError:  # pragma: no cover - the loops in Python instead
    _drain = _bag_sums = None
if sys.version_info >= (3, 12):  # pragma: no cover - sum() compensates there
    _bag_sums = None  # (bag_sums adds plainly, as 3.11's sum() does)


def _sets_aside(msg: Analysed) -> bool:
    """Whether ``_SET_ASIDE`` finds a phrase in the message (asked once a message)."""

    def find() -> bool:
        if msg.raw.isascii():  # ASCII letters match (?i) only as themselves
            low = msg.raw.lower()
            if not any(w in low for w in _ASIDE_WORDS):
                return False
        return _SET_ASIDE.search(msg.raw) is not None

    return msg.view("matching.set_aside", find)


def _treat(m: re.Match[str]) -> str:
    """``_VERB_ADDRESS``'s verb, read as the verb it means."""
    return (m.group("wh") or m.group("aux")) + "treat"


def _topic_regex(term: str) -> str:
    r"""A handoff term as a regex; " ... " in a term stands for up to four words.

    >>> _topic_regex("how much ... cost")
    'how\\ much(?: [a-z0-9]+){0,4} cost'
    """
    parts = [normalize(p) for p in term.split("...")]
    if not any(parts):
        return ""
    return "(?: [a-z0-9]+){0,4} ".join(re.escape(p) for p in parts if p)


def baseline_match(faq: Faq, text: str, cutoff: float = 70.0) -> str | None:
    """Plain ``rapidfuzz.process.extractOne`` over canonical questions (baseline)."""
    choices = {e.id: e.question for e in faq.entries}
    hit = process.extractOne(
        text,
        choices,
        scorer=fuzz.WRatio,
        processor=lambda s: normalize(s),
        score_cutoff=cutoff,
    )
    return hit[2] if hit else None
