"""Content approval rules (clauses 1.2, 1.3, 1.4), called on the services directly."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from content_office import PASSWORD, TODAY, YES, ContentOffice, build_office
from sqlalchemy import func, select, update

from hsdesk.db.models import (
    AuditEntry,
    ContentDecision,
    ContentItem,
    Publication,
    Takedown,
)
from hsdesk.domain import clock
from hsdesk.domain.consent import ConsentScope
from hsdesk.domain.content import ContentState, Decision, Platform, TakedownReason
from hsdesk.domain.content_records import (
    ChannelInput,
    ContentInput,
    ContentQuery,
    Queue,
    SettingsInput,
    SignOff,
)
from hsdesk.domain.errors import NotFound, PermissionDenied, SignOffRefused, ValidationError
from hsdesk.services.content import approval, channels, drafts, takedowns, upload
from hsdesk.services.content import items as content
from hsdesk.services.content import queries as content_queries
from hsdesk.services.content.exports import content_log, content_rows
from hsdesk.services.dashboard import needs_attention
from hsdesk.services.photos import withdrawals

HELEN = SignOff("helen", PASSWORD)
DANIEL = SignOff("daniel", PASSWORD)


@pytest.fixture
def office(db, admin) -> ContentOffice:
    return build_office(db, admin)


def counts(db) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(
            s.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (ContentDecision, Publication, Takedown)
        ) + (  # audit entries of changes: a refused password is audited on purpose
            s.execute(
                select(func.count()).where(AuditEntry.action != "sign_in_failed")
            ).scalar_one(),
        )


def state(office: ContentOffice, item: int) -> ContentState:
    return content.get_item(office.db, item).state


# --- channels -------------------------------------------------------------------------------


def test_trustees_keep_the_channels_register_with_a_history_of_agreed_settings(
    office, volunteer_actor
):
    trustee = office.cover.__class__(
        "geoff",
        None,
        "Geoffrey Lees",
        person_kind=__import__("hsdesk.domain.enums", fromlist=["PersonKind"]).PersonKind.TRUSTEE,
    )
    first = SettingsInput("Public page; comments on.", TODAY - timedelta(days=400), "TM 2025/1")
    channels.agree_settings(office.db, trustee, office.facebook, first)
    later = SettingsInput(
        "Public page; visitors may not post.", TODAY - timedelta(days=3), "TM 26/4"
    )
    record = channels.agree_settings(office.db, trustee, office.facebook, later)
    assert [s.minute_ref for s in record.history] == ["TM 2025/1", "TM 26/4"]
    assert record.settings is not None and record.settings.text.startswith("Public page; visitors")
    with pytest.raises(PermissionDenied, match="administrator or a trustee"):
        channels.agree_settings(office.db, volunteer_actor, office.facebook, first)
    with pytest.raises(PermissionDenied, match="administrator or a trustee"):
        channels.save_channel(
            office.db, office.writer, ChannelInput("X", Platform.X, ConsentScope.SOCIAL_MEDIA)
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (ChannelInput(" ", Platform.X, ConsentScope.SOCIAL_MEDIA), "Give the channel a name"),
        (ChannelInput("website", Platform.WEBSITE, ConsentScope.WEBSITE), "already a channel"),
        (ChannelInput("X", Platform.X, ConsentScope.SOCIAL_MEDIA, "x.com/us"), "not a web address"),
        (ChannelInput("Flyers", Platform.OTHER, ConsentScope.PRINT), "website or for social"),
    ],
)
def test_bad_channels_are_refused(office, data, message):
    before = counts(office.db)
    with pytest.raises(ValidationError, match=message):
        channels.save_channel(office.db, office.admin, data)
    assert counts(office.db) == before


def test_agreed_settings_need_text_minute_and_a_past_date(office):
    for data, message in [
        (SettingsInput("", TODAY, "TM 1"), "Write down the privacy settings"),
        (SettingsInput("Open", TODAY, " "), "minute reference"),
        (SettingsInput("Open", TODAY + timedelta(days=1), "TM 1"), "future date"),
    ]:
        with pytest.raises(ValidationError, match=message):
            channels.agree_settings(office.db, office.admin, office.web, data)
    assert channels.list_channels(office.db)[0].history == ()


# --- writing and the approval ---------------------------------------------------------------


def test_the_whole_path_from_draft_to_published_is_on_the_timeline_and_audited(office):
    item = office.draft((office.photo,))
    drafts.submit(office.db, office.writer, item)
    approval.decide(office.db, office.writer, item, Decision.APPROVE, HELEN, YES)
    office.upload(item, office.facebook)
    details = office.upload(item, office.web)
    assert details.state is ContentState.PUBLISHED
    assert [e.kind for e in details.events] == [
        "created",
        "submitted",
        "approve",
        "published",
        "published",
    ]
    approve = details.events[2]
    assert approve.who == "Helen Whitworth" and approve.signer == "Helen Whitworth"
    assert approve.actor == "shazia"  # signed at Shazia's PC, with Helen's own password
    assert details.approval is not None and details.approval.checklist["photos_consented"]
    with office.db.read() as s:
        audited = s.execute(
            select(AuditEntry.action, AuditEntry.actor, AuditEntry.signer).where(
                AuditEntry.entity == "content_item"
            )
        ).all()
    assert ("approve", "shazia", "helen") in audited
    assert ("published", "shazia", "daniel") in audited


def test_items_need_a_title_and_existing_channels_and_photos(office):
    for data, message in [
        (ContentInput("  ", "text"), "Give the item a title"),
        (ContentInput("T", "text", (999,)), "no longer in the register"),
        (ContentInput("T", "text", (office.web,), (999,)), "no longer in the library"),
        (ContentInput("T" * 201, "text"), "title is too long"),
    ]:
        with pytest.raises(ValidationError, match=message):
            drafts.save_item(office.db, office.writer, data)
    with pytest.raises(PermissionDenied, match="write content"):
        volunteer = office.writer.__class__("v", 1, "V")
        drafts.save_item(office.db, volunteer, ContentInput("T", "x"))


def test_a_planned_date_is_today_or_later_and_one_passed_is_kept(office):
    today = clock.today()
    long_ago = today - timedelta(days=270)
    with pytest.raises(ValidationError, match=r"planned date .* has passed\. Plan the item for"):
        drafts.save_item(office.db, office.writer, ContentInput("Fair", "x", planned_on=long_ago))
    item = drafts.save_item(office.db, office.writer, ContentInput("Fair", "x", planned_on=today))
    clock.freeze(clock.now() + timedelta(days=3))  # the date has passed: other changes still save
    kept = drafts.save_item(
        office.db, office.writer, ContentInput("Fair day", "x", planned_on=today), item.id
    )
    assert kept.title == "Fair day" and kept.planned_on == today
    with pytest.raises(ValidationError, match="has passed"):
        drafts.save_item(
            office.db,
            office.writer,
            ContentInput("Fair day", "x", planned_on=today + timedelta(days=1)),
            item.id,
        )


def test_submit_needs_text_and_a_channel(office):
    empty = drafts.save_item(office.db, office.writer, ContentInput("T", "", (office.web,))).id
    with pytest.raises(ValidationError, match="Write the text"):
        drafts.submit(office.db, office.writer, empty)
    nowhere = drafts.save_item(office.db, office.writer, ContentInput("T", "Hello")).id
    with pytest.raises(ValidationError, match="at least one channel"):
        drafts.submit(office.db, office.writer, nowhere)


def test_the_author_cannot_approve_their_own_item_and_the_message_says_who_can(office):
    item = office.draft(by=office.sdm)
    drafts.submit(office.db, office.sdm, item)
    before = counts(office.db)
    with pytest.raises(PermissionDenied, match="Helen Whitworth wrote or changed this item") as e:
        approval.decide(office.db, office.sdm, item, Decision.APPROVE, HELEN, YES)
    assert "record an acting Scheme Development Manager" in str(e.value)
    office.make_acting_sdm()
    with pytest.raises(PermissionDenied, match=r"Priya Shah \(acting\) can"):
        approval.decide(office.db, office.sdm, item, Decision.APPROVE, HELEN, YES)
    assert counts(office.db)[:3] == before[:3]
    approval.decide(office.db, office.sdm, item, Decision.APPROVE, SignOff("priya", PASSWORD), YES)
    assert state(office, item) is ContentState.APPROVED


def test_someone_who_changed_the_text_cannot_approve_it_either(office):
    item = office.draft()
    data = ContentInput("Coffee morning", "Come to our coffee morning on Friday!", (office.web,))
    drafts.save_item(office.db, office.sdm, data, item)  # Helen edits Shazia's text
    drafts.submit(office.db, office.writer, item)
    with pytest.raises(PermissionDenied, match="wrote or changed"):
        approval.decide(office.db, office.writer, item, Decision.APPROVE, HELEN, YES)


@pytest.mark.parametrize(
    ("sign", "error", "message"),
    [
        (SignOff("helen", "wrong"), SignOffRefused, "password of the Scheme Development Manager"),
        (SignOff("daniel", PASSWORD), SignOffRefused, "does not hold the office"),
    ],
)
def test_only_the_sdm_with_their_own_password_decides(office, sign, error, message):
    item = office.draft()
    drafts.submit(office.db, office.writer, item)
    before = counts(office.db)
    with pytest.raises(error, match=message):
        approval.decide(office.db, office.writer, item, Decision.APPROVE, sign, YES)
    assert counts(office.db) == before and state(office, item) is ContentState.SUBMITTED


def test_every_checklist_point_must_be_confirmed_and_rejection_needs_a_reason(office):
    item = office.draft()
    drafts.submit(office.db, office.writer, item)
    partial = dict(YES, identity=False)
    with pytest.raises(ValidationError, match=r"Home-Start name and logo are used correctly\."):
        approval.decide(office.db, office.writer, item, Decision.APPROVE, HELEN, partial)
    for decision in (Decision.REJECT, Decision.CHANGES):
        with pytest.raises(ValidationError, match="Say why"):
            approval.decide(office.db, office.writer, item, decision, HELEN, {}, "  ")
    details = approval.decide(
        office.db, office.writer, item, Decision.CHANGES, HELEN, {}, "Check the date"
    )
    assert details.state is ContentState.CHANGES_REQUESTED
    assert details.events[-1].comment == "Check the date"
    with pytest.raises(ValidationError, match="not awaiting approval"):
        approval.decide(office.db, office.writer, item, Decision.APPROVE, HELEN, YES)


def test_a_photo_without_consent_for_a_channel_cannot_be_approved_and_cannot_be_overridden(
    office,
):
    withdrawals.withdraw_consent(office.db, office.admin, office.consent, TODAY, "Phone call")
    item = office.draft((office.photo,))
    drafts.submit(office.db, office.writer, item)
    answers = dict(YES, photos_consented=True)  # a caller claiming it is fine changes nothing
    with pytest.raises(ValidationError, match="Alfie Booth withdrew consent") as e:
        approval.decide(office.db, office.writer, item, Decision.APPROVE, HELEN, answers)
    assert "'party.jpg' on Website" in str(e.value) and "Facebook page" in str(e.value)
    assert state(office, item) is ContentState.SUBMITTED


def test_an_edit_after_approval_voids_it_and_returns_the_item_to_draft(office):
    item = office.approved()
    moved = ContentInput(
        "Coffee morning",
        "Come to our coffee morning!",
        (office.web, office.facebook),
        (),
        TODAY + timedelta(days=5),
    )
    details = drafts.save_item(office.db, office.writer, moved, item)
    assert details.state is ContentState.APPROVED  # a new planned date is not new content
    changed = ContentInput(
        "Coffee morning",
        "Come to our coffee morning! Bring a friend.",
        (office.web, office.facebook),
    )
    details = drafts.save_item(office.db, office.writer, changed, item)
    assert details.state is ContentState.DRAFT and details.approval is None
    assert details.events[-1].kind == "approval_voided"
    with pytest.raises(ValidationError, match="only content the Scheme Development Manager"):
        office.upload(item, office.web)


# --- the upload -----------------------------------------------------------------------------


def test_the_approver_cannot_record_the_upload(office):
    office.make_acting_sdm()
    item = office.draft()
    drafts.submit(office.db, office.writer, item)
    approval.decide(
        office.db, office.writer, item, Decision.APPROVE, SignOff("priya", PASSWORD), YES
    )
    # Priya approved; she cannot also be the uploader even as VDO.
    from hsdesk.domain.enums import Office
    from hsdesk.services.people import offices
    from hsdesk.services.people.offices import HoldingInput

    offices.add_holding(
        office.db,
        office.admin,
        HoldingInput(
            Office.VDO,
            office.cover.person_id,
            TODAY - timedelta(days=1),
            acting=True,
            acting_reason="VDO on leave",
        ),
    )
    before = counts(office.db)
    with pytest.raises(PermissionDenied, match="Priya Shah approved this item") as e:
        office.upload(item, office.web, who="priya")
    assert "Daniel Okafor can" in str(e.value)
    assert counts(office.db) == before
    assert office.upload(item, office.web).state is ContentState.PUBLISHED


def test_upload_rechecks_consent_and_names_whose_is_missing(office):
    item = office.approved((office.photo,))
    withdrawals.withdraw_consent(office.db, office.admin, office.consent, TODAY, "Email")
    before = counts(office.db)
    with pytest.raises(ValidationError, match="Do not upload.*Alfie Booth withdrew consent"):
        office.upload(item, office.facebook)
    assert counts(office.db) == before


@pytest.mark.parametrize(
    ("url", "minutes_ago", "message"),
    [
        ("facebook.com/p/1", 1, "not the address of the post"),
        ("  ", 1, "^Type the address of the post: copy it from the browser"),
        ("https://www.facebook.com/p/1", -60, "in the future"),
    ],
)
def test_upload_needs_a_real_address_and_a_past_time(office, url, minutes_ago, message):
    item = office.approved()
    posted = clock.now() - timedelta(minutes=minutes_ago)
    with pytest.raises(ValidationError, match=message):
        upload.upload(office.db, office.writer, item, office.web, url, posted, DANIEL)


def test_an_upload_in_the_minute_of_the_approval_is_after_it(office):
    """The time posted is typed to the minute (the form offers the current one); an approval
    signed at 10:00:40 and an upload posted at 10:00 are the same minute, not in the wrong order."""
    start = clock.now()
    clock.freeze(start + timedelta(seconds=40))
    item = office.approved()
    clock.freeze(start + timedelta(seconds=50))
    posted = start.replace(second=0)
    done = upload.upload(
        office.db, office.writer, item, office.web, "https://x.com/p/1", posted, DANIEL
    )
    assert done.state is ContentState.PUBLISHED
    other = office.approved()
    with pytest.raises(ValidationError, match="before the approval"):
        upload.upload(
            office.db, office.writer, other, office.web, "https://x.com/p/2",
            posted - timedelta(minutes=1), DANIEL,
        )  # fmt: skip


def test_upload_only_to_approved_channels_once_and_after_approval(office):
    item = office.approved()
    other = channels.save_channel(
        office.db,
        office.admin,
        ChannelInput("Instagram", Platform.INSTAGRAM, ConsentScope.SOCIAL_MEDIA),
    ).id
    with pytest.raises(ValidationError, match="not approved for this item"):
        office.upload(item, other)
    with pytest.raises(ValidationError, match="before the approval"):
        office.upload(item, office.web, minutes_ago=600)
    with pytest.raises(SignOffRefused, match="Volunteer Development Officer"):
        office.upload(item, office.web, who="shazia")
    office.upload(item, office.web)
    with pytest.raises(ValidationError, match="already been uploaded to Website"):
        office.upload(item, office.web)


def test_a_tampered_text_no_longer_matches_the_approval(office):
    item = office.approved()
    with office.db.write() as s:  # someone edits the file behind hsdesk's back
        s.execute(update(ContentItem).where(ContentItem.id == item).values(body="Other text"))
    with pytest.raises(ValidationError, match="changed after it was approved"):
        office.upload(item, office.web)


def test_published_items_cannot_be_edited_a_correction_takes_the_old_one_down(office):
    item = office.approved()
    office.upload(item, office.web)
    with pytest.raises(ValidationError, match="Use 'Correct…'"):
        drafts.save_item(office.db, office.writer, ContentInput("New", "x", (office.web,)), item)
    with pytest.raises(ValidationError, match="Say what the correction is for"):
        takedowns.copy_item(office.db, office.writer, item)
    copy = takedowns.copy_item(office.db, office.writer, item, "Wrong date")
    assert copy.state is ContentState.DRAFT and copy.copied_from_id == item
    old = content.get_item(office.db, item)
    assert old.open_takedowns[0].reason is TakedownReason.CORRECTION
    assert f"item {copy.id}" in old.open_takedowns[0].details


# --- takedowns ------------------------------------------------------------------------------


def test_withdrawing_consent_raises_a_takedown_at_once_and_the_vdo_records_it_done(office):
    item = office.approved((office.photo,))
    office.upload(item, office.facebook)
    impact = withdrawals.withdraw_consent(office.db, office.admin, office.consent, TODAY, "Call")
    assert impact.takedowns == 1
    details = content.get_item(office.db, item)
    (task,) = details.open_takedowns
    assert task.automatic and task.reason is TakedownReason.CONSENT
    assert "Alfie Booth withdrew consent" in task.details and task.channels == "Facebook page"
    assert not task.overdue(clock.now()) and task.overdue(clock.now() + timedelta(hours=25))
    top = needs_attention(office.db)[0]
    assert top.area == "Content" and top.severity == "urgent" and "Take down now" in top.title
    with pytest.raises(PermissionDenied, match="Volunteer Development Officer"):
        takedowns.complete_takedown(office.db, office.writer, task.id, TODAY, "Deleted")
    with pytest.raises(ValidationError, match="Say how"):
        takedowns.complete_takedown(office.db, office.vdo, task.id, TODAY, " ")
    with pytest.raises(ValidationError, match="future"):
        takedowns.complete_takedown(office.db, office.vdo, task.id, TODAY + timedelta(1), "x")
    done = takedowns.complete_takedown(office.db, office.vdo, task.id, TODAY, "Post deleted")
    assert done.state is ContentState.TAKEN_DOWN and done.live == ()
    assert not any(
        i.area == "Content" and "Take down" in i.title for i in needs_attention(office.db)
    )
    with pytest.raises(ValidationError, match="already recorded done"):
        takedowns.complete_takedown(office.db, office.vdo, task.id, TODAY, "again")


def test_manual_takedowns_need_a_reason_and_something_online(office):
    item = office.approved()
    with pytest.raises(ValidationError, match="not online anywhere"):
        takedowns.request_takedown(office.db, office.writer, item, TakedownReason.COMPLAINT, "x")
    office.upload(item, office.web)
    with pytest.raises(ValidationError, match="Say why it must come down"):
        takedowns.request_takedown(office.db, office.writer, item, TakedownReason.COMPLAINT, "")
    with pytest.raises(ValidationError, match="Choose why"):
        takedowns.request_takedown(office.db, office.writer, item, TakedownReason.CONSENT, "x")
    details = takedowns.request_takedown(
        office.db, office.writer, item, TakedownReason.COMPLAINT, "A parent asked by message"
    )
    assert details.open_takedowns and details.events[-1].kind == "takedown_requested"
    with pytest.raises(ValidationError, match="already open"):
        takedowns.request_takedown(office.db, office.writer, item, TakedownReason.ERROR, "x")
    with pytest.raises(ValidationError, match="takedown open"):
        office.upload(item, office.facebook)


def test_the_sweep_raises_takedowns_for_consents_that_ended_by_date_once(office):
    item = office.approved((office.photo,))
    office.upload(item, office.web)
    assert takedowns.sweep(office.db, office.admin) == 0  # still cleared today
    later = TODAY + timedelta(days=400)  # a child's consent lasts 12 months
    assert takedowns.sweep(office.db, office.admin, later) == 1
    assert takedowns.sweep(office.db, office.admin, later) == 0
    (task,) = content.get_item(office.db, item).open_takedowns
    assert "consent expired" in task.details


def test_approved_items_blocked_by_consent_since_are_on_the_dashboard(office):
    item = office.approved((office.photo,))
    withdrawals.withdraw_consent(office.db, office.admin, office.consent, TODAY, "Email")
    titles = [i.title for i in needs_attention(office.db)]
    assert "1 approved item now blocked by consent" in titles
    content.get_item(office.db, item)


def test_unknown_items_say_so(office):
    with pytest.raises(NotFound, match="no longer in the register"):
        content.get_item(office.db, 9999)


# --- lists, exports ----------------------------------------------------------------------------


def test_queues_show_what_each_person_has_to_do(office):
    mine = office.draft()
    waiting = office.draft()
    drafts.submit(office.db, office.writer, waiting)
    ready = office.approved()
    counts_ = content_queries.queue_counts(office.db, office.sdm)
    assert counts_[Queue.AWAITING] == 1 and counts_[Queue.READY] == 1
    assert counts_[Queue.MY_DRAFTS] == 0 and counts_[Queue.ALL] == 3
    assert content_queries.queue_counts(office.db, office.writer)[Queue.MY_DRAFTS] == 1
    rows = content_queries.item_rows(office.db, ContentQuery(Queue.READY), office.vdo)
    assert [r.id for r in rows] == [ready] and rows[0].channels == "Facebook page, Website"
    found = content_queries.item_rows(
        office.db, ContentQuery(text=str(mine), sort=content_queries.SortKey.ID), office.sdm
    )
    assert [r.id for r in found] == [mine]
    assert (
        content_queries.count_items(
            office.db, ContentQuery(state=ContentState.SUBMITTED), office.sdm
        )
        == 1
    )


def test_demo_csv_has_items_in_every_state_and_the_log_covers_a_period(demo_db, admin):
    rows = content_rows(demo_db, admin)
    assert {r[3] for r in rows} == {s.label for s in ContentState}
    taken = [r for r in rows if r[3] == "Taken down"]
    assert all(r[11] and r[12] for r in taken)
    assert any("Complaint" in r[12] for r in taken) and any("Consent" in r[12] for r in taken)
    log = content_log(demo_db, TODAY - timedelta(days=730), TODAY)
    assert {e.what for e in log} == {"Approved", "Uploaded", "Takedown asked for", "Taken down"}
    assert [e.at for e in log] == sorted(e.at for e in log)
    with pytest.raises(ValidationError, match="before it starts"):
        content_log(demo_db, TODAY, date(2020, 1, 1))


def test_search_finds_words_by_their_start_in_title_or_text_and_follows_edits(office):
    friday = office.draft(body="Coffee morning on Friday at the Hyde office")
    office.draft(body="Toddler group is back")

    def found(text: str) -> list[int]:
        rows = content_queries.item_rows(office.db, ContentQuery(text=text), office.sdm)
        return [r.id for r in rows]

    assert found("fri hyde") == [friday]
    assert found("FRIDAY") == [friday]
    assert found("tuesday") == []
    data = ContentInput("Coffee morning", "Coffee morning on Tuesday", (office.web,))
    drafts.save_item(office.db, office.writer, data, friday)
    assert found("friday") == [] and found("tues") == [friday]
    assert found("100%") == []  # punctuation alone is searched as typed, never an error
