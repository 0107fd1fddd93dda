"""Records covered by the audit chain. When a write transaction adds, changes or deletes a
consent, an approval decision, a publication, a takedown, a complaint, a breach, a declared
connection, an induction or a quarterly review (or one of its items), a digest of each such
record's columns goes into the transaction's last audit entry (under "records") before it is
committed, so the chain holds what every covered record should be. `check` compares each with its
latest digest: a record changed, added or deleted directly in the database, outside hsdesk, is
reported by name. (Adding a column to a covered table changes every digest: its migration writes
a new baseline, as 0011 does.)"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Connection, event, select
from sqlalchemy.orm import Mapper, Session, object_session

from hsdesk.db.base import Base
from hsdesk.domain.audit_chain import GENESIS, seal_entry, seal_fields

RECORDS = "records"  # the key of an audit entry's data that holds the digests
COVERED: dict[str, str] = {
    "consent": "consent record",
    "consent_withdrawal": "consent withdrawal",
    "content_decision": "approval decision",
    "publication": "publication",
    "takedown": "takedown",
    "complaint": "complaint",
    "breach": "breach record",
    "declared_connection": "declared connection",
    "induction": "induction record",
    "quarterly_review": "quarterly review",
    "review_item": "review checklist item",
}
_TOUCHED = "hsdesk_records_touched"
_ENTRY = "hsdesk_last_audit_entry"


_AS_IS = frozenset({str, int, float, bool, type(None)})  # kept as they are (most columns)


def _plain(value: Any) -> Any:
    if type(value) in _AS_IS:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def digest(row: Mapping[Any, Any]) -> str:
    """The digest of one record's columns (names and values), however it was read."""
    return _digest({str(name): _plain(value) for name, value in row.items()})


def _digest(plain: dict[str, Any]) -> str:
    text = json.dumps(plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _table(name: str) -> Any:
    return Base.metadata.tables[name]


def states(
    connection: Connection, name: str, ids: Iterable[object] | None = None
) -> dict[str, str]:
    """``"table:id"`` → digest for the records of table ``name`` (those ``ids``, or all)."""
    found = _table(name)
    query = select(found)
    if ids is not None:
        query = query.where(found.c.id.in_(list(ids)))
    result = connection.execute(query)
    names = list(map(str, result.keys()))
    at = names.index("id")
    found = {}
    for row in result:  # (as digest() does, without a mapping made for each row)
        plain = dict(zip(names, [_plain(value) for value in row], strict=True))
        found[f"{name}:{row[at]}"] = _digest(plain)
    return found


# --- tracking what a transaction touched ------------------------------------------------------


def _touched(_mapper: Mapper[Any], _connection: Any, target: Any) -> None:
    name = target.__table__.name
    session = object_session(target)
    if name in COVERED and session is not None:
        session.info.setdefault(_TOUCHED, set()).add((name, target.id))
    elif name == "audit_entry" and session is not None:
        session.info[_ENTRY] = target


def touch(session: Session, name: str, key: object) -> None:
    """Count a covered record as written by this transaction (one changed without the ORM)."""
    if name in COVERED:
        session.info.setdefault(_TOUCHED, set()).add((name, key))


_INSTALLED: list[bool] = []


def install() -> None:
    """Track covered records and audit entries in every write (called by Database, once)."""
    if _INSTALLED:
        return
    for when in ("after_insert", "after_update", "after_delete"):
        event.listen(Base, when, _touched, propagate=True)
    _INSTALLED.append(True)


def seal(session: Session) -> None:
    """Before a write transaction commits: put the state of every covered record it touched
    (None for one deleted) into its last audit entry, whose hash is made again, or into an
    entry of its own when the transaction wrote none."""
    session.flush()
    touched: set[tuple[str, object]] = session.info.pop(_TOUCHED, set())
    entry = session.info.pop(_ENTRY, None)
    if not touched:
        return
    connection = session.connection()
    records: dict[str, str | None] = {f"{name}:{key}": None for name, key in touched}
    for name in {name for name, _key in touched}:
        records.update(states(connection, name, [key for n, key in touched if n == name]))
    if entry is None or entry not in session:
        append_entry(connection, "hsdesk", "Records written without an entry of their own", records)
        return
    data = json.loads(entry.data or "{}")
    data[RECORDS] = {**data.get(RECORDS, {}), **records}
    entry.data = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    seal_entry(entry)
    session.flush()


def append_entry(
    connection: Connection,
    actor: str,
    summary: str,
    records: Mapping[str, str | None],
    action: str = "record_state",
    entity: str = "records",
    data: Mapping[str, Any] | None = None,
) -> int:
    """An audit entry of its own holding record states (a baseline, or a write without one);
    its number."""
    from hsdesk.domain import clock

    trail = _table("audit_entry")
    last = connection.execute(
        select(trail.c.seq, trail.c.hash).order_by(trail.c.seq.desc()).limit(1)
    ).first()
    seq, previous = (last[0] + 1, last[1]) if last else (1, GENESIS)
    held = dict(data or {}) | ({RECORDS: dict(records)} if records else {})
    row = {
        "seq": seq,
        "at": clock.now().replace(microsecond=0),
        "actor": actor,
        "signer": None,
        "action": action,
        "entity": entity,
        "entity_id": "",
        "summary": summary,
        "data": json.dumps(held, sort_keys=True, ensure_ascii=False),
    }
    connection.execute(trail.insert().values(**seal_fields(previous, row)))
    return seq


def latest_states(session: Session, after: int = 0) -> dict[str, str | None]:
    """``"table:id"`` → the latest digest the trail holds for it (None: deleted), from the
    entries after number ``after`` (all of them by default)."""
    trail = _table("audit_entry")
    latest: dict[str, str | None] = {}
    rows = session.execute(
        select(trail.c.data)
        .where(trail.c.seq > after, trail.c.data.contains(f'"{RECORDS}"'))
        .order_by(trail.c.seq)
    )
    for (data,) in rows:
        found = json.loads(data).get(RECORDS)
        if isinstance(found, dict):  # (a move's entry counts "records" too: a number)
            latest.update(found)
    return latest


def added_outside(name: str, number: object) -> str:
    return f"{COVERED[name]} {number} is not in the audit trail: it was added outside hsdesk"


def changed_outside(name: str, number: object) -> str:
    return (
        f"{COVERED[name]} {number} was changed outside hsdesk (it no longer matches the audit "
        "trail)"
    )


def deleted_outside(name: str, number: object) -> str:
    return f"{COVERED[name]} {number} was deleted outside hsdesk"


def record_problems(session: Session) -> list[str]:
    """Every covered record that differs from its latest state in the audit trail, by name."""
    latest = latest_states(session)
    connection = session.connection()
    problems: list[str] = []
    present: set[str] = set()
    for name in COVERED:
        for key, now in states(connection, name).items():
            present.add(key)
            number = key.split(":", 1)[1]
            if key not in latest:
                problems.append(added_outside(name, number))
            elif latest[key] != now:
                problems.append(changed_outside(name, number))
    for key, was in latest.items():
        name, number = key.split(":", 1)
        if was is not None and key not in present and name in COVERED:
            problems.append(deleted_outside(name, number))
    return problems
