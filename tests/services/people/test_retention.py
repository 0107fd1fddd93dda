"""The retention schedule: administrators set it; people and ended consents past it are counted
on an administrator's Dashboard and listed for review, where each is kept (with a reason and a
new date) or erased — on both engines."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from hsdesk.db.models import AuditEntry, Consent, Person
from hsdesk.domain import clock
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.domain.retention import years_after
from hsdesk.services.dashboard import needs_attention
from hsdesk.services.people import retention
from hsdesk.services.platform import auth
from hsdesk.services.platform.integrity import check


def _left_volunteers(db) -> set[str]:
    with db.read() as session:
        ids = session.scalars(select(Person.id).where(Person.volunteer_status == "left"))
        return {f"person:{i}" for i in ids}


def _later(years: int) -> date:
    day = years_after(clock.today(), years)
    clock.freeze(datetime.combine(day, datetime.min.time()).replace(hour=10))
    return day


def test_the_schedule_starts_at_its_defaults_and_only_an_administrator_changes_it(demo_db):
    sdm = auth.sign_in(demo_db, "sdm", "demo")  # an administrator in the demo
    vdo = auth.sign_in(demo_db, "vdo", "demo")
    assert retention.read_schedule(demo_db) == {
        "volunteers": 6,
        "staff": 6,
        "trustees": 6,
        "families": 6,
        "consents": 2,
    }
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        retention.save_schedule(demo_db, vdo, {"volunteers": 1})
    with pytest.raises(ValidationError, match="Volunteers: choose from 1 to 50 years"):
        retention.save_schedule(demo_db, sdm, {"volunteers": 0})
    retention.save_schedule(demo_db, sdm, {"volunteers": 3, "staff": 6})
    assert retention.read_schedule(demo_db)["volunteers"] == 3
    with demo_db.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last.summary == "Changed how long records are kept: volunteers 6 → 3 years"


def test_who_is_past_retention_is_on_an_administrators_dashboard(demo_db):
    sdm = auth.sign_in(demo_db, "sdm", "demo")
    vdo = auth.sign_in(demo_db, "vdo", "demo")
    [kate] = retention.review_list(demo_db, sdm)  # the demo's volunteer who left long ago
    assert kate.title == "Kate Radcliffe, volunteer" and kate.rule == "volunteers"
    assert kate.due_on == years_after(kate.ended, 6) <= clock.today()
    retention.save_schedule(demo_db, sdm, {"volunteers": 1})
    _later(2)
    due = retention.review_list(demo_db, sdm)
    people = {d.record for d in due if d.kind == "person"}
    assert people == _left_volunteers(demo_db)
    assert all(
        d.due_on <= clock.today() and d.rule == "volunteers" for d in due if d.kind == "person"
    )
    [item] = [i for i in needs_attention(demo_db, actor=sdm) if "retention" in i.title]
    assert item.title.startswith("3 people") and item.title.endswith("past their retention date")
    assert "Sandra Platt, volunteer" in item.detail and item.page == "Retention"
    assert not [i for i in needs_attention(demo_db, actor=vdo) if "retention" in i.title]
    with pytest.raises(PermissionDenied):
        retention.review_list(demo_db, vdo)


def test_kept_with_a_reason_until_a_new_date_then_due_again(demo_db):
    sdm = auth.sign_in(demo_db, "sdm", "demo")
    retention.save_schedule(demo_db, sdm, {"volunteers": 1})
    today = _later(2)
    [sandra] = [d for d in retention.review_list(demo_db, sdm) if "Sandra Platt" in d.title]
    with pytest.raises(ValidationError, match="Say why it is being kept"):
        retention.keep(demo_db, sdm, sandra.record, today + timedelta(days=90), "  ")
    with pytest.raises(ValidationError, match="after today"):
        retention.keep(demo_db, sdm, sandra.record, today, "a complaint is open")
    with pytest.raises(ValidationError, match="at most 10 years"):
        retention.keep(demo_db, sdm, sandra.record, years_after(today, 11), "forever")
    retention.keep(demo_db, sdm, sandra.record, today + timedelta(days=90), "A complaint is open")
    assert sandra.record not in {d.record for d in retention.review_list(demo_db, sdm)}
    with demo_db.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last.action == "keep" and "A complaint is open" in last.data
    _later(3)  # the date kept until has passed: it is due again, with the decision shown
    [again] = [d for d in retention.review_list(demo_db, sdm) if d.record == sandra.record]
    assert again.kept_reason == "A complaint is open"


def test_erased_from_the_review_list_and_check_still_says_ok(demo_db):
    sdm = auth.sign_in(demo_db, "sdm", "demo")
    retention.save_schedule(demo_db, sdm, {"volunteers": 1, "consents": 1})
    _later(5)
    due = retention.review_list(demo_db, sdm)
    consent = next(d for d in due if d.kind == "consent")
    person = next(d for d in due if d.kind == "person")
    said = retention.erase(demo_db, sdm, consent.record, "Past its retention date")
    assert said.startswith(f"Deleted photo consent {consent.number} for ")
    said = retention.erase(demo_db, sdm, person.record, "Past its retention date")
    assert said.startswith(f"Erased person {person.number}'s details")
    after = {d.record for d in retention.review_list(demo_db, sdm)}
    assert consent.record not in after and person.record not in after
    with demo_db.read() as session:
        assert session.get(Consent, consent.number) is None
    assert check(demo_db, anchored=False, full=True) == []


def test_a_childs_records_are_kept_at_least_until_they_are_21(demo_db):
    sdm = auth.sign_in(demo_db, "sdm", "demo")
    retention.save_schedule(demo_db, sdm, {"families": 1})
    _later(3)
    with demo_db.read() as session:
        ended = [
            (p.id, p.kind.value, p.date_of_birth)
            for p in session.scalars(select(Person))
            if p.family is not None and p.family.support_end is not None
        ]
    due = {d.record: d for d in retention.review_list(demo_db, sdm)}
    parents = [i for i, kind, _born in ended if kind == "family_member"]
    children = [(i, born) for i, kind, born in ended if kind == "child"]
    assert parents and children
    assert all(f"person:{i}" in due for i in parents)
    assert all(f"person:{i}" not in due for i, _born in children)  # all under 21
    _later(25)
    due = {d.record: d for d in retention.review_list(demo_db, sdm)}
    for number, born in children:
        assert due[f"person:{number}"].due_on == years_after(born, 21)
