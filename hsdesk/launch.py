"""The `hsdesk` program's entry point.

Starting hsdesk creates a few hundred thousand objects that live as long as the program (the
modules, classes and tables of Qt, SQLAlchemy and hsdesk). Python's cycle collector would walk
them again and again while they are made, for nothing: about 60 ms of every start on an office PC.
So it is off from the first line; once the application exists, :mod:`hsdesk.ui.collector` runs it
on the window's thread, and freezes what start-up made out of later collections."""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    from hsdesk.app import main as run

    return run()
