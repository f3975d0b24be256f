"""Peak memory and time of one cold ``kg build``, as a user runs it.

    python bench/corpus.py 10000 /tmp/c10k
    python bench/build_memory.py /tmp/c10k --jobs 2

Runs ``kg build CORPUS --store TMP --jobs N --quiet --no-stats`` in a child
process (from this checkout) and samples the memory of its process tree
(PSS: pages shared with forked workers and the quad loader count once; see
``bench/run.py``) every 0.5 s; prints wall time, CPU time of the tree, peak
memory, quads and entities, then one JSON line. The store is removed after.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PY, run_child  # noqa: E402


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="a folder of documents (bench/corpus.py)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--store", help="build here and keep it (default: a temporary folder)")
    args = ap.parse_args(argv)
    store = Path(args.store) if args.store else Path(tempfile.mkdtemp(prefix="kg-mem-")) / "s"
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        r = run_child(
            [PY, "-m", "kg.cli", "build", args.corpus, "--store", str(store),
             "--jobs", str(args.jobs), "--quiet", "--no-stats"]  # fmt: skip
        )
        if r["rc"] != 0:
            print(r["err"][-2000:], file=sys.stderr)
            sys.exit(1)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        meta = json.loads(next(store.glob("gen-*/meta.json")).read_text(encoding="utf-8"))
    finally:
        if not args.store:
            shutil.rmtree(store.parent, ignore_errors=True)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    out = {
        "docs": len(meta["documents"]),
        "jobs": args.jobs,
        "wall_s": round(r["seconds"], 1),
        "cpu_s": round(cpu, 1),
        "peak_mb": round(r["peak"] / 1e6, 1),
        "quads": meta["quads"],
        "entities": meta["entities"],
        "load_before": round(load, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }
    print(
        f"kg build --jobs {args.jobs}, {out['docs']:,} docs: {out['wall_s']} s wall, "
        f"{out['cpu_s']} s CPU, peak {out['peak_mb']:,} MB (PSS of the tree), "
        f"{out['quads']:,} quads, {out['entities']:,} entities"
    )
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
