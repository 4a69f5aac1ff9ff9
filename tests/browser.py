"""Real headless Chromium (Debian's package) driven by Playwright for Python.

Playwright's own browser download does not work here; the Debian build is
launched by its executable path with the flags a closed network needs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .servers import ROOT, require

ARTIFACTS = Path(os.environ.get("FAQBOT_ARTIFACTS", ROOT / "test-artifacts"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """Where the Debian chromium binary is, if installed."""
    return os.environ.get("FAQBOT_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole run."""
    path = chromium_path()
    require("Chromium", path is not None)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page (no shared storage between tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def desktop(browser):
    """A desktop page (1280 x 800); axe may be injected past the pages' CSP."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, bypass_csp=True
    )
    yield context.new_page()
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a PNG under test-artifacts/ for humans to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from the npm registry, installed once into the test venv."""
    prefix = Path(os.environ.get("FAQBOT_AXE_PREFIX", Path(sys.prefix) / "npm"))
    path = prefix / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists() and shutil.which("npm"):
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(prefix),
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "axe-core@4",
            ],
            check=True,
            timeout=300,
        )
    require("axe-core (npm)", path.exists())
    return path.read_text()


AXE_RUN = """async () => {
  const result = await axe.run(document, {
    resultTypes: ["violations"],
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                    "best-practice"]},
  });
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id} (${v.impact}): ${v.help} at ` +
              v.nodes.map(n => n.target.join(" ")).join(", "));
}"""
