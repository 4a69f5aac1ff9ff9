"""Staff accounts: Argon2id password hashes, lockout after repeated failures,
server-side login sessions and an optional TOTP second factor.

Plain Python so that the CLI and the web pages share one implementation.
Every change to an account is written to the audit log in the same
transaction.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from . import audit
from .storage import (
    Store,
    login_locks,
    staff_drafts,
    staff_sessions,
    staff_users,
    utcnow,
)

MIN_PASSWORD_CHARS = 12
TOTP_ISSUER = "faqbot"
_TRAILING_JUNK = re.compile(r"[\d\W_]+$")

# argon2-cffi's defaults are Argon2id with RFC 9106's low-memory profile.
_hasher = PasswordHasher()
# Verified against when the email is unknown, so that a miss costs as much
# time as a wrong password and does not reveal which addresses exist.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


class AccountError(ValueError):
    """An account operation cannot be done (unknown email, weak password, ...)."""


@dataclass(frozen=True)
class StaffUser:
    """A staff account as the web pages and the CLI see it."""

    id: int
    email: str
    is_admin: bool
    active: bool
    session_version: int
    failed_logins: int
    locked_until: datetime | None
    created_at: datetime
    last_login_at: datetime | None
    has_totp: bool = False

    def locked(self, now: datetime) -> bool:
        """True while a lockout is in force."""
        return self.locked_until is not None and self.locked_until > now


def normalize_email(email: str) -> str:
    """Emails are compared case-insensitively and without surrounding spaces."""
    return email.strip().lower()


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common and breached passwords (lowercased)."""
    text = (
        resources.files("faqbot")
        .joinpath("data/common-passwords.txt")
        .read_text(encoding="utf-8")
    )
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def check_password(password: str, email: str | None = None) -> None:
    """Refuse passwords too short, too common or too close to the email.

    >>> check_password("password1234")
    Traceback (most recent call last):
    ...
    faqbot.accounts.AccountError: that password is on the list of common and \
breached passwords; choose a longer phrase of unrelated words
    """
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(
            f"the password must have at least {MIN_PASSWORD_CHARS} characters"
        )
    low = password.strip().lower()
    stem = _TRAILING_JUNK.sub("", low)
    common = common_passwords()
    if (
        low in common
        or (len(stem) >= 4 and stem in common)
        or len(set(low)) <= 3
        or (len(stem) < 4 and low[:1].isdigit())
    ):
        raise AccountError(
            "that password is on the list of common and breached passwords; "
            "choose a longer phrase of unrelated words"
        )
    local = normalize_email(email or "").partition("@")[0]
    if len(local) >= 4 and local in low:
        raise AccountError("the password must not contain the email address")


def _user(row: object) -> StaffUser:
    data = dict(row._mapping)  # type: ignore[attr-defined]
    data.pop("password_hash", None)
    data.pop("totp_last", None)
    data["has_totp"] = bool(data.pop("totp_secret", None))
    return StaffUser(**data)


def find(store: Store, email: str) -> StaffUser | None:
    """The account with this email, or None."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(staff_users).where(staff_users.c.email == normalize_email(email))
        ).first()
    return _user(row) if row is not None else None


def get(store: Store, user_id: int) -> StaffUser | None:
    """The account with this id, or None."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(staff_users).where(staff_users.c.id == user_id)
        ).first()
    return _user(row) if row is not None else None


def all_staff(store: Store) -> list[StaffUser]:
    """Every account, by email."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(staff_users).order_by(staff_users.c.email)).all()
    return [_user(r) for r in rows]


def add(
    store: Store, email: str, password: str, admin: bool = False, actor: str = "cli"
) -> StaffUser:
    """Create an account; AccountError if the email is taken or the password weak."""
    email = normalize_email(email)
    if "@" not in email or len(email) > 255:
        raise AccountError(f"{email!r} is not an email address")
    check_password(password, email)
    try:
        with store.begin() as conn:
            conn.execute(
                staff_users.insert().values(
                    email=email,
                    password_hash=_hasher.hash(password),
                    is_admin=admin,
                    active=True,
                    failed_logins=0,
                    session_version=1,
                    created_at=utcnow(),
                )
            )
            audit.record(
                conn,
                actor,
                "staff_add",
                target=f"staff:{email}",
                detail="admin" if admin else "staff",
            )
    except IntegrityError:
        raise AccountError(f"there is already an account for {email}") from None
    user = find(store, email)
    assert user is not None
    return user


def _change(
    store: Store, email: str, action: str, actor: str, **values: object
) -> None:
    email = normalize_email(email)
    with store.begin() as conn:
        done = conn.execute(
            update(staff_users)
            .where(staff_users.c.email == email)
            .values(session_version=staff_users.c.session_version + 1, **values)
        ).rowcount
        if not done:
            raise AccountError(f"there is no account for {email}")
        audit.record(conn, actor, action, target=f"staff:{email}")


def set_password(store: Store, email: str, password: str, actor: str = "cli") -> None:
    """Replace the password, lift any lockout and sign out every session."""
    check_password(password, email)
    with store.begin() as conn:
        conn.execute(
            delete(login_locks).where(login_locks.c.email == normalize_email(email))
        )
    _change(
        store,
        email,
        "staff_password",
        actor,
        password_hash=_hasher.hash(password),
        failed_logins=0,
        locked_until=None,
    )


def set_active(store: Store, email: str, active: bool, actor: str = "cli") -> None:
    """Disable (signing out every session) or re-enable an account."""
    _change(
        store,
        email,
        "staff_enable" if active else "staff_disable",
        actor,
        active=active,
    )


class CodeRequired(AccountError):
    """The password was right; the account's authenticator code is needed."""

    def __init__(self, user_id: int) -> None:
        super().__init__("enter the code from your authenticator app")
        self.user_id = user_id


class SecondFactorMissing(AccountError):
    """The account must log in with a second factor it has not set up."""


def authenticate(
    store: Store,
    email: str,
    password: str,
    now: datetime,
    max_attempts: int,
    lockout: timedelta,
    ip: str | None = None,
    require_mfa: bool = False,
) -> StaffUser | None:
    """The account if the password is right and it may log in, else None.

    Every outcome is audited; the reason for a failure is recorded there and
    never shown to whoever is trying. ``max_attempts`` failures in a row from
    one address lock that address out of the account for ``lockout``; the
    account stays open from every other address, so a stranger who knows a
    staff email cannot keep its owner out. Attempts while locked are refused
    without checking the password.

    An account with a second factor raises ``CodeRequired`` once the password
    is right (finish with ``verify_code``); an admin without one raises
    ``SecondFactorMissing`` when ``require_mfa`` is on.
    """
    email = normalize_email(email)
    with store.engine.connect() as conn:
        row = conn.execute(
            select(staff_users).where(staff_users.c.email == email)
        ).first()
    if row is None:
        _verify(_DUMMY_HASH, password)
        audit.log(
            store, email or "(blank)", "login_failed", detail="unknown account", ip=ip
        )
        return None
    user = _user(row)
    refused = "account disabled" if not user.active else None
    if refused is None and (user.locked(now) or _address_locked(store, email, ip, now)):
        refused = "account locked"
    if refused:
        _verify(_DUMMY_HASH, password)  # the same time as any other failure
        audit.log(store, email, "login_failed", detail=refused, ip=ip)
        return None
    if not _verify(row.password_hash, password):
        _record_failure(store, user, now, max_attempts, lockout, ip)
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        with store.begin() as conn:
            conn.execute(
                update(staff_users)
                .where(staff_users.c.id == user.id)
                .values(password_hash=_hasher.hash(password))
            )
    if user.has_totp:
        raise CodeRequired(user.id)
    if require_mfa and user.is_admin:
        audit.log(store, email, "login_failed", detail="no second factor", ip=ip)
        raise SecondFactorMissing(
            "admins must log in with an authenticator code: ask another admin "
            f"to run `faqbot staff mfa {email}` and scan the code it shows"
        )
    return _succeeded(store, user, now, ip)


def _succeeded(
    store: Store, user: StaffUser, now: datetime, ip: str | None
) -> StaffUser | None:
    with store.begin() as conn:
        conn.execute(
            update(staff_users)
            .where(staff_users.c.id == user.id)
            .values(failed_logins=0, locked_until=None, last_login_at=now)
        )
        conn.execute(
            delete(login_locks).where(
                login_locks.c.email == user.email, login_locks.c.ip == (ip or "")
            )
        )
        audit.record(conn, user.email, "login", ip=ip, now=now)
    return get(store, user.id)


def verify_code(
    store: Store,
    user_id: int,
    code: str,
    now: datetime,
    max_attempts: int,
    lockout: timedelta,
    ip: str | None = None,
) -> StaffUser | None:
    """Finish a login with the authenticator code; a code works only once."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(staff_users).where(staff_users.c.id == user_id)
        ).first()
    if row is None or not row.active or not row.totp_secret:
        return None
    user = _user(row)
    if _address_locked(store, user.email, ip, now):
        audit.log(store, user.email, "login_failed", detail="account locked", ip=ip)
        return None
    code = re.sub(r"\s", "", code or "")
    totp = pyotp.TOTP(row.totp_secret)
    ok = (
        code.isdigit()
        and code != (row.totp_last or "")
        and totp.verify(code, for_time=now.replace(tzinfo=UTC), valid_window=1)
    )
    if not ok:
        _record_failure(store, user, now, max_attempts, lockout, ip, "wrong code")
        return None
    with store.begin() as conn:
        conn.execute(
            update(staff_users)
            .where(staff_users.c.id == user.id)
            .values(totp_last=code)
        )
    return _succeeded(store, user, now, ip)


def enroll_totp(store: Store, email: str, actor: str = "cli") -> str:
    """Give the account a new TOTP secret; returns the otpauth:// URI to scan."""
    email = normalize_email(email)
    secret = pyotp.random_base32()
    with store.begin() as conn:
        done = conn.execute(
            update(staff_users)
            .where(staff_users.c.email == email)
            .values(totp_secret=secret, totp_last=None)
        ).rowcount
        if not done:
            raise AccountError(f"there is no account for {email}")
        audit.record(conn, actor, "staff_mfa", target=f"staff:{email}", detail="on")
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=TOTP_ISSUER)


def remove_totp(store: Store, email: str, actor: str = "cli") -> None:
    """Turn the account's second factor off."""
    email = normalize_email(email)
    with store.begin() as conn:
        done = conn.execute(
            update(staff_users)
            .where(staff_users.c.email == email)
            .values(totp_secret=None, totp_last=None)
        ).rowcount
        if not done:
            raise AccountError(f"there is no account for {email}")
        audit.record(conn, actor, "staff_mfa", target=f"staff:{email}", detail="off")


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _address_locked(store: Store, email: str, ip: str | None, now: datetime) -> bool:
    with store.engine.connect() as conn:
        until = conn.execute(
            select(login_locks.c.locked_until).where(
                login_locks.c.email == email, login_locks.c.ip == (ip or "")
            )
        ).scalar()
    return until is not None and until > now


def _record_failure(
    store: Store,
    user: StaffUser,
    now: datetime,
    max_attempts: int,
    lockout: timedelta,
    ip: str | None,
    what: str = "wrong password",
) -> None:
    addr = ip or ""
    key = (login_locks.c.email == user.email, login_locks.c.ip == addr)
    with store.begin() as conn:
        # Failures from a day ago no longer count towards a lockout.
        conn.execute(
            delete(login_locks).where(
                login_locks.c.updated_at < now - timedelta(days=1),
                or_(
                    login_locks.c.locked_until.is_(None),
                    login_locks.c.locked_until < now,
                ),
            )
        )
        done = conn.execute(
            update(login_locks)
            .where(*key)
            .values(failures=login_locks.c.failures + 1, updated_at=now)
        ).rowcount
        if not done:
            try:
                with conn.begin_nested():
                    conn.execute(
                        login_locks.insert().values(
                            email=user.email, ip=addr, failures=1, updated_at=now
                        )
                    )
            except IntegrityError:  # a parallel attempt inserted it first
                conn.execute(
                    update(login_locks)
                    .where(*key)
                    .values(failures=login_locks.c.failures + 1, updated_at=now)
                )
        failures = conn.execute(select(login_locks.c.failures).where(*key)).scalar_one()
        detail = f"{what} ({failures} in a row)"
        if failures >= max_attempts:
            conn.execute(
                update(login_locks)
                .where(*key)
                .values(failures=0, locked_until=now + lockout)
            )
            detail += (
                f"; this address locked out until {(now + lockout):%Y-%m-%d %H:%M} UTC"
            )
        audit.record(conn, user.email, "login_failed", detail=detail, ip=ip, now=now)


def locks(store: Store, now: datetime) -> dict[str, tuple[int, datetime]]:
    """Accounts with addresses locked out now: email -> (addresses, until)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                login_locks.c.email,
                func.count(),
                func.max(login_locks.c.locked_until),
            )
            .where(login_locks.c.locked_until > now)
            .group_by(login_locks.c.email)
        ).all()
    return {r[0]: (int(r[1]), r[2]) for r in rows}


# --- server-side sessions ------


@dataclass(frozen=True)
class SessionCheck:
    """Whether a login session may go on, and if not, why."""

    ok: bool
    why: str | None = None  # idle | lifetime | logout | unknown


SESSION_ROWS_KEPT = timedelta(days=30)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(store: Store, user_id: int, now: datetime) -> str:
    """A new login session; the token goes in the cookie, its hash in the table."""
    token = secrets.token_urlsafe(32)
    with store.begin() as conn:
        # Rows of long-finished sessions are of no further use.
        conn.execute(
            delete(staff_sessions).where(
                staff_sessions.c.last_seen_at < now - SESSION_ROWS_KEPT
            )
        )
        conn.execute(
            staff_sessions.insert().values(
                token_hash=_digest(token),
                user_id=user_id,
                created_at=now,
                last_seen_at=now,
            )
        )
    return token


def check_session(
    store: Store,
    token: object,
    user_id: int,
    now: datetime,
    idle: timedelta,
    lifetime: timedelta,
) -> SessionCheck:
    """Go on with a session (renewing its idle clock), or end it and say why."""
    if not isinstance(token, str) or not token:
        return SessionCheck(False, "unknown")
    digest = _digest(token)
    with store.engine.connect() as conn:
        row = conn.execute(
            select(staff_sessions).where(staff_sessions.c.token_hash == digest)
        ).first()
    if row is None or row.user_id != user_id:
        return SessionCheck(False, "unknown")
    if row.ended_at is not None:
        return SessionCheck(False, row.ended_why or "logout")
    why = None
    if now - row.created_at > lifetime:
        why = "lifetime"
    elif now - row.last_seen_at > idle:
        why = "idle"
    with store.begin() as conn:
        values = {"ended_at": now, "ended_why": why} if why else {"last_seen_at": now}
        conn.execute(
            update(staff_sessions)
            .where(
                staff_sessions.c.token_hash == digest,
                staff_sessions.c.ended_at.is_(None),
            )
            .values(**values)
        )
    return SessionCheck(why is None, why)


def end_session(
    store: Store, token: object, now: datetime, why: str = "logout"
) -> None:
    """End a session on the server: its cookie opens nothing from now on."""
    if not isinstance(token, str) or not token:
        return
    with store.begin() as conn:
        conn.execute(
            update(staff_sessions)
            .where(
                staff_sessions.c.token_hash == _digest(token),
                staff_sessions.c.ended_at.is_(None),
            )
            .values(ended_at=now, ended_why=why)
        )


# --- what was typed when a session ran out ------

DRAFT_MAX_AGE = timedelta(hours=1)


def save_draft(store: Store, path: str, fields: dict[str, str], now: datetime) -> str:
    """Keep a half-sent form server-side; the token goes in the new cookie."""
    token = secrets.token_urlsafe(24)
    with store.begin() as conn:
        conn.execute(
            delete(staff_drafts).where(staff_drafts.c.created_at < now - DRAFT_MAX_AGE)
        )
        conn.execute(
            staff_drafts.insert().values(
                token_hash=_digest(token),
                created_at=now,
                path=path[:255],
                fields=json.dumps(fields),
            )
        )
    return token


def take_draft(
    store: Store, token: object, now: datetime
) -> tuple[str, dict[str, str]] | None:
    """The draft saved under ``token`` (once: it is deleted), if still fresh."""
    if not isinstance(token, str) or not token:
        return None
    digest = _digest(token)
    with store.begin() as conn:
        row = conn.execute(
            select(staff_drafts).where(staff_drafts.c.token_hash == digest)
        ).first()
        conn.execute(delete(staff_drafts).where(staff_drafts.c.token_hash == digest))
    if row is None or now - row.created_at > DRAFT_MAX_AGE:
        return None
    return row.path, json.loads(row.fields)
