"""Password rules for sign-in accounts."""

from __future__ import annotations

MIN_LENGTH = 8


def password_problem(password: str, username: str = "") -> str | None:
    """Why this password will not do, in words a person can act on; None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"The password must be at least {MIN_LENGTH} characters long."
    if password.strip() != password:
        return "The password must not start or end with a space."
    if username and password.casefold() == username.casefold():
        return "The password must not be the same as the username."
    return None
