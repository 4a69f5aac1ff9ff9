"""Staff replies to a patient, in the patient's own channel.

An SMS patient gets a text from the clinic's number (through an
``SmsGateway``: Twilio's REST client, wired in by the app); a web patient sees
the reply in the chat widget, now or when they come back in the same
session, and by email when they left an address; a patient who left a phone
number is called, and staff record that they did. Every reply is stored on
the item with who sent it and when, and audited in the same transaction.

Plain Python: the gateway and the mailer are passed in, so the core imports
neither twilio nor Flask.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select, update

from . import audit, gsm
from .config import Settings
from .notify import EmailTransport
from .review import Item
from .storage import (
    Store,
    handoff_notes,
    reply_templates,
    sms_optouts,
    staff_replies,
    utcnow,
)

MAX_REPLY_CHARS = 1600  # the longest text Twilio delivers
# The widget makes its session id with crypto.randomUUID() (122 random bits);
# a shorter id could be guessed, so its conversation gets no web replies.
STRONG_SESSION_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
# Twilio's delivery states, in the order a message goes through them.
SMS_STATUSES = (
    "accepted",
    "queued",
    "sending",
    "sent",
    "delivered",
    "undelivered",
    "failed",
    "read",
)
FINAL = frozenset({"delivered", "undelivered", "failed", "read"})


class ReplyError(ValueError):
    """A reply cannot be sent; the message says why, in plain English."""


@dataclass(frozen=True)
class SentSms:
    """What the SMS gateway answered: the message's id and first status."""

    sid: str
    status: str


class SmsGateway(Protocol):
    """Sends one text from the clinic's number; raises ReplyError on failure."""

    def send(self, to: str, body: str) -> SentSms: ...


class Mailer(Protocol):
    """Sends one email to one address; raises on failure."""

    def send(self, to: str, subject: str, body: str) -> None: ...


class SmtpMailer:
    """Emails a patient through the configured SMTP server (FAQBOT_SMTP_URL)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def send(self, to: str, subject: str, body: str) -> None:
        """Send one email from FAQBOT_MAIL_FROM to ``to``; raises on failure."""
        text = (
            f"{body}\n\n-- \nThe care team, in answer to your question in the "
            "chat on our website.\nIn an emergency call 911; in a crisis call "
            "or text 988."
        )
        EmailTransport(self.settings.smtp_url, self.settings.mail_from, [to]).send(
            subject, text
        )


@dataclass(frozen=True)
class StaffReply:
    """One reply on an item, as staff see it."""

    id: int
    handoff_id: int
    created_at: datetime
    actor: str
    channel: str
    body: str
    status: str
    error: str | None = None
    updated_at: datetime | None = None

    @property
    def label(self) -> str:
        """How the reply went, in words."""
        return {
            "web": "in the chat",
            "sms": "by text",
            "email": "by email",
            "phone": "phone call",
        }.get(self.channel, self.channel)


def is_phone(contact: str | None) -> bool:
    """True for a contact that is a phone number (not an email)."""
    return bool(contact) and "@" not in (contact or "")


def web_reply_possible(item: Item) -> bool:
    """A web conversation whose session id is long and random enough to answer."""
    return item.channel == "web" and bool(
        item.session_id and STRONG_SESSION_RE.match(item.session_id)
    )


def ways(item: Item, sms_ready: bool, email_ready: bool) -> list[str]:
    """Where a written reply to ``item`` goes: sms, web, email (may be empty)."""
    out = []
    if item.channel == "sms" and is_phone(item.contact) and sms_ready:
        out.append("sms")
    if web_reply_possible(item):
        out.append("web")
    if item.contact and "@" in item.contact and email_ready:
        out.append("email")
    return out


def segments(body: str) -> int:
    """How many SMS segments ``body`` costs: GSM-7 when every character is in
    its alphabet, else UCS-2 (70 characters, 67 per part when split).

    >>> segments("a" * 160), segments("a" * 161), segments("é" * 70 + "ê")
    (1, 2, 2)
    """
    if gsm.is_gsm7(body):
        return gsm.segments(body)
    units = len(body.encode("utf-16-le")) // 2
    return 1 if units <= 70 else -(-units // 67)


def _clean(body: str) -> str:
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise ReplyError("The reply is empty.")
    if len(body) > MAX_REPLY_CHARS:
        raise ReplyError(f"The reply is longer than {MAX_REPLY_CHARS} characters.")
    return body


def opted_out(store: Store, phone: str) -> bool:
    """True when the number texted STOP (nothing may be sent to it)."""
    with store.engine.connect() as conn:
        return (
            conn.execute(
                select(sms_optouts.c.phone).where(sms_optouts.c.phone == phone)
            ).first()
            is not None
        )


def send(
    store: Store,
    item: Item,
    body: str,
    actor: str,
    *,
    sms: SmsGateway | None = None,
    mailer: Mailer | None = None,
    email_subject: str = "A reply from the clinic",
    ip: str | None = None,
    now: datetime | None = None,
) -> list[StaffReply]:
    """Send ``body`` to the patient of ``item`` every way it can go.

    Raises ReplyError when it can go nowhere (or the only way failed); a
    failed email beside a web reply is recorded on the reply, not raised.
    """
    body = _clean(body)
    ready = ways(item, sms is not None, mailer is not None)
    if not ready:
        raise ReplyError(
            "This patient cannot be written to from here: "
            + (
                "call them with the number above."
                if is_phone(item.contact)
                else "they left no contact and their chat cannot be reached."
            )
        )
    now = now or utcnow()
    sent: list[int] = []
    errors: list[str] = []
    if "sms" in ready:
        assert sms is not None and item.contact
        phone = item.contact.strip()
        if opted_out(store, phone):
            raise ReplyError(
                "This number texted STOP: nothing may be sent to it until they "
                "text START. Call them instead."
            )
        result = sms.send(phone, body)
        sent.append(
            _record(store, item, actor, "sms", body, result.status, now, result.sid)
        )
    if "web" in ready:
        sent.append(_record(store, item, actor, "web", body, "sent", now))
    if "email" in ready:
        assert mailer is not None and item.contact
        try:
            mailer.send(item.contact.strip(), email_subject, body)
            sent.append(_record(store, item, actor, "email", body, "sent", now))
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"[:500]
            errors.append(error)
            sent.append(
                _record(store, item, actor, "email", body, "failed", now, error=error)
            )
    with store.begin() as conn:
        audit.record(
            conn,
            actor,
            "reply",
            target=f"handoff:{item.id}",
            detail=",".join(ready),
            ip=ip,
            now=now,
        )
    if errors and len(ready) == 1:
        raise ReplyError(f"The email could not be sent ({errors[0]}).")
    return [r for r in replies(store, item.id) if r.id in sent]


def called_back(
    store: Store,
    item: Item,
    actor: str,
    note: str = "",
    ip: str | None = None,
    now: datetime | None = None,
) -> None:
    """Record that staff called the patient back (with what came of it)."""
    if not is_phone(item.contact):
        raise ReplyError("This patient left no phone number to call.")
    now = now or utcnow()
    text_ = note.strip()[:2000] or "Called the patient back."
    _record(store, item, actor, "phone", text_, "called", now)
    with store.begin() as conn:
        conn.execute(
            handoff_notes.insert().values(
                handoff_id=item.id,
                created_at=now,
                actor=actor,
                kind="called_back",
                text=text_,
            )
        )
        audit.record(
            conn, actor, "called_back", target=f"handoff:{item.id}", ip=ip, now=now
        )


def _record(
    store: Store,
    item: Item,
    actor: str,
    channel: str,
    body: str,
    status: str,
    now: datetime,
    external_id: str | None = None,
    error: str | None = None,
) -> int:
    with store.begin() as conn:
        return conn.execute(
            staff_replies.insert().values(
                handoff_id=item.id,
                session_id=item.session_id if channel == "web" else None,
                created_at=now,
                actor=actor,
                channel=channel,
                body=body,
                status=status,
                external_id=external_id,
                error=error,
            )
        ).inserted_primary_key[0]


def replies(store: Store, handoff_id: int) -> list[StaffReply]:
    """Every reply on an item, oldest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(staff_replies)
            .where(staff_replies.c.handoff_id == handoff_id)
            .order_by(staff_replies.c.id)
        ).all()
    return [
        StaffReply(
            id=r.id,
            handoff_id=r.handoff_id,
            created_at=r.created_at,
            actor=r.actor,
            channel=r.channel,
            body=r.body,
            status=r.status,
            error=r.error,
            updated_at=r.updated_at,
        )
        for r in rows
    ]


def for_session(
    store: Store, session_id: str, after: int = 0, now: datetime | None = None
) -> list[dict[str, object]]:
    """The staff replies of one chat session newer than ``after`` (the widget's).

    Only a session id the widget could have made is accepted; the replies
    are marked shown, so staff see that the patient's chat received them.
    """
    if not STRONG_SESSION_RE.match(session_id):
        return []
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(staff_replies.c.id, staff_replies.c.body, staff_replies.c.created_at)
            .where(
                staff_replies.c.session_id == session_id,
                staff_replies.c.channel == "web",
                staff_replies.c.id > after,
            )
            .order_by(staff_replies.c.id)
            .limit(50)
        ).all()
    if rows:
        with store.begin() as conn:
            conn.execute(
                update(staff_replies)
                .where(
                    staff_replies.c.id.in_([r.id for r in rows]),
                    staff_replies.c.status == "sent",
                )
                .values(status="shown", updated_at=now or utcnow())
            )
    return [
        {"id": r.id, "text": r.body, "at": r.created_at.isoformat() + "Z"} for r in rows
    ]


def record_status(
    store: Store,
    sid: str,
    status: str,
    error_code: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Record a delivery status Twilio reported for a staff text.

    A final status is never replaced by an earlier one (callbacks may arrive
    out of order). Returns True when the message is one of ours.
    """
    status = status.strip().lower()
    if status not in SMS_STATUSES:
        return False
    with store.begin() as conn:
        row = conn.execute(
            select(staff_replies.c.id, staff_replies.c.status).where(
                staff_replies.c.external_id == sid
            )
        ).first()
        if row is None:
            return False
        if row.status in FINAL and status not in FINAL:
            return True
        conn.execute(
            update(staff_replies)
            .where(staff_replies.c.id == row.id)
            .values(
                status=status,
                error=f"Twilio error {error_code}" if error_code else None,
                updated_at=now or utcnow(),
            )
        )
    return True


def statuses(sent: Sequence[StaffReply]) -> str:
    """A one-line summary of where replies went (for the flash message)."""
    return ", ".join(f"{r.label}: {r.status}" for r in sent)


# --- reply templates ------

MAX_TEMPLATE_TITLE = 100


@dataclass(frozen=True)
class Template:
    """A reply staff send often, to start a reply from."""

    id: int
    title: str
    body: str
    created_by: str
    created_at: datetime


def templates(store: Store) -> list[Template]:
    """Every reply template, by title."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(reply_templates).order_by(reply_templates.c.title)
        ).all()
    return [Template(**r._mapping) for r in rows]


def add_template(
    store: Store, title: str, body: str, actor: str, ip: str | None = None
) -> int:
    """Keep a reply for reuse (staff write these: no patient text)."""
    title = " ".join(title.split())[:MAX_TEMPLATE_TITLE]
    body = _clean(body)
    if not title:
        raise ReplyError("The template needs a title.")
    with store.begin() as conn:
        new_id = conn.execute(
            reply_templates.insert().values(
                title=title, body=body, created_by=actor, created_at=utcnow()
            )
        ).inserted_primary_key[0]
        audit.record(conn, actor, "template_add", target=f"template:{new_id}", ip=ip)
    return new_id


def remove_template(
    store: Store, template_id: int, actor: str, ip: str | None = None
) -> None:
    """Delete a reply template."""
    with store.begin() as conn:
        gone = conn.execute(
            reply_templates.delete().where(reply_templates.c.id == template_id)
        ).rowcount
        if not gone:
            raise ReplyError("That template no longer exists.")
        audit.record(
            conn, actor, "template_remove", target=f"template:{template_id}", ip=ip
        )
