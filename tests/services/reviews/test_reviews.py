"""Quarterly reviews: quarters and due dates under both numberings, the template snapshot,
automatic items, evidence, roll-over of actions, the Vice Chair's sign-off and the signed PDF."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
import stored_files
from content_office import PASSWORD, build_office
from PIL import Image
from sqlalchemy import func, select

from hsdesk.db.models import AuditEntry, QuarterlyReview, ReviewItem
from hsdesk.demo.policy import demo_signature_png
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.enums import Office, PersonKind
from hsdesk.domain.errors import PermissionDenied, SignOffRefused, ValidationError
from hsdesk.domain.records import PersonInput
from hsdesk.domain.review import (
    ItemResult,
    Quarter,
    QuarterScheme,
    ReviewStatus,
    due_on,
    parse_quarter,
    quarter_of,
    review_status,
)
from hsdesk.domain.review_records import ActionInput, TemplateInput
from hsdesk.services import signed_pdfs
from hsdesk.services.dashboard import needs_attention
from hsdesk.services.people import accounts, offices
from hsdesk.services.people import persons as people
from hsdesk.services.people.offices import HoldingInput
from hsdesk.services.platform import auth
from hsdesk.services.platform.signatures import SignatureChoice
from hsdesk.services.reviews import actions, checklist, signoff
from hsdesk.services.reviews import quarterly as reviews
from hsdesk.services.reviews import template as review_template
from hsdesk.services.reviews.attention import review_summary
from hsdesk.services.reviews.pdf import export_review

TODAY = clock.today()
LAST = quarter_of(TODAY).previous  # the quarter that ended most recently
AFTER = LAST.end + timedelta(days=5)  # a day on which LAST can be signed off


# --- quarters and due dates (pure) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "key", "start"),
    [
        (QuarterScheme.CALENDAR, "2026Q1", date(2026, 1, 1)),
        (QuarterScheme.CALENDAR, "2026Q3", date(2026, 7, 1)),
        (QuarterScheme.FINANCIAL, "2026Q1", date(2026, 4, 1)),
        (QuarterScheme.FINANCIAL, "2026Q3", date(2026, 10, 1)),
        (QuarterScheme.FINANCIAL, "2026Q4", date(2027, 1, 1)),
    ],
)
def test_quarter_keys_under_both_numberings(scheme, key, start):
    quarter = parse_quarter(key, scheme)
    assert quarter.start == start
    assert quarter.key(scheme) == key
    assert quarter.end == quarter.next.start - timedelta(days=1)


def test_quarter_names_and_due_dates():
    q = Quarter(date(2027, 1, 1))
    assert q.name(QuarterScheme.CALENDAR) == "Q1 2027"
    assert q.name(QuarterScheme.FINANCIAL) == "Q4 2026/27"
    assert q.months == "January to March 2027"
    # Due 30 days after the quarter ends, whichever numbering: the periods are the same.
    assert due_on(q, 30) == date(2027, 4, 30)
    assert due_on(Quarter(date(2026, 10, 1)), 30) == date(2027, 1, 30)
    assert review_status(False, False, date(2027, 4, 30), date(2027, 4, 30)) is (
        ReviewStatus.NOT_STARTED
    )
    assert review_status(False, False, date(2027, 4, 30), date(2027, 5, 1)) is ReviewStatus.OVERDUE
    assert review_status(True, False, date(2027, 4, 30), date(2027, 4, 1)) is (
        ReviewStatus.IN_PROGRESS
    )
    assert review_status(True, True, date(2027, 4, 30), date(2028, 1, 1)) is (
        ReviewStatus.SIGNED_OFF
    )


@pytest.mark.parametrize("text", ["2026-Q3", "Q3 2026", "2026Q5", "", "26Q1"])
def test_badly_typed_quarters_are_refused_with_an_example(text):
    with pytest.raises(ValidationError, match="e.g. 2026Q3"):
        parse_quarter(text, QuarterScheme.CALENDAR)


# --- a small office with a Vice Chair --------------------------------------------------------


@pytest.fixture
def office(db, admin):
    o = build_office(db, admin)
    vc = people.add_person(db, admin, PersonInput("Rizwan", "Akhtar", PersonKind.TRUSTEE))
    accounts.create_account(db, admin, vc.id, "rizwan", PASSWORD)
    offices.add_holding(
        db, admin, HoldingInput(Office.VICE_CHAIR, vc.id, TODAY - timedelta(days=800))
    )
    o.vice = auth.sign_in(db, "rizwan", PASSWORD)  # type: ignore[attr-defined]
    return o


def _signoff(username="rizwan", password=PASSWORD):
    return signoff.ReviewSignoff(username, password, SignatureChoice(drawn=demo_signature_png()))


def _answer_all(db, actor, review_id, result=ItemResult.PASS):
    for item in reviews.get_review(db, review_id).items:
        if item.result is None:
            checklist.answer_item(db, actor, item.id, result, "")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), "steelblue").save(out, "PNG")
    return out.getvalue()


def test_quarters_list_and_due_dates_follow_the_setting(office):
    db, admin = office.db, office.admin
    rows = reviews.quarter_rows(db, TODAY)
    assert [r.quarter for r in rows] == [quarter_of(TODAY), LAST]
    assert rows[1].due_on == LAST.end + timedelta(days=30)
    reviews.set_quarter_settings(db, admin, QuarterScheme.FINANCIAL, 45)
    rows = reviews.quarter_rows(db, LAST.end + timedelta(days=46))
    last = next(r for r in rows if r.quarter == LAST)
    assert last.due_on == LAST.end + timedelta(days=45)
    assert last.status is ReviewStatus.OVERDUE
    assert last.key == LAST.key(QuarterScheme.FINANCIAL)
    with pytest.raises(PermissionDenied):
        reviews.set_quarter_settings(db, office.vice, QuarterScheme.CALENDAR, 30)
    with pytest.raises(ValidationError, match="1 to 120"):
        reviews.set_quarter_settings(db, admin, QuarterScheme.CALENDAR, 0)


def test_a_review_is_built_per_channel_from_the_template(office):
    db = office.db
    review = checklist.start_review(db, office.vice, LAST, AFTER)
    template = review_template.list_template(db, active_only=True)
    per_channel = sum(1 for t in template if t.per_channel)
    general = len(template) - per_channel
    assert len(review.items) == per_channel * 2 + general  # two channels
    assert {i.group for i in review.items} == {"Facebook page", "Website", "The scheme"}
    privacy = next(i for i in review.items if i.text.startswith("Privacy settings"))
    assert "No privacy settings have been agreed" in privacy.agreed_settings
    photos = [i for i in review.items if i.text.startswith("Every photo")]
    assert all(i.result is ItemResult.NOT_APPLICABLE for i in photos)
    with pytest.raises(ValidationError, match="already begun"):
        checklist.start_review(db, office.vice, LAST, AFTER)


def test_a_future_quarter_cannot_be_reviewed(office):
    future = quarter_of(TODAY).next
    with pytest.raises(ValidationError, match="has not begun yet"):
        checklist.start_review(office.db, office.vice, future, TODAY)
    with pytest.raises(ValidationError, match="has not begun yet"):
        reviews.find_quarter(office.db, future.key(QuarterScheme.CALENDAR), TODAY)


def test_editing_the_template_never_changes_a_review_already_begun(office):
    db, admin = office.db, office.admin
    before = checklist.start_review(db, office.vice, LAST, AFTER)
    first = review_template.list_template(db)[0]
    review_template.edit_item(
        db, admin, first.id, TemplateInput(True, "", "Posts are kind and accurate", "")
    )
    # (no policy is adopted in this office, so the items cite no clause: see test_duties.py)
    added = review_template.add_item(db, admin, TemplateInput(False, "", "Website analytics"))
    with pytest.raises(PermissionDenied):
        review_template.add_item(db, office.vice, TemplateInput(False, "", "Anything"))
    after = reviews.get_review(db, before.id)
    assert [i.text for i in after.items] == [i.text for i in before.items]
    with db.read() as session:
        row = session.get(QuarterlyReview, before.id)
        assert "Posts are kind" not in row.template_snapshot
    current = checklist.start_review(db, office.vice, quarter_of(TODAY), TODAY)
    texts = [i.text for i in current.items]
    assert "Posts are kind and accurate" in texts and added.text in texts
    assert current.template_revision == before.template_revision + 2


def test_photo_consent_item_lists_what_was_published(office):
    db = office.db
    item = office.approved((office.photo,))
    office.upload(item, office.web)
    review = checklist.start_review(db, office.vice, quarter_of(TODAY), TODAY)
    web = next(
        i for i in review.items if i.channel_name == "Website" and i.text.startswith("Every photo")
    )
    assert web.result is ItemResult.PASS
    assert "everyone pictured had consent" in web.found[0] and f"#{item}" in web.found[0]
    with pytest.raises(ValidationError, match="filled in from hsdesk's records"):
        checklist.answer_item(db, office.vice, web.id, ItemResult.ISSUE, "")
    checklist.answer_item(db, office.vice, web.id, None, "Looked at the photos too.")
    assert reviews.get_review(db, review.id).items[web.position - 1].notes.startswith("Looked")


def test_signoff_refusals_change_nothing(office):
    db = office.db
    review = checklist.start_review(db, office.vice, LAST, AFTER)
    audit_before = _audit_count(db)
    with pytest.raises(ValidationError, match="not answered"):
        signoff.sign_off(db, office.sdm, review.id, _signoff(), AFTER)
    _answer_all(db, office.vice, review.id)
    issue = review.items[1]
    checklist.answer_item(db, office.vice, issue.id, ItemResult.ISSUE, "")
    with pytest.raises(ValidationError, match="no note or action"):
        signoff.sign_off(db, office.sdm, review.id, _signoff(), AFTER)
    with pytest.raises(SignOffRefused, match="does not hold the office of Vice Chair"):
        signoff.sign_off(db, office.vice, review.id, _signoff("helen"), AFTER)
    with pytest.raises(SignOffRefused, match="not right"):
        signoff.sign_off(db, office.vice, review.id, _signoff(password="wrong"), AFTER)
    with pytest.raises(ValidationError, match="can be signed off from that day"):
        signoff.sign_off(db, office.vice, review.id, _signoff(), LAST.end - timedelta(days=1))
    assert reviews.get_review(db, review.id).signed_at is None
    answers = sum(1 for i in review.items if i.result is None) + 1
    assert _audit_count(db) == audit_before + answers  # only the answers were written
    checklist.answer_item(db, office.vice, issue.id, ItemResult.ISSUE, "Old event still pinned.")
    signed = signoff.sign_off(db, office.sdm, review.id, _signoff(), AFTER)
    assert signed.read_only and signed.signer_label == "Rizwan Akhtar (Vice Chair)"
    with pytest.raises(ValidationError, match="can no longer be changed"):
        checklist.answer_item(db, office.vice, issue.id, ItemResult.PASS, "")
    with pytest.raises(ValidationError, match="can no longer be changed"):
        checklist.add_evidence(db, office.vice, issue.id, _png(), "shot.png")
    with db.read() as session:
        entry = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalar()
        assert entry.signer == "rizwan" and entry.actor == "helen"


def test_only_reviewers_may_work_on_a_review(office, volunteer_actor):
    review = checklist.start_review(office.db, office.vice, LAST, AFTER)
    with pytest.raises(PermissionDenied):
        checklist.answer_item(office.db, volunteer_actor, review.items[0].id, ItemResult.PASS, "")
    with pytest.raises(PermissionDenied):
        checklist.start_review(office.db, office.writer, quarter_of(TODAY), TODAY)


def test_evidence_is_checked_and_kept(office):
    db = office.db
    review = checklist.start_review(db, office.vice, LAST, AFTER)
    item = review.items[2]
    shot = checklist.add_evidence(db, office.vice, item.id, _png(), "settings.png")
    assert shot.is_image and stored_files.read(db, shot.sha256) == _png()
    with pytest.raises(ValidationError, match="not a PDF or an image"):
        checklist.add_evidence(db, office.vice, item.id, b"hello", "notes.txt")
    with pytest.raises(ValidationError, match="already attached"):
        checklist.add_evidence(db, office.vice, item.id, _png(), "again.png")
    checklist.remove_evidence(db, office.vice, shot.id)
    assert reviews.get_review(db, review.id).items[2].evidence == ()


def _minutes_later() -> None:
    """Let time pass between two events whose order the rules read from their times."""
    clock.freeze(clock.now() + timedelta(minutes=5))


def test_open_actions_roll_over_until_done(office):
    db, vice = office.db, office.vice
    earlier = LAST.previous
    first = checklist.start_review(db, vice, earlier, LAST.start + timedelta(days=3))
    _answer_all(db, vice, first.id)
    item = first.items[0]
    checklist.answer_item(db, vice, item.id, ItemResult.ISSUE, "")
    owner = office.writer.person_id
    when = LAST.start + timedelta(days=3)
    fix = actions.add_action(
        db, vice, first.id, ActionInput("Fix the page", owner, when + timedelta(days=7), item.id)
    )
    stays = actions.add_action(
        db, vice, first.id, ActionInput("Archive old posts", owner, when + timedelta(days=7))
    )
    with pytest.raises(ValidationError, match="current trustee"):
        actions.add_action(db, vice, first.id, ActionInput("x", office.child, when))
    signoff.sign_off(db, vice, first.id, _signoff(), when)
    _minutes_later()
    second = checklist.start_review(db, vice, LAST, AFTER)
    assert [a.what for a in second.carried] == ["Fix the page", "Archive old posts"]
    done = actions.complete_action(db, office.writer, fix.id, TODAY, "Updated", TODAY)
    assert not done.is_open
    with pytest.raises(ValidationError, match="future"):
        actions.complete_action(db, vice, stays.id, TODAY + timedelta(days=1), "", TODAY)
    second = reviews.get_review(db, second.id)
    assert [a.is_open for a in second.carried] == [False, True]  # done ones stay listed
    _answer_all(db, vice, second.id)
    _minutes_later()
    signoff.sign_off(db, vice, second.id, _signoff(), AFTER)
    third = checklist.start_review(db, vice, quarter_of(TODAY), TODAY)
    assert [a.what for a in third.carried] == ["Archive old posts"]
    # The signed-off review keeps what it carried, whatever happens later.
    actions.complete_action(db, vice, stays.id, TODAY, "", TODAY)
    assert [a.what for a in reviews.get_review(db, second.id).carried] == [
        "Fix the page",
        "Archive old posts",
    ]


def test_dashboard_and_status_show_reviews_and_late_actions(office):
    db = office.db
    day = LAST.end + timedelta(days=31)
    titles = [i.title for i in needs_attention(db, day)]
    assert f"Quarterly review of {LAST.name(QuarterScheme.CALENDAR)} overdue" in titles
    review = checklist.start_review(db, office.vice, LAST, AFTER)
    actions.add_action(
        db, office.vice, review.id, ActionInput("Fix", office.writer.person_id, AFTER)
    )
    summary = review_summary(db, AFTER + timedelta(days=1))
    assert summary["actions_overdue"][0]["what"] == "Fix"
    assert summary["next_due"]["quarter"] == LAST.key(QuarterScheme.CALENDAR)
    assert "1 review action overdue" in [
        i.title for i in needs_attention(db, AFTER + timedelta(days=1))
    ]


def test_signed_review_pdf_exports_and_verifies(office, tmp_path: Path):
    from pypdf import PdfReader

    db = office.db
    review = checklist.start_review(db, office.vice, LAST, AFTER)
    _answer_all(db, office.vice, review.id)
    checklist.add_evidence(db, office.vice, review.items[2].id, _png(), "privacy.png")
    key = LAST.key(QuarterScheme.CALENDAR)
    with pytest.raises(ValidationError, match="not signed off yet"):
        export_review(db, office.admin, key, tmp_path / "r.pdf", AFTER)
    signoff.sign_off(db, office.vice, review.id, _signoff(), AFTER)
    target = tmp_path / "r.pdf"
    export_review(db, office.admin, key, target, AFTER)
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert f"Quarterly review — {LAST.name(QuarterScheme.CALENDAR)}" in text
    assert "Rizwan Akhtar (Vice Chair)" in text and "privacy.png" in text
    assert "Content this quarter" in text
    report = signed_pdfs.verify(db, target.read_bytes())
    assert report.ok and "quarterly review" in report.matches
    tampered = target.read_bytes().replace(b"Rizwan", b"Rizwam", 1)
    assert not signed_pdfs.verify(db, tampered).ok
    before = target.read_bytes()
    export_review(db, office.admin, key, target, AFTER)
    assert target.read_bytes() == before  # made once, handed out unchanged


def test_demo_has_four_signed_reviews_and_one_under_way(demo_db):
    rows = reviews.quarter_rows(demo_db)
    statuses = [r.status for r in rows]
    assert statuses[0] is ReviewStatus.IN_PROGRESS
    assert statuses[1:5] == [ReviewStatus.SIGNED_OFF] * 4
    current = reviews.get_review(demo_db, rows[0].review_id)
    assert [a.what for a in current.carried if a.is_open] == [
        "Archive the posts about the closed 2024 appeal"
    ]
    with demo_db.read() as session:
        assert session.scalar(select(func.count()).select_from(ReviewItem)) > 100


def _audit_count(db) -> int:
    """Audit entries of changes (a refused password is audited on purpose, and not counted)."""
    changes = (
        select(func.count()).select_from(AuditEntry).where(AuditEntry.action != "sign_in_failed")
    )
    with db.read() as session:
        return session.scalar(changes) or 0


def test_action_owner_alone_may_record_it_done(office):
    review = checklist.start_review(office.db, office.vice, LAST, AFTER)
    action = actions.add_action(
        office.db, office.vice, review.id, ActionInput("Fix", office.writer.person_id, AFTER)
    )
    stranger = Actor("x", office.cover.person_id, "Priya", person_kind=PersonKind.VOLUNTEER)
    with pytest.raises(PermissionDenied, match="owner"):
        actions.complete_action(office.db, stranger, action.id, TODAY, "", TODAY)
    done = actions.complete_action(office.db, office.writer, action.id, TODAY, "", TODAY)
    assert not done.is_open
