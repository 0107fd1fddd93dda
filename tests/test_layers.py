"""The layers point down: nothing below hsdesk/ui may import Qt."""

import ast
from pathlib import Path

import hsdesk

PACKAGE = Path(hsdesk.__file__).resolve().parent
LOWER_LAYERS = ["domain", "db", "services", "exports"]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_below_the_ui():
    offenders = []
    for layer in LOWER_LAYERS:
        for path in (PACKAGE / layer).rglob("*.py"):
            if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in _imports(path)):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_lower_layers_do_not_import_upper_ones():
    order = {"domain": 0, "db": 1, "exports": 2, "services": 2, "ui": 3}
    offenders = []
    for layer, rank in order.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                parts = name.split(".")
                if parts[0] == "hsdesk" and len(parts) > 1 and order.get(parts[1], -1) > rank:
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []
