"""What a backup must pass before it may replace anything: the full check, on the backup
itself — its pages and schema, its records' links, its audit chain, and every stored file it
needs, present and intact — so that a restore never puts back a damaged or doctored history."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from hsdesk.db.engine import connect_read_only
from hsdesk.db.filestore import FileStore, FolderStore, read
from hsdesk.domain.audit_chain import (
    ERASED_ENTRIES,
    FIELDS,
    HASHED_V1,
    ChainedEntry,
    content_v1,
    fields_content,
    first_break,
    unexplained_erasures,
)
from hsdesk.domain.errors import DatabaseProblem

_V1 = ", ".join(HASHED_V1)
_V2 = ", ".join(FIELDS)


def _entries(conn: sqlite3.Connection) -> Iterator[ChainedEntry]:
    """The backup's audit entries as the chain hashes them: over salted details, or over the
    text itself in a backup made before schema 0013."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(audit_entry)")}
    v2 = "salt" in columns
    names = FIELDS if v2 else HASHED_V1
    listed = _V2 if v2 else _V1
    for row in conn.execute(f"SELECT {listed}, prev_hash, hash FROM audit_entry ORDER BY seq"):  # noqa: S608
        fields = dict(zip(names, row[: len(names)], strict=True))
        fields["at"] = datetime.fromisoformat(str(fields["at"]))
        content = fields_content(fields) if v2 else content_v1(fields)
        yield ChainedEntry(int(fields["seq"]), content, row[-2], row[-1])


def _erasure_problem(conn: sqlite3.Connection) -> str | None:
    columns = {row[1] for row in conn.execute("PRAGMA table_info(audit_entry)")}
    if "salt" not in columns:
        return None
    erased = [row[0] for row in conn.execute("SELECT seq FROM audit_entry WHERE salt IS NULL")]
    named: list[int] = []
    for (data,) in conn.execute("SELECT data FROM audit_entry WHERE action = 'erase'"):
        found = json.loads(data or "{}").get(ERASED_ENTRIES, [])
        named += [int(seq) for seq in found] if isinstance(found, list) else []
    return unexplained_erasures(erased, named)


def backup_problems(backup: Path, live: FileStore | None = None) -> list[str]:
    """Every reason not to restore ``backup`` (whose pages and schema were checked already),
    in words; empty when it may be restored. A stored file may come from the backup's own files
    folder or, already there, from the live store ``live``."""
    problems: list[str] = []
    conn = connect_read_only(backup)
    try:
        broken_links = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken_links:
            problems.append(f"{len(broken_links)} records point to records that do not exist")
        chain = first_break(_entries(conn)) or _erasure_problem(conn)
        if chain:
            problems.append(chain)
        shas = sorted(row[0] for row in conn.execute("SELECT sha256 FROM stored_file"))
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise DatabaseProblem(f"{backup.name} cannot be read as an hsdesk backup: {exc}") from exc
    finally:
        conn.close()
    own = FolderStore(backup.parent / "files")
    for sha in shas:
        if read(own, sha) is None and (live is None or read(live, sha) is None):
            problems.append(
                f"stored file {sha[:12]}… is missing or damaged in {own.where} (the backup needs it)"
            )
    return problems


def refuse_if_unsound(backup: Path, live: FileStore | None) -> None:
    """Refuse, before anything live is touched, a backup that fails its check."""
    problems = backup_problems(backup, live)
    if problems:
        listed = "; ".join(problems[:5]) + ("; …" if len(problems) > 5 else "")
        raise DatabaseProblem(
            f"{backup.name} was not restored, because checking it found: {listed}. Nothing was "
            "changed. Choose another backup (an earlier one), or ask whoever looks after hsdesk."
        )


def remove_stale_copies(target: Path) -> None:
    """Half-written copies left beside ``target`` by a restore that was killed."""
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
