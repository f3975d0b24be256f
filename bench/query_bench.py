"""Latency of every canned query on the seeds' graph and on a big generated graph.

    python bench/query_bench.py --store /tmp/q1m           # a big store built before
    python bench/query_bench.py --docs 6400 --keep /tmp/qb # build ~1.06M quads, keep it
    python bench/query_bench.py --quick                    # 400 documents: about a minute
    python bench/query_bench.py --store /tmp/q1m --before  # also the queries as they were

Each canned query runs the way ``kg query`` / ``kg.open(...).query`` run it
(names spelt as stored, parameters inlined as a VALUES block the planner sees;
see ``kg.query.inline_values``); the time is the best of ``--repeat`` runs after
a warm-up. On the seeds the parameters are each query's own example; on the big
graph they are the heaviest case of that graph (the park with the most located
companies, the industry most parks focus on, the entity with the most
cooperations), picked by a cheap scan and printed in the table.

``--before`` also runs the queries as they were before the rewrite
(``tests/fixtures/canned-before/*.rq``, parameters bound as pyoxigraph
substitutions), each in a child process stopped after ``--timeout`` seconds.

The big graph comes from bench/corpus.py (the seeds scaled up with varied names)
built by ``kg.build``; 6,400 documents give about 1.06M quads.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BEFORE = ROOT / "tests" / "fixtures" / "canned-before"
KG = "https://w3id.org/kg/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def build_store(docs: int, work: Path) -> Path:
    """A store of ``docs`` generated documents in ``work`` (reused when there)."""
    import corpus

    from kg.build import build

    store = work / f"store-{docs}"
    if (store / "CURRENT").is_file():
        return store
    src = work / f"corpus-{docs}"
    if not src.is_dir() or len(list(src.glob("*.txt"))) < docs:
        corpus.generate(docs, src, cache=work / "seed-records.json")
    t0 = time.perf_counter()
    build([str(src)], store, jobs=2, progress=False)
    print(
        f"built {store} from {docs} documents in {time.perf_counter() - t0:.0f} s", file=sys.stderr
    )
    return store


def seeds_store(work: Path) -> Path:
    from kg.build import build

    store = work / "store-seeds"
    if not (store / "CURRENT").is_file():
        build([str(ROOT / "seeds")], store, progress=False)
    return store


def heavy_params(store) -> dict[str, str]:
    """The heaviest parameter values of a graph: labels of the most-used entities."""
    import pyoxigraph as ox

    def top(pred: str, pos: str, both: bool = False) -> str:
        counts: Counter = Counter()
        for q in store.quads(None, ox.NamedNode(KG + pred), None, None):
            counts[getattr(q, pos)] += 1
            if both:
                counts[q.subject] += 1
        for node, _ in counts.most_common():
            for q in store.quads(node, ox.NamedNode(RDFS_LABEL), None, None):
                return q.object.value
        return ""

    park = top("locatedIn", "object")
    return {
        "park": park,
        "industry": top("focusesOn", "object"),
        "entity": park,
        "partners.entity": top("cooperatesWith", "object", both=True),
    }


def params_for(canned, heavy: dict | None) -> dict[str, str]:
    if heavy is None:
        return canned.example()
    return {p: heavy.get(f"{canned.name}.{p}", heavy[p]) for p in canned.params}


def time_after(graph, name: str, params: dict, repeat: int) -> tuple[int, float]:
    """Rows and the median time of ``repeat`` runs after a warm-up run.

    ``name`` is a canned query's name or a path to a ``.rq`` file (``--queries``)."""
    graph.result(name, params)  # warm: caches, the alias index, the OS page cache
    times, rows = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows = len(graph.result(name, params))
        times.append(time.perf_counter() - t0)
    return rows, statistics.median(times)


_CHILD = r"""
import json, sys, time
import kg
from kg.query import execute
path, file, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
g = kg.open(path)
text = open(file, encoding="utf-8").read()
params = g.spell(params)
t0 = time.perf_counter()
res = execute(g.store, text, params)          # as before: substitutions
print(json.dumps({"rows": len(res), "seconds": time.perf_counter() - t0}))
"""


def time_before(
    path: Path, name: str, params: dict, timeout: float
) -> tuple[int | None, float | None]:
    try:
        r = subprocess.run(
            [
                sys.executable,
                "-c",
                _CHILD,
                str(path),
                str(BEFORE / f"{name}.rq"),
                json.dumps(params),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        return None, None
    got = json.loads(r.stdout.strip().splitlines()[-1])
    return got["rows"], got["seconds"]


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", help="a big store built before (else one is built)")
    ap.add_argument("--docs", type=int, default=6400, help="documents of the big graph")
    ap.add_argument("--quick", action="store_true", help="a smaller big graph (400 documents)")
    ap.add_argument("--keep", metavar="DIR", help="build and keep the stores here")
    ap.add_argument("--before", action="store_true", help="also time the queries as they were")
    ap.add_argument("--timeout", type=float, default=120.0, help="limit of a --before query (s)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", nargs="*", help="these canned queries only")
    args = ap.parse_args(argv)

    import kg
    from kg.query import canned_queries

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-qbench-"))
    work.mkdir(parents=True, exist_ok=True)
    big_path = (
        Path(args.store) if args.store else build_store(400 if args.quick else args.docs, work)
    )
    seeds_path = seeds_store(work)
    queries = canned_queries()
    names = args.only or list(queries)
    out: dict = {"big_quads": None, "queries": {}}
    with kg.open(seeds_path) as seeds, kg.open(big_path) as big:
        out["big_quads"] = len(big)
        heavy = heavy_params(big.store)
        for name in names:
            c = queries[name]
            ps, pb = params_for(c, None), params_for(c, heavy)
            s_rows, s_sec = time_after(seeds, name, ps, args.repeat)
            b_rows, b_sec = time_after(big, name, pb, args.repeat)
            rec = {
                "params": pb,
                "seeds_rows": s_rows,
                "seeds_s": s_sec,
                "big_rows": b_rows,
                "big_s": b_sec,
            }
            if args.before:
                rec["before_rows"], rec["before_s"] = time_before(big_path, name, pb, args.timeout)
            out["queries"][name] = rec
            print(json.dumps({name: rec}, ensure_ascii=False), file=sys.stderr, flush=True)

    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"canned queries: seeds vs a {out['big_quads']:,}-quad graph ({big_path})")
    cols = ["query", "big-graph params", "seeds rows", "seeds s", "big rows", "big s"]
    if args.before:
        cols += ["before rows", "before s"]
    for col in cols:
        table.add_column(col)
    for name, r in out["queries"].items():
        row = [
            name,
            ", ".join(f"{k}={v}" for k, v in r["params"].items()) or "-",
            str(r["seeds_rows"]),
            f"{r['seeds_s']:.3f}",
            str(r["big_rows"]),
            f"{r['big_s']:.3f}",
        ]
        if args.before:
            row += [
                "-" if r["before_rows"] is None else str(r["before_rows"]),
                f">{args.timeout:.0f}" if r["before_s"] is None else f"{r['before_s']:.3f}",
            ]
        table.add_row(*row)
    Console(file=sys.stdout, width=160).print(table)
    print(json.dumps(out, ensure_ascii=False))
    return out


if __name__ == "__main__":
    main()
