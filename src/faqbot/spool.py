"""A local spool file for records the database could not take.

When the database is down, patients still get their replies; what they
asked (and the staff item it needs) is appended here as one JSON line and
imported as soon as a write succeeds again, or by ``faqbot spool replay``.
Each line carries a unique id that becomes the ask's ``external_id`` when it
has none, so a replay interrupted half-way never imports a line twice.
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
from typing import IO, TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

if TYPE_CHECKING:
    from .storage import AskRecord, Store

log = logging.getLogger(__name__)


class Spool:
    """An append-only JSON-lines file guarded by an advisory lock."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    @contextmanager
    def _locked(self) -> Iterator[IO[str]]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        with os.fdopen(fd, "r+", encoding="utf-8") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
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

    def replay(self, store: Store) -> int:
        """Import spooled records into ``store``; returns how many were imported."""
        from .storage import AskRecord

        if not self.pending():
            return 0
        imported = 0
        with self._locked() as fh:
            fh.seek(0)
            lines = [line for line in fh.read().splitlines() if line.strip()]
            remaining: list[str] = []
            for i, line in enumerate(lines):
                try:
                    data = json.loads(line)
                except json.JSONDecodeError:
                    log.error("spool line %d is not JSON; kept aside", i + 1)
                    remaining.append(line)
                    continue
                spool_id = data.pop("spool_id", None) or uuid.uuid4().hex
                data["created_at"] = datetime.fromisoformat(data["created_at"])
                data["candidates"] = [tuple(c) for c in data.get("candidates", [])]
                rec = AskRecord(**data)
                if rec.external_id is None:
                    rec = replace(rec, external_id=f"spool:{spool_id}")
                try:
                    store.record_ask(rec)
                    imported += 1
                except SQLAlchemyError:
                    remaining.extend(lines[i:])
                    break
            fh.seek(0)
            fh.truncate()
            if remaining:
                fh.write("\n".join(remaining) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        if imported:
            log.warning("imported %d spooled record(s) into the database", imported)
        return imported
