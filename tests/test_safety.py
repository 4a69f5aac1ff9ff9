"""The crisis screen: catches every kind of crisis, ignores figures of speech."""

from __future__ import annotations

import pytest

from faqbot.safety import screen

CRISIS = [
    ("i want to kill myself", "suicide"),
    ("I'm going to end my life tonight", "suicide"),
    ("having suicidal thoughts again", "suicide"),
    ("sucidal thoughts rn", "suicide"),
    ("i wanna kil myself", "suicide"),
    ("nobody would even notice if i was gone", "suicide"),
    ("everyone would be better off without me", "suicide"),
    ("i just want to go to sleep and never wake up", "suicide"),
    ("i dont want to be alive anymore", "suicide"),
    ("there's no reason to keep living", "suicide"),
    ("I've been giving away my things to friends", "suicide"),
    ("can ketamine help migraines? honestly i dont want to live anymore", "suicide"),
    ("i've started cutting myself again", "self-harm"),
    ("I keep hurting myself when the pain gets bad", "self-harm"),
    ("i took a whole bottle of my sumatriptan", "overdose"),
    ("I think I overdosed on my meds", "overdose"),
    ("took too many pills an hour ago", "overdose"),
    ("worst headache of my life came on a minute ago", "emergency"),
    ("sudden thunderclap headache", "emergency"),
    ("my face is drooping on one side and my head hurts", "emergency"),
    ("left arm went numb and weak all of a sudden", "emergency"),
    ("my speech is slurred and i have a migraine", "emergency"),
    ("i suddenly lost vision in one eye", "emergency"),
    ("i have a fever and a really stiff neck with this headache", "emergency"),
    ("hit my head yesterday and now i keep vomiting", "emergency"),
    ("can't get my words out and half my face feels numb", "emergency"),
]

NOT_CRISIS = [
    "this migraine is killing me",
    "this migraine is killing me, can ketamine help?",
    "I'm dying to know if ketamine works for migraines",
    "I'd kill for one pain free day",
    "dead tired after every migraine",
    "how long does a migraine last",
    "what are the warning signs, I get blind spots before an attack",
    "is neck stiffness part of the prodrome?",
    "my aura makes me lose vision for about 20 minutes",
    "can ketamine help depression",
    "my head feels like it's splitting",
    "i could not wake up early because of the migraine",
    "the pain is so bad I could scream",
    "ketamine is used in ERs to replace dangerous drugs",
]


@pytest.mark.parametrize(("text", "kind"), CRISIS)
def test_crisis_is_caught(text: str, kind: str) -> None:
    hit = screen(text)
    assert hit is not None, text
    assert hit.kind == kind


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_figures_of_speech_and_normal_questions_are_not_crises(text: str) -> None:
    assert screen(text) is None
