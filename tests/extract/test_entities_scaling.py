"""Entity grouping does work near-linear in the entities of one document.

Comparing every form with every shorter one (``_is_alias``) made a list of
2,000 firms take 5 s in ``group_entities`` (quadratic: 4x the firms, 16x the
work). Candidates now come from keys the two forms share, so 4x the firms is
about 4x the comparisons and the lines run. Counted, never timed.
"""

from __future__ import annotations

import copy
import random

from work_helpers import lines_run

from kg.document import Document, Mention
from kg.extract import entities

_CHARS = (
    "华信达通宏远中创新泰安瑞德康源盛兴国鑫博凯恒永丰隆昌"
    "佳嘉锦辉腾飞祥和润泽明阳光耀金银星月天海山川"
)
_ENDS = ("科技有限公司", "生物医药有限公司", "电子股份有限公司", "新材料有限公司", "集团有限公司")
_PARKS = ("产业园", "科技城", "高新区", "创新港")


def _document(n: int) -> Document:
    """A list of ``n`` distinct firms (some also named by a short form) and n/10
    parks, separated by 、, with each name a mention, as extraction finds them."""
    rnd = random.Random(n)
    forms: list[tuple[str, str]] = []
    cores: set[str] = set()
    while len(cores) < n:
        core = "".join(rnd.choice(_CHARS) for _ in range(rnd.choice((3, 4, 4, 5))))
        if core in cores:
            continue
        cores.add(core)
        forms.append((core + rnd.choice(_ENDS), "Company"))
        if rnd.random() < 0.2:
            forms.append((core + "公司", "Company"))
        if rnd.random() < 0.1:
            forms.append((core + rnd.choice(_PARKS), "Park"))
    text, mentions = "园区企业有", []
    for form, type_ in forms:
        mentions.append(Mention(len(text), len(text) + len(form), form, type_, "suffix"))
        text += form + "、"
    return Document(name="list.txt", text=text + "等。", mentions=mentions)


def _work(n: int) -> tuple[int, int, int]:
    """(comparisons, lines run in kg/, entities) of grouping ``n`` firms."""
    doc = _document(n)
    compared = 0
    is_alias = entities._is_alias

    def counting(*args):
        nonlocal compared
        compared += 1
        return is_alias(*args)

    entities._is_alias = counting
    try:
        lines = lines_run(lambda: entities.group_entities(doc))
    finally:
        entities._is_alias = is_alias
    return compared, lines, len(doc.entities)


def test_grouping_work_grows_linearly_with_the_firms_of_a_list():
    entities.group_entities(_document(50))  # lexicons and caches loaded first
    small = _work(400)
    large = _work(1600)
    assert large[2] > 3 * small[2]  # the firms are distinct: about 4x the entities
    assert large[0] / small[0] < 6, (small, large)  # comparing all pairs: about 16x
    assert large[1] / small[1] < 6, (small, large)


def test_grouping_by_candidates_is_grouping_by_all_pairs(monkeypatch):
    """The same entities, aliases and mentions as comparing every pair (the
    candidates are all the pairs _is_alias can accept), on lists with short
    forms, brackets, park typos and known organisations."""
    text = (
        "重庆高新区、重庆高新技术产业开发区、杭州高新区(滨江)、杭州高新区（滨江区）、西部（重庆）科学城、"
        "西部（成都）科学城、中国(重庆)自由贸易试验区、重庆自贸试验区、宁波市国家高新区、宁波高新区、"
        "金凤生物医药产业园、金凤生物医药产业圆、哈尔滨工业大学、哈工大、种质创制大科学中心、"
        "西部(重庆)科学城种质创制大科学中心、黑龙江省政府、省政府、海康威视数字技术股份有限公司、海康威视、"
        "海康、重庆金桥机器制造有限责任公司、金桥公司、中国建设银行高新支行、中国建设银行"
    )
    forms = [
        (f, "Park" if f.endswith(("区", "城", "园", "圆")) else "Company") for f in text.split("、")
    ]
    forms = [
        (f, "Institution" if f.endswith(("大学", "哈工大", "中心", "政府")) else t)
        for f, t in forms
    ]
    doc = _document(400)
    start = len(doc.text)
    for form, type_ in forms:
        doc.mentions.append(Mention(start, start + len(form), form, type_, "suffix"))
        start += len(form) + 1
    doc.text += text + "。"

    def snapshot(d: Document):
        return [(e.name, e.type, e.aliases, [m.span for m in e.mentions]) for e in d.entities]

    fast = snapshot(entities.group_entities(copy.deepcopy(doc)))

    def all_pairs(groups, lex):
        return lambda i: [
            j for j in range(i + 1, len(groups)) if groups[j]["type"] == groups[i]["type"]
        ]

    monkeypatch.setattr(entities, "_alias_candidates", all_pairs)
    monkeypatch.setattr(
        entities,
        "_typo_candidates",
        lambda keys: [[j for j in range(len(keys)) if j != i] for i in range(len(keys))],
    )
    slow = snapshot(entities.group_entities(copy.deepcopy(doc)))
    assert fast == slow
    assert any(e[0] == "重庆高新技术产业开发区" and "重庆高新区" in e[2] for e in fast)
    assert any(e[0] == "金桥公司" or "金桥公司" in e[2] for e in fast)


def test_long_lists_after_relation_words_take_no_exponential_time() -> None:
    """Patterns over lists ("X由A、B和C组成") once backtracked exponentially when
    the closing word never came: 22 items took 2 s, 40 would take hours. Run in
    a child with a generous limit: linear matching finishes in well under a
    second, an exponential one never does."""
    import subprocess
    import sys

    items = "、".join(
        f"甲乙{c}丁园区"
        for c in "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏"
        "闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙"
    )
    code = (
        "from kg.extract import extract_text\n"
        f"extract_text('西宁开发区由{items}和{items}，下辖{items}，涵盖{items}等。')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
