"""Files → :class:`~kg.document.Document`: read, decode, extract, repair, split.

* :func:`iter_sources` expands files and folders into the supported files and
  a list of problems (never raises on bad paths);
* :func:`read_document` reads one file (``IngestError`` with a one-line reason
  for anything unreadable);
* :func:`document_from_text` does the same for an already-decoded string.

Modules: :mod:`.decode` (bytes → str), :mod:`.formats` (one reader per
format), :mod:`.repair` (OCR line breaks and spaces, with a source map),
:mod:`.sentences` (sentence splitting with offsets), :mod:`.sources`
(expanding paths).
"""

from __future__ import annotations

from pathlib import Path

from kg.document import Document
from kg.errors import IngestError
from kg.ingest.decode import decode_bytes
from kg.ingest.formats import SUPPORTED_SUFFIXES, reader_for
from kg.ingest.limits import MAX_TEXT_CHARS, max_text_chars
from kg.ingest.repair import repair
from kg.ingest.sentences import split_sentences
from kg.ingest.sources import iter_sources, safe_name

__all__ = [
    "SUPPORTED_SUFFIXES",
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "decode_bytes",
    "document_from_text",
    "iter_sources",
    "read_document",
    "repair",
    "safe_name",
    "split_sentences",
]

MAX_FILE_BYTES = 200 * 1024 * 1024
# bytes a character may take in a file of each kind, at most: a file over the
# limit times this is refused unread (HTML: markup besides text; 50 MB of it
# takes 16 s and 600 MB to parse)
_BYTES_PER_CHAR = {".txt": 4, ".md": 4, ".html": 16, ".htm": 16}


def _too_long(what: str, limit: int) -> IngestError:
    return IngestError(
        f"too long to extract ({what}; the limit is {limit:,} characters: "
        "split it, or raise KG_MAX_TEXT_CHARS)"
    )


def _build(text: str, name: str, path: str = "", wrapped: bool = True) -> Document:
    fixed, source_map = repair(text, join_lines=wrapped)
    return Document(
        name=name,
        text=fixed,
        source_text=text,
        source_map=source_map,
        path=path,
        sentences=split_sentences(fixed),
    )


def document_from_text(text: str, name: str = "<text>") -> Document:
    """A document from an already-decoded string: repaired and split."""
    return _build(text, name)


def read_document(path: str | Path) -> Document:
    """Read one file into a :class:`Document` (see the module doc).

    ``Document.source_text`` is the text as extracted from the file (for
    HTML, DOCX and PDF: the plain text of the markup, not the markup) and
    ``source_map`` maps the repaired text back into it.
    """
    p = Path(path)
    reader = reader_for(p.suffix)
    try:
        if p.is_dir():
            raise IngestError("is a directory, not a file")
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise IngestError(f"file too large ({size // (1024 * 1024)} MB)")
        limit = max_text_chars()
        if size > _BYTES_PER_CHAR.get(p.suffix.lower(), size) * limit:
            raise _too_long(f"{size / 1e6:.1f} MB", limit)
        data = p.read_bytes()
    except IngestError:
        raise
    except FileNotFoundError:
        raise IngestError("file not found") from None
    except PermissionError:
        raise IngestError("permission denied") from None
    except OSError as e:
        raise IngestError(f"cannot read file: {e.strerror or e}") from None
    if not data.strip():
        raise IngestError("empty file")
    try:
        extracted = reader(data)
        del data
        if len(extracted.text) > limit:
            raise _too_long(f"{len(extracted.text):,} characters", limit)
        doc = _build(extracted.text, safe_name(p.name), safe_name(path), wrapped=extracted.wrapped)
    except IngestError:
        raise
    except Exception as e:  # noqa: BLE001 - a bug must not leak as a traceback
        raise IngestError(f"cannot read file: {type(e).__name__}: {e}") from None
    if not doc.text:
        raise IngestError("no text")
    return doc
