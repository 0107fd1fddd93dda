"""Tables: people, families, offices, accounts, the audit trail, the file store, policies,
photos and consents, channels and content, inductions, quarterly reviews, and the registers of
complaints, breaches and declared connections."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hsdesk.db.base import Base
from hsdesk.domain.consent import ConsentMethod, ConsentScope
from hsdesk.domain.content import ContentState, Decision, Platform, TakedownReason
from hsdesk.domain.enums import Office, PersonKind, VolunteerStatus
from hsdesk.domain.induction import AckMethod
from hsdesk.domain.policy import PolicyStatus
from hsdesk.domain.registers import BreachAction, BreachStatus, ReplyMethod
from hsdesk.domain.review import AutoCheck, ItemResult


def _enum(cls: type, name: str) -> Enum:
    # Stored as the value strings, checked by a named constraint on every dialect.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda e: [m.value for m in e],
    )


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
    kind: Mapped[PersonKind] = mapped_column(_enum(PersonKind, "person_kind"))
    volunteer_status: Mapped[VolunteerStatus | None] = mapped_column(
        _enum(VolunteerStatus, "volunteer_status")
    )
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    family_id: Mapped[int | None] = mapped_column(ForeignKey("family.id"), index=True)
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    notes: Mapped[str] = mapped_column(Text, default="")

    family: Mapped[Family | None] = relationship(back_populates="members")
    guardian: Mapped[Person | None] = relationship(remote_side=[id])
    account: Mapped[UserAccount | None] = relationship(back_populates="person")
    holdings: Mapped[list[OfficeHolding]] = relationship(back_populates="person")


class OfficeHolding(Base):
    __tablename__ = "office_holding"

    id: Mapped[int] = mapped_column(primary_key=True)
    office: Mapped[Office] = mapped_column(_enum(Office, "office"), index=True)
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

    person: Mapped[Person] = relationship(back_populates="account")


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
    summary: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class StoredFile(Base):
    """Metadata of a file in the content-addressed store beside the database."""

    __tablename__ = "stored_file"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(255), default="")
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    added_at: Mapped[datetime] = mapped_column(DateTime)


class Setting(Base):
    """Scheme-wide settings (key → text), e.g. whether this database holds demo data."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class SignatureImage(Base):
    """A handwritten signature kept for a person, to be chosen again at their next sign-off."""

    __tablename__ = "signature_image"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"))
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(100))


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
    status: Mapped[PolicyStatus] = mapped_column(_enum(PolicyStatus, "policy_status"))
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
    text: Mapped[str] = mapped_column(Text)

    section: Mapped[PolicySection] = relationship(back_populates="clauses")


class Photo(Base):
    """A photo in the library; its bytes live in the file store under their SHA-256."""

    __tablename__ = "photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"), unique=True)
    original_name: Mapped[str] = mapped_column(String(255), default="")
    caption: Mapped[str] = mapped_column(Text, default="")
    event: Mapped[str] = mapped_column(String(200), default="", index=True)
    taken_on: Mapped[date | None] = mapped_column(Date, index=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    unidentified: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    imported_by: Mapped[str] = mapped_column(String(100))

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
    method: Mapped[ConsentMethod] = mapped_column(_enum(ConsentMethod, "consent_method"))
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


class Channel(Base):
    """One of the scheme's places online (clause 1.3); its agreed privacy settings have history."""

    __tablename__ = "channel"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    platform: Mapped[Platform] = mapped_column(_enum(Platform, "platform"))
    scope: Mapped[ConsentScope] = mapped_column(_enum(ConsentScope, "channel_scope"))
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
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    planned_on: Mapped[date | None] = mapped_column(Date)
    day: Mapped[date] = mapped_column(Date, index=True)  # planned date, else the day written
    author_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    state: Mapped[ContentState] = mapped_column(_enum(ContentState, "content_state"))
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
    decision: Mapped[Decision] = mapped_column(_enum(Decision, "content_decision"))
    content_hash: Mapped[str] = mapped_column(String(64))
    checklist: Mapped[str] = mapped_column(Text, default="{}")  # JSON: key -> answer
    reason: Mapped[str] = mapped_column(Text, default="")
    signer_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_acting: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_in_user: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    voided_at: Mapped[datetime | None] = mapped_column(DateTime)

    item: Mapped[ContentItem] = relationship(back_populates="decisions")


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
    reason: Mapped[TakedownReason] = mapped_column(_enum(TakedownReason, "takedown_reason"))
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
    method: Mapped[AckMethod | None] = mapped_column(_enum(AckMethod, "ack_method"))
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
    kind: Mapped[PersonKind] = mapped_column(_enum(PersonKind, "person_kind"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"))
    pages: Mapped[int] = mapped_column(Integer)
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[datetime] = mapped_column(DateTime)


class ReviewTemplateItem(Base):
    """One question of the quarterly checklist; asked per channel or once for the scheme."""

    __tablename__ = "review_template_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    per_channel: Mapped[bool] = mapped_column(Boolean)
    clauses: Mapped[str] = mapped_column(String(60), default="")
    text: Mapped[str] = mapped_column(String(300))
    guidance: Mapped[str] = mapped_column(Text, default="")
    auto: Mapped[AutoCheck | None] = mapped_column(_enum(AutoCheck, "auto_check"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(DateTime)


class QuarterlyReview(Base):
    """The Vice Chair's check of one quarter (clause 1.5), with the template it was built from."""

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
    auto: Mapped[AutoCheck | None] = mapped_column(_enum(AutoCheck, "auto_check"))
    agreed_settings: Mapped[str] = mapped_column(Text, default="")
    found: Mapped[str] = mapped_column(Text, default="")  # JSON list: what the records show
    result: Mapped[ItemResult | None] = mapped_column(_enum(ItemResult, "item_result"))
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


class Complaint(Base):
    """A complaint raised on one of the scheme's channels and its private reply (clause 1.7)."""

    __tablename__ = "complaint"

    id: Mapped[int] = mapped_column(primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id"), index=True)
    link: Mapped[str] = mapped_column(String(1000), default="")  # the post or comment
    summary: Mapped[str] = mapped_column(Text)
    replied_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    replied_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    method: Mapped[ReplyMethod | None] = mapped_column(_enum(ReplyMethod, "reply_method"))
    procedure_ref: Mapped[str] = mapped_column(String(100), default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("content_item.id"))
    takedown_id: Mapped[int | None] = mapped_column(ForeignKey("takedown.id"))
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    channel: Mapped[Channel] = relationship()
    replied_by: Mapped[Person | None] = relationship()
    takedown: Mapped[Takedown | None] = relationship()


class Breach(Base):
    """A breach of confidentiality or equal opportunities (clauses 2.7, 3.6). Confidential: only
    those who handle breaches can read these rows; the audit trail never copies what happened."""

    __tablename__ = "breach"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    clauses: Mapped[str] = mapped_column(String(200))  # "1.1, 2.7"
    what: Mapped[str] = mapped_column(Text)
    reported_by: Mapped[str] = mapped_column(String(200))
    action: Mapped[BreachAction | None] = mapped_column(_enum(BreachAction, "breach_action"))
    action_on: Mapped[date | None] = mapped_column(Date)
    action_notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[BreachStatus] = mapped_column(_enum(BreachStatus, "breach_status"), index=True)
    closed_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    person: Mapped[Person] = relationship()


class DeclaredConnection(Base):
    """A link from before someone's involvement, declared under clause 4.1 and confirmed again
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
