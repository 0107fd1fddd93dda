"""Counts said the way people say them: "1 clause", "3 clauses" — never "clause(s)"; and text
shortened at a word, never in the middle of one."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, in the plural (``plural``, or ``noun`` + s) unless it is one."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def shortened(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters; otherwise its words that fit, then "…"
    (a single word longer than the limit is cut, as nothing else can be done)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:—-") + "…"
