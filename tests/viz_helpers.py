"""Shared by the viz, graphview, analysis and browser tests: the seeds' graph, built once."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@functools.cache
def seed_store() -> Path:
    """A store built from seeds/ (once per test session) in a temporary directory."""
    from kg.build import build

    path = Path(tempfile.mkdtemp(prefix="kg-viz-test-")) / "store"
    report = build([str(SEEDS)], path)
    assert report.documents == len(list(SEEDS.glob("*.txt")))
    return path


@functools.cache
def _seed_graph() -> nx.MultiDiGraph:
    from kg.graphview import load

    return load(seed_store())


def seed_graph() -> nx.MultiDiGraph:
    """A fresh copy of the seeds' networkx graph (tests may change it)."""
    return _seed_graph().copy()


@functools.cache
def seed_html() -> Path:
    """The page of the whole seeds' graph, written once."""
    from kg.viz import write_html

    out = seed_store().parent / "seeds.html"
    write_html(seed_store(), out)
    return out


def toy_graph() -> nx.MultiDiGraph:
    """A small hand-made graph with a known shape (as kg.graphview builds them).

    Two parks A园 and B园 (B园 part of A园), both focusing on 生物医药; A园 also
    on 集成电路. Companies 甲公司 and 乙公司 are in A园, 丙公司 in B园; 甲 and 乙
    cooperate, 丙 with the institution 丁大学; 甲 is in 生物医药. 戊公司 has no fact.
    """
    G = nx.MultiDiGraph()

    def node(key, t, label, aliases=()):
        G.add_node(key, type=t, label=label, aliases=list(aliases), docs=["toy.txt"])

    def edge(s, p, o, text="一句话。"):
        ev = [
            {
                "text": text,
                "doc": "toy.txt",
                "source": "toy/toy.txt",
                "start": 0,
                "end": len(text),
                "confidence": 0.9,
            }
        ]
        G.add_edge(
            s, o, key=p, predicate=p, evidence=ev, docs=["toy.txt"], sentence=text, doc="toy.txt"
        )

    node("pa", "Park", "A园", ["A高新区"])
    node("pb", "Park", "B园")
    node("bio", "Industry", "生物医药")
    node("ic", "Industry", "集成电路")
    node("c1", "Company", "甲公司", ["甲"])
    node("c2", "Company", "乙公司")
    node("c3", "Company", "丙公司")
    node("u4", "Institution", "丁大学")
    node("c5", "Company", "戊公司")
    edge("pb", "partOf", "pa")
    edge("pa", "focusesOn", "bio")
    edge("pa", "focusesOn", "ic")
    edge("pb", "focusesOn", "bio")
    edge("c1", "locatedIn", "pa", "甲公司落户A园。")
    edge("c2", "locatedIn", "pa")
    edge("c3", "locatedIn", "pb")
    edge("c1", "cooperatesWith", "c2", "甲公司与乙公司签约合作。")
    edge("c3", "cooperatesWith", "u4")
    edge("c1", "inIndustry", "bio")
    return G


PARK_WORDS = [
    "星河",
    "青岚",
    "云栖",
    "金沙",
    "临川",
    "松涛",
    "北辰",
    "南湖",
    "东岳",
    "西岭",
    "翠屏",
    "白鹭",
]
FIRM_WORDS = "恒瑞华康泰宏达鑫源博通瑞祥嘉盛天润海创联众信诚汇锦顺安普昌明德丰裕辉耀晟宇腾飞"
INDUSTRY_WORDS = ["生物医药", "集成电路", "新能源汽车", "人工智能", "新材料", "软件信息"]


def corpus_texts(n_docs: int, seed: int = 3) -> list[str]:
    """``n_docs`` short news items of our own: firms settling in parks, parks in
    zones, parks focusing on industries, firms cooperating (deterministic)."""
    import random

    rnd = random.Random(seed)
    parks = [f"{w}{'科技园' if i % 2 else '产业园'}" for i, w in enumerate(PARK_WORDS)]
    zones = ["江东高新区", "岭南高新区"]
    texts = []
    for i in range(n_docs):
        a, b = rnd.sample(FIRM_WORDS, 2), rnd.sample(FIRM_WORDS, 2)
        firm = f"{''.join(a)}{rnd.choice(['科技', '生物', '电子'])}有限公司"
        other = f"{''.join(b)}{rnd.choice(['科技', '生物', '电子'])}有限公司"
        k = rnd.randrange(len(parks))
        park, zone, ind = parks[k], zones[k % 2], rnd.choice(INDUSTRY_WORDS)
        texts.append(
            f"第{i}号简讯\n{park}位于{zone}，重点发展{ind}产业。"
            f"{firm}落户{park}。{firm}与{other}签署战略合作协议。\n"
        )
    return texts


@functools.cache
def corpus_store(n_docs: int = 300) -> Path:
    """A store of ``n_docs`` generated news items (:func:`corpus_texts`), built once."""
    from kg.build import build

    base = Path(tempfile.mkdtemp(prefix="kg-viz-corpus-"))
    (base / "corpus").mkdir()
    for i, text in enumerate(corpus_texts(n_docs)):
        (base / "corpus" / f"news_{i:04d}.txt").write_text(text, encoding="utf-8")
    path = base / "store"
    report = build([str(base / "corpus")], path)
    assert report.documents == n_docs
    return path
