"""File → Connect to the office server… (and the address for File → Move to the office server…):
server, port, database, username and password, a Test button, and plain answers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hsdesk.db.credentials import DEFAULT_PORT, ServerAddress
from hsdesk.domain.errors import HsdeskError
from hsdesk.services.platform.connection import Tried, check_address, try_server
from hsdesk.ui.common import hint_label, password_field, show_error
from hsdesk.ui.guarded_dialog import GuardedDialog

NAME_LIMIT = 253  # the longest host name there is; database and user names are far shorter
PASSWORD_LIMIT = 200


class ConnectDialog(GuardedDialog):
    """Where the office server is and how to sign in to it. Once accepted, ``url`` is the
    address with its password, and ``tried`` what the Test (or the final check) found there."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        moving: bool = False,
        known: str | None = None,
        why: str = "",
    ) -> None:
        super().__init__(parent)
        self.moving = moving
        self.url: str | None = None
        self.password: str = ""
        self.tried: Tried | None = None
        title = "Move to the office server" if moving else "Connect to the office server"
        self.setWindowTitle(title)
        intro = (
            "Copy every record and stored file on this PC onto the office server, so that every "
            "PC in the office works on the same records. The server's database must be empty. "
            "Whoever looks after the server gives you these details."
            if moving
            else "Work on the office's records on the office server, from this PC. Whoever "
            "looks after the server gives you these details."
        )
        self.host = self._line("office-server", NAME_LIMIT)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = self._line("hsdesk", 63)
        self.username = self._line("", 63)
        self.secret = password_field()
        self.secret.setMaxLength(PASSWORD_LIMIT)
        form = QFormLayout()
        form.addRow("&Server", self.host)
        form.addRow("&Port", self.port)
        form.addRow("&Database", self.database)
        form.addRow("&Username", self.username)
        form.addRow("Pass&word", self.secret)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setMinimumHeight(84)  # four lines: the longest refusal fits
        self.test_button = QPushButton("&Test")
        self.test_button.clicked.connect(self.test)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        ok.setText("&Move…" if moving else "&Connect")
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        head = QLabel(intro)
        head.setWordWrap(True)
        layout.addWidget(head)
        if why:
            layout.addWidget(hint_label(why))
        layout.addLayout(form)
        layout.addWidget(self.answer)
        layout.addWidget(
            hint_label(
                "The password is kept in this PC's password store (on Windows, the Credential "
                "Manager), never in a file."
            )
        )
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        if known:
            self._fill(ServerAddress.of(known))
        self.wire_form(buttons, self.connect_to)
        (self.secret if known else self.host).setFocus()

    @staticmethod
    def _line(placeholder: str, limit: int) -> QLineEdit:
        line = QLineEdit()
        line.setPlaceholderText(placeholder)
        line.setMaxLength(limit)
        return line

    def _fill(self, address: ServerAddress) -> None:
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.username.setText(address.username)

    def address(self) -> ServerAddress:
        return ServerAddress(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.username.text().strip(),
        )

    def _try(self) -> Tried | None:
        """Connect with what was typed; the answer (or the refusal) is shown in the dialog."""
        address = self.address()
        self.answer.setText("Connecting…")
        self.answer.repaint()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            check_address(address)
            tried = try_server(address.with_password(self.secret.text()))
        except HsdeskError as exc:
            self.answer.setText(f"<b>Not connected.</b> {_html(str(exc))}")
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.answer.setText(_html(tried.described))
        return tried

    def test(self) -> None:
        self._try()

    def connect_to(self) -> None:
        tried = self._try()
        if tried is None:
            return
        if self.moving and not tried.empty:
            show_error(
                self,
                HsdeskError(
                    f"{tried.where} already holds an office's records ({tried.people:,} "
                    "people), so this PC's records cannot be moved onto it. Use an empty "
                    "database, or choose File → Connect to the office server… to work there."
                ),
                "Not moved",
            )
            return
        self.tried = tried
        self.password = self.secret.text()
        self.url = self.address().with_password(self.password)
        self.accept()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
