"""End to end: a login flood under gunicorn, served as the Procfile serves it.

gunicorn reads gunicorn.conf.py from the directory it starts in (threaded
workers): an address over its login limit is refused before the app does any
work, its refusals are held back a moment in threads that would otherwise be
idle, and a patient's question is answered meanwhile.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import shlex
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from faqbot import accounts
from faqbot.storage import Store

from .conftest import FAQ_PATH
from .servers import ROOT, Gunicorn

pytestmark = pytest.mark.e2e

EMAIL, PASSWORD = "nurse@clinic.example", "correct horse battery staple"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture
def server(tmp_path):
    url = f"sqlite:///{tmp_path / 'faqbot.sqlite3'}"
    store = Store(url)
    store.init_db()
    accounts.add(store, EMAIL, PASSWORD)
    store.dispose()
    g = Gunicorn(
        env={
            "DATABASE_URL": url,
            "FAQBOT_FAQ_PATH": str(FAQ_PATH),
            "FAQBOT_SECRET_KEY": "e2e-secret-" + "k" * 32,
            "FAQBOT_SECURE_COOKIES": "0",
            "FAQBOT_SPOOL_PATH": str(tmp_path / "spool.jsonl"),
            "FAQBOT_LOGIN_RATE_LIMIT": "3 per minute",
        },
        workers=2,
    ).start()
    yield g
    g.stop()


def wrong_password(base: str) -> int:
    """The login form fetched and a wrong password posted, as a script would."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    try:
        page = opener.open(base + "/staff/login", timeout=30).read().decode()
        data = urllib.parse.urlencode(
            {
                "csrf_token": CSRF.search(page).group(1),
                "email": EMAIL,
                "password": "a wrong guess",
            }
        ).encode()
        return opener.open(base + "/staff/login", data=data, timeout=30).status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_the_procfile_serves_with_threaded_workers(server) -> None:
    web = next(
        line.split(":", 1)[1]
        for line in (ROOT / "Procfile").read_text().splitlines()
        if line.startswith("web:")
    )
    # Nothing on the command line overrides gunicorn.conf.py...
    assert shlex.split(web) == ["gunicorn", "faqbot.app:create_app()"]
    # ...which gunicorn, started where the Procfile runs it, reads.
    assert "Using worker: gthread" in server.log()


def test_a_flood_gets_429s_while_a_patient_is_answered(server) -> None:
    ask = urllib.request.Request(
        server.url + "/api/ask",
        data=json.dumps({"question": "how long does a migraine last?"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    for _ in range(2):  # both workers have loaded the FAQ before the flood
        urllib.request.urlopen(ask, timeout=30).close()
    assert [wrong_password(server.url) for _ in range(3)] == [401] * 3
    flood: list[tuple[int, str | None]] = []
    order: list[str] = []

    def refused() -> None:
        try:
            urllib.request.urlopen(server.url + "/staff/login", timeout=30)
            answer = (200, None)
        except urllib.error.HTTPError as exc:
            answer = (exc.code, exc.headers.get("Retry-After"))
        flood.append(answer)
        order.append("flood")

    pool = [threading.Thread(target=refused) for _ in range(24)]
    for t in pool:
        t.start()
    req = urllib.request.Request(
        server.url + "/api/ask",
        data=json.dumps({"question": "where is the clinic located?"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        status, body = resp.status, json.loads(resp.read())
    order.append("patient")
    for t in pool:
        t.join()
    assert status == 200 and body["status"] == "answered"
    assert len(flood) == 24
    assert all(code == 429 and int(wait) > 0 for code, wait in flood)
    # The flood's refusals were held back; the patient did not wait for them.
    assert order[0] == "patient"
