"""Erasing from the window: People → Erase person… (greyed out, with the reason, where it may
not be done), and People → Past retention…, where each record is kept or erased."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QDialogButtonBox, QLabel
from window_driving import type_text, wait_for_reads, when_dialog_opens

from hsdesk.domain import clock
from hsdesk.domain.retention import years_after
from hsdesk.services.people import persons as people
from hsdesk.services.people import retention
from hsdesk.ui.people.erase_dialog import EraseDialog
from hsdesk.ui.people.keep_dialog import KeepDialog
from hsdesk.ui.people.retention_dialog import RetentionDialog
from hsdesk.ui.people.tab import PeopleTab


def _tab(qtbot, ctx) -> PeopleTab:
    tab = PeopleTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    wait_for_reads(qtbot, tab)
    tab.show_left.setChecked(True)
    return tab


def _pick(tab: PeopleTab, first: str, last: str) -> int:
    [person] = [
        p for p in people.list_people(tab.ctx.db) if (p.first_name, p.last_name) == (first, last)
    ]
    tab.table.select_where(lambda p: p.id == person.id)
    return person.id


def _people_listed(dialog: RetentionDialog) -> int:
    found = [dialog.table.proxy.index(r, 0).data() for r in range(dialog.table.proxy.rowCount())]
    return sum(1 for title in found if title.endswith(", volunteer"))


def test_a_volunteer_who_left_is_erased_from_the_people_tab(qtbot, ctx):
    tab = _tab(qtbot, ctx)
    _pick(tab, "Janet", "Wood")  # still volunteering
    button = tab.panel.erase_button
    assert not button.isEnabled()
    assert button.toolTip().startswith(
        "Janet Wood is still a volunteer. Record that they have left"
    )
    number = _pick(tab, "Émilie", "Durand")
    assert button.isEnabled()

    def erase(dialog: EraseDialog) -> None:
        said = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert "This cannot be undone" in said and dialog.windowTitle() == "Erase Émilie Durand"
        type_text(dialog.reason, "Asked on 01/12/2026")
        dialog.go.click()

    when_dialog_opens(EraseDialog, erase)
    button.click()
    qtbot.waitUntil(
        lambda: people.get_person(ctx.db, number).first_name == "Erased person 1", timeout=10_000
    )
    wait_for_reads(qtbot, tab)
    shown = [tab.table.proxy.index(r, 1).data() for r in range(tab.table.proxy.rowCount())]
    assert "Erased person 1" in shown and "Émilie" not in shown


def test_the_erase_dialog_asks_for_a_reason(qtbot, ctx, refusals):
    dialog = EraseDialog(ctx, "person:34", "Émilie Durand")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.go.click()
    qtbot.waitUntil(lambda: refusals != [], timeout=10_000)
    assert refusals[0].startswith("Say why they are being erased")
    assert dialog.isVisible() and dialog.go.isEnabled()


def test_past_retention_is_kept_or_erased_from_the_review_list(qtbot, ctx):
    retention.save_schedule(ctx.db, ctx.actor, {"volunteers": 1})
    later = years_after(clock.today(), 2)
    clock.freeze(datetime.combine(later, datetime.min.time()).replace(hour=10))
    dialog = RetentionDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = dialog.table.proxy.rowCount()
    assert _people_listed(dialog) == 3  # the volunteers who left, and consents ended since
    assert dialog.summary.text().startswith(f"{rows} past their retention date")
    assert not dialog.keep_button.isEnabled()
    dialog.table.select_where(lambda d: "Sandra Platt" in d.title)

    def keep(form: KeepDialog) -> None:
        form.until.clear()
        type_text(form.until, (later + timedelta(days=30)).strftime("%d/%m/%Y"))
        type_text(form.reason, "A complaint about her is open")
        form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    when_dialog_opens(KeepDialog, keep)
    dialog.keep_button.click()
    assert _people_listed(dialog) == 2 and dialog.table.proxy.rowCount() == rows - 1
    dialog.table.select_where(lambda d: "Kate Radcliffe" in d.title)

    def erase(form: EraseDialog) -> None:
        type_text(form.reason, "Past the retention date")
        form.go.click()

    when_dialog_opens(EraseDialog, erase)
    dialog.erase_button.click()
    assert _people_listed(dialog) == 1
    assert dialog.changed


def test_a_family_whose_support_ended_is_anonymised_from_the_families_list(qtbot, ctx):
    from hsdesk.ui.people.families_dialog import FamiliesDialog

    dialog = FamiliesDialog(ctx, True)
    qtbot.addWidget(dialog)
    dialog.show()
    families = people.list_families(ctx.db)
    current = next(f for f in families if f.support_end is None)
    ended = next(f for f in families if f.support_end and f.support_end <= clock.today())
    dialog.table.select_where(lambda f: f.id == current.id)
    assert not dialog.anonymise_button.isEnabled()
    assert dialog.anonymise_button.toolTip().startswith("Their support has not ended")
    dialog.table.select_where(lambda f: f.id == ended.id)
    assert dialog.anonymise_button.isEnabled()

    def anonymise(form: EraseDialog) -> None:
        type_text(form.reason, "Support ended; past the retention date")
        form.go.click()

    when_dialog_opens(EraseDialog, anonymise)
    dialog.anonymise_button.click()
    [after] = [f for f in people.list_families(ctx.db) if f.id == ended.id]
    assert after.reference == f"ERASED-{ended.id}"
    assert all(name.startswith("Erased person") for name in after.member_names)
