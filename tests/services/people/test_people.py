from datetime import date

import pytest
from conftest import person

from hsdesk.domain.enums import PersonKind, VolunteerStatus
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.services.people import persons as people
from hsdesk.services.platform import audit


def test_add_person_keeps_non_ascii_names_and_audits(db, admin):
    record = people.add_person(db, admin, person())
    assert record.full_name == "Zoë Ní Bhriain"
    assert record.volunteer_status is VolunteerStatus.ACTIVE  # volunteers default to active
    entries = audit.list_entries(db, admin)
    assert entries[0].summary == "Added volunteer Zoë Ní Bhriain"
    assert entries[0].actor == "admin"


def test_volunteer_may_not_edit_register(db, volunteer_actor):
    with pytest.raises(PermissionDenied, match="Scheme Development Manager"):
        people.add_person(db, volunteer_actor, person())
    assert people.list_people(db) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (person(first=" "), "first name"),
        (person(last=""), "last name"),
        (person(email="not-an-email"), "not an email address"),
        (person(start_date=date(2024, 5, 1), end_date=date(2024, 4, 1)), "before the start date"),
        (person(date_of_birth=date(2999, 1, 1)), "in the future"),
        (person("Alfie", "Booth", PersonKind.CHILD), "parent or guardian"),
    ],
)
def test_invalid_people_are_refused_with_a_reason(db, admin, data, message):
    with pytest.raises(ValidationError, match=message):
        people.add_person(db, admin, data)
    assert people.list_people(db) == []
    with db.read() as session:
        assert audit.count(session) == 0  # nothing half-written, not even the audit entry


def test_child_needs_an_adult_guardian(db, admin):
    parent = people.add_person(db, admin, person("Leanne", "Booth", PersonKind.FAMILY_MEMBER))
    child = people.add_person(
        db, admin, person("Alfie", "Booth", PersonKind.CHILD, guardian_id=parent.id)
    )
    assert child.guardian_name == "Leanne Booth"
    with pytest.raises(ValidationError, match="recorded as a child"):
        people.add_person(
            db, admin, person("Isla", "Booth", PersonKind.CHILD, guardian_id=child.id)
        )


def test_update_records_changed_fields_and_clears_status_for_non_volunteers(db, admin):
    record = people.add_person(db, admin, person())
    updated = people.update_person(
        db, admin, record.id, person(kind=PersonKind.STAFF, phone="0161 000")
    )
    assert updated.kind is PersonKind.STAFF
    assert updated.volunteer_status is None
    summary = audit.list_entries(db, admin)[0].summary
    assert "kind" in summary and "phone" in summary


def test_family_reference_unique_and_uppercased(db, admin):
    fam = people.save_family(db, admin, None, "fam-0001", date(2026, 1, 5), None)
    assert fam.reference == "FAM-0001"
    with pytest.raises(ValidationError, match="already has the reference FAM-0001"):
        people.save_family(db, admin, None, "FAM-0001", None, None)
    with pytest.raises(ValidationError, match="ends before it starts"):
        people.save_family(db, admin, fam.id, "FAM-0001", date(2026, 1, 5), date(2025, 1, 1))


def test_adding_someone_already_in_the_register_asks_first(db, admin):
    """Same name (any capitals), and the same date of birth where both are known: refused with
    the existing person offered, until it is confirmed to be someone else."""
    from hsdesk.domain.errors import AlreadyInRegister

    first = people.add_person(db, admin, person(date_of_birth=date(1990, 5, 1)))
    with pytest.raises(AlreadyInRegister) as asked:
        people.add_person(db, admin, person("ZOË", " ní  bhriain "))
    assert asked.value.matches == ((first.id, "Zoë Ní Bhriain (volunteer, born 01/05/1990)"),)
    assert str(asked.value).startswith("Zoë Ní Bhriain (volunteer, born 01/05/1990) is already")
    with pytest.raises(AlreadyInRegister):
        people.add_person(db, admin, person(date_of_birth=date(1990, 5, 1)))
    other = people.add_person(db, admin, person(date_of_birth=date(2001, 2, 3)))  # not the same
    assert other.id != first.id
    again = people.add_person(db, admin, person(), same_name_confirmed=True)
    assert len({first.id, other.id, again.id}) == 3
