"""Calibrate the matcher's knobs and thresholds on measured tables, not intuition.

Three sources of labelled messages:
  * the FAQ's own alternates, each scored as if it were not in the FAQ
    (leave-one-out): in-scope phrasings the matcher has not seen;
  * tests/data/questions.yaml and tests/data/dev.yaml: patient messages,
    including out-of-scope ones, written independently of the FAQ.

For each setting it prints accuracy and false-answer rate per source, and the
threshold table (answer / clarify / margin) around the chosen point.

    python bench/tune.py                 # the current knobs, threshold table
    python bench/tune.py --grid          # search the knob grid (both cores)
"""

from __future__ import annotations

import argparse
import itertools
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from faqbot.faq import Thresholds, load_faq  # noqa: E402
from faqbot.matching import Knobs, Matcher  # noqa: E402
from faqbot.safety import screen  # noqa: E402

FAQ = ROOT / "faq" / "faq.yaml"
SETS = [
    ROOT / "tests" / "data" / "questions.yaml",
    ROOT / "tests" / "data" / "dev.yaml",
]


def load_sets() -> dict[str, list[tuple[str, str]]]:
    out = {}
    for path in SETS:
        if not path.exists():
            continue
        cases = yaml.safe_load(path.read_text())["cases"]
        out[path.stem] = [
            (c["q"], c["expect"])
            for c in cases
            if c["expect"] not in ("crisis", "smalltalk") and screen(c["q"]) is None
        ]
    return out


def observations(knobs: Knobs) -> dict[str, list[tuple[str, tuple, bool]]]:
    """(expected, top candidates, topic hit) for every message of every source."""
    faq = load_faq(FAQ)
    m = Matcher(faq, knobs=knobs)
    obs: dict[str, list] = {"loo": []}
    for pi, text in enumerate(m.phrasing_source):
        cands = m.score(text, skip=pi)[:3]
        obs["loo"].append(
            (
                m.phrasing_entry(pi),
                tuple((c.faq_id, c.score) for c in cands),
                m.topic(text) is not None,
            )
        )
    for name, cases in load_sets().items():
        obs[name] = []
        for q, expect in cases:
            cands = m.score(q)[:3]
            obs[name].append(
                (
                    expect,
                    tuple((c.faq_id, c.score) for c in cands),
                    m.topic(q) is not None,
                )
            )
    return obs


def decide(cands: tuple, topic: bool, th: Thresholds) -> tuple[str, str | None, tuple]:
    if topic or not cands or cands[0][1] < th.clarify:
        return "unmatched", None, ()
    top = cands[0]
    second = cands[1][1] if len(cands) > 1 else 0.0
    if top[1] >= th.answer and top[1] - second >= th.margin:
        return "answered", top[0], ()
    close = [
        c[0] for c in cands if c[1] >= th.clarify and top[1] - c[1] < 2 * th.margin
    ]
    if len(close) >= 2:
        return "clarify", None, tuple(close)
    return "unmatched", None, ()


def metrics(obs: list, th: Thresholds) -> tuple[float, float, float, int]:
    right = wrong = oos_answered = in_scope = oos = resolved = 0
    for expect, cands, topic in obs:
        status, got, offered = decide(cands, topic, th)
        if expect == "unmatched":
            oos += 1
            oos_answered += status == "answered"
        else:
            in_scope += 1
            right += status == "answered" and got == expect
            wrong += status == "answered" and got != expect
            resolved += (status == "answered" and got == expect) or expect in offered
    acc = right / in_scope if in_scope else 1.0
    far = (wrong + oos_answered) / (in_scope + oos) if in_scope + oos else 0.0
    res = resolved / in_scope if in_scope else 1.0
    return acc, far, res, wrong + oos_answered


def best_thresholds(obs: dict, far_cap: float) -> tuple[Thresholds, float]:
    best, best_score = Thresholds(), -1.0
    for answer in [x / 100 for x in range(30, 90, 3)]:
        for margin in [x / 100 for x in range(2, 30, 3)]:
            for clarify in [x / 100 for x in range(15, 60, 10)]:
                if clarify > answer:
                    continue
                th = Thresholds(answer=answer, clarify=clarify, margin=margin)
                accs, fars = [], []
                for name in ("questions", "dev", "holdout"):
                    if name in obs:
                        a, f, _, _ = metrics(obs[name], th)
                        accs.append(a)
                        fars.append(f)
                loo_acc = metrics(obs["loo"], th)[0]
                if max(fars) > far_cap:
                    continue
                score = sum(accs) / len(accs) + 0.25 * loo_acc
                if score > best_score:
                    best, best_score = th, score
    return best, best_score


def report(knobs: Knobs, th: Thresholds, obs: dict) -> None:
    print(f"knobs: {knobs}")
    print(f"thresholds: {th}")
    head = ("source", "n", "accuracy", "resolved", "false", "#false")
    print("  {:<10}{:>5}{:>10}{:>10}{:>8}{:>8}".format(*head))
    for name, rows in obs.items():
        a, f, r, n = metrics(rows, th)
        print(f"  {name:<10}{len(rows):>5}{a:>10.1%}{r:>10.1%}{f:>8.1%}{n:>8}")


def _grid_point(args: tuple) -> tuple:
    knobs, far_cap = args
    obs = observations(knobs)
    th, score = best_thresholds(obs, far_cap)
    return score, knobs, th


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--grid", action="store_true", help="search the knob grid")
    parser.add_argument("--far-cap", type=float, default=0.015)
    args = parser.parse_args()
    faq = load_faq(FAQ)
    knobs = Knobs()
    if args.grid:
        grid = [
            replace(
                knobs,
                coverage_power=c,
                bag_share=b,
                story_share=t,
                generic_weight=g,
                precision_power=p,
            )
            for c, b, t, g, p in itertools.product(
                [1.0, 1.25],
                [0.6, 0.75, 0.85],
                [0.2, 0.3],
                [0.0, 2.0, 3.0, 4.0],
                [1.0, 1.5],
            )
        ]
        with ProcessPoolExecutor(2) as pool:
            results = sorted(
                pool.map(_grid_point, [(k, args.far_cap) for k in grid]),
                key=lambda r: -r[0],
            )
        for score, k, th in results[:8]:
            print(f"{score:.4f}  {k}  {th}")
        knobs, th = results[0][1], results[0][2]
        report(knobs, th, observations(knobs))
        return
    obs = observations(knobs)
    print("with the FAQ's thresholds:")
    report(knobs, faq.thresholds, obs)
    th, _ = best_thresholds(obs, args.far_cap)
    print("\nbest thresholds for these knobs:")
    report(knobs, th, obs)


if __name__ == "__main__":
    main()
