"""One table of settings: each declared once with its environment variable,
default and help text. ``Settings.from_env()`` is the only reader of the
environment; tests build ``Settings`` directly.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any


class SettingsError(ValueError):
    """A setting has a value the service cannot run with."""


MIN_SECRET_KEY_CHARS = 32


def _setting(env: str, default: Any, help: str, secret: bool = False) -> Any:
    return field(default=default, metadata={"env": env, "help": help, "secret": secret})


@dataclass(frozen=True)
class Settings:
    """Every knob of the service; the README's settings table is checked against it."""

    # --- core -----------------------------------------------------------------
    database_url: str = _setting(
        "DATABASE_URL",
        "sqlite:///instance/faqbot.sqlite3",
        "SQLAlchemy URL of the database. SQLite by default; `postgres://` and "
        "`postgresql://` URLs use psycopg 3.",
    )
    faq_path: str = _setting(
        "FAQBOT_FAQ_PATH", "faq/faq.yaml", "Path of the curated FAQ file."
    )
    secret_key: str = _setting(
        "FAQBOT_SECRET_KEY",
        "",
        "Signs session cookies. Required, at least 32 characters: the app "
        "refuses to start without it (`make run` generates one in "
        "instance/secret_key).",
        secret=True,
    )
    log_level: str = _setting(
        "FAQBOT_LOG_LEVEL",
        "INFO",
        "Log level. Patient text and phone numbers are only logged at DEBUG.",
    )
    max_question_chars: int = _setting(
        "FAQBOT_MAX_QUESTION_CHARS",
        1000,
        "Longest question /api/ask accepts, in characters.",
    )
    max_body_bytes: int = _setting(
        "FAQBOT_MAX_BODY_BYTES",
        16384,
        "Largest request body accepted, in bytes (413 above it).",
    )
    faq_reload_seconds: float = _setting(
        "FAQBOT_FAQ_RELOAD_SECONDS",
        2.0,
        "How often each worker checks the FAQ file for changes (0 turns "
        "reloading off).",
    )
    spool_path: str = _setting(
        "FAQBOT_SPOOL_PATH",
        "instance/spool.jsonl",
        "Where records that could not be written to the database wait until "
        "it is back.",
    )
    spool_replay_seconds: float = _setting(
        "FAQBOT_SPOOL_REPLAY_SECONDS",
        10.0,
        "While records wait in the spool, how often each worker checks whether "
        "the database is back to import them (0: only after the next successful "
        "write, on /healthz or by `faqbot spool replay`).",
    )
    public_url: str = _setting(
        "FAQBOT_PUBLIC_URL",
        "",
        "The public base URL (https://bot.example.com). Used for links in staff "
        "notifications and for Twilio signature checks behind a proxy.",
    )
    demo_page: bool = _setting(
        "FAQBOT_DEMO_PAGE",
        False,
        "Serve the sample clinic page at `/` (on for `make run`; off in "
        "production, where `/` is a 404).",
    )
    proxy_hops: int = _setting(
        "FAQBOT_PROXY_HOPS",
        0,
        "Number of trusted reverse proxies in front of the app (Heroku: 1); "
        "their X-Forwarded-* headers are honoured.",
    )

    # --- SMS --------------------------------------------------------------------
    twilio_auth_token: str = _setting(
        "FAQBOT_TWILIO_AUTH_TOKEN",
        "",
        "Twilio auth token used to check X-Twilio-Signature on /sms. While "
        "rotating it, list the new and the old one, comma-separated.",
        secret=True,
    )
    sms_allow_unsigned: bool = _setting(
        "FAQBOT_SMS_ALLOW_UNSIGNED",
        False,
        "Accept unsigned /sms requests. For local development only.",
    )
    sms_clarify_minutes: int = _setting(
        "FAQBOT_SMS_CLARIFY_MINUTES",
        15,
        "How long a numbered SMS clarification choice stays valid (1 to 1440).",
    )
    sms_keywords: str = _setting(
        "FAQBOT_SMS_KEYWORDS",
        "twilio",
        "Who answers STOP, START, YES, UNSTOP, HELP and INFO: `twilio` (Twilio's "
        "opt-out management, on by default for long codes; faqbot only records "
        "the opt-out and stays silent) or `faqbot` (turn Twilio's off first).",
    )

    twilio_account_sid: str = _setting(
        "FAQBOT_TWILIO_ACCOUNT_SID",
        "",
        "Twilio account SID (AC...). With FAQBOT_TWILIO_AUTH_TOKEN and a sender "
        "below, staff can answer SMS patients from the item page.",
    )
    twilio_from: str = _setting(
        "FAQBOT_TWILIO_FROM",
        "",
        "The clinic's Twilio number (+1...) staff replies are sent from.",
    )
    twilio_messaging_service_sid: str = _setting(
        "FAQBOT_TWILIO_MESSAGING_SERVICE_SID",
        "",
        "A Twilio messaging service (MG...) to send staff replies through, "
        "instead of FAQBOT_TWILIO_FROM.",
    )
    twilio_api_url: str = _setting(
        "FAQBOT_TWILIO_API_URL",
        "https://api.twilio.com",
        "Base URL of Twilio's REST API (change only for a test double or an "
        "egress proxy).",
    )

    # --- staff ------------------------------------------------------------------
    timezone: str = _setting(
        "FAQBOT_TIMEZONE",
        "America/Los_Angeles",
        "The clinic's time zone (IANA name): times on the staff pages and in "
        "staff emails are shown in it.",
    )
    secure_cookies: bool = _setting(
        "FAQBOT_SECURE_COOKIES",
        True,
        "Mark cookies Secure. Turn off only for local http.",
    )
    session_idle_minutes: int = _setting(
        "FAQBOT_SESSION_IDLE_MINUTES", 30, "Staff sessions expire after this idle time."
    )
    session_max_hours: int = _setting(
        "FAQBOT_SESSION_MAX_HOURS",
        12,
        "Staff sessions end this long after login, however active.",
    )
    lockout_attempts: int = _setting(
        "FAQBOT_LOCKOUT_ATTEMPTS",
        5,
        "Failed logins to an account from one address before that address is "
        "locked out of it (the account stays open from other addresses).",
    )
    lockout_minutes: int = _setting(
        "FAQBOT_LOCKOUT_MINUTES", 15, "How long a locked address stays locked."
    )
    login_rate_limit: str = _setting(
        "FAQBOT_LOGIN_RATE_LIMIT",
        "10 per minute;60 per hour",
        "Login attempts allowed per client address (429 above it); `off` "
        "disables it. Counted in FAQBOT_RATELIMIT_STORAGE.",
    )
    login_account_rate_limit: str = _setting(
        "FAQBOT_LOGIN_ACCOUNT_RATE_LIMIT",
        "30 per hour",
        "Login attempts allowed per staff email, from all addresses together.",
    )
    login_hash_slots: int = _setting(
        "FAQBOT_LOGIN_HASH_SLOTS",
        1,
        "Password checks one worker runs at once; a login that finds none free "
        "gets a 429 at once (it never queues), so hashing never starves "
        "patients' requests.",
    )
    require_mfa: bool = _setting(
        "FAQBOT_REQUIRE_MFA",
        False,
        "Admins must log in with an authenticator code (set one up with "
        "`faqbot staff mfa EMAIL`).",
    )
    retention_days: int = _setting(
        "FAQBOT_RETENTION_DAYS",
        90,
        "`faqbot purge` deletes ask records and resolved items older than this.",
    )

    # --- notifications ------------------------------------------------------------
    smtp_url: str = _setting(
        "FAQBOT_SMTP_URL",
        "",
        "SMTP server for staff email, smtp://user:pass@host:587 (STARTTLS) or "
        "smtp://host:25?starttls=0 for a local relay.",
        secret=True,
    )
    mail_from: str = _setting(
        "FAQBOT_MAIL_FROM", "faqbot@localhost", "From address of staff emails."
    )
    staff_emails: str = _setting(
        "FAQBOT_STAFF_EMAILS", "", "Comma-separated addresses notified of new items."
    )
    staff_webhook_url: str = _setting(
        "FAQBOT_STAFF_WEBHOOK_URL",
        "",
        'Slack-compatible webhook notified of new items ({"text": ...}).',
        secret=True,
    )
    digest_minutes: int = _setting(
        "FAQBOT_DIGEST_MINUTES",
        15,
        "Non-urgent items are sent as a digest at most this often.",
    )
    urgent_window_seconds: int = _setting(
        "FAQBOT_URGENT_WINDOW_SECONDS",
        120,
        "Urgent alerts: the first goes out at once, the ones after it within "
        "this window go together in one summary (0: one alert per item).",
    )
    notify_include_text: bool = _setting(
        "FAQBOT_NOTIFY_INCLUDE_TEXT",
        False,
        "Include the patient's question in notifications (off: channel, time, "
        "urgency and a link only).",
    )
    notify_in_web: bool = _setting(
        "FAQBOT_NOTIFY_IN_WEB",
        False,
        "Run the notification sender inside the web process (as `make run` "
        "does) instead of a separate `faqbot notify` worker.",
    )

    # --- widget and API protection --------------------------------------------------
    allowed_origins: str = _setting(
        "FAQBOT_ALLOWED_ORIGINS",
        "",
        "Comma-separated origins (https://clinic.example) that may embed the "
        "widget and call the API. Empty: only the bot's own origin.",
    )
    rate_limit: str = _setting(
        "FAQBOT_RATE_LIMIT",
        "10 per minute; 60 per hour",
        "Limit per conversation (the chat's session on one address) on /api/ask, "
        "/api/handoff and /api/replies, each its own budget; `off` disables "
        "every limit. "
        "Crisis messages are never refused.",
    )
    rate_limit_per_address: str = _setting(
        "FAQBOT_RATE_LIMIT_PER_ADDRESS",
        "120 per minute; 1000 per hour",
        "Limit per network address on the same endpoints: a household or a "
        "clinic's Wi-Fi shares it, so it is set for many people.",
    )
    healthz_rate_limit: str = _setting(
        "FAQBOT_HEALTHZ_RATE_LIMIT",
        "120 per minute",
        "Per-client limit on /healthz; `off` disables it.",
    )
    ratelimit_storage: str = _setting(
        "FAQBOT_RATELIMIT_STORAGE",
        "",
        "Where rate-limit counters live. Empty: ratelimits.sqlite3 beside "
        "FAQBOT_SPOOL_PATH, shared by the workers of one machine; "
        "redis://host:6379/0 across machines; memory:// per process.",
    )

    # ---------------------------------------------------------------------------------
    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every declared setting from ``environ`` (default: ``os.environ``)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            name = f.metadata["env"]
            if name in env:
                values[f.name] = _coerce(f, env[name])
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed (for tests and the CLI)."""
        return dataclasses.replace(self, **changes)

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL in the dialect SQLAlchemy expects.

        Heroku hands out ``postgres://`` URLs; SQLAlchemy wants
        ``postgresql+psycopg://`` for psycopg 3.
        """
        url = self.database_url
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url

    def check_secret_key(self) -> None:
        """Refuse a missing or short secret key with a one-line reason."""
        n = len(self.secret_key)
        if n >= MIN_SECRET_KEY_CHARS:
            return
        why = "is not set" if n == 0 else f"is {n} characters long"
        raise SettingsError(
            f"FAQBOT_SECRET_KEY {why}: refusing to start without a secret key of "
            f"at least {MIN_SECRET_KEY_CHARS} characters (generate one with "
            "python -c 'import secrets; print(secrets.token_hex(32))')"
        )

    def origins(self) -> list[str]:
        """The allowed embedding origins as a list."""
        return [
            o.strip().rstrip("/") for o in self.allowed_origins.split(",") if o.strip()
        ]

    def twilio_tokens(self) -> list[str]:
        """The Twilio auth tokens a signature may be made with (rotation)."""
        return [t.strip() for t in self.twilio_auth_token.split(",") if t.strip()]

    def emails(self) -> list[str]:
        """The staff notification addresses as a list."""
        return [e.strip() for e in self.staff_emails.split(",") if e.strip()]


def _coerce(f: dataclasses.Field[Any], raw: str) -> Any:
    kind = type(f.default)
    name = f.metadata["env"]
    raw = raw.strip()
    try:
        if kind is bool:
            low = raw.lower()
            if low in {"1", "true", "yes", "on"}:
                return True
            if low in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a valid {kind.__name__}") from None
    return raw


def describe() -> list[dict[str, str]]:
    """Each setting's variable, default and help (README, `faqbot settings`)."""
    rows = []
    for f in fields(Settings):
        default = f.default
        shown = ("1" if default else "0") if isinstance(default, bool) else str(default)
        rows.append(
            {"env": f.metadata["env"], "default": shown, "help": f.metadata["help"]}
        )
    return rows
