"""A tab page whose real widget (and its imports) is made the first time it is needed, so tabs a
user has not opened cost nothing at start-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class LazyPage(QWidget, Generic[W]):
    def __init__(self, factory: Callable[[], W], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._widget: W | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> W | None:
        return self._widget

    @property
    def widget(self) -> W:
        if self._widget is None:
            self._widget = self._factory()
            self._layout.addWidget(self._widget)
        return self._widget

    def refresh(self) -> None:
        widget = self.widget
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()
