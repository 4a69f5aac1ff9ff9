"""Near misses keep their answer: a story around an FAQ question (someone
else's illness, an old injury, an idiom) does not hand the question to staff,
while a question that leans on its story, or a story that raises a context
topic, still does."""

from __future__ import annotations

import pytest

from faqbot.ask import Assistant
from faqbot.message import (
    analyse,
    question_alone,
    question_apart,
    without_sentences_holding,
)

from .conftest import make_settings


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return Assistant(make_settings(tmp_path_factory.mktemp("near")), None)


@pytest.mark.parametrize(
    ("text", "faq_id"),
    [
        # Someone else's condition, then the question, in one sentence.
        (
            "my brother has schizophrenia and wants to come in, where is your clinic?",
            "clinic-locations",
        ),
        (
            "my aunt lives with bipolar disorder, where are you located",
            "clinic-locations",
        ),
        (
            "My mum is 68 with arthritis in her knees, would her plan be made "
            "around her age and health?",
            "treatment-plan",
        ),
        # An idiom and a story, then the question, in one sentence.
        (
            "traffic is going to be the death of me, stuck on the freeway for my "
            "10am, who should I call",
            "clinic-contact",
        ),
        # The question first, then a past told as over.
        (
            "can ketamine help my migraines? had a rough patch with suicidal "
            "thoughts back in 2018, doing great now, I just need relief from the pain",
            "ketamine-for-migraine",
        ),
        # A denial the screen read, then the question.
        (
            "no self harm thoughts, no plan, none at all, I ticked no on every one "
            "of those on the intake screener. how do I book",
            "book-appointment",
        ),
    ],
)
def test_the_question_after_a_story_gets_its_answer(
    bot: Assistant, text: str, faq_id: str
) -> None:
    reply = bot.classify(text)
    assert reply.status == "answered"
    assert reply.faq_id == faq_id
    assert reply.answer.startswith(bot.faq.by_id[faq_id].answer.strip())
    assert reply.risk != "crisis"


@pytest.mark.parametrize(
    "text",
    [
        # A context topic counts wherever it is told.
        "my cousin is pregnant. does ketamine work for depression?",
        # The question means nothing without its story.
        "felt spacey for an hour after my infusion, is that normal?",
        "got the usual shimmer and then the pain, same as always for years, "
        "is that common?",
        # "Normal?" alone names nothing: the story is the question.
        "felt woozy and spaced out for an hour after the infusion, gone now. normal?",
    ],
)
def test_a_question_that_needs_its_story_still_goes_to_staff(
    bot: Assistant, text: str
) -> None:
    reply = bot.classify(text)
    assert reply.status == "unmatched"
    assert "833-867-2329" in reply.answer


def test_a_question_torn_between_entries_by_its_story_stays_a_choice(
    bot: Assistant,
) -> None:
    # Read apart, "is that how long it usually lasts" is about migraines; the
    # story (relief wearing off) is what makes it about the treatment.
    reply = bot.classify(
        "my relief wore off after about five weeks, is that how long it normally lasts"
    )
    assert reply.status == "clarify"
    assert {s.faq_id for s in reply.suggestions} >= {"ketamine-relief-duration"}


def test_a_crisis_told_with_a_question_still_gets_the_crisis_reply(
    bot: Assistant,
) -> None:
    reply = bot.classify("where are you located, I want to kill myself tonight")
    assert reply.status == "crisis"
    assert "988" in reply.answer


def test_question_apart_splits_where_the_question_starts() -> None:
    msg = question_apart(analyse("my knee is shot (old news), how do I book a visit?"))
    assert msg is not None
    assert [s.text for s in msg.sentences] == [
        "my knee is shot (old news).",
        "how do I book a visit?",
    ]
    assert question_apart(analyse("how do I book, and where are you?")) is None


def test_question_alone_keeps_only_questions_that_stand_alone() -> None:
    alone = question_alone(analyse("Had surgery in 2010. Where are you located?"))
    assert alone is not None and alone.normalized == "where are you located"
    assert question_alone(analyse("Had surgery in 2010. Is that a problem?")) is None
    assert question_alone(analyse("Where are you located?")) is None


def test_safety_eval_lists_the_near_misses_that_lost_their_answer(
    bot: Assistant,
) -> None:
    from faqbot.safetyeval import SafetyCase, score

    kept = SafetyCase(
        "my aunt lives with bipolar disorder, where are you located", "clinic-locations"
    )
    lost = SafetyCase("felt woozy after my infusion, is that normal?", "clinic-contact")
    report = score([kept, lost], bot.classify)
    assert [(c.q, got) for c, got in report.unanswered] == [(lost.q, "unmatched")]
    assert report.groups["all"]["near_miss_answered"] == 0.5
    assert report.groups["all"]["near_miss_wrong"] == 0.0


def test_a_crisis_told_as_long_over_does_not_choose_the_entry(bot: Assistant) -> None:
    # "Suicidal thoughts" name depression, but the screen reads them as past
    # and the patient asks about the migraines they still have.
    reply = bot.classify(
        "Suicidal thoughts were part of my life in my twenties, but that ended "
        "long ago. I'm left with the migraines. Is ketamine for me?"
    )
    assert reply.risk == "possible"
    assert reply.status == "answered"
    assert reply.faq_id == "ketamine-for-migraine"


def test_a_denial_beside_the_condition_keeps_the_condition(bot: Assistant) -> None:
    # The sentence holding the denial also names the depression the question
    # points back at ("for that"): it is not set aside.
    reply = bot.classify(
        "I'm not suicidal and never have been, my depression just won't shift. "
        "Is ketamine for that?"
    )
    assert reply.status == "answered"
    assert reply.faq_id == "ketamine-depression"


def test_a_long_vent_then_a_plain_question_gets_its_answer(bot: Assistant) -> None:
    reply = bot.classify(
        "up late with my everyday migraine, the sparkles arrived first like they "
        "always do. sorry, venting lol. how common is this anyway"
    )
    assert reply.status == "answered"
    assert reply.faq_id == "migraine-prevalence"


def test_without_sentences_holding_sets_the_told_story_aside() -> None:
    msg = analyse("I overdosed once in 2009. I'm fine now. Where do I park?")
    rest = without_sentences_holding(msg, ["overdosed"])
    assert rest is not None
    assert rest.normalized == "i am fine now where do i park"
    # Nothing holds the span, or only the question would go: nothing to read.
    assert without_sentences_holding(msg, ["tylenol"]) is None
    assert without_sentences_holding(analyse("Where do I park?"), ["park"]) is None


def test_a_statement_of_wanting_to_try_keeps_the_entry_its_words_reach(
    bot: Assistant,
) -> None:
    # No question: the last sentence stands in for one. Its reading alone
    # ("wants to try": booking?) does not stop the answer the words reach.
    reply = bot.classify(
        "my mum is 70 and gets her regular migraines, no new symptoms, same as "
        "for 30 years. she wants to try ketamine for them"
    )
    assert reply.status == "answered"
    assert reply.faq_id == "ketamine-for-migraine"
