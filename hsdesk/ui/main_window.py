"""The main window: tabs that work, menus, status bar; remembers its size and position."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from hsdesk import SCHEME_NAME, __version__
from hsdesk.db.lock import HEARTBEAT_SECONDS, DatabaseLock
from hsdesk.domain.attention import Area
from hsdesk.domain.backups import AUTO_BACKUP_MINUTES, CATCH_UP_SECONDS
from hsdesk.domain.dates import format_datetime
from hsdesk.domain.errors import HsdeskError
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.ui.colours import follow_palette
from hsdesk.ui.context import AppContext
from hsdesk.ui.lazy_page import LazyPage
from hsdesk.ui.platform.database_actions import DatabaseActions
from hsdesk.ui.platform.session_actions import NextPerson, SessionActions
from hsdesk.ui.screen_fit import fit_to_screen, fits
from hsdesk.ui.tab_page import TabPage
from hsdesk.ui.tab_shortcuts import TabShortcuts, add_tab_keys
from hsdesk.ui.tabs import TABS, Tab

if TYPE_CHECKING:
    from hsdesk.services.platform.backups import AutoBackup
    from hsdesk.ui.dashboard.tab import DashboardTab

LICENCES = (
    "hsdesk is free software under the GNU General Public License v3 or later.<br>"
    "It uses Qt for Python (PySide6, LGPL v3), SQLAlchemy and Alembic (MIT), reportlab (BSD), "
    "argon2-cffi (MIT), platformdirs (MIT), Pillow (MIT-CMU), pyHanko (MIT), cryptography "
    "(Apache 2.0 / BSD) and the DejaVu fonts (Bitstream Vera licence)."
)


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        lock: DatabaseLock | None = None,
        autobackup: AutoBackup | None = None,
        remember_tab: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lock = lock
        self.autobackup = autobackup
        self.restore_request: Path | None = None  # a backup to restore once the window is closed
        self.damaged = False  # the file's page check found damage: the window closes at once
        # Where to open next once the window is closed: an office server, or "" for this PC.
        self.switch_to: str | None = None
        # Asked before the window closes for good (hsdesk --demo: its data is about to go).
        self.may_close: Callable[[], bool] | None = None
        # Set when the session ends (signed out, someone else signed in, the account changed).
        self.next_person: NextPerson | None = None
        self.database = DatabaseActions(self)
        self.session = SessionActions(self)
        self._backing_up = False  # an automatic backup is running in the background
        demo = " — DEMO DATA" if ctx.demo else ""
        read_only = " — READ-ONLY" if ctx.db.read_only else ""
        self.setWindowTitle(f"hsdesk — {SCHEME_NAME}{demo}{read_only}")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.pages: dict[Area, LazyPage[TabPage]] = {}
        for tab in TABS:
            page: LazyPage[TabPage] = LazyPage(partial(self._build, tab))
            self.pages[tab.area] = page
            self.tabs.addTab(page, tab.title)
            if tab.at_start:
                page.widget  # noqa: B018  (built now)
        self._last_tab = 0
        self._recolouring = False  # a redraw in Windows' new colours is on its way
        self.tabs.currentChanged.connect(self._tab_changed)
        self.dashboard.open_area.connect(self.open_area)
        self.setCentralWidget(self.tabs)
        self._build_menus()
        who = f"Signed in as {ctx.actor.display_name} ({ctx.actor.username})"
        where = ctx.db.where
        self.statusBar().addWidget(QLabel(who))
        if ctx.db.read_only:
            self.statusBar().addPermanentWidget(self._read_only_notice())
        if ctx.db.shared:
            notice = QLabel(f"<b>On {ctx.db.shared}</b>")
            notice.setToolTip("Safe mode for shared folders: one computer at a time, no WAL.")
            self.statusBar().addPermanentWidget(notice)
        self.statusBar().addPermanentWidget(QLabel(f"Database: {where}"))
        fit_to_screen(self, 1200, 760)
        self._restore(remember_tab)
        self._start_timers()

    def _read_only_notice(self) -> QLabel:
        """Short in the status bar (it must fit a laptop screen); the reason a click away."""
        copy = self.ctx.db.copy
        what = "Read-only" if copy is None else "Read-only copy"
        when = "" if copy is None else f" taken at {format_datetime(copy.taken_at)}"
        reason = f"Open read-only: {self.ctx.db.read_only}. Nothing can be changed."
        notice = QLabel(f"<b>{what}</b>{when} (<a href='why'>why?</a>)")
        notice.setToolTip(reason)
        notice.linkActivated.connect(
            lambda _link: QMessageBox.information(self, "Why read-only", reason)
        )
        return notice

    def _start_timers(self) -> None:
        """The lock's heartbeat (every minute) and automatic backups (every half hour)."""
        if self.lock is not None:
            lock = self.lock
            lock.heartbeat(f"{self.ctx.actor.display_name} ({self.ctx.actor.username})")
            self.heartbeat_timer = QTimer(self)
            self.heartbeat_timer.timeout.connect(lambda: lock.heartbeat())
            self.heartbeat_timer.start(HEARTBEAT_SECONDS * 1000)
        if self.autobackup is not None:
            self.backup_timer = QTimer(self)
            self.backup_timer.timeout.connect(self._automatic_backup)
            self.backup_timer.start(AUTO_BACKUP_MINUTES * 60 * 1000)
            # A backup due at the last close that did not finish (the PC was switched off
            # meanwhile) is taken in the background soon after this start, not at the next close.
            QTimer.singleShot(CATCH_UP_SECONDS * 1000, self._automatic_backup)

    def _automatic_backup(self) -> None:
        from hsdesk.ui.worker import run_in_background

        auto = self.autobackup
        if auto is None or self._backing_up or self.damaged or not self.isVisible():
            return  # (a window closed, or closing on a damaged file, takes none)
        try:
            if not auto.due():
                return
        except HsdeskError as exc:
            self.statusBar().showMessage(f"The automatic backup failed: {exc}", 15000)
            return
        self._backing_up = True

        def done(result: object) -> None:
            self._backing_up = False
            if result is not None:
                self.statusBar().showMessage("Backed up automatically", 5000)

        def failed(exc: Exception) -> None:
            self._backing_up = False
            self.statusBar().showMessage(f"The automatic backup failed: {exc}", 15000)

        run_in_background(auto.take, done, failed)

    def finish(self) -> None:
        """After the window closed: the backup on close, if anything changed."""
        if self.autobackup is None:
            return
        try:
            self.autobackup.take()
        except HsdeskError as exc:
            QMessageBox.warning(None, "The backup on closing failed", str(exc))

    def _current_page(self) -> TabPage | None:
        current = self.tabs.currentWidget()
        return current.built if isinstance(current, LazyPage) else None

    def _build_menus(self) -> None:
        self.shortcuts = TabShortcuts(self, self._current_page)
        file_menu = self.menuBar().addMenu("&File")
        change = QAction("&Change my password…", self)
        change.triggered.connect(self.change_password)
        file_menu.addAction(change)
        self.session.add_to(file_menu)
        file_menu.addSeparator()
        self.database.add_to(file_menu)
        file_menu.addSeparator()
        exit_action = QAction("E&xit", self)
        exit_action.setShortcuts([QKeySequence("Ctrl+Q"), QKeySequence("Ctrl+W")])
        exit_action.triggered.connect(self.close)
        file_menu.addAction(exit_action)

        view_menu = self.menuBar().addMenu("&View")
        refresh = QAction("&Refresh", self)
        refresh.setShortcut("F5")
        refresh.triggered.connect(self.refresh)
        view_menu.addAction(refresh)
        self.shortcuts.add_to(file_menu, view_menu)
        add_tab_keys(self.tabs, view_menu)

        tools = self.menuBar().addMenu("&Tools")
        if allowed(self.ctx.actor, Permission.VIEW_AUDIT):
            audit = QAction("&Audit trail…", self)
            audit.triggered.connect(self.show_audit)
            tools.addAction(audit)
        verify = QAction("&Verify a signed PDF…", self)
        verify.triggered.connect(self.verify_pdf)
        tools.addAction(verify)
        tools.addSeparator()
        settings = QAction("&Settings…", self)
        settings.triggered.connect(self.show_settings)
        tools.addAction(settings)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About hsdesk", self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def change_password(self) -> None:
        from hsdesk.ui.platform.change_password_dialog import ChangePasswordDialog

        ChangePasswordDialog(self.ctx, self).exec()

    def show_audit(self) -> None:
        from hsdesk.ui.platform.audit_dialog import AuditDialog

        AuditDialog(self.ctx, self).exec()

    def _build(self, tab: Tab) -> TabPage:
        page = tab.make(self.ctx)
        page.restore_state()
        return page

    def tab(self, area: Area) -> TabPage:
        """The tab for ``area``, built if it was not yet."""
        return self.pages[area].widget

    @property
    def dashboard(self) -> DashboardTab:
        return self.tab(Area.DASHBOARD)  # type: ignore[return-value]

    def offer_scheme_policy(self) -> None:
        """On the first start: the Policy tab offers the scheme's policy as the first draft."""
        from hsdesk.ui.policy.tab import PolicyTab

        policy = self.tab(Area.POLICY)
        if isinstance(policy, PolicyTab):
            policy.offer_scheme_policy()

    def _built(self) -> list[TabPage]:
        return [page.built for page in self.pages.values() if page.built is not None]

    def verify_pdf(self) -> None:
        from hsdesk.ui.platform.verify_pdf import verify_signed_pdf

        verify_signed_pdf(self, self.ctx)

    def show_settings(self) -> None:
        from hsdesk.ui.platform.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self).exec()
        if self.session.idle is not None:  # the office's lock time may have changed
            from hsdesk.services.platform.idle_lock import lock_minutes

            self.session.watch_idle(lock_minutes(self.ctx.db))

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About hsdesk",
            f"<h3>hsdesk {__version__}</h3>"
            f"<p>The social-media policy desk of {SCHEME_NAME}: content approval, photo consent, "
            "inductions, quarterly reviews and policy adoption, recorded and provable.</p>"
            f"<p>{LICENCES}</p>",
        )

    def open_area(self, area: str, page: str = "") -> None:
        """Show the tab of ``area`` and, for a tab of several pages, the page named ``page``."""
        chosen = self.pages[Area(area)]
        self.tabs.setCurrentWidget(chosen)
        if page:
            chosen.widget.show_page(page)

    def _tab_changed(self, index: int) -> None:
        leaving = self.tabs.widget(self._last_tab)
        built = leaving.built if isinstance(leaving, LazyPage) else None
        if built is not None and index != self._last_tab and not built.confirm_leave():
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(self._last_tab)
            self.tabs.blockSignals(False)
            return
        self._last_tab = index
        self.refresh()

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        if isinstance(current, LazyPage):
            current.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Windows' colours changed (high contrast on or off, a dark theme): once the change has
        reached every widget, draw the coloured text again from the new colours."""
        # The window hears of a new application palette as its own PaletteChange.
        if event.type() == QEvent.Type.PaletteChange and not self._recolouring:
            self._recolouring = True
            QTimer.singleShot(0, self._recolour)
        super().changeEvent(event)

    def _recolour(self) -> None:
        self._recolouring = False
        follow_palette()
        for page in self.pages.values():
            if page.built is not None:
                page.refresh()

    def listen_for_changes(self) -> None:
        """Show what other PCs change, within about two seconds, without pressing Refresh (not
        on a shared-folder file, which one program holds at a time)."""
        from hsdesk.ui.change_listener import ChangeListener

        if self.ctx.db.shared:
            return
        self.listener = ChangeListener(self.ctx.db, self)
        self.listener.changed.connect(self.others_changed)
        self.listener.start()
        self.waiting_changes = QTimer(self)  # retried while typing holds them back
        self.waiting_changes.setInterval(1000)
        self.waiting_changes.timeout.connect(self.others_changed)

    def others_changed(self) -> None:
        """Another PC saved something: refresh the tab in view, keeping its selection; while
        the tab holds unsaved typing, wait (and say so) rather than disturb it."""
        current = self.tabs.currentWidget()
        page = current.built if isinstance(current, LazyPage) else None
        if page is not None and page.has_unsaved_typing():
            self.statusBar().showMessage(
                "Another PC has saved changes; they will show here once you save or leave "
                "what you are typing."
            )
            self.waiting_changes.start()
            return
        self.waiting_changes.stop()
        self.refresh()
        self.statusBar().showMessage("Updated with changes saved on another PC.", 5000)

    def stop_listening(self) -> None:
        listener = getattr(self, "listener", None)
        if listener is not None:
            listener.stop()
            self.waiting_changes.stop()

    def _restore(self, remember_tab: bool) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            if not self.isMaximized() and not fits(self):
                # Saved on a bigger screen: as much of it as this one holds.
                fit_to_screen(self, self.width(), self.height())
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        # The Dashboard fills itself; any other remembered tab is built and filled by the change.
        # After a switch of person, the new person starts on the Dashboard.
        if remember_tab:
            self.tabs.setCurrentIndex(int(str(settings.value("window/tab", 0))))

    def closeEvent(self, event: QCloseEvent) -> None:
        # Ending a session asked about typing first (or cannot be stopped: the account changed).
        ending = self.next_person is not None or self.damaged
        if not ending and not all(page.confirm_leave() for page in self._built()):
            event.ignore()
            return
        leaving = self.restore_request is None and self.switch_to is None and not ending
        if leaving and self.may_close is not None and not self.may_close():
            event.ignore()
            return
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/tab", self.tabs.currentIndex())
        for page in self._built():
            page.save_state()
        self.stop_listening()
        super().closeEvent(event)
