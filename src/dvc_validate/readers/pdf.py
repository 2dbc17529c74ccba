"""PDF with a text layer: text lines to paragraphs, ruled tables to tables.

A PDF has no paragraphs, only positioned glyphs, so the unit is the visual line
as pdfplumber groups it. Lines are numbered 1.. from the top of each page over
*all* text on the page, table text included, so ``trang 2, dòng 14`` is the
fourteenth line a reader counts on page 2 whether it sits in a table or not.

Tables are the ruled grids pdfplumber finds (``page.find_tables()``); their text
is read once, as cells, and the lines inside a table's box are not repeated as
paragraphs. A line belongs to a table when most of its glyphs lie inside the
table's box. A table row carries the number of its first text line. Wrapped text
inside a cell is joined with spaces: the wrap is layout, not content.

Failures are explicit: a scan without a text layer raises
:class:`NoTextLayerError` (the fix is OCR, not this tool); anything pdfminer
chokes on is a :class:`CorruptInputError`.
"""

from __future__ import annotations

import io
from typing import Any

from ..errors import CorruptInputError, DvcValidateError, InputTooLargeError, NoTextLayerError
from ..model.document import Cell, Document, DocumentNote, Paragraph, Row, Table
from ..model.location import Location
from ..vn import nfc
from ._pdfsafe import check_pdf
from .base import ReadLimits, check_size

__all__ = ["MAX_PAGES", "read_pdf"]

MAX_PAGES = 200  # a monthly report is a few pages; thousands means the wrong file

_BBox = tuple[float, float, float, float]  # x0, top, x1, bottom


def read_pdf(data: bytes, source: str, limits: ReadLimits) -> Document:
    """Read the text layer of a PDF into paragraphs (one per line) and tables."""
    check_size(len(data), limits, source)
    check_pdf(data, source, limits)  # pdfminer inflates streams without a limit
    import pdfplumber

    doc = Document(source=source, format="pdf")
    blank_pages: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages
            if len(pages) > MAX_PAGES:
                raise InputTooLargeError(
                    f"Tệp {source} có {len(pages)} trang, vượt giới hạn {MAX_PAGES} trang.",
                    f"File {source} has {len(pages)} pages; the limit is {MAX_PAGES}.",
                    size=len(pages),
                    limit=MAX_PAGES,
                )
            for number, page in enumerate(pages, 1):
                if not _read_page(page, number, doc):
                    blank_pages.append(number)
                page.close()  # drop the page's cached layout: memory stays per-page
    except DvcValidateError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise _corrupt(source, exc) from exc
    if not doc.blocks:
        raise NoTextLayerError(
            f"Tệp {source} là PDF scan, không có lớp chữ; hãy nhận dạng chữ (OCR) trước, "
            f'ví dụ: ocrmypdf -l vie "{source}" ra.pdf',
            f"File {source} is a scanned PDF without a text layer; run OCR first, "
            f'e.g. ocrmypdf -l vie "{source}" out.pdf',
        )
    for number in blank_pages:
        doc.notes.append(_note("pdf-page-no-text", number))
    if "(cid:" in doc.plain_text():
        doc.notes.append(_note("pdf-unmapped-glyphs", None))
    return doc


def _read_page(page: Any, number: int, doc: Document) -> bool:
    """Append one page's blocks to ``doc``; ``False`` when the page has no text."""
    lines: list[dict[str, Any]] = [
        ln for ln in page.extract_text_lines(strip=True, return_chars=True) if ln["text"].strip()
    ]
    if not lines:
        return False
    found = page.find_tables()
    owner = [_owner(ln["chars"], [t.bbox for t in found]) for ln in lines]
    placed: list[tuple[float, Paragraph | Table]] = []
    for i, ln in enumerate(lines):
        if owner[i] is None:
            bold = sum("Bold" in str(ch.get("fontname", "")) for ch in ln["chars"])
            loc = Location(page=number, line=i + 1)
            para = Paragraph(text=nfc(ln["text"]), location=loc, bold=2 * bold > len(ln["chars"]))
            placed.append((float(ln["top"]), para))
    first_index = sum(1 for _ in doc.tables()) + 1
    for k, found_table in enumerate(found):
        line_of = [i + 1 for i in range(len(lines)) if owner[i] == k]
        table = _table(found_table, number, first_index + k, lines, line_of)
        placed.append((float(found_table.bbox[1]), table))
    placed.sort(key=lambda item: item[0])  # stable: reading order by vertical position
    doc.blocks.extend(block for _top, block in placed)
    return True


def _owner(chars: list[dict[str, Any]], boxes: list[_BBox]) -> int | None:
    """The table whose box holds most of a line's glyphs, if any."""
    for k, (x0, top, x1, bottom) in enumerate(boxes):
        inside = 0
        for ch in chars:
            cx = (float(ch["x0"]) + float(ch["x1"])) / 2
            cy = (float(ch["top"]) + float(ch["bottom"])) / 2
            inside += x0 <= cx <= x1 and top <= cy <= bottom
        if inside * 2 > len(chars):
            return k
    return None


def _table(
    found: Any, page: int, index: int, lines: list[dict[str, Any]], line_of: list[int]
) -> Table:
    """One pdfplumber table as a :class:`Table`; ``None`` cells are covered by a merge."""
    grid: list[list[str | None]] = found.extract()
    bboxes: list[list[_BBox | None]] = [list(r.cells) for r in found.rows]
    lefts = sorted({round(b[0], 1) for r in bboxes for b in r if b is not None})
    rows: list[Row] = []
    for ri, texts in enumerate(grid, 1):
        row_box = found.rows[ri - 1].bbox
        line = next((n for n in line_of if row_box[1] <= _middle(lines[n - 1]) <= row_box[3]), None)
        cells: list[Cell] = []
        for ci, raw in enumerate(texts, 1):
            box = bboxes[ri - 1][ci - 1] if ci - 1 < len(bboxes[ri - 1]) else None
            span = 1
            if box is not None:
                span = max(1, sum(box[0] - 0.5 <= x < box[2] - 0.5 for x in lefts))
            text = nfc(" ".join(raw.split())) if raw is not None else ""
            loc = Location(page=page, line=line, table=index, row=ri, cell=ci)
            cells.append(Cell(text=text, location=loc, col=ci, span=span, merged=raw is None))
        row_loc = Location(page=page, line=line, table=index, row=ri)
        rows.append(Row(index=ri, location=row_loc, cells=cells))
    first_line = rows[0].location.line if rows else None
    return Table(index=index, location=Location(page=page, line=first_line, table=index), rows=rows)


def _middle(line: dict[str, Any]) -> float:
    return (float(line["top"]) + float(line["bottom"])) / 2


def _corrupt(source: str, exc: BaseException) -> CorruptInputError:
    chain: list[BaseException] = []
    e: BaseException | None = exc
    while e is not None and len(chain) < 10:
        chain.append(e)
        chain.extend(a for a in e.args if isinstance(a, BaseException))
        e = e.__cause__ or e.__context__
    if any("Password" in type(x).__name__ or "Encrypt" in type(x).__name__ for x in chain):
        return CorruptInputError(
            f"Tệp PDF {source} được đặt mật khẩu; hãy bỏ mật khẩu rồi kiểm tra lại.",
            f"The PDF {source} is password-protected; remove the password and try again.",
        )
    return CorruptInputError(
        f"Tệp {source} bị hỏng hoặc không phải PDF.",
        f"File {source} is damaged or is not a PDF.",
    )


def _note(code: str, page: int | None) -> DocumentNote:
    if code == "pdf-page-no-text":
        return DocumentNote(
            code=code,
            message_vi=f"Trang {page} không có lớp chữ (trang scan?) nên không được kiểm tra.",
            message_en=f"Page {page} has no text layer (a scanned page?) and is not checked.",
            location=Location(page=page),
            data={"page": str(page)},
        )
    return DocumentNote(
        code=code,
        message_vi="Một số chữ trong PDF không giải mã được (phông chữ thiếu bảng mã Unicode); "
        "hãy xuất lại PDF từ Word hoặc kiểm tra bản Word.",
        message_en="Some PDF text cannot be decoded (a font without a Unicode map); "
        "export the PDF again from Word, or check the Word file instead.",
    )
