"""Any text into every service that keeps text: every code point (NUL, half of a surrogate pair),
combining marks, invisible and right-to-left marks, LIKE's wildcards, up to 100,000 characters.
Each is kept and read back as typed (trimmed), or refused in words with nothing written; never
another exception. (People, channels, drafts, offices and reviews: test_bad_input.py; the
registers: registers/test_registers_bad_input.py.)"""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from bad_input import EXAMPLES, attempt, one_line, short_texts, texts
from content_office import PASSWORD, YES, build_office
from hypothesis import example, given
from induction_office import TODAY, build_induction_office
from PIL import Image
from sqlalchemy import select

from hsdesk.db.models import QuarterlyReview
from hsdesk.domain import clock
from hsdesk.domain.consent import ConsentMethod, ConsentScope
from hsdesk.domain.content import Decision, TakedownReason
from hsdesk.domain.content_records import ContentQuery, SignOff
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import HsdeskError, NotFound, ValidationError
from hsdesk.domain.induction import AckMethod
from hsdesk.domain.induction_records import AckInput
from hsdesk.domain.photo_records import ConsentInput, PhotoDetails
from hsdesk.domain.review_records import TemplateInput
from hsdesk.services.content import approval, drafts, queries, takedowns, upload
from hsdesk.services.inductions import packs, recording
from hsdesk.services.people import accounts
from hsdesk.services.people import persons as people
from hsdesk.services.photos import consents, library, withdrawals
from hsdesk.services.platform import auth, files, signatures
from hsdesk.services.platform.audit import AuditFilter, list_entries
from hsdesk.services.policy import drafts as policy_drafts
from hsdesk.services.policy import versions
from hsdesk.services.reviews import actions, checklist, template
from hsdesk.services.reviews import quarterly as reviews


@pytest.fixture
def office(db, admin):
    return build_office(db, admin)


@EXAMPLES
@given(reason=texts, url=short_texts, details=texts, how=texts)
def test_decisions_postings_and_takedowns(office, reason, url, details, how):
    db = office.db
    item = office.draft()
    drafts.submit(db, office.writer, item)
    helen = SignOff("helen", PASSWORD)

    def decided(record: Any) -> None:
        assert record.decisions[-1].reason == reason.strip()

    attempt(
        db,
        lambda: approval.decide(db, office.writer, item, Decision.CHANGES, helen, YES, reason),
        decided,
    )
    approved = office.approved()

    def posted(record: Any) -> None:
        assert record.publications[-1].url == url.strip()

    attempt(
        db,
        lambda: upload.upload(
            db,
            office.writer,
            approved,
            office.facebook,
            url,
            clock.now(),
            SignOff("daniel", PASSWORD),
        ),
        posted,
    )
    office.upload(approved, office.web)

    def asked(record: Any) -> None:
        task = record.takedowns[-1]
        assert task.details == details.strip()

        def done(after: Any) -> None:
            assert [t.how for t in after.takedowns if t.id == task.id] == [how.strip()]

        attempt(
            db,
            lambda: takedowns.complete_takedown(db, office.vdo, task.id, TODAY, how),
            done,
        )

    attempt(
        db,
        lambda: takedowns.request_takedown(
            db, office.writer, approved, TakedownReason.ERROR, details
        ),
        asked,
    )


@EXAMPLES
@given(relationship=short_texts, witness=short_texts, notes=texts, how=short_texts, why=texts)
def test_consents_and_withdrawals(office, relationship, witness, notes, how, why):
    db = office.db
    data = ConsentInput(
        subject_id=office.child,
        given_by_id=office.parent,
        relationship=relationship,
        method=ConsentMethod.VERBAL,
        wording_version=2,
        scopes=frozenset({ConsentScope.WEBSITE}),
        given_on=TODAY - timedelta(days=1),
        witness=witness,
        notes=notes,
    )

    def recorded(record: Any) -> None:
        back = consents.get_consent(db, record.id)
        assert (back.relationship, back.witness) == (relationship.strip(), witness.strip())
        assert back.notes == notes.strip()
        attempt(
            db,
            lambda: withdrawals.withdraw_consent(db, office.admin, record.id, TODAY, how, why),
            lambda _impact: None,
        )

    attempt(db, lambda: consents.record_consent(db, office.admin, data), recorded)


@EXAMPLES
@given(caption=texts, event=short_texts)
def test_photo_details(office, caption, event):
    db = office.db

    def kept(record: Any) -> None:
        assert (record.caption, record.event) == (caption.strip(), one_line(event))

    attempt(
        db,
        lambda: library.update_photo(
            db, office.admin, office.photo, PhotoDetails(caption, event, None, 0)
        ),
        kept,
    )


def _jpeg(tmp: Path, name: str) -> Path:
    path = tmp / name
    Image.new("RGB", (32, 24), "teal").save(path, "JPEG")
    return path


@EXAMPLES
@given(event=short_texts)
def test_an_imported_batch_takes_any_event(office, tmp_path, event):
    """The event typed for a batch of photos never stops the batch with a crash."""
    db = office.db
    path = _jpeg(tmp_path, "party.jpg")
    attempt(
        db,
        lambda: library.import_files(db, office.admin, [path], event),
        lambda report: None,
    )


@EXAMPLES
@given(reference=short_texts, notes=texts, username=short_texts, password=short_texts)
def test_families_and_accounts(office, reference, notes, username, password):
    db = office.db

    def kept(record: Any) -> None:
        assert (record.reference, record.notes) == (reference.strip().upper(), notes.strip())

    attempt(
        db, lambda: people.save_family(db, office.admin, None, reference, None, None, notes), kept
    )
    someone = people.add_person(db, office.admin, people_input(), same_name_confirmed=True)
    attempt(
        db,
        lambda: accounts.create_account(db, office.admin, someone.id, username, password),
        lambda record: None,
    )


def people_input():  # type: ignore[no-untyped-def]
    from conftest import person

    return person("Any", "Text", PersonKind.STAFF)


@pytest.fixture
def induction_office(db, admin):
    return db, admin, build_induction_office(db, admin)


@EXAMPLES
@given(notes=texts, given_by=short_texts, title=short_texts, file_name=short_texts)
def test_inductions(induction_office, notes, given_by, title, file_name):
    db, admin, office = induction_office
    ack = AckInput(
        office.ids["late"],
        office.current,
        TODAY,
        AckMethod.IN_PERSON,
        TODAY,
        given_by,
        notes=notes,
    )
    attempt(db, lambda: recording.record_acknowledgement(db, admin, ack, TODAY), lambda r: None)
    attempt(
        db,
        lambda: recording.record_given(
            db, admin, office.ids["new"], office.current, TODAY, given_by
        ),
        lambda r: None,
    )
    attempt(
        db,
        lambda: packs.add_pack_document(db, admin, PersonKind.VOLUNTEER, title, _pdf(), file_name),
        lambda record: None,
    )


def _pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "Extra page")
    canvas.save()
    return out.getvalue()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return out.getvalue()


@EXAMPLES
@given(note=texts, file_name=short_texts, text=texts, guidance=texts, clauses=short_texts)
def test_review_evidence_actions_and_template(
    demo_db, admin, note, file_name, text, guidance, clauses
):
    db = demo_db
    with db.read() as session:
        review_id = session.scalar(
            select(QuarterlyReview.id).where(QuarterlyReview.signed_at.is_(None))
        )
    details = reviews.get_review(db, review_id)
    item = next(i for i in details.items if not i.answered_automatically)
    attempt(
        db, lambda: checklist.add_evidence(db, admin, item.id, _png(), file_name), lambda r: None
    )
    owner_id, _name = actions.action_owners(db)[0]
    from hsdesk.domain.review_records import ActionInput

    action = actions.add_action(db, admin, details.id, ActionInput("Check it", owner_id, TODAY))
    attempt(
        db,
        lambda: actions.complete_action(db, admin, action.id, TODAY, note),
        lambda record: None,
    )
    attempt(
        db,
        lambda: template.add_item(db, admin, TemplateInput(False, clauses, text, guidance)),
        lambda record: None,
    )


@EXAMPLES
@given(text=texts, name=short_texts)
def test_a_policy_imported_from_any_text(db, admin, text, name):
    attempt(
        db,
        lambda: policy_drafts.import_text(db, admin, text, name or None),
        lambda record: None,
    )


@EXAMPLES
@given(typed=short_texts)
@example(typed="🚢{>" * 10_000)  # more than SQLite's LIKE takes
def test_searches_and_filters_take_any_text(demo_db, admin, typed):
    """Nothing typed into a search or filter box raises: what no stored text can hold is left
    out, and wildcards are matched as typed."""
    query = ContentQuery(text=typed)
    shown = queries.item_rows(demo_db, query, admin, 0, 500)
    assert queries.count_items(demo_db, query, admin) == len(shown)
    list_entries(demo_db, admin, AuditFilter(text=typed, entity=typed))
    try:
        reviews.find_quarter(demo_db, typed)
    except (ValidationError, NotFound) as refused:
        assert str(refused).strip()


@EXAMPLES
@given(typed=short_texts)
@example(typed="adm\ud800in")  # a non-UTF-8 byte on the command line arrives as one of these
@example(typed="0" * 100_000)
def test_names_looked_up_take_any_text(demo_db, admin, typed):
    """A username, a policy document's name or a file's fingerprint typed or passed on the
    command line finds the record, or is refused in words; never a crash. (A refused sign-in
    is counted, so this one does not ask that nothing changed.)"""
    db = demo_db
    lookups = [
        lambda: auth.sign_in(db, typed, typed),
        lambda: auth.demo_sign_in(db, typed),
        lambda: accounts.reset_password(db, admin, typed, "a new passphrase"),
        lambda: accounts.set_flags(db, admin, typed, active=True),
        lambda: signatures.signatures_for(db, typed),
        lambda: versions.find_version_record(db, typed),
        lambda: library.thumbnail(db, typed),
        lambda: accounts.change_own_password(db, auth.demo_sign_in(db, "sdm"), typed, typed),
    ]
    for lookup in lookups:
        try:
            lookup()
        except HsdeskError as refused:
            assert str(refused).strip()
    assert files.stored_bytes(db, typed) is None or len(typed) == 64
