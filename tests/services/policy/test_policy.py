"""Policy versions: drafts, import, the Chair's adoption sign-off and review reminders."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from conftest import office_actor
from demo_adoption import demo_adoption
from sqlalchemy import func, select

from hsdesk.db.models import AuditEntry, PolicyVersion
from hsdesk.demo.policy import scheme_policy_text
from hsdesk.domain import clock
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import PermissionDenied, SignOffRefused, ValidationError
from hsdesk.domain.policy import PolicyStatus, PolicyText, Section
from hsdesk.services.dashboard import needs_attention
from hsdesk.services.platform import signatures
from hsdesk.services.policy import adoption, drafts
from hsdesk.services.policy import versions as policy

SDM = office_actor(Office.SDM)


def _draft(db):
    return drafts.import_text(
        db, SDM, scheme_policy_text().as_plain_text().replace("Procedure", "Procedure (new)", 1)
    )


_adoption = demo_adoption


def _counts(db):
    with db.read() as session:
        return (
            session.execute(select(func.count()).select_from(PolicyVersion)).scalar_one(),
            session.execute(  # changes only: a refused password is audited on purpose
                select(func.count()).where(AuditEntry.action != "sign_in_failed")
            ).scalar_one(),
        )


def _draft_of_demo(demo_db):
    return next(v for v in policy.list_versions(demo_db) if v.status is PolicyStatus.DRAFT)


def test_demo_has_the_2018_policy_adopted_and_a_2026_draft(demo_db):
    old, first, second = policy.list_versions(demo_db)
    assert (old.number, old.status, old.adopted_on, old.superseded_on) == (
        1,
        PolicyStatus.SUPERSEDED,
        date(2017, 5, 10),
        date(2018, 4, 11),
    )
    assert old.text.clause_count < first.text.clause_count
    assert (first.number, first.status, first.adopted_on, first.review_due) == (
        2,
        PolicyStatus.ADOPTED,
        date(2018, 4, 11),
        date(2021, 3, 31),
    )
    assert first.chair_name == "Margaret Ashworth" and first.signature_sha256
    assert second.status is PolicyStatus.DRAFT and second.text != first.text
    titles = [i.title for i in needs_attention(demo_db)]
    assert "Social Networking Policy: review overdue since 31/03/2021" in titles


def test_the_chair_adopts_with_their_own_password_and_supersedes_the_old_version(demo_db):
    draft = _draft_of_demo(demo_db)
    # The SDM is signed in at the PC; the Chair signs with her own name and password.
    adopted = adoption.adopt(demo_db, SDM, draft.id, _adoption(keep_drawn=True))
    assert adopted.status is PolicyStatus.ADOPTED and adopted.chair_name == "Margaret Ashworth"
    old = next(v for v in policy.list_versions(demo_db) if v.number == draft.number - 1)
    assert old.status is PolicyStatus.SUPERSEDED and old.superseded_on == clock.today()
    with demo_db.read() as session:
        entry = (
            session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalars().first()
        )
        assert (entry.action, entry.actor, entry.signer) == ("adopt", "sdm", "chair")
    # The reminder now counts down from the new review date: nothing due for three years.
    assert not [i for i in needs_attention(demo_db) if i.area == "Policy"]


@pytest.mark.parametrize(
    ("changes", "refusal", "message"),
    [
        ({"password": "wrong"}, SignOffRefused, "password of the Chair is not right"),
        ({"username": "vicechair"}, SignOffRefused, "does not hold the office of Chair"),
        ({"adopted_on": date(2016, 1, 1)}, ValidationError, "cannot be adopted before"),
        ({"review_due": clock.today()}, ValidationError, "must be after the adoption date"),
        ({"adopted_on": clock.today() + timedelta(days=1)}, ValidationError, "in the future"),
        ({"drawn": None}, ValidationError, "signature is missing"),
        ({"drawn": b"not a picture"}, ValidationError, "not a readable image"),
    ],
)
def test_adoption_is_refused_with_the_reason(demo_db, changes, refusal, message):
    draft = _draft_of_demo(demo_db)
    before = _counts(demo_db)
    with pytest.raises(refusal, match=message):
        adoption.adopt(demo_db, SDM, draft.id, _adoption(**changes))
    assert policy.get_version(demo_db, draft.id).status is PolicyStatus.DRAFT
    assert _counts(demo_db) == before  # nothing half-written, no audit entry


def test_the_chair_on_a_past_date_must_have_held_office_then(demo_db):
    draft = _draft_of_demo(demo_db)
    with pytest.raises(SignOffRefused, match="on 01/01/2019"):
        adoption.adopt(
            demo_db, SDM, draft.id, _adoption(username="sdm", adopted_on=date(2019, 1, 1))
        )


def test_someone_elses_stored_signature_cannot_be_used(demo_db):
    chair_signature = signatures.signatures_for(demo_db, "chair")[0]
    assert signatures.signatures_for(demo_db, "vdo") == []
    draft = _draft_of_demo(demo_db)
    adopted = adoption.adopt(
        demo_db, SDM, draft.id, _adoption(drawn=None, stored_id=chair_signature.id)
    )
    assert adopted.signature_sha256 == chair_signature.sha256


def test_adopted_versions_are_read_only_forever(demo_db):
    adopted = policy.list_versions(demo_db)[0]
    with pytest.raises(ValidationError, match="read-only forever"):
        drafts.save_draft(demo_db, SDM, adopted.id, adopted.text)
    with pytest.raises(ValidationError, match="read-only forever"):
        drafts.delete_draft(demo_db, SDM, adopted.id)
    with pytest.raises(ValidationError, match="read-only forever"):
        adoption.adopt(demo_db, SDM, adopted.id, _adoption())
    assert policy.get_version(demo_db, adopted.id) == adopted


def test_a_version_with_no_clauses_cannot_be_adopted(db, admin):
    draft = drafts.create_draft(db, admin, PolicyText("Confidentiality Policy", "We keep secrets."))
    with pytest.raises(ValidationError, match="no clauses"):
        adoption.adopt(db, admin, draft.id, _adoption())


def test_drafts_are_edited_renumbered_and_deleted(demo_db):
    draft = _draft_of_demo(demo_db)
    sections = list(draft.text.sections)
    sections[0] = Section(sections[0].heading, sections[0].clauses[1:])  # delete clause 1.1
    saved = drafts.save_draft(demo_db, SDM, draft.id, replace(draft.text, sections=tuple(sections)))
    assert saved.text.numbered()[0] == ("1.1", draft.text.numbered()[1][1])
    with pytest.raises(ValidationError, match="Clause 1.1 is empty"):
        drafts.save_draft(
            demo_db, SDM, draft.id, replace(draft.text, sections=(Section("H", ("",)),))
        )
    drafts.delete_draft(demo_db, SDM, draft.id)
    assert [v.status for v in policy.list_versions(demo_db)] == [
        PolicyStatus.SUPERSEDED,
        PolicyStatus.ADOPTED,
    ]


def test_one_draft_at_a_time_and_drafts_start_from_any_version(demo_db):
    adopted = policy.list_versions(demo_db)[1]
    with pytest.raises(ValidationError, match="already has a draft"):
        drafts.new_draft_from(demo_db, SDM, adopted.id)
    drafts.delete_draft(demo_db, SDM, _draft_of_demo(demo_db).id)
    fresh = drafts.new_draft_from(demo_db, SDM, adopted.id)
    assert (fresh.number, fresh.text, fresh.status) == (3, adopted.text, PolicyStatus.DRAFT)


def test_only_policy_officers_write_drafts(demo_db, volunteer_actor):
    with pytest.raises(PermissionDenied, match="Only an administrator, the Chair"):
        drafts.import_text(demo_db, volunteer_actor, scheme_policy_text().as_plain_text())


def test_import_creates_a_draft_or_nothing(db, admin):
    draft = drafts.import_text(db, admin, scheme_policy_text().as_plain_text())
    assert (draft.document_name, draft.text.clause_count) == ("Social Networking Policy", 24)
    before = _counts(db)
    with pytest.raises(ValidationError, match="Line 3 could not be read"):
        drafts.import_text(db, admin, "A Policy\n\nstray\n1. Heading\n- 1.1 Clause\n")
    assert _counts(db) == before


def test_a_policy_never_adopted_is_flagged(db, admin):
    draft = drafts.import_text(db, admin, scheme_policy_text().as_plain_text())
    with pytest.raises(SignOffRefused):  # no Chair in this database at all
        adoption.adopt(db, admin, draft.id, _adoption())
    titles = [i.title for i in needs_attention(db) if i.area == "Policy"]
    assert titles == ["Social Networking Policy: not adopted yet"]
