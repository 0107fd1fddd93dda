"""The selected photo: a preview, its caption details, whether it may be used for each purpose
(and why not), and the people pictured with their consent."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.consent import Clearance, ConsentScope
from hsdesk.domain.dates import format_date
from hsdesk.domain.photo_records import PhotoDetails, PhotoRecord
from hsdesk.services.photos import consents
from hsdesk.services.photos import library as photos
from hsdesk.ui.calm_combo import CalmComboBox
from hsdesk.ui.colours import ink, paint_text
from hsdesk.ui.common import allow, read_date, set_date
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import Operation
from hsdesk.ui.photos.consent_words import CLEARANCE_COLOURS, consent_line
from hsdesk.ui.photos.photo_preview import PhotoPreview
from hsdesk.ui.photos.thumbnails import ThumbnailLoader
from hsdesk.ui.signals import emit

PERSON_ROLE = Qt.ItemDataRole.UserRole + 10


NOTHING_CHANGED = "Nothing has been changed in the details yet."


class PhotoPanel(QScrollArea):
    changed = Signal(int)  # the photo with this id changed (details, people or consent)

    def __init__(self, ctx: AppContext, loader: ThumbnailLoader, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.loader = ctx, loader
        self.record: PhotoRecord | None = None
        self._dirty = False
        self.setWidgetResizable(True)
        self.setMinimumWidth(360)
        body = QWidget()
        self.setWidget(body)

        self.preview = PhotoPreview(loader)
        self.file_label = QLabel()
        paint_text(self.file_label)
        self.file_label.setWordWrap(True)

        self.caption = QLineEdit()
        self.event_box = CalmComboBox()
        self.event_box.setEditable(True)
        self.taken = QLineEdit()
        self.taken.setPlaceholderText("dd/mm/yyyy")
        self.unidentified = QSpinBox()
        self.unidentified.setRange(0, photos.MAX_UNIDENTIFIED)
        self.unidentified.setToolTip(
            "People in the photo nobody could name. The photo cannot be used while any remain: "
            "identify them, or crop or replace the photo and set this to 0."
        )
        self.save_button = QPushButton("&Save details")
        allow(self.save_button, NOTHING_CHANGED)
        details = QGroupBox("Details")
        form = QFormLayout(details)
        form.addRow("Ca&ption", self.caption)
        form.addRow("E&vent", self.event_box)
        form.addRow("&Date taken", self.taken)
        form.addRow("&Unidentified people", self.unidentified)
        form.addRow("", self.save_button)

        uses = QGroupBox("May it be used?")
        grid = QGridLayout(uses)
        self.use_labels: dict[ConsentScope, QLabel] = {}
        for row, scope in enumerate(ConsentScope):
            grid.addWidget(QLabel(f"<b>{scope.label}</b>"), row, 0, Qt.AlignmentFlag.AlignTop)
            label = QLabel()
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, row, 1)
            self.use_labels[scope] = label
        grid.setColumnStretch(1, 1)

        pictured = QGroupBox("People pictured")
        self.people = QListWidget()
        self.people.setWordWrap(True)
        self.people.setMinimumHeight(90)
        self.people.setMaximumHeight(150)
        self.tag_button = QPushButton("&Tag a person…")
        self.untag_button = QPushButton("Re&move")
        self.consent_button = QPushButton("Record &consent…")
        self.history_button = QPushButton("Consent &records…")
        self.nobody_button = QPushButton("&Nobody can be identified in it")
        self.nobody_button.setToolTip(
            "Record that no person can be identified in this photo (a view, a logo, hands at "
            "work), so it can be cleared with nobody tagged"
        )
        buttons = QGridLayout()
        buttons.addWidget(self.tag_button, 0, 0)
        buttons.addWidget(self.untag_button, 0, 1)
        buttons.addWidget(self.consent_button, 1, 0)
        buttons.addWidget(self.history_button, 1, 1)
        buttons.addWidget(self.nobody_button, 2, 0, 1, 2)
        box = QVBoxLayout(pictured)
        box.addWidget(self.people)
        box.addLayout(buttons)

        layout = QVBoxLayout(body)
        layout.addWidget(self.preview)
        layout.addWidget(self.file_label)
        layout.addWidget(uses)
        layout.addWidget(pictured)
        layout.addWidget(details)
        layout.addStretch(1)

        for line in (self.caption, self.taken):
            line.textEdited.connect(self._edited)
        self.event_box.editTextChanged.connect(self._edited)
        self.unidentified.valueChanged.connect(self._edited)
        self.save_button.clicked.connect(self.save)
        self.tag_button.clicked.connect(self.tag)
        self.untag_button.clicked.connect(self.untag)
        self.consent_button.clicked.connect(self.record_consent)
        self.history_button.clicked.connect(self.show_history)
        self.nobody_button.clicked.connect(self.confirm_nobody)
        self.people.currentRowChanged.connect(lambda _row: self._person_buttons())
        self.people.itemDoubleClicked.connect(lambda _item: self.show_history())
        self.show_photo(None)

    # --- showing -----------------------------------------------------------------------------

    def show_photo(self, record: PhotoRecord | None, events: list[str] | None = None) -> None:
        self.record = record
        enabled = record is not None
        for widget in (
            self.caption,
            self.event_box,
            self.taken,
            self.unidentified,
            self.tag_button,
        ):
            widget.setEnabled(enabled)
        if events is not None:
            current = self.event_box.currentText()
            self.event_box.blockSignals(True)
            self.event_box.clear()
            self.event_box.addItems(events)
            self.event_box.setEditText(current)
            self.event_box.blockSignals(False)
        self._fill_details(record)
        self._fill_uses(record)
        self._fill_people(record)
        self.preview.show_file(record.sha256 if record is not None else None)

    def _fill_details(self, record: PhotoRecord | None) -> None:
        for widget in (self.caption, self.event_box, self.unidentified):
            widget.blockSignals(True)
        self.caption.setText(record.caption if record else "")
        self.event_box.setEditText(record.event if record else "")
        set_date(self.taken, record.taken_on if record else None)
        self.unidentified.setValue(record.unidentified if record else 0)
        for widget in (self.caption, self.event_box, self.unidentified):
            widget.blockSignals(False)
        self._set_dirty(False)
        if record:
            self.file_label.setText(
                f"{record.original_name} · {record.width} × {record.height} · "
                f"imported {format_date(record.imported_at.date())}"
            )
        else:
            self.file_label.clear()

    def _fill_uses(self, record: PhotoRecord | None) -> None:
        said: set[str] = set()  # a reason shared by every use (not yet checked) is said once
        for scope, label in self.use_labels.items():
            if record is None:
                label.clear()
                continue
            clearance = record.clearance(scope)
            colour = CLEARANCE_COLOURS[clearance.status]
            fresh = [r for r in clearance.reasons if r not in said]
            if clearance.status is Clearance.UNCHECKED:
                said.update(fresh)
            why = "".join(f"<br>• {reason}" for reason in fresh)
            label.setText(
                f"<span style='color:{ink(colour)}'><b>{clearance.status.label}</b>{why}</span>"
            )

    def _fill_people(self, record: PhotoRecord | None) -> None:
        self.people.clear()
        if record is None:
            self._person_buttons()
            return
        ids = [ref.person_id for ref in record.pictured]
        found = consents.consents_of(self.ctx.db, ids) if ids else {}
        for ref in record.pictured:
            text, colour = consent_line(ref.name, found.get(ref.person_id, []))
            item = QListWidgetItem(text)
            item.setData(PERSON_ROLE, ref.person_id)
            item.setToolTip(text)
            item.setForeground(QColor(ink(colour, QPalette.ColorRole.Base)))
            self.people.addItem(item)
        if record.unidentified:
            extra = QListWidgetItem(
                f"{record.unidentified} unidentified — blocks every use until identified"
            )
            extra.setForeground(Qt.GlobalColor.darkRed)
            self.people.addItem(extra)
        if not record.pictured and not record.unidentified:
            text = (
                "Nobody can be identified (checked)"
                if record.checked
                else "Not yet checked: who is pictured has not been recorded"
            )
            self.people.addItem(QListWidgetItem(text))
        self._person_buttons()

    def _person_buttons(self) -> None:
        record = self.record
        unsaid = record is not None and not (
            record.checked or record.pictured or record.unidentified
        )
        self.nobody_button.setVisible(unsaid)  # nothing recorded about who is pictured yet
        chosen = self.selected_person() is not None
        for button in (self.untag_button, self.consent_button, self.history_button):
            allow(button, "" if chosen else "Choose a person under 'People pictured' first.")

    def selected_person(self) -> int | None:
        item = self.people.currentItem()
        value = item.data(PERSON_ROLE) if item is not None else None
        return int(value) if value is not None else None

    # --- editing -----------------------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        if self.record is not None:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        allow(self.save_button, "" if dirty else NOTHING_CHANGED)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def save(self) -> bool:
        if self.record is None:
            return True
        photo_id = self.record.id

        def update() -> PhotoRecord:
            details = PhotoDetails(
                caption=self.caption.text(),
                event=self.event_box.currentText(),
                taken_on=read_date(self.taken, "Date taken"),
                unidentified=self.unidentified.value(),
            )
            return photos.update_photo(self.ctx.db, self.ctx.actor, photo_id, details)

        record = Operation(self, update, "Details not saved").value()
        if record is None:
            return False
        self._set_dirty(False)
        self.show_photo(record)
        emit(self.changed, record.id)
        return True

    def has_unsaved_typing(self) -> bool:
        return bool(self._dirty)

    def confirm_leave(self, can_cancel: bool = True) -> bool:
        """Before another photo (or tab) is shown: save or discard typed details."""
        if not self._dirty:
            return True
        buttons = QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
        if can_cancel:
            buttons |= QMessageBox.StandardButton.Cancel
        answer = QMessageBox.question(
            self,
            "Save the photo's details?",
            "You changed this photo's details. Save them?",
            buttons,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._set_dirty(False)
            return True
        return False

    def tag(self) -> None:
        if self.record is None:
            return
        from hsdesk.ui.photos.tag_person_dialog import TagPersonDialog

        dialog = TagPersonDialog(self.ctx, {r.person_id for r in self.record.pictured}, self)
        if dialog.exec() and dialog.person_id is not None:
            photo_id, person_id = self.record.id, dialog.person_id
            record = Operation(
                self,
                lambda: photos.tag_person(self.ctx.db, self.ctx.actor, photo_id, person_id),
                "Not tagged",
            ).value()
            if record is None:
                return
            self._refreshed(record, select=dialog.person_id)

    def untag(self) -> None:
        person_id = self.selected_person()
        if self.record is None or person_id is None:
            return
        photo_id = self.record.id
        record = Operation(
            self,
            lambda: photos.untag_person(self.ctx.db, self.ctx.actor, photo_id, person_id),
            "Not removed",
        ).value()
        if record is None:
            return
        self._refreshed(record)

    def confirm_nobody(self) -> None:
        if self.record is None:
            return
        photo_id = self.record.id
        record = Operation(
            self,
            lambda: photos.confirm_nobody(self.ctx.db, self.ctx.actor, photo_id),
            "Not recorded",
        ).value()
        if record is not None:
            self._refreshed(record)

    def record_consent(self) -> None:
        person_id = self.selected_person()
        if self.record is None or person_id is None:
            return
        from hsdesk.services.people import persons as people
        from hsdesk.ui.photos.consent_dialog import ConsentDialog

        subject = people.get_person(self.ctx.db, person_id)
        if ConsentDialog(self.ctx, subject, parent=self).exec():
            self._refreshed(photos.get_photo(self.ctx.db, self.record.id))

    def show_history(self) -> None:
        person_id = self.selected_person()
        if self.record is None or person_id is None:
            return
        from hsdesk.ui.photos.consent_history_dialog import ConsentHistoryDialog

        ConsentHistoryDialog(self.ctx, person_id, self).exec()
        self._refreshed(photos.get_photo(self.ctx.db, self.record.id))

    def _refreshed(self, record: PhotoRecord, select: int | None = None) -> None:
        keep = select if select is not None else self.selected_person()
        self.show_photo(record)
        for row in range(self.people.count()):
            if self.people.item(row).data(PERSON_ROLE) == keep:
                self.people.setCurrentRow(row)
        emit(self.changed, record.id)
