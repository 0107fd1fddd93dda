"""The demo's inductions: most people acknowledged the 2018 version soon after starting (on a
scanned slip, on screen or in person); two office holders acknowledged only the 2017 version;
a trustee and a resting volunteer never acknowledged; new volunteers are still within their
14 days, two are overdue; a few packs were printed and given and are waiting for the slip."""

from __future__ import annotations

import io
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import Person, PolicyVersion
from hsdesk.demo.policy import demo_signature_png
from hsdesk.domain.actor import Actor
from hsdesk.domain.induction import AckMethod
from hsdesk.domain.induction_records import AckInput, Evidence
from hsdesk.services.inductions.recording import (
    insert_acknowledgement,
    insert_given,
    insert_printed,
)
from hsdesk.services.inductions.records import covered_people
from hsdesk.services.people.roles import full_name

ONLY_2017 = {"Rizwan", "Daniel"}  # acknowledged the old version, not the 2018 one
NEVER = {"Tom", "Dawn"}  # given the pack long ago, never signed
WAITING_FOR_SLIP = {"Chloe", "Sue"}  # pack printed and given, slip not back yet
NOT_STARTED = {"Ruth", "Ayesha", "Farah"}  # nothing done yet


def _scanned_slip(name: str) -> bytes:
    """A small grey "scan" of a signed slip (Pillow), standing in for the real thing."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (420, 594), 236)
    pen = ImageDraw.Draw(image)
    pen.rectangle((30, 40, 390, 70), fill=205)
    pen.text((40, 50), "Acknowledgement of the policy", fill=40)
    pen.text((40, 110), f"Name: {name}", fill=60)
    for y in range(160, 300, 22):
        pen.line((40, y, 380, y), fill=170, width=2)
    pen.line((60, 420, 200, 400), fill=30, width=3)
    pen.line((200, 400, 240, 425), fill=30, width=3)
    pen.line((40, 430, 260, 430), fill=120, width=1)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _versions(session: Session) -> tuple[PolicyVersion, PolicyVersion]:
    adopted = session.execute(
        select(PolicyVersion)
        .where(PolicyVersion.adopted_on.is_not(None))
        .options(selectinload(PolicyVersion.document))
        .order_by(PolicyVersion.number)
    ).scalars()
    old, current = list(adopted)[:2]
    return old, current


def load_demo_inductions(session: Session, db: Database, actor: Actor, today: date) -> None:
    old, current = _versions(session)
    signature = demo_signature_png()
    people: list[Person] = covered_people(session, today)
    for n, person in enumerate(people):
        first = person.first_name
        start = person.start_date or today
        if first in NOT_STARTED:
            continue
        if first in WAITING_FOR_SLIP:
            given = start + timedelta(days=2)
            insert_printed(session, actor, [person.id], current.id, start + timedelta(days=1))
            insert_given(session, actor, person.id, current.id, given, "Daniel Okafor", today)
            continue
        if old.adopted_on and start < (current.adopted_on or today):
            on = max(start, old.adopted_on) + timedelta(days=9)
            insert_acknowledgement(
                session,
                db.files,
                actor,
                AckInput(person.id, old.id, on, AckMethod.IN_PERSON, given_by="Helen Whitworth"),
                today,
            )
        if first in ONLY_2017:
            continue
        begins = max(start, current.adopted_on or start)
        given = begins + timedelta(days=3)
        if given > today:  # started in the last few days: nothing to record yet
            continue
        if first in NEVER:
            insert_given(session, actor, person.id, current.id, given, "Daniel Okafor", today)
            continue
        method = (AckMethod.PAPER, AckMethod.SCREEN, AckMethod.IN_PERSON)[n % 3]
        evidence = None
        if method is AckMethod.PAPER:
            evidence = Evidence(_scanned_slip(full_name(person)), f"slip-{person.id}.png")
        elif method is AckMethod.SCREEN:
            evidence = Evidence(signature, "signature.png")
        insert_acknowledgement(
            session,
            db.files,
            actor,
            AckInput(
                person.id,
                current.id,
                min(given + timedelta(days=4 + n % 6), today),
                method,
                given_on=given,
                given_by="Daniel Okafor",
                evidence=evidence,
            ),
            today,
        )
