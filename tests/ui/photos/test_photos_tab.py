"""The Photos tab as a user drives it: drop photos, tag a person, record consent, see the status."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from conftest import person
from PIL import Image
from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialogButtonBox
from window_driving import answer_next_message_box, when_dialog_opens

from hsdesk.domain import clock
from hsdesk.domain.consent import ConsentMethod, ConsentScope
from hsdesk.domain.enums import PersonKind
from hsdesk.services.people import persons as people
from hsdesk.ui.context import AppContext
from hsdesk.ui.photos.consent_dialog import ConsentDialog
from hsdesk.ui.photos.tab import PhotosTab
from hsdesk.ui.photos.tag_person_dialog import TagPersonDialog
from hsdesk.ui.signals import emit


def drop(widget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)


def test_drop_tag_consent_and_see_the_status_change(qtbot, db, admin, tmp_path):
    parent = people.add_person(db, admin, person("Leanne", "Booth", PersonKind.FAMILY_MEMBER))
    people.add_person(
        db,
        admin,
        person(
            "Alfie",
            "Booth",
            PersonKind.CHILD,
            guardian_id=parent.id,
            date_of_birth=clock.today() - timedelta(days=2200),
        ),
    )
    tab = PhotosTab(AppContext(db, admin))
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.loaded)
    files = []
    for n, colour in enumerate(("red", "green")):
        files.append(tmp_path / f"picnic-{n}.jpg")
        Image.new("RGB", (300, 200), colour).save(files[-1], "JPEG")
    (tmp_path / "readme.txt").write_text("not a photo")
    tab.choose_event = lambda: "Summer picnic"  # the question a person would answer
    answer_next_message_box()  # the report naming the file that was refused
    with qtbot.waitSignal(tab.imported, timeout=10000) as signal:
        drop(tab, [*files, tmp_path / "readme.txt"])
    report = signal.args[0]
    assert len(report.imported) == 2 and report.refused[0][0] == "readme.txt"
    qtbot.waitUntil(lambda: len(tab.records) == 2 and tab.panel.record is not None)
    assert tab.count.text() == "2 of 2 photos"
    assert {r.event for r in tab.records} == {"Summer picnic"}
    panel = tab.panel
    # Nobody has said who is pictured yet: cleared for nothing, with a way to say "nobody".
    assert "Not yet checked" in panel.use_labels[ConsentScope.WEBSITE].text()
    assert "Not yet checked" in panel.people.item(0).text() and panel.nobody_button.isVisible()

    def tag_alfie(dialog: TagPersonDialog) -> None:
        dialog.search.setText("alfie")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(TagPersonDialog, tag_alfie)
    panel.tag_button.click()
    qtbot.waitUntil(lambda: panel.people.count() == 1 and panel.selected_person() is not None)
    assert "Alfie Booth — not asked" in panel.people.item(0).text()
    assert "Blocked" in panel.use_labels[ConsentScope.WEBSITE].text()
    assert not panel.nobody_button.isVisible()

    def give_consent(dialog: ConsentDialog) -> None:
        assert dialog.given_by.currentText().startswith("Leanne Booth")  # the guardian, by default
        dialog.scopes[ConsentScope.WEBSITE].setChecked(True)
        dialog.scopes[ConsentScope.SOCIAL_MEDIA].setChecked(True)
        dialog.method.setCurrentIndex(list(ConsentMethod).index(ConsentMethod.EMAIL))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    when_dialog_opens(ConsentDialog, give_consent)
    panel.consent_button.click()
    qtbot.waitUntil(lambda: "Cleared" in panel.use_labels[ConsentScope.WEBSITE].text())
    assert "Blocked" in panel.use_labels[ConsentScope.PRESS].text()
    assert "consent to website, social media until" in panel.people.item(0).text()
    qtbot.waitUntil(lambda: tab.filter.person is None and len(tab.records) == 2)
    tab.status.setCurrentIndex(1)  # "Cleared"
    tab.use.setCurrentIndex(1)  # for the website
    qtbot.waitUntil(lambda: tab.count.text() == "1 of 2 photos")  # after any reload in flight
    # The other photo shows a view with nobody in it: once that is recorded, it is cleared too.
    tab.status.setCurrentIndex(tab.status.findText("Not yet checked"))
    qtbot.waitUntil(lambda: tab.count.text() == "1 of 2 photos")
    other = next(r for r in tab.records if not r.checked)
    tab.select_photo(other.id)
    qtbot.waitUntil(lambda: panel.record is not None and panel.record.id == other.id)
    panel.nobody_button.click()
    qtbot.waitUntil(lambda: "Cleared" in panel.use_labels[ConsentScope.PRESS].text())
    assert "Nobody can be identified (checked)" in panel.people.item(0).text()


def test_filters_and_the_consent_register(qtbot, ctx):
    tab = PhotosTab(ctx)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.loaded)
    total = len(tab.records)
    tab.search.setText("toddler")
    assert 0 < tab.table.proxy.rowCount() < total
    tab.search.clear()
    tab.status.setCurrentIndex(3)  # blocked for some use
    blocked = tab.table.proxy.rowCount()
    assert 0 < blocked < total
    tab.start.setText("31/02/2026")
    tab.apply_filter()
    assert "there is no day 31" in tab.count.text()
    tab.pages.setCurrentWidget(tab.consents)
    assert tab.consents.table.source.rowCount() > 40
    tab.consents.status.setCurrentIndex(3)  # withdrawn
    assert tab.consents.count.text().startswith("2 of")
    tab.consents.status.setCurrentIndex(0)
    everyone = tab.consents.table.source.rowCount()
    tab.consents.search.setText("Poppy Ali")  # the count follows the search too
    shown = tab.consents.table.proxy.rowCount()
    assert 0 < shown < everyone
    assert tab.consents.count.text() == f"{shown} of {everyone} records"


def test_emit_helper_leaves_true_counted():
    class Source(QObject):
        fired = Signal(str)

    source = Source()
    source.fired.connect(lambda _text: None)
    before = sys.getrefcount(True)
    for _ in range(500):
        emit(source.fired, "x")
    assert sys.getrefcount(True) - before > -50  # without the helper: -500 on PySide6 6.12.0


def test_no_raw_emit_in_the_ui():
    root = Path(__file__).resolve().parents[3] / "hsdesk" / "ui"
    assert (root / "signals.py").is_file()
    raw = [
        str(p)
        for p in root.rglob("*.py")
        if p.name != "signals.py" and "forms" not in p.parts and ".emit(" in p.read_text()
    ]
    assert raw == []


def test_the_grid_says_what_its_coloured_bars_mean(qtbot, ctx):
    from PySide6.QtWidgets import QLabel

    from hsdesk.domain.consent import Clearance, ConsentScope

    tab = PhotosTab(ctx)
    qtbot.addWidget(tab)
    legends = [lb.text() for lb in tab.views.widget(0).findChildren(QLabel) if "bars" in lb.text()]
    assert len(legends) == 1
    assert all(scope.label in legends[0] for scope in ConsentScope)
    assert all(clearance.label in legends[0] for clearance in Clearance)
