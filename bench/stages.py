"""Where the slowest asks' CPU time goes, stage by stage (docs/PERFORMANCE.md).

The bench's 1,517 messages (bench/safety.py's sets) are cycled in order, as
bench/safety.py times them, so each message meets caches the others have
cooled. The slowest ``--slow`` messages by their fastest of five rounds are
then timed again, five rounds, with ``time.thread_time`` around each stage
(inclusive: a stage's time holds the stages it calls), while the other
messages keep cycling untimed. A stack sampler would over-count RE2, which
releases the GIL; this does not.

    .venv/bin/python bench/stages.py [--slow 45] [--also module:function ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from faqbot import matching, safety  # noqa: E402
from safety import bench_assistant, bench_messages, percentile  # noqa: E402

MATCHER_STAGES = [
    "match", "score", "_score_tokens", "topic", "_second_opinion", "_focus",
    "question_type", "is_not_this", "_joined", "_narrow", "_unasserted", "_slot",
    "_beyond", "_decide", "_quoted", "_bags", "_split", "_rare",
]  # fmt: skip
SAFETY_STAGES = [
    "assess", "_english_sentences", "_spanish_sentences", "_findings", "probability",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=int, default=45, help="messages profiled")
    parser.add_argument(
        "--also", nargs="*", default=[], help="more module-level functions, e.g. "
        "matching:_find_bounds (in faqbot.matching or faqbot.safety)",
    )  # fmt: skip
    args = parser.parse_args()
    messages = bench_messages()
    assistant = bench_assistant()
    m = assistant.matcher
    spent: dict[str, float] = {}
    timing = [False]

    def wrap(owner: object, name: str) -> None:
        fn = getattr(owner, name)

        def timed(*a, **kw):
            if not timing[0]:
                return fn(*a, **kw)
            t0 = time.thread_time()
            try:
                return fn(*a, **kw)
            finally:
                spent[name] = spent.get(name, 0.0) + time.thread_time() - t0

        setattr(owner, name, timed)

    targets = [(m, n) for n in MATCHER_STAGES]
    targets += [(safety, n) for n in SAFETY_STAGES]
    targets += [(assistant, "analyse"), (m.analyzer, "corrections")]
    targets += [(m.analyzer, "normal_words"), (m.analyzer, "normal_tokens")]
    modules = {"matching": matching, "safety": safety}
    targets += [(modules[s.split(":")[0]], s.split(":")[1]) for s in args.also]
    for owner, name in targets:
        if getattr(owner, name, None) is not None:
            wrap(owner, name)
    for text in messages:
        assistant.classify(text)
    n, times = len(messages), []
    for _ in range(5):
        for text in messages:
            t0 = time.thread_time()
            assistant.classify(text)
            times.append((time.thread_time() - t0) * 1000)
    best = [min(times[i::n]) for i in range(n)]
    slow = set(sorted(range(n), key=lambda i: -best[i])[: args.slow])
    print(
        f"all {n}: median {statistics.median(times):.3f} ms, "
        f"p99 {percentile(times, 99):.3f} ms"
    )
    total, count = 0.0, 0
    for _ in range(5):
        for i, text in enumerate(messages):
            if i not in slow:
                assistant.classify(text)
                continue
            timing[0] = True
            t0 = time.thread_time()
            assistant.classify(text)
            total += time.thread_time() - t0
            count += 1
            timing[0] = False
    print(f"the {args.slow} slowest: {total / count * 1000:.3f} ms a message")
    for name, t in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<22} {t / count * 1000:.3f} ms")


if __name__ == "__main__":
    main()
