"""Real servers for tests: gunicorn, PostgreSQL and Redis on 127.0.0.1, and
the base of the small HTTP servers tests answer for themselves.

Each starts on a free port in a temporary directory and stops itself at the
end. With CI=true a missing program is a failure, never a skip.
"""

from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def e2e_env(tmp_path: Path, **more: str) -> dict[str, str]:
    """A served bot's settings in ``tmp_path``: its own SQLite file and spool,
    a secret key, quiet logs; rate limits at their defaults. ``more`` adds to
    them or overrides them."""
    return {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
        "FAQBOT_SECRET_KEY": "e2e-secret-" + "k" * 32,
        "FAQBOT_SPOOL_PATH": str(tmp_path / "spool.jsonl"),
        "FAQBOT_LOG_LEVEL": "WARNING",
        **more,
    }


def post_json(url: str, body: object, timeout: float = 30) -> tuple[int, dict]:
    """POST ``body`` as JSON; the status and the JSON reply, error or not."""
    req = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def require(what: str, available: bool) -> None:
    """Skip when a service is missing locally; fail in CI, where nothing may skip."""
    if available:
        return
    message = f"{what} is not installed (run scripts/install-services)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(
    port: int, timeout: float = 20.0, proc: subprocess.Popen | None = None
) -> None:
    """Block until something accepts connections on ``port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before listening")
        with socket.socket() as s:
            s.settimeout(0.2)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on port {port} after {timeout}s")


# --- small HTTP servers the tests answer for ----------------------------------------


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that keeps access lines out of the test output."""

    def log_message(self, *args) -> None:
        pass


@dataclass
class HttpStub:
    """An HTTP server on 127.0.0.1 in a thread, answering with ``handler()``.

    Stopped and started again it keeps its port ("the server was down").
    """

    port: int = field(default_factory=free_port)
    httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def handler(self) -> type[BaseHTTPRequestHandler]:
        """The request handler class; subclasses define it."""
        raise NotImplementedError

    def start(self) -> Self:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), self.handler())
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None


# --- gunicorn ---------------------------------------------------------------------


@dataclass
class Gunicorn:
    """The app under gunicorn (the Procfile's command) on 127.0.0.1."""

    env: dict[str, str]
    workers: int = 2
    port: int = field(default_factory=free_port)
    extra_args: list[str] = field(default_factory=list)
    proc: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Gunicorn:
        fd, log_name = tempfile.mkstemp(prefix="gunicorn-", suffix=".log")
        os.close(fd)
        self.log_path = Path(log_name)
        env = {**os.environ, **self.env}
        env.pop("WEB_CONCURRENCY", None)
        cmd = [
            str(Path(sys.executable).parent / "gunicorn"),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--graceful-timeout",
            "2",
            "--timeout",
            "30",
            *self.extra_args,
            "faqbot.app:create_app()",
        ]
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(
                cmd,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_for_port(self.port, proc=self.proc)
            # Every worker must have booted (each builds its own index) before
            # tests count on them. A loaded machine boots slowly: the first
            # answer may take a while, never a test's failure by itself.
            deadline = time.monotonic() + 60
            while len(self.worker_pids()) < self.workers:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            self.get("/healthz", timeout=60)
        except BaseException:
            # A server that never came up is stopped here, not left running
            # into the next test.
            self.stop()
            raise
        return self

    def worker_pids(self) -> list[int]:
        """PIDs of the running workers (children of the master)."""
        if self.proc is None:
            return []
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.proc.pid)],
            capture_output=True,
            text=True,
        ).stdout
        return [int(p) for p in out.split()]

    def get(self, path: str, timeout: float = 10) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path else ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if self.log_path and self.log_path.exists():
            self.log_path.unlink()


# --- PostgreSQL -------------------------------------------------------------------


def pg_bindir() -> Path | None:
    """Where Debian keeps the PostgreSQL server programs, if installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@dataclass
class Postgres:
    """A throwaway PostgreSQL cluster (run as the postgres user when we are root)."""

    bindir: Path
    port: int = field(default_factory=free_port)
    tmp: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="faqbot-pg-"))
    )

    @property
    def data(self) -> Path:
        return self.tmp / "data"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(
            cmd, capture_output=True, text=True, check=check, timeout=60
        )

    def init(self) -> Postgres:
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.tmp, pw.pw_uid, pw.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C",
        )
        return self

    def start(self) -> Postgres:
        opts = (
            f"-p {self.port} -k {self.tmp} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            opts,
            "-l",
            str(self.tmp / "log"),
            "-w",
            "-t",
            "30",
            "start",
        )
        return self

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.tmp, ignore_errors=True)


# --- Redis --------------------------------------------------------------------------


@dataclass
class Redis:
    """A throwaway Redis server without persistence."""

    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> Redis:
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, proc=self.proc)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
