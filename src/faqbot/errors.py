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
        return _page(status, exc.name, exc.description or ""), status

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response | tuple[str, int]:
        log.exception(
            "unhandled error on %s %s", loggable(request.method), loggable(request.path)
        )
        if _wants_json():
            return json_error(
                500, "internal_error", "Something went wrong on our side."
            )
        return _page(500, "Server error", "Something went wrong on our side."), 500


def _page(status: int, title: str, message: str) -> str:
    return (
        "<!doctype html><html lang=en><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        f"<title>{status} {escape(title)}</title>"
        "<body style='font-family:system-ui,sans-serif;max-width:40rem;"
        "margin:3rem auto;"
        "padding:0 1rem'>"
        f"<h1>{status} {escape(title)}</h1><p>{escape(message)}</p></body></html>"
    )
