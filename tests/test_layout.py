"""Project-level promises: the core stays free of Flask, the README stays true."""

from __future__ import annotations

import re
import subprocess
import sys

from faqbot.config import describe

from .servers import ROOT

CORE = [
    "config",
    "faq",
    "faqcheck",
    "text",
    "message",
    "lexicon",
    "spelling",
    "classifier",
    "matching",
    "safety",
    "smalltalk",
    "ask",
    "storage",
    "spool",
    "recovery",
    "evaluation",
    "gsm",
    "textmsg",
    "contact",
    "accounts",
    "audit",
    "review",
    "curation",
    "insights",
    "notify",
    "retention",
]


def test_core_imports_no_web_framework() -> None:
    code = (
        "import sys\n"
        + "".join(f"import faqbot.{m}\n" for m in CORE)
        + "web = ('flask', 'twilio', 'click', 'werkzeug')\n"
        + "bad = [m for m in web if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text()
    rows = set(re.findall(r"^\| `([A-Z_]+)` \|", readme, re.M))
    declared = {r["env"] for r in describe()}
    assert declared <= rows, f"missing from README: {sorted(declared - rows)}"
    assert rows <= declared, f"README lists unknown settings: {sorted(rows - declared)}"


def test_procfile_runs_the_app_factory_and_init_db() -> None:
    procfile = (ROOT / "Procfile").read_text()
    assert "web: gunicorn 'faqbot.app:create_app()'" in procfile
    assert "release: faqbot init-db" in procfile
