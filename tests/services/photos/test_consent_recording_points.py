"""A consent record holds each point the ICO asks a record of consent to keep ("How should we
obtain, record and manage consent?", UK GDPR guidance): who consented, when, what they were told,
how, what to, whether and when they withdrew, and — for a child — who with parental
responsibility gave it. Each point is listed against the fields that keep it, which must be
filled in; then a consent for a child is recorded and withdrawn through the services, and each
point is read back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from hsdesk.db.models import Consent, ConsentWithdrawal, Person
from hsdesk.domain import clock
from hsdesk.domain.consent import ConsentMethod, ConsentScope
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.photo_records import ConsentInput
from hsdesk.services.photos.consents import record_consent
from hsdesk.services.photos.terms import current_wording, wordings
from hsdesk.services.photos.withdrawals import withdraw_consent
from hsdesk.services.platform import auth

ICO_POINTS: dict[str, tuple[type, tuple[str, ...]]] = {
    "who consented": (Consent, ("subject_id", "given_by_id")),
    "when they consented": (Consent, ("given_on",)),
    "what they were told (the wording, by version)": (Consent, ("wording_version",)),
    "how they consented": (Consent, ("method",)),  # with its scan or witness, below
    "what they consented to, and for how long": (Consent, ("scopes", "expires_on")),
    "parental responsibility, for a child": (Consent, ("given_by_id", "relationship_to_subject")),
    "who recorded it, and when": (Consent, ("recorded_by", "recorded_at")),
    "whether and when they withdrew, and how": (ConsentWithdrawal, ("withdrawn_on", "how")),
}


@pytest.mark.parametrize("point", sorted(ICO_POINTS))
def test_each_point_has_a_field_that_must_be_filled_in(point):
    model, fields = ICO_POINTS[point]
    for name in fields:
        assert not model.__table__.c[name].nullable, f"{point}: {name} may be left empty"


def _person(db, first: str, last: str) -> int:
    with db.read() as session:
        return session.scalar(
            select(Person.id).where(Person.first_name == first, Person.last_name == last)
        )


def test_a_childs_consent_keeps_every_point_and_its_withdrawal_too(demo_db):
    vdo = auth.sign_in(demo_db, "vdo", "demo")
    child, parent = _person(demo_db, "Musa", "Mellor"), _person(demo_db, "Kirsty", "Mellor")
    wording = current_wording()
    withdrawn_on = clock.today()
    given_on = withdrawn_on - timedelta(days=3)

    def told(giver: int, relationship: str) -> ConsentInput:
        return ConsentInput(
            child,
            giver,
            relationship,
            ConsentMethod.VERBAL,
            wording.version,
            frozenset({ConsentScope.WEBSITE}),
            given_on,
            witness="Helen Whitworth",
        )

    with pytest.raises(ValidationError, match="parental responsibility"):
        record_consent(demo_db, vdo, told(child, "Self"))  # a child cannot: says who can
    given = told(parent, "Mother")
    record = record_consent(demo_db, vdo, given)
    withdraw_consent(demo_db, vdo, record.id, withdrawn_on, "phone call to the office")
    with demo_db.read() as session:
        row = session.get(Consent, record.id)
        gone = session.scalar(
            select(ConsentWithdrawal).where(ConsentWithdrawal.consent_id == row.id)
        )
        kept = {
            "who consented": (row.subject_id, row.given_by_id) == (child, parent),
            "when they consented": row.given_on == given_on,
            "what they were told (the wording, by version)": "[ ]"
            in wordings()[row.wording_version].body,
            "how they consented": row.method is ConsentMethod.VERBAL
            and row.witness == "Helen Whitworth",
            "what they consented to, and for how long": row.scopes == "website"
            and row.expires_on > row.given_on,
            "parental responsibility, for a child": row.relationship_to_subject == "Mother",
            "who recorded it, and when": row.recorded_by == "vdo" and row.recorded_at is not None,
            "whether and when they withdrew, and how": gone is not None
            and (gone.withdrawn_on, gone.how) == (withdrawn_on, "phone call to the office"),
        }
    assert set(kept) == set(ICO_POINTS)
    assert [point for point, ok in kept.items() if not ok] == []
