"""A database on a PostgreSQL server: how hsdesk connects, how writers queue, and what its errors
mean in words. The only module that speaks PostgreSQL-specific SQL outside the migrations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url

from hsdesk.domain.errors import (
    DatabaseBusy,
    DatabaseProblem,
    DiskFull,
    HsdeskError,
    ReadOnlyDatabase,
    ServerUnavailable,
    WriteConflict,
)

# Every writer takes this lock first, before it reads anything, and holds it to its commit: the
# guarantee SQLite's BEGIN IMMEDIATE gives, so a check and the change it allows are never split by
# another PC's change. A transaction-level advisory lock ends with the transaction, whatever
# happens to the program that took it.
WRITE_LOCK = 0x68_73_64_6B  # "hsdk"
# Held by the one PC backing up the office server at a time (the others skip their turn).
BACKUP_LOCK = WRITE_LOCK + 1
# How long a statement waits for a lock, and a PC for the server, before giving up with a message.
LOCK_TIMEOUT_MS = 3_000
CONNECT_TIMEOUT_S = 5
# How long a PC waits for another PC's upgrade of the server's schema.
UPGRADE_WAIT_S = 300
# Told at each commit, so other PCs refresh what they show (see hsdesk.db.changes).
CHANGES_CHANNEL = "hsdesk_changes"


def connect_args() -> dict[str, Any]:
    return {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "hsdesk",
        "options": f"-c lock_timeout={LOCK_TIMEOUT_MS} -c idle_in_transaction_session_timeout=600000",
    }


def require_driver(url: str) -> None:
    """Refuse plainly when this hsdesk was installed without what an office server needs."""
    if not url.startswith("postgresql"):
        raise DatabaseProblem(
            f"hsdesk works with a database file or a PostgreSQL office server, not {url.split(':')[0]}."
        )
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise DatabaseProblem(
            "This hsdesk was installed without office server support. Install it with "
            'pip install "hsdesk[server]" (the Windows installer includes it).'
        ) from exc


def take_write_lock(conn: Connection) -> None:
    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


def take_upgrade_lock(conn: Connection, waiting: Callable[[], None] | None = None) -> None:
    """The write lock, for a schema upgrade: if another PC holds it (perhaps upgrading the same
    server), say so and wait for it longer than a normal write would."""
    got = conn.exec_driver_sql(f"SELECT pg_try_advisory_xact_lock({WRITE_LOCK})").scalar()
    if got:
        return
    if waiting is not None:
        waiting()
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{UPGRADE_WAIT_S}s'")
    try:
        take_write_lock(conn)
    finally:
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_MS}ms'")


@contextmanager
def backup_turn(engine: Engine) -> Iterator[bool]:
    """Whether this PC has the turn to back up the office server (True), or another PC is
    doing it at this moment (False); the turn is held until the block ends."""
    with engine.connect() as conn:
        got = bool(conn.exec_driver_sql(f"SELECT pg_try_advisory_lock({BACKUP_LOCK})").scalar())
        conn.commit()
        try:
            yield got
        finally:
            if got:
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({BACKUP_LOCK})")
                conn.commit()


def row_versions(conn: Connection) -> dict[str, str]:
    """Each stored file's row version (``xmin``: it changes whenever the row is written)."""
    rows = conn.exec_driver_sql("SELECT sha256, xmin::text FROM stored_file_content")
    return {str(sha): str(version) for sha, version in rows}


def announce_change(conn: Connection, source: str) -> None:
    """Tell other PCs, when this transaction commits, that the data changed."""
    conn.exec_driver_sql(
        "SELECT pg_notify(%(channel)s, %(source)s)",
        {"channel": CHANGES_CHANNEL, "source": source},
    )


def password_of(url: str) -> str | None:
    try:
        return make_url(url).password  # type: ignore[return-value]
    except Exception:  # noqa: BLE001 - an address that cannot be read has no password to hide
        return None


def server_name(url: str) -> str:
    """The server as people know it: 'the database hsdesk on office-server'."""
    parsed = make_url(url)
    host = parsed.host or "this computer"
    return f"the database {parsed.database or ''} on {host}".replace("  ", " ")


_BY_STATE: dict[str, tuple[type[HsdeskError], str]] = {
    "55P03": (DatabaseBusy, "busy"),  # lock_not_available: the lock timeout passed
    "57014": (DatabaseBusy, "busy"),  # query_canceled
    "40001": (WriteConflict, "conflict"),  # serialization_failure
    "40P01": (WriteConflict, "conflict"),  # deadlock_detected
    "53100": (DiskFull, "full"),
    "53200": (DiskFull, "memory"),
    "25006": (ReadOnlyDatabase, "read-only"),
    "28P01": (ServerUnavailable, "password"),
    "28000": (ServerUnavailable, "password"),
    "3D000": (ServerUnavailable, "missing"),
    "57P01": (ServerUnavailable, "unreachable"),
    "57P02": (ServerUnavailable, "unreachable"),
    "57P03": (ServerUnavailable, "unreachable"),
}


def _kind(orig: BaseException) -> tuple[type[HsdeskError], str] | None:
    state = getattr(orig, "sqlstate", None)
    if state in _BY_STATE:
        return _BY_STATE[state]
    if state and state.startswith("08"):
        return ServerUnavailable, "unreachable"
    text = str(orig).lower()
    if "password authentication failed" in text or "no password supplied" in text:
        return ServerUnavailable, "password"
    if "does not exist" in text and "database" in text:
        return ServerUnavailable, "missing"
    if "role" in text and "does not exist" in text:
        return ServerUnavailable, "password"
    if any(
        words in text
        for words in (
            "connection refused",
            "could not connect",
            "connection failed",
            "failed to resolve host",
            "could not translate host",
            "timeout expired",
            "server closed the connection",
            "connection is lost",
            "the connection is closed",
            "consuming input failed",
            "no route to host",
        )
    ):
        return ServerUnavailable, "unreachable"
    return None


def explain_server(orig: BaseException, url: str) -> HsdeskError | None:
    """The plain-English refusal for a PostgreSQL failure a person can act on, if it is one. It
    never repeats the server's own text, which can name the connection (never its password)."""
    found = _kind(orig)
    if found is None:
        return None
    kind, why = found
    where = server_name(url)
    user = make_url(url).username or "hsdesk"
    messages = {
        "busy": f"{where} is busy: another PC is saving right now and has taken longer than "
        "hsdesk waits. Nothing was changed; try again in a moment.",
        "conflict": "Another PC changed the same records at the same moment, so this was not "
        "saved. Nothing was changed; the lists have been refreshed, look again and try again.",
        "full": f"The server holding {where} has no room left to save this. Nothing was "
        "changed; ask whoever looks after the server to free some space, then try again.",
        "memory": f"The server holding {where} ran out of memory. Nothing was changed; try "
        "again, and tell whoever looks after the server if it happens again.",
        "read-only": f"{where} can only be read at the moment (the server is read-only). "
        "Nothing was changed; ask whoever looks after the server.",
        "password": f"The server refused to let hsdesk in as '{user}': the user name or "
        f"password for {where} is wrong. Check the ones you were given for the server, or ask "
        "whoever looks after it.",
        "missing": f"There is no {where.removeprefix('the ')}: check its name in the address, "
        "or ask whoever looks after the server to create it.",
        "unreachable": f"hsdesk cannot reach {where}: the server may be switched off, or this "
        "PC is not on the office network. Nothing was changed; check the connection and try "
        "again, or ask whoever looks after the server.",
    }
    return kind(messages[why])
