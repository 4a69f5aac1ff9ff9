"""Staff accounts: Argon2id password hashes, lockout after repeated failures.

Plain Python so that the CLI and the web pages share one implementation.
Every change to an account is written to the audit log in the same
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from . import audit
from .storage import Store, staff_users, utcnow

MIN_PASSWORD_CHARS = 12

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

    def locked(self, now: datetime) -> bool:
        """True while a lockout is in force."""
        return self.locked_until is not None and self.locked_until > now


def normalize_email(email: str) -> str:
    """Emails are compared case-insensitively and without surrounding spaces."""
    return email.strip().lower()


def check_password(password: str) -> None:
    """Refuse passwords too short to withstand guessing."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(
            f"the password must have at least {MIN_PASSWORD_CHARS} characters"
        )


def _user(row: object) -> StaffUser:
    data = dict(row._mapping)  # type: ignore[attr-defined]
    data.pop("password_hash", None)
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
    check_password(password)
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
    check_password(password)
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


def authenticate(
    store: Store,
    email: str,
    password: str,
    now: datetime,
    max_attempts: int,
    lockout: timedelta,
    ip: str | None = None,
) -> StaffUser | None:
    """The account if the password is right and it may log in, else None.

    Every outcome is audited; the reason for a failure is recorded there and
    never shown to whoever is trying. ``max_attempts`` failures in a row lock
    the account for ``lockout``; attempts while locked are refused without
    checking the password.
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
    if refused is None and user.locked(now):
        refused = "account locked"
    if refused:
        _verify(_DUMMY_HASH, password)  # the same time as any other failure
        audit.log(store, email, "login_failed", detail=refused, ip=ip)
        return None
    if not _verify(row.password_hash, password):
        _record_failure(store, user, now, max_attempts, lockout, ip)
        return None
    values: dict[str, object] = {
        "failed_logins": 0,
        "locked_until": None,
        "last_login_at": now,
    }
    if _hasher.check_needs_rehash(row.password_hash):
        values["password_hash"] = _hasher.hash(password)
    with store.begin() as conn:
        conn.execute(
            update(staff_users).where(staff_users.c.id == user.id).values(**values)
        )
        audit.record(conn, email, "login", ip=ip, now=now)
    return get(store, user.id)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _record_failure(
    store: Store,
    user: StaffUser,
    now: datetime,
    max_attempts: int,
    lockout: timedelta,
    ip: str | None,
) -> None:
    with store.begin() as conn:
        conn.execute(
            update(staff_users)
            .where(staff_users.c.id == user.id)
            .values(failed_logins=staff_users.c.failed_logins + 1)
        )
        failures = conn.execute(
            select(staff_users.c.failed_logins).where(staff_users.c.id == user.id)
        ).scalar_one()
        detail = f"wrong password ({failures} in a row)"
        if failures >= max_attempts:
            conn.execute(
                update(staff_users)
                .where(staff_users.c.id == user.id)
                .values(failed_logins=0, locked_until=now + lockout)
            )
            detail += f"; locked until {(now + lockout):%Y-%m-%d %H:%M} UTC"
        audit.record(conn, user.email, "login_failed", detail=detail, ip=ip, now=now)
