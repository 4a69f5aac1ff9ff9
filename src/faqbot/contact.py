"""A patient's request to be contacted: validate the details, attach them to staff.

The widget's handoff form sends a name (optional), a phone number or an email
address, and the patient's consent. ``parse_contact`` checks and normalises
them (US numbers to E.164, email domains to lower case) so that staff can act
on them; ``request_contact`` puts them on the newest open staff item of the
conversation, or opens a new item when there is none, so that a patient who
asked to be called back is never dropped.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from .storage import Store
from .text import clean

log = logging.getLogger(__name__)

MAX_NAME_CHARS = 100
MAX_EMAIL_CHARS = 254
NO_QUESTION = "(The patient asked to be contacted from the chat widget.)"

MAILTO_UNSAFE = frozenset("?&%")
_PHONE_CHARS = re.compile(r"\+?[0-9 ().\-]+")
_EMAIL = re.compile(r"[^\s@]{1,64}@[^\s@]+")
_DOMAIN_LABEL = re.compile(r"[^\W_](?:(?:[^\W_]|-)*[^\W_])?")


class ContactError(ValueError):
    """The contact details cannot be used; ``code`` names the problem for clients."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class ContactUnsaved(ContactError):
    """The details are fine but the database could not store them."""


@dataclass(frozen=True)
class Contact:
    """Validated contact details: ``kind`` is "phone" (E.164) or "email"."""

    kind: str
    value: str
    name: str | None = None


@dataclass(frozen=True)
class ContactRequest:
    """Where the contact landed: the staff item, and whether it was opened for it."""

    handoff_id: int
    created: bool


def parse_contact(
    contact: object, name: object = None, consent: object = None
) -> Contact:
    """Check the handoff form's fields; raise ``ContactError`` saying what is wrong."""
    if consent is not True:
        raise ContactError(
            "consent_required",
            "Please tick the box to let our care team contact you.",
        )
    if contact is None or (isinstance(contact, str) and not clean(contact)):
        raise ContactError(
            "missing_contact", "Please enter a phone number or an email address."
        )
    if not isinstance(contact, str):
        raise ContactError("invalid_contact", "The contact must be text.")
    value = clean(contact)
    if "@" in value:
        kind, value = "email", normalize_email(value)
    else:
        kind, value = "phone", normalize_phone(value)
    return Contact(kind, value, parse_name(name))


def parse_name(name: object) -> str | None:
    """The optional name, cleaned; None when blank."""
    if name is None:
        return None
    if not isinstance(name, str):
        raise ContactError("invalid_name", "The name must be text.")
    value = " ".join(clean(name).split())
    if len(value) > MAX_NAME_CHARS:
        raise ContactError(
            "name_too_long", f"The name is longer than {MAX_NAME_CHARS} characters."
        )
    return value or None


def normalize_phone(raw: str) -> str:
    """A phone number in E.164: US numbers with or without +1, others with +.

    >>> normalize_phone("(310) 555-0123")
    '+13105550123'
    >>> normalize_phone("+44 20 7946 0958")
    '+442079460958'
    """
    if not _PHONE_CHARS.fullmatch(raw):
        raise _bad_contact()
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+") and not digits.startswith("1"):
        if not 8 <= len(digits) <= 15:
            raise _bad_contact()
        return "+" + digits
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    # A North American number: 10 digits, area code and exchange not starting
    # with 0 or 1.
    if len(digits) != 10 or digits[0] in "01" or digits[3] in "01":
        raise _bad_contact()
    return "+1" + digits


def normalize_email(raw: str) -> str:
    """An email address with its domain in lower case, if it looks deliverable.

    >>> normalize_email("Jane.Doe@Example.COM")
    'Jane.Doe@example.com'
    """
    if len(raw) > MAX_EMAIL_CHARS or not _EMAIL.fullmatch(raw):
        raise _bad_contact()
    local, domain = raw.rsplit("@", 1)
    if any(ch in local for ch in MAILTO_UNSAFE):
        # Legal in an address, but in the staff page's mailto: link they would
        # start a query (?bcc=...) or an escape: refused rather than trusted.
        raise _bad_contact()
    labels = domain.split(".")
    if (
        len(labels) < 2
        or len(labels[-1]) < 2
        or not all(_DOMAIN_LABEL.fullmatch(label) for label in labels)
    ):
        raise _bad_contact()
    return f"{local}@{domain.lower()}"


def _bad_contact() -> ContactError:
    return ContactError(
        "invalid_contact",
        "Please enter a phone number like 310-555-0123 or an email address "
        "like name@example.com.",
    )


def request_contact(store: Store, session_id: str, contact: Contact) -> ContactRequest:
    """Attach the contact to the session's newest open staff item, or open one.

    A patient's request to be contacted must reach staff even when their
    question's item was already resolved, or was never written (the database
    was down and the ask is still in the spool): then a new item carries the
    contact and the session's latest question, and staff are notified as usual.
    """
    try:
        handoff_id = store.attach_contact(session_id, contact.value, contact.name)
        created = handoff_id is None
        if handoff_id is None:
            question = store.latest_question(session_id) or NO_QUESTION
            handoff_id = store.contact_request(
                session_id, question, contact.value, contact.name
            )
    except SQLAlchemyError as exc:
        log.error("could not store a contact request: %s", type(exc).__name__)
        raise ContactUnsaved(
            "unavailable",
            "We couldn't save your details just now. Please try again, or call us.",
        ) from None
    # The kind only: contact details never reach the logs.
    log.info(
        "%s contact %s staff item %d",
        contact.kind,
        "opened" if created else "attached to",
        handoff_id,
    )
    return ContactRequest(handoff_id, created)
