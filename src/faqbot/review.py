"""The staff review queue: list, resolve, teach and flag handoff items.

Plain Python over the store, shared by the staff pages and the CLI. Every
act that touches a patient's item is written to the audit log in the same
transaction as the act itself.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sqlalchemy import and_, func, select, update

from . import audit
from .storage import Store, handoff_notes, handoffs, learned, utcnow

PER_PAGE = 25
# Deeper pages are empty anyway; a page of 10**20 would overflow SQL's OFFSET.
MAX_PAGE = 100_000
STATUS_FILTERS = ("open", "resolved", "all")
MAX_NOTE_CHARS = 2000
MAX_PHRASING_CHARS = 500


class ReviewError(ValueError):
    """A staff action cannot be done; the message says why, in plain English."""


@dataclass(frozen=True)
class Candidate:
    """One of the bot's closest entries for a handed-off question."""

    faq_id: str
    score: float


@dataclass(frozen=True)
class Item:
    """A handoff item as staff see it."""

    id: int
    created_at: datetime
    channel: str
    question: str
    urgent: bool
    status: str
    needs_faq: bool
    candidates: tuple[Candidate, ...] = ()
    crisis_kind: str | None = None
    risk: str | None = None
    contact: str | None = None
    contact_name: str | None = None
    session_id: str | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    note: str | None = None
    ask_id: int | None = None
    lang: str | None = None  # the patient's language: en | es | other (issue 10)

    @property
    def masked_contact(self) -> str | None:
        """The contact with all but what identifies the kind of contact hidden."""
        return mask_contact(self.contact) if self.contact else None

    @property
    def masked_question(self) -> str:
        """The question with any phone number or email in it masked."""
        return mask_text(self.question)

    @property
    def question_holds_contact(self) -> bool:
        """True when the patient typed contact details into the question."""
        return bool(_contacts_in(self.question))

    @property
    def wants_callback(self) -> bool:
        """The patient left a way to reach them (the widget's form, or SMS)."""
        return bool(self.contact)


@dataclass(frozen=True)
class Filters:
    """What the queue shows: status, channel, urgent only, a text search, a page."""

    status: str = "open"
    channel: str | None = None
    urgent: bool = False
    q: str = ""
    page: int = 1
    callback: bool = False

    @classmethod
    def parse(cls, args: dict[str, str]) -> Filters:
        """Filters from query-string values; anything invalid falls back to default."""
        status = args.get("status", "open")
        try:
            page = min(MAX_PAGE, max(1, int(args.get("page", "1"))))
        except ValueError:
            page = 1
        return cls(
            status=status if status in STATUS_FILTERS else "open",
            channel=(args.get("channel") or "").strip()[:16] or None,
            urgent=args.get("urgent") in {"1", "on", "true"},
            q=(args.get("q") or "").strip()[:200],
            page=page,
            callback=args.get("callback") in {"1", "on", "true"},
        )


@dataclass(frozen=True)
class Page:
    """One page of the queue."""

    items: list[Item]
    total: int
    page: int
    per_page: int = PER_PAGE
    filters: Filters = field(default_factory=Filters)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


@dataclass(frozen=True)
class Learned:
    """A phrasing staff taught the matcher."""

    id: int
    faq_id: str
    text: str
    created_at: datetime
    created_by: str | None
    handoff_id: int | None


def mask_contact(contact: str) -> str:
    """A phone shows its last 4 digits, an email its first letter and domain.

    >>> mask_contact("+1 (310) 555-0100")
    '•••-•••-0100'
    >>> mask_contact("pat.doe@example.com")
    'p•••@example.com'
    """
    contact = contact.strip()
    if "@" in contact:
        local, _, domain = contact.partition("@")
        return f"{local[:1]}•••@{domain}"
    digits = re.sub(r"\D", "", contact)
    if len(digits) >= 4:
        return f"•••-•••-{digits[-4:]}"
    return "•••"


def contact_href(contact: str) -> str:
    """A ``mailto:`` or ``tel:`` link for a contact, every part URL-encoded.

    >>> contact_href("pat.doe@example.com")
    'mailto:pat.doe@example.com'
    >>> contact_href("a?bcc=x@example.com")
    'mailto:a%3Fbcc%3Dx@example.com'
    >>> contact_href("+1 (310) 555-0100")
    'tel:+13105550100'
    """
    contact = contact.strip()
    if "@" in contact:
        local, _, domain = contact.rpartition("@")
        return f"mailto:{quote(local, safe='')}@{quote(domain, safe='')}"
    digits = re.sub(r"[^0-9+]", "", contact)
    return f"tel:{quote(digits, safe='+')}"


# Contact details typed into a question: an email address, or a run of 7 or
# more digits with the separators people type in phone numbers.
_EMAIL_IN_TEXT = re.compile(
    r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[A-Za-z]{2,}"
)
_PHONE_IN_TEXT = re.compile(r"(?<![\w])\+?\(?\d(?:[\s().-]{0,2}\d){6,14}(?![\w])")


def _contacts_in(text: str) -> list[re.Match[str]]:
    found = list(_EMAIL_IN_TEXT.finditer(text)) + list(_PHONE_IN_TEXT.finditer(text))
    return sorted(found, key=lambda m: m.start())


def mask_text(text: str) -> str:
    """``text`` with every phone number and email in it masked like a contact.

    >>> mask_text("call me at 310 555 0100 or pat@example.com")
    'call me at •••-•••-0100 or p•••@example.com'
    """
    out, last = [], 0
    for m in _contacts_in(text):
        if m.start() < last:
            continue
        out += [text[last : m.start()], mask_contact(m.group())]
        last = m.end()
    return "".join(out) + text[last:]


def holds_contact(text: str) -> bool:
    """True when ``text`` still holds a phone number, an email or a mask of one."""
    return bool(_contacts_in(text)) or "•••" in text


CONTACT_IN_TEXT = (
    "This text still holds a phone number or an email address (or a masked "
    "one, •••). Remove it before teaching: learned phrasings are shown to "
    "every staff member and exported into the FAQ file."
)


def _item(row: Any) -> Item:
    data = dict(row._mapping)
    cands = json.loads(data.pop("candidates") or "[]")
    data.pop("session_id", None)
    return Item(
        **{k: v for k, v in data.items() if k in Item.__dataclass_fields__},
        session_id=row.session_id,
        candidates=tuple(Candidate(c["faq_id"], float(c["score"])) for c in cands),
    )


def _where(f: Filters) -> list[Any]:
    conds: list[Any] = []
    if f.status != "all":
        conds.append(handoffs.c.status == f.status)
    if f.channel:
        conds.append(handoffs.c.channel == f.channel)
    if f.urgent:
        conds.append(handoffs.c.urgent.is_(True))
    if f.callback:
        conds.append(and_(handoffs.c.contact.is_not(None), handoffs.c.contact != ""))
    if f.q:
        conds.append(handoffs.c.question.icontains(f.q, autoescape=True))
    return conds


def queue(store: Store, f: Filters, per_page: int = PER_PAGE) -> Page:
    """Items matching ``f``: open crises, then open possible-risk items, then the rest.

    Within each group the newest come first.
    """
    conds = _where(f)
    pinned = and_(handoffs.c.urgent.is_(True), handoffs.c.status == "open")
    # Open crises first, then open "possible risk" items, then the rest.
    crisis = and_(pinned, func.coalesce(handoffs.c.risk, "crisis") == "crisis")
    order = [
        pinned.desc(),
        crisis.desc(),
        handoffs.c.created_at.desc(),
        handoffs.c.id.desc(),
    ]
    query = select(handoffs).where(*conds).order_by(*order)
    query = query.limit(per_page).offset((f.page - 1) * per_page)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        total = conn.execute(
            select(func.count()).select_from(handoffs).where(*conds)
        ).scalar_one()
    return Page([_item(r) for r in rows], total, f.page, per_page, f)


def channels(store: Store) -> list[str]:
    """Every channel that has items, for the filter menu."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(handoffs.c.channel).distinct()).all()
    return sorted(r.channel for r in rows)


def item(store: Store, handoff_id: int) -> Item | None:
    """One item, or None."""
    with store.engine.connect() as conn:
        row = conn.execute(select(handoffs).where(handoffs.c.id == handoff_id)).first()
    return _item(row) if row is not None else None


def reveal_contact(
    store: Store, handoff_id: int, actor: str, ip: str | None = None
) -> str | None:
    """The item's full contact; every reveal is audited."""
    with store.begin() as conn:
        row = conn.execute(
            select(handoffs.c.contact, handoffs.c.question).where(
                handoffs.c.id == handoff_id
            )
        ).first()
        contact = row.contact if row is not None else None
        if contact:
            audit.record(
                conn, actor, "reveal_contact", target=f"handoff:{handoff_id}", ip=ip
            )
        if row is not None and _contacts_in(row.question or ""):
            audit.record(
                conn, actor, "reveal_question", target=f"handoff:{handoff_id}", ip=ip
            )
    return contact


def _clean_note(note: str) -> str:
    note = note.strip()
    if len(note) > MAX_NOTE_CHARS:
        raise ReviewError(f"The note is longer than {MAX_NOTE_CHARS} characters.")
    return note


def resolve(
    store: Store,
    handoff_id: int,
    actor: str,
    note: str = "",
    ip: str | None = None,
    now: datetime | None = None,
) -> None:
    """Close an open item with a note ("called back, booked")."""
    note = _clean_note(note)
    with store.begin() as conn:
        done = conn.execute(
            update(handoffs)
            .where(handoffs.c.id == handoff_id, handoffs.c.status == "open")
            .values(
                status="resolved",
                resolved_at=now or utcnow(),
                resolved_by=actor,
                note=note or None,
            )
        ).rowcount
        if not done:
            message = _not_open(conn, handoff_id)
            if not note or message.startswith("There is no"):
                raise ReviewError(message)
            # Nothing typed is lost: the note joins the item's history.
            add_note(conn, handoff_id, actor, "note", note, now)
            audit.record(conn, actor, "note", target=f"handoff:{handoff_id}", ip=ip)
        else:
            add_note(conn, handoff_id, actor, "resolve", note, now)
            audit.record(conn, actor, "resolve", target=f"handoff:{handoff_id}", ip=ip)
    if not done:
        raise ReviewError(message + " Your note was added to its history.")


def reopen(store: Store, handoff_id: int, actor: str, ip: str | None = None) -> None:
    """Put a resolved item back in the queue (its note is kept)."""
    with store.begin() as conn:
        done = conn.execute(
            update(handoffs)
            .where(handoffs.c.id == handoff_id, handoffs.c.status == "resolved")
            .values(status="open", resolved_at=None, resolved_by=None)
        ).rowcount
        if not done:
            raise ReviewError("That item is not resolved.")
        add_note(conn, handoff_id, actor, "reopen")
        audit.record(conn, actor, "reopen", target=f"handoff:{handoff_id}", ip=ip)


def _not_open(conn: Any, handoff_id: int) -> str:
    row = conn.execute(
        select(handoffs.c.status, handoffs.c.resolved_by).where(
            handoffs.c.id == handoff_id
        )
    ).first()
    if row is None:
        return "There is no such item."
    return f"This item was already resolved by {row.resolved_by or 'someone'}."


def teach(
    store: Store,
    handoff_id: int,
    faq_id: str,
    phrasing: str,
    actor: str,
    known_ids: set[str] | frozenset[str],
    ip: str | None = None,
    now: datetime | None = None,
    topic_of: Callable[[str], str | None] | None = None,
) -> int | None:
    """Make ``phrasing`` a learned phrasing of ``faq_id`` and resolve the item.

    Every worker's matcher picks the phrasing up on its next ask (the store
    bumps the learned revision). ``topic_of`` names a handoff topic the
    phrasing raises: such questions always go to staff, so teaching them is
    refused. Returns the new phrasing's id, or None when the entry had it.
    """
    if faq_id not in known_ids:
        raise ReviewError("There is no FAQ entry with that id.")
    phrasing = " ".join(phrasing.split())
    if not phrasing:
        raise ReviewError("The phrasing to teach is empty.")
    if holds_contact(phrasing):
        raise ReviewError(CONTACT_IN_TEXT)
    if len(phrasing) > MAX_PHRASING_CHARS:
        raise ReviewError(
            f"The phrasing is longer than {MAX_PHRASING_CHARS} characters."
        )
    topic = topic_of(phrasing) if topic_of else None
    if topic:
        # The FAQ hands every question on this topic to staff before matching,
        # so a learned phrasing could never answer it.
        raise ReviewError(
            f"This question raises the handoff topic {topic!r}, which the FAQ "
            "always sends to staff, so teaching cannot change its answer."
        )
    with store.begin() as conn:
        status = conn.execute(
            select(handoffs.c.status).where(handoffs.c.id == handoff_id)
        ).scalar()
        if status is None:
            raise ReviewError("There is no such item.")
        new_id = store.add_learned(faq_id, phrasing, actor, handoff_id, conn=conn)
        if status == "open":
            conn.execute(
                update(handoffs)
                .where(handoffs.c.id == handoff_id)
                .values(
                    status="resolved",
                    resolved_at=now or utcnow(),
                    resolved_by=actor,
                    note=f"Taught as a phrasing of {faq_id}.",
                )
            )
        audit.record(
            conn,
            actor,
            "teach",
            target=f"handoff:{handoff_id}",
            detail=f"faq_id={faq_id}",
            ip=ip,
        )
    return new_id


def set_needs_faq(
    store: Store, handoff_id: int, flagged: bool, actor: str, ip: str | None = None
) -> None:
    """Flag (or unflag) an item for the FAQ curator: it needs a new entry."""
    with store.begin() as conn:
        done = conn.execute(
            update(handoffs)
            .where(handoffs.c.id == handoff_id)
            .values(needs_faq=flagged)
        ).rowcount
        if not done:
            raise ReviewError("There is no such item.")
        audit.record(
            conn,
            actor,
            "flag" if flagged else "unflag",
            target=f"handoff:{handoff_id}",
            ip=ip,
        )


def flagged_items(store: Store) -> list[Item]:
    """Every item flagged as needing a new FAQ entry, oldest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(handoffs)
            .where(handoffs.c.needs_faq.is_(True))
            .order_by(handoffs.c.created_at, handoffs.c.id)
        ).all()
    return [_item(r) for r in rows]


def learned_phrasings(store: Store) -> list[Learned]:
    """Every learned phrasing, newest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(learned).order_by(learned.c.id.desc())).all()
    return [Learned(**r._mapping) for r in rows]


def remove_learned(
    store: Store, learned_id: int, actor: str, ip: str | None = None
) -> None:
    """Forget a learned phrasing (every worker stops using it on its next ask)."""
    with store.begin() as conn:
        row = conn.execute(
            select(learned.c.faq_id).where(learned.c.id == learned_id)
        ).first()
        if row is None or not store.remove_learned(learned_id, conn=conn):
            raise ReviewError("That learned phrasing no longer exists.")
        audit.record(
            conn,
            actor,
            "learned_remove",
            target=f"learned:{learned_id}",
            detail=f"faq_id={row.faq_id}",
            ip=ip,
        )


# --- an item's history (issue 12) ------


@dataclass(frozen=True)
class Note:
    """One entry of an item's history: a note, or a change made by hand."""

    created_at: datetime
    actor: str
    kind: str  # note | resolve | reopen | called_back | urgent | not_urgent
    text: str | None

    @property
    def title(self) -> str:
        """What happened, in words."""
        return {
            "note": "note",
            "resolve": "resolved",
            "reopen": "reopened",
            "called_back": "called back",
            "urgent": "marked urgent",
            "not_urgent": "marked not urgent",
        }.get(self.kind, self.kind)


def add_note(
    conn: Any,
    handoff_id: int,
    actor: str,
    kind: str,
    text: str | None = None,
    now: datetime | None = None,
) -> None:
    """Add an entry to an item's history inside the caller's transaction."""
    conn.execute(
        handoff_notes.insert().values(
            handoff_id=handoff_id,
            created_at=now or utcnow(),
            actor=actor,
            kind=kind,
            text=text or None,
        )
    )


def history(store: Store, item: Item) -> list[Note]:
    """An item's notes and changes, oldest first; a note written before the
    history existed comes first."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(handoff_notes)
            .where(handoff_notes.c.handoff_id == item.id)
            .order_by(handoff_notes.c.id)
        ).all()
    notes = [Note(r.created_at, r.actor, r.kind, r.text) for r in rows]
    if not notes and item.note:
        when = item.resolved_at or item.created_at
        notes.append(Note(when, item.resolved_by or "?", "resolve", item.note))
    return notes


def add_staff_note(
    store: Store, handoff_id: int, actor: str, note: str, ip: str | None = None
) -> None:
    """Add a note to an item without changing its state (audited)."""
    note = _clean_note(note)
    if not note:
        raise ReviewError("The note is empty.")
    with store.begin() as conn:
        if (
            conn.execute(
                select(handoffs.c.id).where(handoffs.c.id == handoff_id)
            ).first()
            is None
        ):
            raise ReviewError("There is no such item.")
        add_note(conn, handoff_id, actor, "note", note)
        audit.record(conn, actor, "note", target=f"handoff:{handoff_id}", ip=ip)


def set_urgent(
    store: Store,
    handoff_id: int,
    urgent: bool,
    actor: str,
    ip: str | None = None,
    reason: str = "",
) -> None:
    """Mark (or unmark) an item urgent by hand: it is pinned on top while open."""
    with store.begin() as conn:
        done = conn.execute(
            update(handoffs).where(handoffs.c.id == handoff_id).values(urgent=urgent)
        ).rowcount
        if not done:
            raise ReviewError("There is no such item.")
        add_note(
            conn,
            handoff_id,
            actor,
            "urgent" if urgent else "not_urgent",
            _clean_note(reason),
        )
        audit.record(
            conn,
            actor,
            "mark_urgent" if urgent else "unmark_urgent",
            target=f"handoff:{handoff_id}",
            ip=ip,
        )
