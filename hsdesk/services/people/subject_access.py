"""Subject access (UK GDPR article 15): everything hsdesk holds about one person, for them to
read — a PDF summary saying what is held and why, a CSV of each kind of record, the stored files
(consent scans, the photos they are in, acknowledgement slips, kept signatures) and the audit
entries about them — written as one ZIP file, and the export itself audited.

Which records name a person is listed in ``held_kinds.KINDS``, with why each is held; a test
fails on a column referring to a person that is not there, so a new register cannot be left
out."""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import IO, Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from hsdesk.db import filestore
from hsdesk.db.engine import Database
from hsdesk.db.models import AuditEntry, Person, StoredFile, UserAccount
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date, format_datetime
from hsdesk.domain.errors import NotFound
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.subject_access import HeldFile, HeldRecords, SubjectAccess, Withheld
from hsdesk.exports.csv_file import csv_bytes
from hsdesk.exports.subject_access_pdf import build_subject_access_pdf
from hsdesk.services.people.held_kinds import KINDS, Kind
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require


def _cell(value: object) -> object:
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Enum):
        return getattr(value, "label", value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


@dataclass
class _Found:
    kind: Kind
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    shas: list[str]


def _rows(session: Session, kind: Kind, person_id: int) -> _Found:
    table = kind.table_of()
    found = session.execute(
        select(table).where(kind.theirs(person_id)).order_by(*table.primary_key)
    ).all()
    headers = tuple(c.name for c in table.columns if c.name not in kind.left_out)
    rows = [tuple(_cell(row._mapping[h]) for h in headers) for row in found]
    shas = [row._mapping[c] for row in found for c in kind.files if row._mapping[c]]
    return _Found(kind, headers, rows, shas)


def _wordings_shown(found: _Found) -> tuple[HeldFile, ...]:
    """What the people giving these consents were told: each version of the wording, as text."""
    from hsdesk.services.photos.terms import wordings

    known = wordings()
    column = found.headers.index("wording_version")
    versions = sorted({int(row[column]) for row in found.rows})  # type: ignore[call-overload]
    return tuple(
        HeldFile(
            "",
            f"consent wording/version {v}.txt",
            f"{known[v].title}\n\n{known[v].body}\n".encode(),
        )
        for v in versions
        if v in known
    )


def _audit_rows(session: Session, found: list[_Found], username: str | None) -> HeldRecords:
    about = []
    for f in found:
        if "id" in f.headers and f.rows:
            ids = [str(row[f.headers.index("id")]) for row in f.rows]
            about.append(and_(AuditEntry.entity == f.kind.table, AuditEntry.entity_id.in_(ids)))
    if username:
        about += [AuditEntry.actor == username, AuditEntry.signer == username]
    entries = session.scalars(select(AuditEntry).where(or_(*about)).order_by(AuditEntry.seq))
    headers = ("seq", "at", "actor", "signer", "action", "entity", "entity_id", "summary")
    rows = tuple(tuple(_cell(getattr(e, h)) or "" for h in headers) for e in entries)
    return HeldRecords(
        "audit-trail",
        "The audit trail's entries about you",
        "Every change hsdesk records, so the scheme can show who did what and when; these are "
        "the entries about your records and those you made.",
        headers,
        rows,
    )


def gather(db: Database, actor: Actor, person_id: int) -> SubjectAccess:
    """Everything held about the person. Refused to anyone who may not keep the People
    register; confidential records the actor may not see are counted, not given."""
    actor = require(db, actor, Permission.EDIT_PEOPLE)
    with db.read() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"There is no person {person_id} in the People register.")
        name = f"{person.first_name} {person.last_name}".strip()
        username = session.scalar(
            select(UserAccount.username).where(UserAccount.person_id == person_id)
        )
        found = [_rows(session, kind, person_id) for kind in KINDS]
        shas = {sha for f in found for sha in f.shas}
        names = dict(
            session.execute(
                select(StoredFile.sha256, StoredFile.original_name).where(
                    StoredFile.sha256.in_(shas)
                )
            ).all()
        )
        trail = _audit_rows(session, found, username)
    held, withheld = [], []
    for f in found:
        if not f.rows:
            continue
        if f.kind.only_for is not None and not allowed(actor, f.kind.only_for):
            withheld.append(
                Withheld(
                    f.kind.title,
                    len(f.rows),
                    f"{f.kind.only_for.value.refusal} Ask them to add this part.",
                )
            )
            continue
        files = tuple(
            HeldFile(sha, f"{f.kind.key}/{n + 1}-{names.get(sha) or sha[:12]}", data)
            for n, sha in enumerate(f.shas)
            if (data := filestore.read(db.files, sha)) is not None
        )
        if f.kind.table == "consent":
            files += _wordings_shown(f)
        held.append(
            HeldRecords(f.kind.key, f.kind.title, f.kind.why, f.headers, tuple(f.rows), files)
        )
    return SubjectAccess(
        person_id, name, clock.now(), actor.display_name, tuple(held), tuple(withheld), trail
    )


def _write_zip(access: SubjectAccess, into: IO[bytes]) -> None:
    """The ZIP file, each entry dated when the export was made."""

    def put(name: str, data: bytes) -> None:
        entry = zipfile.ZipInfo(name, date_time=access.made_at.timetuple()[:6])
        archive.writestr(entry, data, zipfile.ZIP_DEFLATED)

    with zipfile.ZipFile(into, "w", zipfile.ZIP_DEFLATED) as archive:
        put("summary.pdf", build_subject_access_pdf(access))
        for n, held in enumerate((*access.held, access.audit), 1):
            if held is not None:
                put(f"records/{n:02d}-{held.key}.csv", csv_bytes(held.headers, held.rows))
        for name, data in {f.name: f.data for f in access.files}.items():
            put(f"files/{name}", data)  # a wording given twice is kept once


def export_zip(db: Database, actor: Actor, person_id: int, out: Path) -> SubjectAccess:
    """Write the person's subject access export to ``out`` (all of it, or nothing) and audit
    it: one transaction, so a file that could not be written leaves no entry either. The ZIP is
    made first, in a temporary file (a person's photos may be large), so the transaction holds
    the database only while the file is copied into place."""
    access = gather(db, actor, person_id)
    with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as spool:
        _write_zip(access, spool)
        spool.seek(0)
        with db.write() as session:
            audit.record(
                session,
                actor,
                "export",
                "person",
                person_id,
                f"Made a subject access export ({access.record_count} records, "
                f"{len(access.files)} files)",
                {"withheld": [w.title for w in access.withheld]},
            )
            filestore.write_atomic(out, iter(lambda: spool.read(1024 * 1024), b""))
    return access
