"""Staff notifications: email (SMTP with STARTTLS) and a Slack-compatible webhook.

Every new handoff item leaves an ``outbox`` row, written in the same
transaction as the item (see ``Store.record_ask``). A ``Sender`` turns those
rows into messages and delivers them:

- urgent (crisis) items at once; while alerts keep coming, the ones after
  the first wait for the end of a short window (``urgent_window_seconds``)
  and go together in one summary, so a flood of crisis messages cannot page
  staff a hundred times;
- the others together, in a digest sent at most every ``digest_minutes``
  (an item waits at most that long).

Each message gets one ``notifications`` row per transport, so a webhook that
is down is retried with backoff without sending the email twice. Rows are
claimed with a single conditional UPDATE (and a lease for delivery), which
PostgreSQL and SQLite both carry out atomically: two senders never take the
same row, and a sender that dies mid-send leaves a lease that expires, so the
message goes out after a restart. Only a crash between a successful send and
recording it can repeat a message; nothing is ever dropped silently.

Notifications carry no patient text or contact unless
``notify_include_text`` is on: channel, time, urgency and a link.
Nothing here runs in a patient's request, so a failed or slow notification
never delays or fails a reply.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import smtplib
import socket
import ssl
import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import and_, func, or_, select, true, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from .clock import format_local
from .config import Settings
from .storage import Store, handoffs, notifications, notify_clock, outbox, utcnow

log = logging.getLogger(__name__)

DIGEST = "digest"
URGENT = "urgent"
LEASE = timedelta(minutes=2)  # longer than any send may take (timeouts below)
SMTP_TIMEOUT = 20.0
WEBHOOK_TIMEOUT = 10.0
WEBHOOK_READ_LIMIT = 64 * 1024
MAX_ATTEMPTS = 10
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_MAX = timedelta(minutes=30)
POLL_SECONDS = 3.0
BATCH_LIMIT = 200
_EPOCH = datetime(1970, 1, 1)


class DeliveryError(RuntimeError):
    """A transport could not deliver a message (it will be retried)."""


class Transport(Protocol):
    """Delivers one message; raises on failure."""

    name: str

    def send(self, subject: str, body: str) -> None: ...


# --- transports ------


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to send email, from ``smtp://user:pass@host:587``."""

    host: str
    port: int
    username: str | None
    password: str | None
    starttls: bool
    implicit_tls: bool
    cafile: str | None

    @classmethod
    def parse(cls, url: str) -> SmtpConfig:
        """Read an ``smtp://`` (STARTTLS) or ``smtps://`` (TLS) URL.

        Query options: ``starttls=0`` for a local relay without TLS, and
        ``cafile=/path.pem`` to trust a private certificate authority.
        """
        parts = urlsplit(url)
        if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
            raise ValueError("FAQBOT_SMTP_URL must look like smtp://user:pass@host:587")
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        implicit = parts.scheme == "smtps"
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if implicit else 587),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            starttls=not implicit and query.get("starttls", "1") not in {"0", "false"},
            implicit_tls=implicit,
            cafile=query.get("cafile") or None,
        )


class EmailTransport:
    """Sends each message to every staff address over SMTP."""

    name = "email"

    def __init__(self, url: str, sender: str, recipients: Sequence[str]) -> None:
        self.config = SmtpConfig.parse(url)
        self.sender = sender
        self.recipients = list(recipients)

    def send(self, subject: str, body: str) -> None:
        """Deliver ``body`` by email; STARTTLS is required unless turned off."""
        cfg = self.config
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = ", ".join(self.recipients)
        msg["Subject"] = subject
        msg["Date"] = format_datetime(datetime.now().astimezone())
        msg["Message-ID"] = make_msgid(domain="faqbot")
        msg.set_content(body)
        context = ssl.create_default_context(cafile=cfg.cafile)
        try:
            if cfg.implicit_tls:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    cfg.host, cfg.port, timeout=SMTP_TIMEOUT, context=context
                )
            else:
                smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=SMTP_TIMEOUT)
            with smtp:
                if cfg.starttls:
                    smtp.starttls(context=context)
                if cfg.username:
                    smtp.login(cfg.username, cfg.password or "")
                smtp.send_message(msg)
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"email: {type(exc).__name__}: {exc}") from exc


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A webhook that redirects is misconfigured: never follow it off https."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_WEBHOOK_OPENER = urllib.request.build_opener(_NoRedirects)


def check_webhook_url(url: str) -> str:
    """``url`` if it is https (or http to this machine), else a ValueError.

    The webhook carries staff alerts about patients; plain http would send them
    across the network in the clear.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme == "https" and host:
        return url
    if parts.scheme == "http" and _is_loopback(host):
        return url
    raise ValueError(
        "FAQBOT_STAFF_WEBHOOK_URL must be an https:// URL (http only to this machine)"
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class WebhookTransport:
    """Posts ``{"text": ...}`` to a Slack-compatible incoming webhook."""

    name = "webhook"

    def __init__(self, url: str) -> None:
        self.url = check_webhook_url(url)

    def send(self, subject: str, body: str) -> None:
        """POST the message; anything but a 2xx answer is a failure."""
        data = json.dumps({"text": f"{subject}\n{body}"}).encode()
        req = urllib.request.Request(
            self.url,
            data=data,
            method="POST",
            headers={"Content-Type": "application/json", "User-Agent": "faqbot"},
        )
        try:
            with _WEBHOOK_OPENER.open(req, timeout=WEBHOOK_TIMEOUT) as resp:
                resp.read(WEBHOOK_READ_LIMIT)  # the answer is "ok"; never more
        except urllib.error.HTTPError as exc:
            raise DeliveryError(f"webhook: HTTP {exc.code}") from exc
        except (OSError, urllib.error.URLError) as exc:
            raise DeliveryError(f"webhook: {type(exc).__name__}: {exc}") from exc


def transports(settings: Settings) -> list[Transport]:
    """The transports the settings turn on (none: notifications wait)."""
    out: list[Transport] = []
    if settings.smtp_url and settings.emails():
        out.append(
            EmailTransport(settings.smtp_url, settings.mail_from, settings.emails())
        )
    if settings.staff_webhook_url:
        out.append(WebhookTransport(settings.staff_webhook_url))
    return out


# --- messages ------


def item_link(settings: Settings, handoff_id: int) -> str:
    """Where staff open an item (absolute when FAQBOT_PUBLIC_URL is set)."""
    return f"{settings.public_url.rstrip('/')}/staff/item/{handoff_id}"


def _when(at: datetime, tz: str) -> str:
    return format_local(at, tz)


def urgent_message(settings: Settings, item: Any) -> tuple[str, str]:
    """Subject and body for one urgent item."""
    possible = getattr(item, "risk", None) == "possible"
    subject = (
        "[faqbot] URGENT: a message may signal risk, please check it"
        if possible
        else "[faqbot] URGENT: a crisis message needs a person now"
    )
    lines = [
        f"An urgent message arrived by {item.channel} at "
        f"{_when(item.created_at, settings.timezone)}.",
        "The patient got their usual reply with the safety line (911 / 988)."
        if possible
        else "The patient was shown the crisis response (988 / 911 / the clinic).",
        f"Open it: {item_link(settings, item.id)}",
    ]
    if getattr(item, "contact", None):
        # Never the contact itself: staff reveal it on the item page.
        lines.insert(-1, "The patient left a way to reach them: open the item.")
    if settings.notify_include_text:
        lines.insert(1, f"Message: {item.question}")
    return subject, "\n".join(lines)


def urgent_summary_message(settings: Settings, items: Sequence[Any]) -> tuple[str, str]:
    """Subject and body for several urgent items that arrived within one window."""
    n = len(items)
    subject = f"[faqbot] URGENT: {n} crisis messages need a person now"
    lines = [
        f"{n} urgent messages arrived since the last alert.",
        "Each patient was shown the crisis response (988 / 911 / the clinic).",
    ]
    for item in items:
        line = f"- {item.channel}, {_when(item.created_at, settings.timezone)}: "
        line += item_link(settings, item.id)
        if settings.notify_include_text:
            line += f"\n  {item.question}"
        lines.append(line)
    return subject, "\n".join(lines)


def digest_message(settings: Settings, items: Sequence[Any]) -> tuple[str, str]:
    """Subject and body for a digest of non-urgent items."""
    n = len(items)
    subject = f"[faqbot] {n} new question{'s' if n != 1 else ''} for staff"
    lines = [f"{n} question{'s' if n != 1 else ''} the bot could not answer:"]
    for item in items:
        link = item_link(settings, item.id)
        when = _when(item.created_at, settings.timezone)
        callback = ", wants a call back" if getattr(item, "contact", None) else ""
        line = f"- {item.channel}, {when}{callback}: {link}"
        if settings.notify_include_text:
            line += f"\n  {item.question}"
        lines.append(line)
    lines.append(f"The queue: {settings.public_url.rstrip('/')}/staff")
    return subject, "\n".join(lines)


# --- the sender ------


def backoff(attempts: int) -> timedelta:
    """Wait before retry number ``attempts`` (30 s, 1 min, 2 min ... 30 min)."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


class Sender:
    """Turns outbox rows into messages and delivers them, exactly once.

    Any number of senders may run against one database (the web workers'
    threads and `faqbot notify` processes). ``clock`` returns naive UTC; tests
    pass their own to move time forward.
    """

    def __init__(
        self,
        settings: Settings,
        store: Store,
        transport_list: Sequence[Transport] | None = None,
        clock: Callable[[], datetime] = utcnow,
        name: str | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.transports = {
            t.name: t
            for t in (
                transports(settings) if transport_list is None else transport_list
            )
        }
        self.clock = clock
        self.name = (
            name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        )
        self._warned = False

    # -- one pass ---------------------------------------------------------------------
    def run_once(self) -> int:
        """Queue what is due and deliver what is queued; returns messages sent."""
        if not self.transports:
            if not self._warned:
                log.warning(
                    "no notification transport configured (FAQBOT_SMTP_URL with "
                    "FAQBOT_STAFF_EMAILS, or FAQBOT_STAFF_WEBHOOK_URL): "
                    "new items wait in the outbox"
                )
                self._warned = True
            return 0
        self.queue_urgent()
        self.queue_digest()
        return self.deliver()

    def run_forever(
        self, stop: threading.Event, interval: float = POLL_SECONDS
    ) -> None:
        """Pass after pass until ``stop`` is set; errors are logged, never raised."""
        log.info("notification sender %s started", self.name)
        while not stop.is_set():
            try:
                self.run_once()
            except SQLAlchemyError as exc:
                log.error(
                    "notification sender: database error (%s)", type(exc).__name__
                )
            except Exception:
                log.exception("notification sender: unexpected error")
            stop.wait(interval)
        log.info("notification sender %s stopped", self.name)

    # -- queueing ---------------------------------------------------------------------
    def queue_urgent(self) -> int:
        """Queue the urgent alerts that are due; returns how many were queued.

        With a window, one alert covers every urgent item pending when it is
        due: the first item of a quiet spell at once, those after it together
        once the window since the last alert has passed.
        """
        window = timedelta(seconds=self.settings.urgent_window_seconds)
        if window <= timedelta(0):
            return self._queue_each_urgent()
        now = self.clock()
        with self.store.engine.connect() as conn:
            waiting = conn.execute(
                select(outbox.c.id)
                .where(outbox.c.status == "pending", outbox.c.urgent.is_(True))
                .limit(1)
            ).first()
        if waiting is None:
            return 0
        return self._claim_batch(URGENT, window, urgent=True, now=now)

    def _queue_each_urgent(self) -> int:
        """One message per pending urgent item (no window)."""
        with self.store.engine.connect() as conn:
            ids = conn.scalars(
                select(outbox.c.id)
                .where(outbox.c.status == "pending", outbox.c.urgent.is_(True))
                .order_by(outbox.c.id)
                .limit(BATCH_LIMIT)
            ).all()
        return sum(self._queue_urgent(outbox_id) for outbox_id in ids)

    def queue_digest(self) -> int:
        """Queue one digest of pending non-urgent items when it is due."""
        now = self.clock()
        period = timedelta(minutes=self.settings.digest_minutes)
        with self.store.engine.connect() as conn:
            oldest = conn.execute(
                select(func.min(outbox.c.created_at)).where(
                    outbox.c.status == "pending", outbox.c.urgent.is_(False)
                )
            ).scalar()
        if oldest is None or oldest + period > now:
            return 0
        return self._claim_batch(DIGEST, period, urgent=False, now=now)

    def _claim_batch(
        self, clock: str, every: timedelta, urgent: bool, now: datetime
    ) -> int:
        """Queue every pending row of one kind as one message, once per ``every``.

        A compare-and-set on the kind's clock is the transaction's first
        statement: of two senders, only one gets this message.
        """
        self._ensure_clock(clock)
        token = f"{self.name}:{uuid.uuid4().hex[:8]}"
        with self.store.begin() as conn:
            won = conn.execute(
                update(notify_clock)
                .where(notify_clock.c.name == clock, notify_clock.c.at <= now - every)
                .values(at=now)
            ).rowcount
            if not won:
                return 0
            conn.execute(
                update(outbox)
                .where(
                    outbox.c.status == "pending",
                    outbox.c.urgent.is_(urgent),
                    # A digest covers what was pending when it came due.
                    true() if urgent else outbox.c.created_at <= now,
                )
                .values(status="queued", locked_by=token)
            )
            ids = conn.scalars(
                select(outbox.c.id)
                .where(outbox.c.status == "queued", outbox.c.locked_by == token)
                .order_by(outbox.c.id)
            ).all()
            if ids:
                self._insert_messages(conn, ids, "urgent" if urgent else "digest", now)
        return 1 if ids else 0

    def _queue_urgent(self, outbox_id: int) -> int:
        now = self.clock()
        with self.store.begin() as conn:
            # The claim is the transaction's first statement: SQLite takes its
            # write lock here, PostgreSQL locks the row; a second sender then
            # finds it no longer pending.
            claimed = conn.execute(
                update(outbox)
                .where(outbox.c.id == outbox_id, outbox.c.status == "pending")
                .values(status="queued", locked_by=self.name)
            ).rowcount
            if not claimed:
                return 0
            self._insert_messages(conn, [outbox_id], "urgent", now)
        return 1

    def _insert_messages(
        self, conn: Any, ids: Sequence[int], kind: str, now: datetime
    ) -> None:
        items = conn.execute(
            select(
                handoffs.c.id,
                handoffs.c.channel,
                handoffs.c.created_at,
                handoffs.c.question,
                handoffs.c.risk,
                handoffs.c.status,
                handoffs.c.contact,
            )
            .select_from(outbox.join(handoffs, outbox.c.handoff_id == handoffs.c.id))
            .where(outbox.c.id.in_(ids))
            .order_by(handoffs.c.created_at, handoffs.c.id)
        ).all()
        if kind == "digest":
            # Items staff already worked need nobody's attention.
            items = [i for i in items if i.status == "open"]
        if not items:  # the items were purged meanwhile
            conn.execute(
                update(outbox).where(outbox.c.id.in_(ids)).values(status="sent")
            )
            return
        if kind == "urgent" and len(items) == 1:
            subject, body = urgent_message(self.settings, items[0])
        elif kind == "urgent":
            subject, body = urgent_summary_message(self.settings, items)
        else:
            subject, body = digest_message(self.settings, items)
        for name in self.transports:
            conn.execute(
                notifications.insert().values(
                    created_at=now,
                    kind=kind,
                    transport=name,
                    outbox_ids=json.dumps(list(ids)),
                    subject=subject,
                    body=body,
                    status="pending",
                    attempts=0,
                    next_attempt_at=now,
                )
            )

    def _ensure_clock(self, name: str) -> None:
        with self.store.engine.connect() as conn:
            exists = conn.execute(
                select(notify_clock.c.name).where(notify_clock.c.name == name)
            ).first()
        if exists is None:
            try:
                with self.store.begin() as conn:
                    conn.execute(notify_clock.insert().values(name=name, at=_EPOCH))
            except IntegrityError:
                pass  # another sender created it first

    # -- delivery ---------------------------------------------------------------------
    def _due(self, now: datetime) -> Any:
        return and_(
            notifications.c.status == "pending",
            notifications.c.next_attempt_at <= now,
            or_(
                notifications.c.locked_until.is_(None),
                notifications.c.locked_until < now,
            ),
        )

    def deliver(self) -> int:
        """Send every due message this sender can claim; returns how many went out."""
        now = self.clock()
        with self.store.engine.connect() as conn:
            ids = conn.scalars(
                select(notifications.c.id)
                .where(
                    self._due(now), notifications.c.transport.in_(list(self.transports))
                )
                .order_by(
                    notifications.c.kind.desc(), notifications.c.id
                )  # urgent first
                .limit(BATCH_LIMIT)
            ).all()
        sent = 0
        for nid in ids:
            sent += self._deliver_one(nid)
        return sent

    def _deliver_one(self, nid: int) -> int:
        now = self.clock()
        token = f"{self.name}:{uuid.uuid4().hex[:8]}"
        with self.store.begin() as conn:
            claimed = conn.execute(
                update(notifications)
                .where(notifications.c.id == nid, self._due(now))
                .values(locked_by=token, locked_until=now + LEASE)
            ).rowcount
            row = conn.execute(
                select(notifications).where(notifications.c.id == nid)
            ).first()
        if not claimed or row is None:
            return 0
        try:
            self.transports[row.transport].send(row.subject, row.body)
        except Exception as exc:
            self._failed(row, token, exc)
            return 0
        with self.store.begin() as conn:
            conn.execute(
                update(notifications)
                .where(notifications.c.id == nid, notifications.c.locked_by == token)
                .values(
                    status="sent",
                    sent_at=self.clock(),
                    attempts=row.attempts + 1,
                    locked_by=None,
                    locked_until=None,
                    last_error=None,
                )
            )
            self._settle_outbox(conn, row.outbox_ids)
        log.info("sent %s notification %d by %s", row.kind, nid, row.transport)
        return 1

    def _failed(self, row: Any, token: str, exc: Exception) -> None:
        attempts = row.attempts + 1
        error = str(exc)[:500] or type(exc).__name__
        final = attempts >= MAX_ATTEMPTS
        with self.store.begin() as conn:
            conn.execute(
                update(notifications)
                .where(notifications.c.id == row.id, notifications.c.locked_by == token)
                .values(
                    status="failed" if final else "pending",
                    attempts=attempts,
                    next_attempt_at=self.clock() + backoff(attempts),
                    locked_by=None,
                    locked_until=None,
                    last_error=error,
                )
            )
            self._settle_outbox(conn, row.outbox_ids)
        if final:
            log.error(
                "GAVE UP on %s notification %d by %s after %d attempts: %s",
                row.kind,
                row.id,
                row.transport,
                attempts,
                error,
            )
        else:
            log.warning(
                "%s notification %d by %s failed (attempt %d, retrying in %s): %s",
                row.kind,
                row.id,
                row.transport,
                attempts,
                backoff(attempts),
                error,
            )

    def _settle_outbox(self, conn: Any, outbox_ids: str) -> None:
        """Record on the outbox rows how their notifications ended."""
        siblings = conn.execute(
            select(
                notifications.c.status,
                notifications.c.attempts,
                notifications.c.sent_at,
                notifications.c.last_error,
            ).where(notifications.c.outbox_ids == outbox_ids)
        ).all()
        statuses = {s.status for s in siblings}
        if "pending" in statuses:
            status = "queued"
        elif statuses == {"sent"}:
            status = "sent"
        else:
            status = "failed"
        sent = [s.sent_at for s in siblings if s.sent_at]
        errors = [s.last_error for s in siblings if s.last_error]
        conn.execute(
            update(outbox)
            .where(outbox.c.id.in_(json.loads(outbox_ids)))
            .values(
                status=status,
                attempts=max(s.attempts for s in siblings),
                sent_at=max(sent) if status == "sent" and sent else None,
                last_error="; ".join(errors)[:1000] or None,
            )
        )


@dataclass
class Background:
    """A sender running in a daemon thread of this process."""

    stop: threading.Event
    thread: threading.Thread

    def close(self, timeout: float = 30.0) -> None:
        """Stop after the current pass and wait for it."""
        self.stop.set()
        self.thread.join(timeout)


def start_in_background(settings: Settings, store: Store) -> Background | None:
    """Run a sender in a daemon thread of this process (``notify_in_web``).

    A malformed notification setting is logged, not raised: the web app must
    serve patients whatever state the staff notifications are in.
    """
    stop = threading.Event()
    try:
        sender = Sender(settings, store)
    except ValueError as exc:
        log.error("staff notifications are off: %s", exc)
        return None
    thread = threading.Thread(
        target=sender.run_forever, args=(stop,), name="faqbot-notify", daemon=True
    )
    thread.start()
    return Background(stop, thread)
