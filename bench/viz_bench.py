"""Benchmark of the interactive view: page size, time to write, time to interactive.

Synthetic graphs shaped like the real one (parks with their companies and
institutions, industries, partOf, cooperatesWith), at 1k and 10k entities by
default. "Interactive" is when vis-network has drawn the first frame with
every node (``window.kg.ready``) in headless Debian chromium, from navigation.

    python bench/viz_bench.py                       # 1000 and 10000 entities
    python bench/viz_bench.py --sizes 1000 10000 --screenshots /tmp/viz-bench
    python bench/viz_bench.py --sizes --store /tmp/store-3k   # a built bench/corpus.py store
    python bench/viz_bench.py --sizes --store /tmp/s10k --focus 某某园 --screenshots /tmp/shots
    python bench/viz_bench.py --store /tmp/s10k --check-locate 60   # --focus finds as find()
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.viz import write_graph  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def synthetic(n: int, seed: int = 0) -> nx.MultiDiGraph:
    """A graph of ``n`` entities: 5% parks, 2% industries (≤300), the rest organisations."""
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    n_parks = max(2, n // 20)
    n_ind = max(2, min(300, n // 50))
    kinds = [("Park", f"第{i}高新区") for i in range(n_parks)] + [
        ("Industry", f"产业{i}") for i in range(n_ind)
    ]
    rest = n - len(kinds)
    kinds += [
        ("Company" if rnd.random() < 0.75 else "Institution", f"企业{i}有限公司")
        for i in range(rest)
    ]
    for i, (t, label) in enumerate(kinds):
        G.add_node(f"e{i}", type=t, label=label, aliases=[label[:4]], docs=[f"doc{i % 97}.txt"])
    parks = [f"e{i}" for i in range(n_parks)]
    inds = [f"e{i}" for i in range(n_parks, n_parks + n_ind)]
    orgs = [f"e{i}" for i in range(n_parks + n_ind, n)]
    weights = [1.0 / (k + 1) for k in range(n_parks)]  # a few big parks, many small ones

    def fact(s, p, o):
        text = f"{G.nodes[s]['label']}与{G.nodes[o]['label']}相关的一句新闻。"
        ev = [
            {
                "text": text,
                "doc": "doc.txt",
                "source": "corpus/doc.txt",
                "start": 0,
                "end": len(text),
                "confidence": 0.8,
            }
        ]
        G.add_edge(
            s, o, key=p, predicate=p, evidence=ev, docs=["doc.txt"], sentence=text, doc="doc.txt"
        )

    for p in parks:
        for ind in rnd.sample(inds, min(len(inds), rnd.randint(1, 4))):
            fact(p, "focusesOn", ind)
        if rnd.random() < 0.2:
            fact(p, "partOf", rnd.choices(parks, weights)[0])
    for o in orgs:
        if rnd.random() < 0.85:
            fact(o, "locatedIn", rnd.choices(parks, weights)[0])
        if rnd.random() < 0.3:
            fact(o, "inIndustry", rnd.choice(inds))
        if rnd.random() < 0.08:
            fact(o, "cooperatesWith", rnd.choice(orgs))
    G.remove_edges_from([(s, o, k) for s, o, k in G.edges(keys=True) if s == o])
    return G


def time_to_interactive(path: Path, screenshot: Path | None = None) -> tuple[float, int]:
    """Seconds from navigation to the first frame (``kg.ready``), and the entities in the page."""
    r = browse(path, screenshot)
    return r["interactive_s"], r["entities_in_page"]


_REDRAW = """async () => {
  const t = performance.now();
  const drawn = new Promise(r => kg.network.once("afterDrawing", r));
  kg.network.moveTo({scale: kg.network.getScale() * 1.6});
  await drawn;
  return performance.now() - t;
}"""

# to the end of the first draw after kg.open returns: the new view on screen (kg.open runs
# synchronously and asks for that draw; any draw inside it is of the view being left)
_CLICK = """async iri => {
  const t = performance.now();
  kg.open(iri);
  await new Promise(r => kg.network.once("afterDrawing", r));
  return performance.now() - t;
}"""


_BIGGEST = """() => {  // the park with the most firms, and its most connected firm
  const t = kg.facts;
  let firms = t.firms;
  if (!firms) {  // a page with every fact (before the bounded tables): count them
    const by = {}, loc = t.preds.indexOf("locatedIn");
    t.facts.forEach(f => {
      if (f[1] === loc && t.ents[f[2]][2] === "Park") (by[f[2]] = by[f[2]] || []).push(f[0]);
    });
    firms = Object.keys(by).map(p => [+p, by[p].length, by[p]]);
  }
  if (!firms.length) return [null, null];
  const p = firms.reduce((a, b) => (b[1] > a[1] ? b : a));
  return [t.ents[p[0]][0], p[2].length ? t.ents[p[2][0]][0] : null];
}"""

_ALIAS = """() => {  // an alias of an entity with facts, and that entity
  const t = kg.facts;
  const e = t.ents.find(e => e[3].length && (e[6] ? e[6].length : true));
  return e ? [e[3][0], e[0]] : [null, null];
}"""

_SEARCH = """q => {
  const t = performance.now();
  const hit = kg.search(q);
  return [performance.now() - t, hit];
}"""


def browse(
    path: Path, screenshot: Path | None = None, park: str | None = None, firm: str | None = None
) -> dict:
    """Time the page in headless chromium: the first frame (vis-network's first
    ``afterDrawing``, from navigation), ready (tables unpacked and indexed too), a zoom
    redraw, opening ``park`` (drill-down, drawn), ``firm`` (its facts panel) and a
    search by alias. ``"biggest"``: the park with the most firms, its first firm."""
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            t0 = time.perf_counter()
            page.goto(path.as_uri())
            # a selector: polling a function is an eval, which the page's CSP refuses
            page.wait_for_selector("body[data-ready]", state="attached", timeout=300_000)
            out["interactive_s"] = round(time.perf_counter() - t0, 3)
            drawn = page.evaluate("kg.drawn")  # ms from navigation; older pages: ready
            out["first_frame_s"] = round(drawn / 1000, 3) if drawn else out["interactive_s"]
            out["entities_in_page"] = page.evaluate("kg.facts.ents.length")
            out["drawn_nodes"] = page.evaluate("kg.network.body.nodeIndices.length")
            out["drawn_edges"] = page.evaluate("kg.network.body.edgeIndices.length")
            if screenshot:
                page.screenshot(path=str(screenshot))
            out["zoom_redraw_ms"] = round(page.evaluate(_REDRAW), 1)
            if park == "biggest":
                park, biggest_firm = page.evaluate(_BIGGEST)
                firm = biggest_firm if firm == "biggest" else firm
            if park:
                out["biggest_park"] = page.evaluate(
                    "iri => kg.facts.ents.find(e => e[0] === iri)[1]", park
                )
                out["open_park_ms"] = round(page.evaluate(_CLICK, park), 1)
                out["park_view_nodes"] = page.evaluate("kg.nodes.length")
                # a park's facts are lines on the canvas (kg.lines), not vis-network edges
                out["park_view_lines"] = page.evaluate(
                    "kg.edges.length + (kg.lines ? kg.lines().length : 0)"
                )
                out["park_zoom_redraw_ms"] = round(page.evaluate(_REDRAW), 1)
                if screenshot:
                    page.screenshot(path=str(screenshot.with_name(screenshot.stem + "-park.png")))
            if firm:
                out["open_firm_ms"] = round(page.evaluate(_CLICK, firm), 1)
                if screenshot:
                    page.screenshot(path=str(screenshot.with_name(screenshot.stem + "-firm.png")))
            alias, _ = page.evaluate(_ALIAS)
            if alias:
                ms, hit = page.evaluate(_SEARCH, alias)
                out["search_alias_ms"] = round(ms, 1)
        finally:
            browser.close()
    return out


def bench_store(store: str, out_dir: Path, screenshots: Path | None, focus=()) -> dict:
    """``kg viz`` of a real store, end to end (:func:`kg.viz.write_html`, what the CLI
    runs): seconds, page size, and the browser timings; the biggest park and its most
    connected firm are read from the page's own tables. ``focus``: names to time a
    filtered view of (``--focus NAME --depth 1``) each, end to end as well."""
    from kg.viz import write_html

    path = out_dir / "viz-store.html"
    t0, c0 = time.perf_counter(), time.process_time()
    write_html(store, path, title=f"kg {store}")
    row = {
        "store": store,
        "write_s": round(time.perf_counter() - t0, 2),
        "write_cpu_s": round(time.process_time() - c0, 2),
        "page_mb": round(path.stat().st_size / 1e6, 2),
    }
    shot = screenshots / "viz-store.png" if screenshots else None
    row.update(browse(path, shot, park="biggest", firm="biggest"))
    for name in focus:
        one = out_dir / "viz-focus.html"
        t0 = time.perf_counter()
        write_html(store, one, focus=name, depth=1)
        row[f"focus {name} s"] = round(time.perf_counter() - t0, 2)
        row[f"focus {name} MB"] = round(one.stat().st_size / 1e6, 2)
        b = browse(one)
        row[f"focus {name} first frame s"] = b["first_frame_s"]
        row[f"focus {name} nodes"] = b["drawn_nodes"]
    return row


def check_locate(store: str, entities: int = 60, seed: int = 1) -> tuple[int, int]:
    """``kg viz --focus`` finds its entity by the resolution index
    (:func:`kg.graphview.locate`): that it picks what :func:`kg.graphview.find` picks
    among every entity's names, for names of ``entities`` entities drawn with ``seed``
    (label, an alias, other spellings, a part of the label) and a few that are no name.
    Returns (names, different); prints each difference."""
    import random

    from kg import graphview as gv
    from kg.errors import KgError
    from kg.store import open_store

    with open_store(store) as s:
        G = nx.MultiDiGraph()
        gv._add_nodes(s, G, docs_of=set(), count=False, typed=False)
        rnd = random.Random(seed)
        nodes = list(G)
        names = ["管委会", "不存在的名字", "https://w3id.org/kg/id/park/none"]
        names += rnd.sample(nodes, min(10, len(nodes)))
        for n in rnd.sample(nodes, min(entities, len(nodes))):
            d = G.nodes[n]
            names += [d["label"], d["label"].replace("（", "(").replace("）", ")")]
            names += [f" {d['label'].upper()} ", d["label"][1:4]]
            names += [rnd.choice(d["aliases"])] if d["aliases"] else []
        degrees: dict = {}

        def degree(n):
            if n not in degrees:
                degrees[n] = gv._degree(s, n)
            return degrees[n]

        def answer(fn, name):
            try:
                return fn(name)
            except KgError as e:
                return f"error: {e}"

        different = 0
        for name in names:
            want = answer(lambda x: gv.find(G, x, degree=degree), name)
            got = answer(lambda x: gv.locate(s, x), name)
            if got != want:
                different += 1
                print(f"different for {name!r}: find {want}, locate {got}")
    return len(names), different


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument(
        "--store", help="also time kg viz of this built store (e.g. a bench/corpus.py corpus)"
    )
    ap.add_argument(
        "--focus", nargs="*", default=[], help="with --store: also time --focus NAME views"
    )
    ap.add_argument("--screenshots", type=Path, help="save a PNG of each page in this folder")
    ap.add_argument("--keep", type=Path, help="write the pages in this folder (default: temp)")
    ap.add_argument(
        "--check-locate",
        type=int,
        metavar="N",
        help="with --store: check that --focus finds what a search of every name finds, "
        "for the names of N entities (then stop)",
    )
    args = ap.parse_args(argv)
    if args.check_locate:
        names, different = check_locate(args.store, args.check_locate)
        print(f"{names} names, {different} found otherwise by kg.graphview.locate")
        return 1 if different else 0
    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="kg-viz-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    rows = []
    if args.store:
        row = bench_store(args.store, out_dir, args.screenshots, args.focus)
        print(json.dumps(row, ensure_ascii=False, indent=1))
        rows.append(row)
    if args.sizes:
        print(f"{'entities':>9} {'facts':>7} {'page MB':>8} {'write s':>8} {'interactive s':>14}")
    for n in args.sizes:
        G = synthetic(n)
        path = out_dir / f"viz-{n}.html"
        t0 = time.perf_counter()
        write_graph(G, path, title=f"synthetic {n}")
        write_s = time.perf_counter() - t0
        shot = args.screenshots / f"viz-{n}.png" if args.screenshots else None
        tti, in_page = time_to_interactive(path, shot)
        assert in_page == G.number_of_nodes(), (in_page, G.number_of_nodes())
        size = path.stat().st_size
        rows.append(
            {
                "entities": n,
                "facts": G.number_of_edges(),
                "bytes": size,
                "write_s": round(write_s, 3),
                "interactive_s": round(tti, 3),
            }
        )
        print(f"{n:>9} {G.number_of_edges():>7} {size / 1e6:>8.2f} {write_s:>8.2f} {tti:>14.2f}")
    print(json.dumps(rows, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
