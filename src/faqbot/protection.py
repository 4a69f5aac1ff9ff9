"""Protection for the public endpoints: rate limits, CORS and security headers.

Patients' browsers call ``/api/ask``, ``/api/handoff`` and ``/api/replies``
and clinic websites embed the widget frame, so the API is limited
(Flask-Limiter) per conversation and, more generously, per network address
(a household or a clinic's Wi-Fi shares one), with counters every worker
shares, answers cross-origin calls only from ``FAQBOT_ALLOWED_ORIGINS``, and the
frame may only be framed by those same sites (CSP ``frame-ancestors``). With
no origins configured, only the bot's own origin is allowed.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import parse_many
from limits.errors import ConfigurationError

from . import ratecounters, safety
from .config import Settings, SettingsError
from .errors import json_error
from .services import services

log = logging.getLogger(__name__)

# The endpoints a patient's browser posts to: each has its own per-client budget.
LIMITED_ENDPOINTS = frozenset({"api.ask", "api.handoff", "api.staff_replies"})
HEALTHZ_ENDPOINT = "api.healthz"
LIMITER_KEY = "faqbot.limiter"
ORIGIN_RE = re.compile(r"^https?://(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+(?::[0-9]{1,5})?$")
# A limit reached may be a whole household's or waiting room's: say what to
# do, never that the patient did something wrong.
RATE_LIMITED_MESSAGE = (
    "We need a short pause before we can answer more messages from your "
    "connection. Please wait a moment and send it again."
)
SESSION_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def init_app(app: Flask, settings: Settings) -> None:
    """Install the rate limits, CORS on /api/ and the baseline security headers."""
    check_origins(settings)
    limiter = make_limiter(app, settings)
    app.extensions[LIMITER_KEY] = limiter
    app.after_request(_cors)
    app.after_request(_baseline_headers)

    # Flask-Limiter logs each breach with the client's address at INFO; the
    # service keeps addresses out of its logs and says what it needs below.
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)

    @app.errorhandler(RateLimitExceeded)
    def _rate_limited(exc: RateLimitExceeded) -> Response:
        log.info("rate limit %s reached on %s", exc.limit.limit, request.endpoint)
        return rate_limited_response()


def _rate(name: str, value: str) -> str | None:
    """A rate-limit setting checked, or None when it is `off`."""
    rate = value.strip()
    if rate.lower() == "off":
        return None
    try:
        parse_many(rate)
    except ValueError:
        raise SettingsError(
            f"{name}={rate!r} is not a rate limit "
            '(examples: "30 per minute", "10/minute;200/day", "off")'
        ) from None
    return rate


def storage_uri(settings: Settings) -> str:
    """Where the counters live: by default a file every local worker shares."""
    if settings.ratelimit_storage.strip():
        return settings.ratelimit_storage.strip()
    path = Path(settings.spool_path).parent / "ratelimits.sqlite3"
    assert ratecounters.SQLiteStorage.STORAGE_SCHEME == ["sqlite"]
    return f"sqlite:///{path}"


def address_key() -> str:
    """The client's network address (after FAQBOT_PROXY_HOPS), or its /64 for IPv6.

    One IPv6 subscriber usually holds a whole /64 and can pick a new address
    in it for every request; counting per /64 keeps the limit per client.
    """
    return network_key(get_remote_address() or "")


def network_key(addr: str) -> str:
    """``addr`` as a limit counts it: an IPv4 address, or the /64 of an IPv6 one
    (IPv4-mapped IPv6 addresses count as IPv4). Anything else stays as given."""
    try:
        ip = ipaddress.ip_address(addr.split("%", 1)[0])
    except ValueError:
        return addr
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


client_key = address_key  # the name the privacy tests know it by


def conversation_key() -> str:
    """One chat: the widget's session id on this address (else the address)."""
    data = request.get_json(silent=True, cache=True)
    sid = data.get("session_id") if isinstance(data, dict) else None
    if isinstance(sid, str) and SESSION_RE.fullmatch(sid):
        return f"{address_key()}|{sid}"
    return address_key()


def make_limiter(app: Flask, settings: Settings) -> Limiter | None:
    """A Flask-Limiter for the patient endpoints and /healthz (None: all `off`).

    Two patient budgets: FAQBOT_RATE_LIMIT per conversation, so one person
    typing fast never holds up the others on their Wi-Fi, and the larger
    FAQBOT_RATE_LIMIT_PER_ADDRESS per address, which a script inventing new
    conversations still runs into. /healthz has its own.
    """
    rate = _rate("FAQBOT_RATE_LIMIT", settings.rate_limit)
    per_address = (
        _rate("FAQBOT_RATE_LIMIT_PER_ADDRESS", settings.rate_limit_per_address)
        if rate
        else None
    )
    health_rate = _rate("FAQBOT_HEALTHZ_RATE_LIMIT", settings.healthz_rate_limit)
    if rate is None and health_rate is None:
        return None
    try:
        limiter = Limiter(
            address_key,
            app=app,
            default_limits=[per_address] if per_address else [],
            storage_uri=storage_uri(settings),
            strategy="fixed-window",
            headers_enabled=False,
            # A broken counter store must never stand between a patient and
            # an answer: fall back to per-process counters and carry on.
            swallow_errors=True,
            in_memory_fallback_enabled=True,
            key_prefix="faqbot",
        )
    except ConfigurationError as exc:
        raise SettingsError(f"FAQBOT_RATELIMIT_STORAGE: {exc}") from None
    limited = (LIMITED_ENDPOINTS if rate else frozenset()) | (
        {HEALTHZ_ENDPOINT} if health_rate else set()
    )

    def _not_limited() -> bool:
        # Only patient posts (and /healthz) count; preflights and the rest are free.
        if request.method == "OPTIONS" or request.endpoint not in limited:
            return True
        # Screened before counting: a message in crisis is never refused, and
        # does not use up the budget of the messages after it.
        return request.endpoint == "api.ask" and _crisis(request.get_json(silent=True))

    limiter.request_filter(_not_limited)
    if rate:
        for endpoint in LIMITED_ENDPOINTS:
            view = app.view_functions[endpoint]
            app.view_functions[endpoint] = limiter.limit(
                rate, key_func=conversation_key, override_defaults=False
            )(view)
    if health_rate:
        # Public and cheap, but not free: a flood of /healthz is still a flood.
        view = app.view_functions[HEALTHZ_ENDPOINT]
        app.view_functions[HEALTHZ_ENDPOINT] = limiter.limit(health_rate)(view)
    return limiter


def _crisis(data: object) -> bool:
    question = data.get("question") if isinstance(data, dict) else None
    if not isinstance(question, str) or not question.strip():
        return False
    limit = services().settings.max_question_chars
    return safety.screen(question[: limit * 4]) is not None


def rate_limited_response() -> Response:
    """The JSON 429 with Retry-After (seconds until the client's window resets).

    The message ends with the safety line: someone refused may be in crisis.
    """
    safety_line = services().assistant.faq.safety_web
    resp = json_error(429, "rate_limited", f"{RATE_LIMITED_MESSAGE} {safety_line}")
    limiter = current_app.extensions.get(LIMITER_KEY)
    current = limiter.current_limit if limiter is not None else None
    wait = 60
    if current is not None:
        try:
            wait = max(1, math.ceil(current.window.reset_time - time.time()))
        except Exception:  # the counter store went away mid-request
            log.warning("rate-limit store unavailable while computing Retry-After")
    resp.headers["Retry-After"] = str(wait)
    return resp


# --- origins ---------------------------------------------------------------------
def check_origins(settings: Settings) -> None:
    """Refuse FAQBOT_ALLOWED_ORIGINS entries that are not bare origins.

    They end up in a CSP header, so anything but ``scheme://host[:port]``
    (a path, a wildcard, a semicolon) is a configuration mistake.
    """
    for origin in settings.origins():
        if not ORIGIN_RE.match(origin):
            raise SettingsError(
                f"FAQBOT_ALLOWED_ORIGINS: {origin!r} is not an origin like "
                "https://clinic.example"
            )


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of a URL, or None when it has none."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def own_origins() -> list[str]:
    """The bot's own origin as this request reached it, and FAQBOT_PUBLIC_URL's."""
    found = [origin_of(request.host_url)]
    public = services().settings.public_url
    if public:
        found.append(origin_of(public))
    return [o for o in dict.fromkeys(found) if o]


def allowed_origins() -> list[str]:
    """Origins that may embed the widget and call the API from a browser."""
    configured = [o.lower() for o in services().settings.origins()]
    return list(dict.fromkeys([*own_origins(), *configured]))


def frame_ancestors() -> str:
    """The CSP ``frame-ancestors`` source list: the bot itself and the clinic sites."""
    return " ".join(["'self'", *services().settings.origins()])


def _cors(resp: Response) -> Response:
    if not request.path.startswith("/api/"):
        return resp
    resp.vary.add("Origin")
    origin = request.headers.get("Origin", "").lower()
    if origin and origin in allowed_origins():
        resp.headers["Access-Control-Allow-Origin"] = origin
        resp.headers["Access-Control-Expose-Headers"] = "Retry-After"
        if request.method == "OPTIONS":
            resp.headers["Access-Control-Allow-Methods"] = "GET, POST"
            resp.headers["Access-Control-Allow-Headers"] = "Content-Type"
            resp.headers["Access-Control-Max-Age"] = "600"
    return resp


# --- security headers ----------------------------------------------------------------
def _baseline_headers(resp: Response) -> Response:
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    if request.is_secure:
        resp.headers.setdefault(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
        )
    return resp


def frame_headers(resp: Response) -> Response:
    """Headers for the widget frame: only the allowed sites may frame it."""
    resp.headers["Content-Security-Policy"] = (
        "default-src 'none'; script-src 'self'; style-src 'self'; "
        "connect-src 'self'; img-src 'self' data:; base-uri 'none'; "
        f"form-action 'none'; frame-ancestors {frame_ancestors()}"
    )
    return _page_headers(resp)


def page_headers(resp: Response) -> Response:
    """Headers for the demo page: nothing may frame it, only our own resources."""
    resp.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        "img-src 'self' data:; frame-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    return _page_headers(resp)


def _page_headers(resp: Response) -> Response:
    resp.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    resp.headers["Permissions-Policy"] = (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
    )
    return resp
