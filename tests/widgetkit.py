"""Fixtures and helpers for the widget's browser tests: the clinic's own site
on another origin, the bot under gunicorn, and the chat inside its frame.

A pytest plugin (conftest.py loads it), so each widget browser module gets its
own ``clinic``, ``stranger``, ``bot`` and ``clarify_bot`` (module scope); a
module that defines a fixture of the same name keeps its own. The helpers are
imported from here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .servers import ROOT, Gunicorn, HttpStub, QuietHandler

STORAGE_KEY = "faqbot:chat:v1"
CLINIC_TEL = 'a[href="tel:+18338672329"]'
WAIT_FOR_FAILURE = 20_000  # ms: the loader gives a frame 2.5 s after it loads


@dataclass
class Site(HttpStub):
    """A clinic's own website: a real HTTP server on 127.0.0.1, another origin.

    Both ends on the loopback keep Chromium's local-network protection out of
    the way while the frame stays truly cross-origin (another port).
    """

    html: str = "<!doctype html><title>empty</title>"
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return self.url

    def handler(self) -> type[QuietHandler]:
        site = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                body = site.html.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                for name, value in site.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def start_bot(tmp: Path, workers: int = 2, **env: str) -> Gunicorn:
    """The app under gunicorn with its demo page, SQLite in ``tmp``, no rate limit."""
    base = {
        "DATABASE_URL": f"sqlite:///{tmp / 'bot.sqlite3'}",
        "FAQBOT_SECRET_KEY": "browser-test-key-" + "k" * 32,
        "FAQBOT_SPOOL_PATH": str(tmp / "spool.jsonl"),
        "FAQBOT_RATE_LIMIT": "off",
        "FAQBOT_LOG_LEVEL": "WARNING",
        "FAQBOT_DEMO_PAGE": "1",  # the tests open the sample clinic page at /
    }
    env = {**base, **env}
    server = Gunicorn(env=env, workers=workers)
    server.db_url = env["DATABASE_URL"]  # where the test reads the staff data
    return server.start()


# --- fixtures (one of each per test module) -------------------------------------------


@pytest.fixture(scope="module")
def clinic() -> Iterator[Site]:
    """A clinic site on FAQBOT_ALLOWED_ORIGINS."""
    site = Site().start()
    yield site
    site.stop()


@pytest.fixture(scope="module")
def stranger() -> Iterator[Site]:
    """A site that is not allowed to embed the chat."""
    site = Site().start()
    yield site
    site.stop()


@pytest.fixture(scope="module")
def bot(tmp_path_factory, clinic: Site) -> Iterator[Gunicorn]:
    """The bot, which lets ``clinic`` embed the chat."""
    server = start_bot(
        tmp_path_factory.mktemp("bot"), FAQBOT_ALLOWED_ORIGINS=clinic.origin
    )
    yield server
    server.stop()


@pytest.fixture(scope="module")
def clarify_bot(tmp_path_factory) -> Iterator[Gunicorn]:
    """A bot whose FAQ makes some questions ask "did you mean ...?"."""
    faq = str(ROOT / "tests" / "data" / "clarify_faq.yaml")
    server = start_bot(tmp_path_factory.mktemp("clarify"), FAQBOT_FAQ_PATH=faq)
    yield server
    server.stop()


# --- the widget on a page -------------------------------------------------------------


def launcher(page):
    return page.locator("#faqbot-widget button.launcher")


def open_chat(page):
    """Open the widget on the page shown; return the chat frame's locator."""
    from playwright.sync_api import expect

    launcher(page).click()
    chat = page.frame_locator("#faqbot-frame")
    expect(chat.locator("#q")).to_be_focused()
    return chat


def open_widget(page, url: str):
    """Open the demo page and the widget; return the chat frame's locator."""
    page.goto(url + "/")
    return open_chat(page)


def ask(chat, text: str) -> None:
    chat.locator("#q").fill(text)
    chat.locator("#q").press("Enter")


def chat_frame(page):
    return page.locator("#faqbot-frame").element_handle().content_frame()


def saved_chat(page) -> dict:
    raw = chat_frame(page).evaluate(f"sessionStorage.getItem({STORAGE_KEY!r})")
    return json.loads(raw)


def shadow_focus(page) -> str | None:
    """The class of the element focused inside the widget's shadow root."""
    return page.evaluate(
        "() => { const a = document.querySelector('#faqbot-widget')"
        ".shadowRoot.activeElement; return a && (a.className || a.id); }"
    )
