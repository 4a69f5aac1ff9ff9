"""Property tests: Hypothesis throws arbitrary unicode, control characters,
lone surrogates, huge strings, deep JSON, wrong types, duplicate keys and
invalid UTF-8 at /api/ask, /api/handoff and signed /sms. The answer is never a
500: always a documented status with the one JSON error shape, a reply of the
documented shape, or a polite TwiML text."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, quote

import pytest
import werkzeug.urls  # noqa: F401 - registers the codec error handler /sms uses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from faqbot.app import create_app
from faqbot.gsm import is_gsm7, segments

from .conftest import REPLY_KEYS, make_settings
from .texting import TOKEN, messages, sign

PHONE = "833-867-2329"
STATUSES = {"answered", "clarify", "unmatched", "crisis", "smalltalk"}
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- what gets thrown -------------------------------------------------------------

# Every code point, surrogates and controls included.
any_text = st.text(st.characters(exclude_categories=[]), max_size=300)
nasty_text = st.one_of(
    any_text,
    st.text(st.characters(categories=["Cc", "Cf", "Cs", "Zl", "Zp"]), max_size=50),
    st.integers(900, 40_000).map(lambda n: "é" * n),  # around and over the limits
    st.sampled_from(["", " ", "\x00", "\ud800", "\udfff\ud800", "2", "STOP", "0"]),
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | nasty_text,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4)
    ),
    max_leaves=12,
)


def deep(depth: int, kind: str) -> str:
    return (
        ("[" * depth + "]" * depth)
        if kind == "list"
        else '{"a":' * depth + "1" + "}" * depth
    )


raw_bodies = st.one_of(
    st.binary(max_size=400),  # invalid UTF-8 among it
    st.builds(deep, st.integers(1, 60_000), st.sampled_from(["list", "dict"])),
    st.builds(
        lambda k, a, b: f'{{"{k}": {json.dumps(a)}, "{k}": {json.dumps(b)}}}',
        st.sampled_from(["question", "session_id", "contact", "faq_id"]),
        json_values,
        json_values,
    ),  # duplicate keys
    st.builds(lambda q: json.dumps({"question": q}).encode()[:-1], nasty_text),
)


def ask_bodies(keys: list[str]):
    """JSON objects with the endpoint's keys holding anything at all."""
    return st.fixed_dictionaries(
        {}, optional={k: json_values for k in keys}
    ) | st.dictionaries(st.sampled_from(keys) | any_text, json_values, max_size=5)


# --- checks on what came back ------------------------------------------------------


def is_error_shape(resp) -> bool:
    body = resp.get_json(silent=True)
    return (
        isinstance(body, dict)
        and set(body) == {"error"}
        and set(body["error"]) == {"code", "message"}
        and re.fullmatch(r"[a-z_]+", body["error"]["code"]) is not None
        and isinstance(body["error"]["message"], str)
        and body["error"]["message"] != ""
    )


def check_ask(resp) -> None:
    assert resp.status_code in {200, 400, 413, 415}, resp.data[:300]
    if resp.status_code != 200:
        assert is_error_shape(resp), resp.data[:300]
        return
    body = resp.get_json()
    assert set(body) == REPLY_KEYS
    assert body["status"] in STATUSES and body["answer"]
    assert body["risk"] in ("none", "possible", "crisis")
    assert (body["status"] == "crisis") == (body["risk"] == "crisis")
    if body["status"] != "clarify":
        assert PHONE in body["answer"]


def check_handoff(resp) -> None:
    assert resp.status_code in {200, 400, 413, 415}, resp.data[:300]
    if resp.status_code != 200:
        assert is_error_shape(resp), resp.data[:300]
        return
    body = resp.get_json()
    assert body["status"] == "received"
    assert body["contact"]["kind"] in {"phone", "email"}


def post_json(client, path: str, body: object):
    """POST ``body`` as JSON with \\u escapes, so lone surrogates get through."""
    return client.post(path, data=json.dumps(body), content_type="application/json")


# --- the app --------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad-input")
    app = create_app(make_settings(tmp, twilio_auth_token=TOKEN))
    yield app.test_client()
    app.extensions["faqbot"].store.dispose()


# --- /api/ask -------------------------------------------------------------------


@PROPERTY
@given(body=ask_bodies(["question", "session_id", "faq_id"]))
def test_ask_with_any_json(client, body) -> None:
    check_ask(
        client.post("/api/ask", data=json.dumps(body), content_type="application/json")
    )


@PROPERTY
@given(question=any_text | nasty_text, session=st.none() | any_text)
def test_ask_with_any_question(client, question, session) -> None:
    body = {"question": question} | ({} if session is None else {"session_id": session})
    check_ask(post_json(client, "/api/ask", body))


@PROPERTY
@given(raw=raw_bodies, ctype=st.sampled_from(["application/json", "text/plain", ""]))
def test_ask_with_any_bytes(client, raw, ctype) -> None:
    resp = client.post("/api/ask", data=raw, content_type=ctype or None)
    check_ask(resp)
    if ctype != "application/json":
        assert resp.status_code in {413, 415}


# --- /api/handoff ---------------------------------------------------------------


@PROPERTY
@given(body=ask_bodies(["session_id", "contact", "name", "consent"]))
def test_handoff_with_any_json(client, body) -> None:
    check_handoff(
        client.post(
            "/api/handoff", data=json.dumps(body), content_type="application/json"
        )
    )


@PROPERTY
@given(
    contact=nasty_text,
    name=st.none() | nasty_text,
    consent=st.sampled_from([True, False, None, 1, "true", [True]]),
)
def test_handoff_with_any_contact(client, contact, name, consent) -> None:
    client.post(
        "/api/ask", json={"question": "how much does it cost", "session_id": "s"}
    )
    body = {"session_id": "s", "contact": contact, "name": name, "consent": consent}
    resp = post_json(client, "/api/handoff", body)
    check_handoff(resp)
    if consent is not True:
        assert resp.status_code in {400, 413}


@PROPERTY
@given(raw=raw_bodies)
def test_handoff_with_any_bytes(client, raw) -> None:
    check_handoff(
        client.post("/api/handoff", data=raw, content_type="application/json")
    )


# --- signed /sms -----------------------------------------------------------------

TWILIO_KEYS = ["MessageSid", "From", "To", "Body", "NumMedia", "NumSegments"]
form_values = nasty_text | st.binary(max_size=60)  # bytes: raw, maybe not UTF-8


def encode(value: str | bytes) -> str:
    raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote(raw, safe="")


def check_sms(resp) -> None:
    assert resp.status_code in {200, 413}, resp.data[:300]
    if resp.status_code == 413:
        return
    assert resp.mimetype == "application/xml"
    found = messages(resp.data)  # well-formed TwiML
    assert len(found) <= 1
    if found:
        reply = found[0]
        assert is_gsm7(reply) and segments(reply) <= 2, reply
        polite = PHONE in reply or reply.startswith(("Did you mean", "Please reply"))
        assert polite, reply


@PROPERTY
@given(
    fields=st.dictionaries(
        st.sampled_from(TWILIO_KEYS) | any_text, form_values, max_size=8
    ),
    repeat=st.booleans(),
)
def test_signed_sms_with_anything_in_it(client, fields, repeat) -> None:
    pairs = [(encode(k), encode(v)) for k, v in fields.items()]
    if repeat and pairs:
        pairs.append(pairs[0])  # a repeated parameter
    raw = "&".join(f"{k}={v}" for k, v in pairs)
    # Sign exactly what the app will read back, as Twilio signs what it sends.
    form = MultiDict(
        parse_qsl(raw, keep_blank_values=True, errors="werkzeug.url_quote")
    )
    signature = sign("http://localhost/sms", form)
    resp = client.post(
        "/sms",
        data=raw.encode(),
        content_type="application/x-www-form-urlencoded",
        headers={"X-Twilio-Signature": signature},
    )
    check_sms(resp)


@PROPERTY
@given(raw=st.binary(max_size=300))
def test_unsigned_or_unreadable_sms_is_refused_quietly(client, raw) -> None:
    resp = client.post(
        "/sms", data=raw, content_type="application/x-www-form-urlencoded"
    )
    assert resp.status_code == 403
