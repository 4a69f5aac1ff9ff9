"""Spanish by text message: keywords, replies, clarifications (issue 10)."""

from __future__ import annotations

import pytest

from faqbot.app import create_app
from faqbot.gsm import is_gsm7, segments
from faqbot.storage import asks, sms_optouts
from faqbot.textmsg import HELP_WORDS_ES, STOP_WORDS_ES, clarify_text, keyword

from .conftest import make_settings
from .test_sms import PHONE, rows, say
from .texting import TOKEN


@pytest.fixture
def sms_app(tmp_path):
    app = create_app(make_settings(tmp_path, twilio_auth_token=TOKEN))
    yield app
    app.extensions["faqbot"].store.dispose()


@pytest.fixture
def store(sms_app):
    return sms_app.extensions["faqbot"].store


@pytest.mark.parametrize("word", sorted(STOP_WORDS_ES))
def test_spanish_stop_words_opt_out(sms_app, store, word) -> None:
    client = sms_app.test_client()
    # Twilio does not know these words, so the confirmation is faqbot's to send.
    for variant in (word, word.lower(), f" {word.title()}. "):
        assert "Ya no recibira" in say(client, variant, sender="+15550007777")
    assert [r.phone for r in rows(store, sms_optouts)] == ["+15550007777"]
    assert store.count(asks) == 0


def test_spanish_opt_out_is_confirmed_in_spanish(tmp_path) -> None:
    app = create_app(
        make_settings(
            tmp_path, twilio_auth_token=TOKEN, sms_keywords="faqbot"
        )
    )
    client = app.test_client()
    assert "Ya no recibira mensajes" in say(client, "Baja")
    assert "unsubscribed" in say(client, "STOP", sender="+15550001212")
    app.extensions["faqbot"].store.dispose()


@pytest.mark.parametrize("word", sorted(HELP_WORDS_ES))
def test_ayuda_gets_the_spanish_help(sms_app, store, word) -> None:
    reply = say(sms_app.test_client(), word.lower())
    assert "asistente automatico" in reply and PHONE in reply and "PARAR" in reply
    assert is_gsm7(reply) and segments(reply) <= 2
    assert store.count(asks) == 0


def test_a_keyword_is_only_a_whole_message() -> None:
    assert keyword("baja") == "BAJA"
    assert keyword("no puedo bajar de peso") is None


def test_a_spanish_question_gets_the_spanish_sms(sms_app, store) -> None:
    reply = say(sms_app.test_client(), "donde estan ubicados?")
    assert reply.startswith("Estamos en Los Angeles y Santa Monica")
    assert reply.endswith(f"Llame al {PHONE}.")
    assert is_gsm7(reply) and segments(reply) <= 2
    (row,) = rows(store, asks)
    assert (row.lang, row.faq_id) == ("es", "clinic-locations")


def test_a_spanish_handoff_by_sms(sms_app) -> None:
    reply = say(sms_app.test_client(), "cuanto cuesta la infusion?")
    assert reply.startswith("Pasamos su pregunta") and PHONE in reply


def test_spanish_clarification_text() -> None:
    from faqbot.ask import Suggestion

    text = clarify_text(
        (
            Suggestion("a", "¿Qué es la ketamina?"),
            Suggestion("b", "¿Cómo hago una cita?"),
        ),
        PHONE,
        "Emergencia: llame al 911.",
        "es",
    )
    assert text.startswith("¿Quiso decir: 1) ")
    assert "Responda 1 o 2, o 0 para hablar con nuestro equipo." in text
    assert text.endswith(f"Llame al {PHONE}. Emergencia: llame al 911.")


def test_a_spanish_clarification_and_pick_by_sms(sms_app) -> None:
    client = sms_app.test_client()
    offer = say(client, "ketamina dolor")
    assert offer.startswith("¿Quiso decir: 1) ¿La ketamina puede ayudar con el dolor")
    assert "o 0 para hablar con nuestro equipo." in offer
    assert is_gsm7(offer) and segments(offer) <= 2
    answer = say(client, "1")
    assert answer.startswith("La infusion de ketamina en dosis bajas")
    assert answer.endswith(f"Llame al {PHONE}.")
