"""The Scheme Development Manager's decision on an item: approve, reject or ask for changes, never
on one's own work."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    ContentDecision,
    ContentItem,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import (
    PHOTO_CHECK,
    ContentState,
    Decision,
    checklist_gaps,
)
from hsdesk.domain.content_actions import ItemAction, may
from hsdesk.domain.content_records import (
    ContentDetails,
    SignOff,
)
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import ValidationError
from hsdesk.services.content.checklist import points
from hsdesk.services.content.items import (
    add_event,
    contributors,
    details_of,
    facts_of,
    item_problems,
    load_item,
    overtaken,
    refresh_flags,
    two_person_rule,
)
from hsdesk.services.platform.auth import Signer, verify_signoff
from hsdesk.services.policy.duties import citations, in_force_id


def decide(
    db: Database,
    actor: Actor,
    item_id: int,
    decision: Decision,
    sign: SignOff,
    answers: Mapping[str, bool],
    reason: str = "",
    today: date | None = None,
    seen: str | None = None,
) -> ContentDetails:
    """The Scheme Development Manager's signed decision on a submitted item; ``seen`` is the
    content hash of the text they read, refused if the item changed since (or was decided)."""
    day = today or clock.today()
    with db.write() as session:
        item = load_item(session, item_id)
        if seen is not None and (item.content_hash != seen or item.state != ContentState.SUBMITTED):
            raise overtaken(item, "decide on")
        may(actor, ItemAction.DECIDE, facts_of(item)).enforce()
        photos_ok = check_decision(session, item, decision, answers, reason, day)
        signer = verify_signoff(session, sign.username, sign.password, Office.SDM, day)
        two_person_rule(
            session,
            signer,
            contributors(item),
            "wrote or changed this item, so cannot decide on it: the approver is never the author",
            day,
        )
        record_decision(session, actor, item, signer, decision, answers, reason, photos_ok)
        return details_of(session, item, day)


def check_decision(
    session: Session,
    item: ContentItem,
    decision: Decision,
    answers: Mapping[str, bool],
    reason: str,
    day: date,
) -> bool:
    """Refuse a decision that is not complete; returns the automatic photo-consent answer."""
    problems = item_problems(session, item, day)
    if decision is not Decision.APPROVE:
        if not reason.strip():
            raise ValidationError(
                f"Say why you {decision.label.lower()}: the author needs the reason to act on it."
            )
        return not problems
    cite = citations(session)
    gaps = checklist_gaps(answers, points(session))
    if gaps:
        raise ValidationError(
            "Before approving, confirm every point of the checklist. Not confirmed: "
            + "; ".join(g.shown(cite) for g in gaps)
            + ". If one is not true, request changes instead."
        )
    if problems:
        raise ValidationError(
            "This item cannot be approved: not everyone pictured has consent for these channels "
            f"({cite.ref(*PHOTO_CHECK.duties)}). {'; '.join(problems)}. Remove those photos, or "
            "record the consent first."
        )
    return True


def record_decision(
    session: Session,
    actor: Actor,
    item: ContentItem,
    signer: Signer,
    decision: Decision,
    answers: Mapping[str, bool],
    reason: str,
    photos_ok: bool,
    at: datetime | None = None,
) -> ContentDecision:
    stamp = at or clock.now()
    checklist = {k: bool(v) for k, v in answers.items()} | {PHOTO_CHECK.key: photos_ok}
    row = ContentDecision(
        item_id=item.id,
        decision=decision,
        content_hash=item.content_hash,
        checklist=json.dumps(checklist, sort_keys=True),
        reason=reason.strip(),
        signer_id=signer.person_id,
        signer_name=signer.name,
        signer_acting=signer.acting,
        signed_in_user=actor.username,
        decided_at=stamp,
        policy_version_id=in_force_id(session),
    )
    session.add(row)
    item.state = decision.state
    item.updated_at = stamp
    session.flush()
    session.refresh(item)
    acting = "acting " if signer.acting else ""
    add_event(
        session,
        actor,
        item,
        decision.value,
        f"{signer.name} ({acting}SDM): {decision.label.lower()} '{item.title}'",
        reason.strip(),
        signer,
        stamp,
        {"checklist": checklist, "decision_id": row.id},
    )
    refresh_flags(item)
    return row
