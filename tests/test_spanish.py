"""Spanish: matching, handoff topics, small talk, other languages, the API."""

from __future__ import annotations

import re

import pytest

from faqbot.ask import Assistant
from faqbot.faq import load_faq
from faqbot.gsm import is_gsm7, segments
from faqbot.spanish import build_spanish, check_phrasings, phrasings_path, stem_es
from faqbot.storage import Store, asks, handoffs
from faqbot.text import fold

from .conftest import FAQ_PATH


@pytest.fixture(scope="module")
def assistant(tmp_path_factory) -> Assistant:
    from .conftest import make_settings

    return Assistant(make_settings(tmp_path_factory.mktemp("es")))


def test_the_shipped_phrasings_are_clean() -> None:
    faq = load_faq(FAQ_PATH)
    assert check_phrasings(phrasings_path(FAQ_PATH, "es"), faq) == []


@pytest.mark.parametrize(
    "text",
    [
        "¿La ketamina es segura?",
        "la infusión me dio náuseas",
        "La clínica de la ketamina cobra mucho?",
    ],
)
def test_la_is_never_los_angeles_in_spanish(assistant, text: str) -> None:
    reply = assistant.classify(text)
    assert reply.lang == "es"
    assert reply.faq_id != "clinic-locations"
    assert reply.status == "unmatched"
    assert "nuestro equipo" in reply.answer


def test_every_spanish_question_answers_its_own_entry(assistant) -> None:
    tr = assistant.translation("es")
    for faq_id, entry in tr.entries.items():
        reply = assistant.classify(entry.question)
        assert (reply.status, reply.faq_id) == ("answered", faq_id), entry.question
        assert reply.answer.startswith(entry.answer.strip()[:40])
        assert reply.lang == "es"


@pytest.mark.parametrize(
    ("text", "faq_id"),
    [
        ("cuanto dura una migrana", "migraine-duration"),
        ("CUANTO DURA LA MIGRAÑA", "migraine-duration"),
        ("q es la ketamina", "ketamine-what-is"),
        ("donde estan ubicados?", "clinic-locations"),
        ("tienen oficina en santa monica", "clinic-locations"),
        ("ketamine para migraña?", "ketamine-for-migraine"),
        ("cuales son las fases de la jaqueca", "migraine-phases"),
        ("el plan se adapta a lo que necesito?", "treatment-plan"),
        ("cual es su telefono", "clinic-contact"),
    ],
)
def test_spanish_variants_and_spanglish_are_answered(assistant, text, faq_id) -> None:
    reply = assistant.classify(text)
    assert (reply.lang, reply.status, reply.faq_id) == ("es", "answered", faq_id)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("cuanto cuesta la infusion de ketamina", "cost"),
        ("¿Qué precio tiene el tratamiento?", "cost"),
        ("aceptan seguro médico?", "insurance"),
        ("tengo Medi-Cal, me cubre?", "insurance"),
        ("que dosis de ketamina usan", "dosing"),
        ("la ketamina tiene efectos secundarios?", "side_effects"),
        ("estoy embarazada, puedo recibir ketamina para la migraña?", "pregnancy"),
        ("puedo manejar despues de la infusion?", "aftercare_driving"),
        ("abren los sabados?", "logistics"),
        ("¿La ketamina está aprobada por la FDA?", "regulatory"),
    ],
)
def test_spanish_handoff_topics_go_to_staff(assistant, text, topic) -> None:
    reply = assistant.classify(text)
    assert (reply.lang, reply.status, reply.reason) == ("es", "unmatched", topic)


def test_the_topic_prefilter_keeps_every_spanish_term(assistant) -> None:
    # Each term, written out (" ... " as two words, "*" as an ending), is found
    # by its topic's pattern and named by the one RE2 pass (text.TermFilter).
    sp = assistant._state.spanish
    checked = 0
    for name, terms in sp.phrasings.topics.items():
        i = next(k for k, (n, _) in enumerate(sp._topics) if n == name)
        pattern = sp._topics[i][1]
        for term in terms:
            text = term.replace("...", " una vez ").replace("*", "s")
            text = " ".join(re.findall(r"[a-z0-9$]+", fold(text).replace("ñ", "n")))
            if pattern.search(text):
                checked += 1
                assert i in sp._topic_filter.candidates(text), (name, term)
    assert checked > 50


@pytest.mark.parametrize(
    ("text", "sid"),
    [
        ("hola", "greeting"),
        ("buenas", "greeting"),
        ("Buenas tardes!", "greeting"),
        ("gracias", "thanks"),
        ("muchas gracias por la info", "thanks"),
        ("adiós", "goodbye"),
        ("¿eres un robot?", "identity"),
        ("hablo con una persona real?", "identity"),
    ],
)
def test_spanish_small_talk(assistant, text, sid) -> None:
    reply = assistant.classify(text)
    assert (reply.lang, reply.status, reply.reason) == ("es", "smalltalk", sid)
    assert "833-867-2329" in reply.answer


def test_another_language_gets_both_handoffs(assistant) -> None:
    reply = assistant.classify("A cetamina pode ajudar com minhas enxaquecas?")
    assert (reply.status, reply.lang, reply.reason) == (
        "unmatched",
        "other",
        "language",
    )
    assert "care team" in reply.answer and "nuestro equipo" in reply.answer
    assert is_gsm7(reply.sms) and segments(reply.sms) <= 2


def test_english_is_untouched(assistant) -> None:
    reply = assistant.classify("are you in la")
    assert (reply.lang, reply.faq_id) == ("en", "clinic-locations")
    assert reply.answer.startswith("We're located")


def test_spanish_sms_is_gsm7_with_the_number(assistant) -> None:
    reply = assistant.classify("cuales son las etapas de la migraña")
    assert is_gsm7(reply.sms) and segments(reply.sms) <= 2
    assert reply.sms.endswith("Llame al 833-867-2329.")


def test_short_messages_follow_the_conversation(settings) -> None:
    store = Store(settings.sqlalchemy_url)
    store.init_db()
    assistant = Assistant(settings, store)
    first = assistant.ask("cuanto dura una migraña", "web", session_id="conv-1")
    assert first.lang == "es"
    ok = assistant.ask("ok", "web", session_id="conv-1")
    assert (ok.lang, ok.status) == ("es", "smalltalk")
    picked = assistant.pick("clinic-locations", "web", session_id="conv-1")
    assert picked.lang == "es" and picked.answer.startswith("Estamos en")
    assert assistant.ask("ok", "web", session_id="conv-2").lang == "en"
    assert assistant.ask("ok", "web", page_lang="es-MX").lang == "es"


def test_the_language_is_stored_for_staff(settings) -> None:
    store = Store(settings.sqlalchemy_url)
    store.init_db()
    Assistant(settings, store).ask("¿Aceptan seguro?", "web")
    with store.engine.connect() as conn:
        assert conn.execute(asks.select()).first().lang == "es"
        assert conn.execute(handoffs.select()).first().lang == "es"


def test_adding_the_language_columns_is_idempotent(settings) -> None:
    from sqlalchemy import text

    store = Store(settings.sqlalchemy_url)
    store.init_db()
    with store.begin() as conn:  # a database from before languages
        conn.execute(text("ALTER TABLE asks DROP COLUMN lang"))
    store.init_db()
    store.init_db()
    with store.engine.connect() as conn:
        cols = [r[1] for r in conn.execute(text("PRAGMA table_info(asks)"))]
    assert cols.count("lang") == 1


def test_learned_spanish_phrasings_join_the_spanish_matcher() -> None:
    faq = load_faq(FAQ_PATH)
    text = "el huesero me recomendo esto, de que se trata"
    before = build_spanish(faq).match(text)
    after = build_spanish(faq, [("ketamine-what-is", text)]).match(text)
    assert before.best is None or before.status != "answered"
    assert (after.status, after.best.faq_id) == ("answered", "ketamine-what-is")


def test_api_speaks_spanish(client) -> None:
    body = client.post("/api/ask", json={"question": "¿Qué es la ketamina?"}).json
    assert (body["lang"], body["faq_id"]) == ("es", "ketamine-what-is")
    body = client.post("/api/ask", json={"question": "where are you?"}).json
    assert body["lang"] == "en"
    faq = client.get("/api/faq?lang=es").json
    assert faq["lang"] == "es" and faq["greeting"].startswith("¡Hola!")
    assert faq["suggested"][0]["question"].startswith("¿")
    assert client.get("/api/faq").json["lang"] == "en"
    bad = client.post("/api/ask", json={"question": "hola", "lang": 3})
    assert bad.status_code == 400 and bad.json["error"]["code"] == "invalid_lang"


def test_stemmer_examples() -> None:
    assert stem_es("tratamientos") == stem_es("tratar") == "trat"


def test_eval_holds_a_spanish_set_to_the_spanish_targets(settings, tmp_path) -> None:
    from click.testing import CliRunner

    from faqbot.cli import main

    cases = tmp_path / "es.yaml"
    cases.write_text(
        "cases:\n"
        "- {q: cuanto dura una migraña, expect: migraine-duration, lang: es}\n"
        "- {q: cuanto cuesta, expect: unmatched, lang: es}\n"
        "- {q: hola, expect: smalltalk, lang: es}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["eval", str(cases)], obj=settings)
    assert result.exit_code == 0, result.output
    assert "accuracy                    100.0%   >= 85.0%" in result.output
    assert "language_ok                 100.0%   >= 100.0%" in result.output


def test_a_spooled_record_keeps_its_language(tmp_path) -> None:
    from faqbot.spool import Spool
    from faqbot.storage import AskRecord

    spool = Spool(str(tmp_path / "spool.jsonl"))
    spool.append(
        AskRecord(channel="web", text="¿Aceptan seguro?", status="unmatched", lang="es")
    )
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    store.init_db()
    spool.replay(store)
    with store.engine.connect() as conn:
        assert conn.execute(handoffs.select()).first().lang == "es"


def test_the_phrasings_check_names_a_phrasing_that_can_never_be_answered(
    tmp_path,
) -> None:
    faq = load_faq(FAQ_PATH)
    text = phrasings_path(FAQ_PATH, "es").read_text(encoding="utf-8")
    bad = tmp_path / "phrasings.es.yaml"
    bad.write_text(
        text.replace(
            '    - "para que se usa la ketamina"\n',
            '    - "para que se usa la ketamina"\n    - "cuanto cuesta la ketamina"\n',
            1,
        ),
        encoding="utf-8",
    )
    problems = [str(p) for p in check_phrasings(bad, faq)]
    assert any(
        "entry 'ketamine-what-is'" in p and "raises the handoff topic 'cost'" in p
        for p in problems
    ), problems


# Near misses in Spanish: alarming-looking words around an FAQ question (a
# denial, an idiom, past history, a question about the topic). The question
# is what the patient asks, and it keeps its answer.
@pytest.mark.parametrize(
    ("text", "faq_id"),
    [
        (
            "no es nada urgente, nomás necesito el teléfono de la clínica",
            "clinic-contact",
        ),
        (
            "la fila del banco me va a matar, ¿dónde queda la clínica?",
            "clinic-locations",
        ),
        (
            "hace mucho tuve depresión pero ya estoy mejor. "
            "¿el tratamiento se adapta a cada persona?",
            "treatment-plan",
        ),
        ("nunca he oído hablar de eso, ¿qué es la ketamina?", "ketamine-what-is"),
        (
            "¿es verdad que la ketamina ayuda a quien tiene ideas de suicidio?",
            "ketamine-depression",
        ),
        # Round 4: a statement after a marked question asks nothing ("tarea"
        # is homework, an off-topic word, only when it is what is asked).
        (
            "¿la ketamina sirve para la depresión? es para una tarea de la prepa",
            "ketamine-depression",
        ),
        # "hablar" to a number is calling it (Mexican usage).
        (
            "qué coraje, se me olvidó la cita de ayer, ¿a qué número les hablo?",
            "clinic-contact",
        ),
        # "no sabía que..." is what the writer just learned, not a denial.
        (
            "ay me muero, no sabía que la clínica cambió de nombre",
            "clinic-name",
        ),
    ],
)
def test_spanish_near_misses_keep_their_answer(assistant, text, faq_id) -> None:
    reply = assistant.classify(text)
    assert (reply.status, reply.faq_id, reply.lang) == ("answered", faq_id, "es")
    assert reply.risk != "crisis"


@pytest.mark.parametrize(
    "text",
    [
        # The same shapes around a question no entry answers.
        "mi jefe me va a matar si falto, ¿ustedes dan justificantes para el trabajo?",
        "no estoy en crisis, solo quiero saber si aceptan mi seguro",
        # A child named before the question still makes it a child's question.
        "no es urgencia, es para mi hijo de 15, ¿la ketamina le sirve para la migraña?",
        # A stage of the writer's own past is no child's question, and what it
        # leaves ("¿eso cambia algo?") answers nothing.
        "de chica me rasguñaba los brazos. ¿eso cambia algo para la infusión?",
        # The same idioms around a handoff topic.
        "no sabía que ya abrieron otra clínica, ¿cuánto cuesta allá?",
        "casi me muero del susto, ¿a qué número hablo para ver lo de mi seguro?",
    ],
)
def test_spanish_near_misses_out_of_scope_go_to_staff(assistant, text) -> None:
    reply = assistant.classify(text)
    assert reply.status == "unmatched"
    assert reply.faq_id is None
    assert "nuestro equipo" in reply.answer


def test_the_question_clause_is_read_apart_from_the_story() -> None:
    faq = load_faq(FAQ_PATH)
    sp = build_spanish(faq)
    assert sp is not None
    # A denial is dropped, the story before the question kept at story weight.
    assert sp.analyzer.analysed("no es emergencia, quiero el número") == "want numer."
    told = sp.analyzer.analysed("mi jefe me va a regañar, ¿cuántas sesiones son?")
    assert told.endswith("?") and "." in told
    # What follows "pero" is what the sentence turns to: never dropped.
    kept = sp.analyzer.analysed("no duermo bien, pero la migraña no se quita. ¿y eso?")
    assert "migran" in kept


def test_spanish_words_with_two_senses_are_read_in_context() -> None:
    faq = load_faq(FAQ_PATH)
    sp = build_spanish(faq)
    assert sp is not None
    # "queda" is a place only after "donde": "la tristeza que me queda" is
    # what is left over, not the clinic's address.
    leftover = sp.analyzer.analysed("quiero tratar la tristeza que me queda")
    place = sp.analyzer.analysed("¿dónde queda la clínica?")
    assert sp.analyzer.analysed("¿dónde está su ubicación?").split()[-2] in place
    assert not set(leftover.split()) & set(place.split()) - {"what", "want"}
    # "hablo" (to ring) is the telephone; "hable", "hablan" stay "speak".
    rings = sp.analyzer.tokens("a qué número les hablo")
    speaks = sp.analyzer.tokens("alguien que hable inglés")
    assert set(rings) & set(sp.analyzer.tokens("a qué número llamo")) >= {"llam"}
    assert "llam" not in speaks


@pytest.mark.parametrize(
    ("text", "faq_id"),
    [
        # The story (nausea, vomiting) pulls toward another entry; the
        # question, read alone, is answered with one the whole message names.
        (
            "uy qué vergüenza, me dieron náuseas y vomité enfrente de mi suegra. "
            "¿cuántas etapas tiene la migraña?",
            "migraine-phases",
        ),
        # "guacarear" (to throw up) and "¿es normal...?" about a symptom.
        (
            "con la migraña siempre termino guacareando, "
            "¿es normal vomitar con migraña?",
            "migraine-vs-headache",
        ),
    ],
)
def test_a_spanish_question_drowned_by_its_story_is_read_alone(
    assistant, text, faq_id
) -> None:
    reply = assistant.classify(text)
    assert (reply.status, reply.faq_id) == ("answered", faq_id)


def test_a_story_of_symptoms_does_not_choose_the_answer_for_a_thin_question(
    assistant,
) -> None:
    # The words of the story (vomiting, nausea) must not answer "how many
    # stages?" with the symptoms entry: it is offered at most.
    reply = assistant.classify(
        "qué asco, vomité en el baño del trabajo por la migraña. ¿cuántas etapas tiene?"
    )
    assert reply.faq_id != "migraine-vs-headache"


@pytest.mark.parametrize(
    ("text", "faq_id"),
    [
        # A child in the story, a question about migraine itself: the
        # eligibility topic (who may be treated) has nothing to stop.
        (
            "a mi hijo le empezaron las migrañas a los 8, ya lo revisó el "
            "pediatra. ¿es común la migraña en niños?",
            "migraine-prevalence",
        ),
        # Health history matters to a treatment, not to the address.
        ("tengo la presión alta. ¿dónde están ubicados?", "clinic-locations"),
    ],
)
def test_spanish_topics_in_the_story_keep_the_english_scope(
    assistant, text, faq_id
) -> None:
    reply = assistant.classify(text)
    assert (reply.status, reply.faq_id) == ("answered", faq_id)


@pytest.mark.parametrize(
    "text",
    [
        "a mi hija le dan migrañas muy fuertes, ¿ustedes atienden niños?",
        "a mi hijo le dan migrañas, ¿le pueden poner la infusión?",
        "tengo la presión alta, ¿la ketamina me sirve para la migraña?",
        "¿atienden a menores de 18?",
    ],
)
def test_spanish_scoped_topics_still_stop_what_they_concern(assistant, text) -> None:
    reply = assistant.classify(text)
    assert reply.status == "unmatched"
    assert reply.faq_id is None


@pytest.mark.parametrize(
    ("text", "faq_id"),
    [
        # "eso" stands for the condition the story named before the question.
        (
            "a mi abuela y a mi tía les daba migraña y a mí también me da, "
            "¿eso se hereda?",
            "migraine-causes",
        ),
        (
            "tengo migrañas fuertes casi cada semana, que hacen ustedes para eso",
            "clinic-services",
        ),
        # A treatment asked about alone is asked about for the story's
        # condition, the surest one it names ("fibromialgia" over "dolor").
        (
            "mi esposo tiene fibromialgia desde hace años, nada le quita el "
            "dolor. ¿la ketamina le funcionaría?",
            "ketamine-chronic-pain",
        ),
        (
            "mi suegra sigue con dolor desde que se cayó, ¿la ketamina le ayudaría?",
            "ketamine-chronic-pain",
        ),
        # "las ganas de morirse" is the suicidal thoughts the depression
        # answer names.
        (
            "dicen que la ketamina quita las ganas de morirse, ¿es verdad eso?",
            "ketamine-depression",
        ),
    ],
)
def test_a_spanish_question_about_the_story_reads_the_story_subject(
    assistant, text, faq_id
) -> None:
    reply = assistant.classify(text)
    assert (reply.status, reply.faq_id, reply.lang) == ("answered", faq_id, "es")


def test_a_pointing_question_names_the_story_subject_in_its_tokens() -> None:
    from faqbot.message import analyse

    sp = build_spanish(load_faq(FAQ_PATH))
    whole = sp.analyzer.analysed("mi papá tiene depresión, ¿ustedes tratan eso?")
    asked = whole.split(". ")[-1].rstrip("?").split()
    assert stem_es("depresion") in asked
    # With nothing named before it, "eso" stays unresolved, and the question
    # is never read alone.
    assert sp.analyzer.points_back(analyse("me pasó algo raro anoche, ¿eso es grave?"))
    assert not sp.analyzer.points_back(
        analyse("mi papá tiene depresión, ¿ustedes tratan eso?")
    )


def test_a_softened_request_mid_sentence_starts_the_question(assistant) -> None:
    # No comma before "solamente quería saber": the reassurance before it is
    # a denial of its own, dropped, and the question keeps its answer.
    reply = assistant.classify(
        "no me quiero morir ni nada relájense jaja solamente quería saber si "
        "la ketamina sirve con la depre"
    )
    assert (reply.status, reply.faq_id) == ("answered", "ketamine-depression")


@pytest.mark.parametrize(
    "text",
    [
        "el folleto dice que casi todos mejoran, ¿es cierto?",
        "leí en un blog que la infusión quita la migraña en una hora, ¿es verdad?",
        # "eso" in "¿eso es cierto?" is the whole claim, not the ketamine.
        "oí que la ketamina deja a uno viendo cosas por días, ¿eso es cierto?",
    ],
)
def test_a_spanish_question_that_only_asks_if_it_is_so_is_not_read_alone(
    assistant, text
) -> None:
    # "¿es cierto?" has no words of its own: read alone it would be answered
    # with whatever its spelling resembles, so staff take it.
    reply = assistant.classify(text)
    assert reply.status != "answered"


@pytest.mark.parametrize(
    ("text", "faq_id"),
    [
        # Dying of curiosity is an exclamation; laughter is no word at all.
        (
            "jajaja me muero por saber si el tratamiento lo hacen solo para mí",
            "treatment-plan",
        ),
    ],
)
def test_figures_of_dying_and_laughter_do_not_dilute_a_spanish_question(
    assistant, text, faq_id
) -> None:
    reply = assistant.classify(text)
    assert (reply.status, reply.faq_id) == ("answered", faq_id)
    assert reply.risk != "crisis"


def test_an_indirect_spanish_question_without_a_mark_is_still_asked(assistant) -> None:
    # No "?" anywhere: "preguntó si ..." frames the question all the same.
    reply = assistant.classify(
        "en el trabajo alguien preguntó si la ketamina es lo mismo que un anestésico"
    )
    assert (reply.status, reply.faq_id) == ("answered", "ketamine-what-is")
