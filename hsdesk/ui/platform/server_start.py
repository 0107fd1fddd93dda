"""Questions asked before the main window, about where the office's records are: on a first
start (this PC or the office server), when the server's password is not kept on this PC, when
the server cannot be reached, and when a PC's file was moved onto the server."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton

from hsdesk.services.platform import connection
from hsdesk.ui.common import ask
from hsdesk.ui.platform.connect_dialog import ConnectDialog


def _connect(known: str | None, why: str = "", keep: bool = True) -> str | None:
    """The Connect dialog; the address with its password once it connected, else None.
    ``keep``: this PC uses that server from now on (else only its password is kept)."""
    dialog = ConnectDialog(None, known=known, why=why)
    if not ask(dialog) or dialog.url is None:
        return None
    note = (
        connection.use_server(dialog.url, dialog.password)
        if keep
        else connection.remember_password(dialog.url, dialog.password)
    )
    if note:
        QMessageBox.information(None, "Connected", f"Connected. Note: {note}.")
    return dialog.url


def _choose(
    title: str, text: str, *choices: str, icon: QMessageBox.Icon, cancel: str = "Cancel"
) -> int | None:
    """Which of ``choices`` was pressed (its index), or None for ``cancel``, Esc or closing."""
    box = QMessageBox(icon, title, text)
    buttons: list[QPushButton] = [
        box.addButton(choice, QMessageBox.ButtonRole.AcceptRole) for choice in choices
    ]
    box.setEscapeButton(box.addButton(cancel, QMessageBox.ButtonRole.RejectRole))
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return next((n for n, button in enumerate(buttons) if button is clicked), None)


def first_start() -> str | None:
    """'' for a database on this PC, an office server's address, or None (they closed it)."""
    while True:
        chosen = _choose(
            "Welcome to hsdesk",
            "Where will this office's records be kept?\n\n"
            "Just this PC: the records are in a file on this PC (you can move them onto an "
            "office server later, with File → Move to the office server…).\n\n"
            "The office server: several PCs work on the same records. Whoever looks after the "
            "server gives you its details.",
            "Just &this PC",
            "The &office server…",
            icon=QMessageBox.Icon.Question,
        )
        if chosen is None:
            return None
        if chosen == 0:
            return ""
        url = _connect(None)
        if url is not None:
            return url


def ask_password(location: str) -> str | None:
    """The server's address with the password typed now (kept if this PC can keep it)."""
    return _connect(
        location,
        "Type the password for the office server: this PC does not keep it.",
        keep=False,
    )


def unreachable(location: str, message: str) -> str | None:
    """The office server could not be opened: try again, change the connection, or use this
    PC's database. The next location to open, or None to quit."""
    chosen = _choose(
        "hsdesk cannot open the office server",
        message,
        "&Try again",
        "&Connection details…",
        "&Use the database on this PC",
        icon=QMessageBox.Icon.Warning,
        cancel="&Quit",
    )
    if chosen == 0:
        return location
    if chosen == 1:
        return _connect(location)
    if chosen == 2:
        connection.use_this_pc()
        return ""
    return None


def offer_moved(address: str) -> str | None:
    """This PC's file was moved onto the office server: connect to it (its address with the
    password), or None to look at the file read-only."""
    chosen = _choose(
        "These records are on the office server",
        "The records in this PC's database were moved to the office server "
        f"({connection.described(address)}). hsdesk keeps this file read-only, exactly as it "
        "was then, so that nothing is ever changed in two places.\n\nConnect to the office "
        "server to work on the records.",
        "&Connect to the office server…",
        icon=QMessageBox.Icon.Information,
        cancel="&Open this file read-only",
    )
    if chosen == 0:
        return _connect(address)
    return None
