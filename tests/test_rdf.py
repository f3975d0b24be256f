from graph_helpers import records

from kg.rdf import (
    DESCRIPTION_PREDICATES,
    ENTITIES_GRAPH,
    KG,
    MENTIONED_IN,
    RDF,
    document_facts,
    dropped_facts,
    entity_quads,
    graph_quads,
)
from kg.resolve import resolve


def _all():
    recs = records()
    return recs, resolve(recs)


def test_entities_have_type_and_zh_labels():
    recs, res = _all()
    quads = list(entity_quads(res))
    assert all(q.graph_name == ENTITIES_GRAPH for q in quads)
    labels = [q for q in quads if q.predicate.value.endswith("#label")]
    assert len(labels) == len(res.entities)
    assert all(q.object.language == "zh" for q in labels)
    alt = {q.object.value for q in quads if q.predicate.value.endswith("altLabel")}
    assert {"植恩生物", "植恩药业"} <= alt


def test_an_entity_is_its_description_and_its_mentions():
    """kg add diffs an entity's description by DESCRIPTION_PREDICATES and its
    kg:mentionedIn quads by documents: together they must be all its quads."""
    _, res = _all()
    quads = list(entity_quads(res))
    assert {q.predicate for q in quads} == set(DESCRIPTION_PREDICATES) | {MENTIONED_IN}
    mentions = {(q.subject.value, q.object.value) for q in quads if q.predicate == MENTIONED_IN}
    assert len(mentions) == sum(len(e.docs) for e in res.entities.values())


def test_every_fact_has_a_provenance_node_in_its_document_graph():
    recs, res = _all()
    quads = list(graph_quads(recs, res))
    facts = [
        q
        for q in quads
        if q.predicate.value.startswith(KG)
        and q.object.__class__.__name__ == "NamedNode"
        and q.predicate.value[len(KG) :]
        in ("locatedIn", "partOf", "focusesOn", "inIndustry", "cooperatesWith")
    ]
    assert facts
    subjects = {(q.subject, q.graph_name) for q in quads if q.predicate.value == RDF + "subject"}
    for f in facts:
        assert f.graph_name.value.startswith("https://w3id.org/kg/graph/doc/")
        stmts = [
            q.subject
            for q in quads
            if q.predicate.value == RDF + "subject"
            and q.object == f.subject
            and q.graph_name == f.graph_name
        ]
        assert stmts, f
    assert subjects


def test_cooperates_with_is_written_once_in_canonical_order():
    recs, res = _all()
    rec = next(r for r in recs if r["doc"] == "zhien_short.txt")
    facts = document_facts(rec, res)
    coop = [k for k in facts.facts if k[1] == "cooperatesWith"]
    assert coop and all(s < o for s, _, o in coop)


# an Industry located in a Company (ill-typed), a park that is not an entity
# (dangling) and one good fact
ILL_TYPED = {
    "doc": "x.txt",
    "entities": [
        {"name": "甲公司", "type": "Company"},
        {"name": "生物医药", "type": "Industry"},
    ],
    "relations": [
        {"subject": "生物医药", "predicate": "locatedIn", "object": "甲公司", "evidence": "…"},
        {"subject": "甲公司", "predicate": "locatedIn", "object": "乙园", "evidence": "…"},
        {"subject": "甲公司", "predicate": "inIndustry", "object": "生物医药", "evidence": "…"},
    ],
}


def test_ill_typed_and_dangling_relations_are_dropped():
    facts = document_facts(ILL_TYPED, resolve([ILL_TYPED]))
    assert [k[1] for k in facts.facts] == ["inIndustry"]
    assert len(facts.dropped) == 2


def test_a_build_reports_the_dropped_relations_by_document(tmp_path):
    """Whether the quads are loaded here or in a forked child (--jobs 2), the
    report lists what the graph does not state."""
    import json

    from kg.build import build, load_record

    src = tmp_path / "x.json"
    src.write_text(json.dumps(ILL_TYPED, ensure_ascii=False), encoding="utf-8")
    for jobs in (1, 2):
        report = build([src], tmp_path / f"s{jobs}", jobs=jobs, extract=load_record)
        assert report.dropped == dropped_facts({"x.txt": ILL_TYPED}, resolve([ILL_TYPED]))
        assert len(report.dropped) == 2 and report.dropped[0].startswith("x.txt: 生物医药")
