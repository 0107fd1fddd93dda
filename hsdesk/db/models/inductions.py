"""Inductions: the policy given to a person, their acknowledgement, and pack documents."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hsdesk.db.base import Base, enum_column
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.induction import AckMethod

if TYPE_CHECKING:
    from hsdesk.db.models.people import Person
    from hsdesk.db.models.platform import StoredFile
    from hsdesk.db.models.policy import PolicyVersion


class Induction(Base):
    """A person's induction into one policy version: the pack given and printed, and their
    acknowledgement with its evidence. One per person and version."""

    __tablename__ = "induction"
    __table_args__ = (UniqueConstraint("person_id", "version_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("policy_version.id"), index=True)
    role: Mapped[str] = mapped_column(String(200))
    given_on: Mapped[date | None] = mapped_column(Date)
    given_by: Mapped[str] = mapped_column(String(200), default="")
    pack_printed_on: Mapped[date | None] = mapped_column(Date)
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    method: Mapped[AckMethod | None] = mapped_column(enum_column(AckMethod, "ack_method"))
    evidence_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"))
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    person: Mapped[Person] = relationship()
    version: Mapped[PolicyVersion] = relationship()
    evidence: Mapped[StoredFile | None] = relationship()


class PackDocument(Base):
    """An extra PDF appended, in order, to the induction pack of everyone in one role."""

    __tablename__ = "pack_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[PersonKind] = mapped_column(enum_column(PersonKind, "person_kind"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"))
    pages: Mapped[int] = mapped_column(Integer)
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[datetime] = mapped_column(DateTime)
