"""People, families, the offices they hold, and sign-in accounts."""

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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hsdesk.db.base import Base, enum_column
from hsdesk.domain.enums import Office, PersonKind, VolunteerStatus


class Family(Base):
    __tablename__ = "family"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    support_start: Mapped[date | None] = mapped_column(Date)
    support_end: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[Person]] = relationship(back_populates="family")


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[PersonKind] = mapped_column(enum_column(PersonKind, "person_kind"))
    volunteer_status: Mapped[VolunteerStatus | None] = mapped_column(
        enum_column(VolunteerStatus, "volunteer_status")
    )
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    family_id: Mapped[int | None] = mapped_column(ForeignKey("family.id"), index=True)
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    erased_at: Mapped[datetime | None] = mapped_column(DateTime)

    family: Mapped[Family | None] = relationship(back_populates="members")
    guardian: Mapped[Person | None] = relationship(remote_side=[id])
    account: Mapped[UserAccount | None] = relationship(back_populates="person")
    holdings: Mapped[list[OfficeHolding]] = relationship(back_populates="person")


class OfficeHolding(Base):
    __tablename__ = "office_holding"

    id: Mapped[int] = mapped_column(primary_key=True)
    office: Mapped[Office] = mapped_column(enum_column(Office, "office"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    from_date: Mapped[date] = mapped_column(Date)
    to_date: Mapped[date | None] = mapped_column(Date)
    acting: Mapped[bool] = mapped_column(Boolean, default=False)
    acting_reason: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship(back_populates="holdings")


class UserAccount(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), unique=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_sign_in: Mapped[datetime | None] = mapped_column(DateTime)
    # wrong passwords in a row (sign-in and sign-offs) and when the last was typed
    wrong_passwords: Mapped[int] = mapped_column(Integer, default=0)
    last_wrong_password: Mapped[datetime | None] = mapped_column(DateTime)

    person: Mapped[Person] = relationship(back_populates="account")
