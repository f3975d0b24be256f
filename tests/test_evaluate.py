"""Scoring of extraction records against gold (DESIGN.md, contract 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.evaluate import (
    Report,
    Score,
    evaluate_paths,
    evaluate_records,
    format_report,
    norm,
    score_document,
)

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "gold"


def ent(name, type_, aliases=(), alt_types=()):
    e = {"name": name, "type": type_, "aliases": list(aliases)}
    if alt_types:
        e["alt_types"] = list(alt_types)
    return e


def rel(s, p, o):
    return {"subject": s, "predicate": p, "object": o, "evidence": ""}


def score(pred_entities, gold_entities, pred_rel=(), gold_rel=()) -> Report:
    report = Report()
    score_document(
        {"doc": "d.txt", "entities": pred_entities, "relations": list(pred_rel)},
        {"doc": "d.txt", "entities": gold_entities, "relations": list(gold_rel)},
        report,
    )
    return report


def counts(s: Score) -> tuple[int, int, int]:
    return (s.tp, s.fp, s.fn)


# --- normalisation ----------------------------------------------------------------


def test_norm() -> None:
    assert norm("西部（重庆）科学城") == norm("西部(重庆)科学城")
    assert norm("重庆 高新\n区") == "重庆高新区"
    assert norm("Cytiva") == norm("CYTIVA") == "cytiva"
    assert norm("ＳＫ海力士") == "sk海力士"  # full-width Latin → ASCII, lower-cased


@pytest.mark.parametrize(
    ("pred", "gold"),
    [
        ("西部(重庆)科学城", "西部（重庆）科学城"),
        ("重庆 高新区", "重庆高新区"),
        ("sk海力士", "SK海力士"),
        ("ＳＫ海力士", "SK海力士"),
    ],
)
def test_names_match_after_normalisation(pred: str, gold: str) -> None:
    r = score([ent(pred, "Park")], [ent(gold, "Park")])
    assert counts(r.entities) == (1, 0, 0)


def test_non_ascii_case_is_kept() -> None:
    # only ASCII is lower-cased; different Chinese names never match
    r = score([ent("重庆高新区", "Park")], [ent("西部科学城", "Park")])
    assert counts(r.entities) == (0, 1, 1)


# --- entity matching ------------------------------------------------------------


def test_match_through_aliases() -> None:
    gold = [ent("重庆植恩药业有限公司", "Company", aliases=["植恩药业", "植恩生物"])]
    r = score([ent("植恩生物", "Company")], gold)
    assert counts(r.by_type["Company"]) == (1, 0, 0)
    r = score([ent("植恩", "Company", aliases=["植恩药业"])], gold)
    assert counts(r.by_type["Company"]) == (1, 0, 0)


def test_type_must_match() -> None:
    r = score([ent("金凤实验室", "Company")], [ent("金凤实验室", "Institution")])
    assert counts(r.by_type["Company"]) == (0, 1, 0)
    assert counts(r.by_type["Institution"]) == (0, 0, 1)


def test_alt_types() -> None:
    gold = [ent("中国电科芯片技术研究院", "Institution", alt_types=["Company"])]
    r = score([ent("中国电科芯片技术研究院", "Company")], gold)
    # a match is counted under the gold type
    assert counts(r.by_type["Institution"]) == (1, 0, 0)
    assert counts(r.by_type["Company"]) == (0, 0, 0)


def test_unmerged_duplicate_is_false_positive() -> None:
    gold = [ent("重庆植恩药业有限公司", "Company", aliases=["植恩药业"])]
    pred = [ent("重庆植恩药业有限公司", "Company"), ent("植恩药业", "Company")]
    r = score(pred, gold)
    assert counts(r.entities) == (1, 1, 0)
    assert any(m["kind"] == "FP" and m["name"] == "植恩药业" for m in r.misses)


def test_one_to_one_matching_is_maximal() -> None:
    # the first prediction could match either gold entity; the matching must
    # still give each gold entity its own prediction
    gold = [
        ent("重庆植恩药业有限公司", "Company", aliases=["植恩"]),
        ent("植恩生物", "Company", aliases=["植恩"]),
    ]
    pred = [ent("植恩", "Company"), ent("重庆植恩药业有限公司", "Company")]
    r = score(pred, gold)
    assert counts(r.entities) == (2, 0, 0)


def test_unknown_types_ignored() -> None:
    pred = [ent("重庆", "Place"), ent("张三", "Person"), ent("重庆高新区", "Park")]
    gold = [ent("重庆高新区", "Park"), ent("江苏省", "Place")]
    r = score(pred, gold)
    assert counts(r.entities) == (1, 0, 0)
    assert set(r.by_type) == {"Park", "Company", "Institution", "Industry"}


def test_misses_list_fp_and_fn() -> None:
    r = score([ent("赛诺药业", "Company")], [ent("中国中药", "Company")])
    kinds = {(m["kind"], m["name"]) for m in r.misses}
    assert kinds == {("FP", "赛诺药业"), ("FN", "中国中药")}
    assert all(m["doc"] == "d.txt" for m in r.misses)


# --- relations --------------------------------------------------------------------

GOLD_ENTS = [
    ent("重庆植恩药业有限公司", "Company", aliases=["植恩药业", "植恩生物"]),
    ent("Cytiva（思拓凡）", "Company", aliases=["Cytiva", "思拓凡"]),
    ent("重庆高新区", "Park"),
    ent("生物医药", "Industry"),
]


def test_relation_matches_through_aliases() -> None:
    pred_ents = [ent("植恩药业", "Company"), ent("重庆高新区", "Park")]
    r = score(
        pred_ents,
        GOLD_ENTS,
        [rel("植恩药业", "locatedIn", "重庆高新区")],
        [rel("重庆植恩药业有限公司", "locatedIn", "重庆高新区")],
    )
    assert counts(r.by_predicate["locatedIn"]) == (1, 0, 0)


def test_relation_direction_matters() -> None:
    pred_ents = [ent("植恩药业", "Company"), ent("重庆高新区", "Park")]
    r = score(
        pred_ents,
        GOLD_ENTS,
        [rel("重庆高新区", "locatedIn", "植恩药业")],
        [rel("重庆植恩药业有限公司", "locatedIn", "重庆高新区")],
    )
    assert counts(r.by_predicate["locatedIn"]) == (0, 1, 1)


def test_predicate_must_match() -> None:
    pred_ents = [ent("重庆高新区", "Park"), ent("生物医药", "Industry")]
    r = score(
        pred_ents,
        GOLD_ENTS,
        [rel("重庆高新区", "partOf", "生物医药")],
        [rel("重庆高新区", "focusesOn", "生物医药")],
    )
    assert counts(r.by_predicate["partOf"]) == (0, 1, 0)
    assert counts(r.by_predicate["focusesOn"]) == (0, 0, 1)


def test_cooperates_with_is_unordered() -> None:
    pred_ents = [ent("植恩生物", "Company"), ent("思拓凡", "Company")]
    r = score(
        pred_ents,
        GOLD_ENTS,
        [rel("思拓凡", "cooperatesWith", "植恩生物")],
        [rel("重庆植恩药业有限公司", "cooperatesWith", "Cytiva（思拓凡）")],
    )
    assert counts(r.by_predicate["cooperatesWith"]) == (1, 0, 0)


def test_relation_to_unmatched_entity_is_false_positive() -> None:
    pred_ents = [ent("赛诺药业", "Company"), ent("重庆高新区", "Park")]
    r = score(pred_ents, GOLD_ENTS, [rel("赛诺药业", "locatedIn", "重庆高新区")], [])
    assert counts(r.by_predicate["locatedIn"]) == (0, 1, 0)


def test_duplicate_predicted_relations_count_once() -> None:
    pred_ents = [
        ent("重庆植恩药业有限公司", "Company", aliases=["植恩药业"]),
        ent("重庆高新区", "Park"),
    ]
    r = score(
        pred_ents,
        GOLD_ENTS,
        [
            rel("重庆植恩药业有限公司", "locatedIn", "重庆高新区"),
            rel("植恩药业", "locatedIn", "重庆高新区"),
        ],
        [rel("重庆植恩药业有限公司", "locatedIn", "重庆高新区")],
    )
    assert counts(r.relations) == (1, 0, 0)


def test_unknown_predicates_ignored() -> None:
    pred_ents = [ent("重庆植恩药业有限公司", "Company"), ent("重庆高新区", "Park")]
    r = score(
        pred_ents,
        GOLD_ENTS,
        [rel("重庆植恩药业有限公司", "investsIn", "重庆高新区")],
        [rel("重庆植恩药业有限公司", "foundedIn", "重庆高新区")],
    )
    assert counts(r.relations) == (0, 0, 0)
    assert "investsIn" not in r.by_predicate


# --- arithmetic -------------------------------------------------------------------


def test_precision_recall_f1() -> None:
    s = Score(tp=3, fp=1, fn=2)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert s.to_dict()["f1"] == round(2 * 0.75 * 0.6 / 1.35, 4)


def test_zero_division() -> None:
    s = Score()
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    assert Score(fp=2).precision == 0.0
    assert Score(fn=2).recall == 0.0


def test_totals_sum_over_types_and_predicates() -> None:
    pred = [ent("重庆高新区", "Park"), ent("植恩药业", "Company"), ent("赛诺药业", "Company")]
    r = score(
        pred,
        GOLD_ENTS,
        [rel("植恩药业", "locatedIn", "重庆高新区")],
        [
            rel("重庆植恩药业有限公司", "locatedIn", "重庆高新区"),
            rel("重庆高新区", "focusesOn", "生物医药"),
        ],
    )
    assert counts(r.entities) == (2, 1, 2)
    assert r.entities.precision == pytest.approx(2 / 3)
    assert r.entities.recall == pytest.approx(0.5)
    assert counts(r.relations) == (1, 0, 1)
    d = r.to_dict()
    assert d["entities"]["tp"] == 2 and d["relations"]["fn"] == 1
    json.dumps(d, ensure_ascii=False)


def test_evaluate_records_uses_gold_of_same_doc(tmp_path: Path) -> None:
    gold = {"doc": "a.txt", "entities": [ent("重庆高新区", "Park")], "relations": []}
    (tmp_path / "a.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    records = [
        {"doc": "a.txt", "entities": [ent("重庆高新区", "Park")], "relations": []},
        {"doc": "no_gold.txt", "entities": [ent("西部科学城", "Park")], "relations": []},
    ]
    report = evaluate_records(records, tmp_path)
    assert report.documents == 1
    assert counts(report.entities) == (1, 0, 0)


def test_format_report_rows() -> None:
    r = score([ent("重庆高新区", "Park")], [ent("重庆高新区", "Park"), ent("生物医药", "Industry")])
    out = format_report(r)
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    assert "ENTITIES" in rows and "RELATIONS" in rows
    assert rows["ENTITIES"][:3] == ["1.000", "0.500", "0.667"]
    assert "FN" in out and "生物医药" in out
    assert "生物医药" not in format_report(r, misses=False)


# --- the real dev set -------------------------------------------------------------


def test_evaluate_paths_needs_gold_files(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="no gold files"):
        evaluate_paths(tmp_path, [REPO / "seeds"])


@pytest.mark.skipif(not GOLD.is_dir(), reason=f"gold annotations not found at {GOLD}")
def test_dev_set_floors() -> None:
    report = evaluate_paths(GOLD, [REPO / "seeds"])
    with_gold = [f for f in (REPO / "seeds").glob("*.txt") if (GOLD / f"{f.stem}.json").exists()]
    assert report.documents == len(with_gold) > 0
    assert report.entities.f1 >= 0.6, format_report(report, misses=False)
    assert report.relations.f1 >= 0.45, format_report(report, misses=False)
