"""The staff commands, on SQLite and PostgreSQL: accounts (passwords from a
prompt or stdin, never an argument), exports for the FAQ curator (the learned
phrasings merge into a copy of faq/ that `faqbot check` accepts), and purge."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta

import pytest
import yaml
from sqlalchemy import select, update

from faqbot import accounts, audit, review
from faqbot.cli import main
from faqbot.config import Settings
from faqbot.curation import plan_learned_export, write_phrasings
from faqbot.faq import load_faq
from faqbot.faqcheck import check_faq
from faqbot.storage import AskRecord, Store, asks, handoffs, utcnow

from .conftest import FAQ_PATH
from .staffkit import CLARIFY_FAQ


@pytest.fixture
def cli_settings(db_url) -> Settings:
    return Settings(database_url=db_url, faq_path=str(FAQ_PATH))


@pytest.fixture
def db(cli_settings):
    store = Store(cli_settings.sqlalchemy_url)
    store.init_db()
    yield store
    store.dispose()


def run(runner, settings, *args, input=None):
    return runner.invoke(main, list(args), obj=settings, input=input)


def test_staff_add_reads_the_password_from_stdin(runner, cli_settings, db) -> None:
    result = run(
        runner,
        cli_settings,
        "staff",
        "add",
        "Nurse@Clinic.example",
        input="a long enough passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert "added nurse@clinic.example (staff)" in result.output
    assert "a long enough passphrase" not in result.output
    now = utcnow()
    user = accounts.authenticate(
        db,
        "nurse@clinic.example",
        "a long enough passphrase",
        now,
        5,
        timedelta(minutes=15),
    )
    assert user is not None and not user.is_admin
    admin = run(
        runner,
        cli_settings,
        "staff",
        "add",
        "boss@clinic.example",
        "--admin",
        input="another long passphrase\n",
    )
    assert "(admin)" in admin.output
    listing = run(runner, cli_settings, "staff", "list").output
    assert "boss@clinic.example" in listing and "admin" in listing
    assert "nurse@clinic.example" in listing
    # In the clinic's time zone (FAQBOT_TIMEZONE), as the front desk reads it.
    assert re.search(r"last login \w{3} \w{3} \d+, \d+:\d\d [AP]M P[SD]T", listing)


def test_a_password_is_never_taken_as_an_argument(runner, cli_settings, db) -> None:
    result = run(
        runner,
        cli_settings,
        "staff",
        "add",
        "x@clinic.example",
        "--password",
        "a long enough passphrase",
    )
    assert result.exit_code != 0 and "No such option" in result.output
    assert accounts.find(db, "x@clinic.example") is None


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["staff", "add", "x@clinic.example"], "short\n", "at least 12 characters"),
        (
            ["staff", "add", "not-an-email"],
            "a long enough passphrase\n",
            "not an email address",
        ),
        (["staff", "add", "x@clinic.example"], "", "no password on standard input"),
        (["staff", "disable", "ghost@clinic.example"], None, "no account for"),
        (
            ["staff", "set-password", "ghost@clinic.example"],
            "a long enough passphrase\n",
            "no account for",
        ),
    ],
)
def test_staff_command_errors_are_one_line(
    runner, cli_settings, db, args, stdin, message
) -> None:
    result = run(runner, cli_settings, *args, input=stdin)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_an_email_cannot_be_added_twice(runner, cli_settings, db) -> None:
    run(
        runner,
        cli_settings,
        "staff",
        "add",
        "a@clinic.example",
        input="a long enough passphrase\n",
    )
    again = run(
        runner,
        cli_settings,
        "staff",
        "add",
        "A@clinic.example",
        input="a long enough passphrase\n",
    )
    assert again.exit_code == 1 and "already an account" in again.output


def test_disable_enable_and_set_password(runner, cli_settings, db) -> None:
    accounts.add(db, "a@clinic.example", "the first passphrase")
    now, lock = utcnow(), timedelta(minutes=15)
    assert (
        run(runner, cli_settings, "staff", "disable", "a@clinic.example").exit_code == 0
    )
    assert (
        accounts.authenticate(
            db, "a@clinic.example", "the first passphrase", now, 5, lock
        )
        is None
    )
    assert (
        run(runner, cli_settings, "staff", "enable", "a@clinic.example").exit_code == 0
    )
    result = run(
        runner,
        cli_settings,
        "staff",
        "set-password",
        "a@clinic.example",
        input="the second passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert (
        accounts.authenticate(
            db, "a@clinic.example", "the first passphrase", now, 5, lock
        )
        is None
    )
    assert (
        accounts.authenticate(
            db, "a@clinic.example", "the second passphrase", now, 5, lock
        )
        is not None
    )
    actions = [e.action for e in audit.entries(db)[0]]
    for action in ("staff_add", "staff_disable", "staff_enable", "staff_password"):
        assert action in actions


# --- exports for the FAQ curator ------


def copy_faqs(tmp_path):
    """faq/ and tests/data/clarify_faq.yaml copied with the same layout, so
    that each file still finds the source article it names."""
    shutil.copytree(FAQ_PATH.parent, tmp_path / "faq")
    (tmp_path / "tests" / "data").mkdir(parents=True)
    shutil.copy(CLARIFY_FAQ, tmp_path / "tests" / "data")
    return (
        tmp_path / "faq" / "faq.yaml",
        tmp_path / "tests" / "data" / "clarify_faq.yaml",
    )


def merge(path, export_text: str) -> None:
    """Merge an export into a FAQ's phrasings, the way `--write` does."""
    additions = {
        faq_id: e["alternates"]
        for faq_id, e in yaml.safe_load(export_text)["entries"].items()
    }
    write_phrasings(load_faq(path), additions)


def test_learned_export_merges_into_the_faq_and_passes_the_check(
    runner, cli_settings, db, tmp_path
) -> None:
    taught = [
        ("ketamine-what-is", "is ketamine a horse tranquilizer"),
        ("clinic-name", "did the clinic get renamed recently"),
        ("clinic-locations", "Where is the clinic located?"),  # already in the FAQ
        ("retired-entry", "what about the old thing"),  # entry no longer exists
    ]
    for faq_id, text in taught:
        db.add_learned(faq_id, text, "nurse@clinic.example")
    result = run(runner, cli_settings, "learned", "export")
    assert result.exit_code == 0, result.output
    exported = yaml.safe_load(result.output)
    merged = {(i, t) for i, e in exported["entries"].items() for t in e["alternates"]}
    # What the shipped FAQ (being tuned) makes of each phrasing may change;
    # whatever is exported is a taught phrasing of an entry that exists.
    assert merged and merged <= set(taught[:2])
    assert "the FAQ already has this phrasing" in result.output
    assert "the entry is no longer in the FAQ" in result.output

    before = {str(p).split(": ", 1)[1] for p in check_faq(FAQ_PATH)}
    path = copy_faqs(tmp_path)[0]
    merge(path, result.output)
    after = {str(p).split(": ", 1)[1] for p in check_faq(path)}
    # The shipped FAQ is being tuned; the merge must add no problem of its own
    # and the merged file must load with the new phrasings in it.
    assert {p.split(" (")[0] for p in after} <= {p.split(" (")[0] for p in before}
    assert (
        "is ketamine a horse tranquilizer"
        in load_faq(path).by_id["ketamine-what-is"].alternates
    )
    assert [e.action for e in audit.entries(db)[0]] == ["export_learned"]


def test_learned_export_write_merges_into_the_phrasing_file(
    runner, cli_settings, db, tmp_path
) -> None:
    path = copy_faqs(tmp_path)[0]
    vetted = path.read_text()
    db.add_learned("ketamine-what-is", "is ketamine a horse tranquilizer", "n@c")
    settings = cli_settings.replace(faq_path=str(path))
    result = run(runner, settings, "learned", "export", "--write")
    assert result.exit_code == 0, result.output
    phrasings = path.parent / "phrasings.yaml"
    assert phrasings.read_text().startswith("# How patients phrase")  # kept
    assert path.read_text() == vetted  # the vetted file is never rewritten
    assert (
        "is ketamine a horse tranquilizer"
        in load_faq(path).by_id["ketamine-what-is"].alternates
    )


def test_a_merged_export_makes_faqbot_check_pass(runner, db, db_url, tmp_path) -> None:
    settings = Settings(database_url=db_url, faq_path=CLARIFY_FAQ)
    assert check_faq(CLARIFY_FAQ) == []
    db.add_learned("clinic-locations", "is there parking at the office", "x")
    db.add_learned("course-length", "where is the clinic", "x")  # reads as another
    result = run(runner, settings, "learned", "export")
    assert "where is the clinic" in result.output.split("entries:")[0]  # left out
    path = copy_faqs(tmp_path)[1]
    merge(path, result.output)
    check = runner.invoke(main, ["check", str(path)])
    assert check.exit_code == 0, check.output
    assert "OK (3 entries, 12 phrasings)" in check.output


def test_a_phrasing_that_would_confuse_the_matcher_is_left_out() -> None:
    faq = load_faq(CLARIFY_FAQ)
    plan = plan_learned_export(
        faq, [("relief-duration", "how long is the infusion course take")]
    )
    assert plan.merge == {}
    assert "course-length" in plan.left_out[0][2]


def test_flagged_export_lists_questions_without_contacts(
    runner, cli_settings, db
) -> None:
    rec = db.record_ask(
        AskRecord(
            "sms", "do you treat cluster headaches", "unmatched", contact="+13105550100"
        )
    )
    db.record_ask(AskRecord("web", "not flagged", "unmatched"))
    review.set_needs_faq(db, rec.handoff_id, True, "nurse@clinic.example")
    result = run(runner, cli_settings, "flagged", "export")
    assert result.exit_code == 0
    data = yaml.safe_load(result.output)["flagged"]
    assert [(d["id"], d["question"], d["channel"]) for d in data] == [
        (rec.handoff_id, "do you treat cluster headaches", "sms")
    ]
    assert "0100" not in result.output and "not flagged" not in result.output
    assert audit.entries(db, action="export_flagged")[1] == 1


# --- purge ------


def test_purge_keeps_open_items_and_recent_records(runner, cli_settings, db) -> None:
    old = utcnow() - timedelta(days=cli_settings.retention_days + 1)
    recent = utcnow() - timedelta(days=2)
    old_open = db.record_ask(AskRecord("web", "old open", "unmatched", created_at=old))
    old_done = db.record_ask(AskRecord("web", "old done", "unmatched", created_at=old))
    new_done = db.record_ask(
        AskRecord("web", "new done", "unmatched", created_at=recent)
    )
    db.record_ask(AskRecord("web", "Where?", "answered", created_at=old))
    db.record_ask(AskRecord("web", "Where now?", "answered", created_at=recent))
    review.resolve(db, old_done.handoff_id, "n@c", "done", now=old + timedelta(hours=1))
    review.resolve(db, new_done.handoff_id, "n@c", "done")

    dry = run(runner, cli_settings, "purge", "--dry-run")
    assert "would delete 3 ask(s), 1 resolved item(s)" in dry.output
    assert db.count(asks) == 5

    result = run(runner, cli_settings, "purge")
    assert result.exit_code == 0, result.output
    assert "deleted 3 ask(s), 1 resolved item(s)" in result.output
    with db.engine.connect() as conn:
        left = dict(conn.execute(select(handoffs.c.question, handoffs.c.ask_id)).all())
        texts = set(conn.scalars(select(asks.c.text)).all())
    assert set(left) == {"old open", "new done"}
    assert left["old open"] is None  # its ask record is gone, the item is kept
    assert texts == {"new done", "Where now?"}
    assert review.item(db, old_open.handoff_id).status == "open"
    assert audit.entries(db, action="purge")[1] == 1


def test_purge_honours_the_retention_setting(runner, cli_settings, db) -> None:
    db.record_ask(
        AskRecord("web", "q", "answered", created_at=utcnow() - timedelta(days=10))
    )
    assert "deleted 0 ask(s)" in run(runner, cli_settings, "purge").output
    settings = cli_settings.replace(retention_days=7)
    assert "deleted 1 ask(s)" in run(runner, settings, "purge").output
    with db.engine.begin() as conn:  # nothing left to purge
        conn.execute(update(asks).values(created_at=utcnow()))
    assert "deleted 0 ask(s)" in run(runner, settings, "purge", "--days", "1").output
