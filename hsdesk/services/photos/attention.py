"""What the photo library puts on the Dashboard: photos that lost clearance, consents running out,
people not yet identified."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from hsdesk.db.models import Consent, ConsentWithdrawal, Person, Photo
from hsdesk.domain.attention import LISTED, Area, listed
from hsdesk.domain.consent import (
    EXPIRING_DAYS,
    ConsentFact,
    ConsentStatus,
)
from hsdesk.domain.dates import format_date
from hsdesk.domain.records import AttentionItem
from hsdesk.services.people.roles import full_name
from hsdesk.services.photos.clearance import (
    consent_facts,
    in_force_on,
    photo_records,
    photos_query,
)
from hsdesk.services.photos.withdrawals import lost_photo_ids


def ended_recently(session: Session, day: date, days: int) -> list[ConsentFact]:
    """Consents withdrawn or expired within the last ``days`` days (not superseded), found by
    the database."""
    since = day - timedelta(days=days)
    withdrawn = ConsentWithdrawal.withdrawn_on
    ended = or_(
        withdrawn.between(since, day),
        and_(withdrawn.is_(None), Consent.expires_on > since, Consent.expires_on <= day),
    )
    facts = consent_facts(session, where=ended)
    return [fact for found in facts.values() for fact in found if not fact.superseded]


LOST_WINDOW_DAYS = 90  # how long a photo that lost clearance stays on the Dashboard


def ended_reason(name: str, fact: ConsentFact) -> str:
    if fact.withdrawn_on is not None:
        return f"{name} withdrew consent on {format_date(fact.withdrawn_on)}"
    return f"{name}'s consent expired on {format_date(fact.expires_on)}"


def lost_clearance_items(session: Session, day: date) -> list[AttentionItem]:
    ended: dict[int, list[ConsentFact]] = {}
    for fact in ended_recently(session, day, LOST_WINDOW_DAYS):
        ended.setdefault(fact.subject_id, []).append(fact)
    scopes = {k: frozenset().union(*(f.scopes for f in v)) for k, v in ended.items()}
    lost = lost_photo_ids(session, scopes, day)  # by the database, however many there are
    if not lost:
        return []
    named = photos_query().where(Photo.id.in_(lost[:LISTED])).order_by(Photo.id)
    lines = []
    for photo in photo_records(session, list(session.execute(named).scalars()), day):
        why = [
            ended_reason(ref.name, f)
            for ref in photo.pictured
            for f in ended.get(ref.person_id, [])
        ]
        lines.append(f"'{photo.title}' ({', '.join(why)})")
    count = len(lost)
    return [
        AttentionItem(
            "urgent",
            f"{count} photo{'s' if count != 1 else ''} lost clearance",
            "Consent was withdrawn or ended for someone pictured in: "
            f"{listed(lines, count)}. Take these photos down wherever they are used, and do "
            "not use them again until consent is renewed.",
            Area.PHOTOS,
        )
    ]


def expiring_items(session: Session, day: date) -> list[AttentionItem]:
    facts = consent_facts(session, where=in_force_on(day))
    soon: list[tuple[date, int]] = []
    for subject, records in facts.items():
        active = [f for f in records if f.status(day) is ConsentStatus.ACTIVE]
        if not active:
            continue
        ends = max(f.expires_on for f in active)  # a renewal that lasts longer settles it
        if ends - day <= timedelta(days=EXPIRING_DAYS):
            soon.append((ends, subject))
    if not soon:
        return []
    names = {
        p.id: full_name(p)
        for p in session.execute(
            select(Person).where(Person.id.in_([s for _, s in soon]))
        ).scalars()
    }
    lines = [f"{names[s]} on {format_date(ends)}" for ends, s in sorted(soon)]
    count = len(soon)
    return [
        AttentionItem(
            "warning",
            f"Photo consent ends within {EXPIRING_DAYS} days for {count} "
            f"{'person' if count == 1 else 'people'}",
            f"Consent ends for {listed(lines)}. Ask them (or their parent or guardian) to renew "
            "it, or stop using their photos after that day.",
            Area.PHOTOS,
        )
    ]


def unchecked_items(session: Session, day: date) -> list[AttentionItem]:
    """Photos nobody has checked yet: who is pictured is not recorded, so they are cleared for
    no use until someone tags the people, counts them, or confirms nobody can be identified."""
    rows = session.execute(
        select(Photo.caption, Photo.original_name)
        .where(Photo.checked_at.is_(None))
        .order_by(Photo.imported_at, Photo.id)
    ).all()
    if not rows:
        return []
    count = len(rows)
    lines = [f"'{caption or name}'" for caption, name in rows]
    return [
        AttentionItem(
            "warning",
            f"{count} photo{'s' if count != 1 else ''} waiting to be checked",
            f"{listed(lines)}. Nobody has recorded who is pictured, so "
            f"{'it is' if count == 1 else 'they are'} cleared for no use. In the Photos tab "
            "(status “Not yet checked”), tag the people pictured, count those you cannot name, "
            "or confirm that nobody can be identified.",
            Area.PHOTOS,
        )
    ]


def unidentified_items(session: Session, day: date) -> list[AttentionItem]:
    rows = session.execute(
        select(Photo.caption, Photo.original_name, Photo.unidentified)
        .where(Photo.unidentified > 0)
        .order_by(Photo.id)
    ).all()
    if not rows:
        return []
    lines = [f"'{caption or name}' ({n} unidentified)" for caption, name, n in rows]
    return [
        AttentionItem(
            "warning",
            f"{len(rows)} photo{'s' if len(rows) != 1 else ''} with unidentified people",
            f"{listed(lines)}. These cannot be used until everyone pictured is identified and "
            "has consented, or the photo is cropped or replaced.",
            Area.PHOTOS,
        )
    ]
