"""`kg build` on what a crawler really saves: a bad-input corpus made here, in tmp_path.

The corpus mixes files that must be read (other encodings, damaged but
readable text, emoji and control characters) with files that must be skipped
(empty, binary, broken PDF/DOCX, loops, a 50 MB article). A real ``kg build``
subprocess reads the first kind (their entities are in the graph), names each
skipped file and why in one line, exits 1, and never prints a traceback.
"""

from __future__ import annotations

import io
import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.ingest import MAX_TEXT_CHARS, read_document
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg.cli"]

# one article per readable file, each with its own entities (checked in the graph)
GB18030 = (
    "合肥高新区聚焦人工智能、量子信息和集成电路产业。\n"
    "2023年，合肥高新区新增企业1200家，营业收入增长15%。\n"
)
UTF16_BOM = "苏州工业园区吸引了信达生物制药有限公司入驻。\n2022年12月，项目开工。\n"
UTF16_NO_BOM = "武汉东湖高新区重点发展光电子信息产业。\n2021年产值达到3000亿元。\n"
UTF16_BE = "西安高新区与西北工业大学签约合作。\n2020年10月1日签约。\n"
CUT = "重庆植恩药业有限公司落户重庆高新区金凤生物医药产业园。\n2024年投产。"
SEED = (ROOT / "seeds" / "001_4e3147d518d1b2be.txt").read_text(encoding="utf-8")


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_corpus(root: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Write the corpus; return (file → entity names it must give, file → skip reason)."""
    root.mkdir()
    readable: dict[str, list[str]] = {}
    skipped: dict[str, str] = {}

    (root / "empty.txt").write_bytes(b"")
    skipped["empty.txt"] = "empty file"
    (root / "blank.md").write_bytes(b" \r\n\t\n\xe3\x80\x80\n")  # ideographic space only
    skipped["blank.md"] = "empty file"
    (root / "junk.txt").write_bytes(random.Random(8).randbytes(20000))
    skipped["junk.txt"] = "binary file"
    (root / "junk.html").write_bytes(b"\x00\x01\x02PK\x03\x04" * 500)
    skipped["junk.html"] = "binary file"

    (root / "gb18030.txt").write_bytes(GB18030.encode("gb18030"))
    readable["gb18030.txt"] = ["合肥高新区", "量子信息"]
    (root / "utf16_bom.txt").write_bytes(UTF16_BOM.encode("utf-16"))  # with BOM
    readable["utf16_bom.txt"] = ["苏州工业园区", "信达生物制药有限公司"]
    (root / "utf16le.txt").write_bytes(UTF16_NO_BOM.encode("utf-16-le"))
    readable["utf16le.txt"] = ["武汉东湖高新区", "光电子信息"]
    (root / "utf16be.txt").write_bytes(UTF16_BE.encode("utf-16-be"))
    readable["utf16be.txt"] = ["西安高新区", "西北工业大学"]
    (root / "cut.txt").write_bytes((CUT + "完").encode("utf-8")[:-1])  # cut inside 完
    readable["cut.txt"] = ["重庆植恩药业有限公司", "金凤生物医药产业园"]

    (root / "x.txt").mkdir()  # a folder named like a file, with an article inside
    (root / "x.txt" / "inner.txt").write_text("成都高新区重点发展集成电路产业。\n", "utf-8")
    readable["inner.txt"] = ["成都高新区"]
    (root / "loop").symlink_to(root)  # a folder loop
    skipped["loop"] = "symlink loop"
    (root / "self.txt").symlink_to(root / "self.txt")  # a file loop
    skipped["self.txt"] = "symlink loop"

    # a 50 MB article: a seed paragraph over and over
    seed = (SEED + "\n").encode("utf-8")
    with open(root / "huge.txt", "wb") as f:
        for _ in range(50 * 1024 * 1024 // len(seed) + 1):
            f.write(seed)
    skipped["huge.txt"] = "too long"

    (root / "broken.html").write_bytes(
        "<html><head><meta charset=utf-8><title>新闻</title><body></span><div><p>"
        "长沙高新区聚焦新材料产业。<p><b><i>2023年</b></i></div></div></td>"
        "<table><tr><td>项目<div>未闭合<a href='".encode()
    )
    readable["broken.html"] = ["长沙高新区", "新材料"]
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R\n%%E")
    skipped["broken.pdf"] = "broken PDF"
    (root / "notzip.docx").write_bytes(b"this is not a zip at all")
    skipped["notzip.docx"] = "broken DOCX"
    good = _docx(["南京江北新区聚焦生物医药产业。"])
    (root / "truncated.docx").write_bytes(good[: len(good) // 2])
    skipped["truncated.docx"] = "DOCX"
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w") as z:
        z.writestr("word/document.xml", "<w:document><unclosed")
    (root / "badxml.docx").write_bytes(zbuf.getvalue())
    skipped["badxml.docx"] = "DOCX"

    (root / "no_entities.txt").write_text(
        "今天天气很好，我们一起去散步。\n明天也许会下雨。\n", "utf-8"
    )
    readable["no_entities.txt"] = []
    # one line of ~40,000 characters, and one of 20,000 characters with no punctuation
    line = SEED.replace("\n", "")
    long_line = (line * (40000 // len(line) + 1))[:40000]
    (root / "long_line.txt").write_text(
        "杭州高新区聚焦数字经济产业。" + long_line + "\n" + "高" * 20000 + "\n", "utf-8"
    )
    readable["long_line.txt"] = ["杭州高新区"]
    (root / "emoji.txt").write_text(
        "🚀深圳高新区\x07聚焦人工智能产业🎉。\x1b[31m\u200b\ufeff😀\n"
        + SEED[:300]
        + "\x00广州开发区🏭吸引了\U0001f600企业入驻。\x7f\x01\x02\n",
        "utf-8",
    )
    readable["emoji.txt"] = ["深圳高新区"]
    return readable, skipped


def labels(store: Path) -> set[str]:
    with open_store(store) as s:
        rows = s.query("SELECT DISTINCT ?l WHERE { ?e rdfs:label|skos:altLabel ?l }")
        return {r["l"].value for r in rows}


def run_kg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*KG, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_build_reads_what_it_can_and_names_each_skipped_file(tmp_path):
    readable, skipped = make_corpus(tmp_path / "corpus")
    store = tmp_path / "store"
    # no clock: a run that hangs is stopped by run_kg's timeout (a failure)
    proc = run_kg("build", str(tmp_path / "corpus"), "--store", str(store), "-q", "--no-stats")
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out
    assert proc.returncode == 1, out
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("kg: skipped ")]
    by_name: dict[str, list[str]] = {}
    for ln in lines:
        m = re.fullmatch(r"kg: skipped (.+?): (.+)", ln)
        assert m, ln
        by_name.setdefault(Path(m.group(1)).name, []).append(m.group(2))
    # each skipped file exactly once, with its reason; nothing readable skipped
    assert set(by_name) == set(skipped), proc.stderr
    for name, why in skipped.items():
        assert len(by_name[name]) == 1, (name, by_name[name])
        assert why.lower() in by_name[name][0].lower(), (name, by_name[name])
    with open_store(store) as s:
        docs = set(s.documents)
    assert docs == set(readable), docs
    got = labels(store)
    for name, entities in readable.items():
        for e in entities:
            assert e in got, (name, e)


def _never_read(monkeypatch, *paths: Path) -> None:
    """Reading any of ``paths`` fails the test: a file refused by its size is not read."""
    import builtins

    banned = {str(p) for p in paths}
    real_open, real_read = builtins.open, Path.read_bytes

    def guarded_open(file, *a, **k):
        assert str(file) not in banned, f"{file} was opened"
        return real_open(file, *a, **k)

    def guarded_read(self):
        assert str(self) not in banned, f"{self} was read"
        return real_read(self)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(Path, "read_bytes", guarded_read)


def test_huge_file_is_refused_unread_with_a_clear_reason(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    para = (SEED + "\n").encode("utf-8")
    big.write_bytes(para * (MAX_TEXT_CHARS * 4 // len(para) + 2))
    # 50 MB of HTML: refused by its size too (parsing it takes 16 s and 600 MB)
    page = tmp_path / "huge.html"
    html = ("<p>" + SEED.replace("\n", "</p><p>") + "</p>\n").encode("utf-8")
    page.write_bytes(html * (50 * 1024 * 1024 // len(html)))
    with monkeypatch.context() as m:
        _never_read(m, big, page)
        with pytest.raises(IngestError, match=r"too long .*limit.*KG_MAX_TEXT_CHARS"):
            read_document(big)
        with pytest.raises(IngestError, match="too long"):
            read_document(page)
    # under the byte limit, over the character limit once decoded (HTML markup)
    page = tmp_path / "big.html"
    page.write_text("<p>" + "高" * (MAX_TEXT_CHARS + 10) + "</p>", "utf-8")
    with pytest.raises(IngestError, match="too long"):
        read_document(page)


def test_character_limit_can_be_raised(tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("重庆高新区。" * 50, "utf-8")
    monkeypatch.setenv("KG_MAX_TEXT_CHARS", "100")
    with pytest.raises(IngestError, match="too long"):
        read_document(f)
    monkeypatch.setenv("KG_MAX_TEXT_CHARS", "1000")
    assert read_document(f).text.startswith("重庆高新区")
    monkeypatch.setenv("KG_MAX_TEXT_CHARS", "lots")
    assert read_document(f).text  # a bad setting falls back to the default


@pytest.mark.parametrize("command", ["extract", "add"])
def test_other_commands_on_the_bad_corpus(tmp_path, command):
    """``kg extract`` and ``kg add`` report the same way (no traceback, exit 1)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "junk.txt").write_bytes(random.Random(1).randbytes(3000))
    (corpus / "gb.txt").write_bytes(GB18030.encode("gb18030"))
    (corpus / "self.txt").symlink_to(corpus / "self.txt")
    (corpus / "bad.pdf").write_bytes(b"%PDF-1.4 garbage")
    if command == "add":
        store = tmp_path / "s"
        (tmp_path / "first.txt").write_text(CUT, "utf-8")
        first = run_kg("build", str(tmp_path / "first.txt"), "--store", str(store), "-q")
        assert first.returncode == 0, first.stderr
        proc = run_kg("add", str(corpus), "--store", str(store), "-q")
    else:
        proc = run_kg("extract", str(corpus))
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 1
    skipped = sorted(
        Path(ln.split(": ")[1]).name
        for ln in proc.stderr.splitlines()
        if ln.startswith("kg: skipped ")
    )
    assert skipped == ["bad.pdf", "junk.txt", "self.txt"], proc.stderr
    if command == "add":
        assert {"合肥高新区", "重庆高新区"} <= labels(tmp_path / "s")
    else:
        assert "合肥高新区" in proc.stdout


def test_a_file_name_that_is_not_utf8_never_stops_the_batch(tmp_path):
    """GBK names (what unzipping a Chinese Windows archive leaves) are built under
    their bytes percent-encoded; a bad one is skipped with its name quoted."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    gbk = os.fsencode(corpus) + b"/" + "国中园区.txt".encode("gbk")
    with open(gbk, "wb") as f:
        f.write("合肥高新区聚焦人工智能产业。\n".encode())
    inner = os.fsencode(corpus) + b"/" + "新闻".encode("gbk")
    os.mkdir(inner)
    with open(inner + b"/a.txt", "wb") as f:
        f.write("武汉东湖高新区重点发展光电子信息产业。\n".encode())
    with open(inner + b"/" + "空".encode("gbk") + b".txt", "wb") as f:
        f.write(b"")
    store = tmp_path / "s"
    proc = run_kg("build", str(corpus), "--store", str(store), "-q", "--no-stats")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr  # the empty file is skipped, named
    skipped = [ln for ln in proc.stderr.splitlines() if ln.startswith("kg: skipped")]
    assert skipped == [f"kg: skipped '{corpus}/\\xd0\\xc2\\xce\\xc5/\\xbf\\xd5.txt': empty file"]
    with open_store(store) as s:
        assert sorted(s.documents) == ["%B9%FA%D6%D0%D4%B0%C7%F8.txt", "a.txt"]
        sources = {
            r["s"].value
            for r in s.query("SELECT ?s WHERE { ?d <http://purl.org/dc/terms/source> ?s }")
        }
    # named inside the folder given, its bytes kept as %XX
    assert sources == {"%B9%FA%D6%D0%D4%B0%C7%F8.txt", "%D0%C2%CE%C5/a.txt"}
    assert {"合肥高新区", "武汉东湖高新区"} <= labels(store)
    # kg add and kg extract take it too
    proc = run_kg("add", os.fsdecode(gbk), "--store", str(store), "-q")
    assert proc.returncode == 0 and "1 replaced" in proc.stderr, proc.stderr
    proc = run_kg("extract", os.fsdecode(gbk))
    assert proc.returncode == 0, proc.stderr
    assert '"doc": "%B9%FA%D6%D0%D4%B0%C7%F8.txt"' in proc.stdout


def _bomb(size: int) -> bytes:
    """A real DOCX whose document.xml inflates to ``size`` bytes (a comment of
    spaces: a few kilobytes compressed)."""
    src = zipfile.ZipFile(io.BytesIO(_docx(["南京江北新区聚焦生物医药产业。"])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body><!--" + b" " * size + b"-->", 1)
            z.writestr(info.filename, data)
    return buf.getvalue()


def test_docx_bomb_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    import docx

    monkeypatch.setenv("KG_MAX_TEXT_CHARS", "10000")  # 16.6 MB of XML at most
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_bomb(40_000_000))
    assert bomb.stat().st_size < 200_000
    fine = tmp_path / "fine.docx"
    fine.write_bytes(_docx(["南京江北新区聚焦生物医药产业。"]))
    assert "南京江北新区" in read_document(fine).text
    with monkeypatch.context() as m:
        m.setattr(docx, "Document", lambda *a: pytest.fail("the bomb was parsed"))
        with pytest.raises(IngestError, match=r"too long .*DOCX of 4\d MB uncompressed"):
            read_document(bomb)


def test_html_nested_thousands_deep_is_read():
    """Was 'cannot read file: RecursionError' (the text walk recursed)."""
    from kg.ingest.formats import read_html

    for depth in (1_000, 20_000):  # Python's recursion limit, and 20 times it
        page = "<html><body>" + "<div><span>" * depth + "合肥高新区聚焦人工智能产业。"
        page += "</span></div>" * depth + "<p>第二段。</p></body></html>"
        assert read_html(page.encode()).text.split("\n") == [
            "合肥高新区聚焦人工智能产业。",
            "第二段。",
        ]
