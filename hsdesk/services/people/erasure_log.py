"""The erasure log: each erasure's number and person id, and nothing else, kept outside the
database so that it outlives a restore — beside the database file (an office server: in its
backups folder, which the office's PCs share) and in this PC's own settings. An entry is never
removed: a restored backup older than the erasure gets it again."""

from __future__ import annotations

import json
from pathlib import Path

from hsdesk.db.credentials import read_pc_file, write_pc_file
from hsdesk.db.engine import Database
from hsdesk.db.filestore import write_atomic
from hsdesk.domain import clock

LOG_FILE = "erasure-log.json"
PC_FILE = "erasures.json"


def _beside(db: Database) -> Path:
    return (db.backups_dir if db.is_server else db.data_dir) / LOG_FILE


def _read(path: Path) -> list[dict[str, object]]:
    try:
        found = json.loads(path.read_text(encoding="utf-8")).get("erasures", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [entry for entry in found if isinstance(entry, dict)] if isinstance(found, list) else []


def _pairs(entries: list[dict[str, object]]) -> set[tuple[int, int]]:
    pairs = set()
    for entry in entries:
        try:
            pairs.add((int(str(entry["number"])), int(str(entry["person"]))))
        except (KeyError, ValueError):
            continue
    return pairs


def _this_pc(db: Database) -> list[dict[str, object]]:
    found = read_pc_file(PC_FILE).get(db.where, [])
    return [e for e in found if isinstance(e, dict)] if isinstance(found, list) else []


def logged(db: Database) -> list[tuple[int, int]]:
    """(erasure number, person id) of every erasure logged for this database, oldest first."""
    return sorted(_pairs(_read(_beside(db))) | _pairs(_this_pc(db)))


def remember(db: Database, number: int, person_id: int) -> str | None:
    """Log an erasure in both places. If the one beside the database cannot be written, this
    PC's stands, and the reason is returned in words to pass on."""
    entry = {"number": number, "person": person_id, "at": clock.now().isoformat(timespec="seconds")}
    path = _beside(db)
    entries = _read(path)
    problem = None
    if (number, person_id) not in _pairs(entries):
        text = json.dumps({"erasures": [*entries, entry]}, indent=1) + "\n"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text.encode("utf-8"))
        except OSError as exc:
            problem = (
                f"The erasure log beside the database ({path}) could not be written "
                f"({exc.strerror or exc}); this PC's copy holds it. Make sure that folder can "
                "be written to, so a restore on another PC applies the erasure too."
            )
    mine = _this_pc(db)
    if (number, person_id) not in _pairs(mine):
        everything = read_pc_file(PC_FILE)
        everything[db.where] = [*mine, entry]
        write_pc_file(PC_FILE, everything)
    return problem


def _tidy_key(db: Database) -> str:
    return f"{db.where}#tidy"


def tidy_due(db: Database) -> bool:
    """True when the clean-up after an erasure could not run (see :func:`erasure.tidy`)."""
    return read_pc_file(PC_FILE).get(_tidy_key(db)) is True


def set_tidy_due(db: Database, due: bool) -> None:
    everything = read_pc_file(PC_FILE)
    if due:
        everything[_tidy_key(db)] = True
    else:
        everything.pop(_tidy_key(db), None)
    write_pc_file(PC_FILE, everything)
