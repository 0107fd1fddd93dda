"""Append-only, hash-chained audit trail, written inside the caller's transaction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import AuditEntry
from hsdesk.db.record_state import RECORDS
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.audit_chain import (
    ERASED_ENTRIES,
    GENESIS,
    ChainedEntry,
    entry_content,
    first_break,
    seal_entry,
    unexplained_erasures,
)
from hsdesk.domain.permissions import Permission
from hsdesk.domain.records import AuditRecord
from hsdesk.domain.text_rules import searchable
from hsdesk.services.platform.standing import check_active, require


def _content(entry: AuditEntry) -> dict[str, Any]:
    return entry_content(entry)


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object,
    summary: str,
    data: dict[str, Any] | None = None,
    signer: str | None = None,
) -> AuditEntry:
    """Append one entry; it commits or rolls back with the change it describes. A change by
    an account switched off since it signed in is refused here, whatever the service checked."""
    check_active(session, actor)
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    entry = AuditEntry(
        seq=seq,
        at=clock.now(),
        actor=actor.username,
        signer=signer,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        summary=summary,
        data=json.dumps(data or {}, sort_keys=True, ensure_ascii=False, default=str),
        prev_hash=prev_hash,
        hash="",
        salt=None,
    )
    seal_entry(entry)
    session.add(entry)
    session.flush()
    return entry


def chain_problem(session: Session, after_seq: int = 0, after_hash: str = GENESIS) -> str | None:
    """The first entry that breaks the chain, described; None when the trail is intact. With
    ``after_seq``, only the entries after that one (verified before, of hash ``after_hash``)."""

    def entries() -> Iterator[ChainedEntry]:
        rows = session.execute(
            select(AuditEntry).where(AuditEntry.seq > after_seq).order_by(AuditEntry.seq)
        ).scalars()
        for row in rows.yield_per(500):
            yield ChainedEntry(row.seq, _content(row), row.prev_hash, row.hash)

    return first_break(entries(), after_seq, after_hash)


def erasure_problem(session: Session) -> str | None:
    """Entries whose details were removed (their salt gone) that no erasure entry names: text
    changed outside hsdesk, in words; None when every one is explained."""
    erased = session.execute(select(AuditEntry.seq).where(AuditEntry.salt.is_(None))).scalars()
    named: list[int] = []
    for (data,) in session.execute(select(AuditEntry.data).where(AuditEntry.action == "erase")):
        found = json.loads(data or "{}").get(ERASED_ENTRIES, [])
        named += [int(seq) for seq in found] if isinstance(found, list) else []
    return unexplained_erasures(erased, named)


@dataclass(frozen=True)
class AuditFilter:
    text: str = ""  # matches actor, signer or summary
    entity: str = ""
    since: date | None = None
    until: date | None = None
    limit: int = 5000
    before: int | None = None  # only entries older than this one (the next page of a list)


def _filtered(flt: AuditFilter) -> Select[Any]:
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(flt.limit)
    if flt.before is not None:
        query = query.where(AuditEntry.seq < flt.before)
    if flt.entity:  # a kind no stored entry can have matches nothing, without raising
        query = query.where(AuditEntry.entity == searchable(flt.entity))
    typed = searchable(flt.text)
    if typed:  # % and _ are matched as typed, not as wildcards
        query = query.where(
            or_(
                AuditEntry.actor.icontains(typed, autoescape=True),
                AuditEntry.signer.icontains(typed, autoescape=True),
                AuditEntry.summary.icontains(typed, autoescape=True),
            )
        )
    if flt.since:
        query = query.where(AuditEntry.at >= datetime.combine(flt.since, datetime.min.time()))
    if flt.until:
        end = datetime.combine(flt.until + timedelta(days=1), datetime.min.time())
        query = query.where(AuditEntry.at < end)
    return query


def list_entries(db: Database, actor: Actor, flt: AuditFilter = AuditFilter()) -> list[AuditRecord]:
    require(db, actor, Permission.VIEW_AUDIT)
    with db.read() as session:
        rows = session.execute(_filtered(flt)).scalars()
        return [
            AuditRecord(
                seq=r.seq,
                at=r.at,
                actor=r.actor,
                signer=r.signer,
                action=r.action,
                entity=r.entity,
                entity_id=r.entity_id,
                summary=r.summary,
                data=_shown(r.data),
            )
            for r in rows
        ]


def _shown(data: str | None) -> dict[str, Any]:
    """An entry's data as a person reads it: without the record digests kept for `check`."""
    found = json.loads(data or "{}")
    found.pop(RECORDS, None)
    return found


def entity_names(db: Database) -> list[str]:
    """The kinds of record the trail names, in order: each found by one step along the index
    from the one before (a score of steps, where DISTINCT reads every entry of ten years)."""
    names: list[str] = []
    with db.read() as session:
        while True:
            after = select(func.min(AuditEntry.entity))
            if names:
                after = after.where(AuditEntry.entity > names[-1])
            found = session.execute(after).scalar()
            if found is None:
                return names
            names.append(found)


def count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
