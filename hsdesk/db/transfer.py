"""Copying every record of an hsdesk database into another, on either engine: moving an office
onto its server, backing a server up into an hsdesk file, restoring a file into a server.

The copy goes table by table in the order the references need, row for row with the same keys,
so the audit chain, signatures and everything that points at a record stay valid. Stored files
are not rows here: each caller moves them between its two file stores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    Table,
    bindparam,
    delete,
    func,
    select,
    update,
)
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table

from hsdesk.db.base import Base
from hsdesk.db.models import AuditEntry, StoredFile, StoredFileContent

# Not records: the schema's revision is the target's own, stored files go through a file store.
NOT_RECORDS = frozenset({"alembic_version", StoredFileContent.__tablename__})
BATCH = 500


def record_tables() -> list[Table]:
    """Every table of records at this release's schema, parents before the tables that point
    at them."""
    return [t for t in Base.metadata.sorted_tables if t.name not in NOT_RECORDS]


def reflected_tables(conn: Connection) -> list[Table]:
    """The tables of records as they are in ``conn``'s database, whatever its schema revision
    (to back up a database an older hsdesk wrote, before upgrading it)."""
    from hsdesk.db.fulltext import is_search_table

    found = MetaData()
    found.reflect(conn)
    return [
        t for t in found.sorted_tables if t.name not in NOT_RECORDS and not is_search_table(t.name)
    ]


def count_rows(conn: Connection) -> dict[str, int]:
    """How many rows each table of records holds."""
    return {
        t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
        for t in record_tables()
    }


@dataclass(frozen=True)
class ChainHead:
    """The last audit entry: two databases with the same head hold the same history."""

    seq: int
    hash: str

    @property
    def shown(self) -> str:
        return f"entry {self.seq} ({self.hash[:12]}…)" if self.seq else "no entries"


def chain_head(conn: Connection) -> ChainHead:
    row = conn.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return ChainHead(int(row[0]), str(row[1])) if row else ChainHead(0, "")


def stored_shas(conn: Connection) -> list[str]:
    """The stored files the records refer to, in order."""
    return list(conn.execute(select(StoredFile.sha256).order_by(StoredFile.sha256)).scalars())


def holds_records(conn: Connection) -> bool:
    """Whether anything has been recorded (every change writes an audit entry; people are the
    first thing anyone adds)."""
    from hsdesk.db.models import Person

    return any(
        conn.execute(select(model).limit(1)).first() is not None for model in (AuditEntry, Person)
    )


def clear(conn: Connection, tables: list[Table] | None = None) -> None:
    """Delete every record and stored file, children first, within the caller's transaction.
    Rows pointing at rows of their own table are unlinked first."""
    for table in reversed(tables or record_tables()):
        own = _self_references(table)
        if own:
            conn.execute(update(table).values({column.name: None for column in own}))
        conn.execute(delete(table))
    if tables is None:  # at this release's schema, stored files may be rows too
        conn.execute(delete(StoredFileContent))


def _self_references(table: Table) -> list[Column[Any]]:
    return [fk.parent for fk in table.foreign_keys if fk.column.table is table]


def _rows(conn: Connection, table: Table, typed: bool) -> Iterator[list[dict[str, Any]]]:
    if typed:
        query = select(table).order_by(*table.primary_key.columns)
    else:  # a reflected table's types are the target's: read the source's values as they come
        plain = sql_table(table.name, *(sql_column(c.name) for c in table.columns))
        keys = [plain.c[c.name] for c in table.primary_key.columns]
        query = select(plain).order_by(*keys)
    result = conn.execution_options(yield_per=BATCH).execute(query)
    for part in result.mappings().partitions(BATCH):
        yield [dict(row) for row in part]


def copy_records(
    source: Connection,
    target: Connection,
    step: Callable[[str], None] | None = None,
    tables: list[Table] | None = None,
) -> dict[str, int]:
    """Copy every record from ``source`` into the empty ``target`` (its caller's transaction);
    ``step`` is called after each table with its name, and may raise to stop. ``tables`` are
    the target's as reflected, when it is not at this release's schema. Returns the rows copied
    per table."""
    copied: dict[str, int] = {}
    for table in tables or record_tables():
        own = [column.name for column in _self_references(table)]
        keys = [column.name for column in table.primary_key.columns]
        links: list[dict[str, Any]] = []
        count = 0
        for rows in _rows(source, table, typed=tables is None):
            for row in rows:  # a row may point at one that comes later: linked once all are in
                for name in own:
                    if row[name] is not None:
                        links.append({"link": row[name], "column": name, **_key(row, keys)})
                        row[name] = None
            target.execute(table.insert(), rows)
            count += len(rows)
        for name in own:
            _relink(target, table, name, [link for link in links if link["column"] == name])
        copied[table.name] = count
        if step is not None:
            step(table.name)
    if target.dialect.name == "postgresql":
        continue_numbering(target, tables or record_tables())
    return copied


def _key(row: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    return {f"key_{name}": row[name] for name in keys}


def _relink(target: Connection, table: Table, column: str, links: list[dict[str, Any]]) -> None:
    if not links:
        return
    statement = (
        update(table)
        .where(*(key == bindparam(f"key_{key.name}") for key in table.primary_key.columns))
        .values({column: bindparam("link")})
    )
    target.execute(statement, [{k: v for k, v in link.items() if k != "column"} for link in links])


def continue_numbering(conn: Connection, tables: list[Table]) -> None:
    """Set each table's id sequence past the ids copied in, so the next record gets a new one."""
    for table in tables:
        keys = list(table.primary_key.columns)
        if (
            len(keys) != 1
            or not isinstance(keys[0].type, Integer)
            or keys[0].autoincrement is False
        ):
            continue
        name = keys[0].name
        sequence = conn.execute(
            select(func.pg_get_serial_sequence(table.name, name))
        ).scalar_one_or_none()
        if sequence is None:
            continue
        highest = conn.execute(select(func.max(keys[0]))).scalar_one_or_none()
        conn.execute(select(func.setval(sequence, highest or 1, highest is not None)))
