"""One rule for what may be done with a quarter's review: the tab enables from may_review(), the
services refuse with its words."""

from __future__ import annotations

from datetime import date

import pytest

from hsdesk.domain.actor import Actor
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.domain.review import ItemResult
from hsdesk.domain.review_actions import ReviewFacts, ReviewStep, may_complete_action, may_review
from hsdesk.services.reviews import checklist, quarterly

STAFF = Actor("shazia", 7, "Shazia Begum", person_kind=PersonKind.STAFF)
TRUSTEE = Actor("trustee", 8, "A Trustee", person_kind=PersonKind.TRUSTEE)


def test_who_may_do_what_with_a_review():
    begun = ReviewFacts("Q3 2026 (July to September 2026)", True)
    signed = ReviewFacts("Q2 2026 (April to June 2026)", True, date(2026, 7, 20))
    assert may_review(TRUSTEE, ReviewStep.CHANGE, begun)
    assert not may_review(TRUSTEE, ReviewStep.START, begun)
    assert "already begun" in may_review(TRUSTEE, ReviewStep.START, begun).reason
    assert "20/07/2026" in may_review(TRUSTEE, ReviewStep.CHANGE, signed).reason
    assert may_review(STAFF, ReviewStep.CHANGE, begun).refusal is PermissionDenied
    assert may_complete_action(STAFF, owner_id=7) and not may_complete_action(STAFF, owner_id=9)


def test_a_signed_off_review_is_refused_in_the_rule_s_words(demo_db, admin):
    signed = next(r for r in quarterly.quarter_rows(demo_db) if r.signed_on is not None)
    review = quarterly.get_review(demo_db, signed.review_id)
    expected = may_review(admin, ReviewStep.CHANGE, review.facts).reason
    with pytest.raises(ValidationError) as refused:
        checklist.answer_item(demo_db, admin, review.items[0].id, ItemResult.PASS, "")
    assert str(refused.value) == expected
