"""``faqbot eval``: score the pipeline on a labelled set of patient messages.

A set (tests/data/questions.yaml, the blind sets in tests/data/blind/) lists
messages with what should happen: an entry id, ``unmatched`` (out of scope),
``smalltalk`` or ``crisis``; blind cases also name their ``author``, so the
figures can be split by who wrote the messages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .faq import Faq
from .matching import baseline_match

SPECIAL = ("unmatched", "smalltalk", "crisis")
TARGETS = {
    "accuracy": (">=", 0.95),
    "false_answer_rate": ("<=", 0.02),
    "crisis_recall": (">=", 1.0),
    "crisis_false_positives": ("<=", 0),
}
# Issue 10's targets for a set written in Spanish (every case ``lang: es``).
TARGETS_ES = {
    "accuracy": (">=", 0.85),
    "false_answer_rate": ("<=", 0.03),
    "smalltalk_accuracy": (">=", 0.90),
    "crisis_recall": (">=", 0.90),
    "language_ok": (">=", 1.0),
}


class EvalError(ValueError):
    """The labelled set cannot be used."""


@dataclass(frozen=True)
class Case:
    q: str
    expect: str
    figure: bool = False
    author: str = ""
    lang: str | None = None  # the language the reply must be in, when labelled


@dataclass
class Outcome:
    case: Case
    status: str
    faq_id: str | None
    offered: tuple[str, ...] = ()
    lang: str = "en"

    @property
    def got(self) -> str:
        """The entry answered, or the status when none was."""
        return self.faq_id if self.status == "answered" and self.faq_id else self.status

    @property
    def ok(self) -> bool:
        exp = self.case.expect
        if exp in SPECIAL:
            return self.status == exp
        return self.status == "answered" and self.faq_id == exp


@dataclass
class Report:
    outcomes: list[Outcome]
    metrics: dict[str, float]
    baseline: dict[str, float] | None = None
    misses: list[Outcome] = field(default_factory=list)
    targets: dict[str, tuple[str, float]] = field(default_factory=lambda: TARGETS)

    def passed(self) -> bool:
        """True when every target is met."""
        for name, (op, target) in self.targets.items():
            value = self.metrics[name]
            if (op == ">=" and value < target) or (op == "<=" and value > target):
                return False
        return True

    def by_author(self) -> dict[str, dict[str, float]]:
        """The metrics of each author's messages (cases without one: "-")."""
        groups: dict[str, list[Outcome]] = {}
        for o in self.outcomes:
            groups.setdefault(o.case.author or "-", []).append(o)
        return {a: _metrics(groups[a]) for a in sorted(groups)}

    def confusion(self) -> list[tuple[str, str, int]]:
        """(expected, got, count) for every wrong reply, commonest first.

        ``got`` is the entry answered instead, or the status (``unmatched``,
        ``clarify``, ``crisis`` ...) when no entry was answered.
        """
        pairs = Counter((o.case.expect, o.got) for o in self.misses)
        return [(e, g, n) for (e, g), n in sorted(pairs.items(), key=_by_count)]


def _by_count(item: tuple[tuple[str, str], int]) -> tuple[int, str, str]:
    (expected, got), n = item
    return -n, expected, got


def load_cases(path: str | Path, faq: Faq) -> list[Case]:
    """Read and check a labelled set against ``faq``'s ids."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalError(f"{path}: cannot read ({exc.strerror})") from None
    except yaml.YAMLError:
        raise EvalError(f"{path}: not valid YAML") from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise EvalError(f"{path}: expected a mapping with a 'cases' list")
    cases = []
    for i, item in enumerate(data["cases"]):
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            raise EvalError(f"{path}: case {i + 1} needs a text 'q'")
        expect = str(item.get("expect", ""))
        if expect not in SPECIAL and expect not in faq.by_id:
            raise EvalError(f"{path}: case {i + 1} expects unknown id {expect!r}")
        lang = item.get("lang")
        cases.append(
            Case(
                item["q"],
                expect,
                bool(item.get("figure", False)),
                str(item.get("author", "")),
                str(lang) if lang else None,
            )
        )
    return cases


def evaluate(
    cases: list[Case],
    classify: Callable[[str], Any],
    faq: Faq,
    baseline: bool = False,
) -> Report:
    """Run every case through ``classify`` (text -> Reply) and compute the metrics."""
    outcomes = []
    for case in cases:
        reply = classify(case.q)
        offered = tuple(s.faq_id for s in reply.suggestions)
        lang = getattr(reply, "lang", "en")
        outcomes.append(Outcome(case, reply.status, reply.faq_id, offered, lang))
    metrics = _metrics(outcomes)
    base = None
    if baseline:
        base_outcomes = []
        for case in cases:
            hit = baseline_match(faq, case.q)
            status = "answered" if hit else "unmatched"
            base_outcomes.append(Outcome(case, status, hit))
        base = _metrics(base_outcomes)
    spanish = bool(cases) and all(c.lang == "es" for c in cases)
    return Report(
        outcomes,
        metrics,
        base,
        [o for o in outcomes if not o.ok],
        TARGETS_ES if spanish else TARGETS,
    )


def _metrics(outcomes: list[Outcome]) -> dict[str, float]:
    in_scope = [o for o in outcomes if o.case.expect not in SPECIAL]
    out_scope = [o for o in outcomes if o.case.expect == "unmatched"]
    small = [o for o in outcomes if o.case.expect == "smalltalk"]
    crisis = [o for o in outcomes if o.case.expect == "crisis"]
    non_crisis = [o for o in outcomes if o.case.expect != "crisis"]
    figures = [o for o in outcomes if o.case.figure]
    labelled = [o for o in outcomes if o.case.lang]

    def share(n: int, d: int) -> float:
        return n / d if d else 1.0

    right = sum(o.status == "answered" and o.faq_id == o.case.expect for o in in_scope)
    offered = sum(
        o.status == "clarify" and o.case.expect in o.offered for o in in_scope
    )
    wrong = sum(o.status == "answered" and o.faq_id != o.case.expect for o in in_scope)
    answered_oos = sum(o.status == "answered" for o in out_scope)
    return {
        "cases": len(outcomes),
        "in_scope": len(in_scope),
        "out_of_scope": len(out_scope),
        "accuracy": share(right, len(in_scope)),
        "resolved": share(right + offered, len(in_scope)),
        "clarify_rate": share(
            sum(o.status == "clarify" for o in in_scope), len(in_scope)
        ),
        "false_answer_rate": share(
            wrong + answered_oos, len(in_scope) + len(out_scope)
        ),
        "wrong_answers": wrong,
        "out_of_scope_answered": answered_oos,
        "out_of_scope_handoff": share(
            sum(o.status == "unmatched" for o in out_scope), len(out_scope)
        ),
        "smalltalk_accuracy": share(
            sum(o.status == "smalltalk" for o in small), len(small)
        ),
        "crisis_recall": share(sum(o.status == "crisis" for o in crisis), len(crisis)),
        "crisis_false_positives": sum(o.status == "crisis" for o in non_crisis),
        "figures_ok": share(sum(o.status != "crisis" for o in figures), len(figures)),
        "language_ok": share(
            sum(o.lang == o.case.lang for o in labelled), len(labelled)
        ),
    }
