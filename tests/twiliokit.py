"""A local stand-in for Twilio's Messages endpoint, for the real twilio REST
client to send to (FAQBOT_TWILIO_API_URL points it here): it checks the
account's Basic auth, records each message and answers as Twilio does, or
with the error a test sets."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from .servers import HttpStub, QuietHandler

ACCOUNT_SID = "AC" + "0" * 30 + "12"
AUTH_TOKEN = "twilio-test-auth-token"
CLINIC_NUMBER = "+13105550000"


@dataclass
class FakeTwilio(HttpStub):
    """POST /2010-04-01/Accounts/{sid}/Messages.json on 127.0.0.1."""

    sent: list[dict[str, str]] = field(default_factory=list)
    error: tuple[int, int, str] | None = None  # (HTTP status, Twilio code, message)

    def handler(self) -> type[QuietHandler]:
        outer = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                expected = f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
                auth = base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode())
                if self.headers.get("Authorization") != f"Basic {auth.decode()}":
                    return self._json(401, {"code": 20003, "message": "Authenticate"})
                if self.path != expected:
                    return self._json(404, {"code": 20404, "message": "Not found"})
                size = int(self.headers["Content-Length"])
                form = {
                    k: v[-1]
                    for k, v in parse_qs(self.rfile.read(size).decode()).items()
                }
                if outer.error:
                    status, code, message = outer.error
                    return self._json(
                        status,
                        {"code": code, "message": message, "status": status},
                    )
                sid = "SM" + uuid.uuid4().hex
                outer.sent.append({**form, "sid": sid})
                self._json(
                    201,
                    {
                        "sid": sid,
                        "account_sid": ACCOUNT_SID,
                        "to": form.get("To"),
                        "from": form.get("From"),
                        "messaging_service_sid": form.get("MessagingServiceSid"),
                        "body": form.get("Body"),
                        "status": "queued",
                        "num_segments": "1",
                        "direction": "outbound-api",
                    },
                )

            def _json(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


def twilio_settings(fake: FakeTwilio, **extra: object) -> dict[str, object]:
    """The settings that send staff texts through ``fake``."""
    return {
        "twilio_account_sid": ACCOUNT_SID,
        "twilio_auth_token": AUTH_TOKEN,
        "twilio_from": CLINIC_NUMBER,
        "twilio_api_url": fake.url,
        **extra,
    }
