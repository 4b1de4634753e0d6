"""The seams hold: the stages never import the orchestration above them, and no module
imports itself back through others (DESIGN.md: one direction, no back and forth)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"
STAGES = (
    "compose",
    "findings",
    "charts",
    "docx_writer",
    "pdf_writer",
    "html_writer",
    "data_writer",
)
ORCHESTRATION = ("pipeline", "batch", "workers", "cli", "recipe")


def _stage(module: str) -> str:
    return (module.split(".") + [""])[1]


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _nodes(tree: ast.AST):
    """Every node of ``tree`` but those under ``if TYPE_CHECKING:`` (never run)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        yield node
        yield from _nodes(node)


def _imports() -> dict[str, set[str]]:
    """Each reportgen module → the reportgen modules it imports, anywhere in its code that
    runs (function bodies too)."""
    modules = {_module(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = set()
        for node in _nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            found |= {t for t in targets if t in modules and t != name}
        graph[name] = found
    return graph


def test_no_stage_imports_the_orchestration():
    graph = _imports()
    upward = [
        (name, target)
        for name, targets in graph.items()
        if _stage(name) in STAGES
        for target in targets
        if _stage(target) in ORCHESTRATION
    ]
    assert len(graph) > 80 and upward == []


def test_no_module_imports_itself_back():
    graph = _imports()

    def reaches(start: str) -> set[str]:
        seen, todo = set(), list(graph[start])
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                todo += graph.get(name, ())
        return seen

    circles = sorted(name for name in graph if name in reaches(name))
    assert circles == []
