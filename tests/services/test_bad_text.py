"""Text a field cannot hold is refused in words, whichever service writes it, on both engines:
too long for its column (a name of 3,000 characters would break every printed pack), or holding
NUL or half of a surrogate pair. Searches and filters take any text without raising."""

from __future__ import annotations

import pytest
from conftest import person
from sqlalchemy import func, select

from hsdesk.db.models import Person, Photo
from hsdesk.domain.content_records import ContentQuery
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.photo_records import PhotoDetails
from hsdesk.services.content.queries import count_items, item_rows
from hsdesk.services.people import persons as people
from hsdesk.services.photos import library
from hsdesk.services.platform.audit import AuditFilter, list_entries


def _people(db) -> int:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(Person)).scalar_one()


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        (
            {"first_name": "A" * 3000},
            "first name is too long: 3,000 characters, and it can hold 100",
        ),
        ({"phone": "0" * 100_000}, "phone is too long: 100,000 characters, and it can hold 50"),
        ({"notes": "n" * 100_000}, "notes is too long: 100,000 characters, and it can hold 20,000"),
        ({"last_name": "Nul\x00l"}, "last name holds an invisible control character"),
        ({"notes": "broken \ud83d emoji"}, "notes holds half of a character pair"),
    ],
)
def test_text_a_field_cannot_hold_is_refused_and_nothing_is_written(db, admin, change, refusal):
    before = _people(db)
    data = person()
    for name, value in change.items():
        object.__setattr__(data, name, value)
    with pytest.raises(ValidationError, match=refusal):
        people.add_person(db, admin, data)
    assert _people(db) == before


def test_a_caption_is_as_long_as_the_forms_that_print_it(demo_db, admin):
    with demo_db.read() as session:
        photo = session.execute(select(Photo).limit(1)).scalar_one()
        photo_id, event = photo.id, photo.event
    with pytest.raises(ValidationError, match="caption is too long: 100,000 characters"):
        library.update_photo(demo_db, admin, photo_id, PhotoDetails("c" * 100_000, event, None, 0))
    with pytest.raises(ValidationError, match="event is too long"):
        library.update_photo(demo_db, admin, photo_id, PhotoDetails("", "e" * 100_000, None, 0))


@pytest.mark.parametrize("typed", ["²", "12345678901234567890123", "\ud800", "%", "_", "a\x00b"])
def test_any_text_can_be_searched_for(demo_db, admin, typed):
    query = ContentQuery(text=typed)
    assert count_items(demo_db, query, admin) == len(item_rows(demo_db, query, admin, 0, 500))
    found = list_entries(demo_db, admin, AuditFilter(text=typed))
    list_entries(demo_db, admin, AuditFilter(entity=typed))
    if typed in "%_":  # matched as typed, not as wildcards that match everything
        assert len(found) < len(list_entries(demo_db, admin, AuditFilter()))
