"""The one JSON error body for the API, and a plain error page elsewhere.

Clients (the widget, outside checks) rely on one shape:
``{"error": {"code": "...", "message": "..."}}`` with a fitting status.
"""

from __future__ import annotations

import logging
from html import escape

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from .text import loggable

log = logging.getLogger(__name__)

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """A client mistake the API reports as the JSON error shape."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def json_error(status: int, code: str, message: str) -> Response:
    """A JSON error response with ``status``."""
    resp = jsonify({"error": {"code": code, "message": message}})
    resp.status_code = status
    return resp


def _wants_json() -> bool:
    path = request.path
    return path.startswith("/api/") or path == "/api" or path == "/healthz"


def register(app: Flask) -> None:
    """Install the error handlers on ``app``."""

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        return json_error(exc.status, exc.code, exc.message)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response | tuple[str, int]:
        status = exc.code or 500
        if _wants_json():
            message = exc.description or exc.name
            if status == 413:
                message = "The request body is too large."
            resp = json_error(status, _CODES.get(status, "http_error"), message)
            for key, value in exc.get_headers():
                if key.lower() in {"retry-after", "allow"}:
                    resp.headers[key] = value
            return resp
        return error_page(status, exc.name, exc.description or ""), status

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response | tuple[str, int]:
        log.exception(
            "unhandled error on %s %s", loggable(request.method), loggable(request.path)
        )
        if _wants_json():
            return json_error(
                500, "internal_error", "Something went wrong on our side."
            )
        return error_page(500, "Server error", "Something went wrong on our side."), 500


def error_page(status: int, title: str, message: str) -> str:
    """An HTML error page with a way back: the staff pages' look and links
    under /staff, a plain page with a link home elsewhere."""
    return error_html(status, title, message, staff=request.path.startswith("/staff"))


def error_html(status: int, title: str, message: str, *, staff: bool) -> str:
    """The error page's HTML, without a request (for answers given before one)."""
    if staff:
        head = "<link rel=stylesheet href='/staff/static/staff.css'>"
        top = (
            "<header class=top><a class=brand href='/staff/'>faqbot staff</a>"
            "<nav aria-label='Staff pages'><a href='/staff/'>Queue</a>"
            "<a href='/staff/themes'>Themes</a><a href='/staff/stats'>Stats</a>"
            "<a href='/staff/learned'>Learned</a></nav></header>"
        )
        links = (
            "<p><a href='/staff/'>&larr; Back to the queue</a> · "
            "<a href='/staff/login'>Log in</a></p>"
        )
        body = "<main><section class='card narrow'>{}" + links + "</section></main>"
    else:
        head = (
            "<style>body{font-family:system-ui,sans-serif;max-width:40rem;"
            "margin:3rem auto;padding:0 1rem;line-height:1.5}</style>"
        )
        top = ""
        body = "<main>{}<p><a href='/'>&larr; Home</a></p></main>"
    content = f"<h1>{status} {escape(title)}</h1><p>{escape(message)}</p>"
    return (
        "<!doctype html><html lang=en><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        f"<title>{status} {escape(title)}</title>{head}<body>{top}"
        + body.format(content)
        + "</body></html>"
    )
