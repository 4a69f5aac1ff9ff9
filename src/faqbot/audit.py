"""The audit log: who logged in (or failed to), revealed a contact, resolved,
taught, exported or changed a staff account, and when.

Entries name the item and the action, never the patient's text or contact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from .storage import Store, audit_log, utcnow

ACTIONS = (
    "login",
    "login_failed",
    "logout",
    "reveal_contact",
    "reveal_question",
    "reply",
    "called_back",
    "note",
    "template_add",
    "template_remove",
    "mark_urgent",
    "unmark_urgent",
    "resolve",
    "reopen",
    "teach",
    "flag",
    "unflag",
    "learned_remove",
    "export_learned",
    "export_flagged",
    "staff_add",
    "staff_disable",
    "staff_enable",
    "staff_password",
    "staff_mfa",
    "purge",
)


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    id: int
    created_at: datetime
    actor: str
    action: str
    target: str | None
    detail: str | None
    ip: str | None


def record(
    conn: Connection,
    actor: str,
    action: str,
    target: str | None = None,
    detail: str | None = None,
    ip: str | None = None,
    now: datetime | None = None,
) -> None:
    """Write one entry inside the caller's transaction (so it commits with the act)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    conn.execute(
        audit_log.insert().values(
            created_at=now or utcnow(),
            actor=actor[:255],
            action=action,
            target=target,
            detail=detail,
            ip=ip,
        )
    )


def log(store: Store, actor: str, action: str, **kwargs: str | None) -> None:
    """Write one entry in a transaction of its own."""
    with store.begin() as conn:
        record(conn, actor, action, **kwargs)  # type: ignore[arg-type]


def entries(
    store: Store, page: int = 1, per_page: int = 50, action: str | None = None
) -> tuple[list[AuditEntry], int]:
    """One page of entries, newest first, and the total count."""
    query = select(audit_log)
    counter = select(func.count()).select_from(audit_log)
    if action:
        query = query.where(audit_log.c.action == action)
        counter = counter.where(audit_log.c.action == action)
    query = (
        query.order_by(audit_log.c.id.desc())
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        total = conn.execute(counter).scalar_one()
    return [AuditEntry(**r._mapping) for r in rows], total
