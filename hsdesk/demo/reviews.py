"""The demo's quarterly reviews: the last four quarters signed off by the Vice Chair, each with
an issue or two, screenshots as evidence and actions (most done, one rolled over and still
open); the current quarter's review begun and partly answered."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import Person, QuarterlyReview, ReviewEvidence, ReviewItem
from hsdesk.demo.policy import demo_signature_png
from hsdesk.domain.actor import Actor
from hsdesk.domain.enums import Office
from hsdesk.domain.review import ItemResult, Quarter, quarter_of
from hsdesk.domain.review_records import ActionInput
from hsdesk.services.people.roles import full_name
from hsdesk.services.platform.auth import Signer
from hsdesk.services.platform.files import add_file
from hsdesk.services.platform.signatures import keep_signature
from hsdesk.services.reviews import checks as review_checks
from hsdesk.services.reviews.actions import insert_action, insert_completion
from hsdesk.services.reviews.checklist import insert_review
from hsdesk.services.reviews.signoff import record_signoff

REVIEWED_AFTER = 12  # days after a quarter ends that the Vice Chair did the check
DURING_NEXT = -1  # done while the next quarter's review was under way

# Per quarter back from the current one: (channel, item starting with, note, action or None,
# days after the review the action was done, DURING_NEXT, or None while it is still open).
Finding = tuple[str, str, str, str | None, int | None]
FINDINGS: dict[int, list[Finding]] = {
    4: [
        (
            "Website",
            "Content is up to date",
            "The Contact page still showed the summer opening hours.",
            "Put the winter opening hours on the Contact page",
            9,
        ),
    ],
    3: [
        (
            "Facebook page",
            "Privacy settings",
            "Tagging of the page had been switched on, against the agreed settings.",
            "Switch off tagging of the page and check the other settings",
            2,
        ),
        (
            "",
            "Staff and volunteers' personal pages",
            "A volunteer's profile picture used the Home-Start logo. The SDM spoke to her and it "
            "was changed the same week; no further action.",
            None,
            None,
        ),
    ],
    2: [
        (
            "Instagram",
            "Content is up to date",
            "Posts about the 2024 fundraising appeal still ask for donations to a closed appeal.",
            "Archive the posts about the closed 2024 appeal",
            None,
        ),
        (
            "Website",
            "The Home-Start name and logo",
            "The website footer still uses the old logo.",
            "Replace the old logo in the website footer",
            DURING_NEXT,
        ),
    ],
    1: [
        (
            "X",
            "Content is up to date",
            "The pinned post advertises an event that has passed.",
            "Unpin the post about the summer picnic and pin the volunteer recruitment post",
            5,
        ),
    ],
}


def _screenshot(title: str, lines: list[str]) -> bytes:
    """A plain drawing that stands in for a screenshot of a settings page."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 400), (245, 246, 250))
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, 640, 44), fill=(59, 89, 152))
    pen.text((16, 15), title, fill=(255, 255, 255))
    for n, line in enumerate(lines):
        y = 70 + n * 42
        pen.rectangle((16, y, 624, y + 32), fill=(255, 255, 255), outline=(210, 212, 220))
        pen.text((28, y + 10), line, fill=(40, 44, 60))
        pen.ellipse((586, y + 8, 602, y + 24), fill=(90, 160, 90) if n % 3 else (190, 70, 60))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _moment(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0))


def _attach(session: Session, db: Database, item: ReviewItem, name: str, at: datetime) -> None:
    data = _screenshot(
        f"{item.channel_name or 'Settings'} - {name}",
        ["Who can see the page: Public", "Tagging: Off", "Messages: On", "Profanity filter: On"],
    )
    stored = add_file(session, db.files, data, f"{name}.png", "image/png")
    session.add(
        ReviewEvidence(
            item_id=item.id,
            sha256=stored.sha256,
            file_name=f"{name}.png",
            media_type="image/png",
            added_by="vicechair",
            added_at=at,
        )
    )


def _find(review: QuarterlyReview, channel: str, starts: str) -> ReviewItem:
    return next(i for i in review.items if i.channel_name == channel and i.text.startswith(starts))


def answer(item: ReviewItem, result: ItemResult, notes: str, by: str, at: datetime) -> None:
    if item.result is None or item.auto is None:
        item.result, item.answered_by, item.answered_at = result, by, at
    item.notes = notes


def load_demo_reviews(session: Session, db: Database, actor: Actor, today: date) -> None:
    vice = session.execute(
        select(Person).where(Person.first_name == "Rizwan", Person.last_name == "Akhtar")
    ).scalar_one()
    vdo = session.execute(select(Person).where(Person.first_name == "Shazia")).scalars().first()
    owner = vdo or vice
    signature = keep_signature(
        session, db, actor, vice.id, demo_signature_png(loops=4.5, slant=26)
    ).sha256
    name = full_name(vice)
    actor = Actor(
        "vicechair", vice.id, name, person_kind=vice.kind, offices=frozenset({Office.VICE_CHAIR})
    )
    current = quarter_of(today)
    quarter: Quarter = current
    for _ in range(4):
        quarter = quarter.previous
    open_actions = []
    for back in (4, 3, 2, 1):
        checked = quarter.end + timedelta(days=REVIEWED_AFTER)
        started = _moment(checked - timedelta(days=2), 10)
        review = insert_review(session, actor, quarter, checked, started)
        review_checks.refresh(session, review, checked, started)
        for channel, starts, note, action, done_after in FINDINGS[back]:
            item = _find(review, channel, starts)
            answer(item, ItemResult.ISSUE, note, name, started)
            if action is not None:
                row = insert_action(
                    session,
                    actor,
                    review,
                    ActionInput(action, owner.id, checked + timedelta(days=21), item.id),
                    checked,
                    started,
                )
                open_actions.append((row, done_after, checked))
        privacy = _find(review, "Facebook page", "Privacy settings")
        _attach(session, db, privacy, f"facebook-privacy-{quarter.start:%Y-%m}", started)
        for item in review.items:
            if item.result is None:
                answer(item, ItemResult.PASS, "", name, started + timedelta(hours=1))
        for row, done_after, raised in open_actions:  # done before this sign-off?
            if done_after is not None and row.done_on is None:
                done = raised + timedelta(days=done_after)
                if done_after == DURING_NEXT and raised < checked:
                    done = checked - timedelta(days=1)
                if raised < done <= checked:
                    insert_completion(
                        session, actor, row, done, "Done, checked on the site.", done,
                        _moment(done, 15),
                    )  # fmt: skip
        session.flush()
        record_signoff(
            session,
            actor,
            review,
            Signer("vicechair", vice.id, name, Office.VICE_CHAIR, checked, False),
            signature,
            _moment(checked, 16),
        )
        quarter = quarter.next
    for row, done_after, raised in open_actions:  # done since the last sign-off
        if done_after is not None and row.done_on is None:
            done = min(raised + timedelta(days=done_after), today)
            insert_completion(
                session, actor, row, done, "Done.", today, _moment(done, 15)
            )  # fmt: skip
    # The current quarter: begun a few days ago, one channel answered so far.
    started = _moment(max(current.start, today - timedelta(days=3)), 11)
    review = insert_review(session, actor, current, today, started)
    review_checks.refresh(session, review, today, started)
    for item in review.items:
        if item.channel_name == "Facebook page" and item.result is None:
            answer(item, ItemResult.PASS, "", name, started)
    privacy = _find(review, "Facebook page", "Privacy settings")
    privacy.notes = "Checked on the page's Settings screen; matches what the trustees agreed."
    _attach(session, db, privacy, "facebook-privacy-settings", started)
    session.flush()
