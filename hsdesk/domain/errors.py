"""Errors a person can act on. Every message is plain English and says what to do."""

from collections.abc import Callable
from typing import Any


class HsdeskError(Exception):
    """Base of every refusal hsdesk explains to its user.

    ``recorded`` is what must be kept although the change was refused (a wrong password counted
    and put in the audit trail): the database layer runs it, with a session, in a transaction of
    its own after rolling the refused change back."""

    def __init__(self, *args: object, recorded: Callable[[Any], None] | None = None) -> None:
        super().__init__(*args)
        self.recorded = recorded


class ValidationError(HsdeskError):
    """The input cannot be saved as it stands; the message says which field and why."""


class AlreadyInRegister(ValidationError):
    """Someone of the same name (and date of birth, where both are known) is in the register
    already: ``matches`` holds each one's id and a description. Adding them again is a choice."""

    def __init__(self, message: str, matches: tuple[tuple[int, str], ...]) -> None:
        super().__init__(message)
        self.matches = matches


class Withdrawn(HsdeskError):
    """The person chose not to go on after a question (nothing to explain to them)."""


class PermissionDenied(HsdeskError):
    """The signed-in user (or signer) may not do this; the message names who can."""


class AccountChanged(PermissionDenied):
    """The signed-in account was switched off, or lost the right it needed, since signing in:
    the action was refused and the window's session ends (the person signs in again)."""


class SignOffRefused(PermissionDenied):
    """A sign-off was refused: wrong password, or the signer does not hold the office that day."""


class NotFound(HsdeskError):
    """A record asked for no longer exists."""


class DatabaseProblem(HsdeskError):
    """The database file cannot be opened as it is; nothing was changed."""


class DatabaseDamaged(DatabaseProblem):
    """The database file failed its integrity check; it was not changed or "repaired"."""


class DatabaseBusy(HsdeskError):
    """Another program held the database for longer than hsdesk waits; nothing was changed."""


class DiskFull(HsdeskError):
    """The disk (or the database's size limit) is full; nothing was changed."""


class CannotWrite(HsdeskError):
    """A folder or file hsdesk must write to is read-only or not this user's to change."""


class ReadOnlyDatabase(HsdeskError):
    """The database is open read-only; nothing can be changed."""


class DatabaseInUse(HsdeskError):
    """Another hsdesk (on this or another computer) has the database open."""


class ServerUnavailable(DatabaseProblem):
    """The database server cannot be reached, or will not let hsdesk in; nothing was changed."""


class WriteConflict(HsdeskError):
    """Someone else changed the same record first; nothing was changed and the lists refresh."""
