"""Well-formedness checks for the lexicon data files (gazetteer, places, industry vocabulary)."""

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = ROOT / "kg" / "data" / "parks_gazetteer.tsv"
PLACES = ROOT / "kg" / "data" / "places.tsv"
INDUSTRIES = ROOT / "kg" / "ontology" / "industries.ttl"
IND = Namespace("https://w3id.org/kg/industry/")

PARK_KINDS = {"高新区", "经开区", "科学城", "新区", "自贸区", "园区"}
PLACE_LEVELS = {"province", "city", "county"}


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


# --- gazetteer ---------------------------------------------------------------


@pytest.fixture(scope="module")
def parks() -> list[list[str]]:
    return _rows(GAZETTEER)


def test_gazetteer_has_header_comment():
    assert GAZETTEER.read_text(encoding="utf-8").startswith("#")


def test_gazetteer_columns_and_kinds(parks):
    assert len(parks) > 350
    for row in parks:
        assert len(row) == 4, row
        name, kind, province, _aliases = row
        assert name and name == name.strip()
        assert kind in PARK_KINDS, row
        assert province, row


def test_gazetteer_no_duplicate_canonical_names(parks):
    counts = Counter(row[0] for row in parks)
    assert [n for n, c in counts.items() if c > 1] == []


def test_gazetteer_aliases_unique_and_not_canonical(parks):
    canon = {row[0] for row in parks}
    seen: dict[str, str] = {}
    for name, _kind, _prov, aliases in parks:
        for alias in filter(None, aliases.split("|")):
            assert alias not in canon, (name, alias)
            assert seen.setdefault(alias, name) == name, (alias, seen[alias], name)


def test_gazetteer_national_lists_reasonably_complete(parks):
    kinds = Counter(row[1] for row in parks)
    assert kinds["高新区"] >= 160
    assert kinds["经开区"] >= 200
    assert kinds["自贸区"] >= 21


def _aliases(parks, name):
    for row in parks:
        if row[0] == name:
            return row[3].split("|")
    raise AssertionError(f"{name} missing")


@pytest.mark.parametrize(
    ("name", "alias"),
    [
        ("武汉东湖新技术开发区", "东湖高新区"),
        ("重庆高新技术产业开发区", "重庆高新区"),
        ("广州高新技术产业开发区", "广州高新区"),
        ("威海火炬高技术产业开发区", "威海高新区"),
        ("广州经济技术开发区", "广州开发区"),
        ("广州经济技术开发区", "广州经开区"),
        ("杭州高新技术产业开发区", "杭州高新区（滨江）"),
        ("中国（上海）自由贸易试验区", "上海自贸区"),
    ],
)
def test_gazetteer_known_aliases(parks, name, alias):
    assert alias in _aliases(parks, name)


def test_gazetteer_every_hightech_zone_has_short_form(parks):
    for name, kind, _prov, aliases in parks:
        if kind == "高新区":
            short = [a for a in aliases.split("|") if a.endswith(("高新区", "示范区"))]
            assert short, name


# --- places ------------------------------------------------------------------


@pytest.fixture(scope="module")
def places() -> list[list[str]]:
    return _rows(PLACES)


def test_places_well_formed(places):
    assert len(places) > 3000
    names = {row[0] for row in places}
    for row in places:
        assert len(row) == 4, row
        name, level, parent, aliases = row
        assert level in PLACE_LEVELS, row
        if level == "province":
            assert parent == ""
        else:
            assert parent in names, row
        for alias in filter(None, aliases.split("|")):
            assert len(alias) >= 2, row


def test_places_levels_and_short_forms(places):
    levels = Counter(row[1] for row in places)
    assert levels["province"] >= 31
    assert levels["city"] >= 330
    by_name = {(row[0], row[1]): row for row in places}
    assert "江苏" in by_name[("江苏省", "province")][3].split("|")
    assert "广西" in by_name[("广西壮族自治区", "province")][3].split("|")
    assert "内蒙古" in by_name[("内蒙古自治区", "province")][3].split("|")
    assert "苏州" in by_name[("苏州市", "city")][3].split("|")
    assert "丰城" in by_name[("丰城市", "county")][3].split("|")
    assert "荣昌" in by_name[("荣昌区", "county")][3].split("|")
    assert by_name[("昆山市", "county")][2] == "苏州市"


# --- industries --------------------------------------------------------------


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    g.parse(INDUSTRIES, format="turtle")
    return g


def _concepts(g: Graph) -> set[URIRef]:
    return set(g.subjects(RDF.type, SKOS.Concept))


def test_scheme_exists_with_labels(graph):
    scheme = IND.scheme
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert any(lbl.language == "zh" for lbl in graph.objects(scheme, SKOS.prefLabel))
    tops = set(graph.objects(scheme, SKOS.hasTopConcept))
    top_slugs = (
        "new-generation-it",
        "biomedicine",
        "new-materials",
        "new-energy",
        "modern-services",
    )
    for slug in top_slugs:
        assert IND[slug] in tops


def test_scheme_size(graph):
    concepts = _concepts(graph)
    assert len(concepts) >= 200
    for c in concepts:
        assert (c, SKOS.inScheme, IND.scheme) in graph
        assert str(c).startswith(str(IND))


def test_exactly_one_zh_preflabel(graph):
    for c in _concepts(graph):
        zh = [lbl for lbl in graph.objects(c, SKOS.prefLabel) if lbl.language == "zh"]
        assert len(zh) == 1, c


def test_preflabels_unique_and_without_suffix(graph):
    labels = [
        str(lbl)
        for c in _concepts(graph)
        for lbl in graph.objects(c, SKOS.prefLabel)
        if lbl.language == "zh"
    ]
    assert [k for k, v in Counter(labels).items() if v > 1] == []
    for label in labels:
        assert not label.endswith(("产业", "行业", "领域")), label


def test_broader_targets_exist_and_are_acyclic(graph):
    concepts = _concepts(graph)
    for s, o in graph.subject_objects(SKOS.broader):
        assert o in concepts, (s, o)
    for s, o in graph.subject_objects(SKOS.narrower):
        assert o in concepts, (s, o)
        assert (o, SKOS.broader, s) in graph, (s, o)

    def ancestors(c, path=()):
        for b in graph.objects(c, SKOS.broader):
            assert b not in path and b != c, (c, b)
            ancestors(b, path + (c,))

    for c in concepts:
        ancestors(c)


def test_alt_labels_not_shared(graph):
    owner: dict[str, URIRef] = {}
    prefs = {
        str(lbl): c
        for c in _concepts(graph)
        for lbl in graph.objects(c, SKOS.prefLabel)
        if lbl.language == "zh"
    }
    for c, lbl in graph.subject_objects(SKOS.altLabel):
        key = str(lbl)
        assert owner.setdefault(key, c) == c, (key, owner[key], c)
        assert prefs.get(key, c) == c, (key, prefs[key], c)


def test_key_industries_present(graph):
    labels = {str(lbl) for lbl in graph.objects(None, SKOS.prefLabel)} | {
        str(lbl) for lbl in graph.objects(None, SKOS.altLabel)
    }
    key_terms = (
        "集成电路",
        "半导体",
        "人工智能",
        "生物医药",
        "医疗器械",
        "新能源汽车",
        "低空经济",
        "现代物流",
    )
    for term in key_terms:
        assert term in labels, term
    ic = IND["integrated-circuits"]
    assert (ic, SKOS.broader, IND.semiconductors) in graph
