"""Anchored history: each PC remembers the head of the audit chain it last verified for each
database (its sequence number and hash, in the PC's own settings, not in the database), the way
an immudb client keeps the state it has seen. A chain that is later shorter than that, or whose
entry at that number is no longer the same, was cut or rewritten, even if every hash in it was
recomputed; the PC says so. What this cannot see: changes to entries written after this PC's
last check, on a database this PC has never checked."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hsdesk.db.credentials import read_pc_file, write_pc_file
from hsdesk.db.engine import Database, connect_read_only
from hsdesk.db.models import AuditEntry
from hsdesk.domain import clock
from hsdesk.domain.dates import format_datetime
from hsdesk.domain.errors import ValidationError
from hsdesk.services.platform.audit import chain_problem

ANCHORS_FILE = "audit-anchors.json"


@dataclass(frozen=True)
class Head:
    """The last entry of a chain as verified: its number and hash, and the first entry's hash
    (which tells one database's trail from another's)."""

    seq: int
    hash: str
    first: str
    seen_at: datetime | None = None


def head_of(session: Session) -> Head | None:
    """The chain's head now (None for an empty trail)."""
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    if last is None:
        return None
    first = session.execute(select(AuditEntry.hash).where(AuditEntry.seq == 1)).scalar()
    return Head(last[0], last[1], first or "")


def seen(where: str) -> Head | None:
    """The head this PC last verified on the database at ``where`` (None: never checked)."""
    found = read_pc_file(ANCHORS_FILE).get(where)
    if not isinstance(found, dict):
        return None
    try:
        at = found.get("seen_at")
        return Head(
            int(str(found["seq"])),
            str(found["hash"]),
            str(found["first"]),
            datetime.fromisoformat(str(at)) if at else None,
        )
    except (KeyError, ValueError):
        return None


def remember(where: str, head: Head | None) -> None:
    """Keep ``head`` as the latest this PC has verified on the database at ``where``."""
    anchors = read_pc_file(ANCHORS_FILE)
    if head is None:
        anchors.pop(where, None)
    else:
        anchors[where] = {
            "seq": head.seq,
            "hash": head.hash,
            "first": head.first,
            "seen_at": clock.now().isoformat(timespec="seconds"),
        }
    write_pc_file(ANCHORS_FILE, anchors)


def seen_by_this_pc(head: Head) -> str:
    when = f" on {format_datetime(head.seen_at)}" if head.seen_at else ""
    return f"this PC verified{when}"


def departure(session: Session, anchor: Head, source: str) -> str | None:
    """How the chain differs from ``anchor``, a head ``source`` (e.g. "this PC verified on …",
    "the backup X holds") knows, in words; None while the chain still contains it."""
    last = session.execute(select(func.max(AuditEntry.seq))).scalar() or 0
    if last < anchor.seq:
        return (
            f"the audit trail ends at entry {last}, but {source} entries up to {anchor.seq}. "
            "Entries were deleted (from the end, or from the middle with the rest renumbered), "
            "or an older copy of the database was put in its place without hsdesk's Restore"
        )
    first = session.execute(
        select(AuditEntry.hash, AuditEntry.hash_v1).where(AuditEntry.seq == 1)
    ).first()
    if anchor.first not in (first or ()):
        return (
            f"the audit trail is not the one {source}: its first entry is different. The trail "
            "was rewritten from the start, or another database was put in this one's place"
        )
    at_seen = session.execute(
        select(AuditEntry.hash, AuditEntry.hash_v1, AuditEntry.erasure_id).where(
            AuditEntry.seq == anchor.seq
        )
    ).first()
    # An anchor made before 0013 re-sealed the chain names the entry's former hash; one whose
    # details were erased since cannot be compared (the erasure is in the trail to read).
    if at_seen is not None and at_seen[2] is not None and at_seen[1] is None:
        return None
    if at_seen is None or anchor.hash not in (at_seen[0], at_seen[1]):
        return (
            f"audit entry {anchor.seq} is not the one {source}: the trail was rewritten at or "
            f"before entry {anchor.seq} (its hashes recomputed), or entries were deleted and the "
            "rest renumbered"
        )
    return None


def resealed(session: Session, anchor: Head) -> bool:
    """True when ``anchor`` names its entry's hash from before 0013 sealed the chain again (it
    still compares, through the hash kept beside it): the trail is then verified whole."""
    now = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == anchor.seq))
    return now is not None and now != anchor.hash


def head_text(head: Head) -> str:
    """A head as a signed PDF carries it: "seq:hash:first-hash"."""
    return f"{head.seq}:{head.hash}:{head.first}"


def pdf_head(path: Path) -> Head:
    """The chain head a PDF hsdesk signed carries (the trail at the moment it was signed)."""
    from hsdesk.exports.signing import audit_head_of

    try:
        text = audit_head_of(path.read_bytes())
    except OSError as exc:
        raise ValidationError(f"{path} could not be read ({exc.strerror or exc}).") from exc
    parts = (text or "").split(":")
    if len(parts) != 3 or not parts[0].isdigit():
        raise ValidationError(
            f"{path.name} names no audit trail to compare (it was not signed by this hsdesk, or "
            "before signed PDFs carried one)."
        )
    return Head(int(parts[0]), parts[1], parts[2])


def backup_head(path: Path) -> Head:
    """The chain head an hsdesk backup file holds (the trail at the moment it was made)."""
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        raise ValidationError(f"{path} is not an hsdesk backup: {exc}") from exc
    try:
        last = conn.execute(
            "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        first = conn.execute("SELECT hash FROM audit_entry WHERE seq = 1").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ValidationError(
            f"{path} is not an hsdesk backup (it has no audit trail to compare): {exc}"
        ) from exc
    finally:
        conn.close()
    if last is None:
        raise ValidationError(f"{path} holds an empty audit trail; there is nothing to compare.")
    return Head(int(last[0]), str(last[1]), str(first[0]) if first else "")


def reanchor_file(path: Path) -> None:
    """After this PC restored a backup into ``path``: its trail is the one to compare with."""
    try:
        head: Head | None = backup_head(path)
    except ValidationError:
        head = None
    remember(str(path), head)


def against(db: Database, path: Path) -> list[str]:
    """`check --against FILE`: does this database's trail still contain the head ``path`` (a
    backup made earlier, or a PDF hsdesk signed) holds? The problems, in words; empty if so."""
    is_pdf = path.suffix.lower() == ".pdf"
    head = pdf_head(path) if is_pdf else backup_head(path)
    source = f"the signed PDF {path.name} names" if is_pdf else f"the backup {path.name} holds"
    with db.read() as session:
        differs = departure(session, head, source)
    return [] if differs is None else [differs]


def restored_since(session: Session, anchor: Head) -> str | None:
    """A restore the trail records after this PC's anchor (which explains a trail that no
    longer contains it): who restored what, when; None if there is none."""
    if anchor.seen_at is None:
        return None
    row = session.execute(
        select(AuditEntry)
        .where(AuditEntry.action == "restore", AuditEntry.at > anchor.seen_at)
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    ).scalar_one_or_none()
    if row is None:
        return None
    return f"{row.summary} ({row.actor}, {format_datetime(row.at)}, audit entry {row.seq})"


def verified_since_seen(db: Database) -> str | None:
    """On opening: compare the trail with this PC's anchor and verify the entries written since
    (only those, so it stays quick); a clean trail becomes the new anchor. The problem in words,
    or None."""
    mark = seen(db.where)
    with db.read() as session:
        if mark is not None:
            differs = departure(session, mark, seen_by_this_pc(mark))
            if differs is not None and restored_since(session, mark) is None:
                return differs
            if differs is not None or resealed(session, mark):
                mark = None  # a restore replaced the trail, or 0013 sealed it again: verify whole
        broken = (
            chain_problem(session) if mark is None else chain_problem(session, mark.seq, mark.hash)
        )
        if broken is not None:
            return broken
        head = head_of(session)
    remember(db.where, head)
    return None
