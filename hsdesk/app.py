"""The `hsdesk` window program: open (and upgrade) the database, sign in, show the main window."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from hsdesk import APP_NAME, ORG_NAME, __version__
from hsdesk.db.location import is_url, resolve_location
from hsdesk.diagnostics import setup_logging
from hsdesk.domain.actor import Actor
from hsdesk.domain.errors import DatabaseDamaged, DatabaseInUse, HsdeskError, ServerUnavailable
from hsdesk.exports.warm_up import WARM_UP_SECONDS
from hsdesk.resources import resource
from hsdesk.ui import collector, text_limits
from hsdesk.ui.after_start import after_start
from hsdesk.ui.platform.crash_dialog import install_crash_handler
from hsdesk.ui.platform.signing_in import first_sign_in, next_sign_in
from hsdesk.ui.platform.single_instance import InstanceServer, ask_running_to_show, instance_key
from hsdesk.ui.worker import hold_background, release_after_paint, wait_for_background

if TYPE_CHECKING:
    from hsdesk.db.engine import Database
    from hsdesk.db.lock import DatabaseLock
    from hsdesk.db.migrate import PageCheck


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="hsdesk", description="hsdesk — the social-media policy desk."
    )
    where = "database file or URL (default: HSDESK_DB, then your data folder)"
    parser.add_argument("--db", metavar="PATH|URL", help=where)
    parser.add_argument(
        "--demo", action="store_true", help="open a fresh demo database in a temporary folder"
    )
    parser.add_argument("--version", action="version", version=f"hsdesk {__version__}")
    # Benchmarks and screenshots only: skip the sign-in dialog (refused unless the database holds demo data).
    parser.add_argument("--demo-user", metavar="USERNAME", help=argparse.SUPPRESS)
    parser.add_argument("--quit-when-shown", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def make_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource("icons", "hsdesk.png"))))
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    text_limits.install(app)
    collector.install(app)
    # How long a worker thread's Python may keep the interpreter before the window's thread
    # gets it back. CPython's 5 ms made the window wait that long for each database row and
    # each call into Python it made while a worker computed (a tab opening while the photo
    # library loaded: 0.8 s); 1 ms keeps that under 0.2 s, for a few more switches a second.
    sys.setswitchinterval(0.001)
    return app


def open_database(location: str, demo: bool, read_only: str | None = None) -> Database:
    from hsdesk.db.engine import Database
    from hsdesk.db.migrate import ensure_schema
    from hsdesk.services.people.erasure_log import logged

    db = Database(location, read_only=read_only)
    notice: list[QWidget] = []

    def waiting() -> None:  # another PC is upgrading the office server: say why nothing happens
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Please wait",
            "Another PC is upgrading the office server to a newer hsdesk. hsdesk opens as soon "
            "as it has finished (usually within a minute).",
            QMessageBox.StandardButton.NoButton,
        )
        box.show()
        QApplication.processEvents()
        notice.append(box)

    try:
        # A file's pages are checked while the person signs in (PageCheck); on a shared drive,
        # where one connection holds the file, before.
        ensure_schema(db, waiting=waiting, pages=db.shared is not None)
        if logged(db):  # a restored backup older than an erasure gets it again, first
            from hsdesk.services.people.erasure import reapply_logged

            reapply_logged(db)
        if demo:
            from hsdesk.demo.office import load_demo

            load_demo(db)
    except BaseException:
        db.dispose()
        raise
    finally:
        for box in notice:
            box.close()
    return db


@dataclass
class Session:
    """One run of the window on one database; ``restore`` is set when the user asked to put a
    backup back (the database is closed, the backup restored, and it is opened again)."""

    code: int = 0
    restore: Path | None = None
    actor: Actor | None = None  # who asked for the restore (None: the database was damaged)
    switch: str | None = None  # open this next: an office server's address, or "" for this PC


def _explain_open(db: Database) -> str | None:
    """Say once, on opening, why the database is read-only or on a risky drive; for a file
    whose records were moved to the office server, offer to connect to it (its address)."""
    if db.moved_to is not None:
        from hsdesk.ui.platform.server_start import offer_moved

        return offer_moved(db.moved_to)
    if db.read_only is not None:
        QMessageBox.information(
            None,
            "Opened read-only",
            f"hsdesk has opened the database read-only: {db.read_only}.\n\nYou can look "
            "everything up, print and export, but nothing can be changed.",
        )
    if db.shared is not None and db.path is not None:
        from hsdesk.db.storage import shared_warning

        QMessageBox.warning(
            None, "The database is on a shared drive", shared_warning(db.path, db.shared)
        )
    return None


def run_session(args: argparse.Namespace, location: str, server: InstanceServer | None) -> Session:
    from hsdesk.db.lock import DatabaseLock
    from hsdesk.ui.platform.backup_dialogs import ask_in_use, offer_restore

    path = None if is_url(location) else Path(location).expanduser().resolve()
    lock = DatabaseLock(path) if path is not None else None
    read_only: str | None = None
    if lock is not None and path is not None and path.exists():
        try:
            lock.acquire()
        except OSError:  # a folder this user cannot write: the database opens read-only anyway
            lock = None
        except DatabaseInUse as exc:
            if not ask_in_use(str(exc)):
                return Session(1)
            holder = lock.current()
            read_only = f"it is {holder.describe()}" if holder else "it is in use elsewhere"
            lock = None
    try:
        db = open_database(location, args.demo, read_only)
    except DatabaseDamaged as exc:
        if lock is not None:
            lock.release()
        chosen = offer_restore(str(exc), path.parent / "backups") if path else None
        return Session(1, chosen)
    except ServerUnavailable as exc:
        from hsdesk.ui.platform.server_start import unreachable

        switch = unreachable(location, str(exc))
        return Session(1 if switch is None else 0, switch=switch)
    except HsdeskError as exc:
        if lock is not None:
            lock.release()
        QMessageBox.critical(None, "hsdesk cannot open the database", str(exc))
        return Session(1)
    if lock is not None and lock.holder is None and db.read_only is None:
        lock.acquire()  # the file was created just now
    from hsdesk.db.migrate import PageCheck

    pages = PageCheck(db)
    try:
        switch = _explain_open(db)
        if switch is not None:
            return Session(0, switch=switch)
        if args.demo_user:
            from hsdesk.services.platform.auth import demo_sign_in

            actor: Actor | None = demo_sign_in(db, args.demo_user)
            first_start = False
        else:
            actor, first_start = first_sign_in(db, args.demo)
        if actor is None:
            return Session(0)
        damage = pages.result() if pages.done else None
        if damage is not None:  # as a file refused on opening: say so, and offer a backup
            chosen = offer_restore(str(damage), path.parent / "backups") if path else None
            return Session(1, chosen)
        db.before_writing = pages.clear_to_write  # the window does not wait for the check
        return _windows(args, db, lock, server, (actor, first_start), pages)
    finally:
        pages.stop()  # a check still running is not waited for
        db.readers.stop()  # nor a list still being read
        wait_for_background()
        db.dispose()
        if lock is not None:
            lock.release()


def _windows(
    args: argparse.Namespace,
    db: Database,
    lock: DatabaseLock | None,
    server: InstanceServer | None,
    signed_in: tuple[Actor, bool],
    pages: PageCheck,
) -> Session:
    """The main window for the person signed in (and whether this is the first start); when
    their session ends (signed out, someone else signed in, the account changed), a new window
    for whoever signs in next, until hsdesk closes."""
    from hsdesk.services.platform.backups import AutoBackup
    from hsdesk.services.platform.idle_lock import lock_minutes
    from hsdesk.ui.context import AppContext
    from hsdesk.ui.main_window import MainWindow
    from hsdesk.ui.platform.backup_dialogs import offer_restore
    from hsdesk.ui.platform.page_watch import watch_pages

    app = QApplication.instance()
    assert app is not None
    autobackup = AutoBackup(db)
    remember_tab = True
    actor, first_start = signed_in
    backups = db.path.parent / "backups" if db.path else None
    while True:
        ctx = AppContext(db, actor, demo=args.demo)
        hold_background()  # the window's first paint before the Dashboard's read
        window = MainWindow(ctx, lock=lock, autobackup=autobackup, remember_tab=remember_tab)
        release_after_paint(window)
        if server is not None:
            server.front = window.window  # the window in front: this one
        window.show()
        if remember_tab:  # the first window of this start
            watch_pages(window, pages, backups)
        if remember_tab and not args.quit_when_shown:
            QTimer.singleShot(WARM_UP_SECONDS * 1000, window, partial(after_start, window))
        window.listen_for_changes()
        window.session.watch_idle(lock_minutes(db))
        if first_start:
            QTimer.singleShot(0, window.offer_scheme_policy)
        # The first window of this start checks the trail against what this PC verified
        # before (not the demo's: its temporary folder is deleted when hsdesk closes).
        if remember_tab and not args.quit_when_shown and not args.demo:
            window.database.verify_history()
        if args.quit_when_shown:
            QTimer.singleShot(0, partial(_report_shown, window))
        elif args.demo:
            from hsdesk.ui.platform.demo_close import demo_may_close

            window.may_close = partial(demo_may_close, window, db)
        app.exec()
        if server is not None:
            server.front = QApplication.activeWindow  # the window is gone; the sign-in box may show
        damage = pages.result() if pages.done and not window.damaged else None
        if window.damaged or damage is not None:  # nothing more is done with it, no backup
            chosen = offer_restore(str(damage), backups) if damage and backups else None
            return Session(1, window.restore_request or chosen)
        if window.next_person is None:
            if window.restore_request is None and pages.done:  # else at the next start
                window.finish()
            return Session(0, window.restore_request, actor, window.switch_to)
        after = window.next_person.actor
        window.deleteLater()
        next_actor = after or next_sign_in(db, args.demo)
        if next_actor is None:
            window.finish()  # the backup on closing, if anything changed
            return Session(0)
        actor, first_start, remember_tab = next_actor, False, False


def _report_shown(window: QWidget) -> None:
    """Benchmarks: the moment the window has been shown (after one pass of events), then close."""
    print(f"shown-at {time.time():.6f}", flush=True)
    window.close()


def restore_backup(location: str, backup: Path, actor: Actor | None) -> None:
    """Restore ``backup`` into the closed database and say how it went."""
    from hsdesk.services.platform.backups import restore

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        done = restore(Path(location), backup, actor)
    except HsdeskError as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.critical(None, "The backup was not restored", str(exc))
        return
    QApplication.restoreOverrideCursor()
    kept = f"\n\nThe database as it was is kept in {done.previous}." if done.previous else ""
    missing = (
        "\n\nSome stored files were not in the backup: " + "; ".join(done.missing_files[:5])
        if done.missing_files
        else ""
    )
    QMessageBox.information(
        None, "Backup restored", f"The backup {backup.name} has been restored.{kept}{missing}"
    )


def _where(args: argparse.Namespace) -> str | None:
    """The database to open: as given, this PC's office server or file; on a first start, the
    person chooses between this PC and the office server (None: they closed the question)."""
    from hsdesk.db.credentials import saved_server
    from hsdesk.db.location import DB_FILENAME, ENV_VAR, default_data_dir

    chosen = args.db or os.environ.get(ENV_VAR) or saved_server()
    first = chosen is None and not (default_data_dir() / DB_FILENAME).exists()
    if first and not args.quit_when_shown:
        from hsdesk.ui.platform.server_start import first_start

        chosen = first_start()
        if chosen is None:
            return None
    return _switched(chosen or "")


def _switched(location: str) -> str | None:
    """A server's address with its password (asked for if this PC keeps none), or the file."""
    if not is_url(location):
        return location or resolve_location(None)
    from hsdesk.db.credentials import completed, has_password

    found = completed(location)
    if has_password(found):
        return found
    from hsdesk.ui.platform.server_start import ask_password

    return ask_password(location)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    log_path = setup_logging("hsdesk")
    app = make_application(sys.argv[:1])
    install_crash_handler(log_path)
    demo_dir = Path(tempfile.mkdtemp(prefix="hsdesk-demo-")) if args.demo else None
    location = str(demo_dir / "hsdesk.db") if demo_dir else _where(args)
    if location is None:
        return 0
    server = None
    if demo_dir is None and not args.quit_when_shown:
        key = instance_key(location)
        if ask_running_to_show(key):
            return 0
        server = InstanceServer(key, app.activeWindow)
    try:
        while True:
            session = run_session(args, location, server)
            if session.switch is not None:
                location = _switched(session.switch)
                if location is None:
                    return 0
                args.demo, args.db = False, None
                continue
            if session.restore is None:
                return session.code
            restore_backup(location, session.restore, session.actor)
            args.demo = False  # a restored demo database is opened as it is
    finally:
        if server is not None:
            server.close()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
