"""The staff forms (Flask-WTF: every one carries a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from ..replies import MAX_REPLY_CHARS
from ..review import MAX_NOTE_CHARS, MAX_PHRASING_CHARS

NO_ENTRY = ("", "— choose the entry it should have matched —")


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=255)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])


class CodeForm(FlaskForm):
    code = StringField(
        "Code from your authenticator app",
        validators=[DataRequired(), Length(max=12)],
        render_kw={"inputmode": "numeric", "autocomplete": "one-time-code"},
    )


class ResolveForm(FlaskForm):
    note = TextAreaField(
        "Note",
        validators=[Optional(), Length(max=MAX_NOTE_CHARS)],
        render_kw={"placeholder": "called back, booked", "rows": 2},
    )


class NoteForm(FlaskForm):
    text = TextAreaField(
        "Add a note",
        validators=[DataRequired(), Length(max=MAX_NOTE_CHARS)],
        render_kw={"rows": 2},
    )


class ReplyForm(FlaskForm):
    body = TextAreaField(
        "Your reply",
        validators=[DataRequired(), Length(max=MAX_REPLY_CHARS)],
        render_kw={"rows": 4, "maxlength": MAX_REPLY_CHARS},
    )


class TemplateForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=100)])
    body = TextAreaField(
        "Reply",
        validators=[DataRequired(), Length(max=MAX_REPLY_CHARS)],
        render_kw={"rows": 3},
    )


class CalledForm(FlaskForm):
    outcome = TextAreaField(
        "What came of the call (optional)",
        validators=[Optional(), Length(max=MAX_NOTE_CHARS)],
        render_kw={"rows": 2, "placeholder": "booked a consult; left a voicemail"},
    )


class TeachForm(FlaskForm):
    faq_id = SelectField("Should have matched", validators=[DataRequired()])
    phrasing = TextAreaField(
        "Phrasing to learn (remove names and numbers)",
        validators=[DataRequired(), Length(max=MAX_PHRASING_CHARS)],
        render_kw={"rows": 2},
    )


class FlagForm(FlaskForm):
    flagged = HiddenField(default="1")


class UrgentForm(FlaskForm):
    urgent = HiddenField(default="1")


class ButtonForm(FlaskForm):
    """A form that is only a button (reveal, reopen, remove, log out)."""
