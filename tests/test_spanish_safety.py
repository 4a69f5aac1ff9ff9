"""The crisis screen on Spanish messages: round 6's kinds, both sides, our wording."""

from __future__ import annotations

import pytest

from faqbot.safety import assess

SPANISH_CRISIS = [
    # death personified, wished to come for me
    ("ojala ya venga la pelona por mi, estoy harto", "suicide"),
    ("que ya me recoja la huesuda, para que sigo", "suicide"),
    # dying "tomorrow" would not matter
    ("si me muero esta noche no me importa la verdad", "suicide"),
    # how many of a drug stop the heart
    (
        "cuantos rizatriptan serian suficientes para que el corazon se detenga",
        "suicide",
    ),
    # a farewell sent to everyone at once
    ("ya les escribi a todos despidiendome, gracias por todo", "suicide"),
    # weapons given away and the children entrusted
    ("mi tio regalo sus rifles y le pidio a mi mama que cuide a sus hijos", "suicide"),
]

SPANISH_ORDINARY = [
    # a number of days is a frequency, not pills saved up
    "cuantas veces por semana es normal tener dolor de cabeza? yo tengo como 20 al mes",
    # dying of something harmless
    "me voy a morir del trafico en la 405, a que hora cierran?",
    # a form's question answered no
    "no tengo planes de suicidio, solo quiero saber el precio",
    # a family history on a form; a question about the topic
    "en la forma de antecedentes dice derrame cerebral, mi tia tuvo uno, pongo que si?",
    "el aura puede provocar un derrame?",
    # when one can talk, not lost speech
    "no puedo hablar en la oficina, me pueden mandar un correo?",
    # questions to the clinic with no word of danger: the model alone may not decide
    "mi suegra tuvo su sesion el martes y hoy anda normal nomas con sueño, "
    "cuando es la proxima?",
    "mi mama ya no aguanta el dolor de espalda y me pregunto si la ketamina le sirve",
    "cuando me devuelven lo que me cobraron de mas",
    # weapons handed over for safekeeping
    "le regale mis pistolas a mi hermano para que me las guarde un tiempo, "
    "ustedes atienden depresion?",
]


@pytest.mark.parametrize(("text", "kind"), SPANISH_CRISIS)
def test_spanish_round6_kinds_are_a_crisis(text: str, kind: str) -> None:
    verdict = assess(text)
    assert verdict.level == "crisis", verdict.explain()
    assert verdict.kind == kind, verdict.explain()


@pytest.mark.parametrize("text", SPANISH_ORDINARY)
def test_spanish_ordinary_questions_are_never_a_crisis(text: str) -> None:
    verdict = assess(text)
    assert verdict.level != "crisis", verdict.explain()


def test_a_spanish_question_without_danger_stays_possible_at_most() -> None:
    # The model weighs Spanish function words towards a crisis; a question to
    # the clinic with no word of danger keeps its answer.
    verdict = assess(
        "mi suegra tuvo su sesion el martes y hoy anda normal, cuando es la otra?"
    )
    assert verdict.level in ("none", "possible"), verdict.explain()
    # The same model still makes a Spanish statement of danger a crisis.
    verdict = assess("ya deje todo arreglado pa mis hijos y escribi lo de mi funeral")
    assert verdict.level == "crisis", verdict.explain()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("no, no tengo planes de suicidio, en el formulario puse q no", "negated"),
        ("la migraña con aura puede causar un derrame?", "about the topic"),
        ("hay antecedentes familiares de derrame por parte de mi papa", "past"),
    ],
)
def test_spanish_context_says_why(text: str, why: str) -> None:
    verdict = assess(text)
    assert verdict.level == "possible", verdict.explain()
    assert why in {f.modifier for f in verdict.findings}, verdict.explain()
