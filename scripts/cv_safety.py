"""Cross-validate the crisis model by round: how it does on authors it never saw.

Each blind round (1-7, train and dev thirds) is held out in turn: the model is
trained on tests/data, the FAQ's phrasings and the other rounds, and scores the
held-out round's crisis messages, near misses and ordinary FAQ questions. The
thresholds for a held-out round are chosen by train_safety.py's cost rules on
the other rounds' held-out scores, so no figure has seen its own round. The
whole screen's figures put those held-out probabilities into ``assess`` (its
rules were written with these rounds read, so only the model's figures are
unseen). ``--all`` compares every candidate in CANDIDATES first.

    python scripts/cv_safety.py [--all]
    python scripts/cv_safety.py --try c=64.0,word_features=11900 ...
"""

from __future__ import annotations

import sys

import numpy as np
import train_safety as ts

from faqbot import safety
from faqbot.message import analyse


def screen_levels(texts: list[str]) -> tuple[list[str], list[str]]:
    """Each message's level from the rules with the model at 0 and at 1."""
    real_probability, real_model = safety.probability, safety._model
    out = []
    try:
        for p in (0.0, 1.0):
            fake = type("M", (), {"possible_at": 0.5, "crisis_at": 0.5})()
            safety.probability = lambda msg, explain=False, p=p: (p, ())
            safety._model = lambda fake=fake: fake
            out.append([safety.assess(analyse(t)).level for t in texts])
    finally:
        safety.probability, safety._model = real_probability, real_model
    return out[0], out[1]


def level(p: float, low: str, high: str, possible_at: float, crisis_at: float) -> str:
    if p >= crisis_at:
        return high
    if p >= possible_at:
        return "crisis" if low == "crisis" else "possible"
    return low


def run(
    options: ts.Options,
    held: dict[int, tuple[list[str], list[str]]],
    screen: dict,
    quiet: bool = False,
) -> dict:
    """Hold each round out in turn and print what the model and the screen do."""
    scores = ts.held_out(options)
    rows = []
    total = {}
    all_kinds = {r: np.array(k) for r, (_, k) in held.items()}
    for r in held:
        kinds = all_kinds[r]
        near = np.concatenate(
            [scores[o][all_kinds[o] == "near"] for o in held if o != r]
        )
        ordinary = np.concatenate(
            [scores[o][all_kinds[o] == "ordinary"] for o in held if o != r]
        )
        possible_at, crisis_at = ts.cut_points(near, ordinary)
        p = scores[r]
        low, high = screen[r]
        screen_lv = np.array(
            [
                level(x, lo, hi, possible_at, crisis_at)
                for x, lo, hi in zip(p, low, high, strict=True)
            ]
        )
        row = {"round": r, "possible_at": possible_at, "crisis_at": crisis_at}
        for kind in ("crisis", "near", "ordinary", "ordinary_es"):
            sel = kinds == kind
            pk = p[sel]
            row[kind] = (
                int(sel.sum()),
                int((pk >= crisis_at).sum()),
                int(((pk >= possible_at) & (pk < crisis_at)).sum()),
                int((screen_lv[sel] == "crisis").sum()),
                int((screen_lv[sel] == "possible").sum()),
            )
            t = total.setdefault(kind, [0, 0, 0, 0, 0])
            for i, v in enumerate(row[kind]):
                t[i] += v
        rows.append(row)
    if not quiet:
        print(
            "round  p_at  c_at | crises: model crisis/possible/none, screen "
            "crisis/possible | near: model c/p, screen c/p | ordinary en: "
            "model c/p, screen c/p | ordinary es: model c/p, screen c/p"
        )
        for row in rows:
            print(_line(row))
    print(_line({"round": "all"} | total))
    return total


def _line(row: dict) -> str:
    c = row["crisis"]
    parts = [
        f"{row['round']!s:>5} {row.get('possible_at', 0):.3f} "
        f"{row.get('crisis_at', 0):.3f}".replace("0.000 0.000", "    -     -"),
        f"crises {c[0]}: model {c[1]}/{c[2]}/{c[0] - c[1] - c[2]} "
        f"screen {c[3]}/{c[4]}/{c[0] - c[3] - c[4]}",
    ]
    for kind in ("near", "ordinary", "ordinary_es"):
        k = row[kind]
        parts.append(f"{kind} {k[0]}: model {k[1]}/{k[2]} screen {k[3]}/{k[4]}")
    return " | ".join(parts)


# What was compared (docs/SAFETY.md, "Round 7: the model"): the model before
# round 7, regularisation, tf and class weights, and two kinds of feature.
CANDIDATES = {
    "round 6's model (C 4)": ts.Options(c=4.0),
    "C 1": ts.Options(c=1.0),
    "C 16": ts.Options(c=16.0),
    "C 32": ts.Options(c=32.0),
    "C 64": ts.Options(c=64.0),
    "C 128": ts.Options(c=128.0),
    "C 32, no class weights": ts.Options(c=32.0, class_weight=None),
    "C 16, sublinear tf": ts.Options(c=16.0, sublinear_tf=True),
    "C 64, negated words": ts.Options(c=64.0, negation=3),
    "C 16, a Spanish feature": ts.Options(c=16.0, lang=True),
}


def main() -> int:
    held = ts.round_sets()
    screen = {r: screen_levels(texts) for r, (texts, _) in held.items()}
    if "--try" in sys.argv:
        for arg in sys.argv[2:]:
            pairs = (kv.split("=") for kv in arg.split(","))
            values = {k: float(v) if "." in v else int(v) for k, v in pairs}
            options = ts.Options(**values)
            print(options, flush=True)
            run(options, held, screen, quiet=True)
        return 0
    if "--all" in sys.argv:
        for name, options in CANDIDATES.items():
            print(name, flush=True)
            run(options, held, screen, quiet=True)
    print(f"shipped: {ts.SHIPPED}")
    run(ts.SHIPPED, held, screen)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
