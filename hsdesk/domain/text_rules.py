"""What text hsdesk can keep: within its field's limit (the column's, and what the printed forms
have room for), and without characters that cannot be stored or printed — NUL and the other
control characters (C0 and C1), or half of a surrogate pair (a broken emoji). Searches and
filters accept any text: what cannot be stored is dropped from them, and LIKE's wildcards are
matched as typed."""

from __future__ import annotations

_KEPT_CONTROLS = frozenset("\t\n\r")
# A search needs no more than this: longer text is searched for by its first 1,000 characters.
SEARCH_LIMIT = 1_000


def unstorable(value: str) -> str | None:
    """What is wrong with ``value``'s characters, in words; None when every one can be kept."""
    for char in value:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            return "half of a character pair (a broken emoji or symbol)"
        if (code < 32 and char not in _KEPT_CONTROLS) or 0x7F <= code <= 0x9F:
            return "an invisible control character"
    return None


def field_words(column: str) -> str:
    """A column's name as a person would say it: 'first_name' → 'first name'."""
    return column.replace("_", " ")


def text_problem(field: str, value: str, limit: int | None) -> str | None:
    """Why ``value`` cannot be saved in ``field``, in words a person can act on; None if it can."""
    bad = unstorable(value)
    if bad is not None:
        return (
            f"The {field} holds {bad}, which cannot be saved. Type it again without it (or "
            "paste it as plain text)."
        )
    if limit is not None and len(value) > limit:
        return (
            f"The {field} is too long: {len(value):,} characters, and it can hold {limit:,}. "
            "Shorten it and save again."
        )
    return None


def searchable(typed: str) -> str:
    """What was typed into a search or filter box, without what no stored text can hold, and
    at most SEARCH_LIMIT characters (a longer pattern is more than SQLite's LIKE will take)."""
    typed = typed[:SEARCH_LIMIT]
    if unstorable(typed) is None:
        return typed
    return "".join(c for c in typed if unstorable(c) is None)


def matchable(typed: str) -> str | None:
    """Text typed to find one record by its name (an account, a policy document), or None when
    it holds what no stored name can, so that it matches nothing instead of failing."""
    return typed if unstorable(typed) is None else None


def quoted(typed: str, limit: int = 60) -> str:
    """What was typed, safe to repeat in a message: what cannot be printed becomes '?', and
    anything past ``limit`` characters '…'."""
    safe = "".join("?" if unstorable(c) else c for c in typed[:limit])
    return safe + ("…" if len(typed) > limit else "")


def record_number(typed: str) -> int | None:
    """A record's number typed as plain digits ('12'), or None ('²', '١٢', 23 digits)."""
    text = typed.strip()
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None
