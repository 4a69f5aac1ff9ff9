"""Privacy and security hardening (issue 14): purge that erases, private files,
no 500s, quiet logs, outbound limits, the public surface, grouped alerts.

docs/SECURITY.md lists each promise with the test below that keeps it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import stat
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from faqbot import audit, review
from faqbot.app import create_app
from faqbot.cli import main
from faqbot.config import Settings, SettingsError
from faqbot.notify import DeliveryError, Sender, WebhookTransport
from faqbot.spool import Spool
from faqbot.storage import (
    AskRecord,
    Store,
    asks,
    audit_log,
    handoffs,
    learned,
    sms_messages,
    sms_pending,
    utcnow,
)

from .conftest import make_settings
from .notifykit import WebhookServer
from .servers import ROOT, HttpStub, QuietHandler
from .staffkit import STAFF_EMAIL, Clock, csrf_token, login, post_form

PROPERTY = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def marker() -> str:
    """A word that appears nowhere else, to grep files and logs for."""
    return f"zq{uuid.uuid4().hex[:12]}"


def files_holding(directory: Path, needle: str) -> list[str]:
    """Every file under ``directory`` whose bytes contain ``needle`` (like grep -r)."""
    found = []
    for path in directory.rglob("*"):
        if path.is_file() and needle.encode() in path.read_bytes():
            found.append(path.name)
    return sorted(found)


# --- purge that erases ----------------------------------------------------------------


def _old_patient_records(store: Store, spool: Spool, word: str, phone: str) -> int:
    """Leave a patient's words and number in every place that keeps them, 200 days
    ago; returns the staff item's id."""
    old = utcnow() - timedelta(days=200)
    done = store.record_ask(
        AskRecord(
            "sms",
            f"{word} about my scan",
            "unmatched",
            contact=phone,
            external_id=f"SM{word}",
            created_at=old,
        )
    )
    store.record_ask(AskRecord("web", f"{word} answered", "answered", created_at=old))
    review.resolve(
        store,
        done.handoff_id,
        STAFF_EMAIL,
        f"called {word}",
        now=old + timedelta(hours=1),
    )
    lid = store.add_learned(
        "what-is-tms", "a phrasing staff vetted", handoff_id=done.handoff_id
    )
    assert lid is not None
    with store.begin() as conn:
        conn.execute(
            insert(sms_messages).values(
                message_sid=f"SM{word}",
                received_at=old,
                replied_at=old,
                reply=f"reply to {phone}",
            )
        )
        conn.execute(
            insert(sms_pending).values(
                phone=phone,
                created_at=old,
                expires_at=old + timedelta(minutes=15),
                question=f"{word} pending",
                choices="[]",
                candidates="[]",
            )
        )
        audit.record(
            conn,
            STAFF_EMAIL,
            "reveal_contact",
            target="handoff:1",
            detail=f"{word} detail",
            ip="203.0.113.9",
            now=old,
        )
    # The spool: one line waiting, one set aside as unreadable.
    spool.append(AskRecord("web", f"{word} spooled", "unmatched", created_at=old))
    with open(spool.path, "a") as fh:
        fh.write(f'{{"broken": "{word} {phone}"\n')
    spool_lines = spool.path.read_text().splitlines()
    spool.path.write_text(spool_lines[0] + "\n")  # the readable one stays spooled
    spool._reject([spool_lines[1]])
    # Set aside long ago, too.
    rejected = [json.loads(x) for x in spool.rejected_path.read_text().splitlines()]
    for r in rejected:
        r["rejected_at"] = old.isoformat()
    spool.rejected_path.write_text("".join(json.dumps(r) + "\n" for r in rejected))
    return done.handoff_id


def test_purge_leaves_no_patient_text_or_number_in_any_file(tmp_path, runner) -> None:
    settings = make_settings(tmp_path)
    store = Store(settings.sqlalchemy_url)
    store.init_db()
    spool = Spool(settings.spool_path)
    word, phone = marker(), "+1555" + str(uuid.uuid4().int)[:7]
    _old_patient_records(store, spool, word, phone)
    recent = store.record_ask(AskRecord("web", "recent question", "unmatched"))
    # Before: the words are on disk (in the database, its WAL, the spool files).
    assert files_holding(tmp_path, word) and files_holding(tmp_path, phone)

    result = runner.invoke(main, ["purge"], obj=settings, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "deleted 2 ask(s), 1 resolved item(s)" in result.output
    assert "2 SMS record(s) and 2 spooled line(s)" in result.output

    # After: grep finds them nowhere: not in the database, WAL, SHM or spool.
    assert files_holding(tmp_path, word) == []
    assert files_holding(tmp_path, phone) == []
    wal = Path(f"{tmp_path / 'faqbot.sqlite3'}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    # What is kept: the recent item, the vetted phrasing (without its source),
    # and the audit trail of who did what (without the detail or address).
    with store.engine.connect() as conn:
        assert conn.scalars(select(handoffs.c.id)).all() == [recent.handoff_id]
        assert conn.scalars(select(learned.c.handoff_id)).all() == [None]
        old_audit = conn.execute(
            select(audit_log.c.action, audit_log.c.detail, audit_log.c.ip).where(
                audit_log.c.action != "purge"
            )
        ).all()
    assert [tuple(r) for r in old_audit if r.action == "reveal_contact"] == [
        ("reveal_contact", None, None)
    ]
    store.dispose()


def test_purge_covers_every_table_on_postgresql_too(pg_url, tmp_path) -> None:
    from faqbot.retention import purge

    store = Store(Settings(database_url=pg_url).sqlalchemy_url)
    store.init_db()
    spool = Spool(tmp_path / "spool.jsonl")
    word, phone = marker(), "+15557654321"
    _old_patient_records(store, spool, word, phone)
    done = purge(store, 90, spool=spool)
    assert (done.asks, done.items, done.sms, done.spooled) == (2, 1, 2, 2)
    with store.engine.connect() as conn:
        for table in (asks, handoffs, sms_messages, sms_pending):
            rows = conn.execute(select(table)).all()
            assert word not in repr(rows) and phone not in repr(rows), table.name
        details = conn.scalars(select(audit_log.c.detail)).all()
    assert not any(word in (d or "") for d in details)
    assert files_holding(tmp_path, word) == []
    store.dispose()


def test_sqlite_connections_overwrite_deleted_rows(tmp_path) -> None:
    store = Store(make_settings(tmp_path).sqlalchemy_url)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    store.dispose()


# --- files created private ------------------------------------------------------------


def _mode(path: Path | str) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_database_and_spool_files_are_private_whatever_the_umask(
    tmp_path, umask
) -> None:
    instance = tmp_path / "instance"
    settings = make_settings(
        tmp_path,
        database_url=f"sqlite:///{instance / 'faqbot.sqlite3'}",
        spool_path=str(instance / "spool.jsonl"),
    )
    old = os.umask(umask)
    try:
        app = create_app(settings)
        client = app.test_client()
        assert client.post("/api/ask", json={"question": "parking?"}).status_code == 200
        spool = Spool(settings.spool_path)
        spool.append(AskRecord("web", "spooled", "unmatched"))
        spool._reject(["{not json"])
    finally:
        os.umask(old)
    db = instance / "faqbot.sqlite3"
    assert _mode(instance) == 0o700
    for path in (db, f"{db}-wal", f"{db}-shm", spool.path, spool.rejected_path):
        assert _mode(path) == 0o600, path
    app.extensions["faqbot"].store.dispose()


def test_a_database_left_readable_by_an_older_version_is_made_private(tmp_path) -> None:
    db = tmp_path / "old.sqlite3"
    db.write_bytes(b"")
    os.chmod(db, 0o644)
    store = Store(f"sqlite:///{db}")
    store.init_db()
    assert _mode(db) == 0o600 and _mode(f"{db}-wal") == 0o600
    store.dispose()


# --- no 500 for anything a client sends -----------------------------------------------

HUGE = "9" * 5000


@pytest.mark.parametrize(
    "path, body",
    [
        ("/api/ask", f'{{"question": "parking?", "n": {HUGE}}}'),
        ("/api/ask", f'{{"faq_id": {HUGE}}}'),
        (
            "/api/handoff",
            f'{{"session_id": "abc", "contact": {HUGE}, "consent": true}}',
        ),
        ("/api/handoff", f'{{"session_id": "abc", "x": [{{"y": -{HUGE}}}]}}'),
    ],
)
def test_an_oversized_number_is_a_400_not_a_500(client, path, body) -> None:
    resp = client.post(path, data=body, content_type="application/json")
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == "invalid_json"


@pytest.mark.parametrize("sid", ["abc\n", "abc\r\n", "\nabc", "a" * 64 + "\n"])
def test_a_session_id_with_a_newline_is_refused(client, sid) -> None:
    resp = client.post("/api/ask", json={"question": "parking?", "session_id": sid})
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == "invalid_session_id"


@pytest.mark.parametrize("page", ["/staff/", "/staff/audit"])
@pytest.mark.parametrize("number", [str(10**20), "-" + str(10**20), HUGE, "1e9"])
def test_a_huge_page_number_is_a_page_not_a_500(admin_client, page, number) -> None:
    resp = admin_client.get(f"{page}?page={number}")
    assert resp.status_code == 200


json_scalars = st.one_of(
    st.integers(min_value=-(10**6000), max_value=10**6000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=80),
    st.sampled_from(["abc\n", "x" * 64 + "\n", "a?bcc=x@evil.example"]),
    st.booleans(),
    st.none(),
)
json_bodies = st.dictionaries(
    st.sampled_from(
        ["question", "session_id", "faq_id", "contact", "name", "consent", "n"]
    ),
    st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=5),
    max_size=5,
)


@PROPERTY
@given(body=json_bodies, path=st.sampled_from(["/api/ask", "/api/handoff"]))
def test_property_no_json_body_gives_a_500(client, body, path) -> None:
    # Python refuses to write ints over 4,300 digits too: lift the limit only
    # while the body is written, never while the app reads it.
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        raw = json.dumps(body, allow_nan=True)
    finally:
        sys.set_int_max_str_digits(limit)
    resp = client.post(path, data=raw, content_type="application/json")
    assert resp.status_code < 500, (raw[:200], resp.get_data(as_text=True)[:200])


@PROPERTY
@given(
    page=st.one_of(
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
        st.text(max_size=30),
        st.integers(4000, 6000).map(lambda n: "9" * n),
    ),
)
def test_property_no_staff_page_number_gives_a_500(admin_client, page) -> None:
    for path in ("/staff/", "/staff/audit"):
        resp = admin_client.get(path, query_string={"page": page})
        assert resp.status_code == 200


# --- the secret key -------------------------------------------------------------------


@pytest.mark.parametrize("key", ["", "x", "k" * 31])
def test_a_short_secret_key_refuses_to_start_with_one_line(tmp_path, key) -> None:
    with pytest.raises(SettingsError) as refused:
        create_app(make_settings(tmp_path, secret_key=key))
    message = str(refused.value)
    assert "\n" not in message and "at least 32 characters" in message


def test_serve_refuses_a_short_key_in_one_line(runner, tmp_path) -> None:
    settings = make_settings(tmp_path, secret_key="x")
    result = runner.invoke(main, ["serve"], obj=settings)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "FAQBOT_SECRET_KEY is 1 characters long" in result.output


def test_a_32_character_key_starts(tmp_path) -> None:
    app = create_app(make_settings(tmp_path, secret_key="k" * 32))
    app.extensions["faqbot"].store.dispose()


# --- logs -----------------------------------------------------------------------------


def test_info_logs_hold_no_patient_text_number_or_email(
    staff_settings, accounts_made, caplog
) -> None:
    word = marker()
    phone_digits = "3105550" + str(uuid.uuid4().int)[:3]
    phone, email = f"+1{phone_digits}", f"{word}@example.com"
    settings = staff_settings.replace(sms_allow_unsigned=True)
    caplog.set_level(logging.INFO)
    app = create_app(settings)
    app.config["TESTING"] = True
    client = app.test_client()
    # The widget: a question, a crisis, a contact request by email and by phone.
    for question in (f"do you take {word} insurance", f"i want to kill myself {word}"):
        r = client.post("/api/ask", json={"question": question, "session_id": "s1"})
        assert r.status_code == 200
    for contact in (email, phone):
        r = client.post(
            "/api/handoff",
            json={"session_id": "s1", "contact": contact, "consent": True},
        )
        assert r.status_code == 200, r.get_json()
    # SMS: a question and a crisis from the patient's number.
    for i, body in enumerate((f"{word} parking?", f"i want to end my life {word}")):
        r = client.post(
            "/sms", data={"MessageSid": f"SM{word}{i}", "From": phone, "Body": body}
        )
        assert r.status_code == 200
    # Staff: log in, search, reveal, resolve.
    staff = app.test_client()
    assert login(staff).status_code == 302
    found = post_form(staff, "/staff/", "/staff/", q=word).text
    item = re.search(r"/staff/item/(\d+)", found).group(1)
    page = f"/staff/item/{item}"
    # Reveal is a post-redirect-get: the item page then shows the contact.
    assert post_form(staff, page, f"{page}/reveal").status_code == 302
    assert staff.get(page).status_code == 200
    post_form(staff, page, f"{page}/resolve", note=f"called {phone}")
    app.extensions["faqbot"].store.dispose()

    info = "\n".join(
        r.getMessage() for r in caplog.records if r.levelno >= logging.INFO
    )
    assert "sms: crisis" in info  # the SMS line is there, and says only that
    for secret in (word, phone, phone_digits, phone_digits[-7:], email):
        assert secret not in info, secret


def test_a_request_value_cannot_forge_a_log_line(client, caplog) -> None:
    forged = "https://x.example\n2026-01-01 00:00:00 INFO faqbot: admin login ok"
    with caplog.at_level(logging.INFO):
        assert (
            client.get("/widget/frame", query_string={"host": forged}).status_code
            == 403
        )
        client.get("/widget/frame", query_string={"host": "h" * 5000})
    lines = [
        r.getMessage()
        for r in caplog.records
        if "widget frame refused" in r.getMessage()
    ]
    assert len(lines) == 2
    assert all("\n" not in line for line in lines)
    assert "\\n2026-01-01" in lines[0]  # shown escaped, as repr does
    assert len(lines[1]) < 300 and "(5000 chars)" in lines[1]


def test_database_errors_do_not_print_the_statement_parameters(db_url) -> None:
    store = Store(Settings(database_url=db_url).sqlalchemy_url)
    store.init_db()
    assert store.engine.hide_parameters
    word = marker()
    row = {
        "created_at": utcnow(),
        "channel": "web",
        "status": "answered",
        "text": word,
        "external_id": "same",
        "kind": "question",
    }
    with store.begin() as conn:
        conn.execute(insert(asks).values(**row))
    with pytest.raises(IntegrityError) as failed, store.begin() as conn:
        conn.execute(insert(asks).values(**row))
    assert word not in str(failed.value)
    assert "hidden due to hide_parameters" in str(failed.value)
    store.dispose()


# --- outbound -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://hooks.slack.com/services/T/B/X", True),
        ("http://127.0.0.1:9/hook", True),
        ("http://localhost:9/hook", True),
        ("http://[::1]:9/hook", True),
        ("http://hooks.example.com/hook", False),
        ("http://10.0.0.5/hook", False),
        ("ftp://hooks.example.com/hook", False),
    ],
)
def test_the_webhook_must_be_https_except_to_this_machine(url, ok) -> None:
    if ok:
        assert WebhookTransport(url).url == url
    else:
        with pytest.raises(ValueError, match="https://"):
            WebhookTransport(url)


def test_an_http_webhook_turns_notifications_off_with_a_reason(
    tmp_path, caplog
) -> None:
    from faqbot.notify import start_in_background

    settings = make_settings(tmp_path, staff_webhook_url="http://hooks.example.com/x")
    store = Store(settings.sqlalchemy_url)
    with caplog.at_level(logging.ERROR):
        assert start_in_background(settings, store) is None
    assert "must be an https:// URL" in caplog.text
    store.dispose()


@dataclass
class _EndlessServer(HttpStub):
    """Answers 200 with a body that never ends, or redirects."""

    redirect: bool = False
    sent: int = 0

    @property
    def url(self) -> str:
        return f"{super().url}/hook"

    def handler(self) -> type[QuietHandler]:
        outer = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                if outer.redirect:
                    self.send_response(302)
                    self.send_header("Location", "http://hooks.example.com/")
                    self.end_headers()
                    return
                self.send_response(200)
                self.end_headers()
                chunk = b"x" * 65536
                try:
                    while outer.sent < 50_000_000:
                        self.wfile.write(chunk)
                        outer.sent += len(chunk)
                except OSError:
                    pass  # the client stopped reading: as it should

        return Handler


def test_the_webhook_answer_is_read_at_most_64_kb() -> None:
    server = _EndlessServer().start()
    try:
        started = time.monotonic()
        WebhookTransport(server.url).send("subject", "body")
        assert time.monotonic() - started < 5  # not a 50 MB download
    finally:
        server.stop()
    assert server.sent < 50_000_000


def test_a_webhook_redirect_is_not_followed() -> None:
    server = _EndlessServer(redirect=True).start()
    try:
        with pytest.raises(DeliveryError, match="HTTP 302"):
            WebhookTransport(server.url).send("subject", "body")
    finally:
        server.stop()


# --- public surface -------------------------------------------------------------------


def test_the_demo_page_is_off_unless_asked_for(client) -> None:
    assert client.get("/").status_code == 404


def test_the_demo_page_never_echoes_the_host_header(tmp_path) -> None:
    app = create_app(make_settings(tmp_path, demo_page=True))
    html = app.test_client().get("/", headers={"Host": "evil.example"}).text
    assert "evil.example" not in html
    assert '<script src="/widget.js" async></script>' in html
    public = create_app(
        make_settings(tmp_path, demo_page=True, public_url="https://bot.example/x")
    )
    html = public.test_client().get("/", headers={"Host": "evil.example"}).text
    assert "evil.example" not in html
    assert '<script src="https://bot.example/widget.js" async></script>' in html


@pytest.mark.parametrize(
    "query, headers",
    [
        ({"greeting": "Your account is locked: call 555-0100"}, {}),
        (
            {"greeting": "Call 555-0100", "host": "http://localhost"},
            {"Sec-Fetch-Dest": "document"},
        ),
        ({"accent": "#ff0000", "ink": "#000000"}, {"Sec-Fetch-Dest": "document"}),
    ],
)
def test_frame_parameters_opened_as_a_page_are_dropped(client, query, headers) -> None:
    resp = client.get("/widget/frame", query_string=query, headers=headers)
    assert resp.status_code == 303
    location = resp.headers["Location"]
    assert "greeting" not in location and "accent" not in location
    assert client.get(location, headers=headers).status_code == 200


def test_frame_parameters_from_an_allowed_parent_are_kept(client) -> None:
    resp = client.get(
        "/widget/frame",
        query_string={"host": "http://localhost", "greeting": "Welcome!"},
        headers={"Sec-Fetch-Dest": "iframe"},
    )
    assert resp.status_code == 200
    # And the frame itself shows a greeting only when really embedded.
    script = (ROOT / "web" / "frame.js").read_text()
    assert 'embedded ? (params.get("greeting")' in script


@pytest.mark.parametrize(
    "contact",
    [
        "a?bcc=boss@clinic.example@example.com",
        "a?bcc=x@example.com",
        "a&cc=x@example.com",
        "a%3Fbcc@example.com",
    ],
)
def test_contacts_that_would_bend_a_mailto_link_are_refused(client, contact) -> None:
    client.post("/api/ask", json={"question": "xyzzy plugh", "session_id": "s9"})
    resp = client.post(
        "/api/handoff", json={"session_id": "s9", "contact": contact, "consent": True}
    )
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == "invalid_contact"


def test_the_staff_mailto_link_is_url_encoded(staff_client, staff_store) -> None:
    hid = staff_store.contact_request("s1", "call me", "pat+kids@example.com")
    page = f"/staff/item/{hid}"
    post_form(staff_client, page, f"{page}/reveal")
    html = staff_client.get(page).text
    assert 'href="mailto:pat%2Bkids@example.com"' in html
    assert review.contact_href("x?bcc=a@b.example") == "mailto:x%3Fbcc%3Da@b.example"


def test_staff_search_words_travel_by_post_not_in_urls(staff_client, staff_app) -> None:
    ask = staff_app.extensions["faqbot"].assistant.ask
    for i in range(30):
        ask(f"question number {i} about parking fees", "web")
    ask("can i bring my dog along", "web")
    queue = staff_client.get("/staff/").text
    assert re.search(r'<form class="filters" method="post"', queue)
    # A search in the URL is ignored: nothing invites putting one there.
    assert "31 items" in staff_client.get("/staff/?q=dog").text
    found = post_form(staff_client, "/staff/", "/staff/", q="parking").text
    assert "30 items" in found and "Page 1 of 2" in found
    # Its pager posts the search on, and no link carries it.
    assert "q=" not in " ".join(re.findall(r'href="([^"]+)"', found))
    token = csrf_token(found)
    second = staff_client.post(
        "/staff/",
        data={"csrf_token": token, "q": "parking", "page": "2", "status": "open"},
    ).text
    assert "Page 2 of 2" in second and "question number 0 " in second
    # Without the token the search is refused like every staff form.
    assert staff_client.post("/staff/", data={"q": "parking"}).status_code == 400


def test_healthz_counts_the_spool_from_a_stat_not_a_read(tmp_path) -> None:
    spool = Spool(tmp_path / "spool.jsonl")
    for i in range(3):
        spool.append(AskRecord("web", f"q{i}", "unmatched"))
    assert spool.count() == 3
    # Same file, size and time, other contents: a read would count 1 record.
    st_ = spool.path.stat()
    spool.path.write_bytes(b"x" * (st_.st_size - 1) + b"\n")
    os.utime(spool.path, ns=(st_.st_atime_ns, st_.st_mtime_ns))
    assert spool.count() == 3  # no read
    spool.append(AskRecord("web", "one more", "unmatched"))  # changed: read again
    assert spool.count() == 2


def test_healthz_is_rate_limited(tmp_path) -> None:
    app = create_app(make_settings(tmp_path, healthz_rate_limit="3 per minute"))
    client = app.test_client()
    codes = [client.get("/healthz").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    late = client.get("/healthz")
    assert late.get_json()["error"]["code"] == "rate_limited"
    assert int(late.headers["Retry-After"]) > 0
    # Another client is not held back.
    other = client.get("/healthz", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 200
    app.extensions["faqbot"].store.dispose()


def test_healthz_limit_off_leaves_healthz_free_under_the_api_limit(tmp_path) -> None:
    settings = make_settings(
        tmp_path, rate_limit="2 per minute", healthz_rate_limit="off"
    )
    app = create_app(settings)
    client = app.test_client()
    assert {client.get("/healthz").status_code for _ in range(5)} == {200}
    asks = [client.post("/api/ask", json={"question": "parking?"}) for _ in range(3)]
    assert [r.status_code for r in asks] == [200, 200, 429]
    app.extensions["faqbot"].store.dispose()


def test_a_malformed_healthz_limit_refuses_to_start(tmp_path) -> None:
    with pytest.raises(SettingsError, match="FAQBOT_HEALTHZ_RATE_LIMIT='lots'"):
        create_app(make_settings(tmp_path, healthz_rate_limit="lots"))


# --- urgent alerts and rate-limit keys ------------------------------------------------


def test_a_flood_of_crisis_messages_pages_staff_once_then_once_per_window(
    db_url, tmp_path
) -> None:
    webhook = WebhookServer().start()
    settings = make_settings(tmp_path, database_url=db_url).replace(
        staff_webhook_url=webhook.url,
        urgent_window_seconds=120,
        public_url="https://bot.example.com",
    )
    store = Store(settings.sqlalchemy_url)
    store.init_db()
    clock = Clock()
    sender = Sender(settings, store, clock=clock)

    def crisis(i: int) -> int:
        return store.record_ask(
            AskRecord(
                "web", f"i want to kill myself {i}", "crisis", created_at=clock.now
            )
        ).handoff_id

    try:
        first = crisis(0)
        assert sender.run_once() == 1  # the first alert goes out at once
        later = [crisis(i) for i in range(1, 11)]
        for _ in range(5):  # ten seconds of polling inside the window: nothing
            clock.advance(seconds=2)
            assert sender.run_once() == 0
        clock.advance(seconds=120)
        assert sender.run_once() == 1  # then one summary of the ten
        assert sender.run_once() == 0
    finally:
        webhook.stop()
        store.dispose()
    texts = webhook.texts
    assert len(texts) == 2
    assert f"/staff/item/{first}" in texts[0] and "URGENT" in texts[0]
    assert "10 crisis messages" in texts[1]
    assert sorted(int(n) for n in re.findall(r"/item/(\d+)", texts[1])) == later


def test_ipv6_clients_are_limited_per_64(tmp_path) -> None:
    app = create_app(make_settings(tmp_path, rate_limit="2 per minute"))
    client = app.test_client()

    def ask(addr: str) -> int:
        return client.post(
            "/api/ask",
            json={"question": "parking?"},
            environ_base={"REMOTE_ADDR": addr},
        ).status_code

    # Rotating the address inside one /64 does not reset the count ...
    assert [ask(f"2001:db8:1:2::{i}") for i in (1, 2, 3)] == [200, 200, 429]
    assert ask("2001:db8:1:2:ffff:ffff:ffff:ffff") == 429
    # ... another /64 and IPv4 clients have their own.
    assert ask("2001:db8:1:3::1") == 200
    assert [ask("192.0.2.1"), ask("192.0.2.2")] == [200, 200]
    app.extensions["faqbot"].store.dispose()


def test_rate_limit_keys() -> None:
    from flask import Flask

    from faqbot.protection import client_key

    flask_app = Flask(__name__)
    cases = {
        "2001:db8:1:2:3:4:5:6": "2001:db8:1:2::/64",
        "::ffff:192.0.2.1": "192.0.2.1",
        "192.0.2.1": "192.0.2.1",
        "fe80::1%eth0": "fe80::/64",
    }
    for addr, key in cases.items():
        with flask_app.test_request_context(environ_base={"REMOTE_ADDR": addr}):
            assert client_key() == key


# --- the lock file --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["requirements.lock", "requirements-test.lock"])
def test_the_lock_files_pin_every_dependency_with_hashes(name) -> None:
    import tomllib

    text = (ROOT / name).read_text()
    pinned = dict(re.findall(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)", text, re.M))
    names = {re.sub(r"\[.*\]", "", n).lower().replace("_", "-") for n in pinned}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    if "test" in name:
        wanted += project["optional-dependencies"]["test"]
    for dep in wanted:
        dep_name = re.split(r"[\[<>=; ]", dep, maxsplit=1)[0].lower().replace("_", "-")
        assert dep_name in names, f"{dep_name} is not pinned in {name}"
    # Every requirement line is pinned (==) and carries at least one hash.
    entries = re.split(r"\n(?=\S)", text)
    for entry in entries:
        if entry.startswith("#") or not entry.strip():
            continue
        assert "==" in entry and "--hash=sha256:" in entry, entry[:80]


def test_make_installs_from_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements-test.lock" in makefile
    assert "--require-hashes -r requirements.lock" in makefile
    assert re.search(r"^lock:", makefile, re.M)
    assert re.search(r"STAMP\s*:=.*requirements", makefile)


def test_security_doc_names_only_tests_that_exist() -> None:
    doc = (ROOT / "docs" / "SECURITY.md").read_text()
    cited = set(re.findall(r"`(tests/test_\w+\.py)::(\w+)", doc))
    assert len(cited) >= 10
    for path, name in cited:
        source = (ROOT / path).read_text()
        assert re.search(rf"^def {name}\(", source, re.M), f"{path}::{name}"
