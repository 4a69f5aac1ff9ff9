"""Crisis screen benchmark: time per message, the whole ask with the screen, and
the screen on 64 KB messages (the linear-time guarantee).

    python bench/safety.py
    python bench/safety.py --cpu     # this thread's CPU time instead of the clock
    python bench/safety.py --cpu --fastest   # also each message's fastest round

Messages are the blind labelled sets' train and dev thirds (crisis messages,
near misses and ordinary FAQ questions), each screened once to warm caches
and then timed over five rounds; the whole ask is ``Assistant.classify`` on
the real FAQ (screen, small talk, matcher), nothing recorded. ``--cpu``
times with ``time.thread_time`` (the CPU time this thread used): on a machine
shared with other work it leaves out the time spent waiting for a core, though
not the slowdown of sharing one. ``--fastest`` also prints the median and p99
over messages of each message's fastest round: on a busy machine, what the
code costs with the least interference (a comparison between two commits).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from faqbot.ask import Assistant  # noqa: E402
from faqbot.config import Settings  # noqa: E402
from faqbot.safety import assess  # noqa: E402

SETS = [
    "safety_train",
    "safety_dev",
    "faq_train",
    "faq_dev",
    "faq_es_train",
    "faq_es_dev",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def timed(fn, messages: list[str], rounds: int = 5, clock=time.perf_counter):
    for m in messages:
        fn(m)
    out = []
    for _ in range(rounds):
        for m in messages:
            t0 = clock()
            fn(m)
            out.append((clock() - t0) * 1000)
    return out


def bench_messages() -> list[str]:
    """The bench's messages: the blind sets' train and dev thirds, in order."""
    messages: list[str] = []
    for name in SETS:
        path = ROOT / "tests" / "data" / "blind" / f"{name}.yaml"
        messages += [c["q"] for c in yaml.safe_load(path.read_text())["cases"]]
    return messages


def bench_assistant() -> Assistant:
    """The pipeline on the real FAQ, recording nothing."""
    os.environ.setdefault("FAQBOT_SECRET_KEY", "bench-" + "x" * 40)
    settings = Settings.from_env().replace(faq_path=str(ROOT / "faq" / "faq.yaml"))
    return Assistant(settings, store=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cpu", action="store_true", help="time.thread_time")
    parser.add_argument(
        "--fastest", action="store_true", help="also each message's fastest round"
    )
    args = parser.parse_args()
    clock = time.thread_time if args.cpu else time.perf_counter
    messages = bench_messages()
    assistant = bench_assistant()
    what = "CPU time" if args.cpu else "wall clock"
    print(f"{len(messages)} messages from the blind train and dev sets ({what})")
    for label, fn in (
        ("screen (assess)", assess),
        ("whole ask (classify)", assistant.classify),
    ):
        t = timed(fn, messages, clock=clock)
        print(
            f"  {label:<22} median {statistics.median(t):.3f} ms  "
            f"p99 {percentile(t, 99):.3f} ms  max {max(t):.3f} ms"
        )
        if args.fastest:  # timed() runs the messages in order, round after round
            n = len(messages)
            best = [min(t[i::n]) for i in range(n)]
            print(
                f"  {'  fastest round':<22} median {statistics.median(best):.3f} ms  "
                f"p99 {percentile(best, 99):.3f} ms  max {max(best):.3f} ms"
            )
    prose = ("My migraines started when I was twelve and my doctor tried " * 1200)[
        :65536
    ]
    bursts = ("worst sudden numb pills took whole bottle kill " * 1500)[:65536]
    for label, text in (
        ("64 KB of prose", prose),
        ("64 KB of digits", "1" * 65536),
        ("64 KB of trigger words", bursts),
    ):
        t = timed(assess, [text], rounds=3, clock=clock)
        print(f"  screen, {label:<24} median {statistics.median(t):.1f} ms")
    # The longest question the API takes, as one word never seen before (a
    # word's correction is kept, so each string is timed once, the first time):
    # the speller must not build every deletion of a 1,000-letter string.
    firsts = []
    for seed in range(3):
        word = "".join(random.Random(seed).choice("abcdefghij") for _ in range(1000))
        t0 = clock()
        assistant.classify(word)
        firsts.append((clock() - t0) * 1000)
    label = "whole ask, a new 1,000-letter word"
    print(f"  {label}  median {statistics.median(firsts):.1f} ms")


if __name__ == "__main__":
    main()
