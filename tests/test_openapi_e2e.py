"""schemathesis against the app under gunicorn (the Procfile's command), with
docs/openapi.yaml: valid and invalid requests generated from the document for
every operation; no 500, and every status, content type and body as
documented. /sms takes unsigned posts here (FAQBOT_SMS_ALLOW_UNSIGNED=1, as in
local development); tests/test_bad_input.py signs them."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .conftest import FAQ_PATH
from .servers import ROOT, Gunicorn

pytestmark = pytest.mark.e2e

OPENAPI = ROOT / "docs" / "openapi.yaml"
schema = schemathesis.openapi.from_path(OPENAPI)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("openapi")
    server = Gunicorn(
        env={
            "DATABASE_URL": f"sqlite:///{tmp / 'faqbot.sqlite3'}",
            "FAQBOT_FAQ_PATH": str(FAQ_PATH),
            "FAQBOT_SECRET_KEY": "schemathesis-" + "k" * 32,
            "FAQBOT_SMS_ALLOW_UNSIGNED": "1",
            "FAQBOT_SPOOL_PATH": str(tmp / "spool.jsonl"),
            "FAQBOT_RATE_LIMIT": "off",
            "FAQBOT_LOG_LEVEL": "WARNING",
        },
        workers=2,
    ).start()
    yield server
    server.stop()


@schema.parametrize()
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_behaves_as_documented(case, live) -> None:
    case.call_and_validate(base_url=live.url, checks=CHECKS, timeout=30)
