"""Sign-in, permission checks and the sign-off helper (a named signer's own password and office)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import OfficeHolding, Setting, UserAccount
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import PermissionDenied, SignOffRefused
from hsdesk.domain.offices import holds_on
from hsdesk.domain.permissions import Permission, allowed

if TYPE_CHECKING:
    from argon2 import PasswordHasher

DEMO_FLAG = "demo_data"
BAD_SIGN_IN = "The username or password is not right. Check them and try again (passwords are case-sensitive)."
_COSTS: list[tuple[int, int, int]] = []  # argon2-cffi's recommended defaults unless set


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    if not _COSTS:
        return PasswordHasher()
    time_cost, memory_cost, parallelism = _COSTS[-1]
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


def use_hash_costs(time_cost: int, memory_cost: int, parallelism: int) -> None:
    """Cheaper argon2 costs, for the test suite only: a hash made with them still verifies with
    any hasher (argon2 hashes carry their parameters), and real accounts keep the defaults."""
    _COSTS[:] = [(time_cost, memory_cost, parallelism)]
    _hasher.cache_clear()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def require(actor: Actor, permission: Permission) -> None:
    if not allowed(actor, permission):
        raise PermissionDenied(permission.value.refusal)


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


def _account(session: Session, username: str) -> UserAccount | None:
    return session.execute(
        select(UserAccount).where(func.lower(UserAccount.username) == username.strip().lower())
    ).scalar_one_or_none()


def sign_in(db: Database, username: str, password: str) -> Actor:
    """Check a user's password and return who they are today; records the time of sign-in."""
    with db.write() as session:
        account = _account(session, username)
        if account is None or not password_matches(account.password_hash, password):
            raise PermissionDenied(BAD_SIGN_IN)
        if not account.active:
            raise PermissionDenied(
                f"The account '{account.username}' has been switched off. Ask an administrator to turn it back on."
            )
        account.last_sign_in = clock.now()
        return actor_for(session, account)


def refresh(db: Database, actor: Actor) -> Actor:
    """The same user with today's offices and flags (after an administrator changed them)."""
    with db.read() as session:
        account = _account(session, actor.username)
        return actor if account is None else actor_for(session, account)


@dataclass(frozen=True, slots=True)
class Signer:
    """A verified sign-off: who signed, in which office, on which day, and whether acting."""

    username: str
    person_id: int
    name: str
    office: Office
    on: date
    acting: bool


def verify_signoff(
    session: Session, username: str, password: str, office: Office, on: date
) -> Signer:
    """Check a signer's own password and that they hold (or act in) ``office`` on ``on``.

    Works whoever is signed in at the PC; the caller records both names in the audit entry.
    """
    account = _account(session, username)
    if account is None or not password_matches(account.password_hash, password):
        raise SignOffRefused(
            f"The sign-off was refused: the username or password of the {office.label} is not right."
        )
    if not account.active:
        raise SignOffRefused(
            f"The sign-off was refused: the account '{account.username}' is switched off."
        )
    person = account.person
    name = f"{person.first_name} {person.last_name}".strip()
    for holding in person.holdings:
        if holding.office == office and holds_on(holding.from_date, holding.to_date, on):
            return Signer(account.username, person.id, name, office, on, holding.acting)
    raise SignOffRefused(
        f"The sign-off was refused: {name} does not hold the office of {office.label} "
        f"(or act in it) on {format_date(on)}. The {office.label} must sign with their own "
        "username and password."
    )


def is_demo(db: Database) -> bool:
    """True only for a database filled with the demo data set (never the scheme's real records)."""
    with db.read() as session:
        flag = session.get(Setting, DEMO_FLAG)
        return flag is not None and flag.value == "yes"


def demo_sign_in(db: Database, username: str) -> Actor:
    """Sign in without a password, for benchmarks and screenshots; refused on any real database."""
    if not is_demo(db):
        raise PermissionDenied("Signing in without a password is only possible on demo data.")
    with db.read() as session:
        account = _account(session, username)
        if account is None:
            raise PermissionDenied(f"There is no demo account called '{username}'.")
        return actor_for(session, account)
