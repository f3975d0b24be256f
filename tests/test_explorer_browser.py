"""The explorer page of ``kg serve`` in Debian's chromium (Playwright): search → entity
→ evidence, the neighbourhood graph and the SPARQL box; nothing leaves 127.0.0.1 and
the console stays clean.

This test must run: without /usr/bin/chromium or Playwright it FAILS (install with
``apt-get install -y chromium`` and ``pip install playwright``; never ``playwright install``).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from browser_helpers import chromium
from test_server import start_server, stop_server
from viz_helpers import seed_store

from kg.server import create_app

DOC0 = "000_6dd52f9f141e9778.txt"


@pytest.fixture(scope="module")
def base():
    """One explorer server on the seeds' store for the module (nothing here changes it)."""
    app = create_app(str(seed_store()), workers=1, timeout=10)
    srv, thread, url = start_server(app)
    try:
        yield url
    finally:
        stop_server(srv, thread)


@pytest.fixture(scope="module")
def browser():
    """One chromium for the module; each test has its own context (history, routes)."""
    with chromium() as b:
        yield b


def test_search_entity_evidence_graph_and_sparql_in_chromium(base, browser):
    from playwright.sync_api import expect

    outside, problems, requests = [], [], []
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    try:
        page = context.new_page()

        def route(r):
            requests.append(r.request.url)
            u = urlsplit(r.request.url)
            if u.scheme in ("http", "https") and u.hostname != "127.0.0.1":
                outside.append(r.request.url)
                r.abort()
            else:
                r.continue_()

        page.route("**/*", route)
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))

        page.goto(base + "/")
        expect(page.locator("#canned option")).not_to_have_count(1)  # canned loaded

        # search by an alias (gold: 植恩药业 = 重庆植恩药业有限公司)
        page.fill("#search", "植恩药业")
        page.click("#search-btn")
        hit = page.locator("#results a.entity-link").first
        expect(hit).to_contain_text("植恩")
        hit.click()

        # the entity: facts grouped by predicate
        expect(page.locator("#entity-label")).to_contain_text("植恩")
        group = page.locator('#facts .predicate[data-predicate="locatedIn"]')
        expect(group).to_be_visible()
        # gold: 重庆植恩药业有限公司 locatedIn 金凤生物医药产业园 — open its evidence
        fact = group.locator("details.fact", has_text="金凤生物医药产业园").first
        fact.locator("summary").click()
        ev = fact.locator(".evidence").first
        expect(ev).to_be_visible()
        expect(ev.locator(".sentence")).to_contain_text("金凤生物医药产业园")
        expect(ev.locator(".doc")).to_contain_text(DOC0)

        # the neighbourhood graph is drawn (vis-network, served locally)
        expect(page.locator("#graph canvas")).to_have_count(1)
        assert page.evaluate("typeof vis !== 'undefined'")

        # follow a link to a neighbour: the park
        page.locator("#facts a.entity-link", has_text="金凤生物医药产业园").first.click()
        expect(page.locator("#entity-label")).to_contain_text("金凤生物医药产业园")

        # the SPARQL box with a canned query as the example
        page.select_option("#canned", "companies-in-park")
        expect(page.locator("#params input[data-param=park]")).to_have_value("西部（重庆）科学城")
        page.click("#run")
        table = page.locator("#result-table")
        expect(table).to_contain_text("植恩")
        assert table.locator("tr").count() > 5

        # a syntax error is shown, not thrown, with the line and a caret under it
        page.fill("#sparql", "SELECT * WHERE { ?s ?p }")
        page.locator("#params").evaluate("e => e.replaceChildren()")
        page.click("#run")
        error = page.locator("#sparql-results pre.error")
        expect(error).to_contain_text("syntax error at line 1, column 25")
        expect(error).to_contain_text("^")

        # CONSTRUCT: the triples as a table and the graph as Turtle to download
        page.fill("#sparql", "CONSTRUCT { ?p a kg:Park } WHERE { ?p a kg:Park }")
        page.click("#run")
        table = page.locator("#result-table")
        expect(table.locator("th").first).to_have_text("subject")
        assert table.locator("tr").count() > 2
        with page.expect_download() as dl:
            page.click("#turtle-download")
        assert "kg:Park" in open(dl.value.path(), encoding="utf-8").read()
    finally:
        context.close()
    assert not outside, outside
    assert all(urlsplit(u).hostname in ("127.0.0.1", None) for u in requests), requests
    # the deliberate bad query above answers 400, which chromium logs as a failed resource
    problems = [m for m in problems if "400 (Bad Request)" not in m]
    assert not problems, problems


PARK = "西部（重庆）科学城"  # seeds: about 30 organisations located in it, 3 documents


def _located_in(park: str) -> int:
    """How many organisations the seeds' store locates in ``park`` (what the page
    must count: asked of the store, so a change in extraction moves both)."""
    import kg

    rows = kg.open(str(seed_store())).query(
        "PREFIX kg: <https://w3id.org/kg/ontology#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?p rdfs:label ?l . "
        f'FILTER(STR(?l) = "{park}") ?o kg:locatedIn ?p }}'
    )
    return int(next(iter(rows))["n"])


def _rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i : i + 2], 16) for i in (0, 2, 4)))


def test_paging_history_legend_and_titles_in_chromium(base, browser):
    """Issue 15: facts counted then paged ("showing N of M"), search by an alias and
    its count, the Back button redraws the previous page, the neighbourhood's legend
    in the shared palette's colours (rows toggle), documents by their first line."""
    from playwright.sync_api import expect

    from kg.viz_palette import PALETTE

    problems = []
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)  # a loaded 2-core CI box
        expect.set_options(timeout=30_000)
        page.route(
            "**/*",
            lambda r: (
                r.continue_()
                if urlsplit(r.request.url).hostname in ("127.0.0.1", None)
                else r.abort()
            ),
        )
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(base + "/")

        # search by an alias: the hit names the alias; "showing all N matches"
        page.fill("#search", "植恩药业")
        page.click("#search-btn")
        hit = page.locator("#results li.result").first
        expect(hit).to_contain_text("重庆植恩药业有限公司")
        expect(hit).to_contain_text("alias: 植恩药业")
        expect(page.locator("#results-info .shown")).to_contain_text("showing all")

        # a search with more hits than a page: "showing 1–20 of M", then the next page
        page.fill("#search", "高新区")  # 42 matches in the seeds
        page.click("#search-btn")
        shown = page.locator("#results-info .shown")
        expect(shown).to_contain_text("showing 1–20 of ")
        expect(page.locator("#results li.result")).to_have_count(20)
        total = int(shown.inner_text().split(" of ")[1].split()[0].replace(",", ""))
        page.click("#results-info button.next")
        expect(shown).to_contain_text(f"showing 21–{min(40, total)} of {total}")

        # the park: its organisations counted first, then a page of them
        page.fill("#search", PARK)
        page.click("#search-btn")
        page.locator("#results a.entity-link", has_text=PARK).first.click()
        expect(page.locator("#entity-label")).to_contain_text(PARK)
        located = page.locator('#facts .predicate[data-predicate="locatedIn"]')
        n = _located_in(PARK)
        assert 20 < n <= 40, n  # more than a page, less than two
        expect(located.locator("h3")).to_contain_text("located here")
        expect(located.locator("h3")).to_contain_text(str(n))
        expect(located.locator(".shown")).to_have_text(f"showing 1–20 of {n} facts")
        expect(located.locator("details.fact")).to_have_count(20)
        located.locator("button.next").click()
        expect(located.locator(".shown")).to_have_text(f"showing 21–{n} of {n} facts")
        expect(located.locator("details.fact")).to_have_count(n - 20)

        # documents by their first line, the file name beside it
        doc = page.locator("#docs li.document", has_text=DOC0)
        expect(doc.locator(".headline")).to_have_text("西部（重庆）科学城再添国家级新名片。")
        expect(page.locator("#docs h3")).to_contain_text("3 documents")

        # the neighbourhood: "all N neighbours", a legend in the palette's colours
        expect(page.locator("#graph canvas")).to_have_count(1)
        expect(page.locator("#graph-note")).to_contain_text("neighbours")
        park_row = page.locator('#legend .legend-row[data-type="Park"]')
        expect(park_row).to_contain_text("园区 Park")
        swatch = park_row.locator(".swatch")
        assert swatch.evaluate("e => getComputedStyle(e).color") == _rgb(
            PALETTE["types"]["Park"]["color"]
        )
        line = page.locator('#legend .legend-row[data-predicate="locatedIn"]')
        expect(line).to_contain_text("位于 located in")
        assert line.locator(".swatch").evaluate("e => getComputedStyle(e).backgroundColor") == _rgb(
            PALETTE["predicates"]["locatedIn"]["color"]
        )
        badge = page.locator("#entity-label .type")
        assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == _rgb(
            PALETTE["types"]["Park"]["color"]
        )
        # edges carry bilingual labels; a legend row hides what it names
        labels = page.evaluate("kgGraph.edges.get().map(e => e.label)")
        assert "位于 located in" in labels
        company = page.locator('#legend .legend-row[data-type="Company"]')
        company.click()
        expect(company).to_have_class(re.compile(r"\boff\b"))
        # the same click handler hid them (no polling: the page's CSP forbids eval)
        firms = "() => kgGraph.nodes.get().filter(n => n.type === 'Company')"
        assert page.evaluate(firms + ".every(n => n.hidden)")
        company.click()
        expect(company).not_to_have_class(re.compile(r"\boff\b"))
        assert page.evaluate(firms + ".every(n => !n.hidden)")

        # follow a firm, then Back: the park's page again, then the search
        located.locator("a.entity-link").first.click()
        expect(page.locator("#entity-label")).not_to_contain_text(PARK)
        page.go_back()
        expect(page.locator("#entity-label")).to_contain_text(PARK)
        page.go_back()
        expect(page.locator("#results-pane")).to_be_visible()
        expect(page.locator("#entity-pane")).to_be_hidden()
        expect(page.locator("#search")).to_have_value(PARK)
        page.go_forward()
        expect(page.locator("#entity-label")).to_contain_text(PARK)

        # the evidence table gives the sentence room to be read
        page.select_option("#canned", "evidence")
        page.click("#run")
        cell = page.locator("#result-table td.long").first
        expect(cell).to_be_visible()
        assert cell.evaluate("e => e.getBoundingClientRect().width") > 250
    finally:
        context.close()
    assert not problems, problems
