import codecs
import os
import zipfile
from pathlib import Path

import pytest

from kg.document import Document
from kg.errors import IngestError
from kg.ingest import document_from_text, iter_sources, read_document

SEED_FILES = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
SEED000 = SEED_FILES[0].read_text(encoding="utf-8")
SNIPPET = SEED000[: SEED000.index("今年 4 月")]  # title, first paragraph, a heading


# ------------------------------------------------------------------ seeds


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_each_seed_reads(path):
    doc = read_document(path)
    assert isinstance(doc, Document)
    assert doc.name == path.name
    assert doc.path == str(path)
    assert "高新区" in doc.text
    assert doc.source_text == path.read_text(encoding="utf-8")
    assert len(doc.source_map) == len(doc.text)
    assert all(doc.source_text[doc.source_map[i]] == ch for i, ch in enumerate(doc.text))
    assert doc.sentences


def test_seed_000_content():
    doc = read_document(SEED_FILES[0])
    assert doc.name == "000_6dd52f9f141e9778.txt"
    assert "重庆高新区" in doc.text
    assert doc.text.count("重庆高新区") == 10  # 9 on one line + "重庆高新\n\n区"
    assert "2.74平方公里" in doc.text
    assert "西部（重庆）科学城再添国家级新名片。" in doc.text
    assert doc.sentences[0].text == "西部（重庆）科学城再添国家级新名片。"
    assert any("2.74平方公里的总部区" in s.text for s in doc.sentences)
    # the source map points back into the file's text
    i = doc.text.index("2.74平方公里")
    assert SEED000[doc.source_offset(i) : doc.source_offset(i) + 4] == "2.74"
    assert SEED000[doc.source_offset(i + 4)] == "平"


def test_document_from_text():
    doc = document_from_text(SNIPPET)
    assert doc.name == "<text>"
    assert doc.text.startswith("西部（重庆）科学城再添国家级新名片。\n")
    assert "\n跑出发展加速度\n" in doc.text
    assert [s.text for s in doc.sentences][:2] == [
        "西部（重庆）科学城再添国家级新名片。",
        "近日，重庆高新区入选国家外贸转型升级基地（生物医药）。",
    ]
    assert document_from_text("重庆高新区", name="x").name == "x"
    assert document_from_text("").sentences == []


# -------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("gb18030"),
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: s.encode("utf-16-le"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    ],
    ids=["gb18030", "utf16-bom", "utf16le-nobom", "utf8-sig"],
)
def test_encoded_files_read_like_utf8(tmp_path, encode):
    (tmp_path / "a.txt").write_bytes(encode(SEED000))
    assert read_document(tmp_path / "a.txt").text == read_document(SEED_FILES[0]).text


def test_truncated_utf8_file(tmp_path):
    data = SEED000.encode("utf-8")
    cut = data.rindex("名".encode()[0:1], 0, len(data) - 1)
    (tmp_path / "t.txt").write_bytes(data[: cut + 1])  # first byte of a 3-byte char
    doc = read_document(tmp_path / "t.txt")
    assert "西部（重庆）科学城再添国家级新名片。" in doc.text
    assert "\ufffd" not in doc.text[-5:]


# ---------------------------------------------------------------- formats


HTML = """<!DOCTYPE html><html><head><meta charset="gbk"><title>新闻</title>
<style>p { color: red }</style><script>var x = "重庆高新区脚本";</script></head>
<body><header>网站导航 首页</header><nav><a href="/">首页</a> <a>高新区</a></nav>
<article><h1>西部（重庆）科学城再添国家级新名片</h1>
<p>近日，重庆高新区入选国家外贸
转型升级基地（生物医药）。</p><div>建设<b>2.74</b> 平方公里的总部区<br>第二行</div>
<p>Cytiva BioPark</p></article>
<aside>相关阅读：别的新闻</aside><footer>版权所有 © 2023</footer></body></html>"""


def test_html_main_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(HTML.encode("gb18030"))
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "西部（重庆）科学城再添国家级新名片",
        "近日，重庆高新区入选国家外贸转型升级基地（生物医药）。",
        "建设2.74平方公里的总部区",
        "第二行",
        "Cytiva BioPark",
    ]
    for junk in ("脚本", "导航", "相关阅读", "版权所有", "color"):
        assert junk not in doc.text


def test_html_without_article_uses_body(tmp_path):
    path = tmp_path / "p.htm"
    path.write_text("<html><body><div>重庆高新区</div><p>入选基地。</p></body></html>", "utf-8")
    assert read_document(path).text == "重庆高新区\n入选基地。"


def test_truncated_html_still_reads(tmp_path):
    path = tmp_path / "cut.html"
    path.write_text("<html><body><p>重庆高新区入选国家外贸转型升级基地。</p><p>下一", "utf-8")
    assert read_document(path).text == "重庆高新区入选国家外贸转型升级基地。\n下一"


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"<html><head><script>alert(1)</script></head><body><nav>x</nav></body>", "no text"),
        (b"\x00\x01\x02\x03<html>" * 50, "binary"),
        ("纯文本，没有标签".encode(), "broken HTML"),
    ],
)
def test_broken_html(tmp_path, data, reason):
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    with pytest.raises(IngestError, match=reason):
        read_document(path)


def test_docx(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("跑出发展加速度", level=2)
    d.add_paragraph("近日，重庆高新区入选国家外贸转型升级基地（生物医药）。")
    d.add_paragraph("建设2.74平方公里的总部区")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "植恩药业"
    table.cell(0, 1).text = "Cytiva BioPark"
    path = tmp_path / "a.docx"
    d.save(path)
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "跑出发展加速度",
        "近日，重庆高新区入选国家外贸转型升级基地（生物医药）。",
        "建设2.74平方公里的总部区",
        "植恩药业",
        "Cytiva BioPark",
    ]
    assert [s.text for s in doc.sentences][0] == "跑出发展加速度"


def test_broken_docx(tmp_path):
    path = tmp_path / "not-zip.docx"
    path.write_bytes("这不是一个Word文件".encode())
    with pytest.raises(IngestError, match="broken DOCX: not a zip"):
        read_document(path)
    path = tmp_path / "zip-no-word.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(IngestError, match="broken DOCX"):
        read_document(path)
    path = tmp_path / "cut.docx"
    import docx

    d = docx.Document()
    d.add_paragraph("重庆高新区")
    d.save(path)
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(IngestError, match="broken DOCX"):
        read_document(path)


PDF_LINES = [
    "西部（重庆）科学城再添国家级新",
    "名片。",
    "近日，重庆高新区入选国家外贸",
    "转型升级基地（生物医药）。重庆高新",
    "区将以获批“国字号”基地为契机，进",
    "一步发挥生物医药产业聚集优势。",
    "跑出发展加速度",
    "中孵化，即以生物科技公司集群、总部",
    "为重点，建设2.74",
    "平方公里的总部区及成果孵化中心；南",
    "制造，即首期聚焦3.81平方公里的健康",
    "智造园，覆盖巴福地块和石板地块。",
]


def test_pdf_text_layer(tmp_path, pdf_bytes):
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf_bytes(PDF_LINES))
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "西部（重庆）科学城再添国家级新名片。",
        "近日，重庆高新区入选国家外贸转型升级基地（生物医药）。"
        "重庆高新区将以获批“国字号”基地为契机，进一步发挥生物医药产业聚集优势。",
        "跑出发展加速度",
        "中孵化，即以生物科技公司集群、总部为重点，建设2.74平方公里的总部区及成果孵化中心；"
        "南制造，即首期聚焦3.81平方公里的健康智造园，覆盖巴福地块和石板地块。",
    ]
    assert all(doc.source_text[m] == c for m, c in zip(doc.source_map, doc.text, strict=True))


@pytest.mark.parametrize(
    "mutate,reason",
    [
        (lambda b: b"not a pdf at all " + b, "broken PDF: no PDF header"),
        (lambda b: b[:200], "broken PDF"),
        (lambda b: b.replace(b"/Kids [3 0 R]", b"/Kids [9 0 R]"), "broken PDF|no text layer"),
    ],
    ids=["header", "truncated", "bad-ref"],
)
def test_broken_pdf(tmp_path, pdf_bytes, mutate, reason):
    path = tmp_path / "bad.pdf"
    path.write_bytes(mutate(pdf_bytes(PDF_LINES)))
    with pytest.raises(IngestError, match=reason):
        read_document(path)


def test_pdf_without_text_layer(tmp_path, pdf_bytes):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_bytes([]))
    with pytest.raises(IngestError, match="no text layer"):
        read_document(path)


# ----------------------------------------------------------- bad files


def test_unreadable_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_bytes(b" \n\n \t")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 16)
    (tmp_path / "x.txt").mkdir()
    (tmp_path / "a.xyz").write_text("重庆", "utf-8")
    cases = {
        "empty.txt": "empty file",
        "blank.md": "empty file",
        "junk.txt": "binary file, not text",
        "x.txt": "is a directory",
        "missing.txt": "file not found",
        "a.xyz": "unsupported file type",
    }
    for name, reason in cases.items():
        with pytest.raises(IngestError, match=reason) as info:
            read_document(tmp_path / name)
        assert "\n" not in str(info.value)


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_symlink_loop_file(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    with pytest.raises(IngestError):
        read_document(tmp_path / "loop.txt")


# ---------------------------------------------------------- iter_sources


def make_tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "a").mkdir()
    (root / "a" / "2.md").write_text("重庆高新区。", "utf-8")
    (root / "a" / "1.TXT").write_text("重庆高新区。", "utf-8")
    (root / "b" / "p.html").write_text("<p>重庆高新区。</p>", "utf-8")
    (root / "b" / "notes.csv").write_text("a,b", "utf-8")
    (root / "b" / "folder.txt").mkdir()  # a folder named like a file
    (root / "b" / "folder.txt" / "inner.pdf").write_bytes(b"%PDF-1.4")
    (root / "c.docx").write_bytes(b"")
    (root / ".hidden.txt").write_text("x", "utf-8")


def test_iter_sources_expands_sorted(tmp_path):
    make_tree(tmp_path)
    files, problems = iter_sources([tmp_path])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "a/1.TXT",
        "a/2.md",
        "b/folder.txt/inner.pdf",
        "b/p.html",
        "c.docx",
    ]
    assert problems == []
    again, _ = iter_sources([str(tmp_path)])
    assert again == files


def test_iter_sources_problems(tmp_path):
    make_tree(tmp_path)
    (tmp_path / "empty").mkdir()
    files, problems = iter_sources(
        [
            tmp_path / "a" / "1.TXT",
            tmp_path / "missing.txt",
            tmp_path / "b" / "notes.csv",
            tmp_path / "empty",
            tmp_path / "a",  # 1.TXT again: listed once
        ]
    )
    assert [f.name for f in files] == ["1.TXT", "2.md"]
    reasons = dict(problems)
    assert reasons[str(tmp_path / "missing.txt")] == "does not exist"
    assert reasons[str(tmp_path / "b" / "notes.csv")] == "unsupported file type '.csv'"
    assert reasons[str(tmp_path / "empty")] == "empty folder"
    (tmp_path / "empty" / "notes.csv").write_text("a,b")
    _, problems = iter_sources([tmp_path / "empty"])
    assert problems == [(str(tmp_path / "empty"), "no supported files in folder" + SUFFIXES)]
    # the argument as given (a trailing slash kept), not as pathlib normalises it
    _, problems = iter_sources([f"{tmp_path}/nothing/"])
    assert problems == [(f"{tmp_path}/nothing/", "does not exist")]


SUFFIXES = " (.docx .htm .html .md .pdf .txt)"


def test_folder_named_txt_is_not_a_file(tmp_path):
    (tmp_path / "x.txt").mkdir()
    files, problems = iter_sources([tmp_path])
    assert files == []
    assert problems == [(str(tmp_path / "x.txt"), "a folder, not a file, with no supported files")]
    with pytest.raises(IngestError, match="directory"):
        read_document(tmp_path / "x.txt")


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_symlink_loops(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("重庆高新区。", "utf-8")
    (tmp_path / "d" / "up").symlink_to(tmp_path)  # a folder loop
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")  # a file loop
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    files, problems = iter_sources([tmp_path, tmp_path / "self.txt"])
    assert files == [tmp_path / "d" / "a.txt"]
    reasons = {Path(p).name: r for p, r in problems}
    assert reasons["up"] == "symlink loop"
    assert reasons["self.txt"] == "symlink loop"
    assert reasons["dangling.md"] == "broken symlink"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_folder(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("x", "utf-8")
    locked.chmod(0)
    try:
        files, problems = iter_sources([tmp_path])
    finally:
        locked.chmod(0o755)
    assert files == []
    assert (str(locked), "permission denied (cannot list folder)") in problems


def test_iter_sources_never_raises(tmp_path):
    files, problems = iter_sources(["", "\x00bad", tmp_path / "a" / "b" / "c.txt"])
    assert files == []
    assert len(problems) == 3


def test_unlistable_folder_is_a_problem(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "ok.txt").write_text("重庆高新区。", "utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, problems = iter_sources([tmp_path])
    assert files == [tmp_path / "ok.txt"]
    assert problems == [(str(locked), "permission denied (cannot list folder)")]


def test_pipes_devices_and_symlinks_to_them_are_named_not_silent(tmp_path):
    """A FIFO named like a document would block a reader forever; a symlink to
    /dev/zero exists (it is not "missing"); both are reported, by name."""
    os.mkfifo(tmp_path / "f.txt")
    (tmp_path / "z.txt").symlink_to("/dev/zero")
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "fifo.csv").symlink_to(tmp_path / "f.txt")  # not a document type: ignored
    files, problems = iter_sources([tmp_path])
    assert files == []
    assert sorted(problems) == [
        (str(tmp_path / "f.txt"), "a named pipe, not a regular file"),
        (str(tmp_path / "gone.md"), "broken symlink"),
        (str(tmp_path / "z.txt"), "a device, not a regular file"),
    ]
    # named on the command line: the same reasons
    _, problems = iter_sources([tmp_path / "f.txt", tmp_path / "z.txt"])
    assert [why for _, why in problems] == [
        "a named pipe, not a regular file",
        "a device, not a regular file",
    ]
