"""Each kind of record that names a person, with why the scheme holds it, in words the person
will read: the list a subject access export works from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Table, or_, select

from hsdesk.db.base import Base
from hsdesk.domain.permissions import Permission

Where = Callable[[Table, int], ColumnElement[bool]]


@dataclass(frozen=True)
class Kind:
    """One kind of record that names a person: ``table``'s rows whose ``column`` is them."""

    key: str
    table: str
    column: str
    title: str
    why: str
    files: tuple[str, ...] = ()  # columns holding a stored file's SHA-256
    left_out: tuple[str, ...] = ()  # columns never given out (a password's hash)
    only_for: Permission | None = None  # confidential: given only to those this allows
    where: Where | None = None  # rows found another way than ``column`` = the person

    def table_of(self) -> Table:
        return tables()[self.table]

    def theirs(self, person_id: int) -> ColumnElement[bool]:
        """The condition for this kind's rows about the person."""
        table = self.table_of()
        return self.where(table, person_id) if self.where else table.c[self.column] == person_id


def tables() -> dict[str, Table]:
    return dict(Base.metadata.tables)


def _their_family(table: Table, person_id: int) -> ColumnElement[bool]:
    person = tables()["person"]
    return (
        table.c.id == select(person.c.family_id).where(person.c.id == person_id).scalar_subquery()
    )


def _withdrawals_of(table: Table, person_id: int) -> ColumnElement[bool]:
    consent = tables()["consent"]
    theirs = or_(consent.c.subject_id == person_id, consent.c.given_by_id == person_id)
    return table.c.consent_id.in_(select(consent.c.id).where(theirs))


def _photos_of(table: Table, person_id: int) -> ColumnElement[bool]:
    tagged = tables()["photo_subject"]
    return table.c.id.in_(select(tagged.c.photo_id).where(tagged.c.person_id == person_id))


def _holds_on(table: Table, person_id: int) -> ColumnElement[bool]:
    return table.c.record == f"person:{person_id}"


KINDS: tuple[Kind, ...] = (
    Kind(
        "details",
        "person",
        "id",
        "Your details in the People register",
        "To run the scheme: who you are, how to reach you, and your part in it.",
    ),
    Kind(
        "family",
        "family",
        "id",
        "Your family's record",
        "To support your family and to know who in it may be pictured or named.",
        where=_their_family,
    ),
    Kind(
        "children",
        "person",
        "guardian_id",
        "Children you are recorded as responsible for",
        "To know who may give photo consent for a child.",
    ),
    Kind(
        "offices",
        "office_holding",
        "person_id",
        "Offices you have held",
        "To know who may approve, sign off and review under the policy.",
    ),
    Kind(
        "account",
        "user_account",
        "person_id",
        "Your sign-in account",
        "To let you sign in. Your password is kept only as a one-way code and is not given "
        "out, even to you.",
        left_out=("password_hash",),
    ),
    Kind(
        "signatures",
        "signature_image",
        "person_id",
        "Signatures you chose to keep",
        "To sign for the scheme without drawing your signature each time.",
        files=("sha256",),
    ),
    Kind(
        "consents",
        "consent",
        "subject_id",
        "Photo consent about you",
        "To show that you (or a parent or guardian) agreed to each use of your photo.",
        files=("evidence_sha256",),
    ),
    Kind(
        "consents-given",
        "consent",
        "given_by_id",
        "Photo consents you gave",
        "To show who gave each consent, for themselves or for a child.",
    ),
    Kind(
        "consent-withdrawals",
        "consent_withdrawal",
        "consent_id",
        "Photo consents withdrawn",
        "To stop using photos once consent is withdrawn, and to show when that was asked.",
        where=_withdrawals_of,
    ),
    Kind(
        "photos-tagged",
        "photo_subject",
        "person_id",
        "Where you are named in photos",
        "To check consent before a photo of you is used.",
    ),
    Kind(
        "photos",
        "photo",
        "id",
        "Photos you are in",
        "Photos of scheme activities; each is used only as your consent allows.",
        files=("sha256",),
        where=_photos_of,
    ),
    Kind(
        "induction",
        "induction",
        "person_id",
        "Your induction on the policy",
        "To show you were given the policy and acknowledged it.",
        files=("evidence_sha256",),
    ),
    Kind(
        "content-written",
        "content_item",
        "author_id",
        "Content you wrote",
        "To know who wrote what the scheme posts, as the policy's approval asks.",
    ),
    Kind(
        "content-decisions",
        "content_decision",
        "signer_id",
        "Content decisions you signed",
        "The signed record of each approval the policy requires.",
    ),
    Kind(
        "content-history",
        "content_event",
        "person_id",
        "Content history naming you",
        "Each step of the approval of content, and who took it.",
    ),
    Kind(
        "uploads",
        "publication",
        "uploader_id",
        "Posts you uploaded",
        "To know who posted what, and where, for takedowns and reviews.",
    ),
    Kind(
        "review-actions",
        "review_action",
        "owner_id",
        "Review actions given to you",
        "The Vice Chair's quarterly review: what was asked of you, and when it was done.",
    ),
    Kind(
        "reviews-signed",
        "quarterly_review",
        "signer_id",
        "Quarterly reviews you signed off",
        "The signed record of each quarterly review.",
        files=("signature_sha256",),
    ),
    Kind(
        "policies-adopted",
        "policy_version",
        "chair_person_id",
        "Policy versions you adopted as Chair",
        "The signed record of each policy adopted.",
        files=("signature_sha256",),
    ),
    Kind(
        "complaint-replies",
        "complaint",
        "replied_by_id",
        "Complaints you replied to",
        "To show each complaint was answered privately, and by whom.",
    ),
    Kind(
        "connections",
        "declared_connection",
        "person_id",
        "Connections you declared",
        "Friendships declared under the policy, so a later concern can be judged fairly.",
    ),
    Kind(
        "connections-with",
        "declared_connection",
        "other_id",
        "Connections declared with you",
        "Friendships others declared with you under the policy.",
    ),
    Kind(
        "retention",
        "retention_hold",
        "record",
        "Decisions to keep your records longer",
        "The scheme decided to keep your records past the time its retention schedule sets, "
        "for the reason given, until the date given.",
        where=_holds_on,
    ),
    Kind(
        "erasure",
        "erasure",
        "person_id",
        "The erasure of your details",
        "To show your details were erased, and to erase them again if an older backup is "
        "ever restored. It holds no personal details.",
    ),
    Kind(
        "breaches",
        "breach",
        "person_id",
        "Breaches of the policy recorded about you",
        "To deal fairly with a breach of the policy and to learn from it.",
        only_for=Permission.HANDLE_BREACHES,
    ),
)
