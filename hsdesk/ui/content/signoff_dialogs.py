"""The two sign-offs of content: the SDM's decision with the policy checklist, and the VDO's
record of an upload. Each takes the signer's own username and password, whoever is signed in."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.content import PHOTO_CHECK, Decision
from hsdesk.domain.content_records import ContentDetails
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import Office
from hsdesk.services.content import approval, upload
from hsdesk.services.content.checklist import approval_checklist
from hsdesk.ui.colours import BAD, GOOD, ink
from hsdesk.ui.common import combo_value, fill_combo, named
from hsdesk.ui.context import AppContext
from hsdesk.ui.signoff_box import SignOffBox, SignOffDialog


def _summary(item: ContentDetails) -> QLabel:
    photos = f"{len(item.photos)} photo{'s' if len(item.photos) != 1 else ''}"
    label = QLabel(
        f"<b>{item.title}</b> (item {item.id}) by {item.author_name}<br>"
        f"To: {', '.join(c.name for c in item.channels) or 'no channel'} · {photos}"
    )
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    return label


class DecisionDialog(SignOffDialog[ContentDetails]):
    """The Scheme Development Manager approves, asks for changes or rejects, confirming each
    point of the checklist (its clauses are the adopted version's)."""

    refusal_title = "Decision not recorded"

    def __init__(self, ctx: AppContext, item: ContentDetails, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.item = item
        self.setWindowTitle("Approve content")
        layout = QVBoxLayout(self)
        layout.addWidget(_summary(item))
        preview = named(QPlainTextEdit(item.body, readOnly=True), "The item's text")
        preview.setMaximumHeight(90)
        layout.addWidget(preview)
        points, cite = approval_checklist(ctx.db)
        checks = QGroupBox(f"Checklist from the {cite.label or 'policy'}")
        check_layout = QVBoxLayout(checks)
        self.checks: dict[str, QCheckBox] = {}
        for point in points:
            box = QCheckBox(point.shown(cite))
            self.checks[point.key] = box
            check_layout.addWidget(box)
        self.photo_check = QLabel()
        self.photo_check.setWordWrap(True)
        self.photo_check.setTextFormat(Qt.TextFormat.RichText)
        ok = not item.problems
        mark = "✔" if ok else "✘"
        colour = ink(GOOD if ok else BAD)
        detail = "" if ok else "<br>" + "<br>".join(item.problems)
        self.photo_check.setText(
            f"<span style='color:{colour}'><b>{mark} {escape(PHOTO_CHECK.shown(cite))}"
            f"</b></span><br><small>Checked by hsdesk from the consent records; it cannot be "
            f"ticked by hand.</small><span style='color:{colour}'>{detail}</span>"
        )
        self.photo_check.setMinimumHeight(self.photo_check.heightForWidth(560))
        check_layout.addWidget(self.photo_check)
        layout.addWidget(checks)
        decision = QGroupBox("Decision")
        decision_layout = QVBoxLayout(decision)
        self.choices = QButtonGroup(self)
        self.radios: dict[Decision, QRadioButton] = {}
        choices_row = QHBoxLayout()  # side by side: the dialog fits a laptop at 150 %
        for choice in Decision:
            radio = QRadioButton(choice.label)
            self.radios[choice] = radio
            self.choices.addButton(radio)
            choices_row.addWidget(radio)
        choices_row.addStretch(1)
        decision_layout.addLayout(choices_row)
        self.radios[Decision.APPROVE if ok else Decision.CHANGES].setChecked(True)
        self.reason = named(
            QPlainTextEdit(
                placeholderText="Reason (needed to request changes or reject; the author sees it)"
            ),
            "Reason",
        )
        self.reason.setMaximumHeight(70)
        decision_layout.addWidget(self.reason)
        layout.addWidget(decision)
        self.signoff = SignOffBox(Office.SDM)
        layout.addWidget(self.signoff)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Sign decision")
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)
        self.resize(620, 0)

    def decision(self) -> Decision:
        return next(d for d, radio in self.radios.items() if radio.isChecked())

    def submit(self) -> ContentDetails:
        answers = {key: box.isChecked() for key, box in self.checks.items()}
        return approval.decide(
            self.ctx.db,
            self.ctx.actor,
            self.item.id,
            self.decision(),
            self.signoff.value(),
            answers,
            self.reason.toPlainText(),
            seen=self.item.content_hash,
        )


class UploadDialog(SignOffDialog[ContentDetails]):
    """The Volunteer Development Officer records where and when an approved item went online."""

    refusal_title = "Upload not recorded"

    def __init__(self, ctx: AppContext, item: ContentDetails, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.item = item
        self.setWindowTitle("Record an upload")
        layout = QVBoxLayout(self)
        layout.addWidget(_summary(item))
        approval = item.approval
        if approval is not None:
            approved = QLabel(
                f"Approved by {approval.signer_name} on {format_date(approval.decided_at.date())}."
                " Photo consent is checked again when you sign."
            )
            approved.setWordWrap(True)
            approved.setMinimumHeight(approved.heightForWidth(520))
            layout.addWidget(approved)
        form = QFormLayout()
        self.channel = QComboBox()
        fill_combo(self.channel, [(c.name, c.id) for c in item.unpublished])
        self.url = QLineEdit(placeholderText="https://… copied from the browser's address bar")
        self.posted = QDateTimeEdit(
            QDateTime.fromString(clock.now().isoformat(), Qt.DateFormat.ISODate)
        )
        self.posted.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.posted.setCalendarPopup(True)
        form.addRow("&Channel", self.channel)
        form.addRow("&Address of the post", self.url)
        form.addRow("Posted a&t", self.posted)
        layout.addLayout(form)
        self.signoff = SignOffBox(Office.VDO)
        layout.addWidget(self.signoff)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Sign upload")
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)
        self.resize(560, 0)

    def submit(self) -> ContentDetails:
        chosen = self.posted.dateTime().toPython()
        assert isinstance(chosen, datetime)
        posted = chosen.replace(second=0, microsecond=0)
        return upload.upload(
            self.ctx.db,
            self.ctx.actor,
            self.item.id,
            combo_value(self.channel),
            self.url.text(),
            posted,
            self.signoff.value(),
        )
