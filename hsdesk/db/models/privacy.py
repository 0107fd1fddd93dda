"""Data protection: the erasures made (ids only, no personal data) and the decisions to keep
a record past its retention date."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hsdesk.db.base import Base


class Erasure(Base):
    """One erasure of a person's personal details. Also kept, as ids, in the erasure log beside
    the database, so that restoring an older backup applies it again."""

    __tablename__ = "erasure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), unique=True)
    erased_at: Mapped[datetime] = mapped_column(DateTime)
    erased_by: Mapped[str] = mapped_column(String(100))


class RetentionHold(Base):
    """An administrator's decision to keep a record (a person, or a consent that has ended)
    past its retention date: until when, and why."""

    __tablename__ = "retention_hold"

    id: Mapped[int] = mapped_column(primary_key=True)
    record: Mapped[str] = mapped_column(String(40), unique=True)  # "person:12", "consent:5"
    keep_until: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, info={"limit": 1000})
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(DateTime)
