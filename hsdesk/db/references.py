"""Every reference between records (each foreign key of the models), checked by query: what
SQLite's ``PRAGMA foreign_key_check`` does, for a database on a server, where keys can be left
unchecked by a restore that switched them off or a constraint added NOT VALID."""

from __future__ import annotations

from sqlalchemy import Connection, and_, func, select

from hsdesk.db.base import Base


def broken_references(conn: Connection) -> list[str]:
    """'table row N points to a missing parent record', once per broken reference kind."""
    problems: list[str] = []
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_key_constraints:
            parent = key.referred_table.alias("parent")
            child_columns = list(key.columns)
            joined = and_(
                *(
                    column == parent.c[element.column.name]
                    for column, element in zip(child_columns, key.elements, strict=True)
                )
            )
            orphans = (
                select(func.count(), func.min(table.primary_key.columns.values()[0]))
                .select_from(table.outerjoin(parent, joined))
                .where(
                    and_(*(c.isnot(None) for c in child_columns)),
                    parent.c[key.elements[0].column.name].is_(None),
                )
            )
            count, first = conn.execute(orphans).one()
            if count:
                more = f" (and {count - 1} more)" if count > 1 else ""
                problems.append(
                    f"{table.name} row {first} points to a missing {key.referred_table.name} "
                    f"record{more}"
                )
    return problems
