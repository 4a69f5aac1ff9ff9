"""Staff answer patients in real headless Chromium against gunicorn: a reply
typed on the item page appears in the patient's chat widget (while the page is
open, and when the patient comes back in the same tab); a text's live segment
counter and its trip through the real twilio client to a fake Twilio; a form
sent after the idle timeout comes back after login with its text; the audit
table with logout rows. Screenshots go to test-artifacts/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import update

from faqbot import accounts
from faqbot.config import Settings
from faqbot.storage import AskRecord, Store, staff_sessions, utcnow

from .browser import screenshot
from .servers import Gunicorn
from .staffkit import ADMIN_EMAIL, PASSWORD, STAFF_EMAIL
from .twiliokit import ACCOUNT_SID, AUTH_TOKEN, CLINIC_NUMBER, FakeTwilio

pytestmark = pytest.mark.e2e

SMS_PATIENT = "+13105550142"


@pytest.fixture
def fake_twilio():
    fake = FakeTwilio().start()
    yield fake
    fake.stop()


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'faqbot.sqlite3'}"
    store = Store(Settings(database_url=url).sqlalchemy_url)
    store.init_db()
    accounts.add(store, STAFF_EMAIL, PASSWORD)
    accounts.add(store, ADMIN_EMAIL, PASSWORD, admin=True)
    yield url, store
    store.dispose()


@pytest.fixture
def server(tmp_path, db, fake_twilio):
    url, _ = db
    gunicorn = Gunicorn(env={}, workers=2)
    gunicorn.env.update(
        {
            "DATABASE_URL": url,
            "FAQBOT_SECRET_KEY": "browser-secret-" + "k" * 32,
            "FAQBOT_SECURE_COOKIES": "0",
            "FAQBOT_SPOOL_PATH": str(tmp_path / "spool.jsonl"),
            "FAQBOT_PUBLIC_URL": gunicorn.url,
            "FAQBOT_TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "FAQBOT_TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "FAQBOT_TWILIO_FROM": CLINIC_NUMBER,
            "FAQBOT_TWILIO_API_URL": fake_twilio.url,
        }
    )
    gunicorn.start()
    yield gunicorn
    gunicorn.stop()


def _log_in(page, base: str, email: str = STAFF_EMAIL) -> None:
    page.goto(base + "/staff/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Review queue")


def test_a_staff_reply_shows_in_the_patients_chat(server, browser, db) -> None:
    _, store = db
    store.record_ask(
        AskRecord("sms", "do you take blue cross", "unmatched", contact="+13105550123")
    )
    patient = browser.new_context(viewport={"width": 400, "height": 700}).new_page()
    patient.goto(server.url + "/widget/frame")
    patient.fill("#q", "is there wifi in the office")
    patient.press("#q", "Enter")
    expect(patient.locator(".msg.bot.unmatched")).to_be_visible()

    staff_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    staff = staff_ctx.new_page()
    _log_in(staff, server.url)
    screenshot(staff, "staff-queue-callbacks")
    staff.click("text=is there wifi in the office")
    expect(staff.locator("#replies")).to_contain_text("to their chat")
    staff.fill("#body", "Yes: ask the front desk for the guest password.")
    screenshot(staff, "staff-reply-web")
    staff.click("button:has-text('Send reply')")
    expect(staff.locator(".flash")).to_contain_text("Reply sent")

    # The patient's open chat shows it, marked as from the care team.
    reply = patient.locator(".msg.bot.staff")
    expect(reply).to_contain_text("guest password", timeout=20_000)
    expect(reply).to_contain_text("Message from the care team")
    screenshot(patient, "widget-staff-reply")
    staff.reload()
    expect(staff.locator("#replies .status").first).to_have_text("shown")

    # A reply sent while the patient is away is there when they come back.
    patient.goto("about:blank")
    staff.fill("#body", "We open at 9 tomorrow if you want to call.")
    staff.click("button:has-text('Send reply')")
    expect(staff.locator(".flash")).to_contain_text("Reply sent")
    patient.goto(server.url + "/widget/frame")
    expect(patient.locator(".msg.bot.staff")).to_have_count(2, timeout=20_000)
    expect(patient.locator(".msg.bot.staff").last).to_contain_text("open at 9")
    staff_ctx.close()
    patient.context.close()


def test_a_text_reply_counts_its_segments_and_goes_through_twilio(
    server, page, db, fake_twilio
) -> None:
    _, store = db
    rec = store.record_ask(
        AskRecord("sms", "do you take blue cross", "unmatched", contact=SMS_PATIENT)
    )
    _log_in(page, server.url)
    page.goto(f"{server.url}/staff/item/{rec.handoff_id}")
    page.fill("#body", "Yes, we take Blue Cross PPO plans.")
    expect(page.locator("#segments")).to_have_text("34 characters · 1 text message")
    page.fill("#body", "x" * 170)
    expect(page.locator("#segments")).to_have_text("170 characters · 2 text messages")
    assert "over" in page.get_attribute("#segments", "class")
    page.fill("#body", "Yes, we take Blue Cross PPO plans. Call us to book.")
    screenshot(page, "staff-reply-sms")
    page.click("button:has-text('Send reply')")
    expect(page.locator(".flash")).to_contain_text("by text: queued")
    [sent] = fake_twilio.sent
    assert sent["To"] == SMS_PATIENT and sent["From"] == CLINIC_NUMBER
    assert sent["StatusCallback"] == server.url + "/sms/status"


def test_a_note_typed_before_the_timeout_survives_it(server, page, db) -> None:
    _, store = db
    rec = store.record_ask(
        AskRecord("web", "i want to kill myself", "crisis", crisis_kind="suicide")
    )
    _log_in(page, server.url)
    page.goto(f"{server.url}/staff/item/{rec.handoff_id}")
    note = "Checked the chat again; no reply yet. Told Dr. Reyes."
    page.fill("#note", note)
    # Thirty-one minutes pass at the front desk (the session's row ages).
    with store.begin() as conn:
        conn.execute(
            update(staff_sessions).values(last_seen_at=utcnow() - timedelta(minutes=31))
        )
    page.click("button:has-text('Resolve')")
    expect(page.locator("h1")).to_have_text("Staff login")
    expect(page.locator(".flash")).to_contain_text("expired")
    expect(page.locator(".flash")).to_contain_text("What you typed was kept")
    assert "Bad Request" not in page.content()
    screenshot(page, "staff-timeout-login")
    page.fill("#email", STAFF_EMAIL)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text(f"Item #{rec.handoff_id}")
    expect(page.locator("#note")).to_have_value(note)
    page.click("button:has-text('Resolve')")
    expect(page.locator(".flash")).to_contain_text("resolved")


def test_the_audit_table_with_logout_rows(server, page) -> None:
    for _ in range(2):
        _log_in(page, server.url, ADMIN_EMAIL)
        page.click("button:has-text('Log out')")
        expect(page.locator(".flash")).to_contain_text("logged out")
    _log_in(page, server.url, ADMIN_EMAIL)
    page.goto(server.url + "/staff/audit")
    rows = page.locator("table.audit tbody tr")
    logouts = page.locator("table.audit tbody tr:has(td:text-is('logout'))")
    expect(logouts).to_have_count(2)
    # Every row lays out as a table row with its six cells lined up under
    # the header (a logout row once took the header's flex layout).
    header = page.locator("table.audit thead th").evaluate_all(
        "ths => ths.map(th => Math.round(th.getBoundingClientRect().left))"
    )
    for i in range(rows.count()):
        row = rows.nth(i)
        assert row.evaluate("r => getComputedStyle(r).display") == "table-row"
        cells = row.locator("td").evaluate_all(
            "tds => tds.map(td => Math.round(td.getBoundingClientRect().left))"
        )
        assert cells == header
    screenshot(page, "staff-audit")
