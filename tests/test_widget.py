"""Serving the widget: the loader, the frame, their assets and the demo page."""

from __future__ import annotations

import json
import os
import re

import pytest

from faqbot.app import create_app

from .conftest import make_settings
from .servers import ROOT

WEB = ROOT / "web"


@pytest.fixture
def settings(tmp_path):
    """These tests look at the demo page too, which is off unless asked for."""
    return make_settings(tmp_path, demo_page=True)


def test_loader_is_javascript_with_an_etag_and_a_short_cache(client) -> None:
    resp = client.get("/widget.js")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/javascript; charset=utf-8"
    # The clinic's number and safety line are filled in for the fallback panel.
    source = (WEB / "widget.js").read_bytes()
    assert b"/*faqbot:clinic*/ null" in source
    clinic = {
        "name": "Bespoke Treatment",
        "display": "833-867-2329",
        "tel": "+18338672329",
        "safety": "In an emergency call 911. For thoughts of suicide, call or text "
        "988.",
        # The vetted Spanish line (faq/es.yaml), for pages in Spanish.
        "safety_es": "En una emergencia, llame al 911. Si tiene pensamientos de "
        "suicidio, llame o envíe un mensaje de texto al 988.",
    }
    assert resp.data == source.replace(
        b"/*faqbot:clinic*/ null", json.dumps(clinic).encode()
    )
    assert resp.headers["Cache-Control"] == "public, max-age=600"
    assert resp.headers["ETag"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    # Clinic pages load it from another origin.
    assert resp.headers["Cross-Origin-Resource-Policy"] == "cross-origin"


@pytest.mark.parametrize(
    "path", ["/widget.js", "/widget/frame", "/", "/widget/frame.js"]
)
def test_a_matching_etag_gets_304_without_a_body(client, path: str) -> None:
    first = client.get(path)
    etag = first.headers["ETag"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    stale = client.get(path, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale.data == first.data


def test_frame_loads_only_its_own_versioned_assets(client) -> None:
    resp = client.get("/widget/frame?host=http://localhost")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert resp.headers["Cache-Control"] == "no-cache"
    assert "<title>Chat with Bespoke Treatment</title>" in html
    srcs = re.findall(r'(?:src|href)="(/[^"]+)"', html)
    assert srcs and all(s.startswith("/widget/frame.") for s in srcs)
    for src in srcs:
        asset = client.get(src)
        assert asset.status_code == 200
        assert asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # An old or missing version is served, but not cached for good.
    assert client.get("/widget/frame.js?v=old").headers["Cache-Control"] == "no-cache"
    assert (
        client.get("/widget/frame.css").headers["Content-Type"].startswith("text/css")
    )


def test_frame_version_changes_when_an_asset_changes(tmp_path, monkeypatch) -> None:
    web = tmp_path / "web"
    web.mkdir()
    for f in WEB.iterdir():
        (web / f.name).write_bytes(f.read_bytes())
    from faqbot.channels import widget

    monkeypatch.setattr(widget, "web_dir", lambda: web)
    app = create_app(make_settings(tmp_path, faq_path=str(ROOT / "faq" / "faq.yaml")))
    client = app.test_client()
    before = client.get("/widget/frame").get_data(as_text=True)
    css = web / "frame.css"
    css.write_text(css.read_text() + "\n/* changed */\n")
    os.utime(css, ns=(1, 1))  # a different mtime, however fast the test runs
    after = client.get("/widget/frame").get_data(as_text=True)
    version = re.compile(r"frame\.css\?v=(\w+)")
    assert version.search(before).group(1) != version.search(after).group(1)
    assert client.get("/widget/frame.css").data.endswith(b"/* changed */\n")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("es", "es"),
        ("es-MX", "es"),
        ("EN", "en"),
        ("fr", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_frame_carries_the_page_language_and_both_safety_lines(
    client, lang: str | None, expected: str
) -> None:
    query = {} if lang is None else {"lang": lang}
    html = client.get("/widget/frame", query_string=query).get_data(as_text=True)
    assert f'<html lang="{expected}">' in html
    # frame.js picks the line in the widget's language, switch or not.
    assert 'data-safety="In an emergency call 911.' in html
    assert 'data-safety-es="En una emergencia, llame al 911.' in html


def test_unknown_widget_files_are_404(client) -> None:
    for path in ["/widget/frame.html", "/widget/../pyproject.toml", "/widget/x.js"]:
        assert client.get(path).status_code == 404


def test_frame_may_be_framed_only_by_the_bot_itself_by_default(client) -> None:
    resp = client.get("/widget/frame")
    csp = resp.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "connect-src 'self'" in csp
    assert "X-Frame-Options" not in resp.headers  # CSP says who may frame it
    assert resp.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in resp.headers["Permissions-Policy"]


def test_allowed_origins_may_frame_it_and_others_are_refused(tmp_path) -> None:
    settings = make_settings(
        tmp_path, allowed_origins="https://clinic.example, https://www.clinic.example/"
    )
    client = create_app(settings).test_client()
    resp = client.get("/widget/frame?host=https://clinic.example")
    assert resp.status_code == 200
    assert resp.headers["Content-Security-Policy"].endswith(
        "frame-ancestors 'self' https://clinic.example https://www.clinic.example"
    )
    refused = client.get("/widget/frame?host=https://evil.example")
    assert refused.status_code == 403
    assert "not allowed to embed" in refused.get_data(as_text=True)


def test_demo_page_embeds_the_widget_as_a_customer_would(tmp_path) -> None:
    settings = make_settings(
        tmp_path, demo_page=True, public_url="https://bot.example/"
    )
    client = create_app(settings).test_client()
    resp = client.get("/", base_url="https://bot.example")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    assert '<script src="https://bot.example/widget.js" async></script>' in html
    assert resp.headers["X-Frame-Options"] == "DENY"
    csp = resp.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert resp.headers["Strict-Transport-Security"].startswith("max-age=")
    assert resp.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert client.get("/").headers.get("Strict-Transport-Security") is None


def test_frame_escapes_the_clinic_name(tmp_path) -> None:
    faq = (ROOT / "tests" / "data" / "clarify_faq.yaml").read_text()
    evil = faq.replace("name: Bespoke Treatment", "name: Bespoke <b>Treatment</b>", 1)
    source = ROOT / "faq" / "source" / "ketamine-migraine-article.txt"
    evil = re.sub(r"(?m)^source: .*$", f"source: {source}", evil)
    path = tmp_path / "faq.yaml"
    path.write_text(evil)
    client = create_app(make_settings(tmp_path, faq_path=str(path))).test_client()
    html = client.get("/widget/frame").get_data(as_text=True)
    assert "Bespoke &lt;b&gt;Treatment&lt;/b&gt;" in html
    assert "<b>" not in html


def test_loader_sets_one_global_and_posts_only_to_the_bot_origin() -> None:
    js = (WEB / "widget.js").read_text()
    assert re.findall(r"window\.(\w+)\s*=", js) == ["FaqbotWidget"]
    assert "postMessage(message, botOrigin)" in js
    assert "event.origin !== botOrigin" in js
    frame = (WEB / "frame.js").read_text()
    assert "event.origin !== parentOrigin" in frame
    assert ".innerHTML" not in frame  # server and patient text only as text
    # No third-party requests: the frame and the loader name no other host.
    for name in ("widget.js", "frame.js", "frame.css", "frame.html", "demo.css"):
        code = re.sub(r"/\*.*?\*/", "", (WEB / name).read_text(), flags=re.S)
        assert not re.search(r"https?://", code), name


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/widget.js", "text/javascript"),
        ("/widget/frame", "text/html"),
        ("/widget/frame.js", "text/javascript"),
        ("/widget/frame.css", "text/css"),
        ("/", "text/html"),
        ("/api/faq", "application/json"),
    ],
)
def test_widget_assets_and_the_faq_are_gzipped_with_their_own_etag(
    client, path, kind
) -> None:
    import gzip

    plain = client.get(path)
    zipped = client.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert zipped.status_code == 200
    assert zipped.headers["Content-Type"].startswith(kind)
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert gzip.decompress(zipped.data) == plain.data
    assert len(zipped.data) < len(plain.data) * 0.6
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["ETag"] != plain.headers["ETag"]
    again = client.get(
        path,
        headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]},
    )
    assert again.status_code == 304 and again.data == b""


def test_api_faq_is_cacheable_for_five_minutes(client) -> None:
    resp = client.get("/api/faq")
    assert resp.headers["Cache-Control"] == "public, max-age=300"
    again = client.get("/api/faq", headers={"If-None-Match": resp.headers["ETag"]})
    assert again.status_code == 304


def test_patient_answers_are_not_compressed_or_cached(client) -> None:
    resp = client.post(
        "/api/ask",
        json={"question": "where are you located " * 40},
        headers={"Accept-Encoding": "gzip"},
    )
    assert "Content-Encoding" not in resp.headers
    assert "public" not in resp.headers.get("Cache-Control", "")
