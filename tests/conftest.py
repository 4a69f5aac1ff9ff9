"""Shared fixtures: settings, app, client, CLI runner, and real database servers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from faqbot.app import create_app
from faqbot.config import Settings
from faqbot.storage import Store

from .servers import ROOT, Postgres, Redis, pg_bindir, require

# Staff fixtures (accounts, logged-in clients, a movable clock), Chromium, and
# the widget's browser tests' clinic sites and bots.
pytest_plugins = ["tests.staffkit", "tests.browser", "tests.widgetkit"]

FAQ_PATH = ROOT / "faq" / "faq.yaml"
QUESTIONS_PATH = ROOT / "tests" / "data" / "questions.yaml"
# The keys of every /api/ask reply, whatever its status.
REPLY_KEYS = {
    "status",
    "risk",
    "answer",
    "faq_id",
    "question",
    "score",
    "suggestions",
    "phone",
    "lang",
}


def make_settings(tmp: Path, **changes: object) -> Settings:
    """Settings for one test: a fresh SQLite file, the real FAQ, no rate limit."""
    base = Settings(
        database_url=f"sqlite:///{tmp / 'faqbot.sqlite3'}",
        faq_path=str(FAQ_PATH),
        secret_key="test-secret-key-" + "k" * 32,
        spool_path=str(tmp / "spool.jsonl"),
        secure_cookies=False,
        rate_limit="off",
        faq_reload_seconds=0,
        # No background spool importer unless a test asks for one.
        spool_replay_seconds=0,
    )
    return base.replace(**changes)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def app(settings: Settings):
    app = create_app(settings)
    app.config["TESTING"] = True
    yield app
    app.extensions["faqbot"].store.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def store(app) -> Store:
    return app.extensions["faqbot"].store


@pytest.fixture
def runner(settings: Settings) -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Postgres]:
    """One real PostgreSQL cluster for the whole run."""
    bindir = pg_bindir()
    require("PostgreSQL", bindir is not None)
    assert bindir is not None
    server = Postgres(bindir).init().start()
    yield server
    server.destroy()


@pytest.fixture
def pg_url(postgres_server: Postgres) -> str:
    """A fresh, empty database on the real server."""
    return postgres_server.create_database(f"t_{uuid.uuid4().hex[:12]}")


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each storage test runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def redis_server() -> Iterator[Redis]:
    """One real Redis server for the whole run."""
    import shutil

    require("Redis", shutil.which("redis-server") is not None)
    server = Redis().start()
    yield server
    server.stop()
