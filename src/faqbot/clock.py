"""Times as the clinic reads them: stored as naive UTC, shown in the
clinic's time zone (FAQBOT_TIMEZONE) on staff pages and in staff emails."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .config import Settings, SettingsError


@cache
def zone(name: str) -> ZoneInfo:
    """The time zone called ``name``; SettingsError when there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"FAQBOT_TIMEZONE={name!r} is not a time zone (examples: "
            "America/Los_Angeles, America/New_York, Europe/London)"
        ) from None


def check(settings: Settings) -> None:
    """Refuse a time zone that does not exist, at start-up."""
    zone(settings.timezone)


def local(at: datetime, tz: str) -> datetime:
    """A naive UTC time as an aware time in ``tz``."""
    return at.replace(tzinfo=UTC).astimezone(zone(tz))


def format_local(at: datetime | None, tz: str) -> str:
    """A naive UTC time as the clinic reads it.

    >>> format_local(datetime(2026, 3, 2, 17, 19), "America/Los_Angeles")
    'Mon Mar 2, 9:19 AM PST'
    """
    if at is None:
        return ""
    t = local(at, tz)
    hour = t.hour % 12 or 12
    return f"{t:%a %b} {t.day}, {hour}:{t:%M} {'AM' if t.hour < 12 else 'PM'} {t:%Z}"
