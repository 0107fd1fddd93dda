"""People → Subject access…: ask where to save it, make it on a worker thread, and say
what it holds (and what was left out, and why)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from hsdesk.domain import clock
from hsdesk.domain.records import PersonRecord
from hsdesk.domain.subject_access import SubjectAccess
from hsdesk.domain.wording import counted
from hsdesk.ui.common import show_status
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import Operation


def suggested_name(person: PersonRecord) -> str:
    return f"Subject access - {person.full_name} - {clock.today():%Y-%m-%d}.zip"


def export_person(parent: QWidget, ctx: AppContext, person: PersonRecord) -> None:
    from hsdesk.services.people.subject_access import export_zip

    name, _ = QFileDialog.getSaveFileName(
        parent,
        f"Subject access export — {person.full_name}",
        str(Path.home() / suggested_name(person)),
        "ZIP files (*.zip)",
    )
    if not name:
        return
    out = Path(name) if name.lower().endswith(".zip") else Path(name + ".zip")

    def made(access: SubjectAccess) -> None:
        said = (
            f"Saved what hsdesk holds about {access.person_name} to {out.name}: "
            f"{counted(access.record_count, 'record')}, {counted(len(access.files), 'file')}."
        )
        show_status(parent, said)
        if access.withheld:
            left = "\n".join(
                f"• {w.title} ({counted(w.count, 'record')}): {w.why}" for w in access.withheld
            )
            QMessageBox.information(
                parent, "Some records were left out", f"{said}\n\nNot included:\n{left}"
            )

    Operation(
        parent, lambda: export_zip(ctx.db, ctx.actor, person.id, out), "No export made"
    ).success(made).run_in_background()
