"""Protection for the public endpoints: rate limits, CORS and security headers.

Patients' browsers call ``/api/ask``, ``/api/handoff`` and ``/api/replies``
and clinic websites embed the widget frame, so the API is limited per client
(Flask-Limiter),
answers cross-origin calls only from ``FAQBOT_ALLOWED_ORIGINS``, and the
frame may only be framed by those same sites (CSP ``frame-ancestors``). With
no origins configured, only the bot's own origin is allowed.
"""

from __future__ import annotations

import logging
import math
import re
import time
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import parse_many
from limits.errors import ConfigurationError

from .config import Settings, SettingsError
from .errors import json_error
from .services import services

log = logging.getLogger(__name__)

# The endpoints a patient's browser posts to: each has its own per-client budget.
LIMITED_ENDPOINTS = frozenset({"api.ask", "api.handoff", "api.staff_replies"})
LIMITER_KEY = "faqbot.limiter"
ORIGIN_RE = re.compile(r"^https?://(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+(?::[0-9]{1,5})?$")
RATE_LIMITED_MESSAGE = (
    "You're sending messages faster than we can answer. "
    "Please wait a moment and try again."
)


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


def make_limiter(app: Flask, settings: Settings) -> Limiter | None:
    """A Flask-Limiter for the patient endpoints, or None when the limit is `off`."""
    rate = settings.rate_limit.strip()
    if rate.lower() == "off":
        return None
    try:
        parse_many(rate)
    except ValueError:
        raise SettingsError(
            f"FAQBOT_RATE_LIMIT={rate!r} is not a rate limit "
            '(examples: "30 per minute", "10/minute;200/day", "off")'
        ) from None
    try:
        limiter = Limiter(
            get_remote_address,
            app=app,
            default_limits=[rate],
            storage_uri=settings.ratelimit_storage,
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
    limiter.request_filter(_not_limited)
    return limiter


def _not_limited() -> bool:
    # Only patient posts count; CORS preflights and everything else are free.
    return request.endpoint not in LIMITED_ENDPOINTS or request.method == "OPTIONS"


def rate_limited_response() -> Response:
    """The JSON 429 with Retry-After (seconds until the client's window resets)."""
    resp = json_error(429, "rate_limited", RATE_LIMITED_MESSAGE)
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
