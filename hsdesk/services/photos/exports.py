"""The consent form PDF (blank or for one person) and the consent register as CSV."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hsdesk.db.engine import Database
from hsdesk.db.filestore import write_atomic
from hsdesk.db.models import Person
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.consent import is_minor
from hsdesk.domain.dates import format_date, format_datetime
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import NotFound
from hsdesk.domain.permissions import Permission
from hsdesk.domain.photo_records import FormSubject
from hsdesk.domain.progress import Steps
from hsdesk.services.csv_export import write_csv
from hsdesk.services.people.roles import full_name
from hsdesk.services.photos.consents import list_consents
from hsdesk.services.photos.terms import current_wording
from hsdesk.services.platform.auth import require

CSV_HEADERS = (
    "Record",
    "Person pictured",
    "Given by",
    "Relationship",
    "Method",
    "Witness",
    "Wording version",
    "Uses",
    "Given on",
    "Expires on",
    "Status",
    "Withdrawn on",
    "How withdrawn",
    "Supersedes record",
    "Correction reason",
    "Evidence attached",
    "Recorded by",
    "Recorded at",
)


def form_subject(db: Database, person_id: int, today: date | None = None) -> FormSubject:
    day = today or clock.today()
    with db.read() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"Person number {person_id} is not in the People register.")
        guardian = person.guardian
        return FormSubject(
            person_id=person.id,
            name=full_name(person),
            date_of_birth=person.date_of_birth,
            family_reference=person.family.reference if person.family else "",
            minor=is_minor(person.date_of_birth, person.kind == PersonKind.CHILD, day),
            guardian_name=full_name(guardian) if guardian else "",
        )


def consent_form_pdf(db: Database, person_id: int | None = None) -> bytes:
    """The form with the current wording; filled in for the person when one is given."""
    from hsdesk.exports.consent_form import build_consent_form

    subject = form_subject(db, person_id) if person_id is not None else None
    return build_consent_form(current_wording(), subject)


def export_consent_form(db: Database, target: Path, person_id: int | None = None) -> None:
    write_atomic(target, consent_form_pdf(db, person_id))


def consents_csv(db: Database, actor: Actor, today: date | None = None) -> bytes:
    """The consent register as CSV: one row per record, every status, oldest first."""
    from hsdesk.exports.csv_file import csv_bytes

    return csv_bytes(CSV_HEADERS, consent_rows(db, actor, today))


def consent_rows(db: Database, actor: Actor, today: date | None = None) -> list[tuple[object, ...]]:
    require(db, actor, Permission.MANAGE_PHOTOS)
    records = sorted(list_consents(db, today=today), key=lambda r: r.id)
    rows: list[tuple[object, ...]] = [
        (
            r.id,
            r.subject_name,
            r.given_by_name,
            r.relationship,
            r.method.label,
            r.witness,
            r.wording_version,
            r.scopes_label,
            format_date(r.given_on),
            format_date(r.expires_on),
            r.status.label,
            format_date(r.withdrawn_on),
            r.withdrawn_how,
            r.supersedes_id or "",
            r.correction_reason,
            "yes" if r.evidence_sha256 else "no",
            r.recorded_by,
            format_datetime(r.recorded_at),
        )
        for r in records
    ]
    return rows


def export_consents_csv(
    db: Database,
    actor: Actor,
    target: Path,
    steps: Steps | None = None,
) -> int:
    """Write the CSV atomically; returns the number of records written."""
    rows = consent_rows(db, actor)
    return write_csv(target, CSV_HEADERS, rows, steps=steps)
