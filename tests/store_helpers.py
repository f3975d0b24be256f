"""The seeds' graph as a fixed reference: their contract-1 records and the sorted
N-Quads that ``kg build seeds/`` made of them (tests/fixtures/seeds_*).

The records are frozen (``kg extract seeds/ --format jsonl``), so the reference
checks resolution, RDF and the stores, whatever extraction does meanwhile. A
change that is meant to change the graph makes both again::

    kg extract seeds/ --format jsonl > tests/fixtures/seeds_records.jsonl
    kg build seeds/ --store /tmp/s && kg export --store /tmp/s --format nq -o - \\
        | LC_ALL=C sort | gzip -9n > tests/fixtures/seeds_graph.nq.gz
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed_record_files(folder: Path) -> list[Path]:
    """The seeds' records, one file each, named as the seeds (so a build records
    the same ``dcterms:source`` as ``kg build seeds/``)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for line in (FIXTURES / "seeds_records.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        p = folder / rec["doc"]
        p.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
        out.append(p)
    return sorted(out)


def seeds_graph() -> list[str]:
    """The sorted N-Quads lines of the seeds' graph."""
    with gzip.open(FIXTURES / "seeds_graph.nq.gz", "rt", encoding="utf-8") as f:
        return sorted(f.read().splitlines())


def sorted_nquads(store) -> list[str]:
    from kg.store import open_store

    with open_store(store) as s:
        return sorted(f"{q} ." for q in s.quads())


def same_lines(got: list[str], want: list[str]) -> str:
    """ "" when equal, else the first lines that differ (for an assert message)."""
    if got == want:
        return ""
    extra = sorted(set(got) - set(want))[:5]
    missing = sorted(set(want) - set(got))[:5]
    return f"{len(got)} quads, want {len(want)}; extra {extra}; missing {missing}"
