"""Rate limits, CORS and settings checks for the public endpoints."""

from __future__ import annotations

import pytest

from faqbot.app import create_app
from faqbot.config import SettingsError

from .conftest import make_settings
from .servers import free_port

QUESTION = {"question": "where are you located", "session_id": "p1"}
CONTACT = {"session_id": "p1", "contact": "310-555-0123", "consent": True}


def limited_client(tmp_path, rate: str = "3 per hour", **changes):
    app = create_app(make_settings(tmp_path, rate_limit=rate, **changes))
    return app.test_client()


# --- rate limits ---------------------------------------------------------------


def test_the_limit_answers_429_in_the_json_shape_with_retry_after(tmp_path) -> None:
    client = limited_client(tmp_path)
    for _ in range(3):
        assert client.post("/api/ask", json=QUESTION).status_code == 200
    resp = client.post("/api/ask", json=QUESTION)
    assert resp.status_code == 429
    error = resp.get_json()["error"]
    assert error["code"] == "rate_limited"
    assert "wait" in error["message"]
    assert 0 < int(resp.headers["Retry-After"]) <= 3600


def test_each_client_and_each_endpoint_has_its_own_budget(tmp_path) -> None:
    client = limited_client(tmp_path, rate="2 per hour")
    for _ in range(2):
        client.post("/api/ask", json=QUESTION)
    assert client.post("/api/ask", json=QUESTION).status_code == 429
    # Another patient is not affected.
    other = {"REMOTE_ADDR": "198.51.100.7"}
    assert client.post("/api/ask", json=QUESTION, environ_base=other).status_code == 200
    # The contact form has its own budget, reading endpoints have none.
    assert client.post("/api/handoff", json=CONTACT).status_code == 200
    assert client.post("/api/handoff", json=CONTACT).status_code == 200
    assert client.post("/api/handoff", json=CONTACT).status_code == 429
    for _ in range(5):
        assert client.get("/api/faq").status_code == 200
        assert client.get("/widget/frame").status_code == 200


def test_preflights_do_not_use_up_the_budget(tmp_path) -> None:
    client = limited_client(tmp_path, rate="1 per hour")
    for _ in range(3):
        assert client.options("/api/ask").status_code == 200
    assert client.post("/api/ask", json=QUESTION).status_code == 200


def test_off_turns_the_limit_off(tmp_path) -> None:
    client = limited_client(tmp_path, rate="off")
    codes = {client.post("/api/ask", json=QUESTION).status_code for _ in range(40)}
    assert codes == {200}


def test_redis_counters_are_shared_between_workers(tmp_path, redis_server) -> None:
    import redis

    redis.Redis.from_url(redis_server.url).flushdb()
    storage = {"ratelimit_storage": redis_server.url}
    worker_a = limited_client(tmp_path / "a", **storage)
    worker_b = limited_client(tmp_path / "b", **storage)
    assert worker_a.post("/api/ask", json=QUESTION).status_code == 200
    assert worker_b.post("/api/ask", json=QUESTION).status_code == 200
    assert worker_a.post("/api/ask", json=QUESTION).status_code == 200
    resp = worker_b.post("/api/ask", json=QUESTION)
    assert resp.status_code == 429
    assert int(resp.headers["Retry-After"]) > 0


def test_patients_are_answered_when_the_counter_store_is_down(tmp_path) -> None:
    down = f"redis://127.0.0.1:{free_port()}/0"
    client = limited_client(tmp_path, ratelimit_storage=down)
    resp = client.post("/api/ask", json=QUESTION)
    assert resp.status_code == 200
    assert resp.get_json()["status"] == "answered"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"rate_limit": "lots"}, "FAQBOT_RATE_LIMIT"),
        ({"rate_limit": "30 per fortnight"}, "FAQBOT_RATE_LIMIT"),
        (
            {"rate_limit": "9/minute", "ratelimit_storage": "ftp://example"},
            "FAQBOT_RATELIMIT_STORAGE",
        ),
        ({"allowed_origins": "https://clinic.example/path"}, "FAQBOT_ALLOWED_ORIGINS"),
        ({"allowed_origins": "*"}, "FAQBOT_ALLOWED_ORIGINS"),
        (
            {"allowed_origins": "https://a.example; script-src *"},
            "FAQBOT_ALLOWED_ORIGINS",
        ),
    ],
)
def test_bad_protection_settings_stop_start_up(tmp_path, changes, words) -> None:
    with pytest.raises(SettingsError, match=words):
        create_app(make_settings(tmp_path, **changes))


# --- CORS ----------------------------------------------------------------------


def test_by_default_only_the_bots_own_origin_gets_cors(client) -> None:
    own = client.post("/api/ask", json=QUESTION, headers={"Origin": "http://localhost"})
    assert own.headers["Access-Control-Allow-Origin"] == "http://localhost"
    other = client.post(
        "/api/ask", json=QUESTION, headers={"Origin": "https://clinic.example"}
    )
    assert other.status_code == 200  # answered, but the browser will not show it
    assert "Access-Control-Allow-Origin" not in other.headers
    assert "Origin" in other.headers["Vary"]


def test_allowed_origins_get_cors_and_preflights(tmp_path) -> None:
    client = create_app(
        make_settings(tmp_path, allowed_origins="https://clinic.example")
    ).test_client()
    preflight = client.options(
        "/api/handoff",
        headers={
            "Origin": "https://clinic.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://clinic.example"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert preflight.headers["Access-Control-Allow-Headers"] == "Content-Type"
    resp = client.post(
        "/api/ask", json=QUESTION, headers={"Origin": "https://clinic.example"}
    )
    assert resp.headers["Access-Control-Allow-Origin"] == "https://clinic.example"
    assert resp.headers["Access-Control-Expose-Headers"] == "Retry-After"
    refused = client.options(
        "/api/ask",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "POST",
        },
    )
    assert "Access-Control-Allow-Origin" not in refused.headers


def test_cors_is_only_for_the_api(tmp_path) -> None:
    client = create_app(
        make_settings(tmp_path, allowed_origins="https://clinic.example")
    ).test_client()
    resp = client.get("/widget/frame", headers={"Origin": "https://clinic.example"})
    assert "Access-Control-Allow-Origin" not in resp.headers


def test_public_url_counts_as_the_bots_own_origin(tmp_path) -> None:
    client = create_app(
        make_settings(tmp_path, public_url="https://bot.example/")
    ).test_client()
    resp = client.get("/api/faq", headers={"Origin": "https://bot.example"})
    assert resp.headers["Access-Control-Allow-Origin"] == "https://bot.example"
    frame = client.get("/widget/frame?host=https://bot.example")
    assert frame.status_code == 200


# --- budgets that fit real patients ---------------------------------------------


def test_one_conversation_does_not_use_up_its_neighbours_budget(tmp_path) -> None:
    client = limited_client(
        tmp_path, rate="2 per hour", rate_limit_per_address="6 per hour"
    )
    ask = lambda sid: client.post(  # noqa: E731
        "/api/ask", json={"question": "where are you located", "session_id": sid}
    ).status_code
    assert [ask("fast-typist") for _ in range(3)] == [200, 200, 429]
    # Someone else on the same clinic Wi-Fi is still answered ...
    assert [ask("neighbour") for _ in range(2)] == [200, 200]
    # ... up to the address's own, larger budget (a script inventing sessions).
    assert [ask("third"), ask("fourth")] == [200, 429]


def test_a_crisis_message_is_never_refused_and_a_refusal_names_988_and_911(
    tmp_path,
) -> None:
    client = limited_client(tmp_path, rate="1 per hour")
    assert client.post("/api/ask", json=QUESTION).status_code == 200
    refused = client.post("/api/ask", json=QUESTION)
    assert refused.status_code == 429
    message = refused.get_json()["error"]["message"]
    assert "911" in message and "988" in message
    assert "too fast" not in message and "faster" not in message
    crisis = client.post(
        "/api/ask", json={"question": "i want to kill myself", "session_id": "p1"}
    )
    assert crisis.status_code == 200
    assert crisis.get_json()["status"] == "crisis"


def test_default_counters_are_shared_by_every_worker_on_the_machine(tmp_path) -> None:
    # Two apps are two gunicorn workers: same settings, separate processes'
    # worth of state; the counters live in a file beside the spool.
    worker_a = limited_client(tmp_path)
    worker_b = limited_client(tmp_path)
    codes = [
        (worker_a if i % 2 else worker_b).post("/api/ask", json=QUESTION).status_code
        for i in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    assert (tmp_path / "ratelimits.sqlite3").exists()


def test_an_unwritable_counter_file_never_stops_patients(tmp_path) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the folder should be")
    client = limited_client(
        tmp_path, ratelimit_storage=f"sqlite:///{blocked}/ratelimits.sqlite3"
    )
    resp = client.post("/api/ask", json=QUESTION)
    assert resp.status_code == 200
    assert resp.get_json()["status"] == "answered"
