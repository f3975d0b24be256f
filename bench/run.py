"""Every benchmark of contract 5 in one run: a table, then one JSON line of ratios.

    python bench/run.py            # full run (about 10 minutes on 2 cores)
    python bench/run.py --quick    # under a minute; smaller corpora, said in the table

What is measured, side by side in this run (corpora from bench/corpus.py):

* **throughput**: ``kg build --jobs 1`` of N documents (a fresh process: start,
  dictionary load, extraction, resolution, writing) against a bare
  ``jieba.lcut`` pass over the same text in a fresh process (import, dictionary
  load, segmentation) → ``pipeline_vs_segmentation`` (build chars/s over
  jieba chars/s);
* ``kg build --jobs 2`` against ``--jobs 1`` → ``parallel_speedup``, next to
  ``cpu_ceiling``: the speed-up of two busy-loop processes over one in the same
  moment (below 2 when other work shares the cores);
* peak memory (PSS of the build, its workers and loader, sampled every 0.05 s
  for 2 s, then every 0.5 s;
  RSS where there is no PSS) and store size;
* ``kg add`` of one new document into a graph of M documents against the
  rebuild of M+1 documents (``--jobs 2``) → ``add_vs_rebuild``;
* canned-query latency on a synthetic kg-shaped graph of 1M triples
  (pyoxigraph on disk) against rdflib's in-memory graph running the same
  query (skipped when loading and running it takes over a time limit).

Absolute times are in the table only; the last line is the JSON object.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

PY = sys.executable

FULL = {"docs": 2000, "add_docs": 10000, "triples": 1_000_000, "rdflib_limit": 150}
QUICK = {"docs": 100, "add_docs": 200, "triples": 50_000, "rdflib_limit": 12}


# ------------------------------------------------------------------ helpers


def _tree_memory(proc) -> int:
    """Memory of a process and its children: the sum of their PSS where Linux has
    it (pages the build shares with its forked workers or loader count once), else
    of their RSS."""
    try:
        procs = [proc, *proc.children(recursive=True)]
    except Exception:  # noqa: BLE001 - the process ended
        return 0
    total = 0
    for p in procs:
        try:
            info = p.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except Exception:  # noqa: BLE001
            try:
                total += p.memory_info().rss
            except Exception:  # noqa: BLE001
                pass
    return total


def run_child(args: list[str], timeout: float | None = None) -> dict:
    """Run a command; wall time, peak memory of its process tree, exit code, stderr."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    ps = psutil.Process(proc.pid)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_memory(ps))
            # reading PSS costs the kernel time: often only while a short command runs
            stop.wait(0.05 if time.perf_counter() - t0 < 2 else 0.5)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        timed_out = True
    stop.set()
    th.join()
    return {
        "seconds": time.perf_counter() - t0,
        "peak": peak,
        "rc": proc.returncode,
        "out": out.decode("utf-8", "replace"),
        "err": err.decode("utf-8", "replace"),
        "timed_out": timed_out,
    }


def kg(*args: str, timeout: float | None = None) -> dict:
    res = run_child([PY, "-m", "kg.cli", *args], timeout)
    if res["rc"] != 0 and not res["timed_out"]:
        raise SystemExit(f"kg {' '.join(args)} failed:\n{res['err'][-2000:]}")
    return res


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def _busy(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def cpu_ceiling(n: int = 6_000_000) -> float:
    """Speed-up of two busy-loop processes over one, right now."""
    t0 = time.perf_counter()
    _busy(n)
    _busy(n)
    one = time.perf_counter() - t0
    t0 = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_busy, [n, n])
    two = time.perf_counter() - t0
    return one / two


_JIEBA = """
import sys, time, jieba
jieba.setLogLevel(60)
paths = open(sys.argv[1], encoding="utf-8").read().split("\\n")
for p in paths:
    jieba.lcut(open(p, encoding="utf-8").read())
"""


# ------------------------------------------------------------------ benchmarks


def bench_build(rows: list, out: dict, work: Path, n: int) -> None:
    docs = work / f"corpus-{n}"
    paths = corpus.generate(n, docs, cache=work / "seed-records.json")
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    listing = work / f"paths-{n}.txt"
    listing.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    seg = run_child([PY, "-c", _JIEBA, str(listing)])
    rows.append(
        (
            f"jieba.lcut, {n} docs",
            f"{seg['seconds']:.2f} s",
            f"{chars / seg['seconds']:,.0f} chars/s",
            f"{n / seg['seconds']:,.1f} docs/s",
            mb(seg["peak"]),
        )
    )
    res = {}
    for jobs in (1, 2):
        store = work / f"store-{n}-j{jobs}"
        r = kg(
            "build", str(docs), "--store", str(store), "--jobs", str(jobs), "--quiet", "--no-stats"
        )
        res[jobs] = r
        rows.append(
            (
                f"kg build --jobs {jobs}, {n} docs",
                f"{r['seconds']:.2f} s",
                f"{chars / r['seconds']:,.0f} chars/s",
                f"{n / r['seconds']:,.1f} docs/s",
                mb(r["peak"]),
            )
        )
    store = work / f"store-{n}-j1"
    meta = json.loads(next(store.glob("gen-*/meta.json")).read_text(encoding="utf-8"))
    rows.append(
        (
            f"store, {n} docs",
            mb(du(store)),
            f"{meta['quads']:,} quads",
            f"{meta['entities']:,} entities",
            f"text {mb(chars * 3)}",
        )
    )
    out["pipeline_vs_segmentation"] = round(seg["seconds"] / res[1]["seconds"], 3)
    out["parallel_speedup"] = round(res[1]["seconds"] / res[2]["seconds"], 3)
    out["cpu_ceiling"] = round(cpu_ceiling(), 3)
    # what the pool makes of the cores it gets (1.0: as good as two busy loops)
    out["parallel_efficiency"] = round(out["parallel_speedup"] / out["cpu_ceiling"], 3)
    out["_build_chars"] = chars


def bench_add(rows: list, out: dict, work: Path, m: int) -> None:
    docs = work / f"add-corpus-{m}"
    paths = corpus.generate(m + 1, docs, seed=11, cache=work / "seed-records.json")
    extra = work / "extra"
    extra.mkdir(exist_ok=True)
    new = extra / paths[-1].name
    shutil.move(str(paths[-1]), new)
    store = work / f"add-store-{m}"
    base = kg("build", str(docs), "--store", str(store), "--jobs", "2", "--quiet", "--no-stats")
    rows.append(
        (f"kg build --jobs 2, {m} docs", f"{base['seconds']:.2f} s", "", "", mb(base["peak"]))
    )
    add = kg("add", str(new), "--store", str(store), "--quiet")
    rows.append((f"kg add 1 doc into {m} docs", f"{add['seconds']:.2f} s", "", "", mb(add["peak"])))
    # the rebuild it saves: all m+1 documents
    shutil.move(str(new), docs / new.name)
    full = kg(
        "build",
        str(docs),
        "--store",
        str(work / f"rebuild-{m}"),
        "--jobs",
        "2",
        "--quiet",
        "--no-stats",
    )
    rows.append(
        (f"rebuild --jobs 2, {m + 1} docs", f"{full['seconds']:.2f} s", "", "", mb(full["peak"]))
    )
    out["add_vs_rebuild"] = round(full["seconds"] / add["seconds"], 1)
    out["add_docs"] = m


# ------------------------------------------------------------------ query latency

_QUERIES = {  # the cheap one first: rdflib runs them in this order under one time limit
    "parks-by-industry": {"industry": "合成产业3"},
    "companies-in-park": {"park": "合成园区7"},
}


def synthetic_quads(n_triples: int):
    """A kg-shaped graph: parks (with sub-parks), companies in parks and
    industries, cooperation; about ``n_triples`` triples in per-document graphs."""
    import random

    import pyoxigraph as ox

    from kg.rdf import PREFIXES

    rng = random.Random(3)
    kgns, ent = PREFIXES["kg"], PREFIXES["ent"]
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    alt = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
    P = {
        p: ox.NamedNode(kgns + p)
        for p in (
            "Park",
            "Company",
            "Industry",
            "locatedIn",
            "partOf",
            "focusesOn",
            "inIndustry",
            "cooperatesWith",
        )
    }
    ents = ox.NamedNode(PREFIXES["graph"] + "entities")
    n_comp = max(100, n_triples // 7)
    n_park = max(20, n_comp // 100)
    n_ind = 50
    parks = [ox.NamedNode(f"{ent}park/{i:012x}") for i in range(n_park)]
    inds = [ox.NamedNode(f"{ent}industry/{i:012x}") for i in range(n_ind)]
    for i, p in enumerate(parks):
        yield ox.Quad(p, rdf_type, P["Park"], ents)
        yield ox.Quad(p, label, ox.Literal(f"合成园区{i}", language="zh"), ents)
        if i >= 10:
            yield ox.Quad(p, P["partOf"], parks[i % 10], ents)
        for _ in range(3):
            yield ox.Quad(p, P["focusesOn"], rng.choice(inds), ents)
    for i, d in enumerate(inds):
        yield ox.Quad(d, rdf_type, P["Industry"], ents)
        yield ox.Quad(d, label, ox.Literal(f"合成产业{i}", language="zh"), ents)
    for i in range(n_comp):
        c = ox.NamedNode(f"{ent}company/{i:012x}")
        g = ox.NamedNode(f"{PREFIXES['graph']}doc/d{i // 50}.txt")
        yield ox.Quad(c, rdf_type, P["Company"], ents)
        yield ox.Quad(c, label, ox.Literal(f"合成企业{i}有限公司", language="zh"), ents)
        yield ox.Quad(c, alt, ox.Literal(f"合成企业{i}", language="zh"), ents)
        yield ox.Quad(c, P["locatedIn"], rng.choice(parks), g)
        yield ox.Quad(c, P["inIndustry"], rng.choice(inds), g)
        yield ox.Quad(
            c, P["cooperatesWith"], ox.NamedNode(f"{ent}company/{rng.randrange(n_comp):012x}"), g
        )
        yield ox.Quad(c, P["inIndustry"], rng.choice(inds), g)


_RDFLIB = """
import json, sys, time
from rdflib import Dataset, Literal
from kg.query import load_query
t0 = time.perf_counter()
ds = Dataset(default_union=True)
ds.parse(sys.argv[1], format="nquads")
load = time.perf_counter() - t0
out = {"load": load, "triples": len(ds)}
print(json.dumps(out), flush=True)
for name, params in json.loads(sys.argv[2]).items():
    text, _ = load_query(name)
    t0 = time.perf_counter()
    rows = list(ds.query(text, initBindings={k: Literal(v) for k, v in params.items()}))
    out[name] = [time.perf_counter() - t0, len(rows)]
    print(json.dumps(out), flush=True)
"""


def bench_query(rows: list, out: dict, work: Path, n_triples: int, limit: float) -> None:
    import pyoxigraph as ox

    from kg.query import execute, load_query

    t0 = time.perf_counter()
    quads = list(synthetic_quads(n_triples))
    path = work / "synthetic-oxigraph"
    store = ox.Store(str(path))
    store.bulk_extend(quads)
    store.flush()
    load = time.perf_counter() - t0
    rows.append(
        (
            f"synthetic graph, {len(quads):,} triples",
            f"{load:.2f} s (generate + load)",
            mb(du(path)),
            "",
            "",
        )
    )

    class View:  # what kg.query.execute needs: .query with the union default graph
        def query(self, sparql, **kw):
            from kg.rdf import PREFIXES

            kw.setdefault("use_default_graph_as_union", True)
            kw.setdefault("prefixes", PREFIXES)
            return store.query(sparql, **kw)

    ox_times = {}
    for name, params in _QUERIES.items():
        text, canned = load_query(name)
        execute(View(), text, params, canned=canned)  # warm
        t0 = time.perf_counter()
        res = execute(View(), text, params, canned=canned)
        ox_times[name] = time.perf_counter() - t0
        rows.append(
            (
                f"query {name} (pyoxigraph)",
                f"{ox_times[name] * 1000:.1f} ms",
                f"{len(res)} rows",
                "",
                "",
            )
        )
    # rdflib: the same data as N-Quads, loaded into an in-memory Dataset in a child
    nq = work / "synthetic.nq"
    with open(nq, "wb") as f:
        ox.serialize(quads, f, format=ox.RdfFormat.N_QUADS)
    del quads
    r = run_child([PY, "-c", _RDFLIB, str(nq), json.dumps(_QUERIES)], timeout=limit)
    lines = [ln for ln in r["out"].splitlines() if ln.startswith("{")]
    got = json.loads(lines[-1]) if lines else {}
    if "load" not in got:
        rows.append(("rdflib in-memory load", f"skipped (>{limit:.0f} s)", "", "", ""))
    else:
        rows.append(
            (
                "rdflib in-memory load",
                f"{got['load']:.2f} s",
                f"{got['triples']:,} triples",
                "",
                mb(r["peak"]),
            )
        )
    ratios = []
    for name in _QUERIES:
        if name in got:
            rows.append(
                (
                    f"query {name} (rdflib)",
                    f"{got[name][0] * 1000:.1f} ms",
                    f"{got[name][1]} rows",
                    "",
                    "",
                )
            )
            ratios.append(got[name][0] / max(ox_times[name], 1e-6))
        else:
            rows.append((f"query {name} (rdflib)", f"skipped (>{limit:.0f} s)", "", "", ""))
    out["query_triples"] = n_triples
    if ratios:
        out["oxigraph_vs_rdflib_query"] = round(min(ratios), 1)


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small corpora: under a minute")
    ap.add_argument("--keep", metavar="DIR", help="work here and keep the corpora and stores")
    args = ap.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple] = []
    out: dict = {}
    t0 = time.perf_counter()
    try:
        bench_build(rows, out, work, cfg["docs"])
        bench_add(rows, out, work, cfg["add_docs"])
        bench_query(rows, out, work, cfg["triples"], cfg["rdflib_limit"])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    out.pop("_build_chars", None)
    out["quick"] = bool(args.quick)
    out["seconds"] = round(time.perf_counter() - t0, 1)

    from rich.console import Console
    from rich.table import Table

    mode = "quick (smaller corpora)" if args.quick else "full"
    table = Table(
        title=f"kg benchmarks — {mode}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    for col in ("what", "time / size", "throughput", "", "peak memory"):
        table.add_column(col)
    for row in rows:
        table.add_row(*[str(c) for c in row])
    Console(file=sys.stdout, width=120).print(table)
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
