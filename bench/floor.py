"""The framework floor: the smallest Flask app, returning a fixed JSON body.

bench/http.py runs it under gunicorn with exactly the settings it gives the real
app, and sends it exactly the same requests (it ignores their bodies), so the
difference between the two is what faqbot itself costs per request.

    gunicorn --chdir bench --workers 2 'floor:app'
"""

from __future__ import annotations

from flask import Flask, Response

app = Flask(__name__)

BODY = (
    b'{"status":"answered","answer":"A fixed answer. Call 833-867-2329.",'
    b'"faq_id":"fixed","question":"A fixed question?","score":1.0,'
    b'"suggestions":[],"phone":{"display":"833-867-2329","tel":"+18338672329"}}'
)


@app.route("/api/ask", methods=["GET", "POST"])
def ask() -> Response:
    """The same fixed body for every request."""
    return Response(BODY, mimetype="application/json")


@app.get("/healthz")
def healthz() -> Response:
    """For the benchmark's readiness check."""
    return Response(b'{"status":"ok"}', mimetype="application/json")
