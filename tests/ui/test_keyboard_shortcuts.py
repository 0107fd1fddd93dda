"""The usual Windows keys work on the tab in front: Ctrl+F goes to its search box, Ctrl+N adds
what its own button adds, F5 reads it again; where there is nothing to add the menu entry is
greyed out and says why, and so do the buttons a person may not use."""

from __future__ import annotations

from pdf_pages import a4_pages
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu
from window_driving import when_dialog_opens

from hsdesk.domain.attention import Area
from hsdesk.domain.permissions import Permission
from hsdesk.services.platform import auth
from hsdesk.ui.context import AppContext
from hsdesk.ui.main_window import MainWindow
from hsdesk.ui.people.person_dialog import PersonDialog


def _window(qtbot, db, username: str) -> MainWindow:
    window = MainWindow(AppContext(db, auth.sign_in(db, username, "demo"), demo=True))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_ctrl_f_finds_and_ctrl_n_adds_on_the_tab_in_front(qtbot, demo_db):
    window = _window(qtbot, demo_db, "sdm")
    window.open_area(Area.PEOPLE)
    people = window.tab(Area.PEOPLE)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is people.search
    opened: list[str] = []

    def close(dialog: PersonDialog) -> None:
        opened.append(dialog.windowTitle())
        dialog.reject()  # nothing typed: it closes without asking

    when_dialog_opens(PersonDialog, close)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["Add a person"]
    window.shortcuts.update()
    assert window.shortcuts.new.text() == "&Add person…"
    window.open_area(Area.DASHBOARD)
    window.shortcuts.update()
    assert not window.shortcuts.new.isEnabled() and not window.shortcuts.find.isEnabled()
    assert window.shortcuts.new.toolTip() == "Nothing can be added on this tab."


def test_ctrl_and_a_number_opens_that_tab(qtbot, demo_db):
    window = _window(qtbot, demo_db, "vdo")
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "People"
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Registers"
    view = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&View")
    assert [a.text() for a in view.actions() if a.shortcut().toString().startswith("Ctrl+")][
        -8:
    ] == [window.tabs.tabText(i) for i in range(8)]


def test_what_the_chair_may_not_do_is_greyed_out_or_explained(qtbot, demo_db):
    window = _window(qtbot, demo_db, "chair")
    window.open_area(Area.CONTENT)
    content = window.tab(Area.CONTENT)
    refusal = Permission.WRITE_CONTENT.value.refusal
    assert not content.new_button.isEnabled() and content.new_button.toolTip() == refusal
    window.shortcuts.update()
    assert not window.shortcuts.new.isEnabled() and window.shortcuts.new.toolTip() == refusal
    window.open_area(Area.INDUCTIONS)
    inductions = window.tab(Area.INDUCTIONS)
    texts = [label.text() for label in inductions.findChildren(QLabel) if not label.isHidden()]
    assert Permission.RECORD_INDUCTIONS.value.refusal in texts
    restore = next(
        a
        for m in window.menuBar().findChildren(QMenu)
        for a in m.actions()
        if a.text() == "&Restore from backup…"
    )
    assert not restore.isEnabled()
    assert restore.toolTip() == Permission.RESTORE_BACKUPS.value.refusal


def test_ctrl_s_saves_a_form_and_a_preview_prints_saves_and_closes_by_key(qtbot, ctx, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from hsdesk.ui.pdf_preview_dialog import PdfPreviewDialog

    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.ui.firstName, "Keyboard")
    qtbot.keyClicks(dialog.ui.lastName, "Person")
    qtbot.keyClick(dialog.ui.lastName, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved is not None
    pressed: list[str] = []
    monkeypatch.setattr(PdfPreviewDialog, "print_pdf", lambda self: pressed.append("print"))
    monkeypatch.setattr(PdfPreviewDialog, "save_as", lambda self: pressed.append("save"))
    preview = PdfPreviewDialog(a4_pages(), "a.pdf", "Preview")
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    preview.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is preview)
    for key in (Qt.Key.Key_P, Qt.Key.Key_S, Qt.Key.Key_W):
        qtbot.keyClick(preview, key, Qt.KeyboardModifier.ControlModifier)
    assert pressed == ["print", "save"] and not preview.isVisible()
