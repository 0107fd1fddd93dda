"""Signing in when hsdesk opens, and the next person's sign-in after someone signs out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hsdesk.domain.actor import Actor

if TYPE_CHECKING:
    from hsdesk.db.engine import Database


def first_sign_in(db: Database, demo: bool) -> tuple[Actor | None, bool]:
    """The signed-in user, and whether this is the first start (the first administrator was
    created just now)."""
    from hsdesk.services.people import accounts
    from hsdesk.ui.platform.first_admin_dialog import FirstAdminDialog
    from hsdesk.ui.platform.sign_in_dialog import SignInDialog

    prefill = ""
    if not accounts.has_accounts(db):
        first = FirstAdminDialog(db)
        if not first.exec() or first.saved is None:
            return None, True
        prefill = first.saved.username
    dialog = SignInDialog(db, demo)
    if prefill:
        dialog.ui.username.setText(prefill)
        dialog.ui.password.setFocus()
    return (dialog.actor if dialog.exec() else None), bool(prefill)


def next_sign_in(db: Database, demo: bool) -> Actor | None:
    """After signing out: the sign-in box for the next person; closing it closes hsdesk (for
    the demo, after saying that its data is then deleted)."""
    from hsdesk.ui.platform.sign_in_dialog import SignInDialog

    while True:
        dialog = SignInDialog(db, demo)
        if dialog.exec():
            return dialog.actor
        if not demo:
            return None
        from hsdesk.ui.platform.demo_close import demo_may_close

        if demo_may_close(None, db):
            return None
