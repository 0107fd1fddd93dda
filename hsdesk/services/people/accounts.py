"""Sign-in accounts: first administrator, adding accounts, passwords, switching off."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import Person, UserAccount
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import NotFound, PermissionDenied, ValidationError
from hsdesk.domain.passwords import password_problem
from hsdesk.domain.permissions import Permission
from hsdesk.domain.records import AccountRecord, PersonInput
from hsdesk.domain.text_rules import quoted
from hsdesk.services.people.persons import insert_person
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import hash_password, password_matches, require
from hsdesk.services.platform.standing import find_account

USERNAME = re.compile(r"^[A-Za-z0-9._-]{3,50}$")
CANNOT_SIGN_IN = (PersonKind.CHILD, PersonKind.FAMILY_MEMBER)


def _record(a: UserAccount) -> AccountRecord:
    return AccountRecord(
        id=a.id,
        username=a.username,
        person_id=a.person_id,
        person_name=f"{a.person.first_name} {a.person.last_name}".strip(),
        is_admin=a.is_admin,
        active=a.active,
        last_sign_in=a.last_sign_in,
    )


def has_accounts(db: Database) -> bool:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(UserAccount)).scalar_one() > 0


def list_accounts(db: Database, actor: Actor) -> list[AccountRecord]:
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    with db.read() as session:
        query = (
            select(UserAccount)
            .options(selectinload(UserAccount.person))
            .order_by(UserAccount.username)
        )
        return [_record(a) for a in session.execute(query).scalars()]


def account_of(db: Database, person_id: int) -> AccountRecord | None:
    with db.read() as session:
        account = session.execute(
            select(UserAccount).where(UserAccount.person_id == person_id)
        ).scalar_one_or_none()
        return _record(account) if account else None


def _get(session: Session, username: str) -> UserAccount:
    account = find_account(session, username)
    if account is None:
        raise NotFound(f"There is no account called '{quoted(username)}'.")
    return account


def _check_password(password: str, username: str) -> None:
    problem = password_problem(password, username)
    if problem:
        raise ValidationError(problem)


def _create(
    session: Session, actor: Actor, person_id: int, username: str, password: str, is_admin: bool
) -> UserAccount:
    username = username.strip()
    if not USERNAME.match(username):
        raise ValidationError(
            "A username is 3 to 50 letters, digits, dots, dashes or underscores, with no spaces "
            "(e.g. 'j.smith')."
        )
    _check_password(password, username)
    person = session.get(Person, person_id)
    if person is None:
        raise ValidationError(
            f"Person number {person_id} is not in the People register. Add them first."
        )
    if person.kind in CANNOT_SIGN_IN:
        raise ValidationError(
            f"{person.first_name} is recorded as a {person.kind.label.lower()} and cannot have a sign-in account."
        )
    if person.account is not None:
        raise ValidationError(
            f"{person.first_name} {person.last_name} already has the account '{person.account.username}'."
        )
    taken = session.execute(
        select(UserAccount.id).where(func.lower(UserAccount.username) == username.lower())
    ).scalar()
    if taken is not None:
        raise ValidationError(f"The username '{username}' is taken. Choose another.")
    account = UserAccount(
        person_id=person_id,
        username=username,
        password_hash=hash_password(password),
        is_admin=is_admin,
        active=True,
        created_at=clock.now(),
    )
    session.add(account)
    session.flush()
    admin = " (administrator)" if is_admin else ""
    audit.record(
        session,
        actor,
        "add",
        "user_account",
        account.id,
        f"Created sign-in account '{username}'{admin} for {person.first_name} {person.last_name}",
        {"username": username, "is_admin": is_admin},
    )
    return account


def create_account(
    db: Database, actor: Actor, person_id: int, username: str, password: str, is_admin: bool = False
) -> AccountRecord:
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    with db.write() as session:
        return _record(_create(session, actor, person_id, username, password, is_admin))


def create_first_admin(
    db: Database, person: PersonInput, username: str, password: str
) -> AccountRecord:
    """On an empty database: add the first person and make them administrator, in one transaction.

    Refused once any account exists, so it cannot be used to take over an office's database.
    """
    with db.write() as session:
        if session.execute(select(func.count()).select_from(UserAccount)).scalar_one():
            raise PermissionDenied(
                "An administrator already exists. Sign in, or ask them to add your account."
            )
        setup = Actor.system(f"first-start:{username.strip()}")
        new_person = insert_person(session, setup, person)
        return _record(_create(session, setup, new_person.id, username, password, True))


def reset_password(db: Database, actor: Actor, username: str, new_password: str) -> None:
    """An administrator sets someone's password (e.g. when they have forgotten it)."""
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    with db.write() as session:
        account = _get(session, username)
        _check_password(new_password, account.username)
        account.password_hash = hash_password(new_password)
        account.wrong_passwords = 0  # a new password ends any pause on guessing
        audit.record(
            session,
            actor,
            "reset_password",
            "user_account",
            account.id,
            f"Set a new password for '{account.username}'",
        )


def change_own_password(db: Database, actor: Actor, current: str, new_password: str) -> None:
    with db.write() as session:
        account = _get(session, actor.username)
        if not password_matches(account.password_hash, current):
            raise ValidationError("Your current password is not right. Type it again.")
        _check_password(new_password, account.username)
        account.password_hash = hash_password(new_password)
        audit.record(
            session,
            actor,
            "change_password",
            "user_account",
            account.id,
            f"'{account.username}' changed their own password",
        )


def set_flags(
    db: Database,
    actor: Actor,
    username: str,
    *,
    is_admin: bool | None = None,
    active: bool | None = None,
) -> AccountRecord:
    """Make or unmake an administrator, switch an account off or on; one administrator always remains."""
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    with db.write() as session:
        account = _get(session, username)
        changes = []
        if is_admin is not None and is_admin != account.is_admin:
            account.is_admin = is_admin
            changes.append("made administrator" if is_admin else "no longer administrator")
        if active is not None and active != account.active:
            account.active = active
            changes.append("switched on" if active else "switched off")
        if not changes:
            return _record(account)
        session.flush()
        admins = session.execute(
            select(func.count())
            .select_from(UserAccount)
            .where(UserAccount.is_admin, UserAccount.active)
        ).scalar_one()
        if admins == 0:
            raise ValidationError(
                "There must always be at least one administrator who can sign in. "
                "Make someone else an administrator first."
            )
        audit.record(
            session,
            actor,
            "edit",
            "user_account",
            account.id,
            f"Account '{account.username}': {', '.join(changes)}",
            {"is_admin": account.is_admin, "active": account.active},
        )
        return _record(account)
