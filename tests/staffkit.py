"""Fixtures and helpers for the staff tests: accounts, a logged-in client, a
movable clock. Test modules import the fixtures they use from here."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from faqbot import accounts
from faqbot.app import create_app
from faqbot.storage import utcnow

from .conftest import FAQ_PATH, make_settings
from .servers import ROOT

CLARIFY_FAQ = str(ROOT / "tests" / "data" / "clarify_faq.yaml")

PASSWORD = "correct horse battery staple"
STAFF_EMAIL = "nurse@clinic.example"
ADMIN_EMAIL = "boss@clinic.example"
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Clock:
    """A clock the tests move by hand: no sleeping."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    m = CSRF_RE.search(html)
    assert m, "no CSRF token on the page"
    return m.group(1)


def login(client, email: str = STAFF_EMAIL, password: str = PASSWORD):
    """Log in through the real form (with its CSRF token); returns the response."""
    token = csrf_token(client.get("/staff/login").text)
    return client.post(
        "/staff/login",
        data={"csrf_token": token, "email": email, "password": password},
    )


def post_form(client, page: str, action: str, **data: str):
    """Submit a form found on ``page`` the way a browser would (token included)."""
    token = csrf_token(client.get(page).text)
    return client.post(action, data={"csrf_token": token, **data})


@pytest.fixture
def faq_path() -> str:
    """The real FAQ; a test parametrizes ``faq_path`` to use another."""
    return str(FAQ_PATH)


@pytest.fixture
def staff_settings(tmp_path, db_url, faq_path):
    """Settings on SQLite or PostgreSQL (each staff test runs on both)."""
    return make_settings(tmp_path, database_url=db_url, faq_path=faq_path)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def staff_app(staff_settings, clock):
    app = create_app(staff_settings)
    app.config["TESTING"] = True
    app.extensions["faqbot_staff"].clock = clock
    yield app
    app.extensions["faqbot"].store.dispose()


@pytest.fixture
def staff_store(staff_app):
    return staff_app.extensions["faqbot"].store


@pytest.fixture
def accounts_made(staff_store):
    """One staff member and one admin."""
    accounts.add(staff_store, STAFF_EMAIL, PASSWORD)
    accounts.add(staff_store, ADMIN_EMAIL, PASSWORD, admin=True)


@pytest.fixture
def anon(staff_app, accounts_made):
    return staff_app.test_client()


@pytest.fixture
def staff_client(staff_app, accounts_made):
    client = staff_app.test_client()
    assert login(client).status_code == 302
    return client


@pytest.fixture
def admin_client(staff_app, accounts_made):
    client = staff_app.test_client()
    assert login(client, ADMIN_EMAIL).status_code == 302
    return client
