"""A small office for induction tests: the demo policy (versions 1 and 2 adopted, 3 a draft)
and a handful of people in every situation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from conftest import person
from sqlalchemy import select

from hsdesk.db.engine import Database
from hsdesk.db.models import PolicyVersion
from hsdesk.demo.policy import load_demo_policy
from hsdesk.domain.actor import Actor
from hsdesk.domain.enums import PersonKind, VolunteerStatus
from hsdesk.services.people.persons import insert_person

TODAY = date(2026, 11, 25)


@dataclass
class InductionOffice:
    ids: dict[str, int]
    old: int  # version 1, superseded
    current: int  # version 2, adopted 11/04/2018
    draft: int  # version 3, a draft


def build_induction_office(db: Database, admin: Actor) -> InductionOffice:
    ids: dict[str, int] = {}
    with db.write() as session:
        chair = insert_person(
            session,
            admin,
            person("Margaret", "Ashworth", PersonKind.TRUSTEE, start_date=date(2015, 4, 1)),
        )
        load_demo_policy(session, db, admin, chair)
        ids["chair"] = chair.id
        people = {
            "new": person(
                "Nia",
                "New",
                start_date=TODAY - timedelta(days=5),
                volunteer_status=VolunteerStatus.ACTIVE,
            ),
            "late": person(
                "Lia",
                "Late",
                start_date=TODAY - timedelta(days=20),
                volunteer_status=VolunteerStatus.ACTIVE,
            ),
            "resting": person(
                "Rhys",
                "Resting",
                start_date=date(2020, 1, 1),
                volunteer_status=VolunteerStatus.RESTING,
            ),
            "left": person(
                "Lee",
                "Left",
                start_date=date(2020, 1, 1),
                end_date=TODAY - timedelta(days=3),
                volunteer_status=VolunteerStatus.LEFT,
            ),
            "staff": person("Sam", "Staff", PersonKind.STAFF, start_date=date(2021, 6, 1)),
            "parent": person("Pat", "Parent", PersonKind.FAMILY_MEMBER),
        }
        for key, data in people.items():
            ids[key] = insert_person(session, admin, data).id
        versions = {v.number: v.id for v in session.execute(select(PolicyVersion)).scalars()}
    return InductionOffice(ids, versions[1], versions[2], versions[3])
