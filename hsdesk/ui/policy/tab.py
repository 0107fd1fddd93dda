"""Policy tab: every document and version; the draft editor; the comparison of two versions;
the Chair's adoption sign-off; the signed PDF (preview, print, save) and checking signed PDFs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.policy import PolicyStatus, PolicyText, PolicyVersionRecord
from hsdesk.services.policy import drafts
from hsdesk.services.policy import versions as policy
from hsdesk.services.policy.duties import duties_by_clause
from hsdesk.ui.common import allow, named, read_text_file, show_error
from hsdesk.ui.context import AppContext
from hsdesk.ui.latest_read import LatestRead
from hsdesk.ui.operation import Operation
from hsdesk.ui.platform.verify_pdf import verify_signed_pdf
from hsdesk.ui.policy.compare_view import CompareView
from hsdesk.ui.policy.editor import PolicyEditor, child_items, top_items
from hsdesk.ui.policy.version_words import describe
from hsdesk.ui.tab_page import TabPage
from hsdesk.ui.worker import run_in_background

ID_ROLE = Qt.ItemDataRole.UserRole


class PolicyTab(TabPage):
    state_key = "policy"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.records: list[PolicyVersionRecord] = []
        self.current: PolicyVersionRecord | None = None
        self.can_edit = allowed(ctx.actor, Permission.EDIT_POLICY)

        self.tree = named(QTreeWidget(), "Policies and versions")
        self.reads = LatestRead(self)  # the versions, read on a worker thread
        self.tree.setHeaderLabels(["Policy and version", "Status"])
        self.tree.setColumnWidth(0, 120)
        self.tree.currentItemChanged.connect(self._chosen)
        self.import_button = QPushButton("&Import policy from text…")
        self.new_draft_button = QPushButton("&New draft from this version")
        self.delete_button = QPushButton("Delete draft")
        self.verify_button = QPushButton("&Verify a signed PDF…")
        self.verify_button.clicked.connect(self.verify_pdf)
        self.import_button.clicked.connect(self.import_from_text)
        self.new_draft_button.clicked.connect(self.new_draft)
        self.delete_button.clicked.connect(self.delete_draft)
        for button in (self.import_button, self.new_draft_button, self.delete_button):
            button.setVisible(self.can_edit)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.import_button)
        left_layout.addWidget(self.new_draft_button)
        left_layout.addWidget(self.delete_button)
        left_layout.addWidget(self.verify_button)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.save_button = QPushButton("&Save draft")
        self.discard_button = QPushButton("Discard changes")
        self.adopt_button = QPushButton("&Adopt (Chair's sign-off)…")
        self.pdf_button = QPushButton("Signed &PDF…")
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.adopt_button.clicked.connect(self.adopt)
        self.pdf_button.clicked.connect(self.show_pdf)
        actions = QHBoxLayout()
        for button in (
            self.save_button,
            self.discard_button,
            self.adopt_button,
            self.pdf_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)

        self.editor = PolicyEditor()
        self.editor.dirty_changed.connect(self._update_actions)
        self.compare = CompareView()
        self.pages = QTabWidget()
        self.pages.addTab(self.editor, "Te&xt")
        self.pages.addTab(self.compare, "&Compare versions")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.pages, 1)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._update_actions()
        if load:
            self.refresh()

    # --- the list of versions ---------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        """Read the versions on a worker thread; then show ``select_id`` (or the one shown)."""
        if self.editor.dirty and select_id is None:
            return  # never reload over typing that is not saved
        db = self.ctx.db
        self.reads.start(
            lambda: policy.list_versions(db), lambda found: self._list(found, select_id)
        )

    def _list(self, found: list[PolicyVersionRecord], select_id: int | None) -> None:
        if self.editor.dirty and select_id is None:
            return  # typing began while the versions were read
        keep = select_id or (self.current.id if self.current else None)
        self.records = found
        self.tree.blockSignals(True)
        self.tree.clear()
        documents: dict[int, QTreeWidgetItem] = {}
        chosen = None
        for record in self.records:
            parent = documents.get(record.document_id)
            if parent is None:
                parent = QTreeWidgetItem([record.document_name, ""])
                parent.setFlags(parent.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                documents[record.document_id] = parent
                self.tree.addTopLevelItem(parent)
                parent.setFirstColumnSpanned(True)
            item = QTreeWidgetItem([f"Version {record.number}", record.status_label])
            item.setData(0, ID_ROLE, record.id)
            if record.status is PolicyStatus.ADOPTED:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                item.setFont(1, font)
            parent.addChild(item)
            if record.id == keep or (keep is None and record.status is PolicyStatus.ADOPTED):
                chosen = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if chosen is None and self.records:
            chosen = self._item_for(self.records[-1].id)
        if chosen is not None:
            with QSignalBlocker(self.tree):  # shown once, here
                self.tree.setCurrentItem(chosen)
            self._show(self._record(int(chosen.data(0, ID_ROLE))))
        else:
            self._show(None)

    def _item_for(self, version_id: int) -> QTreeWidgetItem | None:
        for parent in top_items(self.tree):
            for item in child_items(parent):
                if item.data(0, ID_ROLE) == version_id:
                    return item
        return None

    def _record(self, version_id: int) -> PolicyVersionRecord | None:
        return next((r for r in self.records if r.id == version_id), None)

    def _chosen(self, item: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        if item is None or item.data(0, ID_ROLE) is None:
            return
        if not self.confirm_leave():
            if previous is not None:
                self.tree.blockSignals(True)
                self.tree.setCurrentItem(previous)
                self.tree.blockSignals(False)
            return
        self._show(self._record(int(item.data(0, ID_ROLE))))

    def _show(self, record: PolicyVersionRecord | None) -> None:
        self.current = record
        if record is None:
            self.heading.setText(
                "<h3>No policies yet</h3>Import the scheme's policy from a text file to start."
            )
            self.editor.load(PolicyText(""), editable=False)
            self.compare.set_versions([], None)
        else:
            self.heading.setText(describe(record))
            editable = record.status is PolicyStatus.DRAFT and self.can_edit
            self.editor.load(record.text, editable, *duties_by_clause(self.ctx.db, record.id))
            same_document = [r for r in self.records if r.document_id == record.document_id]
            self.compare.set_versions(same_document, record.id)
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        record = self.current
        draft = record is not None and record.status is PolicyStatus.DRAFT
        self.save_button.setVisible(draft and self.can_edit)
        self.discard_button.setVisible(draft and self.can_edit)
        unchanged = (
            "" if self.editor.dirty else "Nothing has been changed since the draft was saved."
        )
        allow(self.save_button, unchanged)
        allow(self.discard_button, unchanged)
        self.adopt_button.setVisible(draft)
        self.pdf_button.setVisible(record is not None and not draft)
        allow(self.new_draft_button, "" if record is not None else "Choose a version first.")
        allow(self.delete_button, "" if draft else "Only a draft can be deleted: choose a draft.")

    # --- unsaved typing -----------------------------------------------------------------------

    def has_unsaved_typing(self) -> bool:
        return bool(self.editor.dirty)

    def confirm_leave(self) -> bool:
        """True when it is safe to move away: nothing typed, or saved, or knowingly discarded."""
        if not self.editor.dirty:
            return True
        answer = QMessageBox.question(
            self,
            "Save the draft?",
            "The draft has changes that are not saved. Save them now?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard()
            return True
        return False

    def save(self) -> bool:
        if self.current is None:
            return True
        version_id = self.current.id
        saved = Operation(
            self,
            lambda: drafts.save_draft(self.ctx.db, self.ctx.actor, version_id, self.editor.text()),
            "The draft was not saved",
        ).value()
        if saved is None:
            return False
        self.editor.load(saved.text, editable=True)  # clears the unsaved mark
        self.refresh(saved.id)
        return True

    def discard(self) -> None:
        if self.current is not None:
            self.editor.load(self.current.text, editable=self.editor.editable)
        self._update_actions()

    # --- actions ------------------------------------------------------------------------------

    def import_from_text(self) -> None:
        if not self.confirm_leave():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Import policy from text", str(Path.home()), "Text files (*.txt);;All files (*)"
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        try:
            text = read_text_file(path)
        except OSError as exc:
            show_error(self, exc, "Could not read the file")
            return
        record = Operation(
            self, lambda: drafts.import_text(self.ctx.db, self.ctx.actor, text), "Not imported"
        ).value()
        if record is None:
            return
        self.refresh(record.id)
        QMessageBox.information(
            self,
            "Imported",
            f"{path.name} was imported as draft version {record.number} of "
            f"{record.document_name}, with {record.text.clause_count} clauses.",
        )

    def offer_scheme_policy(self) -> None:
        """On the first start: offer the scheme's current policy text as the first draft."""
        if not self.can_edit or policy.list_versions(self.ctx.db):
            return
        answer = QMessageBox.question(
            self,
            "Start with the scheme's policy?",
            "There are no policies in hsdesk yet. Start with the scheme's current Social "
            "Networking Policy and Procedure (the 2018 text) as a draft? The Chair can then adopt "
            "it in the Policy tab.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from hsdesk.resources import resource

        self.import_file(resource("policy", "social-networking-policy-2018.txt"))
        window = self.window()
        if hasattr(window, "tabs"):
            window.tabs.setCurrentWidget(self)

    def new_draft(self) -> None:
        if self.current is None or not self.confirm_leave():
            return
        version_id = self.current.id
        record = Operation(
            self,
            lambda: drafts.new_draft_from(self.ctx.db, self.ctx.actor, version_id),
            "No new draft",
        ).value()
        if record is None:
            return
        self.refresh(record.id)

    def delete_draft(self) -> None:
        record = self.current
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete the draft?",
            f"Delete draft version {record.number} of {record.document_name}? "
            "Its text is removed for good.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if not Operation(
            self, lambda: drafts.delete_draft(self.ctx.db, self.ctx.actor, record.id), "Not deleted"
        ).run():
            return
        self.editor.load(record.text, editable=False)
        self.current = None
        self.refresh()

    def adopt(self) -> None:
        if self.current is None or not self.confirm_leave():
            return
        from hsdesk.ui.policy.adopt_dialog import AdoptDialog

        dialog = AdoptDialog(self.ctx, self.current, self)
        if dialog.exec() and dialog.saved is not None:
            self.refresh(dialog.saved.id)
            self.show_pdf()

    def show_pdf(self) -> None:
        record = self.current
        if record is None:
            return
        from hsdesk.services.policy.pdf import signed_policy_pdf

        db, actor = self.ctx.db, self.ctx.actor
        allow(self.pdf_button, "The signed PDF is being made.")
        self.pdf_button.setText("Making the signed PDF…")

        def done(result: tuple[PolicyVersionRecord, bytes]) -> None:
            self._pdf_finished()
            version, data = result
            from hsdesk.ui.pdf_preview_dialog import PdfPreviewDialog

            PdfPreviewDialog(
                data,
                f"{version.document_name} v{version.number}.pdf",
                f"{version.label} — signed PDF",
                "Digitally signed for the scheme: Tools → Verify a signed PDF shows whether a "
                "copy has been changed since.",
                self,
            ).exec()

        def failed(exc: Exception) -> None:
            self._pdf_finished()
            show_error(self, exc, "No PDF")

        run_in_background(lambda: signed_policy_pdf(db, actor, record.id), done, failed)

    def _pdf_finished(self) -> None:
        allow(self.pdf_button, "")
        self.pdf_button.setText("Signed &PDF…")

    def verify_pdf(self) -> None:
        verify_signed_pdf(self, self.ctx)
