"""The JSON API: POST /api/ask, GET /api/faq, POST /api/handoff, POST
/api/replies, GET /healthz."""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from .. import safety
from ..contact import ContactError, ContactUnsaved, parse_contact, request_contact
from ..errors import ApiError
from ..recovery import health
from ..replies import STRONG_SESSION_RE, for_session
from ..services import services
from ..text import clean

bp = Blueprint("api", __name__)

SESSION_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")  # used with fullmatch
FAQ_MAX_AGE = 300  # a changed FAQ reaches open pages within five minutes
MAX_REPLY_ID = 2**31 - 1  # the largest id an INTEGER column holds


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ApiError(400, "invalid_json", "The JSON body repeats a key.")
    return dict(pairs)


def read_json() -> dict[str, Any]:
    """The request's JSON object, or an ApiError saying what is wrong with it."""
    if not request.is_json:
        raise ApiError(
            415, "unsupported_media_type", "Send the body as application/json."
        )
    raw = request.get_data(cache=True)
    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_reject_duplicates)
    except UnicodeDecodeError:
        raise ApiError(400, "invalid_json", "The body is not valid UTF-8.") from None
    except (json.JSONDecodeError, RecursionError):
        raise ApiError(400, "invalid_json", "The body is not valid JSON.") from None
    except ValueError:
        # Python refuses integers of more than 4,300 digits with a plain
        # ValueError (not a JSONDecodeError): a client mistake, not a 500.
        raise ApiError(
            400, "invalid_json", "The body holds a number too large."
        ) from None
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", "The body must be a JSON object.")
    return data


def session_id(data: dict[str, Any]) -> str | None:
    """The optional session id, validated."""
    value = data.get("session_id")
    if value is None:
        return None
    if not isinstance(value, str) or not SESSION_RE.fullmatch(value):
        raise ApiError(
            400,
            "invalid_session_id",
            "session_id must be 1-64 letters, digits, '-' or '_'.",
        )
    return value


def question_text(data: dict[str, Any], limit: int) -> str:
    """The question, validated: present, text, not empty, not too long."""
    if "question" not in data:
        raise ApiError(
            400, "missing_question", 'Send the question as {"question": "..."}.'
        )
    value = data["question"]
    if not isinstance(value, str):
        raise ApiError(400, "invalid_question", "The question must be text.")
    value = clean(value)
    if not value:
        raise ApiError(400, "empty_question", "The question is empty.")
    if len(value) > limit and safety.assess(value).level != "crisis":
        # A crisis is answered however long the message: never a bare error.
        raise ApiError(
            400, "question_too_long", f"The question is longer than {limit} characters."
        )
    return value


@bp.post("/api/ask")
def ask() -> Response:
    """Answer a question, or the entry a patient picked from a clarification."""
    svc = services()
    data = read_json()
    sid = session_id(data)
    page_lang = page_language(data)
    if "faq_id" in data and "question" not in data:
        faq_id = data["faq_id"]
        reply = (
            svc.assistant.pick(faq_id, "web", session_id=sid, lang=page_lang)
            if isinstance(faq_id, str)
            else None
        )
        if reply is None:
            raise ApiError(400, "unknown_faq_id", "There is no FAQ entry with that id.")
    else:
        text = question_text(data, svc.settings.max_question_chars)
        reply = svc.assistant.ask(text, "web", session_id=sid, page_lang=page_lang)
    return jsonify(reply.to_api(svc.assistant.faq))


@bp.get("/api/faq")
def faq() -> Response:
    """Every entry (id, question, answer), the widget's greeting and suggestions."""
    assistant = services().assistant
    faq = assistant.faq
    wanted = request.args.get("lang", "en").lower().split("-")[0]
    tr = assistant.translation(wanted) if wanted != "en" else None
    entries = {e.id: (e.question, e.answer) for e in faq.entries}
    if tr is not None:
        entries = {i: (t.question, t.answer) for i, t in tr.entries.items()}
    resp = jsonify(
        {
            "entries": [
                {"id": i, "question": q, "answer": a} for i, (q, a) in entries.items()
            ],
            "greeting": tr.greeting.web if tr else faq.greeting,
            "suggested": [
                {"faq_id": s, "question": entries[s][0]} for s in faq.suggested
            ],
            "phone": faq.clinic.phone.as_dict(),
            "lang": tr.lang if tr else "en",
        }
    )
    # Every page view with the widget asks for this; it changes with the FAQ.
    resp.headers["Cache-Control"] = f"public, max-age={FAQ_MAX_AGE}"
    resp.add_etag()
    return resp.make_conditional(request)


def page_language(data: dict[str, Any]) -> str | None:
    """The optional language of the page the widget sits on ("es", "es-MX")."""
    value = data.get("lang")
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 35:
        raise ApiError(400, "invalid_lang", "lang must be a language tag like es-MX.")
    return value


@bp.get("/healthz")
def healthz() -> Response:
    """FAQ entry count, database reachability and the spool, for load balancers.

    Always 200 while the process serves: a ``degraded`` node (database down,
    records spooled) still answers patients, so it must stay in rotation.
    """
    svc = services()
    state = health(svc.store, svc.assistant.spool)
    body = {
        "status": state["status"],
        "faq_entries": len(svc.assistant.faq.entries),
        "database": state["database"],
        "spooled_records": state["spooled_records"],
        "spooled_bytes": state["spooled_bytes"],
        "version": current_app.config.get("FAQBOT_VERSION"),
    }
    return jsonify(body)


# --- POST /api/handoff: the widget's contact form (issue 5) ---------------------------
@bp.post("/api/handoff")
def handoff() -> Response:
    """Attach a patient's contact details to their conversation's staff item."""
    svc = services()
    data = read_json()
    sid = session_id(data)
    if sid is None:
        raise ApiError(400, "missing_session_id", "Send the chat's session_id.")
    try:
        contact = parse_contact(
            data.get("contact"), data.get("name"), data.get("consent")
        )
        request_contact(svc.store, sid, contact)
    except ContactUnsaved as exc:
        raise ApiError(503, exc.code, exc.message) from None
    except ContactError as exc:
        raise ApiError(400, exc.code, exc.message) from None
    body = {"kind": contact.kind, "value": contact.value}
    return jsonify({"status": "received", "contact": body})


# --- POST /api/replies: staff replies shown in the widget (issue 12) -----------------
@bp.post("/api/replies")
def staff_replies() -> Response:
    """The care team's replies to this chat session newer than ``after``.

    A POST so that the session id, which is the only key to the replies,
    stays out of URLs and access logs.
    """
    data = read_json()
    sid = session_id(data)
    if sid is None or not STRONG_SESSION_RE.match(sid):
        raise ApiError(
            400, "invalid_session_id", "Send the chat's session_id (32-64 characters)."
        )
    after = data.get("after", 0)
    if (
        not isinstance(after, int)
        or isinstance(after, bool)
        or not 0 <= after <= MAX_REPLY_ID
    ):
        raise ApiError(
            400, "invalid_after", f"after must be a reply id (0 to {MAX_REPLY_ID})."
        )
    return jsonify({"replies": for_session(services().store, sid, after)})
