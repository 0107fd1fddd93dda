"""An office's life on its server: moving a PC's database onto it, and restoring a backup into it.

Both copy every record row for row (hsdesk.db.transfer) and every stored file, in one transaction
on the server, so a failure or a Cancel leaves the server as it was. A move is verified after it
is committed (rows per table, the audit chain's head, every stored file and its hash, `check` on
both sides) and only then is the PC's file marked as moved, read-only from then on.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection

from hsdesk.db.engine import BACKUP_FOLDER, MOVED_TO, Database
from hsdesk.db.filestore import FolderStore
from hsdesk.db.migrate import ensure_schema, schema_state
from hsdesk.db.snapshot import backup_server, file_source, files_missing, load_file_into
from hsdesk.db.transfer import (
    ChainHead,
    chain_head,
    clear,
    count_rows,
    holds_records,
    stored_shas,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.backups import BackupKind
from hsdesk.domain.errors import DatabaseProblem, HsdeskError, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.services.platform import anchors, audit, settings, signing
from hsdesk.services.platform.auth import require
from hsdesk.services.platform.backups import check_backup
from hsdesk.services.platform.integrity import check
from hsdesk.services.platform.restore_check import refuse_if_unsound

# (done, total, what) — how far a long copy has got; and whether the person pressed Cancel.
Report = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class CopyCancelled(HsdeskError):
    """The person stopped the copy; nothing was changed."""


@dataclass(frozen=True)
class Copied:
    """What a move or a restore put on the server."""

    server: str  # where, as it may be shown (no password)
    counts: dict[str, int]
    files: int
    head: ChainHead
    previous: Path | None = None  # a restore: the backup of the server as it was
    problems: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        people = self.counts.get("person", 0)
        entries = self.counts.get("audit_entry", 0)
        return (
            f"{sum(self.counts.values()):,} records ({people:,} people, {entries:,} audit "
            f"entries) and {self.files:,} stored files"
        )


class _Steps:
    """Progress through the tables and files of one copy, with Cancel."""

    def __init__(self, total: int, report: Report | None, cancelled: Cancelled | None) -> None:
        self.total = total
        self.done = 0
        self._report = report
        self._cancelled = cancelled

    def table(self, name: str) -> None:
        self._step(1, f"Copied the {name.replace('_', ' ')} records")

    def file(self, done: int, total: int) -> None:
        self._step(1, f"Copied stored file {done:,} of {total:,}")

    def _step(self, count: int, text: str) -> None:
        if self._cancelled is not None and self._cancelled():
            raise CopyCancelled("Cancelled: nothing was changed on the server.")
        self.done += count
        if self._report is not None:
            self._report(self.done, self.total, text)


def _steps_for(source: Connection) -> int:
    from hsdesk.db.transfer import record_tables

    return len(record_tables()) + len(stored_shas(source))


def _refuse_unless_empty(target: Database) -> None:
    state = schema_state(target)
    if not state.has_tables:
        return
    with target.explained(), target.engine.connect() as conn:
        if holds_records(conn):
            raise ValidationError(
                f"{target.where} already holds an office's records, so nothing was copied onto "
                "it: moving would mix two offices. Use an empty database on the server (ask "
                "whoever looks after it to create one), or connect to this one instead."
            )


def _verify(target: Database, counts: dict[str, int], head: ChainHead, shas: list[str]) -> None:
    """Read the committed copy back as any PC would and compare it with what was copied."""
    with target.explained(), target.engine.connect() as conn:
        found = count_rows(conn)
        found_head = chain_head(conn)
        found_shas = stored_shas(conn)
    differ = [
        f"{t}: {counts[t]:,} here, {found.get(t, 0):,} there"
        for t in counts
        if found.get(t) != counts[t]
    ]
    problems = [f"different numbers of records ({'; '.join(differ[:3])})"] if differ else []
    if found_head != head:
        problems.append(f"the audit trail ends at {found_head.shown}, not {head.shown}")
    if found_shas != shas:
        problems.append("the list of stored files differs")
    problems += files_missing(shas, target.files)
    problems += check(target)
    if problems:
        raise DatabaseProblem(
            "The copy on the server did not match this PC's records ("
            + "; ".join(problems[:3])
            + "), so it was removed again and this PC's database is unchanged. Nothing was "
            "moved; tell whoever looks after the server."
        )


def _empty_again(target: Database) -> None:
    with target.write() as session:
        clear(session.connection())


def move_to_server(
    source: Database,
    url: str,
    actor: Actor,
    report: Report | None = None,
    cancelled: Cancelled | None = None,
) -> Copied:
    """Copy everything in the PC's database ``source`` onto the empty server database at
    ``url``, verify it, and mark ``source`` as moved (read-only from its next opening)."""
    require(source, actor, Permission.MOVE_TO_SERVER)
    if source.is_server:
        raise ValidationError("This database is already on a server; there is nothing to move.")
    if source.read_only is not None:
        raise ValidationError(
            f"This database cannot be moved: it is open read-only ({source.read_only})."
        )
    problems = check(source)
    if problems:
        raise DatabaseProblem(
            f"This PC's database has problems ({problems[0]}), so it was not moved: a copy "
            "would carry them onto the server. Restore a backup or ask for help first."
        )
    signing.keep_legacy_identity(source, actor)
    target = Database(url, local_dir=source.data_dir)
    try:
        _refuse_unless_empty(target)
        ensure_schema(target)
        return _move(source, target, actor, report, cancelled)
    finally:
        target.dispose()


def _move(
    source: Database,
    target: Database,
    actor: Actor,
    report: Report | None,
    cancelled: Cancelled | None,
) -> Copied:
    # Holding this PC's write lock throughout: nothing can change here while it is copied.
    with source.write() as local:
        conn = local.connection()
        counts, head, shas = count_rows(conn), chain_head(conn), stored_shas(conn)
        steps = _Steps(_steps_for(conn), report, cancelled)
        with target.write() as session:
            load_file_into(session, conn, source.files, steps.table, steps.file)
        try:
            if report is not None:
                report(steps.total, steps.total, "Checking the copy on the server…")
            _verify(target, counts, head, shas)
            _arrived(target, actor, source)
            settings.write(local, MOVED_TO, target.where)
            audit.record(
                local,
                actor,
                "move",
                "database",
                "",
                f"Moved every record to the office server ({target.where}); this file is kept "
                "read-only as it was",
                {"server": target.where, "records": sum(counts.values()), "files": len(shas)},
            )
        except BaseException:
            _empty_again(target)
            raise
    return Copied(target.where, counts, len(shas), head)


def _arrived(target: Database, actor: Actor, source: Database) -> None:
    with target.write() as session:
        audit.record(
            session,
            actor,
            "move",
            "database",
            "",
            f"Records moved here from {source.where} on {_computer()}",
            {"from": source.where, "computer": _computer()},
        )


def _computer() -> str:
    try:
        return socket.gethostname() or "this PC"
    except OSError:
        return "this PC"


def restore_into_server(
    db: Database,
    backup: Path,
    actor: Actor,
    now: datetime | None = None,
    report: Report | None = None,
    cancelled: Cancelled | None = None,
) -> Copied:
    """Replace everything on the server with the hsdesk backup file ``backup`` (checked first,
    and upgraded on a copy if an older hsdesk wrote it), after backing the server up; in one
    transaction, so a failure leaves the server as it was."""
    require(db, actor, Permission.RESTORE_BACKUPS)
    if not db.is_server:
        raise ValidationError("This restores into an office server; this database is a file.")
    now = now or clock.now()
    backup = backup.expanduser().resolve()
    check_backup(backup)
    refuse_if_unsound(backup, db.files)  # the full check, before the server is touched
    files = FolderStore(backup.parent / "files")
    with tempfile.TemporaryDirectory(prefix="hsdesk-restore-") as work:
        current = _at_this_schema(backup, Path(work), db)
        with file_source(current) as source:
            shas = stored_shas(source)
            missing = files_missing(shas, files)
            if missing:
                raise DatabaseProblem(
                    f"{backup.name} cannot be restored: {len(missing)} of the stored files it needs "
                    f"are not in {files.where} ({missing[0]}). Nothing was changed."
                )
            previous = _backup_first(db, now)
            steps = _Steps(_steps_for(source), report, cancelled)
            counts, head = count_rows(source), chain_head(source)
            with db.write() as session:
                load_file_into(session, source, files, steps.table, steps.file)
                copied = count_rows(session.connection())
                if copied != counts or chain_head(session.connection()) != head:
                    raise DatabaseProblem(
                        "The restored records did not match the backup, so nothing was changed."
                    )
                audit.record(
                    session,
                    actor,
                    "restore",
                    "database",
                    "",
                    f"Restored the backup {backup.name} (the server as it was is kept in "
                    f"{previous.name if previous else 'no backup: it was empty'})",
                    {"backup": backup.name, "previous": str(previous) if previous else None},
                )
    with db.read() as session:  # this PC restored it: the restored trail is its anchor now
        anchors.remember(db.where, anchors.head_of(session))
    return Copied(db.where, counts, len(shas), head, previous)


def _at_this_schema(backup: Path, work: Path, target: Database) -> Path:
    """The backup itself, or a copy of it upgraded (when an older hsdesk wrote it) and with the
    erasures ``target``'s log holds that it lacks applied, so the server never shows them."""
    from hsdesk.services.people.erasure import reapply_logged

    copy = work / "backup.db"
    shutil.copyfile(backup, copy)
    older = Database(str(copy), local_dir=work)
    try:
        current = schema_state(older).is_current
        if not current:
            ensure_schema(older)
        again = reapply_logged(older, log_of=target)
    finally:
        older.dispose()
    return backup if current and not again else copy


def _backup_first(db: Database, now: datetime) -> Path | None:
    with db.explained(), db.engine.connect() as conn:
        if not holds_records(conn):
            return None
    return backup_server(db, db.backups_dir, BackupKind.BEFORE_RESTORE, now).path


FOLDER_LIMIT = 260  # the longest path Windows programs can count on


def backup_folder(db: Database) -> tuple[Path, bool]:
    """Where the office server's backups go, and whether Settings names it (else it is this
    PC's own data folder, which the other PCs do not share)."""
    with db.read() as session:
        named = settings.read_text(session, BACKUP_FOLDER)
    return db.backups_dir, bool(named)


def set_backup_folder(db: Database, actor: Actor, folder: str) -> Path:
    """Name the folder every PC backs the office server up to (empty: each PC's own data
    folder); it must be one this PC can write to."""
    require(db, actor, Permission.SET_BACKUP_FOLDER)
    text = folder.strip()
    if len(text) > FOLDER_LIMIT:
        raise ValidationError(f"That path is too long (at most {FOLDER_LIMIT} characters).")
    if text:
        _check_writable(Path(text).expanduser())
    with db.write() as session:
        settings.write(session, BACKUP_FOLDER, text)
        audit.record(
            session,
            actor,
            "update",
            "setting",
            BACKUP_FOLDER,
            f"The office server's backups now go to {text or 'each PC’s own data folder'}",
            {"folder": text},
        )
    return db.backups_dir


def _check_writable(path: Path) -> None:
    if not path.is_absolute():
        raise ValidationError(
            "Give the whole path of the folder, for example \\\\office-server\\hsdesk-backups "
            "or D:\\Backups\\hsdesk."
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".hsdesk-check-"):
            pass
    except OSError as exc:
        raise ValidationError(
            f"hsdesk cannot write to {path} from this PC ({exc.strerror or exc}). Choose a "
            "folder every PC in the office can write to, or ask whoever looks after the network."
        ) from exc
