"""``kg add`` of one document into a graph of M documents against the rebuild of
all M+1 (``--jobs 2``), as in bench/run.py (``add_vs_rebuild``), on its own.

    python bench/add_bench.py            # M = 10000 (about 7 minutes on 2 cores)
    python bench/add_bench.py --docs 200 # quick

Prints the table rows and the JSON line (add_vs_rebuild, add seconds, rebuild seconds).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--keep", metavar="DIR", help="work here and keep the corpus and stores")
    args = ap.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-add-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list = []
    out: dict = {}
    try:
        run.bench_add(rows, out, work, {**run.FULL, "add_docs": args.docs})
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    for row in rows:
        print(" | ".join(str(c) for c in row if c))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
