"""Retention: `faqbot purge` deletes what the clinic no longer needs to keep.

Ask records older than the retention period go, and so do items resolved
before it (with their outbox rows and delivered notifications). Open items
are kept however old, because a patient is still waiting. The audit log is
kept: it holds no patient text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update

from . import audit
from .storage import Store, asks, handoffs, notifications, outbox, utcnow


@dataclass(frozen=True)
class Purged:
    """How many rows a purge deleted (or would delete, on a dry run)."""

    asks: int
    items: int
    notifications: int
    cutoff: datetime


def purge(
    store: Store,
    days: int,
    now: datetime | None = None,
    dry_run: bool = False,
    actor: str = "cli",
) -> Purged:
    """Delete asks older than ``days`` and items resolved before then."""
    if days < 1:
        raise ValueError("the retention period must be at least one day")
    cutoff = (now or utcnow()) - timedelta(days=days)
    old_items = select(handoffs.c.id).where(
        handoffs.c.status == "resolved", handoffs.c.resolved_at < cutoff
    )
    done_notes = notifications.c.status.in_(("sent", "failed"))
    with store.begin() as conn:
        item_ids = [r.id for r in conn.execute(old_items).all()]
        n_asks = conn.execute(
            select(func.count()).select_from(asks).where(asks.c.created_at < cutoff)
        ).scalar_one()
        n_notes = conn.execute(
            select(func.count())
            .select_from(notifications)
            .where(done_notes, notifications.c.created_at < cutoff)
        ).scalar_one()
        if not dry_run:
            for chunk in _chunks(item_ids):
                conn.execute(delete(outbox).where(outbox.c.handoff_id.in_(chunk)))
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
            audit.record(
                conn,
                actor,
                "purge",
                detail=f"older than {days} days: {n_asks} ask(s), "
                f"{len(item_ids)} resolved item(s), {n_notes} notification(s)",
            )
    return Purged(n_asks, len(item_ids), n_notes, cutoff)


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
