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

Key 1 always merges, so it is applied first and gives *atoms* (:class:`Atom`,
order-independent); the rest (:func:`resolve_atoms`) merges atoms, which is
what lets ``kg add`` re-resolve only the atoms a new document can reach
(kg/build.py) and still give what a rebuild gives.

An industry that has a label of the SKOS scheme (kg/ontology/industries.ttl)
gets its concept (``skos:exactMatch``); sharing a concept does not merge two
industries (信息技术 and 新一代信息技术 stay two nodes).
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.normalize import normalize

ENT = "https://w3id.org/kg/id/"
TYPES = ("Park", "Company", "Institution", "Industry", "Place", "Person")
_DATA = Path(__file__).resolve().parent / "data"
_BRACKET = re.compile(r"\(([^()]*)\)")
_LEGAL_WORDS = frozenset(("集团", "控股", "股份", "控股集团"))


@dataclass(frozen=True)
class Rules:
    legal_suffixes: tuple[str, ...]
    park_equivalents: tuple[tuple[str, str], ...]
    industry_suffixes: tuple[str, ...]
    generic: frozenset[str]
    descriptors: frozenset[str]  # words that do not make a firm's core distinctive
    places: tuple[str, ...]  # longest first
    place_set: frozenset[str]
    park_suffixes: frozenset[str]
    gazetteer: frozenset[str]  # normalised known park names
    industry_concepts: dict  # normalised label → concept IRI

    @functools.cached_property
    def descriptors_by_length(self) -> tuple[str, ...]:
        return tuple(sorted(self.descriptors, key=len, reverse=True))


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
    heads = [w for line in _sections(_DATA / "brand_heads.txt")[""] for w in line.split()]
    descriptors = {normalize(w) for w in words("descriptors") + heads}
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
        park_suffixes=frozenset(park_suffixes),
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


def firm_core(name: str, r: Rules | None = None) -> str:
    """A firm's core name: kg's one definition of it, for resolution keys and IRIs
    here and for brand aliases in extraction (:func:`kg.extract.entities.brand_core`).

    The normalised name without a bracketed place (清安储能技术(重庆)有限公司), its
    legal endings (有限公司, 集团…: ``[legal_suffixes]`` of kg/data/resolve.txt,
    longest first, repeatedly) and its leading administrative places
    (:func:`_strip_place_prefix`): 重庆植恩药业有限公司 → 植恩药业. It may be generic
    or mere descriptors (重庆电子科技有限公司 → 电子科技): :func:`company_core` says
    whether it is distinctive.
    """
    r = r or rules()
    s = normalize(name)
    # a bracketed place inside the name: 清安储能技术(重庆)有限公司
    # and a bracketed legal word: 中国北方稀土(集团)高科技股份有限公司
    s = _BRACKET.sub(
        lambda m: "" if m.group(1) in r.place_set or m.group(1) in _LEGAL_WORDS else m.group(0), s
    )
    changed = True
    while changed:
        changed = False
        for suf in r.legal_suffixes:
            if s.endswith(suf) and len(s) > len(suf):
                s = s[: -len(suf)]
                changed = True
                break
    return _strip_place_prefix(s, r)


def company_core(name: str, r: Rules | None = None) -> str | None:
    """The distinctive core of a company name (:func:`firm_core`), or None when it
    has none."""
    r = r or rules()
    s = firm_core(name, r)
    if len(s) < 2 or s in r.generic or _only_descriptors(s, r):
        return None
    return s


def firm_brand(name: str, r: Rules | None = None, keep: int = 2) -> str:
    """A firm's brand: its core (:func:`firm_core`) without the descriptor words
    after it, keeping at least ``keep`` characters: kg's one definition, for
    resolution keys here and for short forms in extraction
    (:func:`kg.extract.entities.brand_core`).

    重庆植恩药业有限公司 → 植恩; 海康威视数字技术股份有限公司 → 海康威视.
    """
    r = r or rules()
    s = firm_core(name, r)
    changed = True
    while changed:
        changed = False
        for d in r.descriptors_by_length:
            if s.endswith(d) and len(s) - len(d) >= keep:
                s = s[: -len(d)]
                changed = True
                break
    return s


def company_brand(name: str, r: Rules | None = None) -> str | None:
    """The brand of a full legal name as a resolution key (:func:`firm_brand`, at
    least 3 characters), or None: only from names with a legal ending, never for
    中… groups (中国电子科技 ≠ 中国电子), never a brand of mere descriptors."""
    r = r or rules()
    s = normalize(name)
    if not any(s.endswith(suf) for suf in r.legal_suffixes):
        return None
    core = company_core(name, r)
    if not core or core.startswith("中"):
        return None
    brand = firm_brand(name, r, keep=3)
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
    if type_ == "Industry":
        return False
    if r is None or r is rules():
        return _is_generic(normalize(name))
    return _generic_form(normalize(name), r)


@functools.lru_cache(maxsize=65536)
def _is_generic(s: str) -> bool:
    return _generic_form(s, rules())


def _generic_form(s: str, r: Rules) -> bool:
    if s in r.generic or s in r.park_suffixes or len(s) < 2:
        return True
    # a bare type word with only generic modifiers: 国家高新区, 该公司
    return any(s[i:] in r.park_suffixes and s[:i] in r.generic for i in range(1, len(s)))


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
    # for incremental resolution (kg/build.py): every key of an entity's names
    # (``"<strength>|<Type>|<key>"``) and, where a key collision moved an entity
    # to another IRI, the IRI it would otherwise have had
    keys: dict[str, list[str]] = field(default_factory=dict)
    displaced: dict[str, str] = field(default_factory=dict)
    # the atoms (see :class:`Atom`), their (doc, name) pairs and entity, and the
    # (doc, name) pairs that entities of two types claim (→ atom indices, winner first)
    atoms: list = field(default_factory=list)
    atom_pairs: list = field(default_factory=list)
    atom_iri: list = field(default_factory=list)
    conflicts: dict = field(default_factory=dict)

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


def local_key_tuples(doc: str, type_: str, names: list[str], r: Rules | None = None):
    """The keys ``(strength, type, key)`` of one entity of one document (its name
    and aliases): a bare type word (管委会) only links inside its own document."""
    r = r or rules()
    out: list[tuple[int, str, str]] = []
    for name in names:
        if is_generic(name, type_, r):
            out.append((0, type_, f"d:{doc}|" + normalize(name)))
            continue
        for strength, key in name_keys(name, type_):
            out.append((strength, type_, key))
    return out


def record_locals(rec: dict):
    """``(type, names)`` of every entity of a record that resolution considers."""
    for e in rec.get("entities", []):
        if e.get("type") not in TYPES or not e.get("name"):
            continue
        yield e, e["type"], [e["name"], *[a for a in e.get("aliases", []) or [] if a]]


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """What resolution and the RDF shape depend on (rules, lexicons, this code):
    an incremental ``kg add`` trusts a stored resolution index only when it was
    made with the same fingerprint."""
    import json

    import kg

    r = rules()
    h = hashlib.sha1(kg.__version__.encode())
    for f in (Path(__file__), Path(__file__).with_name("rdf.py")):
        h.update(f.read_bytes())
    for name in Rules.__dataclass_fields__:
        v = getattr(r, name)
        v = sorted(v.items()) if isinstance(v, dict) else sorted(v)
        h.update(json.dumps([name, v], ensure_ascii=False).encode())
    return h.hexdigest()


Pos = tuple[str, int]  # (document, index of the entity in the record): the global order


@dataclass
class Atom:
    """Entities of the same type that share a normalised name or alias (strength-0
    key): always one node, whatever else is resolved with them. Resolution merges
    atoms; an incremental ``kg add`` keeps them (kg/build.py)."""

    first: Pos  # its first entity in the global order
    type: str
    keys: dict[tuple[int, str, str], Pos]  # key → the first of its entities that has it
    canon: dict[str, set[str]]  # canonical name → documents that use it
    names: set[str]  # every name and alias
    generic: bool  # all its entities are named only by a type word
    parks: dict[str, list]  # park name → [first position, documents that use it]
    id: str | None = None

    @property
    def docs(self) -> set[str]:
        return set().union(*self.canon.values())

    def absorb(self, other: Atom) -> None:
        """Merge ``other`` into this atom."""
        self.first = min(self.first, other.first)
        for k, at in other.keys.items():
            if k not in self.keys or at < self.keys[k]:
                self.keys[k] = at
        for n, docs in other.canon.items():
            self.canon.setdefault(n, set()).update(docs)
        self.names |= other.names
        self.generic = self.generic and other.generic
        for n, (at, docs) in other.parks.items():
            if n in self.parks:
                self.parks[n] = [min(self.parks[n][0], at), self.parks[n][1] | docs]
            else:
                self.parks[n] = [at, set(docs)]


def _record_singles(rec: dict, r: Rules, keep=None) -> Iterator[tuple[Atom, list[str]]]:
    """One atom per entity of one record (not yet merged) and the names it goes by
    (its name and aliases, in the record's order); only the entities for which
    ``keep(doc, entity)`` is true, if given."""
    doc = rec["doc"]
    for pos, (e, type_, names) in enumerate(record_locals(rec)):
        if keep is not None and not keep(doc, e):
            continue
        at = (doc, pos)
        keys: dict[tuple[int, str, str], Pos] = {}
        for k in local_key_tuples(doc, type_, names, r):
            keys.setdefault(k, at)
        generic = is_generic(e["name"], type_, r)
        parks = {}
        if type_ == "Park" and not generic:
            for n in names:
                if not is_generic(n, type_, r):
                    parks[normalize(n)] = [at, {doc}]
        yield Atom(at, type_, keys, {e["name"]: {doc}}, set(names), generic, parks), names


def local_atoms(records: Iterable[dict], r: Rules | None = None, keep=None):
    """One atom per entity of the records (not yet merged), and its (doc, name)
    pairs; only the entities for which ``keep(doc, entity)`` is true, if given."""
    r = r or rules()
    out = []
    for rec in records:
        doc = rec["doc"]
        for atom, names in _record_singles(rec, r, keep):
            out.append((atom, [(doc, normalize(n)) for n in names]))
    return out


def merge_atoms(atoms: list[Atom]) -> list[list[int]]:
    """Groups (indices into ``atoms``) of atoms that share a strength-0 key."""
    uf = _UnionFind(len(atoms))
    seen: dict[tuple[int, str, str], int] = {}
    for i, a in enumerate(atoms):
        for k in a.keys:
            if k[0] == 0:
                j = seen.setdefault(k, i)
                if j != i:
                    uf.union(j, i)
    return [sorted(m) for _, m in sorted(uf.members.items())]


def _typo_pairs(parks: dict[str, list], r: Rules):
    """Pairs (typo, known) of park names that differ in one character."""
    known = {k for k, (_, docs) in parks.items() if k in r.gazetteer or len(docs) >= 2}
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


@dataclass
class AtomResolution:
    entities: dict[str, ResolvedEntity]
    atom_iri: list[str]  # the entity of each atom
    keys: dict[str, list[str]]
    displaced: dict[str, str]


def resolve_atoms(atoms: list[Atom], r: Rules | None = None) -> AtomResolution:
    """Merge atoms (no two share a strength-0 key) into entities: by core names and
    park typos, in the global order of their entities, never two that one
    document keeps apart; then label and name each entity."""
    r = r or rules()
    uf = _UnionFind(len(atoms))
    docsets = [a.docs for a in atoms]

    def can_merge(a: int, b: int) -> bool:
        """Weak keys never merge two entities that one document keeps apart."""
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return True
        return docsets[ra].isdisjoint(docsets[rb])

    def union(a: int, b: int) -> None:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return
        # the root is the atom with the first entity (as union-find over entities)
        if atoms[rb].first < atoms[ra].first:
            ra, rb = rb, ra
        uf.parent[rb] = ra
        uf.members[ra] |= uf.members.pop(rb)
        docsets[ra] = docsets[ra] | docsets[rb]

    weak: dict[tuple[int, str, str], list[tuple[Pos, int]]] = defaultdict(list)
    parks: dict[str, list] = {}
    park_atom: dict[str, int] = {}
    for i, a in enumerate(atoms):
        for k, at in a.keys.items():
            if k[0] != 0:
                weak[k].append((at, i))
        for n, v in a.parks.items():
            parks[n] = v
            park_atom[n] = i
    for key in sorted(weak):
        members = sorted(weak[key])
        head = members[0][1]
        for _, m in members[1:]:
            if can_merge(head, m):
                union(head, m)
    for typo, known in _typo_pairs(parks, r):
        a, b = park_atom[typo], park_atom[known]
        if can_merge(a, b):
            union(a, b)

    entities: dict[str, ResolvedEntity] = {}
    ent_keys: dict[str, list[str]] = {}
    displaced: dict[str, str] = {}
    atom_iri = [""] * len(atoms)
    roots = sorted({uf.find(i) for i in range(len(atoms))}, key=lambda i: atoms[i].first)
    for root in roots:
        members = [atoms[m] for m in sorted(uf.members[root], key=lambda m: atoms[m].first)]
        type_ = members[0].type
        canon_docs: dict[str, set[str]] = defaultdict(set)
        for m in members:
            for n, docs in m.canon.items():
                canon_docs[n] |= docs
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
        docs = sorted(docsets[root])
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
            plain = iri
            iri = entity_iri(type_, "label:" + normalize(label), doc=docs[0])
            displaced[iri] = plain
        entities[iri] = ResolvedEntity(iri, type_, label, aliases, docs, concept)
        ent_keys[iri] = sorted({f"{s}|{t}|{k}" for m in members for s, t, k in m.keys})
        for m in uf.members[root]:
            atom_iri[m] = iri
    return AtomResolution(entities, atom_iri, ent_keys, displaced)


class AtomPool:
    """The atoms of records merged as the records arrive: what a build holds for
    resolution while it extracts.

    Why: one atom per entity of every record (an :class:`Atom`: four containers,
    ~1.6 KB) is ~90 KB a bench document, ~1 GB at 10,000 documents, but those
    ~550,000 entities are a few tens of thousands of atoms once merged by their
    strength-0 keys. Merging is order-independent (an atom's first position and
    its keys' positions are minima, its names and documents unions), so merging
    each record's entities into the pool as it arrives gives the atoms
    :func:`merge_atoms` gives over all the records sorted by document, and
    :meth:`atoms` puts them in that order (by first entity). The documents' names
    and the normalised names of the (doc, name) pairs are interned
    (:func:`sys.intern`): a name in a thousand documents is one string.
    """

    def __init__(self, r: Rules | None = None) -> None:
        self.r = r  # the rules are read at the first record (after a build's workers start)
        self.docs: set[str] = set()  # the documents added
        self._atoms: list[Atom | None] = []  # by number; None once merged into another
        self._pairs: list[list[tuple[str, str]]] = []  # (doc, normalised name) of each
        self._by_key: dict[tuple[int, str, str], int] = {}  # strength-0 key → atom number

    def add(self, rec: dict) -> None:
        """Merge the entities of one record into the pool."""
        self.r = self.r or rules()
        doc = sys.intern(rec["doc"])
        self.docs.add(doc)
        for atom, names in _record_singles({**rec, "doc": doc}, self.r):
            pairs = [(doc, sys.intern(normalize(n))) for n in names]
            strong = [k for k in atom.keys if k[0] == 0]
            found = sorted({self._by_key[k] for k in strong if k in self._by_key})
            if not found:
                self._by_key.update(dict.fromkeys(strong, len(self._atoms)))
                self._atoms.append(atom)
                self._pairs.append(pairs)
                continue
            # into the atom with the most names (the least to move), the others into it
            head = max(found, key=lambda i: (len(self._pairs[i]), -i))
            into = self._atoms[head]
            into.absorb(atom)
            self._pairs[head].extend(pairs)
            self._by_key.update(dict.fromkeys(strong, head))
            for i in found:
                if i != head:
                    other, self._atoms[i] = self._atoms[i], None
                    into.absorb(other)
                    self._pairs[head].extend(self._pairs[i])
                    self._pairs[i] = []
                    self._by_key.update(dict.fromkeys((k for k in other.keys if k[0] == 0), head))

    def atoms(self) -> tuple[list[Atom], list[list[tuple[str, str]]]]:
        """The merged atoms in the global order (by first entity) and the (doc, name)
        pairs of each, sorted (whatever the order the records came in). The pool
        is empty afterwards."""
        live = sorted(
            (i for i, a in enumerate(self._atoms) if a is not None),
            key=lambda i: self._atoms[i].first,
        )
        atoms = [self._atoms[i] for i in live]
        pairs = [self._pairs[i] for i in live]
        for p in pairs:
            p.sort()
        self._atoms, self._pairs, self._by_key = [], [], {}
        return atoms, pairs


def resolve(records: Iterable[dict], atoms: AtomPool | None = None) -> Resolution:
    """Resolve the entities of contract-1 records into one node per real entity.

    ``atoms``: a pool (:class:`AtomPool`) that has the atoms of some or all of the
    records already (a record it has is not read again: ``{"doc": name}`` is
    enough), and of no other document; it is used up."""
    r = rules()
    pool = atoms if atoms is not None else AtomPool(r)
    given = set()
    for rec in records:
        given.add(rec["doc"])
        if atoms is None or rec["doc"] not in pool.docs:
            pool.add(rec)
    if not pool.docs <= given:
        raise ValueError(f"atoms of documents not resolved: {sorted(pool.docs - given)[:3]}")
    atoms_, pairs = pool.atoms()
    ar = resolve_atoms(atoms_, r)
    # a (doc, name) of two entities (two types) is the one whose first entity comes first
    first: dict[str, Pos] = {}
    for i, a in enumerate(atoms_):
        iri = ar.atom_iri[i]
        first[iri] = min(first.get(iri, a.first), a.first)
    order = sorted(range(len(atoms_)), key=lambda i: (first[ar.atom_iri[i]], atoms_[i].first))
    by_name: dict[tuple[str, str], str] = {}
    contested: set[tuple[str, str]] = set()
    for i in order:
        iri = ar.atom_iri[i]
        for pair in pairs[i]:
            if by_name.setdefault(pair, iri) != iri:
                # entities of one type never share a (doc, name): two IRIs, two atoms
                contested.add(pair)
    # which atoms claim a contested pair, in the order above (rare: no list per pair)
    conflicts: dict[tuple[str, str], list[int]] = {}
    if contested:
        for i in order:
            for pair in pairs[i]:
                if pair in contested and i not in conflicts.setdefault(pair, []):
                    conflicts[pair].append(i)
    return Resolution(
        ar.entities, by_name, ar.keys, ar.displaced, atoms_, pairs, ar.atom_iri, conflicts
    )
