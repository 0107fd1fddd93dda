"""The Registers tab as the office uses it: log a complaint, record its private reply, take down
the post; declared connections; breach records only for those who handle them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt
from window_driving import type_text, wait_for_reads

from hsdesk.domain import clock
from hsdesk.domain.attention import Area
from hsdesk.domain.dates import format_datetime
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.registers import BreachAction, BreachStatus, ComplaintState, ReplyMethod
from hsdesk.services.content import takedowns
from hsdesk.services.platform import auth
from hsdesk.ui.common import combo_value
from hsdesk.ui.context import AppContext
from hsdesk.ui.main_window import MainWindow
from hsdesk.ui.registers.breach_dialog import BreachDialog
from hsdesk.ui.registers.complaint_dialogs import ComplaintDialog, ComplaintTakedownDialog
from hsdesk.ui.registers.connection_dialogs import ConnectionDialog, ReconfirmDialog
from hsdesk.ui.registers.connections_page import CONFIRM_COLUMN
from hsdesk.ui.registers.tab import RegistersTab


def _choose(combo, match) -> None:  # type: ignore[no-untyped-def]
    for n in range(combo.count()):
        combo.setCurrentIndex(n)
        if match(combo_value(combo)):
            return
    raise AssertionError("no such choice")


def test_log_a_complaint_then_record_the_private_reply(qtbot, ctx, monkeypatch, refusals):
    tab = RegistersTab(ctx)
    qtbot.addWidget(tab)
    page = tab.complaints
    wait_for_reads(qtbot, page)
    before = page.table.proxy.rowCount()
    seen = (clock.now() - timedelta(hours=2)).replace(second=0, microsecond=0)

    def log(dialog):  # type: ignore[no-untyped-def]
        dialog.seen.setText(format_datetime(seen))
        _choose(dialog.channel, lambda v: v is not None)
        type_text(dialog.where, "comment under the café post")
        type_text(dialog.summary, "Says the café's address is wrong.")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ComplaintDialog, "exec", log)
    page.log_button.click()
    assert not refusals
    wait_for_reads(qtbot, page)
    assert page.table.proxy.rowCount() == before + 1
    logged = page.selected()
    assert logged is not None and logged.summary == "Says the café's address is wrong."
    assert logged.state is ComplaintState.WAITING and logged.reply_time == "waiting 2 h"
    assert "Awaiting private reply" in page.title.text()
    assert page.reply_button.isEnabled()

    # The reply typed before the complaint was seen is refused in words, and the typing stays.
    def reply(dialog):  # type: ignore[no-untyped-def]
        _choose(dialog.replied_by, lambda v: v == ctx.actor.person_id)
        _choose(dialog.method, lambda v: v is ReplyMethod.PHONE)
        dialog.replied_at.setText(format_datetime(seen - timedelta(hours=1)))
        dialog.save()
        assert dialog.result() == 0 and dialog.replied_at.text()
        dialog.replied_at.setText(format_datetime(seen + timedelta(minutes=50)))
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ComplaintDialog, "exec", reply)
    page.reply_button.click()
    assert len(refusals) == 1 and "before the complaint was seen" in refusals[0]
    wait_for_reads(qtbot, page)
    answered = page.selected()
    assert answered is not None and answered.id == logged.id
    assert answered.state is ComplaintState.ANSWERED and answered.reply_time == "50 min"
    assert answered.replied_by == "Helen Whitworth" and answered.method is ReplyMethod.PHONE
    assert "after 50 min" in page.body.text()
    assert not page.reply_button.isEnabled()


def test_take_down_the_post_a_complaint_is_about(qtbot, ctx, monkeypatch, refusals):
    tab = RegistersTab(ctx)
    qtbot.addWidget(tab)
    page = tab.complaints
    wait_for_reads(qtbot, page)
    page.table.select_where(lambda c: c.state is ComplaintState.OVERDUE)
    overdue = page.selected()
    assert overdue is not None

    def ask_for_it(dialog):  # type: ignore[no-untyped-def]
        assert not dialog.empty and dialog.details.toPlainText() == overdue.summary
        # A post already coming down is marked, and choosing it says the complaint joins it.
        _choose(dialog.item, lambda v: v in dialog.going)
        assert "takedown already asked for" in dialog.item.currentText()
        assert "not asked for again" in dialog.hint.text()
        assert dialog.go.text() == "Link to that takedown"
        _choose(dialog.item, lambda v: v not in dialog.going)
        assert dialog.details.isEnabled() and "records it done" in dialog.hint.text()
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ComplaintTakedownDialog, "exec", ask_for_it)
    page.takedown_button.click()
    assert not refusals
    wait_for_reads(qtbot, page)
    after = page.selected()
    assert after is not None and after.takedown_open and "asked for on" in after.takedown
    assert not page.takedown_button.isEnabled()
    linked = [t for t in takedowns.list_open_takedowns(ctx.db) if overdue.reference in t.details]
    assert len(linked) == 1


def test_breaches_are_invisible_to_a_plain_staff_account(qtbot, demo_db):
    staff = AppContext(demo_db, auth.sign_in(demo_db, "shazia", "demo"), demo=True)
    window = MainWindow(staff)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.pages[Area.REGISTERS])
    tab = window.tab(Area.REGISTERS)
    pages = [tab.pages.tabText(n) for n in range(tab.pages.count())]
    assert pages == ["Complaints", "Declared connections"]
    assert tab.breaches is None
    qtbot.waitUntil(lambda: not window.dashboard.loading, timeout=10_000)
    assert window.dashboard.items
    assert not any("breach" in item.title for item in window.dashboard.items)
    sdm = AppContext(demo_db, auth.sign_in(demo_db, "sdm", "demo"), demo=True)
    full = RegistersTab(sdm)
    qtbot.addWidget(full)
    assert full.pages.tabText(2) == "Breaches (confidential)"
    assert full.breaches is not None
    full.pages.setCurrentWidget(full.breaches)
    wait_for_reads(qtbot, full.breaches)
    full.breaches.show_filter.setCurrentIndex(2)  # All
    assert full.breaches.table.proxy.rowCount() == 3


def test_a_volunteer_account_sees_complaints_only_and_cannot_log_them(qtbot, ctx):
    ctx.actor = replace(
        ctx.actor, is_admin=False, offices=frozenset(), person_kind=PersonKind.VOLUNTEER
    )
    tab = RegistersTab(ctx)
    qtbot.addWidget(tab)
    assert tab.pages.count() == 1 and tab.connections is None and tab.breaches is None
    assert tab.complaints.log_button.isHidden() and tab.complaints.csv_button.isHidden()


def test_connections_page_shows_the_rule_and_confirms_again(qtbot, ctx, monkeypatch):
    tab = RegistersTab(ctx)
    qtbot.addWidget(tab)
    assert tab.connections is not None
    tab.pages.setCurrentWidget(tab.connections)
    page = tab.connections
    wait_for_reads(qtbot, page)
    page.show_filter.setCurrentIndex(1)  # due to be confirmed again
    assert page.table.proxy.rowCount() == 2
    page.table.selectRow(0)
    due = page.selected()
    assert due is not None and due.due
    assert page.table.model().index(0, CONFIRM_COLUMN).data(Qt.ItemDataRole.ForegroundRole)

    def confirm(dialog):  # type: ignore[no-untyped-def]
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ReconfirmDialog, "exec", confirm)
    page.confirm_button.click()
    wait_for_reads(qtbot, page)
    assert page.table.proxy.rowCount() == 1  # no longer due
    page.show_filter.setCurrentIndex(2)  # with a boundary rule
    page.table.selectRow(0)
    assert "Boundary rules that apply" in page.body.text()


def test_breach_details_give_the_clauses_in_the_policys_words(qtbot, ctx):
    tab = RegistersTab(ctx)
    qtbot.addWidget(tab)
    assert tab.breaches is not None
    tab.pages.setCurrentWidget(tab.breaches)
    wait_for_reads(qtbot, tab.breaches)
    tab.breaches.table.select_where(lambda b: "2.7" in b.clauses)
    assert "• 2.7: Breaches of confidentiality or equal opportunities" in tab.breaches.body.text()


def test_an_administrator_sets_how_soon_a_private_reply_is_due(qtbot, ctx, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from hsdesk.services.registers import complaints, reply_time
    from hsdesk.ui.platform.settings_dialog import SettingsDialog

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.reply_hours.value() == 24 and dialog.save_hours.isEnabled()
    dialog.reply_hours.setValue(72)
    dialog.save_hours.click()
    assert reply_time.reply_hours(ctx.db) == 72 and "overdue 72 hours after" in told[0]
    # The demo's overdue complaint (seen 30 hours ago) is back within its time.
    states = {c.state for c in complaints.list_complaints(ctx.db)}
    assert ComplaintState.OVERDUE not in states
    ctx.actor = replace(ctx.actor, is_admin=False)
    plain = SettingsDialog(ctx)
    qtbot.addWidget(plain)
    assert not plain.reply_hours.isEnabled() and not plain.save_hours.isEnabled()


def test_the_dashboard_opens_the_register_page_an_item_is_about(qtbot, ctx):
    from PySide6.QtWidgets import QPushButton

    from hsdesk.ui.dashboard.tab import AttentionCard

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.dashboard.filled, timeout=10_000):
        window.dashboard.refresh()
    cards = {card.item.title: card for card in window.dashboard.findChildren(AttentionCard)}

    def open_card(words: str) -> str:
        [card] = [c for title, c in cards.items() if words in title]
        card.findChild(QPushButton).click()  # type: ignore[union-attr]
        assert window.tabs.currentWidget() is window.pages[Area.REGISTERS]
        tab = window.tab(Area.REGISTERS)
        return tab.pages.tabText(tab.pages.currentIndex())

    assert open_card("no private reply") == "Complaints"
    assert open_card("declared connections due") == "Declared connections"
    assert open_card("breach records open") == "Breaches (confidential)"
    assert open_card("no private reply") == "Complaints"


def test_record_a_breach_the_wrong_action_is_explained_and_the_typing_kept(
    qtbot, ctx, monkeypatch, refusals
):
    tab = RegistersTab(ctx)
    qtbot.addWidget(tab)
    assert tab.breaches is not None
    tab.pages.setCurrentWidget(tab.breaches)
    page = tab.breaches
    wait_for_reads(qtbot, page)
    page.show_filter.setCurrentIndex(2)  # All
    before = page.table.proxy.rowCount()

    def record(dialog):  # type: ignore[no-untyped-def]
        dialog.occurred.setText((clock.now() - timedelta(days=3)).strftime("%d/%m/%Y"))
        _choose(dialog.person, lambda v: v is not None and "staff" in dialog.person.currentText())
        for n in range(dialog.clauses.count()):
            row = dialog.clauses.item(n)
            if row.data(Qt.ItemDataRole.UserRole) == "2.1":
                row.setCheckState(Qt.CheckState.Checked)
        type_text(dialog.what, "Posted about a family's move in a public group.")
        type_text(dialog.reported_by, "Another volunteer")
        _choose(dialog.action, lambda v: v is BreachAction.ASKED_TO_LEAVE)
        dialog.action_on.setText(clock.now().strftime("%d/%m/%Y"))
        dialog.save()
        assert dialog.result() == 0 and dialog.what.toPlainText().startswith("Posted about")
        _choose(dialog.action, lambda v: v is BreachAction.DISCIPLINARY)
        _choose(dialog.status, lambda v: v is BreachStatus.ACTION)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(BreachDialog, "exec", record)
    page.record_button.click()
    wait_for_reads(qtbot, page)
    assert len(refusals) == 1 and "Only a volunteer can be asked to leave" in refusals[0]
    assert page.table.proxy.rowCount() == before + 1
    saved = page.selected()
    assert saved is not None and saved.clauses == ("2.1",)
    assert saved.action is BreachAction.DISCIPLINARY and saved.person_role == "Staff member"
    assert "• 2.1: " in page.body.text() and "Action under way" in page.title.text()


def test_declaring_a_connection_with_oneself_is_refused_in_words(qtbot, ctx, monkeypatch, refusals):
    tab = RegistersTab(ctx)
    qtbot.addWidget(tab)
    assert tab.connections is not None
    tab.pages.setCurrentWidget(tab.connections)
    page = tab.connections
    wait_for_reads(qtbot, page)
    page.show_filter.setCurrentIndex(3)  # All, including ended
    before = page.table.proxy.rowCount()

    def declare(dialog):  # type: ignore[no-untyped-def]
        _choose(dialog.person, lambda v: v == ctx.actor.person_id)
        _choose(dialog.other, lambda v: v == ctx.actor.person_id)
        type_text(dialog.nature, "old school friends")
        dialog.since.setText("2009")
        dialog.save()
        assert dialog.result() == 0
        _choose(dialog.other, lambda v: v is not None and "Volunteer (active)" in (
            dialog.other.currentText()))  # fmt: skip
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ConnectionDialog, "exec", declare)
    page.declare_button.click()
    wait_for_reads(qtbot, page)
    assert len(refusals) == 1 and "cannot declare a connection with themselves" in refusals[0]
    assert page.table.proxy.rowCount() == before + 1
    made = page.selected()
    assert made is not None and made.relationship == "old school friends"
    assert [r.split(":")[0] for r in made.rules] == ["2.5"]  # staff and a current volunteer
    assert "Boundary rules that apply" in page.body.text()
