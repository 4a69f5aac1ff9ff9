"""The teaching loop end to end under gunicorn with two workers, on SQLite and
PostgreSQL: a question the bot hands off through /api/ask, taught on the
staff page over HTTP (real login, real CSRF token), then the same and a
similar question answered by /api/ask, by both workers, without a restart."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from faqbot import accounts
from faqbot.config import Settings
from faqbot.storage import Store

from .servers import Gunicorn, post_json
from .staffkit import CLARIFY_FAQ, PASSWORD, STAFF_EMAIL, csrf_token

pytestmark = pytest.mark.e2e

QUESTION = "is there parking at the office"
SIMILAR = "parking at the office?"


class Browser:
    """Just enough of a browser: cookies, forms, redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=10) as resp:
            return resp.read().decode()

    def submit(self, page: str, action: str, **fields: str) -> str:
        data = {"csrf_token": csrf_token(self.get(page)), **fields}
        body = urllib.parse.urlencode(data).encode()
        with self.opener.open(self.base + action, data=body, timeout=10) as resp:
            return resp.read().decode()


def ask(base: str, question: str) -> dict:
    status, body = post_json(base + "/api/ask", {"question": question}, timeout=10)
    assert status == 200, body
    return body


def ask_until_both_workers_answered(server: Gunicorn, question: str) -> set[str]:
    """Ask concurrently until the access log shows both workers served it;
    returns every status the bot gave."""
    workers = set(server.worker_pids())
    since = len(server.log())
    statuses: set[str] = set()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(25):
            replies = list(pool.map(lambda _: ask(server.url, question), range(8)))
            statuses |= {r["status"] for r in replies}
            log = server.log()[since:]
            served = set(re.findall(r"^<(\d+)> POST /api/ask", log, re.M))
            if {str(w) for w in workers} <= served:
                return statuses
    raise AssertionError(f"only workers {served} of {workers} answered")


def test_a_question_taught_on_the_staff_page_is_answered_by_every_worker(
    db_url, tmp_path
) -> None:
    store = Store(Settings(database_url=db_url).sqlalchemy_url)
    store.init_db()
    accounts.add(store, STAFF_EMAIL, PASSWORD)
    store.dispose()
    server = Gunicorn(
        env={
            "DATABASE_URL": db_url,
            "FAQBOT_FAQ_PATH": CLARIFY_FAQ,
            "FAQBOT_SECRET_KEY": "e2e-secret-" + "k" * 32,
            "FAQBOT_SECURE_COOKIES": "0",
            "FAQBOT_SPOOL_PATH": str(tmp_path / "spool.jsonl"),
            "FAQBOT_RATE_LIMIT": "off",
            "FAQBOT_FAQ_RELOAD_SECONDS": "0",
        },
        workers=2,
        extra_args=["--access-logfile", "-", "--access-logformat", "%(p)s %(r)s"],
    ).start()
    try:
        assert ask_until_both_workers_answered(server, QUESTION) == {"unmatched"}
        assert ask(server.url, SIMILAR)["status"] == "unmatched"

        staff = Browser(server.url)
        staff.submit(
            "/staff/login", "/staff/login", email=STAFF_EMAIL, password=PASSWORD
        )
        queue = staff.submit("/staff/", "/staff/", q=QUESTION)  # searches are POSTs
        item = re.search(r'href="(/staff/item/\d+)"', queue).group(1)
        page = staff.submit(
            item, item + "/teach", faq_id="clinic-locations", phrasing=QUESTION
        )
        assert "this question is now answered with" in page

        for question in (QUESTION, SIMILAR):
            assert ask_until_both_workers_answered(server, question) == {"answered"}
            assert ask(server.url, question)["faq_id"] == "clinic-locations"
    finally:
        server.stop()
