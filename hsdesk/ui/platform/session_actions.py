"""Taking turns at one PC: File → Lock, Switch user and Sign out, the lock when nobody has used
hsdesk for a while, and the end of a session when the account changed. A session that ends
closes the window: the next person gets a new one, built for their own rights."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox, QWidget

from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.errors import HsdeskError
from hsdesk.ui import held
from hsdesk.ui.guarded_dialog import GuardedDialog
from hsdesk.ui.lazy_page import LazyPage
from hsdesk.ui.platform.lock_screen import IdleWatch, LockScreen, Why

if TYPE_CHECKING:
    from hsdesk.ui.main_window import MainWindow


@dataclass(frozen=True)
class NextPerson:
    """Why the window closed: someone signs in next (``actor`` already did, at the lock)."""

    actor: Actor | None = None


class SessionActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.ctx = window.ctx
        self.lock_screen = LockScreen(window)
        self.idle: IdleWatch | None = None

    def add_to(self, menu: QMenu) -> None:
        for text, shortcut, slot in (
            ("&Lock hsdesk", "Ctrl+L", self.lock),
            ("S&witch user…", "Ctrl+Shift+U", self.switch_user),
            ("Sign &out", "Ctrl+Shift+L", self.sign_out),
        ):
            action = QAction(text, self.window)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            menu.addAction(action)

    def watch_idle(self, minutes: int) -> None:
        """Lock after ``minutes`` without keyboard or mouse (the office's setting)."""
        if self.idle is not None:
            self.idle.stop()
        self.idle = IdleWatch(minutes, self.window)
        self.idle.idle.connect(self.lock_when_idle)

    # --- the person's own actions ----------------------------------------------------------

    def lock(self) -> None:
        self._ask(Why.BY_HAND)

    def lock_when_idle(self) -> None:
        self._ask(Why.IDLE)

    def switch_user(self) -> None:
        self._ask(Why.SWITCH)

    def sign_out(self) -> None:
        if self._typing_may_go(None):
            self.end(None)

    def _ask(self, why: Why) -> None:
        if held.locked():
            return
        ctx = self.ctx
        while True:
            actor = self.lock_screen.ask(ctx.db, ctx.actor, ctx.demo, why)
            if actor is None or actor == ctx.actor:  # cancelled, or unlocked as they left it
                self.lock_screen.uncover()
                if self.idle is not None:
                    self.idle.last_use = clock.now()
                held.release()
                return
            same = actor.username.lower() == ctx.actor.username.lower()
            # Someone else (or the same person, whose rights changed): a new window for them.
            if same or self._typing_may_go(actor):
                self.end(actor)
                return

    # --- typing that would be lost ----------------------------------------------------------

    def unsaved_typing(self) -> list[str]:
        """Where the signed-in person has typed something not yet saved (window titles)."""
        places = [
            self.window.tabs.tabText(i).replace("&", "")
            for i in range(self.window.tabs.count())
            if isinstance(page := self.window.tabs.widget(i), LazyPage)
            and page.built is not None
            and page.built.has_unsaved_typing()
        ]
        for widget in QApplication.topLevelWidgets():
            if not isinstance(widget, GuardedDialog) or not widget.isVisible():
                continue
            if widget.has_unsaved_changes():
                places.append(widget.windowTitle())
        return places

    def _typing_may_go(self, next_actor: Actor | None) -> bool:
        places = self.unsaved_typing()
        if not places:
            return True
        who = self.ctx.actor.display_name
        then = (
            f"Signing in as {next_actor.display_name} throws it away."
            if next_actor is not None
            else "Signing out throws it away."
        )
        answer = QMessageBox.question(
            _front(self.window),
            "Throw away typing that is not saved?",
            f"{who} has typed something that is not saved, in: {', '.join(places)}.\n\n{then}",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    # --- ending the session -----------------------------------------------------------------

    def end(self, next_actor: Actor | None) -> None:
        """Close every dialog and the window, without asking again; then ``next_actor`` (or
        whoever signs in) gets a new window. Whatever background work was showing is dropped."""
        held.drop()
        if self.idle is not None:
            self.idle.stop()
        self.lock_screen.uncover()
        window = self.window
        window.next_person = NextPerson(next_actor)
        for widget in reversed(QApplication.topLevelWidgets()):
            if widget is window or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                QDialog.done(widget, QDialog.DialogCode.Rejected)
            else:
                widget.close()
        window.close()

    def account_changed(self, refusal: HsdeskError) -> None:
        """The account was switched off or lost a right: the refusal was shown; the session
        ends once the call that met it has returned."""
        del refusal
        if self.window.next_person is None:
            self.window.next_person = NextPerson(None)  # nothing may stop it now
            QTimer.singleShot(0, lambda: self.end(None))


def _front(window: QWidget) -> QWidget:
    """The window in front (a dialog over the main window), to put a question over."""
    active = QApplication.activeModalWidget()
    return active if active is not None else window
