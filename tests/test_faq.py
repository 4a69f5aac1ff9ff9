"""The shipped FAQ and the checks that guard it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from faqbot.faq import FaqError, load_faq
from faqbot.faqcheck import check_faq
from faqbot.gsm import is_gsm7

from .conftest import FAQ_PATH

REQUIRED_IDS = """
migraine-vs-headache migraine-prevalence migraine-warning-signs migraine-phases
migraine-duration migraine-causes migraine-impact migraine-standard-treatment
ketamine-what-is ketamine-for-migraine ketamine-migraine-results
ketamine-relief-duration ketamine-infusion-course ketamine-prolonged-aura
ketamine-chronic-pain ketamine-depression book-appointment clinic-locations
clinic-services clinic-name treatment-plan
""".split()


@pytest.fixture(scope="module")
def faq():
    return load_faq(FAQ_PATH)


def test_shipped_faq_passes_every_check() -> None:
    assert check_faq(FAQ_PATH) == []


def test_required_entries_exist(faq) -> None:
    assert set(REQUIRED_IDS) <= set(faq.by_id)


def test_clinic_details_come_from_the_article(faq) -> None:
    assert faq.clinic.name == "Bespoke Treatment"
    assert faq.clinic.former_name == "TMS & Brain Health"
    assert faq.clinic.phone.display == "833-867-2329"
    assert faq.clinic.phone.e164 == "+18338672329"
    assert set(faq.clinic.locations) == {"Los Angeles", "Santa Monica"}
    for fact in ("Los Angeles", "Santa Monica", "833-867-2329", "TMS & Brain Health"):
        assert fact in faq.source_text


def test_source_copy_matches_the_shared_article() -> None:
    shared = (
        Path(__file__).resolve().parents[2]
        / "shared/source/ketamine-migraine-article.txt"
    )
    ours = FAQ_PATH.parent / "source" / "ketamine-migraine-article.txt"
    assert ours.exists()
    if shared.exists():
        assert ours.read_text() == shared.read_text()


@pytest.mark.parametrize("entry_id", REQUIRED_IDS)
def test_every_entry_is_complete(faq, entry_id: str) -> None:
    e = faq.by_id[entry_id]
    assert len(e.alternates) >= 12, "patients phrase things many ways"
    assert is_gsm7(e.sms) and len(e.sms) <= 300
    assert e.section
    assert (e.answer and e.answer != e.sms) or len(e.answer) < 300


def test_crisis_text_names_988_911_and_the_clinic(faq) -> None:
    for text in (faq.crisis_web, faq.crisis_sms):
        assert "988" in text and "911" in text and "833-867-2329" in text


def _write(tmp_path: Path, mutate=None, phrasings=None) -> Path:
    """A copy of the shipped FAQ, ``mutate`` applied to faq.yaml's data and
    ``phrasings`` to phrasings.yaml's."""
    for name, change in (("faq.yaml", mutate), ("phrasings.yaml", phrasings)):
        data = yaml.safe_load((FAQ_PATH.parent / name).read_text())
        if change is not None:
            change(data)
        (tmp_path / name).write_text(yaml.safe_dump(data, sort_keys=False))
    for name in ("vocabulary.yaml", "classifier.json"):
        shutil.copy(FAQ_PATH.parent / name, tmp_path)
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "ketamine-migraine-article.txt").write_text(
        (FAQ_PATH.parent / "source" / "ketamine-migraine-article.txt").read_text()
    )
    return tmp_path / "faq.yaml"


def _entry(data: dict, entry_id: str) -> dict:
    return next(e for e in data["entries"] if e["id"] == entry_id)


def test_an_invented_number_fails_the_provenance_check(tmp_path: Path) -> None:
    def mutate(d: dict) -> None:
        _entry(d, "ketamine-migraine-results")["answer"] += (
            " About 85% of patients loved it."
        )

    problems = [str(p) for p in check_faq(_write(tmp_path, mutate))]
    assert any(
        "ketamine-migraine-results" in p and "'answer'" in p and "'85'" in p
        for p in problems
    ), problems


def test_sms_outside_gsm7_or_too_long_is_named(tmp_path: Path) -> None:
    def mutate(d: dict) -> None:
        _entry(d, "clinic-locations")["sms"] = "We\u2019re in Los Angeles \U0001f600"
        _entry(d, "clinic-name")["sms"] = "x" * 301

    problems = [str(p) for p in check_faq(_write(tmp_path, mutate))]
    assert any("clinic-locations" in p and "GSM-7" in p for p in problems), problems
    assert any("clinic-name" in p and "301 characters" in p for p in problems), problems


def test_duplicate_ids_and_missing_fields_are_named(tmp_path: Path) -> None:
    def mutate(d: dict) -> None:
        d["entries"].append(dict(_entry(d, "clinic-name")))
        del _entry(d, "clinic-locations")["sms"]

    with pytest.raises(FaqError) as info:
        load_faq(_write(tmp_path, mutate))
    text = str(info.value)
    assert re.search(
        r"faq\.yaml: entry 'clinic-name': field 'id': is a duplicate id", text
    )
    assert re.search(r"entry 'clinic-locations': field 'sms': is missing", text)


def test_an_alternate_that_belongs_elsewhere_is_flagged(tmp_path: Path) -> None:
    def mutate(d: dict) -> None:
        # A phrasing of the locations entry, filed under the name-change entry.
        d["entries"]["clinic-name"]["alternates"].append(
            "where are your offices located"
        )

    problems = [str(p) for p in check_faq(_write(tmp_path, phrasings=mutate))]
    assert any(
        "clinic-name" in p
        and "where are your offices located" in p
        and "clinic-locations" in p
        for p in problems
    ), problems


def test_an_alternate_that_raises_a_handoff_topic_is_flagged(tmp_path: Path) -> None:
    def mutate(d: dict) -> None:
        d["entries"]["ketamine-infusion-course"]["alternates"].append(
            "how much does the infusion course cost"
        )

    problems = [str(p) for p in check_faq(_write(tmp_path, phrasings=mutate))]
    assert any(
        "ketamine-infusion-course" in p and "handoff topic 'cost'" in p
        for p in problems
    ), problems


def test_broken_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "faq.yaml"
    path.write_text("entries:\n  - id: x\n   bad: [\n")
    problems = [str(p) for p in check_faq(path)]
    assert problems and "not valid YAML at line" in problems[0]


def test_the_vetted_file_is_short_and_holds_no_matcher_data() -> None:
    data = yaml.safe_load(FAQ_PATH.read_text())
    assert len(FAQ_PATH.read_text().splitlines()) <= 400, "reviewable in one sitting"
    assert not {"synonyms", "handoff_topics", "thresholds"} & set(data)
    for entry in data["entries"]:
        assert set(entry) <= {"id", "question", "answer", "sms", "section"}
    assert all("patterns" not in s for s in data["smalltalk"])


def test_the_matcher_files_load_with_the_faq(faq) -> None:
    assert [Path(f).name for f in faq.files] == [
        "faq.yaml",
        "phrasings.yaml",
        "vocabulary.yaml",
    ]
    assert Path(faq.phrasings_path).name == "phrasings.yaml"
    assert faq.synonyms and faq.handoff_topics and faq.context_topics
    assert all(len(s.patterns) >= 5 for s in faq.smalltalk)
    assert faq.thresholds.answer > faq.thresholds.clarify


def test_problems_in_the_matcher_files_name_them(tmp_path: Path) -> None:
    def mutate(d: dict) -> None:
        d["entries"]["no-such-entry"] = {"alternates": ["x"]}
        d["entries"]["clinic-name"]["notes"] = ["y"]
        d["smalltalk"]["weather-chat"] = ["nice day"]

    with pytest.raises(FaqError) as info:
        load_faq(_write(tmp_path, phrasings=mutate))
    text = str(info.value)
    assert "phrasings.yaml: entry 'no-such-entry': names no entry in the FAQ" in text
    assert "phrasings.yaml: entry 'clinic-name': field 'notes'" in text
    assert "phrasings.yaml: field 'smalltalk.weather-chat'" in text
    (tmp_path / "vocabulary.yaml").write_text("synonyms: [oops\n")
    problems = [str(p) for p in check_faq(tmp_path / "faq.yaml")]
    assert problems and "vocabulary.yaml: is not valid YAML" in problems[0]


def test_a_not_example_that_can_never_count_is_flagged(tmp_path) -> None:
    def mutate(d: dict) -> None:
        d["entries"]["clinic-locations"]["not"].append("where are your clinics in la")

    problems = [str(p) for p in check_faq(_write(tmp_path, phrasings=mutate))]
    assert any(
        "clinic-locations" in p and "'not'" in p and "no word" in p for p in problems
    ), problems


def test_a_topic_scope_must_name_entries_the_faq_has(tmp_path) -> None:
    for name in ("faq.yaml", "phrasings.yaml", "vocabulary.yaml", "classifier.json"):
        shutil.copy(FAQ_PATH.parent / name, tmp_path / name)
    shutil.copytree(FAQ_PATH.parent / "source", tmp_path / "source")
    voc = tmp_path / "vocabulary.yaml"
    voc.write_text(
        voc.read_text().replace("  minors: [ketamine-*,", "  minors: [no-such-*,", 1)
    )
    with pytest.raises(FaqError, match="no-such-"):
        load_faq(tmp_path / "faq.yaml")
