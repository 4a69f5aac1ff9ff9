"""Storage on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    inspect,
    select,
)

from faqbot.config import Settings
from faqbot.storage import AskRecord, Store, asks, handoffs, outbox, utcnow


@pytest.fixture
def db(db_url: str) -> Store:
    store = Store(db_url)
    store.init_db()
    yield store
    store.dispose()


def test_init_is_idempotent_and_keeps_data(db: Store) -> None:
    db.record_ask(AskRecord("web", "how much is it", "unmatched"))
    db.init_db()
    db.init_db()
    assert db.count(asks) == 1
    assert db.count(handoffs) == 1


def test_answered_ask_is_recorded_without_a_staff_item(db: Store) -> None:
    rec = db.record_ask(
        AskRecord(
            "web",
            "where are you",
            "answered",
            faq_id="clinic-locations",
            score=0.9,
            session_id="s1",
        )
    )
    assert rec.handoff_id is None
    with db.engine.connect() as conn:
        row = conn.execute(select(asks)).one()
    assert (row.channel, row.status, row.faq_id, row.session_id) == (
        "web",
        "answered",
        "clinic-locations",
        "s1",
    )
    assert row.text == "where are you"
    assert db.count(handoffs) == 0 and db.count(outbox) == 0


@pytest.mark.parametrize(("status", "urgent"), [("unmatched", False), ("crisis", True)])
def test_handoff_and_outbox_are_written_together(
    db: Store, status: str, urgent: bool
) -> None:
    rec = db.record_ask(
        AskRecord(
            "sms",
            "a question",
            status,
            candidates=[("book-appointment", 0.31)],
            contact="+13105550100",
        )
    )
    item = db.handoff(rec.handoff_id)
    assert item["urgent"] is urgent
    assert item["status"] == "open"
    assert item["contact"] == "+13105550100"
    assert item["candidates"] == [{"faq_id": "book-appointment", "score": 0.31}]
    with db.engine.connect() as conn:
        box = conn.execute(select(outbox)).one()
    assert (
        box.handoff_id == rec.handoff_id
        and box.urgent is urgent
        and box.status == "pending"
    )


def test_a_retried_message_id_is_recorded_once(db: Store) -> None:
    first = db.record_ask(AskRecord("sms", "q", "unmatched", external_id="SM123"))
    again = db.record_ask(AskRecord("sms", "q", "unmatched", external_id="SM123"))
    assert again.duplicate and again.ask_id == first.ask_id
    assert again.handoff_id == first.handoff_id
    assert db.count(asks) == 1 and db.count(handoffs) == 1


def test_attach_contact_to_the_newest_open_item_of_a_session(db: Store) -> None:
    db.record_ask(AskRecord("web", "first", "unmatched", session_id="s9"))
    second = db.record_ask(AskRecord("web", "second", "unmatched", session_id="s9"))
    assert db.attach_contact("s9", "pat@example.com", "Pat") == second.handoff_id
    assert db.handoff(second.handoff_id)["contact"] == "pat@example.com"
    assert db.attach_contact("nobody", "x@example.com") is None


def test_learned_phrasings_bump_the_revision(db: Store) -> None:
    r0 = db.learned_revision()
    lid = db.add_learned("clinic-locations", "whats ur address", created_by="staff@x")
    assert db.learned_revision() == r0 + 1
    assert db.add_learned("clinic-locations", "whats ur address") is None
    assert [r["text"] for r in db.learned_phrasings()] == ["whats ur address"]
    assert db.remove_learned(lid)
    assert db.learned_revision() == r0 + 2
    assert db.learned_phrasings() == []


def test_concurrent_writers_lose_nothing(db: Store) -> None:
    def worker(n: int) -> None:
        for i in range(15):
            db.record_ask(AskRecord("web", f"q {n}-{i}", "unmatched"))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert db.count(handoffs) == 60


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@h:5432/db", "postgresql+psycopg://u:p@h:5432/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_heroku_style_urls_are_accepted(url: str, expected: str) -> None:
    assert Settings(database_url=url).sqlalchemy_url == expected


def test_postgres_url_from_heroku_form_connects(postgres_server) -> None:
    url = postgres_server.create_database("heroku_form").replace(
        "postgresql://", "postgres://"
    )
    store = Store(Settings(database_url=url).sqlalchemy_url)
    store.init_db()
    assert store.ping()
    store.dispose()


def test_a_silent_postgres_host_is_given_up_on(monkeypatch) -> None:
    """A server that accepts TCP but never answers must not hang a request."""
    import socket

    from faqbot import storage

    monkeypatch.setattr(storage, "PG_CONNECT_TIMEOUT", 1)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # the kernel completes the handshake; nobody ever replies
        port = silent.getsockname()[1]
        store = Store(f"postgresql+psycopg://nobody@127.0.0.1:{port}/db")
        assert store.ping() is False
        store.dispose()


# --- migrations: columns added to existing tables (issue 12) ------


def _old_staff_users(meta: MetaData) -> Table:
    """staff_users as releases before issue 12 created it (no TOTP columns)."""
    return Table(
        "staff_users",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("email", String(255), nullable=False, unique=True),
        Column("password_hash", String(255), nullable=False),
        Column("is_admin", Boolean, nullable=False, default=False),
        Column("active", Boolean, nullable=False, default=True),
        Column("failed_logins", Integer, nullable=False, default=0),
        Column("locked_until", DateTime),
        Column("session_version", Integer, nullable=False, default=1),
        Column("created_at", DateTime, nullable=False),
        Column("last_login_at", DateTime),
    )


def test_init_db_adds_new_nullable_columns_to_an_old_database(db_url) -> None:
    from faqbot import accounts
    from faqbot.storage import add_missing_columns, staff_users

    old_meta = MetaData()
    old = _old_staff_users(old_meta)
    engine = create_engine(Settings(database_url=db_url).sqlalchemy_url)
    old_meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            old.insert().values(
                email="nurse@clinic.example",
                password_hash="$argon2id$old",
                is_admin=False,
                active=True,
                failed_logins=0,
                session_version=1,
                created_at=utcnow(),
            )
        )
    engine.dispose()

    store = Store(Settings(database_url=db_url).sqlalchemy_url)
    store.init_db()  # what `faqbot init-db` (the Procfile's release) runs
    store.init_db()  # and again: nothing more to do, nothing lost
    with store.engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("staff_users")}
        row = conn.execute(select(staff_users)).one()
    assert {"totp_secret", "totp_last"} <= columns
    assert row.email == "nurse@clinic.example" and row.totp_secret is None
    # The new column works for the old row.
    accounts.enroll_totp(store, "nurse@clinic.example")
    assert accounts.find(store, "nurse@clinic.example").has_totp
    assert add_missing_columns(store.engine) == []
    store.dispose()


def test_a_missing_column_that_is_not_nullable_is_refused(db_url) -> None:
    from faqbot.storage import StorageError, add_missing_columns

    engine = create_engine(Settings(database_url=db_url).sqlalchemy_url)
    first = MetaData()
    Table("gadgets", first, Column("id", Integer, primary_key=True))
    first.create_all(engine)
    later = MetaData()
    wanted = Table(
        "gadgets",
        later,
        Column("id", Integer, primary_key=True),
        Column("colour", String(16)),
        Column("size", Integer, nullable=False),
    )
    with pytest.raises(StorageError, match=r"gadgets\.size"):
        add_missing_columns(engine, [wanted])
    # The nullable one before it was added all the same.
    with engine.connect() as conn:
        assert "colour" in {c["name"] for c in inspect(conn).get_columns("gadgets")}
    engine.dispose()
