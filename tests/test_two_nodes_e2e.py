"""More than one machine: two gunicorn instances (the Procfile's command, two
workers each) on different ports, as two stateless web nodes behind a load
balancer, sharing one real PostgreSQL and one real Redis. What a patient or
staff member does on one node holds on the other: a numbered SMS choice, a
taught phrasing, a rate limit; and with the notification sender running in
every worker of both nodes, each notification goes out once."""

from __future__ import annotations

import json
import re
import time
from collections import Counter

import pytest
import redis
from sqlalchemy import select

from faqbot import accounts
from faqbot.config import Settings
from faqbot.faq import load_faq
from faqbot.storage import Store, handoffs, notifications, outbox

from .loadkit import Client
from .notifykit import WebhookServer
from .servers import Gunicorn
from .staffkit import CLARIFY_FAQ, PASSWORD, STAFF_EMAIL
from .test_teaching_e2e import Browser
from .texting import TOKEN, reply_text

pytestmark = pytest.mark.e2e

PUBLIC = "https://bot.example.com"  # what the load balancer's clients see
RATE = "5 per hour"
PHONE = "833-867-2329"


@pytest.fixture
def nodes(pg_url, redis_server, tmp_path):
    limits = redis_server.url.rsplit("/", 1)[0] + "/3"
    redis.Redis.from_url(limits).flushdb()
    store = Store(Settings(database_url=pg_url).sqlalchemy_url)
    store.init_db()
    accounts.add(store, STAFF_EMAIL, PASSWORD)
    webhook = WebhookServer().start()
    common = {
        "DATABASE_URL": pg_url,
        "FAQBOT_FAQ_PATH": CLARIFY_FAQ,
        "FAQBOT_SECRET_KEY": "one-key-for-every-node-" + "k" * 32,
        "FAQBOT_TWILIO_AUTH_TOKEN": TOKEN,
        "FAQBOT_PUBLIC_URL": PUBLIC,
        "FAQBOT_PROXY_HOPS": "1",
        "FAQBOT_SECURE_COOKIES": "0",
        "FAQBOT_RATE_LIMIT": RATE,
        "FAQBOT_RATELIMIT_STORAGE": limits,
        "FAQBOT_NOTIFY_IN_WEB": "1",
        "FAQBOT_STAFF_WEBHOOK_URL": webhook.url,
        "FAQBOT_DIGEST_MINUTES": "0",
        # One alert per crisis here (grouping is tested in test_privacy/test_notify).
        "FAQBOT_URGENT_WINDOW_SECONDS": "0",
        "FAQBOT_FAQ_RELOAD_SECONDS": "0",
    }
    started = []
    try:
        for name in ("a", "b"):
            spool = {"FAQBOT_SPOOL_PATH": str(tmp_path / f"{name}-spool.jsonl")}
            started.append(Gunicorn(env={**common, **spool}, workers=2).start())
        yield started[0], started[1], store, webhook
    finally:
        for server in started:
            server.stop()
        webhook.stop()
        store.dispose()


def client(server: Gunicorn, address: str) -> tuple[Client, dict[str, str]]:
    """A client of one node, as the load balancer forwards it from ``address``."""
    return Client(server.url, signed_base=PUBLIC), {"X-Forwarded-For": address}


def test_two_nodes_share_one_database_and_one_redis(nodes) -> None:
    a, b, store, webhook = nodes
    assert a.port != b.port

    # An SMS clarification asked on node A, answered by "2" on node B.
    on_a, _ = client(a, "198.51.100.1")
    on_b, _ = client(b, "198.51.100.1")
    patient = "+15550500001"
    status, twiml = on_a.text("how long infusion", patient)
    offer = reply_text(twiml)
    assert status == 200 and offer.startswith("Did you mean: 1) ")
    offered = re.findall(r"\d\) (.+?)(?= \d\) | Reply )", offer)
    by_question = {e.question: e for e in load_faq(CLARIFY_FAQ).entries}
    status, twiml = on_b.text("2", patient)
    answer = reply_text(twiml)
    assert answer.startswith(by_question[offered[1]].sms) and PHONE in answer

    # A phrasing taught on node A's staff page is used by node B.
    question = "is there parking at the office"
    asker, via = client(b, "198.51.100.2")
    status, body = asker.post_json("/api/ask", {"question": question}, via)
    assert (status, body["status"]) == (200, "unmatched")
    staff = Browser(a.url)
    staff.submit("/staff/login", "/staff/login", email=STAFF_EMAIL, password=PASSWORD)
    queue = staff.submit("/staff/", "/staff/", q=question)  # searches are POSTs
    item = re.search(r'href="(/staff/item/\d+)"', queue).group(1)
    page = staff.submit(
        item, item + "/teach", faq_id="clinic-locations", phrasing=question
    )
    assert "this question is now answered with" in page
    status, body = asker.post_json("/api/ask", {"question": question}, via)
    assert (status, body["status"], body["faq_id"]) == (
        200,
        "answered",
        "clinic-locations",
    )

    # One client's rate limit counts its asks on both nodes together.
    (one_a, via), (one_b, _) = client(a, "203.0.113.9"), client(b, "203.0.113.9")
    seen = []
    for i in range(6):
        node = one_a if i % 2 == 0 else one_b
        status, body = node.post_json("/api/ask", {"question": "where are you"}, via)
        seen.append(status)
    assert seen == [200] * 5 + [429]  # the 6th, on node B, after 3 on each
    assert body["error"]["code"] == "rate_limited"
    other, other_via = client(a, "203.0.113.10")  # another patient is not held up
    status, _ = other.post_json("/api/ask", {"question": "where are you"}, other_via)
    assert status == 200

    # Crises on both nodes and the handoffs above: one notification each.
    urgent_a, urgent_via = client(a, "198.51.100.3")
    urgent_a.post_json("/api/ask", {"question": "i want to kill myself"}, urgent_via)
    on_b.text("i want to kill myself", "+15550500002")
    with store.engine.connect() as conn:
        items = conn.execute(
            select(
                handoffs.c.id,
                handoffs.c.urgent,
                handoffs.c.status,
                handoffs.c.resolved_at,
            )
        ).all()
    assert sum(1 for i in items if i.urgent) == 2 and len(items) >= 3

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with store.engine.connect() as conn:
            box = conn.scalars(select(outbox.c.status)).all()
            sent = conn.execute(select(notifications)).all()
        if (
            box
            and set(box) == {"sent"}
            and len(webhook.texts) >= len(sent)
            and all(n.status == "sent" for n in sent)
        ):
            break
        time.sleep(0.2)
    texts = webhook.texts
    assert len(texts) == len(sent)  # nothing sent twice by two nodes' senders
    urgent = [t for t in texts if "URGENT" in t]
    assert len(urgent) == 2
    named = Counter(
        int(n) for t in texts for n in re.findall(r"/staff/item/(\d+)\b", t)
    )
    # Each item in one message, every open one named...
    assert set(named.values()) == {1}
    assert {i.id for i in items if i.urgent or i.status == "open"} <= set(named)
    # ...and a digest leaves out what staff had already resolved (the digest is
    # due at every pass here: one queued before the teach may name its item).
    resolved = {i.id: i.resolved_at for i in items if i.status == "resolved"}
    assert resolved
    for n in sent:
        for x in map(int, re.findall(r"/staff/item/(\d+)\b", n.body)):
            assert x not in resolved or n.created_at < resolved[x]
    # No outbox row in two messages (a resolved item's row may be in none).
    ids = [x for n in sent for x in json.loads(n.outbox_ids)]
    assert len(ids) == len(set(ids)) >= len(items) - len(resolved)
