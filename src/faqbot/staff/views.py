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
from flask_wtf.csrf import CSRFError
from werkzeug.wrappers import Response

from .. import accounts, audit, clock, insights, replies, review
from ..errors import error_page
from ..faq import Faq
from ..services import services
from . import charts
from .forms import (
    NO_ENTRY,
    ButtonForm,
    CalledForm,
    CodeForm,
    FlagForm,
    LoginForm,
    NoteForm,
    ReplyForm,
    ResolveForm,
    TeachForm,
    TemplateForm,
    UrgentForm,
)
from .guard import Busy, too_many_message
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
CODE_FAILED = "That code did not work. Enter the newest code your app shows."
ENDED = {
    "idle": "Your session expired after {idle} minutes without activity. "
    "Please log in again.",
    "lifetime": "Your session reached its {hours}-hour limit. Please log in again.",
    "logout": "That session was logged out. Please log in again.",
    "unknown": "Your session expired. Please log in again.",
}
KEPT = "What you typed was kept: check it and send it again."
MFA_PENDING_SECONDS = 300
SCRIPTED_ENDPOINTS = frozenset({"staff.item", "staff.reply"})
REVEAL_SECONDS = 120
_EPOCH = datetime(1970, 1, 1)
# Form fields kept when a session ran out mid-form (never passwords).
DRAFT_FIELDS = ("note", "body", "text", "outcome", "phrasing")


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
    # Nothing is preselected: staff pick the entry themselves.
    form.faq_id.choices = [NO_ENTRY] + [
        (i, faq.by_id[i].question) for i in first + rest
    ]
    if not form.is_submitted():
        form.phrasing.data = item.masked_question
    return form


def _teachable(item: review.Item) -> bool:
    """Only where a learned phrasing could change the bot's answer: not a
    crisis, not a question on a topic the FAQ always hands to staff."""
    if item.urgent or item.crisis_kind or not item.question.strip():
        return False
    return services().assistant.matcher.topic(item.question) is None


def _mailer() -> replies.SmtpMailer | None:
    settings = services().settings
    return replies.SmtpMailer(settings) if settings.smtp_url else None


def _sms_gateway() -> Any:
    return current_app.extensions.get("faqbot.sms_gateway")


def _revealed(handoff_id: int) -> bool:
    """True once after a reveal of this item (post-redirect-get)."""
    mark = session.pop("reveal", None)
    if not isinstance(mark, list) or len(mark) != 2:
        return False
    now = (_now() - _EPOCH).total_seconds()
    return mark[0] == handoff_id and 0 <= now - mark[1] <= REVEAL_SECONDS


def _item_page(item: review.Item, **forms: Any) -> str:
    svc = services()
    faq = svc.assistant.faq
    revealed = _revealed(item.id)
    draft = _take_draft(item.id)
    resolve_form = forms.get("resolve_form") or ResolveForm()
    reply_form = forms.get("reply_form") or ReplyForm()
    note_form = NoteForm()
    called_form = CalledForm()
    for form, name in (
        (resolve_form, "note"),
        (reply_form, "body"),
        (note_form, "text"),
        (called_form, "outcome"),
    ):
        if draft.get(name) and not getattr(form, name).data:
            getattr(form, name).data = draft[name]
    ways = replies.ways(item, _sms_gateway() is not None, _mailer() is not None)
    kept = replies.templates(svc.store)
    chosen = request.args.get("template", type=int)
    for t in kept:
        if t.id == chosen and not reply_form.body.data:
            reply_form.body.data = t.body
    return render_template(
        "staff/item.html",
        item=item,
        faq=faq,
        revealed=revealed,
        ways=ways,
        sent=replies.replies(svc.store, item.id),
        templates=kept,
        history=review.history(svc.store, item),
        teachable=_teachable(item),
        can_call=replies.is_phone(item.contact),
        resolve_form=resolve_form,
        reply_form=reply_form,
        note_form=note_form,
        called_form=called_form,
        teach_form=forms.get("teach_form") or _teach_form(item, faq),
        flag_form=FlagForm(),
        urgent_form=UrgentForm(),
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


@bp.app_template_filter("local")
def _local(when: datetime | None) -> str:
    """A stored (UTC) time in the clinic's time zone, as the front desk reads it."""
    return clock.format_local(when, services().settings.timezone)


@bp.app_template_filter("masked")
def _masked(text: str) -> str:
    """Phone numbers and emails typed into a text, masked like contacts."""
    return review.mask_text(text or "")


@bp.app_template_filter("segments")
def _segments(text: str) -> int:
    return replies.segments(text)


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
def _session_guard() -> Response | None:
    """End a session logged out, idle too long or past its lifetime, on the
    server: the check is against the login's row, not the cookie's word."""
    if not current_user.is_authenticated or request.endpoint == "staff.static":
        return None
    svc = services()
    settings = svc.settings
    check = accounts.check_session(
        svc.store,
        session.get("sid"),
        current_user.user.id,
        _now(),
        idle=timedelta(minutes=settings.session_idle_minutes),
        lifetime=timedelta(hours=settings.session_max_hours),
    )
    if check.ok:
        return None
    logout_user()
    return _to_login(
        ENDED.get(check.why or "unknown", ENDED["unknown"]).format(
            idle=settings.session_idle_minutes, hours=settings.session_max_hours
        )
    )


def _to_login(message: str) -> Response:
    """Back to the login form, then to this page, keeping what was typed."""
    target = request.full_path if request.method == "GET" else _form_page()
    kept = _save_draft(target) if request.method == "POST" else None
    session.clear()
    if kept:
        session["draft"] = kept
        message += " " + KEPT
    flash(message)
    return redirect(url_for("staff.login", next=target))


def _form_page() -> str:
    """The page a staff form was on (/staff/item/12 for /staff/item/12/resolve)."""
    parts = request.path.rstrip("/").split("/")
    if len(parts) >= 4 and parts[2] == "item":
        return "/".join(parts[:4])
    return url_for("staff.queue")


def _save_draft(target: str) -> str | None:
    fields = {
        k: v[:4000] for k in DRAFT_FIELDS if (v := (request.form.get(k) or "").strip())
    }
    if not fields:
        return None
    return accounts.save_draft(services().store, target, fields, _now())


def _take_draft(handoff_id: int) -> dict[str, str]:
    """What was typed on this item's page before the session ran out (once).

    Only the draft's token rides in the cookie; the text stays on the server.
    """
    token = session.get("draft")
    if not token:
        return {}
    found = accounts.take_draft(services().store, token, _now())
    session.pop("draft", None)
    if found is None or found[0] != url_for("staff.item", handoff_id=handoff_id):
        return {}
    return found[1]


@bp.app_errorhandler(CSRFError)
def _csrf_failed(exc: CSRFError) -> Response | tuple[str, int]:
    """A staff form sent after the session (and its CSRF token) ran out: log in
    again and come back to the form with what was typed, not a bare 400."""
    if (
        request.blueprint != "staff"
        or request.endpoint == "staff.login"
        or current_user.is_authenticated
    ):
        return error_page(400, "Bad request", exc.description or ""), 400
    return _to_login("Your session expired. Please log in again.")


@bp.after_request
def _headers(resp: Response) -> Response:
    # Only the item page runs a script (the reply's live SMS counter).
    script = "'self'" if request.endpoint in SCRIPTED_ENDPOINTS else "'none'"
    resp.headers["Cache-Control"] = "no-store"
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Referrer-Policy"] = "no-referrer"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src {script}; style-src 'self'; img-src 'self' "
        "data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    )
    return resp


# --- login ------


def _guard() -> Any:
    return current_app.extensions["faqbot_staff"].guard


def _too_many(exc: Busy, template: str, form: Any) -> tuple[str, int, dict[str, str]]:
    flash(too_many_message(exc.retry_after), "error")
    return (
        render_template(template, form=form),
        429,
        {"Retry-After": str(exc.retry_after)},
    )


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[Any, ...]:
    """The login form; every failure gets the same message."""
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("staff/login.html", form=form)
    svc = services()
    email = form.email.data or ""
    try:
        _guard().attempt(_ip() or "", email)
        # A password check (Argon2 releases the GIL) never holds up the
        # worker's turn in the app: patients' requests run meanwhile.
        with _guard().hashing(), current_app.extensions["faqbot_admission"].aside():
            user = accounts.authenticate(
                svc.store,
                email,
                form.password.data or "",
                now=_now(),
                max_attempts=svc.settings.lockout_attempts,
                lockout=timedelta(minutes=svc.settings.lockout_minutes),
                ip=_ip(),
                require_mfa=svc.settings.require_mfa,
            )
    except Busy as exc:
        return _too_many(exc, "staff/login.html", form)
    except accounts.CodeRequired as exc:
        session["mfa"] = [exc.user_id, (_now() - _EPOCH).total_seconds()]
        return redirect(url_for("staff.login_code", next=request.args.get("next")))
    except accounts.SecondFactorMissing as exc:
        flash(str(exc).capitalize() + ".", "error")
        return render_template("staff/login.html", form=form), 401
    if user is None:
        _guard().failed(email)
        flash(LOGIN_FAILED, "error")
        return render_template("staff/login.html", form=form), 401
    return _logged_in(user)


@bp.route("/login/code", methods=["GET", "POST"])
def login_code() -> Response | str | tuple[Any, ...]:
    """The second step for accounts with an authenticator app."""
    pending = session.get("mfa")
    now = (_now() - _EPOCH).total_seconds()
    if not isinstance(pending, list) or now - pending[1] > MFA_PENDING_SECONDS:
        session.pop("mfa", None)
        flash("Please log in again.")
        return redirect(url_for("staff.login", next=request.args.get("next")))
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template("staff/login_code.html", form=form)
    svc = services()
    account = accounts.get(svc.store, int(pending[0]))
    try:
        _guard().attempt(_ip() or "", account.email if account else "")
    except Busy as exc:
        return _too_many(exc, "staff/login_code.html", form)
    user = accounts.verify_code(
        svc.store,
        int(pending[0]),
        form.code.data or "",
        now=_now(),
        max_attempts=svc.settings.lockout_attempts,
        lockout=timedelta(minutes=svc.settings.lockout_minutes),
        ip=_ip(),
    )
    if user is None:
        if account:
            _guard().failed(account.email)
        flash(CODE_FAILED, "error")
        return render_template("staff/login_code.html", form=form), 401
    return _logged_in(user)


def _logged_in(user: accounts.StaffUser) -> Response:
    draft = session.get("draft")
    session.clear()  # a fresh session: nothing from before the login carries over
    login_user(StaffLogin(user))
    session.permanent = True
    session["sid"] = accounts.start_session(services().store, user.id, _now())
    if draft:
        session["draft"] = draft  # a token; the text waits on the server
    return redirect(_safe_next(request.args.get("next")))


@bp.post("/logout")
@login_required
def logout() -> Response:
    """End the session, on the server too: a copy of the cookie opens nothing."""
    svc = services()
    accounts.end_session(svc.store, session.get("sid"), _now())
    audit.log(svc.store, _actor(), "logout", ip=_ip())
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
def reveal(handoff_id: int) -> Response:
    """Show the full contact and question (audited), then back to the item page."""
    _item_or_404(handoff_id)
    review.reveal_contact(services().store, handoff_id, _actor(), _ip())
    session["reveal"] = [handoff_id, (_now() - _EPOCH).total_seconds()]
    return redirect(url_for("staff.item", handoff_id=handoff_id, _anchor="contact"))


@bp.post("/item/<int:handoff_id>/reply")
@login_required
def reply(handoff_id: int) -> Response | tuple[str, int]:
    """Answer the patient in their channel (text, chat, email)."""
    svc, item = services(), _item_or_404(handoff_id)
    form = ReplyForm()
    if not form.validate():
        return _item_page(item, reply_form=form), 400
    try:
        sent = replies.send(
            svc.store,
            item,
            form.body.data or "",
            _actor(),
            sms=_sms_gateway(),
            mailer=_mailer(),
            email_subject=f"A reply from {svc.assistant.faq.clinic.name}",
            ip=_ip(),
        )
    except replies.ReplyError as exc:
        flash(str(exc), "error")
        return _item_page(item, reply_form=form), 400
    flash(f"Reply sent ({replies.statuses(sent)}).")
    return redirect(url_for("staff.item", handoff_id=handoff_id, _anchor="replies"))


@bp.post("/item/<int:handoff_id>/called")
@login_required
def called(handoff_id: int) -> Response:
    """Record a call back to the patient, and what came of it."""
    item = _item_or_404(handoff_id)
    form = CalledForm()
    try:
        if not form.validate():
            raise replies.ReplyError("The note about the call is too long.")
        replies.called_back(
            services().store, item, _actor(), form.outcome.data or "", _ip()
        )
        flash("Recorded: you called the patient back.")
    except replies.ReplyError as exc:
        flash(str(exc), "error")
    return redirect(url_for("staff.item", handoff_id=handoff_id, _anchor="replies"))


@bp.post("/item/<int:handoff_id>/note")
@login_required
def note(handoff_id: int) -> Response:
    """Add a note to the item's history."""
    _item_or_404(handoff_id)
    form = NoteForm()
    try:
        if not form.validate():
            raise review.ReviewError("The note is empty or too long.")
        review.add_staff_note(
            services().store, handoff_id, _actor(), form.text.data or "", _ip()
        )
        flash("Note added.")
    except review.ReviewError as exc:
        flash(str(exc), "error")
    return redirect(url_for("staff.item", handoff_id=handoff_id, _anchor="history"))


@bp.post("/item/<int:handoff_id>/urgent")
@login_required
def urgent(handoff_id: int) -> Response:
    """Mark or unmark the item urgent by hand."""
    _item_or_404(handoff_id)
    on = UrgentForm().urgent.data == "1"
    review.set_urgent(services().store, handoff_id, on, _actor(), _ip())
    flash(
        "Marked urgent: it is pinned on top of the queue."
        if on
        else "No longer marked urgent."
    )
    return redirect(url_for("staff.item", handoff_id=handoff_id))


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
    if not _teachable(item):
        flash("Teaching cannot change the bot's answer to this question.", "error")
        return redirect(url_for("staff.item", handoff_id=handoff_id))
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
        # The message goes next to the edit box, with what was typed kept.
        form.phrasing.errors = [*form.phrasing.errors, str(exc)]
        return _item_page(item, teach_form=form), 400
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


# --- reply templates ------


@bp.route("/templates", methods=["GET", "POST"])
@login_required
def reply_templates() -> Response | str | tuple[str, int]:
    """Replies staff send often: listed, added, removed by any staff member."""
    form = TemplateForm()
    if form.validate_on_submit():
        try:
            replies.add_template(
                services().store,
                form.title.data or "",
                form.body.data or "",
                _actor(),
                _ip(),
            )
            flash("Template saved: it is offered on every item with a reply box.")
            return redirect(url_for("staff.reply_templates"))
        except replies.ReplyError as exc:
            flash(str(exc), "error")
    status = 400 if form.is_submitted() else 200
    return render_template(
        "staff/templates.html",
        form=form,
        templates=replies.templates(services().store),
        button=ButtonForm(),
    ), status


@bp.post("/templates/<int:template_id>/remove")
@login_required
def remove_template(template_id: int) -> Response:
    """Delete a reply template."""
    try:
        replies.remove_template(services().store, template_id, _actor(), _ip())
        flash("Template removed.")
    except replies.ReplyError as exc:
        flash(str(exc), "error")
    return redirect(url_for("staff.reply_templates"))


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
