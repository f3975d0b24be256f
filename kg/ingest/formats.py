"""One reader per file format, chosen by suffix.

Every reader takes the file's bytes and returns :class:`Extracted`: the plain
text and whether its line breaks are hard wraps that the OCR repair should
join (plain text, PDF) or explicit paragraphs (HTML, DOCX). Readers raise
:class:`~kg.errors.IngestError` with a short reason for anything they cannot
read, never another exception type.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from kg.errors import IngestError
from kg.ingest.decode import decode_bytes
from kg.ingest.limits import max_text_chars


@dataclass(frozen=True)
class Extracted:
    text: str
    wrapped: bool = True  # line breaks may fall inside sentences


Reader = Callable[[bytes], Extracted]


def _short(e: BaseException) -> str:
    msg = " ".join(str(e).split()) or type(e).__name__
    return msg[:120]


# ---------------------------------------------------------------- plain text


def read_text(data: bytes) -> Extracted:
    return Extracted(decode_bytes(data), wrapped=True)


# ---------------------------------------------------------------------- HTML

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "canvas",
    "button",
    "select",
    "head",
)
_BLOCK_TAGS = frozenset(
    "p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr table thead tbody tfoot "
    "section article main blockquote pre figure figcaption hr address center "
    "title caption td th".split()
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CHARSET_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "x-gbk": "gb18030"}


def _decode_html(data: bytes) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = m.group(1).decode("ascii").lower()
        name = _CHARSET_ALIASES.get(name, name)
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: detect instead
    return decode_bytes(data)


def _html_blocks(root) -> list[str]:
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    skip = (Comment, Declaration, Doctype, ProcessingInstruction)
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            blocks.append(line)
        current.clear()

    # depth-first with a stack of our own, not recursion: pages nested 1,000
    # deep exist (and crawlers save them), Python's stack does not go that far
    todo: list = [iter(root.children)]
    closes: list[bool] = [False]  # whether the element being walked is a block
    while todo:
        child = next(todo[-1], None)
        if child is None:
            todo.pop()
            if closes.pop():
                flush()
            continue
        if isinstance(child, NavigableString):
            if not isinstance(child, skip):
                current.append(str(child))
        elif isinstance(child, Tag):
            block = child.name in _BLOCK_TAGS
            if block:
                flush()
            todo.append(iter(child.children))
            closes.append(block)
    flush()
    return blocks


def read_html(data: bytes) -> Extracted:
    """Main text of an HTML page; block elements become paragraph breaks."""
    try:
        return _read_html(data)
    except RecursionError:
        raise IngestError("broken HTML: nested too deeply") from None


def _read_html(data: bytes) -> Extracted:
    text = _decode_html(data)
    if "<" not in text:
        raise IngestError("broken HTML: no markup")
    try:
        from bs4 import BeautifulSoup

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            soup = BeautifulSoup(text, "lxml")
    except Exception as e:  # noqa: BLE001 - parser failures vary
        raise IngestError(f"broken HTML: {_short(e)}") from None
    for tag in soup.find_all(list(_DROP_TAGS)):
        tag.decompose()
    # prefer the page's main content when it says where it is
    root = None
    for candidate in soup.find_all(["article", "main"]):
        if len(candidate.get_text(strip=True)) >= 20:
            root = candidate
            break
    if root is None:
        root = soup.body or soup
    blocks = _html_blocks(root)
    if not blocks:
        raise IngestError("no text in HTML")
    return Extracted("\n".join(blocks), wrapped=False)


# ---------------------------------------------------------------------- DOCX


# a DOCX's XML parts, uncompressed, may take 16 MB (styles, numbering, themes:
# python-docx's own template is 1 MB) and 64 bytes for each character of text
# allowed (kg.ingest.limits.max_text_chars; Word's XML takes 20-60 bytes a character),
# 80 MB by default; all its parts (images too) 1 GB. A zip bomb (333 KB that
# inflates to gigabytes: 93 s and 2.1 GB in python-docx) is refused unparsed.
DOCX_XML_BYTES = 16 * 1024 * 1024
DOCX_BYTES_PER_CHAR = 64
DOCX_MAX_BYTES = 1024 * 1024 * 1024


def _check_docx_size(data: bytes) -> None:
    """Refuse a DOCX whose parts, uncompressed, are over the budget. The sizes
    are those the zip declares: zipfile reads no more than that (a member that
    inflates beyond its declared size fails its check instead)."""
    limit = max_text_chars()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise IngestError(f"broken DOCX: {_short(e)}") from None
    xml = sum(i.file_size for i in parts if i.filename.endswith((".xml", ".rels")))
    total = sum(i.file_size for i in parts)
    if xml > DOCX_XML_BYTES + DOCX_BYTES_PER_CHAR * limit or total > DOCX_MAX_BYTES:
        raise IngestError(
            f"too long to extract (DOCX of {total / 1e6:,.0f} MB uncompressed; the limit is "
            f"{limit:,} characters: split it, or raise KG_MAX_TEXT_CHARS)"
        )


def read_docx(data: bytes) -> Extracted:
    """Paragraphs (and table cells) of a Word document."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError("broken DOCX: not a zip archive")
    _check_docx_size(data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        paragraphs = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    paragraphs.extend(p.text for p in cell.paragraphs)
    except IngestError:
        raise
    except Exception as e:  # noqa: BLE001 - python-docx raises many types
        raise IngestError(f"broken DOCX: {_short(e)}") from None
    text = "\n".join(p for p in paragraphs if p.strip())
    if not text.strip():
        raise IngestError("no text in DOCX")
    return Extracted(text, wrapped=False)


# ----------------------------------------------------------------------- PDF


def read_pdf(data: bytes) -> Extracted:
    """The text layer of a PDF (scanned PDFs without one are refused)."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError("broken PDF: no PDF header")
    try:
        from pypdf import PdfReader

        logging.getLogger("pypdf").setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    ok = reader.decrypt("")
                except Exception:  # noqa: BLE001
                    ok = 0
                if not ok:
                    raise IngestError("encrypted PDF")
            pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except Exception as e:  # noqa: BLE001 - pypdf raises many types
        raise IngestError(f"broken PDF: {_short(e)}") from None
    if not pages:
        raise IngestError("broken PDF: no pages")
    text = "\n".join(pages)
    if not text.strip():
        raise IngestError("no text layer (scanned PDF?)")
    return Extracted(text, wrapped=True)


# ------------------------------------------------------------------ registry

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}

SUPPORTED_SUFFIXES = frozenset(READERS)


def reader_for(suffix: str) -> Reader:
    """The reader for a file suffix such as ``".pdf"`` (case-insensitive)."""
    try:
        return READERS[suffix.lower()]
    except KeyError:
        raise IngestError(f"unsupported file type {suffix or '(no suffix)'!r}") from None
