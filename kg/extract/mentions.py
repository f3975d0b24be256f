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
_LEADING_BAD_TAGS = {"v", "vd", "p", "c", "d", "r", "t", "m", "q", "u", "ad", "uj", "ul"}
# business words that follow a brand name: 德美医疗, 华润微电子, 金蝶软件
BRAND_HEADS_FILE = "brand_heads.txt"
INDUSTRY_CUES = ("产业集群", "产业链", "产业", "行业", "领域", "集群", "赛道", "板块", "方向")
LIST_HEADS = {
    "企业": "Company",
    "公司": "Company",
    "龙头": "Company",
    "厂商": "Company",
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


# dictionary POS tags that end a name when walking left (verbs, adverbs, idioms…)
_STOP_TAGS = {
    "v",
    "vd",
    "d",
    "p",
    "c",
    "r",
    "u",
    "ad",
    "t",
    "m",
    "b",
    "i",
    "l",
    "q",
    "uj",
    "ul",
    "z",
    "y",
    "e",
    "o",
}
# word classes that occur inside company names (湖南长远锂科, 华润微电子): no stop for them
_COMPANY_NAME_TAGS = {"v", "vn", "a", "b", "d", "ad", "an", "z"}
_LEFT_BREAK_CHARS = {"#", "*", ">", "▶", "■", "●", "◆", "★"}
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)


def _looks_like_person(word: str) -> bool:
    """An unknown 2-3 character word starting with a common surname (a byline)."""
    return len(word) in (2, 3) and word[0] in _SURNAMES


def _cut_to_place(core: list[Token], lex) -> list[Token]:
    """Start the name at its first place word when what precedes it is not a name prefix.

    胡俊超南宁 → 南宁; 领略东莞松山湖 → 东莞松山湖; but 国家火炬丰城 stays.
    """
    for k, t in enumerate(core):
        if k == 0:
            if t.text in lex.places:
                return core
            continue
        if (
            t.kind == "word"
            and t.text in lex.places
            and lex.places[t.text] in ("province", "city", "county")
        ):
            prefix = core[:k]
            if all(p.text in _NAME_PREFIXES for p in prefix):
                return core
            head = "".join(p.text for p in prefix)
            if any(head.endswith(sfx) and lex.suffixes[sfx].type != "Park" for sfx in _PARENT_ORG):
                return core  # 中国科学院深圳先进技术研究院: a parent body, not noise
            return core[k:]
    return core


_NAME_PREFIXES = {"国家", "国家级", "中国", "火炬", "国家火炬", "省级", "全国", "中", "中华"}
_JOINERS = set("和及与在")
# a park's own development company: 苏州工业园区开发有限公司
_PARK_COMPANY_WORDS = {
    "开发",
    "建设",
    "投资",
    "发展",
    "管理",
    "运营",
    "服务",
    "控股",
    "实业",
    "集团",
}
_PARENT_ORG = ("科学院", "大学", "研究院", "集团", "公司")
# verbs that often start organisation names (创新医械产业基金, 联合微电子中心)
_NAME_WORDS = {"创新", "联合", "发展", "建设", "协同", "开发"}


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
        if (
            len(t.text) >= 2
            and tag in _LEADING_BAD_TAGS
            and t.text not in lex.places
            and t.text not in _NAME_WORDS
        ):
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
            if (
                e not in self.token_ends
                and e != len(self.text)
                and not self._inside_org_word(e, word)
            ):
                continue
            if e not in matches or len(word) > len(matches[e]):
                matches[e] = word
        for e in sorted(matches):
            self._from_suffix(e, lex.suffixes[matches[e]])

    def _ends_name(self, t: Token, lex) -> bool:
        """Whether a name may end right before token ``t``."""
        if t.is_break or t.kind == "bracket" or t.text in lex.stop_tokens:
            return True
        return _pos_tag(t.text) in {"v", "p", "c", "u", "uj", "ul", "d", "f", "r", "vd", "ad"}

    def _is_left_edge(self, t: Token, lex) -> bool:
        """Nothing of a name can stand left of this token (a break, stop word or verb)."""
        return (
            t.is_break
            or t.text in lex.stop_tokens
            or (len(t.text) >= 2 and _pos_tag(t.text) in _STOP_TAGS)
        )

    def _inside_org_word(self, end: int, suffix: str) -> bool:
        """A suffix inside a dictionary organisation word: 北京大学 in 北京大学第三医院."""
        if len(suffix) < 2 or self.lex.suffixes[suffix].type == "Park":
            return False
        for t in self.tokens:
            if t.start < end < t.end:
                return len(t.text) >= 6 and _pos_tag(t.text) == "nt" and end - t.start >= 4
        return False

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
        if len(suffix.text) == 1 and self.tokens[idx].text != suffix.text:
            # 局 in 布局, 园 in 公园: a one-character suffix must end an unknown word
            allowed = (None, "ns", "nt", "nz", "nr", "j") if type_ == "Park" else (None,)
            if _pos_tag(self.tokens[idx].text) not in allowed:
                return
        core: list[Token] = []
        if name_start < s_start:
            head = self.tokens[idx]
            core.append(Token(self.text[head.start : s_start], head.start, s_start))
        j = idx - 1
        prefix_park = None
        while j >= 0:
            t = self.tokens[j]
            if (
                type_ == "Park"
                and t.text in ("与", "和", "及")
                and j > 0
                and core
                and self.tokens[j - 1].text in lex.industries
                and core[0].text in lex.industries
            ):
                core.insert(0, t)  # 医疗器械与生物医药产业园: one park, two industries
                j -= 1
                continue
            if t.is_break or t.text in lex.stop_tokens:
                break
            if (
                type_ == "Park"
                and t.text in lex.suffixes
                and lex.suffixes[t.text].type != type_
                and (j == 0 or self._is_left_edge(self.tokens[j - 1], lex))
            ):
                break  # 建设大学西部科学城: a bare 大学 after a verb is no part of the name
            if t.kind == "digit" or (t.kind == "word" and t.text.isdigit()):
                break
            prev = self._ends_at(t.end, {"Park"})
            if prev is not None and prev.start < t.end:
                if "prefix-park" in suffix.flags:
                    prefix_park = prev
                    bank = self._ends_at(prev.start, {"Company"})
                    if bank is not None and bank.text.endswith("银行"):
                        prefix_park = bank  # 中国建设银行广州开发区分行
                elif type_ == "Park" and not core and name_start == s_start:
                    prefix_park = prev  # 武汉光谷 + 生物城: one longer park name
                elif type_ == "Company" and all(c.text in _PARK_COMPANY_WORDS for c in core):
                    prefix_park = prev  # 上海张江高科技园区开发股份有限公司
                break
            prev_org = self._ends_at(t.end, {"Company", "Institution"})
            if prev_org is not None and type_ != "Institution":
                if "prefix-park" in suffix.flags and prev_org.text.endswith("银行"):
                    prefix_park = prev_org  # 中国建设银行 + 高新支行
                elif (
                    type_ == "Park"
                    and prev_org.type == "Institution"
                    and not suffix.text.endswith(("高新区", "开发区", "经开区", "新区"))
                ):
                    prefix_park = prev_org  # 岳麓山大学 + 科技城: a park named after a body
                break
            if (
                t.text[0] in _JOINERS
                and len(t.text) > 1
                and _pos_tag(t.text) is None
                and t.text not in lex.places
            ):
                # jieba glued a conjunction to an unknown name: 和祺润 → 祺润
                core.insert(0, Token(t.text[1:], t.start + 1, t.end))
                break
            if end - t.start > MAX_LEN[type_]:
                break
            if is_cjk_numeral(t.text) and not t.text.startswith("第"):
                break
            if t.text.endswith(("企业", "年", "月", "日")) or t.text in _LEFT_BREAK_CHARS:
                break
            if (
                (core or type_ == "Park")
                and len(t.text) >= 2
                and _pos_tag(t.text) in _STOP_TAGS
                and t.text not in lex.industries
                and t.text not in _NAME_PREFIXES
                and (type_ != "Company" or _pos_tag(t.text) not in _COMPANY_NAME_TAGS)
                and "nostop" not in suffix.flags
            ):
                break
            if (
                core
                and core[0].text in lex.places
                and t.kind == "word"
                and len(t.text) >= 2
                and _pos_tag(t.text) is None
                and t.text not in lex.places
                and t.text not in lex.industries
                and _looks_like_person(t.text)
            ):
                break
            core.insert(0, t)
            j -= 1
        # a bracket group cannot start a name
        while core and core[0].kind == "bracket":
            core = core[1:]
        core = _trim_leading(core, lex)
        if prefix_park is None:
            core = _cut_to_place(core, lex)
        core_text = "".join(t.text for t in core)
        if prefix_park is not None:
            # a park named right after its zone: 徐州高新区 + 安科园 + 党群服务中心
            outer = self._ends_at(prefix_park.start, {"Park"})
            while outer is not None and outer.start < prefix_park.start:
                prefix_park = outer
                outer = self._ends_at(prefix_park.start, {"Park"})
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
            if core_text in lex.industries and (
                type_ == "Company" or "weak" in suffix.flags or "基地" in suffix.text
            ):
                return  # 生物科技公司, 动力电池生产基地: an industry, not a name
            if type_ == "Park" and "小镇" in suffix.text and core_text.rstrip("省市") in lex.places:
                return  # 山东省特色小镇: a designation, not a place on the map
            if type_ == "Company" and len(core) == 1 and _pos_tag(core_text) in ("v", "vn", "d"):
                return  # 发挥银行
            if _is_generic_core(core, lex):
                return
            if len(core_text) < 2 and type_ != "Park":
                return
            if "weak" in suffix.flags and (len(core_text) > 8 or len(core_text) < 2):
                return
            # a place alone before a weak suffix is not a name (重庆中心)
        if self.text[start:end] in lex.places:
            return
        if re.match(r"[一二三四五六七八九十两多]区", self.text[start:end]):
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
            best_k = 11
            for head, t in LIST_HEADS.items():
                k = tail.find(head)
                if 0 <= k < best_k and not any(c in PUNCT for c in tail[:k]):
                    head_type, best_k = t, k  # the nearest head noun decides
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
                if self._ends_at(t.end, {"Park"}) is not None:
                    break  # 杭州高新区(滨江)吉利、海康… : the park is not part of the item
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
        # a Latin brand with its Chinese name in brackets: Cytiva（思拓凡）
        for i, t in enumerate(toks[:-1]):
            nxt = toks[i + 1]
            if t.kind == "latin" and len(t.text) >= 3 and nxt.kind == "bracket":
                inner = bracket_inner(nxt.text)
                if 2 <= len(inner) <= 6 and all("\u4e00" <= c <= "\u9fff" for c in inner):
                    if inner not in lex.places and not self._overlaps(t.start, nxt.end):
                        self.add(t.start, nxt.end, "Company", "brand", 0.7)
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
            # the name must end here: the next word is a break, a function word or a verb,
            # not a noun that continues a longer phrase (成渝科技创新走廊, 赛尔新材料项目)
            if i + 1 < len(toks) and not self._ends_name(toks[i + 1], lex):
                continue
            if any(m.start <= b.start < m.end or m.start < t.end <= m.end for m in self.found):
                continue
            self.add(b.start, t.end, "Company", "brand", 0.55)

    # -- industries ----------------------------------------------------------
    def industries(self) -> None:
        """Industry terms used as industries: in lists and before 产业/领域/企业 cues.

        A lexicon term counts only in an industry context (教育 in 教育培训 does
        not); an unknown item counts when it shares a list with a known one.
        """
        lex = self.lex
        text = self.text
        hits: dict[int, int] = {}
        for end, word in lex.industry_automaton.iter(text):
            start = end - len(word) + 1
            if start not in hits or hits[start] < end + 1:
                hits[start] = end + 1
        # inside park names: 金凤生物医药产业园 → 生物医药 (longest term in the park's name)
        for p in [m for m in self.found if m.type == "Park"]:
            for start, end in self._park_name_industries(p, hits):
                self.add(start, end, "Industry", "park-name", 0.75)
        # lists of industries and single terms followed by a cue
        for items, cued, triggered in self._industry_lists():
            known = [
                it
                for it in items
                if text[it[0] : it[1]] in lex.industries or _tail_terms(text[it[0] : it[1]], lex)
            ]
            for start, end in items:
                name = text[start:end]
                if self._inside_org(start, end) or self._inside_park(start, end):
                    continue
                if name in lex.industries:
                    exact = [it for it in items if text[it[0] : it[1]] in lex.industries]
                    if cued or triggered or len(exact) >= 2:
                        self.add(start, end, "Industry", "lexicon", 0.75)
                elif known and cued and self._plausible_industry(start, end):
                    self.add(start, end, "Industry", "industry-list", 0.55)

    def _park_name_industries(self, p: Mention, hits: dict[int, int]) -> list[tuple[int, int]]:
        """Industries a park's name holds: the terms right before its suffix.

        金凤生物医药产业园 → 生物医药; 医疗器械与生物医药产业园 → 医疗器械, 生物医药.
        """
        text = self.text
        out = []
        # 国家外贸转型升级基地（生物医药）: the industry in brackets
        b = re.search(r"[（(]([^（()）]+)[）)]$", p.text)
        if b and b.group(1) in self.lex.industries:
            out.append((p.end - len(b.group(1)) - 1, p.end - 1))
        m = _PARK_TAIL.search(text, p.start, p.end)
        if not m:
            return out
        end = m.start()
        while end > p.start:
            best = None
            for start, e in hits.items():
                if e == end and start >= p.start and (best is None or start < best):
                    best = start
            if best is None:
                break
            out.append((best, end))
            end = best
            if text[end - 1 : end] in ("与", "和", "及", "、"):
                end -= 1
            else:
                break
        return out

    def _overlaps(self, start: int, end: int) -> bool:
        return any(m.start < end and start < m.end for m in self.found)

    def _plausible_industry(self, start: int, end: int) -> bool:
        name = self.text[start:end]
        if not 2 <= len(name) <= 12 or any(c.isdigit() for c in name):
            return False
        if name in self.lex.generic or name in self.lex.places or name in self.lex.stop_tokens:
            return False
        if any(sfx in name for sfx in _park_suffixes(self.lex)):
            return False  # 高新区大健康: a park word is no part of an industry
        toks = [t for t in self.tokens if start <= t.start and t.end <= end]
        if any(t.text in self.lex.stop_tokens or t.kind == "punct" for t in toks):
            return False
        return not any(m.start < end and start < m.end and m.type != "Industry" for m in self.found)

    def _industry_lists(self):
        """Yield (items, cued, triggered) for runs of items joined by 、和及与."""
        for m in _CLAUSE.finditer(self.text):
            yield from self._lists_in_clause((m.start(), m.end()), "、和及与")

    def _lists_in_clause(self, clause, sep):
        text = self.text
        lex = self.lex
        cs, ce = clause
        # candidate item boundaries: lexicon hits and separators
        pieces = []
        start = cs
        for m in _SEP.finditer(text, cs, ce):
            k = m.start()
            if self._is_sep(k):
                pieces.append((start, k))
                start = k + 1
        pieces.append((start, ce))
        # "以骨科医疗器械为例": the example names an industry
        m = re.fullmatch(r"以(.{2,10})为例", text[cs:ce])
        if m and any(m.group(1).endswith(w) for w in _tail_terms(m.group(1), lex)):
            if self._plausible_industry(cs + 1, cs + 1 + len(m.group(1))):
                yield [(cs + 1, cs + 1 + len(m.group(1)))], True, False
            return
        # strip the cue from the last piece and the clause's lead-in from the first
        last_s, last_e = pieces[-1]
        core_end, cued = self._strip_cue(last_s, last_e)
        pieces[-1] = (last_s, core_end)
        if cued:
            # "A、B等集成电路产业头部企业": the industry between 等 and the cue
            m = _CUE.search(text, last_s, last_e)
            k = text.find("等", last_s, m.start())
            if k >= 0 and m.start() - k > 2:
                for L in range(min(10, m.start() - k - 1), 1, -1):
                    if text[m.start() - L : m.start()] in lex.industries:
                        yield [(m.start() - L, m.start())], True, False
                        break
        first_s, first_e = pieces[0]
        lead, trig = self._strip_lead(first_s, first_e)
        pieces[0] = (lead, first_e)
        if len(pieces) == 1:
            s, e = pieces[0]
            name = text[s:e]
            if name in lex.industries and (cued or trig):
                yield [(s, e)], cued, trig
            elif cued:
                # the longest lexicon term that ends right before the cue
                for L in range(min(10, e - s), 1, -1):
                    if text[e - L : e] in lex.industries and (e - L) in self.token_starts:
                        yield [(e - L, e)], cued, trig
                        break
            return
        items = [(s, e) for s, e in pieces if e > s]
        yield items, cued, trig
        # "推动医药健康产业产学研资源协同、技术合作": a cue inside an earlier piece
        for s, e in pieces[:-1]:
            m = _CUE.search(text, s, e)
            if m and m.start() > s:
                for L in range(min(10, m.start() - s), 1, -1):
                    k = m.start() - L
                    if text[k : m.start()] in lex.industries and k in self.token_starts:
                        yield [(k, m.start())], True, False
                        break

    def _is_sep(self, k: int) -> bool:
        ch = self.text[k]
        if ch == "、":
            return True
        # 和/及/与 only as a token of their own
        return k in self.token_starts and self.tokens[self.token_starts[k]].text == ch

    def _strip_lead(self, s: int, e: int) -> tuple[int, bool]:
        """Skip words before the first item; report whether a focus trigger was among them."""
        lex = self.lex
        text = self.text
        best = -1
        for m in _focus_pattern(lex).finditer(text, s, e):
            best = max(best, m.end(1))
        if best >= 0:
            return best, True
        # the first item is the lexicon term that ends the piece
        for L in range(min(12, e - s), 1, -1):
            if text[e - L : e] in lex.industries:
                return e - L, False
        return e, False

    def _strip_cue(self, s: int, e: int) -> tuple[int, bool]:
        m = _CUE.search(self.text, s, e)
        if m:
            end = m.start()
            for stop in ("等", "为", "的"):
                k = self.text.find(stop, s, end)
                if k > s:
                    end = min(end, k)
            return end, True
        return e, False

    def _inside_org(self, start: int, end: int) -> bool:
        return any(
            m.type in ("Company", "Institution") and m.start <= start and end <= m.end
            for m in self.found
        )

    def _inside_park(self, start: int, end: int) -> bool:
        return any(m.type == "Park" and m.start <= start and end <= m.end for m in self.found)


_PARK_TAIL = re.compile(
    r"(?:特色|生态|科技|创新|先进|工业|高新|产业|制造|研发及生产){0,3}"
    r"(?:园区|产业园|科技园|园|城|基地|小镇|谷)(?:[（(][^（()）]*[）)])?$"
)
_CUE = re.compile(
    r"等?(?:[一二三四五六七八九十两0-9]+大)?(?:优势|主导|重点|新兴|未来|特色|支柱|战略性新兴|优质|高端|现代|关联|相关|龙头|头部|领军|链主|骨干)?"
    r"(?:新(?=板块|赛道|领域))?(?:产业集群|产业体系|产业链|产业|领域|行业|集群|赛道|板块|方向|企业)"
)


_PARTY = re.compile(r"(党支部|党委|党组织|党工委|党总支)$")


_CLAUSE = re.compile(r'[^，,。；;：:！!？?“”"（）()《》\n]+')
_SEP = re.compile("[、和及与]")
_FOCUS_CACHE: dict[int, re.Pattern] = {}


def _focus_pattern(lex) -> re.Pattern:
    """One regex over the focus triggers (overlapping, so every trigger end is seen)."""
    key = id(lex)
    if key not in _FOCUS_CACHE:
        words = sorted(set(lex.triggers.get("focus", ())) | {"以", "对"}, key=len, reverse=True)
        _FOCUS_CACHE[key] = re.compile("(?=(" + "|".join(map(re.escape, words)) + "))")
    return _FOCUS_CACHE[key]


def _park_suffixes(lex) -> list[str]:
    return [k for k, v in lex.suffixes.items() if v.type == "Park" and len(k) >= 2]


def _tail_terms(phrase: str, lex) -> list[str]:
    """Lexicon industries that end ``phrase`` (医疗器械 for 骨科医疗器械)."""
    return [phrase[k:] for k in range(len(phrase) - 1) if phrase[k:] in lex.industries]


def _resolve_overlaps(found: list[Mention]) -> list[Mention]:
    """Keep the best of crossing spans; keep nested names of other entities.

    A nested span of the same type ending where the outer one ends is the same
    name cut short (丰城高新区 in 宜春丰城高新区) and is dropped; so is a body
    named only inside a party branch's name (X局 in X局党支部).
    """
    drop = set()
    for m in found:
        for o in found:
            if (
                o is m
                or not (o.start <= m.start and m.end <= o.end)
                or o.end - o.start <= m.end - m.start
            ):
                continue
            same_kind = m.type == o.type or {m.type, o.type} <= {"Company", "Institution"}
            if same_kind and m.end == o.end:
                drop.add(id(m))
            if m.type == "Institution" and o.type == "Institution" and _PARTY.search(o.text):
                drop.add(id(m))
    found = [m for m in found if id(m) not in drop]
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


SIGNALS = ("gazetteer", "suffix", "list", "brand", "industry")


def find_mentions(doc: Document, disable: frozenset[str] = frozenset()) -> Document:
    """Add ``doc.mentions`` (offsets into ``doc.text``) for every sentence.

    ``disable`` switches signals off by name (see ``SIGNALS``), for ablations.
    """
    lex = lexicons.load()
    heads = lexicons.word_set(BRAND_HEADS_FILE)
    for sent in doc.sentences:
        sm = SentenceMentions(sent, lex)
        if "gazetteer" not in disable:
            sm.gazetteer()
        if "suffix" not in disable:
            sm.suffixes()
        if "list" not in disable:
            sm.lists()
        if "brand" not in disable:
            sm.brands(heads)
        if "industry" not in disable:
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
