"""Content-addressed file store: files/ab/abcdef… named by their SHA-256, written atomically."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, flush it to disk, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put_bytes(self, data: bytes) -> str:
        """Store the bytes (once, however often they are added) and return their SHA-256."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha)
        if not target.exists():
            write_atomic(target, data)
        return sha

    def put_file(self, source: Path) -> str:
        return self.put_bytes(source.read_bytes())

    def stored(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if sub.is_dir():
                for item in sorted(sub.iterdir()):
                    if item.is_file() and not item.name.startswith("."):
                        yield item.name

    def problem(self, sha256: str) -> str | None:
        """Why the stored copy of this file cannot be trusted, or None if it is intact."""
        path = self.path_for(sha256)
        if not path.is_file():
            return f"stored file {sha256[:12]}… is missing from {self.root}"
        if sha256_of(path) != sha256:
            return f"stored file {sha256[:12]}… has been changed or damaged on disk"
        return None
