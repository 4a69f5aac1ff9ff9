"""Round 8 in Spanish, second pass: words read by their neighbours and verb
forms the phrases do not spell, both sides, in our own words."""

from __future__ import annotations

import pytest

from faqbot.ask import Assistant
from faqbot.spanish import _lemmas, _read_in_context


@pytest.fixture(scope="module")
def assistant(tmp_path_factory) -> Assistant:
    from .conftest import make_settings

    return Assistant(make_settings(tmp_path_factory.mktemp("es8b")))


def _answered(assistant: Assistant, text: str) -> str | None:
    reply = assistant.classify(text)
    assert reply.lang == "es"
    return reply.faq_id if reply.status == "answered" else reply.status


# ---- verb forms -------------------------------------------------------------------


def test_a_verb_form_is_put_as_its_lemma_only_in_the_families() -> None:
    assert _lemmas("no puedas trabajar") == _lemmas("no puedo trabajar")
    assert _lemmas("que me quite el dolor") == "que me quitar el dolor"
    # a word no family knows is left as it is
    assert _lemmas("donde queda") == "donde queda"


@pytest.mark.parametrize(
    "text",
    [
        # the subjunctive and other persons of "no puedo hacer nada", "no puedo
        # trabajar"
        "¿es normal que la migraña te deje tan mal que no puedas hacer nada?",
        "¿la migraña llega a ser tan fuerte que uno no pueda trabajar?",
    ],
)
def test_a_phrase_meets_other_forms_of_its_verb(assistant, text: str) -> None:
    assert _answered(assistant, text) == "migraine-impact"


# ---- words read by their neighbours ------------------------------------------------


def test_rare_beside_commonness_asks_how_common(assistant) -> None:
    text = "mi esposo y yo tenemos migraña, ¿es rara o común?"
    assert _answered(assistant, text) == "migraine-prevalence"


def test_rare_alone_is_not_made_common() -> None:
    # "me siento rara" is strange, not frequent: nothing names commonness
    assert "comun" not in _read_in_context("me siento rara antes de migrana")
    assert "comun" in _read_in_context("es rara o comun la migrana")


def test_what_therapies_you_have_is_the_services(assistant) -> None:
    assert _answered(assistant, "qué clase de terapias manejan ustedes?") == (
        "clinic-services"
    )


def test_how_to_reach_you_is_still_the_contact(assistant) -> None:
    assert _answered(assistant, "¿cómo me comunico con su clínica?") == (
        "clinic-contact"
    )


@pytest.mark.parametrize(
    "text",
    [
        "¿la ketamina es por infusión o pastilla?",
        "para la migraña, ¿la ketamina es inyectada o infusión?",
    ],
)
def test_a_choice_between_forms_of_the_treatment_is_the_course(
    assistant, text: str
) -> None:
    assert _answered(assistant, text) == "ketamine-infusion-course"


def test_ketamine_in_another_form_alone_still_goes_to_staff(assistant) -> None:
    assert _answered(assistant, "¿me pueden dar la ketamina en tabletas?") == (
        "unmatched"
    )


@pytest.mark.parametrize(
    "text",
    ["tratamientos migraña", "¿qué tratamiento existe para la migraña?"],
)
def test_a_bare_treatment_of_migraine_is_the_usual_treatment(
    assistant, text: str
) -> None:
    assert _answered(assistant, text) == "migraine-standard-treatment"


def test_a_treatment_named_is_not_made_the_usual_one() -> None:
    assert "convencionales" not in _read_in_context("tratamiento ketamina migrana")


def test_relief_said_to_last_days_reads_as_a_length_of_relief() -> None:
    read = _read_in_context("ketamina alivio el dolor unas semanas")
    assert read.split()[-1] == "dura", read
    assert "quita" not in _read_in_context("me quita el dolor").split()


def test_taking_the_pain_away_for_how_long_is_relief_duration(assistant) -> None:
    text = "¿por cuánto tiempo me quita la migraña la ketamina?"
    assert _answered(assistant, text) == "ketamine-relief-duration"


def test_a_promise_beside_the_entrys_own_condition_still_goes_to_staff(
    assistant,
) -> None:
    # "para siempre" next to "depresión" (the depression entry's own word)
    # is a guarantee asked for, not a qualifier of the condition
    text = "¿con la ketamina se me va la depresión para siempre?"
    assert _answered(assistant, text) == "unmatched"


@pytest.mark.parametrize(
    "text",
    [
        "¿el sumatriptán es el tratamiento normal?",
        "¿los triptanos son el tratamiento más común?",
    ],
)
def test_normal_said_of_a_treatment_is_the_usual_treatment(
    assistant, text: str
) -> None:
    assert _answered(assistant, text) == "migraine-standard-treatment"


def test_normal_said_of_migraine_is_still_how_common(assistant) -> None:
    assert _answered(assistant, "¿es normal tener migraña cada mes?") != (
        "migraine-standard-treatment"
    )


def test_how_the_treatment_works_is_the_course(assistant) -> None:
    text = "¿cómo funciona el tratamiento con ketamina? ¿qué pasos tengo que seguir?"
    assert _answered(assistant, text) == "ketamine-infusion-course"


def test_a_headache_asked_of_the_infusion_is_the_migraine_it_treats(
    assistant,
) -> None:
    text = "¿el goteo de ketamina me ayudaría con mis dolores de cabeza tan fuertes?"
    assert _answered(assistant, text) == "ketamine-for-migraine"


def test_a_headache_asked_of_nothing_is_still_the_difference() -> None:
    read = _read_in_context("como se si es migrana o dolor de cabeza")
    assert "dolor de cabeza" in read
    assert "dolor de cabeza" in _read_in_context("me dio dolor de cabeza ayer")


def test_how_soon_the_treatment_starts_working_goes_to_staff(assistant) -> None:
    # how long until it works is not how long the relief lasts
    text = "¿y la infusión de ketamina cuánto tarda en hacer efecto?"
    assert _answered(assistant, text) == "unmatched"


def test_how_long_the_relief_lasts_is_still_answered(assistant) -> None:
    text = "¿cuánto tiempo me dura el alivio después de la ketamina?"
    assert _answered(assistant, text) == "ketamine-relief-duration"


def test_a_migraine_about_to_start_is_one_that_comes(assistant) -> None:
    text = "¿hay manera de darme cuenta que me va a venir la migraña antes del dolor?"
    assert _answered(assistant, text) == "migraine-warning-signs"


def test_a_verb_of_starting_about_something_else_is_left_alone() -> None:
    assert "viene" not in _read_in_context("empieza el tratamiento el lunes")
    assert "viene" in _read_in_context("antes de que empiece el dolor")
