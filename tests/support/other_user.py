"""Running a piece of a test as an ordinary user: root, which the tests run as, ignores file
modes, so a read-only file or folder is only read-only to another user."""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def fixture_db(folder: Path, name: str = "hsdesk.db") -> Path:
    """An hsdesk file from an older release (schema 0006), to upgrade."""
    path = folder / name
    path.write_bytes(gzip.decompress((ROOT / "tests/db/fixtures/schema-0006.db.gz").read_bytes()))
    return path


def as_nobody(work: Callable[[], str]) -> str:
    """``work()`` run in a child process as user ``nobody``; its text, or "failed|…"."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read_fd)
        try:
            if os.getuid() == 0:
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            outcome = work()
        except BaseException as exc:  # noqa: BLE001 - told to the parent, which fails
            outcome = f"failed|{type(exc).__name__}: {exc}|"
        os.write(write_fd, outcome.encode())
        os._exit(0)
    os.close(write_fd)
    chunks = []
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode()
