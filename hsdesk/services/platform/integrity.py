"""`check`: the database, its references, the audit chain and the file store, in one report."""

from __future__ import annotations

from sqlalchemy import select

from hsdesk.db import filestore
from hsdesk.db.engine import Database, storage_problems
from hsdesk.db.models import StoredFile
from hsdesk.db.record_marks import Marks, all_marks, problems_since
from hsdesk.db.record_state import record_problems
from hsdesk.db.schema import HEAD
from hsdesk.domain import clock
from hsdesk.domain.progress import Report, Steps
from hsdesk.services.platform import anchors, last_check
from hsdesk.services.platform.audit import chain_problem, erasure_problem


def check(
    db: Database, anchored: bool = True, full: bool = False, steps: Steps | None = None
) -> list[str]:
    """Every problem found, in plain words; an empty list means all is well. With ``anchored``,
    the trail is also compared with the head this PC verified before (a trail cut short or
    rewritten is reported), and a clean result becomes this PC's new anchor. Then only what is
    new since this PC's last check is re-hashed (entries after that head, stored files whose
    token changed), unless ``full`` is asked for or due (see :mod:`last_check`). ``steps`` hears
    how far it has got (in percent, with what it is doing) and may stop it: nothing is kept."""
    step = steps.step if steps is not None else (lambda _done, _total, _what: None)
    mark = anchors.seen(db.where) if anchored else None
    before = last_check.load(db.where) if anchored else last_check.LastCheck()
    now = clock.now()
    full = full or mark is None or before.full_due(now)
    # Every page is read either way; the full check also holds each index to its table.
    step(0, 100, "Checking the database" + (" and its indexes" if full else ""))
    problems = storage_problems(db, full=full)
    if any(p.startswith("database file damaged") for p in problems):
        return problems  # reading rows from a damaged file would only add noise
    with db.read() as session:
        differs = None
        if mark is not None:
            differs = anchors.departure(session, mark, anchors.seen_by_this_pc(mark))
            # A restore the trail records explains it (and is there for anyone to read).
            if differs and anchors.restored_since(session, mark) is None:
                problems.append(differs)
        step(30, 100, "Checking the audit trail")
        if mark is not None and differs is None and anchors.resealed(session, mark):
            differs = "sealed again"  # by 0013, since this PC's check: verified whole below
        if full or mark is None or differs is not None:
            broken = chain_problem(session) or erasure_problem(session)
        else:  # the entries up to the head this PC verified are the ones it verified
            broken = chain_problem(session, mark.seq, mark.hash)
        if broken:
            problems.append(broken)
        step(45, 100, "Comparing the records with the audit trail")
        kept = last_check.load_marks(db.where) if anchored else None
        before_marks = anchors.head_of(session)  # the marks read next include all up to here
        if full or mark is None or differs is not None or kept is None or kept.revision != HEAD:
            problems += record_problems(session)
            marks = all_marks(session.connection()) if anchored else {}  # kept only if anchored
        else:  # only the records written since this PC's last check are digested again
            found, marks = problems_since(session, kept)
            problems += found
        head = anchors.head_of(session)
        known = set(session.execute(select(StoredFile.sha256)).scalars())
    intact = _file_problems(db, known, {} if full else before.files, problems, step)
    step(100, 100, "Checked")
    if anchored:
        whole = full and not broken
        last_check.save(db.where, last_check.LastCheck(now if whole else before.full_at, intact))
    if anchored and not problems:
        anchors.remember(db.where, head)
        seq = before_marks.seq if before_marks is not None else 0
        last_check.save_marks(db.where, Marks(seq, HEAD, marks))
    return problems


def _file_problems(
    db: Database,
    known: set[str],
    verified: dict[str, str],
    problems: list[str],
    step: Report,
) -> dict[str, str]:
    """Hash each stored file not found intact before with the same token; adds what is wrong
    to ``problems`` and returns the tokens of the files now known to be intact."""
    tokens = db.files.versions()
    intact: dict[str, str] = {}
    for number, sha in enumerate(sorted(known), 1):
        if number % 200 == 1 or number == len(known):
            step(65 + 35 * number // len(known), 100, f"Stored file {number:,} of {len(known):,}")
        token = tokens.get(sha)
        if token is not None and verified.get(sha) == token:
            intact[sha] = token
            continue
        problem = filestore.problem(db.files, sha)
        if problem:
            problems.append(problem)
        elif token is not None:
            intact[sha] = token
    return intact


def not_checked(db: Database) -> list[str]:
    """What `check` leaves out on this database, and why, in words."""
    if not db.is_server:
        return []
    return [
        "not checked: the database's own pages, which the server looks after (PostgreSQL checks "
        "each page as it reads it; whoever looks after the server can run pg_amcheck)"
    ]
