"""The app factory: ``create_app(settings=None)`` builds the services once and
registers one blueprint per channel. gunicorn runs ``faqbot.app:create_app()``.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import time

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.middleware.proxy_fix import ProxyFix

from . import __version__, compression, errors, protection
from .admission import Admission
from .ask import Assistant
from .channels import api, sms, textback, widget
from .config import Settings
from .services import Services
from .staff import ensure_sender, stop_sender
from .staff import init_app as init_staff
from .storage import Store

log = logging.getLogger(__name__)


def configure_logging(settings: Settings) -> None:
    """Plain one-line logs on stderr; patient text only ever appears at DEBUG."""
    root = logging.getLogger()
    level = getattr(logging, settings.log_level.upper(), logging.INFO)
    if not any(getattr(h, "_faqbot", False) for h in root.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
        handler._faqbot = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("faqbot").setLevel(level)


def init_store(store: Store, attempts: int = 3) -> bool:
    """Create missing tables; tolerate a racing worker or a database that is down."""
    for attempt in range(attempts):
        try:
            store.init_db()
            return True
        except SQLAlchemyError as exc:
            if attempt == attempts - 1:
                log.error(
                    "database unavailable at start-up (%s); answering patients and "
                    "spooling records until it is back",
                    type(exc).__name__,
                )
                return False
            time.sleep(0.2 * (attempt + 1))
    return False


def create_app(settings: Settings | None = None) -> Flask:
    """Build the web app from ``settings`` (default: the environment)."""
    settings = settings or Settings.from_env()
    configure_logging(settings)
    settings.check_secret_key()

    app = Flask(__name__, static_folder=None)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        FAQBOT_VERSION=__version__,
        JSON_SORT_KEYS=False,
    )
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    store = Store(settings.sqlalchemy_url)
    init_store(store)
    assistant = Assistant(settings, store)
    app.extensions["faqbot"] = Services(settings, store, assistant)

    # Turns in the app for threaded workers; the login gate (init_staff) sits
    # in front, so refused logins never take one.
    admission = Admission(app.wsgi_app)
    app.wsgi_app = admission  # type: ignore[method-assign]
    app.extensions["faqbot_admission"] = admission

    app.register_blueprint(api.bp)
    app.register_blueprint(sms.bp)
    textback.init_app(app)  # staff replies by text, and their delivery statuses
    widget.init_app(app)
    init_staff(app)  # staff pages, sessions, CSRF, notification sender
    errors.register(app)
    protection.init_app(app, settings)
    compression.init_app(app)
    if settings.proxy_hops > 0:
        # Behind Heroku's router or nginx the app sees http://; trust the
        # configured number of proxies for the scheme and host they saw. It
        # wraps everything, so the login gate (init_staff) sees the client's
        # address too.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app,
            x_for=settings.proxy_hops,
            x_proto=settings.proxy_hops,
            x_host=settings.proxy_hops,
            x_port=settings.proxy_hops,
            x_prefix=settings.proxy_hops,  # Twilio signs the prefixed URL
        )
    return app


def fit_to_worker(app: Flask, threads: int) -> None:
    """Tell the app how many threads its gunicorn worker serves with
    (gunicorn.conf.py does, as each worker starts): up to half of them may
    hold back a flooding address's refused logins, and requests take turns
    in the app (faqbot.admission). Other apps served with the same
    gunicorn.conf.py (bench/floor.py) are left alone."""
    extensions = getattr(app, "extensions", {})
    staff = extensions.get("faqbot_staff")
    if staff is not None and staff.guard is not None:
        staff.guard.fit_threads(threads)
    if "faqbot_admission" in extensions:
        extensions["faqbot_admission"].fit_threads(threads)


def before_fork(app: Flask) -> None:
    """Ready a preloaded app for gunicorn to fork its workers from it
    (gunicorn.conf.py's ``preload_app``, in the master, before any worker).

    What the first questions would build is built here, once, so the workers
    share those pages copy-on-write instead of each building its own; then
    this process's threads are stopped and its database connections closed,
    which a forked worker must not share (``after_fork`` starts its own).
    Other apps served with the same gunicorn.conf.py are left alone.
    """
    svc = getattr(app, "extensions", {}).get("faqbot")
    if svc is None:
        return
    svc.assistant.warm()
    svc.assistant.importer.pause()
    stop_sender(app)
    svc.store.engine.dispose()
    # Long-lived objects out of the collector's way: a collection pass in a
    # worker then does not write to (and so copy) the pages they sit on.
    gc.collect()
    gc.freeze()
    release_free_memory()


def release_free_memory() -> None:
    """Give the operating system back the heap pages freed while the app was
    built, which glibc's malloc keeps (``malloc_trim``): compiling the crisis
    rule sets alone leaves about 10 MB of them, which every forked worker
    would otherwise map too. Elsewhere (no glibc) it does nothing."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


def after_fork(app: Flask) -> None:
    """In each worker forked from a preloaded app (``before_fork``): its own
    database connections and background threads."""
    svc = getattr(app, "extensions", {}).get("faqbot")
    if svc is None:
        return
    svc.store.engine.dispose(close=False)  # the master's, if any: never used here
    svc.assistant.importer.wake()
    ensure_sender(app)
