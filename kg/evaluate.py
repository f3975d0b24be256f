"""Score extraction records against gold annotations (DESIGN.md, contract 1).

Names are compared after NFKC, removing whitespace and lower-casing ASCII. A
predicted entity matches a gold one when its type is the gold type or one of
its ``alt_types`` and one of its names equals one of gold's; matching is
one-to-one (an unmerged duplicate is a false positive). A relation matches
when both ends match and the predicate is the same; ``cooperatesWith`` is
unordered. Only the four types and five predicates are scored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.document import ENTITY_TYPES, PREDICATES
from kg.normalize import normalize

norm = normalize  # the scoring rules compare names in kg's one comparison form


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Report:
    by_type: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in ENTITY_TYPES})
    by_predicate: dict[str, Score] = field(default_factory=lambda: {p: Score() for p in PREDICATES})
    misses: list[dict] = field(default_factory=list)
    documents: int = 0

    @property
    def entities(self) -> Score:
        s = Score()
        for v in self.by_type.values():
            s.add(v)
        return s

    @property
    def relations(self) -> Score:
        s = Score()
        for v in self.by_predicate.values():
            s.add(v)
        return s

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "entities": self.entities.to_dict(),
            "relations": self.relations.to_dict(),
            "by_type": {k: v.to_dict() for k, v in self.by_type.items()},
            "by_predicate": {k: v.to_dict() for k, v in self.by_predicate.items()},
            "misses": self.misses,
        }


def _match_entities(pred: list[dict], gold: list[dict]) -> dict[int, int]:
    """One-to-one matching predicted index → gold index (maximum bipartite matching)."""

    def names(e):
        return {norm(n) for n in [e["name"], *e.get("aliases", [])]}

    gold_names = [names(g) for g in gold]
    gold_types = [{g["type"], *g.get("alt_types", [])} for g in gold]
    edges: dict[int, list[int]] = {}
    for i, p in enumerate(pred):
        pn = names(p)
        edges[i] = [
            j for j, g in enumerate(gold) if p["type"] in gold_types[j] and pn & gold_names[j]
        ]
    match_gold: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in match_gold or augment(match_gold[j], seen):
                match_gold[j] = i
                return True
        return False

    for i in edges:
        augment(i, set())
    return {i: j for j, i in match_gold.items()}


def score_document(pred: dict, gold: dict, report: Report) -> None:
    """Add one document's counts (and misses) to ``report``."""
    doc = gold.get("doc", pred.get("doc", "?"))
    p_ents = [e for e in pred.get("entities", []) if e.get("type") in ENTITY_TYPES]
    g_ents = [e for e in gold.get("entities", []) if e.get("type") in ENTITY_TYPES]
    match = _match_entities(p_ents, g_ents)
    matched_gold = set(match.values())
    for i, e in enumerate(p_ents):
        if i in match:
            report.by_type[g_ents[match[i]]["type"]].tp += 1
        else:
            report.by_type[e["type"]].fp += 1
            report.misses.append({"doc": doc, "kind": "FP", "type": e["type"], "name": e["name"]})
    for j, g in enumerate(g_ents):
        if j not in matched_gold:
            report.by_type[g["type"]].fn += 1
            report.misses.append({"doc": doc, "kind": "FN", "type": g["type"], "name": g["name"]})

    # relations: map names to gold indices through the entity matching
    p_index = {}
    for i, e in enumerate(p_ents):
        for n in [e["name"], *e.get("aliases", [])]:
            p_index.setdefault(norm(n), i)
    g_index = {}
    for j, g in enumerate(g_ents):
        g_index.setdefault(norm(g["name"]), j)
        for n in g.get("aliases", []):
            g_index.setdefault(norm(n), j)

    def key(s: int, p: str, o: int):
        return (p, *sorted((s, o))) if p == "cooperatesWith" else (p, s, o)

    gold_rel = {}
    for r in gold.get("relations", []):
        if r.get("predicate") not in PREDICATES:
            continue
        s, o = g_index.get(norm(r["subject"])), g_index.get(norm(r["object"]))
        if s is None or o is None:
            continue
        gold_rel.setdefault(key(s, r["predicate"], o), r)
    pred_rel = {}
    for r in pred.get("relations", []):
        if r.get("predicate") not in PREDICATES:
            continue
        si, oi = p_index.get(norm(r["subject"])), p_index.get(norm(r["object"]))
        gs = match.get(si) if si is not None else None
        go = match.get(oi) if oi is not None else None
        if gs is None or go is None:
            k = ("unmatched", r["subject"], r["predicate"], r["object"])
        else:
            k = key(gs, r["predicate"], go)
        pred_rel.setdefault(k, r)
    for k, r in pred_rel.items():
        if k in gold_rel:
            report.by_predicate[r["predicate"]].tp += 1
        else:
            report.by_predicate[r["predicate"]].fp += 1
            report.misses.append(
                {
                    "doc": doc,
                    "kind": "FP",
                    "type": r["predicate"],
                    "name": f"{r['subject']} → {r['object']}",
                }
            )
    for k, r in gold_rel.items():
        if k not in pred_rel:
            report.by_predicate[r["predicate"]].fn += 1
            report.misses.append(
                {
                    "doc": doc,
                    "kind": "FN",
                    "type": r["predicate"],
                    "name": f"{r['subject']} → {r['object']}",
                }
            )


def evaluate_records(records: list[dict], gold_dir: Path) -> Report:
    """Score records against the gold files of the same documents."""
    report = Report()
    for rec in records:
        gold_path = Path(gold_dir) / (Path(rec["doc"]).stem + ".json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        score_document(rec, gold, report)
        report.documents += 1
    return report


def evaluate_paths(gold_dir: Path, sources: list[Path]) -> Report:
    """Extract every source that has a gold file in ``gold_dir`` and score it."""
    from kg.errors import KgError
    from kg.extract import extract_file
    from kg.ingest import iter_sources

    if not any(Path(gold_dir).glob("*.json")):
        raise KgError(f"{gold_dir}: no gold files (*.json) found")
    files, _ = iter_sources(sources)
    records = []
    for f in files:
        if not (Path(gold_dir) / (f.stem + ".json")).exists():
            continue
        records.append(extract_file(f).to_record())
    if not records:
        raise KgError(f"none of the given files has a gold file in {gold_dir}")
    return evaluate_records(records, gold_dir)


def format_report(report: Report, misses: bool = True) -> str:
    """Misses first, then the score table (so the table is what a terminal keeps)."""
    lines = []
    if misses and report.misses:
        lines.append("misses:")
        for m in report.misses:
            lines.append(f"  {m['kind']} {m['type']:14} {m['name']}  [{m['doc']}]")
        lines.append("")

    def row(label: str, s: Score) -> str:
        return f"{label:16}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:6d}{s.fp:6d}{s.fn:6d}"

    lines.append(f"documents: {report.documents}")
    lines.append(f"{'':16}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
    for t, s in report.by_type.items():
        lines.append(row(t, s))
    lines.append(row("ENTITIES", report.entities))
    for p, s in report.by_predicate.items():
        lines.append(row(p, s))
    lines.append(row("RELATIONS", report.relations))
    return "\n".join(lines)
