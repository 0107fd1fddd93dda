"""Thumbnails for the photo library, made and read off the UI thread and kept in memory.

A view asks for a thumbnail when it paints a row, so only the photos scrolled into sight are ever
loaded; the rest of a 20,000-photo library costs nothing until it is seen."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage, QPixmap

from hsdesk.db.engine import Database
from hsdesk.ui.signals import emit

CACHE_SIZE = 1500


class _Signals(QObject):
    ready = Signal(str, int, QImage)


class _Load(QRunnable):
    def __init__(self, db: Database, sha: str, size: int, signals: _Signals) -> None:
        super().__init__()
        self.db, self.sha, self.size, self.signals = db, sha, size, signals

    def run(self) -> None:
        from hsdesk.services.photos.library import thumbnail

        try:
            image = QImage(str(thumbnail(self.db, self.sha, self.size)))
        except Exception:  # a missing or damaged file shows as an empty tile, and check reports it
            image = QImage()
        emit(self.signals.ready, self.sha, self.size, image)


class ThumbnailLoader(QObject):
    """Asks for thumbnails by SHA-256; ``loaded`` says when one has arrived."""

    loaded = Signal(str, int)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._cache: OrderedDict[tuple[str, int], QPixmap] = OrderedDict()
        self._pending: dict[tuple[str, int], _Load] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._signals = _Signals()
        self._signals.ready.connect(self._arrived)

    def get(self, sha: str, size: int = 256) -> QPixmap | None:
        """The thumbnail if it is ready; otherwise None, and it is fetched in the background."""
        key = (sha, size)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        if key not in self._pending:
            job = _Load(self.db, sha, size, self._signals)
            job.setAutoDelete(False)  # freed on this thread when it reports (see ui/worker.py)
            self._pending[key] = job
            self._pool.start(job)
        return None

    def _arrived(self, sha: str, size: int, image: QImage) -> None:
        key = (sha, size)
        self._pending.pop(key, None)
        self._cache[key] = QPixmap.fromImage(image)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        emit(self.loaded, sha, size)

    def wait(self) -> None:
        """Finish outstanding loads (tests, and before the window closes)."""
        self._pool.waitForDone()
