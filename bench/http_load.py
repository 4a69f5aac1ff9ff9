"""HTTP load benchmark: /api/ask under gunicorn next to the framework floor, and
the resident memory of a worker.

    python bench/http_load.py                      # 2 and 4 workers, 10 s each
    python bench/http_load.py --duration 5 --workers 2
    python bench/http_load.py --skip-load          # memory only
    python bench/http_load.py --skip-load --big 0  # memory, the real FAQ only
    python bench/http_load.py --workers 2 --repeat 1 --skip-memory --max-requests 0
    python bench/http_load.py --workers 2 --repeat 1 --skip-memory --distinct 30000

(Not bench/http.py: Python puts a script's own directory first on sys.path, and
a file called http.py there would shadow the standard library's http package.)

Both servers are started with the Procfile's command (``gunicorn
'faqbot.app:create_app()'``, with gunicorn.conf.py's threaded workers) and the
same flags, on 127.0.0.1, and driven by wrk (Debian package) with the same Lua
script: POSTs to /api/ask cycling through a fixed mix of answered, clarify and
unmatched questions from the real FAQ (each one's status is checked before the
run), or with ``--distinct N`` through N messages that never repeat
(bench/growth.py's: the labelled train and dev messages, then variants), the
warm-up sending the first half and the timed run the second. gunicorn.conf.py
replaces a worker after ``max_requests`` requests; ``--max-requests`` overrides
it for both servers (0: never replaced), and the ``forks`` column counts the
workers booted during the timed run (from gunicorn's log). The app records every
ask to SQLite, as a one-machine deployment does; the floor (bench/floor.py)
returns a fixed JSON body and ignores the request. Rate limiting is off for the
run (FAQBOT_RATE_LIMIT=off): with it on, one load generator on one address would
get 429s.

Memory is each worker's resident set (VmRSS), its private part (USS, from
/proc/PID/smaps_rollup: what one more worker costs) and its proportional share
(PSS), the master's RSS and USS, and the PSS of master and workers together,
after a warm-up, with the real FAQ and with a generated FAQ of 10,000 entries
of 20 phrasings each (bench/matcher.py's synthetic FAQ, written to YAML with
the real vocabulary less its topic scopes, and served through FAQBOT_FAQ_PATH).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "src"))

from faqbot.ask import Assistant  # noqa: E402
from faqbot.config import Settings  # noqa: E402

FAQ_PATH = ROOT / "faq" / "faq.yaml"
APP = "faqbot.app:create_app()"
# What the load run sends: real phrasings of each kind. Clarify depends on the
# FAQ's tuned thresholds, so candidates are checked and only real ones are kept.
UNMATCHED = [
    "how much does it cost",
    "do you take blue cross insurance",
    "what dose of ketamine do you use",
    "can i drive home after an infusion",
    "is it safe if i am pregnant",
    "what are the side effects",
    "do you have parking",
    "can my husband come with me",
]
CLARIFY_CANDIDATES = [
    "treatment",
    "pain",
    "aura",
    "migraine pain",
    "infusion clinic",
    "treatment how long",
    "infusion headache",
    "infusion symptoms",
    "aura treatment",
    "pain treatment",
]
MIX = {"answered": 12, "clarify": 4, "unmatched": 4}  # per 20 requests


# --- servers ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_cmd(spec: str, port: int, workers: int, *extra: str) -> list[str]:
    """The Procfile's web command with the benchmark's bind and worker count."""
    return [
        str(Path(sys.executable).parent / "gunicorn"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "120",  # a 10,000-entry FAQ takes a while to index at boot
        *extra,
        spec,
    ]


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True
    ).stdout
    return [int(p) for p in out.split()]


def booted(log: str) -> int:
    """How many workers gunicorn's log (``serve``'s fourth value) says it booted."""
    return Path(log).read_text().count("Booting worker")


@contextmanager
def serve(spec: str, workers: int, env: dict[str, str], *extra: str):
    """Run gunicorn until every worker answers; yields (url, master pid, seconds
    to ready, the log's path)."""
    port = free_port()
    log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in the finally
        "w+", prefix="bench-gunicorn-", suffix=".log", delete=False
    )
    proc = subprocess.Popen(
        gunicorn_cmd(spec, port, workers, *extra),
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    try:
        deadline = started + 300
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"gunicorn did not start:\n{log.read()[-3000:]}")
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=60):
                    pass
                if len(worker_pids(proc.pid)) >= workers:
                    break
            except OSError:
                time.sleep(0.1)
        yield url, proc.pid, time.monotonic() - started, log.name
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
        os.unlink(log.name)


def app_env(tmp: Path, faq_path: Path = FAQ_PATH) -> dict[str, str]:
    """The environment of a one-machine deployment recording to SQLite."""
    return {
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "FAQBOT_FAQ_PATH": str(faq_path),
        "FAQBOT_SECRET_KEY": "bench-secret-" + "k" * 32,
        "FAQBOT_TWILIO_AUTH_TOKEN": "bench-twilio-token",
        "FAQBOT_SPOOL_PATH": str(tmp / "spool.jsonl"),
        "FAQBOT_RATE_LIMIT": "off",
        "FAQBOT_HEALTHZ_RATE_LIMIT": "off",
    }


# --- the request mix ------------------------------------------------------------------


def build_mix(faq_path: Path = FAQ_PATH) -> list[tuple[str, str]]:
    """(status, question) pairs in the proportions of MIX, each status checked."""
    bot = Assistant(Settings(faq_path=str(faq_path), database_url="sqlite://"))
    by_status: dict[str, list[str]] = {"answered": [], "clarify": [], "unmatched": []}
    sources = {
        "answered": [p for e in bot.faq.entries for p in e.phrasings],
        "clarify": CLARIFY_CANDIDATES,
        "unmatched": UNMATCHED,
    }
    for status, texts in sources.items():
        by_status[status] = [t for t in texts if bot.classify(t).status == status]
    picked: dict[str, list[str]] = {}
    for status, count in MIX.items():
        found = by_status[status]
        if not found:
            raise SystemExit(f"no {status} question found for the mix")
        # Spread over the whole FAQ rather than the first few entries.
        step = max(1, len(found) // count)
        picked[status] = [found[(i * step) % len(found)] for i in range(count)]
    # Interleave the kinds so that every stretch of the run sees all three.
    mix: list[tuple[str, str]] = []
    while any(picked.values()):
        for status, left in picked.items():
            if left:
                mix.append((status, left.pop(0)))
    return mix


def distinct_mix(n: int) -> list[tuple[str, str]]:
    """``n`` messages that never repeat (bench/growth.py's), status unchecked."""
    from growth import distinct

    return [("distinct", q) for q in distinct(n)]


def write_lua(mix: list[tuple[str, str]], path: Path, threads: int) -> None:
    """A wrk script that POSTs the mix's questions to /api/ask in turn.

    wrk's threads take every ``threads``-th question each (no two send the
    same one), starting from the offset given after ``--`` on wrk's command
    line."""
    bodies = ",\n  ".join(
        json.dumps(json.dumps({"question": q})) for _, q in mix
    )  # a JSON string literal is a valid Lua string literal for this text
    path.write_text(
        f"""-- generated by bench/http_load.py
local bodies = {{
  {bodies}
}}
local threads = {threads}
local made = 0
function setup(thread)
  thread:set("id", made)
  made = made + 1
end
local i = 0
function init(args)
  i = tonumber(args[1] or "0") + id
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local body = bodies[(i % #bodies) + 1]
  i = i + threads
  return wrk.format(nil, "/api/ask", nil, body)
end
"""
    )


# --- wrk ----------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * _UNITS[unit]


def run_wrk(
    url: str,
    lua: Path,
    duration: float,
    threads: int,
    connections: int,
    start: int = 0,
) -> dict[str, float]:
    """One wrk run; req/s, p50/p99 (ms), non-2xx responses and socket errors.

    Each wrk connection is kept alive; when gunicorn replaces a worker, the
    worker's connections are answered with ``Connection: close`` and wrk
    opens new ones (counted in neither column unless one fails)."""
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration:g}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(lua),
            url + "/api/ask",
            "--",
            str(start),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    pct = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    total = re.search(r"(\d+) requests in", out)
    return {
        "rps": rps,
        "p50_ms": _ms(pct["50"]),
        "p99_ms": _ms(pct["99"]),
        "requests": int(total.group(1)),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


def measure(
    label: str, url: str, lua: Path, log: str, args: argparse.Namespace
) -> dict[str, object]:
    run_wrk(url, lua, args.warmup, args.threads, args.connections)  # warm caches
    before = booted(log)
    # With --distinct the timed run starts where the warm-up cannot have reached.
    start = args.distinct // 2
    result = run_wrk(url, lua, args.duration, args.threads, args.connections, start)
    return {"server": label, **result, "forks": booted(log) - before}


# --- memory -------------------------------------------------------------------------


def memory_mb(pid: int) -> tuple[float, float, float]:
    """(RSS, USS, PSS) of a process in MiB, from /proc.

    USS (private clean + dirty) is what one more worker costs; PSS charges
    each page shared by n processes 1/n to each of them.
    """
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    uss = sum(
        int(v) for v in re.findall(r"Private_(?:Clean|Dirty):\s+(\d+) kB", rollup)
    )
    pss = int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1))
    return rss / 1024, uss / 1024, pss / 1024


def write_synthetic_faq(n: int, path: Path) -> None:
    """The real FAQ file with its entries replaced by ``n`` synthetic ones."""
    import yaml

    from matcher import synthetic_faq

    raw = yaml.safe_load(FAQ_PATH.read_text())
    faq, _ = synthetic_faq(n)
    raw["source"] = str((FAQ_PATH.parent / raw["source"]).resolve())
    # The entries' phrasings inline, and the real vocabulary beside the file
    # less its topic scopes: they name the real entries' ids, which the
    # generated FAQ lacks (the FAQ check rejects a scope that names no entry).
    # Unscoped, those topics stop every entry's answer, as the vocabulary's
    # other handoff topics do.
    real_voc = (FAQ_PATH.parent / raw["vocabulary"]).resolve()
    voc = yaml.safe_load(real_voc.read_text())
    voc.pop("handoff_topic_scope", None)
    if "classifier" in voc:
        voc["classifier"] = str(real_voc.parent / voc["classifier"])
    voc_path = path.with_name(path.stem + "-vocabulary.yaml")
    voc_path.write_text(yaml.safe_dump(voc, sort_keys=False, allow_unicode=True))
    raw["vocabulary"] = str(voc_path)
    raw.pop("phrasings", None)
    patterns = {s.id: list(s.patterns) for s in faq.smalltalk}
    for item in raw["smalltalk"]:
        item["patterns"] = patterns[item["id"]]
    raw["entries"] = [
        {
            "id": e.id,
            "question": e.question,
            "alternates": list(e.alternates),
            "answer": f"Answer {i}. Call us at 833-867-2329.",
            "sms": f"Answer {i}. Call 833-867-2329.",
            "section": "synthetic",
        }
        for i, e in enumerate(faq.entries)
    ]
    raw["widget"]["suggested"] = [e.id for e in faq.entries[:4]]
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(raw, Dumper=dumper, sort_keys=False, allow_unicode=True))


def post(url: str, question: str) -> None:
    req = urllib.request.Request(
        url + "/api/ask",
        data=json.dumps({"question": question}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        resp.read()


def memory_rows(args: argparse.Namespace, tmp: Path) -> list[dict[str, object]]:
    faqs = [("real FAQ", FAQ_PATH)]
    if args.big:  # --big 0: the real FAQ only
        big = tmp / f"faq-{args.big}.yaml"
        write_synthetic_faq(args.big, big)
        faqs.append((f"{args.big:,} entries", big))
    rows = []
    for label, faq in faqs:
        mix = build_mix(faq) if faq == FAQ_PATH else None
        questions = [q for _, q in mix] if mix else _synthetic_questions(faq)
        sub = tmp / label.replace(" ", "-").replace(",", "")
        sub.mkdir()
        env = app_env(sub, faq)
        with serve(APP, args.memory_workers, env) as (url, master, ready, _):
            for _ in range(10):  # every worker has answered a few of each kind
                for q in questions:
                    post(url, q)
            sizes = [memory_mb(pid) for pid in worker_pids(master)]
            m_rss, m_uss, m_pss = memory_mb(master)
        rows.append(
            {
                "faq": label,
                "workers": len(sizes),
                "ready_s": round(ready, 1),
                "rss_mb": round(max(r for r, _, _ in sizes), 1),
                "uss_mb": round(max(u for _, u, _ in sizes), 1),
                "pss_mb": round(max(p for _, _, p in sizes), 1),
                "master_rss_mb": round(m_rss, 1),
                "master_uss_mb": round(m_uss, 1),
                # What the master and all its workers take together.
                "total_pss_mb": round(m_pss + sum(p for _, _, p in sizes), 1),
            }
        )
    return rows


def _synthetic_questions(path: Path) -> list[str]:
    import yaml

    raw = yaml.safe_load(path.read_text())
    return [e["alternates"][0] for e in raw["entries"][:20]] + UNMATCHED[:5]


# --- the load run ----------------------------------------------------------------

LOAD_COLUMNS = [
    "server",
    "workers",
    "rps",
    "p50_ms",
    "p99_ms",
    "requests",
    "non_2xx",
    "socket_errors",
    "forks",
    "ratio",
]


def load_rows(
    args: argparse.Namespace, tmp: Path, lua: Path
) -> list[dict[str, object]]:
    """Floor and app runs, alternated ``args.repeat`` times per worker count;
    each row is the run with the median req/s, the ratio that of the medians."""
    rows = []
    extra = []
    if args.max_requests is not None:
        extra = ["--max-requests", str(args.max_requests)]
    for workers in args.workers:
        floors, apps = [], []
        for i in range(args.repeat):
            with serve(
                "floor:app", workers, {}, "--pythonpath", str(BENCH), *extra
            ) as (url, _, _, log):
                floors.append(measure("floor (fixed JSON)", url, lua, log, args))
            sub = tmp / f"load-{workers}-{i}"
            sub.mkdir()
            with serve(APP, workers, app_env(sub), *extra) as (url, _, _, log):
                apps.append(measure("faqbot /api/ask", url, lua, log, args))
        floor, app = _median(floors), _median(apps)
        app["ratio"] = f"{app['rps'] / floor['rps']:.0%}"
        if args.repeat > 1:
            pairs = ", ".join(
                f"{a['rps'] / f['rps']:.0%}" for f, a in zip(floors, apps, strict=True)
            )
            app["ratio"] += f" (runs: {pairs})"
        for row in (floor, app):
            row["workers"] = workers
            rows.append(row)
    return rows


def _median(runs: list[dict[str, object]]) -> dict[str, object]:
    return sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]


def _loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- profile ---------------------------------------------------------------------


def profile(tmp: Path, requests: int = 3000) -> None:
    """Where one /api/ask's time goes, in process: the same mix through the WSGI
    app, timed plainly and then under cProfile (own time summed per module)."""
    import cProfile
    import io
    import pstats
    from collections import defaultdict

    from faqbot.app import create_app

    settings = Settings.from_env(app_env(tmp)).replace(log_level="WARNING")
    app = create_app(settings)
    bodies = [json.dumps({"question": q}).encode() for _, q in build_mix()]

    def call(i: int) -> None:
        body = bodies[i % len(bodies)]
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/api/ask",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        b"".join(app.wsgi_app(environ, lambda *a: None))

    for i in range(200):
        call(i)
    started = time.perf_counter()
    for i in range(requests):
        call(i)
    plain = (time.perf_counter() - started) / requests * 1000
    prof = cProfile.Profile()
    prof.enable()
    for i in range(requests):
        call(i)
    prof.disable()

    def module(file: str) -> str:
        if "site-packages/" in file:
            return file.split("site-packages/")[1].split("/")[0]
        if "/src/faqbot/" in file:
            return "faqbot/" + file.split("/src/faqbot/")[1]
        return "standard library"

    # Own time per module; a C function's time (regex, sum, sqlite3) goes to
    # the module that called it.
    own: dict[str, float] = defaultdict(float)
    for (file, _, _), (_, _, tottime, _, callers) in pstats.Stats(prof).stats.items():
        if file != "~":
            own[module(file)] += tottime
            continue
        for (caller_file, _, _), edge in callers.items():
            own[module(caller_file)] += edge[2]
    total = sum(own.values())
    print(
        f"\nin-process /api/ask (no HTTP server): {plain:.3f} ms per request "
        f"unprofiled; under cProfile, own time per module:\n"
    )
    rows = [
        {"module": k, "share": f"{v / total:.0%}"}
        for k, v in sorted(own.items(), key=lambda kv: -kv[1])
        if v / total >= 0.01
    ]
    print(table(rows, ["module", "share"]))
    app.extensions["faqbot"].store.dispose()


# --- report ---------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown"
    try:
        found = re.search(
            r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M
        )
        cpu = found.group(1) if found else cpu
    except OSError:
        pass
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    gunicorn = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--version"],
        capture_output=True,
        text=True,
    )
    import sqlite3

    return [
        f"machine: {os.cpu_count()} cores (nproc), {cpu}; "
        f"load average before: {_loadavg()}",
        f"python: {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{gunicorn.stdout.strip() or gunicorn.stderr.strip()}, "
        f"{(wrk.stdout or wrk.stderr).splitlines()[0]}",
    ]


def table(rows: list[dict[str, object]], cols: list[str]) -> str:
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        lines.append("| " + " | ".join(_fmt(r.get(c, "")) for c in cols) + " |")
    return "\n".join(lines)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 100 else f"{value:.2f}"
    return str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, nargs="*", default=[2, 4])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--big", type=int, default=10000, help="entries (0: the real FAQ only)"
    )
    parser.add_argument("--memory-workers", type=int, default=2)
    parser.add_argument(
        "--repeat", type=int, default=3, help="floor/app pairs per worker count"
    )
    parser.add_argument(
        "--max-requests",
        type=int,
        help="gunicorn's --max-requests for both servers "
        "(default gunicorn.conf.py's; 0: workers never replaced)",
    )
    parser.add_argument(
        "--distinct",
        type=int,
        default=0,
        metavar="N",
        help="send N messages that never repeat instead of the FAQ mix",
    )
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument(
        "--profile", action="store_true", help="also profile /api/ask in process"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None and not args.skip_load:
        raise SystemExit("no wrk: run FAQBOT_BENCH=1 bash scripts/install-services")

    for line in machine():
        print(line)
    with tempfile.TemporaryDirectory(prefix="faqbot-bench-") as name:
        tmp = Path(name)
        if not args.skip_load:
            mix = distinct_mix(args.distinct) if args.distinct else build_mix()
            lua = tmp / "ask.lua"
            write_lua(mix, lua, args.threads)
            counts = {s: sum(1 for st, _ in mix if st == s) for s in [*MIX, "distinct"]}
            replaced = (
                "gunicorn.conf.py's max_requests"
                if args.max_requests is None
                else f"--max-requests {args.max_requests}"
            )
            print(
                f"\nload: wrk -t{args.threads} -c{args.connections} "
                f"-d{args.duration:g}s (after a {args.warmup:g}s warm-up), "
                "POST /api/ask cycling through "
                + ", ".join(f"{n} {s}" for s, n in counts.items() if n)
                + f" questions; SQLite; rate limit off; {replaced}; median of "
                f"{args.repeat} alternating floor/app runs\n"
            )
            print(table(load_rows(args, tmp, lua), LOAD_COLUMNS))
            print(f"\nload average after the run: {_loadavg()}")
        if args.profile:
            sub = tmp / "profile"
            sub.mkdir()
            profile(sub)
        if not args.skip_memory:
            print(f"\nmemory per worker ({args.memory_workers} workers, max):\n")
            print(
                table(
                    memory_rows(args, tmp),
                    [
                        "faq",
                        "workers",
                        "ready_s",
                        "rss_mb",
                        "uss_mb",
                        "pss_mb",
                        "master_rss_mb",
                        "master_uss_mb",
                        "total_pss_mb",
                    ],
                )
            )


if __name__ == "__main__":
    main()
