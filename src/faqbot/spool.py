"""A local spool file for records the database could not take.

When the database is down, patients still get their replies; what they
asked (and the staff item it needs) is appended here as one JSON line and
imported once the database is back: after the next successful write, by the
worker's background importer (``faqbot.recovery``), by ``/healthz``, or by
``faqbot spool replay``. Each line carries a unique id that becomes the ask's
``external_id`` when it has none, so a replay interrupted half-way never
imports a line twice. A line that cannot be read back is moved to
``<spool>.rejected`` for a person to look at, never dropped (until
``faqbot purge`` erases it with everything else past the retention period).

Both files are created 0600 in a directory created 0700, whatever the umask:
they hold patients' words and phone numbers.
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
from datetime import UTC, datetime
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
        # (inode, size, mtime) -> record count: /healthz stats, never reads.
        self._counted: tuple[tuple[int, int, int], int] | None = None

    @property
    def rejected_path(self) -> Path:
        """Where lines that cannot be imported are kept."""
        return self.path.with_name(self.path.name + ".rejected")

    @contextmanager
    def _locked(self, wait: bool = True) -> Iterator[IO[str]]:
        private_dir(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)  # also a file left by an older version
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
        """How many records wait in the spool (read again only when it changed)."""
        try:
            st = self.path.stat()
        except OSError:
            return 0
        if not st.st_size:
            return 0
        key = (st.st_ino, st.st_size, st.st_mtime_ns)
        if self._counted is not None and self._counted[0] == key:
            return self._counted[1]
        try:
            with open(self.path, encoding="utf-8") as fh:
                n = sum(1 for line in fh if line.strip())
        except OSError:
            return 0
        self._counted = (key, n)
        return n

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
        # Wrapped with the time it was set aside, so that purge can date it.
        at = datetime.now(UTC).replace(tzinfo=None).isoformat()
        wrapped = [json.dumps({"rejected_at": at, "line": line}) for line in lines]
        fd = os.open(self.rejected_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            out.write("\n".join(wrapped) + "\n")
            out.flush()
            os.fsync(out.fileno())

    def purge(self, before: datetime, dry_run: bool = False) -> int:
        """Erase spooled and rejected lines dated before ``before``; returns how many.

        A rejected line with no readable date is kept until the whole file is
        older than ``before``: it was set aside for a person, not forgotten.
        """
        gone = 0
        if self.pending():
            with self._locked() as fh:
                fh.seek(0)
                gone += _rewrite(fh, before, None, dry_run)
        path = self.rejected_path
        if path.exists():
            mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            fd = os.open(path, os.O_RDWR)
            with os.fdopen(fd, "r+", encoding="utf-8") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX)
                gone += _rewrite(fh, before, mtime.replace(tzinfo=None), dry_run)
        return gone


def _line_date(line: str) -> datetime | None:
    try:
        data = json.loads(line)
        if "rejected_at" in data:
            return datetime.fromisoformat(data["rejected_at"])
        return datetime.fromisoformat(data["created_at"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _rewrite(
    fh: IO[str], before: datetime, undated: datetime | None, dry_run: bool
) -> int:
    """Keep the lines of ``fh`` dated ``before`` or later; returns how many went."""
    lines = [line for line in fh.read().splitlines() if line.strip()]
    kept = []
    for line in lines:
        when = _line_date(line) or undated
        if when is None or when >= before:
            kept.append(line)
    gone = len(lines) - len(kept)
    if gone and not dry_run:
        fh.seek(0)
        fh.truncate()
        if kept:
            fh.write("\n".join(kept) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return gone


def private_dir(path: Path) -> None:
    """Create ``path`` (and its parents) 0700 when missing, whatever the umask."""
    if path.is_dir():
        return
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)


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
