"""Every benchmark of contract 5 in one run: a table, then one JSON line of ratios.

    python bench/run.py            # full run (10-15 minutes on 2 cores)
    python bench/run.py --quick    # under a minute; smaller corpora, said in the table

Every ratio is *paired*: the two sides run interleaved, round after round (the
order rotated each round), and the ratio is the median of the rounds' ratios,
so a burst of load from someone else hits both sides of a round alike.
Corpora come from bench/corpus.py (realistic length, raw OCR layout, varied
vocabulary).

* **throughput**, at several corpus sizes so the growth shows: the whole build
  (``kg.build.build``, ``--jobs 1``: reading, ingest, extraction, resolution,
  writing the store) in a warm process against a bare ``jieba.lcut`` pass and a
  bare ``rjieba.cut`` pass over the same texts in another warm process
  (dictionaries loaded, texts in memory) → ``pipeline_vs_jieba`` and
  ``pipeline_vs_rjieba`` (build throughput over segmentation throughput;
  rjieba's speed is the physical limit of a pipeline that segments with it);
* ``--jobs 2`` against ``--jobs 1`` in the same rounds → ``parallel_speedup``,
  with ``cpu_ceiling``: the speed-up two busy-loop processes get over one,
  measured between the two builds of every round. Under a ceiling of 1.8 the
  cores were shared and the speed-up is reported as ``null`` with the reason;
* ``kg add`` of one new document (cold process, several samples) against the
  rebuild of all the documents (cold ``kg build --jobs 2``, several samples)
  → ``add_vs_rebuild`` (median over median); the first build of that store
  gives peak memory (PSS of the process tree, one sample) and store size;
* canned-query latency on a synthetic kg-shaped graph: pyoxigraph on disk
  against rdflib's in-memory graph, both warm (one untimed run, then the median
  of several), every query in the table → ``oxigraph_vs_rdflib_query`` (median
  over the queries both finished; ``oxigraph_vs_rdflib_by_query`` per query).

Absolute times are in the table only; the last line is the JSON object.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import statistics
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
MIN_CEILING = 1.8  # below it the cores were not ours: no speed-up is reported

FULL = {
    "sizes": [100, 400],
    "rounds": 3,
    "add_docs": 400,
    "add_samples": 3,
    "rebuild_samples": 2,
    "triples": 200_000,
    "query_runs": 5,
    "rdflib_limit": 240,
    "busy": 5_000_000,
}
QUICK = {
    "sizes": [5, 15],
    "rounds": 3,
    "add_docs": 12,
    "add_samples": 3,
    "rebuild_samples": 2,
    "triples": 10_000,
    "query_runs": 3,
    "rdflib_limit": 8,
    "busy": 1_000_000,
}


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


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def _busy(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def cpu_ceiling(n: int) -> float:
    """Speed-up of two busy-loop processes over one, right now: the most any
    two-process build could get from the cores at this moment."""
    ctx = multiprocessing.get_context("fork")
    t0 = time.perf_counter()
    p = ctx.Process(target=_busy, args=(2 * n,))
    p.start()
    p.join()
    one = time.perf_counter() - t0
    t0 = time.perf_counter()
    ps = [ctx.Process(target=_busy, args=(n,)) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    return one / (time.perf_counter() - t0)


# ------------------------------------------------------------------ warm workers

# Long-lived children that answer one JSON command a line with one JSON result a
# line: the segmenters and the pipeline stay loaded (warm) between rounds, in
# separate processes so kg's words added to rjieba do not touch the bare baseline.
_SEGMENT_WORKER = r"""
import json, sys, time
import jieba, rjieba
jieba.setLogLevel(60)
jieba.initialize()
jieba.lcut("园区企业签约落户"); rjieba.cut("园区企业签约落户")
texts = {}
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    cmd = json.loads(line)
    if cmd["listing"] not in texts:
        paths = open(cmd["listing"], encoding="utf-8").read().split("\n")
        texts[cmd["listing"]] = [open(p, encoding="utf-8").read() for p in paths]
    docs = texts[cmd["listing"]]
    cut = jieba.lcut if cmd["op"] == "jieba" else rjieba.cut
    t0 = time.perf_counter()
    n = sum(len(cut(t)) for t in docs)
    print(json.dumps({"seconds": time.perf_counter() - t0, "words": n}), flush=True)
"""

_BUILD_WORKER = r"""
import json, shutil, sys, time
from pathlib import Path
from kg.build import build
warm = Path(sys.argv[1])
for jobs in (1, 2):  # imports, dictionaries, the pool's first start
    build([str(warm / "docs")], warm / f"store-{jobs}", jobs=jobs, progress=False)
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    cmd = json.loads(line)
    shutil.rmtree(cmd["store"], ignore_errors=True)
    t0 = time.perf_counter()
    build([cmd["docs"]], cmd["store"], jobs=cmd["jobs"], progress=False)
    took = time.perf_counter() - t0
    shutil.rmtree(cmd["store"], ignore_errors=True)
    print(json.dumps({"seconds": took}), flush=True)
"""


class Worker:
    """A warm child process driven over stdin/stdout."""

    def __init__(self, code: str, *args: str) -> None:
        self.proc = subprocess.Popen(
            [PY, "-c", code, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            text=True,
        )
        self._read()

    def _read(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"a benchmark worker ended:\n{self.proc.stderr.read()[-2000:]}")
        return json.loads(line)

    def ask(self, **cmd) -> dict:
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(30)


# ------------------------------------------------------------------ benchmarks


def _paired(runs: dict[str, list[float]], a: str, b: str) -> float:
    """Median over rounds of a's time over b's time (b's throughput over a's)."""
    return median([x / y for x, y in zip(runs[a], runs[b], strict=True)])


def _rounds(seg: Worker, bld: Worker, work: Path, n: int, cfg: dict) -> tuple[dict, int]:
    """The paired rounds of one corpus size: times of every side, and its characters."""
    docs = work / f"corpus-{n}"
    paths = corpus.generate(n, docs)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    listing = work / f"paths-{n}.txt"
    listing.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    store = str(work / f"store-{n}")
    ops = {
        "jieba": lambda: seg.ask(op="jieba", listing=str(listing))["seconds"],
        "rjieba": lambda: seg.ask(op="rjieba", listing=str(listing))["seconds"],
        "build1": lambda: bld.ask(docs=str(docs), store=store, jobs=1)["seconds"],
        "ceiling": lambda: cpu_ceiling(cfg["busy"]),
        "build2": lambda: bld.ask(docs=str(docs), store=store, jobs=2)["seconds"],
    }
    names = list(ops)
    runs: dict[str, list[float]] = {k: [] for k in names}
    for r in range(cfg["rounds"]):
        for k in names[r % len(names) :] + names[: r % len(names)]:
            runs[k].append(ops[k]())
    return runs, chars


def bench_build(rows: list, out: dict, work: Path, cfg: dict) -> None:
    """Paired rounds at every size: jieba, rjieba, build --jobs 1, the ceiling,
    build --jobs 2 (rotated each round)."""
    warm = work / "warm"
    corpus.generate(4, warm / "docs", seed=1)
    seg = Worker(_SEGMENT_WORKER)
    bld = Worker(_BUILD_WORKER, str(warm))
    by_size: dict[int, dict] = {}
    try:
        for n in cfg["sizes"]:
            runs, chars = _rounds(seg, bld, work, n, cfg)
            by_size[n] = {
                "vs_jieba": _paired(runs, "jieba", "build1"),
                "vs_rjieba": _paired(runs, "rjieba", "build1"),
                "speedup": _paired(runs, "build1", "build2"),
                "ceiling": median(runs["ceiling"]),
                "ceilings": runs["ceiling"],
            }
            for k, label in (
                ("jieba", "jieba.lcut (warm)"),
                ("rjieba", "rjieba.cut (warm)"),
                ("build1", "build --jobs 1 (warm)"),
                ("build2", "build --jobs 2 (warm)"),
            ):
                t = median(runs[k])
                rows.append(
                    (
                        f"{label}, {n} docs",
                        f"{t:.2f} s (median of {len(runs[k])})",
                        f"{chars / t:,.0f} chars/s",
                        f"{n / t:,.1f} docs/s",
                        "",
                    )
                )
            b = by_size[n]
            rows.append(
                (
                    f"ratios, {n} docs ({chars / n:,.0f} chars/doc)",
                    f"vs jieba {b['vs_jieba']:.3f}",
                    f"vs rjieba {b['vs_rjieba']:.4f}",
                    f"jobs 2: {b['speedup']:.2f}x",
                    f"ceiling {', '.join(f'{c:.2f}' for c in b['ceilings'])}",
                )
            )
    finally:
        seg.close()
        bld.close()
    n = cfg["sizes"][-1]
    b = by_size[n]
    out["pipeline_vs_jieba"] = round(b["vs_jieba"], 3)
    out["pipeline_vs_rjieba"] = round(b["vs_rjieba"], 4)
    out["cpu_ceiling"] = round(b["ceiling"], 3)
    if b["ceiling"] >= MIN_CEILING:
        out["parallel_speedup"] = round(b["speedup"], 3)
    else:
        out["parallel_speedup"] = None
        out["parallel_speedup_refused"] = (
            f"cpu_ceiling {b['ceiling']:.3f} < {MIN_CEILING}: the cores were shared "
            f"(measured {b['speedup']:.2f}x, not a property of the build)"
        )
    out["docs"] = n
    out["by_size"] = {
        str(k): {
            "pipeline_vs_jieba": round(v["vs_jieba"], 3),
            "pipeline_vs_rjieba": round(v["vs_rjieba"], 4),
            "jobs2_over_jobs1": round(v["speedup"], 3),
            "cpu_ceiling": round(v["ceiling"], 3),
        }
        for k, v in by_size.items()
    }


def bench_add(rows: list, out: dict, work: Path, cfg: dict) -> None:
    """``kg add`` of one document against the rebuild of all, both cold processes
    (what a user runs), interleaved: rebuild, add, rebuild, add, add …"""
    m, k = cfg["add_docs"], cfg["add_samples"]
    docs = work / f"add-corpus-{m}"
    paths = corpus.generate(m + k, docs, seed=11)
    extra = work / "extra"
    extra.mkdir(exist_ok=True)
    new = []
    for p in paths[m:]:
        shutil.move(str(p), extra / p.name)
        new.append(extra / p.name)
    store = work / f"add-store-{m}"
    base = kg("build", str(docs), "--store", str(store), "--jobs", "2", "--quiet", "--no-stats")
    meta = json.loads(next(store.glob("gen-*/meta.json")).read_text(encoding="utf-8"))
    size = f"{meta['quads']:,} quads, {meta['entities']:,} entities"
    rows.append((f"kg build --jobs 2 (cold process), {m} docs", f"{base['seconds']:.2f} s (1 run)",
                 f"store {mb(du(store))}", size, mb(base["peak"])))  # fmt: skip
    adds: list[float] = []
    rebuilds: list[float] = []
    peaks = []
    rebuild_docs = work / "rebuild-docs"
    shutil.copytree(docs, rebuild_docs)
    shutil.copy(new[0], rebuild_docs / new[0].name)  # the m+1 documents a rebuild reads
    for i in range(max(k, cfg["rebuild_samples"])):
        if i < cfg["rebuild_samples"]:
            target = work / "rebuild-store"
            shutil.rmtree(target, ignore_errors=True)
            args = ("build", str(rebuild_docs), "--store", str(target), "--jobs", "2", "--quiet",
                    "--no-stats")  # fmt: skip
            rebuilds.append(kg(*args)["seconds"])
            shutil.rmtree(target, ignore_errors=True)
        if i < k:
            r = kg("add", str(new[i]), "--store", str(store), "--quiet")
            adds.append(r["seconds"])
            peaks.append(r["peak"])
    rows.append((f"kg add 1 doc into {m}+ docs", f"{median(adds):.2f} s (median of {len(adds)})",
                 ", ".join(f"{a:.2f}" for a in adds), "", mb(max(peaks))))  # fmt: skip
    rows.append((f"rebuild --jobs 2, {m + 1} docs",
                 f"{median(rebuilds):.2f} s (median of {len(rebuilds)})",
                 ", ".join(f"{a:.2f}" for a in rebuilds), "", ""))  # fmt: skip
    out["add_vs_rebuild"] = round(median(rebuilds) / median(adds), 1)
    out["add_docs"] = m


# ------------------------------------------------------------------ query latency

_QUERIES = {  # the cheap ones first: rdflib runs them in this order under one time limit
    "parks-by-industry": {"industry": "合成产业3"},
    "park-industries": {"park": "合成园区3"},
    "companies-in-park": {"park": "合成园区7"},
    "most-connected": {},
    "parks-by-companies": {},
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
import json, statistics, sys, time
from rdflib import Dataset, Literal
from kg.query import load_query
runs = int(sys.argv[3])
t0 = time.perf_counter()
ds = Dataset(default_union=True)
ds.parse(sys.argv[1], format="nquads")
out = {"load": time.perf_counter() - t0, "triples": len(ds)}
print(json.dumps(out), flush=True)
for name, params in json.loads(sys.argv[2]).items():
    text, _ = load_query(name)
    bind = {k: Literal(v) for k, v in params.items()}
    times = []
    for _ in range(runs + 1):  # the first is the warm-up
        t0 = time.perf_counter()
        rows = list(ds.query(text, initBindings=bind))
        times.append(time.perf_counter() - t0)
    out[name] = [statistics.median(times[1:]), len(rows)]
    print(json.dumps(out), flush=True)
"""


def bench_query(rows: list, out: dict, work: Path, cfg: dict) -> None:
    import pyoxigraph as ox

    from kg.query import execute, load_query

    n_triples, limit, runs = cfg["triples"], cfg["rdflib_limit"], cfg["query_runs"]
    t0 = time.perf_counter()
    quads = list(synthetic_quads(n_triples))
    path = work / "synthetic-oxigraph"
    store = ox.Store(str(path))
    store.bulk_extend(quads)
    store.flush()
    load = time.perf_counter() - t0
    rows.append((f"synthetic graph, {len(quads):,} triples", f"{load:.2f} s (generate + load)",
                 mb(du(path)), "", ""))  # fmt: skip

    class View:  # what kg.query.execute needs: .query with the union default graph
        def query(self, sparql, **kw):
            from kg.rdf import PREFIXES

            kw.setdefault("use_default_graph_as_union", True)
            kw.setdefault("prefixes", PREFIXES)
            return store.query(sparql, **kw)

    ox_times = {}
    ox_rows = {}
    for name, params in _QUERIES.items():
        text, canned = load_query(name)
        times = []
        for _ in range(runs + 1):  # the first is the warm-up
            t0 = time.perf_counter()
            res = execute(View(), text, params, canned=canned)
            times.append(time.perf_counter() - t0)
        ox_times[name] = median(times[1:])
        ox_rows[name] = len(res)
    # rdflib: the same data as N-Quads, loaded into an in-memory Dataset in a child
    nq = work / "synthetic.nq"
    with open(nq, "wb") as f:
        ox.serialize(quads, f, format=ox.RdfFormat.N_QUADS)
    del quads
    r = run_child([PY, "-c", _RDFLIB, str(nq), json.dumps(_QUERIES), str(runs)], timeout=limit)
    lines = [ln for ln in r["out"].splitlines() if ln.startswith("{")]
    got = json.loads(lines[-1]) if lines else {}
    if "load" in got:
        rows.append(("rdflib in-memory load", f"{got['load']:.2f} s",
                     f"{got['triples']:,} triples", "", mb(r["peak"])))  # fmt: skip
    else:
        rows.append(("rdflib in-memory load", f"not finished in {limit:.0f} s", "", "", ""))
    by_query: dict[str, float | None] = {}
    for name in _QUERIES:
        ox_ms = f"{ox_times[name] * 1000:.1f} ms"
        if name in got:
            rd, n_rows = got[name]
            by_query[name] = round(rd / max(ox_times[name], 1e-6), 1)
            rdf = f"{rd * 1000:.1f} ms"
            rows.append((f"query {name}", f"oxigraph {ox_ms}", f"rdflib {rdf}",
                         f"{ox_rows[name]} / {n_rows} rows", f"{by_query[name]}x"))  # fmt: skip
        else:
            by_query[name] = None
            rows.append((f"query {name}", f"oxigraph {ox_ms}",
                         f"rdflib: not finished in the {limit:.0f} s limit",
                         f"{ox_rows[name]} rows", ""))  # fmt: skip
    out["query_triples"] = n_triples
    done = [v for v in by_query.values() if v is not None]
    out["oxigraph_vs_rdflib_query"] = round(median(done), 1) if done else None
    out["oxigraph_vs_rdflib_by_query"] = by_query


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small corpora: under a minute")
    ap.add_argument("--keep", metavar="DIR", help="work here and keep the corpora and stores")
    args = ap.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    if args.keep and Path(args.keep).exists() and not Path(args.keep).is_dir():
        print(f"{args.keep}: not a directory", file=sys.stderr)
        sys.exit(1)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple] = []
    out: dict = {}
    t0 = time.perf_counter()
    load = os.getloadavg()[0]
    try:
        bench_build(rows, out, work, cfg)
        bench_add(rows, out, work, cfg)
        bench_query(rows, out, work, cfg)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    out["quick"] = bool(args.quick)
    out["load_before"] = round(load, 2)
    out["load_after"] = round(os.getloadavg()[0], 2)
    out["seconds"] = round(time.perf_counter() - t0, 1)

    from rich.console import Console
    from rich.table import Table

    mode = "quick (smaller corpora)" if args.quick else "full"
    table = Table(
        title=f"kg benchmarks — {mode}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"load {out['load_before']} → {out['load_after']}"
    )
    for col in ("what", "time / size", "throughput", "", "peak memory / note"):
        table.add_column(col)
    for row in rows:
        table.add_row(*[str(c) for c in row])
    Console(file=sys.stdout, width=140).print(table)
    print(json.dumps(out, ensure_ascii=False))
    return out


if __name__ == "__main__":
    main()
