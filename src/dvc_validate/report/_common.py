"""What every reporter shares: labels in two languages, ordering, and finding the
flagged text in the source document.

Reporters know findings, not rules: nothing here looks at rule metadata. The
lookup of a finding's text goes through the neutral :class:`Document`, so the
terminal excerpt and the HTML highlight agree on where a figure is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..model.document import Cell, Document, Paragraph, Row, Table
from ..model.finding import Finding, Result, Severity
from ..model.location import Location

__all__ = [
    "SEVERITIES",
    "Target",
    "by_rule",
    "count_line",
    "found_expected",
    "label",
    "locate",
    "severity_label",
    "sorted_findings",
]

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

_LABELS: dict[str, tuple[str, str]] = {
    "error": ("lỗi", "error"),
    "warning": ("cảnh báo", "warning"),
    "info": ("thông tin", "info"),
    "errors": ("lỗi", "errors"),
    "warnings": ("cảnh báo", "warnings"),
    "infos": ("thông tin", "infos"),
    "files": ("tệp", "files"),
    "file": ("tệp", "file"),
    "in": ("trong", "in"),
    "text": ("Văn bản", "Text"),
    "table": ("Bảng", "Table"),
    "summary": ("Tổng hợp", "Summary"),
    "severity": ("Mức", "Severity"),
    "rule": ("Quy tắc", "Rule"),
    "code": ("Mã", "Code"),
    "count": ("Số lượng", "Count"),
    "location": ("Vị trí", "Location"),
    "message": ("Nội dung", "Message"),
    "found_expected": ("Tìm thấy → Đề xuất", "Found → Suggested"),
    "no_findings": ("Không có phát hiện nào.", "No findings."),
    "file_error": ("Không đọc được tệp", "File could not be read"),
    "period": ("Kỳ báo cáo", "Period"),
    "findings": ("Phát hiện", "Findings"),
    "related": ("Liên quan", "Related"),
    "fix": ("Sửa", "Fix"),
    "title": ("Kết quả kiểm tra báo cáo", "Report check results"),
    "total": ("Tổng", "Total"),
}


def label(key: str, lang: str = "vi") -> str:
    """One UI word in ``lang``; Vietnamese unless ``lang`` is ``en``."""
    vi, en = _LABELS[key]
    return en if lang == "en" else vi


def severity_label(severity: Severity, lang: str = "vi") -> str:
    return label(severity.value, lang)


def found_expected(f: Finding, arrow: str = "→") -> str:
    """``1000% → 100%``; one side alone when the other is unknown, else ``""``."""
    if f.found is not None and f.expected is not None:
        return f"{f.found} {arrow} {f.expected}"
    if f.found is not None:
        return f.found
    if f.expected is not None:
        return f"{arrow} {f.expected}"
    return ""


def sorted_findings(findings: list[Finding], doc: Document | None = None) -> list[Finding]:
    """The order a reader meets the figures in.

    Lines order text and PDF sources. Word and Excel sources have none, and
    their paragraph and table numbers are separate counts, so when the source
    document is at hand its block order decides (a finding not found in it
    goes last)."""
    order: dict[int, int] = {}
    if doc is not None:
        for b in doc.blocks:
            order[id(b)] = len(order)
            if isinstance(b, Table):
                for _, c in _cells([b]):
                    order[id(c)] = len(order)

    def key(f: Finding) -> tuple[int, int, int, tuple[int, int, int, int, int, int, int, str], str]:
        ordinal = 0
        if doc is not None:
            hit = _find_block(doc, f.location)
            ordinal = order.get(id(hit[0]), len(order)) if hit else len(order)
        loc = f.location
        return (loc.page or 0, loc.line or 0, ordinal, loc.sort_key(), f.code)

    return sorted(findings, key=key)


def by_rule(result: Result) -> list[tuple[str, str, int]]:
    """``(code, name, count)`` for every rule that fired, by code."""
    names = {f.code: f.name for f in result.findings}
    counts = Counter(f.code for f in result.findings)
    return [(code, names[code], counts[code]) for code in sorted(counts)]


def _counted(n: int, plural: str, lang: str) -> str:
    """``3 errors`` / ``1 error``; Vietnamese nouns do not inflect."""
    key = plural[:-1] if n == 1 and lang == "en" else plural
    return f"{n} {label(key, lang)}"


def count_line(result: Result, lang: str = "vi") -> str:
    """``2 lỗi, 1 cảnh báo, 0 thông tin trong 3 tệp`` (or English)."""
    parts = [
        _counted(result.count(Severity.ERROR), "errors", lang),
        _counted(result.count(Severity.WARNING), "warnings", lang),
        _counted(result.count(Severity.INFO), "infos", lang),
    ]
    return f"{', '.join(parts)} {label('in', lang)} {_counted(len(result.files), 'files', lang)}"


@dataclass(frozen=True)
class Target:
    """Where a finding's text sits: the block (paragraph or cell), the table row
    it belongs to (if any), and the span of the flagged text in ``block.text``
    (the whole text when the figure itself cannot be found)."""

    block: Paragraph | Cell
    row: Row | None
    start: int
    end: int


def _cells(tables: list[Table]) -> Iterator[tuple[Row, Cell]]:
    for t in tables:
        for r in t.rows:
            for c in r.cells:
                yield r, c
                yield from _cells(c.tables)


def _tables(doc: Document) -> list[Table]:
    return list(doc.tables())


def _find_block(doc: Document, loc: Location) -> tuple[Paragraph | Cell, Row | None] | None:
    """The paragraph or cell a location points at, trying the most precise key first."""
    if loc.row is not None and loc.cell is not None:
        key = (loc.table, loc.row, loc.cell, loc.sheet, loc.page)
        for r, c in _cells(_tables(doc)):
            cl = c.location
            if (cl.table, cl.row, cl.cell, cl.sheet, cl.page) == key:
                return c, r
        for p in doc.paragraphs():  # a lone text line of a spreadsheet
            pl = p.location
            if (pl.table, pl.row, pl.cell, pl.sheet, pl.page) == key:
                return p, None
    if loc.row is not None and loc.table is not None and loc.cell is None:
        # a whole row (a section numeral): its first cell places it in document order
        for r, c in _cells(_tables(doc)):
            cl = c.location
            if (cl.table, cl.row, cl.sheet, cl.page) == (loc.table, loc.row, loc.sheet, loc.page):
                return c, r
    if loc.paragraph is not None:
        for p in doc.paragraphs():
            if p.location.paragraph == loc.paragraph and p.location.page == loc.page:
                return p, None
    if loc.line is not None:
        same_line: list[tuple[Paragraph | Cell, Row | None]] = [
            (p, None)
            for p in doc.paragraphs()
            if p.location.line == loc.line and p.location.page == loc.page
        ]
        same_line += [
            (c, r)
            for r, c in _cells(_tables(doc))
            if c.location.line == loc.line and c.location.page == loc.page
        ]
        if loc.column is not None:
            for block, row in same_line:
                if block.columns and loc.column in block.columns:
                    return block, row
        if same_line:
            return same_line[0]
    return None


def _span(block: Paragraph | Cell, loc: Location, found: str | None) -> tuple[int, int]:
    text = block.text
    if not found:
        return 0, len(text)
    if loc.column is not None and block.columns and loc.column in block.columns:
        k = block.columns.index(loc.column)
        if text.startswith(found, k):
            return k, k + len(found)
    k = text.find(found)
    if k < 0:
        return 0, len(text)
    return k, k + len(found)


def locate(doc: Document | None, loc: Location, found: str | None = None) -> Target | None:
    """Find the flagged text of a finding in the source document, or ``None``."""
    if doc is None:
        return None
    hit = _find_block(doc, loc)
    if hit is None:
        return None
    block, row = hit
    start, end = _span(block, loc, found)
    return Target(block=block, row=row, start=start, end=end)
