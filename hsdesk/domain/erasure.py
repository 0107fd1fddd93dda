"""Erasure (UK GDPR article 17): which words of a person's name are taken out of the text of
other records, how, and what an erasure did."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from hsdesk.domain.wording import counted

ERASED = "[erased]"
SHORTEST = 3  # a name part shorter than this is left in other records' text (too common)


def erased_name(number: int) -> str:
    """What the People register shows in place of an erased person's name."""
    return f"Erased person {number}"


def name_words(first: str, last: str, others: Iterable[str], username: str = "") -> list[str]:
    """The words to take out of other records' text: the whole name always; the first or last
    name alone when no one else held names it (``others``) and it is long enough to be theirs;
    their username. Longest first, so the whole name goes before its parts."""
    whole = " ".join(part for part in (first.strip(), last.strip()) if part)
    taken = {word.casefold() for word in others}
    words = [whole] if whole else []
    for part in (first.strip(), last.strip()):
        if len(part) >= SHORTEST and part.casefold() not in taken and part not in words:
            words.append(part)
    if username and username not in words:
        words.append(username)
    folded = [unaccented(word) for word in words]  # "Émilie" is also written "Emilie"
    return sorted(set(words) | set(folded), key=len, reverse=True)


def unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def spellings(word: str) -> set[str]:
    """How a word may be written in a record, for a database's search to find (SQLite's own
    LIKE and lower() ignore case in English letters only)."""
    return {word, word.lower(), word.upper(), word.title(), word.capitalize()}


def _pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    found = [re.escape(word) for word in words if word]
    if not found:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(found) + r")(?!\w)", re.IGNORECASE)


def scrubbed(text: str, words: Iterable[str]) -> str:
    """``text`` with each of ``words`` (as a whole word, in any case) replaced by [erased]."""
    pattern = _pattern(words)
    return pattern.sub(ERASED, text) if pattern is not None and text else text


def scrubbed_data(data: str, words: Iterable[str], keep: Iterable[str] = ()) -> str:
    """An audit entry's data (JSON) with the words taken out of every value; with ``keep``,
    only those keys are kept whole and the others are named as erased."""
    try:
        found = json.loads(data or "{}")
    except ValueError:
        return json.dumps({"erased": True})
    if not isinstance(found, dict):
        return json.dumps({"erased": True})
    kept = set(keep)
    if kept:
        others = sorted(k for k in found if k not in kept)
        found = {k: v for k, v in found.items() if k in kept}
        if others:
            found["erased"] = others
    return json.dumps(_scrub_value(found, list(words)), sort_keys=True, ensure_ascii=False)


def _scrub_value(value: Any, words: list[str]) -> Any:
    if isinstance(value, str):
        return scrubbed(value, words)
    if isinstance(value, list):
        return [_scrub_value(item, words) for item in value]
    if isinstance(value, dict):
        return {scrubbed(str(k), words): _scrub_value(v, words) for k, v in value.items()}
    return value


@dataclass
class ErasureResult:
    """What one erasure did, in numbers and words (no personal data)."""

    number: int
    person_id: int
    records_deleted: int = 0
    texts_changed: int = 0
    files_deleted: int = 0
    entries_erased: int = 0
    photos_deleted: int = 0
    kept: list[str] = field(default_factory=list)  # what was kept, and why
    warning: str | None = None  # something to pass on, done after the erasure itself

    def summary(self) -> str:
        said = (
            f"Erased person {self.person_id}'s details (erasure {self.number}): "
            f"{counted(self.records_deleted, 'record')} and "
            f"{counted(self.files_deleted, 'stored file')} deleted "
            f"({counted(self.photos_deleted, 'photo')} among them); their name taken out of "
            f"{counted(self.texts_changed, 'text')} and "
            f"{counted(self.entries_erased, 'audit entry', 'audit entries')}"
        )
        return said + (". Kept: " + "; ".join(self.kept) if self.kept else "")
