"""Rules about where code lives (issue 13): every Cypher statement graphkit builds is in
``graphkit/store/`` (the named queries are files under ``cypher/``)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "graphkit"
CYPHER = re.compile(
    r"\b(MATCH|MERGE|UNWIND|DETACH DELETE|CREATE (NODE|REL|CONSTRAINT|INDEX))\b.*"
    r"(\(|\bRETURN\b|\bSET\b|\bFOR\b|\bTABLE\b|\bAS\b)"
)


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string constant and f-string part, docstrings left out."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            found.append((node.lineno, text))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            found.append((node.lineno, node.value))
    return found


def test_no_cypher_outside_the_store() -> None:
    offenders: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if "store" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, text in _strings(tree):
            if CYPHER.search(text):
                offenders.add(f"{path.relative_to(PACKAGE)}:{line}")
    assert not offenders, "Cypher built outside graphkit/store/:\n" + "\n".join(sorted(offenders))


def test_the_rule_sees_cypher() -> None:
    tree = ast.parse('x = f"MATCH (n:{label}) RETURN n"\ny = "UNWIND $rows AS row"\n')
    assert {line for line, t in _strings(tree) if CYPHER.search(t)} == {1, 2}


def test_the_filters_do_not_import_networkx() -> None:
    """Every command filters; only the analytics and views need networkx."""
    code = "import sys, graphkit.filters; print('networkx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
