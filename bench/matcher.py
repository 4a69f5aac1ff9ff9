"""Matcher benchmark: time per ask, index build time and memory, for the real FAQ
and for synthetic FAQs of 100, 1,000 and 10,000 entries (20 phrasings each).

    python bench/matcher.py                   # every size
    python bench/matcher.py --sizes 1000      # one size
    python bench/matcher.py --cpu             # per-ask CPU time (a busy machine)
    python bench/matcher.py --full-scan       # also time scoring every phrasing,
                                              # and count pruned decisions that differ

Synthetic entries look like the real ones: each has a few topic words of its
own, shares common words ("ketamine", "migraine", "how", "long") with every
other entry, and its phrasings are shuffled, typo'd variations. The queries mix
in-scope variations, out-of-scope questions that share common words, and
messages made only of common words (the slowest case for an inverted index).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from faqbot.ask import build_matcher  # noqa: E402
from faqbot.faq import FaqEntry, load_faq  # noqa: E402

COMMON = (
    "ketamine migraine migraines treatment infusion how long what does can help pain "
    "relief work clinic doctor study results headache attack aura symptoms"
).split()
FILLER = "i my you the a is are do does for with about to of and in".split()
SYLLABLES = (
    "ba be bi bo bu ka ke ki ko ku ra re ri ro ru ta te ti to tu na ne ni no nu".split()
)


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))


def typo(rng: random.Random, w: str) -> str:
    if len(w) < 5:
        return w
    i = rng.randrange(1, len(w) - 1)
    return w[:i] + w[i + 1 :]


def synthetic_faq(n: int, phrasings: int = 20, seed: int = 7):
    """The real FAQ's settings with ``n`` generated entries."""
    rng = random.Random(seed)
    real = load_faq(ROOT / "faq" / "faq.yaml")
    entries = []
    topics = []
    for i in range(n):
        topic = [word(rng) for _ in range(3)]
        topics.append(topic)
        alts = []
        for _ in range(phrasings - 1):
            words = rng.sample(topic, k=rng.randint(1, 3)) + rng.sample(
                COMMON, k=rng.randint(1, 3)
            )
            words += rng.sample(FILLER, k=rng.randint(1, 3))
            rng.shuffle(words)
            alts.append(
                " ".join(typo(rng, w) if rng.random() < 0.1 else w for w in words)
            )
        entries.append(
            FaqEntry(
                id=f"e{i}",
                question=f"what about {' '.join(topic)} {rng.choice(COMMON)}",
                alternates=tuple(alts),
                answer="answer",
                sms="answer",
                section="s",
            )
        )
    faq = replace(real, entries=tuple(entries), by_id={e.id: e for e in entries})
    return faq, topics


def queries(topics: list[list[str]], count: int = 400, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        kind = i % 4
        if kind in (0, 1):  # in scope, reworded
            t = rng.choice(topics)
            words = rng.sample(t, 2) + rng.sample(COMMON, 2) + rng.sample(FILLER, 2)
            rng.shuffle(words)
            out.append(
                " ".join(typo(rng, w) if rng.random() < 0.15 else w for w in words)
            )
        elif kind == 2:  # out of scope, sharing common words
            out.append(f"{word(rng)} {word(rng)} {' '.join(rng.sample(COMMON, 3))}")
        else:  # only common words
            out.append(" ".join(rng.sample(COMMON, 4)))
    return out


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def rss_mb() -> float:
    """This process's resident size in MB (Linux)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _decision(m) -> tuple:
    """What a patient would see change: the status, the answer, the choices."""
    best = m.best.faq_id if m.status == "answered" else None
    choices = m.candidates if m.status == "clarify" else ()
    return m.status, best, choices


# Per-ask times: wall clock, or with --cpu this thread's CPU time (on a
# machine shared with other work, waiting for a core is not the matcher's).
CLOCK = time.perf_counter


def run(label: str, faq, qs: list[str], full_scan: bool) -> dict:
    gc.collect()
    before = rss_mb()
    t0 = time.perf_counter()
    matcher = build_matcher(faq, [])  # as the service builds it (gc.freeze)
    build = time.perf_counter() - t0
    index_mb = rss_mb() - before
    for q in qs[:20]:  # warm caches
        matcher.match(q)
    times = []
    for q in qs:
        t = CLOCK()
        matcher.match(q)
        times.append((CLOCK() - t) * 1000)
    row = {
        "faq": label,
        "entries": len(faq.entries),
        "phrasings": matcher.size,
        "build_ms": round(build * 1000, 1),
        "p50_ms": round(statistics.median(times), 3),
        "p99_ms": round(percentile(times, 99), 3),
        "index_mb": round(index_mb, 1),
    }
    if full_scan:
        times, differ = [], 0
        for q in qs[:100]:
            t = CLOCK()
            full = matcher.match(q, prune=False)
            times.append((CLOCK() - t) * 1000)
            differ += _decision(matcher.match(q)) != _decision(full)
        row["full_scan_p50_ms"] = round(statistics.median(times), 3)
        # The pruning guarantee: the pruned path decides as the full scan does
        # (tests/test_matching.py checks it on the real FAQ's messages).
        row["pruned_differs"] = differ
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--full-scan", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--cpu", action="store_true", help="time asks by CPU time, not wall clock"
    )
    args = parser.parse_args()
    if args.cpu:
        global CLOCK
        CLOCK = time.thread_time

    real = load_faq(ROOT / "faq" / "faq.yaml")
    real_qs = [p for e in real.entries for p in e.alternates][:300] + [
        "how much does it cost",
        "hello",
        "do you take blue cross",
        "whats the weather",
    ] * 10
    rows = [run("real", real, real_qs, args.full_scan)]
    for n in args.sizes:
        faq, topics = synthetic_faq(n)
        rows.append(run(f"synthetic {n}", faq, queries(topics), args.full_scan))
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    cols = list(rows[0].keys() | set().union(*(r.keys() for r in rows)))
    order = [
        "faq",
        "entries",
        "phrasings",
        "build_ms",
        "p50_ms",
        "p99_ms",
        "full_scan_p50_ms",
        "pruned_differs",
        "index_mb",
    ]
    cols = [c for c in order if c in cols]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r.get(c, "")) for c in cols) + " |")


if __name__ == "__main__":
    main()
