"""The seeds' page in Debian's chromium (Playwright): draws, clicks, stays offline.

This test must run: without /usr/bin/chromium or Playwright it FAILS (install
with ``apt-get install -y chromium``; never ``playwright install``).
"""

from __future__ import annotations

from browser_helpers import ARGS, CHROMIUM, require_chromium
from viz_helpers import seed_graph, seed_html, seed_store

from kg.store import open_store


def _entities() -> int:
    q = (
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH graph:entities { ?e a ?t } "
        "VALUES ?t { kg:Park kg:Company kg:Institution kg:Industry } }"
    )
    with open_store(seed_store()) as s:
        return int(next(iter(s.query(q)))["n"].value)


def test_seeds_page_in_chromium():
    require_chromium()
    from playwright.sync_api import sync_playwright  # a missing package fails the test

    page_path = seed_html()
    url = page_path.as_uri()
    G = seed_graph()
    outside, problems = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})

            def route(r):
                if r.request.url == url:
                    r.continue_()
                else:  # anything else would leave the file
                    outside.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.on(
                "console",
                lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
            )
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("requestfailed", lambda r: outside.append(r.url))
            page.goto(url)
            page.wait_for_function("window.kg && window.kg.ready === true", timeout=30_000)

            drawn = page.evaluate("kg.network.body.nodeIndices.length")
            assert drawn == _entities() == G.number_of_nodes()
            assert page.evaluate("Object.keys(kg.network.getPositions()).length") == drawn
            assert page.evaluate("kg.network.body.edgeIndices.length") == G.number_of_edges()
            # every edge tooltip carries a source; every node tooltip the aliases line
            assert page.evaluate("kg.edges.get().every(e => e.title.includes('来源'))")
            assert page.evaluate("kg.nodes.get().every(n => n.title.includes('别名'))")

            # click the biggest hub: the panel shows its tooltip
            hub = max(G, key=G.degree)
            page.evaluate("id => kg.network.focus(id, {scale: 1.5})", hub)
            page.wait_for_timeout(100)
            x, y = page.evaluate(
                """id => { const p = kg.network.canvasToDOM(kg.network.getPosition(id));
                           const r = document.getElementById('graph').getBoundingClientRect();
                           return [p.x + r.left, p.y + r.top]; }""",
                hub,
            )
            page.mouse.move(x, y)
            tooltip = page.locator("div.vis-tooltip")
            tooltip.wait_for(state="visible", timeout=5_000)
            assert G.nodes[hub]["label"] in tooltip.inner_text()
            page.mouse.click(x, y)
            assert page.evaluate("kg.network.getSelectedNodes()") == [hub]
            info = page.locator("#info")
            info.wait_for(state="visible", timeout=5_000)
            text = info.inner_text()
            assert G.nodes[hub]["label"] in text and "别名" in text
            for alias in G.nodes[hub]["aliases"]:
                assert alias in text

            # click an edge's middle: the panel shows its sentence and source
            s, o, k = next(iter(G.edges(hub, keys=True)))
            page.evaluate("() => kg.network.unselectAll()")
            ev = G.edges[s, o, k]["evidence"][0]
            found = page.evaluate(
                """([s, o]) => { const e = kg.edges.get().find(e => e.from === s && e.to === o);
                     kg.network.selectEdges([e.id]); return e.title; }""",
                [s, o],
            )
            assert ev["text"] in found and ev["doc"] in found
            page.screenshot(path=str(page_path.with_suffix(".png")))
        finally:
            browser.close()
    assert outside == [], f"requests left the file: {outside}"
    assert problems == [], f"console errors: {problems}"
