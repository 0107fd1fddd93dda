"""The tables, one module a feature. This list is the one place every model is imported, so
that Base.metadata (and Alembic) knows every table however hsdesk is started."""

from hsdesk.db.models.content import (
    ApprovalCheckItem,
    Channel,
    ChannelSettings,
    ContentChannel,
    ContentDecision,
    ContentEvent,
    ContentItem,
    ContentPhoto,
    Publication,
    Takedown,
)
from hsdesk.db.models.inductions import Induction, PackDocument
from hsdesk.db.models.people import Family, OfficeHolding, Person, UserAccount
from hsdesk.db.models.photos import Consent, ConsentWithdrawal, Photo, PhotoSubject
from hsdesk.db.models.platform import (
    AuditEntry,
    Setting,
    SignatureImage,
    SigningIdentity,
    StoredFile,
    StoredFileContent,
)
from hsdesk.db.models.policy import (
    PolicyClause,
    PolicyDocument,
    PolicyDuty,
    PolicyLink,
    PolicySection,
    PolicyVersion,
)
from hsdesk.db.models.privacy import Erasure, RetentionHold
from hsdesk.db.models.registers import Breach, Complaint, DeclaredConnection
from hsdesk.db.models.reviews import (
    QuarterlyReview,
    ReviewAction,
    ReviewCarried,
    ReviewEvidence,
    ReviewItem,
    ReviewTemplateItem,
)

__all__ = [
    "Erasure",
    "RetentionHold",
    "Family",
    "Person",
    "OfficeHolding",
    "UserAccount",
    "AuditEntry",
    "StoredFile",
    "StoredFileContent",
    "Setting",
    "SignatureImage",
    "SigningIdentity",
    "PolicyDocument",
    "PolicyVersion",
    "PolicySection",
    "PolicyClause",
    "PolicyDuty",
    "PolicyLink",
    "ApprovalCheckItem",
    "Photo",
    "PhotoSubject",
    "Consent",
    "ConsentWithdrawal",
    "Channel",
    "ChannelSettings",
    "ContentItem",
    "ContentChannel",
    "ContentPhoto",
    "ContentDecision",
    "Publication",
    "Takedown",
    "ContentEvent",
    "Induction",
    "PackDocument",
    "ReviewTemplateItem",
    "QuarterlyReview",
    "ReviewItem",
    "ReviewEvidence",
    "ReviewAction",
    "ReviewCarried",
    "Complaint",
    "Breach",
    "DeclaredConnection",
]
