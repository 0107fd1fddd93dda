"""The lower half of the Reviews tab: one checklist item (or a carried-over action) with its
result, notes, evidence and actions. Anything saved is announced by ``changed``; the tab then
reads the review again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.review import ItemResult
from hsdesk.domain.review_actions import may_complete_action
from hsdesk.domain.review_records import ActionRecord, ItemRecord, ReviewDetails
from hsdesk.services.reviews import actions, checklist
from hsdesk.ui.common import (
    GREY,
    ask,
    named,
    open_stored_file,
    push_button,
    read_scan,
    show_error,
    stored_pixmap,
)
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import Operation
from hsdesk.ui.signals import emit

ROLE = Qt.ItemDataRole.UserRole


def grey(text: str) -> str:
    return f"<span style='color:{GREY}'>{text}</span>"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ReviewItemPanel(QWidget):
    changed = Signal()  # something was saved: read the review again

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.review: ReviewDetails | None = None
        self.item: ItemRecord | None = None
        self.action: ActionRecord | None = None
        self.editable = False
        self.notes_dirty = False
        self._filling = False
        self.item_title = QLabel()
        self.item_title.setWordWrap(True)
        self.item_title.setStyleSheet("font-size: 14px; font-weight: 600")
        self.item_guidance = QLabel()
        self.item_guidance.setWordWrap(True)
        self.item_guidance.setStyleSheet(f"color: {GREY}")
        self.item_facts = QLabel()
        self.item_facts.setWordWrap(True)
        self.item_facts.setTextFormat(Qt.TextFormat.RichText)
        self.item_facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results = QButtonGroup(self)
        result_row = QHBoxLayout()
        self.result_buttons: dict[ItemResult, QRadioButton] = {}
        for result, key in zip(
            ItemResult, ("&Pass", "&Issue found", "Not app&licable"), strict=True
        ):
            button = QRadioButton(key)
            self.results.addButton(button)
            self.result_buttons[result] = button
            result_row.addWidget(button)
            button.toggled.connect(lambda on, r=result: self._result_chosen(r) if on else None)
        result_row.addStretch(1)
        # Who answered sits beside the answer: above, it pushed the buttons down as one answered.
        self.answered = QLabel()
        self.answered.setStyleSheet(f"color: {GREY}")
        result_row.addWidget(self.answered)
        self.notes = named(QPlainTextEdit(), "Notes")
        self.notes.setPlaceholderText("Notes: what you looked at and what you found")
        self.notes.setFixedHeight(72)
        self.notes.textChanged.connect(self._notes_changed)
        self.save_notes_button = push_button("Sa&ve notes", self.save_notes)

        self.evidence = named(QListWidget(), "Evidence")
        self.evidence.setViewMode(QListWidget.ViewMode.IconMode)
        self.evidence.setIconSize(QSize(120, 80))
        self.evidence.setFixedHeight(118)
        self.evidence.setMovement(QListWidget.Movement.Static)
        self.evidence.setWordWrap(True)
        self.evidence.itemActivated.connect(lambda _i: self.open_evidence())
        self.add_file_button = push_button("Attac&h file…", self.attach_file)
        self.paste_button = push_button("Paste scree&nshot", self.paste_screenshot)
        self.open_button = push_button("&Open", self.open_evidence)
        self.remove_button = push_button("Re&move", self.remove_evidence)
        self.actions_list = named(QListWidget(), "Actions")
        self.actions_list.setFixedHeight(84)
        self.actions_list.setWordWrap(True)
        self.actions_list.currentRowChanged.connect(lambda _r: self.update_buttons())
        self.add_action_button = push_button("&Add action…", self.add_action)
        self.done_button = push_button("Action &done…", self.action_done)
        self.remove_action_button = push_button("Remove action", self.remove_action)

        evidence_box = QGroupBox("Evidence (screenshots or files)")
        ev = QVBoxLayout(evidence_box)
        ev.addWidget(self.evidence)
        ev_buttons = QHBoxLayout()
        for b in (self.add_file_button, self.paste_button, self.open_button, self.remove_button):
            ev_buttons.addWidget(b)
        ev_buttons.addStretch(1)
        ev.addLayout(ev_buttons)
        actions_box = QGroupBox("Actions")
        ac = QVBoxLayout(actions_box)
        ac.addWidget(self.actions_list)
        ac_buttons = QHBoxLayout()
        for b in (self.add_action_button, self.done_button, self.remove_action_button):
            ac_buttons.addWidget(b)
        ac_buttons.addStretch(1)
        ac.addLayout(ac_buttons)
        notes_row = QHBoxLayout()
        notes_row.addWidget(self.notes, 1)
        notes_row.addWidget(self.save_notes_button, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.addWidget(self.item_title)
        layout.addWidget(self.item_guidance)
        layout.addWidget(self.item_facts)
        layout.addLayout(result_row)
        layout.addLayout(notes_row)
        layout.addWidget(evidence_box)
        layout.addWidget(actions_box)
        layout.addStretch(1)
        self.evidence_box, self.actions_box = evidence_box, actions_box

    def show_entry(
        self,
        review: ReviewDetails | None,
        item: ItemRecord | None,
        action: ActionRecord | None,
        editable: bool,
    ) -> None:
        """Show a checklist item (or a carried-over action) of ``review``."""
        self.review, self.item, self.action, self.editable = review, item, action, editable
        self._filling = True
        if action is not None:
            self.item_title.setText(action.what)
            self.item_guidance.setText(
                f"Raised in the review of {action.raised_in} for “{action.item_label}”."
            )
            done = (
                f"Done {format_date(action.done_on)} ({action.done_by})"
                + (f": {escape(action.done_note)}" if action.done_note else "")
                if action.done_on
                else "<b style='color:#a61b1b'>Still open</b>"
            )
            self.item_facts.setText(
                f"Owner: {escape(action.owner_name)}<br>Due by {format_date(action.due_on)}"
                f"<br>{done}"
            )
        elif item is not None:
            clauses = f" ({item.clauses})" if item.clauses else ""
            where = f"{item.channel_name}: " if item.channel_name else ""
            self.item_title.setText(f"{item.position}. {where}{item.text}{clauses}")
            self.item_guidance.setText(item.guidance)
            facts = []
            if item.agreed_settings:
                text = escape(item.agreed_settings).replace("\n", "<br>")
                facts.append(f"<b>Agreed by the trustees:</b><br>{text}")
            if item.found:
                lines = "".join(f"<li>{escape(line)}</li>" for line in item.found)
                facts.append(f"<b>From hsdesk's records:</b><ul style='margin:0'>{lines}</ul>")
            self.item_facts.setText("<br>".join(facts))
        else:
            self.item_title.setText(
                "Choose an item of the checklist."
                if self.review
                else "This quarter's review has not begun."
            )
            self.item_guidance.setText("")
            self.item_facts.setText("")
        answered_by = item.answered_by if item is not None else ""
        self.answered.setText(f"Answered by {answered_by}" if answered_by else "")
        self.results.setExclusive(False)
        for result, button in self.result_buttons.items():
            button.setChecked(item is not None and item.result is result)
            button.setEnabled(item is not None and editable and not item.answered_automatically)
        self.results.setExclusive(True)
        self.notes.setPlainText(item.notes if item else "")
        self.notes.setReadOnly(not (item is not None and editable))
        self.notes_dirty = False
        self.evidence.clear()
        for e in item.evidence if item else ():
            entry = QListWidgetItem(e.file_name)
            entry.setData(ROLE, e.id)
            entry.setToolTip(f"{e.file_name}, added by {e.added_by}")
            if e.is_image:
                pixmap = stored_pixmap(self.ctx.db, e.sha256)
                if not pixmap.isNull():
                    entry.setIcon(QIcon(pixmap.scaled(120, 80, Qt.AspectRatioMode.KeepAspectRatio)))
            self.evidence.addItem(entry)
        self.actions_list.clear()
        for a in item.actions if item else ():
            state = f"done {format_date(a.done_on)}" if a.done_on else "open"
            entry = QListWidgetItem(
                f"{a.what} — {a.owner_name}, due {format_date(a.due_on)} ({state})"
            )
            entry.setData(ROLE, a.id)
            self.actions_list.addItem(entry)
        self.evidence_box.setVisible(item is not None)
        self.actions_box.setVisible(item is not None or action is not None)
        self._filling = False
        self.update_buttons()

    def update_buttons(self) -> None:
        has_item = self.item is not None and self.editable
        for button in (self.add_file_button, self.paste_button, self.remove_button):
            button.setEnabled(has_item)
        self.remove_button.setEnabled(has_item and self.evidence.count() > 0)
        self.open_button.setEnabled(self.evidence.count() > 0)
        self.save_notes_button.setEnabled(has_item and self.notes_dirty)
        self.add_action_button.setEnabled(has_item)
        chosen = self.chosen_action()
        self.done_button.setEnabled(
            chosen is not None
            and chosen.is_open
            and bool(may_complete_action(self.ctx.actor, chosen.owner_id))
        )
        self.remove_action_button.setEnabled(
            has_item and chosen is not None and chosen.id in {a.id for a in self.item.actions}
            if self.item
            else False
        )

    def chosen_action(self) -> ActionRecord | None:
        if self.action is not None:
            return self.action
        if self.item is None:
            return None
        row = self.actions_list.currentRow()
        return self.item.actions[row] if 0 <= row < len(self.item.actions) else None

    # --- answering ---------------------------------------------------------------------------

    def _result_chosen(self, result: ItemResult) -> None:
        if self._filling or self.item is None or self.item.result is result:
            return
        if self.store(result):
            emit(self.changed)

    def checked_result(self) -> ItemResult | None:
        if self.item is None or self.item.answered_automatically:
            return None  # hsdesk's records answer it; only the notes are the reviewer's
        return next((r for r, b in self.result_buttons.items() if b.isChecked()), None)

    def store(self, result: ItemResult | None) -> bool:
        """Save the current item's result and notes; False (having said why) if refused."""
        assert self.item is not None
        item_id = self.item.id
        if not Operation(
            self,
            lambda: checklist.answer_item(
                self.ctx.db, self.ctx.actor, item_id, result, self.notes.toPlainText()
            ),
            "Not saved",
        ).run():
            return False
        self.notes_dirty = False
        return True

    def _notes_changed(self) -> None:
        if not self._filling:
            self.notes_dirty = True
            self.update_buttons()

    def save_notes(self) -> bool:
        if self.item is None or not self.notes_dirty:
            return True
        if not self.store(self.checked_result()):
            return False
        emit(self.changed)
        return True

    # --- evidence ----------------------------------------------------------------------------

    def attach_file(self) -> None:
        if self.item is None:
            return
        names, _ = QFileDialog.getOpenFileNames(
            self,
            "Attach evidence",
            str(Path.home()),
            "Screenshots and documents (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff "
            "*.pdf);;All files (*)",
        )
        for name in names:
            scan = read_scan(self, Path(name))
            if scan is not None:
                self._attach(scan[0], Path(name).name)
        emit(self.changed)

    def paste_screenshot(self) -> None:
        if self.item is None:
            return
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            show_error(
                self,
                ValidationError(
                    "There is no picture on the clipboard. Take a screenshot (Windows key + "
                    "Shift + S), then press Paste screenshot."
                ),
                "Nothing to paste",
            )
            return
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        self._attach(bytes(data.data()), f"screenshot-{clock.today():%Y-%m-%d}.png")
        emit(self.changed)

    def _attach(self, data: bytes, name: str) -> None:
        assert self.item is not None
        item_id = self.item.id
        Operation(
            self,
            lambda: checklist.add_evidence(self.ctx.db, self.ctx.actor, item_id, data, name),
            "Not attached",
        ).run()

    def _evidence_id(self) -> int | None:
        entry = self.evidence.currentItem() or (
            self.evidence.item(0) if self.evidence.count() == 1 else None
        )
        return int(entry.data(ROLE)) if entry is not None else None

    def open_evidence(self) -> None:
        ident = self._evidence_id()
        record = next((e for e in self.item.evidence if e.id == ident), None) if self.item else None
        if record is not None:
            open_stored_file(self, self.ctx.db, record.sha256, record.file_name)

    def remove_evidence(self) -> None:
        ident = self._evidence_id()
        if ident is None:
            return
        answer = QMessageBox.question(self, "Remove evidence", "Remove this file from the item?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        Operation(self, lambda: checklist.remove_evidence(self.ctx.db, self.ctx.actor, ident)).run()
        emit(self.changed)

    # --- actions -----------------------------------------------------------------------------

    def add_action(self) -> None:
        if self.review is None or self.item is None:
            return
        from hsdesk.ui.reviews.dialogs import ActionDialog

        label = f"{self.item.position}. {self.item.label}"
        if ask(ActionDialog(self.ctx, self.review, self.item.id, label, self)):
            emit(self.changed)

    def action_done(self) -> None:
        action = self.chosen_action()
        if action is None:
            return
        from hsdesk.ui.reviews.dialogs import ActionDoneDialog

        if ask(ActionDoneDialog(self.ctx, action, self)):
            emit(self.changed)

    def remove_action(self) -> None:
        action = self.chosen_action()
        if action is None:
            return
        answer = QMessageBox.question(self, "Remove action", f"Remove the action “{action.what}”?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        Operation(self, lambda: actions.remove_action(self.ctx.db, self.ctx.actor, action.id)).run()
        emit(self.changed)
