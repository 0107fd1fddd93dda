"""Backup names and how many are kept: pure rules, no files touched here."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Hashable, Iterable
from datetime import date, datetime

KEEP_DAILY = 12
KEEP_WEEKLY = 10
KEEP_MONTHLY = 9
AUTO_BACKUP_MINUTES = 30
CATCH_UP_SECONDS = 30  # after a start, a backup left due at the last close


class BackupKind(enum.Enum):
    AUTOMATIC = "automatic"
    MANUAL = "manual"
    BEFORE_UPGRADE = "before-upgrade"
    BEFORE_RESTORE = "before-restore"
    BEFORE_DEMO = "before-demo"

    @property
    def label(self) -> str:
        return {
            BackupKind.AUTOMATIC: "Automatic",
            BackupKind.MANUAL: "Made by hand",
            BackupKind.BEFORE_UPGRADE: "Before an upgrade",
            BackupKind.BEFORE_RESTORE: "Before a restore",
            BackupKind.BEFORE_DEMO: "Before loading demo data",
        }[self]

    @property
    def pruned(self) -> bool:
        """Automatic backups are thinned out; the others are kept until someone deletes them."""
        return self is BackupKind.AUTOMATIC


_NAME = re.compile(r"^hsdesk-(\d{8}-\d{6})(?:-(\d+))?-([a-z-]+)\.db$")


def backup_name(taken_at: datetime, kind: BackupKind, clash: int = 0) -> str:
    extra = f"-{clash}" if clash else ""
    return f"hsdesk-{taken_at:%Y%m%d-%H%M%S}{extra}-{kind.value}.db"


def parse_backup_name(name: str) -> tuple[datetime, BackupKind] | None:
    """When and why a backup file was made, read from its name; None if it is not one."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        taken_at = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        kind = BackupKind(match.group(3))
    except ValueError:
        return None
    return taken_at, kind


def _newest_per(
    stamps: list[datetime], bucket: Callable[[datetime], Hashable], count: int
) -> set[datetime]:
    kept: set[datetime] = set()
    seen: set[Hashable] = set()
    for stamp in stamps:  # newest first
        key = bucket(stamp)
        if key in seen:
            continue
        seen.add(key)
        kept.add(stamp)
        if len(seen) == count:
            break
    return kept


def _week(stamp: datetime) -> tuple[int, int]:
    year, week, _ = stamp.isocalendar()
    return year, week


def _month(stamp: datetime) -> tuple[int, int]:
    return stamp.year, stamp.month


def _day(stamp: datetime) -> date:
    return stamp.date()


def backups_to_keep(
    stamps: Iterable[datetime],
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
) -> set[datetime]:
    """The newest backup of each of the last ``daily`` days that have one, of the last ``weekly``
    weeks and of the last ``monthly`` months; every other backup may be deleted."""
    ordered = sorted(set(stamps), reverse=True)
    return (
        _newest_per(ordered, _day, daily)
        | _newest_per(ordered, _week, weekly)
        | _newest_per(ordered, _month, monthly)
    )
