"""Short fingerprints ("marks") of the covered records exactly as the database stores them, so a
`check` digests only the records that changed since this PC's last clean check, yet still finds
any covered record changed, added or deleted outside hsdesk since then.

A record's digest (:mod:`record_state`) is made from its values as hsdesk reads them, which on
ten years of records takes seconds. Its mark is 8 bytes of BLAKE2b over the row as the driver
returns it, several times cheaper. After a clean check the PC keeps every record's mark with the
number of the last audit entry it had read (:class:`Marks`). At the next check:

- a record whose mark is the same, and that no entry since then names, is as it was verified;
- a record hsdesk wrote since then is named by an entry after that number, with its digest:
  only these are digested and compared;
- anything else that differs (a mark changed, a record added or gone, with no entry naming it)
  was changed outside hsdesk, and is reported by name (in the full comparison's words, except
  that a record the trail holds as deleted before the last check, put back since, is "not in
  the audit trail" here and "changed" there).

Kept in the PC's own settings folder beside the anchors; a full check starts them again."""

from __future__ import annotations

import hashlib
import json
import pickle
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from hsdesk.db.record_state import (
    COVERED,
    _table,
    added_outside,
    changed_outside,
    deleted_outside,
    latest_states,
    states,
)

MARK_BYTES = 8


@dataclass
class Marks:
    """Every covered record's mark (table → id → mark), as of audit entry ``seq``, made by
    schema ``revision`` (a migration that changes a table changes its marks)."""

    seq: int
    revision: str
    tables: dict[str, dict[int, bytes]] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        header = {"seq": self.seq, "revision": self.revision, "tables": {}}
        body: list[bytes] = []
        for name, found in self.tables.items():
            ids = array("q", found.keys())
            header["tables"][name] = len(ids)  # type: ignore[index]
            body += [ids.tobytes(), b"".join(found.values())]
        return json.dumps(header).encode("utf-8") + b"\n" + b"".join(body)

    @classmethod
    def from_bytes(cls, data: bytes) -> Marks | None:
        """None for anything that is not a whole marks file."""
        try:
            line, rest = data.split(b"\n", 1)
            header = json.loads(line)
            marks = cls(int(header["seq"]), str(header["revision"]))
            at = 0
            for name, count in dict(header["tables"]).items():
                ids = array("q")
                ids.frombytes(rest[at : at + 8 * count])
                at += 8 * count
                values = rest[at : at + MARK_BYTES * count]
                at += MARK_BYTES * count
                if len(ids) != count or len(values) != MARK_BYTES * count:
                    return None
                marks.tables[str(name)] = {
                    key: values[n * MARK_BYTES : (n + 1) * MARK_BYTES] for n, key in enumerate(ids)
                }
        except (ValueError, KeyError, TypeError):
            return None
        return marks if at == len(rest) else None


def table_marks(connection: Connection, name: str) -> dict[int, bytes]:
    """id → mark for every record of table ``name``, read as the driver returns them."""
    columns = [column.name for column in _table(name).columns]
    at = columns.index("id")
    listed = ", ".join(f'"{column}"' for column in columns)
    blake = hashlib.blake2b
    return {
        row[at]: blake(pickle.dumps(tuple(row), 4), digest_size=MARK_BYTES).digest()
        for row in connection.exec_driver_sql(f'SELECT {listed} FROM "{name}"')
    }


def all_marks(connection: Connection) -> dict[str, dict[int, bytes]]:
    return {name: table_marks(connection, name) for name in COVERED}


def _numbers(keys: Iterable[str], name: str) -> set[int]:
    prefix = f"{name}:"
    found: set[int] = set()
    for key in keys:
        if key.startswith(prefix):
            try:
                found.add(int(key[len(prefix) :]))
            except ValueError:
                continue
    return found


def problems_since(session: Session, kept: Marks) -> tuple[list[str], dict[str, dict[int, bytes]]]:
    """Every covered record that differs from the audit trail, given what ``kept`` says was
    verified as of its entry; and the marks now. The marks are read before the entries, so a
    write another PC commits meanwhile is in the entries read (and so not taken for a change
    made outside hsdesk)."""
    connection = session.connection()
    now = all_marks(connection)
    latest = latest_states(session, kept.seq)
    problems: list[str] = []
    for name in COVERED:
        before, current = kept.tables.get(name, {}), now[name]
        written = _numbers(latest, name)  # records hsdesk wrote (or deleted) since
        for number, mark in current.items():
            if number in written or before.get(number) == mark:
                continue
            problems.append(
                changed_outside(name, number) if number in before else added_outside(name, number)
            )
        for number in before.keys() - current.keys() - written:
            problems.append(deleted_outside(name, number))
        kept_now = {n for n in written if latest[f"{name}:{n}"] is not None}
        for number in kept_now - current.keys():
            problems.append(deleted_outside(name, number))
        digests = states(connection, name, kept_now & current.keys()) if kept_now else {}
        for number in sorted(written & current.keys()):
            wanted = latest[f"{name}:{number}"]  # None: hsdesk deleted it, yet it is there
            if wanted is None or wanted != digests.get(f"{name}:{number}"):
                problems.append(changed_outside(name, number))
    return problems, now
