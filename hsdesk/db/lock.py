"""Who has the database open: a small lock file beside it, ``hsdesk.db.lock``.

The window program holds it while open and refreshes it every minute, so another PC opening the
same file can say "in use by Shazia Khan on OFFICE-PC2 since 09:14" and offer to open it read-only.
A lock left behind by a program that crashed is recognised (its process is gone on this PC, or it
has not been refreshed for ten minutes on another) and cleared.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from hsdesk.db.filestore import write_atomic
from hsdesk.domain import clock
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import DatabaseInUse

HEARTBEAT_SECONDS = 60
STALE_AFTER = timedelta(minutes=10)


def this_computer() -> str:
    return os.environ.get("COMPUTERNAME") or socket.gethostname() or "this computer"


def this_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "someone"


@dataclass(frozen=True)
class Holder:
    user: str
    computer: str
    pid: int
    since: datetime
    seen: datetime
    token: str

    def describe(self, today: datetime | None = None) -> str:
        today = today or clock.now()
        day = "today" if self.since.date() == today.date() else f"on {format_date(self.since)}"
        return f"in use by {self.user} on {self.computer} since {self.since:%H:%M} {day}"

    def to_json(self) -> str:
        data = asdict(self)
        data["since"] = self.since.isoformat(timespec="seconds")
        data["seen"] = self.seen.isoformat(timespec="seconds")
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Holder:
        data = json.loads(text)
        return cls(
            user=str(data["user"]),
            computer=str(data["computer"]),
            pid=int(data["pid"]),
            since=datetime.fromisoformat(data["since"]),
            seen=datetime.fromisoformat(data["seen"]),
            token=str(data["token"]),
        )


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_stale(holder: Holder, now: datetime, computer: str, alive: bool) -> bool:
    """A lock whose program has gone: on this PC its process is dead; on any PC it has not been
    refreshed for STALE_AFTER (we cannot see another PC's processes, and a process number
    can be reused after a crash)."""
    if holder.computer == computer and not alive:
        return True
    return now - holder.seen > STALE_AFTER


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class DatabaseLock:
    """The lock file of one database, held by this program."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self.holder: Holder | None = None
        self.cleared: Holder | None = None  # a stale lock removed on acquiring

    def current(self) -> Holder | None:
        """Who holds the lock now (None if nobody, or the file is unreadable)."""
        try:
            return Holder.from_json(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def acquire(self, user: str | None = None, now: datetime | None = None) -> None:
        """Take the lock, clearing a stale one; raise DatabaseInUse naming a live holder."""
        now = (now or clock.now()).replace(microsecond=0)
        mine = Holder(user or this_user(), this_computer(), os.getpid(), now, now, uuid.uuid4().hex)
        for _attempt in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                other = self.current()
                if other is None:
                    self._clear_unreadable()
                    continue
                if other.token == (self.holder.token if self.holder else None):
                    return
                alive = other.computer == this_computer() and process_alive(other.pid)
                if not is_stale(other, now, this_computer(), alive):
                    raise DatabaseInUse(
                        f"The database is {other.describe(now)}. Only one person can change it "
                        "at a time: open it read-only to look things up, or try again when "
                        f"{other.user} has closed hsdesk."
                    ) from None
                self._clear(other)
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(mine.to_json())
                handle.flush()
                os.fsync(handle.fileno())
            self.holder = mine
            return
        raise DatabaseInUse(
            f"Another program keeps changing {self.path.name}; close other copies of hsdesk "
            "and try again."
        )

    def _clear(self, stale: Holder) -> None:
        """Move a stale lock aside, putting it back if someone took the lock meanwhile."""
        aside = self.path.with_name(f"{self.path.name}.{uuid.uuid4().hex[:8]}.stale")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return
        try:
            moved = Holder.from_json(aside.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            moved = None
        if moved is not None and moved.token != stale.token:
            with contextlib.suppress(OSError):  # a fresh lock: give it back
                os.replace(aside, self.path)
            return
        self.cleared = stale
        aside.unlink(missing_ok=True)

    def _clear_unreadable(self) -> None:
        # A lock file cut short by a crash while it was written (it is written in one go).
        with contextlib.suppress(OSError):
            if self.path.stat().st_size < 10:
                self.path.unlink()

    def heartbeat(self, user: str | None = None, now: datetime | None = None) -> None:
        """Show the lock is still held (and, after sign-in, by whom)."""
        if self.holder is None:
            return
        now = (now or clock.now()).replace(microsecond=0)
        self.holder = Holder(
            user or self.holder.user,
            self.holder.computer,
            self.holder.pid,
            self.holder.since,
            now,
            self.holder.token,
        )
        with contextlib.suppress(OSError):  # a share that dropped out; the next beat tries again
            write_atomic(self.path, self.holder.to_json().encode("utf-8"))

    def release(self) -> None:
        if self.holder is None:
            return
        current = self.current()
        if current is not None and current.token == self.holder.token:
            with contextlib.suppress(OSError):  # a share that dropped out: the lock goes stale
                self.path.unlink(missing_ok=True)
        self.holder = None


def live_holder(database: Path, now: datetime | None = None) -> Holder | None:
    """Someone (a live program) holding the database, or None."""
    lock = DatabaseLock(database)
    holder = lock.current()
    if holder is None:
        return None
    now = now or clock.now()
    alive = holder.computer == this_computer() and process_alive(holder.pid)
    return None if is_stale(holder, now, this_computer(), alive) else holder
