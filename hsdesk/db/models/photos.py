"""Photos, the people pictured in them, and their consents."""

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
from hsdesk.domain.consent import ConsentMethod

if TYPE_CHECKING:
    from hsdesk.db.models.people import Person


class Photo(Base):
    """A photo in the library; its bytes live in the file store under their SHA-256."""

    __tablename__ = "photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"), unique=True)
    original_name: Mapped[str] = mapped_column(String(255), default="")
    # Printed under the photo on contact sheets and consent forms: a sentence or two.
    caption: Mapped[str] = mapped_column(Text, default="", info={"limit": 500})
    event: Mapped[str] = mapped_column(String(200), default="", index=True)
    taken_on: Mapped[date | None] = mapped_column(Date, index=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    unidentified: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    imported_by: Mapped[str] = mapped_column(String(100))
    # who is pictured was recorded (people tagged, people counted, or nobody identifiable)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime)
    checked_by: Mapped[str] = mapped_column(String(100), default="")

    subjects: Mapped[list[PhotoSubject]] = relationship(
        back_populates="photo", cascade="all, delete-orphan"
    )


class PhotoSubject(Base):
    """A person pictured in a photo."""

    __tablename__ = "photo_subject"
    __table_args__ = (UniqueConstraint("photo_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    photo_id: Mapped[int] = mapped_column(ForeignKey("photo.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)

    photo: Mapped[Photo] = relationship(back_populates="subjects")
    person: Mapped[Person] = relationship()


class Consent(Base):
    """One consent record. Never edited: a correction is a new record that supersedes this one."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    given_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    relationship_to_subject: Mapped[str] = mapped_column(String(60))
    method: Mapped[ConsentMethod] = mapped_column(enum_column(ConsentMethod, "consent_method"))
    witness: Mapped[str] = mapped_column(String(200), default="")
    wording_version: Mapped[int] = mapped_column(Integer)
    scopes: Mapped[str] = mapped_column(String(100))  # scope values joined by commas
    given_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date, index=True)
    evidence_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"))
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("consent.id"), unique=True)
    correction_reason: Mapped[str] = mapped_column(Text, default="")

    subject: Mapped[Person] = relationship(foreign_keys=[subject_id])
    given_by: Mapped[Person] = relationship(foreign_keys=[given_by_id])
    withdrawal: Mapped[ConsentWithdrawal | None] = relationship(back_populates="consent")
    superseded_by: Mapped[Consent | None] = relationship(
        primaryjoin="Consent.id == foreign(Consent.supersedes_id)", uselist=False, viewonly=True
    )


class ConsentWithdrawal(Base):
    """The event of a consent being withdrawn; the consent record itself is left as it was."""

    __tablename__ = "consent_withdrawal"

    id: Mapped[int] = mapped_column(primary_key=True)
    consent_id: Mapped[int] = mapped_column(ForeignKey("consent.id"), unique=True)
    withdrawn_on: Mapped[date] = mapped_column(Date)
    how: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    consent: Mapped[Consent] = relationship(back_populates="withdrawal")
