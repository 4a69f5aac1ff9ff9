"""The chat widget in real headless Chromium against the app under gunicorn.

Each server is the real thing on 127.0.0.1: gunicorn with SQLite (and Redis
for the rate-limit test). Pages are the demo page at ``/`` (the widget
embedded with the customer's one line) or a clinic page on another origin,
served by a real HTTP server on another port (``Site``) so that the frame is
truly cross-origin.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from faqbot.storage import Store, asks, handoffs, outbox

from . import browser as chromium
from .browser import AXE_RUN
from .widgetkit import (
    Site,
    ask,
    chat_frame,
    launcher,
    open_widget,
    saved_chat,
    shadow_focus,
    start_bot,
)

pytestmark = pytest.mark.e2e

# The Chromium fixtures (browser, page, desktop) come from the tests.browser
# plugin: binding them here again would start a second Playwright beside the
# session's one when another module has already used it. The sites and bots
# (clinic, stranger, bot, clarify_bot) come from the tests.widgetkit plugin.
screenshot = chromium.screenshot


PROBE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def staff_store(bot):
    store = Store(bot.db_url)
    yield store
    store.dispose()


# --- the conversation -----------------------------------------------------------------


def test_demo_page_answers_with_a_tap_to_call_link(bot, page) -> None:
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(bot.url + "/")
    button = launcher(page)
    expect(button).to_have_accessible_name("Questions? Chat with us")
    expect(button).to_have_attribute("aria-expanded", "false")
    # The page's strict CSP (style-src 'self') does not strip the widget's styles.
    assert button.evaluate("b => getComputedStyle(b).position") == "fixed"

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    chat = page.frame_locator("#faqbot-frame")
    expect(chat.locator("h1")).to_have_text("Bespoke Treatment")
    expect(chat.locator("[role=log]")).to_be_visible()
    intro = chat.locator(".msg.bot").first
    expect(intro).to_contain_text("Bespoke Treatment automated assistant")
    expect(intro.locator("button.choice")).to_have_count(4)

    ask(chat, "Where are your clinics located?")
    answer = chat.locator(".msg.bot.answered")
    expect(answer).to_contain_text("Santa Monica")
    tel = answer.locator('a[href="tel:+18338672329"]')
    expect(tel).to_have_text("833-867-2329")
    expect(chat.locator(".msg.user")).to_have_text(
        "You said: Where are your clinics located?"
    )
    answer.scroll_into_view_if_needed()
    screenshot(page, "widget-desktop")
    assert problems == []


def test_a_suggested_question_is_answered_in_one_tap(bot, page) -> None:
    chat = open_widget(page, bot.url)
    first = chat.locator(".msg.bot button.choice").first
    question = first.inner_text()
    first.click()
    expect(chat.locator(".msg.bot.answered .about")).to_have_text(question)


def test_clarify_offers_buttons_and_a_pick_answers(clarify_bot, page) -> None:
    chat = open_widget(page, clarify_bot.url)
    ask(chat, "how long infusion")
    clarify = chat.locator(".msg.bot.clarify")
    expect(clarify).to_contain_text("Did you mean")
    choices = clarify.locator("button.choice")
    expect(choices).to_have_count(2)
    picked = choices.nth(1).inner_text()
    choices.nth(1).click()
    answer = chat.locator(".msg.bot.answered")
    expect(answer.locator(".about")).to_have_text(picked)
    expect(answer.locator('a[href^="tel:"]')).to_have_text("833-867-2329")
    screenshot(page, "widget-clarify")


def test_handoff_contact_reaches_the_staff_item(bot, page, staff_store) -> None:
    chat = open_widget(page, bot.url)
    ask(chat, "how much does it cost")
    handoff = chat.locator(".msg.bot.unmatched")
    expect(handoff).to_contain_text("care team")
    toggle = handoff.get_by_role("button", name="Leave your contact details")
    form = handoff.locator("form")
    # Optional means folded away until asked for.
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(form).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(form).to_be_visible()
    expect(form.get_by_label("Your name (optional)")).to_be_focused()
    # Escape in a field folds the form, not the whole chat.
    form.get_by_label("Your name (optional)").press("Escape")
    expect(form).to_be_hidden()
    expect(toggle).to_be_focused()
    expect(page.locator("#faqbot-frame")).to_be_visible()
    toggle.click()
    form.get_by_label("Your name (optional)").fill("Pat Lee")
    contact = form.get_by_label("Phone number or email")
    contact.fill("call me")
    form.get_by_label("I agree").check()
    form.get_by_role("button", name="Send my details").click()
    expect(form.locator("[role=alert]")).to_contain_text("phone number like")
    expect(contact).to_have_attribute("aria-invalid", "true")
    expect(contact).to_be_focused()

    contact.fill("(310) 555-0123")
    form.get_by_role("button", name="Send my details").click()
    confirm = handoff.locator(".confirm")
    # What the patient typed, as they typed it.
    expect(confirm).to_have_text(
        "Thank you. Our care team will contact you at (310) 555-0123."
    )
    expect(confirm).to_be_focused()
    screenshot(page, "widget-handoff")

    session = saved_chat(page)["sessionId"]
    with staff_store.engine.connect() as conn:
        item = conn.execute(
            select(handoffs).where(handoffs.c.session_id == session)
        ).one()
    assert item.question == "how much does it cost"
    assert (item.contact, item.contact_name) == ("+13105550123", "Pat Lee")
    assert item.status == "open" and item.channel == "web"


def test_crisis_message_is_prominent_with_988_and_911(bot, page) -> None:
    chat = open_widget(page, bot.url)
    ask(chat, "i want to kill myself")
    crisis = chat.locator(".msg.crisis")
    expect(crisis).to_have_attribute("role", "alert")
    expect(crisis).to_contain_text("Please reach out for help now")
    expect(crisis.locator('a[href="tel:988"]')).to_have_text("Call 988")
    expect(crisis.locator('a[href="sms:988"]')).to_have_text("Text 988")
    expect(crisis.locator('a[href="tel:911"]')).to_have_text("Call 911")
    crisis.scroll_into_view_if_needed()
    screenshot(page, "widget-crisis")


def test_a_crisis_offers_a_call_back_and_staff_are_alerted_again(
    bot, page, staff_store
) -> None:
    chat = open_widget(page, bot.url)
    ask(chat, "i want to kill myself")
    crisis = chat.locator(".msg.crisis")
    crisis.get_by_role("button", name="Leave a number and we will call you").click()
    form = crisis.locator("form")
    form.get_by_label("Phone number or email").fill("(310) 555-0199")
    form.get_by_label("I agree").check()
    form.get_by_role("button", name="Send my details").click()
    expect(crisis.locator(".confirm")).to_contain_text("(310) 555-0199")
    session = saved_chat(page)["sessionId"]
    with staff_store.engine.connect() as conn:
        item = conn.execute(
            select(handoffs).where(handoffs.c.session_id == session)
        ).one()
        alerts = conn.execute(
            select(outbox.c.urgent).where(outbox.c.handoff_id == item.id)
        ).all()
    assert item.contact == "+13105550199" and item.urgent and item.risk == "crisis"
    # The first alert at the crisis, another once staff have a way to reach them.
    assert [a.urgent for a in alerts] == [True, True]


def test_markup_in_a_question_is_shown_as_text(bot, page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    chat = open_widget(page, bot.url)
    ask(chat, PROBE)
    mine = chat.locator(".msg.user p").last
    expect(mine).to_have_text(PROBE)
    expect(chat.locator(".msg.bot").nth(1)).to_be_visible()  # the reply came back
    assert chat.locator("[role=log] img").count() == 0
    assert dialogs == []


# --- keyboard, state, failures --------------------------------------------------------


def test_keyboard_only(bot, page) -> None:
    page.goto(bot.url + "/")
    for _ in range(30):
        if shadow_focus(page) == "launcher":
            break
        page.keyboard.press("Tab")
    assert shadow_focus(page) == "launcher", "Tab never reached the chat button"
    page.keyboard.press("Enter")
    chat = page.frame_locator("#faqbot-frame")
    expect(chat.locator("#q")).to_be_focused()
    page.keyboard.type("where are you located")
    page.keyboard.press("Enter")
    expect(chat.locator(".msg.bot.answered")).to_contain_text("Santa Monica")

    # Back through the transcript to a suggested question, and pick it.
    for _ in range(30):
        page.keyboard.press("Shift+Tab")
        if chat.locator("button.choice:focus").count():
            break
    focused = chat.locator("button.choice:focus")
    expect(focused).to_have_count(1)
    picked = focused.inner_text()
    page.keyboard.press("Enter")
    expect(chat.locator(".msg.bot.answered .about").last).to_have_text(picked)

    page.keyboard.press("Escape")
    expect(page.locator("#faqbot-frame")).to_be_hidden()
    assert shadow_focus(page) == "launcher"
    expect(launcher(page)).to_have_attribute("aria-expanded", "false")


def test_conversation_survives_reload_and_navigation(bot, page, staff_store) -> None:
    chat = open_widget(page, bot.url)
    ask(chat, "where are you located")
    expect(chat.locator(".msg.bot.answered")).to_have_count(1)
    session = saved_chat(page)["sessionId"]

    page.reload()
    chat = page.frame_locator("#faqbot-frame")
    # Still open, with the whole transcript.
    expect(page.locator("#faqbot-frame")).to_be_visible()
    expect(chat.locator(".msg.user")).to_contain_text("where are you located")
    expect(chat.locator(".msg.bot.answered")).to_have_count(1)

    page.goto(bot.url + "/#contact")
    page.goto(bot.url + "/?page=2")
    chat = page.frame_locator("#faqbot-frame")
    ask(chat, "how do i book an appointment")
    expect(chat.locator(".msg.bot.answered")).to_have_count(2)
    assert saved_chat(page)["sessionId"] == session
    with staff_store.engine.connect() as conn:
        texts = conn.execute(
            select(asks.c.text).where(asks.c.session_id == session)
        ).scalars()
        assert list(texts) == ["where are you located", "how do i book an appointment"]


def test_network_failure_keeps_the_question_and_offers_a_retry(bot, page) -> None:
    chat = open_widget(page, bot.url)
    page.route("**/api/ask", lambda route: route.abort())
    ask(chat, "where are you located")
    notice = chat.locator("[role=status]")
    expect(notice).to_contain_text("couldn't reach the assistant")
    expect(notice.locator('a[href="tel:911"]')).to_be_visible()
    expect(notice.locator('a[href="tel:988"]')).to_be_visible()
    mine = chat.locator(".msg.user.failed")
    expect(mine).to_contain_text("where are you located")
    page.unroute("**/api/ask")
    mine.get_by_role("button", name="Try again").click()
    expect(chat.locator(".msg.bot.answered")).to_contain_text("Santa Monica")
    expect(chat.locator(".msg.user.failed")).to_have_count(0)
    expect(chat.locator("[role=status]")).to_have_text("")


def test_429_is_explained_politely_and_nothing_is_lost(
    tmp_path, page, redis_server
) -> None:
    import redis

    redis.Redis.from_url(redis_server.url).flushdb()
    limited = start_bot(
        tmp_path,
        FAQBOT_RATE_LIMIT="2 per hour",
        FAQBOT_RATELIMIT_STORAGE=redis_server.url,
    )
    try:
        chat = open_widget(page, limited.url)
        ask(chat, "where are you located")
        expect(chat.locator(".msg.bot.answered")).to_have_count(1)
        ask(chat, "how do i book an appointment")
        expect(chat.locator(".msg.bot.answered")).to_have_count(2)
        ask(chat, "can ketamine help my migraines")
        notice = chat.locator("[role=status]")
        expect(notice).to_contain_text("We need a short pause")
        expect(notice).to_contain_text("Please wait")
        expect(notice).not_to_contain_text("too fast")
        expect(notice.locator('a[href="tel:911"]')).to_have_text("911")
        expect(notice.locator('a[href="tel:988"]')).to_have_text("988")
        expect(notice.locator('a[href="tel:+18338672329"]')).to_be_visible()
        failed = chat.locator(".msg.user.failed")
        expect(failed).to_contain_text("can ketamine help my migraines")
        expect(failed.get_by_role("button", name="Try again")).to_be_visible()
        # The earlier answers are all still there.
        expect(chat.locator(".msg.bot.answered")).to_have_count(2)
        screenshot(page, "widget-rate-limited")
        # A message in crisis is screened before the limit and never refused.
        ask(chat, "i want to kill myself")
        crisis = chat.locator(".msg.crisis")
        expect(crisis.locator('a[href="tel:988"]')).to_have_text("Call 988")
        expect(crisis.locator('a[href="tel:911"]')).to_have_text("Call 911")
    finally:
        limited.stop()


# --- embedding ------------------------------------------------------------------------


def embed(page, site: Site, bot_url: str, attrs: str = "") -> None:
    """Put the one-line embed on ``site``'s page and open it."""
    site.html = (
        "<!doctype html><html lang=en><head><title>Clinic</title></head><body>"
        "<main><h1>Clinic</h1><p>Welcome.</p></main>"
        f'<script src="{bot_url}/widget.js" async {attrs}></script></body></html>'
    )
    page.goto(site.origin + "/")


def test_an_allowed_clinic_site_embeds_an_isolated_chat(bot, clinic, page) -> None:
    embed(
        page,
        clinic,
        bot.url,
        'data-position="left" data-accent="#ffd400" '
        'data-greeting="Hello from the clinic!"',
    )
    button = launcher(page)
    box = button.bounding_box()
    assert box["x"] < 100  # bottom-left
    # A light accent gets dark text, so the label stays readable.
    assert button.evaluate("b => getComputedStyle(b).color") == "rgb(0, 0, 0)"
    button.click()
    chat = page.frame_locator("#faqbot-frame")
    expect(chat.locator("#q")).to_be_focused()
    expect(chat.locator(".msg.bot").first).to_contain_text("Hello from the clinic!")
    # ... and so does the conversation inside the frame.
    ink = chat.locator("html").evaluate(
        "h => getComputedStyle(h).getPropertyValue('--on-accent').trim()"
    )
    assert ink == "#000000"
    ask(chat, "where are you located")
    expect(chat.locator(".msg.bot.answered")).to_contain_text("Santa Monica")
    # The clinic page's scripts cannot reach into the conversation.
    frame_doc = page.evaluate(
        "document.querySelector('#faqbot-widget').shadowRoot"
        ".querySelector('iframe').contentDocument"
    )
    assert frame_doc is None
    assert page.evaluate("Object.keys(sessionStorage)") == []
    assert page.evaluate("typeof window.FaqbotWidget.open") == "function"
    # Escape inside the frame travels to the page by postMessage.
    chat.locator("#q").press("Escape")
    expect(page.locator("#faqbot-frame")).to_be_hidden()
    assert shadow_focus(page) == "launcher"


def test_a_link_to_the_frame_cannot_put_words_on_the_bots_origin(
    bot, clinic, page
) -> None:
    # A phishing link opens the frame as a page, with an allowed host and a
    # greeting of its choosing: the bot shows its own greeting instead.
    lure = "Your records are locked: call 555-0100 now"
    page.goto(
        bot.url
        + "/widget/frame?"
        + urlencode({"host": clinic.origin, "greeting": lure, "accent": "#ff0000"})
    )
    expect(page.locator(".msg.bot").first).to_be_visible()
    assert lure not in page.content()
    assert "greeting" not in page.url and "accent" not in page.url


def test_a_site_not_on_the_list_cannot_embed_the_chat(bot, stranger, page) -> None:
    with page.expect_response(lambda r: "/widget/frame" in r.url) as refused:
        embed(page, stranger, bot.url)
    assert refused.value.status == 403
    launcher(page).click(timeout=20000)
    assert chat_frame(page).locator("#q").count() == 0
    # The loader's own panel instead of the refusal page.
    expect(page.locator("#faqbot-fallback")).to_be_visible()
    expect(page.locator("#faqbot-frame")).to_be_hidden()


def test_frame_ancestors_blocks_a_site_that_lies_about_its_origin(
    bot, clinic, stranger, page
) -> None:
    # The frame is asked for as if by the allowed clinic, from another site.
    src = f"{bot.url}/widget/frame?host={clinic.origin}"
    stranger.html = f'<!doctype html><iframe src="{src}" title="x"></iframe>'
    with page.expect_response(lambda r: "/widget/frame" in r.url) as served:
        page.goto(stranger.origin + "/")
    assert served.value.status == 200
    frame = page.locator("iframe").element_handle().content_frame()
    assert frame.url.startswith("chrome-error://")
    assert frame.locator("#q").count() == 0


# --- phones and accessibility ---------------------------------------------------------


def test_full_screen_on_a_narrow_phone(bot, browser) -> None:
    # Reduced motion: the panel appears at once, no slide-in to wait for.
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        reduced_motion="reduce",
    )
    try:
        page = context.new_page()
        chat = open_widget(page, bot.url)
        frame = page.locator("#faqbot-frame")
        assert frame.evaluate("f => getComputedStyle(f).transitionDuration") == "0s"
        box = frame.bounding_box()
        assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 390, 844)
        ask(chat, "where are you located")
        expect(chat.locator(".msg.bot.answered")).to_be_visible()
        screenshot(page, "widget-phone")
        chat.get_by_role("button", name="Close chat").click()
        expect(page.locator("#faqbot-frame")).to_be_hidden()
        assert shadow_focus(page) == "launcher"
    finally:
        context.close()


def test_axe_finds_no_serious_problems_in_the_open_widget(
    bot, desktop, axe_source
) -> None:
    # axe is injected as a script: the desktop page lets it past the pages' CSP.
    chat = open_widget(desktop, bot.url)
    ask(chat, "where are you located")
    expect(chat.locator(".msg.bot.answered")).to_be_visible()
    ask(chat, "how much does it cost")
    chat.get_by_role("button", name="Leave your contact details").click()
    ask(chat, "i want to kill myself")
    expect(chat.locator(".msg.crisis")).to_be_visible()
    found = []
    for frame in (desktop.main_frame, chat_frame(desktop)):
        frame.add_script_tag(content=axe_source)
        found += frame.evaluate(AXE_RUN)
    assert found == []
