"""Record a photo consent (or a correction of one): who gave it, how, what they were shown,
which uses, for how long, and the scan of the signed form."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.consent import RELATIONSHIPS, SELF, ConsentMethod, ConsentScope, is_minor
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.photo_records import ConsentInput, ConsentRecord
from hsdesk.domain.records import PersonRecord
from hsdesk.services.people import persons as people
from hsdesk.services.photos import consents, terms, withdrawals
from hsdesk.services.photos.consents import EVIDENCE_TYPES
from hsdesk.services.photos.withdrawals import WithdrawalImpact
from hsdesk.ui.colours import paint_text
from hsdesk.ui.common import (
    combo_value,
    fill_combo,
    named,
    read_date,
    read_scan,
    set_date,
)
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import FormDialog


class ConsentDialog(FormDialog[ConsentRecord]):
    """``correcting`` given: the form starts from that record and saving supersedes it."""

    refusal_title = "Consent not recorded"

    def __init__(
        self,
        ctx: AppContext,
        subject: PersonRecord,
        correcting: ConsentRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.subject, self.correcting = ctx, subject, correcting
        self.evidence: tuple[bytes, str, str] | None = None
        self._expiry_typed = False
        verb = "Correct consent record" if correcting else "Record photo consent"
        self.setWindowTitle(f"{verb} — {subject.full_name}")
        self.setMinimumWidth(620)

        adults = [
            p
            for p in people.list_people(ctx.db)
            if p.kind != PersonKind.CHILD and p.id != subject.id
        ]
        adults.sort(key=lambda p: (p.id != subject.guardian_id, p.last_name, p.first_name))
        self.given_by = QComboBox()
        choices = [(f"{subject.full_name} (the person pictured)", subject.id)]
        choices += [(f"{p.full_name} ({p.kind.label})", p.id) for p in adults]
        minor_today = is_minor(
            subject.date_of_birth, subject.kind == PersonKind.CHILD, clock.today()
        )
        default_giver = subject.guardian_id if minor_today and subject.guardian_id else subject.id
        fill_combo(self.given_by, choices, correcting.given_by_id if correcting else default_giver)
        self.relationship = QComboBox()
        self.relationship.setEditable(True)
        self.relationship.addItems(list(RELATIONSHIPS))
        self.method = QComboBox()
        fill_combo(self.method, [(m.label, m) for m in ConsentMethod], ConsentMethod.SIGNED_FORM)
        self.witness = QLineEdit()
        self.witness.setPlaceholderText("Name of the witness (verbal consent only)")
        self.wording = QComboBox()
        self._fill_wordings(max(terms.wordings()))
        self.wording_text = named(QTextBrowser(), "What they were told")
        self.wording_text.setMaximumHeight(110)
        self.scopes = {scope: QCheckBox(scope.label) for scope in ConsentScope}
        scope_row = QHBoxLayout()
        for box in self.scopes.values():
            scope_row.addWidget(box)
        scope_row.addStretch(1)
        self.given_on = named(QLineEdit(), "Given on")
        self.given_on.setPlaceholderText("dd/mm/yyyy")
        self.expires_on = named(QLineEdit(), "Ends on")
        self.expires_on.setPlaceholderText("dd/mm/yyyy")
        self.expiry_hint = QLabel()
        paint_text(self.expiry_hint)
        self.evidence_label = QLabel("No scan attached")
        attach = QPushButton("Attach scan…")
        attach.clicked.connect(self.attach)
        evidence_row = QHBoxLayout()
        evidence_row.addWidget(self.evidence_label, 1)
        evidence_row.addWidget(attach)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why the old record was wrong, e.g. 'date misread'")

        form = QFormLayout()
        form.addRow("Person pictured", QLabel(f"<b>{subject.full_name}</b> ({subject.kind.label})"))
        form.addRow("&Given by", self.given_by)
        form.addRow("&Relationship", self.relationship)
        form.addRow("&Method", self.method)
        form.addRow("&Witness", self.witness)
        form.addRow("Wording &shown", self.wording)
        form.addRow("", self.wording_text)
        form.addRow("Uses consented to", scope_row)
        form.addRow("Given &on", self.given_on)
        expiry_row = QHBoxLayout()
        expiry_row.addWidget(self.expires_on)
        expiry_row.addWidget(self.expiry_hint, 1)
        form.addRow("Expires on", expiry_row)
        form.addRow("Evidence", evidence_row)
        form.addRow("&Notes", self.notes)
        if correcting:
            form.addRow("Reason for &correction", self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.given_by.currentIndexChanged.connect(self._giver_changed)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.wording.currentIndexChanged.connect(self._show_wording)
        self.given_on.textEdited.connect(self._suggest_expiry)
        self.expires_on.textEdited.connect(self._typed_expiry)
        if correcting:
            self._fill(correcting)
        else:
            set_date(self.given_on, clock.today())
            self._suggest_expiry()
        self._giver_changed()
        self._method_changed()
        self._show_wording()
        self.wire_form(buttons, self.save)

    def _fill(self, record: ConsentRecord) -> None:
        self.relationship.setCurrentText(record.relationship)
        fill_combo(self.method, [(m.label, m) for m in ConsentMethod], record.method)
        self.witness.setText(record.witness)
        self._fill_wordings(record.wording_version)
        for scope, box in self.scopes.items():
            box.setChecked(scope in record.scopes)
        set_date(self.given_on, record.given_on)
        set_date(self.expires_on, record.expires_on)
        self._expiry_typed = True
        self.notes.setPlainText(record.notes)

    def _fill_wordings(self, current: int) -> None:
        newest_first = reversed(terms.wordings().values())
        fill_combo(self.wording, [(w.title, w.version) for w in newest_first], current)

    def _giver_changed(self) -> None:
        is_self = combo_value(self.given_by) == self.subject.id
        if is_self:
            self.relationship.setCurrentText(SELF)
        elif self.relationship.currentText() == SELF:
            self.relationship.setCurrentText("Parent")
        self.relationship.setEnabled(not is_self)

    def _method_changed(self) -> None:
        self.witness.setEnabled(combo_value(self.method) is ConsentMethod.VERBAL)

    def _show_wording(self) -> None:
        wording = terms.wordings().get(combo_value(self.wording))
        if wording is None:
            self.wording_text.clear()
            return
        first, *rest = wording.paragraphs or [""]
        uses = "\n".join(f"\u2610 {use}" for use in wording.uses)
        self.wording_text.setPlainText("\n\n".join([first, uses, *rest]))

    def _typed_expiry(self) -> None:
        self._expiry_typed = bool(self.expires_on.text().strip())
        self.expiry_hint.clear()

    def _suggest_expiry(self) -> None:
        """Until the expiry is typed over it follows the date given: 12 months or 3 years on."""
        if self._expiry_typed:
            return
        try:
            given = read_date(self.given_on, "Given on")
        except ValidationError:
            return
        if given is None:
            return
        expiry = consents.suggested_expiry(self.ctx.db, self.subject.id, given)
        set_date(self.expires_on, expiry)
        minor = is_minor(self.subject.date_of_birth, self.subject.kind == PersonKind.CHILD, given)
        self.expiry_hint.setText("default for a child" if minor else "default for an adult")

    def attach(self) -> None:
        pattern = " ".join(f"*{suffix}" for suffix in EVIDENCE_TYPES)
        name, _ = QFileDialog.getOpenFileName(
            self, "Attach the scan of the signed form", "", f"Scans ({pattern})"
        )
        if name:
            self.attach_file(Path(name))

    def attach_file(self, path: Path) -> None:
        scan = read_scan(self, path)
        if scan is None:
            return
        data, media = scan
        self.evidence = (data, path.name, media)
        self.evidence_label.setText(f"{path.name} ({max(1, len(data) // 1024)} KB)")
        self._mark_dirty()

    def read_input(self) -> ConsentInput:
        given = read_date(self.given_on, "Given on")
        if given is None:
            raise ValidationError("Enter the date the consent was given, as dd/mm/yyyy.")
        return ConsentInput(
            subject_id=self.subject.id,
            given_by_id=combo_value(self.given_by),
            relationship=self.relationship.currentText(),
            method=combo_value(self.method),
            wording_version=combo_value(self.wording),
            scopes=frozenset(s for s, box in self.scopes.items() if box.isChecked()),
            given_on=given,
            expires_on=read_date(self.expires_on, "Expires on"),
            witness=self.witness.text() if self.witness.isEnabled() else "",
            notes=self.notes.toPlainText(),
            evidence=self.evidence,
        )

    def submit(self) -> ConsentRecord:
        data = self.read_input()
        if self.correcting:
            return consents.correct_consent(
                self.ctx.db, self.ctx.actor, self.correcting.id, data, self.reason.text()
            )
        else:
            return consents.record_consent(self.ctx.db, self.ctx.actor, data)


class WithdrawDialog(FormDialog[WithdrawalImpact]):
    """Record that a consent was withdrawn: when, how, and any note."""

    refusal_title = "Withdrawal not recorded"

    HOW = ("Phone call", "Email", "Letter", "In person", "Online form")

    def __init__(self, ctx: AppContext, record: ConsentRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.record = ctx, record
        self.setWindowTitle(f"Withdraw consent — {record.subject_name}")
        self.on = QLineEdit(format_date(clock.today()))
        self.how = QComboBox()
        self.how.setEditable(True)
        self.how.addItems(list(self.HOW))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        form = QFormLayout()
        summary = (
            f"Consent given {format_date(record.given_on)} by {record.given_by_name} for "
            f"{record.scopes_label.lower()}."
        )
        label = QLabel(summary)
        label.setWordWrap(True)
        form.addRow(label)
        form.addRow("&Withdrawn on", self.on)
        form.addRow("&How", self.how)
        form.addRow("&Notes", self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Record withdrawal")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)

    def submit(self) -> WithdrawalImpact:
        on = read_date(self.on, "Withdrawn on")
        if on is None:
            raise ValidationError("Enter the date the consent was withdrawn, as dd/mm/yyyy.")
        return withdrawals.withdraw_consent(
            self.ctx.db,
            self.ctx.actor,
            self.record.id,
            on,
            self.how.currentText(),
            self.notes.toPlainText(),
        )


def takedown_message(impact: withdrawals.WithdrawalImpact) -> str:
    """What the office must now do, in words."""
    if not impact.photos:
        return (
            f"The withdrawal is recorded. No photo of {impact.consent.subject_name} has lost "
            "clearance because of it."
        )
    lines = "".join(
        f"<li>{p.title} — {', '.join(c.scope.label for c in p.clearances if not c.status.usable)}</li>"
        for p in impact.photos[:15]
    )
    more = f"<p>…and {len(impact.photos) - 15} more.</p>" if len(impact.photos) > 15 else ""
    tasks = (
        f"<p><b>{impact.takedowns} item{'s' if impact.takedowns != 1 else ''} online "
        f"{'use' if impact.takedowns != 1 else 'uses'} them: takedown tasks are open in the "
        "Content tab and on the Dashboard.</b></p>"
        if impact.takedowns
        else ""
    )
    return (
        f"<p>The withdrawal is recorded. These photos of {impact.consent.subject_name} can no "
        "longer be used where shown. Take them down wherever they are published:</p>"
        f"<ul>{lines}</ul>{more}{tasks}"
    )
