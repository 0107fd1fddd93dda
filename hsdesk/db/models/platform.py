"""What every feature stands on: the audit trail, the file store, settings, kept signatures."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from hsdesk.db.base import Base


class AuditEntry(Base):
    """Append-only; each row's hash covers its content and the previous row's hash."""

    __tablename__ = "audit_entry"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    signer: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(60), index=True)
    entity_id: Mapped[str] = mapped_column(String(60), default="")
    # Written by hsdesk itself, from text already checked where it was typed.
    summary: Mapped[str] = mapped_column(Text, info={"limit": None})
    data: Mapped[str] = mapped_column(Text, default="{}", info={"limit": None})
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The hash covers ``detail``, a digest of actor, signer, summary and data salted with
    # ``salt`` (see audit_chain). An erasure drops the salt and names itself in ``erasure_id``.
    salt: Mapped[str | None] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(String(64), nullable=True)
    erasure_id: Mapped[int | None] = mapped_column(ForeignKey("erasure.id"))
    # The hash the entry had before 0013 re-sealed the chain, to compare with a PC's anchor, a
    # backup or a signed PDF made before then (None once its details are erased).
    hash_v1: Mapped[str | None] = mapped_column(String(64))


class StoredFile(Base):
    """Metadata of a file in the content-addressed store beside the database."""

    __tablename__ = "stored_file"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(255), default="")
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    added_at: Mapped[datetime] = mapped_column(DateTime)


class StoredFileContent(Base):
    """The bytes of a stored file, when the database is on a server (so that every PC reads the
    same files and one backup holds them). Beside an SQLite file they are in its files/ folder and
    this table stays empty."""

    __tablename__ = "stored_file_content"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SigningIdentity(Base):
    """The scheme's document-signing key and certificate: one for the whole office, kept with
    the data so that a PDF signed on any PC verifies on every PC."""

    __tablename__ = "signing_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_pem: Mapped[str] = mapped_column(Text, info={"limit": None})
    certificate_pem: Mapped[str] = mapped_column(Text, info={"limit": None})
    made_at: Mapped[datetime] = mapped_column(DateTime)


class Setting(Base):
    """Scheme-wide settings (key → text), e.g. whether this database holds demo data."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="", info={"limit": None})


class SignatureImage(Base):
    """A handwritten signature kept for a person, to be chosen again at their next sign-off."""

    __tablename__ = "signature_image"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"))
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(100))
