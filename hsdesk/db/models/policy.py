"""Policies, their versions, and the sections and numbered clauses of each."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
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
from hsdesk.domain.policy import PolicyStatus


class PolicyDocument(Base):
    __tablename__ = "policy_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    versions: Mapped[list[PolicyVersion]] = relationship(
        back_populates="document", order_by="PolicyVersion.number"
    )


class PolicyVersion(Base):
    """One version of a policy's text. Drafts change; adopted and superseded ones never do."""

    __tablename__ = "policy_version"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("policy_document.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    statement: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[PolicyStatus] = mapped_column(enum_column(PolicyStatus, "policy_status"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("policy_version.id"))
    adopted_on: Mapped[date | None] = mapped_column(Date)
    review_due: Mapped[date | None] = mapped_column(Date)
    chair_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    chair_name: Mapped[str] = mapped_column(String(200), default="")
    chair_acting: Mapped[bool] = mapped_column(Boolean, default=False)
    signature_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"))
    pdf_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"))
    superseded_on: Mapped[date | None] = mapped_column(Date)

    document: Mapped[PolicyDocument] = relationship(back_populates="versions")
    sections: Mapped[list[PolicySection]] = relationship(
        back_populates="version", order_by="PolicySection.position", cascade="all, delete-orphan"
    )


class PolicySection(Base):
    __tablename__ = "policy_section"
    __table_args__ = (UniqueConstraint("version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("policy_version.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str] = mapped_column(String(300))

    version: Mapped[PolicyVersion] = relationship(back_populates="sections")
    clauses: Mapped[list[PolicyClause]] = relationship(
        back_populates="section", order_by="PolicyClause.position", cascade="all, delete-orphan"
    )


class PolicyClause(Base):
    __tablename__ = "policy_clause"
    __table_args__ = (UniqueConstraint("section_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("policy_section.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, info={"limit": None})  # a clause, checked on import

    section: Mapped[PolicySection] = relationship(back_populates="clauses")


class PolicyDuty(Base):
    """A duty an administrator added by citing a clause with no built-in duty (the built-in ones
    are listed in hsdesk.domain.duties). Its key is linked to a clause in each adopted version."""

    __tablename__ = "policy_duty"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    wording: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class PolicyLink(Base):
    """Which clause of an adopted version states a duty; no clause when the version dropped it.
    Confirmed by the Chair at adoption and never changed afterwards."""

    __tablename__ = "policy_link"
    __table_args__ = (UniqueConstraint("version_id", "duty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("policy_version.id"), index=True)
    duty: Mapped[str] = mapped_column(String(40))
    clause_id: Mapped[int | None] = mapped_column(ForeignKey("policy_clause.id"))
