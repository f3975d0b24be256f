"""Tables: directories of firms, one row a line, cells split by tabs.

Government lists and park yearbooks print their firms as a table::

    序号	企业名称	所在园区	行业
    1	某某科技有限公司	东区	集成电路

A row states what a sentence would ("某某科技有限公司位于东区，从事集成电路"):
the firm is located in its row's park and works in its row's industry (guidelines
rules 7 and 8: the header ties each cell to the firm in the same row). The
header's words say which column is which; ingest keeps a row's tabs
(kg/ingest/repair.py), so a table is found by its header line.

:func:`cell_finder` is a document signal (``tables``): the park and industry
cells as mentions, where no other signal named them; :func:`row_facts` gives the
relations of each row to the relation stage.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg.document import Document, Mention
from kg.extract.sentence import SentenceMentions

# header words of the columns kg reads (a header cell is one of these, whole)
_NAME_HEADS = re.compile(
    r"(?:企业|单位|公司|机构|签约企业|入驻企业|项目单位)?(?:名称|全称)|企业|单位"
)
_PARK_HEADS = re.compile(
    r"(?:所在|所属|落户|入驻|所处)?(?:园区|开发区|高新区|产业园|片区|功能区|载体)|所在地|落户地"
)
_INDUSTRY_HEADS = re.compile(
    r"(?:所属|所在|主导|细分)?(?:行业|产业)(?:类别|领域|分类|门类)?|(?:产业|所属)?领域|主营(?:业务|产品)?"
)

_CELL_SCORE = 0.7
_NAME_SCORE = 0.85  # above the suffix signal's cut-short name


@dataclass(frozen=True)
class _Columns:
    name: int
    park: int | None
    industry: int | None


def _cells(line: str, start: int) -> list[tuple[int, int]]:
    """The (start, end) offsets of a row's cells, stripped of spaces."""
    out = []
    k = start
    for cell in line.split("\t"):
        a = k + len(cell) - len(cell.lstrip())
        b = k + len(cell.rstrip())
        out.append((a, b))
        k += len(cell) + 1
    return out


def _header(cells: list[str]) -> _Columns | None:
    def find(pattern: re.Pattern) -> int | None:
        return next((i for i, c in enumerate(cells) if pattern.fullmatch(c)), None)

    name = find(_NAME_HEADS)
    park, industry = find(_PARK_HEADS), find(_INDUSTRY_HEADS)
    if name is None or (park is None and industry is None):
        return None
    return _Columns(name, park, industry)


def table_rows(text: str) -> Iterator[tuple[_Columns, list[tuple[int, int]]]]:
    """Each row of each table in ``text``: its columns and its cells' offsets.

    A table is a header line of tab-separated column names kg knows, then the
    lines with the same number of tabs or more.
    """
    if "\t" not in text:
        return  # (most documents: no line of theirs to split and look at)
    columns: _Columns | None = None
    width = 0
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if "\t" not in line:
            columns = None
            continue
        spans = _cells(line, start)
        head = _header([text[a:b] for a, b in spans])
        if head is not None:
            columns, width = head, len(spans)
        elif columns is not None and len(spans) >= width:
            yield columns, spans


def cell_finder(doc: Document) -> Callable[[SentenceMentions], None]:
    """The ``tables`` signal for one document: a row's park and industry cells
    as mentions of those types (a firm's cell is named by its suffix)."""
    cells: dict[tuple[int, int], str] = {}
    for columns, spans in table_rows(doc.text):
        cells[spans[columns.name]] = "name"
        for col, type_ in ((columns.park, "Park"), (columns.industry, "Industry")):
            if col is not None and col < len(spans):
                a, b = spans[col]
                if 2 <= b - a <= 12:
                    cells[(a, b)] = type_

    spans = sorted(cells)
    starts = [a for a, _ in spans]

    def find(sm: SentenceMentions) -> None:
        base = sm.sent.start
        lo = bisect.bisect_left(starts, base)
        hi = bisect.bisect_left(starts, base + len(sm.text))
        for a, b in spans[lo:hi]:
            type_ = cells[(a, b)]
            if b > base + len(sm.text):
                continue
            s, e = a - base, b - base
            if type_ == "name":
                # the whole cell is the name: 361度（中国）有限公司, where the suffix
                # signal stopped at the digits
                cut = next(
                    (
                        m
                        for m in sm.found
                        if m.end == e and s < m.start and m.type in ("Company", "Institution")
                    ),
                    None,
                )
                if cut is not None:
                    sm.add(s, e, cut.type, "table", _NAME_SCORE)
            elif not sm.overlaps(s, e):
                sm.add(s, e, type_, "table", _CELL_SCORE)

    return find


def row_facts(doc: Document) -> Iterator[tuple[Mention, str, Mention]]:
    """(firm, predicate, park or industry) for each row: the mention that fills
    the name cell, located in the row's park and in the row's industry."""
    by_span = {(m.start, m.end): m for m in doc.mentions}
    for columns, spans in table_rows(doc.text):
        firm = _filling(by_span, spans[columns.name], ("Company", "Institution"))
        if firm is None:
            continue
        for col, type_, pred in (
            (columns.park, "Park", "locatedIn"),
            (columns.industry, "Industry", "inIndustry"),
        ):
            if col is not None and col < len(spans):
                other = _filling(by_span, spans[col], (type_,))
                if other is not None:
                    yield firm, pred, other


def _filling(
    by_span: dict[tuple[int, int], Mention], cell: tuple[int, int], types: tuple[str, ...]
) -> Mention | None:
    """The mention of one of ``types`` that is the whole cell (its name as written,
    a bracketed short form included)."""
    m = by_span.get(cell)
    return m if m is not None and m.type in types else None
