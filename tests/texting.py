"""Text like Twilio does: signed form posts to /sms, and the TwiML read back."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from twilio.request_validator import RequestValidator

TOKEN = "test-twilio-auth-token"
CLINIC_NUMBER = "+18338672329"
PATIENT = "+15551234567"


def new_sid() -> str:
    """A fresh MessageSid in Twilio's shape (SM + 32 hex digits)."""
    return "SM" + uuid.uuid4().hex


def sms_form(body: str, sender: str = PATIENT, sid: str | None = None, **extra: str):
    """The form Twilio posts for one inbound text."""
    return {
        "MessageSid": sid or new_sid(),
        "SmsSid": sid or new_sid(),
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "To": CLINIC_NUMBER,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
        "ApiVersion": "2010-04-01",
        **extra,
    }


def sign(url: str, form: dict[str, str], token: str = TOKEN) -> str:
    """X-Twilio-Signature for ``form`` posted to ``url``, by twilio's own code."""
    return RequestValidator(token).compute_signature(url, form)


def messages(twiml: bytes) -> list[str]:
    """The text of every <Message> in a TwiML response (checks it is TwiML)."""
    root = ET.fromstring(twiml)
    assert root.tag == "Response", twiml
    return [m.text or "" for m in root.findall("Message")]


def reply_text(twiml: bytes) -> str | None:
    """The one message a TwiML response sends, or None for an empty <Response/>."""
    found = messages(twiml)
    assert len(found) <= 1, found
    return found[0] if found else None
