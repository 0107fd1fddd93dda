"""Demo channels and ~40 content items over two years, in every state: drafts, awaiting approval,
changes requested, rejected, approved, published on one or more channels, taken down (consent
withdrawn, complaint, out of date, error, correction) and one takedown still open."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.models import Channel, Consent, ConsentWithdrawal, ContentItem, Person, Photo
from hsdesk.demo.content_texts import CHANGES, CHANNELS, POSTS, REJECTIONS
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.consent import ConsentScope
from hsdesk.domain.content import CHECKLIST, Decision, TakedownReason
from hsdesk.domain.content_records import ChannelInput, ContentInput, SettingsInput
from hsdesk.domain.enums import Office, PersonKind
from hsdesk.services.content.approval import record_decision
from hsdesk.services.content.channels import insert_channel, insert_settings
from hsdesk.services.content.drafts import insert_item, submit_item, update_item
from hsdesk.services.content.items import current_approval
from hsdesk.services.content.takedowns import (
    consent_takedowns,
    finish_takedown,
    insert_takedown,
    sweep_session,
)
from hsdesk.services.content.upload import record_upload
from hsdesk.services.people.roles import full_name
from hsdesk.services.photos.clearance import photo_records, photos_query
from hsdesk.services.platform.auth import Signer


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 15))


@dataclass
class Cast:
    sdm: Signer
    vdo: Signer
    writers: list[Actor]
    sdm_actor: Actor
    vdo_actor: Actor


def _actor(person: Person, username: str) -> Actor:
    return Actor(username, person.id, full_name(person), person_kind=person.kind)


def cast_of(session: Session, today: date) -> Cast:
    people = {full_name(p): p for p in session.execute(select(Person)).scalars()}
    helen, daniel = people["Helen Whitworth"], people["Daniel Okafor"]
    staff = [people["Shazia Begum"], people["Claire Holden"], people["Mark Fenton"]]
    return Cast(
        sdm=Signer("sdm", helen.id, full_name(helen), Office.SDM, today, False),
        vdo=Signer("vdo", daniel.id, full_name(daniel), Office.VDO, today, False),
        writers=[_actor(p, p.first_name.lower()) for p in staff] + [_actor(daniel, "vdo")],
        sdm_actor=_actor(helen, "sdm"),
        vdo_actor=_actor(daniel, "vdo"),
    )


class _Photos:
    """Picks photos that are cleared for the channels on the days that matter."""

    def __init__(self, session: Session, rng: random.Random) -> None:
        self.session = session
        self.rng = rng
        self.photos = list(session.execute(photos_query().order_by(Photo.id)).scalars())
        self._cleared: dict[tuple[date, ConsentScope], set[int]] = {}

    def cleared(self, day: date, scope: ConsentScope) -> set[int]:
        key = (day, scope)
        if key not in self._cleared:
            records = photo_records(self.session, self.photos, day)
            self._cleared[key] = {r.id for r in records if r.clearance(scope).status.usable}
        return self._cleared[key]

    def pick(
        self,
        days: list[date],
        scopes: set[ConsentScope],
        count: int,
        showing: int | None = None,
    ) -> tuple[int, ...]:
        taken_by = min(days)
        ok = {p.id for p in self.photos if p.taken_on and p.taken_on <= taken_by}
        for day in days:
            for scope in scopes:
                ok &= self.cleared(day, scope)
        if showing is not None:
            ok &= {p.id for p in self.photos if any(s.person_id == showing for s in p.subjects)}
        return tuple(self.rng.sample(sorted(ok), min(count, len(ok))))


ALL_YES = {item.key: True for item in CHECKLIST}


class _Demo:
    """Writes, approves and publishes demo items at chosen days in the past."""

    def __init__(self, session: Session, demo: Actor, today: date) -> None:
        self.session = session
        self.today = today
        self.rng = random.Random(1200)
        self.channels = _channels(session, demo, today)
        self.cast = cast_of(session, today)
        self.photos = _Photos(session, self.rng)
        self.posts = iter(POSTS * 3)

    def days(self, n: int) -> date:
        return self.today - timedelta(days=n)

    def write(
        self,
        writer: Actor,
        written: int,
        chans: list[Channel],
        n_photos: int = 1,
        clear_until: int = 0,
        showing: int | None = None,
        planned: int | None = None,
    ) -> ContentItem:
        """An item written ``written`` days ago, with photos cleared from then until
        ``clear_until`` days ago (today by default)."""
        title, body = next(self.posts)
        scopes = {c.scope for c in chans}
        when = [self.days(written), self.days(clear_until)]
        picked = self.photos.pick(when, scopes, n_photos, showing) if n_photos else ()
        data = ContentInput(
            title,
            body,
            tuple(c.id for c in chans),
            picked,
            self.days(planned) if planned is not None else None,
        )
        return insert_item(self.session, writer, data, _at(self.days(written), 10))

    def writer_of(self, item: ContentItem) -> Actor:
        found = [w for w in self.cast.writers if w.person_id == item.author_id]
        return found[0] if found else self.cast.sdm_actor

    def submit(self, item: ContentItem, at: datetime) -> None:
        submit_item(self.session, self.writer_of(item), item, at)

    def decide(self, item: ContentItem, day: int, decision: Decision, reason: str = "") -> None:
        self.submit(item, _at(self.days(day), 11))
        answers = ALL_YES if decision is Decision.APPROVE else {}
        record_decision(
            self.session,
            self.cast.sdm_actor,
            item,
            self.cast.sdm,
            decision,
            answers,
            reason,
            True,
            _at(self.days(day), 15),
        )

    def publish(self, item: ContentItem, day: int) -> None:
        approval = current_approval(item)
        assert approval is not None
        for n, link in enumerate(sorted(item.channels, key=lambda c: c.channel_id)):
            posted = _at(self.days(day), 16) + timedelta(minutes=7 * n)
            url = f"{link.channel.url}/posts/{item.id}{n}"
            record_upload(
                self.session,
                self.cast.vdo_actor,
                item,
                link.channel,
                self.cast.vdo,
                approval,
                url,
                posted,
                posted + timedelta(minutes=20),
            )

    def take_down(
        self,
        item: ContentItem,
        by: Actor,
        reason: TakedownReason,
        details: str,
        day: int,
        how: str,
    ) -> None:
        task = insert_takedown(self.session, by, item, reason, details, at=_at(self.days(day), 9))
        done = _at(self.days(day), 12)
        finish_takedown(
            self.session, self.cast.vdo_actor, item, task, done.date(), how, self.today, done
        )


def load_demo_content(session: Session, demo_actor: Actor, today: date) -> None:
    demo = _Demo(session, demo_actor, today)
    ch = demo.channels
    web, fb, insta, x, linkedin = (
        ch[n] for n in ("Website", "Facebook page", "Instagram", "X", "LinkedIn")
    )
    writers = demo.cast.writers
    # Published over two years, on one or more channels.
    for n in range(16):
        written = 700 - n * 40
        chans = [[web, fb], [fb], [fb, insta], [web], [fb, x], [linkedin]][n % 6]
        item = demo.write(writers[n % 4], written, chans, 1 + n % 3)
        demo.decide(item, written - 2, Decision.APPROVE)
        demo.publish(item, written - 3)
    # Taken down by hand: out of date, posted in error, after a complaint.
    for n, (reason, details, how) in enumerate(MANUAL_TAKEDOWNS):
        written = 500 - n * 90
        item = demo.write(writers[n], written, [fb, insta] if n == 2 else [fb], 1)
        demo.decide(item, written - 1, Decision.APPROVE)
        demo.publish(item, written - 2)
        demo.take_down(item, writers[(n + 1) % 4], reason, details, written - 20, how)
    # A correction: the post had the wrong date; the corrected copy is awaiting approval.
    item = demo.write(writers[1], 40, [web, fb], 0)
    demo.decide(item, 39, Decision.APPROVE)
    demo.publish(item, 38)
    fixed = insert_item(
        session,
        writers[1],
        ContentInput(
            item.title,
            item.body.replace("in May", "on Sunday 18 May"),
            (web.id, fb.id),
        ),
        _at(demo.days(10), 9),
        copied_from=item,
    )
    demo.take_down(
        item,
        writers[1],
        TakedownReason.CORRECTION,
        f"Replaced by a correction (item {fixed.id}): the walk is on the 18th, not the 8th.",
        10,
        "Both posts deleted",
    )
    demo.submit(fixed, _at(demo.days(9), 10))
    _withdrawn_consent_items(demo, [fb, insta])
    # Approved, not uploaded yet; one of them now blocked because a child's consent ended.
    for n in range(2):
        item = demo.write(writers[n + 2], 4 + n, [web] if n else [fb, insta], 1, planned=-3)
        demo.decide(item, 2 + n, Decision.APPROVE)
    _blocked_since_approval(demo, [fb])
    # Awaiting approval: one written by the SDM herself (someone else must approve it).
    stamp = clock.now()
    for n, hours in enumerate([2, 30, 120]):
        item = demo.write(writers[n], 8, [fb, x] if n else [web], 1, planned=-7)
        demo.submit(item, stamp - timedelta(hours=hours))
    own = demo.write(demo.cast.sdm_actor, 3, [web, fb], 0)
    demo.submit(own, _at(demo.days(1), 9))
    # Changes requested and rejected, with the SDM's reasons.
    for n, why in enumerate(CHANGES):
        item = demo.write(writers[n % 4], 30 + n * 9, [fb], 1)
        demo.decide(item, 28 + n * 9, Decision.CHANGES, why)
    for n, why in enumerate(REJECTIONS):
        item = demo.write(writers[3 - n], 200 + n * 60, [x], 0)
        demo.decide(item, 198 + n * 60, Decision.REJECT, why)
    # Drafts, one of them approved and then edited (so the approval was voided).
    for n in range(4):
        demo.write(writers[n], 1 + n * 3, [fb] if n % 2 else [web, fb], n % 2, planned=-10 - n)
    item = demo.write(writers[0], 12, [fb], 1)
    demo.decide(item, 11, Decision.APPROVE)
    changed = ContentInput(
        item.title,
        item.body + " Booking is essential.",
        tuple(c.channel_id for c in item.channels),
        tuple(p.photo_id for p in item.photos),
        item.planned_on,
    )
    update_item(session, writers[0], item, changed, _at(demo.days(9), 10))
    sweep_session(session, demo_actor, today)


MANUAL_TAKEDOWNS: list[tuple[TakedownReason, str, str]] = [
    (
        TakedownReason.OUT_OF_DATE,
        "The course dates changed; the post gives the old ones.",
        "Post deleted on Facebook",
    ),
    (
        TakedownReason.ERROR,
        "Posted to the wrong page: it was meant for the newsletter only.",
        "Post deleted; the right version went in the newsletter",
    ),
    (
        TakedownReason.COMPLAINT,
        "A parent complained by private message that her child could be recognised from the "
        "caption. Replied privately the same morning.",
        "Photo and post removed from Facebook and Instagram",
    ),
]


def _withdrawn_consent_items(demo: _Demo, chans: list[Channel]) -> None:
    """Items online with a photo of someone who later withdrew consent: the first taken down
    the next day, the second's takedown still open (and overdue)."""
    session = demo.session
    withdrawals = session.execute(
        select(Consent.subject_id, Consent.given_on, ConsentWithdrawal.withdrawn_on)
        .join(ConsentWithdrawal, ConsentWithdrawal.consent_id == Consent.id)
        .order_by(ConsentWithdrawal.withdrawn_on)
    ).all()
    for n, (person_id, given_on, withdrawn_on) in enumerate(withdrawals[:2]):
        ago = (demo.today - withdrawn_on).days
        written = min(ago + 30, (demo.today - given_on).days - 1)
        item = demo.write(demo.cast.writers[n], written, chans, 1, ago + 1, person_id)
        if not item.photos:
            continue
        demo.decide(item, written - 1, Decision.APPROVE)
        demo.publish(item, written - 2)
        raised = consent_takedowns(
            session, demo.cast.vdo_actor, [person_id], withdrawn_on, _at(withdrawn_on, 14)
        )
        if n == 0:
            done = _at(withdrawn_on + timedelta(days=1), 10)
            for task in raised:
                finish_takedown(
                    session,
                    demo.cast.vdo_actor,
                    task.item,
                    task,
                    done.date(),
                    "Post deleted on Facebook and Instagram",
                    demo.today,
                    done,
                )


def _blocked_since_approval(demo: _Demo, chans: list[Channel]) -> None:
    """An approved item whose photo lost clearance after approval (a child's consent ended)."""
    ended = demo.session.execute(
        select(Consent.subject_id, Consent.expires_on)
        .join(Person, Person.id == Consent.subject_id)
        .where(
            Person.kind == PersonKind.CHILD,
            Consent.expires_on < demo.today,
            Consent.expires_on > demo.days(200),
        )
        .order_by(Consent.expires_on.desc())
    ).all()
    for person_id, expires in ended:
        ago = (demo.today - expires).days
        item = demo.write(demo.cast.writers[2], ago + 6, chans, 1, ago + 1, person_id)
        if item.photos:
            demo.decide(item, ago + 5, Decision.APPROVE)
            return


def _channels(session: Session, demo: Actor, today: date) -> dict[str, Channel]:
    found = {}
    for name, platform, url, active, history in CHANNELS:
        channel = insert_channel(
            session, demo, ChannelInput(name, platform, platform.default_scope, url, active)
        )
        for text, ago, minute in history:
            agreed = today - timedelta(days=ago)
            insert_settings(
                session, demo, channel, SettingsInput(text, agreed, minute), today, _at(agreed, 20)
            )
        found[name] = channel
    return found
