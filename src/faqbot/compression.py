"""gzip for the widget's assets and /api/faq, the responses every page view loads.

Only these text responses are compressed (never patient data, which stays
out of shared caches, and never a tiny body). A gzipped body has its own
ETag, so a cache that stored one encoding never serves it for the other.
"""

from __future__ import annotations

import gzip
import hashlib
import threading

from flask import Flask, Response, request

COMPRESSED_ENDPOINTS = frozenset(
    {"widget.loader", "widget.frame", "widget.asset", "widget.demo", "api.faq"}
)
MIN_BYTES = 512
_CACHE_SIZE = 64


class _Compressed:
    """The last few compressed bodies by content hash: assets compress once."""

    def __init__(self) -> None:
        self._by_hash: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, body: bytes) -> bytes:
        key = hashlib.sha256(body).hexdigest()
        found = self._by_hash.get(key)
        if found is None:
            found = gzip.compress(body, compresslevel=6, mtime=0)
            with self._lock:
                if len(self._by_hash) >= _CACHE_SIZE:
                    self._by_hash.pop(next(iter(self._by_hash)))
                self._by_hash[key] = found
        return found


def init_app(app: Flask) -> None:
    """Compress the widget's responses for clients that accept gzip."""
    compressed = _Compressed()

    @app.after_request
    def _gzip(resp: Response) -> Response:
        if (
            request.endpoint not in COMPRESSED_ENDPOINTS
            or resp.status_code != 200
            or resp.direct_passthrough
            or "Content-Encoding" in resp.headers
        ):
            return resp
        resp.vary.add("Accept-Encoding")
        if request.accept_encodings["gzip"] <= 0:
            return resp
        body = resp.get_data()
        if len(body) < MIN_BYTES:
            return resp
        resp.set_data(compressed.get(body))
        resp.headers["Content-Encoding"] = "gzip"
        etag, weak = resp.get_etag()
        if etag:
            resp.set_etag(f"{etag}-gzip", weak)
            # The view compared If-None-Match with the plain ETag: compare again.
            resp = resp.make_conditional(request)
        return resp
