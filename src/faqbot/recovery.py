"""Back to normal after the database was down: the spool importer and health.

While records wait in the spool, a daemon thread in the process that spooled
them (started on the first spooled record, or at start-up when a spool is
left over) checks every ``spool_replay_seconds`` whether the database answers
and imports them. It stops once the spool is empty, so a healthy process runs
no extra thread. Nothing here runs Flask: ``/healthz`` and ``faqbot spool``
call :func:`health` and :meth:`Spool.replay`.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from .spool import Spool
from .storage import Store

log = logging.getLogger(__name__)


class Importer:
    """Imports the spool once the database is back, from a background thread.

    One per process: ``wake()`` starts the thread when it is not running in
    this process (gunicorn forks workers; threads do not survive a fork).
    """

    def __init__(self, spool: Spool, store: Store | None, interval: float) -> None:
        self.spool = spool
        self.store = store
        self.interval = interval
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None
        self.stop = threading.Event()

    def wake(self) -> bool:
        """Make sure the importer runs while the spool holds records."""
        if self.store is None or self.interval <= 0 or not self.spool.pending():
            return False
        with self._lock:
            running = self._thread is not None and self._thread.is_alive()
            if running and self._pid == os.getpid():
                return True
            self._pid = os.getpid()
            self._thread = threading.Thread(
                target=self._run, name="faqbot-spool-import", daemon=True
            )
            self._thread.start()
        return True

    def run_once(self) -> int:
        """Import what waits if the database answers; returns how many."""
        if self.store is None or not self.spool.pending():
            return 0
        if not self.store.ping():
            return 0
        return self.spool.replay(self.store, wait=False)

    def _run(self) -> None:
        log.warning(
            "records wait in the spool; checking for the database every %gs",
            self.interval,
        )
        while not self.stop.wait(self.interval):
            try:
                self.run_once()
            except (SQLAlchemyError, OSError) as exc:
                log.error("spool import failed (%s); will retry", type(exc).__name__)
            with self._lock:  # wake() sees either a running thread or none
                if not self.spool.pending():
                    self._thread = None
                    log.warning("the spool is empty: every record is in the database")
                    return

    def pause(self) -> None:
        """Stop the thread, ready to ``wake()`` again (in a forked worker)."""
        self.close()
        with self._lock:
            self._thread, self._pid = None, None
            self.stop = threading.Event()

    def close(self, timeout: float = 5.0) -> None:
        """Stop the thread (tests, shutdown)."""
        self.stop.set()
        thread = self._thread
        if thread is not None and thread.is_alive():
            thread.join(timeout)


def health(store: Store, spool: Spool) -> dict[str, Any]:
    """What /healthz reports: ``degraded`` while the database is unreachable or
    records still wait in the spool. Imports the spool when it can."""
    db_ok = store.ping()
    if db_ok and spool.pending():
        try:
            spool.replay(store, wait=False)
        except OSError as exc:
            log.error("spool import failed (%s)", type(exc).__name__)
    waiting = spool.count()
    return {
        "status": "ok" if db_ok and not waiting else "degraded",
        "database": "ok" if db_ok else "unavailable",
        "spooled_records": waiting,
        "spooled_bytes": spool.pending(),
    }
