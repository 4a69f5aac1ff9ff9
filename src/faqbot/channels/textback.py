"""Staff replies by text: Twilio's REST client, and Twilio's delivery-status
callbacks for those texts (POST /sms/status, signed like /sms).

The staff pages get the gateway from the app (``gateway(app)``), so that
only the channel modules import twilio. The REST client (``smsgateway``,
which brings twilio.rest and requests: 5 MB per process) is imported only
when sending is configured, and then while the app is built, so that
gunicorn's preloaded workers share it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from flask import Blueprint, Flask, Response, abort, current_app, request
from twilio.request_validator import RequestValidator

from .. import replies
from ..config import Settings
from ..services import services

if TYPE_CHECKING:
    from .smsgateway import TwilioGateway

bp = Blueprint("textback", __name__)
log = logging.getLogger(__name__)

EXTENSION_KEY = "faqbot.sms_gateway"
STATUS_PATH = "/sms/status"


def sending_configured(settings: Settings) -> bool:
    """True when the settings name an account, its token and a sender."""
    return bool(
        settings.twilio_account_sid
        and settings.twilio_auth_token
        and (settings.twilio_from or settings.twilio_messaging_service_sid)
    )


def init_app(app: Flask) -> None:
    """Register the status callback and, when configured, the gateway."""
    settings: Settings = app.extensions["faqbot"].settings
    app.extensions[EXTENSION_KEY] = None
    if sending_configured(settings):
        from .smsgateway import TwilioGateway  # twilio.rest: only when it sends

        app.extensions[EXTENSION_KEY] = TwilioGateway(settings, STATUS_PATH)
    app.register_blueprint(bp)


def gateway(app: Flask) -> TwilioGateway | None:
    """The app's SMS gateway, or None when sending is not configured."""
    return app.extensions.get(EXTENSION_KEY)


@bp.post(STATUS_PATH)
def status() -> Response:
    """Record the delivery status Twilio reports for a staff text."""
    settings = services().settings
    if not _signed(settings):
        abort(403)
    form = request.form
    replies.record_status(
        services().store,
        form.get("MessageSid", ""),
        form.get("MessageStatus", ""),
        form.get("ErrorCode") or None,
    )
    return Response(status=204)


def _signed(settings: Settings) -> bool:
    token = settings.twilio_auth_token
    if not token:
        return bool(settings.sms_allow_unsigned)
    url = request.url
    if settings.public_url:
        public, here = urlsplit(settings.public_url), urlsplit(request.url)
        url = urlunsplit((public.scheme, public.netloc, here.path, here.query, ""))
    signature = request.headers.get("X-Twilio-Signature", "")
    ok = bool(signature) and RequestValidator(token).validate(
        url, request.form, signature
    )
    if not ok:
        current_app.logger.warning("%s refused: bad X-Twilio-Signature", STATUS_PATH)
    return ok
