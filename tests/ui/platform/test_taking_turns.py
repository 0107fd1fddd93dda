"""One PC, several people: Sign out and Switch user give the next person a window of their own
with nothing of the last person's left in it; the window locks itself when nobody uses it (by
hsdesk's clock); an account switched off or changed ends its session at its next action."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import timedelta

from conftest import person
from PySide6.QtCore import QAbstractListModel, QModelIndex, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from support.window_driving import answer_next_message_box, type_text, when_dialog_opens

from hsdesk import app as hsdesk_app
from hsdesk.db.migrate import PageCheck
from hsdesk.domain import clock
from hsdesk.domain.attention import Area
from hsdesk.services.people import accounts
from hsdesk.services.people import persons as people
from hsdesk.services.platform import auth
from hsdesk.services.registers import breaches
from hsdesk.ui import held
from hsdesk.ui.context import AppContext
from hsdesk.ui.guarded_dialog import GuardedDialog
from hsdesk.ui.latest_read import LatestRead
from hsdesk.ui.main_window import MainWindow
from hsdesk.ui.operation import Operation
from hsdesk.ui.platform.lock_screen import Cover, LockDialog
from hsdesk.ui.platform.session_actions import NextPerson
from hsdesk.ui.platform.sign_in_dialog import SignInDialog


def shown_text(window: QWidget) -> str:
    """Everything a person could read in the window: labels, boxes and every list's cells."""
    parts: list[str] = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, (QLabel, QLineEdit)):
            parts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            parts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            parts.append(widget.currentText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            top = QModelIndex()
            lists = isinstance(model, QAbstractListModel)  # one column, not asked for
            columns = 1 if lists else model.columnCount(top)
            for row in range(model.rowCount(top)):
                for column in range(columns):
                    parts.append(str(model.index(row, column).data() or ""))
    return "\n".join(parts)


def _main_window(username: str) -> MainWindow | None:
    for widget in QApplication.topLevelWidgets():
        shown = isinstance(widget, MainWindow) and widget.isVisible()
        if shown and widget.ctx.actor.username == username:  # type: ignore[attr-defined]
            return widget  # type: ignore[return-value]
    return None


def _all_read(username: str) -> MainWindow | None:
    """That person's window, once every list it has asked for is read and shown."""
    window = _main_window(username)
    if window is None or window.dashboard.loading:
        return None
    return None if any(r.loading for r in window.findChildren(LatestRead)) else window


def _steps(*steps: tuple[Callable[[], object], Callable[[object], None]], failed: list) -> None:
    """Run each step's action once its condition gives something, in order, from the event loop."""
    waiting = list(steps)

    def poll() -> None:
        if not waiting:
            return
        found = waiting[0][0]()
        if found:
            try:
                waiting.pop(0)[1](found)
            except Exception as exc:  # noqa: BLE001  (reported by the test, not lost in Qt)
                failed.append(exc)
                for widget in QApplication.topLevelWidgets():
                    widget.close()
                return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def test_sign_out_then_someone_else_signs_in_and_finds_nothing_of_the_first(qtbot, demo_db):
    sdm = auth.sign_in(demo_db, "sdm", "demo")
    secret = next(b for b in breaches.list_breaches(demo_db, sdm) if b.what)
    failed: list[Exception] = []
    seen: dict[str, str] = {}

    def as_sdm(window: MainWindow) -> None:
        window.open_area(Area.REGISTERS.value)
        registers = window.tab(Area.REGISTERS)
        assert registers.breaches is not None
        registers.pages.setCurrentWidget(registers.breaches)

    def breach_chosen(window: MainWindow) -> None:
        registers = window.tab(Area.REGISTERS)
        registers.breaches.show_filter.setCurrentIndex(2)  # All
        registers.breaches.table.select_where(lambda b: b.id == secret.id)
        window.open_area(Area.PEOPLE.value)
        window.tab(Area.PEOPLE).search.setText("Whitworth")

    def sdm_leaves(window: MainWindow) -> None:
        seen["before"] = shown_text(window)
        window.session.sign_out()

    def sign_in(dialog: SignInDialog) -> None:
        dialog.ui.username.setText("shazia")
        dialog.ui.password.setText("demo")
        dialog.sign_in()

    def as_shazia(window: MainWindow) -> None:
        for area in Area:  # every tab the new person has, built and filled
            window.open_area(area.value)

    def shazia_looks(window: MainWindow) -> None:
        seen["after"] = shown_text(window)
        seen["search"] = window.tab(Area.PEOPLE).search.text()
        window.close()

    _steps(
        (lambda: _main_window("sdm"), as_sdm),
        (lambda: _all_read("sdm"), breach_chosen),
        (lambda: _all_read("sdm"), sdm_leaves),
        (
            lambda: (
                isinstance(QApplication.activeModalWidget(), SignInDialog)
                and QApplication.activeModalWidget()
            ),
            sign_in,
        ),  # fmt: skip
        (lambda: _main_window("shazia"), as_shazia),
        (lambda: _all_read("shazia"), shazia_looks),
        failed=failed,
    )
    args = argparse.Namespace(demo=False, quit_when_shown=False)
    pages = PageCheck(demo_db)
    session = hsdesk_app._windows(args, demo_db, None, None, (sdm, False), pages)
    assert not failed, failed
    assert session.code == 0 and session.restore is None
    what = " ".join(secret.what.split()[-4:])  # words of the record (shown as rich text)
    assert what in seen["before"] and "Whitworth" in seen["before"]
    assert what not in seen["after"] and secret.reference not in seen["after"]
    assert "Breaches (confidential)" not in seen["after"]
    assert seen["search"] == ""  # the filter went with the person who typed it
    assert "Helen Whitworth (sdm)" not in seen["after"]


def _window(qtbot, db, username: str) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppContext(db, auth.sign_in(db, username, "demo"), demo=True))
    qtbot.addWidget(window)
    window.show()
    return window


def _typed_form(window: MainWindow, title: str, typed: str) -> tuple[GuardedDialog, QLineEdit]:
    """A form open beside the window, with something typed in it and not saved."""
    form = GuardedDialog(window)
    form.setWindowTitle(title)
    box = QLineEdit(form)
    form.watch_changes()
    form.show()
    type_text(box, typed)
    return form, box


def _when_locked(then: Callable[[LockDialog], None]) -> None:
    when_dialog_opens(LockDialog, then)


def test_idle_for_the_set_minutes_locks_and_the_same_person_unlocks(qtbot, demo_db):
    window = _window(qtbot, demo_db, "sdm")
    start = clock.now()
    window.session.watch_idle(10)
    idle = window.session.idle
    assert idle is not None
    clock.freeze(start + timedelta(minutes=9, seconds=59))
    idle.check()
    assert not held.locked()
    clock.freeze(start + timedelta(minutes=10))
    during: dict[str, object] = {}

    def unlock(dialog: LockDialog) -> None:
        covers = window.findChildren(Cover)
        during["covered"] = bool(covers) and covers[0].geometry() == window.rect()
        during["held"] = held.locked()
        during["title"] = dialog.windowTitle()
        during["why"] = "because nobody used it for a while" in dialog.ui.introLabel.text()
        dialog.reject()  # Esc does nothing while locked
        during["still"] = dialog.isVisible()
        dialog.ui.password.setText("wrong")
        answer_next_message_box()  # the refusal
        dialog.sign_in()
        during["after wrong"] = dialog.isVisible()
        dialog.ui.password.setText("demo")
        dialog.sign_in()

    _when_locked(unlock)
    idle.check()  # returns once unlocked
    assert during == {
        "covered": True,
        "held": True,
        "title": "hsdesk is locked",
        "why": True,
        "still": True,
        "after wrong": True,
    }
    qtbot.waitUntil(lambda: not window.findChildren(Cover))
    assert not held.locked() and window.isVisible() and window.next_person is None


def test_someone_else_signing_in_at_the_lock_ends_the_session_after_asking_about_typing(
    qtbot, demo_db
):
    window = _window(qtbot, demo_db, "sdm")
    form, _box = _typed_form(window, "Record a breach", "half written")
    questions: list[str] = []

    def someone_else(dialog: LockDialog) -> None:
        dialog.ui.username.setText("shazia")
        dialog.ui.password.setText("demo")
        answer_next_message_box(QMessageBox.StandardButton.Discard, questions)
        dialog.sign_in()

    _when_locked(someone_else)
    window.session.lock()
    assert "Record a breach" in questions[0] and "Signing in as Shazia" in questions[0]
    assert window.next_person is not None and window.next_person.actor.username == "shazia"
    assert not window.isVisible() and not form.isVisible()


def test_work_finished_behind_the_lock_is_shown_once_unlocked():
    shown: list[str] = []
    held.set_locked(True)
    held.when_unlocked(lambda: shown.append("preview"))
    assert shown == []
    held.release()
    assert shown == ["preview"]
    held.set_locked(True)
    held.when_unlocked(lambda: shown.append("dropped"))
    held.drop()  # someone else signed in: the last person's preview is not shown to them
    assert shown == ["preview"] and not held.locked()


def test_sign_out_with_typing_asks_first_and_cancel_keeps_everything(qtbot, demo_db):
    window = _window(qtbot, demo_db, "sdm")
    form, box = _typed_form(window, "Add a person", "Zoë")
    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Cancel, seen)
    window.session.sign_out()
    assert "Add a person" in seen[0] and "Signing out throws it away" in seen[0]
    assert window.isVisible() and form.isVisible() and box.text() == "Zoë"
    answer_next_message_box(QMessageBox.StandardButton.Discard)
    window.session.sign_out()
    assert not window.isVisible() and window.next_person == NextPerson(None)


def test_a_switched_off_account_is_signed_out_at_its_next_action(qtbot, demo_db, refusals):
    window = _window(qtbot, demo_db, "shazia")
    admin = auth.sign_in(demo_db, "sdm", "demo")
    accounts.set_flags(demo_db, admin, "shazia", active=False)
    shazia = window.ctx.actor
    done = Operation(window, lambda: people.add_person(demo_db, shazia, person("New", "Family")))
    assert not done.run()
    assert "switched off" in refusals[0] and "sign you out" in refusals[0]
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.next_person == NextPerson(None)


def test_switch_user_cancelled_goes_back_to_the_window_as_it_was(qtbot, demo_db):
    window = _window(qtbot, demo_db, "sdm")
    window.open_area(Area.PEOPLE.value)
    window.tab(Area.PEOPLE).search.setText("Whitworth")
    asked: dict[str, object] = {}

    def cancel(dialog: LockDialog) -> None:
        asked["username"] = dialog.ui.username.text()  # empty: for someone else's
        asked["covered"] = bool(window.findChildren(Cover))
        dialog.reject()

    _when_locked(cancel)
    window.session.switch_user()
    assert asked == {"username": "", "covered": True}
    qtbot.waitUntil(lambda: not window.findChildren(Cover))
    assert window.next_person is None and not held.locked()
    assert window.tab(Area.PEOPLE).search.text() == "Whitworth"
