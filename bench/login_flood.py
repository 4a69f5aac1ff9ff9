"""Login flood benchmark: /api/ask latency while clients hammer /staff/login.

    python bench/login_flood.py                   # 8 and 32 flooding threads
    python bench/login_flood.py --threads 8 --asks 200
    python bench/login_flood.py --no-limits       # the same with login limits off
    python bench/login_flood.py --target healthz  # a flood that does no login

gunicorn runs the Procfile's command (with gunicorn.conf.py, which gunicorn
reads from the working directory; 2 workers by default) on a fresh SQLite
database with one staff account. One client asks /api/ask questions one after
another and records each latency, first with nothing else running ("idle"),
then while N threads each fetch the login form and post a wrong password to
it as fast as they can, from one address. The figure the issue asks for: the
flooded median within 2 times the idle median.

The flood runs on the same cores as the server. To keep that fair and bounded,
its threads live in one process of their own: one GIL, so the flood uses at
most one core (the table prints what it used), and the patient's client, in
this process, never waits for the flood's threads to hand it the GIL.
``--no-limits`` shows what the same flood costs with the login limits off.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import multiprocessing
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.servers import Gunicorn  # noqa: E402

from faqbot import accounts  # noqa: E402
from faqbot.storage import Store  # noqa: E402

EMAIL, PASSWORD = "nurse@clinic.example", "a long enough passphrase"
QUESTIONS = ["where is the clinic located?", "how much does it cost", "hello"]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def ask_latencies(base: str, n: int) -> list[float]:
    out = []
    for i in range(n):
        body = json.dumps({"question": QUESTIONS[i % len(QUESTIONS)]}).encode()
        req = urllib.request.Request(
            base + "/api/ask", data=body, headers={"Content-Type": "application/json"}
        )
        t = time.perf_counter()
        with urllib.request.urlopen(req, timeout=60) as resp:
            resp.read()
        out.append((time.perf_counter() - t) * 1000)
    return out


def flood(
    base: str, stop: threading.Event, counts: dict[int, int], target: str
) -> None:
    """One flooding thread: the login form and a wrong password, again and again."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def healthz() -> None:  # the same number of requests, no login at all
        for _ in range(2):
            opener.open(base + "/healthz", timeout=60).read()

    def login() -> None:
        page = opener.open(base + "/staff/login", timeout=60).read().decode()
        token = CSRF.search(page).group(1)
        data = urllib.parse.urlencode(
            {"csrf_token": token, "email": EMAIL, "password": "wrong guess!!"}
        ).encode()
        opener.open(base + "/staff/login", data=data, timeout=60).read()

    attempt = healthz if target == "healthz" else login
    while not stop.is_set():
        try:
            attempt()
            status = 200
        except urllib.error.HTTPError as exc:
            status = exc.code
        except OSError:
            status = 0
        counts[status] = counts.get(status, 0) + 1


def flood_process(base: str, n: int, stop: Any, results: Any, target: str) -> None:
    """The flooding client: N threads in one process of its own.

    One process holds one GIL, so the flood uses at most one of the machine's
    cores, and the patient's client (another process) never waits for the
    flood's threads to hand it the GIL.
    """
    halt, counts = threading.Event(), {}
    start, cpu = time.perf_counter(), time.process_time()
    pool = [
        threading.Thread(target=flood, args=(base, halt, counts, target))
        for _ in range(n)
    ]
    for t in pool:
        t.start()
    stop.wait()
    halt.set()
    for t in pool:
        t.join()
    results.put((counts, (time.process_time() - cpu) / (time.perf_counter() - start)))


def run(threads: list[int], asks: int, workers: int, limits: bool, target: str) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="login-flood-"))
    url = f"sqlite:///{tmp / 'faqbot.sqlite3'}"
    store = Store(url)
    store.init_db()
    accounts.add(store, EMAIL, PASSWORD)
    store.dispose()
    env = {
        "DATABASE_URL": url,
        "FAQBOT_SECRET_KEY": "bench-" + "k" * 32,
        "FAQBOT_SECURE_COOKIES": "0",
        "FAQBOT_RATE_LIMIT": "off",  # one address asks: keep /api/ask unlimited
        "FAQBOT_SPOOL_PATH": str(tmp / "spool.jsonl"),
    }
    if not limits:
        env["FAQBOT_LOGIN_RATE_LIMIT"] = "off"
        env["FAQBOT_LOGIN_ACCOUNT_RATE_LIMIT"] = "off"
        env["FAQBOT_LOCKOUT_ATTEMPTS"] = "1000000"
    server = Gunicorn(env=env, workers=workers).start()
    failed = 0
    ctx = multiprocessing.get_context("spawn")
    try:
        ask_latencies(server.url, 20)  # warm-up
        idle = statistics.median(ask_latencies(server.url, asks))
        kind = re.search(r"Using worker: (\w+)", server.log())
        print(
            f"login limits {'on' if limits else 'off'}, {workers} "
            f"{kind.group(1) if kind else '?'} workers, flooding {target}"
        )
        print(
            "| flooding threads | /api/ask p50 ms | × idle | answers to the flood "
            "| flood client CPU (cores) |"
        )
        print("|---|---|---|---|---|")
        print(f"| 0 (idle) | {idle:.1f} | 1.0 | | |")
        for n in threads:
            stop, results = ctx.Event(), ctx.Queue()
            flooder = ctx.Process(
                target=flood_process, args=(server.url, n, stop, results, target)
            )
            flooder.start()
            time.sleep(2)
            busy = statistics.median(ask_latencies(server.url, asks))
            stop.set()
            counts, cores = results.get(timeout=120)
            flooder.join()
            ratio = busy / idle
            failed += ratio > 2
            answers = ", ".join(
                f"{k or 'error'}: {v}" for k, v in sorted(counts.items())
            )
            print(f"| {n} | {busy:.1f} | {ratio:.1f} | {answers} | {cores:.2f} |")
    finally:
        server.stop()
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, nargs="*", default=[8, 32])
    parser.add_argument("--asks", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-limits", action="store_true")
    parser.add_argument(
        "--target",
        choices=["login", "healthz"],
        default="login",
        help="healthz: the same request rate on a page with no login, for scale",
    )
    args = parser.parse_args()
    os.chdir(ROOT)
    failed = run(args.threads, args.asks, args.workers, not args.no_limits, args.target)
    sys.exit(1 if failed and not args.no_limits else 0)


if __name__ == "__main__":
    main()
