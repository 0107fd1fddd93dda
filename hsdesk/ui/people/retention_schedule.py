"""Settings → How long records are kept: the years for each kind of record, with why."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.retention import SCHEDULE, YEARS
from hsdesk.services.people import retention
from hsdesk.ui.common import allow, hint_label
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import FormDialog


class ScheduleDialog(FormDialog[dict[str, int]]):
    refusal_title = "Schedule not saved"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("How long records are kept")
        years = retention.read_schedule(ctx.db)
        admin = allowed(ctx.actor, Permission.ERASE_PERSONAL_DATA)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for rule in SCHEDULE:
            spin = QSpinBox()
            spin.setRange(YEARS.start, YEARS.stop - 1)
            spin.setSuffix(" years")
            spin.setValue(years[rule.key])
            spin.setToolTip(rule.why)
            spin.setAccessibleName(f"{rule.title}: years kept")
            allow(spin, "" if admin else Permission.ERASE_PERSONAL_DATA.value.refusal)
            self.spins[rule.key] = spin
            row = QHBoxLayout()
            row.addWidget(spin)
            row.addWidget(QLabel(rule.after))
            row.addStretch(1)
            label = QLabel(f"{rule.title}:")
            label.setBuddy(spin)
            form.addRow(label, row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        allow(
            buttons.button(QDialogButtonBox.StandardButton.Save),
            "" if admin else Permission.ERASE_PERSONAL_DATA.value.refusal,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            hint_label(
                "After this time a record is listed in People → Past retention, for an "
                "administrator to keep (with the reason) or erase. Point at a number for why "
                "it is set as it is; the README says where each default comes from."
            )
        )
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)
        self.setMinimumWidth(560)

    def submit(self) -> dict[str, int]:
        chosen = {key: spin.value() for key, spin in self.spins.items()}
        retention.save_schedule(self.ctx.db, self.ctx.actor, chosen)
        return chosen
