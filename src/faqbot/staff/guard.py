"""What keeps a login flood away from patients: per-address and per-account
limits on login attempts, and a cap on password checks running at once.

The limits are Flask-Limiter's own rate-limit library (``limits``) on the
same counter store as the API's limits (FAQBOT_RATELIMIT_STORAGE), checked
before any password is hashed: a flood gets 429s for the price of a counter
increment. Argon2 costs tens of milliseconds of CPU per check; at most
FAQBOT_LOGIN_HASH_SLOTS run at once in a worker, and a login that cannot get
a slot within a moment gets a 429 instead of queueing behind the flood.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

from limits import RateLimitItem, parse_many
from limits.errors import ConfigurationError
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from ..config import Settings, SettingsError
from ..protection import storage_uri

log = logging.getLogger(__name__)

SLOT_WAIT_SECONDS = 1.0


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
        limiter = self._limiter()
        if limiter is None:
            return
        for item in items:
            try:
                if not limiter.hit(item, "faqbot-login", *key):
                    reset = limiter.get_window_stats(item, "faqbot-login", *key)
                    raise Busy(max(1, int(reset.reset_time - time.time())))
            except Busy:
                raise
            except Exception as exc:  # the counter store is down: do not lock out
                log.warning("login rate limit unavailable: %s", type(exc).__name__)

    def _test(self, items: list[RateLimitItem], *key: str) -> None:
        limiter = self._limiter()
        if limiter is None:
            return
        for item in items:
            try:
                if not limiter.test(item, "faqbot-login", *key):
                    reset = limiter.get_window_stats(item, "faqbot-login", *key)
                    raise Busy(max(1, int(reset.reset_time - time.time())))
            except Busy:
                raise
            except Exception as exc:
                log.warning("login rate limit unavailable: %s", type(exc).__name__)

    def attempt(self, address: str, email: str) -> None:
        """Count an attempt; Busy when the address or the account is over its limit.

        Every attempt counts against the address; the account's budget is
        spent only by failures (``failed``), so a flood from elsewhere cannot
        use it up while its owner logs in successfully.
        """
        self._hit(self.per_address, "address", address or "-")
        self._test(self.per_account, "account", email.strip().lower())

    def failed(self, email: str) -> None:
        """Count a failed attempt against the account."""
        with suppress(Busy):  # reported on the next attempt
            self._hit(self.per_account, "account", email.strip().lower())

    @contextmanager
    def hashing(self) -> Iterator[None]:
        """Hold a password-checking slot; Busy when none frees up in a moment."""
        if not self.slots.acquire(timeout=SLOT_WAIT_SECONDS):
            raise Busy(2)
        try:
            yield
        finally:
            self.slots.release()
