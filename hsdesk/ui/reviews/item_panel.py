"""The lower half of the Reviews tab: one checklist item (or a carried-over action) with its
result, notes, evidence and actions. Anything saved is announced by ``changed``; the tab then
reads the review again."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
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

from hsdesk.domain.dates import format_date
from hsdesk.domain.review import ItemResult
from hsdesk.domain.review_actions import may_complete_action
from hsdesk.domain.review_records import ActionRecord, ItemRecord, ReviewDetails
from hsdesk.services.reviews import actions, checklist
from hsdesk.ui.colours import BAD, ink, muted, paint_text
from hsdesk.ui.common import (
    allow,
    ask,
    named,
    push_button,
    stored_pixmap,
)
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import Operation
from hsdesk.ui.reviews.item_evidence import ROLE, ItemEvidence
from hsdesk.ui.signals import emit


def grey(text: str) -> str:
    return f"<span style='color:{muted()}'>{text}</span>"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


CHOOSE_ITEM = "Choose a checklist item first."
UNCHANGEABLE = "This review cannot be changed: it is signed off, or you do not conduct reviews."


class ReviewItemPanel(ItemEvidence):
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
        paint_text(self.item_guidance)
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
        paint_text(self.answered)
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
                else f"<b style='color:{ink(BAD)}'>Still open</b>"
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
            allow(button, self._why_not_answer(item, editable))
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

    @staticmethod
    def _why_not_answer(item: ItemRecord | None, editable: bool) -> str:
        if item is None:
            return CHOOSE_ITEM
        if not editable:
            return UNCHANGEABLE
        return "hsdesk answers this one from the records." if item.answered_automatically else ""

    def update_buttons(self) -> None:
        why_not = self._why_not_answer(self.item, self.editable) if self.item else CHOOSE_ITEM
        for button in (self.add_file_button, self.paste_button, self.add_action_button):
            allow(button, why_not if why_not == CHOOSE_ITEM or not self.editable else "")
        no_files = "" if self.evidence.count() else "No evidence has been attached."
        allow(self.remove_button, no_files or ("" if self.editable else UNCHANGEABLE))
        allow(self.open_button, no_files)
        allow(self.save_notes_button, why_not if why_not == CHOOSE_ITEM else self._notes_why())
        chosen = self.chosen_action()
        allow(
            self.done_button,
            ("Choose an action first." if chosen is None else "")
            or ("" if chosen is None or chosen.is_open else "This action is done already.")
            or (may_complete_action(self.ctx.actor, chosen.owner_id) if chosen else ""),
        )
        mine = {a.id for a in self.item.actions} if self.item else set()
        own = chosen is not None and chosen.id in mine
        allow(
            self.remove_action_button,
            ("" if own else "Choose an action of this item first.")
            or ("" if self.editable else UNCHANGEABLE),
        )

    def _notes_why(self) -> str:
        if not self.editable:
            return UNCHANGEABLE
        return "" if self.notes_dirty else "The notes have not been changed."

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
