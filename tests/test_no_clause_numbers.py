"""No clause number is written in hsdesk's code or messages: every citation is made from the links
stored with the version in force (hsdesk.domain.duties). Checked over every string literal,
f-string part and docstring of the package; the migrations (frozen history) and the 2018 checklist
as revision 0006 seeded it are the only exceptions."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import hsdesk

PACKAGE = Path(hsdesk.__file__).resolve().parent
# "clause 1.7", "clauses 2.7 and 3.6", "policy 1.4", "(1.4)", "(2.9, 3.7)", "2.5: staff…"
CITED = re.compile(
    r"(?i)\b(?:clauses?|policy|section)\s+\d\.\d{1,2}\b"
    r"|\(\s*\d\.\d{1,2}(?:\s*(?:,|and)\s*\d\.\d{1,2})*\s*\)"
    r"|^\d\.\d{1,2}:\s"
)
EXEMPT = {"db/migrations", "domain/review_defaults.py"}


def _strings(tree: ast.AST):  # type: ignore[no-untyped-def]
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_no_clause_number_is_written_in_code_or_messages() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if any(relative.startswith(e) for e in EXEMPT):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, text in _strings(tree):
            if CITED.search(text):
                found.append(f"{relative}:{line}: {text[:70]!r}")
    assert not found, "clause numbers written in code:\n" + "\n".join(found)
