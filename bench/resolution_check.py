"""Are gold entities split over two graph nodes, or two gold entities merged into one?

    python bench/resolution_check.py ../shared/gold seeds

Builds the graph of the corpus in a temporary store, matches each document's
extracted entities to its gold entities (the scoring rules of kg eval), and
groups gold entities across documents by type and shared normalised names. A
gold entity is *split* when its group maps to more than one graph node, and two
are *merged* when different groups map to the same node.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from kg.build import build
from kg.evaluate import _match_entities, norm
from kg.resolve import resolve


def _group_of(groups: list[tuple[str, set[str]]], type_: str, names: set[str]) -> int:
    """The index of the gold identity these names belong to (a new one if none)."""
    for k, (t, known) in enumerate(groups):
        if t == type_ and names & known:
            known |= names
            return k
    groups.append((type_, set(names)))
    return len(groups) - 1


def main(gold_dir: str = "../shared/gold", corpus: str = "seeds") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        build([corpus], Path(tmp) / "store")
        records = {}
        for f in sorted((Path(tmp) / "store").glob("gen-*/records/*.json")):
            rec = json.loads(f.read_text(encoding="utf-8"))
            records[rec["doc"]] = rec
    resolution = resolve(list(records.values()))
    # gold identities across documents: same type and a shared normalised name
    groups: list[tuple[str, set[str]]] = []
    node_of_gold: dict[int, set[str]] = defaultdict(set)
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        rec = records.get(gold["doc"])
        if rec is None:
            continue
        match = _match_entities(rec["entities"], gold["entities"])
        for i, j in match.items():
            g = gold["entities"][j]
            names = {norm(n) for n in [g["name"], *g.get("aliases", [])]}
            k = _group_of(groups, g["type"], names)
            node_of_gold[k].add(resolution.iri(gold["doc"], rec["entities"][i]["name"]))
    split = [groups[k] for k, nodes in node_of_gold.items() if len(nodes) > 1]
    owners: dict[str, set[int]] = defaultdict(set)
    for k, nodes in node_of_gold.items():
        for n in nodes:
            owners[n].add(k)
    merged = [sorted(min(groups[k][1]) for k in ks) for ks in owners.values() if len(ks) > 1]
    print(f"gold entities matched: {len(node_of_gold)} (across documents)")
    print(f"split over two or more nodes: {len(split)}")
    for t, names in split:
        print(f"  {t}: {sorted(names)[0]}")
    print(f"merged into one node: {len(merged)}")
    for names in merged:
        print(f"  {' + '.join(names)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
