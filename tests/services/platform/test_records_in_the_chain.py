"""The audit chain covers the records themselves: each change hsdesk makes to a consent, an
approval, a publication, a complaint, a breach, a connection, an induction or a review puts the
record's state into the chain, so `check` reports by name a record changed, deleted or added
directly in the database, outside hsdesk. On both engines."""

from __future__ import annotations

from outside_edits import copy_consent, directly
from sqlalchemy import select

from hsdesk.db.models import Complaint, Consent, ContentDecision, Publication
from hsdesk.services.platform.integrity import check


def _first(db, model) -> int:
    with db.read() as session:
        return session.execute(select(model.id).order_by(model.id)).scalars().first()


def test_the_demo_office_checks_clean(demo_db):
    assert check(demo_db) == []


def test_a_consents_uses_widened_outside_hsdesk_is_reported(demo_db):
    consent = _first(demo_db, Consent)
    directly(
        demo_db,
        "UPDATE consent SET scopes = :wide WHERE id = :id",
        wide="internal,website,social,press",
        id=consent,
    )
    assert check(demo_db) == [
        f"consent record {consent} was changed outside hsdesk (it no longer matches the audit trail)"
    ]


def test_a_complaint_and_an_approval_deleted_outside_hsdesk_are_reported(demo_db):
    complaint = _first(demo_db, Complaint)
    with demo_db.read() as session:  # an approval nothing was uploaded under yet
        decision = (
            session.execute(
                select(ContentDecision.id)
                .where(ContentDecision.id.not_in(select(Publication.decision_id)))
                .order_by(ContentDecision.id)
            )
            .scalars()
            .first()
        )
    directly(demo_db, "DELETE FROM complaint WHERE id = :id", id=complaint)
    directly(demo_db, "DELETE FROM content_decision WHERE id = :id", id=decision)
    problems = check(demo_db)
    assert f"complaint {complaint} was deleted outside hsdesk" in problems
    assert f"approval decision {decision} was deleted outside hsdesk" in problems


def test_a_record_added_outside_hsdesk_is_reported(demo_db):
    consent = _first(demo_db, Consent)
    copy_consent(demo_db, consent)
    problems = check(demo_db)
    assert len(problems) == 1
    assert problems[0].endswith("is not in the audit trail: it was added outside hsdesk")
