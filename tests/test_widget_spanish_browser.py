"""The chat widget in Spanish, in real headless Chromium against gunicorn.

Clinic pages are served from another origin (``Site``): a page with
``<html lang="es">``, an English page whose script tag says ``data-lang="es"``,
an English page where the patient writes in Spanish, and a site that may not
embed the chat (the loader's own panel). axe-core checks the Spanish widget.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import AXE_RUN, screenshot
from .widgetkit import (
    CLINIC_TEL,
    WAIT_FOR_FAILURE,
    Site,
    ask,
    chat_frame,
    launcher,
    open_chat,
    saved_chat,
    shadow_focus,
)

pytestmark = pytest.mark.e2e

SPANISH_GREETING = "Pregúnteme sobre las migrañas"
ENGLISH_GREETING = "Bespoke Treatment automated assistant"


def embed(page, site: Site, bot_url: str, lang: str = "es", attrs: str = "") -> None:
    """A clinic page in ``lang`` with the one-line embed."""
    site.html = (
        f"<!doctype html><html lang={lang}><head><title>Clínica</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "</head><body><main><h1>Clínica</h1><p>Bienvenido.</p></main>"
        f'<script src="{bot_url}/widget.js" async {attrs}></script></body></html>'
    )
    page.goto(site.origin + "/")


def axe(page, chat: bool = True) -> list[str]:
    """Serious or critical axe violations in the page (and its chat frame)."""
    found = []
    for frame in (page.main_frame, chat_frame(page)) if chat else (page.main_frame,):
        frame.add_script_tag(content=AXE)
        found += frame.evaluate(AXE_RUN)
    return found


AXE = ""


@pytest.fixture(autouse=True)
def _axe(axe_source):
    global AXE
    AXE = axe_source


def expect_spanish_chrome(chat) -> None:
    """The chat's own texts, outside the conversation, in Spanish."""
    expect(chat.locator("html")).to_have_attribute("lang", "es")
    expect(chat.locator("#q")).to_have_attribute("placeholder", "Escriba su pregunta")
    expect(chat.get_by_label("Su pregunta")).to_be_visible()
    expect(chat.locator("button.send")).to_have_text("Enviar")
    expect(chat.locator(".foot")).to_contain_text("En una emergencia, llame al 911")
    expect(chat.get_by_role("button", name="Cerrar el chat")).to_be_visible()
    group = chat.get_by_role("group", name="Idioma")
    expect(group.get_by_role("button", name="ES Español")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(group.get_by_role("button", name="EN English")).to_have_attribute(
        "aria-pressed", "false"
    )


# --- a page in Spanish ----------------------------------------------------------------


def test_a_spanish_page_gets_the_whole_widget_in_spanish(bot, clinic, desktop) -> None:
    page = desktop
    embed(page, clinic, bot.url)
    expect(launcher(page)).to_have_accessible_name("¿Preguntas? Escríbanos")
    chat = open_chat(page)
    expect(launcher(page)).to_have_accessible_name("Cerrar el chat")
    expect_spanish_chrome(chat)
    intro = chat.locator(".msg.bot").first
    expect(intro).to_contain_text(SPANISH_GREETING)
    expect(intro.locator(".hint")).to_have_text("Preguntas frecuentes:")
    expect(intro.locator("button.choice")).to_have_count(4)
    expect(
        intro.get_by_role("button", name="¿Dónde están sus clínicas?")
    ).to_be_visible()

    # A question in Spanish: answered in Spanish, the number a tap-to-call link,
    # and the widget sends its language with it.
    with page.expect_request("**/api/ask") as sent:
        ask(chat, "¿Dónde están sus clínicas?")
    assert sent.value.post_data_json["lang"] == "es"
    answer = chat.locator(".msg.bot.answered")
    expect(answer).to_contain_text("Estamos en Los Angeles y Santa Monica")
    expect(answer.locator(CLINIC_TEL)).to_have_text("833-867-2329")
    expect(chat.locator(".msg.user").first).to_have_text(
        "Usted dijo: ¿Dónde están sus clínicas?"
    )

    # A handoff: the optional contact form in Spanish, its errors too.
    ask(chat, "¿Cuánto cuesta la infusión?")
    handoff = chat.locator(".msg.bot.unmatched")
    expect(handoff).to_contain_text("nuestro equipo de atención")
    toggle = handoff.get_by_role("button", name="Deje sus datos de contacto (opcional)")
    toggle.click()
    form = handoff.locator("form")
    expect(form.get_by_label("Su nombre (opcional)")).to_be_focused()
    form.get_by_label("Su nombre (opcional)").fill("Ana López")
    contact = form.get_by_label("Número de teléfono o correo electrónico")
    expect(form).to_contain_text("Por ejemplo, 310-555-0123 o nombre@ejemplo.com")
    contact.fill("llámeme")
    form.get_by_role("button", name="Enviar mis datos").click()
    expect(form.locator("[role=alert]")).to_have_text(
        "Marque la casilla para que nuestro equipo de atención pueda contactarlo."
    )
    form.get_by_label("Acepto que el equipo de atención me contacte").check()
    form.get_by_role("button", name="Enviar mis datos").click()
    expect(form.locator("[role=alert]")).to_contain_text(
        "Escriba un número de teléfono como 310-555-0123"
    )
    expect(contact).to_have_attribute("aria-invalid", "true")
    contact.fill("(310) 555-0123")
    form.get_by_role("button", name="Enviar mis datos").click()
    confirm = handoff.locator(".confirm")
    expect(confirm).to_have_text(
        "Gracias. Nuestro equipo de atención se comunicará con usted al (310) 555-0123."
    )
    expect(confirm).to_be_focused()
    handoff.scroll_into_view_if_needed()
    screenshot(page, "widget-es-handoff")

    # A crisis: the prominent box and its buttons in Spanish.
    ask(chat, "quiero morirme")
    crisis = chat.locator(".msg.crisis")
    expect(crisis).to_contain_text("Por favor, pida ayuda ahora")
    expect(crisis).to_contain_text("Línea 988 de Prevención del Suicidio")
    expect(crisis.locator('a[href="tel:988"]')).to_have_text("Llamar al 988")
    expect(crisis.locator('a[href="sms:988"]')).to_have_text("Enviar texto al 988")
    expect(crisis.locator('a[href="tel:911"]')).to_have_text("Llamar al 911")
    crisis.get_by_role("button", name="Deje un número y lo llamaremos").click()
    expect(crisis.locator("form")).to_be_visible()
    crisis.scroll_into_view_if_needed()
    screenshot(page, "widget-es-crisis")
    assert axe(page) == []

    # To English and back: the texts change, the conversation stays.
    chat.get_by_role("button", name="EN English").click()
    expect(chat.get_by_role("button", name="EN English")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(chat.locator("html")).to_have_attribute("lang", "en")
    expect(chat.locator("#q")).to_have_attribute("placeholder", "Type your question")
    expect(chat.locator("button.send")).to_have_text("Send")
    expect(chat.locator(".msg.bot").first).to_contain_text(ENGLISH_GREETING)
    expect(
        chat.get_by_role("button", name="Where are your clinics located?")
    ).to_be_visible()
    expect(crisis.locator('a[href="tel:988"]')).to_have_text("Call 988")
    expect(handoff.locator(".confirm")).to_have_text(
        "Thank you. Our care team will contact you at (310) 555-0123."
    )
    # What was said is kept as it was said.
    expect(chat.locator(".msg.bot.answered")).to_contain_text("Estamos en Los Angeles")
    expect(chat.locator(".msg.user")).to_have_count(3)
    expect(launcher(page)).to_have_accessible_name("Close chat")
    assert saved_chat(page)["lang"] == "en"
    with page.expect_request("**/api/ask") as sent:
        ask(chat, "where are you located")
    assert sent.value.post_data_json["lang"] == "en"
    expect(chat.locator(".msg.bot.answered")).to_have_count(2)
    assert axe(page) == []

    chat.get_by_role("button", name="ES Español").click()
    expect_spanish_chrome(chat)
    expect(chat.locator(".msg.bot").first).to_contain_text(SPANISH_GREETING)
    expect(chat.locator(".msg.user")).to_have_count(4)
    expect(chat.get_by_role("button", name="ES Español")).to_be_focused()
    screenshot(page, "widget-es")

    # The choice outlives a reload.
    page.reload()
    chat = page.frame_locator("#faqbot-frame")
    expect(chat.locator("#q")).to_have_attribute("placeholder", "Escriba su pregunta")
    expect(chat.locator(".msg.user")).to_have_count(4)


def test_a_failure_notice_in_spanish_names_the_number_911_and_988(
    bot, clinic, desktop
) -> None:
    page = desktop
    embed(page, clinic, bot.url)
    chat = open_chat(page)
    page.route("**/api/ask", lambda route: route.abort())
    ask(chat, "¿Cómo hago una cita?")
    notice = chat.locator("[role=status]")
    expect(notice).to_contain_text(
        "No pudimos comunicarnos con el asistente. Revise su conexión"
    )
    expect(notice).to_contain_text("También puede llamarnos al 833-867-2329.")
    expect(notice).to_contain_text(
        "En una emergencia, llame al 911. Si tiene pensamientos de suicidio"
    )
    expect(notice.locator(CLINIC_TEL)).to_have_text("833-867-2329")
    expect(notice.locator('a[href="tel:911"]')).to_have_text("911")
    expect(notice.locator('a[href="tel:988"]')).to_have_text("988")
    failed = chat.locator(".msg.user.failed")
    expect(failed).to_contain_text("No se envió.")
    screenshot(page, "widget-es-offline")
    assert axe(page) == []
    # The switch says the notice again in English.
    chat.get_by_role("button", name="EN English").click()
    expect(notice).to_contain_text("couldn't reach the assistant")
    expect(notice).to_contain_text("In an emergency call 911")
    chat.get_by_role("button", name="ES Español").click()
    page.unroute("**/api/ask")
    failed.get_by_role("button", name="Intentar de nuevo").click()
    expect(chat.locator(".msg.bot.answered")).to_be_visible()
    expect(chat.locator("[role=status]")).to_have_text("")


# --- other ways to Spanish ----------------------------------------------------------


def test_data_lang_es_on_an_english_page(bot, clinic, page) -> None:
    embed(page, clinic, bot.url, lang="en", attrs='data-lang="es"')
    expect(launcher(page)).to_have_accessible_name("¿Preguntas? Escríbanos")
    chat = open_chat(page)
    expect_spanish_chrome(chat)
    expect(chat.locator(".msg.bot").first).to_contain_text(SPANISH_GREETING)


def test_the_widget_follows_a_patient_who_writes_spanish(bot, clinic, page) -> None:
    embed(page, clinic, bot.url, lang="en")
    chat = open_chat(page)
    expect(chat.locator("#q")).to_have_attribute("placeholder", "Type your question")
    expect(chat.locator(".msg.bot").first).to_contain_text(ENGLISH_GREETING)
    ask(chat, "¿Dónde están sus clínicas?")
    expect(chat.locator(".msg.bot.answered")).to_contain_text("Santa Monica")
    expect_spanish_chrome(chat)
    expect(chat.locator(".msg.bot").first).to_contain_text(SPANISH_GREETING)
    assert saved_chat(page)["lang"] == "es"
    # A short reply stays in the conversation's language.
    with page.expect_request("**/api/ask") as sent:
        ask(chat, "ok")
    assert sent.value.post_data_json["lang"] == "es"
    expect(chat.locator(".msg.bot.smalltalk").last).to_contain_text("Avíseme")


def test_the_loaders_own_panel_is_in_the_pages_language(bot, stranger, desktop) -> None:
    page = desktop
    embed(page, stranger, bot.url)
    button = launcher(page)
    expect(button).to_be_visible(timeout=WAIT_FOR_FAILURE)
    expect(button).to_have_accessible_name("¿Preguntas? Escríbanos")
    button.click()
    panel = page.locator("#faqbot-fallback")
    expect(panel.get_by_role("heading")).to_have_text(
        "El chat no está disponible en este momento"
    )
    expect(panel).to_contain_text("Llámenos al 833-867-2329.")
    expect(panel).to_contain_text(
        "En una emergencia, llame al 911. Si tiene pensamientos de suicidio, "
        "llame o envíe un mensaje de texto al 988."
    )
    expect(panel.locator(CLINIC_TEL)).to_have_text("833-867-2329")
    expect(panel.locator('a[href="tel:911"]')).to_have_text("911")
    expect(panel.locator('a[href="tel:988"]')).to_have_text("988")
    expect(button).to_have_accessible_name("Cerrar")
    assert axe(page, chat=False) == []
    panel.get_by_role("button", name="Cerrar").click()
    expect(panel).to_be_hidden()
    assert shadow_focus(page) == "launcher"


def test_the_spanish_header_fits_a_phone(bot, clinic, browser) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        reduced_motion="reduce",
        bypass_csp=True,
    )
    try:
        page = context.new_page()
        embed(page, clinic, bot.url)
        launcher(page).tap()
        chat = page.frame_locator("#faqbot-frame")
        expect_spanish_chrome(chat)
        header = chat.locator("header.bar").bounding_box()
        for name in ("EN English", "ES Español", "Cerrar el chat"):
            box = chat.get_by_role("button", name=name).bounding_box()
            # Inside the header, and big enough to tap.
            assert box["x"] >= header["x"] and box["x"] + box["width"] <= 360
            assert box["width"] >= 44 and box["height"] >= 36
        chat.get_by_role("button", name="EN English").tap()
        english = "Type your question"
        expect(chat.locator("#q")).to_have_attribute("placeholder", english)
        chat.get_by_role("button", name="ES Español").tap()
        ask(chat, "¿Cómo hago una cita?")
        expect(chat.locator(".msg.bot.answered")).to_be_visible()
        screenshot(page, "widget-es-phone")
        assert axe(page) == []
    finally:
        context.close()
