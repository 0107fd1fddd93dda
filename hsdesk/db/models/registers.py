"""The registers: complaints, breaches and declared connections."""

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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hsdesk.db.base import Base, enum_column
from hsdesk.domain.registers import BreachAction, BreachStatus, ReplyMethod

if TYPE_CHECKING:
    from hsdesk.db.models.content import Channel, Takedown
    from hsdesk.db.models.people import Person


class Complaint(Base):
    """A complaint raised on one of the scheme's channels and its private reply."""

    __tablename__ = "complaint"

    id: Mapped[int] = mapped_column(primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id"), index=True)
    link: Mapped[str] = mapped_column(String(1000), default="")  # the post or comment
    summary: Mapped[str] = mapped_column(Text)
    replied_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    replied_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    method: Mapped[ReplyMethod | None] = mapped_column(enum_column(ReplyMethod, "reply_method"))
    procedure_ref: Mapped[str] = mapped_column(String(100), default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("content_item.id"))
    takedown_id: Mapped[int | None] = mapped_column(ForeignKey("takedown.id"))
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    policy_version_id: Mapped[int | None] = mapped_column(ForeignKey("policy_version.id"))

    channel: Mapped[Channel] = relationship()
    replied_by: Mapped[Person | None] = relationship()
    takedown: Mapped[Takedown | None] = relationship()


class Breach(Base):
    """A breach of confidentiality or equal opportunities. Confidential: only
    those who handle breaches can read these rows; the audit trail never copies what happened."""

    __tablename__ = "breach"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    clauses: Mapped[str] = mapped_column(String(200))  # numbers in the version below
    policy_version_id: Mapped[int | None] = mapped_column(ForeignKey("policy_version.id"))
    what: Mapped[str] = mapped_column(Text)
    reported_by: Mapped[str] = mapped_column(String(200))
    action: Mapped[BreachAction | None] = mapped_column(enum_column(BreachAction, "breach_action"))
    action_on: Mapped[date | None] = mapped_column(Date)
    action_notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[BreachStatus] = mapped_column(
        enum_column(BreachStatus, "breach_status"), index=True
    )
    closed_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    person: Mapped[Person] = relationship()


class DeclaredConnection(Base):
    """A link from before someone's involvement, declared under the policy and confirmed again
    every year."""

    __tablename__ = "declared_connection"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    nature: Mapped[str] = mapped_column(String(200))  # e.g. "school friends", "cousins"
    place: Mapped[str] = mapped_column(String(200))  # e.g. "Facebook"
    since_year: Mapped[int | None] = mapped_column(Integer)
    declared_on: Mapped[date] = mapped_column(Date)
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    other: Mapped[Person] = relationship(foreign_keys=[other_id])
