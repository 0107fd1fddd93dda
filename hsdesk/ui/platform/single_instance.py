"""One hsdesk per user and database on a PC: a second start brings the first window forward."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

from hsdesk.db.lock import this_user

WAIT_MS = 800
MESSAGE = b"show"


def instance_key(location: str) -> str:
    digest = hashlib.sha256(f"{this_user()}\n{location}".encode()).hexdigest()[:16]
    return f"hsdesk-{digest}"


def _allow_foreground() -> None:
    if os.name == "nt":  # pragma: no cover - Windows only: let the first hsdesk come forward
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # type: ignore[attr-defined,unused-ignore]


def ask_running_to_show(key: str) -> bool:
    """True if an hsdesk is already running for this key (it has been asked to come forward)."""
    socket = QLocalSocket()
    socket.connectToServer(key)
    if not socket.waitForConnected(WAIT_MS):
        return False
    _allow_foreground()
    socket.write(MESSAGE)
    socket.waitForBytesWritten(WAIT_MS)
    socket.disconnectFromServer()
    return True


def bring_forward(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


class InstanceServer:
    """Listens for later starts; each one brings forward what ``front()`` returns."""

    def __init__(self, key: str, front: Callable[[], QWidget | None]) -> None:
        self.front = front
        self.server = QLocalServer()
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self.server.listen(key):
            QLocalServer.removeServer(key)  # left by a program that crashed
            self.server.listen(key)
        self.server.newConnection.connect(self._connected)

    def _connected(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.disconnected.connect(socket.deleteLater)
        target = QApplication.activeModalWidget() or self.front()
        if target is not None:
            bring_forward(target)

    def close(self) -> None:
        self.server.close()
