"""Demo photos and consents: ~60 generated scenes (no real faces) across several events, with
adults and children pictured and consent records in every state."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import Consent, Person, Photo
from hsdesk.domain.actor import Actor
from hsdesk.domain.consent import SELF, ConsentMethod, ConsentScope
from hsdesk.domain.enums import PersonKind, VolunteerStatus
from hsdesk.domain.photo_records import ConsentInput
from hsdesk.services.photos.consents import insert_consent
from hsdesk.services.photos.files import check_photo
from hsdesk.services.photos.library import insert_tag, store_photo
from hsdesk.services.photos.withdrawals import insert_withdrawal

# (event, days before today it took place, number of photos, sky colour)
EVENTS = [
    ("Fun run 2024", 880, 6, (120, 170, 230)),
    ("Family day out at Dunham Massey", 470, 10, (140, 200, 235)),
    ("Christmas party 2025", 335, 12, (40, 50, 110)),
    ("Volunteer awards evening", 240, 8, (90, 60, 120)),
    ("Summer picnic in Stamford Park", 130, 14, (110, 185, 245)),
    ("Toddler group", 30, 10, (245, 215, 150)),
]
ALL = frozenset(ConsentScope)
WEB_AND_SOCIAL = frozenset({ConsentScope.WEBSITE, ConsentScope.SOCIAL_MEDIA})


@cache
def _scene(event: str, number: int, sky: tuple[int, int, int], taken: date, turned: bool) -> bytes:
    """A coloured scene with the event's name on it, as a JPEG with an EXIF date."""
    from PIL import Image, ImageDraw, ImageFont

    from hsdesk.resources import resource

    rng = random.Random(f"{event}-{number}")
    width, height = 800, 600
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 400, width, height), fill=(90 + rng.randint(0, 40), 160, 80))
    draw.ellipse((620, 40, 720, 140), fill=(255, 220, 90))
    for _ in range(rng.randint(3, 7)):  # figures as simple shapes, no faces
        x = rng.randint(40, width - 80)
        tall = rng.randint(90, 190)
        colour = tuple(rng.randint(40, 230) for _ in range(3))
        draw.rounded_rectangle((x, 470 - tall, x + 50, 470), radius=18, fill=colour)
        draw.ellipse((x + 5, 430 - tall, x + 45, 470 - tall), fill=(235, 200, 170))
    for _ in range(rng.randint(2, 5)):  # balloons or bunting
        x, y = rng.randint(30, width - 30), rng.randint(40, 300)
        draw.ellipse((x, y, x + 34, y + 44), fill=tuple(rng.randint(60, 255) for _ in range(3)))
    font = ImageFont.truetype(str(resource("fonts", "DejaVuSans-Bold.ttf")), 34)
    small = ImageFont.truetype(str(resource("fonts", "DejaVuSans.ttf")), 22)
    draw.rectangle((0, 520, width, height), fill=(255, 255, 255))
    draw.text((24, 530), event, fill=(30, 30, 30), font=font)
    draw.text((24, 570), f"Demo photo {number} · {taken:%d/%m/%Y}", fill=(80, 80, 80), font=small)
    exif = Image.Exif()
    exif[0x0132] = f"{taken:%Y:%m:%d} 11:{number % 60:02d}:00"
    exif.get_ifd(0x8769)[36867] = f"{taken:%Y:%m:%d} 11:{number % 60:02d}:00"
    if turned:  # stored on its side, as phones do; the EXIF orientation turns it upright
        image = image.transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = 6
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, exif=exif)
    return out.getvalue()


def _people(session: Session) -> dict[PersonKind, list[Person]]:
    found: dict[PersonKind, list[Person]] = {}
    for person in session.execute(select(Person).order_by(Person.id)).scalars():
        if person.volunteer_status in (VolunteerStatus.LEFT,):
            continue
        found.setdefault(person.kind, []).append(person)
    return found


def load_demo_photos(session: Session, db: Database, actor: Actor, today: date) -> None:
    rng = random.Random(1404)
    people = _people(session)
    adults = people[PersonKind.VOLUNTEER][:14] + people[PersonKind.STAFF][:4]
    parents = people[PersonKind.FAMILY_MEMBER]
    children = people[PersonKind.CHILD]
    photos: list[Photo] = []
    number = 0
    for event, days_ago, count, sky in EVENTS:
        taken = today - timedelta(days=days_ago)
        for _ in range(count):
            number += 1
            data = _scene(event, number, sky, taken, turned=number % 17 == 0)
            photo, _new = store_photo(
                session, db, actor, check_photo(data, f"IMG_{2400 + number}.jpg"), event
            )
            photo.caption = f"{event} — {CAPTIONS[number % len(CAPTIONS)]}"
            photos.append(photo)
    # Who is pictured: families appear at family events, volunteers and staff everywhere.
    for index, photo in enumerate(photos):
        family_event = "awards" not in photo.event
        pool = adults + (parents + children if family_event else [])
        for person in rng.sample(pool, rng.randint(1, 3)):
            insert_tag(session, actor, photo, person)
        if index in (7, 29, 51):
            photo.unidentified = 1 + index % 3
    _consents(session, db, actor, today, adults, parents, children, rng)


def _scan(person: Person) -> tuple[bytes, str, str]:
    """A stand-in for the scan of a signed paper form."""
    from PIL import Image, ImageDraw

    page = Image.new("L", (620, 877), 250)
    draw = ImageDraw.Draw(page)
    draw.text((40, 40), "Photo consent form (scanned)", fill=20)
    draw.text((40, 80), f"Name: {person.first_name} {person.last_name}", fill=20)
    for row in range(10):
        draw.line((40, 140 + 40 * row, 580, 140 + 40 * row), fill=170)
    draw.line((60, 760, 260, 745), fill=30, width=3)
    out = io.BytesIO()
    page.save(out, "PNG")
    return out.getvalue(), f"consent-form-{person.id}.png", "image/png"


CAPTIONS = [
    "arriving",
    "the welcome table",
    "a well-earned break",
    "thank you all",
    "group photo",
    "the raffle",
    "tea and cake",
    "making new friends",
    "setting up",
    "everyone together",
    "the prize draw",
    "waving goodbye",
]


def _give(
    session: Session,
    db: Database,
    actor: Actor,
    subject: Person,
    given_on: date,
    scopes: frozenset[ConsentScope],
    wording: int,
    method: ConsentMethod = ConsentMethod.SIGNED_FORM,
    expires_on: date | None = None,
    evidence: tuple[bytes, str, str] | None = None,
) -> Consent:
    giver = subject.guardian if subject.kind == PersonKind.CHILD and subject.guardian else subject
    data = ConsentInput(
        subject_id=subject.id,
        given_by_id=giver.id,
        relationship=SELF if giver is subject else "Parent",
        method=method,
        wording_version=wording,
        scopes=scopes,
        given_on=given_on,
        expires_on=expires_on,
        witness="Daniel Okafor" if method is ConsentMethod.VERBAL else "",
        evidence=evidence,
    )
    return insert_consent(session, db, actor, data, given_on)


def _consents(
    session: Session,
    db: Database,
    actor: Actor,
    today: date,
    adults: list[Person],
    parents: list[Person],
    children: list[Person],
    rng: random.Random,
) -> None:
    def days(n: int) -> date:
        return today - timedelta(days=n)

    methods = list(ConsentMethod)
    # Adults: most active (3 years), one only for the website, two never asked.
    for n, person in enumerate(adults[:-2]):
        scopes = frozenset({ConsentScope.WEBSITE}) if n == 3 else ALL
        wording = 1 if n % 3 == 0 else 2
        method = methods[n % 4]
        scan = _scan(person) if method is ConsentMethod.SIGNED_FORM and n < 8 else None
        _give(session, db, actor, person, days(60 + 40 * n), scopes, wording, method, None, scan)
    # Parents: consent for themselves, one expiring soon.
    for n, person in enumerate(parents[:-1]):
        expires = today + timedelta(days=12) if n == 2 else None
        _give(session, db, actor, person, days(100 + 25 * n), WEB_AND_SOCIAL, 2, expires_on=expires)
    # Children (12 months): active, expiring soon, expired; two never asked.
    for n, child in enumerate(children[:-2]):
        if n % 5 == 0:
            given = days(400 + 10 * n)  # expired
        elif n % 5 == 1:
            given = days(365 - 14 - n)  # ends within 30 days
        else:
            given = days(20 + 15 * n)
        _give(session, db, actor, child, given, WEB_AND_SOCIAL | {ConsentScope.PRINT}, 2)
    # A withdrawal three weeks ago: takedown work on the Dashboard.
    withdrawn = session.execute(
        select(Consent).where(Consent.subject_id == adults[1].id)
    ).scalar_one()
    insert_withdrawal(session, actor, withdrawn, days(21), "Phone call to the office")
    child = children[3]
    gone = session.execute(select(Consent).where(Consent.subject_id == child.id)).scalar_one()
    insert_withdrawal(
        session, actor, gone, days(6), "Email from parent", "Family moving away; asked for removal."
    )
    # A correction: the first record had the wrong date and uses; the new one supersedes it.
    person = adults[5]
    wrong = session.execute(select(Consent).where(Consent.subject_id == person.id)).scalar_one()
    data = ConsentInput(
        subject_id=person.id,
        given_by_id=person.id,
        relationship=SELF,
        method=ConsentMethod.SIGNED_FORM,
        wording_version=2,
        scopes=WEB_AND_SOCIAL,
        given_on=wrong.given_on + timedelta(days=rng.randint(1, 9)),
    )
    insert_consent(
        session,
        db,
        actor,
        data,
        today,
        supersedes=wrong,
        reason="Form misread: the date and the uses ticked were entered wrongly",
    )
