"""The steps of an erasure, each inside the erasure's one write transaction: what is deleted,
what is kept with its link to the person (now nameless), and the name taken out of every other
record's text and out of the audit trail's details. :mod:`erasure` decides whether it may be
done and in what order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import String, Table, and_, delete, or_, select, update
from sqlalchemy.orm import Session

from hsdesk.db.base import Base
from hsdesk.db.filestore import FileStore
from hsdesk.db.models import (
    AuditEntry,
    Consent,
    ConsentWithdrawal,
    ContentItem,
    ContentPhoto,
    DeclaredConnection,
    Induction,
    Photo,
    PhotoSubject,
    RetentionHold,
    SignatureImage,
    StoredFile,
)
from hsdesk.db.record_state import COVERED, RECORDS, touch
from hsdesk.domain.audit_chain import ERASED_ENTRIES
from hsdesk.domain.erasure import ERASED, ErasureResult, scrubbed, scrubbed_data, spellings
from hsdesk.services.people.held_kinds import KINDS

# The kinds of record whose audit entries are about the person alone, so that the whole of their
# details goes (data may hold an address or a date of birth); entries about the other kinds
# (their family, a child's consent they gave, content they wrote) lose only their name.
WHOLE = frozenset(
    {"details", "account", "signatures", "consents", "photos-tagged", "induction", "connections"}
    | {"breaches", "offices"}
)

# Text never searched for a name (the audit trail is done entry by entry).
_NOT_TEXT = {
    ("user_account", "password_hash"),
    ("user_account", "username"),  # another account's name is not theirs to change
}


def delete_consents(session: Session, person_id: int, result: ErasureResult) -> set[str]:
    """The consents about the person (and their withdrawals): with no photos of them left, there
    is nothing for them to allow. Consents they gave for a child stay: the child's photos rely
    on them. Returns the stored scans they held."""
    consents = list(session.scalars(select(Consent).where(Consent.subject_id == person_id)))
    return remove_consents(session, consents, result)


def remove_consents(session: Session, consents: list[Consent], result: ErasureResult) -> set[str]:
    """Delete these consents with their withdrawals and any decision to keep them; the stored
    scans they held (for :func:`delete_unused_files`)."""
    ids = [c.id for c in consents]
    shas = {c.evidence_sha256 for c in consents if c.evidence_sha256}
    for withdrawal in session.scalars(
        select(ConsentWithdrawal).where(ConsentWithdrawal.consent_id.in_(ids))
    ):
        session.delete(withdrawal)
        result.records_deleted += 1
    session.execute(
        delete(RetentionHold).where(RetentionHold.record.in_([f"consent:{i}" for i in ids]))
    )
    session.flush()
    # a correction points at the consent it replaced: newest first
    for consent in sorted(consents, key=lambda c: c.id, reverse=True):
        session.delete(consent)
        session.flush()
        result.records_deleted += 1
    return shas


def _named_in_file(store: FileStore, sha: str, words: list[str]) -> bool:
    data = (store.raw(sha) or b"").lower()
    return any(word.lower().encode("utf-8") in data for word in words if word)


def delete_photos(
    session: Session, store: FileStore, person_id: int, words: list[str], result: ErasureResult
) -> set[str]:
    """The photos that picture the person: deleted, unless content uses one (what was posted is
    the scheme's record): then they are no longer named in it, and it is blocked from further
    use until someone checks who it pictures. Returns the stored files of those deleted."""
    photo_ids = list(
        session.scalars(select(PhotoSubject.photo_id).where(PhotoSubject.person_id == person_id))
    )
    shas: set[str] = set()
    for photo in session.scalars(select(Photo).where(Photo.id.in_(photo_ids))):
        used = session.execute(
            select(ContentPhoto.item_id).where(ContentPhoto.photo_id == photo.id).limit(1)
        ).scalar()
        if used is not None:
            session.execute(
                delete(PhotoSubject).where(
                    PhotoSubject.photo_id == photo.id, PhotoSubject.person_id == person_id
                )
            )
            photo.unidentified += 1
            photo.checked_at = None
            result.kept.append(
                f"photo {photo.id}, used in content item {used}: kept, with them no longer "
                "named and one person to identify, so it cannot be used again until checked"
                + (
                    "; its file's own details (metadata) hold their name, kept as they are "
                    "because the signed approval covers the file's bytes"
                    if _named_in_file(store, photo.sha256, words)
                    else ""
                )
            )
            continue
        session.execute(delete(PhotoSubject).where(PhotoSubject.photo_id == photo.id))
        shas.add(photo.sha256)
        session.delete(photo)
        result.photos_deleted += 1
        result.records_deleted += 1
    session.flush()
    return shas


def delete_own_records(session: Session, person_id: int, result: ErasureResult) -> set[str]:
    """Their kept signatures and the connections they declared; the slip of their induction
    (the induction itself stays: it shows the policy's duty was done)."""
    shas: set[str] = set()
    for signature in session.scalars(
        select(SignatureImage).where(SignatureImage.person_id == person_id)
    ):
        shas.add(signature.sha256)
        session.delete(signature)
        result.records_deleted += 1
    session.execute(delete(RetentionHold).where(RetentionHold.record == f"person:{person_id}"))
    for connection in session.scalars(
        select(DeclaredConnection).where(DeclaredConnection.person_id == person_id)
    ):
        session.delete(connection)
        result.records_deleted += 1
    for induction in session.scalars(select(Induction).where(Induction.person_id == person_id)):
        if induction.evidence_sha256:
            shas.add(induction.evidence_sha256)
            induction.evidence_sha256 = None
            result.kept.append(
                f"induction {induction.id}: kept (it shows the policy's duty was done), "
                "without its scanned slip"
            )
    session.flush()
    return shas


def _file_columns() -> list[Any]:
    return [
        column
        for table in Base.metadata.sorted_tables
        for column in table.columns
        for key in column.foreign_keys
        if key.column.table.name == "stored_file"
    ]


def delete_unused_files(
    session: Session, store: FileStore, shas: Iterable[str], result: ErasureResult
) -> list[str]:
    """Each of ``shas`` that no record uses any more, out of the store (once the transaction
    commits); the ones deleted."""
    gone: list[str] = []
    columns = _file_columns()
    for sha in sorted(set(shas)):
        used = any(
            session.execute(select(column).where(column == sha).limit(1)).first() is not None
            for column in columns
        )
        if used:
            result.kept.append(f"stored file {sha[:12]}…: another record still uses it")
            continue
        session.execute(delete(StoredFile).where(StoredFile.sha256 == sha))
        store.remove(session, sha)
        gone.append(sha)
    result.files_deleted += len(gone)
    return gone


def _text_columns(table: Table) -> list[Any]:
    return [
        column
        for column in table.columns
        if isinstance(column.type, String) and (table.name, column.name) not in _NOT_TEXT
    ]


def _naming(columns: list[Any], words: list[str]) -> list[Any]:
    """Conditions for a row whose text holds one of the words, in any case. The database's own
    case-blind match is exact for English letters on both engines; a word with others is also
    looked for as it may be written (SQLite folds only English letters)."""
    found = []
    for column in columns:
        for word in words:
            found.append(column.icontains(word, autoescape=True))
            if not word.isascii():
                found += [column.contains(s, autoescape=True) for s in spellings(word)]
    return found


def scrub_texts(session: Session, words: list[str], result: ErasureResult) -> bool:
    """Take the words out of every text column of every record; True if a content item's text
    changed (its search index is then rebuilt)."""
    content_changed = False
    for table in Base.metadata.sorted_tables:
        if table.name == AuditEntry.__tablename__:
            continue  # its details are erased entry by entry (erase_entries)
        columns = _text_columns(table)
        keys = list(table.primary_key.columns)
        if not columns or not keys:
            continue
        likes = _naming(columns, words)
        rows = session.execute(select(*keys, *columns).where(or_(*likes))).all()
        for row in rows:
            values = dict(zip([c.name for c in columns], row[len(keys) :], strict=True))
            changed = {
                name: scrubbed(value, words)
                for name, value in values.items()
                if isinstance(value, str) and scrubbed(value, words) != value
            }
            if not changed:
                continue
            where = and_(*(key == value for key, value in zip(keys, row[: len(keys)], strict=True)))
            session.execute(update(table).where(where).values(**changed))
            result.texts_changed += 1
            if table.name in COVERED:
                touch(session, table.name, row[0])
            content_changed = content_changed or table.name == ContentItem.__tablename__
    return content_changed


def about(session: Session, person_id: int, username: str | None) -> list[Any]:
    """Conditions for the audit entries about the person's records and those they made."""
    found: list[Any] = []
    for kind in KINDS:
        if kind.key not in WHOLE:
            continue
        table = kind.table_of()
        ids = [str(i) for i in session.scalars(select(table.c.id).where(kind.theirs(person_id)))]
        if ids:
            found.append(and_(AuditEntry.entity == kind.table, AuditEntry.entity_id.in_(ids)))
    if username:
        found += [AuditEntry.actor == username, AuditEntry.signer == username]
    return found


def erase_entries(
    session: Session,
    number: int,
    concerning: list[Any],
    words: list[str],
    username: str | None,
) -> list[int]:
    """Take the person's details out of the audit entries about them, made by them or naming
    them: their text replaced, their salt dropped (so the digest the chain keeps can no longer
    be matched to them), the erasure named. The chain's hashes stay as they are. Returns the
    entries erased."""
    named = _naming([AuditEntry.summary, AuditEntry.data], words)
    about_them = (
        set(session.scalars(select(AuditEntry.seq).where(or_(*concerning))))
        if concerning
        else set()
    )
    rows = session.execute(
        select(
            AuditEntry.seq, AuditEntry.actor, AuditEntry.signer, AuditEntry.summary, AuditEntry.data
        ).where(or_(*concerning, *named), AuditEntry.action != "erase")
    ).all()
    erased: list[int] = []
    for seq, actor, signer, summary, data in rows:
        whole = seq in about_them
        session.execute(
            update(AuditEntry)
            .where(AuditEntry.seq == seq)
            .values(
                actor=ERASED if username and actor == username else scrubbed(actor, words),
                signer=ERASED
                if username and signer == username
                else (signer and scrubbed(signer, words)),
                summary=scrubbed(summary, words),
                data=scrubbed_data(data, words, keep=(RECORDS,) if whole else ()),
                salt=None,
                hash_v1=None,
                erasure_id=number,
            )
        )
        erased.append(seq)
    return sorted(erased)


def erasure_data(result: ErasureResult, entries: list[int], reason: str) -> dict[str, Any]:
    return {
        ERASED_ENTRIES: entries,
        "erasure": result.number,
        "person": result.person_id,
        "reason": reason,
        "kept": result.kept,
    }
