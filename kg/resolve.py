"""Cross-document entity resolution: one node per real-world entity.

Input: contract-1 records (one per document, see DESIGN.md). Output: a
:class:`Resolution` with one :class:`ResolvedEntity` per real-world entity (its
stable IRI, preferred label, aliases, documents) and a map from every
``(document, name)`` to that IRI.

Two entities of the same type are merged when they share a *key*:

1. a normalised name or alias (NFKC — so both bracket widths are one name —,
   no whitespace, ASCII lower-cased);
2. a *core name*: companies without their legal ending, a bracketed place and
   a leading place (重庆植恩药业有限公司 → 植恩药业) or, for a full legal name,
   its brand (海康威视数字技术股份有限公司 → 海康威视), parks with one spelling
   of their ending (贵阳高新技术产业开发区 → 贵阳高新区) and without a trailing
   bracketed district (杭州高新区(滨江) → 杭州高新区), industries without
   产业/行业/领域;
3. for parks, a one-character typo of a park in the gazetteer (or a park named
   in two or more documents).

What is *not* merged: entities of different types (威海集团 vs 威海火炬高新区);
firms whose core is only a place or generic words (重庆电子科技有限公司 and
深圳电子科技有限公司 share no key); two entities one document keeps apart (keys
2–4 never merge them); names that are only a type word (管委会, 科学城): these
identify an entity only inside their own document.

Everything is decided on the whole set of records in a fixed order (records
sorted by document name, keys sorted), so the same documents give the same
nodes and IRIs in any input order. IRIs are formed in :func:`entity_iri`.

An industry that has a label of the SKOS scheme (kg/ontology/industries.ttl)
gets its concept (``skos:exactMatch``); sharing a concept does not merge two
industries (信息技术 and 新一代信息技术 stay two nodes).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ENT = "https://w3id.org/kg/id/"
TYPES = ("Park", "Company", "Institution", "Industry", "Place", "Person")
_DATA = Path(__file__).resolve().parent / "data"
_BRACKET = re.compile(r"\(([^()]*)\)")


def normalize(name: str) -> str:
    """The comparison form of a name: NFKC, no whitespace, ASCII lower-cased."""
    s = unicodedata.normalize("NFKC", name)
    s = "".join(ch for ch in s if not ch.isspace())
    return "".join(ch.lower() if ch.isascii() else ch for ch in s)


@dataclass(frozen=True)
class Rules:
    legal_suffixes: tuple[str, ...]
    park_equivalents: tuple[tuple[str, str], ...]
    industry_suffixes: tuple[str, ...]
    generic: frozenset[str]
    descriptors: frozenset[str]  # words that do not make a firm's core distinctive
    places: tuple[str, ...]  # longest first
    place_set: frozenset[str]
    park_suffixes: tuple[str, ...]
    gazetteer: frozenset[str]  # normalised known park names
    industry_concepts: dict  # normalised label → concept IRI


def _sections(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        else:
            out[section].append(line)
    return out


@functools.lru_cache(maxsize=1)
def rules() -> Rules:
    """The resolution rules: kg/data/resolve.txt plus the extractor's lexicons."""
    sec = _sections(_DATA / "resolve.txt")
    words = lambda name: [w for line in sec[name] for w in line.split()]  # noqa: E731
    equivalents = []
    for line in sec["park_equivalents"]:
        long, _, short = line.partition("=")
        equivalents.append((normalize(long.strip()), normalize(short.strip())))
    places: set[str] = set()
    park_suffixes: set[str] = set()
    gazetteer: set[str] = set()
    concepts: dict[str, str] = {}
    try:
        from kg.extract import lexicons

        lex = lexicons.load()
        places = {normalize(p) for p in lex.places if len(p) >= 2}
        park_suffixes = {normalize(s) for s, v in lex.suffixes.items() if v.type == "Park"}
        gazetteer = {normalize(p) for p in lex.park_names}
        for label, ind in lex.industries.items():
            if ind.iri:
                concepts[normalize(label)] = ind.iri
    except Exception:  # the lexicons are optional here: resolution still works without them
        pass
    descriptors = {
        normalize(w)
        for w in "科技 技术 数字技术 医疗 药业 医药 生物 生物科技 生物医药 电子 信息 信息技术 "
        "设备 医疗设备 制造 机器制造 机械 精密 新材料 材料 能源 新能源 环境 环保 发展 投资 "
        "实业 贸易 光电 智能 软件 网络 数据 工业 产业 服务 管理 咨询 建设 工程 集团 控股".split()
    }
    return Rules(
        legal_suffixes=tuple(
            sorted(map(normalize, words("legal_suffixes")), key=len, reverse=True)
        ),
        park_equivalents=tuple(sorted(equivalents, key=lambda p: len(p[0]), reverse=True)),
        industry_suffixes=tuple(
            sorted(map(normalize, words("industry_suffixes")), key=len, reverse=True)
        ),
        generic=frozenset(map(normalize, words("generic"))),
        descriptors=frozenset(descriptors),
        places=tuple(sorted(places, key=len, reverse=True)),
        place_set=frozenset(places),
        park_suffixes=tuple(sorted(park_suffixes, key=len, reverse=True)),
        gazetteer=frozenset(gazetteer),
        industry_concepts=concepts,
    )


# --------------------------------------------------------------------- keys


def _place_prefix(s: str, r: Rules) -> str | None:
    """The longest administrative place name that ``s`` starts with (and is longer than)."""
    longest = len(r.places[0]) if r.places else 0
    for n in range(min(longest, len(s) - 1), 1, -1):
        if s[:n] in r.place_set:
            return s[:n]
    return None


def _strip_place_prefix(s: str, r: Rules) -> str:
    """Remove leading administrative place names (广西柳州市… → …)."""
    while (p := _place_prefix(s, r)) is not None:
        s = s[len(p) :]
        for unit in ("省", "市", "区", "县"):
            if s.startswith(unit) and len(s) > 1 and not p.endswith(unit):
                s = s[1:]
    return s


def _only_descriptors(s: str, r: Rules) -> bool:
    """True when ``s`` is made only of descriptor words (电子科技, 医疗设备)."""
    if not s:
        return True
    ok = [False] * (len(s) + 1)
    ok[0] = True
    for i in range(len(s)):
        if not ok[i]:
            continue
        for j in range(i + 1, len(s) + 1):
            if s[i:j] in r.descriptors or s[i:j] in r.place_set:
                ok[j] = True
    return ok[len(s)]


def company_core(name: str, r: Rules | None = None) -> str | None:
    """The distinctive core of a company name, or None when it has none."""
    r = r or rules()
    s = normalize(name)
    # a bracketed place inside the name: 清安储能技术(重庆)有限公司
    s = _BRACKET.sub(lambda m: "" if m.group(1) in r.place_set else m.group(0), s)
    changed = True
    while changed:
        changed = False
        for suf in r.legal_suffixes:
            if s.endswith(suf) and len(s) > len(suf):
                s = s[: -len(suf)]
                changed = True
                break
    s = _strip_place_prefix(s, r)
    if len(s) < 2 or s in r.generic or _only_descriptors(s, r):
        return None
    return s


def company_brand(name: str, r: Rules | None = None) -> str | None:
    """The brand of a full legal name: its core without trailing descriptor words
    (海康威视数字技术股份有限公司 → 海康威视). Only from names with a legal ending,
    at least 3 characters, and never for 中国… groups (中国电子科技 ≠ 中国电子)."""
    r = r or rules()
    s = normalize(name)
    if not any(s.endswith(suf) for suf in r.legal_suffixes):
        return None
    core = company_core(name, r)
    if not core or core.startswith("中"):
        return None
    brand = core
    changed = True
    while changed:
        changed = False
        for d in sorted(r.descriptors, key=len, reverse=True):
            if brand.endswith(d) and len(brand) - len(d) >= 3:
                brand = brand[: -len(d)]
                changed = True
                break
    if brand == core or _only_descriptors(brand, r):
        return None
    return brand


def park_core(name: str, r: Rules | None = None) -> str | None:
    """One spelling of a park name: 贵阳高新技术产业开发区 → 贵阳高新区."""
    r = r or rules()
    s = normalize(name)
    m = re.search(r"\([^()]*\)$", s)
    if m and m.start() > 0:
        s = s[: m.start()]  # 杭州高新区(滨江) → 杭州高新区
    for long, short in r.park_equivalents:
        if s.endswith(long):
            s = s[: -len(long)] + short
            break
    # 柳州市柳东新区 → 柳州柳东新区
    p = _place_prefix(s, r)
    if p and p[-1] in "市省" and p[:-1] in r.place_set:
        s = p[:-1] + s[len(p) :]
    if s in r.generic or s in r.park_suffixes or len(s) < 3:
        return None
    return s


def industry_core(name: str, r: Rules | None = None) -> str:
    r = r or rules()
    s = normalize(name)
    for suf in r.industry_suffixes:
        if s.endswith(suf) and len(s) > len(suf) + 1:
            return s[: -len(suf)]
    return s


def is_generic(name: str, type_: str, r: Rules | None = None) -> bool:
    """True for a name that does not identify one entity across documents."""
    r = r or rules()
    s = normalize(name)
    if type_ == "Industry":
        return False
    if s in r.generic or s in r.park_suffixes or len(s) < 2:
        return True
    # a bare type word with only generic modifiers: 国家高新区, 该公司
    for suf in r.park_suffixes:
        if s.endswith(suf) and s[: -len(suf)] in r.generic:
            return True
    return False


@functools.lru_cache(maxsize=65536)
def name_keys(name: str, type_: str) -> tuple[tuple[int, str], ...]:
    """The keys of one name, strongest first: (strength, key)."""
    r = rules()
    keys = [(0, "n:" + normalize(name))]
    if type_ == "Company":
        core = company_core(name, r)
        if core:
            keys.append((1, "c:" + core))
        brand = company_brand(name, r)
        if brand:
            keys.append((1, "c:" + brand))
    elif type_ == "Park":
        core = park_core(name, r)
        if core:
            keys.append((1, "p:" + core))
    elif type_ == "Industry":
        keys.append((1, "i:" + industry_core(name, r)))
    return tuple(keys)


def iri_key(name: str, type_: str, r: Rules | None = None) -> str:
    """The normalised core name an IRI is hashed from."""
    r = r or rules()
    if type_ == "Company":
        return company_core(name, r) or normalize(name)
    if type_ == "Park":
        return park_core(name, r) or normalize(name)
    if type_ == "Industry":
        return industry_core(name, r)
    return normalize(name)


def entity_iri(type_: str, key: str, doc: str | None = None) -> str:
    """``ent:<type>/<12 hex of SHA-1 over "Type|key">`` (``"Type|doc|key"`` when the
    name only identifies the entity inside one document)."""
    basis = f"{type_}|{doc}|{key}" if doc else f"{type_}|{key}"
    return f"{ENT}{type_.lower()}/{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:12]}"


# --------------------------------------------------------------- resolution


@dataclass
class ResolvedEntity:
    iri: str
    type: str
    label: str  # preferred label (a document's canonical name)
    aliases: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    concept: str | None = None  # SKOS industry concept


@dataclass
class Resolution:
    entities: dict[str, ResolvedEntity]  # IRI → entity
    by_name: dict[tuple[str, str], str]  # (doc, normalised name) → IRI

    def iri(self, doc: str, name: str) -> str | None:
        return self.by_name.get((doc, normalize(name)))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, set[int]] = {i: {i} for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a == b:
            return
        if b < a:
            a, b = b, a
        self.parent[b] = a
        self.members[a] |= self.members.pop(b)


@dataclass
class _Local:
    doc: str
    type: str
    name: str
    names: list[str]
    generic: bool


def _typo_pairs(parks: dict[str, list[int]], locals_: list[_Local], r: Rules):
    """Pairs (typo, known) of park names that differ in one character."""
    counts = {k: len({locals_[i].doc for i in idx}) for k, idx in parks.items()}
    known = {k for k in parks if k in r.gazetteer or counts[k] >= 2}
    by_len: dict[int, list[str]] = defaultdict(list)
    for k in parks:
        by_len[len(k)].append(k)
    pairs = []
    for k in sorted(parks):
        if k in known or len(k) < 5:
            continue
        for other in sorted(by_len[len(k)]):
            if other not in known or other == k:
                continue
            diff = [i for i, (a, b) in enumerate(zip(k, other, strict=True)) if a != b]
            if len(diff) != 1:
                continue
            # both a bare "<place><ending>" with different places (长沙高新区, 长春高新区)
            rest = k[diff[0] + 1 :]
            if rest in r.park_suffixes or rest in {s for _, s in r.park_equivalents}:
                head_a, head_b = k[: len(k) - len(rest)], other[: len(other) - len(rest)]
                if head_a in r.place_set and head_b in r.place_set:
                    continue
            pairs.append((k, other))
    return pairs


def resolve(records: Iterable[dict]) -> Resolution:
    """Resolve the entities of contract-1 records into one node per real entity."""
    r = rules()
    recs = sorted(records, key=lambda rec: rec["doc"])
    locals_: list[_Local] = []
    for rec in recs:
        for e in rec.get("entities", []):
            if e.get("type") not in TYPES or not e.get("name"):
                continue
            names = [e["name"], *[a for a in e.get("aliases", []) or [] if a]]
            locals_.append(
                _Local(rec["doc"], e["type"], e["name"], names, is_generic(e["name"], e["type"], r))
            )
    uf = _UnionFind(len(locals_))
    # keys → local indices, per strength
    index: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    park_names: dict[str, list[int]] = defaultdict(list)
    for i, loc in enumerate(locals_):
        for name in loc.names:
            if is_generic(name, loc.type, r):
                # a bare type word links only inside its own document
                index[(0, loc.type, f"d:{loc.doc}|" + normalize(name))].append(i)
                continue
            for strength, key in name_keys(name, loc.type):
                index[(strength, loc.type, key)].append(i)
            if loc.type == "Park" and not loc.generic:
                park_names[normalize(name)].append(i)

    def docs_of(root: int) -> dict[str, set[int]]:
        out: dict[str, set[int]] = defaultdict(set)
        for m in uf.members[root]:
            out[locals_[m].doc].add(m)
        return out

    def can_merge(a: int, b: int) -> bool:
        """Weak keys never merge two entities that one document keeps apart."""
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return True
        da, db = docs_of(ra), docs_of(rb)
        return not any(doc in db for doc in da)

    for strength in (0, 1):
        for key in sorted(k for k in index if k[0] == strength):
            members = sorted(set(index[key]))
            for m in members[1:]:
                if strength == 0 or can_merge(members[0], m):
                    uf.union(members[0], m)
    for typo, known in _typo_pairs(park_names, locals_, r):
        a, b = park_names[typo][0], park_names[known][0]
        if can_merge(a, b):
            uf.union(a, b)

    entities: dict[str, ResolvedEntity] = {}
    by_name: dict[tuple[str, str], str] = {}
    for root in sorted({uf.find(i) for i in range(len(locals_))}):
        members = [locals_[m] for m in sorted(uf.members[root])]
        type_ = members[0].type
        canon_docs: dict[str, set[str]] = defaultdict(set)
        for m in members:
            canon_docs[m.name].add(m.doc)
        # preferred label: the longest canonical name, then a gazetteer name (not
        # its typo), then the one most documents use
        label = sorted(
            canon_docs,
            key=lambda n: (
                -len(normalize(n)),
                normalize(n) not in r.gazetteer,
                -len(canon_docs[n]),
                normalize(n),
                n,
            ),
        )[0]
        docs = sorted({m.doc for m in members})
        if all(m.generic for m in members):
            iri = entity_iri(type_, normalize(label), doc=docs[0])
        else:
            iri = entity_iri(type_, iri_key(label, type_, r))
        seen = {normalize(label)}
        aliases = []
        for n in sorted({n for m in members for n in m.names}, key=lambda n: (normalize(n), n)):
            if normalize(n) not in seen:
                seen.add(normalize(n))
                aliases.append(n)
        concept = None
        if type_ == "Industry":
            for n in [label, *aliases]:
                concept = r.industry_concepts.get(normalize(n)) or r.industry_concepts.get(
                    industry_core(n, r)
                )
                if concept:
                    break
        if iri in entities:  # another node already has this key: keep both, apart
            iri = entity_iri(type_, "label:" + normalize(label), doc=docs[0])
        entities[iri] = ResolvedEntity(iri, type_, label, aliases, docs, concept)
        for m in members:
            for n in m.names:
                by_name.setdefault((m.doc, normalize(n)), iri)
    return Resolution(entities, by_name)
