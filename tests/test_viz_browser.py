"""The seeds' page in Debian's chromium (Playwright): draws, clicks, stays offline.

This test must run: without /usr/bin/chromium or Playwright it FAILS (install
with ``apt-get install -y chromium``; never ``playwright install``).
"""

from __future__ import annotations

import contextlib

import pytest
from browser_helpers import chromium
from viz_helpers import corpus_store, seed_graph, seed_html, seed_store

from kg.store import open_store


@pytest.fixture(scope="module")
def browser():
    """One chromium for the module's tests; each test has its own context (page,
    routes, storage), as with a browser of its own."""
    with chromium() as b:
        yield b


def _entities() -> int:
    q = (
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH graph:entities { ?e a ?t } "
        "VALUES ?t { kg:Park kg:Company kg:Institution kg:Industry } }"
    )
    with open_store(seed_store()) as s:
        return int(next(iter(s.query(q)))["n"].value)


def test_seeds_page_in_chromium(browser):
    page_path = seed_html()
    url = page_path.as_uri()
    G = seed_graph()
    outside, problems = [], []
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()

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
        _wait_ready(page)

        # every entity is in the page; those without facts are hidden until asked for
        lone = sum(1 for n in G if G.degree(n) == 0)
        assert page.evaluate("kg.nodes.length") == _entities() == G.number_of_nodes()
        drawn = page.evaluate("kg.network.body.nodeIndices.length")
        assert drawn == G.number_of_nodes() - lone
        page.click("#isolated")
        assert page.evaluate("kg.network.body.nodeIndices.length") == G.number_of_nodes()
        page.click("#isolated")
        assert page.evaluate("kg.network.body.edgeIndices.length") == G.number_of_edges()
        # every edge tooltip carries a source; every node tooltip the aliases line
        assert page.evaluate("kg.edges.get().every(e => e.title.includes('来源'))")
        assert page.evaluate("kg.nodes.get().every(n => n.title.includes('别名'))")

        # click the biggest hub: the panel lists its facts with their evidence
        hub = max(G, key=G.degree)
        page.evaluate("id => kg.network.focus(id, {scale: 1.5})", hub)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")  # drawn
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
        first = G.edges[next(iter(G.edges(hub, keys=True)))]["evidence"][0]
        assert first["text"] in text and first["doc"] in text
        # documents by their headline, the file name after it (as in the explorer)
        table = page.evaluate("({docs: kg.facts.docs, heads: kg.facts.heads})")
        heads = dict(zip(table["docs"], table["heads"], strict=True))
        assert heads[first["doc"]] and f"{heads[first['doc']]} · {first['doc']}" in text
        docs = G.nodes[hub]["docs"]
        assert f"文档 documents ({len(docs)})" in text
        rows = info.locator(".docs .doc")
        assert rows.count() == min(len(docs), 30)
        assert rows.first.locator(".headline").inner_text() == heads[docs[0]]
        assert rows.first.locator(".filename").inner_text() == f" · {docs[0]}"

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
        context.close()
    assert outside == [], f"requests left the file: {outside}"
    assert problems == [], f"console errors: {problems}"


def _wait_ready(page) -> None:
    """Until the page is drawn and its tables indexed (``<body data-ready>``). A selector,
    not ``wait_for_function``: polling a function is an eval, which the page's CSP refuses
    whenever the first check finds it not ready yet."""
    page.wait_for_selector("body[data-ready]", state="attached", timeout=60_000)
    assert page.evaluate("kg.ready") is True


@contextlib.contextmanager
def _page(browser, path):
    """A chromium page on the file at ``path``, drawn; yields (page, problems)."""
    url = path.as_uri()
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    try:
        page = context.new_page()
        page.route(
            "**/*",
            lambda r: (
                r.continue_()
                if r.request.url == url
                else problems.append(r.request.url) or r.abort()
            ),
        )
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.goto(url)
        _wait_ready(page)
        yield page, problems
    finally:
        context.close()


def test_search_by_alias_miss_and_legend_toggles(browser):
    G = seed_graph()
    node = next(n for n, d in G.nodes(data=True) if "植恩生物" in d["aliases"])
    with _page(browser, seed_html()) as (page, problems):
        page.fill("#search", "植恩生物")
        page.press("#search", "Enter")
        assert page.evaluate("kg.network.getSelectedNodes()") == [node]
        text = page.locator("#info").inner_text()
        assert G.nodes[node]["label"] in text and "来源" in text
        assert page.inner_text("#search-msg") == ""

        page.fill("#search", "没有这个名字的实体")
        page.press("#search", "Enter")
        assert "未找到" in page.inner_text("#search-msg")

        # a predicate row of the legend hides that predicate's edges, and shows them again
        n = sum(1 for *_, k in G.edges(keys=True) if k == "locatedIn")
        row = page.locator('#preds .row[data-predicate="locatedIn"]')
        visible = "kg.network.body.edgeIndices.length"
        before = page.evaluate(visible)
        row.click()
        assert page.evaluate(visible) == before - n
        row.click()
        assert page.evaluate(visible) == before
    assert problems == []


def test_overview_of_a_generated_store_and_drill_down(tmp_path, browser):
    from kg.graphview import load
    from kg.viz import write_graph

    G = load(corpus_store(100))  # 15 parks, 56 firms in the biggest: size is not the point
    out = write_graph(G, tmp_path / "overview.html", title="overview", overview=True)
    parks = [n for n, d in G.nodes(data=True) if d["type"] == "Park"]
    hub = max(parks, key=lambda p: sum(1 for *_, k in G.in_edges(p, keys=True) if k == "locatedIn"))
    firms = {s for s, _, k in G.in_edges(hub, keys=True) if k == "locatedIn"}
    with _page(browser, out) as (page, problems):
        assert page.evaluate("kg.mode") == "overview"
        drawn = set(page.evaluate("kg.nodes.getIds()"))
        assert set(parks) <= drawn and not drawn & firms  # parks, not firms
        assert page.evaluate(f"kg.nodes.get({hub!r}).firms") == len(firms)

        # click the park: its firms and industries, then a firm's facts with evidence
        page.evaluate("id => kg.network.focus(id, {scale: 1.0})", hub)
        x, y = _screen(page, hub)
        page.mouse.click(x, y)
        page.wait_for_function("v => kg.state.view === v", arg=hub)
        assert firms <= set(page.evaluate("kg.nodes.getIds()"))
        assert "总览" in page.inner_text("#crumbs")
        # the park's facts are lines drawn on the canvas: each firm's locatedIn, all drawn
        lines = page.evaluate("kg.lines().map(l => [l.from, l.to, l.predicate])")
        assert {(f, hub, "locatedIn") for f in firms} <= {tuple(x) for x in lines}
        assert page.evaluate("kg.linesDrawn") == len(lines)
        # a legend row hides its predicate's lines and shows them again
        n = sum(1 for x in lines if x[2] == "locatedIn")
        row = page.locator('#preds .row[data-predicate="locatedIn"]')
        row.click()
        assert page.evaluate("kg.linesDrawn") == len(lines) - n
        row.click()
        assert page.evaluate("kg.linesDrawn") == len(lines)
        # a click on a line (away from nodes and other lines) names its fact in the panel
        page.evaluate("() => kg.network.unselectAll()")
        spot = page.evaluate(_LINE_SPOT)
        assert spot, "no line to click alone"
        page.mouse.click(spot[0], spot[1])
        info = page.locator("#info")
        info.wait_for(state="visible", timeout=5_000)
        assert page.inner_text("#info-text").strip() == spot[2]
        firm = sorted(firms)[0]
        page.evaluate("id => kg.network.focus(id, {scale: 2.0})", firm)
        x, y = _screen(page, firm)
        page.mouse.click(x, y)
        text = page.locator("#info").inner_text()
        ev = G.edges[firm, hub, "locatedIn"]["evidence"][0]
        assert G.nodes[firm]["label"] in text and ev["text"] in text

        # search reaches a firm from the overview; the crumb goes back
        page.click("#crumbs a")
        assert page.evaluate("kg.state.view") == "top"
        assert page.evaluate("q => kg.search(q)", G.nodes[firm]["label"]) == firm
        assert page.evaluate("kg.network.getSelectedNodes()") == [firm]
        page.screenshot(path=str(out.with_suffix(".png")))
    assert problems == []


# a point on a line of the park's view, 8 px or more from any node and any other line and
# clear of the legend and the panel: [x, y, the line's title]
_LINE_SPOT = """() => {
  const net = kg.network, bn = net.body.nodes, s = net.getScale();
  const ls = kg.lines(), r = document.getElementById("graph").getBoundingClientRect();
  const dist = (l, x, y) => {
    const a = bn[l.from], b = bn[l.to], dx = b.x - a.x, dy = b.y - a.y, n = dx * dx + dy * dy;
    const t = n ? Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / n)) : 0;
    return Math.hypot(a.x + t * dx - x, a.y + t * dy - y) * s;
  };
  for (const l of ls) {
    for (const t of [0.5, 0.35, 0.65]) {
      const a = bn[l.from], b = bn[l.to], x = a.x + t * (b.x - a.x), y = a.y + t * (b.y - a.y);
      const p = net.canvasToDOM({x, y});
      if (p.x < 450 || p.y < 20 || p.x > r.width - 430 || p.y > r.height - 20) continue;
      const nearNode = Object.values(bn).some(n => n.options && !n.options.hidden &&
        Math.hypot(n.x - x, n.y - y) * s < (n.options.size || 0) * s + 8);
      if (nearNode || ls.some(o => o !== l && dist(o, x, y) < 8)) continue;
      return [p.x + r.left, p.y + r.top, l.title];
    }
  }
  return null;
}"""


def _screen(page, node):
    return page.evaluate(
        """id => { const p = kg.network.canvasToDOM(kg.network.getPosition(id));
                   const r = document.getElementById('graph').getBoundingClientRect();
                   return [p.x + r.left, p.y + r.top]; }""",
        node,
    )


def test_bounded_overview_says_what_it_cut_and_finds_aliases(tmp_path, browser, monkeypatch):
    """On the overview the page carries a bounded part of the facts (kg.viz_facts.LIMITS):
    every entity and its counts, of each group its first facts, one sentence; it says
    "showing N of M" wherever it cuts and that kg serve's explorer has the rest."""
    from kg.graphview import load
    from kg.viz import write_html
    from kg.viz_facts import LIMITS

    monkeypatch.setitem(LIMITS, "firms", 20)  # the park view's firms, cut too
    monkeypatch.setitem(LIMITS, "facts", 3)
    store = corpus_store(100)
    G = load(store)
    out = write_html(store, tmp_path / "bounded.html", overview=True)
    assert '"facts' not in out.read_text(encoding="utf-8")  # packed, not plain JSON
    parks = [n for n, d in G.nodes(data=True) if d["type"] == "Park"]
    hub = max(parks, key=lambda p: (G.in_degree(p), p))
    firms = {s for s, _, k in G.in_edges(hub, keys=True) if k == "locatedIn"}
    assert len(firms) > 20
    with _page(browser, out) as (page, problems):
        assert page.evaluate("kg.facts.limits.facts") == LIMITS["facts"]
        assert page.evaluate("kg.facts.ents.length") == G.number_of_nodes()  # all, for search
        page.evaluate("iri => kg.open(iri)", hub)  # synchronous: the view is drawn after it
        assert page.evaluate("kg.state.view") == hub
        shown = set(page.evaluate("kg.nodes.getIds()")) & firms
        assert len(shown) == 20
        crumbs = page.inner_text("#crumbs")
        assert f"showing 20 of {len(firms)}" in crumbs and "kg serve" in crumbs
        # the park's panel: every group with its count; a fact with its sentence and source
        info = page.locator("#info")
        text = info.inner_text()
        assert f"← 位于 locatedIn ({len(firms)})" in text
        rows = info.locator(".fact")
        assert "「" in rows.first.inner_text() and "来源" in rows.first.inner_text()
        docs = G.nodes[hub]["docs"]
        assert f"文档 documents ({len(docs)})" in text
        assert f"showing {min(len(docs), LIMITS['docs'])} of {len(docs)}" in text

        # an entity with a group the page cut: its count, the facts carried, "showing N of M"
        i, key, carried, total = page.evaluate(_CUT_GROUP)
        page.evaluate("i => kg.open(kg.facts.ents[i][0])", i)
        text = info.inner_text()
        assert f"{key} ({total})" in text
        assert f"showing {carried} of {total}" in text and "kg serve" in text
        for row in info.locator(".fact").all():  # a sentence, or where to find it
            t = row.inner_text()
            assert ("「" in t and "来源" in t) or "evidence: kg serve" in t

        page.screenshot(path=str(out.with_suffix(".png")))
    assert problems == []

    # search by an alias finds its entity in a bounded page too (the seeds' overview)
    seeds = seed_graph()
    node = next(n for n, d in seeds.nodes(data=True) if "植恩生物" in d["aliases"])
    out = write_html(seed_store(), tmp_path / "seeds-overview.html", overview=True)
    with _page(browser, out) as (page, problems):
        assert page.evaluate("kg.facts.limits.facts") == LIMITS["facts"]
        page.fill("#search", "植恩生物")
        page.press("#search", "Enter")
        assert page.inner_text("#search-msg") == ""
        assert page.evaluate("kg.shown") == node
        assert seeds.nodes[node]["label"] in page.locator("#info h2").inner_text()
        page.fill("#search", "没有这个名字的实体")
        page.press("#search", "Enter")
        assert "未找到" in page.inner_text("#search-msg")
    assert problems == []


# the first (entity, group) whose facts the page cut: [entity, "← 位于 locatedIn", carried, count]
_CUT_GROUP = """() => {
  const t = kg.facts, carried = {};
  t.facts.forEach(f => {
    carried[f[0] + ":" + (f[1] * 2)] = (carried[f[0] + ":" + (f[1] * 2)] || 0) + 1;
    carried[f[2] + ":" + (f[1] * 2 + 1)] = (carried[f[2] + ":" + (f[1] * 2 + 1)] || 0) + 1;
  });
  for (let i = 0; i < t.ents.length; i++) {
    const g = t.ents[i][6];
    for (let k = 0; k < g.length; k += 2) {
      const n = carried[i + ":" + g[k]] || 0;
      if (n < g[k + 1] && n <= 30) {
        const p = t.preds[g[k] >> 1];
        const zh = {locatedIn: "位于", partOf: "隶属", focusesOn: "聚焦", inIndustry: "属于产业",
                    cooperatesWith: "合作"}[p];
        return [i, (g[k] & 1 ? "← " : "→ ") + zh + " " + p, n, g[k + 1]];
      }
    }
  }
  return null;
}"""


def test_a_focus_page_says_which_documents_it_cut(tmp_path, browser, monkeypatch):
    """A view around a focus lists at most ``kg.viz.FOCUS_DOCS`` documents of an
    entity; its panel counts them all and says "showing N of M" and where the rest is."""
    import kg.viz
    from kg.viz import write_html

    monkeypatch.setattr(kg.viz, "FOCUS_DOCS", 2)
    G = seed_graph()
    hub = max(G, key=G.degree)
    out = write_html(seed_store(), tmp_path / "focus.html", focus=G.nodes[hub]["label"])
    near = [hub, *G.successors(hub), *G.predecessors(hub)]
    many = max(near, key=lambda n: (len(G.nodes[n]["docs"]), n))
    total = len(G.nodes[many]["docs"])
    assert total > 2
    with _page(browser, out) as (page, problems):
        page.evaluate("iri => kg.open(iri)", many)
        text = page.locator("#info").inner_text()
        assert f"文档 documents ({total})" in text
        assert f"showing 2 of {total}" in text and "kg serve" in text
        assert page.locator("#info .doc").count() == 2
    assert problems == []
