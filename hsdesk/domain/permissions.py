"""Who may do what. Pure: the services pass in the actor and raise PermissionDenied."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from hsdesk.domain.actor import Actor
from hsdesk.domain.enums import Office, PersonKind
from hsdesk.domain.errors import PermissionDenied


@dataclass(frozen=True)
class Rule:
    offices: frozenset[Office]
    kinds: frozenset[PersonKind]
    refusal: str


class Permission(Enum):
    EDIT_PEOPLE = Rule(
        frozenset({Office.SDM, Office.VDO}),
        frozenset({PersonKind.STAFF}),
        "Only an administrator, a member of staff, the Scheme Development Manager or the "
        "Volunteer Development Officer can change the People register.",
    )
    EDIT_OFFICES = Rule(
        frozenset({Office.CHAIR}),
        frozenset(),
        "Only an administrator or the Chair can record who holds an office.",
    )
    MANAGE_ACCOUNTS = Rule(
        frozenset(),
        frozenset(),
        "Only an administrator can manage sign-in accounts. Ask an administrator to do this.",
    )
    EDIT_CHECKLISTS = Rule(
        frozenset(),
        frozenset(),
        "Only an administrator can change the approval checklist. Ask an administrator to do this.",
    )
    EDIT_POLICY = Rule(
        frozenset({Office.CHAIR, Office.VICE_CHAIR, Office.SDM}),
        frozenset(),
        "Only an administrator, the Chair, the Vice Chair or the Scheme Development Manager "
        "can write or import policy drafts.",
    )
    MANAGE_PHOTOS = Rule(
        frozenset({Office.SDM, Office.VDO}),
        frozenset({PersonKind.STAFF}),
        "Only an administrator, a member of staff, the Scheme Development Manager or the "
        "Volunteer Development Officer can import photos, say who is pictured or record consent.",
    )
    EDIT_CHANNELS = Rule(
        frozenset({Office.CHAIR, Office.VICE_CHAIR}),
        frozenset({PersonKind.TRUSTEE}),
        "Only an administrator or a trustee can change the channels register or record the "
        "privacy settings the trustees agreed.",
    )
    WRITE_CONTENT = Rule(
        frozenset({Office.SDM, Office.VDO}),
        frozenset({PersonKind.STAFF}),
        "Only an administrator, a member of staff, the Scheme Development Manager or the "
        "Volunteer Development Officer can write content or ask for a takedown.",
    )
    TAKE_DOWN = Rule(
        frozenset({Office.VDO, Office.SDM}),
        frozenset(),
        "Only the Volunteer Development Officer (or acting VDO), the Scheme Development Manager "
        "or an administrator can record that content was taken down.",
    )
    RECORD_INDUCTIONS = Rule(
        frozenset({Office.SDM, Office.VDO}),
        frozenset({PersonKind.STAFF}),
        "Only an administrator, a member of staff, the Scheme Development Manager or the "
        "Volunteer Development Officer can record inductions or print induction packs.",
    )
    CONDUCT_REVIEWS = Rule(
        frozenset({Office.VICE_CHAIR, Office.CHAIR, Office.SDM}),
        frozenset({PersonKind.TRUSTEE}),
        "Only an administrator, a trustee or the Scheme Development Manager can work on a "
        "quarterly review. The Vice Chair (or acting Vice Chair) signs it off.",
    )
    RECORD_COMPLAINTS = Rule(
        frozenset({Office.SDM, Office.VDO}),
        frozenset({PersonKind.STAFF}),
        "Only an administrator, a member of staff, the Scheme Development Manager or the "
        "Volunteer Development Officer can record complaints and the private replies to them.",
    )
    RECORD_CONNECTIONS = Rule(
        frozenset({Office.SDM, Office.VDO, Office.CHAIR}),
        frozenset({PersonKind.STAFF}),
        "Only an administrator, a member of staff, the Chair, the Scheme Development Manager or "
        "the Volunteer Development Officer can see or record declared connections.",
    )
    HANDLE_BREACHES = Rule(
        frozenset({Office.SDM, Office.CHAIR}),
        frozenset(),
        "Breach records are confidential: only the Scheme Development Manager, the Chair or an "
        "administrator can see or change them.",
    )
    RESTORE_BACKUPS = Rule(
        frozenset(),
        frozenset(),
        "Only an administrator can restore a backup, because it replaces everyone's work since "
        "the backup was taken. Ask an administrator to do this.",
    )
    MOVE_TO_SERVER = Rule(
        frozenset(),
        frozenset(),
        "Only an administrator can move the office's records onto the office server, because "
        "everyone then works there. Ask an administrator to do this.",
    )
    SET_BACKUP_FOLDER = Rule(
        frozenset(),
        frozenset(),
        "Only an administrator can choose where the office server's backups go. Ask an "
        "administrator to do this.",
    )
    ERASE_PERSONAL_DATA = Rule(
        frozenset(),
        frozenset(),
        "Only an administrator can erase a person's details or decide how long they are kept. "
        "Ask an administrator to do this.",
    )
    VIEW_AUDIT = Rule(
        frozenset({Office.CHAIR, Office.VICE_CHAIR, Office.SDM}),
        frozenset(),
        "Only an administrator, the Chair, the Vice Chair or the Scheme Development Manager "
        "can read the audit trail.",
    )


def allowed(actor: Actor, permission: Permission) -> bool:
    rule = permission.value
    return (
        actor.is_admin
        or bool(actor.offices & rule.offices)
        or (actor.person_kind is not None and actor.person_kind in rule.kinds)
    )


def require(actor: Actor, permission: Permission) -> None:
    """Refuse, in the rule's own words, an actor the permission does not allow."""
    if not allowed(actor, permission):
        raise PermissionDenied(permission.value.refusal)
