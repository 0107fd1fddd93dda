"""The People tab and its dialogs, driven as a person would."""

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from window_driving import answer_next_message_box, type_text, wait_for_reads, when_dialog_opens

from hsdesk.domain.enums import PersonKind
from hsdesk.services.people import persons as people
from hsdesk.ui.people.person_dialog import PersonDialog
from hsdesk.ui.people.tab import PeopleTab


def test_people_tab_lists_sorts_and_filters(qtbot, ctx):
    tab = PeopleTab(ctx)
    qtbot.addWidget(tab)
    assert tab.table.reading  # read on a worker thread; the empty table says so meanwhile
    wait_for_reads(qtbot, tab)
    assert not tab.table.reading
    proxy = tab.table.proxy
    shown = proxy.rowCount()
    assert shown == len([p for p in people.list_people(ctx.db) if p.status_label != "Left"])
    names = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)
    qtbot.keyClicks(tab.search, "Whitworth")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 6).data() == "Scheme Development Manager"
    tab.search.clear()
    qtbot.keyClicks(tab.search, "Priya")
    assert proxy.index(0, 6).data() == "Vice Chair (acting)"
    tab.search.clear()
    tab.kind.setCurrentIndex(tab.kind.findData(PersonKind.VOLUNTEER))
    assert proxy.rowCount() == 22  # 18 active + 4 resting; those who left are hidden
    tab.show_left.setChecked(True)
    assert proxy.rowCount() == 25


def test_add_person_with_non_ascii_name(qtbot, ctx):
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.ui.firstName, "Zoë")
    type_text(dialog.ui.lastName, "Ní Bhriain-Ó Súilleabháin")
    dialog.ui.kind.setCurrentIndex(dialog.ui.kind.findData(PersonKind.STAFF))
    type_text(dialog.ui.startDate, "03/02/2026")
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = people.get_person(ctx.db, dialog.saved.id)
    assert saved.full_name == "Zoë Ní Bhriain-Ó Súilleabháin"
    assert saved.start_date.isoformat() == "2026-02-03"  # dd/mm/yyyy, not US order


def test_refused_save_explains_and_keeps_what_was_typed(qtbot, ctx):
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.ui.firstName, "Zoë")
    type_text(dialog.ui.lastName, "Ní Bhriain")
    type_text(dialog.ui.startDate, "31/02/2026")
    seen: list[str] = []
    answer_next_message_box(seen=seen)
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).click()
    assert seen == ["Started '31/02/2026': February 2026 has 28 days, so there is no day 31."]
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.ui.firstName.text() == "Zoë" and dialog.ui.startDate.text() == "31/02/2026"


def test_closing_with_typed_changes_asks_first(qtbot, ctx):
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.ui.firstName, "Half-typed")
    answer_next_message_box(QMessageBox.StandardButton.Cancel)
    dialog.reject()
    assert dialog.isVisible()  # the typing is still there
    answer_next_message_box(QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert not dialog.isVisible()


def test_edit_from_the_table_updates_the_row(qtbot, ctx, monkeypatch):
    tab = PeopleTab(ctx)
    qtbot.addWidget(tab)
    wait_for_reads(qtbot, tab)
    tab.table.select_where(lambda p: p.last_name == "Wood")
    janet = tab.table.selected_record()

    def fake_exec(dialog):
        dialog.ui.phone.setText("0161 477 0000")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(PersonDialog, "exec", fake_exec)
    tab.edit_button.click()
    assert people.get_person(ctx.db, janet.id).phone == "0161 477 0000"
    wait_for_reads(qtbot, tab)
    assert tab.table.selected_record().id == janet.id
    assert "0161 477 0000" in [
        tab.panel.facts.itemAt(i).widget().text()
        for i in range(tab.panel.facts.count())
        if tab.panel.facts.itemAt(i).widget()
    ]


def test_volunteer_does_not_see_edit_buttons(qtbot, ctx):
    from dataclasses import replace

    volunteer = replace(
        ctx.actor, is_admin=False, offices=frozenset(), person_kind=PersonKind.VOLUNTEER
    )
    ctx.actor = volunteer
    tab = PeopleTab(ctx)
    qtbot.addWidget(tab)
    assert tab.add_button.isHidden() and tab.edit_button.isHidden()


def test_adding_someone_already_in_the_register_offers_them(qtbot, ctx):
    """Typing the name of someone in the register asks first: Cancel goes back to the form
    (nothing more to read), Open shows the person already there, and no one is added."""
    farah = next(p for p in people.list_people(ctx.db) if p.full_name == "Farah Iqbal")
    before = len(people.list_people(ctx.db))
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.ui.firstName, "farah")
    type_text(dialog.ui.lastName, "IQBAL")
    asked: list[str] = []

    def answer(choice: str):  # type: ignore[no-untyped-def]
        def act(box: QMessageBox) -> None:
            asked.append(box.text())
            next(b for b in box.buttons() if b.text().replace("&", "") == choice).click()

        return act

    when_dialog_opens(QMessageBox, answer("Cancel"))
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).click()
    assert (
        len(asked) == 1
        and "Farah Iqbal (" in asked[0]
        and "already in the People register" in asked[0]
    )
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.saved is None
    qtbot.wait(100)
    assert QApplication.activeModalWidget() is None  # no refusal box after Cancel
    when_dialog_opens(QMessageBox, answer("Open Farah Iqbal"))
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.opened_existing
    assert dialog.saved is not None and dialog.saved.id == farah.id
    assert len(people.list_people(ctx.db)) == before


def test_a_subject_access_export_is_saved_where_asked_and_says_what_was_left_out(
    qtbot, ctx, tmp_path, monkeypatch
):
    import zipfile

    from PySide6.QtWidgets import QFileDialog

    from hsdesk.services.platform import auth
    from hsdesk.ui.context import AppContext

    vdo = AppContext(ctx.db, auth.sign_in(ctx.db, "vdo", "demo"), demo=True)
    tab = PeopleTab(vdo)
    qtbot.addWidget(tab)
    wait_for_reads(qtbot, tab)
    assert not tab.access_button.isEnabled()
    assert tab.access_button.toolTip() == "Choose a person in the list first."
    breach = breaches_of(ctx)[0]
    concerned = breach.person_name
    tab.show_left.setChecked(True)
    tab.table.select_where(lambda p: p.id == breach.person_id)
    assert tab.access_button.isEnabled()
    asked: list[str] = []
    out = tmp_path / "export"  # typed without .zip: the file still gets it

    def where(_parent, _title, suggested, _filter):
        asked.append(suggested)
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", where)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    tab.access_button.click()
    qtbot.waitUntil(lambda: told != [], timeout=10_000)
    assert asked[0].endswith(".zip") and concerned in asked[0]
    assert zipfile.ZipFile(out.with_suffix(".zip")).read("summary.pdf").startswith(b"%PDF")
    assert f"Saved what hsdesk holds about {concerned}" in told[0]
    assert "Breaches of the policy recorded about you" in told[0] and "confidential" in told[0]


def test_only_those_who_keep_the_register_see_the_subject_access_export(qtbot, ctx):
    from hsdesk.services.platform import auth
    from hsdesk.ui.context import AppContext

    chair = AppContext(ctx.db, auth.sign_in(ctx.db, "chair", "demo"), demo=True)
    tab = PeopleTab(chair)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.access_button.isHidden()


def breaches_of(ctx):
    from hsdesk.services.registers.breaches import list_breaches

    return list_breaches(ctx.db, ctx.actor)
