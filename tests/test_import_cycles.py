"""The modules of kg/ import each other without a cycle.

Every ``import`` and ``from … import`` of every module under kg/ counts, at
the top or inside a function (a lazy import is a dependency all the same);
only ``if TYPE_CHECKING:`` blocks do not. ``from kg.x import y`` depends on
``kg.x.y`` when that is a module, else on ``kg.x``. Two edges are left out:
a package's parents (Python loads them before any module of it anyway), and
the root package ``kg`` (kg/__init__.py: ``__version__`` and the ``kg.open``
facade, which imports kg.api only when a user calls it).
"""

from __future__ import annotations

import ast
from pathlib import Path

KG = Path(__file__).resolve().parents[1] / "kg"


def _modules() -> dict[str, Path]:
    out = {}
    for f in sorted(KG.rglob("*.py")):
        parts = list(f.relative_to(KG.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = f
    return out


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"
    )


def _imported(tree: ast.AST, package: str, modules=()) -> list[str]:
    """Dotted names this module imports (relative ones made absolute): for
    ``from P import y``, ``P.y`` when that is one of ``modules``, else ``P``."""
    names: list[str] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            todo.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([base] if base else [])])
            for a in node.names:
                names.append(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base)
        todo.extend(ast.iter_child_nodes(node))
    return names


def import_graph() -> dict[str, set[str]]:
    """kg module → the kg modules it imports."""
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for mod, path in mods.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in _imported(tree, package, mods):
            if not name.startswith("kg."):
                continue  # another library, or the root package (see the module doc)
            target = name
            while target not in mods:  # kg.x.attr → kg.x
                target = target.rpartition(".")[0]
            if target != mod:
                graph[mod].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _path(graph: dict[str, set[str]], comp: list[str]) -> str:
    """One cycle inside a component, as ``a → b → … → a``."""
    inside = set(comp)
    start = comp[0]
    seen = {start: [start]}
    todo = [start]
    while todo:
        v = todo.pop(0)
        for w in sorted(graph[v] & inside):
            if w == start:
                return " → ".join([*seen[v], start])
            if w not in seen:
                seen[w] = [*seen[v], w]
                todo.append(w)
    return ", ".join(comp)


def test_no_import_cycles_in_kg():
    graph = import_graph()
    found = [_path(graph, c) for c in cycles(graph)]
    assert not found, "import cycles in kg/:\n" + "\n".join(found)


def test_the_checker_sees_a_cycle_and_a_lazy_import(tmp_path):
    graph = {"kg.a": {"kg.b"}, "kg.b": {"kg.c"}, "kg.c": {"kg.a"}, "kg.d": {"kg.a"}}
    assert cycles(graph) == [["kg.a", "kg.b", "kg.c"]]
    assert _path(graph, ["kg.a", "kg.b", "kg.c"]) == "kg.a → kg.b → kg.c → kg.a"
    tree = ast.parse("import os\ndef f():\n    from kg.store import open_store\n")
    assert "kg.store" in _imported(tree, "kg")
    tree = ast.parse("from . import store\nfrom kg.ingest import limits\n")
    assert sorted(_imported(tree, "kg", {"kg.store", "kg.ingest.limits"})) == [
        "kg.ingest.limits",
        "kg.store",
    ]
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import kg.api\n")
    assert "kg.api" not in _imported(tree, "kg")


def test_build_engines_and_stores_are_layered():
    """Extraction engines know the extraction function only; the stores never
    call back into the build."""
    graph = import_graph()
    assert "kg.build" not in graph["kg.engines"] and "kg.build" not in graph["kg.records"]
    for store in ("kg.store", "kg.remote", "kg.incremental"):
        assert "kg.build" not in graph[store], store
    assert "kg.store" not in graph["kg.remote"]
