"""The widget where real sites and real phones differ from the happy path.

Real headless Chromium against the app under gunicorn, on clinic pages served
from another origin: a site that is not allowed, the bot going down after
the loader was cached, a theme whose CSS fights the widget, a page that
scrolls behind the chat, a phone's full-screen chat and keyboard, and a long
conversation that then fails. axe-core checks the pages in each failure state.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .browser import AXE_RUN, screenshot
from .widgetkit import (
    CLINIC_TEL,
    WAIT_FOR_FAILURE,
    Site,
    ask,
    chat_frame,
    launcher,
    saved_chat,
    shadow_focus,
    start_bot,
)

pytestmark = pytest.mark.e2e

PHONE_VIEW = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "reduced_motion": "reduce",
}


@pytest.fixture
def phone(browser):
    """A phone (390 x 844, touch); axe may be injected past the pages' CSP."""
    context = browser.new_context(**PHONE_VIEW, bypass_csp=True)
    yield context.new_page()
    context.close()


def embed(page, site: Site, bot_url: str) -> None:
    """A clinic page (made for phones: it has a viewport meta) with the embed."""
    site.html = (
        "<!doctype html><html lang=en><head><title>Clinic</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "</head><body><main><h1>Clinic</h1><p>Welcome.</p></main>"
        f'<script src="{bot_url}/widget.js" async></script></body></html>'
    )
    page.goto(site.origin + "/")


def axe(page) -> list[str]:
    """Serious or critical axe violations in the page and its chat frame."""
    source = axe_code()
    found = []
    frames = [page.main_frame]
    frame = chat_frame(page)
    if frame is not None and frame.url.startswith("http"):
        frames.append(frame)
    for f in frames:
        f.add_script_tag(content=source)
        found += f.evaluate(AXE_RUN)
    return found


_AXE: list[str] = []


@pytest.fixture(autouse=True)
def _axe_loaded(axe_source):
    if not _AXE:
        _AXE.append(axe_source)


def axe_code() -> str:
    return _AXE[0]


def expect_fallback_panel(page) -> None:
    """The loader's own panel: small, the number, 911, 988, and a way out."""
    panel = page.locator("#faqbot-fallback")
    expect(panel).to_be_visible()
    expect(panel).to_have_attribute("role", "dialog")
    expect(panel.get_by_role("heading")).to_have_text(
        "The chat isn't available right now"
    )
    expect(panel.locator(CLINIC_TEL)).to_have_text("833-867-2329")
    expect(panel.locator('a[href="tel:911"]')).to_have_text("911")
    expect(panel.locator('a[href="tel:988"]')).to_have_text("988")
    expect(panel.get_by_role("button", name="Close")).to_be_visible()
    # Never the refusal page or Chrome's error page, full-screen or not.
    expect(page.locator("#faqbot-frame")).to_be_hidden()
    viewport = page.viewport_size
    box = panel.bounding_box()
    assert box["width"] < viewport["width"] and box["height"] < viewport["height"] / 2


def close_fallback(page) -> None:
    page.locator("#faqbot-fallback").get_by_role("button", name="Close").click()
    expect(page.locator("#faqbot-fallback")).to_be_hidden()
    assert shadow_focus(page) == "launcher"
    expect(launcher(page)).to_have_attribute("aria-expanded", "false")


# --- the frame cannot load ----------------------------------------------------------


def test_a_site_not_on_the_list_gets_a_small_panel_on_a_phone(
    bot, stranger, phone
) -> None:
    with phone.expect_response(lambda r: "/widget/frame" in r.url) as refused:
        embed(phone, stranger, bot.url)
    assert refused.value.status == 403
    button = launcher(phone)
    # No launcher while it is not known whether the chat can open ...
    assert not button.is_visible()
    # ... then one that opens the loader's own panel.
    expect(button).to_be_visible(timeout=WAIT_FOR_FAILURE)
    button.tap()
    expect_fallback_panel(phone)
    expect(phone.locator("#faqbot-fallback h2")).to_be_focused()
    screenshot(phone, "widget-refused-phone")
    assert axe(phone) == []
    close_fallback(phone)
    # Escape closes it too.
    button.tap()
    expect(phone.locator("#faqbot-fallback")).to_be_visible()
    phone.keyboard.press("Escape")
    expect(phone.locator("#faqbot-fallback")).to_be_hidden()


def test_with_the_bot_down_the_cached_loader_offers_the_number_on_a_phone(
    tmp_path, clinic, phone
) -> None:
    server = start_bot(tmp_path, workers=1, FAQBOT_ALLOWED_ORIGINS=clinic.origin)
    try:
        embed(phone, clinic, server.url)
        launcher(phone).tap()
        chat = phone.frame_locator("#faqbot-frame")
        ask(chat, "where are you located")
        expect(chat.locator(".msg.bot.answered")).to_contain_text("Santa Monica")

        server.stop()
        # Down mid-conversation: the frame's notice has the number, 911, 988.
        ask(chat, "how do i book an appointment")
        notice = chat.locator("[role=status]")
        expect(notice).to_contain_text("couldn't reach the assistant")
        expect(notice.locator(CLINIC_TEL)).to_be_visible()
        expect(notice.locator('a[href="tel:911"]')).to_be_visible()
        expect(notice.locator('a[href="tel:988"]')).to_be_visible()
        expect(chat.locator(".msg.user.failed")).to_contain_text("book an appointment")
        assert axe(phone) == []

        # The next page: widget.js from the browser's cache, the frame refused.
        phone.goto(clinic.origin + "/?page=2")
        button = launcher(phone)
        expect(button).to_be_visible(timeout=WAIT_FOR_FAILURE)
        button.tap()
        expect_fallback_panel(phone)
        screenshot(phone, "widget-bot-down-phone")
        assert axe(phone) == []
        close_fallback(phone)
    finally:
        server.stop()


def test_a_host_csp_without_frame_src_gets_the_panel(bot, clinic, desktop) -> None:
    clinic.headers = {
        "Content-Security-Policy": f"script-src 'self' {bot.url}; frame-src 'self'"
    }
    try:
        # bypass_csp would let the frame through: a context that keeps CSP.
        context = desktop.context.browser.new_context()
        page = context.new_page()
        embed(page, clinic, bot.url)
        button = launcher(page)
        expect(button).to_be_visible(timeout=WAIT_FOR_FAILURE)
        button.click()
        expect_fallback_panel(page)
        context.close()
    finally:
        clinic.headers = {}


def test_a_server_error_notice_names_the_number_911_and_988(bot, desktop) -> None:
    desktop.goto(bot.url + "/")
    launcher(desktop).click()
    chat = desktop.frame_locator("#faqbot-frame")
    desktop.route(
        "**/api/ask",
        lambda route: route.fulfill(
            status=502, content_type="text/html", body="<h1>Bad Gateway</h1>"
        ),
    )
    ask(chat, "where are you located")
    notice = chat.locator("[role=status]")
    expect(notice).to_contain_text("Something went wrong on our side")
    expect(notice.locator(CLINIC_TEL)).to_have_text("833-867-2329")
    expect(notice.locator('a[href="tel:911"]')).to_have_text("911")
    expect(notice.locator('a[href="tel:988"]')).to_have_text("988")
    expect(chat.locator(".msg.user.failed")).to_contain_text("where are you located")
    assert axe(desktop) == []


# --- host CSS that fights the widget --------------------------------------------------

HOSTILE = """<!doctype html><html lang=en><head><title>Clinic</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>
body > div {{ position: relative; z-index: 1; transform: translateZ(0); opacity: .98 }}
.cookie {{ position: fixed; left: 0; right: 0; bottom: 0; z-index: 99999;
          min-height: 200px; padding: 16px; background: #222; color: #fff }}
.cookie button {{ color: #000 }}
</style></head><body><main><h1>Clinic</h1><p>Welcome.</p></main>
<div class="cookie" role="region" aria-label="Cookies">We use cookies.
<button type="button">Accept</button></div>
<script src="{bot}/widget.js" async></script></body></html>"""


def on_top(page, box) -> bool:
    """True when the widget, not the page, is what a tap at ``box``'s centre hits."""
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    return page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y)?.id === 'faqbot-widget'", [x, y]
    )


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_cookie_bar_and_a_theme_cannot_cover_the_widget(
    bot, clinic, request, device
) -> None:
    page = request.getfixturevalue(device)
    clinic.html = HOSTILE.format(bot=bot.url)
    page.goto(clinic.origin + "/")
    button = launcher(page)
    expect(button).to_be_visible()
    assert on_top(page, button.bounding_box())
    button.click()  # Playwright refuses to click what something else covers
    chat = page.frame_locator("#faqbot-frame")
    field = chat.locator("#q")
    expect(field).to_be_focused()
    assert on_top(page, field.bounding_box())
    assert on_top(page, chat.locator(".send").bounding_box())
    ask(chat, "where are you located")
    expect(chat.locator(".msg.bot.answered")).to_contain_text("Santa Monica")
    screenshot(page, f"widget-hostile-css-{device}")


def test_scrolling_past_the_end_of_the_chat_leaves_the_page_still(
    bot, clinic, desktop
) -> None:
    clinic.html = (
        "<!doctype html><html lang=en><head><title>Long page</title></head><body>"
        '<main><h1>Clinic</h1><div style="height:5000px">Long page</div></main>'
        f'<script src="{bot.url}/widget.js" async></script></body></html>'
    )
    desktop.goto(clinic.origin + "/")
    launcher(desktop).click()
    chat = desktop.frame_locator("#faqbot-frame")
    for question in ("where are you located", "how do i book an appointment"):
        ask(chat, question)
        expect(chat.locator(".msg").last).to_have_class(re.compile("bot"))
    log = chat.locator("#log").bounding_box()
    desktop.mouse.move(log["x"] + log["width"] / 2, log["y"] + log["height"] / 2)
    for _ in range(6):
        desktop.mouse.wheel(0, 800)
        desktop.mouse.wheel(0, -3000)
        desktop.mouse.wheel(0, 3000)
    desktop.wait_for_timeout(300)
    assert desktop.evaluate("scrollY") == 0
    # The same wheel over the page itself does scroll it (the test can tell).
    desktop.mouse.move(200, 200)
    desktop.mouse.wheel(0, 800)
    desktop.wait_for_function("scrollY > 0")


# --- a phone's full-screen chat ---------------------------------------------------


def test_on_a_phone_the_chat_is_a_modal_dialog_that_keeps_focus(
    bot, clinic, phone
) -> None:
    clinic.html = (
        "<!doctype html><html lang=en><head><title>Clinic</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "</head><body>"
        "<main><h1>Clinic</h1><p><a href='#a'>One</a> <a href='#b'>Two</a></p>"
        f'</main><script src="{bot.url}/widget.js" async></script></body></html>'
    )
    phone.goto(clinic.origin + "/")
    launcher(phone).tap()
    chat = phone.frame_locator("#faqbot-frame")
    expect(chat.locator("#q")).to_be_focused()
    dialog = phone.get_by_role("dialog", name="Chat with our virtual assistant")
    expect(dialog).to_have_attribute("aria-modal", "true")
    in_chat = (
        "() => { const host = document.querySelector('#faqbot-widget');"
        " return document.activeElement === host &&"
        " host.shadowRoot.activeElement?.tagName === 'IFRAME'; }"
    )
    for key in ["Tab"] * 25 + ["Shift+Tab"] * 25:
        phone.keyboard.press(key)
        assert phone.evaluate(in_chat), f"focus left the chat after {key}"
    assert axe(phone) == []
    # Escape still closes it, and focus comes back to the launcher.
    chat.locator("#q").press("Escape")
    expect(phone.locator("#faqbot-frame")).to_be_hidden()
    assert shadow_focus(phone) == "launcher"


def test_on_a_desktop_the_chat_is_not_modal(bot, desktop) -> None:
    desktop.goto(bot.url + "/")
    launcher(desktop).click()
    expect(desktop.locator("#faqbot-frame")).to_be_visible()
    dialog = desktop.get_by_role("dialog", name="Chat with our virtual assistant")
    expect(dialog).to_have_count(1)
    expect(dialog).not_to_have_attribute("aria-modal", "true")


# --- a long conversation, then a failure --------------------------------------------

QUESTIONS = [
    "where are you located",
    "how do i book an appointment",
    "can ketamine help my migraines",
    "how much does it cost",
    "hi",
]


def transcript(page) -> tuple[list[str], list[str]]:
    """(the page's bubbles as index:from:text, the stored transcript alike)."""
    frame = chat_frame(page)
    shown = frame.evaluate(
        """() => [...document.querySelectorAll('#log > [data-index]')].map(n =>
            n.getAttribute('data-index') + ':' +
            (n.classList.contains('user') ? 'user:' + n.querySelector('p').textContent
                                          : 'bot'))"""
    )
    stored = [
        f"{i}:user:{m['text']}" if m["from"] == "user" else f"{i}:bot"
        for i, m in enumerate(saved_chat(page)["messages"])
    ]
    return shown, stored


def test_after_45_questions_a_failure_retries_the_right_message(bot, desktop) -> None:
    desktop.goto(bot.url + "/")
    launcher(desktop).click()
    chat = desktop.frame_locator("#faqbot-frame")
    for i in range(45):
        ask(chat, f"{QUESTIONS[i % len(QUESTIONS)]} #{i + 1}")
        expect(chat.locator(".msg").last).to_have_class(re.compile("bot"))
    shown, stored = transcript(desktop)
    assert len(stored) == 80  # trimmed: the oldest messages went
    assert shown == stored  # ... from the page too, every index still true
    assert shown[-2] == "78:user:hi #45"

    desktop.route("**/api/ask", lambda route: route.abort())
    ask(chat, "is there parking #46")
    notice = chat.locator("[role=status]")
    expect(notice).to_contain_text("couldn't reach the assistant")
    expect(notice.locator('a[href="tel:911"]')).to_be_visible()
    expect(notice.locator('a[href="tel:988"]')).to_be_visible()
    failed = chat.locator(".msg.user.failed")
    expect(failed).to_have_count(1)
    expect(failed).to_contain_text("is there parking #46")
    assert axe(desktop) == []

    desktop.unroute("**/api/ask")
    failed.get_by_role("button", name="Try again").click()
    expect(chat.locator(".msg.user.failed")).to_have_count(0)
    expect(chat.locator(".msg").last).to_have_class(re.compile("bot"))
    expect(notice).to_have_text("")
    shown, stored = transcript(desktop)
    assert shown == stored and len(stored) == 80
    assert shown[-2].endswith(":user:is there parking #46")
    assert shown[-4].endswith(":user:hi #45")


# --- what a returning patient and a screen reader notice ----------------------------


def test_a_restored_conversation_opens_at_the_newest_message(bot, desktop) -> None:
    desktop.goto(bot.url + "/")
    launcher(desktop).click()
    chat = desktop.frame_locator("#faqbot-frame")
    for question in QUESTIONS[:4]:
        ask(chat, question)
        expect(chat.locator(".msg").last).to_have_class(re.compile("bot"))
    desktop.reload()
    expect(desktop.locator("#faqbot-frame")).to_be_visible()
    frame = chat_frame(desktop)
    frame.wait_for_function(
        "() => { const l = document.getElementById('log');"
        " return l.scrollHeight > l.clientHeight + 100 &&"
        " l.scrollTop + l.clientHeight >= l.scrollHeight - 4; }"
    )


def test_each_message_is_announced_once_and_typing_is_announced(bot, desktop) -> None:
    desktop.goto(bot.url + "/")
    launcher(desktop).click()
    chat = desktop.frame_locator("#faqbot-frame")
    expect(chat.locator("#q")).to_be_focused()
    chat_frame(desktop).evaluate(
        """() => {
          window.added = [];
          new MutationObserver(records => records.forEach(r =>
            r.addedNodes.forEach(n => window.added.push(n.textContent))
          )).observe(document.getElementById('log'), {childList: true, subtree: true});
        }"""
    )
    ask(chat, "where are you located")
    expect(chat.locator(".msg.bot.answered")).to_be_visible()
    added = chat_frame(desktop).evaluate("window.added")
    assert len([a for a in added if "where are you located" in a]) == 1, added
    assert len([a for a in added if "Santa Monica" in a]) == 1, added
    assert any("The assistant is typing." in a for a in added), added


def test_a_used_menu_stops_taking_clicks(clarify_bot, desktop) -> None:
    desktop.goto(clarify_bot.url + "/")
    launcher(desktop).click()
    chat = desktop.frame_locator("#faqbot-frame")
    ask(chat, "how long infusion")
    choices = chat.locator(".msg.bot.clarify button.choice")
    expect(choices).to_have_count(2)
    choices.nth(1).click()
    expect(chat.locator(".msg.bot.answered")).to_have_count(1)
    for i in range(2):
        expect(choices.nth(i)).to_be_disabled()
    expect(chat.locator("#q")).to_be_focused()
    # Still disabled after a reload.
    desktop.reload()
    chat = desktop.frame_locator("#faqbot-frame")
    expect(chat.locator(".msg.bot.clarify button.choice").first).to_be_disabled()


def test_the_standalone_chat_has_no_dead_close_button(bot, desktop) -> None:
    desktop.goto(bot.url + "/widget/frame")
    expect(desktop.locator("#q")).to_be_focused()
    expect(desktop.locator("#close")).to_be_hidden()
