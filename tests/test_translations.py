"""The Spanish translation (faq/es.yaml): shape, facts, SMS limits, export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from faqbot.cli import main
from faqbot.faq import FaqError, load_faq
from faqbot.gsm import is_gsm7, segments
from faqbot.translations import (
    check_translation,
    load_translation,
    translation_path,
)

from .conftest import FAQ_PATH

ES_PATH = translation_path(FAQ_PATH, "es")


@pytest.fixture(scope="module")
def faq():
    return load_faq(FAQ_PATH)


def test_the_shipped_translation_is_clean(faq) -> None:
    assert check_translation(ES_PATH, faq) == []
    tr = load_translation(ES_PATH, faq)
    assert set(tr.entries) == set(faq.by_id)
    assert set(tr.smalltalk) == {t.id for t in faq.smalltalk}


def test_every_spanish_sms_fits_two_gsm7_segments_with_the_number(faq) -> None:
    tr = load_translation(ES_PATH, faq)
    phone = faq.clinic.phone.display
    texts = [e.sms for e in tr.entries.values()]
    texts += [m.sms for m in tr.messages.values() if m.sms]
    texts += [m.sms for m in tr.sms_texts.values()]
    for text in texts:
        full = tr.sms_with_phone(text, phone)
        assert is_gsm7(full) and segments(full) <= 2, text
        assert phone in full


def test_crisis_texts_name_988_in_spanish_and_911(faq) -> None:
    tr = load_translation(ES_PATH, faq)
    crisis = tr.messages["crisis"]
    assert "Línea 988 de Prevención del Suicidio y Crisis" in crisis.web
    assert "988" in crisis.sms and "911" in crisis.sms and "911" in crisis.web


def _tampered(tmp_path: Path, old: str, new: str) -> Path:
    text = ES_PATH.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "es.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "el 75% de los participantes tuvo alivio después",
            "el 80% de",
            "states '80', which the English does not",
        ),
        (
            "el 75% de los participantes tuvo alivio después",
            "la mayoría tuvo",
            "leaves out '75', which the English states",
        ),
        (
            "Llámenos al 833-867-2329 para hablar",
            "Llámenos para hablar",
            "must keep the phone number 833-867-2329",
        ),
        (
            "Estamos en Los Angeles y Santa Monica. Para la dirección",
            "Estamos en Los Ángeles y Santa Mónica. Para la dirección",
            "must keep the name 'Los Angeles'",
        ),
        (
            'sms: "Una migraña puede durar',
            'sms: "Una migraña púede durar',
            "has characters outside GSM-7: 'ú'",
        ),
        (
            'sms: "Puede comunicarse con nuestro equipo por telefono.',
            'sms: "' + "Puede comunicarse con nuestro equipo por telefono. " * 6,
            "SMS segments; the limit is 2",
        ),
        (
            "reviewed: false\n\n  - id: migraine-duration",
            "reviewed: maybe\n\n  - id: migraine-duration",
            "must be true or false",
        ),
    ],
)
def test_a_wrong_translation_is_named(faq, tmp_path, old, new, message) -> None:
    problems = check_translation(_tampered(tmp_path, old, new), faq)
    assert any(message in str(p) for p in problems), problems


def test_a_missing_entry_is_named(faq, tmp_path) -> None:
    path = _tampered(tmp_path, "  - id: clinic-contact", "  - id: clinic-kontakt")
    with pytest.raises(FaqError) as err:
        load_translation(path, faq)
    text = str(err.value)
    assert "entry 'clinic-kontakt': field 'id': is not an entry" in text
    assert "entry 'clinic-contact': has no translation" in text


def test_check_runs_the_translation_check(settings, tmp_path) -> None:
    shutil.copytree(FAQ_PATH.parent, tmp_path / "faq")
    es = tmp_path / "faq" / "es.yaml"
    es.write_text(es.read_text().replace("de 2017", "de 2019", 1))
    result = CliRunner().invoke(main, ["check", str(tmp_path / "faq" / "faq.yaml")])
    assert result.exit_code == 1
    assert "states '2019', which the English does not" in result.output
    ok = CliRunner().invoke(main, ["check"], obj=settings)
    assert ok.exit_code == 0, ok.output
    assert "es.yaml: OK (22 entries" in ok.output


def test_export_prints_both_languages_side_by_side(settings) -> None:
    result = CliRunner().invoke(main, ["translations", "export"], obj=settings)
    assert result.exit_code == 0, result.output
    assert "== clinic-locations: answer [NOT REVIEWED]" in result.output
    assert "  en: We're located in Los Angeles and Santa Monica." in result.output
    assert "  es: Estamos en Los Angeles y Santa Monica." in result.output
    assert "not yet reviewed" in result.output.splitlines()[-1]
