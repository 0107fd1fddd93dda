"""Reviews tab: the quarters and their status, and the chosen quarter's checklist —
actions carried over first, then each channel's items — with results, notes, evidence and
actions, the Vice Chair's sign-off and the signed review PDF."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.dates import format_date
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.review import RESULT_COLOURS, STATUS_COLOURS
from hsdesk.domain.review_actions import ReviewFacts, ReviewStep, may_review
from hsdesk.domain.review_records import ActionRecord, ItemRecord, QuarterRow, ReviewDetails
from hsdesk.services.reviews import checklist
from hsdesk.services.reviews import quarterly as reviews
from hsdesk.ui.colours import BAD, WARN, ink, muted
from hsdesk.ui.common import allow, ask, export_csv_file, named, push_button, show_status
from hsdesk.ui.context import AppContext
from hsdesk.ui.latest_read import LatestRead
from hsdesk.ui.operation import Operation
from hsdesk.ui.reviews.columns import COLUMNS
from hsdesk.ui.reviews.item_panel import ROLE, ReviewItemPanel, escape, grey
from hsdesk.ui.tab_page import TabPage
from hsdesk.ui.table import RecordTable


class ReviewTab(TabPage):
    state_key = "reviews"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.review: ReviewDetails | None = None
        self.row: QuarterRow | None = None
        self.item: ItemRecord | None = None
        self.action: ActionRecord | None = None
        self._filling = False
        self._listing = False
        self.can_review = allowed(ctx.actor, Permission.CONDUCT_REVIEWS)

        self.start_button = push_button("&Start this review", self.start)
        self.check_button = push_button("Check &records again", self.check_again)
        self.signoff_button = push_button("Si&gn off…", self.sign_off)
        self.pdf_button = push_button("Signed PD&F…", self.preview_pdf)
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
        self.table.setAccessibleName("Quarters")
        self.reads = LatestRead(self, self.table)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.checklist = named(QTreeWidget(), "Review checklist")
        self.checklist.setHeaderLabels(["Item", "Result", "Evidence", "Actions"])
        self.checklist.setColumnWidth(0, 440)
        self.checklist.setColumnWidth(1, 150)
        self.checklist.setColumnWidth(2, 80)
        self.checklist.setAlternatingRowColors(True)
        self.checklist.currentItemChanged.connect(lambda cur, prev: self._chosen(cur, prev))
        self.item_panel = ReviewItemPanel(ctx)
        self.item_panel.changed.connect(self._reload)
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

    # --- data --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the quarters on a worker thread; the quarter chosen stays chosen."""
        if not self.confirm_leave():
            return
        db = self.ctx.db
        self.reads.start(lambda: reviews.quarter_rows(db), self._show_rows)

    def _show_rows(self, rows: list[QuarterRow], choose: bool = True) -> None:
        self._listing = True  # the quarter chosen is read once, below, not per selection step
        self.table.set_records(rows, keep=lambda r: r.quarter)
        if self.table.selected_record() is None and rows:
            self.table.selectRow(0)
        self._listing = False
        if choose:
            self._quarter_chosen(self.table.selected_record())

    def _quarter_chosen(self, row: QuarterRow | None) -> None:
        if self._listing:
            return
        same = row is not None and self.row is not None and row.quarter == self.row.quarter
        if not same:
            if not self.confirm_leave():
                return
            self.item, self.action = None, None
        self.row = row
        self._load_review(row.review_id if row else None)

    def _load_review(self, review_id: int | None) -> None:
        self.review = None
        if review_id is not None:
            self.review = Operation(
                self, lambda: reviews.get_review(self.ctx.db, review_id)
            ).value()
        self._show_review()

    def _show_review(self) -> None:
        row, review = self.row, self.review
        if row is None:
            self.heading.setText("No quarter chosen.")
        elif review is None:
            self.heading.setText(
                f"<b style='font-size:15px'>{row.name}</b> — {row.quarter.months}<br>"
                f"<span style='color:{ink(STATUS_COLOURS[row.status])}'>{row.status.label}</span>, "
                f"due by {format_date(row.due_on)}. "
                + (
                    "Press <b>Start this review</b> to build its checklist from the template."
                    if self.can_review
                    else grey("A trustee or the Vice Chair starts it.")
                )
            )
        else:
            signed = (
                f"Signed off {format_date(review.signed_on)} by {escape(review.signer_label)}; "
                "read-only."
                if review.read_only
                else f"Begun {format_date(review.started_at.date())} by "
                f"{escape(review.started_by)}; records checked "
                f"{format_date(review.checked_on)}."
            )
            self.heading.setText(
                f"<b style='font-size:15px'>{review.title}</b><br>"
                f"<span style='color:{ink(STATUS_COLOURS[review.status])}'>"
                f"{review.status.label}</span> — due by {format_date(review.due_on)} — "
                f"{review.summary}<br>{grey(signed)}"
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
                    line.setForeground(1, QBrush(QColor(ink(BAD) if action.is_open else muted())))
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
                colour = RESULT_COLOURS[item.result] if item.result else WARN
                line.setForeground(1, QBrush(QColor(ink(colour, QPalette.ColorRole.Base))))
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
        panel = self.item_panel
        if panel.notes_dirty and panel.item is not None:
            if not panel.store(panel.checked_result()):
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
        review = self.review
        editable = review is not None and bool(
            may_review(self.ctx.actor, ReviewStep.CHANGE, review.facts)
        )
        self.item_panel.show_entry(review, self.item, self.action, editable)
        self._update_buttons()

    def _update_buttons(self) -> None:
        review, row, actor = self.review, self.row, self.ctx.actor
        not_begun = "This quarter's review has not begun yet."
        change = may_review(actor, ReviewStep.CHANGE, review.facts) if review else not_begun
        allow(
            self.start_button,
            may_review(actor, ReviewStep.START, ReviewFacts(row.name, row.review_id is not None))
            if row is not None
            else "Choose a quarter first.",
        )
        allow(self.check_button, change)
        allow(self.signoff_button, change)
        allow(self.pdf_button, "" if review is not None else not_begun)
        self.pdf_button.setText("Signed PD&F…" if review and review.read_only else "Draft PD&F…")

    def _reload(self) -> None:
        if self.review is not None:
            self._load_review(self.review.id)
        db = self.ctx.db  # the quarters' counts, on a worker thread
        self.reads.start(
            lambda: reviews.quarter_rows(db), lambda rows: self._show_rows(rows, False)
        )

    def has_unsaved_typing(self) -> bool:
        return bool(self.item_panel.notes_dirty)

    def confirm_leave(self) -> bool:
        """Notes typed and not saved are saved before moving on (never thrown away)."""
        return self.item_panel.save_notes()

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

    # --- PDF, CSV, template ------------------------------------------------------------------

    def preview_pdf(self) -> None:
        if self.review is None:
            return
        from hsdesk.ui.pdf_preview_dialog import PdfPreviewDialog

        review = self.review

        def make() -> tuple[bytes, str]:
            if review.read_only:
                from hsdesk.services.reviews.pdf import signed_review_pdf

                _, data = signed_review_pdf(self.ctx.db, self.ctx.actor, review.id)
                return (
                    data,
                    "Digitally signed; “Verify a signed PDF…” in the Tools menu checks a copy.",
                )
            from hsdesk.services.reviews.pdf import make_review_pdf

            return make_review_pdf(self.ctx.db, review), (
                "A draft: not signed off yet, so not digitally signed."
            )

        made = Operation(self, make, "No PDF").value()
        if made is None:
            return
        data, note = made
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
            lambda path, steps: export_reviews_csv(db, actor, path, steps),
        )

    def edit_template(self) -> None:
        from hsdesk.ui.reviews.template_dialog import TemplateDialog

        ask(TemplateDialog(self.ctx, self))

    def save_state(self) -> None:
        super().save_state()
        self.table.save_state()

    def splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter, "checklist-splitter": self.inner_splitter}
