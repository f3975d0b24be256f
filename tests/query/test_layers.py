"""kg.query's rooms, one job each, import down only, in the order the README's
layout lists them; the pure ones (errors, the lexer, the checks, canned queries,
results, binding) need no store, no process and no network code."""

from __future__ import annotations

from test_import_cycles import import_graph

# as the README lists them: each imports only rooms before it
ROOMS = [
    "kg.query.errors",
    "kg.query.lexer",
    "kg.query.safety",
    "kg.query.sandbox",
    "kg.query.canned",
    "kg.query.results",
    "kg.query.binding",
    "kg.query.execution",
    "kg.query.pool",
]
PURE = {
    "kg.query.errors",
    "kg.query.lexer",
    "kg.query.safety",
    "kg.query.canned",
    "kg.query.results",
    "kg.query.binding",
}


def test_each_room_imports_only_the_rooms_before_it():
    graph = import_graph()
    for i, room in enumerate(ROOMS):
        allowed = (
            set(ROOMS[:i]) | {"kg.errors"} | ({"kg.store"} if room == "kg.query.pool" else set())
        )
        assert graph[room] <= allowed, (room, graph[room] - allowed)
    assert "kg.query" not in set().union(*(graph[r] for r in ROOMS))  # never the package


def test_the_pure_rooms_import_only_each_other():
    graph = import_graph()
    for room in PURE:
        assert graph[room] <= PURE | {"kg.errors"}, (room, graph[room] - PURE)
