"""The staff pages in real headless Chromium against gunicorn: log in, open
an urgent item, reveal the contact, resolve it; screenshots of the queue and
the stats page (desktop and phone) are saved under test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from faqbot import accounts
from faqbot.config import Settings
from faqbot.storage import AskRecord, Store

from .browser import screenshot
from .servers import Gunicorn
from .staffkit import PASSWORD, STAFF_EMAIL

pytestmark = pytest.mark.e2e

PHONE = "+13105550199"


@pytest.fixture
def server(tmp_path, db_url):
    url = db_url
    store = Store(Settings(database_url=url).sqlalchemy_url)
    store.init_db()
    accounts.add(store, STAFF_EMAIL, PASSWORD)
    questions = [
        (
            "how much does it cost",
            "unmatched",
            "web",
            None,
            [("book-appointment", 0.31)],
        ),
        ("do you take blue cross insurance", "unmatched", "sms", "+13105550123", []),
        ("what's the price of one infusion", "unmatched", "web", None, []),
        ("Where is the clinic located?", "answered", "web", None, []),
        ("Where is the clinic located?", "answered", "sms", None, []),
        ("i want to kill myself", "crisis", "sms", PHONE, []),
    ]
    for text, status, channel, contact, cands in questions:
        store.record_ask(
            AskRecord(
                channel,
                text,
                status,
                faq_id="clinic-locations" if status == "answered" else None,
                contact=contact,
                candidates=cands,
                crisis_kind="suicide" if status == "crisis" else None,
            )
        )
    store.dispose()
    gunicorn = Gunicorn(
        env={
            "DATABASE_URL": url,
            "FAQBOT_SECRET_KEY": "browser-secret-" + "k" * 32,
            "FAQBOT_SECURE_COOKIES": "0",
            "FAQBOT_SPOOL_PATH": str(tmp_path / "spool.jsonl"),
        },
        workers=2,
    ).start()
    yield gunicorn
    gunicorn.stop()


def test_log_in_reveal_and_resolve_an_urgent_item(
    server, page, browser, db_url
) -> None:
    page.goto(server.url + "/staff/")
    assert "/staff/login" in page.url  # the queue needs a login
    page.fill("#email", STAFF_EMAIL)
    page.fill("#password", "not my password")
    page.click("button[type=submit]")
    expect(page.locator(".flash.error")).to_contain_text("did not work")
    page.fill("#email", STAFF_EMAIL)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Review queue")

    first = page.locator("ol.items > li").first
    assert "urgent" in first.get_attribute("class")
    assert "URGENT" in first.inner_text() and "kill myself" in first.inner_text()
    assert PHONE not in page.content() and "•••-•••-0199" in first.inner_text()
    assert "wants a call back" in first.inner_text()
    # Scores and entry ids wait behind the details toggle.
    assert "31%" not in page.locator("ol.items").inner_text()
    # The urgent item stands out: a red edge on a tinted background.
    edge = first.evaluate("e => getComputedStyle(e).borderLeftColor")
    assert edge == "rgb(198, 40, 40)"
    screenshot(page, "staff-queue")

    first.locator(".question a").click()
    expect(page.locator("h1")).to_contain_text("Item #")
    page.click("button:has-text('Show')")
    expect(page.locator("#contact")).to_contain_text(PHONE)
    screenshot(page, "staff-item")
    page.fill("#note", "called back, she is safe; booked a visit")
    page.click("button:has-text('Resolve')")
    expect(page.locator(".flash")).to_contain_text("resolved")
    assert "kill myself" not in page.inner_text("ol.items")

    page.goto(server.url + "/staff/?status=resolved")
    assert "called back" not in page.content()  # notes are on the item page
    page.click("text=i want to kill myself")
    expect(page.locator("#history")).to_contain_text("called back, she is safe")

    page.goto(server.url + "/staff/stats")
    assert page.locator("svg.chart rect").count() >= 3
    assert "answer rate" in page.inner_text(".figures")
    screenshot(page, "staff-stats")

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    mobile = phone.new_page()
    mobile.goto(server.url + "/staff/login")
    mobile.fill("#email", STAFF_EMAIL)
    mobile.fill("#password", PASSWORD)
    mobile.click("button[type=submit]")
    expect(mobile.locator("h1")).to_have_text("Review queue")
    mobile.goto(server.url + "/staff/stats")
    # Readable on a phone: nothing wider than the screen.
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(mobile, "staff-stats-phone")
    mobile.goto(server.url + "/staff/")
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(mobile, "staff-queue-phone")
    phone.close()
