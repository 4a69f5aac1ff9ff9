"""Memory under distinct traffic: one process's resident memory (RSS) as it
reads messages it has never seen, and the CPU time per ask meanwhile.

    python bench/growth.py                    # 20,000 distinct messages
    python bench/growth.py --set-mb 32        # each filtered crisis rule's budget
    python bench/growth.py -n 5000 --repeat   # also a second pass, same texts
    python bench/growth.py --gunicorn         # one gunicorn worker, over HTTP
    python bench/growth.py --gunicorn --max-requests 0   # never recycled
    python bench/growth.py -n 5000 --stages   # where the slowest asks' time goes

The messages are every labelled train and dev third (tests/data/blind/ and its
roundN/ folders; never a final third) and then variants of them, so that no
text repeats: sentences shuffled and joined across messages of a language,
numbers and names changed, words cased differently. Each is asked once with
``Assistant.classify`` (the screen, small talk, the matcher; nothing recorded)
in one process built as a gunicorn worker is (the warm-up first). It prints
RSS (VmRSS) after 0, 1k, 5k and 20k messages, and per slice the median, p99
and max CPU time per ask (``time.thread_time``). ``--repeat`` reads the same
messages again and prints that pass's figures: texts already seen, where a
small budget costs the most (its caches were emptied meanwhile).

``--stages`` also times, per ask, a few stages (inclusive; each counted once
however deep it recurs) and prints their mean over all asks after the first
1,000 and over the slowest 1% of them.

``--gunicorn`` serves the app as deployed instead (gunicorn.conf.py, one
worker, 127.0.0.1, recording to SQLite, rate limits off), posts each message
to /api/ask and prints the worker's RSS (the largest, should there be two
during a replacement) and the largest it has been (sampled every 50
messages), how many workers have served so far, and the wall
clock per request; ``--max-requests`` overrides gunicorn.conf.py's (0: a
worker is never replaced).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from faqbot import safety as screen  # noqa: E402
from safety import bench_assistant, percentile  # noqa: E402

NAMES = (
    "Ana Maria Dolores Priya Kenji Tomasz Aisha Lucas Sofia Mateo Grace Omar "
    "Nadia Hugo Leila Diego Carmen Ruth Samuel Ines Yusuf Elena Marco Beatriz"
).split()
NAME = re.compile(r"\b(?:Dr\.? )?[A-Z][a-z]{2,}\b")
NUMBER = re.compile(r"\d+")
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def labelled() -> list[tuple[str, str]]:
    """(text, language) of every train and dev message, in a fixed order."""
    out: list[tuple[str, str]] = []
    blind = ROOT / "tests" / "data" / "blind"
    for path in sorted(blind.glob("**/*.yaml")):
        if not path.stem.endswith(("_train", "_dev")):
            continue  # never a final third
        for case in yaml.safe_load(path.read_text())["cases"]:
            lang = case.get("lang") or ("es" if "_es_" in path.name else "en")
            out.append((case["q"], lang))
    return out


def variant(text: str, pool: list[str], rng: random.Random) -> str:
    """A new message like ``text``: its sentences shuffled with one or two of
    another message's, names and numbers changed, sometimes cased."""
    parts = [p for p in SENTENCE.split(text) if p]
    for _ in range(rng.choice((0, 1, 1, 2))):
        parts += [p for p in SENTENCE.split(rng.choice(pool)) if p][:1]
    rng.shuffle(parts)
    out = " ".join(parts)
    out = NUMBER.sub(lambda m: str(rng.randint(1, 12 if len(m[0]) < 2 else 999)), out)
    out = NAME.sub(lambda m: rng.choice(NAMES) if rng.random() < 0.3 else m[0], out)
    case = rng.random()
    if case < 0.1:
        out = out.lower()
    elif case < 0.13:
        out = out.upper()
    return out


def distinct(n: int, seed: int = 7) -> list[str]:
    """``n`` different texts: the labelled messages, then variants of them."""
    rng = random.Random(seed)
    base = labelled()
    seen: set[str] = set()
    out: list[str] = []
    for text, _ in base:
        if text not in seen:
            seen.add(text)
            out.append(text)
    by_lang: dict[str, list[str]] = {}
    for text, lang in base:
        by_lang.setdefault(lang, []).append(text)
    while len(out) < n:
        text, lang = rng.choice(base)
        new = variant(text, by_lang[lang], rng)
        if new not in seen:
            seen.add(new)
            out.append(new)
    return out[:n]


def rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def over_http(messages: list[str], marks: list[int], max_requests: int | None) -> None:
    import tempfile

    from http_load import APP, app_env, memory_mb, post, serve, worker_pids

    def rss_mb(pid: int) -> float:
        """A worker's RSS; 0 for one that left between listing and reading
        (a replaced worker not yet reaped has no VmRSS)."""
        try:
            return memory_mb(pid)[0]
        except (OSError, AttributeError):
            return 0.0

    extra = () if max_requests is None else ("--max-requests", str(max_requests))
    with (
        tempfile.TemporaryDirectory() as tmp,
        serve(APP, 1, app_env(Path(tmp)), *extra) as (url, master, _, _),
    ):
        seen = set(worker_pids(master))
        rss = max(memory_mb(p)[0] for p in seen)
        print(f"  after {0:>6} messages  worker RSS {rss:6.1f} MB")
        start, peak = 0, rss
        for mark in marks:
            times = []
            for text in messages[start:mark]:
                t0 = time.perf_counter()
                post(url, text)
                times.append((time.perf_counter() - t0) * 1000)
                if len(times) % 50 == 0:  # sampled: the largest any worker was
                    now = worker_pids(master)
                    seen.update(now)
                    peak = max([peak, *map(rss_mb, now)])
            pids = worker_pids(master)
            seen.update(pids)
            rss = max(map(rss_mb, pids))
            peak = max(peak, rss)
            print(
                f"  after {mark:>6} messages  worker RSS {rss:6.1f} MB  "
                f"(largest so far {peak:6.1f})  "
                f"workers so far {len(seen):>3}   {start}-{mark}: median "
                f"{statistics.median(times):.2f} ms  p99 "
                f"{percentile(times, 99):.2f} ms (wall clock)"
            )
            start = mark


STAGES = [
    ("safety", "assess", "crisis screen (assess)"),
    ("safety._Compiled", "hits", "  the rule sets (RE2)"),
    ("safety._Compiled", "matcher", "  rules' own patterns compiled"),
    ("matching.Analyzer", "_words", "the matcher's words"),
    ("spelling.Speller", "_closest", "  the speller (correct)"),
    ("spelling.Speller", "_may_mean_known", "  the speller (may_mean_known)"),
    ("matching.Matcher", "match", "the matcher (match)"),
    ("language", "detect", "language.detect"),
]


inside: set[str] = set()  # the stages running now (a recursion counts once)


def time_stages(spent: dict[str, float]) -> None:
    """Wrap each of STAGES so that its CPU time adds up in ``spent``."""
    import faqbot

    for path, name, label in STAGES:
        owner = faqbot
        for part in path.split("."):
            owner = getattr(owner, part)
        fn = getattr(owner, name)

        def timed(*a, fn=fn, label=label, **kw):
            if label in inside:
                return fn(*a, **kw)
            inside.add(label)
            t0 = time.thread_time()
            try:
                return fn(*a, **kw)
            finally:
                spent[label] = spent.get(label, 0.0) + time.thread_time() - t0
                inside.discard(label)

        setattr(owner, name, timed)


def print_stages(rows: list[tuple[float, dict[str, float]]]) -> None:
    rows = sorted(rows[1000:], key=lambda r: r[0])
    for title, part in (
        ("all", rows),
        ("slowest 1%", rows[-max(1, len(rows) // 100) :]),
    ):
        print(f"  {title} ({len(part)} asks): ms per ask")
        print(f"    {'whole ask':34s}{sum(r[0] for r in part) / len(part):.3f}")
        for _, _, label in STAGES:
            mean = sum(r[1].get(label, 0.0) for r in part) / len(part)
            print(f"    {label:34s}{mean * 1000:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20000, help="distinct messages")
    parser.add_argument(
        "--set-mb", type=int, help="RE2 budget per filtered crisis rule, MB"
    )
    parser.add_argument(
        "--rule-mb", type=int, help="RE2 budget of each rule's own pattern, MB"
    )
    parser.add_argument("--gunicorn", action="store_true", help="over HTTP")
    parser.add_argument("--max-requests", type=int, help="gunicorn's, with --gunicorn")
    parser.add_argument("--repeat", action="store_true", help="a second pass")
    parser.add_argument("--stages", action="store_true", help="time a few stages")
    args = parser.parse_args()
    if args.set_mb:
        screen.SET_MAX_MEM = args.set_mb << 20
        screen._compiled.cache_clear()
    if args.rule_mb:
        screen.RULE_MAX_MEM = args.rule_mb << 20
    messages = distinct(args.n)
    marks = [m for m in (1000, 5000, 20000) if m < args.n] + [args.n]
    if args.gunicorn:
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"{len(messages)} distinct messages, one gunicorn worker (load {load})")
        over_http(messages, marks, args.max_requests)
        return
    assistant = bench_assistant()
    assistant.warm()
    spent: dict[str, float] = {}
    rows: list[tuple[float, dict[str, float]]] = []
    if args.stages:
        time_stages(spent)
    budget = screen.SET_MAX_MEM >> 20
    rule_budget = screen.RULE_MAX_MEM >> 20
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{len(messages)} distinct messages, filtered rules' budget {budget} MB, "
        f"rules' own {rule_budget} MB"
    )
    print(f"  (CPU time per ask; load average {load})")
    print(f"  after {0:>6} messages  RSS {rss_mb():6.1f} MB")
    passes = ("first pass", "second pass") if args.repeat else ("first pass",)
    for name in passes:
        print(f" {name}:")
        start = 0
        for mark in marks:
            times = []
            for text in messages[start:mark]:
                spent.clear()
                t0 = time.thread_time()
                assistant.classify(text)
                times.append((time.thread_time() - t0) * 1000)
                if args.stages and name == "first pass":
                    rows.append((times[-1], dict(spent)))
            print(
                f"  after {mark:>6} messages  RSS {rss_mb():6.1f} MB   "
                f"{start}-{mark}: median {statistics.median(times):.3f} ms  "
                f"p99 {percentile(times, 99):.3f} ms  max {max(times):.2f} ms"
            )
            start = mark
    if rows:
        print(" stages, first pass:")
        print_stages(rows)


if __name__ == "__main__":
    main()
