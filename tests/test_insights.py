"""Themes, stats figures and the chart's geometry; the staff core stays free of
the web framework."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest

from faqbot import insights, review
from faqbot.faq import load_faq
from faqbot.matching import Matcher
from faqbot.staff import charts
from faqbot.storage import AskRecord, Store, utcnow

from .conftest import FAQ_PATH

STAFF_CORE = [
    "accounts",
    "audit",
    "review",
    "curation",
    "insights",
    "retention",
    "notify",
    "replies",
    "clock",
]


def test_the_staff_core_imports_no_web_framework() -> None:
    code = (
        "import sys\n"
        + "".join(f"import faqbot.{m}\n" for m in STAFF_CORE)
        + "print(','.join(m for m in ('flask', 'click', 'werkzeug', 'flask_login',"
        " 'flask_wtf', 'twilio') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


@pytest.fixture(scope="module")
def tokens():
    return insights.theme_tokens(Matcher(load_faq(FAQ_PATH)))


def test_questions_group_by_what_they_ask(tokens) -> None:
    questions = [
        "how much does it cost",
        "do you take blue cross insurance",
        "what's the price of ketamine treatment",
        "is it covered by my insurance",
        "cost of one infusion??",
        "can my husband drive me home",
    ]
    groups = insights.cluster(questions, tokens)
    named = [
        (insights.label([questions[i] for i in g], tokens), sorted(g)) for g in groups
    ]
    assert named[0] == ("cost", [0, 2, 4])
    assert named[1] == ("insurance", [1, 3])
    assert [sorted(g) for g in groups[2:]] == [[5]]


def test_no_questions_no_groups(tokens) -> None:
    assert insights.cluster([], tokens) == []


@pytest.fixture
def db(db_url):
    store = Store(db_url)
    store.init_db()
    yield store
    store.dispose()


def test_themes_count_open_and_recent_items_only(db, tokens) -> None:
    now = utcnow()
    old = now - timedelta(days=40)
    for text, at in [
        ("how much does it cost", now),
        ("what's the price", now),
        ("how much is it", old),  # old and resolved below: not counted
        ("what does one infusion cost", old),  # old but still open: counted
        ("i want to kill myself", now),  # urgent: not a FAQ theme
    ]:
        status = "crisis" if "kill" in text else "unmatched"
        db.record_ask(AskRecord("web", text, status, created_at=at))
    review.resolve(db, 3, "n@c", "")
    themes = insights.themes(db, tokens, now=now)
    assert [(t.label, t.count, t.open_count) for t in themes] == [("cost", 3, 3)]
    assert set(themes[0].examples) == {
        "how much does it cost",
        "what's the price",
        "what does one infusion cost",
    }


def test_stats_figures(db) -> None:
    now = utcnow()
    yesterday = now - timedelta(days=1)
    for status, kind, faq_id, at in [
        ("answered", "question", "clinic-locations", now),
        ("answered", "question", "clinic-locations", yesterday),
        ("answered", "question", "book-appointment", now),
        ("clarify", "question", None, now),
        ("answered", "pick", "book-appointment", now),
        ("unmatched", "question", None, now),
        ("crisis", "question", None, now),
        ("smalltalk", "question", None, now),
        ("answered", "question", "clinic-locations", now - timedelta(days=31)),
    ]:
        db.record_ask(
            AskRecord("web", "q", status, faq_id=faq_id, kind=kind, created_at=at)
        )
    review.resolve(db, 1, "n@c", "", now=now + timedelta(minutes=10))
    s = insights.stats(db, now=now)
    assert len(s.days) == 30 and s.days[-1] == now.date()
    assert s.per_day[now.date()] == {
        "answered": 2,
        "clarify": 1,
        "unmatched": 1,
        "crisis": 1,
    }
    assert s.per_day[yesterday.date()]["answered"] == 1
    assert s.answer_rate == pytest.approx(3 / 5)
    assert s.top_entries == [("clinic-locations", 2), ("book-appointment", 1)]
    assert (s.clarify_count, s.picks, s.top_picks) == (1, 1, [("book-appointment", 1)])
    assert (s.open_urgent, s.open_items, s.resolved) == (1, 1, 1)
    assert timedelta(minutes=9) < s.median_resolve <= timedelta(minutes=10)


def test_the_chart_stacks_each_day_and_scales_to_the_busiest() -> None:
    days = [date(2025, 3, 1) + timedelta(days=i) for i in range(30)]
    per_day = {
        d: {"answered": 0, "clarify": 0, "unmatched": 0, "crisis": 0} for d in days
    }
    per_day[days[3]] = {"answered": 6, "clarify": 1, "unmatched": 2, "crisis": 1}
    chart = charts.stacked_bars(days, per_day, insights.CHART_STATUSES)
    assert len(chart.bars) == 4
    bottom = chart.baseline
    for bar in chart.bars:  # stacked: each starts where the previous ended
        assert bar.y + bar.height == pytest.approx(bottom, abs=0.02)
        bottom = bar.y
    assert [t.label for t in chart.y_ticks] == ["0", "5", "10"]
    assert chart.bars[0].title == "Mar 04: 6 answered"
    assert "10 asks in 30 days" in chart.summary
