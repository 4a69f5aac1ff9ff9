"""Spelling correction: symmetric delete, English one edit away, sound-alikes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faqbot.spelling import Speller, _deletion_in, deletions, edits1, phonetic_key

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
