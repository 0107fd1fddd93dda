from datetime import date, timedelta

import pytest
from conftest import person

from hsdesk.domain import clock
from hsdesk.domain.enums import Office, PersonKind
from hsdesk.domain.errors import PermissionDenied, SignOffRefused, ValidationError
from hsdesk.services.people import accounts, offices
from hsdesk.services.people import persons as people
from hsdesk.services.people.offices import HoldingInput
from hsdesk.services.platform import auth

PASSWORD = "correct horse"


@pytest.fixture
def chair(db, admin):
    rec = people.add_person(db, admin, person("Margaret", "Ashworth", PersonKind.TRUSTEE))
    offices.add_holding(
        db, admin, HoldingInput(Office.CHAIR, rec.id, date(2020, 4, 1), date(2030, 3, 31))
    )
    accounts.create_account(db, admin, rec.id, "m.ashworth", PASSWORD)
    return rec


def test_first_admin_only_on_an_empty_database(db):
    first = accounts.create_first_admin(
        db, person("Helen", "Whitworth", PersonKind.STAFF), "helen", PASSWORD
    )
    assert first.is_admin
    with pytest.raises(PermissionDenied, match="already exists"):
        accounts.create_first_admin(
            db, person("Eve", "Intruder", PersonKind.STAFF), "eve", PASSWORD
        )
    assert [p.full_name for p in people.list_people(db)] == ["Helen Whitworth"]


def test_first_admin_with_a_weak_password_creates_nothing(db):
    with pytest.raises(ValidationError, match="at least 8"):
        accounts.create_first_admin(
            db, person("Helen", "Whitworth", PersonKind.STAFF), "helen", "short"
        )
    assert people.list_people(db) == []


def test_sign_in_gives_the_offices_held_today(db, chair):
    actor = auth.sign_in(db, "M.Ashworth", PASSWORD)  # usernames are not case-sensitive
    assert actor.offices == {Office.CHAIR}
    with pytest.raises(PermissionDenied, match="username or password is not right"):
        auth.sign_in(db, "m.ashworth", "wrong password")


def test_switched_off_account_cannot_sign_in(db, admin, chair):
    office = people.add_person(db, admin, person("Helen", "Whitworth", PersonKind.STAFF))
    accounts.create_account(db, admin, office.id, "helen", PASSWORD, is_admin=True)
    accounts.set_flags(db, admin, "m.ashworth", active=False)
    with pytest.raises(PermissionDenied, match="switched off"):
        auth.sign_in(db, "m.ashworth", PASSWORD)


def test_the_last_administrator_cannot_be_removed(db):
    first = accounts.create_first_admin(
        db, person("Helen", "Whitworth", PersonKind.STAFF), "helen", PASSWORD
    )
    actor = auth.sign_in(db, "helen", PASSWORD)
    with pytest.raises(ValidationError, match="at least one administrator"):
        accounts.set_flags(db, actor, first.username, is_admin=False)
    assert accounts.list_accounts(db, actor)[0].is_admin


def test_only_admins_manage_accounts(db, chair):
    actor = auth.sign_in(db, "m.ashworth", PASSWORD)
    with pytest.raises(PermissionDenied, match="Only an administrator can manage sign-in accounts"):
        accounts.reset_password(db, actor, "m.ashworth", "another password")


def test_children_cannot_have_accounts(db, admin):
    parent = people.add_person(db, admin, person("Leanne", "Booth", PersonKind.FAMILY_MEMBER))
    with pytest.raises(ValidationError, match="cannot have a sign-in account"):
        accounts.create_account(db, admin, parent.id, "leanne", PASSWORD)


def test_change_own_password_needs_the_current_one(db, chair):
    actor = auth.sign_in(db, "m.ashworth", PASSWORD)
    with pytest.raises(ValidationError, match="current password is not right"):
        accounts.change_own_password(db, actor, "nope", "a new password")
    accounts.change_own_password(db, actor, PASSWORD, "a new password")
    auth.sign_in(db, "m.ashworth", "a new password")


def test_signoff_accepts_the_chair_whoever_is_signed_in(db, chair):
    with db.read() as session:
        signer = auth.verify_signoff(session, "m.ashworth", PASSWORD, Office.CHAIR, clock.today())
    assert signer.name == "Margaret Ashworth" and not signer.acting


@pytest.mark.parametrize(
    ("username", "password", "office", "day", "message"),
    [
        ("m.ashworth", "wrong", Office.CHAIR, clock.today(), "username or password of the Chair"),
        ("nobody", PASSWORD, Office.CHAIR, clock.today(), "username or password"),
        (
            "m.ashworth",
            PASSWORD,
            Office.VICE_CHAIR,
            clock.today(),
            "does not hold the office of Vice Chair",
        ),
        ("m.ashworth", PASSWORD, Office.CHAIR, date(2019, 1, 1), "on 01/01/2019"),
        (
            "m.ashworth",
            PASSWORD,
            Office.CHAIR,
            date(2030, 4, 1),
            "does not hold the office of Chair",
        ),
    ],
)
def test_signoff_refusals_say_why(db, chair, username, password, office, day, message):
    with db.read() as session, pytest.raises(SignOffRefused, match=message):
        auth.verify_signoff(session, username, password, office, day)


def test_acting_cover_can_sign_off(db, admin, chair):
    cover = people.add_person(db, admin, person("Priya", "Shah", PersonKind.TRUSTEE))
    today = clock.today()
    offices.add_holding(
        db,
        admin,
        HoldingInput(
            Office.CHAIR,
            cover.id,
            today - timedelta(days=3),
            today + timedelta(days=3),
            True,
            "Chair on leave",
        ),
    )
    accounts.create_account(db, admin, cover.id, "p.shah", PASSWORD)
    with db.read() as session:
        signer = auth.verify_signoff(session, "p.shah", PASSWORD, Office.CHAIR, today)
    assert signer.acting


def test_password_free_sign_in_is_only_for_demo_data(db, demo_db):
    assert auth.demo_sign_in(demo_db, "sdm").offices == {Office.SDM}


def test_password_free_sign_in_is_refused_on_real_data(db, chair):
    with pytest.raises(PermissionDenied, match="only possible on demo data"):
        auth.demo_sign_in(db, "m.ashworth")
