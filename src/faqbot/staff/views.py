"""The staff pages under /staff: login, queue, item, learned, themes, stats, audit.

Every page but the login form needs a logged-in staff member; the audit log
needs an admin. Views parse the request, call the core (``review``,
``insights``, ``curation``, ``accounts``), and render.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from .. import accounts, audit, insights, review
from ..faq import Faq
from ..services import services
from . import charts
from .forms import ButtonForm, FlagForm, LoginForm, ResolveForm, TeachForm
from .session import StaffLogin

bp = Blueprint(
    "staff",
    __name__,
    url_prefix="/staff",
    template_folder="templates",
    static_folder="static",
)

LOGIN_FAILED = (
    "That email and password did not work. After several failed attempts an "
    "account is locked for a while; ask an admin if you are stuck."
)
_EPOCH = datetime(1970, 1, 1)


# --- helpers ------


def _now() -> datetime:
    return current_app.extensions["faqbot_staff"].clock()


def _actor() -> str:
    return current_user.email


def _ip() -> str | None:
    return request.remote_addr


def admin_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Like ``login_required``, and a 403 for staff who are not admins."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_admin:
            abort(403, "This page is for admins.")
        return view(*args, **kwargs)

    return wrapped


def _item_or_404(handoff_id: int) -> review.Item:
    item = review.item(services().store, handoff_id)
    if item is None:
        abort(404, "There is no such item.")
    return item


def _teach_form(item: review.Item, faq: Faq) -> TeachForm:
    form = TeachForm()
    first = [c.faq_id for c in item.candidates if faq.entry(c.faq_id)]
    rest = [e.id for e in faq.entries if e.id not in first]
    form.faq_id.choices = [(i, f"{faq.by_id[i].question} [{i}]") for i in first + rest]
    if not form.is_submitted():
        form.phrasing.data = item.question
    return form


def _item_page(item: review.Item, revealed: str | None = None, **forms: Any) -> str:
    faq = services().assistant.faq
    return render_template(
        "staff/item.html",
        item=item,
        faq=faq,
        revealed=revealed,
        resolve_form=forms.get("resolve_form") or ResolveForm(),
        teach_form=forms.get("teach_form") or _teach_form(item, faq),
        flag_form=FlagForm(),
        button=ButtonForm(),
    )


def _safe_next(target: str | None) -> str:
    """Only ever redirect back into the staff pages after login."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/staff"):
        return url_for("staff.queue")
    return target or url_for("staff.queue")


@bp.app_template_filter("ago")
def _ago(when: datetime | None) -> str:
    if when is None:
        return ""
    secs = max(0, int((_now() - when).total_seconds()))
    for unit, size in (("day", 86400), ("h", 3600), ("min", 60)):
        if secs >= size:
            n = secs // size
            return f"{n} {unit}{'s' if unit == 'day' and n != 1 else ''} ago"
    return "just now"


@bp.app_template_filter("contact_href")
def _contact_href(contact: str) -> str:
    return review.contact_href(contact)


@bp.app_template_filter("utc")
def _utc(when: datetime | None) -> str:
    return f"{when:%Y-%m-%d %H:%M} UTC" if when else ""


@bp.app_template_filter("duration")
def _duration(value: timedelta | None) -> str:
    if value is None:
        return "–"
    mins = int(value.total_seconds() // 60)
    if mins < 60:
        return f"{mins} min"
    if mins < 48 * 60:
        return f"{mins // 60} h {mins % 60:02d} min"
    return f"{mins // 1440} days {mins % 1440 // 60} h"


# --- session guard and headers ------


@bp.before_request
def _idle_timeout() -> Response | None:
    """Sign out a session idle for longer than FAQBOT_SESSION_IDLE_MINUTES."""
    if not current_user.is_authenticated:
        return None
    now = (_now() - _EPOCH).total_seconds()
    idle = services().settings.session_idle_minutes * 60
    seen = session.get("seen")
    if not isinstance(seen, int | float) or now - seen > idle:
        logout_user()
        session.clear()
        flash("Your session expired. Please log in again.")
        return redirect(url_for("staff.login", next=request.full_path))
    session["seen"] = now
    return None


@bp.after_request
def _headers(resp: Response) -> Response:
    resp.headers["Cache-Control"] = "no-store"
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Referrer-Policy"] = "no-referrer"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' "
        "data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    )
    return resp


# --- login ------


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    """The login form; every failure gets the same message."""
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("staff/login.html", form=form)
    svc = services()
    user = accounts.authenticate(
        svc.store,
        form.email.data or "",
        form.password.data or "",
        now=_now(),
        max_attempts=svc.settings.lockout_attempts,
        lockout=timedelta(minutes=svc.settings.lockout_minutes),
        ip=_ip(),
    )
    if user is None:
        flash(LOGIN_FAILED, "error")
        return render_template("staff/login.html", form=form), 401
    session.clear()  # a fresh session: nothing from before the login carries over
    login_user(StaffLogin(user))
    session.permanent = True
    session["seen"] = (_now() - _EPOCH).total_seconds()
    return redirect(_safe_next(request.args.get("next")))


@bp.post("/logout")
@login_required
def logout() -> Response:
    """End the session."""
    audit.log(services().store, _actor(), "logout", ip=_ip())
    logout_user()
    session.clear()
    flash("You are logged out.")
    return redirect(url_for("staff.login"))


# --- the queue ------


@bp.route("/", methods=["GET", "POST"])
@login_required
def queue() -> str:
    """Open items, urgent ones pinned on top; filters, search (by POST), pages."""
    svc = services()
    # Search words are patients' words: they travel in a POST body, never in
    # a URL that proxies and browser histories keep.
    args = request.args.to_dict()
    args.pop("q", None)
    if request.method == "POST":
        args = {k: v for k, v in request.form.items() if k != "csrf_token"}
    filters = review.Filters.parse(args)
    return render_template(
        "staff/queue.html",
        page=review.queue(svc.store, filters),
        filters=filters,
        channels=review.channels(svc.store),
        faq=svc.assistant.faq,
    )


@bp.get("/item/<int:handoff_id>")
@login_required
def item(handoff_id: int) -> str:
    """One item: the question, candidates, masked contact and the actions."""
    return _item_page(_item_or_404(handoff_id))


@bp.post("/item/<int:handoff_id>/reveal")
@login_required
def reveal(handoff_id: int) -> str:
    """Show the full contact (audited)."""
    item = _item_or_404(handoff_id)
    contact = review.reveal_contact(services().store, handoff_id, _actor(), _ip())
    return _item_page(item, revealed=contact)


@bp.post("/item/<int:handoff_id>/resolve")
@login_required
def resolve(handoff_id: int) -> Response | tuple[str, int]:
    """Close the item with a note."""
    item = _item_or_404(handoff_id)
    form = ResolveForm()
    if not form.validate():
        return _item_page(item, resolve_form=form), 400
    try:
        review.resolve(
            services().store, handoff_id, _actor(), form.note.data or "", _ip()
        )
    except review.ReviewError as exc:
        flash(str(exc), "error")
        return redirect(url_for("staff.item", handoff_id=handoff_id))
    flash(f"Item #{handoff_id} resolved.")
    return redirect(url_for("staff.queue"))


@bp.post("/item/<int:handoff_id>/reopen")
@login_required
def reopen(handoff_id: int) -> Response:
    """Put a resolved item back in the queue."""
    _item_or_404(handoff_id)
    try:
        review.reopen(services().store, handoff_id, _actor(), _ip())
        flash(f"Item #{handoff_id} is open again.")
    except review.ReviewError as exc:
        flash(str(exc), "error")
    return redirect(url_for("staff.item", handoff_id=handoff_id))


@bp.post("/item/<int:handoff_id>/teach")
@login_required
def teach(handoff_id: int) -> Response | tuple[str, int]:
    """Make the question a learned phrasing of an entry, and resolve the item."""
    svc, item = services(), _item_or_404(handoff_id)
    form = _teach_form(item, svc.assistant.faq)
    if not form.validate():
        return _item_page(item, teach_form=form), 400
    faq_id, phrasing = form.faq_id.data or "", form.phrasing.data or ""
    known, topic_of = frozenset(svc.assistant.faq.by_id), svc.assistant.matcher.topic
    try:
        review.teach(
            svc.store,
            handoff_id,
            faq_id,
            phrasing,
            _actor(),
            known,
            _ip(),
            topic_of=topic_of,
        )
    except review.ReviewError as exc:
        flash(str(exc), "error")
        return redirect(url_for("staff.item", handoff_id=handoff_id))
    flash(*_taught(phrasing, faq_id))
    return redirect(url_for("staff.queue"))


def _taught(phrasing: str, faq_id: str) -> tuple[str, str]:
    """What the bot now says to the phrasing just taught (it may still hesitate)."""
    assistant = services().assistant
    assistant.refresh()
    reply = assistant.classify(phrasing)
    if reply.status == "answered" and reply.faq_id == faq_id:
        return f"Learned: this question is now answered with {faq_id!r}.", "message"
    return (
        f"Learned, but the bot still replies {reply.status!r} to this phrasing "
        f"({reply.faq_id or 'no entry'}): the entry may need a better FAQ phrasing.",
        "error",
    )


@bp.post("/item/<int:handoff_id>/flag")
@login_required
def flag(handoff_id: int) -> Response:
    """Flag (or unflag) the item as needing a new FAQ entry."""
    _item_or_404(handoff_id)
    flagged = FlagForm().flagged.data == "1"
    review.set_needs_faq(services().store, handoff_id, flagged, _actor(), _ip())
    flash("Flagged for the FAQ curator." if flagged else "Flag removed.")
    return redirect(url_for("staff.item", handoff_id=handoff_id))


# --- learned phrasings, themes, stats, audit ------


@bp.get("/learned")
@login_required
def learned() -> str:
    """Every learned phrasing, each removable."""
    svc = services()
    rows = review.learned_phrasings(svc.store)
    return render_template(
        "staff/learned.html", rows=rows, faq=svc.assistant.faq, button=ButtonForm()
    )


@bp.post("/learned/<int:learned_id>/remove")
@login_required
def remove_learned(learned_id: int) -> Response:
    """Forget a learned phrasing."""
    try:
        review.remove_learned(services().store, learned_id, _actor(), _ip())
        flash("The phrasing was removed; the bot no longer uses it.")
    except review.ReviewError as exc:
        flash(str(exc), "error")
    return redirect(url_for("staff.learned"))


@bp.get("/themes")
@login_required
def themes() -> str:
    """Unanswered questions grouped by similarity, largest groups first."""
    svc = services()
    tokens = insights.theme_tokens(svc.assistant.matcher)
    spanish = svc.assistant.spanish_theme_tokens()  # issue 10: per language
    by_lang = {"es": spanish} if spanish else None
    groups = insights.themes(svc.store, tokens, now=_now(), tokens_by_lang=by_lang)
    return render_template("staff/themes.html", themes=groups, days=insights.THEME_DAYS)


@bp.get("/stats")
@login_required
def stats() -> str:
    """The last 30 days in figures and a chart rendered here (SVG)."""
    svc = services()
    figures = insights.stats(svc.store, now=_now())
    chart = charts.stacked_bars(figures.days, figures.per_day, insights.CHART_STATUSES)
    return render_template(
        "staff/stats.html", s=figures, chart=chart, faq=svc.assistant.faq
    )


@bp.get("/audit")
@admin_required
def audit_log() -> str:
    """The audit log, newest first (admins only)."""
    filters = review.Filters.parse(request.args.to_dict())
    action = request.args.get("action") or None
    rows, total = audit.entries(services().store, filters.page, action=action)
    pages = max(1, -(-total // 50))
    return render_template(
        "staff/audit.html",
        rows=rows,
        page=filters.page,
        pages=pages,
        action=action,
        actions=audit.ACTIONS,
    )
