"""What a person using only the keyboard would meet in a window: the widgets Tab never reaches,
a box that keeps Tab for itself, and Alt+letter keys that go nowhere or to two places."""

from __future__ import annotations

import re

from accessibility import INTERACTIVE
from PySide6.QtGui import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QTabBar,
    QWidget,
)

HOLDS = 12
MNEMONIC = re.compile(r"&([^&\s])")


def _typing_part(widget: QWidget) -> bool:
    """The line inside a list box or number field: Tab reaches it as its owner."""
    return isinstance(widget, QLineEdit) and isinstance(
        widget.parent(), QComboBox | QAbstractSpinBox
    )


def _expected(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, INTERACTIVE)
        and not isinstance(w, QHeaderView | QScrollBar)
        and not _typing_part(w)
        and w.metaObject().className() != "QTableCornerButton"  # the mouse's Ctrl+A
        and w.isVisibleTo(root)
        and w.isEnabled()
    ]


def _owner(widget: QWidget | None, root: QWidget) -> QWidget | None:
    """The interactive widget focus is in (a list's viewport counts as the list)."""
    while widget is not None and widget is not root:
        if isinstance(widget, INTERACTIVE) and not _typing_part(widget):
            return widget
        widget = widget.parentWidget()
    return None


def tab_walk(root: QWidget, presses: int = 150) -> tuple[list[QWidget], list[str]]:
    """Press Tab round the window from where focus starts. Returns the interactive widgets that
    took focus, and each widget that held on to Tab (focus stayed put for HOLDS presses: a date
    box's Tab moves through its day, month and year, and a page's through its links, first)."""
    root.activateWindow()
    for _ in range(200):
        if QApplication.activeWindow() is root:
            break
        QTest.qWait(10)
    reached: list[QWidget] = []
    stuck: list[str] = []
    held = 0
    for _ in range(presses):
        before = QApplication.focusWidget()
        owner = _owner(before, root)
        if owner is not None and owner not in reached:
            reached.append(owner)
        QTest.keyClick(before or root, Qt.Key.Key_Tab)
        held = held + 1 if QApplication.focusWidget() is before else 0
        if held == HOLDS and before is not None:
            stuck.append(f"{before.metaObject().className()} {before.accessibleName()!r}")
            break
    return reached, stuck


def unreachable(root: QWidget) -> list[str]:
    """Each visible, enabled interactive widget that Tab never reaches. A button of a set where
    one is chosen (radio buttons, or an exclusive group) counts as reached when its set is: Tab
    goes to the chosen one and the arrow keys move within the set, as on Windows."""
    reached, stuck = tab_walk(root)
    missing = []
    for widget in _expected(root):
        if widget in reached:
            continue
        if isinstance(widget, QAbstractButton) and any(r in reached for r in _one_of(widget)):
            continue
        missing.append(f"{widget.metaObject().className()} {widget.accessibleName()!r}")
    return [f"holds Tab: {s}" for s in stuck] + missing


def _one_of(button: QAbstractButton) -> list[QWidget]:
    """The other buttons of the set ``button`` is one choice of."""
    group = button.group()
    if group is not None and group.exclusive():
        return [b for b in group.buttons() if b is not button]
    if isinstance(button, QRadioButton) or button.autoExclusive():
        parent = button.parentWidget()
        return [] if parent is None else parent.findChildren(QAbstractButton)
    return []


def _mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def mnemonic_faults(root: QWidget) -> list[str]:
    """Alt+letter keys that do not work: a label showing "&" because it has no box to go to,
    and one letter used twice in view (Alt+letter then only moves between the two, pressing
    neither). The window's tabs count; its menus (opened with Alt alone) do not."""
    faults = []
    seen: dict[str, str] = {}
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel) and not Qt.mightBeRichText(widget.text()):
            letter = _mnemonic(widget.text())
            if letter and widget.buddy() is None:
                faults.append(f"label {widget.text()!r} shows its '&' (no box to go to)")
                continue
        elif isinstance(widget, QAbstractButton):
            letter = _mnemonic(widget.text())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    _note(widget.tabText(index), seen, faults)
            continue
        else:
            continue
        if letter is not None:
            _note(widget.text(), seen, faults)
    return faults


def _note(text: str, seen: dict[str, str], faults: list[str]) -> None:
    letter = _mnemonic(text)
    if letter is None:
        return
    plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    if letter in seen:
        faults.append(f"Alt+{letter.upper()} is both {seen[letter]!r} and {plain!r}")
    else:
        seen[letter] = plain


def enter_presses(root: QWidget) -> QPushButton | None:
    """The button Enter presses with the focus in the window's first box or list (or number
    field, in a window with no box to type in)."""
    boxes = [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, QLineEdit | QAbstractItemView)
        and not _typing_part(w)
        and w.isVisibleTo(root)
        and w.isEnabled()
    ]
    boxes = boxes or [
        w for w in root.findChildren(QAbstractSpinBox) if w.isVisibleTo(root) and w.isEnabled()
    ]
    if boxes:
        boxes[0].setFocus()
        QTest.qWait(10)
    return next(
        (b for b in root.findChildren(QPushButton) if b.isDefault() and b.isVisibleTo(root)), None
    )


def boxed(root: QWidget) -> list[QAbstractButton]:
    """The buttons of the window's own row of buttons (Save, Cancel, Close…)."""
    return [b for box in root.findChildren(QDialogButtonBox) for b in box.buttons()]
