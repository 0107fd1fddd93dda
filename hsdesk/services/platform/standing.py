"""The signed-in account as it is now: services check it at every action, not as it was at
sign-in, so an account switched off, or an office or admin right removed, stops at once."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import OfficeHolding, UserAccount
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import AccountChanged, PermissionDenied
from hsdesk.domain.offices import holds_on
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.text_rules import matchable

_CHECKED = "hsdesk_accounts_checked"  # session.info: usernames already checked in a transaction


def offices_held(session: Session, person_id: int, day: date) -> frozenset[Office]:
    holdings = session.execute(
        select(OfficeHolding).where(OfficeHolding.person_id == person_id)
    ).scalars()
    return frozenset(h.office for h in holdings if holds_on(h.from_date, h.to_date, day))


def actor_for(session: Session, account: UserAccount, day: date | None = None) -> Actor:
    person = account.person
    return Actor(
        username=account.username,
        person_id=person.id,
        display_name=f"{person.first_name} {person.last_name}".strip(),
        is_admin=account.is_admin,
        person_kind=person.kind,
        offices=offices_held(session, person.id, day or clock.today()),
    )


def find_account(session: Session, username: str) -> UserAccount | None:
    key = matchable(username.strip().lower())
    if key is None:  # no account's name holds such characters
        return None
    return session.execute(
        select(UserAccount).where(func.lower(UserAccount.username) == key)
    ).scalar_one_or_none()


def _switched_off(actor: Actor) -> AccountChanged:
    return AccountChanged(
        f"Your account '{actor.username}' has been switched off by an administrator, so this "
        "was not done. hsdesk will now sign you out. Ask an administrator if you need it back on."
    )


def _signed_in_account(session: Session, actor: Actor) -> UserAccount | None:
    """The account ``actor`` signed in with; None for hsdesk-cli's operator (no account)."""
    if actor.person_id is None:
        return None
    account = find_account(session, actor.username)
    return account if account is not None and account.person_id == actor.person_id else None


def current(session: Session, actor: Actor) -> Actor:
    """``actor`` with their account's flags and today's offices; refused if switched off."""
    account = _signed_in_account(session, actor)
    if account is None:
        return actor
    if not account.active:
        raise _switched_off(actor)
    return actor_for(session, account)


def check_active(session: Session, actor: Actor) -> None:
    """Refuse a change written by an account that is switched off (once per transaction)."""
    checked: set[str] = session.info.setdefault(_CHECKED, set())
    if actor.username in checked:
        return
    account = _signed_in_account(session, actor)
    if account is not None and not account.active:
        raise _switched_off(actor)
    checked.add(actor.username)


def require(where: Database | Session, actor: Actor, permission: Permission) -> Actor:
    """Refuse, in the rule's own words, an action the account may not do as it is now; a right
    the person had at sign-in but no longer has ends their session. Returns the actor now."""
    if isinstance(where, Session):
        now = current(where, actor)
    else:
        with where.read() as session:
            now = current(session, actor)
    if allowed(now, permission):
        return now
    rule = permission.value.refusal
    if allowed(actor, permission):
        raise AccountChanged(
            f"Your rights have changed since you signed in, so this was not done: {rule} "
            "hsdesk will now sign you out, so that it shows only what you may do now; sign in "
            "again to carry on."
        )
    raise PermissionDenied(rule)
