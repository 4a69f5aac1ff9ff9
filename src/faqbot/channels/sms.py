"""POST /sms: the Twilio webhook (the only module that imports twilio).

Twilio posts each inbound text here and sends back whatever TwiML we answer;
an empty ``<Response/>`` sends nothing. Everything that is not Twilio's own
business (keywords, opt-outs, numbered choices, retries) is in
``faqbot.textmsg``.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

from flask import Blueprint, Response, abort, request
from flask.blueprints import BlueprintSetupState
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from ..config import Settings
from ..services import services
from ..text import loggable
from ..textmsg import Inbound, SmsResponder, fixed_texts

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
    token = settings.twilio_auth_token
    if not token:
        if settings.sms_allow_unsigned:
            return True
        log.error("/sms refused: FAQBOT_TWILIO_AUTH_TOKEN is not set")
        return False
    signature = request.headers.get("X-Twilio-Signature", "")
    url = signed_url(settings.public_url)
    if signature and RequestValidator(token).validate(url, request.form, signature):
        return True
    log.warning(
        "/sms refused: %s X-Twilio-Signature for %s from %s (behind a proxy? set "
        "FAQBOT_PROXY_HOPS or FAQBOT_PUBLIC_URL)",
        "invalid" if signature else "missing",
        loggable(url),
        loggable(request.remote_addr),
    )
    return False


def signed_url(public_url: str) -> str:
    """The URL Twilio signed: this request's, on the public scheme and host if set.

    Behind a proxy Twilio signs https://public-host/sms while the app may see
    http://internal-host/sms; ProxyFix (FAQBOT_PROXY_HOPS) or FAQBOT_PUBLIC_URL
    puts the public scheme and host back.
    """
    if not public_url:
        return request.url
    public, here = urlsplit(public_url), urlsplit(request.url)
    return urlunsplit((public.scheme, public.netloc, here.path, here.query, ""))


@bp.record_once
def _warn_at_start(state: BlueprintSetupState) -> None:
    settings: Settings = state.app.extensions["faqbot"].settings
    if settings.twilio_auth_token:
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
