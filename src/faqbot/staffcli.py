"""The staff commands of ``faqbot``: staff accounts, exports for the FAQ
curator, the notification sender and the retention purge.

Passwords are read from a prompt (or one line of standard input when it is
not a terminal), never from an argument, which would land in shell history
and the process list.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import click
from sqlalchemy.exc import SQLAlchemyError

from .config import Settings
from .storage import Store


@contextmanager
def _store(settings: Settings) -> Iterator[Store]:
    store = Store(settings.sqlalchemy_url)
    try:
        try:
            store.init_db()
        except SQLAlchemyError as exc:
            raise click.ClickException(
                f"cannot reach the database: {type(exc).__name__}"
            ) from None
        yield store
    finally:
        store.dispose()


def _password(confirm: bool = True) -> str:
    if sys.stdin.isatty():
        return click.prompt(
            "Password", hide_input=True, confirmation_prompt=confirm, err=True
        )
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise click.ClickException("no password on standard input")
    return line


@click.group()
def staff() -> None:
    """Manage staff accounts (the first one: `faqbot staff add EMAIL --admin`)."""


@staff.command("add")
@click.argument("email")
@click.option("--admin", is_flag=True, help="May read the audit log.")
@click.pass_obj
def staff_add(settings: Settings, email: str, admin: bool) -> None:
    """Create an account; the password is prompted for (or read from stdin)."""
    from .accounts import AccountError, add

    try:
        with _store(settings) as store:
            user = add(store, email, _password(), admin=admin)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"added {user.email} ({'admin' if user.is_admin else 'staff'})")


@staff.command("set-password")
@click.argument("email")
@click.pass_obj
def staff_set_password(settings: Settings, email: str) -> None:
    """Set a new password, lift a lockout and sign out the account's sessions."""
    from .accounts import AccountError, set_password

    try:
        with _store(settings) as store:
            set_password(store, email, _password())
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"password changed for {email.strip().lower()}")


@staff.command("disable")
@click.argument("email")
@click.pass_obj
def staff_disable(settings: Settings, email: str) -> None:
    """Stop an account from logging in and end its sessions."""
    _set_active(settings, email, False)


@staff.command("enable")
@click.argument("email")
@click.pass_obj
def staff_enable(settings: Settings, email: str) -> None:
    """Let a disabled account log in again."""
    _set_active(settings, email, True)


def _set_active(settings: Settings, email: str, active: bool) -> None:
    from .accounts import AccountError, set_active

    try:
        with _store(settings) as store:
            set_active(store, email, active)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{'enabled' if active else 'disabled'} {email.strip().lower()}")


@staff.command("list")
@click.pass_obj
def staff_list(settings: Settings) -> None:
    """List the accounts: role, state (locked out from how many addresses,
    until when), second factor and last login, in the clinic's time zone."""
    from .accounts import all_staff, locks
    from .clock import format_local
    from .storage import utcnow

    now = utcnow()
    with _store(settings) as store:
        users = all_staff(store)
        locked = locks(store, now)
    for u in users:
        state = "disabled" if not u.active else "active"
        if u.active and u.locked(now):
            state = f"locked until {format_local(u.locked_until, settings.timezone)}"
        elif u.active and u.email in locked:
            n, until = locked[u.email]
            state = (
                f"locked from {n} address{'es' if n != 1 else ''} until "
                f"{format_local(until, settings.timezone)}"
            )
        role = "admin" if u.is_admin else "staff"
        mfa = "2-step" if u.has_totp else "password"
        last = (
            format_local(u.last_login_at, settings.timezone)
            if u.last_login_at
            else "never"
        )
        click.echo(f"{u.email:<40} {role:<6} {mfa:<8} {state:<9} last login {last}")


@staff.command("mfa")
@click.argument("email")
@click.option("--off", is_flag=True, help="Turn the second factor off.")
@click.pass_obj
def staff_mfa(settings: Settings, email: str, off: bool) -> None:
    """Set up (or turn off) a TOTP authenticator app for an account."""
    from .accounts import AccountError, enroll_totp, remove_totp

    try:
        with _store(settings) as store:
            if off:
                remove_totp(store, email)
                click.echo(f"two-step login is off for {email.strip().lower()}")
                return
            uri = enroll_totp(store, email)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    secret = uri.split("secret=", 1)[1].split("&", 1)[0]
    click.echo(
        f"Two-step login is on for {email.strip().lower()}. In the authenticator "
        "app, add an account with this key (or turn the URI into a QR code):\n"
        f"  key: {secret}\n  uri: {uri}\n"
        "From the next login, the app's 6-digit code is asked after the password."
    )


@click.group()
def learned() -> None:
    """Phrasings staff taught the bot."""


@learned.command("export")
@click.option(
    "--write", is_flag=True, help="Also merge them into the FAQ's phrasing file."
)
@click.pass_obj
def learned_export(settings: Settings, write: bool) -> None:
    """Print learned phrasings as YAML to merge into the phrasing file."""
    from .curation import export_learned
    from .faq import FaqError

    try:
        with _store(settings) as store:
            click.echo(export_learned(store, settings.faq_path, write=write), nl=False)
    except FaqError as exc:
        raise click.ClickException(str(exc.problems[0])) from None


@click.group()
def flagged() -> None:
    """Questions staff flagged as needing a new FAQ entry."""


@flagged.command("export")
@click.pass_obj
def flagged_export(settings: Settings) -> None:
    """Print the flagged questions as YAML for the FAQ curator (no contacts)."""
    from .curation import export_flagged

    with _store(settings) as store:
        click.echo(export_flagged(store), nl=False)


@click.command()
@click.option("--once", is_flag=True, help="One pass, then exit (for cron or tests).")
@click.option(
    "--interval",
    default=3.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds between passes.",
)
@click.pass_obj
def notify(settings: Settings, once: bool, interval: float) -> None:
    """Send staff notifications from the outbox (the Procfile's worker)."""
    from .app import configure_logging
    from .notify import Sender

    configure_logging(settings)
    with _store(settings) as store:
        try:
            sender = Sender(settings, store)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        if once:
            click.echo(f"{sender.run_once()} notification(s) sent")
            return
        stop = threading.Event()

        def _stop(_sig: int, _frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        sender.run_forever(stop, interval)


@click.command()
@click.option(
    "--days",
    type=click.IntRange(min=1),
    default=None,
    help="Override FAQBOT_RETENTION_DAYS.",
)
@click.option("--dry-run", is_flag=True, help="Count what would go; delete nothing.")
@click.pass_obj
def purge(settings: Settings, days: int | None, dry_run: bool) -> None:
    """Erase patient records older than the retention period (open items stay)."""
    from .retention import purge as run_purge
    from .spool import Spool

    days = days or settings.retention_days
    with _store(settings) as store:
        done = run_purge(store, days, dry_run=dry_run, spool=Spool(settings.spool_path))
    verb = "would delete" if dry_run else "deleted"
    click.echo(
        f"{verb} {done.asks} ask(s), {done.items} resolved item(s) and "
        f"{done.notifications} notification(s) from before "
        f"{done.cutoff:%Y-%m-%d %H:%M} UTC; open items are kept"
    )
    click.echo(
        f"{verb} {done.sms} SMS record(s) and {done.spooled} spooled line(s); "
        f"{done.audit} audit row(s) {'would lose' if dry_run else 'lost'} "
        "their details"
    )


COMMANDS = (staff, learned, flagged, notify, purge)
