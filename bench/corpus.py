"""A synthetic corpus shaped like the raw articles kg reads, at any size.

The benchmark is only as honest as its text. Real articles (``seeds/``) are
about 5,000 characters, arrive with raw OCR line breaks (most lines short
fragments, which ingest has to repair) and keep introducing new words; a
corpus that recycles a few repaired paragraphs makes every cache hit and
measures a build nobody runs. So every document here is composed afresh:

* **entities** from pools that grow with the corpus (about one company per two
  documents, so names recur in a handful of documents and resolution merges
  them): companies ``<city><brand><industry word><legal ending>`` with their
  short form, parks of the gazetteer and generated parks with many suffixes
  (产业园, 科技城, 创新港 …), universities and institutes of the lexicons and
  generated ones, industries of the SKOS scheme (``kg/ontology/industries.ttl``);
* **sentences** from ~50 templates with varied phrasing (locations, focus,
  cooperation, investment, figures, policy), about half of them carrying
  general vocabulary drawn from jieba's own dictionary (nouns, verbs,
  adjectives weighted by frequency, minus words that end like an entity), so
  the distinct words per 1,000 come close to real text;
* **layout** like the seeds: a title line (never the same artefact heading),
  then either OCR fragments of 12–26 characters (with or without blank lines
  between them) or one paragraph per line; lengths vary around 5,000 chars.

``python bench/corpus.py 1000 /tmp/corpus-1k`` writes 1000 ``.txt`` files and
prints how the corpus compares with ``seeds/`` (``stats``). Deterministic for a
given ``seed``; needs nothing of ``kg`` but its data files.
"""

from __future__ import annotations

import bisect
import functools
import math
import random
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = ROOT / "kg" / "data"
SCHEME = ROOT / "kg" / "ontology" / "industries.ttl"

SHORT_LINE = 40  # characters: a line shorter than this is an OCR fragment
MEAN_CHARS = 5000

BRAND_CHARS = (
    "恒瑞华康泰宏达鑫源博通瑞祥嘉盛天润海创联众信诚汇锦顺和安普昌明德丰裕辉耀晟宇腾飞"
    "睿智优科启航中晶微芯光谷云帆星辰立讯凯文思远蓝海金石银河远景新锐卓越精工凌云正泰"
    "益兴隆亿力弘毅沃达峰驰奥亚维拓朗威迪尔格美捷迈赛诺灵动凡跃佳奇易达合力九州万向"
)
INDUSTRY_WORDS = [
    "生物医药", "微电子", "智能装备", "新材料", "光电", "半导体", "软件", "数据",
    "医疗器械", "新能源", "环保", "汽车电子", "精密机械", "通信", "化工", "信息",
    "检测", "航空", "储能", "机器人", "传感", "激光", "基因", "云计算", "物联网",
]  # fmt: skip
LEGAL = ["科技有限公司", "技术股份有限公司", "有限公司", "科技股份有限公司", "集团有限公司"]
INSTITUTE = ["研究院", "创新研究院", "工程技术研究中心", "产业技术研究院", "实验室", "研究所"]
PARK_SUFFIX = [
    "产业园", "科技园", "高新区", "经济技术开发区", "产业基地", "创新港", "科技城",
    "工业园区", "智造园", "科学城", "产业新城", "创业园", "医药港", "软件园",
]  # fmt: skip
DIRECTIONS = ["东", "南", "西", "北", "东南", "西北", "东北", "西南"]
PRODUCTS = [
    "芯片", "传感器", "电池", "疫苗", "诊断试剂", "工业软件", "伺服电机", "光模块", "显示面板",
    "无人机", "手术机器人", "碳纤维", "氢燃料电池", "操作系统", "数控机床", "基因测序仪",
]  # fmt: skip
TITLES = ["国家级专精特新“小巨人”企业", "高新技术企业", "省级企业技术中心", "瞪羚企业",
          "制造业单项冠军企业", "独角兽企业", "省级工程研究中心"]  # fmt: skip

# {c}/{c2} company (full name), {cs} its short form, {p}/{p2} park, {i}/{i2}/{i3}
# industry, {u} university/institute, {city}, {n}/{n2}/{n3} noun, {v}/{v2}/{v3}
# verb, {a} adjective, {num}/{num2} a count, {amt} an amount, {y} year, {m} month
TEMPLATES = [
    "{p}位于{city}{dir}部，规划面积{num}平方公里，重点发展{i}、{i2}和{i3}等产业。",
    "{p}以{i}为主导产业，同时布局{i2}，已形成较为完整的产业链。",
    "近年来，{p}聚焦{i}和{i2}两大方向，引进了一批{a}项目。",
    "目前，{p}入驻企业已超过{num}家，其中{i}企业{num2}家。",
    "{c}成立于{y}年，是一家专注于{i}领域的高新技术企业，主要产品包括{prod}和{prod2}。",
    "{c}位于{p}，主要从事{prod}的研发、生产和销售。",
    "{cs}落户{p}后，先后建成{num}条{prod}生产线，年产值突破{amt}亿元。",
    "近日，{c}与{u}签署战略合作协议，双方将在{i}、{n}等方面开展深度合作。",
    "{cs}与{c2}联合成立{i}创新中心，共同{v}{n}。",
    "{y}年{m}月，{c}总投资{amt}亿元的{prod}项目在{p}正式开工建设。",
    "总投资{amt}亿元的{c}{prod}基地项目签约落户{p}，预计{y}年建成投产。",
    "据{p}管委会负责人介绍，园区今年已新引进{i}项目{num}个，协议投资额{amt}亿元。",
    "{cs}负责人表示，公司将继续加大研发投入，{v}{n}，{v2}{n2}。",
    "{c}、{c2}等{num}家企业入选{title}名单。",
    "{cs}今年被认定为{title}，其{prod}产品市场占有率位居全国前列。",
    "在{p}，{cs}与{u}共建的{i}联合实验室已取得{num}项发明专利。",
    "{city}出台支持{i}发展的若干政策，对落户{p}的企业给予{amt}万元奖励。",
    "{u}团队研发的{prod}技术在{c}实现产业化。",
    "{p}与{p2}建立协同发展机制，推动{i}产业链上下游{v}{n}。",
    "{cs}、{cs2}和{cs3}都是{p}的{i}骨干企业。",
    "上半年，{p}规模以上工业总产值同比增长{pct}%，其中{i}产业增长{pct2}%。",
    "作为{city}{i}产业的重要承载地，{p}正加快建设{n}{n2}平台。",
    "{c}的{prod}生产线实现满产，订单已排到{m}月。",
    "{p}携手{u}打造{i}中试基地，为入园企业提供{n}和{n2}服务。",
    "走进{c}的生产车间，一台台{prod}正在有序下线。",
    "{city}将{p}定位为{i}和{i2}产业的集聚区。",
]
FILLER = [
    "围绕{n}和{n2}，{v}{n3}，{a}{v2}{n4}。",
    "在{n}方面，要{v}{n2}，{v2}{n3}，切实{v3}{n4}。",
    "{n}的{n2}不断{v}，{n3}{a}，{n4}持续{v2}。",
    "下一步，将以{n}为{n2}，{v}{n3}，着力{v2}{n4}和{n5}。",
    "业内人士认为，{n}与{n2}的{v}，将为{n3}带来{a}的{n4}。",
    "通过{v}{n}，{n2}的{n3}得到{v2}，{n4}更加{a}。",
    "{n}是{n2}的关键，{v}{n3}则是{n4}的{a}{n5}。",
    "“{v}{n}，{v2}{n2}，是我们的{a}{n3}。”{role}说。",
    "据了解，该{n}采用{a}{n2}，可{v}{n3}{num}%以上。",
    "今年以来，当地坚持{v}{n}，推动{n2}与{n3}{v2}，{n4}{v3}明显。",
    "{n}、{n2}、{n3}等{n4}{v}，{a}{n5}初步形成。",
    "为{v}{n}，{n2}部门{v2}{n3}，并在{n4}上{v3}。",
]
ROLES = ["相关负责人", "企业负责人", "项目经理", "园区工作人员", "技术总监", "董事长"]


# ------------------------------------------------------------------ lexicons


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


@functools.lru_cache(maxsize=1)
def _lexicons() -> dict[str, list[str]]:
    """Names and words the generator recombines, read once."""
    cities = [r[3].split("|")[0] for r in _rows("places.tsv") if len(r) > 3 and r[1] == "city"]
    cities = [c for c in cities if 2 <= len(c) <= 3] or ["苏州", "无锡", "合肥"]
    scheme = SCHEME.read_text(encoding="utf-8") if SCHEME.is_file() else ""
    industries = (
        sorted(
            {
                m
                for m in re.findall(r'(?:prefLabel|altLabel) "([^"]+)"@zh', scheme)
                if 2 <= len(m) <= 8
            }
            - {"产业分类词表"}
        )
        or INDUSTRY_WORDS
    )
    return {
        "cities": cities,
        "parks": [r[0] for r in _rows("parks_gazetteer.tsv") if r and r[0]],
        "institutes": [r[0] for r in _rows("institutes.tsv") if r and r[0]]
        + [r[0] for r in _rows("universities.tsv") if r and r[0]],
        "industries": industries,
    }


@functools.lru_cache(maxsize=1)
def _vocabulary() -> dict[str, tuple[list[str], list[float]]]:
    """General words of jieba's dictionary by part of speech, with frequency
    weights (cumulative): the words that make real news text varied. Words ending like an
    entity (…园, …公司, …中心) are left out, so fillers add no entities."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    endings = {r[0][-1] for r in _rows("suffixes.tsv") if r and r[0]}
    han = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
    pools: dict[str, tuple[list[str], list[float]]] = {"n": ([], []), "v": ([], []), "a": ([], [])}
    total = {"n": 0.0, "v": 0.0, "a": 0.0}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        word, freq, pos = parts[0], int(parts[1]), parts[2]
        key = {"n": "n", "vn": "n", "v": "v", "a": "a", "ad": "a"}.get(pos)
        if key is None or freq < 200 or not han.match(word) or word[-1] in endings:
            continue
        total[key] += freq**0.6  # flatter than Zipf: news has many rare words
        pools[key][0].append(word)
        pools[key][1].append(total[key])  # cumulative: one bisect a draw
    return pools


# ------------------------------------------------------------------ entities


class Pools:
    """The entities of one corpus; they grow with its size so names recur."""

    def __init__(self, n_docs: int, rng: random.Random) -> None:
        lex = _lexicons()
        self.rng = rng
        self.cities = lex["cities"]
        self.industries = lex["industries"]
        seen: set[str] = set()

        def brand() -> str:
            return "".join(rng.sample(BRAND_CHARS, 2))

        self.companies: list[tuple[str, str]] = []
        while len(self.companies) < max(60, n_docs // 2):
            b, ind = brand(), rng.choice(INDUSTRY_WORDS)
            if b + ind in seen:
                continue
            seen.add(b + ind)
            self.companies.append(
                (f"{rng.choice(self.cities)}{b}{ind}{rng.choice(LEGAL)}", b + ind)
            )
        self.institutions = list(lex["institutes"])
        for _ in range(max(20, n_docs // 8)):
            self.institutions.append(f"{rng.choice(self.cities)}{brand()}{rng.choice(INSTITUTE)}")
        self.parks = list(lex["parks"])
        for _ in range(max(20, n_docs // 20)):
            self.parks.append(f"{rng.choice(self.cities)}{brand()}{rng.choice(PARK_SUFFIX)}")


# ------------------------------------------------------------------ documents


def _sentence(rng: random.Random, pools: Pools, focus: dict, filler: bool) -> str:
    voc = _vocabulary()

    def word(kind: str) -> str:
        words, cum = voc[kind]
        return words[bisect.bisect(cum, rng.random() * cum[-1])]

    def company() -> tuple[str, str]:
        # a document is mostly about its own few firms; sometimes another one
        return rng.choice(focus["companies"] if rng.random() < 0.7 else pools.companies)

    tpl = rng.choice(FILLER if filler else TEMPLATES)
    c, c2, c3 = company(), company(), company()
    slots = {
        "c": c[0], "c2": c2[0], "cs": c[1], "cs2": c2[1], "cs3": c3[1],
        "p": rng.choice(focus["parks"]), "p2": rng.choice(pools.parks),
        "i": rng.choice(focus["industries"]), "i2": rng.choice(pools.industries),
        "i3": rng.choice(pools.industries),
        "u": rng.choice(focus["institutions"]), "city": focus["city"],
        "dir": rng.choice(DIRECTIONS), "prod": rng.choice(PRODUCTS),
        "prod2": rng.choice(PRODUCTS), "title": rng.choice(TITLES), "role": rng.choice(ROLES),
        "num": rng.randint(3, 300), "num2": rng.randint(2, 80),
        "amt": rng.choice([rng.randint(1, 200), round(rng.uniform(0.5, 50), 1)]),
        "pct": round(rng.uniform(1, 40), 1), "pct2": round(rng.uniform(1, 60), 1),
        "y": rng.randint(2008, 2027), "m": rng.randint(1, 12),
    }  # fmt: skip
    for k in ("n", "n2", "n3", "n4", "n5"):
        slots[k] = word("n")
    for k in ("v", "v2", "v3"):
        slots[k] = word("v")
    slots["a"] = word("a")
    return tpl.format(**slots)


def _title(rng: random.Random, focus: dict) -> str:
    p, i = focus["parks"][0], focus["industries"][0]
    forms = [
        f"{p}：{i}产业跑出“加速度”",
        f"{focus['city']}{i}产业集群加快成形",
        f"{focus['companies'][0][1]}：深耕{i}的{rng.randint(3, 20)}年",
        f"走进{p}",
        f"{i}项目集中签约 {p}再添新动能",
        f"聚焦{i} {p}打造创新高地",
    ]
    return rng.choice(forms)


def _wrap(text: str, rng: random.Random, width: int) -> list[str]:
    out, i = [], 0
    while i < len(text):
        w = max(6, width + rng.randint(-3, 3))
        out.append(text[i : i + w])
        i += w
    return out


def document(rng: random.Random, pools: Pools, chars: int = MEAN_CHARS) -> str:
    """One article: a title, then paragraphs in one of the seeds' layouts."""
    focus = {
        "city": rng.choice(pools.cities),
        "parks": rng.sample(pools.parks, 2),
        "companies": rng.sample(pools.companies, rng.randint(3, 7)),
        "institutions": rng.sample(pools.institutions, 2),
        "industries": rng.sample(pools.industries, 3),
    }
    target = int(
        min(2.4 * chars, max(0.3 * chars, rng.lognormvariate(math.log(chars) - 0.08, 0.4)))
    )
    paras, size = [], 0
    while size < target:
        para = "".join(
            _sentence(rng, pools, focus, rng.random() < 0.5) for _ in range(rng.randint(2, 7))
        )
        paras.append(para)
        size += len(para)
    title = _title(rng, focus)
    layout = rng.random()
    if layout < 0.35:  # OCR fragments with a blank line between every two (seeds 000, 002)
        lines = [title]
        for para in paras:
            lines += _wrap(para, rng, rng.randint(12, 24))
        return "\n\n".join(lines) + "\n"
    if layout < 0.55:  # OCR fragments, a blank line between paragraphs
        width = rng.randint(14, 26)
        return "\n\n".join([title, *("\n".join(_wrap(p, rng, width)) for p in paras)]) + "\n"
    return "\n\n".join(["# " + title, *paras]) + "\n"  # a paragraph a line (seeds 001, 003)


def generate(
    n: int, out: Path, seed: int = 7, chars: int = MEAN_CHARS, cache: Path | None = None
) -> list[Path]:
    """Write ``n`` documents (``gen_000000.txt`` …) into ``out``; returns their paths.

    ``chars``: the mean length (real articles: about 5,000). ``cache`` is accepted
    for callers of the earlier generator (which extracted the seeds) and unused."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    pools = Pools(n, rng)
    paths = []
    for i in range(n):
        p = out / f"gen_{i:06d}.txt"
        p.write_text(document(rng, pools, chars), encoding="utf-8")
        paths.append(p)
    return paths


# ------------------------------------------------------------------ how it compares


def stats(texts: list[str], sample_tokens: int | None = None) -> dict:
    """Characters a document, line layout and vocabulary variety of ``texts``.

    ``distinct_per_1000``: distinct words per 1,000 words (rjieba), over the first
    ``sample_tokens`` words (the same count as the text it is compared with, as the
    ratio falls with size) and over all of it (``distinct_per_1000_all``)."""
    import rjieba

    lines = [ln.strip() for t in texts for ln in t.splitlines() if ln.strip()]
    lengths = [len(ln) for ln in lines]
    han = re.compile(r"[\u4e00-\u9fff]")
    words = [w for t in texts for w in rjieba.cut(t) if han.search(w)]
    sample = words[:sample_tokens] if sample_tokens else words
    return {
        "documents": len(texts),
        "chars_per_doc": round(statistics.mean(len(t) for t in texts)),
        "short_lines": round(sum(n < SHORT_LINE for n in lengths) / max(1, len(lengths)), 3),
        "median_line": statistics.median(lengths) if lengths else 0,
        "words": len(words),
        "distinct_per_1000": round(1000 * len(set(sample)) / max(1, len(sample)), 1),
        "distinct_per_1000_all": round(1000 * len(set(words)) / max(1, len(words)), 1),
    }


def compare(paths: list[Path]) -> dict:
    """``stats`` of the seeds and of ``paths`` (sampled at the seeds' word count)."""
    seeds = stats([p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))])
    gen = stats([p.read_text(encoding="utf-8") for p in paths], sample_tokens=seeds["words"])
    return {"seeds": seeds, "corpus": gen}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python bench/corpus.py N OUT_DIR  (N documents)", file=sys.stderr)
        return 1
    n, out = int(argv[0]), Path(argv[1])
    if out.exists() and not out.is_dir():
        print(f"{out}: not a directory", file=sys.stderr)
        return 1
    paths = generate(n, out)
    total = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(f"wrote {len(paths)} documents ({total:,} characters) to {out}")
    cmp = compare(paths)
    keys = list(cmp["seeds"])
    print(f"{'':8}" + "".join(f"{k:>22}" for k in keys))
    for name, row in cmp.items():
        print(f"{name:8}" + "".join(f"{row[k]!s:>22}" for k in keys))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
