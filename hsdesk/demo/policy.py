"""The demo's policies: an earlier text adopted in 2017 and superseded by the 2018 text the demo
Chair adopted on 11/04/2018 (review due 31/03/2021, so the Dashboard shows it overdue), and a
2026 draft revision with a few changes."""

from __future__ import annotations

import io
import math
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import Person
from hsdesk.domain.actor import Actor
from hsdesk.domain.enums import Office
from hsdesk.domain.policy import PolicyText, parse_policy_text
from hsdesk.resources import resource
from hsdesk.services.platform.auth import Signer
from hsdesk.services.platform.signatures import keep_signature
from hsdesk.services.policy.adoption import record_adoption
from hsdesk.services.policy.drafts import add_version, document_name_for, document_named
from hsdesk.services.policy.duties import proposals

ADOPTED_2017 = date(2017, 5, 10)
ADOPTED_2018 = date(2018, 4, 11)
REVIEW_2021 = date(2021, 3, 31)


def scheme_policy_text() -> PolicyText:
    """The scheme's current Social Networking Policy, as typed in 2018 (shipped in resources/)."""
    return parse_policy_text(
        resource("policy", "social-networking-policy-2018.txt").read_text(encoding="utf-8")
    )


def _revised(text: PolicyText) -> PolicyText:
    online, trustees, volunteers, links = text.sections
    online_clauses = list(online.clauses)
    online_clauses[1] = (
        "Content is approved by the Scheme Development Manager and uploaded by the Volunteer "
        "Development Officer; both sign-offs are recorded in hsdesk before anything is posted"
    )
    online_clauses.insert(
        4,
        "Posts that picture or name a child use first names only and never show a school, a "
        "home or any other detail that could identify where a family lives",
    )
    trustee_clauses = list(trustees.clauses)
    trustee_clauses[4] = (
        "Home-Start staff do not add any current volunteer (active or resting) as a friend, "
        "follower or contact on any social network or messaging group, in order to maintain the "
        "appropriate service boundaries"
    )
    volunteer_clauses = list(volunteers.clauses)
    del volunteer_clauses[4]  # the volunteers' logo clause, folded into the identity clause
    return replace(
        text,
        sections=(
            replace(online, clauses=tuple(online_clauses)),
            replace(trustees, clauses=tuple(trustee_clauses)),
            replace(volunteers, clauses=tuple(volunteer_clauses)),
            links,
        ),
    )


def _earlier(text: PolicyText) -> PolicyText:
    """The 2017 text: before the complaints clause, the induction clauses
    and the section on previous links were added."""
    online, trustees, volunteers, _links = text.sections
    return replace(
        text,
        sections=(
            replace(online, clauses=online.clauses[:6]),
            replace(trustees, clauses=trustees.clauses[:8]),
            replace(volunteers, clauses=volunteers.clauses[:6]),
        ),
    )


def demo_signature_png(loops: float = 6.5, slant: float = 18) -> bytes:
    """A handwritten-looking signature: a looping pen stroke and an underline, drawn with Pillow
    (``loops`` and ``slant`` make different people's signatures look different)."""
    from PIL import Image, ImageDraw

    scale, width, height = 4, 420, 130
    image = Image.new("RGBA", (width * scale, height * scale), (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)
    ink = (20, 40, 110, 255)
    points = []
    for i in range(400):
        t = i / 399
        x = 30 + 300 * t + slant * math.cos(2 * math.pi * loops * t)
        y = (
            62
            - 30 * math.sin(2 * math.pi * loops * t) * (1.1 - t * 0.6)
            - 14 * math.sin(math.pi * t)
        )
        points.append((x * scale, y * scale))
    pen.line(points, fill=ink, width=3 * scale, joint="curve")
    flourish = [
        ((40 + 330 * t) * scale, (100 + 6 * math.sin(math.pi * t * 1.4) - 10 * t) * scale)
        for t in (i / 80 for i in range(81))
    ]
    pen.line(flourish, fill=ink, width=2 * scale, joint="curve")
    small = image.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def load_demo_policy(session: Session, db: Database, actor: Actor, chair: Person) -> None:
    text = scheme_policy_text()
    doc = document_named(session, actor, document_name_for(text.title))
    signature = keep_signature(session, db, actor, chair.id, demo_signature_png())
    account = chair.account
    based_on = None
    for version_text, adopted, review in (
        (_earlier(text), ADOPTED_2017, date(2018, 4, 30)),
        (text, ADOPTED_2018, REVIEW_2021),
    ):
        version = add_version(session, actor, doc, version_text, based_on)
        signer = Signer(
            username=account.username if account else "",
            person_id=chair.id,
            name=f"{chair.first_name} {chair.last_name}",
            office=Office.CHAIR,
            on=adopted,
            acting=False,
        )
        # The 2017 text had no clause for the duties added in 2018: the Chair confirms so.
        dropped = {p.duty.key: None for p in proposals(session, version) if p.flagged}
        record_adoption(session, actor, version, signer, review, signature.sha256, dropped)
        session.refresh(doc)
        based_on = version.id
    add_version(session, actor, doc, _revised(text), based_on)
