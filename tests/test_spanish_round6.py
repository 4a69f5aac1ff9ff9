"""Spanish matching, round 6's kinds: both sides, in our own words."""

from __future__ import annotations

import pytest

from faqbot.ask import Assistant


@pytest.fixture(scope="module")
def assistant(tmp_path_factory) -> Assistant:
    from .conftest import make_settings

    return Assistant(make_settings(tmp_path_factory.mktemp("es6")))


@pytest.mark.parametrize(
    ("text", "faq_id"),
    [
        # words for the same thing: a disability, where "in what part", "what
        # does it come from", "utilizar" for "usar", relief as "staying without"
        ("la migraña se considera una discapacidad?", "migraine-impact"),
        ("vivo en pasadena, en que parte quedan ustedes?", "clinic-locations"),
        ("de que vienen las migrañas?", "migraine-causes"),
        (
            "me puede explicar que es la ketamina y para que la utilizan?",
            "ketamine-what-is",
        ),
        (
            "despues de la ketamina cuanto tiempo me quedo sin dolor?",
            "ketamine-relief-duration",
        ),
        (
            "mi abuela tiene varias enfermedades, le harian algo especial para ella?",
            "treatment-plan",
        ),
    ],
)
def test_spanish_paraphrases_get_their_answer(
    assistant, text: str, faq_id: str
) -> None:
    reply = assistant.classify(text)
    assert (reply.status, reply.faq_id) == ("answered", faq_id), reply.candidates
    assert reply.risk != "crisis"


@pytest.mark.parametrize(
    "text",
    [
        # a place near the clinic is not where the clinic is
        "hay algun restaurante bueno cerca de la clinica de santa monica?",
        # a change of medicine, or when to take one, is for the care team
        "el ibuprofeno me cae mal, me lo pueden cambiar por otro?",
        "en que momento de la migraña conviene tomar el analgesico?",
        # a question that points back at its story asks about the story's topic
        "mi nieto tiene autismo, ustedes tienen algo para eso?",
        "donde me puedo parquear?",
        "que necesito llevar a mi primera cita?",
        "ustedes hacen estudios del sueño? mi esposa casi no duerme",
        "siguen estando los mismos doctores de antes?",
        "la luz del aura me puede dañar la vista?",
        "que examen me harian para saber si es migraña hemiplejica?",
    ],
)
def test_spanish_questions_no_entry_answers_go_to_staff(assistant, text: str) -> None:
    reply = assistant.classify(text)
    assert reply.status == "unmatched", (reply.faq_id, reply.candidates)
    assert reply.lang == "es"


def test_a_blessing_on_leaving_is_small_talk(assistant) -> None:
    reply = assistant.classify("que dios te bendiga mijo, adios")
    assert reply.status == "smalltalk", reply


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # the question points back ("para eso") at the condition its story names
        ("mi esposo tiene bipolar, ¿tienen medicina para eso?", "other_conditions"),
        ("mi sobrino tiene TDAH, ustedes dan algo para eso?", "other_conditions"),
        # a question word after a preposition opens the question ("en que ...")
        (
            "en que momento de la migraña conviene tomar el analgesico, "
            "al principio o cuando ya duele?",
            "medical_advice",
        ),
    ],
)
def test_spanish_handoffs_name_what_the_question_is_about(
    assistant, text: str, topic: str
) -> None:
    reply = assistant.classify(text)
    assert (reply.status, reply.reason) == ("unmatched", topic), reply.candidates


@pytest.mark.parametrize(
    ("text", "faq_id"),
    [
        # "atienden en ..." with a place asks where, not what is treated
        ("atienden en pasadena o solo en santa monica?", "clinic-locations"),
        # "sera por ...?" asks for a cause
        ("sera por el estres que me dan migrañas?", "migraine-causes"),
        # "era otra clinica" tells a mistake; it asks for no referral
        ("jaja yo creia que TMS & Brain Health era otra clinica", "clinic-name"),
        # "que enfermedades tratan ustedes?" asks for the services, whatever the story
        (
            "mi doctor dice que tengo migraña cronica, "
            "que enfermedades tratan ustedes?",
            "clinic-services",
        ),
        # "me mata" of a headache is an exclamation, not a word of the question
        (
            "la migraña me esta matando cada vez que llueve, que la causa?",
            "migraine-causes",
        ),
    ],
)
def test_spanish_readings_of_everyday_turns(assistant, text: str, faq_id: str) -> None:
    reply = assistant.classify(text)
    assert (reply.status, reply.faq_id) == ("answered", faq_id), reply.candidates


def test_the_clinics_names_do_not_make_a_spanish_question_english(assistant) -> None:
    reply = assistant.classify("TMS & Brain Health ahora es Bespoke Treatment?")
    assert reply.lang == "es"
    assert (reply.status, reply.faq_id) == ("answered", "clinic-name"), reply.candidates
