"""`check`: the database, its references, the audit chain and the file store, in one report."""

from __future__ import annotations

from sqlalchemy import select

from hsdesk.db import filestore
from hsdesk.db.engine import Database, storage_problems
from hsdesk.db.models import StoredFile
from hsdesk.db.record_state import record_problems
from hsdesk.services.platform import anchors
from hsdesk.services.platform.audit import chain_problem


def check(db: Database, anchored: bool = True) -> list[str]:
    """Every problem found, in plain words; an empty list means all is well. With ``anchored``,
    the trail is also compared with the head this PC verified before (a trail cut short or
    rewritten is reported), and a clean result becomes this PC's new anchor."""
    problems = storage_problems(db, full=True)
    if any(p.startswith("database file damaged") for p in problems):
        return problems  # reading rows from a damaged file would only add noise
    mark = anchors.seen(db.where) if anchored else None
    with db.read() as session:
        broken = chain_problem(session)
        if broken:
            problems.append(broken)
        if mark is not None:
            differs = anchors.departure(session, mark, anchors.seen_by_this_pc(mark))
            # A restore the trail records explains it (and is there for anyone to read).
            if differs and anchors.restored_since(session, mark) is None:
                problems.append(differs)
        problems += record_problems(session)
        head = anchors.head_of(session)
        known = set(session.execute(select(StoredFile.sha256)).scalars())
    for sha in sorted(known):
        problem = filestore.problem(db.files, sha)
        if problem:
            problems.append(problem)
    if anchored and not problems:
        anchors.remember(db.where, head)
    return problems


def not_checked(db: Database) -> list[str]:
    """What `check` leaves out on this database, and why, in words."""
    if not db.is_server:
        return []
    return [
        "not checked: the database's own pages, which the server looks after (PostgreSQL checks "
        "each page as it reads it; whoever looks after the server can run pg_amcheck)"
    ]
