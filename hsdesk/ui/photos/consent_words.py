"""How the photo screens put consent and clearance: a colour for each clearance, and one
person's consent in a few words."""

from __future__ import annotations

from hsdesk.domain.consent import Clearance, ConsentStatus
from hsdesk.domain.dates import format_date
from hsdesk.domain.photo_records import ConsentRecord
from hsdesk.ui.colours import BAD, EXPIRING, GOOD, UNCHECKED

CLEARANCE_COLOURS = {
    Clearance.CLEARED: GOOD,
    Clearance.EXPIRING: EXPIRING,
    Clearance.BLOCKED: BAD,
    Clearance.UNCHECKED: UNCHECKED,
}


def consent_line(name: str, records: list[ConsentRecord]) -> tuple[str, str]:
    """One person's consent in a few words, and its colour."""
    live = [r for r in records if r.status is ConsentStatus.ACTIVE]
    if live:
        best = max(live, key=lambda r: r.expires_on)
        return (
            f"{name} — consent to {best.scopes_label.lower()} until {format_date(best.expires_on)}",
            CLEARANCE_COLOURS[Clearance.CLEARED],
        )
    current = [r for r in records if r.status is not ConsentStatus.SUPERSEDED]
    if not current:
        return f"{name} — not asked (no consent record)", CLEARANCE_COLOURS[Clearance.BLOCKED]
    latest = current[0]
    if latest.status is ConsentStatus.WITHDRAWN:
        text = f"{name} — consent withdrawn on {format_date(latest.withdrawn_on)}"
    else:
        text = f"{name} — consent expired on {format_date(latest.expires_on)}"
    return text, CLEARANCE_COLOURS[Clearance.BLOCKED]
