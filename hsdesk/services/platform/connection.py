"""Connecting this PC to the office server: try an address, then keep it (the password in the
credential store, the address in this PC's settings file), or go back to the file on this PC."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from hsdesk.db import credentials, server
from hsdesk.db.engine import Database
from hsdesk.db.migrate import schema_state
from hsdesk.db.models import Person
from hsdesk.db.schema import HEAD
from hsdesk.domain.errors import ValidationError


@dataclass(frozen=True)
class Tried:
    """What was found at an address that answered."""

    where: str
    empty: bool  # no hsdesk records yet: a PC's database can be moved onto it
    people: int
    needs_upgrade: bool

    @property
    def described(self) -> str:
        if self.empty:
            return (
                f"Connected to {self.where}. It is empty: move this PC's records onto it "
                "(File → Move to the office server…), or start afresh there."
            )
        upgrade = (
            " It was set up by an older hsdesk and will be upgraded when you connect (a backup "
            "is taken first)."
            if self.needs_upgrade
            else ""
        )
        return f"Connected to {self.where}: the office's records, {self.people:,} people.{upgrade}"


def check_address(address: credentials.ServerAddress) -> None:
    if not address.host.strip():
        raise ValidationError("Type the server's name (or its address), e.g. office-server.")
    if not address.database.strip():
        raise ValidationError("Type the name of the database on the server, e.g. hsdesk.")
    if not address.username.strip():
        raise ValidationError("Type the username you were given for the server.")
    if not 1 <= address.port <= 65535:
        raise ValidationError("The port is a number from 1 to 65535 (usually 5432).")


def try_server(url: str) -> Tried:
    """Connect and look: raises a plain refusal for an unreachable server, a wrong password, a
    missing database, or one a newer hsdesk (or another program) uses."""
    db = Database(url)
    try:
        state = schema_state(db)
        people = 0
        if state.has_tables:
            with db.read() as session:
                people = int(session.execute(select(func.count()).select_from(Person)).scalar_one())
        where = server.server_name(db.url)
        return Tried(where, people == 0, people, state.revision not in (None, HEAD))
    finally:
        db.dispose()


def use_server(url: str, password: str | None) -> str | None:
    """Use this server from this PC from now on; returns a note when the password could not be
    kept (the PC then asks for it at each start)."""
    credentials.save_server(url)
    if password is None:
        return None
    return credentials.store_password(url, password)


def use_this_pc(forget: str | None = None) -> None:
    """Go back to the database file on this PC; ``forget`` the kept password of that server."""
    credentials.save_server(None)
    if forget:
        credentials.forget_password(forget)


def remember_password(url: str, password: str) -> str | None:
    """Keep the password for this server without changing which database this PC uses."""
    return credentials.store_password(url, password)


def described(url: str) -> str:
    """A server as people know it: 'the database hsdesk on office-server'."""
    try:
        return server.server_name(url)
    except Exception:  # noqa: BLE001 - an address that cannot be read is shown as it is
        return url
