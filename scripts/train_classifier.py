"""Train the matcher's second opinion and write it as JSON (faq/classifier.json).

    .venv/bin/python scripts/train_classifier.py          # train and write
    .venv/bin/python scripts/train_classifier.py --check  # is the shipped one current?

Needs scikit-learn (the `test` extra); the service itself only reads the JSON
(faqbot.classifier). Training data: every phrasing of every entry, each
entry's "not this entry" questions and the labelled messages of the project's
older sets in tests/data (questions, dev, holdout, final: entries and
out-of-scope ones). The blind sets in tests/data/blind are never used: they
measure the result. Features are computed by faqbot.classifier.features, the
very function the service runs, so training and serving cannot drift apart.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from faqbot.classifier import (  # noqa: E402
    OUT_OF_SCOPE,
    document_frequencies,
    features,
    fingerprint,
)
from faqbot.faq import Faq, load_faq  # noqa: E402
from faqbot.matching import Analyzer, Matcher  # noqa: E402

OLDER_SETS = ("questions.yaml", "dev.yaml", "holdout.yaml", "final.yaml")
MIN_DF = 2  # features seen in fewer training texts are dropped
KEEP = 4  # each feature keeps its KEEP largest class weights
C = 20.0  # inverse regularisation strength


def training_set(faq: Faq, analyzer: Analyzer) -> tuple[list[list[str]], list[str]]:
    import yaml

    texts, labels = [], []
    for e in faq.entries:
        for t in e.phrasings:
            texts.append(t)
            labels.append(e.id)
        for t in e.not_this:
            texts.append(t)
            labels.append(OUT_OF_SCOPE)
    for name in OLDER_SETS:
        data = yaml.safe_load((ROOT / "tests" / "data" / name).read_text())
        for case in data["cases"]:
            expect = str(case.get("expect", ""))
            if expect == OUT_OF_SCOPE or expect in faq.by_id:
                texts.append(case["q"])
                labels.append(expect)
    words = [analyzer.words(t) for t in texts]
    return words, labels


def vectorise(
    docs: list[Counter[str]], idf: dict[str, float]
) -> list[dict[str, float]]:
    """Sublinear TF-IDF, L2-normalised, as faqbot.classifier computes it."""
    rows = []
    for counts in docs:
        values = {
            f: (1.0 + math.log(n)) * idf[f] for f, n in counts.items() if f in idf
        }
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        rows.append({f: v / norm for f, v in values.items()})
    return rows


def train(faq_path: Path) -> dict:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    faq = load_faq(faq_path)
    analyzer = Matcher(faq).analyzer
    words, labels = training_set(faq, analyzer)
    blocks = list(zip(*(features(w) for w in words), strict=True))  # word, char
    n = len(words)
    idfs, vectors = [], []
    for docs in blocks:
        df = document_frequencies(docs)
        idf = {
            f: math.log((1 + n) / (1 + d)) + 1.0 for f, d in df.items() if d >= MIN_DF
        }
        idfs.append(idf)
        vectors.append(vectorise(docs, idf))
    columns: dict[tuple[int, str], int] = {}
    for b, idf in enumerate(idfs):
        for f in sorted(idf):
            columns[(b, f)] = len(columns)
    data, indices, indptr = [], [], [0]
    for i in range(n):
        for b in range(len(blocks)):
            for f, v in vectors[b][i].items():
                indices.append(columns[(b, f)])
                data.append(v)
        indptr.append(len(indices))
    x = csr_matrix((data, indices, indptr), shape=(n, len(columns)))
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(x, labels)
    classes = [str(c) for c in model.classes_]
    coef = model.coef_
    out: dict = {
        "about": "faqbot's second opinion; made by scripts/train_classifier.py",
        "fingerprint": fingerprint(faq),
        "classes": classes,
        "intercept": [round(float(v), 4) for v in model.intercept_],
    }
    for b, name in enumerate(("word", "char")):
        table = {}
        for f, idf in sorted(idfs[b].items()):
            col = coef[:, columns[(b, f)]]
            top = sorted(range(len(classes)), key=lambda c: -abs(col[c]))[:KEEP]
            pairs = []
            for c in sorted(top):
                if abs(col[c]) >= 0.01:
                    pairs += [c, round(float(col[c]), 3)]
            table[f] = [round(idf, 3), pairs]
        out[name] = table
    print(
        f"{n} training texts, {len(columns)} features, {len(classes)} classes",
        file=sys.stderr,
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--faq", default=str(ROOT / "faq" / "faq.yaml"))
    parser.add_argument("--out", default=str(ROOT / "faq" / "classifier.json"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        shipped = json.loads(Path(args.out).read_text())
        current = fingerprint(load_faq(args.faq))
        if shipped.get("fingerprint") != current:
            sys.exit(f"{args.out} is stale: run scripts/train_classifier.py")
        print(f"{args.out} is current")
        return
    model = train(Path(args.faq))
    Path(args.out).write_text(json.dumps(model, separators=(",", ":")) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
