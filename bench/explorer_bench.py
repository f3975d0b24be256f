"""The explorer at scale: how fast ``kg serve`` answers the largest park's page.

``python bench/explorer_bench.py STORE`` (a store built from ``bench/corpus.py``
documents, e.g. ``python bench/corpus.py 2000 DIR && kg build DIR --store STORE -j 2``)
starts ``kg serve`` on loopback, finds the park most firms are located in, and times
each JSON route the entity page uses (the first request, which makes the answer, then
the median of four, which the server sends again from its answers of the generation),
then, with ``--browser``, the whole page in Debian's chromium: from the URL
``#entity=…`` to its facts, documents and neighbourhood drawn.

First it times the name index (labels and aliases of every entity, built once per
store generation; wall and CPU seconds, three fresh opens) and the first entity
page of a server just started (the server builds the index in the background as it
starts, so that request waits only for what is left of it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

BIGGEST_PARK = """
SELECT ?p (COUNT(DISTINCT ?c) AS ?n) WHERE { ?p a kg:Park . ?c kg:locatedIn ?p }
GROUP BY ?p ORDER BY DESC(?n) LIMIT 1"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store")
    ap.add_argument("--browser", action="store_true", help="also time the page in chromium")
    args = ap.parse_args()

    import httpx
    from test_server import start_server, stop_server

    import kg
    from kg.server import create_app

    for _ in range(3):
        with kg.open(args.store) as g:
            t, cpu = time.perf_counter(), time.process_time()
            _, info = g._aliases()
            print(
                f"name index (once per store generation): {time.perf_counter() - t:.2f} s, "
                f"CPU {time.process_time() - cpu:.2f} s, {len(info):,} entities"
            )
    with kg.open(args.store) as g:
        row = g.query(BIGGEST_PARK)[0]
        park = row["p"]
        print(f"largest park: {info[park]['label']} ({row['n']} firms located in it)")

    app = create_app(args.store, workers=1, timeout=60)
    t = time.perf_counter()
    srv, thread, base = start_server(app)
    try:
        with httpx.Client(base_url=base, timeout=120) as c:
            c.get("/api/entity", params={"iri": park}).raise_for_status()
            print(
                "first /api/entity of a server just started (start included): "
                f"{(time.perf_counter() - t) * 1000:.0f} ms"
            )
    finally:
        stop_server(srv, thread)
    app = create_app(args.store, workers=1, timeout=60)
    srv, thread, base = start_server(app)
    try:
        warming = getattr(app.state.graph, "warming", None)
        if warming is not None:  # a user's first click comes after the index is built
            warming.join()
        with httpx.Client(base_url=base, timeout=120) as c:
            t = time.perf_counter()
            c.get("/api/entity", params={"iri": park}).raise_for_status()
            print(
                "first /api/entity once the server has started: "
                f"{(time.perf_counter() - t) * 1000:.0f} ms"
            )
            routes = [
                ("/api/search", {"q": "园"}),
                ("/api/entity", {"iri": park}),
                (
                    "/api/facts",
                    {"iri": park, "predicate": "locatedIn", "direction": "in", "page": "30"},
                ),
                ("/api/documents", {"iri": park, "page": "3"}),
                ("/api/neighbourhood", {"iri": park}),
            ]
            # the server keeps its answers for the generation (kg.server.Answers): the
            # first request of a route makes the answer, the others are sent again
            print("| route | first ms (made) | median ms (kept) | answer |")
            print("|---|---:|---:|---|")
            for path, params in routes:
                times = []
                for _ in range(5):
                    t = time.perf_counter()
                    r = c.get(path, params=params)
                    times.append((time.perf_counter() - t) * 1000)
                    r.raise_for_status()
                body = r.json()
                what = f"{len(r.content) // 1024} KB"
                if path == "/api/search":
                    what += f", {r.headers['X-Total-Count']} matches"
                elif path == "/api/entity":
                    groups = ", ".join(
                        f"{g['predicate']}/{g['direction']} {g['count']}" for g in body["groups"]
                    )
                    what += f"; {groups}; {body['entity']['document_count']} documents"
                elif path == "/api/neighbourhood":
                    what += f", {body['shown']} of {body['total']} neighbours"
                first, rest = times[0], statistics.median(times[1:])
                print(f"| {path} | {first:.0f} | {rest:.0f} | {what} |")
        if args.browser:
            browser_time(base, park)
    finally:
        stop_server(srv, thread)


def browser_time(base: str, park: str) -> None:
    from urllib.parse import quote

    from browser_helpers import ARGS, CHROMIUM
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(base + "/")
        page.wait_for_selector("#canned option >> nth=1", state="attached")
        times, facts = [], []
        for _ in range(4):
            page.goto(base + "/#")  # the start page, then the park's URL
            t = time.perf_counter()
            page.evaluate("h => { location.hash = h }", "entity=" + quote(park, safe=""))
            page.wait_for_selector('#facts .predicate[data-predicate="locatedIn"] .shown')
            page.wait_for_selector("#docs li.document")
            facts.append((time.perf_counter() - t) * 1000)
            page.wait_for_selector("#legend .legend-row")  # the neighbourhood drawn
            times.append((time.perf_counter() - t) * 1000)
        browser.close()
    print(
        f"chromium, the park's page: facts and documents shown in {facts[0]:.0f} ms "
        f"(median of the rest {statistics.median(facts[1:]):.0f} ms); with the "
        f"neighbourhood drawn {times[0]:.0f} ms (median {statistics.median(times[1:]):.0f} ms)"
    )


if __name__ == "__main__":
    main()
