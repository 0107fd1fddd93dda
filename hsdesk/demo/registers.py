"""The demo's registers: ten complaints over the year (most answered privately within hours, one
late, one still waiting and overdue, and the one behind the demo's takedown after a complaint),
three breaches in different states, and eight declared connections (two due to be confirmed
again)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.models import Channel, Complaint, DeclaredConnection, Person, Takedown
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import TakedownReason
from hsdesk.domain.duties import D
from hsdesk.domain.enums import PersonKind, VolunteerStatus
from hsdesk.domain.register_records import BreachInput, ComplaintInput, ConnectionInput
from hsdesk.domain.registers import BreachAction, BreachStatus, ReplyMethod
from hsdesk.services.policy.duties import citations
from hsdesk.services.registers.breaches import write_breach
from hsdesk.services.registers.complaints import write_complaint
from hsdesk.services.registers.connections import write_connection

# (days ago, hour seen, channel, where, summary, hours to reply or None, method, outcome or "")
Complaint_ = tuple[int, int, str, str, str, float | None, ReplyMethod | None, str]
COMPLAINTS: list[Complaint_] = [
    (
        330,
        9,
        "Facebook page",
        "comment on the coffee morning post",
        "A parent said the coffee morning venue was not accessible for her pushchair.",
        2.5,
        ReplyMethod.MESSAGE,
        "Venue changed to the ground-floor room; she thanked us.",
    ),
    (
        290,
        14,
        "Instagram",
        "comment under the fun run photos",
        "Complaint that a runner's surname was shown in a caption without asking.",
        1.2,
        ReplyMethod.MESSAGE,
        "Caption edited the same day; apology sent.",
    ),
    (
        240,
        11,
        "Website",
        "contact form",
        "A referrer said nobody had called back about a family she referred.",
        5,
        ReplyMethod.PHONE,
        "Call-back made; referral had gone to the wrong inbox. Inbox rules fixed.",
    ),
    (
        200,
        19,
        "Facebook page",
        "reply to the volunteer recruitment post",
        "A former volunteer complained about how her leaving was handled.",
        52,
        ReplyMethod.LETTER,
        "Handled under the complaints procedure; meeting offered and held.",
    ),
    (
        150,
        8,
        "X",
        "reply to the Tameside appeal post",
        "Someone objected to the wording 'struggling families' in a post.",
        3,
        ReplyMethod.MESSAGE,
        "Explained the appeal; wording guidance added to the content checklist notes.",
    ),
    (
        60,
        10,
        "Instagram",
        "direct message",
        "A family member said the group's start time on the post was wrong.",
        4,
        ReplyMethod.MESSAGE,
        "Post corrected; no further action.",
    ),
    (
        32,
        13,
        "Website",
        "contact form",
        "A neighbour of a supported family complained about volunteers parking on the street.",
        20,
        ReplyMethod.EMAIL,
        "",
    ),
    (
        12,
        9,
        "LinkedIn",
        "comment on the annual report post",
        "A local business said its donation was not mentioned in the annual report.",
        6,
        ReplyMethod.EMAIL,
        "Thanked publicly in the next post; the report's list corrected.",
    ),
]
# The one still waiting: seen this long ago (hours) on Facebook, no private reply yet.
WAITING = (
    30,
    "Facebook page",
    "comment on the Christmas party post",
    "A parent said her child's name can be read on a coat peg in a photo.",
)

# (days ago, person's name or VOLUNTEER for a volunteer who had started by then, the duties
# breached (recorded with their clause numbers in the adopted version), what
# happened, reported by, action, days to act or None, status, days to close or None)
VOLUNTEER = "a volunteer"
BREACHES = [
    (
        260,
        VOLUNTEER,
        (D.ONLINE_PRESENCE, D.VOLUNTEER_BREACHES),
        "Shared a supported family's first name and situation in a local Facebook group while "
        "asking for baby clothes for them.",
        "Family's health visitor",
        BreachAction.INFORMAL,
        3,
        BreachStatus.CLOSED,
        10,
    ),
    (
        70,
        "Mark Fenton",
        (D.CONFIDENTIALITY, D.STAFF_BREACHES),
        "A post on his personal account made a remark about a group of parents that the "
        "scheme's equal opportunities policy does not allow.",
        "Another member of staff",
        BreachAction.DISCIPLINARY,
        6,
        BreachStatus.ACTION,
        None,
    ),
    (
        9,
        VOLUNTEER,
        (D.ONLINE_PRESENCE, D.VOLUNTEER_BREACHES),
        "Reported to have discussed a family's circumstances in a WhatsApp group of school "
        "parents.",
        "Volunteer coordinator",
        None,
        None,
        BreachStatus.INVESTIGATING,
        None,
    ),
]

# (declarer, connected with, link, where, since year, declared days ago, confirmed days ago)
CONNECTIONS = [
    ("Shazia Begum", "Amina Hussain", "friends from school", "Facebook", 1998, 700, 330),
    ("Claire Holden", "Janet Wood", "neighbours for years", "Facebook", 2010, 800, 420),
    ("Mark Fenton", "Kirsty Mellor", "cousins", "Instagram", 1990, 500, 390),
    ("Geoffrey Lees", "Patricia Kenyon", "same church congregation", "WhatsApp", 2005, 900, 200),
    ("Janet Wood", "Leanne Booth", "sisters-in-law", "Facebook", 2012, 300, None),
    ("Amina Hussain", "Nadia Ali", "family friends", "WhatsApp", 2003, 250, None),
    ("Lucy Barlow", "Stacey Heap", "school friends", "Facebook", 2001, 150, None),
    (
        "Daniel Okafor",
        "Tom Brierley",
        "played in the same football team",
        "LinkedIn",
        2014,
        60,
        None,
    ),
]


def _at(today: date, days_ago: int, hour: int) -> datetime:
    return datetime.combine(today - timedelta(days=days_ago), time(hour, 0))


def load_demo_registers(session: Session, demo: Actor, today: date, now: datetime) -> None:
    people = {f"{p.first_name} {p.last_name}": p for p in session.execute(select(Person)).scalars()}
    channels = {c.name: c.id for c in session.execute(select(Channel)).scalars()}
    vdo, sdm = people["Daniel Okafor"], people["Helen Whitworth"]
    for n, (ago, hour, channel, where, summary, hours, method, outcome) in enumerate(COMPLAINTS):
        seen = _at(today, ago, hour)
        replied = seen + timedelta(hours=hours) if hours is not None else None
        write_complaint(
            session,
            demo,
            None,
            ComplaintInput(
                seen,
                channels[channel],
                where,
                summary,
                (vdo if n % 2 else sdm).id,
                replied,
                method,
                f"CP-{today.year - (1 if ago > 300 else 0)}-{n + 1:02d}",
                outcome,
                (replied.date() + timedelta(days=7)) if outcome and replied else None,
            ),
            now,
        )
    _complaint_behind_takedown(session, demo, now)
    hours, channel, where, summary = WAITING
    write_complaint(
        session,
        demo,
        None,
        ComplaintInput(now - timedelta(hours=hours), channels[channel], where, summary),
        now,
    )
    volunteers = sorted(
        (
            p
            for p in people.values()
            if p.kind is PersonKind.VOLUNTEER and p.volunteer_status is VolunteerStatus.ACTIVE
        ),
        key=lambda p: (p.start_date or today, p.id),
    )
    cite = citations(session)
    for ago, name, duties, what, reported, action, act, status, close in BREACHES:
        clauses = tuple(cite.numbers(*duties).split(", "))
        happened = today - timedelta(days=ago)
        person = people[name] if name != VOLUNTEER else volunteers.pop(0)
        write_breach(
            session,
            demo,
            None,
            BreachInput(
                happened,
                person.id,
                clauses,
                what,
                reported,
                action,
                happened + timedelta(days=act) if act is not None else None,
                "Followed up by the Scheme Development Manager." if action else "",
                status,
                happened + timedelta(days=close) if close is not None else None,
            ),
            today,
            now,
        )
    for who, other, link, place, since, declared, confirmed in CONNECTIONS:
        record = write_connection(
            session,
            demo,
            None,
            ConnectionInput(
                people[who].id,
                people[other].id,
                link,
                place,
                since,
                today - timedelta(days=declared),
            ),
            today,
            now,
        )
        if confirmed is not None:
            row = session.get_one(DeclaredConnection, record.id)
            row.reviewed_on = today - timedelta(days=confirmed)


def _complaint_behind_takedown(session: Session, demo: Actor, now: datetime) -> None:
    """The demo content's takedown after a complaint: the complaint that led to it, seen two hours
    before the takedown was asked for and answered privately the same morning."""
    takedown = session.execute(
        select(Takedown).where(Takedown.reason == TakedownReason.COMPLAINT)
    ).scalar()
    if takedown is None or not takedown.item.publications:
        return
    seen = takedown.raised_at - timedelta(hours=2)
    replied = seen + timedelta(minutes=90)
    done = takedown.done_on or replied.date()
    record = write_complaint(
        session,
        demo,
        None,
        ComplaintInput(
            seen,
            takedown.item.publications[0].channel_id,
            "private message about the post's photo",
            takedown.details.split(". ")[0].rstrip(".") + ".",
            session.execute(select(Person.id).where(Person.first_name == "Daniel")).scalar(),
            replied,
            ReplyMethod.MESSAGE,
            f"CP-{seen.year}-TD",
            "Photo and post taken down; apology sent and accepted.",
            max(done, replied.date()) + timedelta(days=2),
        ),
        now,
    )
    complaint = session.get_one(Complaint, record.id)
    complaint.item_id, complaint.takedown_id = takedown.item_id, takedown.id
