"""Nothing lost under concurrency: gunicorn with four workers (the Procfile's
command) takes distinct unmatched questions from many client threads, through
/api/ask and signed /sms at once, on SQLite and on PostgreSQL; every question
becomes exactly one staff item. Then the same while a worker is killed with
SIGKILL in the middle of a request: every request that got a 200 has its
item, and the ones that did not failed visibly, as a broken connection."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from faqbot.config import Settings
from faqbot.storage import Store, handoffs

from .conftest import FAQ_PATH
from .loadkit import Client, Outcome, kill_mid_request
from .servers import Gunicorn
from .texting import TOKEN, reply_text

pytestmark = pytest.mark.e2e

THREADS = 8
PHONE = "833-867-2329"


def questions(n: int, tag: str) -> list[tuple[str, str, str]]:
    """(kind, question, sender): n distinct cost questions, half by text."""
    jobs = []
    for i in range(n):
        kind = "api" if i % 2 == 0 else "sms"
        jobs.append(
            (kind, f"how much does it cost, {tag} question {i}", f"+1555{i:07d}")
        )
    return jobs


@pytest.fixture
def server(db_url, tmp_path):
    gunicorn = Gunicorn(
        env={
            "DATABASE_URL": db_url,
            "FAQBOT_FAQ_PATH": str(FAQ_PATH),
            "FAQBOT_SECRET_KEY": "concurrency-" + "k" * 32,
            "FAQBOT_TWILIO_AUTH_TOKEN": TOKEN,
            "FAQBOT_SPOOL_PATH": str(tmp_path / "spool.jsonl"),
            "FAQBOT_RATE_LIMIT": "off",
            "FAQBOT_LOG_LEVEL": "WARNING",
        },
        workers=4,
    ).start()
    store = Store(Settings(database_url=db_url).sqlalchemy_url)
    yield gunicorn, store
    gunicorn.stop()
    store.dispose()


def items(store: Store) -> Counter[str]:
    with store.engine.connect() as conn:
        return Counter(conn.scalars(select(handoffs.c.question)).all())


def answered_ok(out: Outcome) -> bool:
    """A 200 that tells the patient their question went to staff."""
    if out.status != 200:
        return False
    if out.kind == "api":
        return b'"status": "unmatched"' in out.body and PHONE.encode() in out.body
    text = reply_text(out.body) or ""
    return "care team" in text and PHONE in text


def test_every_question_becomes_one_item_under_concurrency(server) -> None:
    gunicorn, store = server
    client = Client(gunicorn.url)
    jobs = questions(120, "concurrent")
    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = list(pool.map(lambda job: client.run(*job), jobs))

    assert [o.error for o in outcomes if o.error] == []
    assert all(answered_ok(o) for o in outcomes), [
        (o.status, o.body[:200]) for o in outcomes if not answered_ok(o)
    ]
    found = items(store)
    assert sorted(found) == sorted(q for _, q, _ in jobs)
    assert set(found.values()) == {1}  # each exactly once
    assert len(gunicorn.worker_pids()) == 4


def test_a_worker_killed_mid_request_loses_no_answered_question(server) -> None:
    gunicorn, store = server
    client = Client(gunicorn.url)
    supply = questions(3000, "fault")
    jobs: list[tuple[str, str, str]] = []
    outcomes: list[Outcome] = []
    with ThreadPoolExecutor(1) as killer, ThreadPoolExecutor(THREADS) as pool:
        kill = killer.submit(
            kill_mid_request, gunicorn.port, gunicorn.worker_pids, client
        )
        # Questions keep coming, fifty at a time, until the kill has landed: a
        # fixed batch can be answered before the killer catches a request in
        # flight (CI once saw 200 answered with none caught).
        while len(jobs) < len(supply) and (len(jobs) < 200 or not kill.done()):
            batch = supply[len(jobs) : len(jobs) + 50]
            jobs += batch
            outcomes += pool.map(lambda job: client.run(*job), batch)
        killed = kill.result()

    ok = [o for o in outcomes if o.error is None]
    failed = [o for o in outcomes if o.error is not None]
    # The killed worker's request broke visibly; nobody got an error page.
    assert failed, "the kill interrupted no request"
    assert all(answered_ok(o) for o in ok), [
        (o.status, o.body[:200]) for o in ok if not answered_ok(o)
    ]
    assert len(ok) + len(failed) == len(jobs)
    found = items(store)
    # Every request that got its 200 has its staff item, exactly once; one
    # that broke may or may not have been stored before the kill.
    assert all(found[o.question] == 1 for o in ok)
    assert set(found.values()) == {1}
    assert set(found) <= {q for _, q, _ in jobs}
    # gunicorn replaced the worker, and the service goes on.
    assert killed not in gunicorn.worker_pids()
    after = client.run("api", "how much does it cost, after the kill")
    assert answered_ok(after)
