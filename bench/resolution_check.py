"""Are gold entities split over two graph nodes, or two gold entities merged into one?

    python bench/resolution_check.py                         # seeds + ../shared/dev
    python bench/resolution_check.py ../shared/gold:seeds    # gold sets as kg eval takes them

Extracts every text of the gold sets (the build's own ``extract_record``),
resolves all the records together as one graph would (``kg.resolve.resolve``),
matches each document's extracted entities to its gold entities (the scoring
rules of kg eval), and groups gold entities across documents by type and
shared normalised names. A gold entity is *split* when its group maps to more
than one graph node, and two are *merged* when different groups map to the
same node. Counted per set (gold entities of that set's documents) and over
all sets (where an entity of one set meets its namesake in another).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from kg.build import extract_record
from kg.errors import KgError
from kg.evaluate import GoldSet, _match_entities, gold_sets, load_gold, norm
from kg.ingest import iter_sources
from kg.resolve import Resolution, resolve

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_SETS = (
    f"{SHARED / 'gold'}:{REPO / 'seeds'}",
    f"{SHARED / 'dev' / 'gold'}:{SHARED / 'dev' / 'texts'}",
)


def _group_of(groups: list[tuple[str, set[str]]], type_: str, names: set[str]) -> int:
    """The index of the gold identity these names belong to (a new one if none)."""
    for k, (t, known) in enumerate(groups):
        if t == type_ and names & known:
            known |= names
            return k
    groups.append((type_, set(names)))
    return len(groups) - 1


def check(
    golds: list[dict], records: dict[str, dict], resolution: Resolution
) -> tuple[int, list[tuple[str, set[str], set[str]]], list[list[str]]]:
    """(gold identities matched, those split (type, names, nodes), groups merged into one node)."""
    groups: list[tuple[str, set[str]]] = []
    node_of_gold: dict[int, set[str]] = defaultdict(set)
    for gold in golds:
        rec = records.get(gold["doc"])
        if rec is None:
            continue
        match = _match_entities(rec["entities"], gold["entities"])
        for i, j in match.items():
            g = gold["entities"][j]
            names = {norm(n) for n in [g["name"], *g.get("aliases", [])]}
            k = _group_of(groups, g["type"], names)
            node_of_gold[k].add(resolution.iri(gold["doc"], rec["entities"][i]["name"]))
    split = [(*groups[k], nodes) for k, nodes in node_of_gold.items() if len(nodes) > 1]
    owners: dict[str, set[int]] = defaultdict(set)
    for k, nodes in node_of_gold.items():
        for n in nodes:
            owners[n].add(k)
    merged = [sorted(min(groups[k][1]) for k in ks) for ks in owners.values() if len(ks) > 1]
    return len(node_of_gold), split, merged


def extract_sets(sets: list[GoldSet]) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """Records of every text (by document name) and each set's gold files."""
    records: dict[str, dict] = {}
    golds: dict[str, list[dict]] = {}
    for s in sets:
        golds[s.name] = [load_gold(g) for g in sorted(Path(s.gold).glob("*.json"))]
        files, problems = iter_sources(s.texts)
        for path, why in problems:
            print(f"skipped {path}: {why}", file=sys.stderr)
        for f in files:
            if f.name in records:
                raise KgError(f"{f}: a second document named {f.name} (names must be unique)")
            try:
                records[f.name] = extract_record(f)
            except KgError as e:
                print(f"skipped {f}: {e}", file=sys.stderr)
    return records, golds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "sets", nargs="*", help="gold sets as kg eval takes them (default: seeds + dev)"
    )
    args = ap.parse_args(argv)
    sets = gold_sets(args.sets or [s for s in DEFAULT_SETS if Path(s.split(":")[0]).is_dir()])
    records, golds = extract_sets(sets)
    resolution = resolve(list(records.values()))
    rows = [(s.name, golds[s.name]) for s in sets]
    if len(sets) > 1:
        rows.append(("ALL", [g for s in sets for g in golds[s.name]]))
    print(f"{'set':8}{'matched':>9}{'split':>7}{'merged':>8}")
    found = []
    for name, gs in rows:
        matched, split, merged = check(gs, records, resolution)
        print(f"{name:8}{matched:9d}{len(split):7d}{len(merged):8d}")
        found.append((name, split, merged))
    for name, split, merged in found:
        for t, names, nodes in split:
            print(
                f"{name}: split over {len(nodes)} nodes: {t} {' / '.join(sorted(names))}"
                f" -> {', '.join(sorted(nodes))}"
            )
        for names in merged:
            print(f"{name}: merged into one node: {' + '.join(names)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KgError as e:
        sys.exit(f"resolution_check: error: {e}")
