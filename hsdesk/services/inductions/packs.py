"""Induction packs: the current adopted policy with a cover and an acknowledgement form for
each person, and the extra documents an administrator attaches for a role. Made for one person
or a batch (one combined PDF or one file each); a person whose pack cannot be made is reported
by name and the others are still made."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.filestore import write_atomic
from hsdesk.db.models import PackDocument, Person
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import HsdeskError, NotFound, ValidationError
from hsdesk.domain.induction import COVERED_KINDS
from hsdesk.domain.induction_records import PackDocument as PackDocumentRecord
from hsdesk.domain.induction_records import PackPerson
from hsdesk.domain.permissions import Permission
from hsdesk.domain.policy import PolicyVersionRecord
from hsdesk.services.inductions.records import covered_person, outstanding_ids
from hsdesk.services.people.roles import full_name, role_of
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require
from hsdesk.services.platform.files import add_file, stored_bytes
from hsdesk.services.policy.duties import citations
from hsdesk.services.policy.versions import current_version, load_version, version_record

if TYPE_CHECKING:
    from hsdesk.exports.induction_pack import Extra

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
Report = Callable[[int, int, str], None]


class PacksCancelled(HsdeskError):
    """The person making the packs pressed Cancel; nothing was written."""


@dataclass
class PackBatch:
    """What a batch made: the PDF(s), for whom, and who could not have a pack and why."""

    version: PolicyVersionRecord
    people: list[PackPerson] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    pdf: bytes = b""  # one combined PDF
    files: list[tuple[PackPerson, bytes]] = field(default_factory=list)  # one PDF each

    @property
    def person_ids(self) -> list[int]:
        return [p.person_id for p in self.people]

    @property
    def summary(self) -> str:
        made = len(self.people)
        text = (
            f"Induction pack for {self.people[0].name}"
            if made == 1
            else f"Induction packs for {made} people"
        )
        if self.failed:
            text += "; not made for " + "; ".join(f"{name} ({why})" for name, why in self.failed)
        return text + "."


# --- the extra documents for each role -------------------------------------------------------


def _document_record(row: PackDocument) -> PackDocumentRecord:
    return PackDocumentRecord(
        id=row.id,
        kind=row.kind,
        position=row.position,
        title=row.title,
        sha256=row.sha256,
        pages=row.pages,
        added_by=row.added_by,
        added_at=row.added_at,
    )


def list_pack_documents(db: Database) -> list[PackDocumentRecord]:
    query = select(PackDocument).order_by(PackDocument.kind, PackDocument.position)
    with db.read() as session:
        return [_document_record(r) for r in session.execute(query).scalars()]


def _pdf_pages(data: bytes, name: str) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not data.lstrip()[:5] == b"%PDF-":
        raise ValidationError(f"{name} is not a PDF. Save the document as a PDF and attach that.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                f"{name} is protected with a password. Save an unprotected copy and attach that."
            )
        pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, OSError) as exc:
        raise ValidationError(f"{name} is damaged and cannot be read as a PDF ({exc}).") from exc
    if pages == 0:
        raise ValidationError(f"{name} has no pages.")
    return pages


def add_pack_document(
    db: Database, actor: Actor, kind: PersonKind, title: str, data: bytes, file_name: str
) -> PackDocumentRecord:
    """Attach a PDF to the packs of everyone in a role, after the ones already there."""
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    title = title.strip()
    if kind not in COVERED_KINDS:
        raise ValidationError("Packs are made for trustees, staff and volunteers only.")
    if not title:
        raise ValidationError("Give the document a title; the pack's cover lists it.")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValidationError(f"{file_name} is larger than 25 MB. Attach a smaller PDF.")
    pages = _pdf_pages(data, file_name)
    with db.write() as session:
        last = session.execute(
            select(func.max(PackDocument.position)).where(PackDocument.kind == kind)
        ).scalar()
        stored = add_file(session, db.files, data, file_name, "application/pdf")
        row = PackDocument(
            kind=kind,
            position=(last or 0) + 1,
            title=title,
            sha256=stored.sha256,
            pages=pages,
            added_by=actor.username,
            added_at=clock.now(),
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor,
            "add",
            "pack_document",
            row.id,
            f"Added '{title}' ({pages} pages) to the induction packs of every {kind.label.lower()}",
            {"sha256": stored.sha256},
        )
        return _document_record(row)


def _document(session: Session, document_id: int) -> PackDocument:
    row = session.get(PackDocument, document_id)
    if row is None:
        raise NotFound(f"Pack document {document_id} does not exist (it may have been removed).")
    return row


def remove_pack_document(db: Database, actor: Actor, document_id: int) -> None:
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    with db.write() as session:
        row = _document(session, document_id)
        session.delete(row)
        audit.record(
            session,
            actor,
            "remove",
            "pack_document",
            document_id,
            f"Removed '{row.title}' from the induction packs of every {row.kind.label.lower()}",
        )


def move_pack_document(db: Database, actor: Actor, document_id: int, step: int) -> None:
    """Move a document one place earlier (step -1) or later (+1) in its role's packs."""
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    with db.write() as session:
        row = _document(session, document_id)
        siblings = list(
            session.execute(
                select(PackDocument)
                .where(PackDocument.kind == row.kind)
                .order_by(PackDocument.position)
            ).scalars()
        )
        at = siblings.index(row)
        to = at + step
        if not 0 <= to < len(siblings):
            return
        other = siblings[to]
        row.position, other.position = other.position, row.position
        audit.record(
            session,
            actor,
            "edit",
            "pack_document",
            document_id,
            f"Moved '{row.title}' {'earlier' if step < 0 else 'later'} in the "
            f"{row.kind.label.lower()} induction packs",
        )


def _extras(
    db: Database, session: Session
) -> tuple[dict[PersonKind, list[Extra]], dict[PersonKind, str]]:
    """Each role's extra documents; a role whose document is missing or damaged gets a reason."""
    from hsdesk.exports.induction_pack import Extra

    extras: dict[PersonKind, list[Extra]] = {}
    broken: dict[PersonKind, str] = {}
    rows = session.execute(select(PackDocument).order_by(PackDocument.kind, PackDocument.position))
    for row in rows.scalars():
        data = stored_bytes(db, row.sha256)
        if data is None:
            broken[row.kind] = (
                f"the pack document '{row.title}' is missing or damaged in the data folder; "
                "an administrator can attach it again in Inductions → Pack documents"
            )
            continue
        extras.setdefault(row.kind, []).append(Extra(row.title, data, row.pages))
    return extras, broken


# --- making packs ----------------------------------------------------------------------------


def _people(
    session: Session, person_ids: Sequence[int], day: date, broken: dict[PersonKind, str]
) -> tuple[list[PackPerson], list[tuple[str, str]]]:
    found = {
        p.id: p
        for p in session.execute(
            select(Person).where(Person.id.in_(person_ids)).options(selectinload(Person.holdings))
        ).scalars()
    }
    people, failed = [], []
    for person_id in dict.fromkeys(person_ids):  # each once, in the order asked
        person = found.get(person_id)
        if person is None:
            failed.append((f"person {person_id}", "there is nobody with that number"))
            continue
        try:
            covered_person(session, person_id, day)
        except HsdeskError as exc:
            failed.append((full_name(person), str(exc)))
            continue
        if person.kind in broken:
            failed.append((full_name(person), broken[person.kind]))
            continue
        people.append(
            PackPerson(person.id, full_name(person), role_of(person, day), person.kind, day)
        )
    return people, failed


def make_packs(
    db: Database,
    actor: Actor,
    person_ids: Sequence[int],
    *,
    separate: bool = False,
    report: Report | None = None,
    cancelled: Callable[[], bool] | None = None,
    today: date | None = None,
) -> PackBatch:
    """Packs for these people with the current adopted policy: one PDF (page numbers restart
    for each person) or, with ``separate``, one PDF each. Safe to run off the UI thread."""
    from hsdesk.exports.induction_pack import build_packs

    require(db, actor, Permission.RECORD_INDUCTIONS)
    day = today or clock.today()
    with db.read() as session:
        current = current_version(session)
        if current is None:
            raise ValidationError(
                "There is no adopted policy yet, so there is nothing to put in a pack. The Chair "
                "adopts the policy in the Policy tab first."
            )
        version = version_record(load_version(session, current.id))
        cite = citations(session, current.id)
        extras, broken = _extras(db, session)
        people, failed = _people(session, person_ids, day, broken)
    batch = PackBatch(version, people, failed)
    if not people:
        reasons = "; ".join(f"{name}: {why}" for name, why in failed) or "nobody was chosen"
        raise ValidationError(f"No induction pack could be made ({reasons}).")
    signature = stored_bytes(db, version.signature_sha256)
    total = len(people)

    def started(n: int) -> None:
        if cancelled is not None and cancelled():
            raise PacksCancelled("Making the induction packs was cancelled; nothing was saved.")
        if report is not None:
            report(n, total, people[n].name)

    if separate:
        for n, person in enumerate(people):
            started(n)
            batch.files.append(
                (person, build_packs([person], version, signature, extras, cite=cite))
            )
    else:
        batch.pdf = build_packs(people, version, signature, extras, started, cite)
    if report is not None:
        report(total, total, "")
    return batch


def file_name_for(person: PackPerson) -> str:
    safe = (
        re.sub(r'[<>:"/\\|?*\x00-\x1f]', "", person.name).strip(". ")
        or f"person {person.person_id}"
    )
    return f"Induction pack - {safe}.pdf"


def write_separate(batch: PackBatch, folder: Path) -> list[Path]:
    """Write each person's pack into ``folder``, each file atomically."""
    written = []
    for person, data in batch.files:
        target = folder / file_name_for(person)
        write_atomic(target, data)
        written.append(target)
    return written


def export_packs(
    db: Database,
    actor: Actor,
    target: Path,
    person_ids: Sequence[int] = (),
    outstanding: bool = False,
    today: date | None = None,
) -> PackBatch:
    """Write one combined PDF for the people named, or for everyone outstanding."""
    ids = list(person_ids)
    if outstanding:
        ids = outstanding_ids(db, today)
        if not ids:
            raise ValidationError(
                "Everyone current has acknowledged the adopted policy: there are no outstanding "
                "inductions to make packs for."
            )
    batch = make_packs(db, actor, ids, today=today)
    write_atomic(target, batch.pdf)
    return batch
