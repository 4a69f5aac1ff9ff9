"""Staff pages and languages (issue 10): item badges, themes, stats."""

from __future__ import annotations

import re


def test_items_show_their_language(staff_client, staff_app) -> None:
    ask = staff_app.extensions["faqbot"].assistant.ask
    es = ask("¿Aceptan seguro médico?", "web")
    en = ask("do you take insurance", "web")
    assert (es.lang, en.lang) == ("es", "en")
    assert "español" in staff_client.get(f"/staff/item/{es.handoff_id}").text
    queue = staff_client.get("/staff/").text
    assert queue.count("español") == 1 and "English" in queue


def test_themes_never_mix_languages(staff_client, staff_app) -> None:
    ask = staff_app.extensions["faqbot"].assistant.ask
    for q in [
        "cuanto cuesta la infusion",
        "¿Qué precio tiene el tratamiento?",
        "cuanto cobran por sesion",
        "how much does it cost",
        "what's the price of a ketamine infusion",
    ]:
        assert ask(q, "web").status == "unmatched"
    page = staff_client.get("/staff/themes").text
    groups = re.findall(
        r'class="count">(\d+)</span> open questions? about “([^”]+)”'
        r'( <span class="badge lang">español</span>)?',
        page,
    )
    assert ("3", "cost", ' <span class="badge lang">español</span>') in groups
    assert ("2", "cost", "") in groups


def test_stats_split_by_language(staff_client, staff_app) -> None:
    ask = staff_app.extensions["faqbot"].assistant.ask
    ask("¿Qué es la ketamina?", "web")
    ask("donde estan ubicados", "web")
    ask("what is ketamine", "web")
    ask("A cetamina pode ajudar com minhas enxaquecas?", "web")
    page = staff_client.get("/staff/stats").text
    section = page[page.index('id="by-language"') :]
    assert "2</span> Spanish: 2 answered, 0 to staff" in section
    assert "1</span> English: 1 answered, 0 to staff" in section
    assert "1</span> Other languages: 0 answered, 1 to staff" in section
