"""`check`: the database, its references, the audit chain and the file store, in one report."""

from __future__ import annotations

from sqlalchemy import select

from hsdesk.db import filestore
from hsdesk.db.engine import Database, storage_problems
from hsdesk.db.models import StoredFile
from hsdesk.services.platform.audit import chain_problem


def check(db: Database) -> list[str]:
    """Every problem found, in plain words; an empty list means all is well."""
    problems = storage_problems(db, full=True)
    if any(p.startswith("database file damaged") for p in problems):
        return problems  # reading rows from a damaged file would only add noise
    with db.read() as session:
        broken = chain_problem(session)
        if broken:
            problems.append(broken)
        known = set(session.execute(select(StoredFile.sha256)).scalars())
    for sha in sorted(known):
        problem = filestore.problem(db.files, sha)
        if problem:
            problems.append(problem)
    return problems


def not_checked(db: Database) -> list[str]:
    """What `check` leaves out on this database, and why, in words."""
    if not db.is_server:
        return []
    return [
        "not checked: the database's own pages, which the server looks after (PostgreSQL checks "
        "each page as it reads it; whoever looks after the server can run pg_amcheck)"
    ]
