"""Staff notifications through a real SMTP server (aiosmtpd, STARTTLS and a
login) and a real webhook receiver, on SQLite and PostgreSQL: urgent items at
once, the others in a digest later, retries after the servers were down,
exactly once with two senders, and a sender that died mid-send."""

from __future__ import annotations

import json
import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from faqbot import notify
from faqbot.config import Settings
from faqbot.notify import Sender
from faqbot.storage import AskRecord, Store, notifications, outbox, utcnow

from .notifykit import SmtpServer, WebhookServer, make_certificate
from .staffkit import Clock

PHONE = "+13105550100"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def smtp(certificate):
    server = SmtpServer(*certificate).start()
    yield server
    server.stop()


@pytest.fixture
def webhook():
    server = WebhookServer().start()
    yield server
    server.stop()


@pytest.fixture
def db(db_url):
    store = Store(Settings(database_url=db_url).sqlalchemy_url)
    store.init_db()
    yield store
    store.dispose()


def settings_for(db_url: str, smtp=None, webhook=None, **changes) -> Settings:
    return Settings(
        database_url=db_url,
        secret_key="x",
        public_url="https://bot.example.com",
        smtp_url=smtp.url() if smtp else "",
        staff_emails="nurse@clinic.example, boss@clinic.example" if smtp else "",
        mail_from="faqbot@clinic.example",
        staff_webhook_url=webhook.url if webhook else "",
        digest_minutes=15,
    ).replace(**changes)


def record(store: Store, text: str, status: str, at, channel="web", contact=None):
    return store.record_ask(
        AskRecord(channel, text, status, contact=contact, created_at=at)
    ).handoff_id


def outbox_statuses(store: Store) -> dict[int, str]:
    with store.engine.connect() as conn:
        return dict(conn.execute(select(outbox.c.handoff_id, outbox.c.status)).all())


def test_urgent_items_go_out_at_once_and_the_rest_in_a_digest_later(
    db, db_url, smtp, webhook
) -> None:
    clock = Clock()
    settings = settings_for(db_url, smtp, webhook)
    sender = Sender(settings, db, clock=clock)
    first = record(db, "how much does it cost", "unmatched", clock.now)
    urgent = record(db, "i want to kill myself", "crisis", clock.now, "sms", PHONE)
    second = record(db, "do you take insurance", "unmatched", clock.now, "sms", PHONE)

    assert sender.run_once() == 2  # the urgent item, by email and by webhook
    [mail] = smtp.messages
    assert mail["Subject"].startswith("[faqbot] URGENT")
    assert mail["From"] == "faqbot@clinic.example"
    assert mail["To"] == "nurse@clinic.example, boss@clinic.example"
    body = mail.get_payload(decode=True).decode()
    assert f"https://bot.example.com/staff/item/{urgent}" in body
    assert "by sms at" in body and re.search(r"[AP]M P[SD]T", body)  # clinic time
    [hook] = webhook.texts
    assert f"/staff/item/{urgent}" in hook and "URGENT" in hook
    # No patient text or contact by default.
    for text in (body, hook):
        assert "kill" not in text and PHONE not in text and "0100" not in text

    clock.advance(minutes=14)
    assert sender.run_once() == 0  # the digest waits
    clock.advance(minutes=1, seconds=1)
    assert sender.run_once() == 2
    digest = smtp.messages[1]
    assert digest["Subject"] == "[faqbot] 2 new questions for staff"
    text = digest.get_payload(decode=True).decode()
    assert f"/staff/item/{first}" in text and f"/staff/item/{second}" in text
    assert "cost" not in text and "insurance" not in text
    assert "2 new questions" in webhook.texts[1]
    assert sender.run_once() == 0  # nothing goes out twice
    assert set(outbox_statuses(db).values()) == {"sent"}

    # A digest goes out at most every 15 minutes.
    third = record(db, "can i bring my dog", "unmatched", clock.now)
    clock.advance(minutes=10)
    assert sender.run_once() == 0
    clock.advance(minutes=5, seconds=1)
    assert sender.run_once() == 2
    assert f"/staff/item/{third}" in smtp.messages[2].get_payload(decode=True).decode()


def test_a_setting_includes_the_question(db, db_url, webhook) -> None:
    clock = Clock()
    settings = settings_for(db_url, webhook=webhook, notify_include_text=True)
    record(db, "i want to kill myself", "crisis", clock.now, "sms", PHONE)
    Sender(settings, db, clock=clock).run_once()
    assert "Message: i want to kill myself" in webhook.texts[0]
    assert PHONE not in webhook.texts[0]


def test_delivery_is_retried_after_the_servers_were_down(
    db, db_url, certificate
) -> None:
    smtp, webhook = SmtpServer(*certificate), WebhookServer()  # not started: down
    clock = Clock()
    sender = Sender(settings_for(db_url, smtp, webhook), db, clock=clock)
    urgent = record(db, "i want to kill myself", "crisis", clock.now, "sms")

    assert sender.run_once() == 0
    with db.engine.connect() as conn:
        rows = conn.execute(select(notifications)).all()
    assert {(r.transport, r.status, r.attempts) for r in rows} == {
        ("email", "pending", 1),
        ("webhook", "pending", 1),
    }
    assert all(r.last_error and r.next_attempt_at > clock.now for r in rows)
    assert outbox_statuses(db) == {urgent: "queued"}

    smtp.start()
    webhook.start()
    try:
        assert sender.run_once() == 0  # backing off: not yet
        clock.advance(seconds=31)
        assert sender.run_once() == 2
        assert len(smtp.messages) == 1 and len(webhook.texts) == 1
        assert outbox_statuses(db) == {urgent: "sent"}
        clock.advance(hours=1)
        assert sender.run_once() == 0
    finally:
        smtp.stop()
        webhook.stop()


def test_a_transport_that_is_down_does_not_resend_the_other(db, db_url, smtp) -> None:
    webhook = WebhookServer()  # down
    clock = Clock()
    sender = Sender(settings_for(db_url, smtp, webhook), db, clock=clock)
    record(db, "i want to kill myself", "crisis", clock.now)
    assert sender.run_once() == 1  # the email
    webhook.start()
    try:
        clock.advance(minutes=1)
        assert sender.run_once() == 1  # only the webhook is retried
        assert len(smtp.messages) == 1 and len(webhook.texts) == 1
    finally:
        webhook.stop()


def test_giving_up_is_recorded(db, db_url) -> None:
    clock = Clock()
    sender = Sender(settings_for(db_url, webhook=WebhookServer()), db, clock=clock)
    urgent = record(db, "i want to kill myself", "crisis", clock.now)
    for _ in range(notify.MAX_ATTEMPTS + 2):
        sender.run_once()
        clock.advance(hours=1)
    with db.engine.connect() as conn:
        row = conn.execute(select(notifications)).one()
    assert (row.status, row.attempts) == ("failed", notify.MAX_ATTEMPTS)
    assert "webhook" in row.last_error
    assert outbox_statuses(db) == {urgent: "failed"}


def test_each_notification_goes_out_once_with_two_senders(
    db, db_url, smtp, webhook
) -> None:
    webhook.delay = 0.02
    start = utcnow()
    urgent = [
        record(db, f"i want to kill myself {i}", "crisis", start) for i in range(12)
    ]
    plain = [record(db, f"question {i}", "unmatched", start) for i in range(12)]
    clock = Clock(start + timedelta(minutes=16))  # the digest is due too
    settings = settings_for(db_url, smtp, webhook)
    stores = [Store(settings.sqlalchemy_url) for _ in range(2)]
    senders = [Sender(settings, s, clock=clock) for s in stores]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(sender: Sender) -> None:
        try:
            barrier.wait()
            for _ in range(4):
                sender.run_once()
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in senders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.dispose()
    assert errors == []

    mails = [
        m["Subject"] + "\n" + m.get_payload(decode=True).decode() for m in smtp.messages
    ]
    for channel in (mails, webhook.texts):
        links = [int(n) for text in channel for n in re.findall(r"/item/(\d+)", text)]
        assert sorted(links) == sorted(urgent + plain)  # every item exactly once
        assert sum("new questions" in t for t in channel) == 1  # one digest
    with db.engine.connect() as conn:
        owners = conn.execute(select(notifications.c.status)).scalars().all()
    # The twelve crisis items arrived together: one urgent summary, one digest.
    assert set(owners) == {"sent"} and len(owners) == 2 * (1 + 1)


class Crash(BaseException):
    """Stands for the process dying in the middle of a send."""


def test_a_sender_that_died_mid_send_is_taken_over_after_its_lease(
    db, db_url, webhook
) -> None:
    clock = Clock()
    settings = settings_for(db_url, webhook=webhook)

    class Dying:
        name = "webhook"

        def send(self, subject: str, body: str) -> None:
            raise Crash

    record(db, "i want to kill myself", "crisis", clock.now)
    with pytest.raises(Crash):
        Sender(settings, db, [Dying()], clock=clock).run_once()
    restarted = Sender(settings, db, clock=clock)
    assert restarted.run_once() == 0  # still leased to the dead sender
    clock.advance(seconds=notify.LEASE.total_seconds() + 1)
    assert restarted.run_once() == 1
    assert len(webhook.texts) == 1


def test_nothing_is_queued_without_a_transport(db, db_url, caplog) -> None:
    clock = Clock()
    urgent = record(db, "i want to kill myself", "crisis", clock.now)
    assert Sender(settings_for(db_url), db, clock=clock).run_once() == 0
    assert outbox_statuses(db) == {urgent: "pending"}  # kept for when one is set
    assert "no notification transport configured" in caplog.text


def test_faqbot_notify_once(db, db_url, webhook, runner) -> None:
    from faqbot.cli import main

    record(db, "i want to kill myself", "crisis", utcnow())
    settings = settings_for(db_url, webhook=webhook)
    result = runner.invoke(main, ["notify", "--once"], obj=settings)
    assert result.exit_code == 0, result.output
    assert "1 notification(s) sent" in result.output
    assert len(webhook.texts) == 1


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://u:p%40ss@mail.example:2525", ("mail.example", 2525, "p@ss", True)),
        ("smtp://relay:25?starttls=0", ("relay", 25, None, False)),
        ("smtp://mail.example", ("mail.example", 587, None, True)),
    ],
)
def test_smtp_urls(url, expected) -> None:
    cfg = notify.SmtpConfig.parse(url)
    assert (cfg.host, cfg.port, cfg.password, cfg.starttls) == expected


def test_outbox_rows_for_the_json_list_are_settled(db, db_url, webhook) -> None:
    clock = Clock()
    record(db, "i want to kill myself", "crisis", clock.now)
    Sender(settings_for(db_url, webhook=webhook), db, clock=clock).run_once()
    with db.engine.connect() as conn:
        row = conn.execute(select(notifications)).one()
        box = conn.execute(select(outbox)).one()
    assert json.loads(row.outbox_ids) == [box.id]
    assert box.status == "sent" and box.sent_at is not None and box.attempts == 1


# --- the sender inside the web process (as `make run` runs it) --------------------


def test_web_workers_send_each_notification_once(db_url, tmp_path, webhook) -> None:
    import urllib.request

    from .servers import Gunicorn

    server = Gunicorn(
        env={
            "DATABASE_URL": db_url,
            "FAQBOT_SECRET_KEY": "web-sender-" + "k" * 32,
            "FAQBOT_SPOOL_PATH": str(tmp_path / "spool.jsonl"),
            "FAQBOT_NOTIFY_IN_WEB": "1",
            "FAQBOT_STAFF_WEBHOOK_URL": webhook.url,
            "FAQBOT_PUBLIC_URL": "https://bot.example.com",
        },
        workers=2,
    ).start()
    try:
        req = urllib.request.Request(
            server.url + "/api/ask",
            data=json.dumps({"question": "i want to kill myself"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            assert json.loads(resp.read())["status"] == "crisis"
        store = Store(Settings(database_url=db_url).sqlalchemy_url)
        try:
            # Wait until the delivery is recorded (the post goes out first).
            deadline = utcnow() + timedelta(seconds=30)
            rows: list = []
            while utcnow() < deadline:
                with store.engine.connect() as conn:
                    rows = conn.execute(select(notifications)).all()
                if rows and all(r.status == "sent" for r in rows):
                    break
                threading.Event().wait(0.1)
            # Two workers, two sender threads: one message, recorded as sent.
            assert [(r.transport, r.status) for r in rows] == [("webhook", "sent")]
            assert len(webhook.texts) == 1 and "URGENT" in webhook.texts[0]
        finally:
            store.dispose()
    finally:
        server.stop()


def test_a_dead_notification_server_never_fails_a_reply(tmp_path) -> None:
    from faqbot.app import create_app

    from .conftest import make_settings

    settings = make_settings(
        tmp_path,
        notify_in_web=True,
        staff_webhook_url="http://127.0.0.1:9/nobody-listens",
        smtp_url="smtp://127.0.0.1:9",
        staff_emails="nurse@clinic.example",
    )
    app = create_app(settings)
    staff = app.extensions["faqbot_staff"]
    try:
        client = app.test_client()
        for question in ("i want to kill myself", "how much does it cost"):
            resp = client.post("/api/ask", json={"question": question})
            assert resp.status_code == 200
            assert "833-867-2329" in resp.get_json()["answer"]
        assert staff.sender.thread.is_alive()  # the sender runs in this process
    finally:
        staff.sender.close()
        app.extensions["faqbot"].store.dispose()


def test_a_malformed_smtp_url_is_reported_not_fatal(tmp_path, runner, caplog) -> None:
    from faqbot.app import create_app
    from faqbot.cli import main

    from .conftest import make_settings

    settings = make_settings(
        tmp_path,
        notify_in_web=True,
        smtp_url="mail.example.com:587",
        staff_emails="nurse@clinic.example",
    )
    app = create_app(settings)  # the web app still starts and answers
    resp = app.test_client().post("/api/ask", json={"question": "hi"})
    assert resp.status_code == 200
    assert "staff notifications are off" in caplog.text
    app.extensions["faqbot"].store.dispose()
    result = runner.invoke(main, ["notify", "--once"], obj=settings)
    assert result.exit_code == 1 and "smtp://user:pass@host:587" in result.output
