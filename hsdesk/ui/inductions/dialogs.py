"""Recording inductions: a person's acknowledgement of a policy version (scanned slip, signed on
screen, or confirmed in person) and the day their pack was given to them."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.induction import AckMethod
from hsdesk.domain.induction_records import AckInput, Evidence, InductionRecord, InductionRow
from hsdesk.services.inductions import recording
from hsdesk.services.inductions import records as inductions
from hsdesk.ui.common import (
    buddy_label,
    combo_value,
    fill_combo,
    read_date,
    read_scan,
    set_date,
)
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import FormDialog
from hsdesk.ui.signature_pad import SignaturePad

SCAN_PATTERN = "*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.gif *.bmp *.webp"
REFERENCE = re.compile(r"IND-(\d+)-V(\d+)", re.IGNORECASE)


def _index_of(combo: QComboBox, wanted: str) -> int | None:
    return next((n for n in range(combo.count()) if str(combo.itemData(n)) == wanted), None)


def _people_combo(rows: list[InductionRow], person_id: int | None) -> QComboBox:
    combo = QComboBox()
    fill_combo(combo, [(f"{r.name} — {r.role}", r.person_id) for r in rows], person_id)
    combo.setEditable(False)
    return combo


class AcknowledgeDialog(FormDialog[InductionRecord]):
    """Pick the person and version, the date and how they acknowledged it, with the evidence."""

    refusal_title = "Not recorded"

    def __init__(
        self,
        ctx: AppContext,
        rows: list[InductionRow],
        person_id: int | None = None,
        scan: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scan: Evidence | None = None
        self.setWindowTitle("Record an acknowledgement of the policy")
        self.setAcceptDrops(True)
        self.reference = QLineEdit(placeholderText="e.g. IND-12-V2 (printed on the slip)")
        self.reference_note = QLabel()  # why a typed reference picked no one
        self.reference_note.setWordWrap(True)
        self.reference_note.hide()
        self.person = _people_combo(rows, person_id)
        self.version = QComboBox()
        versions = inductions.adopted_versions(ctx.db)
        fill_combo(self.version, [(label, vid) for vid, label in versions])
        self.given_on = QLineEdit(placeholderText="dd/mm/yyyy (if different)")
        self.given_by = QLineEdit(placeholderText=ctx.actor.display_name)
        self.acknowledged_on = QLineEdit()
        set_date(self.acknowledged_on, clock.today())
        self.method = QComboBox()
        fill_combo(self.method, [(m.label, m) for m in AckMethod])
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(56)

        self.scan_label = QLabel("No scan attached. Drop the scanned slip here, or attach it.")
        self.scan_label.setWordWrap(True)
        attach = QPushButton("A&ttach scan…")
        attach.clicked.connect(self.attach)
        scan_page = QWidget()
        scan_layout = QVBoxLayout(scan_page)
        scan_layout.setContentsMargins(0, 0, 0, 0)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_label, 1)
        scan_row.addWidget(attach)
        scan_layout.addLayout(scan_row)
        scan_layout.addStretch(1)

        self.pad = SignaturePad()
        clear = QPushButton("C&lear")
        undo = QPushButton("Und&o last stroke")
        clear.clicked.connect(self.pad.clear)
        undo.clicked.connect(self.pad.undo)
        pad_page = QWidget()
        pad_layout = QVBoxLayout(pad_page)
        pad_layout.setContentsMargins(0, 0, 0, 0)
        pad_layout.addWidget(QLabel("The person signs here, having read the policy:"))
        pad_layout.addWidget(self.pad)
        pad_buttons = QHBoxLayout()
        pad_buttons.addWidget(clear)
        pad_buttons.addWidget(undo)
        pad_buttons.addStretch(1)
        pad_layout.addLayout(pad_buttons)

        in_person = QLabel(
            "You confirm that the person read the policy and told you they will follow it. "
            "You are recorded as the witness."
        )
        in_person.setWordWrap(True)
        in_person.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.evidence_pages = QStackedWidget()
        for page in (scan_page, pad_page, in_person):
            self.evidence_pages.addWidget(page)
        evidence_box = QGroupBox("Evidence")
        QVBoxLayout(evidence_box).addWidget(self.evidence_pages)

        form = QFormLayout()
        form.addRow("Slip &reference", self.reference)
        form.addRow("", self.reference_note)
        form.addRow("&Person", self.person)
        form.addRow("Policy &version", self.version)
        form.addRow("&Acknowledged on", self.acknowledged_on)
        form.addRow("Policy &given on", self.given_on)
        form.addRow("Given &by", self.given_by)
        form.addRow("&How", self.method)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(
            "Record acknowledgement", QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(evidence_box)
        layout.addWidget(buddy_label("&Notes", self.notes))
        layout.addWidget(self.notes)
        layout.addWidget(buttons)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.reference.textEdited.connect(self._reference_typed)
        self.reference.editingFinished.connect(self._reference_typed)
        self.wire_form(buttons, self.save)
        self.pad.changed.connect(self._mark_dirty)
        self.resize(600, self.sizeHint().height())
        if scan is not None:
            self.attach_file(scan)

    def _method_changed(self) -> None:
        self.evidence_pages.setCurrentIndex(list(AckMethod).index(combo_value(self.method)))

    def set_method(self, method: AckMethod) -> None:
        self.method.setCurrentIndex(list(AckMethod).index(method))

    def _slip(self) -> tuple[int, int] | str | None:
        """The person's and version's places in the lists for the typed slip reference; why
        it names none (text); None if no reference is typed."""
        text = self.reference.text().strip()
        if not text:
            return None
        found = REFERENCE.fullmatch(text)
        if found is None:
            return f"'{text}' is not a slip reference: type it as printed, e.g. IND-12-V2."
        person, version = _index_of(self.person, found[1]), _index_of(self.version, found[2])
        if person is None:
            return f"No one in the list has slip {text.upper()}: check the number on the slip."
        if version is None:
            return f"The policy has no version {found[2]}: check the number on the slip."
        return person, version

    def _reference_typed(self, _text: str = "") -> None:
        """A slip's printed reference picks its person and version (both, or neither); once
        typed (the box left), one that names neither says why."""
        slip = self._slip()
        finished = not self.reference.hasFocus()
        self.reference_note.setText(slip if isinstance(slip, str) and finished else "")
        self.reference_note.setVisible(bool(self.reference_note.text()))
        if isinstance(slip, tuple):
            self.person.setCurrentIndex(slip[0])
            self.version.setCurrentIndex(slip[1])

    def attach(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Attach the scanned, signed slip", "", f"Scans ({SCAN_PATTERN})"
        )
        if name:
            self.attach_file(Path(name))

    def attach_file(self, path: Path) -> None:
        scan = read_scan(self, path)
        if scan is None:
            return
        data, _media = scan
        self.scan = Evidence(data, path.name)
        self.scan_label.setText(f"Attached: {path.name} ({max(1, len(data) // 1024)} KB)")
        self.set_method(AckMethod.PAPER)
        self._mark_dirty()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.attach_file(Path(urls[0].toLocalFile()))

    def read_input(self) -> AckInput:
        slip = self._slip()
        if isinstance(slip, str):
            raise ValidationError(f"{slip} Or clear the slip reference and choose the person.")
        if slip is not None and (self.person.currentIndex(), self.version.currentIndex()) != slip:
            raise ValidationError(
                "The slip reference is for another person or version than the one chosen. "
                "Check the number on the slip, or clear the reference."
            )
        on = read_date(self.acknowledged_on, "Acknowledged on")
        if on is None:
            raise ValidationError("Enter the date the policy was acknowledged, as dd/mm/yyyy.")
        person_id = combo_value(self.person)
        if person_id is None:
            raise ValidationError("Choose the person who acknowledged the policy.")
        method: AckMethod = combo_value(self.method)
        evidence = None
        if method is AckMethod.PAPER:
            evidence = self.scan
        elif method is AckMethod.SCREEN and not self.pad.is_empty():
            evidence = Evidence(self.pad.to_png(), "signature.png")
        return AckInput(
            person_id=person_id,
            version_id=combo_value(self.version),
            acknowledged_on=on,
            method=method,
            given_on=read_date(self.given_on, "Policy given on"),
            given_by=self.given_by.text(),
            evidence=evidence,
            notes=self.notes.toPlainText(),
        )

    def submit(self) -> InductionRecord:
        return recording.record_acknowledgement(self.ctx.db, self.ctx.actor, self.read_input())


class GivenDialog(FormDialog[InductionRecord]):
    """The day a person was given the policy (their pack), and by whom."""

    refusal_title = "Not recorded"

    def __init__(
        self, ctx: AppContext, row: InductionRow, version_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.version_id = version_id
        self.setWindowTitle(f"Policy given to {row.name}")
        self.given_on = QLineEdit()
        set_date(self.given_on, clock.today())
        self.given_by = QLineEdit(ctx.actor.display_name)
        form = QFormLayout()
        form.addRow("&Given on", self.given_on)
        form.addRow("Given &by", self.given_by)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Record the day {row.name} received the adopted policy (their induction pack)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)
        self.setMinimumWidth(420)

    def submit(self) -> InductionRecord:
        on = read_date(self.given_on, "Given on")
        if on is None:
            raise ValidationError("Enter the date the policy was given, as dd/mm/yyyy.")
        return recording.record_given(
            self.ctx.db,
            self.ctx.actor,
            self.row.person_id,
            self.version_id,
            on,
            self.given_by.text(),
        )
