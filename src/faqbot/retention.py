"""Retention: `faqbot purge` erases what the clinic no longer needs to keep.

Everything that holds a patient's words or contact details is covered:

- ask records older than the retention period;
- items resolved before it, with their outbox rows and delivered notifications
  (open items are kept however old, because a patient is still waiting);
- the SMS channel's handled message ids and replies, and numbered choices
  that expired (opt-outs are kept: they must hold until the number texts START);
- learned phrasings keep their text (staff vetted it as a phrasing of an
  entry) but lose the link to the item they were taught from;
- audit rows keep who did what to which item, but lose their free-text
  detail and the client address;
- the spool and its ``.rejected`` file lose their lines from before the cutoff.

On SQLite, deleted rows are overwritten (``secure_delete``, set on every
connection) and the write-ahead log is checkpointed and truncated afterwards,
so the erased text is in no file on disk. PostgreSQL keeps dead rows in its
files until ``VACUUM`` (see the README).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from . import audit
from .spool import Spool
from .storage import (
    Store,
    asks,
    audit_log,
    handoffs,
    learned,
    notifications,
    outbox,
    sms_messages,
    sms_pending,
    utcnow,
)

# A numbered SMS choice expires within minutes; after a day it tells nobody anything.
PENDING_KEPT = timedelta(days=1)


@dataclass(frozen=True)
class Purged:
    """How many rows a purge deleted (or would delete, on a dry run)."""

    asks: int
    items: int
    notifications: int
    cutoff: datetime
    sms: int = 0
    audit: int = 0
    spooled: int = 0


def purge(
    store: Store,
    days: int,
    now: datetime | None = None,
    dry_run: bool = False,
    actor: str = "cli",
    spool: Spool | None = None,
) -> Purged:
    """Erase asks older than ``days``, items resolved before then, and the rest."""
    if days < 1:
        raise ValueError("the retention period must be at least one day")
    now = now or utcnow()
    cutoff = now - timedelta(days=days)
    old_items = select(handoffs.c.id).where(
        handoffs.c.status == "resolved", handoffs.c.resolved_at < cutoff
    )
    done_notes = notifications.c.status.in_(("sent", "failed"))
    old_audit = (audit_log.c.created_at < cutoff) & (
        audit_log.c.detail.is_not(None) | audit_log.c.ip.is_not(None)
    )
    with store.begin() as conn:
        item_ids = [r.id for r in conn.execute(old_items).all()]
        n_asks = _count(conn, asks, asks.c.created_at < cutoff)
        n_notes = _count(
            conn, notifications, done_notes, notifications.c.created_at < cutoff
        )
        n_audit = _count(conn, audit_log, old_audit)
        if dry_run:
            n_sms = _count(conn, sms_messages, sms_messages.c.received_at < cutoff)
            n_sms += _count(
                conn, sms_pending, sms_pending.c.expires_at < now - PENDING_KEPT
            )
        else:
            for chunk in _chunks(item_ids):
                conn.execute(delete(outbox).where(outbox.c.handoff_id.in_(chunk)))
                conn.execute(
                    update(learned)
                    .where(learned.c.handoff_id.in_(chunk))
                    .values(handoff_id=None)
                )
                conn.execute(delete(handoffs).where(handoffs.c.id.in_(chunk)))
            # Items still open keep their own copy of the question.
            old_asks = select(asks.c.id).where(asks.c.created_at < cutoff)
            conn.execute(
                update(handoffs)
                .where(handoffs.c.ask_id.in_(old_asks))
                .values(ask_id=None)
            )
            conn.execute(delete(asks).where(asks.c.created_at < cutoff))
            conn.execute(
                delete(notifications).where(
                    done_notes, notifications.c.created_at < cutoff
                )
            )
            n_sms = purge_sms(conn, cutoff, now - PENDING_KEPT)
            conn.execute(
                update(audit_log).where(old_audit).values(detail=None, ip=None)
            )
            audit.record(
                conn,
                actor,
                "purge",
                detail=f"older than {days} days: {n_asks} ask(s), "
                f"{len(item_ids)} resolved item(s), {n_notes} notification(s), "
                f"{n_sms} SMS record(s)",
            )
    n_spooled = 0
    if spool is not None:
        n_spooled = spool.purge(cutoff, dry_run=dry_run)
    if not dry_run:
        store.erase_freed()
    return Purged(n_asks, len(item_ids), n_notes, cutoff, n_sms, n_audit, n_spooled)


def purge_sms(conn: Connection, before: datetime, expired_before: datetime) -> int:
    """Delete handled message ids older than ``before`` and long-expired choices."""
    gone = conn.execute(
        delete(sms_messages).where(sms_messages.c.received_at < before)
    ).rowcount
    gone += conn.execute(
        delete(sms_pending).where(sms_pending.c.expires_at < expired_before)
    ).rowcount
    return gone


def _count(conn: Connection, table: object, *where: object) -> int:
    query = select(func.count()).select_from(table).where(*where)  # type: ignore[arg-type]
    return int(conn.execute(query).scalar_one())


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
