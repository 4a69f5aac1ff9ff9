"""The ask pipeline: order of checks, recording, reloading, learning, spooling."""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from faqbot.ask import Assistant, Reply, _with
from faqbot.storage import Store, asks, handoffs

from .conftest import FAQ_PATH, make_settings


@pytest.fixture
def faq_copy(tmp_path: Path) -> Path:
    """A writable copy of the real FAQ (with its article) for edit tests."""
    shutil.copytree(FAQ_PATH.parent, tmp_path / "faq")
    return tmp_path / "faq" / "faq.yaml"


def assistant_for(tmp_path: Path, **changes: object) -> Assistant:
    settings = make_settings(tmp_path, **changes)
    store = Store(settings.sqlalchemy_url)
    store.init_db()
    return Assistant(settings, store)


def test_crisis_beats_an_answerable_question(tmp_path: Path) -> None:
    bot = assistant_for(tmp_path)
    reply = bot.ask("where are you located? I took a whole bottle of pills", "web")
    assert reply.status == "crisis"
    assert reply.reason == "overdose"
    item = bot.store.handoff(reply.handoff_id)
    assert item["urgent"] and item["crisis_kind"] == "overdose"


def test_unmatched_records_candidates_for_staff(tmp_path: Path) -> None:
    bot = assistant_for(tmp_path)
    reply = bot.ask("does ketamine interact with my blood pressure medication", "web")
    assert reply.status == "unmatched"
    item = bot.store.handoff(reply.handoff_id)
    assert (
        item["question"] == "does ketamine interact with my blood pressure medication"
    )
    assert item["channel"] == "web"
    assert not item["urgent"]
    assert all(set(c) == {"faq_id", "score"} for c in item["candidates"])


def test_answer_always_carries_the_phone_and_sms_is_gsm7(tmp_path: Path) -> None:
    from faqbot.gsm import is_gsm7, segments

    bot = assistant_for(tmp_path)
    for entry in bot.faq.entries:
        reply = bot.pick(entry.id, "web", record=False)
        assert "833-867-2329" in reply.answer
        assert "833-867-2329" in reply.sms
        assert is_gsm7(reply.sms) and segments(reply.sms) <= 2


def test_faq_edit_is_picked_up_without_restart(tmp_path: Path, faq_copy: Path) -> None:
    bot = assistant_for(tmp_path, faq_path=str(faq_copy), faq_reload_seconds=0.01)
    # Phrasings live in their own file beside faq.yaml: editing it reloads too.
    phrasings = faq_copy.parent / "phrasings.yaml"
    data = yaml.safe_load(phrasings.read_text())
    data["entries"]["clinic-locations"]["alternates"].append(
        "is there an office near the pier"
    )
    phrasings.write_text(yaml.safe_dump(data, sort_keys=False))
    os.utime(phrasings, (time.time() + 5, time.time() + 5))
    time.sleep(0.02)
    reply = bot.ask("is there an office near the pier", "web", record=False)
    assert reply.status == "answered" and reply.faq_id == "clinic-locations"


def test_broken_faq_edit_keeps_the_last_good_faq(
    tmp_path: Path, faq_copy: Path, caplog
) -> None:
    bot = assistant_for(tmp_path, faq_path=str(faq_copy), faq_reload_seconds=0.01)
    faq_copy.write_text("entries: [ this is not: valid")
    os.utime(faq_copy, (time.time() + 5, time.time() + 5))
    time.sleep(0.02)
    reply = bot.ask("where are you located", "web", record=False)
    assert reply.status == "answered" and reply.faq_id == "clinic-locations"
    assert "FAQ edit rejected" in caplog.text


def test_learned_phrasing_is_used_by_another_process_view(tmp_path: Path) -> None:
    bot = assistant_for(tmp_path)
    other = Assistant(
        bot.settings, Store(bot.settings.sqlalchemy_url)
    )  # a second worker
    question = "do u guys have a spot by the beach"
    assert other.ask(question, "web", record=False).status != "answered"
    bot.store.add_learned("clinic-locations", question, created_by="staff@example.com")
    reply = other.ask(question, "web", record=False)
    assert reply.status == "answered" and reply.faq_id == "clinic-locations"


def test_database_failure_still_replies_then_spools_and_replays(tmp_path: Path) -> None:
    bot = assistant_for(tmp_path)
    db_file = tmp_path / "faqbot.sqlite3"
    bot.store.dispose()
    good = bot.store
    # A file where the database's directory should be: every write fails.
    (tmp_path / "blocker").write_text("not a directory")
    bot.store = Store(f"sqlite:///{tmp_path / 'blocker' / 'db.sqlite3'}")
    reply = bot.ask("how much does ketamine cost", "web", session_id="s1")
    assert reply.status == "unmatched" and not reply.stored
    assert "833-867-2329" in reply.answer
    assert bot.spool.pending()
    bot.store = good
    bot.ask("where are you located", "web")  # the next good write imports the spool
    assert not bot.spool.pending()
    assert good.count(handoffs) == 1
    assert good.count(asks) == 2
    assert db_file.exists()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("ok thanks so much!!", "smalltalk"),
        ("ok got it", "smalltalk"),
        ("is this a real person or a bot", "smalltalk"),
        # Small-talk words in a question that is not small talk: staff answer it.
        ("how much", "unmatched"),
        ("how much?", "unmatched"),
    ],
)
def test_small_talk_is_a_whole_message_of_one_kind(
    tmp_path: Path, text: str, status: str
) -> None:
    reply = assistant_for(tmp_path).classify(text)
    assert reply.status == status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # Another remedy is not what a ketamine answer answers...
        ("does magnesium help prevent migraines?", "unmatched"),
        # ...nor are the migraine results about another condition.
        ("how long does the relief from ketamine last for depression?", "unmatched"),
        # The entries that do answer them still do.
        ("how long does ketamine relief last for migraines?", "answered"),
        ("can ketamine help with depression?", "answered"),
    ],
)
def test_scoped_topics_stop_only_the_entries_they_name(
    tmp_path: Path, text: str, status: str
) -> None:
    reply = assistant_for(tmp_path).classify(text)
    assert reply.status == status


def test_a_story_around_the_question_does_not_make_it_out_of_scope(
    tmp_path: Path,
) -> None:
    # Read whole, the story reads out of scope to the classifier; the
    # question's own words read as the entry, and that reading counts.
    text = (
        "Years ago I had dark thoughts during a bad depression, all behind me now. "
        "Can ketamine help with migraines?"
    )
    reply = assistant_for(tmp_path).classify(text)
    assert reply.status == "answered" and reply.faq_id == "ketamine-for-migraine"


def test_a_changed_reply_is_the_one_replace_makes() -> None:
    reply = Reply("answered", "Yes.", "Yes.", faq_id="cost", score=0.9)
    changes = {"risk": "possible", "answer": "Yes.\n\nCall 988."}
    changed = _with(reply, **changes)
    assert changed == replace(reply, **changes)
    assert vars(changed) == vars(replace(reply, **changes))
    assert reply.risk == "none" and hash(changed) == hash(replace(changed))
    with pytest.raises(dataclasses.FrozenInstanceError):
        changed.risk = "crisis"  # type: ignore[misc]
    with pytest.raises(TypeError):
        _with(reply, colour="red")
