"""One rule for what may be done with a content item: the panel offers what may() allows, and
the services refuse with may()'s own words."""

from __future__ import annotations

import pytest
from content_office import PASSWORD, build_office

from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import ContentState, TakedownReason
from hsdesk.domain.content_actions import ItemAction, ItemFacts, may
from hsdesk.domain.content_records import SignOff
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import HsdeskError, PermissionDenied
from hsdesk.services.content import drafts, items, takedowns, upload

WRITER = Actor("shazia", 1, "Shazia Begum", person_kind=PersonKind.STAFF)
VOLUNTEER = Actor("vol", 2, "A Volunteer", person_kind=PersonKind.VOLUNTEER)


def facts(state: ContentState, live: bool = False, unpublished: bool = True, open_: bool = False):
    return ItemFacts("Coffee morning", state, live, unpublished, open_)


@pytest.mark.parametrize("state", list(ContentState))
def test_what_a_writer_may_do_follows_the_state(state):
    item = facts(state, live=state is ContentState.PUBLISHED)
    offered = {action for action in ItemAction if may(WRITER, action, item)}
    expected = {ItemAction.EDIT} if state.editable else {ItemAction.COPY}
    if state in (ContentState.DRAFT, ContentState.CHANGES_REQUESTED):
        expected.add(ItemAction.SUBMIT)
    if state is ContentState.SUBMITTED:
        expected.add(ItemAction.DECIDE)
    if state in (ContentState.APPROVED, ContentState.PUBLISHED):
        expected.add(ItemAction.UPLOAD)
    if state is ContentState.PUBLISHED:
        expected.add(ItemAction.TAKEDOWN)
    assert offered == expected


def test_refusals_say_why_and_a_missing_right_is_a_permission_refusal():
    draft = facts(ContentState.DRAFT)
    refused = may(VOLUNTEER, ItemAction.EDIT, draft)
    assert not refused and refused.refusal is PermissionDenied and refused.reason
    upload_refused = may(WRITER, ItemAction.UPLOAD, facts(ContentState.APPROVED, open_=True))
    assert not upload_refused and "takedown open" in upload_refused.reason
    assert (
        "every channel"
        in may(WRITER, ItemAction.UPLOAD, facts(ContentState.PUBLISHED, unpublished=False)).reason
    )
    assert "nothing to take down" in may(WRITER, ItemAction.TAKEDOWN, draft).reason
    with pytest.raises(PermissionDenied):
        may(VOLUNTEER, ItemAction.COPY, facts(ContentState.PUBLISHED)).enforce()


def test_the_services_refuse_in_the_rule_s_own_words(db, admin):
    office = build_office(db, admin)
    draft = office.draft()
    published = office.approved()
    office.upload(published, office.web)
    office.upload(published, office.facebook)

    def reason(item_id: int, action: ItemAction) -> str:
        with db.read() as session:
            verdict = may(office.writer, action, items.facts_of(items.load_item(session, item_id)))
        assert not verdict
        return verdict.reason

    cases = [
        (
            published,
            ItemAction.EDIT,
            lambda: drafts.save_item(db, office.writer, drafts_input(), published),
        ),
        (draft, ItemAction.COPY, lambda: takedowns.copy_item(db, office.writer, draft)),
        (
            draft,
            ItemAction.TAKEDOWN,
            lambda: takedowns.request_takedown(
                db, office.writer, draft, TakedownReason.COMPLAINT, "x"
            ),
        ),
        (
            draft,
            ItemAction.UPLOAD,
            lambda: upload.upload(
                db,
                office.writer,
                draft,
                office.web,
                "https://example.org/p",
                clock.now(),
                SignOff("daniel", PASSWORD),
            ),
        ),
        (
            published,
            ItemAction.UPLOAD,
            lambda: upload.upload(
                db,
                office.writer,
                published,
                office.web,
                "https://example.org/p",
                clock.now(),
                SignOff("daniel", PASSWORD),
            ),
        ),
    ]
    for item_id, action, call in cases:
        expected = reason(item_id, action)
        with pytest.raises(HsdeskError) as refused:
            call()
        assert str(refused.value) == expected, action


def drafts_input():
    from hsdesk.domain.content_records import ContentInput

    return ContentInput("Coffee morning", "New text", (), ())
