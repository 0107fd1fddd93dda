"""Password rules for sign-in accounts."""

from __future__ import annotations

from datetime import datetime, timedelta

from hsdesk.domain.text_rules import unstorable

MIN_LENGTH = 8
MAX_LENGTH = 200  # a passphrase, not a document


def password_problem(password: str, username: str = "") -> str | None:
    """Why this password will not do, in words a person can act on; None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"The password must be at least {MIN_LENGTH} characters long."
    if len(password) > MAX_LENGTH:
        return f"The password must be at most {MAX_LENGTH} characters long."
    bad = unstorable(password)
    if bad is not None:
        return f"The password holds {bad}. Type it again without it."
    if password.strip() != password:
        return "The password must not start or end with a space."
    if username and password.casefold() == username.casefold():
        return "The password must not be the same as the username."
    return None


# Guessing: after this many wrong passwords in a row for one username, sign-in and sign-offs with
# it pause for a fixed time. A fixed pause (not a growing delay) is one rule staff can be told
# ("wait a quarter of an hour, or ask an administrator to set a new password") and it caps a
# guesser at 20 tries an hour per username, while a colleague who mistyped is back soon.
WRONG_BEFORE_PAUSE = 5
PAUSE_MINUTES = 15


def paused_until(wrong_in_a_row: int, last_wrong: datetime | None) -> datetime | None:
    """When sign-in with a username may be tried again, or None when it is not paused."""
    if wrong_in_a_row < WRONG_BEFORE_PAUSE or last_wrong is None:
        return None
    return last_wrong + timedelta(minutes=PAUSE_MINUTES)


def paused_message(username: str, until: datetime, now: datetime) -> str:
    minutes = max(1, -(-int((until - now).total_seconds()) // 60))
    return (
        f"Too many wrong passwords for '{username}': signing in and signing off with it are "
        f"paused until {until:%H:%M} ({minutes} minute{'s' if minutes != 1 else ''} from now). "
        "Wait, or ask an administrator to set a new password."
    )
