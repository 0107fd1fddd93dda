"""The chosen photo, drawn whole at up to PREVIEW_BOX, from a thumbnail made on a worker thread
(it says "Loading…" until that arrives)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from hsdesk.ui.colours import paint_text
from hsdesk.ui.photos.thumbnails import ThumbnailLoader

PREVIEW = 512  # the thumbnail size asked for
PREVIEW_BOX = QSize(340, 260)  # the largest the preview is drawn


class PhotoPreview(QLabel):
    def __init__(self, loader: ThumbnailLoader, parent: QWidget | None = None) -> None:
        super().__init__("Choose a photo", parent)
        self.loader = loader
        self.sha: str | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(PREVIEW_BOX.height() + 4)  # the whole picture, never cut
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        paint_text(self)
        loader.loaded.connect(self._arrived)

    def show_file(self, sha: str | None) -> None:
        self.sha = sha
        if sha is None:
            self.setPixmap(QPixmap())
            self.setText("Choose a photo")
            return
        pixmap = self.loader.get(sha, PREVIEW) or self.loader.get(sha)
        if pixmap is None:
            self.setText("Loading…")
        elif pixmap.isNull():
            self.setText("No preview: the stored file is missing or damaged (see Check)")
        else:
            self.setPixmap(
                pixmap.scaled(
                    PREVIEW_BOX,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    def _arrived(self, sha: str, _size: int) -> None:
        if sha == self.sha:
            self.show_file(sha)
