"""The explorer page of ``kg serve`` in Debian's chromium (Playwright): search → entity
→ evidence, the neighbourhood graph and the SPARQL box; nothing leaves 127.0.0.1 and
the console stays clean.

This test must run: without /usr/bin/chromium or Playwright it FAILS (install with
``apt-get install -y chromium`` and ``pip install playwright``; never ``playwright install``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from browser_helpers import ARGS, CHROMIUM, require_chromium
from test_server import start_server, stop_server
from viz_helpers import seed_store

from kg.server import create_app

DOC0 = "000_6dd52f9f141e9778.txt"


def test_search_entity_evidence_graph_and_sparql_in_chromium():
    require_chromium()
    from playwright.sync_api import expect, sync_playwright  # a missing package fails the test

    app = create_app(str(seed_store()), workers=1, timeout=10)
    srv, thread, base = start_server(app)
    outside, problems, requests = [], [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                page = browser.new_page(viewport={"width": 1300, "height": 900})

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
                expect(page.locator("#params input[data-param=park]")).to_have_value(
                    "西部（重庆）科学城"
                )
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
                browser.close()
    finally:
        stop_server(srv, thread)
    assert not outside, outside
    assert all(urlsplit(u).hostname in ("127.0.0.1", None) for u in requests), requests
    # the deliberate bad query above answers 400, which chromium logs as a failed resource
    problems = [m for m in problems if "400 (Bad Request)" not in m]
    assert not problems, problems
