"""Account changes take effect at once: the services check the account as it is now, at every
action, so a switched-off account or a right taken away is refused at its next action (and the
window's session ends), and nothing is written. On both engines."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import person
from sqlalchemy import func, select

from hsdesk.db.models import Person
from hsdesk.domain import clock
from hsdesk.domain.enums import Office, PersonKind
from hsdesk.domain.errors import AccountChanged, PermissionDenied
from hsdesk.services.people import accounts, offices
from hsdesk.services.people import persons as people
from hsdesk.services.people.offices import HoldingInput
from hsdesk.services.platform import auth
from hsdesk.services.registers import breaches

PASSWORD = "correct horse"


@pytest.fixture(autouse=True)
def _first_admin(db):
    """An administrator who can sign in, so that others' admin rights can be taken away."""
    accounts.create_first_admin(db, person("Ada", "Admin", PersonKind.STAFF), "ada", PASSWORD)


def _signed_in(db, admin, username, kind=PersonKind.STAFF, office=None):
    rec = people.add_person(db, admin, person(username.capitalize(), "Tester", kind))
    holding = None
    if office is not None:
        holding = offices.add_holding(db, admin, HoldingInput(office, rec.id, date(2020, 4, 1)))
    accounts.create_account(db, admin, rec.id, username, PASSWORD)
    return auth.sign_in(db, username, PASSWORD), holding


def _people(db) -> int:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(Person)).scalar_one()


def test_a_switched_off_account_is_refused_at_its_next_action(db, admin):
    staff, _ = _signed_in(db, admin, "shazia")
    people.add_person(db, staff, person("Before", "Switch"))  # works while switched on
    accounts.set_flags(db, admin, "shazia", active=False)
    before = _people(db)
    with pytest.raises(AccountChanged, match="'shazia' has been switched off.*sign you out"):
        people.add_person(db, staff, person("After", "Switch"))
    # An action that needs no right of its own is refused too (checked as the change is written).
    with pytest.raises(AccountChanged, match="switched off"):
        accounts.change_own_password(db, staff, PASSWORD, "a new password 1")
    assert _people(db) == before
    with pytest.raises(PermissionDenied, match="switched off"):
        auth.sign_in(db, "shazia", PASSWORD)


def test_an_office_ended_is_refused_at_the_next_action_that_needed_it(db, admin):
    chair, holding = _signed_in(db, admin, "chair", PersonKind.TRUSTEE, Office.CHAIR)
    assert breaches.list_breaches(db, chair) == []
    offices.end_holding(db, admin, holding.id, clock.today() - timedelta(days=1))
    with pytest.raises(
        AccountChanged, match="rights have changed.*Breach records are confidential"
    ):
        breaches.list_breaches(db, chair)


def test_an_administrator_made_ordinary_keeps_what_they_may_still_do(db, admin):
    staff, _ = _signed_in(db, admin, "claire")
    accounts.set_flags(db, admin, "claire", is_admin=True)
    boss = auth.sign_in(db, "claire", PASSWORD)
    assert accounts.list_accounts(db, boss)
    accounts.set_flags(db, admin, "claire", is_admin=False)
    with pytest.raises(AccountChanged, match="rights have changed.*Only an administrator"):
        accounts.list_accounts(db, boss)
    people.add_person(db, boss, person("Still", "Staff"))  # a member of staff may still do this
    assert staff.is_admin is False


def test_a_right_never_held_is_refused_as_before_and_the_session_goes_on(db, admin):
    volunteer, _ = _signed_in(db, admin, "val", PersonKind.VOLUNTEER)
    with pytest.raises(PermissionDenied) as refused:
        breaches.list_breaches(db, volunteer)
    assert not isinstance(refused.value, AccountChanged)


def test_an_office_given_since_sign_in_counts_at_once(db, admin):
    trustee, _ = _signed_in(db, admin, "tina", PersonKind.TRUSTEE)
    with db.read() as session:
        person_id = session.execute(
            select(Person.id).where(Person.first_name == "Tina")
        ).scalar_one()
    offices.add_holding(db, admin, HoldingInput(Office.CHAIR, person_id, date(2020, 4, 1)))
    assert breaches.list_breaches(db, trustee) == []
