"""The audit trail's SHA-256 hash chain: each entry's hash covers its content and the previous
hash.

An entry's personal details (who acted or signed, its summary and data) are not hashed as text:
the hash covers ``detail``, a digest of them salted with the entry's own random ``salt``. While
the salt is kept, `check` recomputes the digest from the text, so any change to it is found. An
erasure replaces the text and drops the salt: the digest left says nothing of what it covered
(guessing a name is no help without the salt), and the chain still verifies. Entries written
before this (schema 0012 and older, and the backups made then) were hashed over the text itself:
``content_v1`` reads those."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64

HASHED = ("seq", "at", "action", "entity", "entity_id", "detail")
DETAILS = ("actor", "signer", "summary", "data")
# What an entry's hash is made from, read from a row or an entry.
FIELDS = (*HASHED, "salt", *DETAILS)
ERASED_ENTRIES = "erased_entries"  # the key of an erasure entry's data: the entries it erased
HASHED_V1 = ("seq", "at", "actor", "signer", "action", "entity", "entity_id", "summary", "data")


def entry_hash(prev_hash: str, content: Mapping[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def new_salt() -> str:
    return secrets.token_hex(16)


def detail_digest(salt: str, fields: Mapping[str, Any]) -> str:
    """The salted digest of an entry's personal details, which its hash covers."""
    canonical = json.dumps(
        {name: fields[name] for name in DETAILS},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256((salt + canonical).encode("utf-8")).hexdigest()


def fields_content(fields: Mapping[str, Any]) -> dict[str, Any]:
    """What an entry's hash covers, from its fields by name (a row read without the ORM): the
    digest made again from its text while its salt is kept, the stored one once erased."""
    salt = fields.get("salt")
    detail = detail_digest(salt, fields) if salt else fields.get("detail")
    return {
        "seq": fields["seq"],
        "at": fields["at"].isoformat(),
        "action": fields["action"],
        "entity": fields["entity"],
        "entity_id": fields["entity_id"],
        "detail": detail,
    }


def entry_content(entry: Any) -> dict[str, Any]:
    """What an entry's hash covers, from anything with an audit entry's fields."""
    return fields_content({name: getattr(entry, name) for name in FIELDS})


def seal_fields(prev_hash: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Give a new entry's fields (all but its salt, digest and hashes) those, after
    ``prev_hash``; the same dict, returned."""
    fields["salt"] = fields.get("salt") or new_salt()
    fields["detail"] = detail_digest(fields["salt"], fields)
    fields["prev_hash"] = prev_hash
    fields["hash"] = entry_hash(prev_hash, fields_content(fields))
    return fields


def seal_entry(entry: Any) -> None:
    """Make an entry's digest and hash again after its details changed (before it is
    committed), keeping its salt (a new one if it has none)."""
    entry.salt = entry.salt or new_salt()
    entry.detail = detail_digest(entry.salt, {name: getattr(entry, name) for name in DETAILS})
    entry.hash = entry_hash(entry.prev_hash, entry_content(entry))


def content_v1(fields: Mapping[str, Any]) -> dict[str, Any]:
    """What an entry written before salted details (schema 0012 and older) was hashed over."""
    return {name: fields[name] for name in HASHED_V1} | {"at": fields["at"].isoformat()}


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


def unexplained_erasures(erased: Iterable[int], explained: Iterable[int]) -> str | None:
    """Entries whose details were removed (no salt) that no erasure in the trail names: their
    text was changed outside hsdesk, in words; None when every one is explained."""
    missing = sorted(set(erased) - set(explained))
    if not missing:
        return None
    listed = ", ".join(map(str, missing[:5])) + (", …" if len(missing) > 5 else "")
    return (
        f"audit entries {listed} had their details removed outside hsdesk (no erasure in the "
        "trail names them)"
    )
