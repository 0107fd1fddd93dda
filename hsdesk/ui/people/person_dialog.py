"""Add or change a person in the People register."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from hsdesk.domain.enums import PersonKind, VolunteerStatus
from hsdesk.domain.records import PersonInput, PersonRecord
from hsdesk.services.people import persons as people
from hsdesk.ui.common import combo_value, fill_combo, read_date, set_date
from hsdesk.ui.context import AppContext
from hsdesk.ui.forms.ui_person_dialog import Ui_PersonDialog
from hsdesk.ui.operation import FormDialog

ADULT_KINDS = {
    PersonKind.FAMILY_MEMBER,
    PersonKind.OTHER,
    PersonKind.STAFF,
    PersonKind.TRUSTEE,
    PersonKind.VOLUNTEER,
}


class PersonDialog(FormDialog[PersonRecord]):
    refusal_title = "Cannot save this person"

    def __init__(
        self, ctx: AppContext, record: PersonRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_PersonDialog()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.record = record
        self.setWindowTitle(f"Edit {record.full_name}" if record else "Add a person")
        ui = self.ui
        fill_combo(ui.kind, [(k.label, k) for k in PersonKind], record.kind if record else None)
        fill_combo(
            ui.volunteerStatus,
            [(s.label, s) for s in VolunteerStatus],
            record.volunteer_status if record else VolunteerStatus.ACTIVE,
        )
        fill_combo(
            ui.family,
            [("(none)", None)] + [(f.reference, f.id) for f in people.list_families(ctx.db)],
            record.family_id if record else None,
        )
        guardians = [
            p for p in people.list_people(ctx.db, ADULT_KINDS) if not record or p.id != record.id
        ]
        fill_combo(
            ui.guardian,
            [("(none)", None)] + [(f"{p.full_name} ({p.kind.label})", p.id) for p in guardians],
            record.guardian_id if record else None,
        )
        if record:
            ui.firstName.setText(record.first_name)
            ui.lastName.setText(record.last_name)
            set_date(ui.dateOfBirth, record.date_of_birth)
            ui.email.setText(record.email)
            ui.phone.setText(record.phone)
            set_date(ui.startDate, record.start_date)
            set_date(ui.endDate, record.end_date)
            ui.notes.setPlainText(record.notes)
        ui.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.wire_form(self.ui.buttonBox, self.save)
        self.resize(480, self.sizeHint().height())

    def _kind_changed(self) -> None:
        kind = combo_value(self.ui.kind)
        self.ui.volunteerStatus.setEnabled(kind == PersonKind.VOLUNTEER)
        self.ui.guardian.setEnabled(kind == PersonKind.CHILD)

    def form_input(self) -> PersonInput:
        ui = self.ui
        return PersonInput(
            first_name=ui.firstName.text(),
            last_name=ui.lastName.text(),
            kind=combo_value(ui.kind),
            volunteer_status=combo_value(ui.volunteerStatus),
            date_of_birth=read_date(ui.dateOfBirth, "Date of birth"),
            email=ui.email.text(),
            phone=ui.phone.text(),
            start_date=read_date(ui.startDate, "Started"),
            end_date=read_date(ui.endDate, "Ended"),
            family_id=combo_value(ui.family),
            guardian_id=combo_value(ui.guardian),
            notes=ui.notes.toPlainText(),
        )

    def submit(self) -> PersonRecord:
        """Save through the service; on a refusal explain it and keep everything typed."""
        data = self.form_input()
        if self.record is None:
            return people.add_person(self.ctx.db, self.ctx.actor, data)
        else:
            return people.update_person(self.ctx.db, self.ctx.actor, self.record.id, data)
