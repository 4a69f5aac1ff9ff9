"""Cross-validate the crisis model by round: how it does on authors it never saw.

Each blind round (1-6, train and dev thirds) is held out in turn: the model is
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
from dataclasses import dataclass

import numpy as np
import train_safety as ts

from faqbot import safety
from faqbot.message import analyse

KINDS = ("crisis", "near", "ordinary")


@dataclass
class Held:
    texts: list[str]
    kinds: list[str]  # crisis / near / ordinary (English FAQ) / ordinary_es


def rounds() -> dict[int, Held]:
    """Rounds 1-6's train and dev thirds, by kind."""
    out: dict[int, Held] = {}
    for n, files in ts.ROUNDS.items():
        held = Held([], [])
        for path in files:
            for case in ts._cases(path):
                if ts._is_crisis(case):
                    kind = "crisis"
                elif path.name.startswith("safety"):
                    kind = "near"
                elif path.name.startswith("faq_es"):
                    kind = "ordinary_es"
                else:
                    kind = "ordinary"
                held.texts.append(case["q"])
                held.kinds.append(kind)
        out[n] = held
    return out


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
    options: ts.Options, held: dict[int, Held], screen: dict, quiet: bool = False
) -> dict:
    base_texts, base_labels = ts.base_corpus()
    scores: dict[int, np.ndarray] = {}
    for r in held:
        texts = list(base_texts)
        labels = list(base_labels)
        for other, h in held.items():
            if other != r:
                texts += h.texts
                labels += [int(k == "crisis") for k in h.kinds]
        fitted = ts.fit(texts, labels, options)
        scores[r] = ts.predict(fitted, held[r].texts)
    rows = []
    total = {}
    for r, h in held.items():
        kinds = np.array(h.kinds)
        near = np.concatenate(
            [scores[o][np.array(held[o].kinds) == "near"] for o in held if o != r]
        )
        ordinary = np.concatenate(
            [scores[o][np.array(held[o].kinds) == "ordinary"] for o in held if o != r]
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
        print("round  p_at  c_at | crises: model crisis/possible/none, screen "
              "crisis/possible | near: model c/p, screen c/p | ordinary en: "
              "model c/p, screen c/p | ordinary es: model c/p, screen c/p")
        for row in rows:
            print(_line(row))
    print(_line({"round": "all", "possible_at": 0, "crisis_at": 0} | total))
    return total


def _line(row: dict) -> str:
    c = row["crisis"]
    parts = [
        f"{row['round']!s:>5} {row['possible_at']:.3f} {row['crisis_at']:.3f}",
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
    held = rounds()
    screen = {r: screen_levels(h.texts) for r, h in held.items()}
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
