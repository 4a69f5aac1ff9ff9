"""Rate-limit counters in an SQLite file, shared by every worker on one machine.

gunicorn's workers are separate processes: counters kept in each one's
memory let ``workers x limit`` requests through. A small SQLite file (WAL,
one atomic upsert per hit) is shared by all of them without another server;
Redis remains the choice across machines. Registered with ``limits`` as the
``sqlite://`` scheme: ``sqlite:///relative/path`` or ``sqlite:////absolute``.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from pathlib import Path

from limits.storage import Storage

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS counters ("
    "key TEXT PRIMARY KEY, hits INTEGER NOT NULL, expires REAL NOT NULL)"
)
_INCR = (
    "INSERT INTO counters (key, hits, expires) VALUES (?1, ?2, ?3) "
    "ON CONFLICT(key) DO UPDATE SET "
    "hits = CASE WHEN expires <= ?4 THEN ?2 ELSE hits + ?2 END, "
    "expires = CASE WHEN expires <= ?4 THEN ?3 ELSE expires END "
    "RETURNING hits"
)
SWEEP_EVERY = 500  # hits between deletions of expired counters
log = logging.getLogger(__name__)


class SQLiteStorage(Storage):
    """A ``limits`` storage for fixed windows, in one SQLite file."""

    STORAGE_SCHEME = ["sqlite"]  # noqa: RUF012 (the name limits looks for)

    def __init__(
        self, uri: str, wrap_exceptions: bool = False, **options: float | str | bool
    ) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.path = Path(uri.split("://", 1)[1][1:] or "ratelimits.sqlite3")
        self._local = threading.local()
        self._pid = os.getpid()
        self._hits = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn().execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            # Never a reason not to start: the limiter falls back to counting
            # in memory while this store fails (FAQBOT_RATELIMIT_STORAGE).
            log.error("rate-limit counters unavailable in %s (%s)", self.path, exc)

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _conn(self) -> sqlite3.Connection:
        if self._pid != os.getpid():  # a worker forked from a preloaded app
            self._local, self._pid = threading.local(), os.getpid()
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=2.0, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")  # counters, not records
            self._local.conn = conn
        return conn

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add ``amount`` to ``key``'s window (a new one once it expired)."""
        now = time.time()
        conn = self._conn()
        (hits,) = conn.execute(_INCR, (key, amount, now + expiry, now)).fetchone()
        self._hits += 1
        if self._hits % SWEEP_EVERY == 0:
            conn.execute("DELETE FROM counters WHERE expires <= ?", (now,))
        return int(hits)

    def get(self, key: str) -> int:
        row = (
            self._conn()
            .execute(
                "SELECT hits FROM counters WHERE key = ? AND expires > ?",
                (key, time.time()),
            )
            .fetchone()
        )
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = (
            self._conn()
            .execute("SELECT expires FROM counters WHERE key = ?", (key,))
            .fetchone()
        )
        return float(row[0]) if row else time.time()

    def check(self) -> bool:
        try:
            self._conn().execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        return self._conn().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        self._conn().execute("DELETE FROM counters WHERE key = ?", (key,))
