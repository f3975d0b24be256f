import itertools
import json

import pytest
from graph_helpers import FIXTURES, GOLD, records

from kg.resolve import (
    AtomPool,
    company_core,
    entity_iri,
    local_atoms,
    merge_atoms,
    normalize,
    park_core,
    resolve,
)


def _by_label(res):
    return {e.label: e for e in res.entities.values()}


def _node(res, doc, name):
    iri = res.iri(doc, name)
    assert iri, (doc, name)
    return iri


def test_normalize_brackets_spaces_case():
    assert normalize("西部（重庆）科学城") == normalize("西部(重庆)科学城")
    assert normalize(" Cytiva BioPark ") == "cytivabiopark"


def test_company_core_place_prefix_and_legal_suffix():
    assert company_core("重庆植恩药业有限公司") == company_core("植恩药业") == "植恩药业"
    assert company_core("清安储能技术(重庆)有限公司") == "清安储能技术"
    assert company_core("重庆植恩药业有限公司") != company_core("重庆邑辰医疗科技有限公司")
    # only a place and generic words: no core, so no merge on it
    assert company_core("重庆电子科技有限公司") is None
    assert company_core("威海集团") is None


def test_park_core_spellings():
    assert park_core("贵阳高新技术产业开发区") == park_core("贵阳高新区")
    assert park_core("杭州高新区(滨江)") == park_core("杭州高新区")
    assert park_core("科学城") is None


def test_same_entity_across_documents():
    res = resolve(records())
    zhien = _node(res, "000_6dd52f9f141e9778.txt", "重庆植恩药业有限公司")
    assert _node(res, "zhien_short.txt", "植恩生物") == zhien
    assert _node(res, "zhien_short.txt", "植恩药业") == zhien
    # both bracket widths
    kxc = _node(res, "000_6dd52f9f141e9778.txt", "西部（重庆）科学城")
    assert _node(res, "004_3637a42b51946bac.txt", "西部(重庆)科学城") == kxc
    assert _node(res, "zhien_short.txt", "西部(重庆)科学城") == kxc
    # a short name given as an alias in another document
    cytiva = _node(res, "000_6dd52f9f141e9778.txt", "Cytiva（思拓凡）")
    assert _node(res, "zhien_short.txt", "思拓凡") == cytiva
    # a full legal name and the brand another article uses
    assert _node(res, "zhien_short.txt", "海康威视数字技术股份有限公司") == _node(
        res, "004_3637a42b51946bac.txt", "海康威视"
    )
    # a park written (杭州高新区（滨江）) and (杭州高新区(滨江))
    assert _node(res, "zhien_short.txt", "杭州高新区（滨江）") == _node(
        res, "004_3637a42b51946bac.txt", "杭州高新区(滨江)"
    )
    # a one-character typo of a known park, under the gazetteer's name
    typo = _node(res, "lookalikes.txt", "宜昌丰城高新区")
    assert typo == _node(res, "000_6dd52f9f141e9778.txt", "宜春丰城高新区")
    assert res.entities[typo].label == "宜春丰城高新区"
    assert "宜昌丰城高新区" in res.entities[typo].aliases


def test_lookalikes_stay_apart():
    res = resolve(records())
    doc = "lookalikes.txt"
    assert _node(res, doc, "重庆邑辰医疗科技有限公司") != _node(
        res, "000_6dd52f9f141e9778.txt", "重庆植恩药业有限公司"
    )
    assert _node(res, doc, "威海集团") != _node(res, doc, "威海火炬高新区")
    assert _node(res, doc, "长春高新区") != _node(res, doc, "长沙高新区")
    assert _node(res, doc, "宜昌丰城高新区管委会") != _node(res, doc, "宜昌丰城高新区")


def test_generic_names_link_only_inside_their_document():
    a = {"doc": "a.txt", "entities": [{"name": "管委会", "type": "Institution"}], "relations": []}
    b = {"doc": "b.txt", "entities": [{"name": "管委会", "type": "Institution"}], "relations": []}
    res = resolve([a, b])
    assert res.iri("a.txt", "管委会") != res.iri("b.txt", "管委会")


def test_one_document_keeps_its_entities_apart():
    rec = {
        "doc": "x.txt",
        "entities": [
            {"name": "中国电子", "type": "Company"},
            {"name": "中国电子科技集团有限公司", "type": "Company"},
            {"name": "中国电子科技集团公司", "type": "Company"},
        ],
        "relations": [],
    }
    other = {"doc": "y.txt", "entities": [{"name": "中国电子科技集团公司", "type": "Company"}]}
    res = resolve([rec, other])
    assert res.iri("x.txt", "中国电子") != res.iri("x.txt", "中国电子科技集团有限公司")
    assert res.iri("y.txt", "中国电子科技集团公司") == res.iri("x.txt", "中国电子科技集团公司")


def test_iris_do_not_depend_on_document_order():
    recs = records()
    first = resolve(recs)
    for perm in itertools.islice(itertools.permutations(recs), 0, 120, 17):
        res = resolve(list(perm))
        assert res.by_name == first.by_name
        assert sorted(res.entities) == sorted(first.entities)


def test_iri_form():
    iri = entity_iri("Company", "植恩药业")
    assert iri.startswith("https://w3id.org/kg/id/company/")
    assert len(iri.rsplit("/", 1)[1]) == 12


def test_a_later_document_adds_to_the_known_node():
    recs = [r for r in records() if r["doc"].startswith("000")]
    before = resolve(recs)
    after = resolve(recs + [r for r in records() if r["doc"] == "zhien_short.txt"])
    iri = before.iri("000_6dd52f9f141e9778.txt", "重庆植恩药业有限公司")
    assert after.iri("zhien_short.txt", "植恩生物") == iri
    assert "zhien_short.txt" in after.entities[iri].docs


@pytest.mark.skipif(not GOLD.is_dir(), reason="the gold dev set is not here")
def test_dev_set_no_split_no_merge():
    """On the whole gold dev set: no gold entity over two nodes, no two in one.

    Across documents, two gold entities are the same entity when they share a
    type and a normalised name or alias.
    """
    recs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    res = resolve(recs)
    split, merged = _split_merged(recs, res)
    assert split == [] and merged == []


def _split_merged(recs, res):
    split, merged = [], []
    owner: dict[str, tuple] = {}
    by_name: dict[tuple, set] = {}
    for rec in recs:
        for e in rec["entities"]:
            names = [e["name"], *e.get("aliases", [])]
            iris = {res.iri(rec["doc"], n) for n in names}
            if len(iris) > 1:
                split.append((rec["doc"], e["name"]))
            for n in names:
                by_name.setdefault((e["type"], normalize(n)), set()).update(iris)
            iri = next(iter(iris))
            key = (rec["doc"], e["name"])
            if iri in owner and owner[iri][0] == rec["doc"]:
                merged.append((key, owner[iri]))
            owner.setdefault(iri, key)
    split += [k for k, v in by_name.items() if len(v) > 1]
    return split, merged


def test_parks_whose_place_parts_differ_stay_two_nodes_across_documents():
    def rec(doc, name, aliases=()):
        ent = {"name": name, "type": "Park", "aliases": list(aliases)}
        return {"doc": doc, "entities": [ent], "relations": []}

    res = resolve(
        [
            rec("a.txt", "西部（成都）科学城"),
            rec("b.txt", "西部(重庆)科学城", ["西部科学城(重庆)"]),
            rec("c.txt", "绵阳高新区"),
            rec("d.txt", "德阳高新区"),
            rec("e.txt", "德阳市高新区"),
        ]
    )
    assert res.iri("a.txt", "西部（成都）科学城") != res.iri("b.txt", "西部(重庆)科学城")
    assert res.iri("c.txt", "绵阳高新区") != res.iri("d.txt", "德阳高新区")
    assert res.iri("d.txt", "德阳高新区") == res.iri("e.txt", "德阳市高新区")


def test_one_definition_of_a_firms_core_name():
    """kg.resolve.firm_core is the core name for resolution (company_core: when it
    is distinctive) and for extraction's brand aliases (brand_core: the core
    without the business words after it)."""
    from kg.extract.entities import brand_core
    from kg.resolve import firm_core

    for name, core, brand in [
        ("重庆植恩药业有限公司", "植恩药业", "植恩"),
        ("清安储能技术(重庆)有限公司", "清安储能技术", "清安"),
        ("植恩药业", "植恩药业", "植恩"),
        ("重庆电子科技有限公司", "电子科技", "电子"),
    ]:
        assert firm_core(name) == core, name
        assert brand_core(name) == brand, name
        assert company_core(name) == (None if core == "电子科技" else core)


def test_extraction_and_resolution_share_one_brand_of_a_firm():
    """A firm's brand is one definition (kg.resolve.firm_brand): the short form
    extraction looks for is the key resolution merges on, with either list's words."""
    from kg.extract.entities import brand_core
    from kg.resolve import company_brand

    for name, brand in [
        ("江苏恒瑞医药股份有限公司", "恒瑞"),  # 医药: a business word of brand_heads.txt
        ("北京京东世纪贸易有限公司", "京东世纪"),  # 贸易: a descriptor of resolve.txt
        ("上海联影智能医疗科技有限公司", "联影"),
    ]:
        assert brand_core(name) == brand
    # resolution keeps at least three characters, so a two-character brand is no key
    assert company_brand("江苏恒瑞医药股份有限公司") is None
    assert company_brand("上海联影智能医疗科技有限公司") == "联影智能"
    assert company_brand("杭州海康威视数字技术股份有限公司") == "海康威视"
    assert brand_core("杭州海康威视数字技术股份有限公司") == "海康威视"


# --------------------------------------------- atoms merged as records arrive


def _real_records() -> list[dict]:
    """The seeds' records and the fixtures' of other documents: real texts, with
    names shared across them (one record a document, as in a build)."""
    lines = (FIXTURES / "seeds_records.jsonl").read_text(encoding="utf-8").splitlines()
    seeds = [json.loads(line) for line in lines]
    docs = {rec["doc"] for rec in seeds}
    return seeds + [rec for rec in records() if rec["doc"] not in docs]


def _batch_atoms(recs: list[dict]) -> list[tuple]:
    """Atoms as a merge of all the records at once makes them (the records sorted
    by document, one atom per entity, groups of shared strength-0 keys absorbed
    into their first): what :class:`AtomPool` must give, in the same order."""
    singles = local_atoms(sorted(recs, key=lambda rec: rec["doc"]))
    out = []
    for group in merge_atoms([a for a, _ in singles]):
        head, pairs = singles[group[0]][0], list(singles[group[0]][1])
        for i in group[1:]:
            head.absorb(singles[i][0])
            pairs.extend(singles[i][1])
        out.append(_atom_view(head, pairs))
    return out


def _atom_view(a, pairs) -> tuple:
    return (
        a.first,
        a.type,
        sorted(a.keys.items()),
        sorted((n, sorted(d)) for n, d in a.canon.items()),
        sorted(a.names),
        a.generic,
        sorted((n, (at, sorted(d))) for n, (at, d) in a.parks.items()),
        sorted(pairs),
    )


def _pool_atoms(recs: list[dict]) -> list[tuple]:
    pool = AtomPool()
    for rec in recs:
        pool.add(rec)
    atoms, pairs = pool.atoms()
    return [_atom_view(a, p) for a, p in zip(atoms, pairs, strict=True)]


def test_atoms_merged_as_records_arrive_are_the_atoms_of_all_records_at_once():
    recs = _real_records()
    want = _batch_atoms(recs)
    assert len(want) < sum(len(r["entities"]) for r in recs)  # some atoms do merge
    for order in (recs, recs[::-1], recs[1::2] + recs[::2]):
        assert _pool_atoms(order) == want


def test_an_entity_named_by_two_atoms_joins_them_in_the_pool():
    """A later entity with the names of two atoms made so far merges them, and a
    name of either then finds the merged atom, in any order of the records."""

    def rec(doc, name, *aliases):
        return {
            "doc": doc,
            "entities": [{"name": name, "type": "Company", "aliases": list(aliases)}],
        }

    recs = [
        rec("a.txt", "海康威视", "海康"),
        rec("b.txt", "萤石网络", "萤石科技", "萤石公司"),
        rec("c.txt", "海康威视", "萤石网络", "萤石"),
        rec("d.txt", "萤石"),
        rec("e.txt", "萤石科技"),
        rec("f.txt", "海康"),
    ]
    want = _batch_atoms(recs)
    assert len(want) == 1
    for order in itertools.permutations(recs):
        assert _pool_atoms(list(order)) == want


def test_a_build_resolves_through_the_pool_as_from_the_records():
    """kg.build's path (a pool filled as the records arrive, resolved from the
    documents' names) gives the resolution of the records themselves."""
    recs = _real_records()
    pool = AtomPool()
    for rec in reversed(recs):
        pool.add(rec)
    res = resolve([{"doc": rec["doc"]} for rec in recs], pool)
    plain = resolve(recs)
    assert res.by_name == plain.by_name
    assert res.entities == plain.entities
    assert (res.keys, res.displaced, res.atom_iri) == (plain.keys, plain.displaced, plain.atom_iri)
    assert res.atom_pairs == plain.atom_pairs and res.conflicts == plain.conflicts


def test_a_pool_finishing_a_resolution_adds_the_records_it_lacks():
    recs = _real_records()
    pool = AtomPool()
    for rec in recs[:3]:
        pool.add(rec)
    assert resolve([{"doc": r["doc"]} for r in recs[:3]] + recs[3:], pool).by_name == (
        resolve(recs).by_name
    )


def test_a_pool_with_a_document_not_resolved_is_refused():
    pool = AtomPool()
    pool.add({"doc": "a.txt", "entities": [{"name": "植恩药业", "type": "Company"}]})
    with pytest.raises(ValueError):
        resolve([{"doc": "b.txt", "entities": []}], pool)


def test_a_name_entities_of_two_types_claim_goes_to_the_first_and_is_kept_as_a_conflict():
    """(doc, name) pairs that two atoms claim: every claimer, in the global order
    of their entities, the first one winning the name."""
    recs = [
        {"doc": "a.txt", "entities": [
            {"name": "金桥", "type": "Company"},
            {"name": "金桥", "type": "Park", "aliases": ["金桥园"]},
        ]},
        {"doc": "b.txt", "entities": [
            {"name": "金桥园", "type": "Park"},
            {"name": "金桥", "type": "Industry"},
            {"name": "金桥", "type": "Company"},
        ]},
    ]  # fmt: skip
    for order in (recs, recs[::-1]):
        res = resolve(order)
        claims: dict[tuple, list[int]] = {}  # every (doc, name) → the atoms that claim it
        by_first = sorted(range(len(res.atoms)), key=lambda i: res.atoms[i].first)
        for i in by_first:
            for pair in res.atom_pairs[i]:
                if i not in claims.setdefault(pair, []):
                    claims[pair].append(i)
        want = {pair: c for pair, c in claims.items() if len(c) > 1}
        assert res.conflicts == want
        assert set(want) == {("a.txt", "金桥"), ("b.txt", "金桥")}
        company = res.iri("a.txt", "金桥")
        assert res.entities[company].type == "Company" and res.iri("b.txt", "金桥") == company
