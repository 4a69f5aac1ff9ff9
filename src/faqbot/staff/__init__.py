"""The staff side of the web app: login, the review queue, insights, audit.

``init_app(app)`` wires it into the app built by ``create_app``: sessions
(Flask-Login), CSRF protection (Flask-WTF) for every form, cookie flags, the
staff blueprint, and, when ``notify_in_web`` is on, a notification sender
thread in each web worker.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import Flask, request
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from .. import clock, notify
from ..storage import utcnow
from . import views
from .guard import LoginGate, LoginGuard
from .session import StaffLogin

# Blueprints that authenticate their callers their own way (JSON clients,
# Twilio's signature) and never see a staff form: no CSRF token is asked of them.
CSRF_EXEMPT_BLUEPRINTS = frozenset({"api", "sms", "textback"})


@dataclass
class StaffState:
    """Per-app staff machinery; ``clock`` (naive UTC) is replaceable in tests."""

    clock: Callable[[], datetime] = utcnow
    csrf: CSRFProtect | None = None
    guard: LoginGuard | None = None
    sender_pid: int | None = None
    sender: notify.Background | None = field(default=None, repr=False)


def state(app: Flask) -> StaffState:
    """The staff state of ``app``."""
    return app.extensions["faqbot_staff"]


def init_app(app: Flask) -> None:
    """Add the staff pages and their protections to ``app``."""
    svc = app.extensions["faqbot"]
    settings = svc.settings
    clock.check(settings)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=settings.secure_cookies,
        # The cookie outlives the idle limit a little; the server-side session
        # row is what decides (staff_sessions), so an expired form can still
        # be recognised and sent back to the login with its text kept.
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.session_max_hours),
        # Checked by the hook below, which skips the exempt blueprints by name
        # whatever order they are registered in.
        WTF_CSRF_CHECK_DEFAULT=False,
        # A form's token lives as long as the login (checked server-side), not
        # one hour: a page left open at the front desk still submits.
        WTF_CSRF_TIME_LIMIT=None,
    )
    st = StaffState(csrf=CSRFProtect(app), guard=LoginGuard.from_settings(settings))
    app.extensions["faqbot_staff"] = st

    @app.before_request
    def _csrf() -> None:
        if request.endpoint and request.blueprint not in CSRF_EXEMPT_BLUEPRINTS:
            assert st.csrf is not None
            st.csrf.protect()

    login = LoginManager(app)
    login.login_view = "staff.login"
    login.login_message = "Please log in to see the staff pages."
    login.session_protection = "basic"

    @login.user_loader
    def _load(user_id: str) -> StaffLogin | None:
        return StaffLogin.load(svc.store, user_id)

    app.register_blueprint(views.bp)
    login_paths = frozenset(
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint in {"staff.login", "staff.login_code"}
    )
    app.wsgi_app = LoginGate(  # type: ignore[method-assign]
        app.wsgi_app, st.guard, login_paths
    )
    if settings.notify_in_web:
        _ensure_sender(app)
        app.before_request(lambda: _ensure_sender(app))


def stop_sender(app: Flask) -> None:
    """Stop this process's sender thread, if any (before gunicorn forks the
    workers from a preloaded app: each worker starts its own)."""
    st = state(app)
    if st.sender is not None:
        st.sender.close()
    st.sender, st.sender_pid = None, None


def ensure_sender(app: Flask) -> None:
    """Start this process's sender thread when ``notify_in_web`` is on."""
    if app.extensions["faqbot"].settings.notify_in_web:
        _ensure_sender(app)


def _ensure_sender(app: Flask) -> None:
    """One sender thread per process (gunicorn forks workers after import)."""
    st = state(app)
    if st.sender_pid == os.getpid():
        return
    svc = app.extensions["faqbot"]
    st.sender_pid = os.getpid()
    st.sender = notify.start_in_background(svc.settings, svc.store)
