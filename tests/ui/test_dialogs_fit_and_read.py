"""Every dialog fits a 1366×768 laptop less its taskbar with its buttons on screen, and a screen
reader can name each of its buttons, boxes and lists."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from accessibility import unexplained_greyed_out, unnamed
from keyboard import boxed, enter_presses, mnemonic_faults, unreachable
from pdf_pages import a4_pages
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from screenshots import assert_fits_with_buttons_inside

from hsdesk.domain.content_records import ContentQuery, Queue
from hsdesk.services.content import items as content
from hsdesk.services.content.queries import item_rows
from hsdesk.services.people import persons as people
from hsdesk.ui.context import AppContext


def _item(ctx: AppContext, queue: Queue = Queue.AWAITING):  # type: ignore[no-untyped-def]
    return content.get_item(ctx.db, item_rows(ctx.db, ContentQuery(queue), ctx.actor)[0].id)


def _person(ctx: AppContext, name: str = "Farah Iqbal"):  # type: ignore[no-untyped-def]
    return next(p for p in people.list_people(ctx.db) if p.full_name == name)


def _review(ctx: AppContext):  # type: ignore[no-untyped-def]
    from hsdesk.services.reviews import quarterly

    started = next(r for r in quarterly.quarter_rows(ctx.db) if r.review_id is not None)
    return quarterly.get_review(ctx.db, started.review_id)


def _rows(ctx: AppContext):  # type: ignore[no-untyped-def]
    from hsdesk.services.inductions.records import induction_rows

    return induction_rows(ctx.db)


def _open_action(ctx: AppContext):  # type: ignore[no-untyped-def]
    from hsdesk.services.reviews import quarterly

    for row in quarterly.quarter_rows(ctx.db):
        if row.review_id is not None:
            review = quarterly.get_review(ctx.db, row.review_id)
            for item in review.items:
                for action in item.actions:
                    if action.is_open:
                        return action
    raise AssertionError("the demo has no open review action")


def _account(ctx: AppContext):  # type: ignore[no-untyped-def]
    from hsdesk.services.people.accounts import list_accounts

    return next(a for a in list_accounts(ctx.db, ctx.actor) if a.username == "vdo")


def _dialogs() -> dict[str, Callable[[AppContext, Path], QDialog]]:
    from hsdesk.domain.retention import Due
    from hsdesk.services.content.channels import list_channels
    from hsdesk.services.content.takedowns import list_open_takedowns
    from hsdesk.services.photos.consents import list_consents
    from hsdesk.services.policy import versions
    from hsdesk.services.registers.breaches import list_breaches
    from hsdesk.services.registers.complaints import list_complaints
    from hsdesk.services.registers.connections import list_connections
    from hsdesk.services.reviews.template import list_template
    from hsdesk.ui.content.channels_dialog import ChannelForm, ChannelsDialog, SettingsForm
    from hsdesk.ui.content.checklist_dialog import ChecklistDialog, PointDialog
    from hsdesk.ui.content.item_dialog import ContentDialog
    from hsdesk.ui.content.signoff_dialogs import DecisionDialog, UploadDialog
    from hsdesk.ui.content.takedown_dialogs import TakedownDoneDialog, TakedownRequestDialog
    from hsdesk.ui.inductions.dialogs import AcknowledgeDialog, GivenDialog
    from hsdesk.ui.inductions.pack_documents_dialog import PackDocumentsDialog
    from hsdesk.ui.pdf_preview_dialog import PdfPreviewDialog
    from hsdesk.ui.people.account_dialog import AccountDialog
    from hsdesk.ui.people.erase_dialog import EraseDialog
    from hsdesk.ui.people.families_dialog import FamiliesDialog
    from hsdesk.ui.people.family_dialog import FamilyDialog
    from hsdesk.ui.people.keep_dialog import KeepDialog
    from hsdesk.ui.people.office_holding_dialog import OfficeHoldingDialog
    from hsdesk.ui.people.person_dialog import PersonDialog
    from hsdesk.ui.people.retention_dialog import RetentionDialog
    from hsdesk.ui.people.retention_schedule import ScheduleDialog
    from hsdesk.ui.photos.consent_dialog import ConsentDialog, WithdrawDialog
    from hsdesk.ui.photos.consent_history_dialog import ConsentHistoryDialog
    from hsdesk.ui.photos.tag_person_dialog import TagPersonDialog
    from hsdesk.ui.platform.audit_dialog import AuditDialog
    from hsdesk.ui.platform.backup_dialogs import RestoreDialog
    from hsdesk.ui.platform.change_password_dialog import ChangePasswordDialog
    from hsdesk.ui.platform.connect_dialog import ConnectDialog
    from hsdesk.ui.platform.crash_dialog import CrashDialog
    from hsdesk.ui.platform.first_admin_dialog import FirstAdminDialog
    from hsdesk.ui.platform.lock_screen import LockDialog, Why
    from hsdesk.ui.platform.settings_dialog import SettingsDialog
    from hsdesk.ui.platform.sign_in_dialog import SignInDialog
    from hsdesk.ui.policy.adopt_dialog import AdoptDialog
    from hsdesk.ui.registers.breach_dialog import BreachDialog
    from hsdesk.ui.registers.complaint_dialogs import ComplaintDialog, ComplaintTakedownDialog
    from hsdesk.ui.registers.connection_dialogs import ConnectionDialog, ReconfirmDialog
    from hsdesk.ui.reviews.dialogs import (
        ActionDialog,
        ActionDoneDialog,
        SignoffDialog,
        TemplateItemDialog,
    )
    from hsdesk.ui.reviews.template_dialog import TemplateDialog

    def draft(ctx: AppContext):  # type: ignore[no-untyped-def]
        return next(v for v in versions.list_versions(ctx.db) if v.status_label == "Draft")

    return {
        "record an acknowledgement": lambda ctx, _: AcknowledgeDialog(
            ctx, _rows(ctx)[1], None, None
        ),
        "policy given": lambda ctx, _: GivenDialog(
            ctx,
            _rows(ctx)[1][0],
            _rows(ctx)[0].version_id,  # type: ignore[union-attr]
        ),
        "locked": lambda ctx, _: LockDialog(ctx.db, ctx.actor, True, Why.IDLE),
        "withdraw consent": lambda ctx, _: WithdrawDialog(ctx, list_consents(ctx.db)[0]),
        "adopt the policy": lambda ctx, _: AdoptDialog(ctx, draft(ctx)),
        "complaint takedown": lambda ctx, _: ComplaintTakedownDialog(
            ctx, list_complaints(ctx.db)[0]
        ),
        "edit complaint": lambda ctx, _: ComplaintDialog(ctx, list_complaints(ctx.db)[0]),
        "reconfirm connection": lambda ctx, _: ReconfirmDialog(
            ctx, list_connections(ctx.db, ctx.actor)[0]
        ),
        "edit connection": lambda ctx, _: ConnectionDialog(
            ctx, list_connections(ctx.db, ctx.actor)[0]
        ),
        "pdf preview": lambda _ctx, _: PdfPreviewDialog(a4_pages(), "a.pdf", "Preview"),
        "review action": lambda ctx, _: ActionDialog(ctx, _review(ctx), None, ""),
        "sign the review": lambda ctx, _: SignoffDialog(ctx, _review(ctx)),
        "channels": lambda ctx, _: ChannelsDialog(ctx),
        "approval checklist": lambda ctx, _: ChecklistDialog(ctx),
        "checklist point": lambda ctx, _: PointDialog(ctx),
        "new content": lambda ctx, _: ContentDialog(ctx, None),
        "approve": lambda ctx, _: DecisionDialog(ctx, _item(ctx)),
        "upload": lambda ctx, _: UploadDialog(ctx, _item(ctx, Queue.READY)),
        "takedown request": lambda ctx, _: TakedownRequestDialog(ctx, _item(ctx, Queue.READY)),
        "pack documents": lambda ctx, _: PackDocumentsDialog(ctx),
        "new account": lambda ctx, _: AccountDialog(ctx, _person(ctx), None),
        "families": lambda ctx, _: FamiliesDialog(ctx, True),
        "new family": lambda ctx, _: FamilyDialog(ctx, None),
        "office holding": lambda ctx, _: OfficeHoldingDialog(ctx, _person(ctx).id),
        "new person": lambda ctx, _: PersonDialog(ctx),
        "edit person": lambda ctx, _: PersonDialog(ctx, _person(ctx)),
        "consent": lambda ctx, _: ConsentDialog(ctx, _person(ctx)),
        "consent history": lambda ctx, _: ConsentHistoryDialog(ctx, _person(ctx).id),
        "tag a person": lambda ctx, _: TagPersonDialog(ctx, set()),
        "audit trail": lambda ctx, _: AuditDialog(ctx),
        "restore": lambda _, folder: RestoreDialog(folder, "Choose a backup to restore."),
        "change password": lambda ctx, _: ChangePasswordDialog(ctx),
        "connect to a server": lambda _ctx, _: ConnectDialog(),
        "crash": lambda _, folder: CrashDialog("Traceback…", folder / "hsdesk.log"),
        "first administrator": lambda ctx, _: FirstAdminDialog(ctx.db),
        "settings": lambda ctx, _: SettingsDialog(ctx),
        "sign in": lambda ctx, _: SignInDialog(ctx.db, True),
        "new breach": lambda ctx, _: BreachDialog(ctx, None),
        "new complaint": lambda ctx, _: ComplaintDialog(ctx, None),
        "new connection": lambda ctx, _: ConnectionDialog(ctx, None),
        "review template": lambda ctx, _: TemplateDialog(ctx),
        "review template item": lambda ctx, _: TemplateItemDialog(ctx, None),
        "edit review template item": lambda ctx, _: TemplateItemDialog(
            ctx, list_template(ctx.db)[0]
        ),
        "review action done": lambda ctx, _: ActionDoneDialog(ctx, _open_action(ctx)),
        "takedown done": lambda ctx, _: TakedownDoneDialog(ctx, list_open_takedowns(ctx.db)[0]),
        "add channel": lambda ctx, _: ChannelForm(ctx, None, None),  # type: ignore[arg-type]
        "edit channel": lambda ctx, _: ChannelForm(
            ctx,
            list_channels(ctx.db)[0],
            None,  # type: ignore[arg-type]
        ),
        "channel privacy settings": lambda ctx, _: SettingsForm(
            ctx,
            list_channels(ctx.db)[0],
            None,  # type: ignore[arg-type]
        ),
        "edit breach": lambda ctx, _: BreachDialog(ctx, list_breaches(ctx.db, ctx.actor)[0]),
        "edit family": lambda ctx, _: FamilyDialog(ctx, people.list_families(ctx.db)[0]),
        "erase a person": lambda ctx, _: EraseDialog(ctx, "person:34", "Émilie Durand"),
        "anonymise a family": lambda ctx, _: EraseDialog(ctx, "family:4", "family FAM-0004"),
        "delete a consent": lambda ctx, _: EraseDialog(
            ctx, f"consent:{list_consents(ctx.db)[0].id}", "Photo consent 1 for Kirsty Mellor"
        ),
        "keep past retention": lambda ctx, _: KeepDialog(
            ctx,
            Due(
                "person:34",
                "Émilie Durand, volunteer",
                "volunteers",
                date(2019, 1, 1),
                date(2025, 1, 1),
            ),
        ),
        "past retention": lambda ctx, _: RetentionDialog(ctx),
        "retention schedule": lambda ctx, _: ScheduleDialog(ctx),
        "edit account": lambda ctx, _: AccountDialog(
            ctx, _person(ctx, _account(ctx).person_name), _account(ctx)
        ),
    }


def _opened(qtbot, ctx: AppContext, folder: Path, name: str) -> QDialog:
    dialog = _dialogs()[name](ctx, folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    if getattr(dialog, "reads", None) is not None and dialog.reads.loading:
        with qtbot.waitSignal(dialog.reads.filled, timeout=10_000):
            pass
    return dialog


@pytest.mark.parametrize("name", sorted(_dialogs()))
def test_the_dialog_fits_the_laptop_and_every_widget_has_a_name(qtbot, ctx, tmp_path, name):
    dialog = _opened(qtbot, ctx, tmp_path, name)
    assert_fits_with_buttons_inside(dialog, f"dialog {name}")
    assert unnamed(dialog) == []
    assert unexplained_greyed_out(dialog) == []


@pytest.mark.parametrize("name", sorted(_dialogs()))
def test_the_dialog_is_worked_from_the_keyboard(qtbot, ctx, tmp_path, monkeypatch, name):
    """Tab reaches every box and button and leaves each one; every Alt+letter goes to one place;
    Enter in a box presses the dialog's main button; Esc closes the dialog as it opened, without asking about changes nobody made (but never the
    lock screen, which only a password opens)."""
    dialog = _opened(qtbot, ctx, tmp_path, name)
    try:
        assert unreachable(dialog) == []
        assert mnemonic_faults(dialog) == []
        # Enter in a box presses the dialog's own button (Save, OK, Close), never one beside a
        # list; the audit trail's is Show, which applies what was typed in its filters, and a
        # preview's is Print.
        main = enter_presses(dialog)
        assert main in boxed(dialog) or name in {"audit trail", "pdf preview"}, main
        asked: list[str] = []
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]))
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
        assert asked == [] and dialog.isVisible() == (name == "locked")
    finally:
        dialog.done(QDialog.DialogCode.Rejected)  # never asks: a failure must not hang the run
