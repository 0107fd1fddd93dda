"""Is this file an SQLite database at all? Asked before SQLite opens it, so a wrong file (a
folder, an empty copy, a document) is refused in words and left exactly as it was."""

from __future__ import annotations

from pathlib import Path

from hsdesk.domain.errors import DatabaseProblem

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_sqlite_file(path: Path) -> None:
    """Refuse, without touching it, a file that is not an SQLite database."""
    if path.is_dir():
        raise DatabaseProblem(
            f"{path} is a folder, not a database file. Give the path of the .db file."
        )
    if not path.exists():
        return
    if path.stat().st_size == 0:
        raise DatabaseProblem(
            f"{path} is empty (0 bytes), so it is not an hsdesk database; perhaps a copy did "
            "not finish. It has not been changed. Restore a backup, or choose another file name "
            "to start a new database."
        )
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise DatabaseProblem(
            f"{path} is not an hsdesk database (it is not an SQLite file). "
            "Check that you chose the right file; it has not been changed."
        )
