"""The staff forms (Flask-WTF: every one carries a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..review import MAX_NOTE_CHARS, MAX_PHRASING_CHARS


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=255)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])


class ResolveForm(FlaskForm):
    note = TextAreaField(
        "Note",
        validators=[Optional(), Length(max=MAX_NOTE_CHARS)],
        render_kw={"placeholder": "called back, booked", "rows": 2},
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


class ButtonForm(FlaskForm):
    """A form that is only a button (reveal, reopen, remove, log out)."""
