"""The staff pages through Flask's test client, on SQLite and PostgreSQL:
access control on every route, CSRF, login, lockout, idle sessions, and the
queue's actions."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

from faqbot import accounts, audit, replies, review
from faqbot.storage import audit_log

from .staffkit import (
    ADMIN_EMAIL,
    CLARIFY_FAQ,
    PASSWORD,
    STAFF_EMAIL,
    csrf_token,
    login,
    post_form,
)

PHONE = "+13105550100"

# Every staff route: method, path, admin only. The first test keeps this table
# in step with the app, so a new page cannot escape the access checks.
ROUTES = [
    ("GET", "/staff/", False),
    ("POST", "/staff/", False),  # the search: patients' words stay out of URLs
    ("GET", "/staff/item/{item}", False),
    ("POST", "/staff/item/{item}/reveal", False),
    ("POST", "/staff/item/{item}/resolve", False),
    ("POST", "/staff/item/{item}/reopen", False),
    ("POST", "/staff/item/{item}/teach", False),
    ("POST", "/staff/item/{item}/flag", False),
    ("POST", "/staff/item/{item}/reply", False),
    ("POST", "/staff/item/{item}/called", False),
    ("POST", "/staff/item/{item}/note", False),
    ("POST", "/staff/item/{item}/urgent", False),
    ("GET", "/staff/learned", False),
    ("GET", "/staff/templates", False),
    ("POST", "/staff/templates", False),
    ("POST", "/staff/templates/{template}/remove", False),
    ("POST", "/staff/learned/{learned}/remove", False),
    ("GET", "/staff/themes", False),
    ("GET", "/staff/stats", False),
    ("GET", "/staff/audit", True),
    ("POST", "/staff/logout", False),
]
PUBLIC = {"/staff/login", "/staff/login/code", "/staff/static/<path:filename>"}


@pytest.fixture
def items(staff_app):
    """An unmatched web question, an urgent SMS with a phone, a learned phrasing."""
    svc = staff_app.extensions["faqbot"]
    # A session id as the widget makes it (crypto.randomUUID): web replies work.
    plain = svc.assistant.ask(
        "how much does it cost", "web", session_id=str(uuid.uuid4())
    )
    urgent = svc.assistant.ask("i want to kill myself", "sms", contact=PHONE)
    lid = svc.store.add_learned("clinic-locations", "whats ur address", "x@y")
    tid = replies.add_template(svc.store, "Insurance", "We take most PPO plans.", "x@y")
    return {
        "item": plain.handoff_id,
        "urgent": urgent.handoff_id,
        "learned": lid,
        "template": tid,
    }


def _path(template: str, items: dict) -> str:
    return template.format(
        item=items["item"], learned=items["learned"], template=items["template"]
    )


def _request(client, method: str, path: str):
    if method == "GET":
        return client.get(path)
    token = csrf_token(client.get("/staff/login").text)
    data = {
        "faq_id": "book-appointment",
        "phrasing": "can i book online",
        "body": "We will call you today.",
        "title": "Call back",
    }
    return client.post(path, data={"csrf_token": token, **data})


def test_route_table_covers_every_staff_route(staff_app) -> None:
    rules = {
        (
            method,
            re.sub(
                r"<int:(\w+)_id>",
                lambda m: "{" + m.group(1).replace("handoff", "item") + "}",
                rule.rule,
            ),
        )
        for rule in staff_app.url_map.iter_rules()
        if rule.rule.startswith("/staff") and rule.rule not in PUBLIC
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert rules == {(m, p) for m, p, _ in ROUTES}


@pytest.mark.parametrize(("method", "template", "admin_only"), ROUTES)
def test_anonymous_visitors_are_sent_to_the_login_page(
    anon, items, method, template, admin_only
) -> None:
    resp = _request(anon, method, _path(template, items))
    assert resp.status_code == 302
    assert resp.headers["Location"].startswith("/staff/login")


@pytest.mark.parametrize(("method", "template", "admin_only"), ROUTES)
def test_staff_may_use_every_page_except_the_admin_ones(
    staff_client, items, method, template, admin_only
) -> None:
    resp = _request(staff_client, method, _path(template, items))
    if admin_only:
        assert resp.status_code == 403
    else:
        assert resp.status_code in {200, 302}
        assert not resp.headers.get("Location", "").startswith("/staff/login?")


@pytest.mark.parametrize(("method", "template", "admin_only"), ROUTES)
def test_admins_may_use_every_page(
    admin_client, items, method, template, admin_only
) -> None:
    resp = _request(admin_client, method, _path(template, items))
    assert resp.status_code in {200, 302}
    assert not resp.headers.get("Location", "").startswith("/staff/login?")


def test_the_login_page_and_stylesheet_need_no_login(anon) -> None:
    assert anon.get("/staff/login").status_code == 200
    with anon.get("/staff/static/staff.css") as css:
        assert css.status_code == 200 and b".item" in css.data


def test_the_nav_shows_the_audit_log_only_to_admins(staff_client, admin_client) -> None:
    assert "/staff/audit" not in staff_client.get("/staff/").text
    assert "/staff/audit" in admin_client.get("/staff/").text


# --- CSRF ------


def test_forms_without_a_valid_csrf_token_are_rejected(
    staff_client, items, staff_store
) -> None:
    url = f"/staff/item/{items['item']}/resolve"
    missing = staff_client.post(url, data={"note": "called back"})
    forged = staff_client.post(url, data={"note": "x", "csrf_token": "forged"})
    assert missing.status_code == 400 and "CSRF" in missing.text
    assert forged.status_code == 400
    assert review.item(staff_store, items["item"]).status == "open"


def test_the_login_form_needs_a_csrf_token(anon) -> None:
    resp = anon.post("/staff/login", data={"email": STAFF_EMAIL, "password": PASSWORD})
    assert resp.status_code == 400
    assert "session" not in resp.headers.get("Set-Cookie", "") or "_user_id" not in (
        resp.headers.get("Set-Cookie", "")
    )


def test_the_api_and_the_sms_webhook_are_exempt_from_csrf(staff_app) -> None:
    client = staff_app.test_client()
    api = client.post("/api/ask", json={"question": "Where is the clinic located?"})
    assert api.status_code == 200 and api.get_json()["status"] == "answered"
    # No CSRF token and no Twilio signature: refused by the signature check
    # (403), not by CSRF protection (400), so CSRF does not stand in Twilio's way.
    resp = client.post("/sms", data={"Body": "hi", "From": "+13105550100"})
    assert resp.status_code == 403
    assert b"CSRF" not in resp.data


# --- login, lockout, sessions ------


def test_a_failed_login_says_the_same_whatever_went_wrong(
    anon, staff_store, clock
) -> None:
    accounts.set_active(staff_store, ADMIN_EMAIL, False)
    unknown = login(anon, "nobody@clinic.example")
    wrong = login(anon, STAFF_EMAIL, "not the password at all")
    disabled = login(anon, ADMIN_EMAIL)
    bodies = set()
    for resp in (unknown, wrong, disabled):
        assert resp.status_code == 401
        bodies.add(re.search(r'class="flash error"[^>]*>([^<]+)<', resp.text).group(1))
    assert len(bodies) == 1
    rows, _ = audit.entries(staff_store, action="login_failed")
    assert {r.detail.split(" (")[0] for r in rows} == {
        "unknown account",
        "wrong password",
        "account disabled",
    }


def test_an_account_locks_after_repeated_failures_and_unlocks_later(
    anon, staff_settings, clock
) -> None:
    for _ in range(staff_settings.lockout_attempts):
        assert login(anon, STAFF_EMAIL, "wrong password guess").status_code == 401
    # Now even the right password is refused, with the same message.
    assert login(anon).status_code == 401
    clock.advance(minutes=staff_settings.lockout_minutes - 1)
    assert login(anon).status_code == 401
    clock.advance(minutes=1, seconds=1)
    resp = login(anon)
    assert resp.status_code == 302 and resp.headers["Location"] == "/staff/"
    assert anon.get("/staff/").status_code == 200


def test_a_success_resets_the_failure_count(anon, staff_settings, staff_store) -> None:
    for _ in range(staff_settings.lockout_attempts - 1):
        login(anon, STAFF_EMAIL, "wrong password guess")
    assert login(anon).status_code == 302
    anon.post(
        "/staff/logout", data={"csrf_token": csrf_token(anon.get("/staff/").text)}
    )
    login(anon, STAFF_EMAIL, "wrong password guess")
    assert login(anon).status_code == 302
    assert accounts.find(staff_store, STAFF_EMAIL).locked_until is None


def test_an_idle_session_expires(staff_client, staff_settings, clock) -> None:
    idle = staff_settings.session_idle_minutes
    clock.advance(minutes=idle - 1)
    assert staff_client.get("/staff/").status_code == 200  # activity renews it
    clock.advance(minutes=idle - 1)
    assert staff_client.get("/staff/stats").status_code == 200
    clock.advance(minutes=idle, seconds=1)
    resp = staff_client.get("/staff/stats")
    assert resp.status_code == 302
    assert resp.headers["Location"].startswith("/staff/login")
    page = staff_client.get(resp.headers["Location"]).text
    assert "Your session expired" in page
    assert staff_client.get("/staff/").status_code == 302


def test_session_cookie_flags(staff_app, accounts_made, staff_settings) -> None:
    client = staff_app.test_client()
    cookie = login(client).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # the tests' settings turn it off for http
    from faqbot.app import create_app

    secure = create_app(staff_settings.replace(secure_cookies=True))
    secure.config["TESTING"] = True
    client = secure.test_client()
    cookie = login(client).headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    secure.extensions["faqbot"].store.dispose()


def test_disabling_an_account_or_changing_its_password_ends_its_sessions(
    staff_client, admin_client, staff_store
) -> None:
    accounts.set_password(staff_store, STAFF_EMAIL, "a brand new passphrase")
    assert staff_client.get("/staff/").status_code == 302
    accounts.set_active(staff_store, ADMIN_EMAIL, False)
    assert admin_client.get("/staff/").status_code == 302


def test_passwords_are_stored_as_argon2id(staff_store, accounts_made) -> None:
    from faqbot.storage import staff_users

    with staff_store.engine.connect() as conn:
        hashes = conn.scalars(select(staff_users.c.password_hash)).all()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert not any(PASSWORD in h for h in hashes)


def test_login_redirects_only_inside_the_staff_pages(anon) -> None:
    token = csrf_token(anon.get("/staff/login").text)
    resp = anon.post(
        "/staff/login?next=https://evil.example/",
        data={"csrf_token": token, "email": STAFF_EMAIL, "password": PASSWORD},
    )
    assert resp.headers["Location"] == "/staff/"


# --- the queue ------


def test_urgent_items_are_pinned_and_highlighted(staff_client, staff_app) -> None:
    ask = staff_app.extensions["faqbot"].assistant.ask
    ask("how much does it cost", "web")
    urgent = ask("i want to kill myself", "sms", contact=PHONE)
    ask("do you take insurance", "web")
    page = staff_client.get("/staff/").text
    first = page.index('class="item ')
    assert page[first:].startswith('class="item urgent')
    assert f"/staff/item/{urgent.handoff_id}" in page[first : first + 900]
    assert page.count("URGENT") == 1
    assert "do you take insurance" in page and "how much does it cost" in page
    # Newest first after the pinned item.
    assert page.index("do you take insurance") < page.index("how much does it cost")


def test_each_item_shows_time_channel_candidates_masked_contact_status(
    staff_client, staff_app
) -> None:
    svc = staff_app.extensions["faqbot"]
    svc.assistant.ask(
        "where do i park when i come for my appointment", "sms", contact=PHONE
    )
    page = staff_client.get("/staff/").text
    assert "UTC" in page and "just now" in page
    assert ">sms<" in page and ">open<" in page
    assert "•••-•••-0100" in page and PHONE not in page and "555" not in page
    assert re.search(r'class="score">\d+%</span>', page)


def test_filters_search_and_pages(staff_client, staff_app, staff_store) -> None:
    ask = staff_app.extensions["faqbot"].assistant.ask
    web = [ask(f"question number {i} about parking fees", "web") for i in range(30)]
    sms = ask("can i bring my dog along", "sms", contact=PHONE)
    ask("i want to kill myself", "sms", contact=PHONE)
    review.resolve(staff_store, sms.handoff_id, STAFF_EMAIL, "told them no")
    # The crisis, and any open question the screen read as a possible risk.
    urgent_open = 1 + sum(r.risk == "possible" for r in web)

    first = staff_client.get("/staff/").text
    assert "32 items" not in first and "31 items" in first and "Page 1 of 2" in first
    second = staff_client.get("/staff/?page=2").text
    assert "Page 2 of 2" in second and "question number 0 " in second
    resolved = staff_client.get("/staff/?status=resolved").text
    assert "1 item<" in resolved and "can i bring my dog along" in resolved
    everything = staff_client.get("/staff/?status=all&channel=sms").text
    assert "2 items" in everything
    urgent = staff_client.get("/staff/?urgent=1").text
    count = "1 item<" if urgent_open == 1 else f"{urgent_open} items"
    assert count in urgent and "kill myself" in urgent
    found = post_form(staff_client, "/staff/", "/staff/", q="NUMBER 7 about").text
    assert "1 item<" in found and "question number 7 about" in found
    # LIKE wildcards in a search are taken literally.
    assert "0 items" in post_form(staff_client, "/staff/", "/staff/", q="%").text


def test_the_contact_is_revealed_on_request_and_audited(
    staff_client, items, staff_store
) -> None:
    page = f"/staff/item/{items['urgent']}"
    assert PHONE not in staff_client.get(page).text
    resp = post_form(staff_client, page, page + "/reveal")
    # Post-redirect-get: the reveal lands on the item page, not a form result.
    assert resp.status_code == 302 and resp.headers["Location"].startswith(page)
    shown = staff_client.get(resp.headers["Location"]).text
    assert PHONE in shown and f'href="tel:{PHONE}"' in shown
    # A reload shows the masked contact again and writes no second entry.
    again = staff_client.get(page).text
    assert PHONE not in again and "•••-•••-0100" in again
    rows, _ = audit.entries(staff_store, action="reveal_contact")
    assert [(r.actor, r.target) for r in rows] == [
        (STAFF_EMAIL, f"handoff:{items['urgent']}")
    ]


def test_resolving_with_a_note(staff_client, items, staff_store) -> None:
    page = f"/staff/item/{items['urgent']}"
    resp = post_form(staff_client, page, page + "/resolve", note="called back, booked")
    assert resp.status_code == 302
    assert f"Item #{items['urgent']} resolved" in staff_client.get("/staff/").text
    item = review.item(staff_store, items["urgent"])
    assert item.status == "resolved" and item.note == "called back, booked"
    assert item.resolved_by == STAFF_EMAIL
    # Resolving twice says who got there first.
    again = post_form(staff_client, page, page + "/resolve", note="me too")
    assert (
        "already resolved by " + STAFF_EMAIL
        in staff_client.get(again.headers["Location"]).text
    )
    reopened = post_form(staff_client, page, page + "/reopen")
    assert reopened.status_code == 302
    assert review.item(staff_store, items["urgent"]).status == "open"


@pytest.mark.parametrize("faq_path", [CLARIFY_FAQ])
def test_teaching_answers_the_question_from_then_on(
    staff_client, staff_app, staff_store
) -> None:
    assistant = staff_app.extensions["faqbot"].assistant
    question = "is there parking at the office"
    first = assistant.ask(question, "web")
    assert first.status == "unmatched"
    page = f"/staff/item/{first.handoff_id}"
    assert question in staff_client.get(page).text  # prefilled phrasing
    resp = post_form(
        staff_client,
        page,
        page + "/teach",
        faq_id="clinic-locations",
        phrasing=question,
    )
    assert resp.status_code == 302
    queue = staff_client.get(resp.headers["Location"]).text
    assert "this question is now answered with &#39;clinic-locations&#39;" in queue
    for text in (question, "parking at the office?"):
        again = assistant.ask(text, "web")
        assert (again.status, again.faq_id) == ("answered", "clinic-locations")
    item = review.item(staff_store, first.handoff_id)
    assert item.status == "resolved" and "clinic-locations" in item.note
    learned = staff_client.get("/staff/learned").text
    assert question in learned and f"item #{first.handoff_id}" in learned
    rows, _ = audit.entries(staff_store, action="teach")
    assert rows[0].detail == "faq_id=clinic-locations"


def test_teaching_a_question_on_a_handoff_topic_is_refused(
    staff_client, staff_app, staff_store
) -> None:
    # Cost questions always go to staff: a learned phrasing would never answer,
    # so the Teach form is not offered, and a forged post changes nothing.
    first = staff_app.extensions["faqbot"].assistant.ask("how much does it cost", "web")
    page = f"/staff/item/{first.handoff_id}"
    assert "Teach the bot" not in staff_client.get(page).text
    resp = post_form(
        staff_client,
        page,
        page + "/teach",
        faq_id="book-appointment",
        phrasing="how much does it cost",
    )
    assert "Teaching cannot change" in staff_client.get(resp.headers["Location"]).text
    assert staff_store.learned_phrasings() == []
    assert review.item(staff_store, first.handoff_id).status == "open"


def test_teaching_an_unknown_entry_is_refused(
    staff_client, staff_app, staff_store
) -> None:
    asked = staff_app.extensions["faqbot"].assistant.ask(
        "is there wifi in the office", "web"
    )
    page = f"/staff/item/{asked.handoff_id}"
    form = staff_client.get(page).text
    # No entry is preselected: staff choose one themselves.
    assert (
        "selected"
        not in re.search(r'<select[^>]*id="faq_id".*?</select>', form, re.S).group()
    )
    resp = post_form(
        staff_client, page, page + "/teach", faq_id="no-such-entry", phrasing="x"
    )
    assert resp.status_code == 400 and "Not a valid choice" in resp.text
    assert staff_store.learned_phrasings() == []


@pytest.mark.parametrize("faq_path", [CLARIFY_FAQ])
def test_removing_a_learned_phrasing(staff_client, staff_app, staff_store) -> None:
    assistant = staff_app.extensions["faqbot"].assistant
    question = "is there parking at the office"
    lid = staff_store.add_learned("clinic-locations", question, "x@y")
    assert assistant.ask(question, "web").faq_id == "clinic-locations"
    assert question in staff_client.get("/staff/learned").text
    resp = post_form(staff_client, "/staff/learned", f"/staff/learned/{lid}/remove")
    assert resp.status_code == 302
    assert "Nothing learned yet" in staff_client.get("/staff/learned").text
    assert assistant.ask(question, "web").status == "unmatched"


def test_flagging_for_a_new_faq_entry(staff_client, items, staff_store) -> None:
    page = f"/staff/item/{items['item']}"
    post_form(staff_client, page, page + "/flag", flagged="1")
    assert review.item(staff_store, items["item"]).needs_faq
    assert "needs FAQ entry" in staff_client.get("/staff/").text
    assert [i.id for i in review.flagged_items(staff_store)] == [items["item"]]
    post_form(staff_client, page, page + "/flag", flagged="0")
    assert not review.item(staff_store, items["item"]).needs_faq


def test_themes_group_similar_questions(staff_client, staff_app) -> None:
    ask = staff_app.extensions["faqbot"].assistant.ask
    for q in [
        "how much does it cost",
        "what's the price of a ketamine infusion",
        "how much is one session",
        "does insurance cover this",
        "do you take blue cross insurance",
        "can i bring my dog",
    ]:
        assert ask(q, "web").status == "unmatched"
    page = staff_client.get("/staff/themes").text
    groups = re.findall(r'class="count">(\d+)</span> open \w+ about “([^”]+)”', page)
    assert groups[:2] == [("3", "cost"), ("2", "insurance")]


def test_stats_page(staff_client, staff_app, staff_store, clock) -> None:
    from faqbot.faq import load_faq

    settings = staff_app.extensions["faqbot"].settings
    assistant = staff_app.extensions["faqbot"].assistant
    canonical = load_faq(settings.faq_path).entries[0]
    for _ in range(3):
        assistant.ask(canonical.question, "web")
    assistant.ask("how much does it cost", "web")
    urgent = assistant.ask("i want to kill myself", "sms")
    assistant.pick(canonical.id, "web")
    review.resolve(
        staff_store,
        urgent.handoff_id,
        STAFF_EMAIL,
        now=urgent_time(staff_store, urgent.handoff_id, minutes=42),
    )
    page = staff_client.get("/staff/stats").text
    assert "<svg" in page and "<rect" in page and "<script" not in page
    assert "75%" in page  # 3 of 4 questions answered
    assert "42 min" in page  # median time to resolve
    assert f'<span class="count">3</span> {canonical.question}' in page
    assert re.search(r'class="big">1</span>clarify picks', page)
    assert "3 answered" in page and "1 crisis" in page


def urgent_time(store, handoff_id, minutes):
    from datetime import timedelta

    return review.item(store, handoff_id).created_at + timedelta(minutes=minutes)


def test_the_audit_log_shows_logins_and_actions(
    admin_client, items, staff_store
) -> None:
    review.resolve(staff_store, items["item"], STAFF_EMAIL, "done")
    login(admin_client.application.test_client(), STAFF_EMAIL, "bad password here")
    page = admin_client.get("/staff/audit").text
    for action in ("login", "login_failed", "resolve", "staff_add"):
        assert f"<td>{action}</td>" in page
    only = admin_client.get("/staff/audit?action=resolve").text
    assert "<td>login</td>" not in only and "<td>resolve</td>" in only
    with staff_store.engine.connect() as conn:
        details = " ".join(
            str(v) for row in conn.execute(select(audit_log)).all() for v in row
        )
    assert PHONE not in details and "kill myself" not in details


def test_staff_pages_are_not_cached_or_framed(staff_client) -> None:
    resp = staff_client.get("/staff/")
    assert resp.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
    assert "script-src 'none'" in resp.headers["Content-Security-Policy"]
