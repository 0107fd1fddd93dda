from datetime import date

import pytest
from conftest import office_actor, person

from hsdesk.domain.enums import Office, PersonKind
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.services.dashboard import needs_attention
from hsdesk.services.people import offices
from hsdesk.services.people import persons as people
from hsdesk.services.people.offices import HoldingInput


@pytest.fixture
def trustee(db, admin):
    return people.add_person(db, admin, person("Margaret", "Ashworth", PersonKind.TRUSTEE))


def test_chair_must_be_a_trustee(db, admin):
    staff = people.add_person(db, admin, person("Helen", "Whitworth", PersonKind.STAFF))
    with pytest.raises(ValidationError, match="must be a trustee"):
        offices.add_holding(db, admin, HoldingInput(Office.CHAIR, staff.id, date(2026, 1, 1)))


def test_only_admin_or_chair_records_offices(db, trustee):
    sdm = office_actor(Office.SDM, PersonKind.STAFF)
    with pytest.raises(PermissionDenied, match="administrator or the Chair"):
        offices.add_holding(db, sdm, HoldingInput(Office.CHAIR, trustee.id, date(2026, 1, 1)))
    chair = office_actor(Office.CHAIR)
    offices.add_holding(db, chair, HoldingInput(Office.VICE_CHAIR, trustee.id, date(2026, 1, 1)))


def test_substantive_holdings_do_not_overlap_but_acting_cover_may(db, admin, trustee):
    other = people.add_person(db, admin, person("Priya", "Shah", PersonKind.TRUSTEE))
    offices.add_holding(db, admin, HoldingInput(Office.CHAIR, trustee.id, date(2020, 4, 1)))
    with pytest.raises(ValidationError, match="already the Chair from 01/04/2020"):
        offices.add_holding(db, admin, HoldingInput(Office.CHAIR, other.id, date(2026, 1, 1)))
    with pytest.raises(ValidationError, match="Say why"):
        offices.add_holding(
            db, admin, HoldingInput(Office.CHAIR, other.id, date(2026, 1, 1), acting=True)
        )
    cover = offices.add_holding(
        db,
        admin,
        HoldingInput(Office.CHAIR, other.id, date(2026, 1, 1), date(2026, 3, 31), True, "Leave"),
    )
    assert cover.acting and cover.acting_reason == "Leave"


def test_ending_a_holding_makes_the_office_vacant(db, admin, trustee):
    holding = offices.add_holding(
        db, admin, HoldingInput(Office.CHAIR, trustee.id, date(2020, 4, 1))
    )
    titles = [i.title for i in needs_attention(db)]
    assert "No Chair" not in titles
    assert "Margaret Ashworth (Chair) cannot sign in" in titles
    with pytest.raises(ValidationError, match="cannot end before it started"):
        offices.end_holding(db, admin, holding.id, date(2019, 1, 1))
    offices.end_holding(db, admin, holding.id, date(2021, 1, 1))
    assert "No Chair" in [i.title for i in needs_attention(db)]


def test_empty_database_shows_every_office_vacant(db):
    titles = [i.title for i in needs_attention(db)]
    assert titles[:4] == [
        "No Chair",
        "No Vice Chair",
        "No Scheme Development Manager",
        "No Volunteer Development Officer",
    ]
