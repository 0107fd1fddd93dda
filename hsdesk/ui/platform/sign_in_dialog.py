"""Sign in with a username and password; in demo mode the dialog says the password is "demo"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from hsdesk.db.engine import Database
from hsdesk.domain.actor import Actor
from hsdesk.resources import resource
from hsdesk.services.platform import auth
from hsdesk.ui.forms.ui_sign_in_dialog import Ui_SignInDialog
from hsdesk.ui.operation import Operation


class SignInDialog(QDialog):
    def __init__(self, db: Database, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)
        self.db = db
        self.actor: Actor | None = None
        logo = QPixmap(str(resource("logo.png")))
        self.ui.logo.setPixmap(logo.scaledToWidth(320, Qt.TransformationMode.SmoothTransformation))
        self.ui.demoHint.setVisible(demo)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
        self.ui.buttonBox.accepted.connect(self.sign_in)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.username.setFocus()

    def sign_in(self) -> None:
        ui = self.ui
        self.actor = (
            Operation(
                self,
                lambda: auth.sign_in(self.db, ui.username.text(), ui.password.text()),
                "Cannot sign in",
            )
            .failure(lambda _refusal: self._try_again())
            .value()
        )
        if self.actor is not None:
            self.accept()

    def _try_again(self) -> None:
        self.ui.password.selectAll()
        self.ui.password.setFocus()
