"""The website chat widget: the loader, the frame it embeds, and a demo page.

A clinic pastes ``<script src="https://BOT-HOST/widget.js" async></script>``
into its site. The loader adds a launcher button and an iframe of
``/widget/frame`` from the bot's own origin, so the host page's scripts
cannot read what a patient types and its CSS cannot break the chat. ``/``
serves a sample clinic page that embeds the widget exactly that way.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    redirect,
    request,
    url_for,
)
from jinja2 import Template

from ..protection import allowed_origins, frame_headers, origin_of, page_headers
from ..services import services
from ..text import loggable

log = logging.getLogger(__name__)

bp = Blueprint("widget", __name__)

EXTENSION_KEY = "faqbot.widget"
TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}
# Names the frame loads with ?v=<version>; a versioned URL never changes content.
FRAME_ASSETS = ("frame.js", "frame.css")
DEMO_ASSETS = ("demo.css",)
# What the loader passes the frame for the embedding page's look and words.
PARENT_PARAMS = ("greeting", "accent", "ink")
# The languages the widget's own texts come in (web/frame.js, web/widget.js).
WIDGET_LANGS = ("en", "es")
LOADER_MAX_AGE = 600  # clinic pages pick up a new loader within ten minutes
YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class Asset:
    """One file of web/: its bytes, a strong ETag, and its template when HTML."""

    body: bytes
    etag: str
    mtime_ns: int
    template: Template | None = None


class Assets:
    """The files of web/, read once and read again when they change on disk."""

    def __init__(self, root: Path, app: Flask) -> None:
        self.root = root
        self._app = app
        self._cache: dict[str, Asset] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> Asset:
        """The current contents of ``web/name``."""
        path = self.root / name
        mtime = path.stat().st_mtime_ns
        cached = self._cache.get(name)
        if cached is not None and cached.mtime_ns == mtime:
            return cached
        body = path.read_bytes()
        template = None
        if name.endswith(".html"):
            template = self._app.jinja_env.from_string(body.decode("utf-8"))
        asset = Asset(body, hashlib.sha256(body).hexdigest()[:20], mtime, template)
        with self._lock:
            self._cache[name] = asset
        return asset

    def version(self, names: tuple[str, ...]) -> str:
        """A short hash of several assets, for cache-busting URLs."""
        joined = "".join(self.get(n).etag for n in names)
        return hashlib.sha256(joined.encode()).hexdigest()[:12]


def web_dir() -> Path:
    """web/ beside the source tree (a checkout), else in the working directory."""
    beside = Path(__file__).resolve().parents[3] / "web"
    return beside if (beside / "widget.js").is_file() else Path.cwd() / "web"


def init_app(app: Flask) -> None:
    """Register the blueprint and the web/ assets it serves."""
    root = web_dir()
    if not (root / "widget.js").is_file():
        log.error("widget files not found in %s: the chat widget is unavailable", root)
    app.extensions[EXTENSION_KEY] = Assets(root, app)
    app.register_blueprint(bp)


def assets() -> Assets:
    """The current app's web/ assets."""
    return current_app.extensions[EXTENSION_KEY]


def send(name: str, cache_control: str, body: bytes | None = None) -> Response:
    """``web/name`` (or a rendered ``body``) with an ETag; 304 when it matches."""
    asset = assets().get(name)
    suffix = Path(name).suffix
    resp = Response(asset.body if body is None else body, mimetype=None)
    resp.headers["Content-Type"] = TYPES[suffix]
    resp.headers["Cache-Control"] = cache_control
    if body is None:
        resp.set_etag(asset.etag)
    else:
        resp.add_etag()
    return resp.make_conditional(request)


def render(name: str, **context: object) -> bytes:
    """An HTML file of web/ rendered as a Jinja template (autoescaped)."""
    template = assets().get(name).template
    assert template is not None
    return template.render(**context).encode("utf-8")


CLINIC_SLOT = b"/*faqbot:clinic*/ null"


def safety_lines() -> dict[str, str]:
    """The vetted safety line (911, 988) in each language the widget speaks."""
    assistant = services().assistant
    lines = {"en": assistant.faq.safety_web}
    spanish = assistant.translation("es")
    if spanish is not None:
        lines["es"] = spanish.messages["safety_line"].web
    return lines


def loader_body() -> bytes:
    """widget.js with the clinic's name, number and safety lines filled in.

    The loader shows them in its own panel when the chat frame cannot load,
    which is exactly when the bot cannot be asked for them.
    """
    faq = services().assistant.faq
    lines = safety_lines()
    clinic = {
        "name": faq.clinic.name,
        "display": faq.clinic.phone.display,
        "tel": faq.clinic.phone.e164,
        "safety": lines["en"],
        "safety_es": lines.get("es", ""),
    }
    # JSON in a script: "<" escaped so no value can close the script element.
    data = json.dumps(clinic).replace("<", "\\u003c").encode()
    return assets().get("widget.js").body.replace(CLINIC_SLOT, data, 1)


@bp.get("/widget.js")
def loader() -> Response:
    """The loader script clinic sites embed (loaded cross-origin)."""
    resp = send("widget.js", f"public, max-age={LOADER_MAX_AGE}", loader_body())
    resp.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return resp


@bp.get("/widget/frame")
def frame() -> Response:
    """The chat itself, framed by the loader (or opened on its own)."""
    host = request.args.get("host")
    if host is not None and host.lower() not in allowed_origins():
        log.warning(
            "widget frame refused for %s: not in FAQBOT_ALLOWED_ORIGINS", loggable(host)
        )
        abort(403, "This website is not allowed to embed the chat.")
    if any(p in request.args for p in PARENT_PARAMS) and not framed():
        # Opened as a page (a link in a phishing email), not by an allowed
        # parent: show the bot's own greeting and colours, not the link's.
        keep = {"host": host} if host else {}
        return redirect(url_for("widget.frame", **keep), 303)
    faq = services().assistant.faq
    lines = safety_lines()
    lang = (request.args.get("lang") or "en").lower().split("-")[0]
    body = render(
        "frame.html",
        lang=lang if lang in WIDGET_LANGS else "en",
        clinic=faq.clinic.name,
        safety=lines["en"],
        safety_es=lines.get("es", ""),
        phone_display=faq.clinic.phone.display,
        phone_tel=faq.clinic.phone.e164,
        version=assets().version(FRAME_ASSETS),
    )
    return frame_headers(send("frame.html", "no-cache", body))


def framed() -> bool:
    """True unless the browser says this frame is opened as a top-level page.

    Browsers send ``Sec-Fetch-Dest`` (``iframe`` when framed); one that sends
    nothing is trusted with the parameters only with a ``host``, and frame.js
    ignores the greeting anyway unless it is really embedded.
    """
    dest = request.headers.get("Sec-Fetch-Dest")
    if dest is None:
        return request.args.get("host") is not None
    return dest == "iframe"


@bp.get("/widget/<any(frame.js, frame.css, demo.css):name>")
def asset(name: str) -> Response:
    """The frame's script and styles; versioned URLs are cached for a year."""
    names = DEMO_ASSETS if name in DEMO_ASSETS else FRAME_ASSETS
    if request.args.get("v") == assets().version(names):
        return send(name, f"public, max-age={YEAR}, immutable")
    return send(name, "no-cache")


@bp.get("/")
def demo() -> Response:
    """A sample clinic page with the widget embedded as a customer would.

    Off unless FAQBOT_DEMO_PAGE=1; it names the bot by FAQBOT_PUBLIC_URL (or
    a same-origin path), never by the request's Host header.
    """
    settings = services().settings
    if not settings.demo_page:
        abort(404)
    body = render(
        "demo.html",
        bot_url=origin_of(settings.public_url) or "",
        version=assets().version(DEMO_ASSETS),
    )
    return page_headers(send("demo.html", "no-cache", body))
