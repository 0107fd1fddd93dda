"""The one way the window calls a service: an :class:`Operation` for an action run from a tab,
a :class:`FormDialog` for a form that submits through a service. A refusal (any HsdeskError) is
explained in plain English and nothing the user typed is lost; a success hands on the result.

    Operation(self, lambda: takedowns.sweep(db, actor)).success(self.show).run()

    class CommentDialog(FormDialog[CommentRecord]):
        refusal_title = "Comment not saved"
        def submit(self) -> CommentRecord:
            return comments.add(self.ctx.db, self.ctx.actor, self.text.toPlainText())
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QWidget

from hsdesk.domain.errors import HsdeskError, Withdrawn
from hsdesk.ui.common import show_error
from hsdesk.ui.guarded_dialog import GuardedDialog

T = TypeVar("T")


class Operation(Generic[T]):
    """A call into the services from the window, with what happens on success and on refusal."""

    def __init__(
        self, parent: QWidget, call: Callable[[], T], refusal_title: str = "Cannot do that"
    ) -> None:
        self._parent = parent
        self._call = call
        self._title = refusal_title
        self._success: Callable[[T], object] | None = None
        self._failure: Callable[[HsdeskError], object] | None = None

    def success(self, then: Callable[[T], object]) -> Operation[T]:
        self._success = then
        return self

    def failure(self, then: Callable[[HsdeskError], object]) -> Operation[T]:
        """Run before the refusal is shown (e.g. to clear a password field)."""
        self._failure = then
        return self

    def run(self) -> bool:
        """Call now, on the window's thread; True when the service accepted."""
        try:
            value = self._call()
        except HsdeskError as exc:
            self._refused(exc)
            return False
        if self._success is not None:
            self._success(value)
        return True

    def value(self) -> T | None:
        """Call now and return the service's result, or None when it refused (explained)."""
        kept: list[T] = []
        self.success(kept.append).run()
        return kept[0] if kept else None

    def run_in_background(self, busy_cursor: bool = True) -> None:
        """Call on a worker thread (for slow work); success or refusal come back to the window."""
        from hsdesk.ui.worker import run_in_background

        def failed(exc: Exception) -> None:
            if isinstance(exc, HsdeskError):
                self._refused(exc)
            else:
                raise exc

        def done(value: T) -> None:
            if self._success is not None:
                self._success(value)

        run_in_background(self._call, done, failed, busy_cursor=busy_cursor)

    def _refused(self, exc: HsdeskError) -> None:
        if self._failure is not None:
            self._failure(exc)
        if not isinstance(exc, Withdrawn):  # they answered a question: nothing to explain
            show_error(self._parent, exc, self._title)


class FormDialog(GuardedDialog, Generic[T]):
    """A form dialog that submits through a service: Save calls :meth:`submit`; a refusal is
    explained and the form stays open with the typing; the result is kept in :attr:`saved`."""

    refusal_title = "Not saved"
    saved: T | None = None

    def submit(self) -> T:
        """Read the form and call the service (raising HsdeskError to refuse)."""
        raise NotImplementedError

    def refused(self, exc: HsdeskError) -> None:
        """Called before a refusal is shown, e.g. to clear a password that was not accepted."""

    def save(self) -> None:
        Operation(self, self.submit, self.refusal_title).success(self._keep).failure(
            self.refused
        ).run()

    def _keep(self, value: T) -> None:
        self.saved = value
        self.accept()
