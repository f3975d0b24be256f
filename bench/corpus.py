"""A synthetic corpus that scales the seed articles to 1k, 10k, 100k documents.

Each generated document is a few paragraphs of the seed articles in which the
companies, institutions and (some) parks are renamed from generated pools, so
that a big corpus names many different entities that recur across documents:
resolution has real merging to do and the store grows with the corpus.

* company names: ``<city><brand><industry word><legal ending>``
  (苏州恒瑞微电子科技有限公司), with the short form ``<brand><industry word>``
  standing in for the seed's short aliases;
* institutions: ``<city><brand><institute word>``;
* parks: a park of the gazetteer (real names, so the gazetteer and its short
  forms do their work) or a generated ``<city><brand>产业园``.

The pools grow with the corpus (about one company per two documents), so a
name recurs in a handful of documents. Deterministic for a given ``seed``.

    python bench/corpus.py 1000 /tmp/corpus-1k          # writes 1000 .txt files
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = ROOT / "kg" / "data"

BRAND_CHARS = (
    "恒瑞华康泰宏达鑫源博通瑞祥嘉盛天润海创联众信诚汇锦顺和安普昌明德丰裕辉耀晟宇腾飞"
    "睿智优科启航中晶微芯光谷云帆星辰立讯凯文思远蓝海金石银河远景新锐卓越精工凌云正泰"
)
INDUSTRY_WORDS = [
    "生物医药",
    "微电子",
    "智能装备",
    "新材料",
    "光电",
    "半导体",
    "软件",
    "数据",
    "医疗器械",
    "新能源",
    "环保",
    "汽车电子",
    "精密机械",
    "通信",
    "化工",
    "信息",
    "检测",
    "航空",
]
LEGAL = ["科技有限公司", "技术股份有限公司", "有限公司", "科技股份有限公司", "集团有限公司"]
INSTITUTE = ["研究院", "创新研究院", "工程技术研究中心", "产业技术研究院", "实验室"]


def _table(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _cities() -> list[str]:
    out = [r[3].split("|")[0] for r in _table("places.tsv") if len(r) > 3 and r[1] == "city"]
    return [c for c in out if 2 <= len(c) <= 3] or ["苏州", "无锡", "合肥"]


def _parks() -> list[str]:
    return [r[0] for r in _table("parks_gazetteer.tsv") if r and r[0]]


def seed_records(cache: Path | None = None) -> list[tuple[str, dict]]:
    """(text, record) of every seed article (extracted once; cached in ``cache``)."""
    if cache is not None and cache.is_file():
        return [tuple(x) for x in json.loads(cache.read_text(encoding="utf-8"))]
    from kg.extract import extract_file

    out = []
    for p in sorted(SEEDS.glob("*.txt")):
        doc = extract_file(p)
        out.append((doc.text, doc.to_record()))  # the repaired text (no OCR breaks)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return out


class Pools:
    def __init__(self, n_docs: int, rng: random.Random) -> None:
        self.rng = rng
        cities = _cities()
        self.parks = _parks()
        n_comp = max(50, n_docs // 2)
        n_inst = max(20, n_docs // 8)
        n_park = max(10, n_docs // 40)
        self.companies = []
        seen = set()
        while len(self.companies) < n_comp:
            brand = "".join(rng.sample(BRAND_CHARS, 2))
            ind = rng.choice(INDUSTRY_WORDS)
            full = f"{rng.choice(cities)}{brand}{ind}{rng.choice(LEGAL)}"
            if brand + ind in seen:
                continue
            seen.add(brand + ind)
            self.companies.append((full, brand + ind))
        self.institutions = []
        while len(self.institutions) < n_inst:
            name = (
                f"{rng.choice(cities)}{''.join(rng.sample(BRAND_CHARS, 2))}{rng.choice(INSTITUTE)}"
            )
            if name not in seen:
                seen.add(name)
                self.institutions.append(name)
        self.new_parks = []
        while len(self.new_parks) < n_park:
            name = f"{rng.choice(cities)}{''.join(rng.sample(BRAND_CHARS, 2))}产业园"
            if name not in seen:
                seen.add(name)
                self.new_parks.append(name)


def _paragraphs(text: str) -> list[str]:
    paras = [p.strip() for p in text.splitlines()]
    return [p for p in paras if len(p) >= 40 and not p.startswith("!")]


def generate(n: int, out: Path, seed: int = 7, chars: int = 1200, cache: Path | None = None):
    """Write ``n`` documents (``gen_000000.txt`` …) into ``out``; returns their paths."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    seeds = seed_records(cache)
    pools = Pools(n, rng)
    sources = []
    for text, rec in seeds:
        renames = []  # (names of one seed entity, type)
        for e in rec["entities"]:
            if e["type"] in ("Company", "Institution", "Park"):
                names = sorted({e["name"], *e.get("aliases", [])}, key=len, reverse=True)
                renames.append((names, e["type"]))
        sources.append((_paragraphs(text), renames))
    paths = []
    for i in range(n):
        paras, renames = sources[i % len(sources)]
        start = rng.randrange(len(paras))
        body, size = [], 0
        j = start
        while size < chars and len(body) < len(paras):
            body.append(paras[j % len(paras)])
            size += len(body[-1])
            j += 1
        text = "\n\n".join(body)
        # one consistent renaming per document, longest names first
        mapping: dict[str, str] = {}
        for names, typ in renames:
            if not any(nm in text for nm in names):
                continue
            if typ == "Company":
                full, short = rng.choice(pools.companies)
                for nm in names:
                    mapping[nm] = full if nm == names[0] else short
            elif typ == "Institution":
                new = rng.choice(pools.institutions)
                for nm in names:
                    mapping[nm] = new
            elif rng.random() < 0.5:  # parks: half keep their (real) name
                new = rng.choice(pools.parks if rng.random() < 0.6 else pools.new_parks)
                for nm in names:
                    mapping[nm] = new
        if mapping:
            keys = sorted(mapping, key=len, reverse=True)
            pattern = re.compile("|".join(re.escape(k) for k in keys))
            text = pattern.sub(lambda m, mp=mapping: mp[m.group(0)], text)
        p = out / f"gen_{i:06d}.txt"
        p.write_text(f"# 第{i}号 高新区动态\n\n{text}\n", encoding="utf-8")
        paths.append(p)
    return paths


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        sys.exit(1)
    n, out = int(argv[0]), Path(argv[1])
    paths = generate(n, out, cache=out / ".seed-records.json")
    total = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(f"wrote {len(paths)} documents ({total} characters) to {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
