"""``faqbot spool``: what waits in the local spool, and importing it by hand.

Each web process imports its spool by itself once the database is back
(``faqbot.recovery``); these commands are for a person who wants to see or
force it, for instance before taking a machine out of service.
"""

from __future__ import annotations

import click
from sqlalchemy.exc import SQLAlchemyError

from .config import Settings
from .spool import Spool
from .storage import Store


@click.group()
def spool() -> None:
    """Records that waited for the database (FAQBOT_SPOOL_PATH)."""


@spool.command("status")
@click.pass_obj
def spool_status(settings: Settings) -> None:
    """How many records wait in this machine's spool."""
    box = Spool(settings.spool_path)
    click.echo(f"{box.count()} record(s) waiting in {box.path}")
    if box.rejected_path.exists():
        click.echo(f"unreadable lines set aside in {box.rejected_path}")


@spool.command("replay")
@click.pass_obj
def spool_replay(settings: Settings) -> None:
    """Import the waiting records into the database (safe to repeat)."""
    box = Spool(settings.spool_path)
    store = Store(settings.sqlalchemy_url)
    try:
        try:
            store.init_db()
        except SQLAlchemyError as exc:
            raise click.ClickException(
                f"cannot reach the database ({type(exc).__name__}): "
                f"{box.count()} record(s) still waiting in {box.path}"
            ) from None
        imported = box.replay(store)
    finally:
        store.dispose()
    left = box.count()
    click.echo(f"imported {imported} record(s); {left} waiting in {box.path}")
    if left:
        raise click.ClickException("the database stopped answering during the import")


COMMANDS = (spool,)
