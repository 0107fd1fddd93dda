"""The `hsdesk` window program: open (and upgrade) the database, sign in, show the main window."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from hsdesk import APP_NAME, ORG_NAME, __version__
from hsdesk.db.engine import Database
from hsdesk.db.location import resolve_location
from hsdesk.db.migrate import ensure_schema
from hsdesk.domain.actor import Actor
from hsdesk.domain.errors import HsdeskError
from hsdesk.resources import resource


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="hsdesk", description="hsdesk — the social-media policy desk."
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="database file or URL (default: HSDESK_DB, then your data folder)",
    )
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
    return app


def install_error_handler(log_dir: Path) -> None:
    """An unexpected error is written to logs/hsdesk.log and explained; the window stays open."""
    import logging
    import traceback

    log_dir.mkdir(parents=True, exist_ok=True)
    log = logging.getLogger("hsdesk")
    handler = logging.FileHandler(log_dir / "hsdesk.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)

    def handle(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("".join(traceback.format_exception(exc_type, exc, tb)))
        handler.flush()
        QMessageBox.critical(
            None,
            "Something went wrong",
            f"hsdesk met a problem it did not expect: {exc}\n\nNothing you saved before this is lost. "
            f"The details are in {log_dir / 'hsdesk.log'}; please send that file to whoever looks after hsdesk.",
        )

    sys.excepthook = handle


def open_database(location: str, demo: bool) -> Database:
    db = Database(location)
    ensure_schema(db)
    if demo:
        from hsdesk.services.demo import load_demo

        load_demo(db)
    return db


def sign_in(db: Database, demo: bool) -> tuple[Actor | None, bool]:
    """The signed-in user, and whether this is the first start (the first administrator was
    created just now)."""
    from hsdesk.services import accounts
    from hsdesk.ui.dialogs.first_admin_dialog import FirstAdminDialog
    from hsdesk.ui.dialogs.sign_in_dialog import SignInDialog

    prefill = ""
    if not accounts.has_accounts(db):
        first = FirstAdminDialog(db)
        if not first.exec() or first.created is None:
            return None, True
        prefill = first.created.username
    dialog = SignInDialog(db, demo)
    if prefill:
        dialog.ui.username.setText(prefill)
        dialog.ui.password.setFocus()
    return (dialog.actor if dialog.exec() else None), bool(prefill)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = make_application(sys.argv[:1])
    demo_dir = Path(tempfile.mkdtemp(prefix="hsdesk-demo-")) if args.demo else None
    location = str(demo_dir / "hsdesk.db") if demo_dir else resolve_location(args.db)
    try:
        try:
            db = open_database(location, args.demo)
            install_error_handler(db.data_dir / "logs")
            if args.demo_user:
                from hsdesk.services.auth import demo_sign_in

                actor: Actor | None = demo_sign_in(db, args.demo_user)
                first_start = False
            else:
                actor, first_start = sign_in(db, args.demo)
        except HsdeskError as exc:
            QMessageBox.critical(None, "hsdesk cannot open the database", str(exc))
            return 1
        if actor is None:
            return 0
        from hsdesk.ui.context import AppContext
        from hsdesk.ui.main_window import MainWindow

        window = MainWindow(AppContext(db, actor, demo=args.demo))
        window.show()
        if first_start:
            QTimer.singleShot(0, window.policy.offer_scheme_policy)
        if args.quit_when_shown:
            QTimer.singleShot(0, window.close)
            QTimer.singleShot(0, app.quit)
        code = app.exec()
        db.dispose()
        return code
    finally:
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
