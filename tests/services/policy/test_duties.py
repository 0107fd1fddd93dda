"""The policy drives what hsdesk checks and cites: duties linked to each adopted version's clauses,
records keeping the version they were made under, and what a revision changes."""

from __future__ import annotations

import io
from datetime import date, datetime, time

import pytest
from demo_adoption import demo_adoption
from pypdf import PdfReader
from sqlalchemy import select

from hsdesk.db.engine import Database
from hsdesk.db.models import ContentItem
from hsdesk.demo.policy import demo_signature_png, scheme_policy_text
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.consent import Clearance
from hsdesk.domain.content import ContentState, Decision
from hsdesk.domain.content_records import SignOff
from hsdesk.domain.duties import BUILT_IN, D, Found, propose
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.domain.policy import PolicyStatus
from hsdesk.domain.review import quarter_of
from hsdesk.domain.review_records import TemplateInput
from hsdesk.exports.review_pdf import build_review_pdf
from hsdesk.services.content import approval, checklist
from hsdesk.services.dashboard import needs_attention
from hsdesk.services.inductions import packs
from hsdesk.services.inductions import records as inductions
from hsdesk.services.policy import adoption, duties
from hsdesk.services.policy import versions as policy
from hsdesk.services.registers import breaches
from hsdesk.services.reviews import checklist as checklist_of_reviews
from hsdesk.services.reviews import template as review_template

ADMIN = Actor("admin", None, "Administrator", is_admin=True)
SDM = Actor("sdm", None, "Helen", is_admin=False)


def _draft(db: Database):  # type: ignore[no-untyped-def]
    return next(v for v in policy.list_versions(db) if v.status is PolicyStatus.DRAFT)


def _adopt_draft(db: Database, **links: str | None):  # type: ignore[no-untyped-def]
    given = demo_adoption(links=links) if links else demo_adoption()
    return adoption.adopt(db, ADMIN, _draft(db).id, given)


# --- proposing links (pure) ------------------------------------------------------------------


def test_the_2018_text_links_every_duty_to_its_clause_by_wording():
    found = {p.duty.key: p.number for p in propose(BUILT_IN, scheme_policy_text())}
    assert found[D.IDENTITY] == "1.6" and found[D.COMPLAINTS] == "1.7"
    assert found[D.STAFF_BREACHES] == "2.7" and found[D.VOLUNTEER_BREACHES] == "3.6"
    assert found[D.STAFF_INDUCTION] == "2.9" and found[D.VOLUNTEER_INDUCTION] == "3.7"
    assert found[D.DECLARED_CONNECTIONS] == "4.1"
    assert None not in found.values()


def test_a_renumbered_revision_moves_the_links_and_flags_a_removed_clause(demo_db):
    found = {p.duty.key: p for p in duties.proposed_links(demo_db, _draft(demo_db).id)}
    assert (found[D.IDENTITY].number, found[D.IDENTITY].found) == ("1.7", Found.SAME)
    assert found[D.COMPLAINTS].number == "1.8"
    assert (found[D.CONTENT_APPROVAL].number, found[D.CONTENT_APPROVAL].found) == (
        "1.2",
        Found.CHANGED,
    )
    assert found[D.VOLUNTEER_INDUCTION].number == "3.6"
    logo = found[D.VOLUNTEER_LOGO]
    assert logo.flagged and (logo.before, logo.number) == ("3.5", None)
    assert [p.duty.key for p in found.values() if p.flagged] == [D.VOLUNTEER_LOGO]


# --- adoption ------------------------------------------------------------------------------


def test_a_duty_whose_clause_was_removed_must_be_confirmed_before_adoption(demo_db):
    draft = _draft(demo_db)
    with pytest.raises(ValidationError, match=r"Volunteers do not use the logo.*clause 3\.5"):
        adoption.adopt(
            demo_db,
            ADMIN,
            draft.id,
            adoption.Adoption(
                "chair", "demo", clock.today(), date(2029, 12, 1), drawn=demo_signature_png()
            ),
        )
    assert policy.get_version(demo_db, draft.id).status is PolicyStatus.DRAFT
    with pytest.raises(ValidationError, match="has no clause 9.9"):
        _adopt_draft(demo_db, volunteer_logo="9.9")
    with pytest.raises(ValidationError, match="no policy duty called made_up"):
        _adopt_draft(demo_db, volunteer_logo=None, made_up="1.1")
    assert policy.get_version(demo_db, draft.id).status is PolicyStatus.DRAFT


def test_the_chair_can_link_a_duty_to_another_clause(demo_db):
    adopted = _adopt_draft(demo_db, volunteer_logo="1.7")
    cite = duties.version_citations(demo_db, adopted.id)
    assert cite.numbers(D.VOLUNTEER_LOGO, D.STAFF_LOGO) == "1.7, 2.8"


def test_after_a_renumbered_version_is_adopted_every_citation_follows_it(demo_db):
    before = duties.current_citations(demo_db)
    assert before.ref(D.COMPLAINTS) == "clause 1.7"
    _adopt_draft(demo_db)
    cite = duties.current_citations(demo_db)
    assert cite.ref(D.COMPLAINTS) == "clause 1.8"
    assert cite.ref(D.STAFF_BREACHES, D.VOLUNTEER_BREACHES) == "clauses 2.7 and 3.5"
    assert cite.ref(D.VOLUNTEER_LOGO) == "the policy"
    # the approval checklist
    points, shown = checklist.approval_checklist(demo_db)
    identity = next(p for p in points if p.key == "identity")
    assert identity.shown(shown) == "The Home-Start name and logo are used correctly (1.7)"
    # the Dashboard and status texts
    texts = " ".join(f"{i.title} {i.detail}" for i in needs_attention(demo_db, actor=ADMIN))
    assert "Clause 1.8 asks for a private reply" in texts
    assert "(clauses 2.7 and 3.5)" in texts and "clause 1.7 asks" not in texts.lower()
    summary = duties.policy_summary(demo_db)
    assert summary["clauses"][D.COMPLAINTS] == "1.8"  # type: ignore[index]
    # the review template
    template = {t.text: t.clauses for t in review_template.list_template(demo_db)}
    assert template["The Home-Start name and logo are used correctly"] == "1.7"
    assert template["Staff and volunteers' personal pages do not use the Home-Start logo"] == "2.8"


def test_an_induction_pack_cites_the_version_it_prints(demo_db):
    _adopt_draft(demo_db)
    _totals, rows = inductions.induction_rows(demo_db)
    someone = next(r for r in rows if r.kind is PersonKind.VOLUNTEER)
    batch = packs.make_packs(demo_db, ADMIN, [someone.person_id])
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(batch.pdf)).pages[:1])
    assert "clause 3.6" in " ".join(text.split())


# --- records keep their version ----------------------------------------------------------


def test_a_breach_keeps_the_clause_wording_of_the_version_it_was_recorded_under(demo_db):
    b3 = breaches.get_breach(demo_db, ADMIN, 3)
    assert b3.clauses == ("1.1", "3.6")
    _adopt_draft(demo_db)
    b3 = breaches.get_breach(demo_db, ADMIN, 3)
    words = dict(breaches.policy_clauses(demo_db, ADMIN, b3.policy_version_id))
    assert b3.clauses == ("1.1", "3.6")
    assert words["3.6"].startswith("Breaches of confidentiality or equal opportunities")
    now = dict(breaches.policy_clauses(demo_db, ADMIN))
    assert now["3.6"].startswith("New volunteers receive this policy")


def test_a_review_begun_before_a_revision_keeps_its_numbers_and_a_new_one_cites_the_new(demo_db):
    from hsdesk.services.reviews import quarterly

    old = quarterly.quarter_rows(demo_db)
    signed = next(r for r in old if r.review_id is not None)
    details = quarterly.get_review(demo_db, signed.review_id)
    identity = next(i for i in details.items if i.text.startswith("The Home-Start name"))
    assert (details.policy, identity.clauses) == ("clause 1.5", "1.6")
    _adopt_draft(demo_db)
    details = quarterly.get_review(demo_db, signed.review_id)
    identity = next(i for i in details.items if i.text.startswith("The Home-Start name"))
    assert (details.policy, identity.clauses) == ("clause 1.5", "1.6")
    # The next quarter's review, begun after the adoption, cites the new version — on its PDF too.
    clock.freeze(datetime.combine(quarter_of(clock.today()).next.start, time(10)))
    begun = checklist_of_reviews.start_review(demo_db, ADMIN, quarter_of(clock.today()))
    identity = next(i for i in begun.items if i.text.startswith("The Home-Start name"))
    assert (begun.policy, identity.clauses) == ("clause 1.6", "1.7")
    pdf = build_review_pdf(begun, None, [], lambda _sha: None)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "(clause 1.6)" in text and "used correctly (1.7)" in text


# --- a revised policy changes what is checked -----------------------------------------------


def test_an_added_checklist_point_citing_a_new_clause_is_asked_in_the_next_approval(demo_db):
    _adopt_draft(demo_db)
    point = checklist.add_point(
        demo_db,
        ADMIN,
        "Children are named by first name only, with nothing that locates them",
        "1.5",
    )
    assert point.clauses == "1.5"
    points, cite = checklist.approval_checklist(demo_db)
    added = next(p for p in points if p.key == f"{checklist.ADDED}{point.id}")
    assert added.shown(cite).endswith("(1.5)")
    with demo_db.read() as session:
        waiting = (
            session.execute(
                select(ContentItem.id).where(ContentItem.state == ContentState.SUBMITTED)
            )
            .scalars()
            .first()
        )
    yes = {p.key: True for p in points if p.key != added.key}
    with pytest.raises(ValidationError, match=r"Children are named by first name only.*\(1\.5\)"):
        approval.decide(demo_db, ADMIN, waiting, Decision.APPROVE, SignOff("sdm", "demo"), yes)
    with pytest.raises(ValidationError, match="has no clause 7.1"):
        checklist.add_point(demo_db, ADMIN, "Something", "7.1")
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        checklist.add_point(demo_db, SDM, "Something", "1.5")


def test_a_template_item_citing_a_clause_follows_it(demo_db):
    _adopt_draft(demo_db)
    item = review_template.add_item(
        demo_db, ADMIN, TemplateInput(True, "1.5", "Children are named by first name only")
    )
    assert item.clauses == "1.5" and item.duties[0].startswith("clause-")
    assert any(t.clauses == "1.5" for t in review_template.list_template(demo_db))
    with pytest.raises(ValidationError, match="has no clause 8.8"):
        review_template.add_item(demo_db, ADMIN, TemplateInput(True, "8.8", "Anything"))


# --- photos: not checked is not nobody ---------------------------------------------------------


def test_an_imported_photo_is_cleared_for_nothing_until_someone_checks_who_is_pictured(
    db, tmp_path
):
    from conftest import person as make_person
    from PIL import Image

    from hsdesk.services.people import persons
    from hsdesk.services.photos import library as photos
    from hsdesk.services.photos.files import read_photo

    path = tmp_path / "view.jpg"
    Image.new("RGB", (320, 240), (30, 90, 160)).save(path, "JPEG")
    photo_id, _new = photos.import_photo(db, ADMIN, read_photo(path))
    record = photos.get_photo(db, photo_id)
    assert not record.checked and record.worst is Clearance.UNCHECKED
    assert all(c.status is Clearance.UNCHECKED for c in record.clearances)
    titles = [i.title for i in needs_attention(db)]
    assert "1 photo waiting to be checked" in titles
    # Tagging someone checks it; removing the last person makes it unchecked again.
    person = persons.add_person(db, ADMIN, make_person())
    assert photos.tag_person(db, ADMIN, photo_id, person.id).checked
    assert not photos.untag_person(db, ADMIN, photo_id, person.id).checked
    # Confirming nobody can be identified clears it.
    record = photos.confirm_nobody(db, ADMIN, photo_id)
    assert record.checked and record.worst is Clearance.CLEARED
    assert "1 photo waiting to be checked" not in [i.title for i in needs_attention(db)]
    photos.tag_person(db, ADMIN, photo_id, person.id)
    with pytest.raises(ValidationError, match="People are recorded in this photo"):
        photos.confirm_nobody(db, ADMIN, photo_id)
