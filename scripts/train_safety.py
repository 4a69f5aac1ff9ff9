"""Train the crisis screen's statistical second opinion and write it as data.

A logistic regression over TF-IDF word (1-2) and character (2-5, inside word
boundaries) n-grams, as scikit-learn builds them, trained on:

- crisis messages: the crisis cases of tests/data and of the blind safety
  sets (the train and dev thirds of rounds 1-7, round 8's train third);
- everything else: the FAQ's own phrasings (English, and the Spanish
  matcher's phrasings and small talk), the non-crisis cases of
  tests/data, the blind safety sets' near misses and the blind FAQ sets (the
  same thirds).

Round 8's dev third (its safety set and its English FAQ set) chooses the
probabilities at which a message no concept decided becomes ``possible`` and
``crisis``; the final thirds are never read here. The weights go to
src/faqbot/data/safety_model.json, which ``faqbot.safety`` reads with plain
Python (no scikit-learn at run time). Its options (``SHIPPED``: the
regularisation C) were chosen by scripts/cv_safety.py, which holds each round
out in turn. Deterministic: the same data gives the same file.

    python scripts/train_safety.py [--check]

``--check`` trains again and fails if the shipped file differs.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from faqbot.faq import load_faq  # noqa: E402
from faqbot.language import detect  # noqa: E402
from faqbot.safety import _MODEL_PATH, model_text, word_ngrams  # noqa: E402

DATA = ROOT / "tests" / "data"
BLIND = DATA / "blind"
WORD = (1, 2)
CHAR = (2, 5)
ROUND8 = BLIND / "round8"
# Every blind round's train and dev thirds, by round (their final thirds were
# scored once and are never read here). Round 1 and round 6 have Spanish FAQ
# sets too. scripts/cv_safety.py holds each round out in turn.
ROUNDS = {
    n: [
        directory / f"{name}_{part}.yaml"
        for name in ("safety", "faq", "faq_es")
        for part in ("train", "dev")
        if (directory / f"{name}_{part}.yaml").exists()
    ]
    for n, directory in enumerate(
        [BLIND, *(BLIND / f"round{k}" for k in range(2, 8))], start=1
    )
}
# The shipped model's training part: rounds 1-7's train and dev thirds (round
# 7's dev third chose the thresholds until round 8 came) and round 8's train
# third. Round 8's dev third chooses the thresholds; its final third is never read.
TRAIN = [path for paths in ROUNDS.values() for path in paths] + [
    ROUND8 / f"{name}_train.yaml" for name in ("safety", "faq", "faq_es")
]
DEV = ROUND8
# The most of each kind of dev message the model alone may raise.
# ordinary questions to "possible" (5% until round 5: each is an urgent staff item)
MAX_ORDINARY_POSSIBLE = 0.04
MAX_NEAR_CRISIS = 0.05  # hard near misses to "crisis"
MAX_ORDINARY_CRISIS = 0.01  # ordinary questions to "crisis"


def _cases(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]


def _is_crisis(case: dict) -> bool:
    return str(case["expect"]).rstrip(".") == "crisis"


def base_corpus() -> tuple[list[str], list[int]]:
    """What every model trains on whatever round is held out: tests/data and
    the FAQ's phrasings (labels: 1 = crisis)."""
    texts: list[str] = []
    labels: list[int] = []
    for name in ("questions", "dev", "holdout", "final"):
        for case in _cases(DATA / f"{name}.yaml"):
            texts.append(case["q"])
            labels.append(int(_is_crisis(case)))
    faq = load_faq(ROOT / "faq" / "faq.yaml")
    for entry in faq.entries:
        for phrase in (entry.question, *entry.alternates):
            texts.append(phrase)
            labels.append(0)
    # The Spanish matcher's phrasings and small talk: without them nearly every
    # Spanish message the model saw was a crisis, and it learned Spanish itself
    # ("se", "me", "mi") as a sign of one.
    spanish = yaml.safe_load((ROOT / "faq" / "phrasings.es.yaml").read_text("utf-8"))
    for phrases in (*spanish["entries"].values(), *spanish["smalltalk"].values()):
        texts.extend(phrases)
        labels.extend([0] * len(phrases))
    return texts, labels


def corpus() -> tuple[list[str], list[int]]:
    """Training texts and labels (1 = crisis)."""
    texts, labels = base_corpus()
    for path in TRAIN:
        for case in _cases(path):
            texts.append(case["q"])
            labels.append(int(_is_crisis(case)))
    return texts, labels


def dev_sets() -> tuple[list[str], list[str], list[str]]:
    """Round 8's dev third: crisis messages, hard near misses, ordinary questions."""
    crisis: list[str] = []
    near: list[str] = []
    ordinary: list[str] = []
    for case in _cases(DEV / "safety_dev.yaml"):
        (crisis if _is_crisis(case) else near).append(case["q"])
    # The English FAQ dev third, as in every round before: with round 6's Spanish
    # FAQ dev third too, possible_at rose from 0.253 to 0.365 and the dev crises
    # the model alone raises to possible fell from 98.6% to 96.5% (round 6).
    for case in _cases(DEV / "faq_dev.yaml"):
        (crisis if _is_crisis(case) else ordinary).append(case["q"])
    return crisis, near, ordinary


@dataclass(frozen=True)
class Options:
    """How the model is built: what scripts/cv_safety.py compares."""

    c: float = 4.0
    class_weight: str | None = "balanced"
    sublinear_tf: bool = False
    char: tuple[int, int] = CHAR
    char_features: int = 30000
    word_features: int | None = None
    word_min_df: int = 2
    char_min_df: int = 3
    # Measured by scripts/cv_safety.py and not shipped (no held-out gain), so
    # faqbot.safety does not build them: words after a negation mark read as
    # negated ("~live"), and a feature for a message detected as Spanish.
    negation: int = 0
    lang: bool = False


Fitted = tuple[LogisticRegression, TfidfVectorizer, TfidfVectorizer]


NEGATIONS = frozenset(
    "not no never nothing nobody none nor without cannot nunca nada nadie ni sin "
    "jamas tampoco".split()
)


@cache
def _doc(text: str) -> str:
    return model_text(text)


@cache
def _spanish(text: str) -> bool:
    return detect(text).lang == "es"


def _word_grams(options: Options) -> Callable[[tuple[str, str]], list[str]]:
    def grams(doc: tuple[str, str]) -> list[str]:
        text, raw = doc
        out = word_ngrams(text, *WORD)
        if options.negation:
            tokens = re.findall(r"(?u)\b\w\w+\b", text)
            for i, t in enumerate(tokens):
                if t in NEGATIONS:
                    after = tokens[i + 1 : i + 1 + options.negation]
                    out.extend(f"~{w}" for w in after)
        if options.lang and _spanish(raw):
            out.append("(es)")
        return out

    return grams


def fit(texts: list[str], labels: list[int], options: Options = Options()) -> Fitted:
    """Fit the vectorisers and the model on ``texts``."""
    docs = [_doc(t) for t in texts]
    word = TfidfVectorizer(
        analyzer=_word_grams(options), min_df=options.word_min_df,
        lowercase=False, sublinear_tf=options.sublinear_tf,
        max_features=options.word_features,
    )  # fmt: skip
    char = TfidfVectorizer(
        analyzer="char_wb", ngram_range=options.char, min_df=options.char_min_df,
        lowercase=False, max_features=options.char_features,
        sublinear_tf=options.sublinear_tf,
    )  # fmt: skip
    pairs = list(zip(docs, texts, strict=True))
    x = hstack([word.fit_transform(pairs), char.fit_transform(docs)]).tocsr()
    model = LogisticRegression(
        C=options.c, class_weight=options.class_weight, max_iter=5000,
        solver="liblinear", random_state=0,
    )  # fmt: skip
    model.fit(x, np.array(labels))
    return model, word, char


def predict(fitted: Fitted, messages: list[str]) -> np.ndarray:
    """scikit-learn's own crisis probabilities for ``messages``."""
    model, word, char = fitted
    docs = [_doc(t) for t in messages]
    pairs = list(zip(docs, messages, strict=True))
    x = hstack([word.transform(pairs), char.transform(docs)]).tocsr()
    return model.predict_proba(x)[:, 1]


# The shipped model's options: C chosen by scripts/cv_safety.py; the n-gram
# caps keep the model at round 6's size (13,681 + 17,397 n-grams), so more
# training messages cost no memory per worker (the same cap, scaled to a
# fold's vocabulary, changed no held-out figure by more than two messages).
SHIPPED = Options(c=64.0, word_features=13600, char_features=17300)


def train() -> dict:
    """Fit the model and return it as the JSON-able dict the screen reads."""
    if SHIPPED.negation or SHIPPED.lang or SHIPPED.sublinear_tf:
        raise SystemExit("faqbot.safety builds plain word and character n-grams")
    texts, labels = corpus()
    fitted = fit(texts, labels, SHIPPED)
    model, word, char = fitted
    n = len(texts)
    coef = model.coef_[0]
    nw = len(word.vocabulary_)

    def block(vec: TfidfVectorizer, offset: int) -> dict:
        idf = {g: round(float(vec.idf_[i]), 6) for g, i in vec.vocabulary_.items()}
        co = {
            g: round(float(coef[offset + i]), 6)
            for g, i in vec.vocabulary_.items()
            if abs(coef[offset + i]) >= 1e-4
        }
        return {"idf": dict(sorted(idf.items())), "coef": dict(sorted(co.items()))}

    return {
        "about": "crisis screen second opinion; made by scripts/train_safety.py",
        "word": {"ngram_range": list(WORD)} | block(word, 0),
        "char": {"ngram_range": list(SHIPPED.char)} | block(char, nw),
        "intercept": round(float(model.intercept_[0]), 6),
        "training_messages": n,
    } | _thresholds(fitted)


def _lowest(p: np.ndarray, share: float) -> float:
    """The lowest probability that at most ``share`` of ``p`` reaches."""
    p = np.sort(p)
    k = int(np.ceil(len(p) * (1 - share)))
    return float(p[k]) + 1e-6 if k < len(p) else float(p[-1]) + 1e-6


def cut_points(p_near: np.ndarray, p_ord: np.ndarray) -> tuple[float, float]:
    """``possible_at`` and ``crisis_at`` by the cost rules (see ``_thresholds``)."""
    possible_at = _lowest(p_ord, MAX_ORDINARY_POSSIBLE)
    crisis_at = max(
        _lowest(p_near, MAX_NEAR_CRISIS),
        _lowest(p_ord, MAX_ORDINARY_CRISIS),
        possible_at,
    )
    return possible_at, crisis_at


def round_sets() -> dict[int, tuple[list[str], list[str]]]:
    """Rounds 1-7's train and dev thirds: each message and its kind (crisis,
    near, ordinary for an English FAQ question, ordinary_es for a Spanish one)."""
    out: dict[int, tuple[list[str], list[str]]] = {}
    for n, files in ROUNDS.items():
        texts: list[str] = []
        kinds: list[str] = []
        for path in files:
            for case in _cases(path):
                if _is_crisis(case):
                    kind = "crisis"
                elif path.name.startswith("safety"):
                    kind = "near"
                elif path.name.startswith("faq_es"):
                    kind = "ordinary_es"
                else:
                    kind = "ordinary"
                texts.append(case["q"])
                kinds.append(kind)
        out[n] = texts, kinds
    return out


def held_out(options: Options) -> dict[int, np.ndarray]:
    """Each round's probabilities from a model trained without that round."""
    rounds = round_sets()
    base_texts, base_labels = base_corpus()
    scores: dict[int, np.ndarray] = {}
    for r in rounds:
        texts, labels = list(base_texts), list(base_labels)
        for other, (t, kinds) in rounds.items():
            if other != r:
                texts += t
                labels += [int(k == "crisis") for k in kinds]
        scores[r] = predict(fit(texts, labels, options), rounds[r][0])
    return scores


def _thresholds(fitted: Fitted) -> dict[str, float]:
    """Where the model raises a message to ``possible`` and to ``crisis``.

    Both are chosen by what a wrong call costs: a message is ``possible``
    when at most MAX_ORDINARY_POSSIBLE of ordinary questions reach it (a
    safety line and a staff check), and ``crisis`` when at most
    MAX_NEAR_CRISIS of the hard near misses and MAX_ORDINARY_CRISIS of
    ordinary questions reach it (the crisis reply instead of an answer).
    Each rule must hold on round 8's dev third and on rounds 1-7 held out
    (each round scored by a model trained without it): one dev third has
    two or three ordinary questions in its top 1%, so alone it moved
    ``crisis_at`` from 0.699 to 0.808 to 0.502 in three rounds.
    """
    crisis, near, ordinary = dev_sets()
    p_crisis = predict(fitted, crisis)
    p_near = predict(fitted, near)
    p_ord = predict(fitted, ordinary)
    dev_cuts = cut_points(p_near, p_ord)
    scores = held_out(SHIPPED)
    kinds = {r: np.array(k) for r, (_, k) in round_sets().items()}
    cv_cuts = cut_points(
        np.concatenate([scores[r][kinds[r] == "near"] for r in scores]),
        np.concatenate([scores[r][kinds[r] == "ordinary"] for r in scores]),
    )
    possible_at, crisis_at = map(max, zip(dev_cuts, cv_cuts, strict=True))
    print(
        f"round 8 dev: {dev_cuts[0]:.3f} / {dev_cuts[1]:.3f}; "
        f"rounds 1-7 held out: {cv_cuts[0]:.3f} / {cv_cuts[1]:.3f}",
        file=sys.stderr,
    )
    for name, at in (("possible_at", possible_at), ("crisis_at", crisis_at)):
        print(
            f"{name} {at:.3f}: dev crises {np.mean(p_crisis >= at):.1%}, "
            f"near misses {np.mean(p_near >= at):.1%}, "
            f"ordinary {np.mean(p_ord >= at):.1%}",
            file=sys.stderr,
        )
    return {"possible_at": round(possible_at, 4), "crisis_at": round(crisis_at, 4)}


def main() -> int:
    model = train()
    text = json.dumps(model, sort_keys=False, separators=(",", ":")) + "\n"
    if "--check" in sys.argv:
        same = _MODEL_PATH.read_text(encoding="utf-8") == text
        print("model is current" if same else "model is stale: rerun the script")
        return 0 if same else 1
    _MODEL_PATH.parent.mkdir(exist_ok=True)
    _MODEL_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {_MODEL_PATH.relative_to(ROOT)} ({len(text) // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
