"""The analysed message: normalised once per ask, equal to normalising each part."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from faqbot import text as text_module
from faqbot.ask import Assistant
from faqbot.message import analyse
from faqbot.text import CLAUSE_SPLIT, normalize, split_clauses, split_sentences

from .conftest import QUESTIONS_PATH, make_settings

TRICKY = [
    "I need 2. Go now",  # "2" reads "to" in the whole text, stays "2" in its sentence
    "ketamine 4 migraines, 4 days",
    "don`t know. ¿qué?",  # a backtick folds to an apostrophe only in non-ASCII text
    "I'm SAD; I WANT TO DIE.Now what?",
    "wait… what? 4 u\n\nthx",
    "Wat r the stages of a migrane?? I'm curious",
    "  ",
    "",
    "¿Cuánto cuesta? Tengo migrañas.",
]


def _questions() -> list[str]:
    cases = yaml.safe_load(QUESTIONS_PATH.read_text(encoding="utf-8"))["cases"]
    return [c["q"] for c in cases]


@pytest.mark.parametrize("message", TRICKY)
def test_every_form_equals_normalising_that_part(message: str) -> None:
    msg = analyse(message)
    assert msg.normalized == normalize(message)
    assert msg.words == tuple(normalize(message).split())
    for s in msg.sentences:
        assert s.normalized == normalize(s.text)
    for c in msg.clauses:
        assert c.normalized == normalize(c.text)


def test_the_labelled_questions_analyse_as_their_parts_normalise() -> None:
    for message in _questions():
        msg = analyse(message)
        assert msg.normalized == normalize(message), message
        assert [s.normalized for s in msg.sentences] == [
            normalize(s.text) for s in msg.sentences
        ], message


def test_a_sentence_asks_by_its_mark_or_its_first_word() -> None:
    msg = analyse("I've tried Botox for years. do u take medicare")
    assert [s.asks for s in msg.sentences] == [False, True]


# Marks, every kind of whitespace the patterns see, letters ASCII and not.
MARKED = st.text(alphabet=".!?;¿ \t\n\r\u00a0\u2028aZé1", max_size=14)
# The sentence cut as first written: tried at every character.
LOOKBEHIND_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")


@given(MARKED)
def test_sentences_are_cut_where_the_lookbehind_pattern_cuts(text: str) -> None:
    parts = LOOKBEHIND_SPLIT.split(text.strip())
    assert split_sentences(text) == [p.strip() for p in parts if p and p.strip()]


@given(MARKED)
def test_clauses_are_the_non_empty_pieces_clause_split_cuts(text: str) -> None:
    assert split_clauses(text) == [c for c in CLAUSE_SPLIT.split(text) if c]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every normalisation of the pipeline, counted by the text normalised."""
    calls: Counter[str] = Counter()
    normalize_fn, pieces_fn = text_module.normalize, text_module.normalize_pieces

    def normalize_counted(value: str) -> str:
        calls[value] += 1
        return normalize_fn(value)

    def pieces_counted(value: str, pieces):  # type: ignore[no-untyped-def]
        calls[value] += 1
        return pieces_fn(value, pieces)

    for name, module in list(sys.modules.items()):
        if name == "faqbot" or name.startswith("faqbot."):
            if getattr(module, "normalize", None) is normalize_fn:
                monkeypatch.setattr(module, "normalize", normalize_counted)
            if getattr(module, "normalize_pieces", None) is pieces_fn:
                monkeypatch.setattr(module, "normalize_pieces", pieces_counted)
    return calls


ENGLISH = [
    "where are you located?",
    "I've tried Botox for years and nothing works. Can ketamine help? thx",
    "hi",
    "wat r the side efects of ketamin??",
    "how much does it cost",
    "i want to kill myself",
    "Does ketamine help; my husband has PTSD.Could it help him?",
]
SPANISH = [
    "¿Cuánto dura el efecto de la ketamina?",
    "Tengo migrañas desde hace años. ¿La ketamina me puede ayudar?",
]


@pytest.mark.parametrize("message", ENGLISH + SPANISH)
def test_one_ask_normalises_the_message_once(
    tmp_path: Path, counted: Counter[str], message: str
) -> None:
    assistant = Assistant(make_settings(tmp_path), store=None)
    counted.clear()
    reply = assistant.classify(message)
    assert counted[message] == 1, dict(counted)
    if reply.lang == "en":
        assert sum(counted.values()) == 1, dict(counted)
    else:
        # The Spanish matcher hands its English scorer a text of its own (the
        # Spanish tokens): that text, not the message, is normalised once more.
        assert message in SPANISH and reply.lang == "es"
        assert sum(counted.values()) == 2, dict(counted)
        assert max(counted.values()) == 1, dict(counted)
