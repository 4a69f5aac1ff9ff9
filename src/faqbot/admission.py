"""How many requests a threaded gunicorn worker runs through the app at once.

gunicorn.conf.py gives each worker many threads so that requests which only
wait (a refused login held back, a request waiting its turn) never hold up
anyone. Running all of them through the app together is not faster on two
cores: the threads of one process take turns on its GIL and on the SQLite
write lock, and under load the slowest waited over a second (bench/http_load.py
with 2 workers: p99 1.0 and 1.6 s with 32 threads in the app, 0.1 to 0.2 s one
at a time, as with sync workers). ``Admission`` lets ``APP_SLOTS`` requests at a
time into the app; the others wait their turn, in order, in their threads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

APP_SLOTS = 1  # per worker, as a sync worker: what the measurements favour


class Admission:
    """WSGI middleware: at most ``slots`` requests in the app at once (none
    when unset: a sync worker runs one request at a time anyway)."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app
        self.slots: threading.Semaphore | None = None

    def fit_threads(self, threads: int) -> None:
        """Turns for a worker of ``threads`` threads."""
        self.slots = threading.Semaphore(APP_SLOTS) if threads > APP_SLOTS else None

    @contextmanager
    def aside(self) -> Iterator[None]:
        """Give up this request's turn while it waits on work that needs no
        GIL (an Argon2 hash: about 0.1 s), so the worker's next request runs
        meanwhile; take a new turn after."""
        slots = self.slots
        if slots is None:
            yield
            return
        slots.release()
        try:
            yield
        finally:
            slots.acquire()

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        slots = self.slots
        if slots is None:
            return self.app(environ, start_response)
        # The body is sent after the app returns, outside the turn: a slow
        # client never holds one.
        with slots:
            return self.app(environ, start_response)
