"""A disk that is full, or a folder hsdesk may not write to, said in the same plain words from
every write path: the database, the file store, backups, exports and the demo."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from hsdesk.domain.errors import CannotWrite, DiskFull, HsdeskError

_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
_NOT_FOLDER = {errno.ENOTDIR, errno.EEXIST}  # a file stands where a folder should be


def full(where: str) -> DiskFull:
    return DiskFull(
        f"There is no room left on the disk for {where}. Nothing was changed; free some space "
        "(or ask whoever looks after the PC) and try again."
    )


def explained_os_error(exc: OSError, where: str | None = None) -> HsdeskError | None:
    """The plain refusal for a full disk or a folder that may not be written; None otherwise."""
    place = where or str(exc.filename or "this file")
    if exc.errno in _FULL:
        return full(place)
    if exc.errno in _DENIED:
        return CannotWrite(
            f"hsdesk may not write to {place} (it is read-only, or this Windows user may not "
            "change it). Nothing was changed; choose another folder, or ask whoever looks after "
            "the PC."
        )
    if exc.errno in _NOT_FOLDER:
        return CannotWrite(
            f"hsdesk cannot write to {place}: a file has the name of a folder on the way there. "
            "Nothing was changed; choose another folder."
        )
    return None


@contextmanager
def disk_errors(where: str) -> Iterator[None]:
    """Turn a full disk or a refused write inside the block into its plain refusal."""
    try:
        yield
    except OSError as exc:
        plain = explained_os_error(exc, where)
        if plain is None:
            raise
        raise plain from exc
    except sqlite3.OperationalError as exc:
        if "full" not in str(exc).lower():
            raise
        raise full(where) from exc
