"""Checking a signed PDF: is the signature intact and trusted, and which record is this file?"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.domain.dates import format_datetime
from hsdesk.services.platform.signing import trusted_certificates
from hsdesk.services.policy.pdf import policy_version_with_pdf
from hsdesk.services.reviews.pdf import review_with_pdf

# For each kind of signed record: the record whose kept PDF has this SHA-256, in words, or None.
Matcher = Callable[[Session, str], str | None]
MATCHERS: tuple[Matcher, ...] = (policy_version_with_pdf, review_with_pdf)


@dataclass(frozen=True, slots=True)
class VerifyReport:
    ok: bool
    reason: str
    signer: str = ""
    signed_at: datetime | None = None
    matches: str = ""  # the record this exact file belongs to, in words

    def lines(self) -> list[str]:
        out = [("Valid: " if self.ok else "Not valid: ") + self.reason]
        if self.signer:
            when = (
                format_datetime(self.signed_at.astimezone().replace(tzinfo=None))
                if self.signed_at
                else "unknown time"
            )
            out.append(f"Signed by {self.signer} on {when}")
        if self.matches:
            out.append(f"Matches {self.matches}")
        return out


def verify(db: Database, data: bytes) -> VerifyReport:
    """Is the signature intact and made with a certificate this database trusts, and which of its
    records is this exact file? Valid only when all of that holds."""
    from hsdesk.exports.signing import check_signature

    with db.read() as session:
        trusted = trusted_certificates(session)
        check = check_signature(data, trusted)
        if not check.ok:
            return VerifyReport(False, check.reason, check.signer, check.signed_at)
        sha = hashlib.sha256(data).hexdigest()
        for match in MATCHERS:
            words = match(session, sha)
            if words:
                return VerifyReport(True, check.reason, check.signer, check.signed_at, words)
    return VerifyReport(
        False,
        "the signature is intact, but this exact file is not one this database recorded "
        "(it may have been changed, or it comes from another hsdesk database)",
        check.signer,
        check.signed_at,
    )
