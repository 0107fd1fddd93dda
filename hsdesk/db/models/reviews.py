"""The Vice Chair's quarterly reviews: the template, answers, evidence, actions."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

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
from hsdesk.domain.review import AutoCheck, ItemResult

if TYPE_CHECKING:
    from hsdesk.db.models.people import Person


class ReviewTemplateItem(Base):
    """One question of the quarterly checklist; asked per channel or once for the scheme."""

    __tablename__ = "review_template_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    per_channel: Mapped[bool] = mapped_column(Boolean)
    duties: Mapped[str] = mapped_column(String(400), default="")  # duty keys, comma-separated
    text: Mapped[str] = mapped_column(String(300))
    guidance: Mapped[str] = mapped_column(Text, default="")
    auto: Mapped[AutoCheck | None] = mapped_column(enum_column(AutoCheck, "auto_check"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(DateTime)


class QuarterlyReview(Base):
    """The Vice Chair's check of one quarter, with the template it was built from."""

    __tablename__ = "quarterly_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    quarter_start: Mapped[date] = mapped_column(Date, unique=True)
    due_on: Mapped[date] = mapped_column(Date)
    template_revision: Mapped[int] = mapped_column(Integer)
    template_snapshot: Mapped[str] = mapped_column(Text)  # JSON: the template items as used
    started_by: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    checked_on: Mapped[date | None] = mapped_column(Date)  # automatic items, as of this day
    signed_on: Mapped[date | None] = mapped_column(Date)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signer_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    signer_acting: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_in_user: Mapped[str] = mapped_column(String(100), default="")
    signature_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"))
    pdf_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"), index=True)
    # the policy version in force when it began: its items cite that version's clause numbers
    policy_version_id: Mapped[int | None] = mapped_column(ForeignKey("policy_version.id"))

    items: Mapped[list[ReviewItem]] = relationship(
        back_populates="review", order_by="ReviewItem.position"
    )
    actions: Mapped[list[ReviewAction]] = relationship(
        back_populates="review", order_by="ReviewAction.id"
    )


class ReviewItem(Base):
    """One answered question of a review, its wording copied from the template when it began."""

    __tablename__ = "review_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("quarterly_review.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channel.id"))
    channel_name: Mapped[str] = mapped_column(String(100), default="")
    clauses: Mapped[str] = mapped_column(String(60), default="")
    text: Mapped[str] = mapped_column(String(300))
    guidance: Mapped[str] = mapped_column(Text, default="")
    auto: Mapped[AutoCheck | None] = mapped_column(enum_column(AutoCheck, "auto_check"))
    agreed_settings: Mapped[str] = mapped_column(Text, default="")
    found: Mapped[str] = mapped_column(Text, default="")  # JSON list: what the records show
    result: Mapped[ItemResult | None] = mapped_column(enum_column(ItemResult, "item_result"))
    notes: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str] = mapped_column(String(100), default="")
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)

    review: Mapped[QuarterlyReview] = relationship(back_populates="items")
    evidence: Mapped[list[ReviewEvidence]] = relationship(
        back_populates="item", order_by="ReviewEvidence.id"
    )


class ReviewEvidence(Base):
    """A screenshot or file attached to an item, kept in the file store."""

    __tablename__ = "review_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("review_item.id"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"))
    file_name: Mapped[str] = mapped_column(String(260))
    media_type: Mapped[str] = mapped_column(String(100))
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[datetime] = mapped_column(DateTime)

    item: Mapped[ReviewItem] = relationship(back_populates="evidence")


class ReviewAction(Base):
    """Something to put right, raised in a review; open ones roll into the next quarter's."""

    __tablename__ = "review_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("quarterly_review.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("review_item.id"), index=True)
    what: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date, index=True)
    done_note: Mapped[str] = mapped_column(Text, default="")
    done_by: Mapped[str] = mapped_column(String(100), default="")
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    review: Mapped[QuarterlyReview] = relationship(back_populates="actions")
    item: Mapped[ReviewItem | None] = relationship()
    owner: Mapped[Person] = relationship()


class ReviewCarried(Base):
    """An earlier quarter's action as it stood when a review was signed off (rolled over)."""

    __tablename__ = "review_carried"

    review_id: Mapped[int] = mapped_column(ForeignKey("quarterly_review.id"), primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("review_action.id"), primary_key=True)
