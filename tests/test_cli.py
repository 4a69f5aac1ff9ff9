"""The faqbot command: one-line errors, real output."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from faqbot.cli import main
from faqbot.storage import Store, asks

from .conftest import FAQ_PATH, QUESTIONS_PATH


def run(settings, *args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), obj=settings, input=input)


def test_ask_prints_the_answer(settings) -> None:
    result = run(settings, "ask", "where are you located?")
    assert result.exit_code == 0, result.output
    assert "[answered] clinic-locations" in result.output
    assert "Santa Monica" in result.output


def test_ask_json_is_the_api_shape(settings) -> None:
    result = run(settings, "ask", "--json", "how much does it cost")
    body = json.loads(result.output)
    assert body["status"] == "unmatched"
    assert body["phone"] == {"display": "833-867-2329", "tel": "+18338672329"}


def test_ask_records_only_when_asked(settings) -> None:
    run(settings, "init-db")
    run(settings, "ask", "where are you located?")
    store = Store(settings.sqlalchemy_url)
    assert store.count(asks) == 0
    run(settings, "ask", "--record", "where are you located?")
    assert store.count(asks) == 1


def test_ask_explain_shows_tokens(settings) -> None:
    result = run(settings, "ask", "--explain", "ketamin 4 migranes")
    assert "tokens:" in result.output and "ketamine" in result.output


def test_ask_explain_shows_the_analysed_message(settings) -> None:
    result = run(
        settings, "ask", "--explain", "I've tried Botox. Wat r the side efects?"
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("message:")
    assert lines[start + 1 : start + 8] == [
        "  normalized: 'i have tried botox what are the side efects'",
        "  words: i have tried botox what are the side efects",
        "  language: en",
        "  sentences:",
        "    . \"I've tried Botox.\" -> 'i have tried botox'",
        "    ? 'Wat r the side efects?' -> 'what are the side efects'",
        "  corrections: efects -> effects",
    ]


def test_ask_explain_names_the_language_it_answers_in(settings) -> None:
    result = run(settings, "ask", "--explain", "¿Cuánto dura el efecto?")
    assert "  language: es" in result.output.splitlines()
    assert "  corrections: none" in result.output.splitlines()


def test_empty_question_is_a_one_line_error(settings) -> None:
    result = run(settings, "ask", "   ")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: the question is empty"


def test_check_passes_the_shipped_faq(settings) -> None:
    result = run(settings, "check")
    assert result.exit_code == 0, result.output
    assert "OK (" in result.output


def test_check_names_the_problem_and_fails(settings, tmp_path: Path) -> None:
    shutil.copytree(FAQ_PATH.parent, tmp_path / "faq")
    bad = tmp_path / "faq" / "faq.yaml"
    bad.write_text(
        bad.read_text().replace("id: clinic-name", "id: clinic-locations", 1)
    )
    result = run(settings, "check", str(bad))
    assert result.exit_code == 1
    assert "entry 'clinic-locations': field 'id': is a duplicate id" in result.output


def test_broken_faq_path_is_a_one_line_error(settings, tmp_path: Path) -> None:
    result = run(settings.replace(faq_path=str(tmp_path / "nope.yaml")), "ask", "hi")
    assert result.exit_code == 1
    assert "cannot read" in result.output
    assert "Traceback" not in result.output


def test_eval_meets_targets_and_prints_the_table(settings) -> None:
    result = run(settings, "eval", str(QUESTIONS_PATH), "--baseline", "--quiet")
    assert result.exit_code == 0, result.output
    for metric in (
        "accuracy",
        "false_answer_rate",
        "crisis_recall",
        "crisis_false_positives",
    ):
        assert metric in result.output
    assert "baseline" in result.output
    assert "all targets met" in result.output


def test_eval_gates_replace_the_targets_and_split_by_author(
    settings, tmp_path: Path
) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text(
        "cases:\n"
        "  - {q: where are your clinics located, expect: clinic-locations, author: A}\n"
        "  - {q: where are your clinics located, expect: clinic-name, author: B}\n"
    )
    passing = run(settings, "eval", str(path), "--min-accuracy", "0.5")
    assert passing.exit_code == 0, passing.output
    assert "crisis_recall" in passing.output and ">= 100" not in passing.output
    assert re.search(r"^  A\s+1\s+100\.0%", passing.output, re.M)
    assert re.search(r"^  B\s+1\s+0\.0%", passing.output, re.M)
    assert re.search(r"^  clinic-name\s+clinic-locations\s+1$", passing.output, re.M)
    failing = run(settings, "eval", str(path), "--max-false-answers", "0.1")
    assert failing.exit_code == 1


def test_eval_rejects_unknown_ids(settings, tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text("cases:\n  - q: hello\n    expect: no-such-entry\n")
    result = run(settings, "eval", str(path))
    assert result.exit_code == 1
    assert "unknown id 'no-such-entry'" in result.output


def test_init_db_is_idempotent(settings) -> None:
    assert run(settings, "init-db").exit_code == 0
    result = run(settings, "init-db")
    assert result.exit_code == 0 and "database ready" in result.output


def test_init_db_reports_an_unreachable_database(settings) -> None:
    bad = settings.replace(database_url="postgresql://nobody@127.0.0.1:1/none")
    result = run(bad, "init-db")
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot initialise the database")


def test_settings_lists_every_variable(settings) -> None:
    result = run(settings, "settings")
    assert "FAQBOT_SECRET_KEY" in result.output and "DATABASE_URL" in result.output
