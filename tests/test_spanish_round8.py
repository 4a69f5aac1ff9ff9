"""Round 8 in Spanish: the crisis screen's kinds and the matcher's, both sides,
in our own words."""

from __future__ import annotations

import pytest

from faqbot.ask import Assistant
from faqbot.message import analyse
from faqbot.safety import _es_content_words, _spanish_sentences, assess


@pytest.fixture(scope="module")
def assistant(tmp_path_factory) -> Assistant:
    from .conftest import make_settings

    return Assistant(make_settings(tmp_path_factory.mktemp("es8")))


# ---- the crisis screen ----------------------------------------------------------

SPANISH_CRISIS = [
    # an end-point the writer sets: nothing needed "after tonight", a clitic
    # between "ya no" and the verb
    "¿me pasan mi consulta al lunes? total ya no la voy a necesitar después de hoy",
    "después de esta noche ya no les voy a dar molestias",
    # "ending this" set before a day or an appointment
    "tengo consulta el miércoles pero pienso acabar con esto antes del miércoles",
    "antes de mi cita del sábado voy a terminar con todo esto",
    # voices heard, told with a newborn, someone else's or the writer's
    "mi cuñada dio a luz hace un mes y escucha voces que le dicen que el niño "
    "no es de ella",
    "desde que nació mi bebé oigo una voz que me dice que lo lastime",
]

SPANISH_NEAR_MISSES = [
    # a negation through a verb of intent reaches the act
    "ando muy cansada con el trabajo pero no pienso hacerme daño. ¿atienden el estrés?",
    "no planeo lastimarme, solo quiero saber si la ketamina ayuda con la depresión",
    # a dose told as a mistake
    "me tomé dos sumatriptanes por error en vez de uno, ¿me va a pasar algo?",
    # a day after which a plan changes, not the writer's end
    "después de mañana ya no voy a poder ir a mi consulta, ¿la puedo mover?",
    "después de hoy ya no voy a estar en la ciudad, ¿me cambian la cita?",
    # finishing something that is not the writer: "acabar con esto de ..."
    "quiero acabar con esto de las migrañas antes de mi boda, ¿qué me recomiendan?",
]


@pytest.mark.parametrize("text", SPANISH_CRISIS)
def test_round8_spanish_kinds_are_a_crisis(text: str) -> None:
    verdict = assess(text)
    assert verdict.level == "crisis", verdict.explain()


@pytest.mark.parametrize("text", SPANISH_NEAR_MISSES)
def test_round8_spanish_near_misses_are_not_a_crisis(text: str) -> None:
    verdict = assess(text)
    assert verdict.level != "crisis", verdict.explain()


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        # "seguir" before another verb is about that verb
        ("¿puedo seguir tomándolo?", [], ["seguir"]),
        ("¿debo continuar usando el spray?", ["spray"], ["continuar"]),
        # before "vivir" or "aqui" it is the rules' sense, and stays
        ("ya no quiero seguir viviendo así", ["seguir", "viviendo"], []),
        ("ni ganas de seguir aquí", ["seguir"], []),
    ],
)
def test_an_aspect_verb_before_another_verb_is_no_danger_content(
    text: str, kept: list[str], dropped: list[str]
) -> None:
    words = _es_content_words(_spanish_sentences(analyse(text)))
    assert all(w in words for w in kept), words
    assert not any(w in words for w in dropped), words


def test_a_question_about_going_on_with_a_medicine_is_not_a_crisis() -> None:
    assert assess("empecé el propranolol, ¿puedo seguir usándolo?").level != "crisis"


def test_going_on_living_asked_about_is_still_a_crisis() -> None:
    assert assess("¿para qué seguir viviendo así?").level == "crisis"


# ---- small talk -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sid"),
    [
        # an enclitic pronoun on a verb the patterns know
        ("¿qué clase de preguntas puedo hacerle?", "help"),
        ("¿en qué puedes ayudarme?", "help"),
        # courtesy words around a greeting
        ("saludos cordiales", "greeting"),
        # a texting greeting
        ("k onda", "greeting"),
    ],
)
def test_spanish_small_talk_forms(assistant, text: str, sid: str) -> None:
    reply = assistant.classify(text)
    assert reply.status == "smalltalk", (reply.status, reply.faq_id)
    assert reply.reason == sid
    assert reply.lang == "es"


def test_an_english_thanks_in_a_spanish_message_is_small_talk(assistant) -> None:
    reply = assistant.classify("thanks, me sirvió mucho la información")
    assert reply.status == "smalltalk", (reply.status, reply.faq_id)


# ---- the matcher ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "faq_id"),
    [
        # a topic's term said as the answer itself says it ("dosis bajas")
        (
            "tengo neuropatía desde hace años, ¿la ketamina en dosis bajas me ayuda?",
            "ketamine-chronic-pain",
        ),
        # a pain qualified by the chronic-pain entry's own subject
        (
            "sufro de dolor de espalda crónico, ¿la ketamina sirve para eso?",
            "ketamine-chronic-pain",
        ),
        # a condition the best answer names is that answer's
        ("¿la ketamina ayuda con la fibromialgia?", "ketamine-chronic-pain"),
        ("¿la ketamina sirve para la depresión?", "ketamine-depression"),
    ],
)
def test_spanish_the_entrys_own_words_are_no_topic(
    assistant, text: str, faq_id: str
) -> None:
    reply = assistant.classify(text)
    # Not handed to staff: answered, or the entry offered first.
    assert reply.status in ("answered", "clarify"), reply.reason
    assert reply.candidates[0].faq_id == faq_id, reply.candidates


@pytest.mark.parametrize(
    "text",
    [
        # a condition asked of the migraine relief answer
        "¿cuántas semanas me dura el alivio de la ketamina para la ansiedad?",
        # a question word opens a second, unmarked question
        "me duele la nuca y la frente, ¿será migraña? qué me puedo tomar",
        # a choice between two remedies
        "¿el naproxeno o la aspirina es mejor para el dolor de migraña?",
        # an age bound
        "¿la ketamina sirve para mayores de 70 con migraña?",
        # a cure asked about in another form of the verb
        "¿cuánta gente se ha curado con su tratamiento de ketamina?",
        # ketamine in another form
        "¿la ketamina la dan en pastillas para la casa?",
        # the odds for one person
        "¿qué probabilidad hay de que mi hijo tenga migrañas como yo?",
    ],
)
def test_spanish_questions_for_staff(assistant, text: str) -> None:
    reply = assistant.classify(text)
    assert reply.status == "unmatched", (reply.faq_id, reply.candidates)
    assert reply.lang == "es"


def test_a_clarification_offering_the_answer_that_names_the_condition(
    assistant,
) -> None:
    # The condition is named in the story; one of the offered entries answers
    # it, so the writer still chooses rather than being handed off.
    reply = assistant.classify(
        "mi hermano tiene depresión, ¿ustedes atienden eso o nada más migrañas?"
    )
    assert reply.status in ("answered", "clarify"), reply.reason


def test_a_condition_named_to_an_answer_not_about_results_stops_nothing(
    assistant,
) -> None:
    reply = assistant.classify("hola, quisiera sacar una cita por mi ansiedad")
    assert reply.reason != "results_for_other_conditions", reply.reason
