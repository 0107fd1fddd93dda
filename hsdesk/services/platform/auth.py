"""Sign-in, permission checks and the sign-off helper (a named signer's own password and office)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import Setting, UserAccount
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import PermissionDenied, SignOffRefused
from hsdesk.domain.offices import holds_on
from hsdesk.domain.passwords import WRONG_BEFORE_PAUSE, paused_message, paused_until
from hsdesk.domain.text_rules import quoted
from hsdesk.services.platform import audit
from hsdesk.services.platform.standing import actor_for as actor_for
from hsdesk.services.platform.standing import find_account as _account
from hsdesk.services.platform.standing import require as require  # where the services find it

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


def _bytes(password: str) -> bytes:
    # As UTF-8, the same bytes argon2 hashes a str as; half of a surrogate pair (which no
    # password may hold) is kept as it is, so typing one is a wrong password, not a crash.
    return password.encode("utf-8", "surrogatepass")


def hash_password(password: str) -> str:
    return _hasher().hash(_bytes(password))


def password_matches(stored_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored_hash, _bytes(password))
    except (VerificationError, InvalidHashError):
        return False


@cache
def _stand_in_hash() -> str:
    """A hash no password matches, checked for an unknown username so that it takes as long to
    refuse as a known one (the time taken must not tell which usernames exist)."""
    import secrets

    return hash_password(secrets.token_hex(16))


def _checked_password(account: UserAccount | None, password: str) -> bool:
    return password_matches(account.password_hash if account else _stand_in_hash(), password)


def _paused(account: UserAccount, now: datetime) -> str | None:
    until = paused_until(account.wrong_passwords, account.last_wrong_password)
    if until is None or until <= now:
        return None
    return paused_message(account.username, until, now)


def _wrong_so_far(account: UserAccount, now: datetime) -> int:
    """Wrong passwords in a row that still count: none once a pause is over."""
    if account.wrong_passwords >= WRONG_BEFORE_PAUSE and _paused(account, now) is None:
        return 0
    return account.wrong_passwords


def _count_wrong(username: str, doing: str) -> Callable[[Session], None]:
    """Count a wrong password for ``username`` and say so in the audit trail (never what was
    typed); the fifth in a row pauses the username. Runs in a transaction of its own, so it is
    kept although the sign-in or sign-off was refused."""

    def record(session: Session) -> None:
        account = _account(session, username)
        who = Actor.system("sign-in")
        if account is None:
            audit.record(
                session,
                who,
                "sign_in_failed",
                "user_account",
                "",
                f"{doing.capitalize()} refused: an unknown username (not recorded, as it may be a "
                "mistyped password)",
            )
            return
        now = clock.now()
        account.wrong_passwords = _wrong_so_far(account, now) + 1
        account.last_wrong_password = now
        audit.record(
            session,
            who,
            "sign_in_failed",
            "user_account",
            account.id,
            f"{doing.capitalize()} refused: wrong password for '{account.username}' "
            f"({account.wrong_passwords} in a row)",
            {"wrong_in_a_row": account.wrong_passwords},
        )
        until = paused_until(account.wrong_passwords, now)
        if until is not None and account.wrong_passwords == WRONG_BEFORE_PAUSE:
            audit.record(
                session,
                who,
                "sign_in_paused",
                "user_account",
                account.id,
                f"Signing in as '{account.username}' paused until {until:%d/%m/%Y %H:%M} after "
                f"{WRONG_BEFORE_PAUSE} wrong passwords in a row",
            )

    return record


def _refused_password(account: UserAccount | None, username: str, message: str, doing: str,
                      kind: type[PermissionDenied]) -> PermissionDenied:  # fmt: skip
    now = clock.now()
    if account is not None and _wrong_so_far(account, now) + 1 >= WRONG_BEFORE_PAUSE:
        until = paused_until(WRONG_BEFORE_PAUSE, now)
        assert until is not None
        message = f"{message} {paused_message(account.username, until, now)}"
    return kind(message, recorded=_count_wrong(username, doing))


def sign_in(db: Database, username: str, password: str) -> Actor:
    """Check a user's password and return who they are today; records the time of sign-in.

    A wrong password is counted and audited; after five in a row the username is paused for a
    quarter of an hour (sign-offs count too). An unknown username takes as long to refuse."""
    with db.write() as session:
        account = _account(session, username)
        matches = _checked_password(account, password)
        paused = _paused(account, clock.now()) if account is not None else None
        if paused:
            raise PermissionDenied(paused)
        if not matches:
            raise _refused_password(account, username, BAD_SIGN_IN, "sign-in", PermissionDenied)
        assert account is not None
        if not account.active:
            raise PermissionDenied(
                f"The account '{account.username}' has been switched off. Ask an administrator to turn it back on."
            )
        account.last_sign_in = clock.now()
        account.wrong_passwords = 0
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
    matches = _checked_password(account, password)
    paused = _paused(account, clock.now()) if account is not None else None
    if paused:
        raise SignOffRefused(f"The sign-off was refused. {paused}")
    if not matches:
        raise _refused_password(
            account,
            username,
            f"The sign-off was refused: the username or password of the {office.label} is not right.",
            "sign-off",
            SignOffRefused,
        )
    assert account is not None
    account.wrong_passwords = 0
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
            raise PermissionDenied(f"There is no demo account called '{quoted(username)}'.")
        return actor_for(session, account)
