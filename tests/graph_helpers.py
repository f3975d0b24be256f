"""Shared test data for the graph tests: contract-1 records in tests/fixtures/records.

The records are trimmed real gold files (../shared/gold) plus hand-written
records of the small real texts in tests/fixtures/texts, which name the same
entities differently (short names, other bracket widths, a typo, look-alikes).
"""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RECORDS = FIXTURES / "records"
GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def record_paths() -> list[Path]:
    return sorted(RECORDS.glob("*.json"))


def records() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in record_paths()]


def fixture_build(sources, store, **kw):
    """kg.build.build over record files (extraction = reading the record)."""
    from kg.build import build, load_record

    return build([str(s) for s in sources], store, extract=load_record, **kw)


def fixture_add(sources, store, **kw):
    from kg.build import add, load_record

    return add([str(s) for s in sources], store, extract=load_record, **kw)


def quad_set(store_path) -> set[str]:
    from kg.store import open_store

    with open_store(store_path) as s:
        return {str(q) for q in s.quads()}


def stats_lines(store_path) -> list[str]:
    """The stored stats graph (kg/statsgraph.py) of a store, sorted N-Quads lines."""
    from kg.statsgraph import STATS_GRAPH
    from kg.store import open_store

    with open_store(store_path) as s:
        return sorted(f"{q} ." for q in s.quads(graph=STATS_GRAPH))


def recounted_stats(store_path) -> list[str]:
    """The stats graph counted from scratch on the store's graph, sorted lines."""
    from kg.statsgraph import full_counts
    from kg.store import open_store

    with open_store(store_path) as s:
        return sorted(f"{q} ." for q in full_counts(s.query))


def assert_stats_fresh(store_path) -> None:
    """The stored stats graph is what counting the stored graph from scratch gives."""
    stored, fresh = stats_lines(store_path), recounted_stats(store_path)
    assert stored == fresh, (
        f"stale stats: extra {sorted(set(stored) - set(fresh))[:5]}, "
        f"missing {sorted(set(fresh) - set(stored))[:5]}"
    )
