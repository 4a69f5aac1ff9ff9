"""What keeps a login flood away from patients: per-address and per-account
limits on login attempts, and a cap on password checks running at once.

The limits are Flask-Limiter's own rate-limit library (``limits``) on the
same counter store as the API's limits (FAQBOT_RATELIMIT_STORAGE), checked
before any password is hashed. An address over its limit is answered by
``LoginGate`` in front of the app, before Flask builds a request, a session,
a form or a CSRF token: a flood gets 429s for the price of a counter read.
Argon2 costs about 0.2 s of CPU per check; at most FAQBOT_LOGIN_HASH_SLOTS
run at once in a worker, and a login that finds none free gets a 429 at
once instead of queueing behind the flood.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from limits import RateLimitItem, parse_many
from limits.errors import ConfigurationError
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from ..config import Settings, SettingsError
from ..errors import error_html
from ..protection import network_key, storage_uri

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger(__name__)

TOO_MANY = (
    "Too many login attempts right now. Please wait {wait} and try again; "
    "ask an admin if you are stuck."
)
SLOT_BUSY_RETRY = 2  # seconds: one password check takes a fraction of one
# A refused login is answered after this long when a thread is free to wait:
# a script that floods from one address then gets one answer a second per
# connection instead of as many as the server can give.
HOLD_SECONDS = 1.0


def too_many_message(retry_after: int) -> str:
    """What a person refused with a 429 reads, with how long to wait."""
    wait = f"{retry_after} seconds" if retry_after < 120 else "a few minutes"
    return TOO_MANY.format(wait=wait)


class Busy(Exception):
    """Too many login attempts: the caller should answer 429."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("too many login attempts")
        self.retry_after = retry_after


def _rates(name: str, value: str) -> list[RateLimitItem]:
    if value.strip().lower() == "off":
        return []
    try:
        return list(parse_many(value))
    except ValueError:
        raise SettingsError(
            f"{name}={value!r} is not a rate limit (examples: '10 per minute', "
            "'10/minute;60/hour', 'off')"
        ) from None


@dataclass
class LoginGuard:
    """Rate limits and hashing slots for one worker."""

    per_address: list[RateLimitItem]
    per_account: list[RateLimitItem]
    storage: Storage | None
    slots: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(1)
    )
    # Threads that may hold back a refused login (``fit_threads``); none by
    # default, and never in a single-threaded worker.
    holds: threading.BoundedSemaphore | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> LoginGuard:
        """The guard FAQBOT_LOGIN_RATE_LIMIT and friends describe."""
        per_address = _rates("FAQBOT_LOGIN_RATE_LIMIT", settings.login_rate_limit)
        per_account = _rates(
            "FAQBOT_LOGIN_ACCOUNT_RATE_LIMIT", settings.login_account_rate_limit
        )
        storage = None
        if per_address or per_account:
            try:
                # The counters the patient endpoints use (by default a file the
                # workers of one machine share).
                storage = storage_from_string(storage_uri(settings))
            except ConfigurationError as exc:
                raise SettingsError(f"FAQBOT_RATELIMIT_STORAGE: {exc}") from None
        return cls(
            per_address,
            per_account,
            storage,
            threading.BoundedSemaphore(max(1, settings.login_hash_slots)),
        )

    def _limiter(self) -> FixedWindowRateLimiter | None:
        return FixedWindowRateLimiter(self.storage) if self.storage else None

    def _hit(self, items: list[RateLimitItem], *key: str) -> None:
        """Count one attempt against ``items``; Busy when one is used up."""
        self._check(items, key, count=True)

    def _test(self, items: list[RateLimitItem], *key: str) -> None:
        """Busy when one of ``items`` is used up, counting nothing."""
        self._check(items, key, count=False)

    def _check(
        self, items: list[RateLimitItem], key: tuple[str, ...], count: bool
    ) -> None:
        limiter = self._limiter()
        if limiter is None:
            return
        step = limiter.hit if count else limiter.test
        for item in items:
            try:
                if not step(item, "faqbot-login", *key):
                    reset = limiter.get_window_stats(item, "faqbot-login", *key)
                    raise Busy(max(1, int(reset.reset_time - time.time())))
            except Busy:
                raise
            except Exception as exc:  # the counter store is down: do not lock out
                log.warning("login rate limit unavailable: %s", type(exc).__name__)

    def fit_threads(self, threads: int) -> None:
        """Let at most half of a worker's ``threads`` hold back refused logins,
        so the other half is always free for patients and staff."""
        self.holds = threading.BoundedSemaphore(threads // 2) if threads >= 2 else None

    def hold(self, environ: WSGIEnvironment, wait: int) -> None:
        """Hold a refused login back for a moment, if a thread may wait for it.

        A held request costs a sleeping thread, no CPU; when every holding
        thread is taken, the answer goes out at once.
        """
        holds = self.holds if environ.get("wsgi.multithread") else None
        if holds is not None and holds.acquire(blocking=False):
            try:
                time.sleep(min(HOLD_SECONDS, wait))
            finally:
                holds.release()

    def address_wait(self, address: str) -> int:
        """Seconds until ``address`` may try to log in again (0: it may now)."""
        try:
            self._test(self.per_address, "address", network_key(address) or "-")
        except Busy as exc:
            return exc.retry_after
        return 0

    def attempt(self, address: str, email: str) -> None:
        """Count an attempt; Busy when the address or the account is over its limit.

        Every attempt counts against the address; the account's budget is
        spent only by failures (``failed``), so a flood from elsewhere cannot
        use it up while its owner logs in successfully.
        """
        self._hit(self.per_address, "address", network_key(address) or "-")
        self._test(self.per_account, "account", email.strip().lower())

    def failed(self, email: str) -> None:
        """Count a failed attempt against the account."""
        with suppress(Busy):  # reported on the next attempt
            self._hit(self.per_account, "account", email.strip().lower())

    @contextmanager
    def hashing(self) -> Iterator[None]:
        """Hold a password-checking slot; Busy at once when none is free.

        Never waits: a thread queued for a slot would be a thread (or, with
        sync workers, a whole worker) not answering patients.
        """
        if not self.slots.acquire(blocking=False):
            raise Busy(SLOT_BUSY_RETRY)
        try:
            yield
        finally:
            self.slots.release()


class LoginGate:
    """WSGI middleware: an address over its login limit gets its 429 here.

    Sits inside ProxyFix (REMOTE_ADDR is the client's address, as the views
    see it) and in front of Flask: a refused attempt costs one counter read,
    not a session, a form, a CSRF check or a template. The login form itself
    is refused too, since it could only lead to a refused attempt.
    """

    def __init__(
        self, app: WSGIApplication, guard: LoginGuard, paths: frozenset[str]
    ) -> None:
        self.app = app
        self.guard = guard
        self.paths = paths

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        if environ.get("PATH_INFO") not in self.paths:
            return self.app(environ, start_response)
        wait = self.guard.address_wait(environ.get("REMOTE_ADDR") or "")
        if not wait:
            return self.app(environ, start_response)
        self.guard.hold(environ, wait)
        body = error_html(
            429, "Too many login attempts", too_many_message(wait), staff=True
        ).encode()
        start_response(
            "429 Too Many Requests",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Retry-After", str(wait)),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Referrer-Policy", "no-referrer"),
                (
                    "Content-Security-Policy",
                    "default-src 'none'; style-src 'self'; frame-ancestors 'none'; "
                    "form-action 'none'; base-uri 'none'",
                ),
            ],
        )
        return [body]
