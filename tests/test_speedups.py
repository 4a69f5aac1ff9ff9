"""The C speedups (src/faqbot/_speedups.c) give exactly what the pure-Python
loops they stand in for give: the same floats, bit for bit, so a machine
where the extension is not built decides every message the same way."""

from __future__ import annotations

import math
import os
import struct
import sys
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faqbot import classifier, matching, safety, spelling
from faqbot.lexicon import COMMON_ZIPF, english_table

try:
    from faqbot import _speedups as speedups
except ImportError:  # not built here: the pure-Python loops are in use
    speedups = None

needs_speedups = pytest.mark.skipif(speedups is None, reason="extension not built")

LETTERS = "abcdeimnrtkñé"
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
grams = st.text(alphabet=LETTERS, min_size=1, max_size=5)


def bits(x: float) -> bytes:
    return struct.pack("<d", x)


def test_ci_loads_the_compiled_loops() -> None:
    """CI builds the extension (`pip install -e .`), so the ask uses it there."""
    if os.environ.get("CI") != "true":
        pytest.skip("the compiled path is required only on CI")
    assert speedups is not None, "faqbot._speedups was not built"
    assert spelling._find_deletion is speedups.deletion_in
    assert spelling._find_common_edit is speedups.common_edit
    assert spelling._english_filter() is not None
    assert safety._sums is speedups.safety_block
    assert classifier._sums is speedups.classifier_block
    assert matching._find_bounds is speedups.bounds
    assert matching._drain is speedups.drain
    assert isinstance(safety._model().char, speedups.Table)


@needs_speedups
@given(
    st.text(alphabet=LETTERS, max_size=14),
    st.sampled_from([-1, 0, 1, 2, 3]),
    st.lists(st.text(alphabet=LETTERS, max_size=13), max_size=40),
)
def test_deletion_search(word: str, depth: int, keys: list[str]) -> None:
    table = dict.fromkeys(keys)
    assert speedups.deletion_in(word, depth, table) is spelling._deletion_in(
        word, depth, table
    )


@needs_speedups
@given(
    st.text(alphabet=LETTERS + "xyzA", max_size=9),
    st.dictionaries(
        st.text(alphabet=LETTERS + "xyz", max_size=10), finite, max_size=80
    ),
    st.sampled_from([-1.0, 0.0, 3.0, 1e5]),
)
def test_english_edit_search(word: str, table: dict, floor: float) -> None:
    """The best word one edit away, ties broken by the word, as in Python;
    tables hold edits of the word so that some are found."""
    for i, w in enumerate(spelling.edits1(word)):
        if i % 7 == 0:
            table.setdefault(w, float(i % 4))
    slow = spelling._common_edit(word, table, floor)
    assert speedups.common_edit(word, table, floor) == slow
    # A filter of the table's words: small, so that other edits get past too.
    for size in (1, 16, 1 << 12):
        filter = speedups.word_filter(table, size)
        assert speedups.common_edit(word, table, floor, filter) == slow


@needs_speedups
def test_english_edit_search_on_the_english_list() -> None:
    """Misspellings of thousands of English words (letters dropped, doubled,
    swapped, replaced, accented) find the same word in C as in Python."""
    table = dict(english_table())
    filter = spelling._english_filter()
    words = sorted(table)[::10]
    typed = ["", "a", "zz", "naïve", "cafe", "ñandu"]
    for n, w in enumerate(words):
        i = n % max(1, len(w))
        typed += [w[:i] + w[i + 1 :], w[:i] + w[i:][:1] * 2 + w[i + 1 :]]
        typed += [w[:i] + "é" + w[i + 1 :], w[:i] + "q" + w[i:], w[::-1]]
    for word in typed:
        slow = spelling._common_edit(word, table, COMMON_ZIPF)
        assert speedups.common_edit(word, table, COMMON_ZIPF) == slow, word
        assert speedups.common_edit(word, table, COMMON_ZIPF, filter) == slow, word


@needs_speedups
@given(
    st.lists(st.tuples(grams, st.integers(1, 6)), max_size=60),
    st.dictionaries(grams, st.tuples(finite, finite, finite), max_size=60),
)
def test_crisis_model_block(counted: list[tuple[str, int]], table: dict) -> None:
    counts = Counter(dict(counted))
    fast = speedups.safety_block(counts, table)
    slow = safety._block_sums(counts, table)
    assert [bits(x) for x in fast] == [bits(x) for x in slow]


weights = st.tuples(st.integers(0, 4), finite)


@needs_speedups
@given(
    st.lists(st.tuples(grams, st.integers(1, 6)), max_size=60),
    st.dictionaries(
        grams,
        st.tuples(finite, st.lists(weights, max_size=5), finite, st.lists(weights)),
        max_size=60,
    ),
)
def test_classifier_block(counted: list[tuple[str, int]], raw: dict) -> None:
    counts = Counter(dict(counted))
    table = {f: (a, tuple(b), c, tuple(d)) for f, (a, b, c, d) in raw.items()}
    acc, squares = speedups.classifier_block(counts, table, 5)
    acc2, squares2 = classifier._block_sums(counts, table, 5)
    assert bits(squares) == bits(squares2)
    assert [bits(x) for x in acc] == [bits(x) for x in acc2]


@needs_speedups
def test_the_real_models_agree_on_a_message() -> None:
    """The shipped crisis model's blocks, summed both ways."""
    model = safety._model()
    doc = safety.model_text("I cant keep doing this, it all hurts and nobody listens")
    for grams_, table in (
        (safety.word_ngrams(doc, *model.word_range), model.word),
        (safety._model_char_grams(doc), model.char),
    ):
        counts = Counter(grams_)
        fast, slow = (
            speedups.safety_block(counts, table),
            safety._block_sums(counts, table),
        )
        assert fast == slow and not math.isnan(fast[0])


TOKENS = [f"t{i}" for i in range(12)]
positive = st.floats(min_value=0.01, max_value=50.0, allow_nan=False)


@needs_speedups
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.sets(st.sampled_from(TOKENS), max_size=6)),
        min_size=1,
        max_size=25,
    ),
    st.dictionaries(st.sampled_from(TOKENS), positive, min_size=1),
    st.sets(st.integers(0, 3)),
    st.lists(st.sets(st.sampled_from(TOKENS)), min_size=4, max_size=4),
    st.one_of(st.none(), st.integers(-1, 25)),
    # the powers are 1.0 by default: x ** 1.0 is taken as x in C
    st.tuples(positive, st.just(1.0) | positive, st.just(1.0) | positive, positive),
)
def test_matcher_bounds(raw, qweight, bags, explain, skip, knobs) -> None:
    """The matcher's bound loop, including the entries' bag credit it adds:
    phrasings sharing one, two (summed without the intersection) or more
    tokens with the message."""
    phrasings = [
        matching._Phrasing(e, frozenset(ts), sum(1.0 + len(t) for t in ts) or 1.0, "")
        for e, ts in raw
    ]
    idf = {t: 1.0 + i / 7 for i, t in enumerate(TOKENS)}
    qset = set(qweight)
    total = sum(qweight.values())
    bag_share, pp, cov, generic = knobs
    pis = list(range(len(phrasings)))
    # An entry knows its phrasings' words and maybe more; some entries' bag
    # credit is already known, the rest is worked out by the loop.
    for e, ts in raw:
        explain[e] |= ts
    explain = [frozenset(x) for x in explain]
    bags = {e: sum([w for t, w in qweight.items() if t in explain[e]]) for e in bags}
    results = []
    for find in (speedups.bounds, matching._bounds):
        in_bag = dict(bags)
        columns = (
            [p.tokens for p in phrasings],
            [p.entry for p in phrasings],
            [p.weight for p in phrasings],
        )
        out = find(
            pis, *columns, qset, skip, idf, qweight, in_bag, explain, total,
            bag_share, pp, cov, generic,
        )  # fmt: skip
        results.append(([(bits(b), pi) for b, pi in out], in_bag))
    fast, slow = results
    assert fast[0] == slow[0]
    assert {e: bits(v) for e, v in fast[1].items()} == {
        e: bits(v) for e, v in slow[1].items()
    }


@needs_speedups
@given(
    st.lists(st.tuples(grams, st.integers(1, 6)), max_size=60),
    st.dictionaries(grams, st.tuples(finite, finite, finite), max_size=60),
)
def test_packed_crisis_weights(counted: list[tuple[str, int]], table: dict) -> None:
    """The packed table gives the sums the dict gives, and the same weights."""
    counts = Counter(dict(counted))
    packed = speedups.Table(table, 0)
    fast = speedups.safety_block(counts, packed)
    slow = safety._block_sums(counts, table)
    assert [bits(x) for x in fast] == [bits(x) for x in slow]
    assert len(packed) == len(table)
    for gram, weights in table.items():
        assert gram in packed and packed.get(gram) == weights
    assert "not a gram" not in packed and packed.get("not a gram") is None


@needs_speedups
@given(
    st.lists(st.tuples(grams, st.integers(1, 6)), max_size=60),
    st.dictionaries(
        grams, st.tuples(finite, st.lists(weights, max_size=5), finite), max_size=60
    ),
)
def test_packed_classifier_weights(counted: list[tuple[str, int]], raw: dict) -> None:
    counts = Counter(dict(counted))
    table = {
        f: (idf, tuple(pairs), sq, tuple((c, idf * w) for c, w in pairs))
        for f, (idf, pairs, sq) in raw.items()
    }
    packed = speedups.Table(table, 1)
    acc, squares = speedups.classifier_block(counts, packed, 5)
    acc2, squares2 = classifier._block_sums(counts, table, 5)
    assert bits(squares) == bits(squares2)
    assert [bits(x) for x in acc] == [bits(x) for x in acc2]
    assert all(packed.get(f) == v for f, v in table.items())


@needs_speedups
@given(
    st.lists(grams, max_size=80),
    st.dictionaries(grams, st.tuples(finite, finite, finite), max_size=60),
    st.dictionaries(
        grams, st.tuples(finite, st.lists(weights, max_size=5), finite), max_size=60
    ),
)
def test_counting_while_summing(found: list[str], crisis: dict, raw: dict) -> None:
    """Summing a packed table over a list of features, counted as it goes,
    is summing the dict over the list's Counter (first occurrences' order)."""
    fast = speedups.safety_grams(found, speedups.Table(crisis, 0))
    slow = safety._block_sums(Counter(found), crisis)
    assert [bits(x) for x in fast] == [bits(x) for x in slow]
    table = {
        f: (idf, tuple(pairs), sq, tuple((c, idf * w) for c, w in pairs))
        for f, (idf, pairs, sq) in raw.items()
    }
    packed = speedups.Table(table, 1)
    for _ in range(2):  # the counts kept during a call are set back after it
        acc, squares = speedups.classifier_grams(found, packed, 5)
        acc2, squares2 = classifier._block_sums(Counter(found), table, 5)
        assert bits(squares) == bits(squares2)
        assert [bits(x) for x in acc] == [bits(x) for x in acc2]


# A worker must survive any caller: wrong types give a TypeError, and Python
# code run in the middle of a call (a key's __eq__, a weight's __float__)
# cannot free or move what the C is reading. Each case below crashed (or read
# freed memory under AddressSanitizer) before it was fixed.

CRISIS = {"ab": (1.0, 2.0, 3.0), "cd": (0.5, 0.25, 0.125)}
# bounds()'s arguments from idf on, for a message of the one token "x"
ONE_TOKEN = ({"x": 1.0}, {"x": 1.0}, {}, [{"x"}], 1.0, 0.5, 1.0, 1.0, 0.0)


@needs_speedups
@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.deletion_in(b"ab", 1, {}),
        lambda s: s.deletion_in("ab", "1", {}),
        lambda s: s.common_edit(b"ab", {}, 3.0),
        lambda s: s.common_edit("ab", ["ab"], 3.0),
        lambda s: s.common_edit("ab", {"ab": "x"}, 3.0),
        lambda s: s.common_edit("ab", {}, 3.0, "filter"),
        lambda s: s.word_filter(["ab", 7], 8),
        lambda s: s.word_filter(7, 8),
        lambda s: s.safety_block([("ab", 1)], CRISIS),
        lambda s: s.safety_block({"ab": "1"}, CRISIS),
        lambda s: s.safety_block({"ab": "1"}, s.Table(CRISIS, 0)),
        lambda s: s.safety_block({"ab": 2}, {"ab": ("x", 1.0, 1.0)}),
        lambda s: s.classifier_block({"ab": 1}, {"ab": (1.0,)}, 2),
        lambda s: s.classifier_block({"ab": 1}, {"ab": (1.0, (), 1.0, ((0,),))}, 2),
        lambda s: s.safety_grams(("ab",), s.Table(CRISIS, 0)),
        lambda s: s.safety_grams(["ab", 7], s.Table(CRISIS, 0)),
        lambda s: s.Table({"ab": (1.0, 2.0)}, 0),
        lambda s: s.Table({"ab": (1.0, 5, 1.0, 5)}, 1),
        lambda s: s.bounds([0], [{"x"}], [0], ["heavy"], {"x"}, None, *ONE_TOKEN),
    ],
)
def test_wrong_types_are_type_errors(call) -> None:
    with pytest.raises(TypeError):
        call(speedups)


@needs_speedups
@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.word_filter(["ab"], 0),
        lambda s: s.word_filter(["ab"], 12),
        lambda s: s.common_edit("ab", {}, 3.0, b""),
        lambda s: s.common_edit("ab", {}, 3.0, b"abc"),
    ],
)
def test_filter_sizes_are_powers_of_two(call) -> None:
    with pytest.raises(ValueError):
        call(speedups)


class Same(str):
    """A str subclass that hashes and compares as str."""


@needs_speedups
def test_features_are_strings() -> None:
    """Objects that could run Python code while being counted are refused;
    str subclasses that hash as str are counted like their text."""
    table = speedups.Table(CRISIS, 0)
    assert speedups.safety_grams([Same("ab"), "ab", "cd"], table) == (
        safety._block_sums(Counter(["ab", "ab", "cd"]), CRISIS)
    )
    found: list = []

    class Grows:
        def __hash__(self) -> int:
            return hash("ab")

        def __eq__(self, other: object) -> bool:
            found.extend(["cd"] * 100)
            return False

    found.append(Grows())
    with pytest.raises(TypeError):
        speedups.safety_grams(found, table)
    assert speedups.safety_grams(["cd"], table) == safety._block_sums({"cd": 1}, CRISIS)


@needs_speedups
def test_weights_changed_while_packed() -> None:
    weights: dict = {}

    class Clears:
        def __float__(self) -> float:
            weights.clear()
            return 1.0

    weights["ab"] = (Clears(), float("2.5"), float("3.5"))
    assert speedups.Table(weights, 0).get("ab") == (1.0, 2.5, 3.5)


@needs_speedups
@pytest.mark.parametrize("packed", [False, True])
def test_counts_changed_while_summed(packed: bool) -> None:
    counts: dict = {}

    class Clears:
        def __hash__(self) -> int:
            return hash("ab")

        def __eq__(self, other: object) -> bool:
            counts.clear()
            return True

    # A packed table holds its features as text: only a str is one of them,
    # so there the key is not looked at further (and clears nothing).
    counts[Clears()] = int("1000")
    table = speedups.Table(CRISIS, 0) if packed else CRISIS
    expected = (0.0, 0.0) if packed else (1e6, 2000.0)
    assert speedups.safety_block(counts, table) == expected
    counts[Clears()] = int("1000")
    classes = {"ab": (1.0, ((0, 1.0),), 1.0, ((0, 1.0),))}
    table = speedups.Table(classes, 1) if packed else classes
    v = 0.0 if packed else (1.0 + math.log(1000)) * 1.0
    assert speedups.classifier_block(counts, table, 1) == ([v], v * v)


@needs_speedups
def test_packed_table_finds_features_by_their_text() -> None:
    table = speedups.Table({"ab": (1.0, 2.0, 3.0), " ñu": (4.0, 5.0, 6.0)}, 0)
    assert "".join(["a", "b"]) in table  # equal text, another object
    assert table.get(" " + "ñu") == (4.0, 5.0, 6.0)
    assert "nu" not in table and "ab " not in table and 5 not in table
    assert "\ud800" not in table  # a lone surrogate, no UTF-8 of its own


@needs_speedups
def test_phrasings_changed_while_bounded() -> None:
    entries, weights_ = [0], [1.0]
    qweight = {"x": float("1.5"), "y": float("2.5")}

    class Clears:
        def __hash__(self) -> int:
            return hash("x")

        def __eq__(self, other: object) -> bool:
            entries.clear()
            weights_.clear()
            return True

    class Empties:
        def __contains__(self, token: object) -> bool:
            qweight.clear()
            return True

    out = speedups.bounds([0], [{Clears()}], entries, weights_, {"x"}, None, *ONE_TOKEN)
    assert out == [(-1.0, 0)]
    out = speedups.bounds([0], [{"x"}], [0], [1.0], {"x", "y"}, None,
                          {"x": 1.0, "y": 1.0}, qweight, {}, [Empties()], 1.0, 0.5,
                          1.0, 1.0, 0.0)  # fmt: skip
    assert out == [(-1.5, 0)]


@needs_speedups
def test_no_classes() -> None:
    """A negative class count is [0.0] * k, as in Python, not an internal error."""
    table = {"ab": (1.0, (), 1.0, ())}
    slow = classifier._block_sums({"ab": 1}, table, -1)
    assert speedups.classifier_block({"ab": 1}, table, -1) == slow
    assert speedups.classifier_grams(["ab"], speedups.Table(table, 1), -1) == slow


@pytest.fixture(scope="module")
def real_matcher() -> matching.Matcher:
    from faqbot.faq import load_faq

    root = os.path.join(os.path.dirname(__file__), os.pardir)
    return matching.Matcher(load_faq(os.path.join(root, "faq", "faq.yaml")))


def scores_both_ways(m: matching.Matcher, text: str) -> tuple:
    """The matcher's scores (bit patterns) and best phrasings, with the heap
    in C and with it in Python, and whether the C heap had entry streams."""
    out, streamed = [], []

    def drain(*args):
        streamed.append(args[1] is not None)
        return speedups.drain(*args)

    for fn in (drain, None):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(matching, "_drain", fn)
            msg = matching.analyse(text)
            tokens = m.analyzer.normal_tokens(msg.normalized)
            factor = m._qtype_factor.get(m.question_type(msg) or "")
            best = m._score_tokens(tokens, m._focus(msg, tokens), True, None, factor)
            out.append(({e: bits(s) for e, s in best.items()}, dict(m._last_best)))
    return out[0], out[1], any(streamed)


STORIES = [
    "my husband has had cluster headaches for years, he tried oxygen and "
    "triptans and nothing works, would ketamine infusions help him and "
    "how much would it cost with insurance",
    "I have been depressed since my mom died last spring, my doctor gave me "
    "two different pills and I still feel nothing. Can I come in?",
    "where are you and do you take medicare",
    "is the nasal spray the same thing as the infusion or different",
]


@needs_speedups
def test_matcher_heap_on_the_real_faq(real_matcher) -> None:
    """The heap of phrasings and entry streams, in C and in Python, gives
    every entry the same score (bit for bit) through the same phrasing."""
    streamed = False
    for text in STORIES:
        fast, slow, streams = scores_both_ways(real_matcher, text)
        assert fast == slow and fast[0]
        streamed |= streams
    assert streamed  # the long stories go through the entries' streams


@needs_speedups
@given(st.data())
def test_matcher_heap_on_random_messages(real_matcher, data) -> None:
    """Messages made of the FAQ's own words (so long ones stream through
    the commonest words' entries): the same scores both ways."""
    vocab = sorted(real_matcher.idf)
    words = data.draw(st.lists(st.sampled_from(vocab), min_size=1, max_size=40))
    fast, slow, _ = scores_both_ways(real_matcher, " ".join(words))
    assert fast == slow


@needs_speedups
@given(
    st.dictionaries(st.sampled_from(TOKENS), positive, min_size=1),
    st.dictionaries(
        st.sampled_from(TOKENS), st.lists(st.integers(0, 5), max_size=6), max_size=12
    ),
)
def test_bag_credit_sums(qweight, explainers) -> None:
    """Each entry's weights of the message's words (Matcher._bags), summed in C
    and by sum() over the list of them: the same floats, entries in the same
    order."""
    if sys.version_info >= (3, 12):
        pytest.skip("sum() compensates from 3.12 on; the C sums are not used")
    m = matching.Matcher.__new__(matching.Matcher)
    m._explainers = explainers
    m._explain = [frozenset()] * 6
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matching, "_bag_sums", None)
        slow = m._bags(qweight)
    fast = speedups.bag_sums(qweight, explainers, 6)
    assert list(fast) == list(slow)
    assert [bits(v) for v in fast.values()] == [bits(v) for v in slow.values()]


def joined_both_ways(analyzer: matching.Analyzer, words: list[str]) -> tuple:
    """``_joined`` of ``words`` with the walk in C and in Python, and the
    windows each asked ``_meant`` about, in order."""
    out = []
    for fn in (speedups.join_words, None):
        asked: list[tuple[str, ...]] = []

        def meant(part: tuple[str, ...], asked=asked) -> str | None:
            asked.append(part)
            return matching.Analyzer._meant(analyzer, part)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(matching, "_join_words", fn)
            patch.setattr(analyzer, "_meant", meant)
            out.append((analyzer._joined(list(words)), asked))
    return out[0], out[1]


SPLIT = (
    "a point meant keta mean may grains in fusion an the is my aunt swears by it "
    "migraine ketamine appoint ment infu sion treat ments what cause describe 2 x "
    "ke ta mine mi graine é ñu"
).split()


@needs_speedups
@given(st.lists(st.sampled_from(SPLIT), max_size=14))
def test_joining_split_words(real_matcher, words: list[str]) -> None:
    """Split words joined back (Analyzer._joined): in C the same windows are
    asked about in the same order, and the same words come out."""
    fast, slow = joined_both_ways(real_matcher.analyzer, words)
    assert fast == slow


@needs_speedups
def test_joining_a_dictated_question(real_matcher) -> None:
    words = "can keta mean help book an a point meant in fusion".split()
    fast, slow = joined_both_ways(real_matcher.analyzer, words)
    assert fast == slow
    assert {"ketamine", "appointment", "infusion"} <= set(fast[0])


@needs_speedups
def test_joining_split_words_with_odd_callers() -> None:
    """What Python would do with words it was never meant to get, and no
    crash when the caller's list changes under the walk."""
    vocab, shapes = frozenset(["ab"]), frozenset([("k", 8)])
    with pytest.raises(TypeError):
        speedups.join_words(["keta", 7], vocab, shapes, 7, lambda part: None)
    with pytest.raises(TypeError):
        speedups.join_words(["keta", "mean"], vocab, shapes, 7, lambda part: 7)
    with pytest.raises(IndexError):  # words[i][0] of an empty first word
        speedups.join_words(["", "ketamin"], vocab, shapes, 7, lambda part: None)
    words = ["keta", "mean", "x"]

    def clears(part: tuple[str, ...]) -> str:
        words.clear()
        return "ketamine"

    assert speedups.join_words(words, vocab, shapes, 7, clears) == ["ketamine", "x"]
