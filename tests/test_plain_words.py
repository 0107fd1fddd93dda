"""What hsdesk says counts things the way people do: "1 clause", "3 clauses", never
"clause(s)" (see hsdesk.domain.wording.counted)."""

from __future__ import annotations

import ast
from pathlib import Path

from hsdesk.domain.wording import counted

PACKAGE = Path(__file__).resolve().parents[1] / "hsdesk"


def _said(tree: ast.AST) -> list[str]:
    """Every string hsdesk could show (its docstrings are not shown)."""
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


def test_nothing_hsdesk_says_counts_in_brackets():
    found = [
        f"{path.relative_to(PACKAGE)}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for text in _said(ast.parse(path.read_text(encoding="utf-8")))
        if "(s)" in text
    ]
    assert found == []


def test_counts_are_said_in_the_singular_or_the_plural():
    assert counted(1, "clause") == "1 clause"
    assert counted(3, "clause") == "3 clauses"
    assert counted(0, "person", "people") == "0 people"
