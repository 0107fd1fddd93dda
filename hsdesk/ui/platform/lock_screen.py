"""The lock screen: every hsdesk window hides its contents behind a cover, and a sign-in box
asks for the signed-in person's password (to carry on, with everything as they left it) or for
someone else's username and password (who then signs in instead)."""

from __future__ import annotations

from datetime import timedelta
from enum import Enum

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QVBoxLayout, QWidget
from shiboken6 import isValid

from hsdesk.db.engine import Database
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.ui import held
from hsdesk.ui.platform.sign_in_dialog import SignInDialog
from hsdesk.ui.signals import emit

# What counts as someone using hsdesk (moving the mouse over it, typing, clicking, scrolling).
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
CHECK_EVERY_MS = 15_000


class IdleWatch(QObject):
    """Says ``idle`` once nobody has used hsdesk for ``minutes`` (by hsdesk's clock)."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.minutes = minutes
        self.last_use = clock.now()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_EVERY_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self.last_use = clock.now()
        return False

    def check(self) -> None:
        if held.locked():
            return
        if clock.now() - self.last_use >= timedelta(minutes=self.minutes):
            emit(self.idle)

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class Cover(QWidget):
    """Hides one window's contents, its menus too, while hsdesk is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        note = QLabel("hsdesk is locked")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(note)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


class Why(Enum):
    IDLE = "nobody used hsdesk for the set minutes"
    BY_HAND = "File → Lock hsdesk"
    SWITCH = "File → Switch user"


class LockDialog(SignInDialog):
    """The signed-in person's password unlocks; anyone else's username and password signs them
    in instead. Locked when idle, it cannot be closed (Esc does nothing); opened for Switch user,
    Cancel goes back to the window as it was."""

    def __init__(self, db: Database, actor: Actor, demo: bool, why: Why) -> None:
        super().__init__(db, demo)
        self.current = actor
        self.switching = switching = why is Why.SWITCH
        who = f"{actor.display_name} ({actor.username})"
        if switching:
            self.setWindowTitle("Switch user")
            text = (
                f"{who} is signed in; their work is kept while someone else signs in. Type your "
                "own username and password. Cancel goes back to the window as it was."
            )
            self.ui.username.clear()
            self.ui.username.setFocus()
        else:
            self.setWindowTitle("hsdesk is locked")
            text = (
                (
                    "hsdesk was locked because nobody used it for a while. "
                    if why is Why.IDLE
                    else ""
                )
                + f"{who} is signed in, and anything they were typing is kept.\n\nTo carry on, "
                "type your password. Someone else can sign in instead with their own username "
                "and password."
            )
            self.ui.username.setText(actor.username)
            self.ui.password.setFocus()
        self.ui.introLabel.setText(text)
        self.setMinimumWidth(460)
        self.adjustSize()
        self.ui.username.textChanged.connect(self._label_button)
        self._label_button()

    def _label_button(self) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        same = self.ui.username.text().strip().lower() == self.current.username.lower()
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Unlock" if same else "Sign in")
        cancel = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setVisible(self.switching)

    def reject(self) -> None:
        if self.switching:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.switching:
            super().closeEvent(event)
        else:
            event.ignore()


def _windows() -> list[QWidget]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and isinstance(w, (QMainWindow, QDialog))
    ]


class LockScreen(QObject):
    """Covers every hsdesk window (and any that opens while locked) until someone signs in."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.covers: list[Cover] = []
        self.dialog: LockDialog | None = None

    def ask(self, db: Database, actor: Actor, demo: bool, why: Why) -> Actor | None:
        """Lock, and return who signed in (None: Switch user was cancelled)."""
        held.set_locked(True)
        self.covers = [Cover(w) for w in _windows()]
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.dialog = LockDialog(db, actor, demo, why)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        try:
            accepted = self.dialog.exec()
            return self.dialog.actor if accepted else None
        finally:
            app.removeEventFilter(self)
            self.dialog.deleteLater()
            self.dialog = None

    def uncover(self) -> None:
        for cover in self.covers:
            if isValid(cover):  # (a cover goes with its window, if that was closed meanwhile)
                cover.deleteLater()
        self.covers = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A window that opens while locked (a message, a preview) is covered too."""
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, (QMainWindow, QDialog))
            and watched.isWindow()
            and not self._of_lock(watched)
            and watched.findChild(Cover, options=Qt.FindChildOption.FindDirectChildrenOnly) is None
        ):
            self.covers.append(Cover(watched))
        return False

    def _of_lock(self, widget: QWidget) -> bool:
        """The lock box itself, and what it opens (its refusals), stay uncovered."""
        found: QWidget | None = widget
        while found is not None:
            if found is self.dialog:
                return True
            found = found.parentWidget()
        return False
