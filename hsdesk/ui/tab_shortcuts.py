"""The usual Windows keys for the tab in front: Ctrl+N adds (what its own button adds) and
Ctrl+F goes to its search box. Each menu entry names what it does on this tab, and is greyed
out, saying why, on a tab with nothing to add or search. Ctrl+1 to Ctrl+9 open the tabs in
turn, each listed in the View menu."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QTabWidget, QWidget

from hsdesk.ui.tab_page import TabPage


def _hidden(widget: QWidget) -> bool:
    """Hidden on purpose (not merely not shown yet: a tab built a moment ago)."""
    explicit = widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
    return widget.isHidden() and explicit


class TabShortcuts:
    def __init__(self, window: QWidget, current: Callable[[], TabPage | None]) -> None:
        self._current = current
        self.new = QAction("&New…", window)
        self.new.setShortcut(QKeySequence.StandardKey.New)
        self.new.triggered.connect(self.add)
        self.find = QAction("&Find", window)
        self.find.setShortcut(QKeySequence.StandardKey.Find)
        self.find.triggered.connect(self.search)
        for action in (self.new, self.find):
            action.setShortcutVisibleInContextMenu(True)

    def add_to(self, file_menu: QMenu, view_menu: QMenu) -> None:
        first = file_menu.actions()[0]  # the new entry goes at the top, as in any Windows program
        file_menu.insertAction(first, self.new)
        file_menu.insertSeparator(first)
        view_menu.addAction(self.find)
        for menu in (file_menu, view_menu):
            menu.setToolTipsVisible(True)  # a greyed-out entry says why
            menu.aboutToShow.connect(self.update)

    def update(self) -> None:
        """Name the entries after what they do on the tab in front, or grey them out."""
        page = self._current()
        button = page.adding_button() if page is not None else None
        usable = button is not None and not _hidden(button) and button.isEnabled()
        self.new.setEnabled(usable)
        if button is not None and usable:
            self.new.setText(button.text())
            self.new.setToolTip("")
        else:
            self.new.setText("&New…")
            why = button.toolTip() if button is not None else ""
            self.new.setToolTip(why or "Nothing can be added on this tab.")
        box = page.find_box() if page is not None else None
        self.find.setEnabled(box is not None)
        self.find.setToolTip("" if box is not None else "This tab has no search box.")

    def add(self) -> None:
        self.update()
        page = self._current()
        button = page.adding_button() if page is not None else None
        if button is not None and self.new.isEnabled():
            button.click()

    def search(self) -> None:
        page = self._current()
        box = page.find_box() if page is not None else None
        if box is not None:
            box.setFocus()
            box.selectAll()


def add_tab_keys(tabs: QTabWidget, view_menu: QMenu) -> None:
    """One View menu entry per tab (the first nine), on Ctrl+1, Ctrl+2, and so on."""
    view_menu.addSeparator()
    for index in range(min(tabs.count(), 9)):
        action = QAction(tabs.tabText(index), view_menu)
        action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
        action.triggered.connect(lambda _checked=False, i=index: tabs.setCurrentIndex(i))
        view_menu.addAction(action)
