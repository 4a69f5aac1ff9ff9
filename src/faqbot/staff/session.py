"""The logged-in staff member as Flask-Login sees it."""

from __future__ import annotations

from flask_login import UserMixin

from .. import accounts
from ..accounts import StaffUser
from ..storage import Store


class StaffLogin(UserMixin):
    """Wraps a ``StaffUser``; its id carries the session version, so changing
    the password or disabling the account signs out every open session."""

    def __init__(self, user: StaffUser) -> None:
        self.user = user

    def get_id(self) -> str:
        return f"{self.user.id}:{self.user.session_version}"

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def is_admin(self) -> bool:
        return self.user.is_admin

    @property
    def is_active(self) -> bool:
        return self.user.active

    @classmethod
    def load(cls, store: Store, user_id: str) -> StaffLogin | None:
        """The session's staff member, if the account still exists and is current."""
        uid, _, version = user_id.partition(":")
        if not uid.isdigit() or not version.isdigit():
            return None
        user = accounts.get(store, int(uid))
        if user is None or not user.active or user.session_version != int(version):
            return None
        return cls(user)
