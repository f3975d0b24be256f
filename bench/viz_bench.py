"""Benchmark of the interactive view: page size, time to write, time to interactive.

Synthetic graphs shaped like the real one (parks with their companies and
institutions, industries, partOf, cooperatesWith), at 1k and 10k entities by
default. "Interactive" is when vis-network has drawn the first frame with
every node (``window.kg.ready``) in headless Debian chromium, from navigation.

    python bench/viz_bench.py                       # 1000 and 10000 entities
    python bench/viz_bench.py --sizes 1000 10000 --screenshots /tmp/viz-bench
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
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            t0 = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function("window.kg && window.kg.ready === true", timeout=300_000)
            tti = time.perf_counter() - t0
            drawn = page.evaluate("kg.network.body.nodeIndices.length")
            if screenshot:
                page.screenshot(path=str(screenshot))
        finally:
            browser.close()
    return tti, drawn


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--screenshots", type=Path, help="save a PNG of each page in this folder")
    ap.add_argument("--keep", type=Path, help="write the pages in this folder (default: temp)")
    args = ap.parse_args(argv)
    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="kg-viz-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    rows = []
    print(f"{'entities':>9} {'facts':>7} {'page MB':>8} {'write s':>8} {'interactive s':>14}")
    for n in args.sizes:
        G = synthetic(n)
        path = out_dir / f"viz-{n}.html"
        t0 = time.perf_counter()
        write_graph(G, path, title=f"synthetic {n}")
        write_s = time.perf_counter() - t0
        shot = args.screenshots / f"viz-{n}.png" if args.screenshots else None
        tti, drawn = time_to_interactive(path, shot)
        assert drawn == G.number_of_nodes(), (drawn, G.number_of_nodes())
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
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
