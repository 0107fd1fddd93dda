"""The PostgreSQL server the suite runs against when given ``--db-url``: a database per test,
each a copy of a template built once per worker (CREATE DATABASE … TEMPLATE takes milliseconds)."""

from __future__ import annotations

import os
import uuid

from sqlalchemy.engine import URL, make_url


class TestServer:
    __test__ = False  # not a test class

    def __init__(self, url: str) -> None:
        self.url: URL = make_url(url)
        self.worker = os.environ.get("PYTEST_XDIST_WORKER", "main")

    def url_for(self, database: str) -> str:
        return self.url.set(database=database).render_as_string(hide_password=False)

    def _admin(self):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(
            host=self.url.host,
            port=self.url.port or 5432,
            user=self.url.username,
            password=self.url.password,
            dbname=self.url.database or "postgres",
            autocommit=True,
        )

    def new_name(self, kind: str) -> str:
        return f"hsdesk_{kind}_{self.worker}_{uuid.uuid4().hex[:8]}"

    def create(self, name: str, template: str | None = None) -> str:
        """Make an empty database (or a copy of ``template``); returns its URL."""
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            copy = f' TEMPLATE "{template}"' if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.url_for(name)

    def drop(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
