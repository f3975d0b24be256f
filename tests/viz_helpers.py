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
