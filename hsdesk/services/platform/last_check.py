"""What this PC verified at its last `check` of each database, besides the chain's head (which
:mod:`anchors` keeps): when every audit entry was last re-hashed, and a change token for each
stored file it found intact. So a check costs what changed since the last one, not ten years:
it re-hashes the entries after the head this PC verified and the files whose token changed.

The covered records are compared the same way: only those written since the last check are
digested again; the rest are held to the short marks this PC kept of them then
(:mod:`hsdesk.db.record_marks`), so one changed outside hsdesk is still found.

What the shortcut cannot see, a full check can: an old entry edited in place without its hash
being recomputed. A full check runs when asked for (``check --full``), on a database this PC
has never checked, and when the last one is FULL_EVERY old. Kept in the PC's own settings
folder, like the anchors."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from hsdesk.db.credentials import config_dir, read_pc_file, write_pc_file
from hsdesk.db.filestore import write_atomic
from hsdesk.db.record_marks import Marks

LAST_CHECK_FILE = "last-check.json"
FULL_EVERY = timedelta(days=30)


@dataclass(frozen=True)
class LastCheck:
    full_at: datetime | None = None  # when every audit entry was last re-hashed
    files: dict[str, str] = field(default_factory=dict)  # SHA-256 → token when found intact

    def full_due(self, now: datetime) -> bool:
        return self.full_at is None or now - self.full_at >= FULL_EVERY


def load(where: str) -> LastCheck:
    """What this PC verified of the database at ``where`` (nothing, if it never checked it)."""
    found = read_pc_file(LAST_CHECK_FILE).get(where)
    if not isinstance(found, dict):
        return LastCheck()
    try:
        at = found.get("full_at")
        files = found.get("files") or {}
        return LastCheck(
            datetime.fromisoformat(str(at)) if at else None,
            {str(k): str(v) for k, v in dict(files).items()},
        )
    except (TypeError, ValueError):
        return LastCheck()


def save(where: str, state: LastCheck) -> None:
    every = read_pc_file(LAST_CHECK_FILE)
    every[where] = {
        "full_at": state.full_at.isoformat(timespec="seconds") if state.full_at else None,
        "files": state.files,
    }
    write_pc_file(LAST_CHECK_FILE, every)


def _marks_path(where: str) -> Path:
    name = hashlib.sha256(where.encode("utf-8")).hexdigest()[:24]
    return config_dir() / "record-marks" / f"{name}.bin"


def load_marks(where: str) -> Marks | None:
    """The covered records' marks as this PC's last clean check left them (see
    :mod:`hsdesk.db.record_marks`); None if it kept none, or the file is not whole."""
    try:
        data = _marks_path(where).read_bytes()
    except OSError:
        return None
    return Marks.from_bytes(data)


def save_marks(where: str, marks: Marks) -> None:
    write_atomic(_marks_path(where), marks.to_bytes())
