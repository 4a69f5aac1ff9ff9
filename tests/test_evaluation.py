"""The labelled sets and `faqbot eval`'s arithmetic."""

from __future__ import annotations

from collections import Counter

import pytest

from faqbot.ask import Reply, Suggestion
from faqbot.evaluation import Case, evaluate, load_cases
from faqbot.faq import load_faq

from .conftest import FAQ_PATH, QUESTIONS_PATH


@pytest.fixture(scope="module")
def faq():
    return load_faq(FAQ_PATH)


def test_the_reference_set_has_the_promised_shape(faq) -> None:
    cases = load_cases(QUESTIONS_PATH, faq)
    expect = Counter(c.expect for c in cases)
    assert len(cases) >= 250
    assert all(expect[e.id] >= 8 for e in faq.entries), "at least 8 per entry"
    assert expect["unmatched"] >= 60
    assert expect["smalltalk"] >= 20
    assert expect["crisis"] >= 30
    assert sum(c.figure for c in cases) >= 10
    assert not any(c.figure and c.expect == "crisis" for c in cases)
    assert len({c.q.casefold() for c in cases}) == len(cases), "no duplicates"


def _reply(
    status: str, faq_id: str | None = None, offered: tuple[str, ...] = ()
) -> Reply:
    return Reply(
        status,
        "",
        "",
        faq_id=faq_id,
        suggestions=tuple(Suggestion(i, i) for i in offered),
    )


def test_metrics_count_what_they_say(faq) -> None:
    cases = [
        Case("a", "clinic-locations"),  # answered right
        Case("b", "clinic-name"),  # answered wrong -> false answer
        Case("c", "clinic-contact"),  # clarify offering it -> resolved only
        Case("d", "unmatched"),  # answered -> false answer
        Case("e", "unmatched"),  # handed off
        Case("f", "crisis"),  # caught
        Case("g", "crisis"),  # missed
        Case("h", "smalltalk", figure=True),  # flagged as crisis -> false positive
    ]
    replies = {
        "a": _reply("answered", "clinic-locations"),
        "b": _reply("answered", "clinic-locations"),
        "c": _reply("clarify", offered=("clinic-contact", "book-appointment")),
        "d": _reply("answered", "clinic-name"),
        "e": _reply("unmatched"),
        "f": _reply("crisis"),
        "g": _reply("unmatched"),
        "h": _reply("crisis"),
    }
    report = evaluate(cases, lambda q: replies[q], faq)
    m = report.metrics
    assert m["accuracy"] == pytest.approx(1 / 3)
    assert m["resolved"] == pytest.approx(2 / 3)
    assert m["false_answer_rate"] == pytest.approx(2 / 5)
    assert m["crisis_recall"] == pytest.approx(1 / 2)
    assert m["crisis_false_positives"] == 1
    assert m["figures_ok"] == 0
    assert [o.case.q for o in report.misses] == ["b", "c", "d", "g", "h"]
    assert not report.passed()


def test_confusion_and_figures_per_author(faq) -> None:
    cases = [
        Case("a", "clinic-locations", author="Q1"),  # right
        Case("b", "clinic-name", author="Q1"),  # clinic-locations instead
        Case("c", "clinic-name", author="Q2"),  # clinic-locations instead
        Case("d", "unmatched", author="Q2"),  # answered: clinic-name instead
        Case("e", "clinic-contact", author="Q2"),  # handed to staff
    ]
    replies = {
        "a": _reply("answered", "clinic-locations"),
        "b": _reply("answered", "clinic-locations"),
        "c": _reply("answered", "clinic-locations"),
        "d": _reply("answered", "clinic-name"),
        "e": _reply("unmatched"),
    }
    report = evaluate(cases, lambda q: replies[q], faq)
    assert report.confusion() == [
        ("clinic-name", "clinic-locations", 2),
        ("clinic-contact", "unmatched", 1),
        ("unmatched", "clinic-name", 1),
    ]
    authors = report.by_author()
    assert authors["Q1"]["accuracy"] == pytest.approx(1 / 2)
    assert authors["Q2"]["accuracy"] == 0
    assert authors["Q2"]["false_answer_rate"] == pytest.approx(2 / 3)


@pytest.mark.parametrize("name", ["faq_train.yaml", "faq_dev.yaml"])
def test_the_blind_sets_load_with_their_authors(faq, name: str) -> None:
    cases = load_cases(QUESTIONS_PATH.parent / "blind" / name, faq)
    assert len(cases) >= 250
    assert len({c.author for c in cases}) >= 3
