"""Score extraction records against gold annotations (DESIGN.md, contract 1).

Names are compared after NFKC, removing whitespace and lower-casing ASCII. A
predicted entity matches a gold one when its type is the gold type or one of
its ``alt_types`` and one of its names equals one of gold's; matching is
one-to-one (an unmerged duplicate is a false positive). A relation matches
when both ends match and the predicate is the same; ``cooperatesWith`` is
unordered. Only the four types and five predicates are scored.

Several gold sets are scored at once with :func:`evaluate_sets` (what
``kg eval`` prints): per article, micro totals per set and over all sets, so
a change is judged on every gold article and not on the one set it was tuned
on. :func:`gold_sets` turns ``kg eval``'s arguments into those sets.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
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

    def add(self, other: Report) -> None:
        """Add another report's counts and misses to this one (micro totals)."""
        for t, sc in other.by_type.items():
            self.by_type.setdefault(t, Score()).add(sc)
        for p, sc in other.by_predicate.items():
            self.by_predicate.setdefault(p, Score()).add(sc)
        self.misses.extend(other.misses)
        self.documents += other.documents

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


def load_gold(path: Path) -> dict:
    """Read one gold file, or raise a one-line :class:`KgError` naming it and why.

    Checked up front so that a broken gold file stops ``kg eval`` before any
    extraction, with its path, instead of as a ``KeyError`` half way through.
    """
    from kg.errors import KgError

    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KgError(f"{path}: gold file not found") from None
    except UnicodeDecodeError:
        raise KgError(f"{path}: gold file is not UTF-8") from None
    except json.JSONDecodeError as e:
        raise KgError(f"{path}: not valid JSON ({e})") from None
    except OSError as e:
        raise KgError(f"{path}: cannot read gold file: {e.strerror or e}") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
        raise KgError(f"{path}: not a gold file (expected an object with an 'entities' list)")
    for k, e in enumerate(gold["entities"]):
        if not (isinstance(e, dict) and isinstance(e.get("name"), str)):
            raise KgError(f"{path}: entity {k + 1} has no name")
        if not isinstance(e.get("type"), str):
            raise KgError(f"{path}: entity {k + 1} ({e['name']}) has no type")
        for key in ("aliases", "alt_types"):
            v = e.get(key, [])
            if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                raise KgError(
                    f"{path}: entity {k + 1} ({e['name']}): {key} is not a list of strings"
                )
    rels = gold.get("relations", [])
    if not isinstance(rels, list):
        raise KgError(f"{path}: 'relations' is not a list")
    for k, r in enumerate(rels):
        if not (isinstance(r, dict) and all(isinstance(r.get(x), str) for x in _REL_KEYS)):
            raise KgError(f"{path}: relation {k + 1} needs subject, predicate and object strings")
    return gold


_REL_KEYS = ("subject", "predicate", "object")


def evaluate_records(records: list[dict], gold_dir: Path) -> Report:
    """Score records against the gold files of the same documents."""
    report = Report()
    for rec in records:
        gold_path = Path(gold_dir) / (Path(rec["doc"]).stem + ".json")
        if not gold_path.exists():
            continue
        score_document(rec, load_gold(gold_path), report)
        report.documents += 1
    return report


def evaluate_paths(gold_dir: Path, sources: list[Path]) -> Report:
    """Extract every source that has a gold file in ``gold_dir`` and score it."""
    return evaluate_sets([GoldSet(Path(gold_dir), tuple(Path(s) for s in sources))]).overall


# --- several gold sets at once ------------------------------------------------------

SORT_KEY = (
    "mean of entity F1 and relation F1, lowest first (a side with nothing to score, "
    "no gold and nothing predicted, counts as 1.0); ties: entity F1, then set and document"
)


@dataclass(frozen=True)
class GoldSet:
    """A gold folder and the texts (files or folders) scored against it."""

    gold: Path
    texts: tuple[Path, ...]
    name: str = ""  # short label for tables; ``gold_sets`` derives one from the path


@dataclass
class Article:
    """One document's scores (the rows of the per-article table)."""

    set: str
    doc: str
    entities: Score
    relations: Score
    chars: int = 0

    def sort_key(self) -> tuple:
        """Worst first: see ``SORT_KEY``."""
        return ((_side(self.entities) + _side(self.relations)) / 2, _side(self.entities))

    def to_dict(self) -> dict:
        return {
            "set": self.set,
            "doc": self.doc,
            "chars": self.chars,
            "entities": self.entities.to_dict(),
            "relations": self.relations.to_dict(),
        }


def _side(s: Score) -> float:
    return s.f1 if s.tp + s.fp + s.fn else 1.0


@dataclass
class SetReport:
    """One gold set: its micro totals, its articles, and what could not be scored."""

    name: str
    gold: Path
    texts: tuple[Path, ...]
    report: Report = field(default_factory=Report)
    articles: list[Article] = field(default_factory=list)
    gold_without_text: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why) of unread texts
    files: list[Path] = field(default_factory=list)  # the texts scored, in order
    chars: int = 0
    seconds: float = 0.0  # extraction only (run_pipeline), not reading the files

    def to_dict(self) -> dict:
        d = {
            "name": self.name,
            "gold": str(self.gold),
            "texts": [str(t) for t in self.texts],
            "chars": self.chars,
            "extract_seconds": round(self.seconds, 3),
            "gold_without_text": self.gold_without_text,
            "skipped": [{"path": p, "why": w} for p, w in self.skipped],
        }
        d.update(self.report.to_dict())
        del d["misses"]  # listed once, in the overall report, each with its set
        return d


@dataclass
class MultiReport:
    """Every gold set of one run; ``overall`` is the micro total over all of them."""

    sets: list[SetReport] = field(default_factory=list)
    disable: frozenset[str] = frozenset()

    @property
    def overall(self) -> Report:
        total = Report()
        for s in self.sets:
            total.add(s.report)
        return total

    @property
    def articles(self) -> list[Article]:
        """All articles, worst first (``SORT_KEY``)."""
        order = {s.name: k for k, s in enumerate(self.sets)}
        arts = [a for s in self.sets for a in s.articles]
        return sorted(arts, key=lambda a: (*a.sort_key(), order[a.set], a.doc))

    @property
    def chars(self) -> int:
        return sum(s.chars for s in self.sets)

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.sets)

    @property
    def skipped(self) -> list[tuple[str, str]]:
        return [x for s in self.sets for x in s.skipped]

    def to_dict(self) -> dict:
        """Overall scores at the top level (as a single-set ``kg eval --json`` always had)."""
        d = self.overall.to_dict()
        d["chars"] = self.chars
        d["extract_seconds"] = round(self.seconds, 3)
        d["disabled_signals"] = sorted(self.disable)
        d["sort_key"] = SORT_KEY
        d["sets"] = [s.to_dict() for s in self.sets]
        d["articles"] = [a.to_dict() for a in self.articles]
        return d


def _is_gold_dir(p: Path) -> bool:
    try:
        return p.is_dir() and any(p.glob("*.json"))
    except OSError:
        return False


def default_texts(gold: Path, cwd: Path | None = None) -> Path:
    """Where the texts of a bare GOLD folder are: ``GOLD/../texts``, else ``./seeds``."""
    from kg.errors import KgError

    sibling = Path(gold).parent / "texts"
    seeds = (cwd or Path.cwd()) / "seeds"
    for p in (sibling, seeds):
        if p.is_dir():
            return p
    raise KgError(
        f"{gold}: no texts to score: looked in {sibling} and {seeds} "
        "(give them as GOLD:TEXTS or GOLD FILES…)"
    )


def _set_name(gold: Path, texts: Sequence[Path], taken: set[str]) -> str:
    """A short label for tables: the texts folder's name when there is one such
    folder not called ``texts`` (``seeds``), else the gold folder's name, or its
    parent's when it is called ``gold`` (``dev`` for ``../shared/dev/gold``)."""
    if len(texts) == 1 and Path(texts[0]).is_dir() and Path(texts[0]).resolve().name != "texts":
        base = Path(texts[0]).resolve().name
    else:
        p = Path(gold).resolve()
        base = p.parent.name if p.name == "gold" and p.parent.name else p.name
    base = base or str(gold)
    name, k = base, 2
    while name in taken:
        name, k = f"{base}#{k}", k + 1
    taken.add(name)
    return name


def gold_sets(args: Sequence[str]) -> list[GoldSet]:
    """``kg eval``'s arguments as gold sets (see that command's help for the grammar).

    ``GOLD:TEXTS`` is a set; a folder holding ``*.json`` files starts a new set;
    any other argument is a text file or folder of the set before it. A set
    given no texts takes them from :func:`default_texts`. Every path is
    checked here, before any extraction, so a typo costs no waiting.
    """
    from kg.errors import KgError

    if not args:
        raise KgError("no gold folder given (usage: kg eval GOLD[:TEXTS]… [FILES…])")
    groups: list[tuple[str, list[str]]] = []  # (gold as given, texts as given)
    for k, arg in enumerate(args):
        p = Path(arg)
        if ":" in arg and not p.exists():
            gold, _, texts = arg.partition(":")
            if not gold or not texts:
                raise KgError(f"{arg}: expected GOLD:TEXTS (a gold folder and a texts folder)")
            if not Path(texts).exists():
                raise KgError(f"{arg}: texts folder {texts} does not exist")
            groups.append((gold, [texts]))
        elif k == 0 or _is_gold_dir(p):
            groups.append((arg, []))
        elif not p.exists():
            raise KgError(f"{arg}: no such file or folder")
        else:
            groups[-1][1].append(arg)
    sets, taken = [], set()
    for gold, texts in groups:
        g = Path(gold)
        if not g.exists():
            raise KgError(f"{gold}: no such gold folder")
        if not g.is_dir():
            raise KgError(f"{gold}: not a folder (GOLD is a folder of gold *.json files)")
        if not _is_gold_dir(g):
            raise KgError(f"{gold}: no gold files (*.json) found")
        paths = tuple(Path(t) for t in texts) or (default_texts(g),)
        sets.append(GoldSet(g, paths, _set_name(g, paths, taken)))
    return sets


def evaluate_sets(
    sets: Iterable[GoldSet | tuple[str | Path, str | Path | Sequence[str | Path]]],
    disable: frozenset[str] = frozenset(),
    on_skip: Callable[[str, str], None] | None = None,
) -> MultiReport:
    """Extract and score every text that has a gold file, set by set.

    ``sets`` are :class:`GoldSet` or ``(gold_dir, texts)`` pairs (texts: one
    path or several). ``disable`` switches mention signals off (ablations).
    A text that cannot be read is recorded in its set's ``skipped`` (and
    passed to ``on_skip`` once the set is scored) and the run goes on; a set
    where no text with gold could be read, or a malformed gold file, raises
    :class:`KgError` (one line: the user sees that and nothing else).
    """
    from kg.errors import IngestError, KgError
    from kg.extract import run_pipeline
    from kg.ingest import iter_sources, read_document

    multi = MultiReport(disable=frozenset(disable))
    taken: set[str] = set()
    for item in sets:
        if not isinstance(item, GoldSet):
            gold, texts = item
            texts = (texts,) if isinstance(texts, (str, Path)) else texts
            item = GoldSet(Path(gold), tuple(Path(t) for t in texts))
        name = item.name or _set_name(item.gold, item.texts, taken)
        taken.add(name)
        golds = sorted(Path(item.gold).glob("*.json"))
        if not golds:
            raise KgError(f"{item.gold}: no gold files (*.json) found")
        gold_of = {g.stem: load_gold(g) for g in golds}
        sr = SetReport(name, Path(item.gold), item.texts)
        files, problems = iter_sources(item.texts)
        sr.skipped.extend(problems)
        scored: set[str] = set()
        for f in files:
            if f.stem not in gold_of or f.stem in scored:
                continue
            try:
                doc = read_document(f)
            except IngestError as e:
                sr.skipped.append((str(f), str(e)))
                continue
            t0 = time.perf_counter()
            record = run_pipeline(doc, frozenset(disable)).to_record()
            sr.seconds += time.perf_counter() - t0
            sr.chars += len(doc.text)
            scored.add(f.stem)
            sr.files.append(f)
            one = Report()
            score_document(record, gold_of[f.stem], one)
            for m in one.misses:
                m["set"] = name
            one.documents = 1
            sr.report.add(one)
            sr.articles.append(Article(name, f.name, one.entities, one.relations, len(doc.text)))
        if not scored:
            where = ", ".join(str(t) for t in item.texts)
            why = "; ".join(f"{p}: {w}" for p, w in sr.skipped[:3])
            raise KgError(
                f"no text in {where} has a gold file in {item.gold} "
                f"({len(files)} file{'' if len(files) == 1 else 's'} found"
                f"{'; ' + why if why else ''})"
            )
        for path, why in sr.skipped:
            if on_skip:
                on_skip(path, why)
        sr.gold_without_text = sorted(g.name for g in golds if g.stem not in scored)
        multi.sets.append(sr)
    return multi


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


def _cells(s: Score) -> str:
    return f"{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:5d}{s.fp:5d}{s.fn:5d}"


_HEAD = f"{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}"


def format_multi(multi: MultiReport, misses: bool = True) -> str:
    """Misses, then the per-article table (worst first), the totals per set and
    overall, and the per type/predicate table: the totals end up last, where a
    terminal keeps them."""
    lines = []
    overall = multi.overall
    if misses and overall.misses:
        lines.append("misses:")
        for m in overall.misses:
            where = f"{m['set']}/{m['doc']}" if len(multi.sets) > 1 else m["doc"]
            lines.append(f"  {m['kind']} {m['type']:14} {m['name']}  [{where}]")
        lines.append("")
    label_w = max([12, *(len(a.set) + len(a.doc) + 1 for a in multi.articles)]) + 2
    lines.append("articles, worst first by the mean of entity F1 and relation F1:")
    lines.append(f"{'':{label_w}}{'entities':^36}  {'relations':^36}")
    lines.append(f"{'article':{label_w}}{_HEAD}  {_HEAD}")
    for a in multi.articles:
        label = f"{a.set}/{a.doc}"
        lines.append(f"{label:{label_w}}{_cells(a.entities)}  {_cells(a.relations)}")
    lines.append("")
    lines.append("micro totals:")
    lines.append(f"{'set':{label_w}}{_HEAD}  {_HEAD}  docs")
    rows = [(s.name, s.report) for s in multi.sets]
    if len(multi.sets) > 1:
        rows.append(("ALL", overall))
    for name, r in rows:
        lines.append(
            f"{name:{label_w}}{_cells(r.entities)}  {_cells(r.relations)}  {r.documents:4d}"
        )
    for s in multi.sets:
        texts = ", ".join(str(t) for t in s.texts)
        note = f"  {s.name}: gold {s.gold}, texts {texts}"
        if s.gold_without_text:
            shown = ", ".join(s.gold_without_text[:5])
            more = "…" if len(s.gold_without_text) > 5 else ""
            note += f"; {len(s.gold_without_text)} gold files not scored (no text): {shown}{more}"
        lines.append(note)
    lines.append("")
    lines.append(_type_table(multi))
    return "\n".join(lines)


def _type_table(multi: MultiReport) -> str:
    """Today's table (P/R/F1 and counts per type and predicate, over all sets),
    with each set's F1 beside it when there are several."""
    overall = multi.overall
    per_set = multi.sets if len(multi.sets) > 1 else []
    w = max([8, *(len(s.name) + 1 for s in per_set)])
    extra = "".join(f"{'F1 ' + s.name:>{w + 3}}" for s in per_set)
    lines = [f"documents: {overall.documents}", f"{'':16}{_HEAD}{extra}"]

    def row(label: str, s: Score, of_set: Callable[[Report], Score]) -> str:
        cols = "".join(f"{of_set(x.report).f1:{w + 3}.3f}" for x in per_set)
        return f"{label:16}{_cells(s)}{cols}"

    for t, s in overall.by_type.items():
        lines.append(row(t, s, lambda r, t=t: r.by_type.get(t, Score())))
    lines.append(row("ENTITIES", overall.entities, lambda r: r.entities))
    for p, s in overall.by_predicate.items():
        lines.append(row(p, s, lambda r, p=p: r.by_predicate.get(p, Score())))
    lines.append(row("RELATIONS", overall.relations, lambda r: r.relations))
    return "\n".join(lines)
