"""Find entity mentions in each sentence by combining several signals.

Signals, each a small function over one sentence, all driven by data files:

* ``gazetteer``: known national zones and their short forms (Aho-Corasick);
* ``suffix``: a name suffix (有限公司, 研究院, 产业园…) with the name's left
  boundary found by walking back over jieba tokens until a stop word,
  punctuation, a number or a neighbouring name;
* ``list``: items of a coordination list that ends in a head noun
  ("A、B、C等优质企业") are names of that head's type;
* ``brand``: an unknown word followed by a business word (德美医疗, 华润微电子);
* ``industry``: industry terms from the SKOS scheme used as industries, and
  unknown list items that end in 产业/领域.

Overlaps are resolved at the end: nested names of other entities are kept
(北京大学 inside 北京大学第三医院), competing spans keep the better signal.
"""

from __future__ import annotations

import re

from kg.document import Document, Mention, Sentence
from kg.extract import lexicons
from kg.extract.tokens import PUNCT, Token, bracket_inner, is_cjk_numeral, tokenize

MAX_LEN = {"Park": 22, "Company": 28, "Institution": 30}
# dictionary POS tags of words that do not start a name
_LEADING_BAD_TAGS = {"v", "vd", "p", "c", "d", "r", "t", "m", "q", "u", "ad", "f", "uj", "ul"}
# business words that follow a brand name: 德美医疗, 华润微电子, 金蝶软件
BRAND_HEADS_FILE = "brand_heads.txt"
INDUSTRY_CUES = ("产业集群", "产业链", "产业", "行业", "领域", "集群", "赛道", "板块", "方向")
LIST_HEADS = {
    "企业": "Company",
    "公司": "Company",
    "龙头": "Company",
    "厂商": "Company",
    "品牌": "Company",
    "项目": "Company",
    "高校": "Institution",
    "院校": "Institution",
    "大学": "Institution",
    "院所": "Institution",
    "科研院所": "Institution",
    "机构": "Institution",
    "单位": "Institution",
}


def _pos_tag(word: str) -> str | None:
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab.get(word)


def _is_generic_core(tokens: list[Token], lex) -> bool:
    words = [t for t in tokens if t.kind != "bracket"]
    return all(t.text in lex.generic or t.text in lex.stop_tokens for t in words)


def _trim_leading(tokens: list[Token], lex) -> list[Token]:
    """Drop words at the left end that cannot start a name (verbs, adverbs…)."""
    while len(tokens) > 1:
        t = tokens[0]
        if t.kind == "bracket":
            tokens = tokens[1:]
            continue
        tag = _pos_tag(t.text)
        if len(t.text) >= 2 and tag in _LEADING_BAD_TAGS and t.text not in lex.places:
            tokens = tokens[1:]
            continue
        break
    return tokens


class SentenceMentions:
    """Collects candidate spans for one sentence."""

    def __init__(self, sent: Sentence, lex):
        self.sent = sent
        self.text = sent.text
        self.lex = lex
        self.tokens = tokenize(sent.text)
        self.token_ends = {t.end: i for i, t in enumerate(self.tokens)}
        self.token_starts = {t.start: i for i, t in enumerate(self.tokens)}
        self.found: list[Mention] = []  # offsets relative to the sentence

    def add(self, start: int, end: int, type_: str, source: str, score: float) -> Mention:
        m = Mention(start, end, self.text[start:end], type_, source, score)
        self.found.append(m)
        return m

    def _ends_at(self, pos: int, types=None) -> Mention | None:
        for m in self.found:
            if m.end == pos and (types is None or m.type in types):
                return m
        return None

    # -- gazetteer -----------------------------------------------------------
    def gazetteer(self) -> None:
        lex = self.lex
        if not len(lex.park_automaton):
            return
        best: dict[int, tuple[int, str]] = {}
        for end, word in lex.park_automaton.iter(self.text):
            start = end - len(word) + 1
            if start in self.token_starts or start == 0:
                if start not in best or best[start][0] < end + 1:
                    best[start] = (end + 1, word)
        taken = -1
        for start in sorted(best):
            end, _ = best[start]
            if start < taken:
                continue
            # extend over a bracket right after: 杭州高新区(滨江)
            j = self.token_starts.get(end)
            if j is not None and self.tokens[j].kind == "bracket":
                end = self.tokens[j].end
            self.add(start, end, "Park", "gazetteer", 0.95)
            taken = end

    # -- suffixes ------------------------------------------------------------
    def suffixes(self) -> None:
        lex = self.lex
        matches: dict[int, str] = {}  # end → longest suffix ending there
        for end, word in lex.suffix_automaton.iter(self.text):
            e = end + 1
            if e not in self.token_ends and e != len(self.text):
                continue
            if e not in matches or len(word) > len(matches[e]):
                matches[e] = word
        for e in sorted(matches):
            self._from_suffix(e, lex.suffixes[matches[e]])

    def _from_suffix(self, end: int, suffix) -> None:
        lex = self.lex
        type_ = suffix.type
        s_start = end - len(suffix.text)
        # the token containing the suffix start: include its head part
        idx = None
        for i, t in enumerate(self.tokens):
            if t.start <= s_start < t.end:
                idx = i
                break
        if idx is None:
            return
        name_start = self.tokens[idx].start
        core: list[Token] = []
        if name_start < s_start:
            head = self.tokens[idx]
            core.append(Token(self.text[head.start : s_start], head.start, s_start))
        j = idx - 1
        prefix_park = None
        while j >= 0:
            t = self.tokens[j]
            if t.is_break or t.text in lex.stop_tokens:
                break
            if t.kind == "digit" or (t.kind == "word" and t.text.isdigit()):
                break
            prev = self._ends_at(t.end, {"Park"})
            if prev is not None and prev.start < t.end:
                if "prefix-park" in suffix.flags:
                    prefix_park = prev
                break
            prev_org = self._ends_at(t.end, {"Company", "Institution"})
            if prev_org is not None and type_ != "Institution":
                break
            if end - t.start > MAX_LEN[type_]:
                break
            if is_cjk_numeral(t.text) and not t.text.startswith("第"):
                break
            core.insert(0, t)
            j -= 1
        # a bracket group cannot start a name
        while core and core[0].kind == "bracket":
            core = core[1:]
        core = _trim_leading(core, lex)
        core_text = "".join(t.text for t in core)
        if prefix_park is not None:
            start = prefix_park.start
        elif core:
            start = core[0].start
        else:
            start = s_start
        # right extension over a bracket: 国家外贸转型升级基地（生物医药）, 工商联（总商会）
        j = self.token_starts.get(end)
        if j is not None and self.tokens[j].kind == "bracket" and type_ != "Company":
            inner = bracket_inner(self.tokens[j].text)
            if not inner.startswith(("含", "即", "简称", "下称", "以下")):
                end = self.tokens[j].end
        if prefix_park is None:
            if not core_text:
                return
            if _is_generic_core(core, lex):
                return
            if len(core_text) < 2 and type_ != "Park":
                return
            if "weak" in suffix.flags and (len(core_text) > 8 or len(core_text) < 2):
                return
            # a place alone before a weak suffix is not a name (重庆中心)
        if self.text[start:end] in lex.places:
            return
        score = 0.8 if "weak" not in suffix.flags else 0.6
        self.add(start, end, type_, "suffix", score)

    # -- coordination lists --------------------------------------------------
    def lists(self) -> None:
        """ "吸引A、B、C等优质企业入驻": A, B, C are companies."""
        text = self.text
        for m in re.finditer(r"等(?:[0-9一二三四五六七八九十百余多几]+[家个所])?", text):
            tail = text[m.end() : m.end() + 14]
            head_type = None
            for head, t in LIST_HEADS.items():
                k = tail.find(head)
                if 0 <= k <= 10 and not any(c in PUNCT for c in tail[:k]):
                    if any(cue in tail[:k] for cue in ("产业", "领域", "行业")) and head == "项目":
                        continue
                    head_type = t
                    break
            if head_type is None:
                continue
            self._list_items(m.start(), head_type)

    def _list_items(self, end: int, head_type: str) -> None:
        lex = self.lex
        # walk left over items separated by 、 (and 和/及 before the last one)
        items: list[tuple[int, int]] = []
        pos = end
        while True:
            item_end = pos
            ti = self.token_ends.get(item_end)
            if ti is None:
                return
            j = ti
            while j >= 0:
                t = self.tokens[j]
                if t.is_break and t.kind != "bracket":
                    break
                if t.text in lex.stop_tokens or t.text in ("和", "及", "与"):
                    break
                if item_end - t.start > 14:
                    break
                j -= 1
            start = self.tokens[j + 1].start if j + 1 <= ti else item_end
            items.append((start, item_end))
            if j >= 0 and self.tokens[j].text in ("、", "和", "及", "与") and len(items) < 20:
                pos = self.tokens[j].start
                continue
            break
        for start, item_end in items:
            span_tokens = [t for t in self.tokens if start <= t.start and t.end <= item_end]
            span_tokens = _trim_leading(span_tokens, lex)
            if not span_tokens:
                continue
            start = span_tokens[0].start
            name = self.text[start:item_end]
            if len(name) < 2 or name in lex.places or name in lex.industries:
                continue
            if _is_generic_core(span_tokens, lex):
                continue
            if any(m.start <= start and item_end <= m.end for m in self.found):
                continue  # already a name (with a suffix)
            if any(c.isdigit() for c in name):
                continue
            self.add(start, item_end, head_type, "list", 0.7)

    # -- brand names ---------------------------------------------------------
    def brands(self, heads: set[str]) -> None:
        lex = self.lex
        toks = self.tokens
        for i, t in enumerate(toks):
            if t.text not in heads or i == 0:
                continue
            b = toks[i - 1]
            if b.kind not in ("word", "latin") or b.text in lex.stop_tokens:
                continue
            if b.text in lex.generic or b.text in lex.industries or b.text in lex.places:
                continue
            tag = _pos_tag(b.text)
            if b.kind == "word" and tag is not None and tag not in ("nz", "nr", "nrt", "nt", "j"):
                continue
            if len(b.text) < 2:
                continue
            # the next token must not continue a longer name or an industry phrase
            if i + 1 < len(toks) and toks[i + 1].text in ("产业", "行业", "领域", "技术"):
                continue
            if any(m.start <= b.start < m.end or m.start < t.end <= m.end for m in self.found):
                continue
            self.add(b.start, t.end, "Company", "brand", 0.55)

    # -- industries ----------------------------------------------------------
    def industries(self) -> None:
        lex = self.lex
        text = self.text
        hits: dict[int, int] = {}
        for end, word in lex.industry_automaton.iter(text):
            start = end - len(word) + 1
            if start not in self.token_starts and not self._starts_inside_park(start):
                continue
            if start not in hits or hits[start] < end + 1:
                hits[start] = end + 1
        taken = -1
        for start in sorted(hits):
            end = hits[start]
            if start < taken:
                continue
            # must end on a token boundary (生物 in 生物科技公司 is fine, 医药 in 医药物流 no)
            if end not in self.token_ends and not self._inside_park(start, end):
                continue
            if self._inside_org(start, end):
                continue
            self.add(start, end, "Industry", "lexicon", 0.7)
            taken = end
        self._unknown_industries()

    def _inside_org(self, start: int, end: int) -> bool:
        return any(
            m.type in ("Company", "Institution") and m.start <= start and end <= m.end
            for m in self.found
        )

    def _inside_park(self, start: int, end: int) -> bool:
        return any(m.type == "Park" and m.start <= start and end <= m.end for m in self.found)

    def _starts_inside_park(self, start: int) -> bool:
        return any(m.type == "Park" and m.start <= start < m.end for m in self.found)

    def _unknown_industries(self) -> None:
        """Items of an industry list that the lexicon does not know (农牧高新、脑部微创介入)."""
        text = self.text
        known = [m for m in self.found if m.type == "Industry"]
        if not known:
            return
        for m in known:
            # look at list neighbours: X、<known> or <known>、X … 等/产业
            for sep in ("、", "和", "及"):
                if text[m.end : m.end + 1] == sep:
                    self._industry_item_after(m.end + 1)
                if m.start > 0 and text[m.start - 1 : m.start] == sep:
                    self._industry_item_before(m.start - 1)

    def _industry_item_after(self, pos: int) -> None:
        lex = self.lex
        j = self.token_starts.get(pos)
        if j is None:
            return
        end = pos
        while j < len(self.tokens):
            t = self.tokens[j]
            if t.is_break or t.text in lex.stop_tokens or t.text in ("和", "及"):
                break
            if t.text in INDUSTRY_CUES or t.text in ("等",):
                break
            end = t.end
            j += 1
            if end - pos > 10:
                return
        self._maybe_industry(pos, end)

    def _industry_item_before(self, pos: int) -> None:
        lex = self.lex
        i = self.token_ends.get(pos)
        if i is None:
            return
        start = pos
        j = i
        while j >= 0:
            t = self.tokens[j]
            if t.is_break or t.text in lex.stop_tokens or t.text in ("和", "及"):
                break
            start = t.start
            j -= 1
            if pos - start > 10:
                return
        self._maybe_industry(start, pos)

    def _maybe_industry(self, start: int, end: int) -> None:
        name = self.text[start:end]
        for cue in INDUSTRY_CUES:
            if name.endswith(cue) and len(name) > len(cue):
                name = name[: -len(cue)]
                end -= len(cue)
                break
        if len(name) < 2 or len(name) > 10:
            return
        if name in self.lex.generic or name in self.lex.places:
            return
        if any(m.start < end and start < m.end for m in self.found):
            return
        if any(c.isdigit() for c in name):
            return
        # it must be followed (somewhere after) by an industry cue in this sentence
        rest = self.text[end : end + 30]
        if not any(cue in rest for cue in INDUSTRY_CUES):
            return
        self.add(start, end, "Industry", "industry-list", 0.5)


def _resolve_overlaps(found: list[Mention]) -> list[Mention]:
    """Keep the best of crossing spans; keep nested names of other entities."""
    order = sorted(found, key=lambda m: (-m.score, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in order:
        clash = False
        for k in kept:
            if m.start == k.start and m.end == k.end:
                clash = True
                break
            crossing = m.start < k.end and k.start < m.end
            nested = (k.start <= m.start and m.end <= k.end) or (
                m.start <= k.start and k.end <= m.end
            )
            if crossing and not nested:
                clash = True
                break
        if not clash:
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))


def find_mentions(doc: Document) -> Document:
    """Add ``doc.mentions`` (offsets into ``doc.text``) for every sentence."""
    lex = lexicons.load()
    heads = lexicons.word_set(BRAND_HEADS_FILE)
    for sent in doc.sentences:
        sm = SentenceMentions(sent, lex)
        sm.gazetteer()
        sm.suffixes()
        sm.lists()
        sm.brands(heads)
        sm.industries()
        for m in _resolve_overlaps(sm.found):
            doc.mentions.append(
                Mention(
                    m.start + sent.start,
                    m.end + sent.start,
                    m.text,
                    m.type,
                    m.source,
                    m.score,
                )
            )
    return doc
