"""Channels and content: items, their approval decisions, publications, takedowns and timeline."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hsdesk.db.base import Base, enum_column
from hsdesk.domain.consent import ConsentScope
from hsdesk.domain.content import ContentState, Decision, Platform, TakedownReason

if TYPE_CHECKING:
    from hsdesk.db.models.people import Person
    from hsdesk.db.models.photos import Photo


class Channel(Base):
    """One of the scheme's places online; its agreed privacy settings have history."""

    __tablename__ = "channel"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    platform: Mapped[Platform] = mapped_column(enum_column(Platform, "platform"))
    scope: Mapped[ConsentScope] = mapped_column(enum_column(ConsentScope, "channel_scope"))
    url: Mapped[str] = mapped_column(String(500), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    settings: Mapped[list[ChannelSettings]] = relationship(
        back_populates="channel", order_by="ChannelSettings.id"
    )


class ChannelSettings(Base):
    """Privacy settings as agreed by the trustees; a change is a new row, never an edit."""

    __tablename__ = "channel_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    agreed_on: Mapped[date] = mapped_column(Date)
    minute_ref: Mapped[str] = mapped_column(String(100))
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    channel: Mapped[Channel] = relationship(back_populates="settings")


class ContentItem(Base):
    """A post. ``content_hash`` covers text, channels and photos; the flags below it are kept by
    the services so the queues can be read with indexed queries."""

    __tablename__ = "content_item"
    __table_args__ = (
        Index("ix_content_item_state_updated", "state", "updated_at"),
        Index("ix_content_item_author_state", "author_id", "state"),
        # The "Ready to upload" queue: counted and listed newest first from this index alone.
        # It is partial (WHERE waiting_channels > 0, migration 0012); the condition is not
        # written here because naming a dialect's options loads that dialect (and PostgreSQL's
        # loads asyncio), 60 ms of every start on one PC.
        Index("ix_content_item_ready", "open_takedown", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    planned_on: Mapped[date | None] = mapped_column(Date)
    day: Mapped[date] = mapped_column(Date, index=True)  # planned date, else the day written
    author_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    state: Mapped[ContentState] = mapped_column(enum_column(ContentState, "content_state"))
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("content_item.id"))
    waiting_channels: Mapped[int] = mapped_column(Integer, default=0)  # approved, not uploaded
    open_takedown: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    author: Mapped[Person] = relationship()
    channels: Mapped[list[ContentChannel]] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )
    photos: Mapped[list[ContentPhoto]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="ContentPhoto.position"
    )
    decisions: Mapped[list[ContentDecision]] = relationship(
        back_populates="item", order_by="ContentDecision.id"
    )
    publications: Mapped[list[Publication]] = relationship(
        back_populates="item", order_by="Publication.id"
    )
    takedowns: Mapped[list[Takedown]] = relationship(back_populates="item", order_by="Takedown.id")
    events: Mapped[list[ContentEvent]] = relationship(
        back_populates="item", order_by="ContentEvent.id"
    )


class ContentChannel(Base):
    __tablename__ = "content_channel"

    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id"), primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id"), primary_key=True, index=True)

    item: Mapped[ContentItem] = relationship(back_populates="channels")
    channel: Mapped[Channel] = relationship()


class ContentPhoto(Base):
    __tablename__ = "content_photo"

    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id"), primary_key=True)
    photo_id: Mapped[int] = mapped_column(ForeignKey("photo.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    item: Mapped[ContentItem] = relationship(back_populates="photos")
    photo: Mapped[Photo] = relationship()


class ContentDecision(Base):
    """The SDM's signed decision on a submitted item, bound to the content hash it saw."""

    __tablename__ = "content_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id"), index=True)
    decision: Mapped[Decision] = mapped_column(enum_column(Decision, "content_decision"))
    content_hash: Mapped[str] = mapped_column(String(64))
    checklist: Mapped[str] = mapped_column(Text, default="{}")  # JSON: key -> answer
    reason: Mapped[str] = mapped_column(Text, default="")
    signer_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_acting: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_in_user: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    voided_at: Mapped[datetime | None] = mapped_column(DateTime)
    # the policy version in force when it was decided: its checklist cites that version's clauses
    policy_version_id: Mapped[int | None] = mapped_column(ForeignKey("policy_version.id"))

    item: Mapped[ContentItem] = relationship(back_populates="decisions")


class ApprovalCheckItem(Base):
    """A point an administrator added to the approver's checklist, citing a policy duty."""

    __tablename__ = "approval_check_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(300))
    duty: Mapped[str] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(DateTime)


class Publication(Base):
    """An approved item put online on one channel, signed for by the VDO."""

    __tablename__ = "publication"
    __table_args__ = (UniqueConstraint("item_id", "channel_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id"), index=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("content_decision.id"))
    url: Mapped[str] = mapped_column(String(1000))
    posted_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    uploader_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    uploader_name: Mapped[str] = mapped_column(String(200))
    uploader_acting: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_in_user: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    takedown_id: Mapped[int | None] = mapped_column(ForeignKey("takedown.id"))
    taken_down_on: Mapped[date | None] = mapped_column(Date)

    item: Mapped[ContentItem] = relationship(back_populates="publications")
    channel: Mapped[Channel] = relationship()


class Takedown(Base):
    """A task to take an item down everywhere it is online; done by the VDO."""

    __tablename__ = "takedown"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id"), index=True)
    reason: Mapped[TakedownReason] = mapped_column(enum_column(TakedownReason, "takedown_reason"))
    details: Mapped[str] = mapped_column(Text)
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    raised_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    raised_by: Mapped[str] = mapped_column(String(100))
    done_on: Mapped[date | None] = mapped_column(Date)
    how: Mapped[str] = mapped_column(Text, default="")
    done_by: Mapped[str] = mapped_column(String(200), default="")
    done_at: Mapped[datetime | None] = mapped_column(DateTime)

    item: Mapped[ContentItem] = relationship(back_populates="takedowns")


class ContentEvent(Base):
    """One line of an item's timeline: what happened, who did it (and who signed), any comment."""

    __tablename__ = "content_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))  # the signed-in user
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))  # whose work it is
    who: Mapped[str] = mapped_column(String(200))  # their name, as shown
    signer: Mapped[str | None] = mapped_column(String(200))
    comment: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[ContentItem] = relationship(back_populates="events")
