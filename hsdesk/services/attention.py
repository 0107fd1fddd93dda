"""The Dashboard's "Needs attention" list: each feature registers a provider of items."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.records import AttentionItem
from hsdesk.services.offices import current_holdings, holders_without_sign_in, vacant_offices

Provider = Callable[[Session, date], list[AttentionItem]]
_PROVIDERS: list[Provider] = []
_RESTRICTED: list[tuple[Permission, Provider]] = []
SEVERITY_ORDER = {"urgent": 0, "warning": 1, "info": 2}
# Within a severity: complaints awaiting a private reply first (clause 1.7 says "immediately"),
# then takedown work, then governance, then the register's housekeeping.
AREA_ORDER = {
    "Registers": -1,
    "Content": 0,
    "Photos": 1,
    "Policy": 2,
    "Inductions": 3,
    "Reviews": 4,
    "People": 5,
}


LISTED = 5  # how many examples a Dashboard line names before "and N more"


def listed(lines: list[str]) -> str:
    """The first few lines joined for a Dashboard item's detail, then how many more."""
    shown = "; ".join(lines[:LISTED])
    return shown + (f"; and {len(lines) - LISTED} more" if len(lines) > LISTED else "")


def provider(func: Provider) -> Provider:
    """Register a function that returns the items one feature wants on the Dashboard."""
    _PROVIDERS.append(func)
    return func


def restricted_provider(permission: Permission) -> Callable[[Provider], Provider]:
    """Register a provider whose items only people with ``permission`` may see."""

    def register(func: Provider) -> Provider:
        _RESTRICTED.append((permission, func))
        return func

    return register


def _load_features() -> None:
    # Each feature's module registers its provider when imported.
    import hsdesk.services.consents  # noqa: F401
    import hsdesk.services.content_attention  # noqa: F401
    import hsdesk.services.induction_attention  # noqa: F401
    import hsdesk.services.policy  # noqa: F401
    import hsdesk.services.register_attention  # noqa: F401
    import hsdesk.services.review_attention  # noqa: F401


def needs_attention(
    db: Database, today: date | None = None, actor: Actor | None = None
) -> list[AttentionItem]:
    """Everyone's items, and those only ``actor`` may see (none when no actor is given)."""
    _load_features()
    day = today or clock.today()
    producers = _PROVIDERS + [
        produce
        for permission, produce in _RESTRICTED
        if actor is not None and allowed(actor, permission)
    ]
    with db.read() as session:
        items = [item for produce in producers for item in produce(session, day)]
    return sorted(
        items, key=lambda i: (SEVERITY_ORDER.get(i.severity, 9), AREA_ORDER.get(i.area, 9))
    )


@provider
def _offices(session: Session, day: date) -> list[AttentionItem]:
    current = current_holdings(session, day)
    vacant = [
        AttentionItem(
            "urgent",
            f"No {office.label}",
            f"Nobody holds the office of {office.label} today, so nothing that needs their "
            "sign-off can be signed. Record the holder (or acting cover) in People → Offices.",
            "People",
        )
        for office in vacant_offices(current)
    ]
    cannot_sign = [
        AttentionItem(
            "warning",
            f"{name} ({office.label}) cannot sign in",
            f"{name} has no active sign-in account, so cannot give the {office.label}'s "
            "sign-offs. An administrator can create one in People → Sign-in account.",
            "People",
        )
        for name, office in holders_without_sign_in(current)
    ]
    return vacant + cannot_sign
