"""The audit trail's SHA-256 hash chain: each entry's hash covers its content and the previous
hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def entry_hash(prev_hash: str, content: Mapping[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


HASHED = ("seq", "at", "actor", "signer", "action", "entity", "entity_id", "summary", "data")


def entry_content(entry: Any) -> dict[str, Any]:
    """What an entry's hash covers, from anything with an audit entry's fields."""
    return fields_content({name: getattr(entry, name) for name in HASHED})


def fields_content(fields: Mapping[str, Any]) -> dict[str, Any]:
    """What an entry's hash covers, from its fields by name (a row read without the ORM)."""
    return {name: fields[name] for name in HASHED} | {"at": fields["at"].isoformat()}


@dataclass(frozen=True)
class ChainedEntry:
    seq: int
    content: Mapping[str, Any]
    prev_hash: str
    hash: str


def first_break(
    entries: Iterable[ChainedEntry], after_seq: int = 0, after_hash: str = GENESIS
) -> str | None:
    """Describe the first entry that does not fit the chain, or None when the chain is intact;
    ``entries`` follow entry ``after_seq`` (of hash ``after_hash``), already verified."""
    expected_prev = after_hash
    expected_seq = after_seq + 1
    for entry in entries:
        if entry.seq != expected_seq:
            return f"audit entry {expected_seq} is missing (next found is {entry.seq})"
        if entry.prev_hash != expected_prev:
            return f"audit entry {entry.seq} does not follow entry {entry.seq - 1} (chain broken)"
        if entry_hash(entry.prev_hash, entry.content) != entry.hash:
            return f"audit entry {entry.seq} was altered after it was written"
        expected_prev = entry.hash
        expected_seq += 1
    return None
