"""A queue for a front desk, on SQLite and PostgreSQL: call-back badge and
filter, times in the clinic's time zone, scores behind a details toggle, what
to do about a crisis with no contact, urgent by hand, notes as a history,
themes in plain words, contact details typed into questions masked (and
kept out of teaching and exports), styled error pages, the audit table."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from faqbot import audit, review
from faqbot.curation import plan_learned_export
from faqbot.faq import load_faq
from faqbot.storage import AskRecord

from .conftest import FAQ_PATH
from .staffkit import ADMIN_EMAIL, STAFF_EMAIL, post_form

PHONE = "+13105550177"
QUESTIONS_ABOUT_DRIVING = [
    "can my husband drive me home after",
    "who can drive me home after treatment",
    "can a friend drive me home",
    "can my daughter drive me home",
]


def _record(store, text, channel="web", status="unmatched", **kw) -> int:
    return store.record_ask(AskRecord(channel, text, status, **kw)).handoff_id


def test_callback_requests_have_a_badge_and_a_filter(staff_client, staff_store) -> None:
    wants = _record(staff_store, "can someone call me about pricing", contact=PHONE)
    _record(staff_store, "is there wifi in the office")
    page = staff_client.get("/staff/").text
    items = re.findall(
        r'<li class="item[^"]*">(.*?)</li>\s*(?=<li class="item|</ol>)', page, re.S
    )
    assert len(items) == 2
    marked = [i for i in items if "wants a call back" in i]
    assert len(marked) == 1 and "•••-•••-0177" in marked[0]
    only = staff_client.get("/staff/?callback=1").text
    assert "1 item<" in only and f"/staff/item/{wants}" in only
    assert "wifi" not in only
    assert 'name="callback" value="1" checked' in only


def test_times_are_in_the_clinics_time_zone(staff_client, staff_store) -> None:
    at = datetime(2026, 3, 2, 17, 19)  # 9:19 am in Los Angeles
    item = _record(staff_store, "is there wifi in the office", created_at=at)
    page = staff_client.get("/staff/").text
    assert (
        "Mon Mar 2, 9:19 AM PST" in page and "17:19 UTC" not in page.split("title")[0]
    )
    assert "9:19 AM PST" in staff_client.get(f"/staff/item/{item}").text


def test_scores_and_entry_ids_are_behind_a_details_toggle(
    staff_client, staff_store
) -> None:
    item = _record(
        staff_store,
        "how do i book",
        candidates=[("book-appointment", 0.61)],
    )
    for page in (
        staff_client.get("/staff/").text,
        staff_client.get(f"/staff/item/{item}").text,
    ):
        details = re.search(r"<details class=\"details\">(.*?)</details>", page, re.S)
        assert details and "61%" in details.group(1)
        assert "book-appointment" in details.group(1)
        outside = page.replace(details.group(0), "")
        assert "61%" not in outside and "<code>book-appointment</code>" not in outside


def test_a_crisis_without_contact_says_what_staff_can_do(
    staff_client, staff_app, staff_store
) -> None:
    ask = staff_app.extensions["faqbot"].assistant.ask
    sms = ask("i want to kill myself", "sms").handoff_id
    web = ask("i want to end my life", "web", session_id=str(uuid.uuid4())).handoff_id
    sms_page = staff_client.get(f"/staff/item/{sms}").text
    assert "Reach them now if you can" not in sms_page
    assert (
        "cannot be reached from here" in sms_page
        and "tell your clinical lead" in sms_page
    )
    web_page = staff_client.get(f"/staff/item/{web}").text
    assert "Write to them below" in web_page and "Send reply" in web_page


def test_staff_mark_and_unmark_an_item_urgent(staff_client, staff_store) -> None:
    first = _record(staff_store, "is there wifi in the office")
    later = _record(staff_store, "is there parking for a van")
    queue = staff_client.get("/staff/").text
    assert queue.index(f"/staff/item/{later}") < queue.index(f"/staff/item/{first}")
    page = f"/staff/item/{first}"
    post_form(staff_client, page, page + "/urgent", urgent="1")
    queue = staff_client.get("/staff/").text
    assert queue.index(f"/staff/item/{first}") < queue.index(f"/staff/item/{later}")
    assert "marked urgent" in staff_client.get(page).text
    post_form(staff_client, page, page + "/urgent", urgent="0")
    assert not review.item(staff_store, first).urgent
    actions = [r.action for r in audit.entries(staff_store)[0]]
    assert {"mark_urgent", "unmark_urgent"} <= set(actions)


def test_notes_are_kept_as_a_history(
    staff_client, staff_app, staff_store, accounts_made
) -> None:
    item = _record(staff_store, "is there wifi in the office")
    page = f"/staff/item/{item}"
    post_form(staff_client, page, page + "/note", text="left a voicemail")
    post_form(staff_client, page, page + "/resolve", note="called back, booked")
    post_form(staff_client, page, page + "/reopen")
    # A second resolver's note is not dropped on an item already resolved.
    review.resolve(staff_store, item, ADMIN_EMAIL, "resolved by the nurse line")
    resp = post_form(staff_client, page, page + "/resolve", note="also emailed her")
    assert "added to its history" in staff_client.get(resp.headers["Location"]).text
    history = staff_client.get(page).text.split('id="history"')[1].split("</ol>")[0]
    texts = re.findall(r'class="note-text">([^<]+)<', history)
    assert texts == [
        "left a voicemail",
        "called back, booked",
        "resolved by the nurse line",
        "also emailed her",
    ]
    assert "reopened" in history and STAFF_EMAIL in history and ADMIN_EMAIL in history


def test_themes_are_in_plain_words_and_count_open_items(
    staff_client, staff_app, staff_store
) -> None:
    ask = staff_app.extensions["faqbot"].assistant.ask
    ids = [ask(q, "web").handoff_id for q in QUESTIONS_ABOUT_DRIVING]
    review.resolve(staff_store, ids[0], STAFF_EMAIL)
    page = staff_client.get("/staff/themes").text
    groups = re.findall(r'class="count">(\d+)</span> open \w+ about “([^”]+)”', page)
    # Only the three open questions are counted...
    assert sum(int(n) for n, _ in groups) == 3
    # ...under plain words, not the matcher's ("aftercare_driving driv"):
    # words the patients wrote, or a handoff topic's name in words.
    asked = set(" ".join(QUESTIONS_ABOUT_DRIVING).split())
    topics = {"eligibility", "aftercare", "driving"}
    words = {w for _, label in groups for w in label.split()}
    assert "drive" in words and words <= asked | topics, words


def test_contact_details_in_questions_are_masked_everywhere(
    staff_client, staff_app, staff_store
) -> None:
    text = "pls call me at 310-555-0199 or jo.doe@mail.example about wifi"
    item = _record(staff_store, text)
    staff_store.add_learned("book-appointment", "text me at 310 555 0123", "x@y")
    for path in ("/staff/", f"/staff/item/{item}", "/staff/themes", "/staff/learned"):
        page = staff_client.get(path).text
        assert "310-555-0199" not in page and "jo.doe@mail.example" not in page, path
        assert "310 555 0123" not in page, path
    page = staff_client.get(f"/staff/item/{item}").text
    assert "•••-•••-0199" in page and "j•••@mail.example" in page
    # The same audited "Show" reveals them.
    resp = post_form(staff_client, f"/staff/item/{item}", f"/staff/item/{item}/reveal")
    assert "310-555-0199" in staff_client.get(resp.headers["Location"]).text
    rows, _ = audit.entries(staff_store, action="reveal_question")
    assert len(rows) == 1


def test_teaching_refuses_text_that_still_holds_contact_details(
    staff_client, staff_store
) -> None:
    item = _record(staff_store, "is there wifi in the office? text 310-555-0199")
    page = f"/staff/item/{item}"
    form = staff_client.get(page).text
    assert "•••-•••-0199" in re.search(r'id="phrasing"[^>]*>([^<]*)<', form).group(1)
    resp = post_form(
        staff_client,
        page,
        page + "/teach",
        faq_id="clinic-locations",
        phrasing="is there wifi in the office? text 310-555-0199",
    )
    assert resp.status_code == 400
    assert "still holds a phone number" in resp.text
    # The edit box keeps what was typed, to fix and send again.
    assert re.search(r'id="phrasing"[^>]*>[^<]*text 310-555-0199', resp.text)
    assert staff_store.learned_phrasings() == []
    ok = post_form(
        staff_client,
        page,
        page + "/teach",
        faq_id="clinic-locations",
        phrasing="is there wifi in the office",
    )
    assert ok.status_code == 302


def test_the_export_leaves_out_phrasings_with_contact_details() -> None:
    faq = load_faq(FAQ_PATH)
    plan = plan_learned_export(
        faq, [("book-appointment", "call me back on 310 555 0123 to book")]
    )
    assert plan.merge == {}
    [(_, text, reason)] = plan.left_out
    assert "310 555 0123" not in text and "phone number or email" in reason


def test_staff_error_pages_are_styled_with_a_way_back(staff_client) -> None:
    resp = staff_client.get("/staff/item/999999")
    assert resp.status_code == 404
    assert "/staff/static/staff.css" in resp.text
    assert "Back to the queue" in resp.text and "href='/staff/'" in resp.text


def test_the_audit_table_survives_logout_rows(admin_client, staff_client) -> None:
    post_form(staff_client, "/staff/", "/staff/logout")
    page = admin_client.get("/staff/audit").text
    rows = re.findall(r'<tr class="([^"]*)"><td>', page)
    assert "act-logout" in rows and "logout" not in rows
    assert "<td>logout</td>" in page


def test_the_digest_skips_resolved_items_and_marks_callbacks(
    staff_settings, staff_store
) -> None:
    from faqbot.notify import Sender

    class Inbox:
        name = "webhook"

        def __init__(self) -> None:
            self.sent: list[tuple[str, str]] = []

        def send(self, subject: str, body: str) -> None:
            self.sent.append((subject, body))

    at = datetime(2026, 3, 2, 17, 19)
    wants = _record(staff_store, "call me re pricing", contact=PHONE, created_at=at)
    done = _record(staff_store, "is there wifi", created_at=at)
    _record(staff_store, "do you validate parking", created_at=at)
    review.resolve(staff_store, done, STAFF_EMAIL)
    inbox = Inbox()
    sender = Sender(
        staff_settings, staff_store, [inbox], clock=lambda: datetime(2026, 3, 3)
    )
    sender.run_once()
    [(subject, body)] = inbox.sent
    assert subject == "[faqbot] 2 new questions for staff"
    assert f"/staff/item/{done}" not in body
    line = next(x for x in body.splitlines() if f"/staff/item/{wants}" in x)
    assert "wants a call back" in line and "9:19 AM PST" in line


def test_themes_count_possible_risk_questions_but_not_crises(
    staff_client, staff_store
) -> None:
    # A question the screen read as a possible risk is still one staff may
    # teach the bot; a crisis is not a theme.
    for q in ("can my husband drive me home after", "who can drive me home after"):
        _record(staff_store, q, risk="possible")
    crisis = "i will drive my car off the bridge"
    _record(staff_store, crisis, "web", "crisis", risk="crisis")
    page = staff_client.get("/staff/themes").text
    groups = re.findall(r'class="count">(\d+)</span> open \w+ about “([^”]+)”', page)
    assert sum(int(n) for n, _ in groups) == 2
    assert "bridge" not in page
