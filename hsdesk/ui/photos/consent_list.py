"""A list of consent records with what can be done to one: correct, withdraw, open the scan,
print the consent form, export the register. Used for the whole register and for one person."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.consent import ConsentStatus
from hsdesk.domain.photo_records import ConsentRecord
from hsdesk.domain.wording import counted
from hsdesk.services.people import persons as people
from hsdesk.services.photos import consents
from hsdesk.ui.colours import BAD, EXPIRING, GOOD, GREY
from hsdesk.ui.common import allow, combo_value, fill_combo, named, open_stored_file, show_error
from hsdesk.ui.context import AppContext
from hsdesk.ui.record_table import Column
from hsdesk.ui.signals import emit
from hsdesk.ui.table import RecordTable

STATUS_COLOURS = {
    ConsentStatus.ACTIVE: GOOD,
    ConsentStatus.EXPIRED: EXPIRING,
    ConsentStatus.WITHDRAWN: BAD,
    ConsentStatus.SUPERSEDED: GREY,
}


def _status_text(r: ConsentRecord) -> str:
    if r.status is ConsentStatus.SUPERSEDED and r.superseded_by_id:
        return f"Superseded by {r.superseded_by_id}"
    return r.status.label


COLUMNS: list[Column[ConsentRecord]] = [
    Column("No.", lambda r: r.id),
    Column("Person pictured", lambda r: r.subject_name),
    Column(
        "Status",
        _status_text,
        lambda r: r.correction_reason,
        lambda r: STATUS_COLOURS.get(r.status),
    ),
    Column("Uses", lambda r: r.scopes_label),
    Column("Given on", lambda r: r.given_on),
    Column("Expires on", lambda r: r.expires_on),
    Column(
        "Given by",
        lambda r: (
            r.given_by_name if r.relationship == "Self" else f"{r.given_by_name} ({r.relationship})"
        ),
    ),
    Column("Method", lambda r: r.method.label),
    Column("Wording", lambda r: f"v{r.wording_version}"),
    Column("Withdrawn on", lambda r: r.withdrawn_on, lambda r: r.withdrawn_how),
    Column("Scan", lambda r: "Yes" if r.evidence_sha256 else ""),
]


class ConsentList(QWidget):
    changed = Signal()  # a record was added, corrected or withdrawn

    def __init__(
        self, ctx: AppContext, person_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.person_id = ctx, person_id
        key = "consents-person" if person_id else "consents"
        self.table: RecordTable[ConsentRecord] = RecordTable(COLUMNS, key)
        self.table.setAccessibleName("Consents")
        self.search = named(QLineEdit(), "Search consents")
        self.search.setPlaceholderText("Search names, uses, methods…")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        fill_combo(self.status, [("Every status", None)] + [(s.label, s) for s in STATUS_COLOURS])
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(QLabel("Status:"))
        top.addWidget(self.status)
        top.addWidget(self.count)

        self.new_button = QPushButton("&Record consent…")
        self.correct_button = QPushButton("&Correct…")
        self.withdraw_button = QPushButton("&Withdraw…")
        self.scan_button = QPushButton("Open &scan")
        self.form_button = QPushButton("&Print consent form…")
        self.csv_button = QPushButton("E&xport CSV…")
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.correct_button,
            self.withdraw_button,
            self.scan_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.form_button)
        buttons.addWidget(self.csv_button)
        self.new_button.setVisible(person_id is not None)
        self.csv_button.setVisible(person_id is None)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.search.textChanged.connect(self.table.proxy.setFilterFixedString)
        self.search.textChanged.connect(self._count)  # the count says what the search leaves
        self.status.currentIndexChanged.connect(self._filter)
        self.table.selection_changed.connect(self._selected)
        self.table.activated_record.connect(lambda _r: self.correct())
        self.new_button.clicked.connect(self.new)
        self.correct_button.clicked.connect(self.correct)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.scan_button.clicked.connect(self.open_scan)
        self.form_button.clicked.connect(self.print_form)
        self.csv_button.clicked.connect(self.export_csv)
        self._selected(None)

    def refresh(self) -> None:
        records = consents.list_consents(self.ctx.db, self.person_id)
        self.table.set_records(records, keep=lambda r: r.id)
        self._filter()

    def _filter(self) -> None:
        wanted = combo_value(self.status)
        self.table.proxy.set_predicate(None if wanted is None else lambda r: r.status is wanted)
        self._count()

    def _count(self) -> None:
        shown, total = self.table.proxy.rowCount(), self.table.source.rowCount()
        self.count.setText(f"{shown} of {counted(total, 'record')}")

    def _selected(self, record: ConsentRecord | None) -> None:
        live = record is not None and record.status is not ConsentStatus.SUPERSEDED
        pick = "" if record is not None else "Choose a consent record in the list first."
        old = "" if live else "This record was replaced by a later one: choose that."
        allow(self.correct_button, pick or old)
        withdrawn = record is not None and record.withdrawn_on is not None
        allow(self.withdraw_button, pick or old or ("Already withdrawn." if withdrawn else ""))
        no_scan = record is not None and record.evidence_sha256 is None
        allow(self.scan_button, pick or ("No scan was kept with this record." if no_scan else ""))

    def new(self) -> None:
        if self.person_id is None:
            return
        from hsdesk.ui.photos.consent_dialog import ConsentDialog

        subject = people.get_person(self.ctx.db, self.person_id)
        if ConsentDialog(self.ctx, subject, parent=self).exec():
            self._changed()

    def correct(self) -> None:
        record = self.table.selected_record()
        if record is None or record.status is ConsentStatus.SUPERSEDED:
            return
        from hsdesk.ui.photos.consent_dialog import ConsentDialog

        subject = people.get_person(self.ctx.db, record.subject_id)
        if ConsentDialog(self.ctx, subject, correcting=record, parent=self).exec():
            self._changed()

    def withdraw(self) -> None:
        record = self.table.selected_record()
        if record is None:
            return
        from hsdesk.ui.photos.consent_dialog import WithdrawDialog, takedown_message

        dialog = WithdrawDialog(self.ctx, record, self)
        if dialog.exec() and dialog.saved is not None:
            self._changed()
            QMessageBox.information(self, "Consent withdrawn", takedown_message(dialog.saved))

    def open_scan(self) -> None:
        record = self.table.selected_record()
        if record is None or record.evidence_sha256 is None:
            return
        open_stored_file(self, self.ctx.db, record.evidence_sha256, f"consent-{record.id}-scan")

    def print_form(self) -> None:
        from hsdesk.services.photos.exports import consent_form_pdf
        from hsdesk.ui.pdf_preview_dialog import PdfPreviewDialog

        person_id = self.person_id  # the whole register prints a blank form
        try:
            data = consent_form_pdf(self.ctx.db, person_id)
        except Exception as exc:
            show_error(self, exc, "No consent form")
            return
        name = people.get_person(self.ctx.db, person_id).full_name if person_id else ""
        title = f"Photo consent form — {name}" if name else "Photo consent form (blank)"
        PdfPreviewDialog(data, f"{title}.pdf", title, parent=self).exec()

    def export_csv(self) -> None:
        from hsdesk.services.photos.exports import export_consents_csv
        from hsdesk.ui.common import export_csv_file

        db, actor = self.ctx.db, self.ctx.actor
        export_csv_file(
            self,
            "Export the consent register",
            "consents",
            lambda path, steps: export_consents_csv(db, actor, path, steps),
        )

    def _changed(self) -> None:
        self.refresh()
        emit(self.changed)
