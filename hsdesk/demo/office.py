"""The demo data set: office holders with accounts (password "demo"), trustees, staff,
volunteers in every state, families with children. Later features add their records here."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from hsdesk.db.base import Base
from hsdesk.db.engine import Database
from hsdesk.db.models import Family, Person, Setting, UserAccount
from hsdesk.db.snapshot import backup_database
from hsdesk.demo.content import load_demo_content
from hsdesk.demo.inductions import load_demo_inductions
from hsdesk.demo.photos import load_demo_photos
from hsdesk.demo.policy import load_demo_policy
from hsdesk.demo.registers import load_demo_registers
from hsdesk.demo.reviews import load_demo_reviews
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.backups import BackupKind
from hsdesk.domain.enums import Office, PersonKind, VolunteerStatus
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.records import PersonInput
from hsdesk.services.people.offices import HoldingInput, insert_holding
from hsdesk.services.people.persons import insert_person
from hsdesk.services.platform import anchors, audit
from hsdesk.services.platform.auth import DEMO_FLAG, hash_password
from hsdesk.services.reviews.template import seed_defaults

DEMO_PASSWORD = "demo"
# Its username is in the audit trail; where a record says who logged it, "the demo data set".
DEMO_ACTOR = Actor("demo-data", None, "the demo data set", is_admin=True)

# (first, last, kind, office, username, admin)
OFFICE_HOLDERS = [
    ("Margaret", "Ashworth", PersonKind.TRUSTEE, Office.CHAIR, "chair", False),
    ("Rizwan", "Akhtar", PersonKind.TRUSTEE, Office.VICE_CHAIR, "vicechair", False),
    ("Helen", "Whitworth", PersonKind.STAFF, Office.SDM, "sdm", True),
    ("Daniel", "Okafor", PersonKind.STAFF, Office.VDO, "vdo", False),
]
LONG_GONE = ("Kate", "Radcliffe")  # the volunteer past the retention schedule
TRUSTEES = [("Geoffrey", "Lees"), ("Priya", "Shah"), ("Aoife", "Gallagher"), ("Tom", "Brierley")]
STAFF = [("Shazia", "Begum"), ("Claire", "Holden"), ("Mark", "Fenton")]
VOLUNTEER_NAMES = [
    ("Zoë", "Ní Bhriain"),
    ("Janet", "Wood"),
    ("Bronwen", "Pritchard"),
    ("Amina", "Hussain"),
    ("Lucy", "Barlow"),
    ("Kerry", "Ogden"),
    ("Samira", "Malik"),
    ("Joanne", "Schofield"),
    ("Patricia", "Kenyon"),
    ("Beata", "Kowalska"),
    ("Gemma", "Hurst"),
    ("Niamh", "O'Connell"),
    ("Rachel", "Dyson"),
    ("Farah", "Iqbal"),
    ("Sue", "Greenhalgh"),
    ("Chloe", "Whittaker"),
    ("Ruth", "Lomax"),
    ("Ayesha", "Rahman"),
    ("Dawn", "Taylor"),
    ("Agnieszka", "Nowak"),
    ("Hannah", "Crossley"),
    ("Linda", "Howarth"),
    ("Émilie", "Durand"),
    ("Sandra", "Platt"),
    ("Kate", "Radcliffe"),
]
# Volunteers who started recently (days ago): three still within the time to be inducted, two
# overdue.
NEW_STARTERS = {"Ruth": 4, "Ayesha": 9, "Chloe": 12, "Sue": 25, "Farah": 38}
PARENTS = [
    ("Leanne", "Booth"),
    ("Kirsty", "Mellor"),
    ("Nadia", "Ali"),
    ("Stacey", "Heap"),
    ("Olena", "Kovalenko"),
    ("Jade", "Kershaw"),
    ("Fatima", "Khan"),
    ("Sinéad", "Murphy"),
    ("Becky", "Travis"),
    ("Grace", "Adeyemi"),
    ("Laura", "Stott"),
    ("Hayley", "Dean"),
]
CHILD_NAMES = [
    "Alfie",
    "Isla",
    "Musa",
    "Poppy",
    "Oscar",
    "Maryam",
    "Teddy",
    "Ivy",
    "Yusuf",
    "Freya",
    "Leo",
    "Ava",
    "Archie",
    "Zara",
    "Noah",
    "Mia",
    "Harry",
    "Esme",
]


def _person(session: Session, first: str, last: str, kind: PersonKind, **extra: object) -> Person:
    return insert_person(session, DEMO_ACTOR, PersonInput(first, last, kind, **extra))  # type: ignore[arg-type]


def _account(session: Session, person: Person, username: str, admin: bool, stamp: datetime) -> None:
    # Demo accounts share the short password "demo", which the normal password rule would refuse.
    account = UserAccount(
        person_id=person.id,
        username=username,
        password_hash=_demo_hash(),
        is_admin=admin,
        active=True,
        created_at=stamp,
    )
    session.add(account)
    session.flush()
    audit.record(
        session,
        DEMO_ACTOR,
        "add",
        "user_account",
        account.id,
        f"Created demo sign-in account '{username}' for {person.first_name} {person.last_name}",
    )


_HASH: list[str] = []


def _demo_hash() -> str:
    if not _HASH:
        _HASH.append(hash_password(DEMO_PASSWORD))
    return _HASH[0]


def is_empty(db: Database) -> bool:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(Person)).scalar_one() == 0


def load_demo(db: Database, force: bool = False, today: date | None = None) -> Path | None:
    """Fill the database with the demo set in one transaction; refuse a non-empty one unless forced.

    With ``force`` everything in it is replaced, after a backup whose path is returned.
    """
    today = today or clock.today()
    rng = random.Random(2018)
    stamp = clock.now()
    if not force and not is_empty(db):
        raise ValidationError(
            "This database already holds records. Use an empty database for the demo data, "
            "or add --force to replace everything in it (a backup is taken first)."
        )
    backup = None
    if force and not is_empty(db):
        backup = backup_database(db, db.backups_dir, BackupKind.BEFORE_DEMO, stamp).path
        # A new trail replaces the old one (salted, so never the same twice): this PC forgets
        # the head it verified, and its next check verifies the new trail whole.
        anchors.remember(db.where, None)
    with db.write() as session:
        if force:
            for table in reversed(Base.metadata.sorted_tables):
                session.execute(delete(table))
        session.add(Setting(key=DEMO_FLAG, value="yes"))
        seed_defaults(session, DEMO_ACTOR.username)
        holders: dict[Office, Person] = {}
        for first, last, kind, office, username, admin in OFFICE_HOLDERS:
            person = _person(
                session,
                first,
                last,
                kind,
                start_date=date(2015 + len(holders), 4, 1),
                email=f"{first.lower()}.{last.lower()}@example.org",
            )
            holders[office] = person
            insert_holding(
                session,
                DEMO_ACTOR,
                HoldingInput(office, person.id, date(2016 + len(holders), 4, 1)),
            )
            _account(session, person, username, admin, stamp)
        load_demo_policy(session, db, DEMO_ACTOR, holders[Office.CHAIR])
        trustees = [
            _person(session, f, last, PersonKind.TRUSTEE, start_date=date(2019, 9, 1))
            for f, last in TRUSTEES
        ]
        # The Vice Chair is on leave: Priya Shah covers, and has no sign-in account yet.
        insert_holding(
            session,
            DEMO_ACTOR,
            HoldingInput(
                Office.VICE_CHAIR,
                trustees[1].id,
                today - timedelta(days=20),
                today + timedelta(days=70),
                acting=True,
                acting_reason="Vice Chair on leave",
            ),
        )
        for f, last in STAFF:
            member = _person(
                session,
                f,
                last,
                PersonKind.STAFF,
                start_date=date(2020, 1, 6),
                email=f"{f.lower()}.{last.lower()}@example.org",
            )
            if f == "Shazia":  # a member of staff who writes content and signs nothing
                _account(session, member, "shazia", False, stamp)
        statuses = (
            [VolunteerStatus.ACTIVE] * 18
            + [VolunteerStatus.RESTING] * 4
            + [VolunteerStatus.LEFT] * 3
        )
        for (f, last), status in zip(VOLUNTEER_NAMES, statuses, strict=True):
            start = today - timedelta(days=rng.randint(10, 2500))
            if f in NEW_STARTERS:  # recent starters, for the inductions still to do
                start = today - timedelta(days=NEW_STARTERS[f])
            end = (
                today - timedelta(days=rng.randint(5, 200))
                if status is VolunteerStatus.LEFT
                else None
            )
            if (f, last) == LONG_GONE:  # left over six years ago: past her retention date
                start, end = today - timedelta(days=4200), today - timedelta(days=2800)
            _person(
                session,
                f,
                last,
                PersonKind.VOLUNTEER,
                volunteer_status=status,
                start_date=start,
                end_date=end,
            )
        children = iter(CHILD_NAMES)
        for n, (f, last) in enumerate(PARENTS, start=1):
            start = today - timedelta(days=rng.randint(30, 900))
            ended = n % 4 == 0
            family = Family(
                reference=f"FAM-{n:04d}",
                support_start=start,
                support_end=start + timedelta(days=300) if ended else None,
                notes="",
            )
            session.add(family)
            session.flush()
            audit.record(
                session, DEMO_ACTOR, "add", "family", family.id, f"Added family {family.reference}"
            )
            parent = _person(session, f, last, PersonKind.FAMILY_MEMBER, family_id=family.id)
            for _ in range(1 + n % 2):
                child = next(children, None)
                if child is None:
                    break
                born = today - timedelta(days=rng.randint(200, 3000))
                _person(
                    session,
                    child,
                    last,
                    PersonKind.CHILD,
                    family_id=family.id,
                    guardian_id=parent.id,
                    date_of_birth=born,
                )
        session.flush()
        load_demo_photos(session, db, DEMO_ACTOR, today)
        load_demo_content(session, DEMO_ACTOR, today)
        load_demo_inductions(session, db, DEMO_ACTOR, today)
        load_demo_registers(session, DEMO_ACTOR, today, datetime.combine(today, stamp.time()))
        load_demo_reviews(session, db, DEMO_ACTOR, today)
    return backup
