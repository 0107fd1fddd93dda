"""Bad input everywhere: whatever is typed into a service's text, date and number fields is
either saved and read back unchanged, or refused with a ValidationError that explains itself;
never another exception, and never a partial write."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from bad_input import (
    EXAMPLES,
    assert_equal,
    attempt,
    dates,
    numbers,
    one_line,
    optional_dates,
    short_texts,
    texts,
)
from content_office import build_office
from hypothesis import given
from sqlalchemy import select

from hsdesk.db.models import QuarterlyReview
from hsdesk.domain.consent import ConsentScope
from hsdesk.domain.content import Platform
from hsdesk.domain.content_records import ChannelInput, ContentInput, SettingsInput
from hsdesk.domain.enums import Office, PersonKind
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.records import PersonInput
from hsdesk.domain.review import QuarterScheme
from hsdesk.domain.review_records import ActionInput
from hsdesk.services.content import channels, drafts
from hsdesk.services.content import items as content
from hsdesk.services.inductions import records as inductions
from hsdesk.services.people import offices
from hsdesk.services.people import persons as people
from hsdesk.services.people.offices import HoldingInput
from hsdesk.services.photos import terms
from hsdesk.services.photos.terms import ExpiryMonths
from hsdesk.services.reviews import actions, checklist
from hsdesk.services.reviews import quarterly as reviews


@EXAMPLES
@given(
    first=short_texts,
    last=short_texts,
    email=short_texts,
    phone=short_texts,
    born=optional_dates,
    start=optional_dates,
    end=optional_dates,
    notes=texts,
)
def test_people(db, admin, first, last, email, phone, born, start, end, notes):
    data = PersonInput(
        first, last, PersonKind.VOLUNTEER, None, born, email, phone, start, end, notes=notes
    )

    def check(record: Any) -> None:
        back = people.get_person(db, record.id)
        assert (back.first_name, back.last_name) == (first.strip(), last.strip())
        assert (back.email, back.phone) == (email.strip(), phone.strip())
        assert (back.date_of_birth, back.start_date, back.end_date) == (born, start, end)
        assert back.notes.strip() == notes.strip()

    attempt(db, lambda: people.add_person(db, admin, data), check)


@EXAMPLES
@given(name=short_texts, url=short_texts, notes=texts, agreed=texts, on=dates, minute=short_texts)
def test_channels_and_agreed_settings(db, admin, name, url, notes, agreed, on, minute):
    def check_channel(record: Any) -> None:
        assert record.name == name.strip() and record.url == url.strip()

        def check_settings(after: Any) -> None:
            current = after.settings
            assert current is not None and current.text.strip() == agreed.strip()
            assert (current.agreed_on, current.minute_ref) == (on, minute.strip())

        attempt(
            db,
            lambda: channels.agree_settings(
                db, admin, record.id, SettingsInput(agreed, on, minute), today=date(2026, 11, 25)
            ),
            check_settings,
        )

    attempt(
        db,
        lambda: channels.save_channel(
            db,
            admin,
            ChannelInput(name, Platform.FACEBOOK, ConsentScope.SOCIAL_MEDIA, url, True, notes),
        ),
        check_channel,
    )


@pytest.fixture
def office(db, admin):
    return build_office(db, admin)


@EXAMPLES
@given(title=short_texts, body=texts, planned=optional_dates)
def test_content_drafts(office, title, body, planned):
    db = office.db

    def check(record: Any) -> None:
        back = content.get_item(db, record.id)
        assert back.title == one_line(title) and back.body.strip() == body.strip()
        assert back.planned_on == planned

    attempt(
        db,
        lambda: drafts.save_item(db, office.writer, ContentInput(title, body, (), (), planned)),
        check,
    )


@EXAMPLES
@given(start=dates, end=optional_dates, reason=short_texts)
def test_office_holdings(db, admin, start, end, reason):
    person = people.add_person(
        db, admin, PersonInput("Office", "Holder", PersonKind.TRUSTEE), same_name_confirmed=True
    )
    data = HoldingInput(Office.VICE_CHAIR, person.id, start, end, acting=True, acting_reason=reason)

    def check(record: Any) -> None:
        assert (record.from_date, record.to_date) == (start, end)
        assert record.acting_reason == reason.strip()

    attempt(db, lambda: offices.add_holding(db, admin, data), check)


@EXAMPLES
@given(days=numbers, due=numbers, child=numbers, adult=numbers)
def test_number_settings(db, admin, days, due, child, adult):
    attempt(
        db,
        lambda: inductions.set_overdue_days(db, admin, days),
        lambda _r: assert_equal(inductions.overdue_days(db), days),
    )
    attempt(
        db,
        lambda: reviews.set_quarter_settings(db, admin, QuarterScheme.FINANCIAL, due),
        lambda _r: assert_equal(reviews.quarter_settings(db)[1], due),
    )
    attempt(
        db,
        lambda: terms.set_expiry_months(db, admin, ExpiryMonths(child, adult)),
        lambda _r: assert_equal(terms.expiry_months(db), ExpiryMonths(child, adult)),
    )


@pytest.fixture
def review_db(demo_db):
    """The demo's review in progress (this quarter) and someone who can own an action."""
    with demo_db.read() as session:
        review_id = session.scalar(
            select(QuarterlyReview.id).where(QuarterlyReview.signed_at.is_(None))
        )
    owner_id, _name = actions.action_owners(demo_db)[0]
    return demo_db, review_id, owner_id


@EXAMPLES
@given(notes=texts, what=texts, due=optional_dates)
def test_review_notes_and_actions(review_db, admin, notes, what, due):
    db, review_id, owner_id = review_db
    details = reviews.get_review(db, review_id)
    item = next(i for i in details.items if not i.answered_automatically)

    def check_item(record: Any) -> None:
        assert record.notes.strip() == notes.strip()

    attempt(db, lambda: checklist.answer_item(db, admin, item.id, None, notes), check_item)

    def check_action(record: Any) -> None:
        assert record.what == what.strip() and record.due_on == due

    attempt(
        db,
        lambda: actions.add_action(db, admin, details.id, ActionInput(what, owner_id, due)),
        check_action,
    )


def test_channel_names_clash_whatever_their_letters(db, admin):
    """Found by the property test: SQLite's lower() ignores non-ASCII letters."""
    first = ChannelInput("Ãrea Facebook", Platform.FACEBOOK, ConsentScope.SOCIAL_MEDIA)
    channels.save_channel(db, admin, first)
    for clash in ("Ãrea Facebook", "ãrea facebook"):
        with pytest.raises(ValidationError, match="already a channel called"):
            channels.save_channel(
                db, admin, ChannelInput(clash, Platform.FACEBOOK, ConsentScope.SOCIAL_MEDIA)
            )
