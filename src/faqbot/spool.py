"""A local spool file for records the database could not take.

When the database is down, patients still get their replies; what they
asked (and the staff item it needs) is appended here as one JSON line and
imported once the database is back: after the next successful write, by the
worker's background importer (``faqbot.recovery``), by ``/healthz``, or by
``faqbot spool replay``. Each line carries a unique id that becomes the ask's
``external_id`` when it has none, so a replay interrupted half-way never
imports a line twice. A line that cannot be read back is moved to
``<spool>.rejected`` for a person to look at, never dropped.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

if TYPE_CHECKING:
    from .storage import AskRecord, Store

log = logging.getLogger(__name__)


class SpoolBusy(Exception):
    """Another process is importing the spool right now."""


class Spool:
    """An append-only JSON-lines file guarded by an advisory lock."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    @property
    def rejected_path(self) -> Path:
        """Where lines that cannot be imported are kept."""
        return self.path.with_name(self.path.name + ".rejected")

    @contextmanager
    def _locked(self, wait: bool = True) -> Iterator[IO[str]]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        with os.fdopen(fd, "r+", encoding="utf-8") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                raise SpoolBusy(str(self.path)) from None
            try:
                yield fh
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def append(self, rec: AskRecord) -> None:
        """Keep a record that could not be stored; never raises."""
        data = asdict(rec)
        data["created_at"] = rec.created_at.isoformat()
        data["candidates"] = [list(c) for c in rec.candidates]
        data["spool_id"] = uuid.uuid4().hex
        try:
            with self._locked() as fh:
                fh.seek(0, os.SEEK_END)
                fh.write(json.dumps(data) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            # The last line of defence: the reply still goes out, and this is loud.
            log.critical(
                "SPOOL WRITE FAILED (%s): a %s record is lost", exc, rec.channel
            )

    def pending(self) -> int:
        """How many bytes wait in the spool (0 when empty or absent)."""
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def count(self) -> int:
        """How many records wait in the spool."""
        if not self.pending():
            return 0
        try:
            with open(self.path, encoding="utf-8") as fh:
                return sum(1 for line in fh if line.strip())
        except OSError:
            return 0

    def replay(self, store: Store, wait: bool = True) -> int:
        """Import spooled records into ``store``; returns how many were imported.

        Stops at the first database error and keeps the rest for the next
        try. With ``wait=False`` it returns 0 at once when another process is
        importing, so a patient's request never queues behind an import.
        """
        if not self.pending():
            return 0
        imported = 0
        try:
            with self._locked(wait) as fh:
                fh.seek(0)
                lines = [line for line in fh.read().splitlines() if line.strip()]
                remaining: list[str] = []
                rejected: list[str] = []
                for i, line in enumerate(lines):
                    rec = _decode(line)
                    if rec is None:
                        log.error("spool line %d cannot be read; set aside", i + 1)
                        rejected.append(line)
                        continue
                    try:
                        store.record_ask(rec)
                        imported += 1
                    except SQLAlchemyError:
                        remaining.extend(lines[i:])
                        break
                if rejected:
                    self._reject(rejected)
                fh.seek(0)
                fh.truncate()
                if remaining:
                    fh.write("\n".join(remaining) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
        except SpoolBusy:
            return 0
        if imported:
            log.warning("imported %d spooled record(s) into the database", imported)
        return imported

    def _reject(self, lines: list[str]) -> None:
        fd = os.open(self.rejected_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
            out.flush()
            os.fsync(out.fileno())


def _decode(line: str) -> AskRecord | None:
    """The record a spool line holds, or None when it cannot be read."""
    from .storage import AskRecord

    try:
        data: dict[str, Any] = json.loads(line)
        spool_id = data.pop("spool_id", None) or uuid.uuid4().hex
        data["created_at"] = datetime.fromisoformat(data["created_at"])
        data["candidates"] = [(str(f), float(s)) for f, s in data.get("candidates", [])]
        rec = AskRecord(**data)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if rec.external_id is None:
        rec = replace(rec, external_id=f"spool:{spool_id}")
    return rec
