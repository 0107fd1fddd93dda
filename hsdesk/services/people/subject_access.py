"""Subject access (UK GDPR article 15): everything hsdesk holds about one person, for them to
read — a PDF summary saying what is held and why, a CSV of each kind of record, the stored files
(consent scans, the photos they are in, acknowledgement slips, kept signatures) and the audit
entries about them — written as one ZIP file, and the export itself audited.

Which tables name a person is read from the schema: every column that refers to a person is
listed in KINDS (a test fails on one that is not), so a new register cannot be left out."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, or_, select
from sqlalchemy.orm import Session

from hsdesk.db import filestore
from hsdesk.db.base import Base
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
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require

Where = Callable[[Table, int], ColumnElement[bool]]


@dataclass(frozen=True)
class Kind:
    """One kind of record that names a person: ``table``'s rows whose ``column`` is them."""

    key: str
    table: str
    column: str
    title: str
    why: str
    files: tuple[str, ...] = ()  # columns holding a stored file's SHA-256
    left_out: tuple[str, ...] = ()  # columns never given out (a password's hash)
    only_for: Permission | None = None  # confidential: given only to those this allows
    where: Where | None = None  # rows found another way than ``column`` = the person


def _tables() -> dict[str, Table]:
    return dict(Base.metadata.tables)


def _their_family(table: Table, person_id: int) -> ColumnElement[bool]:
    person = _tables()["person"]
    return (
        table.c.id == select(person.c.family_id).where(person.c.id == person_id).scalar_subquery()
    )


def _photos_of(table: Table, person_id: int) -> ColumnElement[bool]:
    tagged = _tables()["photo_subject"]
    return table.c.id.in_(select(tagged.c.photo_id).where(tagged.c.person_id == person_id))


KINDS: tuple[Kind, ...] = (
    Kind(
        "details",
        "person",
        "id",
        "Your details in the People register",
        "To run the scheme: who you are, how to reach you, and your part in it.",
    ),
    Kind(
        "family",
        "family",
        "id",
        "Your family's record",
        "To support your family and to know who in it may be pictured or named.",
        where=_their_family,
    ),
    Kind(
        "children",
        "person",
        "guardian_id",
        "Children you are recorded as responsible for",
        "To know who may give photo consent for a child.",
    ),
    Kind(
        "offices",
        "office_holding",
        "person_id",
        "Offices you have held",
        "To know who may approve, sign off and review under the policy.",
    ),
    Kind(
        "account",
        "user_account",
        "person_id",
        "Your sign-in account",
        "To let you sign in. Your password is kept only as a one-way code and is not given "
        "out, even to you.",
        left_out=("password_hash",),
    ),
    Kind(
        "signatures",
        "signature_image",
        "person_id",
        "Signatures you chose to keep",
        "To sign for the scheme without drawing your signature each time.",
        files=("sha256",),
    ),
    Kind(
        "consents",
        "consent",
        "subject_id",
        "Photo consent about you",
        "To show that you (or a parent or guardian) agreed to each use of your photo.",
        files=("evidence_sha256",),
    ),
    Kind(
        "consents-given",
        "consent",
        "given_by_id",
        "Photo consents you gave",
        "To show who gave each consent, for themselves or for a child.",
    ),
    Kind(
        "photos-tagged",
        "photo_subject",
        "person_id",
        "Where you are named in photos",
        "To check consent before a photo of you is used.",
    ),
    Kind(
        "photos",
        "photo",
        "id",
        "Photos you are in",
        "Photos of scheme activities; each is used only as your consent allows.",
        files=("sha256",),
        where=_photos_of,
    ),
    Kind(
        "induction",
        "induction",
        "person_id",
        "Your induction on the policy",
        "To show you were given the policy and acknowledged it.",
        files=("evidence_sha256",),
    ),
    Kind(
        "content-written",
        "content_item",
        "author_id",
        "Content you wrote",
        "To know who wrote what the scheme posts, as the policy's approval asks.",
    ),
    Kind(
        "content-decisions",
        "content_decision",
        "signer_id",
        "Content decisions you signed",
        "The signed record of each approval the policy requires.",
    ),
    Kind(
        "content-history",
        "content_event",
        "person_id",
        "Content history naming you",
        "Each step of the approval of content, and who took it.",
    ),
    Kind(
        "uploads",
        "publication",
        "uploader_id",
        "Posts you uploaded",
        "To know who posted what, and where, for takedowns and reviews.",
    ),
    Kind(
        "review-actions",
        "review_action",
        "owner_id",
        "Review actions given to you",
        "The Vice Chair's quarterly review: what was asked of you, and when it was done.",
    ),
    Kind(
        "reviews-signed",
        "quarterly_review",
        "signer_id",
        "Quarterly reviews you signed off",
        "The signed record of each quarterly review.",
        files=("signature_sha256",),
    ),
    Kind(
        "policies-adopted",
        "policy_version",
        "chair_person_id",
        "Policy versions you adopted as Chair",
        "The signed record of each policy adopted.",
        files=("signature_sha256",),
    ),
    Kind(
        "complaint-replies",
        "complaint",
        "replied_by_id",
        "Complaints you replied to",
        "To show each complaint was answered privately, and by whom.",
    ),
    Kind(
        "connections",
        "declared_connection",
        "person_id",
        "Connections you declared",
        "Friendships declared under the policy, so a later concern can be judged fairly.",
    ),
    Kind(
        "connections-with",
        "declared_connection",
        "other_id",
        "Connections declared with you",
        "Friendships others declared with you under the policy.",
    ),
    Kind(
        "breaches",
        "breach",
        "person_id",
        "Breaches of the policy recorded about you",
        "To deal fairly with a breach of the policy and to learn from it.",
        only_for=Permission.HANDLE_BREACHES,
    ),
)


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
    table = _tables()[kind.table]
    where = kind.where(table, person_id) if kind.where else table.c[kind.column] == person_id
    found = session.execute(select(table).where(where).order_by(*table.primary_key)).all()
    headers = tuple(c.name for c in table.columns if c.name not in kind.left_out)
    rows = [tuple(_cell(row._mapping[h]) for h in headers) for row in found]
    shas = [row._mapping[c] for row in found for c in kind.files if row._mapping[c]]
    return _Found(kind, headers, rows, shas)


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
        held.append(
            HeldRecords(f.kind.key, f.kind.title, f.kind.why, f.headers, tuple(f.rows), files)
        )
    return SubjectAccess(
        person_id, name, clock.now(), actor.display_name, tuple(held), tuple(withheld), trail
    )


def _zip_pieces(access: SubjectAccess) -> Iterator[bytes]:
    """The ZIP file's bytes, built in a temporary file (a person's photos may be large)."""
    with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as spool:
        with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("summary.pdf", build_subject_access_pdf(access))
            for n, held in enumerate((*access.held, access.audit), 1):
                if held is not None:
                    archive.writestr(
                        f"records/{n:02d}-{held.key}.csv", csv_bytes(held.headers, held.rows)
                    )
            for file in access.files:
                archive.writestr(f"files/{file.name}", file.data)
        spool.seek(0)
        while piece := spool.read(1024 * 1024):
            yield piece


def export_zip(db: Database, actor: Actor, person_id: int, out: Path) -> SubjectAccess:
    """Write the person's subject access export to ``out`` (all of it, or nothing) and audit
    it: one transaction, so a file that could not be written leaves no entry either."""
    access = gather(db, actor, person_id)
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
        filestore.write_atomic(out, _zip_pieces(access))
    return access


def as_bytes(access: SubjectAccess) -> bytes:
    """The export's ZIP bytes (for a test or a preview)."""
    return b"".join(_zip_pieces(access))
