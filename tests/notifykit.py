"""Real servers for the notification tests: an SMTP server (aiosmtpd) that
insists on STARTTLS and a login, and a Slack-style webhook receiver. Both bind
127.0.0.1, can be stopped and started again on the same port ("the server
was down"), and record what they received."""

from __future__ import annotations

import email
import json
import shutil
import ssl
import subprocess
import threading
import time
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from .servers import HttpStub, QuietHandler, free_port, require

SMTP_USER, SMTP_PASSWORD = "faqbot", "smtp-secret"


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A throwaway self-signed certificate for 127.0.0.1 (openssl)."""
    require("openssl", shutil.which("openssl") is not None)
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@dataclass
class SmtpServer:
    """aiosmtpd requiring STARTTLS before AUTH and mail."""

    cert: Path
    key: Path
    port: int = field(default_factory=free_port)
    inbox: _Inbox = field(default_factory=_Inbox)
    controller: object | None = None

    def url(self, starttls: bool = True) -> str:
        return (
            f"smtp://{SMTP_USER}:{SMTP_PASSWORD}@127.0.0.1:{self.port}"
            f"?cafile={self.cert}"
        )

    def start(self) -> SmtpServer:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(self.cert, self.key)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (auth_data.login, auth_data.password) == (
                SMTP_USER.encode(),
                SMTP_PASSWORD.encode(),
            )
            return AuthResult(success=ok)

        self.controller = Controller(
            self.inbox,
            hostname="127.0.0.1",
            port=self.port,
            tls_context=ctx,
            require_starttls=True,
            auth_required=True,
            authenticator=authenticator,
        )
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list[Message]:
        with self.inbox.lock:
            return list(self.inbox.messages)


@dataclass
class WebhookServer(HttpStub):
    """Receives Slack-style ``{"text": ...}`` posts; optionally slow to answer."""

    delay: float = 0.0
    received: list[dict] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{super().url}/hooks/staff"

    def handler(self) -> type[QuietHandler]:
        outer = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if outer.delay:
                    time.sleep(outer.delay)  # widens the window two senders race in
                outer.received.append(json.loads(body))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

        return Handler

    @property
    def texts(self) -> list[str]:
        return [r["text"] for r in list(self.received)]
