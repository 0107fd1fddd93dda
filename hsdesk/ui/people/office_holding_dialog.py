"""Record who holds an office (or acting cover) from a date."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from hsdesk.domain import clock
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.records import OfficeHoldingRecord
from hsdesk.services.people import offices
from hsdesk.services.people import persons as people
from hsdesk.services.people.offices import ELIGIBLE, HoldingInput
from hsdesk.ui.common import combo_value, fill_combo, read_date, set_date
from hsdesk.ui.context import AppContext
from hsdesk.ui.forms.ui_office_holding_dialog import Ui_OfficeHoldingDialog
from hsdesk.ui.operation import FormDialog


class OfficeHoldingDialog(FormDialog[OfficeHoldingRecord]):
    refusal_title = "Cannot record this office holding"

    def __init__(
        self, ctx: AppContext, person_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_OfficeHoldingDialog()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.person_id = person_id
        self._eligible = people.list_people(ctx.db, set(ELIGIBLE.values()))
        fill_combo(self.ui.office, [(o.label, o) for o in Office])
        self.ui.office.currentIndexChanged.connect(self._office_changed)
        self._office_changed()
        set_date(self.ui.fromDate, clock.today())
        self.ui.acting.toggled.connect(self.ui.actingReason.setEnabled)
        self.ui.actingReason.setEnabled(False)
        self.wire_form(self.ui.buttonBox, self.save)

    def _office_changed(self) -> None:
        office: Office = combo_value(self.ui.office)
        kind = ELIGIBLE[office]
        choices = [(p.full_name, p.id) for p in self._eligible if p.kind == kind]
        fill_combo(self.ui.person, [("(choose)", None), *choices], self.person_id)

    def submit(self) -> OfficeHoldingRecord:
        ui = self.ui
        person_id = combo_value(ui.person)
        if person_id is None:
            raise ValidationError("Choose who holds the office.")
        from_date = read_date(ui.fromDate, "From")
        if from_date is None:
            raise ValidationError("Enter the date the holding starts, as dd/mm/yyyy.")
        data = HoldingInput(
            combo_value(ui.office),
            person_id,
            from_date,
            read_date(ui.toDate, "To"),
            ui.acting.isChecked(),
            ui.actingReason.text(),
        )
        return offices.add_holding(self.ctx.db, self.ctx.actor, data)
