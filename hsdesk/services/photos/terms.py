"""The terms every consent is given on: the wording in force and how long consent lasts (set by
administrators)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.domain.actor import Actor
from hsdesk.domain.consent import (
    DEFAULT_ADULT_MONTHS,
    DEFAULT_CHILD_MONTHS,
)
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.photo_records import Wording
from hsdesk.resources import resource_dir
from hsdesk.services.platform import audit, settings
from hsdesk.services.platform.auth import require

CHILD_MONTHS_KEY = "consent_child_months"
ADULT_MONTHS_KEY = "consent_adult_months"
_WORDING_FILE = re.compile(r"consent-v(\d+)\.txt$")


@cache
def wordings() -> dict[int, Wording]:
    """Every version of the consent wording shipped in resources/wording, by number."""
    found = {}
    for path in sorted((resource_dir() / "wording").glob("consent-v*.txt")):
        match = _WORDING_FILE.search(path.name)
        if match:
            title, _, body = path.read_text(encoding="utf-8").partition("\n")
            found[int(match.group(1))] = Wording(int(match.group(1)), title.strip(), body.strip())
    return dict(sorted(found.items()))


def current_wording() -> Wording:
    return wordings()[max(wordings())]


@dataclass(frozen=True, slots=True)
class ExpiryMonths:
    child: int = DEFAULT_CHILD_MONTHS
    adult: int = DEFAULT_ADULT_MONTHS


def expiry_months(db: Database) -> ExpiryMonths:
    with db.read() as session:
        return expiry_months_in(session)


def expiry_months_in(session: Session) -> ExpiryMonths:
    return ExpiryMonths(
        settings.read_int(session, CHILD_MONTHS_KEY, DEFAULT_CHILD_MONTHS),
        settings.read_int(session, ADULT_MONTHS_KEY, DEFAULT_ADULT_MONTHS),
    )


def set_expiry_months(db: Database, actor: Actor, months: ExpiryMonths) -> None:
    """How long new consent lasts by default, for children and for adults (administrators only)."""
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    for label, value in (("children", months.child), ("adults", months.adult)):
        if not 1 <= value <= 120:
            raise ValidationError(f"Consent for {label} must last from 1 to 120 months.")
    with db.write() as session:
        for key, value in ((CHILD_MONTHS_KEY, months.child), (ADULT_MONTHS_KEY, months.adult)):
            settings.write(session, key, str(value))
        audit.record(
            session,
            actor,
            "edit",
            "setting",
            "consent_expiry",
            f"Default consent length set to {months.child} months for children and "
            f"{months.adult} months for adults",
        )
