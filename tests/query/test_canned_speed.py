"""The canned queries rewritten for speed (pages read in windows, labels compared by
short keys, IRIs right after a name: bench/RESULTS.md, "Canned queries") answer
what the plain queries answered, in their order, page after page: on a graph built
from a few small records made to hold what the windows must get right.

* two entities of one name (a park and an institution 庚科学城; a generic 管委会 and
  科学城 in two documents, each its own entity), names sharing their first five
  characters, names shorter than five, ASCII names;
* facts stated by several documents (more rows than facts), with and without
  offsets, and cooperations written in either direction;
* sub-parks in a chain and a sub-park of two parks;
* more rows than a page, in several predicate groups, for every query.

The reference is each query as it was before the rewrite
(tests/fixtures/canned-before/*.rq: no windows, no keys), every row. Speed is
measured in bench/ (bench/query_bench.py), not here.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from kg.query import execute, load_query
from kg.query.canned import canned_queries
from kg.store import open_store

BEFORE = Path(__file__).parents[1] / "fixtures" / "canned-before"

PARK = "甲高新区"
COMPANIES = [  # names sharing their first five characters, short ones, ASCII ones
    "甲乙丙丁戊科技有限公司", "甲乙丙丁戊智能有限公司", "甲乙丙丁己电子有限公司",
    "子丑寅卯科技有限公司", "ABC微电子有限公司", "abc芯片有限公司", "辰巳有限公司",
    "午未申酉戌亥科技股份有限公司", "天地玄黄宇宙洪荒有限公司", "日月盈昃辰宿列张有限公司",
    "寒来暑往秋收冬藏有限公司", "闰余成岁律吕调阳有限公司",
]  # fmt: skip


def _ent(name, type_, aliases=()):
    return {"name": name, "type": type_, "aliases": list(aliases)}


def _rel(s, p, o, evidence, start=None, confidence=0.8):
    r = {"subject": s, "predicate": p, "object": o, "evidence": evidence, "confidence": confidence}
    if start is not None:
        r.update(start=start, end=start + len(evidence))
    return r


def _records() -> list[dict]:
    parks = [
        _ent(PARK, "Park", ["甲高新技术产业开发区"]),
        _ent("乙软件园", "Park"),
        _ent("丙数字产业园", "Park"),
        _ent("丁产业园", "Park"),
        _ent("戊经开区", "Park"),
        _ent("庚科学城", "Park"),
    ]
    industries = [
        _ent(n, "Industry") for n in ("软件", "人工智能", "生物医药", "集成电路", "新材料")
    ]
    companies = [_ent(n, "Company") for n in COMPANIES]
    docs = []
    for i, doc in enumerate(("a.txt", "b.txt", "c.txt", "d.txt")):
        ents = (
            parks
            + industries
            + companies
            + [
                _ent("庚科学城", "Institution"),  # a park and an institution of one name
                _ent("管委会", "Institution"),  # generic: an entity of this document only
                _ent("科学城", "Park"),  # generic too
                _ent("辛大学", "Institution"),
            ]
        )
        rels = [
            _rel("乙软件园", "partOf", PARK, "乙软件园是甲高新区的园中园。", 10 * i),
            _rel("丙数字产业园", "partOf", "乙软件园", "丙数字产业园位于乙软件园内。"),
            _rel("丁产业园", "partOf", PARK, "丁产业园属甲高新区。", 5),
            _rel("丁产业园", "partOf", "戊经开区", "丁产业园也属戊经开区。", 7),
            _rel("科学城", "partOf", PARK, "科学城是甲高新区的一部分。", 3),
            _rel("管委会", "locatedIn", PARK, "管委会设在甲高新区。", 1),
            # the 管委会 of each document in another sub-park too: rows of one name
            # that the old order interleaved by park
            _rel(
                "管委会",
                "locatedIn",
                ["乙软件园", "丙数字产业园", "丁产业园", "科学城"][i],
                "管委会在园区设有服务站。",
                2,
            ),
            _rel("管委会", "cooperatesWith", "辛大学", "管委会与辛大学合作。"),
            _rel("庚科学城", "cooperatesWith", "辛大学", "庚科学城与辛大学共建。", 40 + i),
        ]
        # each document states some of the facts, so most are stated by several
        for j, name in enumerate(COMPANIES):
            if (i + j) % 4 == 3:
                continue
            site = [PARK, "乙软件园", "丙数字产业园", "丁产业园", "科学城", "庚科学城"][(i + j) % 6]
            rels.append(
                _rel(name, "locatedIn", site, f"{name}落户{site}。", 100 + j if j % 3 else None)
            )
            rels.append(_rel(name, "locatedIn", PARK, f"{name}位于甲高新区。", 200 + j))
            partner = COMPANIES[(j + 1 + i) % len(COMPANIES)]
            a, b = (name, partner) if i % 2 else (partner, name)  # either direction
            rels.append(_rel(a, "cooperatesWith", b, f"{a}与{b}签约合作。", 300 + j))
            rels.append(_rel(name, "cooperatesWith", "庚科学城", f"{name}与庚科学城合作。"))
        for j, (site, ind) in enumerate(
            [
                (PARK, "软件"),
                (PARK, "人工智能"),
                ("乙软件园", "软件"),
                ("丙数字产业园", "集成电路"),
                ("丁产业园", "生物医药"),
                ("戊经开区", "新材料"),
                ("科学城", "人工智能"),
                ("庚科学城", "软件"),
                ("乙软件园", "新材料"),
            ][i:]  # fmt: skip
        ):
            rels.append(_rel(site, "focusesOn", ind, f"{site}聚焦{ind}产业。", 500 + j))
        docs.append({"doc": doc, "entities": ents, "relations": rels})
    return docs


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from graph_helpers import fixture_build

    d = tmp_path_factory.mktemp("canned-speed")
    paths = []
    for r in _records():
        p = d / (Path(r["doc"]).stem + ".json")
        p.write_text(json.dumps(r, ensure_ascii=False), encoding="utf-8")
        paths.append(p)
    fixture_build(paths, d / "store")
    with open_store(d / "store") as s:
        yield s


# ------------------------------------------------------------------ the order of each query


def _k(v):
    """A value as SPARQL orders it here: unbound first, then by value."""
    if v is None:
        return (0, "")
    if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
        return (1, float(v))
    return (2, str(v))


ORDER = {  # the documented order of each query (the .rq headers)
    "companies-in-park": ("type", "orgLabel", "org", "siteLabel", "site"),
    "evidence": ("subjectLabel", "subject", "predicate", "objectLabel", "object", "title",
                 "start", "document"),
    "facts": ("predicate", "subjectLabel", "objectLabel", "subject", "object", "title",
              "start", "document"),
    "most-connected": ("-degree", "label", "entity", "type"),
    "park-industries": ("industryLabel", "industry", "siteLabel", "site", "concept"),
    "parks-by-companies": ("-companies", "parkLabel", "park"),
    "parks-by-industry": ("parkLabel", "focusLabel", "park", "focus"),
    "partners": ("partnerLabel", "partner", "title", "document", "evidence"),
}  # fmt: skip

PARAMS = {  # names with many rows, a sub-park, an alias, names of two entities, nothing
    "companies-in-park": [PARK, "甲高新技术产业开发区", "乙软件园", "庚科学城", "科学城", "无此园"],
    "park-industries": [PARK, "乙软件园", "戊经开区", "科学城", "无此园"],
    "facts": [PARK, "庚科学城", "管委会", COMPANIES[0], "软件", "无此名"],
    "partners": ["庚科学城", "辛大学", COMPANIES[3], "管委会", "无此名"],
    "parks-by-industry": ["软件", "人工智能", "新材料", "无此产业"],
}


def _sort_key(name):
    cols = ORDER[name]

    def key(row):
        out = []
        for c in cols:
            k = _k(row.get(c.lstrip("-")))
            out.append((k[0], -k[1]) if c.startswith("-") else k)
        return tuple(out)

    return key


def _cases():
    for name in sorted(canned_queries()):
        for value in PARAMS.get(name, [None]):
            yield pytest.param(name, value, id=f"{name}-{value}" if value else name)


def _params(name, value):
    _, canned = load_query(name)
    return {p: value for p in canned.params} if value is not None else {}


def _all(store, name, params):
    text, canned = load_query(name)
    return execute(store, text, {**params, "limit": "all"}, canned=canned)


def _rows(res):
    return [tuple("" if t is None else str(t) for t in row) for row in res.rows]


def test_the_graph_holds_the_cases(store):
    # the cases above are in the graph (kg keeps them apart or together as meant)
    rows = execute(store, 'SELECT ?e WHERE { ?e rdfs:label "科学城"@zh }').rows
    assert len(rows) == 4  # one park a document
    rows = execute(store, 'SELECT ?e WHERE { ?e rdfs:label "庚科学城"@zh }').rows
    assert len(rows) == 2  # a park and an institution
    support = execute(store, "SELECT (MAX(?n) AS ?m) WHERE { SELECT ?s ?o (COUNT(?g) AS ?n) "
                      "WHERE { GRAPH ?g { ?s kg:locatedIn ?o } } GROUP BY ?s ?o }")  # fmt: skip
    assert int(support.rows[0][0].value) >= 3


@pytest.mark.parametrize(("name", "value"), list(_cases()))
def test_every_row_as_before(store, name, value):
    """limit=all answers the rows the plain query answered before the rewrite."""
    params = _params(name, value)
    before = (BEFORE / f"{name}.rq").read_text(encoding="utf-8")
    before = re.sub(r"\bLIMIT\s+\d+\s*$", "", before)  # most-connected had a top 25
    old = execute(store, before, params)
    new = _all(store, name, params)
    assert new.variables == old.variables
    assert sorted(_rows(new)) == sorted(_rows(old)), (name, value)
    if value is not None and not value.startswith("无此"):
        assert new.rows, (name, value)  # each case has rows to page through


@pytest.mark.parametrize(("name", "value"), list(_cases()))
def test_rows_come_in_the_documented_order(store, name, value):
    params = _params(name, value)
    every = _all(store, name, params).to_python()
    assert every == sorted(every, key=_sort_key(name)), (name, value)


@pytest.mark.parametrize("size", [1, 3, 7])
@pytest.mark.parametrize(("name", "value"), list(_cases()))
def test_pages_walk_through_every_row(store, name, value, size):
    """Page after page (each read in its own windows) gives every row once, in order:
    the windows reach past ties of names, groups of predicates, facts stated by
    several documents and entities of one name. (Pages of one row: the first 60.)"""
    text, canned = load_query(name)
    params = _params(name, value)
    every = _rows(_all(store, name, params))
    if size == 1:
        every = every[:60]
    walked, offset = [], 0
    while offset < len(every) or not walked:
        page = _rows(
            execute(store, text, {**params, "limit": size, "offset": offset}, canned=canned)
        )
        assert len(page) <= size
        if not page:
            break
        walked += page
        offset += size
        assert len(page) == size or offset >= len(every), (name, value, offset)
    assert walked[: len(every)] == every, (name, value, size)
    if size > 1:  # and nothing after the last row
        after = execute(store, text, {**params, "offset": len(every)}, canned=canned)
        assert not after.rows, (name, value)


def test_the_first_page_is_the_default(store):
    for name in sorted(canned_queries()):
        text, canned = load_query(name)
        params = _params(name, PARAMS.get(name, [None])[0])
        first = _rows(execute(store, text, params, canned=canned))
        assert first == _rows(_all(store, name, params))[: canned.page], name
