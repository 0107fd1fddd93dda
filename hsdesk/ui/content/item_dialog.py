"""Write or change a content item: title, text, channels, photos from the library, planned date."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.content import ContentState
from hsdesk.domain.content_records import ChannelRecord, ContentDetails, ContentInput
from hsdesk.domain.photo_records import PhotoRecord
from hsdesk.domain.wording import shortened
from hsdesk.services.content import channels, drafts
from hsdesk.services.photos import library as photos
from hsdesk.ui.colours import WARN, paint_text
from hsdesk.ui.common import read_date, set_date
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import FormDialog
from hsdesk.ui.photos.thumbnails import ThumbnailLoader
from hsdesk.ui.screen_fit import fit_to_screen

PHOTO_ID = Qt.ItemDataRole.UserRole + 1


class ContentDialog(FormDialog[ContentDetails]):
    refusal_title = "Not saved"

    def __init__(
        self,
        ctx: AppContext,
        item: ContentDetails | None = None,
        parent: QWidget | None = None,
        thumbnails: ThumbnailLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.item = item
        self.setWindowTitle("Change content" if item else "New content")
        layout = QVBoxLayout(self)
        if item is not None and item.state in (ContentState.APPROVED, ContentState.SUBMITTED):
            warn = QLabel(
                "<b>This item is "
                f"{item.state.label.lower()}.</b> Changing its title, text, channels or photos "
                "returns it to draft; it must then be approved again."
            )
            warn.setWordWrap(True)
            paint_text(warn, WARN)
            layout.addWidget(warn)
        form = QFormLayout()
        self.title = QLineEdit(item.title if item else "")
        self.title.setMaxLength(200)
        self.body = QPlainTextEdit(item.body if item else "")
        self.body.setPlaceholderText("The text exactly as it will be posted")
        self.count = QLabel()
        self.body.textChanged.connect(self._count)
        self.planned = QLineEdit(placeholderText="dd/mm/yyyy (optional)")
        set_date(self.planned, item.planned_on if item else None)
        form.addRow("&Title", self.title)
        form.addRow("Te&xt", self.body)
        form.addRow("", self.count)
        form.addRow("&Planned for", self.planned)
        layout.addLayout(form)
        self._count()
        chosen = {c.id for c in item.channels} if item else set()
        box = QGroupBox("Channels")
        row = QHBoxLayout(box)
        self.channel_boxes: dict[int, QCheckBox] = {}
        for channel in channels.list_channels(ctx.db, active_only=True):
            check = QCheckBox(channel.name)
            check.setToolTip(_channel_tip(channel))
            check.setChecked(channel.id in chosen)
            self.channel_boxes[channel.id] = check
            row.addWidget(check)
        row.addStretch(1)
        layout.addWidget(box)
        photo_box = QGroupBox("Photos (only those cleared for the ticked channels can be approved)")
        photo_layout = QVBoxLayout(photo_box)
        self.photo_filter = QLineEdit(placeholderText="Filter by caption or event")
        self.photo_list = QListWidget()
        self.photo_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.photo_list.setIconSize(QSize(96, 96))
        self.photo_list.setGridSize(QSize(150, 140))
        self.photo_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.photo_list.setWordWrap(True)
        photo_layout.addWidget(self.photo_filter)
        photo_layout.addWidget(self.photo_list)
        layout.addWidget(photo_box, 1)
        self.thumbnails = thumbnails or ThumbnailLoader(ctx.db, self)
        self.thumbnails.loaded.connect(self._thumbnail)
        picked = {p.id for p in item.photos} if item else set()
        self._fill_photos(photos.library(ctx.db), picked)
        self.photo_filter.textChanged.connect(self._filter_photos)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)
        self._picked = self.value_photos()
        self.photo_list.itemChanged.connect(self._photos_changed)
        fit_to_screen(self, 820, 700)

    def _count(self) -> None:
        n = len(self.body.toPlainText())
        note = " — too long for X (280)" if n > 280 else ""
        self.count.setText(f"{n} characters{note}")

    def _fill_photos(self, records: list[PhotoRecord], picked: set[int]) -> None:
        # Chosen photos first, then the newest.
        ordered = sorted(records, key=lambda r: (r.id not in picked, -(r.id)))
        for record in ordered:
            entry = QListWidgetItem(shortened(record.title, 40))
            entry.setData(PHOTO_ID, record.id)
            entry.setData(Qt.ItemDataRole.UserRole + 2, record.sha256)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(
                Qt.CheckState.Checked if record.id in picked else Qt.CheckState.Unchecked
            )
            blocked = [c.scope.label for c in record.clearances if not c.status.usable]
            entry.setToolTip(
                f"{record.title}\nPictured: {', '.join(p.name for p in record.pictured) or 'nobody'}"
                + (
                    f"\nNo consent for: {', '.join(blocked)}"
                    if blocked
                    else "\nCleared for every use"
                )
            )
            pixmap = self.thumbnails.get(record.sha256, 256)
            if pixmap is not None:
                entry.setIcon(QIcon(pixmap))
            self.photo_list.addItem(entry)

    def _thumbnail(self, sha: str, _size: int) -> None:
        pixmap = self.thumbnails.get(sha, 256)
        if pixmap is None:
            return
        for n in range(self.photo_list.count()):
            entry = self.photo_list.item(n)
            if entry.data(Qt.ItemDataRole.UserRole + 2) == sha:
                entry.setIcon(QIcon(pixmap))

    def _filter_photos(self, text: str) -> None:
        needle = text.casefold()
        for n in range(self.photo_list.count()):
            entry = self.photo_list.item(n)
            entry.setHidden(bool(needle) and needle not in entry.toolTip().casefold())

    def value_photos(self) -> tuple[int, ...]:
        return tuple(
            int(self.photo_list.item(n).data(PHOTO_ID))
            for n in range(self.photo_list.count())
            if self.photo_list.item(n).checkState() == Qt.CheckState.Checked
        )

    def _photos_changed(self, _entry: QListWidgetItem) -> None:
        # A thumbnail arriving also "changes" an entry; only a tick counts as typing.
        if self.value_photos() != self._picked:
            self._mark_dirty()

    def value(self) -> ContentInput:
        photo_ids = self.value_photos()
        return ContentInput(
            self.title.text(),
            self.body.toPlainText(),
            tuple(cid for cid, box in self.channel_boxes.items() if box.isChecked()),
            photo_ids,
            read_date(self.planned, "Planned date"),
        )

    def submit(self) -> ContentDetails:
        return drafts.save_item(
            self.ctx.db, self.ctx.actor, self.value(), self.item.id if self.item else None
        )


def _channel_tip(channel: ChannelRecord) -> str:
    needs = f"Needs consent for: {channel.scope.label}"
    settings = channel.settings
    if settings is None:
        return f"{needs}\nNo privacy settings recorded yet."
    return f"{needs}\nAgreed settings ({settings.minute_ref}): {settings.text}"
