"""The main window: tabs that work, menus, status bar; remembers its size and position."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QTabWidget, QWidget

from hsdesk import SCHEME_NAME, __version__
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.ui.context import AppContext
from hsdesk.ui.lazy_page import LazyPage
from hsdesk.ui.tabs.dashboard_tab import DashboardTab
from hsdesk.ui.tabs.people_tab import PeopleTab

if TYPE_CHECKING:
    from hsdesk.ui.tabs.content_tab import ContentTab
    from hsdesk.ui.tabs.induction_tab import InductionTab
    from hsdesk.ui.tabs.photos_tab import PhotosTab
    from hsdesk.ui.tabs.policy_tab import PolicyTab
    from hsdesk.ui.tabs.review_tab import ReviewTab

LICENCES = (
    "hsdesk is free software under the GNU General Public License v3 or later.<br>"
    "It uses Qt for Python (PySide6, LGPL v3), SQLAlchemy and Alembic (MIT), reportlab (BSD), "
    "argon2-cffi (MIT), platformdirs (MIT), Pillow (MIT-CMU), pyHanko (MIT), cryptography "
    "(Apache 2.0 / BSD) and the DejaVu fonts (Bitstream Vera licence)."
)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        demo = " — DEMO DATA" if ctx.demo else ""
        self.setWindowTitle(f"hsdesk — {SCHEME_NAME}{demo}")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.dashboard = DashboardTab(ctx)
        self.people = PeopleTab(ctx, load=False)  # filled when first shown
        self.content_page: LazyPage[ContentTab] = LazyPage(self._make_content_tab)
        self.photos_page: LazyPage[PhotosTab] = LazyPage(self._make_photos_tab)
        self.policy_page: LazyPage[PolicyTab] = LazyPage(self._make_policy_tab)
        self.induction_page: LazyPage[InductionTab] = LazyPage(self._make_induction_tab)
        self.review_page: LazyPage[ReviewTab] = LazyPage(self._make_review_tab)
        self.tabs.addTab(self.dashboard, "&Dashboard")
        self.tabs.addTab(self.content_page, "&Content")
        self.tabs.addTab(self.people, "&People")
        self.tabs.addTab(self.photos_page, "P&hotos")
        self.tabs.addTab(self.policy_page, "P&olicy")
        self.tabs.addTab(self.induction_page, "&Inductions")
        self.tabs.addTab(self.review_page, "&Reviews")
        self._last_tab = 0
        self.tabs.currentChanged.connect(self._tab_changed)
        self.dashboard.open_area.connect(self.open_area)
        self.setCentralWidget(self.tabs)
        self._build_menus()
        who = f"Signed in as {ctx.actor.display_name} ({ctx.actor.username})"
        where = str(ctx.db.path or ctx.db.url)
        self.statusBar().addWidget(QLabel(who))
        self.statusBar().addPermanentWidget(QLabel(f"Database: {where}"))
        self.resize(1200, 760)
        self._restore()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        change = QAction("&Change my password…", self)
        change.triggered.connect(self.change_password)
        file_menu.addAction(change)
        file_menu.addSeparator()
        exit_action = QAction("E&xit", self)
        exit_action.setShortcut("Ctrl+Q")
        exit_action.triggered.connect(self.close)
        file_menu.addAction(exit_action)

        view_menu = self.menuBar().addMenu("&View")
        refresh = QAction("&Refresh", self)
        refresh.setShortcut("F5")
        refresh.triggered.connect(self.refresh)
        view_menu.addAction(refresh)

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
        from hsdesk.ui.dialogs.change_password_dialog import ChangePasswordDialog

        ChangePasswordDialog(self.ctx, self).exec()

    def show_audit(self) -> None:
        from hsdesk.ui.dialogs.audit_dialog import AuditDialog

        AuditDialog(self.ctx, self).exec()

    @property
    def policy(self) -> PolicyTab:
        return self.policy_page.widget

    def _make_policy_tab(self) -> PolicyTab:
        from hsdesk.ui.tabs.policy_tab import PolicyTab

        tab = PolicyTab(self.ctx, load=False)
        settings = QSettings()
        for key, splitter in self._policy_splitters(tab).items():
            state = settings.value(key)
            if state is not None:
                splitter.restoreState(state)
        return tab

    @property
    def content(self) -> ContentTab:
        return self.content_page.widget

    def _make_content_tab(self) -> ContentTab:
        from hsdesk.ui.tabs.content_tab import ContentTab

        tab = ContentTab(self.ctx, load=False)
        state = QSettings().value("content/splitter")
        if state is not None:
            tab.splitter.restoreState(state)
        return tab

    @property
    def inductions(self) -> InductionTab:
        return self.induction_page.widget

    def _make_induction_tab(self) -> InductionTab:
        from hsdesk.ui.tabs.induction_tab import InductionTab

        tab = InductionTab(self.ctx, load=False)
        state = QSettings().value("inductions/splitter")
        if state is not None:
            tab.splitter.restoreState(state)
        return tab

    @property
    def reviews(self) -> ReviewTab:
        return self.review_page.widget

    def _make_review_tab(self) -> ReviewTab:
        from hsdesk.ui.tabs.review_tab import ReviewTab

        tab = ReviewTab(self.ctx, load=False)
        for key, splitter in (
            ("reviews/splitter", tab.splitter),
            ("reviews/checklist-splitter", tab.inner_splitter),
        ):
            state = QSettings().value(key)
            if state is not None:
                splitter.restoreState(state)
        return tab

    @property
    def photos(self) -> PhotosTab:
        return self.photos_page.widget

    def _make_photos_tab(self) -> PhotosTab:
        from hsdesk.ui.tabs.photos_tab import PhotosTab

        tab = PhotosTab(self.ctx, load=False)
        state = QSettings().value("photos/splitter")
        if state is not None:
            tab.splitter.restoreState(state)
        return tab

    def _guarded_pages(self) -> list[PhotosTab | PolicyTab | ReviewTab]:
        """Built tabs that may hold unsaved typing, each with a confirm_leave()."""
        built = (self.photos_page.built, self.policy_page.built, self.review_page.built)
        return [page for page in built if page is not None]

    def verify_pdf(self) -> None:
        from hsdesk.ui.tabs.policy_tab import verify_signed_pdf

        verify_signed_pdf(self, self.ctx)

    def show_settings(self) -> None:
        from hsdesk.ui.dialogs.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self).exec()

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

    def open_area(self, area: str) -> None:
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index).replace("&", "") == area:
                self.tabs.setCurrentIndex(index)
                return

    def _tab_changed(self, index: int) -> None:
        leaving = self.tabs.widget(self._last_tab)
        built = getattr(leaving, "built", None)
        if (
            built is not None
            and index != self._last_tab
            and hasattr(built, "confirm_leave")
            and not built.confirm_leave()
        ):
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(self._last_tab)
            self.tabs.blockSignals(False)
            return
        self._last_tab = index
        self.refresh()

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        if hasattr(current, "refresh"):
            current.refresh()

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        state = settings.value("people/splitter")
        if state is not None:
            self.people.splitter.restoreState(state)
        # The Dashboard fills itself; any other remembered tab is filled by the tab change.
        self.tabs.setCurrentIndex(int(str(settings.value("window/tab", 0))))

    def _splitters(self) -> dict[str, QSplitter]:
        found = {"people/splitter": self.people.splitter}
        policy = self.policy_page.built
        if policy is not None:
            found.update(self._policy_splitters(policy))
        photos = self.photos_page.built
        if photos is not None:
            found["photos/splitter"] = photos.splitter
        built = self.content_page.built
        if built is not None:
            found["content/splitter"] = built.splitter
        induction = self.induction_page.built
        if induction is not None:
            found["inductions/splitter"] = induction.splitter
        review = self.review_page.built
        if review is not None:
            found["reviews/splitter"] = review.splitter
            found["reviews/checklist-splitter"] = review.inner_splitter
        return found

    @staticmethod
    def _policy_splitters(tab: PolicyTab) -> dict[str, QSplitter]:
        return {"policy/splitter": tab.splitter, "policy/editor-splitter": tab.editor.splitter}

    def closeEvent(self, event: QCloseEvent) -> None:
        if not all(page.confirm_leave() for page in self._guarded_pages()):
            event.ignore()
            return
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/tab", self.tabs.currentIndex())
        for key, splitter in self._splitters().items():
            settings.setValue(key, splitter.saveState())
        self.people.save_state()
        photos = self.photos_page.built
        if photos is not None:
            photos.save_state()
        for page in (self.content_page.built, self.induction_page.built, self.review_page.built):
            if page is not None:
                page.save_state()
        super().closeEvent(event)
