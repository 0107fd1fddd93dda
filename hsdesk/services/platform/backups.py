"""Backups: take one now, list them with what they hold, thin them out, and restore one.

Restoring replaces the database file, so it runs while the database is closed: the window
program closes its window first, and the CLI never opens it. The database as it was is backed
up first (or, if it is damaged, moved aside), so a restore can itself be undone.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from hsdesk.db import server
from hsdesk.db.backup import (
    BackupResult,
    copy_database,
    copy_stored_files,
    referenced_files,
    store_backup,
)
from hsdesk.db.engine import Database, connect_read_only
from hsdesk.db.filestore import FolderStore
from hsdesk.db.lock import live_holder
from hsdesk.db.migrate import known_schema, probe_file
from hsdesk.db.models import AuditEntry
from hsdesk.db.snapshot import backup_database
from hsdesk.db.sqlite_file import check_sqlite_file
from hsdesk.domain import clock, permissions
from hsdesk.domain.actor import Actor
from hsdesk.domain.backups import BackupKind, backups_to_keep, parse_backup_name
from hsdesk.domain.errors import DatabaseInUse, DatabaseProblem, PermissionDenied, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.services.platform import anchors
from hsdesk.services.platform.restore_check import refuse_if_unsound, remove_stale_copies

# What a backup holds, shown beside it: (table, words).
COUNTED: tuple[tuple[str, str], ...] = (
    ("person", "people"),
    ("photo", "photos"),
    ("consent", "consents"),
    ("content_item", "content items"),
    ("quarterly_review", "reviews"),
    ("audit_entry", "audit entries"),
)
_ONE_AT_A_TIME = threading.Lock()
BUSY_SECONDS = 3  # how long a restore waits for another program to let go of the database


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    kind: BackupKind
    size: int
    counts: dict[str, int]
    problem: str | None = None  # why it cannot be restored, if it cannot

    @property
    def summary(self) -> str:
        if self.problem:
            return self.problem
        return " · ".join(f"{self.counts.get(t, 0):,} {words}" for t, words in COUNTED)


def _count_rows(conn: sqlite3.Connection) -> dict[str, int]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return {
        table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        for table, _ in COUNTED
        if table in tables
    }


def _last_change(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(seq) FROM audit_entry").fetchone()
    return int(row[0] or 0)


def describe_backup(path: Path) -> BackupInfo:
    parsed = parse_backup_name(path.name)
    taken_at, kind = parsed if parsed else (datetime.fromtimestamp(path.stat().st_mtime), None)
    info_kind = kind or BackupKind.MANUAL
    try:
        check_sqlite_file(path)
        conn = connect_read_only(path)
        try:
            counts = _count_rows(conn)
        finally:
            conn.close()
    except (DatabaseProblem, sqlite3.DatabaseError) as exc:
        return BackupInfo(path, taken_at, info_kind, path.stat().st_size, {}, f"unreadable: {exc}")
    return BackupInfo(path, taken_at, info_kind, path.stat().st_size, counts)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [describe_backup(p) for p in folder.glob("hsdesk-*.db") if p.is_file()]
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def backup_now(
    db: Database,
    kind: BackupKind = BackupKind.MANUAL,
    folder: Path | None = None,
    now: datetime | None = None,
) -> BackupResult:
    """A consistent, checked backup with its stored files; then old automatic ones are thinned.
    On an office server one PC backs up at a time: another PC's backup in progress is a refusal
    (an automatic backup skips its turn instead, see AutoBackup)."""
    folder = folder or db.backups_dir
    with _ONE_AT_A_TIME, _turn(db) as mine:  # backups must not prune under each other
        if not mine:
            raise DatabaseInUse(
                "Another PC is backing up the office server at this moment. Try again in a "
                "minute; its backup will be in the backups folder."
            )
        return _backup_and_prune(db, folder, kind, now or clock.now())


def _backup_and_prune(db: Database, folder: Path, kind: BackupKind, now: datetime) -> BackupResult:
    result = backup_database(db, folder, kind, now)
    prune(folder)
    return result


@contextlib.contextmanager
def _turn(db: Database) -> Iterator[bool]:
    if not db.is_server:
        yield True
        return
    with db.explained(), server.backup_turn(db.engine) as mine:
        yield mine


def last_change(db: Database) -> int:
    """A number that grows with every change to the database (its last audit entry)."""
    with db.explained(), db.engine.connect() as conn:
        return int(conn.execute(select(func.max(AuditEntry.seq))).scalar() or 0)


def last_backed_up_change(folder: Path) -> int | None:
    """The change number the newest readable backup in ``folder`` holds."""
    for backup in list_backups(folder):
        if backup.problem:
            continue
        conn = connect_read_only(backup.path)
        try:
            return _last_change(conn)
        except sqlite3.DatabaseError:
            continue
        finally:
            conn.close()
    return None


def prune(folder: Path) -> list[Path]:
    """Delete the automatic backups the keeping rule lets go, and stored files no backup needs."""
    automatic = {
        info.taken_at: info.path
        for info in list_backups(folder)
        if info.kind.pruned and not info.problem
    }
    keep = backups_to_keep(automatic)
    deleted = [path for stamp, path in automatic.items() if stamp not in keep and _deleted(path)]
    needed: set[str] = set()
    for path in folder.glob("hsdesk-*.db"):
        try:
            needed |= referenced_files(path)
        except sqlite3.DatabaseError:
            return deleted  # cannot tell what an unreadable backup needs: delete no files
    store = FolderStore(folder / "files")
    for sha in list(store.stored()):
        if sha not in needed:
            _deleted(store.path_for(sha))
    return deleted


def _deleted(path: Path) -> bool:
    """Delete a file the keeping rule lets go; one open elsewhere (Windows will not delete it:
    someone looking at that backup) stays until the next thinning."""
    try:
        path.unlink(missing_ok=True)
    except PermissionError:
        return False
    return True


def check_backup(path: Path) -> None:
    """Refuse a file that is not a complete, intact hsdesk backup this version can open."""
    if not path.exists():
        raise ValidationError(f"There is no backup at {path}. Give the path of a backup .db file.")
    check_sqlite_file(path)
    state = known_schema(probe_file(path, full=True), path.name)
    if state.revision is None:
        raise DatabaseProblem(f"{path.name} is not an hsdesk backup; choose another file.")


def _set_aside(database: Path, folder: Path, now: datetime) -> Path:
    """Move a damaged database (with its journal files) into the backups folder, unchanged."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"damaged-{database.stem}-{now:%Y%m%d-%H%M%S}{database.suffix}"
    for suffix in ("", "-wal", "-shm", "-journal"):
        source = database.with_name(database.name + suffix)
        if source.exists():
            os.replace(source, target.with_name(target.name + suffix))
    return target


IN_USE = (
    "The database is open in another program at this moment (another hsdesk-cli, or hsdesk "
    "on another PC without its lock). Nothing was changed; close it, then restore."
)


def _close_journal(database: Path) -> None:
    """Fold the write-ahead log into the file and remove it, so nothing stale is left beside
    the file that replaces it. SQLite leaves the log in place while any other connection has
    the file open, which is how a program holding it open is found before anything changes."""
    conn = sqlite3.connect(database, timeout=BUSY_SECONDS)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError as exc:
        raise DatabaseInUse(IN_USE) from exc
    finally:
        conn.close()
    if str(mode).lower() != "delete":
        raise DatabaseInUse(IN_USE)


def _opens_cleanly(database: Path) -> bool:
    try:
        check_sqlite_file(database)
        probe_file(database)
    except DatabaseProblem:
        return False
    return True


@dataclass(frozen=True)
class Restored:
    database: Path
    previous: Path | None  # the backup (or damaged file) of the database as it was
    missing_files: list[str]


def restore(
    database: Path, backup: Path, actor: Actor | None, now: datetime | None = None
) -> Restored:
    """Replace the closed database file with ``backup`` (checked first), after backing up the
    database as it is; the backup's stored files are copied back into the file store.

    An administrator may restore at any time; with nobody signed in (``actor`` None) only a
    database that is missing or damaged (so nobody can sign in to it) may be replaced."""
    now = now or clock.now()
    database = database.expanduser().resolve()
    backup = backup.expanduser().resolve()
    intact = database.exists() and _opens_cleanly(database)
    if actor is not None:
        # The file is closed by now: the rule is checked as the window last knew the account.
        permissions.require(actor, Permission.RESTORE_BACKUPS)
    elif intact:
        raise PermissionDenied(
            "The database is not damaged, so restoring a backup needs an administrator: sign in "
            "and use File → Restore from backup…"
        )
    if backup == database:
        raise ValidationError("That is the database itself; choose a backup file to restore.")
    check_backup(backup)
    files = FolderStore(database.parent / "files")
    refuse_if_unsound(backup, files)  # the full check, before anything live is touched
    holder = live_holder(database, now)
    if holder is not None:
        raise DatabaseInUse(
            f"The database is {holder.describe(now)}. Ask {holder.user} to close hsdesk, "
            "then restore."
        )
    folder = database.parent / "backups"
    remove_stale_copies(database)
    previous: Path | None = None
    if database.exists():
        if intact:
            _close_journal(database)  # first: refused here if another program has it open
            conn = connect_read_only(database)
            try:
                previous = store_backup(conn, files, folder, BackupKind.BEFORE_RESTORE, now).path
            finally:
                conn.close()
        else:
            try:
                previous = _set_aside(database, folder, now)
            except PermissionError as exc:  # Windows: an open file cannot be moved either
                raise DatabaseInUse(IN_USE) from exc
    try:
        for suffix in ("-wal", "-shm", "-journal"):  # strays with no database; never apply them
            with contextlib.suppress(FileNotFoundError):
                database.with_name(database.name + suffix).unlink()
        source = connect_read_only(backup)
        try:
            copy_database(source, database)  # written beside it, checked, renamed into place
        finally:
            source.close()
    except PermissionError as exc:  # Windows: a file another program has open cannot be replaced
        raise DatabaseInUse(IN_USE) from exc
    missing = copy_stored_files(
        referenced_files(database), FolderStore(backup.parent / "files"), files, repair=True
    )
    anchors.reanchor_file(database)  # this PC restored it: the restored trail is its anchor
    return Restored(database, previous, missing)


class AutoBackup:
    """Automatic backups of an open database: on close, and every AUTO_BACKUP_MINUTES while it
    is open, each only when something changed since the newest backup."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.backed_up = None if db.read_only else last_backed_up_change(db.backups_dir)

    def _unsaved_change(self) -> int | None:
        """The change number not yet in a backup, or None if the newest backup holds it."""
        if self.db.read_only is not None:
            return None
        changed = last_change(self.db)
        return changed if changed > 0 and changed != self.backed_up else None

    def due(self) -> bool:
        return self._unsaved_change() is not None

    def take(self, now: datetime | None = None) -> BackupResult | None:
        """Back up if something changed; None if nothing did. On an office server the office's
        PCs share the backups folder: a PC skips its turn when another PC's backup already
        holds the latest change or another PC is backing up at this moment."""
        marker = self._unsaved_change()
        if marker is None:
            return None
        folder = self.db.backups_dir
        with _ONE_AT_A_TIME, _turn(self.db) as mine:
            if self.db.is_server:
                self.backed_up = last_backed_up_change(folder)
                if not mine or self.backed_up == marker:
                    return None
            result = _backup_and_prune(self.db, folder, BackupKind.AUTOMATIC, now or clock.now())
        self.backed_up = marker
        return result
