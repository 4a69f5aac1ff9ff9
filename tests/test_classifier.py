"""The matcher's second opinion: the shipped model, and how the matcher uses it."""

from __future__ import annotations

import dataclasses
import math

import pytest

from faqbot.classifier import OUT_OF_SCOPE, Classifier, Opinion, features, fingerprint
from faqbot.faq import load_faq
from faqbot.matching import SECOND_OPINION, Matcher

from .conftest import FAQ_PATH


@pytest.fixture(scope="module")
def faq():
    return load_faq(FAQ_PATH)


@pytest.fixture(scope="module")
def matcher(faq) -> Matcher:
    return Matcher(faq)


def test_the_shipped_model_was_trained_on_the_shipped_phrasings(faq) -> None:
    model = Classifier.load(faq.classifier_path)
    assert model.fingerprint == fingerprint(faq), "run `make classifier`"
    assert set(model.classes) == {e.id for e in faq.entries} | {OUT_OF_SCOPE}


def test_features_are_stems_pairs_and_character_grams() -> None:
    word, char = features(["how", "long", "migraines"])
    assert word["how long"] == 1 and word["migraine"] == 1
    assert char[" how"] == 1 and char["ines"] == 1 and " ho" not in char


def test_every_canonical_question_is_its_own_entry(faq, matcher) -> None:
    model = matcher.classifier
    for e in faq.entries:
        opinion = model.opinion(matcher.analyzer.words(e.question))
        assert opinion is not None and opinion.label == e.id, e.question


def test_probabilities_sum_to_one_and_empty_text_has_none(matcher) -> None:
    probs = matcher.classifier.probabilities(["where", "is", "the", "clinic"])
    assert math.isclose(sum(probs), 1.0, rel_tol=1e-6)
    assert matcher.classifier.opinion([]) is None


# Answered by clinic-locations, but not word for word one of its phrasings.
NEAR = "where exactly are your clinics located these days"


class _Sure:
    """A stand-in classifier that is sure of one label."""

    def __init__(self, label: str, probability: float = 0.99) -> None:
        self.answer = Opinion(label, probability)

    def opinion(self, words):
        return self.answer


def _with(faq, classifier, **thresholds) -> Matcher:
    th = dataclasses.replace(faq.thresholds, **thresholds)
    return Matcher(faq, thresholds=th, classifier=classifier)


def test_a_sure_disagreement_turns_an_answer_into_a_question(faq) -> None:
    # Sure, but below `overrule`: ask which of the two was meant. (A yes/no
    # question: a "where ..." one keeps the entry that owns where-questions.)
    near = "are your clinics still located around los angeles these days"
    m = _with(faq, _Sure("clinic-contact", 0.6), veto=0.5, overrule=0.9)
    match = m.match(near)
    assert match.status == "clarify" and match.topic == SECOND_OPINION
    assert [c.faq_id for c in match.candidates] == [
        "clinic-locations",
        "clinic-contact",
    ]
    # At `overrule` or above, the entry it is sure of is the answer.
    sure = _with(faq, _Sure("clinic-contact", 0.95), veto=0.5, overrule=0.9)
    assert sure.match(near).best.faq_id == "clinic-contact"


def test_a_question_keeps_the_entry_that_owns_its_kind(faq) -> None:
    # "Where ..." is the locations entry's kind of question; the contact
    # entry, which the stand-in is fairly sure of, answers no where-question.
    m = _with(faq, _Sure("clinic-contact", 0.6), veto=0.5, overrule=0.9)
    match = m.match(NEAR)
    assert match.status == "answered" and match.best.faq_id == "clinic-locations"
    # Out of scope, sure enough, still stops it.
    assert _with(faq, _Sure(OUT_OF_SCOPE, 0.6), veto=0.5).match(NEAR).status == (
        "unmatched"
    )


def test_sure_it_is_out_of_scope_hands_an_answer_to_staff(faq) -> None:
    m = _with(faq, _Sure(OUT_OF_SCOPE), veto=0.5)
    assert m.match(NEAR).status == "unmatched"


def test_an_unsure_or_agreeing_opinion_changes_nothing(faq) -> None:
    text = NEAR
    assert _with(faq, _Sure(OUT_OF_SCOPE, 0.3), veto=0.5).match(text).status == (
        "answered"
    )
    agree = _with(faq, _Sure("clinic-locations"), veto=0.5).match(text)
    assert agree.status == "answered" and agree.topic is None


def test_an_opinion_about_an_entry_the_faq_lacks_is_ignored(faq) -> None:
    m = _with(faq, _Sure("retired-entry"), veto=0.1, rescue=0.1)
    assert m.match(NEAR).status == "answered"


def test_handoff_topics_are_never_overruled(faq) -> None:
    m = _with(faq, _Sure("ketamine-infusion-course"), veto=0.1, rescue=0.1)
    match = m.match("how much does a ketamine infusion cost")
    assert match.status == "unmatched" and match.topic == "cost"


def test_a_message_that_reads_like_a_phrasing_keeps_its_answer(faq) -> None:
    # Phrasings taught by staff after the model was trained are answered.
    m = _with(faq, _Sure(OUT_OF_SCOPE), veto=0.1)
    assert m.match("where are your clinics located").status == "answered"


def test_the_surer_the_words_the_surer_an_out_of_scope_veto_must_be(faq) -> None:
    score = Matcher(faq).score(NEAR)[0].score  # clinic-locations, well above answer
    needed = 0.4 + 1.0 * (score - faq.thresholds.answer)
    unsure = _Sure(OUT_OF_SCOPE, needed - 0.02)
    sure = _Sure(OUT_OF_SCOPE, min(1.0, needed + 0.02))
    assert _with(faq, unsure, veto=0.4, veto_rise=1.0).match(NEAR).status == "answered"
    assert _with(faq, sure, veto=0.4, veto_rise=1.0).match(NEAR).status == "unmatched"


def test_sure_of_an_entry_the_words_rank_close_answers_it(faq) -> None:
    # The words lean to migraine-vs-headache, with migraine-impact within reach.
    text = "can migraines be bad enough that you cant work"
    close = _with(faq, _Sure("migraine-impact"), veto=0.4, switch=0.9).match(text)
    assert close.status == "answered" and close.best.faq_id == "migraine-impact"
    far = _with(faq, _Sure("clinic-contact"), veto=0.4, switch=0.9, overrule=1.0)
    assert far.match(text).status == "clarify"


def test_an_unresolved_question_both_signals_lean_to_is_offered(faq) -> None:
    # The words' best is migraine-phases, below the clarify threshold.
    text = "tell me about the steps a migraine goes through"
    lean = _with(faq, _Sure("migraine-phases", 0.2), rescue=0.35).match(text)
    assert lean.status == "clarify"
    assert [c.faq_id for c in lean.candidates] == ["migraine-phases"]
    other = _with(faq, _Sure("book-appointment", 0.2), rescue=0.35).match(text)
    assert other.status == "unmatched"
    out = _with(faq, _Sure(OUT_OF_SCOPE, 0.5), veto=0.4, rescue=0.35).match(text)
    assert out.status == "unmatched"
