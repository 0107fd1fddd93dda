"""Add or change a person in the People register."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from hsdesk.domain.enums import PersonKind, VolunteerStatus
from hsdesk.domain.errors import AlreadyInRegister, Withdrawn
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
        self.opened_existing = False  # the person was in the register already: opened, not added
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
        if self.record is not None:
            return people.update_person(self.ctx.db, self.ctx.actor, self.record.id, data)
        try:
            return people.add_person(self.ctx.db, self.ctx.actor, data)
        except AlreadyInRegister as exc:
            return self._already_there(data, exc)

    def _already_there(self, data: PersonInput, exc: AlreadyInRegister) -> PersonRecord:
        """Someone of that name is in the register: open them, add this person anyway, or go
        back to the form."""
        box = QMessageBox(
            QMessageBox.Icon.Question, "Already in the register?", str(exc), parent=self
        )
        existing_id, existing = exc.matches[0]
        open_button = box.addButton(
            f"&Open {existing.split(' (')[0]}", QMessageBox.ButtonRole.AcceptRole
        )
        add_button = box.addButton("&Add anyway", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(open_button)
        box.exec()
        if box.clickedButton() is open_button:
            self.opened_existing = True
            return people.get_person(self.ctx.db, existing_id)
        if box.clickedButton() is add_button:
            return people.add_person(self.ctx.db, self.ctx.actor, data, same_name_confirmed=True)
        raise Withdrawn("Back to the form.")
