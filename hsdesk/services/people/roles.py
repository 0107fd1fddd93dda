"""Who a person is on a given day: their name, their role in the scheme, whether they have left."""

from __future__ import annotations

from datetime import date

from hsdesk.db.models import Person
from hsdesk.domain.enums import Office, VolunteerStatus
from hsdesk.domain.offices import holds_on


def full_name(person: Person) -> str:
    return name_of(person.first_name, person.last_name)


def name_of(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def has_left(person: Person, day: date) -> bool:
    if person.volunteer_status is VolunteerStatus.LEFT:
        return True
    return person.end_date is not None and person.end_date <= day


def role_of(person: Person, day: date) -> str:
    """What a pack and a record say the person is, e.g. "Trustee (Chair)"."""
    held = [h for h in person.holdings if holds_on(h.from_date, h.to_date, day)]
    offices = sorted(held, key=lambda h: list(Office).index(h.office))
    titles = [f"acting {h.office.label}" if h.acting else h.office.label for h in offices]
    return person.kind.label + (f" ({', '.join(titles)})" if titles else "")
