"""Reading a database file whose folder this Windows user may not change, without losing the
latest saves.

SQLite keeps the latest saves in the ``-wal`` file beside the database until they are folded
in. A reader needs to write a ``-shm`` file beside it to see them, which a read-only folder
forbids, and SQLite's ``immutable`` option reads the main file alone: every save still in the
``-wal`` would be silently missing. So where the folder cannot be written and the ``-wal`` holds
saves, hsdesk reads a private copy instead: the file and its ``-wal``, copied while neither
changes, with the saves folded in. The window says it is a copy and when it was taken.

Also here: removing the empty ``-wal``/``-shm`` files SQLite makes beside a file that is then
refused, so a refused file is left exactly as it was found.
"""

from __future__ import annotations

import atexit
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hsdesk.db.disk import disk_errors
from hsdesk.domain import clock
from hsdesk.domain.dates import format_datetime
from hsdesk.domain.errors import DatabaseBusy

COMPANIONS = ("-wal", "-shm")
STEADY_TRIES = 5  # copies taken while another PC keeps saving, before giving up
STEADY_PAUSE = 0.2  # seconds between them


def companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def has_wal(path: Path) -> bool:
    """True if a ``-wal`` is beside ``path``: it may hold saves, or someone may be saving."""
    return companion(path, "-wal").exists()


def has_unfolded_saves(path: Path) -> bool:
    """True if the ``-wal`` beside ``path`` holds saves not yet folded into the file."""
    wal = companion(path, "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def _state(path: Path) -> tuple[tuple[int, int] | None, ...]:
    """Size and modification time of the file and its ``-wal``: equal twice means unchanged."""
    found: list[tuple[int, int] | None] = []
    for each in (path, companion(path, "-wal")):
        try:
            status = each.stat()
        except FileNotFoundError:
            found.append(None)
        else:
            found.append((status.st_size, status.st_mtime_ns))
    return tuple(found)


def _fold(copy: Path) -> None:
    """Fold the copied ``-wal`` into the copy, leaving one file (a damaged copy is left as it
    is, for the schema check to explain)."""
    try:
        conn = sqlite3.connect(copy)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass


@dataclass(frozen=True)
class ReadOnlyCopy:
    """A private copy of ``source`` with every save up to ``taken_at``."""

    source: Path
    path: Path
    taken_at: datetime

    @property
    def described(self) -> str:
        return (
            f"hsdesk is showing a copy taken at {format_datetime(self.taken_at)}, with every "
            "save made until then; saves made after that are not shown until hsdesk is opened "
            "again"
        )

    def remove(self) -> None:
        shutil.rmtree(self.path.parent, ignore_errors=True)


def take_copy(source: Path) -> ReadOnlyCopy:
    """Copy ``source`` and its ``-wal`` into a private folder while neither changes, and fold
    the saves in. Refused in words if another PC keeps saving throughout."""
    folder = Path(tempfile.mkdtemp(prefix="hsdesk-read-only-"))
    copy = folder / source.name
    try:
        with disk_errors("a private copy of the database to read"):
            for _ in range(STEADY_TRIES):
                before = _state(source)
                shutil.copyfile(source, copy)
                wal = companion(source, "-wal")
                if wal.exists():
                    shutil.copyfile(wal, companion(copy, "-wal"))
                if _state(source) == before:
                    break
                time.sleep(STEADY_PAUSE)
            else:
                raise DatabaseBusy(
                    f"{source} kept changing while hsdesk copied it to read (another PC is "
                    "saving to it), and this Windows user may not change its folder, so hsdesk "
                    "cannot read it directly. Nothing was changed; try again in a minute."
                )
            _fold(copy)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    taken = ReadOnlyCopy(source, copy, clock.now())
    atexit.register(taken.remove)  # if the program ends without closing the database
    return taken


class _CopyConnection(sqlite3.Connection):
    """A connection to a private copy, which removes the copy when closed."""

    copy: ReadOnlyCopy | None = None

    def close(self) -> None:
        super().close()
        if self.copy is not None:
            self.copy.remove()


def connect_to_copy(source: Path) -> sqlite3.Connection:
    """A read-only connection to a fresh private copy of ``source``; the copy goes with it."""
    taken = take_copy(source)
    try:
        conn = sqlite3.connect(
            f"{taken.path.as_uri()}?mode=ro",
            uri=True,
            check_same_thread=False,
            factory=_CopyConnection,
        )
    except BaseException:
        taken.remove()
        raise
    assert isinstance(conn, _CopyConnection)
    conn.copy = taken
    return conn


@contextmanager
def left_as_found_if_refused(path: Path) -> Iterator[None]:
    """Read ``path`` inside the block; if it raises, remove what reading made beside it."""
    present = companions_present(path)
    try:
        yield
    except BaseException:
        leave_as_found(path, present)
        raise


def companions_present(path: Path) -> frozenset[str]:
    return frozenset(s for s in COMPANIONS if companion(path, s).exists())


def leave_as_found(path: Path, present: frozenset[str]) -> None:
    """Remove the ``-wal``/``-shm`` that reading a refused file made beside it (only when none
    was there before and the ``-wal`` holds no saves, so nobody else was using them)."""
    if present or has_unfolded_saves(path):
        return
    for suffix in COMPANIONS:
        companion(path, suffix).unlink(missing_ok=True)
