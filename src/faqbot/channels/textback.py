"""Staff replies by text: Twilio's REST client, and Twilio's delivery-status
callbacks for those texts (POST /sms/status, signed like /sms).

The staff pages get the gateway from the app (``gateway(app)``), so that
only the channel modules import twilio.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from flask import Blueprint, Flask, Response, abort, current_app, request
from requests.exceptions import RequestException
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response as TwilioResponse
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from .. import replies
from ..config import Settings
from ..replies import ReplyError, SentSms
from ..services import services

bp = Blueprint("textback", __name__)
log = logging.getLogger(__name__)

EXTENSION_KEY = "faqbot.sms_gateway"
TWILIO_API = "https://api.twilio.com"
SEND_TIMEOUT = 15.0  # seconds: staff wait for the answer on the item page
STATUS_PATH = "/sms/status"


class _ApiClient(TwilioHttpClient):
    """Twilio's own HTTP client, sending to FAQBOT_TWILIO_API_URL."""

    def __init__(self, base_url: str) -> None:
        super().__init__(timeout=SEND_TIMEOUT, max_retries=0)
        self.base_url = base_url.rstrip("/")

    def request(
        self, method: str, url: str, *args: Any, **kwargs: Any
    ) -> TwilioResponse:
        if url.startswith(TWILIO_API) and self.base_url != TWILIO_API:
            url = self.base_url + url[len(TWILIO_API) :]
        return super().request(method, url, *args, **kwargs)


class TwilioGateway:
    """Sends a text from the clinic's number (or messaging service)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.client = Client(
            settings.twilio_account_sid,
            settings.twilio_auth_token,
            http_client=_ApiClient(settings.twilio_api_url),
        )

    def send(self, to: str, body: str) -> SentSms:
        """Send ``body`` to ``to``; ReplyError with Twilio's reason on failure."""
        s = self.settings
        kwargs: dict[str, str] = {"to": to, "body": body}
        if s.twilio_messaging_service_sid:
            kwargs["messaging_service_sid"] = s.twilio_messaging_service_sid
        else:
            kwargs["from_"] = s.twilio_from
        if s.public_url:
            # Twilio posts each delivery status here (signed), shown on the item.
            kwargs["status_callback"] = s.public_url.rstrip("/") + STATUS_PATH
        try:
            msg = self.client.messages.create(**kwargs)
        except TwilioRestException as exc:
            log.warning("Twilio refused a staff text: %s (%s)", exc.code, exc.status)
            raise ReplyError(
                f"Twilio did not send the text: {exc.msg} (error {exc.code})."
            ) from None
        except (TwilioException, OSError, RequestException) as exc:
            log.warning("Twilio unreachable for a staff text: %s", type(exc).__name__)
            raise ReplyError(
                "Twilio could not be reached; the text was not sent. Try again "
                "in a minute, or call the patient."
            ) from None
        return SentSms(sid=str(msg.sid), status=str(msg.status or "queued"))


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
    app.extensions[EXTENSION_KEY] = (
        TwilioGateway(settings) if sending_configured(settings) else None
    )
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
