"""Latency of every canned query on the seeds' graph and on a big generated graph.

    python bench/query_bench.py --store /tmp/q1m           # a big store built before
    python bench/query_bench.py --docs 6400 --keep /tmp/qb # build ~1.06M quads, keep it
    python bench/query_bench.py --quick                    # 400 documents: about a minute
    python bench/query_bench.py --store /tmp/q1m --before  # also the queries as they were
    python bench/query_bench.py --store /tmp/s10k --compare HEAD --no-seeds  # paired

Each canned query runs the way ``kg query`` / ``kg.open(...).query`` run it
(names spelt as stored, parameters inlined as a VALUES block the planner sees;
see ``kg.query.inline_values``). On the seeds the parameters are each query's own
example; on the big graph they are the heaviest case of that graph (the park with
the most located companies, the industry most parks focus on, the entity with the
most cooperations), picked by a cheap scan and printed in the table.

``--before`` also runs the queries as they were before the rewrite
(``tests/fixtures/canned-before/*.rq``, parameters bound as pyoxigraph
substitutions), each in a child process stopped after ``--timeout`` seconds.

``--compare REV`` also runs the canned queries as they were at git revision REV
(``git show REV:kg/ontology/queries/NAME.rq``), paged and bound the same way, in
the same process and interleaved with the current ones (old, new, old, new…), so
both see the same machine: the paired before/after of bench/RESULTS.md. ``--page
limit=all`` (or ``offset=200``…) times another page than the first.

Times are medians of ``--repeat`` runs after a warm-up, as the CPU time of this
process (``time.process_time``: the steadier figure on a shared machine) and wall.

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


def _run(graph, text: str, canned, params: dict) -> tuple[int, float, float]:
    """Rows, wall and CPU seconds of one run of ``text`` as kg runs the canned query."""
    from kg.query import execute

    c0, t0 = time.process_time(), time.perf_counter()
    rows = len(execute(graph.store, text, graph.spell(params), canned=canned))
    return rows, time.perf_counter() - t0, time.process_time() - c0


def time_after(graph, name: str, params: dict, repeat: int, old: str | None = None) -> dict:
    """Rows and median wall/CPU seconds of ``repeat`` runs after a warm-up run; with
    ``old`` (the query's text at another revision) that text too, run by turns with
    the current one (paired)."""
    from kg.query import load_query

    text, canned = load_query(name)
    texts = {"after": text, **({"before": old} if old is not None else {})}
    runs: dict = {k: [] for k in texts}
    rows: dict = {}
    for t in texts.values():  # warm: caches, the alias index, the OS page cache
        _run(graph, t, canned, params)
    for _ in range(repeat):
        for k, t in texts.items():
            rows[k], wall, cpu = _run(graph, t, canned, params)
            runs[k].append((wall, cpu))
    out = {}
    for k, rs in runs.items():
        out[k] = {
            "rows": rows[k],
            "wall": statistics.median(w for w, _ in rs),
            "cpu": statistics.median(c for _, c in rs),
        }
    return out


def old_text(rev: str, name: str) -> str | None:
    """The canned query ``name`` as it was at git revision ``rev`` (None: not there)."""
    r = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:kg/ontology/queries/{name}.rq"],
        capture_output=True,
        text=True,
    )
    return r.stdout if r.returncode == 0 else None


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
    ap.add_argument("--compare", metavar="REV", help="also the queries at this git revision")
    ap.add_argument(
        "--page", nargs="*", default=[], metavar="K=V", help="paging: limit=N|all, offset=M"
    )
    ap.add_argument("--no-seeds", action="store_true", help="the big graph only")
    args = ap.parse_args(argv)
    page = dict(kv.split("=", 1) for kv in args.page)

    import kg
    from kg.query import canned_queries

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-qbench-"))
    work.mkdir(parents=True, exist_ok=True)
    big_path = (
        Path(args.store) if args.store else build_store(400 if args.quick else args.docs, work)
    )
    seeds_path = None if args.no_seeds else seeds_store(work)
    queries = canned_queries()
    names = args.only or list(queries)
    out: dict = {"big_quads": None, "queries": {}, "compare": args.compare, "page": page}
    with kg.open(big_path) as big:
        seeds = kg.open(seeds_path) if seeds_path else None
        out["big_quads"] = len(big)
        heavy = heavy_params(big.store)
        for name in names:
            c = queries[name]
            ps, pb = params_for(c, None), params_for(c, heavy)
            rec: dict = {"params": pb}
            if seeds is not None:
                t = time_after(seeds, name, {**ps, **page}, args.repeat)["after"]
                rec.update(seeds_rows=t["rows"], seeds_s=t["wall"], seeds_cpu=t["cpu"])
            old = old_text(args.compare, name) if args.compare else None
            t = time_after(big, name, {**pb, **page}, args.repeat, old)
            rec.update(big_rows=t["after"]["rows"], big_s=t["after"]["wall"])
            rec["big_cpu"] = t["after"]["cpu"]
            if "before" in t:
                rec.update(
                    {f"{args.compare}_{k}": v for k, v in t["before"].items()},
                )
            if args.before:
                rec["before_rows"], rec["before_s"] = time_before(big_path, name, pb, args.timeout)
            out["queries"][name] = rec
            print(json.dumps({name: rec}, ensure_ascii=False), file=sys.stderr, flush=True)
        if seeds is not None:
            seeds.close()

    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"canned queries: seeds vs a {out['big_quads']:,}-quad graph ({big_path})")
    cols = ["query", "big-graph params"]
    if seeds_path:
        cols += ["seeds rows", "seeds CPU s"]
    cols += ["big rows", "big CPU s", "big wall s"]
    if args.compare:
        cols += [f"{args.compare} rows", f"{args.compare} CPU s", f"{args.compare} wall s"]
    if args.before:
        cols += ["before rows", "before s"]
    for col in cols:
        table.add_column(col)
    for name, r in out["queries"].items():
        row = [name, ", ".join(f"{k}={v}" for k, v in r["params"].items()) or "-"]
        if seeds_path:
            row += [str(r["seeds_rows"]), f"{r['seeds_cpu']:.3f}"]
        row += [str(r["big_rows"]), f"{r['big_cpu']:.3f}", f"{r['big_s']:.3f}"]
        if args.compare:
            p = args.compare
            if f"{p}_rows" in r:
                row += [str(r[f"{p}_rows"]), f"{r[f'{p}_cpu']:.3f}", f"{r[f'{p}_wall']:.3f}"]
            else:
                row += ["-", "-", "-"]
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
