"""The SKOS industry scheme (kg/ontology/industries.ttl) as the extractor reads it.

Why these checks: every label of the scheme is matched in running text, so a
label that is a bare qualifier or a generic word (kg/data/generic_names.txt)
turns into false Industry entities, a label with a trailing 产业/行业/领域 can
never equal an annotated name (GUIDELINES rule 2), and a concept without a zh
prefLabel or with a dangling broader link breaks the graph's exactMatch links
and the SHACL/OWL checks that read the scheme.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kg.extract import extract_text, lexicons

ROOT = Path(__file__).resolve().parents[1]
SCHEME = ROOT / "kg" / "ontology" / "industries.ttl"
GENERIC = ROOT / "kg" / "data" / "generic_names.txt"
IND = Namespace("https://w3id.org/kg/industry/")

# Industry names that generic_names.txt also lists as a generic *firm* core
# (物流公司 is no name), but that are industries in their own right.
GENERIC_BUT_INDUSTRY = {"物流"}
BARE_QUALIFIERS = {"绿色", "高端", "新兴", "未来", "服务", "技术", "研发", "生产", "制造"}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(SCHEME, format="turtle")


def _concepts(g: Graph) -> set[URIRef]:
    return set(g.subjects(RDF.type, SKOS.Concept))


def _labels(g: Graph) -> dict[str, URIRef]:
    out: dict[str, URIRef] = {}
    for c in _concepts(g):
        for p in (SKOS.prefLabel, SKOS.altLabel):
            for lbl in g.objects(c, p):
                if lbl.language == "zh":
                    out[str(lbl)] = c
    return out


def _generic_words() -> set[str]:
    words = set()
    for line in GENERIC.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            words.update(line.split())
    return words


def test_every_concept_has_one_zh_and_one_en_preflabel(graph):
    for c in _concepts(graph):
        langs = sorted(lbl.language for lbl in graph.objects(c, SKOS.prefLabel))
        assert langs == ["en", "zh"], c


def test_broader_and_narrower_stay_in_the_scheme_and_mirror_each_other(graph):
    concepts = _concepts(graph)
    for s, o in graph.subject_objects(SKOS.broader):
        assert o in concepts, (s, o)
        assert (o, SKOS.narrower, s) in graph, (s, o)
    for s, o in graph.subject_objects(SKOS.narrower):
        assert o in concepts, (s, o)
        assert (o, SKOS.broader, s) in graph, (s, o)


def test_every_concept_reaches_a_top_concept(graph):
    tops = set(graph.objects(IND.scheme, SKOS.hasTopConcept))
    for c in _concepts(graph):
        seen, todo = set(), [c]
        while todo:
            x = todo.pop()
            if x in seen:
                continue
            seen.add(x)
            todo.extend(graph.objects(x, SKOS.broader))
        assert seen & tops, c


def test_no_label_ends_in_a_generic_head(graph):
    for label in _labels(graph):
        assert not label.endswith(("产业", "行业", "领域", "产业集群")), label


def test_no_label_is_generic_or_a_bare_qualifier(graph):
    generic = _generic_words() - GENERIC_BUT_INDUSTRY
    for label in _labels(graph):
        assert label not in generic, label
        assert label not in BARE_QUALIFIERS, label


def test_scheme_is_rich_enough(graph):
    assert len(_concepts(graph)) >= 550
    assert len(_labels(graph)) >= 1400


@pytest.mark.parametrize(
    ("qualified", "base"),
    [
        ("高端新材料", "新材料"),
        ("高端氢能", "氢能"),
        ("现代化工", "化工"),
        ("高端装备", "装备制造"),
        ("氢经济", "氢能"),
    ],
)
def test_a_qualified_form_is_its_own_concept_below_its_base(graph, qualified, base):
    labels = _labels(graph)
    q, b = labels[qualified], labels[base]
    assert q != b
    assert (q, SKOS.broader, b) in graph


@pytest.mark.parametrize(
    ("segment", "chain"),
    [
        ("多晶硅", "光伏"),
        ("单晶硅片", "光伏"),
        ("电池片", "光伏"),
        ("正极材料", "电池材料"),
        ("隔膜", "电池材料"),
        ("纺纱", "纺织业"),
        ("印染", "纺织业"),
        ("服装加工", "服装服饰"),
        ("制氢", "氢能"),
        ("加氢", "氢能"),
        ("封装测试", "集成电路"),
        ("制剂", "生物医药"),
        ("仓储物流", "现代物流"),
        ("冷链物流", "现代物流"),
        ("种业", "现代农业"),
        ("航空服务", "民用航空"),
    ],
)
def test_chain_segments_sit_below_their_chain(graph, segment, chain):
    labels = _labels(graph)
    seg, top = labels[segment], labels[chain]
    ancestors, todo = set(), [seg]
    while todo:
        x = todo.pop()
        for b in graph.objects(x, SKOS.broader):
            if b not in ancestors:
                ancestors.add(b)
                todo.append(b)
    assert top in ancestors, segment


def test_the_loader_maps_every_label_to_its_concept(graph):
    lex = lexicons.load()
    for label, concept in _labels(graph).items():
        assert label in lex.industries, label
        assert lex.industries[label].iri == str(concept), label


# Sentences of our own (no article's wording): new labels are matched in context.
@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "滇西新能源产业园重点发展多晶硅、单晶硅片、电池片和光伏组件等产业。",
            {"多晶硅", "单晶硅片", "电池片", "光伏组件"},
        ),
        (
            "园区聚焦正极材料、负极材料、电解液和隔膜等锂电池材料产业。",
            {"正极材料", "负极材料", "电解液", "隔膜"},
        ),
        (
            "这里重点布局制氢、储氢、加氢和燃料电池等氢能产业。",
            {"制氢", "储氢", "加氢", "燃料电池"},
        ),
        (
            "某经开区重点发展高端新材料、新能源新材料和现代化工。",
            {"高端新材料", "新能源新材料", "现代化工"},
        ),
        ("该县积极培育临空经济和冰雪经济产业。", {"临空经济", "冰雪经济"}),
    ],
)
def test_new_labels_are_extracted_as_industries(text, names):
    found = {e.name for e in extract_text(text).entities if e.type == "Industry"}
    assert names <= found, names - found
