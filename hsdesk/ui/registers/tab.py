"""Registers tab: complaints raised online and their private replies, declared connections
(4.1, with the boundary rules of 2.5, 2.6, 3.3 and 3.4), and, only for those who handle them,
breaches. Each is a list with the selected record's details beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.registers import BREACHES_PAGE, COMPLAINTS_PAGE, CONNECTIONS_PAGE
from hsdesk.ui.context import AppContext
from hsdesk.ui.registers.breaches_page import BreachesPage
from hsdesk.ui.registers.complaints_page import ComplaintsPage
from hsdesk.ui.registers.connections_page import ConnectionsPage
from hsdesk.ui.tab_page import TabPage


class RegistersTab(TabPage):
    """The registers this user may see, each on its own page."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pages = QTabWidget()
        self.complaints = ComplaintsPage(ctx)
        self.pages.addTab(self.complaints, COMPLAINTS_PAGE)
        self.connections: ConnectionsPage | None = None
        self.breaches: BreachesPage | None = None
        if allowed(ctx.actor, Permission.RECORD_CONNECTIONS):
            self.connections = ConnectionsPage(ctx)
            self.pages.addTab(self.connections, CONNECTIONS_PAGE)
        if allowed(ctx.actor, Permission.HANDLE_BREACHES):
            self.breaches = BreachesPage(ctx)
            self.pages.addTab(self.breaches, BREACHES_PAGE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.pages.currentChanged.connect(lambda _i: self.refresh())
        if load:
            self.refresh()

    def show_page(self, title: str) -> None:
        """Bring the page with this title forward (the Dashboard's "Open Registers")."""
        for index in range(self.pages.count()):
            if self.pages.tabText(index) == title:
                self.pages.setCurrentIndex(index)
                return

    def _built(self) -> list[Any]:
        return [p for p in (self.complaints, self.connections, self.breaches) if p is not None]

    def find_box(self) -> QLineEdit | None:
        return getattr(self.pages.currentWidget(), "search", None)

    def adding_button(self) -> QAbstractButton | None:
        return getattr(self.pages.currentWidget(), "adding", None)

    def refresh(self) -> None:
        current = self.pages.currentWidget()
        if hasattr(current, "refresh"):
            current.refresh()

    def save_state(self) -> None:
        super().save_state()
        for page in self._built():
            page.save_state()
