"""POST /sms: the Twilio webhook (the only module that imports twilio).

Twilio posts each inbound text here and sends back whatever TwiML we answer;
an empty ``<Response/>`` sends nothing. Everything that is not Twilio's own
business (keywords, opt-outs, numbered choices, retries) is in
``faqbot.textmsg``.
"""

from __future__ import annotations

import logging
from urllib.parse import quote, urlsplit, urlunsplit

from flask import Blueprint, Response, abort, request
from flask.blueprints import BlueprintSetupState
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from ..config import Settings, SettingsError
from ..services import services
from ..text import loggable
from ..textmsg import KEYWORD_HANDLERS, Inbound, SmsResponder, fixed_texts

bp = Blueprint("sms", __name__)
log = logging.getLogger(__name__)

# A 1,600-character text in a non-Latin script, form-encoded, can pass the
# app-wide body limit; Twilio must never see a 413 for a patient's message.
FORM_LIMIT = 64 * 1024


@bp.post("/sms", strict_slashes=False)
def inbound() -> Response:
    """Answer one text Twilio forwards, as TwiML (never an error for its content)."""
    svc = services()
    request.max_content_length = FORM_LIMIT
    if not signed(svc.settings):
        abort(403)
    form = request.form
    msg = Inbound(
        message_sid=form.get("MessageSid", ""),
        sender=form.get("From", ""),
        body=form.get("Body", ""),
        num_media=form.get("NumMedia", 0, type=int) or 0,
        media_urls=tuple(
            url for i in range(10) if (url := form.get(f"MediaUrl{i}", "").strip())
        ),
    )
    try:
        text = SmsResponder(svc.assistant, svc.store, svc.settings).handle(msg).text
    except Exception:
        log.exception("sms %s failed; sent the apology", loggable(msg.message_sid))
        text = fixed_texts(svc.assistant.faq)["error"]
    return twiml(text)


def twiml(text: str | None) -> Response:
    """A TwiML reply with ``text`` as the one message (None: send nothing)."""
    reply = MessagingResponse()
    if text:
        reply.message(text)
    return Response(str(reply), mimetype="application/xml")


def signed(settings: Settings) -> bool:
    """True when Twilio signed this request (or unsigned ones are allowed)."""
    tokens = settings.twilio_tokens()
    if not tokens:
        if settings.sms_allow_unsigned:
            return True
        log.error("/sms refused: FAQBOT_TWILIO_AUTH_TOKEN is not set")
        return False
    signature = request.headers.get("X-Twilio-Signature", "")
    urls = signed_urls(settings)
    if signature:
        # Several tokens while one is rotated out: Twilio signs with the new
        # one as soon as it is promoted, texts in flight carry the old one.
        for token in tokens:
            validator = RequestValidator(token)
            if any(validator.validate(url, request.form, signature) for url in urls):
                return True
    log.warning(
        "/sms refused: %s X-Twilio-Signature for %s from %s (behind a proxy? set "
        "FAQBOT_PUBLIC_URL to the webhook's public base URL, or FAQBOT_PROXY_HOPS)",
        "invalid" if signature else "missing",
        loggable(urls[0]),
        loggable(request.remote_addr),
    )
    return False


def raw_target() -> str:
    """This request's path and query exactly as the client sent them.

    Twilio signs the URL byte for byte, percent-escapes included, while
    werkzeug decodes the path; gunicorn keeps the original as RAW_URI.
    """
    environ = request.environ
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw and raw.startswith(("http://", "https://")):
        parts = urlsplit(raw)  # absolute-form request target
        raw = urlunsplit(("", "", parts.path, parts.query, ""))
    if not raw:
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace")
        raw = quote(path, safe="/:@!$&'()*+,;=-._~")
        if environ.get("QUERY_STRING"):
            raw += "?" + environ["QUERY_STRING"]
    return raw


def signed_urls(settings: Settings) -> list[str]:
    """The URL Twilio signed, as best known first, then plausible alternatives.

    The scheme, host and any path prefix come from FAQBOT_PUBLIC_URL when set
    (https://host/prefix), else from the request as ProxyFix leaves it
    (X-Forwarded-Prefix included); the path and query are the raw ones.
    """
    raw = raw_target()
    prefix = request.script_root
    if settings.public_url:
        public = urlsplit(settings.public_url)
        scheme, netloc, prefix = public.scheme, public.netloc, public.path
    else:
        scheme, netloc = request.scheme, request.host
    prefix = prefix.rstrip("/")
    if prefix and (raw == prefix or raw.startswith(prefix + "/")):
        prefix = ""  # the proxy passed the prefix on: it is already in the path
    urls = [f"{scheme}://{netloc}{prefix}{raw}"]
    if settings.proxy_hops and not settings.public_url:
        # More proxies than FAQBOT_PROXY_HOPS says: the first one's view (the
        # leftmost forwarded values) is what Twilio asked for. The signature
        # still has to match, so this widens nothing an attacker can use.
        proto = _first(request.headers.get("X-Forwarded-Proto"))
        host = _first(request.headers.get("X-Forwarded-Host"))
        outer = f"{proto or scheme}://{host or netloc}{prefix}{raw}"
        if outer not in urls:
            urls.append(outer)
    return urls


def _first(header: str | None) -> str:
    return (header or "").split(",")[0].strip()


@bp.record_once
def _check_at_start(state: BlueprintSetupState) -> None:
    settings: Settings = state.app.extensions["faqbot"].settings
    if not 1 <= settings.sms_clarify_minutes <= 24 * 60:
        raise SettingsError(
            f"FAQBOT_SMS_CLARIFY_MINUTES={settings.sms_clarify_minutes}: a menu must "
            "stay valid between 1 and 1440 minutes"
        )
    if settings.sms_keywords not in KEYWORD_HANDLERS:
        raise SettingsError(
            f"FAQBOT_SMS_KEYWORDS={settings.sms_keywords!r}: use "
            + " or ".join(KEYWORD_HANDLERS)
        )
    if settings.twilio_tokens():
        if settings.sms_allow_unsigned:
            log.warning(
                "FAQBOT_SMS_ALLOW_UNSIGNED=1 is ignored: FAQBOT_TWILIO_AUTH_TOKEN "
                "is set, so /sms checks every signature"
            )
        return
    if settings.sms_allow_unsigned:
        log.warning(
            "!!! FAQBOT_SMS_ALLOW_UNSIGNED=1: /sms ACCEPTS UNSIGNED REQUESTS, so "
            "anyone can text the bot as any number. Local development only: "
            "never set this in production !!!"
        )
    else:
        log.warning(
            "FAQBOT_TWILIO_AUTH_TOKEN is not set: /sms refuses every request (403)"
        )
