"""Scoring against gold (DESIGN.md, contract 1): one document, one gold set, several
sets at once (``kg eval GOLD[:TEXTS]…``), and the command's bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.extract  # the fake pipeline below replaces its run_pipeline
from kg.cli import main
from kg.errors import KgError
from kg.evaluate import (
    SORT_KEY,
    GoldSet,
    Report,
    Score,
    default_texts,
    evaluate_paths,
    evaluate_records,
    evaluate_sets,
    format_multi,
    format_report,
    gold_sets,
    load_gold,
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


# --- several gold sets at once (kg eval GOLD[:TEXTS]…) ----------------------------

# sentences of our own (never from the dev texts)
TEXT_A = "云岭新材料产业园位于昆明市。园区引进了滇南光电科技有限公司，重点发展光伏组件。"
TEXT_B = "赣江智造谷是南昌市新建的园区，聚焦电子信息产业。"
TEXT_C = "桂北生物医药基地与漓江药业有限公司签约合作。"


def gold_of(doc: str, entities, relations=()) -> dict:
    return {"doc": doc, "entities": list(entities), "relations": list(relations)}


def write_set(root: Path, articles: dict[str, tuple[str, dict]]) -> tuple[Path, Path]:
    """``root/gold/*.json`` and ``root/texts/*.txt``: a gold set laid out like ../shared/dev."""
    gold, texts = root / "gold", root / "texts"
    gold.mkdir(parents=True)
    texts.mkdir()
    for doc, (text, g) in articles.items():
        (texts / doc).write_text(text, encoding="utf-8")
        (gold / (Path(doc).stem + ".json")).write_text(json.dumps(g, ensure_ascii=False), "utf-8")
    return gold, texts


class _Record:
    def __init__(self, rec: dict) -> None:
        self.rec = rec

    def to_record(self) -> dict:
        return self.rec


@pytest.fixture
def fake_pipeline(monkeypatch):
    """Replace extraction by fixed records (keyed by file name), so the numbers
    below are the scorer's and do not move when the extractor changes."""
    predicted: dict[str, dict] = {}
    calls: list[frozenset[str]] = []

    def run_pipeline(doc, disable=frozenset()):
        calls.append(disable)
        return _Record({"doc": doc.name, **predicted.get(doc.name, {})})

    monkeypatch.setattr(kg.extract, "run_pipeline", run_pipeline)
    return predicted, calls


@pytest.fixture
def two_sets(tmp_path: Path):
    """Set 'north' (two articles) and set 'south' (one article, one gold file without text)."""
    north = write_set(
        tmp_path / "north",
        {
            "a.txt": (
                TEXT_A,
                gold_of(
                    "a.txt",
                    [ent("云岭新材料产业园", "Park"), ent("滇南光电科技有限公司", "Company")],
                    [rel("滇南光电科技有限公司", "locatedIn", "云岭新材料产业园")],
                ),
            ),
            "b.txt": (
                TEXT_B,
                gold_of("b.txt", [ent("赣江智造谷", "Park"), ent("电子信息", "Industry")]),
            ),
        },
    )
    south = write_set(
        tmp_path / "south",
        {"c.txt": (TEXT_C, gold_of("c.txt", [ent("漓江药业有限公司", "Company")]))},
    )
    (south[0] / "d.json").write_text(json.dumps(gold_of("d.txt", [])), encoding="utf-8")
    return north, south


def test_gold_sets_forms(two_sets, tmp_path: Path, monkeypatch) -> None:
    (ng, nt), (sg, st) = two_sets
    # GOLD:TEXTS pairs
    sets = gold_sets([f"{ng}:{nt}", f"{sg}:{st}"])
    assert [(s.gold, s.texts) for s in sets] == [(ng, (nt,)), (sg, (st,))]
    assert [s.name for s in sets] == ["north", "south"]  # the parent of a folder called gold
    # the old form: GOLD then FILES…; a gold folder starts the next set
    sets = gold_sets([str(ng), str(nt / "a.txt"), str(nt / "b.txt"), str(sg), str(st)])
    assert sets[0].texts == (nt / "a.txt", nt / "b.txt") and sets[1].texts == (st,)
    # a bare GOLD takes GOLD/../texts
    assert gold_sets([str(ng)])[0].texts == (nt,)
    # ... and ./seeds when there is no sibling texts folder
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "x.json").write_text(json.dumps(gold_of("x.txt", [])), encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path)
    assert default_texts(lone) == tmp_path / "seeds"
    assert gold_sets([str(lone)])[0].texts == (tmp_path / "seeds",)
    assert gold_sets(["lone:seeds"])[0].name == "seeds"  # a texts folder names its set


def test_bare_gold_without_texts_names_where_it_looked(tmp_path: Path, monkeypatch) -> None:
    gold = tmp_path / "g"
    gold.mkdir()
    (gold / "x.json").write_text(json.dumps(gold_of("x.txt", [])), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(KgError) as e:
        gold_sets([str(gold)])
    msg = str(e.value)
    assert str(tmp_path / "texts") in msg and str(tmp_path / "seeds") in msg
    assert "\n" not in msg


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ([], "no gold folder given"),
        (["{tmp}/nope"], "nope: no such gold folder"),
        (["{tmp}/nope:{tmp}"], "nope: no such gold folder"),
        (["{gold}:{tmp}/missing"], "texts folder {tmp}/missing does not exist"),
        (["{gold}", "{tmp}/missing.txt"], "missing.txt: no such file or folder"),
        ([":x"], "expected GOLD:TEXTS"),
        (["{tmp}/plain"], "plain: no gold files (*.json) found"),
        (["{tmp}/plain/note.txt"], "not a folder"),
    ],
)
def test_gold_sets_bad_input(two_sets, tmp_path: Path, args, needle) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "note.txt").write_text("不是标注", encoding="utf-8")
    fill = {"tmp": tmp_path, "gold": two_sets[0][0]}
    with pytest.raises(KgError) as e:
        gold_sets([a.format(**fill) for a in args])
    assert needle.format(**fill) in str(e.value)


def test_evaluate_sets_per_article_per_set_overall(two_sets, fake_pipeline) -> None:
    (ng, nt), (sg, st) = two_sets
    predicted, _ = fake_pipeline
    predicted["a.txt"] = {  # perfect
        "entities": [
            ent("云岭新材料产业园", "Park"),
            ent("滇南光电", "Company", ["滇南光电科技有限公司"]),
        ],
        "relations": [rel("滇南光电", "locatedIn", "云岭新材料产业园")],
    }
    predicted["b.txt"] = {"entities": [ent("赣江智造谷", "Park"), ent("南昌", "Park")]}
    predicted["c.txt"] = {"entities": [ent("桂北生物医药基地", "Park")]}  # nothing right
    multi = evaluate_sets([(ng, nt), GoldSet(sg, (st,), "south")])
    assert [s.name for s in multi.sets] == ["north", "south"]
    north, south = multi.sets
    assert counts(north.report.entities) == (3, 1, 1)
    assert counts(north.report.relations) == (1, 0, 0)
    assert counts(south.report.entities) == (0, 1, 1)
    assert south.gold_without_text == ["d.json"]
    assert north.files == [nt / "a.txt", nt / "b.txt"] and south.files == [st / "c.txt"]
    overall = multi.overall
    assert overall.documents == 3
    assert counts(overall.entities) == (3, 2, 2)
    # worst first: c (nothing right), b (entities 1/2, no relations on either side), a (perfect)
    assert [a.doc for a in multi.articles] == ["c.txt", "b.txt", "a.txt"]
    b = next(a for a in multi.articles if a.doc == "b.txt")
    assert counts(b.entities) == (1, 1, 1) and counts(b.relations) == (0, 0, 0)
    assert multi.chars == len(TEXT_A) + len(TEXT_B) + len(TEXT_C)
    assert all(m["set"] in {"north", "south"} for m in overall.misses)


def test_evaluate_sets_passes_disable(two_sets, fake_pipeline) -> None:
    (ng, nt), _ = two_sets
    _, calls = fake_pipeline
    multi = evaluate_sets([(ng, nt)], disable=frozenset({"brand"}))
    assert calls == [frozenset({"brand"})] * 2
    assert multi.to_dict()["disabled_signals"] == ["brand"]


def test_unreadable_text_is_skipped_and_the_rest_scored(two_sets, fake_pipeline) -> None:
    (ng, nt), _ = two_sets
    (nt / "b.txt").write_bytes(b"")
    seen = []
    multi = evaluate_sets([(ng, nt)], on_skip=lambda p, why: seen.append((p, why)))
    assert multi.overall.documents == 1
    assert seen == [(str(nt / "b.txt"), "empty file")] == multi.skipped
    assert multi.sets[0].gold_without_text == ["b.json"]


def test_no_text_with_gold_is_one_line(two_sets, tmp_path: Path, fake_pipeline) -> None:
    (ng, _), _ = two_sets
    other = tmp_path / "other"
    other.mkdir()
    (other / "zz.txt").write_text(TEXT_B, encoding="utf-8")
    with pytest.raises(KgError) as e:
        evaluate_sets([(ng, other)])
    assert str(other) in str(e.value) and str(ng) in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ('{"doc": "a.txt", "entities": [', "not valid JSON"),
        ("[1, 2]", "not a gold file"),
        ('{"doc": "a.txt", "entities": [{"type": "Park"}]}', "entity 1 has no name"),
        ('{"doc": "a.txt", "entities": [{"name": "某园区"}]}', "has no type"),
        ('{"entities": [{"name": "某园", "type": "Park", "aliases": "某"}]}', "aliases"),
        ('{"entities": [], "relations": [{"subject": "x"}]}', "relation 1"),
        ('{"entities": [], "relations": {}}', "'relations' is not a list"),
    ],
)
def test_malformed_gold_is_one_line(tmp_path: Path, content: str, needle: str) -> None:
    p = tmp_path / "a.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(KgError) as e:
        load_gold(p)
    assert str(p) in str(e.value) and needle in str(e.value) and "\n" not in str(e.value)


def test_not_utf8_gold(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_bytes('{"entities": [{"name": "园区"}]}'.encode("gbk"))
    with pytest.raises(KgError, match="not UTF-8"):
        load_gold(p)


def test_format_multi_tables(two_sets, fake_pipeline) -> None:
    (ng, nt), (sg, st) = two_sets
    predicted, _ = fake_pipeline
    predicted["a.txt"] = {"entities": [ent("云岭新材料产业园", "Park")]}
    multi = evaluate_sets([(ng, nt), (sg, st)])
    out = format_multi(multi)
    first = [line.split()[0] for line in out.splitlines() if line.strip()]
    assert {"misses:", "ALL", "north", "south", "ENTITIES", "RELATIONS", "Park"} <= set(first)
    arts = [w for w in first if w.endswith(".txt")]
    # a: entities 0.667, relations 0 -> 0.333; b and c: entities 0, relations nothing to
    # score (1.0) -> 0.5 each, tie broken by set order
    assert arts == ["north/a.txt", "north/b.txt", "south/c.txt"]
    assert "d.json" in out  # the gold file that has no text is named
    assert "滇南光电科技有限公司" in out
    assert "滇南光电科技有限公司" not in format_multi(multi, misses=False)


def test_json_has_articles_sets_and_overall(two_sets, fake_pipeline) -> None:
    (ng, nt), (sg, st) = two_sets
    d = evaluate_sets([(ng, nt), (sg, st)]).to_dict()
    json.dumps(d, ensure_ascii=False)
    assert d["documents"] == 3 and d["sort_key"] == SORT_KEY
    assert [s["name"] for s in d["sets"]] == ["north", "south"]
    assert sum(s["documents"] for s in d["sets"]) == d["documents"]
    assert sum(s["entities"]["fn"] for s in d["sets"]) == d["entities"]["fn"]
    assert {a["doc"] for a in d["articles"]} == {"a.txt", "b.txt", "c.txt"}
    assert set(d["articles"][0]) >= {"set", "doc", "entities", "relations", "chars"}
    assert d["sets"][1]["gold_without_text"] == ["d.json"]


# --- the command, with the real extractor -----------------------------------------


def cli(*args: str):
    return CliRunner().invoke(main, ["eval", *args])


def one_error_line(result, *needles: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    err = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(err) == 1, err
    for n in needles:
        assert n in err[0]


def test_cli_two_sets(two_sets) -> None:
    (ng, nt), (sg, st) = two_sets
    result = cli(f"{ng}:{nt}", f"{sg}:{st}", "--no-misses")
    assert result.exit_code == 0, result.output
    first = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert {"north/a.txt", "north/b.txt", "south/c.txt", "ALL", "ENTITIES"} <= first
    assert "misses:" not in result.stdout


def test_cli_json(two_sets) -> None:
    (ng, nt), (sg, st) = two_sets
    result = cli(str(ng), f"{sg}:{st}", "--json")  # a bare GOLD takes GOLD/../texts
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert d["documents"] == 3 and len(d["sets"]) == 2 and len(d["articles"]) == 3
    assert 0.0 <= d["entities"]["f1"] <= 1.0


def test_cli_old_form(two_sets) -> None:
    (ng, nt), _ = two_sets
    result = cli(str(ng), str(nt / "a.txt"))
    assert result.exit_code == 0, result.output
    assert "north/a.txt" in result.stdout and "north/b.txt" not in result.stdout


def test_cli_missing_folder(tmp_path: Path) -> None:
    one_error_line(cli(str(tmp_path / "nope")), str(tmp_path / "nope"), "no such gold folder")


def test_cli_pair_without_texts_folder(two_sets, tmp_path: Path) -> None:
    (ng, _), _ = two_sets
    one_error_line(cli(f"{ng}:{tmp_path}/gone"), f"{tmp_path}/gone", "does not exist")


def test_cli_malformed_gold(two_sets) -> None:
    (ng, nt), _ = two_sets
    (ng / "b.json").write_text('{"doc": "b.txt", "entities": [', encoding="utf-8")
    one_error_line(cli(f"{ng}:{nt}"), str(ng / "b.json"), "not valid JSON")


def test_cli_no_arguments() -> None:
    one_error_line(cli(), "no gold folder given")


def test_cli_unreadable_text_is_one_line_and_exit_1(two_sets) -> None:
    (ng, nt), _ = two_sets
    (nt / "b.txt").write_bytes(b"   ")
    result = cli(f"{ng}:{nt}", "--no-misses")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "north/a.txt" in result.stdout  # the rest is still scored and printed
    err = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(err) == 1 and str(nt / "b.txt") in err[0] and "empty" in err[0]


def test_the_blind_articles_gold_is_well_formed():
    """bench/blind: every relation names entities of its file, every text exists."""
    from pathlib import Path

    from kg.evaluate import load_gold

    root = Path(__file__).resolve().parents[1] / "bench" / "blind"
    files = sorted(root.glob("set*/gold/*.json"))
    assert len(files) >= 6 and {f.parent.parent.name for f in files} >= {"set1", "set2"}
    for f in files:
        gold = load_gold(f)
        names = {e["name"] for e in gold["entities"]}
        assert (f.parent.parent / "texts" / gold["doc"]).exists(), f
        for r in gold["relations"]:
            assert {r["subject"], r["object"]} <= names, (f.name, r)
