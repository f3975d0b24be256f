"""Is the graph still the same? Build sources and write what a change must keep.

    python bench/same_graph.py save /tmp/ref seeds/ /tmp/c300     # before a change
    python bench/same_graph.py check /tmp/ref seeds/ /tmp/c300    # after it

For each source (a file or folder) ``save`` builds the graph (``kg build``,
``--jobs 1``, in a temporary store) and writes its sorted N-Quads and its
records (``kg extract``: one JSON line a document, sorted) under the reference
folder; ``check`` builds them again and compares, byte for byte. The graph is
what must not change; the records say where a difference comes from. Exit code
1 and the first differing lines when anything differs. The graph is built by the
``kg`` Python imports: to save the reference of another checkout, run this
script with ``PYTHONPATH=<that checkout>``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path


def graph_lines(sources: list[str], jobs: int = 1) -> tuple[list[str], list[str]]:
    """Sorted N-Quads of the graph built from ``sources``, and its records as
    sorted JSON lines."""
    from kg.build import build
    from kg.store import open_store

    with tempfile.TemporaryDirectory(prefix="kg-same-") as tmp:
        store = Path(tmp) / "s"
        build(sources, store, jobs=jobs, progress=False)
        with open_store(store) as s:
            quads = sorted(f"{q} ." for q in s.quads())
            recs = sorted(
                json.dumps(r, ensure_ascii=False, sort_keys=True) for r in s.records().values()
            )
    return quads, recs


def _name(source: str) -> str:
    return Path(source).resolve().name or "root"


def _first_difference(got: list[str], want: list[str]) -> str:
    extra = sorted(set(got) - set(want))[:3]
    missing = sorted(set(want) - set(got))[:3]
    return f"{len(got)} lines, want {len(want)}; extra {extra}; missing {missing}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["save", "check"])
    ap.add_argument("ref", help="the reference folder")
    ap.add_argument("sources", nargs="+", help="files or folders, each built on its own")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args(argv)
    ref = Path(args.ref)
    ref.mkdir(parents=True, exist_ok=True)
    bad = 0
    for source in args.sources:
        quads, recs = graph_lines([source], args.jobs)
        for kind, lines in (("nq", quads), ("records.jsonl", recs)):
            f = ref / f"{_name(source)}.{kind}"
            text = "\n".join(lines) + "\n"
            if args.mode == "save":
                f.write_text(text, encoding="utf-8")
                print(f"{source}: {len(lines):,} {kind} lines saved to {f}")
                continue
            want = f.read_text(encoding="utf-8")
            if want == text:
                print(f"{source}: {kind} identical ({len(lines):,} lines)")
            else:
                bad += 1
                print(f"{source}: {kind} DIFFERS: "
                      f"{_first_difference(lines, want.splitlines())}")  # fmt: skip
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
