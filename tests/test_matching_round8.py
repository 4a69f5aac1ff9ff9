"""Round 8: out-of-scope questions that shared words with an entry and were
answered with it (issue 11, false answers at most 2%). Each kind has a near
miss beside it that must keep its answer. Wording is our own."""

from __future__ import annotations

import pytest

from faqbot.faq import load_faq
from faqbot.matching import Matcher

from .conftest import FAQ_PATH


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_faq(FAQ_PATH))


def _answered(matcher: Matcher, text: str, entry: str) -> bool:
    result = matcher.match(text)
    return result.status == "answered" and result.best.faq_id == entry


@pytest.mark.parametrize(
    "text",
    [
        "for PTSD, how soon would I notice ketamine doing anything",
        "how fast do people with depression feel better on ketamine, days or weeks",
    ],
)
def test_how_soon_asked_of_an_answer_without_a_span_is_not_answered(
    matcher: Matcher, text: str
) -> None:
    # The depression answer calls ketamine rapid-acting and names no hours,
    # days or weeks: how soon it works is beyond it.
    assert matcher.unasserted(text, "ketamine-depression") == "no_span"
    assert matcher.match(text).status != "answered"


def test_how_long_asked_of_an_answer_with_a_span_is_still_answered(
    matcher: Matcher,
) -> None:
    assert _answered(
        matcher, "how long do migraine attacks usually go on", "migraine-duration"
    )
    assert _answered(
        matcher, "can ketamine help people who are depressed", "ketamine-depression"
    )
