"""Signal ``known``: organisations named without a suffix that everybody knows.

Firms by their short names (华为, 中国电科, 西门子), universities by their
abbreviations (哈工大, 北航) and national institutes (中科院, 大连化物所) carry no
name suffix for the ``suffix`` signal to find. They come from data files written
from public knowledge (kg/data/known_companies.tsv, universities.tsv,
institutes.tsv) and are matched with Aho-Corasick, longest first, only where the
match does not cut a word in two (格力 in 严格力度, 美的 in 完美的): a two-character
name or a Latin one must be whole jieba tokens; a longer one may cut only a word
jieba does not know. A known name nested in a longer name found by its suffix is
kept as its own mention when the guidelines make it an entity (舜宇 in
舜宇中央研究院, 中国电子 in 中国电子数字经济产业园), not when it is the group
prefix of a firm's own name (华润 in 华润微电子有限公司, GUIDELINES rule 12).

:func:`same_organisation` tells entity grouping that two forms name one
organisation (哈工大 and 哈尔滨工业大学) or two different ones (中国电子 and
中国电子科技集团有限公司), so an abbreviation becomes an alias of the full name
the article also uses.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import ahocorasick

from kg.document import Mention
from kg.extract import lexicons
from kg.extract.names import pos_tag
from kg.extract.sentence import SentenceMentions
from kg.extract.tokens import bracket_inner
from kg.normalize import normalize

FILES = {
    "known_companies.tsv": "Company",
    "universities.tsv": "Institution",
    "institutes.tsv": "Institution",
}

BRAND_HEADS_FILE = "brand_heads.txt"  # business words after a brand: 华润微电子
SCORE = 0.75  # below a suffix name (0.8), above brands and list items

# what follows an organisation's name when the name is a place (川大北门, 北航路)
_PLACE_USE = {"路", "大道", "大街", "街", "北门", "南门", "东门", "西门", "正门", "地铁站", "站"}

# words after which a bracket holds a short name: （以下简称哈工大）
_ALIAS_CUES = ("简称", "下称", "简称为", "以下称")

# a CAS institute by its short form: 中科院 + 金属 + 所
_CAS = "中国科学院"
_INSTITUTE_CORE = re.compile(r"[\u4e00-\u9fff]{2,8}?所")


@dataclass(frozen=True)
class Known:
    """One organisation: its canonical name, type and whether it is a university."""

    name: str
    type: str
    university: bool = False


@dataclass(frozen=True)
class _Table:
    forms: dict[str, Known]  # normalised surface form (matched or not) → organisation
    automaton: ahocorasick.Automaton  # surface forms safe to match on their own


def _variants(form: str) -> set[str]:
    """A form with its brackets in both widths (the article may use either)."""
    half = form.replace("（", "(").replace("）", ")")
    full = form.replace("(", "（").replace(")", "）")
    return {form, half, full}


_PLAIN = re.compile("[\u4e00-\u9fff]+")


def _key(form: str) -> str:
    """``normalize(form)``, without its cost for a plain Chinese form (NFKC leaves it as is)."""
    return form if _PLAIN.fullmatch(form) else normalize(form)


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    """Read the three files once; a form claimed by two organisations is matched by neither."""
    orgs: list[Known] = []
    owners: dict[str, set[int]] = {}  # normalised form → indexes into orgs
    safe: dict[str, str] = {}  # surface form → its normalised form
    for file, type_ in FILES.items():
        for line in lexicons._lines(file):
            cols = line.split("\t") + ["", ""]
            name = cols[0].strip()
            if not name:
                continue
            orgs.append(Known(name, type_, file == "universities.tsv" and name.endswith("大学")))
            i = len(orgs) - 1
            forms = [name, *(a.strip() for a in cols[1].split("|") if a.strip())]
            if name.startswith("中国"):
                # 中国热带农业科学院 is 热科院 and 中国热科院: the national prefix stays optional
                forms += ["中国" + f for f in forms[1:] if f.endswith("院") and f[0] != "中"]
            for form in forms:
                key = _key(form)
                owners.setdefault(key, set()).add(i)
                for v in _variants(form):
                    safe[v] = key
            for form in cols[2].split("|"):
                if form.strip():
                    owners.setdefault(_key(form.strip()), set()).add(i)
    known = {k: orgs[next(iter(v))] for k, v in owners.items() if len(v) == 1}
    automaton = ahocorasick.Automaton()
    for form, key in safe.items():
        if len(form) >= 2 and key in known:
            automaton.add_word(form, form)
    if len(automaton):
        automaton.make_automaton()
    return _Table(known, automaton)


def lookup(name: str) -> Known | None:
    """The known organisation a surface form names (any alias, either bracket width)."""
    return _table().forms.get(normalize(name))


_BRACKETED = re.compile(r"(.+?)[（(]([^（()）]+)[）)]$")


@functools.lru_cache(maxsize=4096)
def _orgs(form: str) -> frozenset[Known]:
    """The known organisations a form names, bracket parts included (X大学（X大）)."""
    m = _BRACKETED.fullmatch(form)
    parts = [form, m.group(1), m.group(2)] if m else [form]
    return frozenset(k for k in map(lookup, parts) if k is not None)


def is_known(form: str) -> bool:
    """Whether ``form`` is a name or alias of a known organisation."""
    return bool(_orgs(form))


def same_organisation(a: str, b: str) -> bool | None:
    """True if both forms name one known organisation, False if two different ones.

    None when either form is unknown: the other alias rules decide then.
    """
    ka, kb = _orgs(a), _orgs(b)
    if not ka or not kb:
        return None
    return bool(ka & kb)


def _cuts_word(sm: SentenceMentions, pos: int, strict: bool) -> bool:
    """Whether ``pos`` cuts a jieba token (any if ``strict``, else a dictionary word)."""
    if pos in sm.token_starts or pos in sm.token_ends or pos in (0, len(sm.text)):
        return False
    t = sm.token_inside(pos)
    if t is not None:
        if t.kind == "bracket":  # （以下简称哈工大）: the inner words are words
            inner = sm.text[t.start + 1 : pos]
            return not (inner == "" or inner.endswith(_ALIAS_CUES) or pos == t.end - 1)
        if not strict and sm.text[pos : t.end] in TITLES:
            return False  # 大学 + 校长 (jieba's 大学校长): the name ends, a title follows
        return strict or t.kind != "word" or pos_tag(t.text) is not None
    return False


# a person's title that jieba glues to the end of an organisation's name
TITLES = frozenset("校长 院长 所长 主任 董事长 总经理 书记 局长 厅长 部长 主席 理事长 会长".split())


def _matches(sm: SentenceMentions) -> list[tuple[int, int, Known]]:
    table = _table()
    if not len(table.automaton):
        return []
    out = []
    for last, form in table.automaton.iter(sm.text):
        start, end = last - len(form) + 1, last + 1
        strict = len(form) <= 2 or form.isascii()
        if _cuts_word(sm, start, strict) or _cuts_word(sm, end, strict):
            continue
        if form.isascii() and (
            (start > 0 and sm.text[start - 1].isascii() and sm.text[start - 1].isalnum())
            or (end < len(sm.text) and sm.text[end].isascii() and sm.text[end].isalnum())
        ):
            continue  # GE in GEO
        j = sm.token_starts.get(end)
        if j is not None and sm.tokens[j].text in _PLACE_USE:
            continue
        known = table.forms[normalize(form)]
        out.append((start, end, known))
    return out


def _keep_nested(inner: Known, outer_type: str, outer_university: bool) -> bool:
    """A known name inside a longer name: its own entity (rules 1, 12) or part of a name."""
    if outer_university:
        return False  # 中国石油 in 中国石油大学, 中国科学院 in 中国科学院大学
    return outer_type in ("Institution", "Park")


def find(sm: SentenceMentions) -> None:
    found = _matches(sm)
    kept: list[tuple[int, int, Known]] = []
    for s, e, k in found:
        outers = [(s2, e2, k2) for s2, e2, k2 in found if s2 <= s and e <= e2 and e2 - s2 > e - s]
        if any(not _keep_nested(k, k2.type, k2.university) or e2 == e for _, e2, k2 in outers):
            continue
        kept.append((s, e, k))
    ends = {e for _, e, _ in kept}
    starts = {s for s, _, _ in kept}
    heads = lexicons.word_set(BRAND_HEADS_FILE)
    for s, e, k in kept:
        if s in ends or e in starts or _form_starts(sm.text, e):
            continue  # two known names back to back are one unknown name (中冶赛迪信息)
        if _translated(sm, s, e):
            continue  # Cytiva（思拓凡）: the bracket belongs to the name before it
        if _PERSON_DOT.match(sm.text, e):
            continue  # 阿里木·阿不拉: the start of a person's name, not 阿里
        j = sm.token_starts.get(e)
        if (
            k.type == "Company"
            and j is not None
            and sm.tokens[j].text in heads
            and not any(m.start <= s and sm.tokens[j].end < m.end for m in sm.found)
        ):
            # 华润 + 微电子, 金蝶 + 软件: the firm's own name (not inside a longer
            # name: 中国电科芯片技术研究院 holds 中国电科, not a firm 中国电科芯片)
            e = sm.tokens[j].end
        elif j is not None and sm.tokens[j].kind == "bracket":
            inner = bracket_inner(sm.tokens[j].text)
            if lookup(inner) == k:
                e = sm.tokens[j].end  # Cytiva（思拓凡）: one name, its translation in brackets
        if not any(_blocks(m, s, e, k) for m in sm.found):
            sm.add(s, e, k.type, "known", SCORE)
            if k.name == _CAS:
                _cas_institute(sm, s, e)
        if k.type == "Company":
            _numbered_unit(sm, s, e)


# a transliterated personal name goes on after a middle dot (阿里木·阿不拉)
_PERSON_DOT = re.compile(r"[\u4e00-\u9fff]{0,2}[·•・]")


def _form_starts(text: str, pos: int) -> bool:
    """Whether a listed form (an ambiguous one too: 赛迪) starts at ``pos``."""
    forms = _table().forms
    return any(text[pos : pos + n] in forms for n in range(2, 7) if pos + n <= len(text))


def _translated(sm: SentenceMentions, s: int, e: int) -> bool:
    """A name that is the whole of a bracket right after a Latin name (Cytiva（思拓凡）)."""
    j = sm.token_ends.get(e + 1)
    if j is None or sm.tokens[j].kind != "bracket" or sm.tokens[j].start != s - 1:
        return False
    return j > 0 and sm.tokens[j - 1].kind == "latin"


_SOCIETIES = ("协会", "学会", "商会", "联盟", "联合会")


def _blocks(m: Mention, s: int, e: int, k: Known) -> bool:
    """Whether a mention another signal found rules out the known name at ``s:e``."""
    if not (m.start < e and s < m.end):
        return False
    if m.start == s and m.end == e:
        return True  # found already
    if s <= m.start and m.end <= e:
        return False  # the known name is the longer one
    if not (m.start <= s and e <= m.end):
        return True  # crossing a name another signal found: leave it to that one
    if m.end == e and m.type in ("Company", "Institution"):
        return True  # the same name cut short (the outer has a prefix)
    if k.type == "Company" and m.type == "Institution" and m.text.endswith(_SOCIETIES):
        return True  # 中国黄金协会, 中国电子学会: a sector's society, not the firm's
    if (
        k.type == "Institution"
        and m.type == "Company"
        and m.start == s
        and k.name != m.text[: e - s]
    ):
        return True  # 华科 + 股份: a firm's name that starts like a university's short form
    # a group prefix in a firm's own name is no entity (rule 12: 华润 in 华润微电子有限公司),
    # nor a known name inside another firm's (华菱 in 威海华菱光电股份有限公司); a branch's
    # parent is (中国建设银行 in 中国建设银行X分行)
    return (
        m.type == "Company"
        and k.type == "Company"
        and not m.text.endswith(("分行", "支行", "分公司"))
    )


_NUMBERED = re.compile(r"第?[0-9〇零一二三四五六七八九十百]{1,4}(?:研究所|研究院|所|院)")


def _numbered_unit(sm: SentenceMentions, start: int, end: int) -> None:
    """A group's numbered institute: 中国电科 + 38所, 航天科工 + 二院 (an Institution)."""
    m = _NUMBERED.match(sm.text, end)
    if m is None or (m.end() != len(sm.text) and m.end() not in sm.token_ends):
        return
    if not any(x.start <= start and m.end() <= x.end for x in sm.found):
        sm.add(start, m.end(), "Institution", "known", SCORE)


def _cas_institute(sm: SentenceMentions, start: int, end: int) -> None:
    """中科院 + X所 (中科院金属所): one institute, beside 中科院 itself."""
    m = _INSTITUTE_CORE.match(sm.text, end)
    if m is None or m.end() not in sm.token_ends:
        return
    if sm.text[end : m.end()].endswith(("研究所", "事务所")):
        return  # a full 研究所 name is the suffix signal's
    j = sm.token_ends[m.end()]
    if sm.tokens[j].text != "所":
        return
    if not any(x.start == start and x.end == m.end() for x in sm.found):
        sm.add(start, m.end(), "Institution", "known", SCORE)
