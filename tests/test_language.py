"""Language per message: English, Spanish, other; fallbacks for short messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from faqbot import language
from faqbot.language import choose, detect

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("¿La ketamina es segura?", "es"),
        ("la infusión me dio náuseas", "es"),
        ("me quiero morir, la migraña no para", "es"),
        ("cuanto dura una migrana", "es"),
        ("donde estan ubicados", "es"),
        ("tienen clinica en santa monica?", "es"),
        ("hola buenas tardes, quisiera informacion sobre la ketamina", "es"),
        ("q onda, la ketamina sirve pa la migraña?", "es"),
        ("mi mama tiene migrañas muy fuertes, ustedes la pueden ayudar?", "es"),
        ("do u have citas en español", "es"),
        ("Can ketamine help my migraines?", "en"),
        ("where is the clinic in la", "en"),
        ("los angeles", "en"),  # place names never vote
        ("Do you have a clinic in Santa Monica or Los Angeles?", "en"),
        ("estan en los angeles?", "es"),
        ("how long does a migraine last", "en"),
        ("wat r the stages of a migrane", "en"),
        ("I've had migraines since I was a teenager. Can ketamine help?", "en"),
        ("A cetamina pode ajudar com minhas enxaquecas?", "other"),
        ("Bonjour, est-ce que la kétamine peut aider mes migraines?", "other"),
        ("Makakatulong ba ang ketamine sa migraine ko?", "other"),
        ("Ketamin có giúp chữa đau nửa đầu không?", "other"),
        ("케타민이 편두통에 도움이 되나요?", "other"),
        ("氯胺酮能治偏头痛吗", "other"),
        ("Կետամինը օգնում է միգրենի դեպքում?", "other"),
    ],
)
def test_a_message_says_its_language(text: str, lang: str) -> None:
    assert choose(text) == lang


@pytest.mark.parametrize(
    ("text", "conversation", "page", "lang"),
    [
        ("ok", "es", None, "es"),
        ("ok", None, None, "en"),
        ("ok", None, "es-MX", "es"),
        ("1", "es", "en", "es"),
        ("2", None, "es", "es"),
        ("gracias", "en", None, "en"),  # a courtesy word, not a switch
        ("gracias", None, None, "es"),
        ("thanks!", "es", None, "es"),
        ("no", "es", None, "es"),
        ("cuanto cuesta", "en", None, "es"),  # short but unmistakable
        ("Can ketamine help my migraines?", "es", "es", "en"),
        ("la ketamina me puede ayudar?", "en", "en", "es"),
        ("hi", None, "fr", "en"),  # only English and Spanish pages count
    ],
)
def test_short_messages_keep_the_conversation(text, conversation, page, lang) -> None:
    assert choose(text, conversation=conversation, page=page) == lang


def _questions(path: Path) -> list[str]:
    return [c["q"] for c in yaml.safe_load(path.read_text())["cases"]]


def test_labelled_messages_are_never_given_the_wrong_language() -> None:
    spanish = _questions(DATA / "blind" / "faq_es_train.yaml")
    english = _questions(DATA / "questions.yaml") + _questions(DATA / "dev.yaml")
    assert [q for q in spanish if detect(q).lang != "es"] == []
    # English messages are English or, when too short to tell, undecided.
    assert [q for q in english if detect(q).lang not in ("en", None)] == []
    undecided = [q for q in english if detect(q).lang is None]
    assert len(undecided) <= 0.03 * len(english)


def test_wordfreq_itself_is_never_imported() -> None:
    code = (
        "import sys; from faqbot.language import detect; detect('hola amigos');"
        "print('wordfreq' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("text", ["LA?", "any clinics in LA?", "LA or Santa Monica?"])
def test_la_in_capitals_is_los_angeles_not_spanish(text: str) -> None:
    assert choose(text) == "en"


def test_a_spanish_message_in_capitals_is_still_spanish() -> None:
    assert choose("LA KETAMINA ES SEGURA PARA MI") == "es"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            "los angeles santa monica san la jolla el tms n and brain health "
            "bespoke treatment clinic ketamina & - é ñ".split()
        ),
        max_size=8,
    ).map(" ".join)
)
def test_places_are_left_out_as_the_search_would_leave_them(text: str) -> None:
    # A message naming no place is not searched for one: the same words.
    words = language._WORD_RE.findall(language._PLACES.sub(" ", text))
    assert language._voting_words(text) == words
