"""Reviews tab (clause 1.5): the quarters and their status, and the chosen quarter's checklist —
actions carried over first, then each channel's items — with results, notes, evidence and
actions, the Vice Chair's sign-off and the signed review PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QIcon, QPixmap
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
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import HsdeskError, ValidationError
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.review import RESULT_COLOURS, STATUS_COLOURS, ItemResult
from hsdesk.domain.review_actions import (
    ReviewFacts,
    ReviewStep,
    may_complete_action,
    may_review,
)
from hsdesk.domain.review_records import ActionRecord, ItemRecord, QuarterRow, ReviewDetails
from hsdesk.services.reviews import actions, checklist
from hsdesk.services.reviews import quarterly as reviews
from hsdesk.ui.common import (
    GREY,
    ask,
    export_csv_file,
    open_stored_file,
    push_button,
    read_scan,
    show_error,
    show_status,
)
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import Operation
from hsdesk.ui.record_table import Column
from hsdesk.ui.tab_page import TabPage
from hsdesk.ui.table import RecordTable

COLUMNS: list[Column[QuarterRow]] = [
    # Newest first when sorted "ascending", as the table first shows it.
    Column("Quarter", lambda r: r.name, sort=lambda r: -r.quarter.start.toordinal()),
    Column("Months", lambda r: r.quarter.months),
    Column("Status", lambda r: r.status.label, colour=lambda r: STATUS_COLOURS[r.status]),
    Column("Due by", lambda r: r.due_on),
    Column("Progress", lambda r: r.progress),
    Column("Issues", lambda r: r.issues if r.review_id else ""),
    Column("Open actions", lambda r: r.open_actions if r.review_id else ""),
    Column("Signed off by", lambda r: r.signed_by),
    Column("Signed on", lambda r: r.signed_on),
]
ROLE = Qt.ItemDataRole.UserRole


def _grey(text: str) -> str:
    return f"<span style='color:{GREY}'>{text}</span>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ReviewTab(TabPage):
    state_key = "reviews"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.review: ReviewDetails | None = None
        self.row: QuarterRow | None = None
        self.item: ItemRecord | None = None
        self.action: ActionRecord | None = None
        self._notes_dirty = False
        self._filling = False
        self.can_review = allowed(ctx.actor, Permission.CONDUCT_REVIEWS)

        self.start_button = push_button("&Start this review", self.start)
        self.check_button = push_button("Check &records again", self.check_again)
        self.signoff_button = push_button("Si&gn off…", self.sign_off)
        self.pdf_button = push_button("Signed &PDF…", self.preview_pdf)
        self.template_button = push_button("Checklist &template…", self.edit_template)
        self.csv_button = push_button("&Export CSV…", self.export_csv)
        actions = QHBoxLayout()
        for button in (self.start_button, self.check_button, self.signoff_button):
            button.setVisible(self.can_review)
            actions.addWidget(button)
        actions.addWidget(self.pdf_button)
        actions.addStretch(1)
        self.template_button.setVisible(ctx.actor.is_admin)
        self.csv_button.setVisible(self.can_review)
        actions.addWidget(self.template_button)
        actions.addWidget(self.csv_button)

        self.table: RecordTable[QuarterRow] = RecordTable(COLUMNS, "reviews", self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.checklist = QTreeWidget()
        self.checklist.setHeaderLabels(["Item", "Result", "Evidence", "Actions"])
        self.checklist.setColumnWidth(0, 440)
        self.checklist.setColumnWidth(1, 150)
        self.checklist.setColumnWidth(2, 80)
        self.checklist.setAlternatingRowColors(True)
        self.checklist.currentItemChanged.connect(lambda cur, prev: self._chosen(cur, prev))
        self.item_panel = self._item_panel()
        right = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.heading)
        top_layout.addWidget(self.checklist, 1)
        right.addWidget(top)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.item_panel)
        right.addWidget(scroll)
        right.setSizes([380, 420])
        self.inner_splitter = right
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 780])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        self.table.selection_changed.connect(lambda r: self._quarter_chosen(r))
        if load:
            self.refresh()
        else:
            self._show_review()

    # --- layout ------------------------------------------------------------------------------

    def _item_panel(self) -> QWidget:
        panel = QWidget()
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
            ItemResult, ("&Pass", "&Issue found", "&Not applicable"), strict=True
        ):
            button = QRadioButton(key)
            self.results.addButton(button)
            self.result_buttons[result] = button
            result_row.addWidget(button)
            button.toggled.connect(lambda on, r=result: self._result_chosen(r) if on else None)
        result_row.addStretch(1)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Notes: what you looked at and what you found")
        self.notes.setFixedHeight(72)
        self.notes.textChanged.connect(self._notes_changed)
        self.save_notes_button = push_button("Save &notes", self.save_notes)

        self.evidence = QListWidget()
        self.evidence.setViewMode(QListWidget.ViewMode.IconMode)
        self.evidence.setIconSize(QSize(120, 80))
        self.evidence.setFixedHeight(118)
        self.evidence.setMovement(QListWidget.Movement.Static)
        self.evidence.setWordWrap(True)
        self.evidence.itemActivated.connect(lambda _i: self.open_evidence())
        self.add_file_button = push_button("Attach &file…", self.attach_file)
        self.paste_button = push_button("Paste scree&nshot", self.paste_screenshot)
        self.open_button = push_button("&Open", self.open_evidence)
        self.remove_button = push_button("Remo&ve", self.remove_evidence)
        self.actions_list = QListWidget()
        self.actions_list.setFixedHeight(84)
        self.actions_list.setWordWrap(True)
        self.actions_list.currentRowChanged.connect(lambda _r: self._update_buttons())
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

        layout = QVBoxLayout(panel)
        layout.addWidget(self.item_title)
        layout.addWidget(self.item_guidance)
        layout.addWidget(self.item_facts)
        layout.addLayout(result_row)
        layout.addLayout(notes_row)
        layout.addWidget(evidence_box)
        layout.addWidget(actions_box)
        layout.addStretch(1)
        self.evidence_box, self.actions_box = evidence_box, actions_box
        return panel

    # --- data --------------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.confirm_leave():
            return
        rows = reviews.quarter_rows(self.ctx.db)
        self.table.set_records(rows, keep=lambda r: r.quarter)
        if self.table.selected_record() is None and rows:
            self.table.selectRow(0)
        self._quarter_chosen(self.table.selected_record())

    def _quarter_chosen(self, row: QuarterRow | None) -> None:
        same = row is not None and self.row is not None and row.quarter == self.row.quarter
        if not same:
            if not self.confirm_leave():
                return
            self.item, self.action = None, None
        self.row = row
        self._load_review(row.review_id if row else None)

    def _load_review(self, review_id: int | None) -> None:
        try:
            self.review = reviews.get_review(self.ctx.db, review_id) if review_id else None
        except HsdeskError as exc:
            show_error(self, exc)
            self.review = None
        self._show_review()

    def _show_review(self) -> None:
        row, review = self.row, self.review
        if row is None:
            self.heading.setText("No quarter chosen.")
        elif review is None:
            self.heading.setText(
                f"<b style='font-size:15px'>{row.name}</b> — {row.quarter.months}<br>"
                f"<span style='color:{STATUS_COLOURS[row.status]}'>{row.status.label}</span>, "
                f"due by {format_date(row.due_on)}. "
                + (
                    "Press <b>Start this review</b> to build its checklist from the template."
                    if self.can_review
                    else _grey("A trustee or the Vice Chair starts it.")
                )
            )
        else:
            signed = (
                f"Signed off {format_date(review.signed_on)} by {_escape(review.signer_label)}; "
                "read-only."
                if review.read_only
                else f"Begun {format_date(review.started_at.date())} by "
                f"{_escape(review.started_by)}; records checked "
                f"{format_date(review.checked_on)}."
            )
            self.heading.setText(
                f"<b style='font-size:15px'>{review.title}</b><br>"
                f"<span style='color:{STATUS_COLOURS[review.status]}'>"
                f"{review.status.label}</span> — due by {format_date(review.due_on)} — "
                f"{review.summary}<br>{_grey(signed)}"
            )
        self._fill_checklist()
        self._update_buttons()

    def _fill_checklist(self) -> None:
        keep = (
            (self.item.id, None) if self.item else (None, self.action.id if self.action else None)
        )
        self._filling = True
        self.checklist.clear()
        review = self.review
        chosen: QTreeWidgetItem | None = None
        if review is not None:
            bold = QFont()
            bold.setBold(True)
            if review.carried:
                group = QTreeWidgetItem([f"Actions carried over ({len(review.carried)})"])
                group.setFont(0, bold)
                self.checklist.addTopLevelItem(group)
                for action in review.carried:
                    state = "Open" if action.is_open else f"Done {format_date(action.done_on)}"
                    line = QTreeWidgetItem(
                        [f"{action.what} — {action.owner_name}, due {format_date(action.due_on)}"
                         f" (from {action.raised_in})", state, "", ""]
                    )  # fmt: skip
                    line.setData(0, ROLE, ("action", action.id))
                    line.setForeground(1, QBrush(QColor("#a61b1b" if action.is_open else GREY)))
                    group.addChild(line)
                    if action.id == keep[1]:
                        chosen = line
            groups: dict[str, QTreeWidgetItem] = {}
            for item in review.items:
                if item.group not in groups:
                    groups[item.group] = QTreeWidgetItem([item.group])
                    groups[item.group].setFont(0, bold)
                    self.checklist.addTopLevelItem(groups[item.group])
                clauses = f" ({item.clauses})" if item.clauses else ""
                line = QTreeWidgetItem(
                    [
                        f"{item.position}. {item.text}{clauses}",
                        item.result.label if item.result else "Not answered",
                        str(len(item.evidence)) if item.evidence else "",
                        str(len(item.actions)) if item.actions else "",
                    ]
                )
                colour = RESULT_COLOURS[item.result] if item.result else "#8a5a00"
                line.setForeground(1, QBrush(QColor(colour)))
                line.setData(0, ROLE, ("item", item.id))
                line.setToolTip(0, item.text)
                groups[item.group].addChild(line)
                if item.id == keep[0]:
                    chosen = line
            self.checklist.expandAll()
        self._filling = False
        if chosen is not None:
            self.checklist.setCurrentItem(chosen)
        else:
            self.item, self.action = None, None
            self._show_item()

    def _chosen(self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        if self._filling:
            return
        data = current.data(0, ROLE) if current is not None else None
        if self._notes_dirty and self.item is not None:
            if not self._store(self._checked_result()):
                if previous is not None:  # stay on the item whose notes were not saved
                    self.checklist.blockSignals(True)
                    self.checklist.setCurrentItem(previous)
                    self.checklist.blockSignals(False)
                return
            self._select(data)
            self._reload()  # rebuilds the checklist, so ``current`` is gone after this
            return
        self._select(data)
        self._show_item()

    def _select(self, data: tuple[str, int] | None) -> None:
        self.item, self.action = None, None
        if data and self.review is not None:
            kind, ident = data
            if kind == "item":
                self.item = next((i for i in self.review.items if i.id == ident), None)
            else:
                self.action = next((a for a in self.review.carried if a.id == ident), None)

    def _show_item(self) -> None:
        item, action = self.item, self.action
        self._filling = True
        editable = self.review is not None and not self.review.read_only and self.can_review
        if action is not None:
            self.item_title.setText(action.what)
            self.item_guidance.setText(
                f"Raised in the review of {action.raised_in} for “{action.item_label}”."
            )
            done = (
                f"Done {format_date(action.done_on)} ({action.done_by})"
                + (f": {_escape(action.done_note)}" if action.done_note else "")
                if action.done_on
                else "<b style='color:#a61b1b'>Still open</b>"
            )
            self.item_facts.setText(
                f"Owner: {_escape(action.owner_name)}<br>Due by {format_date(action.due_on)}"
                f"<br>{done}"
            )
        elif item is not None:
            clauses = f" ({item.clauses})" if item.clauses else ""
            where = f"{item.channel_name}: " if item.channel_name else ""
            self.item_title.setText(f"{item.position}. {where}{item.text}{clauses}")
            self.item_guidance.setText(item.guidance)
            facts = []
            if item.agreed_settings:
                text = _escape(item.agreed_settings).replace("\n", "<br>")
                facts.append(f"<b>Agreed by the trustees:</b><br>{text}")
            if item.found:
                lines = "".join(f"<li>{_escape(line)}</li>" for line in item.found)
                facts.append(f"<b>From hsdesk's records:</b><ul style='margin:0'>{lines}</ul>")
            if item.answered_by:
                facts.append(_grey(f"Answered by {_escape(item.answered_by)}"))
            self.item_facts.setText("<br>".join(facts))
        else:
            self.item_title.setText(
                "Choose an item of the checklist."
                if self.review
                else "This quarter's review has not begun."
            )
            self.item_guidance.setText("")
            self.item_facts.setText("")
        self.results.setExclusive(False)
        for result, button in self.result_buttons.items():
            button.setChecked(item is not None and item.result is result)
            button.setEnabled(item is not None and editable and not item.answered_automatically)
        self.results.setExclusive(True)
        self.notes.setPlainText(item.notes if item else "")
        self.notes.setReadOnly(not (item is not None and editable))
        self._notes_dirty = False
        self.evidence.clear()
        for e in item.evidence if item else ():
            entry = QListWidgetItem(e.file_name)
            entry.setData(ROLE, e.id)
            entry.setToolTip(f"{e.file_name}, added by {e.added_by}")
            if e.is_image:
                pixmap = QPixmap(str(self.ctx.db.files.path_for(e.sha256)))
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
        self._update_buttons()

    def _update_buttons(self) -> None:
        review, row, actor = self.review, self.row, self.ctx.actor
        editable = review is not None and bool(may_review(actor, ReviewStep.CHANGE, review.facts))
        self.start_button.setEnabled(
            row is not None
            and bool(
                may_review(
                    actor, ReviewStep.START, ReviewFacts(row.name, row.review_id is not None)
                )
            )
        )
        self.check_button.setEnabled(editable)
        self.signoff_button.setEnabled(editable)
        self.pdf_button.setEnabled(review is not None)
        self.pdf_button.setText("Signed &PDF…" if review and review.read_only else "Draft &PDF…")
        has_item = self.item is not None and editable
        for button in (self.add_file_button, self.paste_button, self.remove_button):
            button.setEnabled(has_item)
        self.remove_button.setEnabled(has_item and self.evidence.count() > 0)
        self.open_button.setEnabled(self.evidence.count() > 0)
        self.save_notes_button.setEnabled(has_item and self._notes_dirty)
        self.add_action_button.setEnabled(has_item)
        chosen = self._chosen_action()
        self.done_button.setEnabled(
            chosen is not None
            and chosen.is_open
            and bool(may_complete_action(actor, chosen.owner_id))
        )
        self.remove_action_button.setEnabled(
            has_item and chosen is not None and chosen.id in {a.id for a in self.item.actions}
            if self.item
            else False
        )

    def _chosen_action(self) -> ActionRecord | None:
        if self.action is not None:
            return self.action
        if self.item is None:
            return None
        row = self.actions_list.currentRow()
        return self.item.actions[row] if 0 <= row < len(self.item.actions) else None

    # --- answering ---------------------------------------------------------------------------

    def _reload(self) -> None:
        if self.review is not None:
            self._load_review(self.review.id)
        rows = reviews.quarter_rows(self.ctx.db)
        self.table.set_records(rows, keep=lambda r: r.quarter)

    def _result_chosen(self, result: ItemResult) -> None:
        if self._filling or self.item is None or self.item.result is result:
            return
        if self._store(result):
            self._reload()

    def _checked_result(self) -> ItemResult | None:
        if self.item is None or self.item.answered_automatically:
            return None  # hsdesk's records answer it; only the notes are the reviewer's
        return next((r for r, b in self.result_buttons.items() if b.isChecked()), None)

    def _store(self, result: ItemResult | None) -> bool:
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
        self._notes_dirty = False
        return True

    def _notes_changed(self) -> None:
        if not self._filling:
            self._notes_dirty = True
            self._update_buttons()

    def save_notes(self) -> bool:
        if self.item is None or not self._notes_dirty:
            return True
        if not self._store(self._checked_result()):
            return False
        self._reload()
        return True

    def confirm_leave(self) -> bool:
        """Notes typed and not saved are saved before moving on (never thrown away)."""
        return self.save_notes()

    def start(self) -> None:
        if self.row is None:
            return
        quarter = self.row.quarter
        if not Operation(
            self,
            lambda: checklist.start_review(self.ctx.db, self.ctx.actor, quarter),
            "Review not started",
        ).run():
            return
        show_status(self, f"Began the review of {self.row.name}")
        rows = reviews.quarter_rows(self.ctx.db)
        self.table.set_records(rows, keep=lambda r: r.quarter)
        self.row = None
        self._quarter_chosen(self.table.selected_record())

    def check_again(self) -> None:
        if self.review is None:
            return
        review_id = self.review.id
        if not Operation(
            self, lambda: checklist.check_records_again(self.ctx.db, self.ctx.actor, review_id)
        ).run():
            return
        self._reload()
        show_status(self, "The items filled in from hsdesk's records were checked again")

    def sign_off(self) -> None:
        if self.review is None or not self.confirm_leave():
            return
        from hsdesk.ui.reviews.dialogs import SignoffDialog

        if ask(SignoffDialog(self.ctx, self.review, self)):
            self._reload()
            show_status(self, f"The review of {self.review.name} is signed off")

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
        self._reload()

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
        self._reload()

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
        self._reload()

    # --- actions -----------------------------------------------------------------------------

    def add_action(self) -> None:
        if self.review is None or self.item is None:
            return
        from hsdesk.ui.reviews.dialogs import ActionDialog

        label = f"{self.item.position}. {self.item.label}"
        if ask(ActionDialog(self.ctx, self.review, self.item.id, label, self)):
            self._reload()

    def action_done(self) -> None:
        action = self._chosen_action()
        if action is None:
            return
        from hsdesk.ui.reviews.dialogs import ActionDoneDialog

        if ask(ActionDoneDialog(self.ctx, action, self)):
            self._reload()

    def remove_action(self) -> None:
        action = self._chosen_action()
        if action is None:
            return
        answer = QMessageBox.question(self, "Remove action", f"Remove the action “{action.what}”?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        Operation(self, lambda: actions.remove_action(self.ctx.db, self.ctx.actor, action.id)).run()
        self._reload()

    # --- PDF, CSV, template ------------------------------------------------------------------

    def preview_pdf(self) -> None:
        if self.review is None:
            return
        from hsdesk.ui.pdf_preview_dialog import PdfPreviewDialog

        review = self.review
        try:
            if review.read_only:
                from hsdesk.services.reviews.pdf import signed_review_pdf

                _, data = signed_review_pdf(self.ctx.db, self.ctx.actor, review.id)
                note = "Digitally signed; “Verify a signed PDF…” in the Tools menu checks a copy."
            else:
                from hsdesk.services.reviews.pdf import make_review_pdf

                data = make_review_pdf(self.ctx.db, review)
                note = "A draft: not signed off yet, so not digitally signed."
        except HsdeskError as exc:
            show_error(self, exc, "No PDF")
            return
        name = f"quarterly-review-{review.quarter.key(review.scheme)}.pdf"
        ask(PdfPreviewDialog(data, name, f"Quarterly review {review.name}", note, self))
        self._reload()

    def export_csv(self) -> None:
        from hsdesk.services.reviews.exports import export_reviews_csv

        db, actor = self.ctx.db, self.ctx.actor
        export_csv_file(
            self,
            "Export the quarterly reviews",
            "quarterly-reviews",
            lambda path: export_reviews_csv(db, actor, path),
        )

    def edit_template(self) -> None:
        from hsdesk.ui.reviews.template_dialog import TemplateDialog

        ask(TemplateDialog(self.ctx, self))

    def save_state(self) -> None:
        super().save_state()
        self.table.save_state()

    def splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter, "checklist-splitter": self.inner_splitter}
