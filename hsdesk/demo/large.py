"""A ten-year office on demand: the demo set, then ten years of records written month by month
through the same functions the services write with (so every audit entry, record digest and
stored file is what hsdesk itself would have made), for benchmarks and for anyone evaluating
hsdesk at the size a busy office reaches.

At full size: 2,000 people, 20,000 photos (about 1 GB of JPEG files), 50,000 consents, 100,000
content items with their decisions and publications, 40 quarterly reviews, 500 complaints and
600,000 audit entries. ``OfficeSize.scaled`` makes a smaller office of the same shape."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import AuditEntry, Channel, Family, Person, PolicyVersion, QuarterlyReview
from hsdesk.demo.bulk_content import decision_for, item_text, write_settled_items
from hsdesk.demo.content import ALL_YES, cast_of
from hsdesk.demo.large_size import (
    EXPORTS,
    LARGE,
    MONTHS,
    PICTURE_POOL,
    Built,
    OfficeSize,
    at_moment,
    pictures,
    share_of,
    unique,
)
from hsdesk.demo.office import (
    CHILD_NAMES,
    DEMO_ACTOR,
    OFFICE_HOLDERS,
    PARENTS,
    STAFF,
    TRUSTEES,
    VOLUNTEER_NAMES,
    load_demo,
)
from hsdesk.demo.policy import demo_signature_png
from hsdesk.demo.reviews import answer
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.consent import SELF, ConsentMethod, ConsentScope
from hsdesk.domain.content import Decision
from hsdesk.domain.content_records import ContentInput
from hsdesk.domain.enums import Office, PersonKind, VolunteerStatus
from hsdesk.domain.induction import AckMethod
from hsdesk.domain.induction_records import AckInput
from hsdesk.domain.photo_records import ConsentInput
from hsdesk.domain.records import PersonInput
from hsdesk.domain.register_records import ComplaintInput
from hsdesk.domain.registers import ReplyMethod
from hsdesk.domain.review import ItemResult, Quarter, quarter_of
from hsdesk.services.content.approval import record_decision
from hsdesk.services.content.drafts import insert_item, submit_item
from hsdesk.services.content.items import current_approval
from hsdesk.services.content.upload import record_upload
from hsdesk.services.inductions.recording import insert_acknowledgement
from hsdesk.services.people.persons import insert_person
from hsdesk.services.people.roles import full_name
from hsdesk.services.photos.consents import insert_consent
from hsdesk.services.photos.files import check_photo
from hsdesk.services.photos.library import insert_tag, store_photo
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import Signer
from hsdesk.services.platform.signatures import keep_signature
from hsdesk.services.registers.complaints import write_complaint
from hsdesk.services.reviews import checks as review_checks
from hsdesk.services.reviews.checklist import insert_review
from hsdesk.services.reviews.signoff import record_signoff

FIRST_NAMES = sorted(
    {f for f, _ in VOLUNTEER_NAMES + PARENTS + STAFF + TRUSTEES} | set(CHILD_NAMES)
)
LAST_NAMES = sorted({last for _, last in VOLUNTEER_NAMES + PARENTS + STAFF + TRUSTEES})


class _Office:
    def __init__(self, db: Database, size: OfficeSize, today: date) -> None:
        self.db, self.size, self.today = db, size, today
        self.rng = random.Random(10)
        self.built = Built()
        self.pictures = pictures(size.photo_bytes)
        self.first = today - timedelta(days=3652)
        self.people: list[tuple[int, PersonKind, date]] = []  # id, kind, start
        self.guardians: dict[int, int] = {}
        taken = {(f, last) for f, last, *_rest in OFFICE_HOLDERS} | set(
            TRUSTEES + STAFF + VOLUNTEER_NAMES + PARENTS
        )  # the demo's own people keep names of their own (they are found by name)
        self.names = iter(
            (f, last)
            for n in range(100)
            for f in FIRST_NAMES
            for last in LAST_NAMES[n:] + LAST_NAMES[:n]
            if (f, last) not in taken
        )
        with db.read() as session:
            self.signature: str | None = None
            version_id, adopted = session.execute(
                select(PolicyVersion.id, PolicyVersion.adopted_on)
                .where(PolicyVersion.adopted_on.is_not(None))
                .order_by(PolicyVersion.number.desc())
                .limit(1)
            ).one()
            self.current_version: tuple[int, date] = (version_id, adopted or today)
            for person in session.execute(select(Person).order_by(Person.id)).scalars():
                known = max(d for d in (person.start_date, person.date_of_birth, self.first) if d)
                self.people.append((person.id, person.kind, known))
                if person.guardian_id:
                    self.guardians[person.id] = person.guardian_id
            self.channels = [
                c.id
                for c in session.execute(
                    select(Channel).where(Channel.active.is_(True)).order_by(Channel.id)
                ).scalars()
            ]

    def month_start(self, month: int) -> date:
        return self.first + timedelta(days=month * 3652 // MONTHS)

    def moment(self, month: int, rng: random.Random) -> datetime:
        start = self.month_start(month)
        span = max(1, (self.month_start(month + 1) - start).days)
        day = start + timedelta(days=rng.randrange(span))
        return datetime.combine(min(day, self.today), time(9 + rng.randrange(8), rng.randrange(60)))

    # --- each month --------------------------------------------------------------------------

    def people_of(self, session: Session, month: int) -> None:
        wanted = self.size.people * (month + 1) // MONTHS
        while self.built.people < wanted:  # (a family adds two)
            moment = self.moment(month, self.rng)
            with at_moment(moment):
                self._person(session, moment.date())

    def _person(self, session: Session, start: date) -> None:
        draw = self.rng.random()
        first, last = next(self.names)
        if draw < 0.45:
            left = self.rng.random() < 0.5 and start < self.today - timedelta(days=400)
            end = start + timedelta(days=self.rng.randint(200, 1500)) if left else None
            left = end is not None and end < self.today - timedelta(days=5)
            status = VolunteerStatus.LEFT if left else VolunteerStatus.ACTIVE
            data = PersonInput(
                first, last, PersonKind.VOLUNTEER, volunteer_status=status, start_date=start,
                end_date=end if left else None,
            )  # fmt: skip
        elif draw < 0.52:
            kind = PersonKind.STAFF if draw < 0.50 else PersonKind.TRUSTEE
            data = PersonInput(first, last, kind, start_date=start)
        else:
            family = Family(reference=f"FAM-L{len(self.people):05d}", support_start=start, notes="")
            session.add(family)
            session.flush()
            audit.record(
                session, DEMO_ACTOR, "add", "family", family.id, f"Added family {family.reference}"
            )
            parent = insert_person(
                session, DEMO_ACTOR, PersonInput(first, last, PersonKind.FAMILY_MEMBER, family_id=family.id)
            )  # fmt: skip
            self.people.append((parent.id, parent.kind, start))
            self.built.people += 1
            born = start - timedelta(days=self.rng.randint(100, 1500))
            start = max(start, born)
            data = PersonInput(
                next(self.names)[0], last, PersonKind.CHILD, family_id=family.id,
                guardian_id=parent.id, date_of_birth=born,
            )  # fmt: skip
        person = insert_person(session, DEMO_ACTOR, data)
        self.people.append((person.id, person.kind, start))
        if person.guardian_id:
            self.guardians[person.id] = person.guardian_id
        self.built.people += 1
        covered = data.kind in (PersonKind.VOLUNTEER, PersonKind.STAFF, PersonKind.TRUSTEE)
        if covered and data.volunteer_status is not VolunteerStatus.LEFT:  # (who left: unlisted)
            self._inducted(session, person.id, start)

    def _inducted(self, session: Session, person_id: int, start: date) -> None:
        version_id, adopted = self.current_version
        on = max(start, adopted) + timedelta(days=5)
        if on <= self.today - timedelta(days=14):
            insert_acknowledgement(
                session, self.db.files, DEMO_ACTOR,
                AckInput(person_id, version_id, on, AckMethod.IN_PERSON, given_by="Helen Whitworth"),
                self.today,
            )  # fmt: skip

    def photos_of(self, session: Session, month: int) -> None:
        present = [p for p in self.people if p[1] is not PersonKind.STAFF]
        for _ in range(share_of(self.size.photos, month)):
            self.built.photos += 1
            number = self.built.photos
            moment = self.moment(month, self.rng)
            data = unique(self.pictures[number % PICTURE_POOL], number)
            event = f"{moment:%B %Y} get-together"
            with at_moment(moment):
                photo, _new = store_photo(
                    session, self.db, DEMO_ACTOR, check_photo(data, f"IMG_{number:05d}.jpg"), event
                )
                photo.taken_on = moment.date()
                photo.caption = f"{event}, photo {number}"
                self.built.photo_bytes += len(data)
                for person_id, _kind, _start in self.rng.sample(
                    present, min(len(present), self.rng.randint(1, 3))
                ):
                    insert_tag(session, DEMO_ACTOR, photo, session.get_one(Person, person_id))

    def consents_of(self, session: Session, month: int) -> None:
        methods = [m for m in ConsentMethod if m is not ConsentMethod.SIGNED_FORM]
        begins = self.month_start(month)
        subjects = [p for p in self.people if p[1] is not PersonKind.STAFF and p[2] <= begins]
        for _ in range(share_of(self.size.consents, month) if subjects else 0):
            moment = self.moment(month, self.rng)
            subject, _kind, _known = self.rng.choice(subjects)
            giver = self.guardians.get(subject, subject)
            method = self.rng.choice(methods)
            data = ConsentInput(
                subject_id=subject,
                given_by_id=giver,
                relationship=SELF if giver == subject else "Parent",
                method=method,
                wording_version=2,
                scopes=frozenset(ConsentScope),
                given_on=moment.date(),
                witness="Daniel Okafor" if method is ConsentMethod.VERBAL else "",
            )
            with at_moment(moment):
                insert_consent(session, self.db, DEMO_ACTOR, data, moment.date())
            self.built.consents += 1

    def items_of(self, session: Session, month: int) -> None:
        cast = cast_of(session, self.today)
        channels = [session.get_one(Channel, c) for c in self.channels]
        count = share_of(self.size.items, month)
        if month < MONTHS - 1:  # settled: written in bulk, as the services would have
            moments = sorted(self.moment(month, self.rng) for _ in range(count))
            self.built.items += write_settled_items(
                session, cast, channels, moments, self.current_version[0],
                self.built.items + 1, self.rng,
            )  # fmt: skip
            return
        recent = True
        for n in range(count):
            moment = self.moment(month, self.rng)
            writer = cast.writers[n % len(cast.writers)]
            chosen = self.rng.sample(channels, self.rng.randint(1, 2))
            title, body = item_text(moment, self.built.items + 1)
            data = ContentInput(title, body, tuple(c.id for c in chosen))
            self.built.items += 1
            draw = self.rng.random()
            with at_moment(moment):
                item = insert_item(session, writer, data, moment)
            if recent and draw < 0.2:
                continue  # a draft still being written
            submitted = moment + timedelta(hours=1)
            with at_moment(submitted):
                submit_item(session, writer, item, submitted)
            if recent and draw < 0.3:
                continue  # awaiting approval
            decided = submitted + timedelta(hours=3)
            decision = decision_for(draw)
            with at_moment(decided):
                record_decision(
                    session, cast.sdm_actor, item, replace(cast.sdm, on=decided.date()), decision,
                    ALL_YES if decision is Decision.APPROVE else {},
                    "" if decision is Decision.APPROVE else "Please check the dates and names.",
                    True, decided,
                )  # fmt: skip
            if decision is not Decision.APPROVE or (recent and draw < 0.4):
                continue
            approval = current_approval(item)
            assert approval is not None
            for k, channel in enumerate(chosen):
                posted = decided + timedelta(hours=1, minutes=7 * k)
                with at_moment(posted):
                    record_upload(
                        session, cast.vdo_actor, item, channel, replace(cast.vdo, on=posted.date()),
                        approval, f"{channel.url or 'https://example.org'}/posts/{item.id}{k}",
                        posted, posted,
                    )  # fmt: skip

    def complaints_of(self, session: Session, month: int) -> None:
        for _ in range(share_of(self.size.complaints, month)):
            self.built.complaints += 1
            seen = self.moment(month, self.rng)
            replied = seen + timedelta(hours=self.rng.randint(1, 30))
            replied = min(replied, datetime.combine(self.today, time(8)))
            answered = replied > seen
            data = ComplaintInput(
                seen, self.rng.choice(self.channels), "comment under a post",
                "A comment asking why a photo of the group was shared.",
                self.people[0][0] if answered else None, replied if answered else None,
                ReplyMethod.MESSAGE if answered else None,
                f"CP-L{self.built.complaints:04d}",
                "Explained that everyone pictured had agreed; thanked them." if answered else "",
                replied.date() if answered else None,
            )  # fmt: skip
            with at_moment(max(seen, replied)):
                write_complaint(session, DEMO_ACTOR, None, data, max(seen, replied))

    def pad_audit(self, session: Session, month: int) -> None:
        """Entries that write no record (exports and printouts), up to the month's share of
        the trail."""
        wanted = self.size.audit_entries * (month + 1) // MONTHS
        have = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
        for n in range(max(0, wanted - have)):
            kind, summary = EXPORTS[n % len(EXPORTS)]
            with at_moment(self.moment(month, self.rng)):
                audit.record(session, DEMO_ACTOR, "export", kind, "", summary)

    # --- reviews: one a quarter, before the demo's own --------------------------------------

    def reviews(self, progress: Callable[[str], None]) -> None:
        with self.db.read() as session:
            have = session.execute(select(func.count()).select_from(QuarterlyReview)).scalar_one()
            earliest = session.execute(select(func.min(QuarterlyReview.quarter_start))).scalar()
        quarter = quarter_of(earliest or self.today)
        wanted = [quarter := quarter.previous for _ in range(max(0, self.size.reviews - have))]
        for quarter in reversed(wanted):
            with self.db.write() as session:
                self._review(session, quarter)
            self.built.reviews += 1
        progress(f"{self.built.reviews} earlier quarterly reviews signed")

    def _review(self, session: Session, quarter: Quarter) -> None:
        vice = session.execute(
            select(Person).where(Person.first_name == "Rizwan", Person.last_name == "Akhtar")
        ).scalar_one()
        name = full_name(vice)
        actor = Actor(
            "vicechair",
            vice.id,
            name,
            person_kind=vice.kind,
            offices=frozenset({Office.VICE_CHAIR}),
        )
        checked = quarter.end + timedelta(days=10)
        started = datetime.combine(checked - timedelta(days=1), time(10))
        with at_moment(started):
            if self.signature is None:
                self.signature = keep_signature(
                    session, self.db, DEMO_ACTOR, vice.id, demo_signature_png(loops=4.5, slant=26)
                ).sha256
            review = insert_review(session, actor, quarter, checked, started)
            review_checks.refresh(session, review, checked, started)
            for item in review.items:
                answer(item, ItemResult.PASS, "", name, started)
            session.flush()
        signed = datetime.combine(checked, time(16))
        assert self.signature is not None
        with at_moment(signed):
            record_signoff(
                session, actor, review,
                Signer("vicechair", vice.id, name, Office.VICE_CHAIR, checked, False),
                self.signature, signed,
            )  # fmt: skip


def load_large_office(
    db: Database,
    size: OfficeSize = LARGE,
    today: date | None = None,
    progress: Callable[[str], None] = lambda _text: None,
    force: bool = False,
) -> Built:
    """Fill an empty database (or, with ``force``, replace everything after a backup) with the
    demo set and ten years of records. Each month is one transaction: a failure part-way leaves
    the months written so far."""
    today = today or clock.today()
    backup = load_demo(db, force=force, today=today)
    progress("demo set loaded")
    office = _Office(db, size, today)
    office.built.backup = backup
    for month in range(MONTHS):
        with db.write() as session:
            office.people_of(session, month)
            office.photos_of(session, month)
            office.consents_of(session, month)
            office.items_of(session, month)
            office.complaints_of(session, month)
            office.pad_audit(session, month)
        if month % 12 == 11:
            progress(f"year {month // 12 + 1} of 10 written")
    office.reviews(progress)
    with db.read() as session:
        office.built.audit_entries = session.execute(
            select(func.count()).select_from(AuditEntry)
        ).scalar_one()
    return office.built
