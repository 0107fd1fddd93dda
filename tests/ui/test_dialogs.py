"""Sign-in, first administrator, office holding, account, dashboard and main window."""

from PySide6.QtWidgets import QDialogButtonBox, QLabel
from window_driving import answer_next_message_box, type_text, wait_for_reads

from hsdesk.domain import clock
from hsdesk.domain.attention import Area
from hsdesk.domain.enums import Office
from hsdesk.services.people import accounts, offices
from hsdesk.services.people import persons as people
from hsdesk.ui.dashboard.tab import DashboardTab
from hsdesk.ui.main_window import MainWindow
from hsdesk.ui.people.account_dialog import AccountDialog
from hsdesk.ui.people.office_holding_dialog import OfficeHoldingDialog
from hsdesk.ui.platform.audit_dialog import AuditDialog
from hsdesk.ui.platform.first_admin_dialog import FirstAdminDialog
from hsdesk.ui.platform.sign_in_dialog import SignInDialog


def test_sign_in_dialog_in_demo_mode_tells_the_password(qtbot, demo_db):
    dialog = SignInDialog(demo_db, demo=True)
    qtbot.addWidget(dialog)
    assert not dialog.ui.demoHint.isHidden() and "demo" in dialog.ui.demoHint.text()
    seen: list[str] = []
    answer_next_message_box(seen=seen)
    qtbot.keyClicks(dialog.ui.username, "chair")
    qtbot.keyClicks(dialog.ui.password, "wrong")
    dialog.ui.buttonBox.accepted.emit()
    assert dialog.actor is None and "not right" in seen[0]
    dialog.ui.password.setText("demo")
    dialog.ui.buttonBox.accepted.emit()
    assert dialog.actor is not None and dialog.actor.offices == {Office.CHAIR}


def test_sign_in_dialog_hides_the_hint_on_real_data(qtbot, demo_db):
    dialog = SignInDialog(demo_db, demo=False)
    qtbot.addWidget(dialog)
    assert dialog.ui.demoHint.isHidden()


def test_first_admin_dialog_creates_the_administrator(qtbot, db):
    dialog = FirstAdminDialog(db)
    qtbot.addWidget(dialog)
    type_text(dialog.ui.firstName, "Siobhán")
    type_text(dialog.ui.lastName, "Ní Bhriain")
    qtbot.keyClicks(dialog.ui.username, "siobhan")
    qtbot.keyClicks(dialog.ui.password, "a good password")
    qtbot.keyClicks(dialog.ui.confirm, "a different one")
    seen: list[str] = []
    answer_next_message_box(seen=seen)
    dialog.ui.buttonBox.accepted.emit()
    assert "not the same" in seen[0] and not accounts.has_accounts(db)
    dialog.ui.confirm.setText("a good password")
    dialog.ui.buttonBox.accepted.emit()
    assert dialog.saved is not None and dialog.saved.is_admin
    assert dialog.saved.person_name == "Siobhán Ní Bhriain"


def test_office_holding_dialog_offers_only_eligible_people(qtbot, ctx):
    dialog = OfficeHoldingDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.ui.office.setCurrentIndex(dialog.ui.office.findData(Office.SDM))
    names = [dialog.ui.person.itemText(i) for i in range(dialog.ui.person.count())]
    assert "Helen Whitworth" in names and "Margaret Ashworth" not in names
    shazia = next(p for p in people.list_people(ctx.db) if p.first_name == "Shazia")
    dialog.ui.person.setCurrentIndex(dialog.ui.person.findData(shazia.id))
    dialog.ui.acting.setChecked(True)
    dialog.ui.actingReason.setText("SDM on leave")
    dialog.ui.toDate.setText(clock.today().strftime("%d/%m/%Y"))
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.saved is not None and dialog.saved.acting
    assert any(h.person_name == "Shazia Begum" for h in offices.list_holdings(ctx.db, shazia.id))


def test_account_dialog_creates_an_account(qtbot, ctx):
    priya = next(p for p in people.list_people(ctx.db) if p.first_name == "Priya")
    dialog = AccountDialog(ctx, priya)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.ui.username, "p.shah")
    dialog.ui.password.setText("long enough")
    dialog.ui.confirm.setText("long enough")
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).click()
    assert accounts.account_of(ctx.db, priya.id).username == "p.shah"


def test_dashboard_lists_what_needs_attention(qtbot, ctx):
    tab = DashboardTab(ctx)
    qtbot.addWidget(tab)
    assert tab.loading and "checking" in tab.section.text()  # the tab shows before its items
    with qtbot.waitSignal(tab.filled, timeout=10_000):
        pass
    assert not tab.loading and "(18)" in tab.section.text()
    titles = [i.title for i in tab.items]
    assert titles[-1].startswith("Quarterly review of Q") and "due in" in titles[-1]
    assert titles[:-1] == [
        "Complaint C-10 on Facebook page: no private reply, waiting 1 day 6 h",
        "Take down now: 1 item online, 1 overdue",
        "7 photos lost clearance",
        "Social Networking Policy: review overdue since 31/03/2021",
        "2 declared connections due to be confirmed again",
        "2 breach records open",
        "5 items awaiting approval",
        "1 approved item now blocked by consent",
        "Photo consent ends within 30 days for 4 people",
        "3 photos with unidentified people",
        "6 people overdue to acknowledge the policy",
        "1 review action overdue",
        "Priya Shah (Vice Chair) cannot sign in",
        "1 person past their retention date",  # (an administrator's: Helen is one)
        "2 approved items not yet uploaded",
        "3 people to induct",
        "Policy acknowledgements: 24 of 33 acknowledged",
    ]
    assert "Helen" in tab.heading.text()


def _read(qtbot, dialog: AuditDialog) -> None:  # type: ignore[no-untyped-def]
    """Wait for the entries the dialog is reading on the worker thread."""
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10000)


def test_audit_dialog_filters(qtbot, ctx):
    dialog = AuditDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.loading and dialog.count.text() == "Reading the audit trail…"
    _read(qtbot, dialog)
    everything = dialog.table.proxy.rowCount()
    assert everything > 50
    assert dialog.entity.count() > 5 and dialog.entity.itemText(0) == "All records"
    qtbot.keyClicks(dialog.text, "FAM-0003")
    with qtbot.waitSignal(dialog.filled):
        dialog.refresh()
    assert dialog.table.proxy.rowCount() == 1


def test_a_newer_request_overtakes_one_still_being_read(qtbot, ctx):
    dialog = AuditDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.text, "FAM-0003")
    dialog.refresh()  # asked before the first page came back: only this answer is shown
    _read(qtbot, dialog)
    qtbot.wait(200)  # the first request's answer, if it came later, would be dropped
    assert dialog.table.proxy.rowCount() == 1 and dialog.count.text() == "1 entry"


def test_a_date_typed_wrongly_is_explained_before_anything_is_read(qtbot, ctx, refusals):
    dialog = AuditDialog(ctx)
    qtbot.addWidget(dialog)
    _read(qtbot, dialog)
    dialog.since.setText("31/02/2026")
    dialog.refresh()
    assert not dialog.loading and len(refusals) == 1 and "From date" in refusals[0]


def _row(table, row: int):  # type: ignore[no-untyped-def]
    from hsdesk.ui.record_table import RECORD_ROLE

    return table.proxy.index(row, 0).data(RECORD_ROLE)


def test_the_audit_trail_opens_on_the_newest_entries_and_pages_back(qtbot, ctx, monkeypatch):
    from hsdesk.ui.platform import audit_dialog

    monkeypatch.setattr(audit_dialog, "PAGE", 100)
    with ctx.db.read() as session:
        from sqlalchemy import func, select

        from hsdesk.db.models import AuditEntry

        total, newest = session.execute(select(func.count(), func.max(AuditEntry.seq))).one()
    dialog = AuditDialog(ctx)
    qtbot.addWidget(dialog)
    _read(qtbot, dialog)
    assert dialog.table.proxy.rowCount() == 100
    assert _row(dialog.table, 0).seq == newest  # today's entries at the top
    assert dialog.count.text() == "The 100 newest matching entries" and dialog.older.isEnabled()
    while dialog.older.isEnabled():
        dialog.older.click()
        _read(qtbot, dialog)
    assert dialog.table.proxy.rowCount() == total
    assert _row(dialog.table, 0).seq == newest and _row(dialog.table, total - 1).seq == 1
    assert dialog.count.text() == f"All {total:,} matching entries"
    assert "Every matching entry is shown" in dialog.older.toolTip()
    between = [label for label in dialog.findChildren(QLabel) if label.text() == "&Between"]
    assert between and between[0].buddy() is dialog.since  # Alt+B goes to the dates


def test_main_window_remembers_its_geometry_and_tab(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.tab(Area.PEOPLE).table.proxy.rowCount() == 0  # not loaded while hidden
    window.resize(900, 520)  # (the People tab is at least 832 wide)
    window.tabs.setCurrentIndex(2)
    window.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    again.show()
    assert again.tabs.currentIndex() == 2
    wait_for_reads(qtbot, again.tab(Area.PEOPLE))  # the People tab fills when it is shown
    assert again.tab(Area.PEOPLE).table.proxy.rowCount() > 40
    assert (again.width(), again.height()) == (900, 520)
    assert [again.tabs.tabText(i) for i in range(again.tabs.count())] == [
        "Dashboard",
        "Content",
        "People",
        "Photos",
        "Policy",
        "Inductions",
        "Reviews",
        "Registers",
    ]


def test_unexpected_errors_are_logged_and_explained(qtbot, tmp_path, monkeypatch):
    import sys
    import threading

    from hsdesk.diagnostics import setup_logging
    from hsdesk.ui.platform import crash_dialog

    shown: list[crash_dialog.CrashDialog] = []
    monkeypatch.setattr(crash_dialog.CrashDialog, "exec", lambda self: shown.append(self) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setenv("HSDESK_LOG_DIR", str(tmp_path / "logs"))
    log = setup_logging("hsdesk")
    crash_dialog.install_crash_handler(log)
    try:
        raise RuntimeError("disk unplugged")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: len(shown) == 1)
    dialog = shown[0]
    text = dialog.findChildren(crash_dialog.QLabel)[1].text()
    assert "your data is safe" in text.lower() and str(log) in text
    assert "RuntimeError: disk unplugged" in dialog.details
    dialog.copy()
    assert "RuntimeError: disk unplugged" in crash_dialog.QGuiApplication.clipboard().text()
    assert "RuntimeError: disk unplugged" in log.read_text(encoding="utf-8")
    # A worker thread's error reaches the same dialog (on the UI thread).
    worker = threading.Thread(target=lambda: 1 / 0)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert "ZeroDivisionError" in shown[1].details


def test_every_one_line_box_has_a_limit(qtbot, qapp, ctx):
    """A box its form gave no limit gets the longest any one-line field keeps as it gets the
    focus (nothing is typed or pasted without it); a paste of a whole document stops there.
    Boxes with their own limit keep it."""
    from PySide6.QtWidgets import QApplication, QLineEdit

    from hsdesk.ui import text_limits
    from hsdesk.ui.content.channels_dialog import ChannelForm
    from hsdesk.ui.people.person_dialog import PersonDialog

    text_limits.install(qapp)
    text_limits.install(qapp)  # the second time changes nothing
    assert len(qapp.findChildren(text_limits.OneLineLimits)) == 1
    audit = AuditDialog(ctx)
    qtbot.addWidget(audit)
    _read(qtbot, audit)
    channel = ChannelForm(ctx, None, audit)
    qtbot.addWidget(channel)  # closed at the end too (a dialog over a dialog stays shown)
    person = PersonDialog(ctx)
    qtbot.addWidget(person)
    boxes: list[QLineEdit] = []
    for dialog in (audit, channel, person):
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        for box in dialog.findChildren(QLineEdit):
            if box.isVisible() and box.isEnabled():
                box.setFocus()
                qtbot.waitUntil(lambda box=box: QApplication.focusWidget() is box)
                boxes.append(box)
    assert len(boxes) > 10
    assert all(0 < box.maxLength() <= text_limits.ONE_LINE_LIMIT for box in boxes)
    assert person.ui.firstName.maxLength() == 100  # its column's
    channel.activateWindow()
    channel.name.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is channel.name)
    channel.name.setText("x" * 100_000)
    assert len(channel.name.text()) == text_limits.ONE_LINE_LIMIT
