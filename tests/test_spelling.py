"""Spelling correction: symmetric delete, English one edit away, sound-alikes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faqbot.lexicon import english_words
from faqbot.spelling import (
    _SOUNDS,
    Speller,
    _deletion_in,
    deletions,
    edits1,
    phonetic_key,
)

VOCABULARY = ["ketamine", "migraine", "migraines", "headache", "infusion", "santa"]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(VOCABULARY)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ketamin", "ketamine"),  # a deletion
        ("migrianes", "migraines"),  # an adjacent swap
        ("infussion", "infusion"),  # an insertion
        ("ketamene", "ketamine"),  # a substitution
        ("headake", "headache"),  # two edits, but it sounds the same
        ("becuase", "because"),  # English, one edit away
        ("saying", "saying"),  # common English is never corrected
        ("zzzzqqq", "zzzzqqq"),  # nothing close: unchanged
        ("cat", "cat"),  # too short to correct
        ("mg2", "mg2"),  # digits: never
    ],
)
def test_corrections(speller: Speller, typed: str, meant: str) -> None:
    assert speller.correct(typed) == meant


def test_deletions_and_edits() -> None:
    assert deletions("abc", 1) == {"abc", "ab", "ac", "bc"}
    assert "ac" in deletions("abc", 2) and "a" in deletions("abc", 2)
    assert {"bac", "abcd", "ab", "xbc"} <= edits1("abc")


def test_sound_alikes_share_a_key() -> None:
    assert phonetic_key("migrene") == phonetic_key("migraine")
    assert phonetic_key("depreshun") == phonetic_key("depression")
    assert phonetic_key("fone") == phonetic_key("phone")
    assert phonetic_key("ketamine") != phonetic_key("migraine")


def every_rule_run(word: str) -> str:
    """``phonetic_key`` running every rule's pattern, none skipped."""
    for pattern, sound, _ in _SOUNDS:
        word = pattern.sub(sound, word)
    return word


@given(st.text(alphabet="acdeghinopqstwxyzñé", max_size=16))
def test_skipping_a_rule_whose_letters_are_absent_changes_no_key(word: str) -> None:
    assert phonetic_key(word) == every_rule_run(word)


def test_no_english_word_changes_key() -> None:
    for word in english_words():
        assert phonetic_key(word) == every_rule_run(word), word


@given(
    st.text(alphabet="abcdeimnrtk", min_size=0, max_size=14),
    st.sampled_from([1, 2]),
    st.lists(st.text(alphabet="abcdeimnrtk", max_size=12), max_size=30),
)
def test_the_quick_deletion_search_agrees_with_deletions(
    word: str, depth: int, keys: list[str]
) -> None:
    """The speller's early-stopping search finds a key exactly when the full
    set of deletions holds one."""
    table = dict.fromkeys(keys)
    expected = not deletions(word, depth).isdisjoint(table)
    assert _deletion_in(word, depth, table) is expected


def test_may_mean_known_remembers_nothing_wrong(speller: Speller) -> None:
    for _ in range(2):  # the second time from what it kept
        assert speller.may_mean_known("ketaminee")
        assert speller.may_mean_known("migrene")  # by its sound
        assert not speller.may_mean_known("zzzzqqqq")


@given(
    st.text(alphabet="aeikmnrtgsh", min_size=20, max_size=40),
)
def test_a_word_longer_than_anything_known_is_left_as_it_is(typed: str) -> None:
    """A patient's run-together or garbage string longer than every known word
    comes back unchanged, as the full search (every deletion, English edit and
    sound-alike) would return it; ``may_mean_known`` agrees likewise. Built
    from the FAQ words' letters, so near misses of them are tried too."""
    quick = Speller(VOCABULARY)
    full = Speller(VOCABULARY)
    full._longest = 10**6  # no shortcut: the search over all its deletions
    assert quick.correct(typed) == full.correct(typed) == typed
    assert quick.may_mean_known(typed) == full.may_mean_known(typed)


def test_a_thousand_letter_string_is_left_as_it_is(speller: Speller) -> None:
    """The longest question the API takes, as one word: returned as sent (its
    deletions alone would be half a million strings)."""
    word = "ketamine" * 125
    assert speller.correct(word) == word
    assert not speller.may_mean_known(word)
