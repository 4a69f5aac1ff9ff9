"""Sending texts through Twilio's REST client (twilio.rest, and with it
requests and urllib3): imported by ``textback.init_app`` only when sending is
configured, so an app that never sends a text does not load them.
"""

from __future__ import annotations

import logging
from typing import Any

from requests.exceptions import RequestException
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response as TwilioResponse
from twilio.rest import Client

from ..config import Settings
from ..replies import ReplyError, SentSms

log = logging.getLogger("faqbot.channels.textback")  # the name its lines had

TWILIO_API = "https://api.twilio.com"
SEND_TIMEOUT = 15.0  # seconds: staff wait for the answer on the item page


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

    def __init__(self, settings: Settings, status_path: str) -> None:
        self.settings = settings
        self.status_path = status_path  # textback's delivery-status callback
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
            kwargs["status_callback"] = s.public_url.rstrip("/") + self.status_path
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
