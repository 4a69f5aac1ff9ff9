"""Storage with SQLAlchemy Core: SQLite by default, PostgreSQL by URL.

Every ask is recorded; every unmatched or crisis ask also becomes a handoff
item for staff, and a notification waits in the outbox, all in one
transaction so that nothing is half-written. Schema creation is idempotent
and never drops anything: stored patient questions survive every deploy.

Times are stored as naive UTC.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DisconnectionError, IntegrityError, SQLAlchemyError
from sqlalchemy.schema import CreateColumn

log = logging.getLogger(__name__)

metadata = MetaData()

asks = Table(
    "asks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime, nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("kind", String(16), nullable=False, default="question"),  # question | pick
    Column("session_id", String(64), index=True),
    Column("status", String(16), nullable=False),
    Column("faq_id", String(64)),
    Column("score", Float),
    Column("text", Text, nullable=False),
    # A channel's own id for the message (Twilio's MessageSid): a retry is recognised.
    Column("external_id", String(64), unique=True),
    Column("lang", String(8)),  # en | es | other; NULL before languages (issue 10)
)

handoffs = Table(
    "handoffs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ask_id", Integer, ForeignKey("asks.id", ondelete="SET NULL")),
    Column("created_at", DateTime, nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("session_id", String(64), index=True),
    Column("question", Text, nullable=False),
    Column("candidates", Text, nullable=False, default="[]"),  # JSON [{faq_id, score}]
    Column("urgent", Boolean, nullable=False, default=False),
    Column("crisis_kind", String(32)),
    # The crisis screen's level: "crisis" items pin above "possible" ones.
    Column("risk", String(16)),
    Column("contact", String(255)),
    Column("contact_name", String(255)),
    Column("status", String(16), nullable=False, default="open"),  # open | resolved
    Column("needs_faq", Boolean, nullable=False, default=False),
    Column("resolved_at", DateTime),
    Column("resolved_by", String(255)),
    Column("note", Text),
    Column("lang", String(8)),  # the patient's language (issue 10)
    Index("ix_handoffs_status_urgent", "status", "urgent"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime, nullable=False),
    Column("handoff_id", Integer, ForeignKey("handoffs.id", ondelete="CASCADE")),
    Column("urgent", Boolean, nullable=False, default=False),
    Column(
        "status", String(16), nullable=False, default="pending"
    ),  # pending|sent|failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime, nullable=False),
    Column("locked_by", String(64)),
    Column("locked_until", DateTime),
    Column("sent_at", DateTime),
    Column("last_error", Text),
    Index("ix_outbox_status_next", "status", "next_attempt_at"),
)

learned = Table(
    "learned_phrasings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("faq_id", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(255)),
    Column("handoff_id", Integer, ForeignKey("handoffs.id", ondelete="SET NULL")),
    UniqueConstraint("faq_id", "text", name="uq_learned_faq_text"),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Integer, nullable=False, default=0),
)

# --- SMS channel (queries in faqbot.textmsg) ---------------------------------------
# In the database rather than in a worker's memory, so that any worker on any
# machine can take the next text from the same number.

# Numbers that texted STOP: the service sends them nothing until START.
sms_optouts = Table(
    "sms_optouts",
    metadata,
    Column("phone", String(64), primary_key=True),
    Column("created_at", DateTime, nullable=False),
)

# The numbered choice a clarification offered; the number's next text picks.
sms_pending = Table(
    "sms_pending",
    metadata,
    Column("phone", String(64), primary_key=True),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False, index=True),
    Column("question", Text, nullable=False),
    Column("choices", Text, nullable=False),  # JSON [faq_id, ...]
    Column("candidates", Text, nullable=False, default="[]"),  # JSON [[faq_id, score]]
)

# Every Twilio MessageSid taken on, and the reply sent: a retry gets it again.
sms_messages = Table(
    "sms_messages",
    metadata,
    Column("message_sid", String(64), primary_key=True),
    Column("received_at", DateTime, nullable=False, index=True),
    Column("replied_at", DateTime),
    Column("reply", Text),  # "" when nothing was sent
)
# --- end SMS channel ------------------------------------------------------------------


# --- staff: accounts, audit log, notifications (issue 4) --------------------------
# Queries live in faqbot.accounts, faqbot.audit, faqbot.review and faqbot.notify.

staff_users = Table(
    "staff_users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String(255), nullable=False, unique=True),  # stored lowercased
    Column("password_hash", String(255), nullable=False),  # Argon2id
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime),
    # Bumped by a password change or disable: signs every open session out.
    Column("session_version", Integer, nullable=False, default=1),
    Column("created_at", DateTime, nullable=False),
    Column("last_login_at", DateTime),
    # Optional second factor (issue 12): a TOTP secret, and the last code used
    # so that a code seen over someone's shoulder cannot be replayed.
    Column("totp_secret", String(64)),
    Column("totp_last", String(16)),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime, nullable=False, index=True),
    Column("actor", String(255), nullable=False),  # staff email, or "cli"
    Column("action", String(32), nullable=False, index=True),
    Column("target", String(64)),  # "handoff:12", "staff:pat@clinic", ...
    Column("detail", Text),  # never patient text or contact
    Column("ip", String(64)),
)

# One row per message (urgent item or digest) per transport: a webhook that is
# down is retried without sending the email twice. Claimed with a lease.
notifications = Table(
    "notifications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime, nullable=False),
    Column("kind", String(16), nullable=False),  # urgent | digest
    Column("transport", String(16), nullable=False),  # email | webhook
    Column("outbox_ids", Text, nullable=False, default="[]"),  # JSON
    Column("subject", String(255), nullable=False),
    Column("body", Text, nullable=False),
    Column("status", String(16), nullable=False, default="pending"),  # |sent|failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime, nullable=False),
    Column("locked_by", String(64)),
    Column("locked_until", DateTime),
    Column("sent_at", DateTime),
    Column("last_error", Text),
    Index("ix_notifications_status_next", "status", "next_attempt_at"),
)

# When the last digest went out; claimed with a compare-and-set so that two
# senders never both send one.
notify_clock = Table(
    "notify_clock",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("at", DateTime, nullable=False),
)
# --- staff replies, notes, sessions (issue 12) -------------------------------------
# Queries live in faqbot.replies, faqbot.review and faqbot.accounts.

# Every message staff sent a patient (or a call they made), on the item.
staff_replies = Table(
    "staff_replies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "handoff_id",
        Integer,
        ForeignKey("handoffs.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    # Web replies are read by the widget with the conversation's session id.
    Column("session_id", String(64), index=True),
    Column("created_at", DateTime, nullable=False),
    Column("actor", String(255), nullable=False),
    Column("channel", String(16), nullable=False),  # sms | web | email | phone
    Column("body", Text, nullable=False),
    # sent | queued | delivered | undelivered | failed | shown | called
    Column("status", String(16), nullable=False),
    Column("external_id", String(64), unique=True),  # Twilio's MessageSid
    Column("error", Text),
    Column("updated_at", DateTime),
)

# Notes and hand-made changes on an item, oldest first: nothing is overwritten.
handoff_notes = Table(
    "handoff_notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "handoff_id",
        Integer,
        ForeignKey("handoffs.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("created_at", DateTime, nullable=False),
    Column("actor", String(255), nullable=False),
    # note | resolve | reopen | called_back | urgent | not_urgent
    Column("kind", String(16), nullable=False),
    Column("text", Text),
)

# One row per staff login: logout and expiry end it here, so a copied
# cookie is worthless afterwards. Only a hash of the token is stored.
staff_sessions = Table(
    "staff_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column(
        "user_id",
        Integer,
        ForeignKey("staff_users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=False),
    Column("ended_at", DateTime),
    Column("ended_why", String(16)),  # logout | idle | lifetime | replaced
)

# Failed logins per account and address: a stranger's guesses lock out only
# the stranger's address, never the staff member at the front desk.
login_locks = Table(
    "login_locks",
    metadata,
    Column("email", String(255), primary_key=True),
    Column("ip", String(64), primary_key=True),
    Column("failures", Integer, nullable=False, default=0),
    Column("locked_until", DateTime),
    Column("updated_at", DateTime, nullable=False),
)
# Replies staff send often ("We take most PPO plans; call us to check yours"),
# kept and edited by staff on /staff/templates.
reply_templates = Table(
    "reply_templates",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String(100), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(255), nullable=False),
)

# What a staff member had typed when their session ran out, kept server-side
# (it may name a patient) until they log in again.
staff_drafts = Table(
    "staff_drafts",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("created_at", DateTime, nullable=False, index=True),
    Column("path", String(255), nullable=False),
    Column("fields", Text, nullable=False),  # JSON {name: text}
)
# --- end of staff tables ------------------------------------------------------------

LEARNED_REVISION = "learned_revision"
HANDOFF_STATUSES = ("unmatched", "crisis")


# Statements built once: building ``insert().values(...)`` anew for every ask
# cost more than SQLite's write itself (see docs/PERFORMANCE.md).
_INSERT_ASK = asks.insert()
_INSERT_HANDOFF = handoffs.insert()
_INSERT_OUTBOX = outbox.insert()


def _queue_alert(conn: Connection, handoff_id: int, urgent: bool, at: datetime) -> None:
    """Leave an outbox row: staff are told about the item (at once if urgent)."""
    conn.execute(
        _INSERT_OUTBOX,
        {
            "created_at": at,
            "handoff_id": handoff_id,
            "urgent": urgent,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": at,
        },
    )
_SELECT_REVISION = select(meta.c.value).where(meta.c.key == LEARNED_REVISION)


def utcnow() -> datetime:
    """The current time as naive UTC, the form every table stores."""
    return datetime.now(UTC).replace(tzinfo=None)


class StorageError(RuntimeError):
    """The database could not do what was asked."""


@dataclass(frozen=True)
class AskRecord:
    """What one ask leaves behind."""

    channel: str
    text: str
    status: str
    faq_id: str | None = None
    score: float | None = None
    session_id: str | None = None
    candidates: Sequence[tuple[str, float]] = ()
    crisis_kind: str | None = None
    contact: str | None = None
    external_id: str | None = None
    kind: str = "question"
    created_at: datetime = field(default_factory=utcnow)
    risk: str = "none"
    lang: str | None = None  # en | es | other

    @property
    def needs_handoff(self) -> bool:
        """Unmatched and crisis asks, and any ask at possible risk, reach staff."""
        return self.status in HANDOFF_STATUSES or self.risk == "possible"


@dataclass(frozen=True)
class Recorded:
    """Where an ask landed: its row, its staff item, and whether it was a retry."""

    ask_id: int
    handoff_id: int | None
    duplicate: bool = False


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets readers and one writer work at once; the busy timeout makes a
    # second gunicorn worker wait for the lock instead of failing.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # Deleted rows are overwritten with zeros, not left in free pages for
    # `grep` to find: a purge must erase. (Some builds turn it on by default,
    # most do not.)
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


def _private_files(path: str) -> None:
    """The database and its WAL and SHM files readable by their owner only."""
    for name in (path, f"{path}-wal", f"{path}-shm", f"{path}-journal"):
        try:
            os.chmod(name, 0o600)
        except FileNotFoundError:
            pass
        except OSError as exc:  # not ours to change: say so once per connection
            log.warning("cannot make %s private: %s", name, exc.strerror)


def _create_private(path: str) -> None:
    """Create the SQLite file 0600 in a 0700 directory before SQLite opens it.

    SQLite creates the WAL and SHM files with the database file's permissions,
    so a private database file keeps all three private whatever the umask.
    """
    parent = Path(path).parent
    if not parent.is_dir():
        parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(parent, 0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    _private_files(path)


# --- reliability (issue 6): a pooled SQLite connection follows the file ---------
def _watch_sqlite_file(engine: Engine, path: str) -> None:
    """Hand out a pooled connection only while its file is still at ``path``.

    An open SQLite connection keeps writing to the file it opened even after
    that file was moved or replaced, or its directory swapped out: those
    records would land where nobody reads them. A connection whose
    file is no longer the one at ``path`` is dropped and a new one opened, which
    fails loudly if nothing usable is there, so the ask goes to the spool.
    """

    def identity() -> tuple[int, int]:
        st = os.stat(path)
        return st.st_dev, st.st_ino

    def on_connect(_dbapi_conn: Any, record: Any) -> None:
        try:
            record.info["faqbot_file"] = identity()
        except OSError:
            record.info["faqbot_file"] = None

    def on_checkout(_dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        opened = record.info.get("faqbot_file")
        if opened is None:
            return  # a path we cannot stat (an sqlite URI): nothing to compare
        try:
            same = identity() == opened
        except OSError:
            same = False
        if not same:
            raise DisconnectionError("the SQLite file is no longer at its path")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "checkout", on_checkout)


# --- end reliability ----------------------------------------------------------------


PG_CONNECT_TIMEOUT = 5  # seconds


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the settings several workers need."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        on_disk = bool(path) and path != ":memory:" and not path.startswith("file:")
        if on_disk:
            try:
                _create_private(path)
            except OSError as exc:  # reported when the first query fails
                log.error("cannot create the database file: %s", exc.strerror)
        # hide_parameters: a database error in a traceback must not print the
        # patient's text or number that the failing statement carried.
        engine = create_engine(url, connect_args={"timeout": 10}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        if on_disk:
            event.listen(engine, "connect", lambda *_: _private_files(path))
            _watch_sqlite_file(engine, path)
        return engine
    # A database host that drops packets must not hold a patient's reply until
    # gunicorn's timeout: give up connecting after a few seconds and spool.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        connect_args={"connect_timeout": PG_CONNECT_TIMEOUT},
        hide_parameters=True,
    )


def add_missing_columns(
    engine: Engine, tables: Sequence[Table] | None = None
) -> list[str]:
    """Add each declared nullable column an existing table lacks; returns
    ``table.column`` for each one added.

    ``create_all`` creates missing tables but never touches existing ones, so
    a column added to a table in a later release is added here, with
    ``ALTER TABLE ... ADD COLUMN`` (SQLite and PostgreSQL both allow it for
    nullable columns without rewriting the table). Existing rows get NULL.
    Several workers may start at once: a column another one added meanwhile
    is not an error.
    """
    added: list[str] = []
    for table in tables if tables is not None else metadata.sorted_tables:
        with engine.connect() as conn:
            insp = inspect(conn)
            if not insp.has_table(table.name):
                continue
            have = {c["name"] for c in insp.get_columns(table.name)}
        for column in table.columns:
            if column.name in have:
                continue
            if not column.nullable or column.primary_key:
                raise StorageError(
                    f"{table.name}.{column.name} is missing and is not nullable: "
                    "it needs a hand-written migration"
                )
            ddl = CreateColumn(column).compile(dialect=engine.dialect)
            name = engine.dialect.identifier_preparer.format_table(table)
            try:
                with engine.begin() as conn:
                    conn.execute(text(f"ALTER TABLE {name} ADD COLUMN {ddl}"))
            except SQLAlchemyError:
                with engine.connect() as conn:
                    now_have = {
                        c["name"] for c in inspect(conn).get_columns(table.name)
                    }
                if column.name not in now_have:
                    raise
                continue  # another worker added it first
            log.info("added column %s.%s", table.name, column.name)
            added.append(f"{table.name}.{column.name}")
    return added


class Store:
    """The service's database: asks, staff items, outbox, learned phrasings."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection inside one transaction (committed on success)."""
        with self.engine.begin() as conn:
            yield conn

    def init_db(self) -> None:
        """Create missing tables and columns; never drops or changes existing data."""
        metadata.create_all(self.engine, checkfirst=True)
        add_missing_columns(self.engine)
        with self.begin() as conn:
            exists = conn.execute(
                select(meta.c.key).where(meta.c.key == LEARNED_REVISION)
            ).first()
            if exists is None:
                try:
                    with conn.begin_nested():
                        conn.execute(
                            meta.insert().values(key=LEARNED_REVISION, value=0)
                        )
                except IntegrityError:
                    pass  # another process created it first

    def conversation_lang(self, session_id: str) -> str | None:
        """The language of the latest ask in a conversation (None if unknown)."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(asks.c.lang)
                .where(asks.c.session_id == session_id, asks.c.lang.is_not(None))
                .order_by(asks.c.id.desc())
                .limit(1)
            ).scalar()

    def ping(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            return False

    def erase_freed(self) -> bool:
        """After a purge, leave no copy of deleted rows in SQLite's WAL file.

        Deleted rows are zeroed in the database file (``secure_delete``); the
        write-ahead log still holds the pages as they were until a checkpoint,
        so checkpoint and truncate it. True when the WAL is empty. PostgreSQL
        keeps dead rows until ``VACUUM`` (README, "Retention"): nothing here.
        """
        if not self.is_sqlite:
            return False
        for attempt in range(20):
            with self.engine.connect() as conn:
                busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
                conn.commit()
            if busy is None or not busy[0]:
                return True
            time.sleep(0.05 * (attempt + 1))  # a reader was in the way
        log.warning("the WAL could not be truncated after the purge (busy)")
        return False

    def dispose(self) -> None:
        """Close pooled connections (after a fork, or at shutdown)."""
        self.engine.dispose()

    # -- asks and handoffs --------------------------------------------------------
    def record_ask(self, rec: AskRecord) -> Recorded:
        """Store an ask, and for unmatched/crisis its staff item and outbox row.

        A repeated ``external_id`` (a channel's retry) writes nothing and
        returns the first recording, flagged ``duplicate``.
        """
        try:
            with self.begin() as conn:
                ask_id = conn.execute(
                    _INSERT_ASK,
                    {
                        "created_at": rec.created_at,
                        "channel": rec.channel,
                        "kind": rec.kind,
                        "session_id": rec.session_id,
                        "status": rec.status,
                        "faq_id": rec.faq_id,
                        "score": rec.score,
                        "text": rec.text,
                        "external_id": rec.external_id,
                        "lang": rec.lang,
                    },
                ).inserted_primary_key[0]
                handoff_id = None
                if rec.needs_handoff:
                    handoff_id = self._insert_handoff(conn, ask_id, rec)
                return Recorded(ask_id, handoff_id)
        except IntegrityError:
            if rec.external_id is None:
                raise
            found = self.find_by_external_id(rec.external_id)
            if found is None:
                raise
            return Recorded(found.ask_id, found.handoff_id, duplicate=True)

    def _insert_handoff(
        self, conn: Connection, ask_id: int | None, rec: AskRecord
    ) -> int:
        urgent = rec.status == "crisis" or rec.risk in ("crisis", "possible")
        handoff_id = conn.execute(
            _INSERT_HANDOFF,
            {
                "ask_id": ask_id,
                "created_at": rec.created_at,
                "channel": rec.channel,
                "session_id": rec.session_id,
                "question": rec.text,
                "candidates": json.dumps(
                    [{"faq_id": f, "score": round(s, 4)} for f, s in rec.candidates]
                ),
                "urgent": urgent,
                "crisis_kind": rec.crisis_kind,
                "risk": "crisis" if rec.status == "crisis" else rec.risk,
                "contact": rec.contact,
                "status": "open",
                "needs_faq": False,
                "lang": rec.lang,
            },
        ).inserted_primary_key[0]
        _queue_alert(conn, handoff_id, urgent, rec.created_at)
        return handoff_id

    def find_by_external_id(self, external_id: str) -> Recorded | None:
        """The ask (and staff item) recorded under a channel's message id."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(asks.c.id, handoffs.c.id.label("handoff_id"))
                .select_from(asks.outerjoin(handoffs, handoffs.c.ask_id == asks.c.id))
                .where(asks.c.external_id == external_id)
            ).first()
        if row is None:
            return None
        return Recorded(row.id, row.handoff_id, duplicate=True)

    def attach_contact(
        self, session_id: str, contact: str, name: str | None = None
    ) -> int | None:
        """Attach a patient's contact to the newest open staff item of their session.

        An urgent item (a crisis, a possible risk) alerts staff again: they now
        have a way to reach the patient.
        """
        with self.begin() as conn:
            row = conn.execute(
                select(handoffs.c.id, handoffs.c.urgent)
                .where(handoffs.c.session_id == session_id, handoffs.c.status == "open")
                .order_by(handoffs.c.id.desc())
                .limit(1)
            ).first()
            if row is None:
                return None
            conn.execute(
                update(handoffs)
                .where(handoffs.c.id == row.id)
                .values(contact=contact, contact_name=name)
            )
            if row.urgent:
                _queue_alert(conn, row.id, True, utcnow())
            return row.id

    def handoff(self, handoff_id: int) -> dict[str, Any] | None:
        """One staff item as a dict (candidates decoded), or None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(handoffs).where(handoffs.c.id == handoff_id)
            ).first()
        if row is None:
            return None
        item = dict(row._mapping)
        item["candidates"] = json.loads(item["candidates"] or "[]")
        return item

    def count(self, table: Table) -> int:
        """Rows in a table (for health checks and tests)."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()

    # -- learned phrasings ---------------------------------------------------------
    def learned_revision(self) -> int:
        """A number that changes whenever a learned phrasing is added or removed."""
        with self.engine.connect() as conn:
            value = conn.execute(_SELECT_REVISION).scalar()
        return int(value or 0)

    def learned_phrasings(self) -> list[dict[str, Any]]:
        """Every learned phrasing, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(learned).order_by(learned.c.id)).all()
        return [dict(r._mapping) for r in rows]

    def add_learned(
        self,
        faq_id: str,
        text_: str,
        created_by: str | None = None,
        handoff_id: int | None = None,
        conn: Connection | None = None,
    ) -> int | None:
        """Teach the matcher a phrasing; returns its id (None if it already existed)."""
        if conn is None:
            with self.begin() as c:
                return self.add_learned(faq_id, text_, created_by, handoff_id, c)
        existing = conn.execute(
            select(learned.c.id).where(
                learned.c.faq_id == faq_id, learned.c.text == text_
            )
        ).first()
        if existing is not None:
            return None
        new_id = conn.execute(
            learned.insert().values(
                faq_id=faq_id,
                text=text_,
                created_at=utcnow(),
                created_by=created_by,
                handoff_id=handoff_id,
            )
        ).inserted_primary_key[0]
        self._bump_revision(conn)
        return new_id

    def remove_learned(self, learned_id: int, conn: Connection | None = None) -> bool:
        """Forget a learned phrasing; True if it existed."""
        if conn is None:
            with self.begin() as c:
                return self.remove_learned(learned_id, c)
        gone = conn.execute(learned.delete().where(learned.c.id == learned_id)).rowcount
        if gone:
            self._bump_revision(conn)
        return bool(gone)

    def _bump_revision(self, conn: Connection) -> None:
        conn.execute(
            update(meta)
            .where(meta.c.key == LEARNED_REVISION)
            .values(value=meta.c.value + 1)
        )

    # -- widget contact requests (issue 5) -------------------------------------------
    def latest_question(self, session_id: str) -> str | None:
        """The text of a session's newest ask, or None if it has none."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(asks.c.text)
                .where(asks.c.session_id == session_id)
                .order_by(asks.c.id.desc())
                .limit(1)
            ).scalar()

    def contact_request(
        self, session_id: str, question: str, contact: str, name: str | None = None
    ) -> int:
        """Open a staff item (and its notification) for a patient's contact request."""
        rec = AskRecord(
            channel="web",
            text=question,
            status="unmatched",
            session_id=session_id,
            contact=contact,
        )
        with self.begin() as conn:
            handoff_id = self._insert_handoff(conn, None, rec)
            conn.execute(
                update(handoffs)
                .where(handoffs.c.id == handoff_id)
                .values(contact_name=name)
            )
        return handoff_id
