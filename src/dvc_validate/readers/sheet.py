"""Excel (.xlsx) and CSV: sheet rows to paragraphs and tables, numbers to Vietnamese text.

A sheet laid out like Appendix I (a title row, two header rows, data rows) must
give the same blocks as the Word original: a title paragraph and a table whose
rows and cells line up with the Word table. Three things make that work:

* **Rows.** Empty rows are skipped and never end a table (the Word export has
  blank lines inside tables too). A row is *text* (a :class:`Paragraph`) when it
  has exactly one non-empty cell and that cell is a banner: merged across three
  or more columns, or 40+ characters long in the sheet's first used column, or
  simply not between two table rows. Every other row is a table row, and each
  run of table rows is one :class:`Table` (numbered across the whole workbook).
* **Cells.** A table row has one cell per column from the table's first to last
  used column; ``col`` counts from the table's first column (like a Word grid),
  while ``location.cell`` is the real sheet column and ``location.row`` the real
  sheet row, so a finding can say ``Sheet1!C5`` (:func:`cell_ref`). The top-left
  cell of a merge keeps the text; the rest are ``merged=True`` and empty.
* **Numbers.** Excel stores ``0.7063`` and shows ``70,63%``; the writer and the
  checks care about what is shown, with its precision. :func:`format_cell_value`
  applies the cell's number format (percent, decimals, grouping) with Excel's
  rounding (half away from zero on 15 significant digits), not Python's.

The workbook is opened read-only (streaming, bounded memory). Read-only mode has
no merged ranges, so they are read from the sheet XML (defusedxml) in one pass
that also counts formulas saved without a computed value.
"""

from __future__ import annotations

import csv
import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import PurePath
from typing import Any

from ..errors import CorruptInputError, DvcValidateError, InputTooLargeError
from ..model.document import Cell, Document, DocumentNote, Paragraph, Row, Table
from ..model.location import Location
from ..vn import format_number, nfc
from ._zipsafe import check_zip
from .base import MAX_COLUMNS, ReadLimits, check_size, too_many_columns
from .encoding import decode_text

__all__ = ["cell_ref", "format_cell_value", "read_csv", "read_xlsx"]

_BANNER_SPAN = 3  # a one-cell row merged across this many columns is a title
_BANNER_CHARS = 40  # ... or this long in the sheet's first used column
_Merge = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row


# ---------------------------------------------------------------- number formats

_QUOTED_RE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')  # literals, [colour], padding, fill
_LITERAL_RE = re.compile(r'"[^"]*"|\\.')


def _excel_round(value: Decimal, decimals: int) -> float:
    return float(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def _general(value: float) -> str:
    """Excel's ``General``: no grouping, no float noise (15 significant digits)."""
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(f"{value:.15g}"), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace(".", ",")


def _format_number(value: float, number_format: str) -> str:
    sections = number_format.split(";")
    section = sections[0]
    if value < 0 and len(sections) > 1 and sections[1].strip():
        section = sections[1]
    elif value == 0 and len(sections) > 2 and sections[2].strip():
        section = sections[2]
    code = _QUOTED_RE.sub("", section)
    if not re.search(r"[0#?]", code):
        # only literal text, e.g. the "-" accounting formats show for zero; or General / @
        literal = "".join(m.group(0).strip('"').lstrip("\\") for m in _LITERAL_RE.finditer(section))
        return literal.strip() or _general(value)
    if re.search(r"[eE][+-]|/", code):
        return _general(value)  # scientific, fractions
    percent = "%" in code
    int_code, _, frac_code = code.partition(".")
    decimals = len(re.findall(r"[0#?]", re.split(r"[^0#?,]", frac_code)[0])) if frac_code else 0
    grouped = bool(re.search(r"[0#?],[0#?]", int_code))
    shown = Decimal(f"{value:.15g}") * (100 if percent else 1)
    return format_number(
        _excel_round(shown, decimals),
        decimals,
        percent=percent,
        plus=value > 0 and "+" in re.sub(r"\[[^\]]*\]", "", section),  # +0,00% or "+"0,00%
        grouped=grouped,
    )


def format_cell_value(value: object, number_format: str | None = "General") -> str:
    """The text Excel shows for ``value`` under ``number_format``, in Vietnamese style.

    ``0.7063`` with ``0.00%`` → ``70,63%``; ``3863`` with ``#,##0`` → ``3.863``;
    ``95.6`` with ``General`` → ``95,6``. Text is returned as typed (trimmed, NFC).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return nfc(value).strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() != time(0, 0):
            return f"{value:%H:%M} {value:%d/%m/%Y}"
        return f"{value:%d/%m/%Y}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, int | float) and math.isfinite(value):
        return _format_number(value, number_format or "General")
    return nfc(str(value)).strip()


_PLAIN_SHEET_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_CELL_LIKE_RE = re.compile(r"[A-Za-z]{1,3}\d+")


def cell_ref(loc: Location) -> str:
    """``Sheet1!C5`` (``'Phụ lục I'!C5`` when the name needs quotes, as Excel writes it)."""
    if loc.row is None:
        raise ValueError("a cell reference needs a row")
    from openpyxl.utils.cell import get_column_letter

    ref = f"{get_column_letter(loc.cell)}{loc.row}" if loc.cell else f"{loc.row}:{loc.row}"
    if loc.sheet is None:
        return ref
    name = loc.sheet
    if not _PLAIN_SHEET_RE.fullmatch(name) or _CELL_LIKE_RE.fullmatch(name):
        name = "'" + name.replace("'", "''") + "'"
    return f"{name}!{ref}"


# ---------------------------------------------------------------- grid to blocks


@dataclass
class _GridRow:
    number: int  # sheet row or CSV line, 1-based
    texts: dict[int, str]  # non-empty cells by sheet column
    merges: list[_Merge] = field(default_factory=list)  # merges crossing this row
    bold: set[int] = field(default_factory=set)

    def merge_at(self, col: int) -> _Merge | None:
        for m in self.merges:
            if m[0] <= col <= m[2]:
                return m
        return None

    def span(self, col: int) -> int:
        m = self.merge_at(col)
        return m[2] - m[0] + 1 if m is not None and (m[0], m[1]) == (col, self.number) else 1


def _is_text(rows: list[_GridRow], i: int, first_col: int) -> bool:
    row = rows[i]
    if len(row.texts) != 1:
        return False
    col, text = next(iter(row.texts.items()))
    if row.span(col) >= _BANNER_SPAN or (col == first_col and len(text) >= _BANNER_CHARS):
        return True
    inside = 0 < i < len(rows) - 1 and len(rows[i - 1].texts) > 1 and len(rows[i + 1].texts) > 1
    return not inside


def _blocks(rows: list[_GridRow], sheet: str, doc: Document) -> None:
    """Append the paragraphs and tables of one sheet's non-empty rows to ``doc``."""
    first_col = min((c for r in rows for c in r.texts), default=1)
    run: list[_GridRow] = []
    for i, row in enumerate([*rows, None]):
        if row is not None and not _is_text(rows, i, first_col):
            run.append(row)
            continue
        if run:
            doc.blocks.append(_table(run, sheet, sum(1 for _ in doc.tables()) + 1))
            run = []
        if row is not None:
            col, text = next(iter(row.texts.items()))
            loc = Location(sheet=sheet, row=row.number, cell=col)
            doc.blocks.append(Paragraph(text=text, location=loc, bold=col in row.bold))


def _table(run: list[_GridRow], sheet: str, index: int) -> Table:
    lo = min(c for r in run for c in r.texts)
    hi = max(c + r.span(c) - 1 for r in run for c in r.texts)
    rows: list[Row] = []
    for ri, gr in enumerate(run, 1):
        cells: list[Cell] = []
        for c in range(lo, hi + 1):
            loc = Location(sheet=sheet, table=index, row=gr.number, cell=c)
            m = gr.merge_at(c)
            covered = m is not None and (m[0], m[1]) != (c, gr.number)
            text = "" if covered else gr.texts.get(c, "")
            span = min(gr.span(c), hi - c + 1)
            cells.append(Cell(text=text, location=loc, col=c - lo + 1, span=span, merged=covered))
        row_loc = Location(sheet=sheet, table=index, row=gr.number)
        rows.append(Row(index=ri, location=row_loc, cells=cells))
    table_loc = Location(sheet=sheet, table=index, row=run[0].number)
    return Table(index=index, location=table_loc, rows=rows)


def _too_many_rows(source: str, limits: ReadLimits) -> InputTooLargeError:
    n = limits.max_table_rows
    return InputTooLargeError(
        f"Tệp {source} có quá {n:,} hàng dữ liệu.",
        f"File {source} has more than {n:,} non-empty rows.",
        limit=n,
    )


# ---------------------------------------------------------------- xlsx


def _damaged(source: str) -> CorruptInputError:
    return CorruptInputError(
        f"Tệp {source} bị hỏng hoặc không phải tệp Excel (.xlsx).",
        f"File {source} is damaged or is not an Excel (.xlsx) workbook.",
    )


def _scan_sheet_xml(zf: zipfile.ZipFile, path: str) -> tuple[list[_Merge], int]:
    """Merged ranges of a sheet (by first row), and formula cells saved without a value."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils.cell import range_boundaries

    merges: list[_Merge] = []
    uncached = 0
    with zf.open(path.lstrip("/")) as fh:
        for _event, el in iterparse(fh, events=("end",)):
            tag = el.tag.rpartition("}")[2]
            if tag == "c":
                kids = {k.tag.rpartition("}")[2]: k.text for k in el}
                uncached += "f" in kids and not kids.get("v")  # <v></v> is no value either
                el.clear()
            elif tag == "mergeCell" and el.get("ref"):
                b = range_boundaries(el.get("ref"))
                if None not in b:
                    merges.append((int(b[0] or 0), int(b[1] or 0), int(b[2] or 0), int(b[3] or 0)))
    return sorted(merges, key=lambda m: m[1]), uncached


def _sheet_rows(ws: Any, merges: list[_Merge]) -> Iterator[_GridRow]:
    """The non-empty rows of a sheet; text in a cell that a merge covers is dropped."""
    ws.reset_dimensions()  # a wrong <dimension> in the file would silently cut rows off
    started = 0  # merges[:started] begin at or above the current row
    live: list[_Merge] = []  # ... and of those, the ones still reaching it
    for cells in ws.iter_rows():
        real = [c for c in cells if getattr(c, "row", None) is not None]
        if not real:
            continue
        r = int(real[0].row or 0)
        while started < len(merges) and merges[started][1] <= r:
            live.append(merges[started])
            started += 1
        live = [m for m in live if m[3] >= r]
        gr = _GridRow(number=r, texts={}, merges=live)
        for c in real:
            col = int(c.column or 0)
            text = format_cell_value(c.value, c.number_format)
            m = gr.merge_at(col)
            if text and (m is None or (m[0], m[1]) == (col, r)):
                gr.texts[col] = text
                if c.font is not None and c.font.b:
                    gr.bold.add(col)
        if gr.texts:
            yield gr


def read_xlsx(data: bytes, source: str, limits: ReadLimits) -> Document:
    """Read every sheet of an .xlsx workbook: the values last saved, not the formulas."""
    check_size(len(data), limits, source)
    check_zip(data, source, limits, required="xl/workbook.xml")  # bombs, XXE, not a zip
    doc = Document(source=source, format="xlsx")
    with warnings.catch_warnings():
        # openpyxl warns about styles and extensions it skips: noise on the user's terminal
        warnings.simplefilter("ignore")
        try:
            _read_workbook(data, source, limits, doc)
        except DvcValidateError:
            raise
        except Exception as exc:  # openpyxl raises anything from KeyError to XML errors
            raise _damaged(source) from exc
    return doc


def _read_workbook(data: bytes, source: str, limits: ReadLimits, doc: Document) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    kept = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for ws in wb.worksheets:
                path = getattr(ws, "_worksheet_path", None)
                merges, uncached = _scan_sheet_xml(zf, path) if path else ([], 0)
                if uncached:
                    doc.notes.append(_uncached_note(ws.title, uncached))
                rows: list[_GridRow] = []
                for gr in _sheet_rows(ws, merges):
                    kept += 1
                    if kept > limits.max_table_rows:
                        raise _too_many_rows(source, limits)
                    if gr.texts and max(gr.texts) > MAX_COLUMNS:
                        raise too_many_columns(source, len(doc.blocks) + 1)
                    rows.append(gr)
                _blocks(rows, ws.title, doc)
    finally:
        wb.close()


def _uncached_note(sheet: str, n: int) -> DocumentNote:
    return DocumentNote(
        code="xlsx-uncached-formulas",
        message_vi=f"Trang {sheet} có {n} ô công thức chưa được tính (đọc thành ô trống); "
        "hãy mở và lưu lại tệp bằng Excel hoặc LibreOffice.",
        message_en=f"Sheet {sheet} has {n} formula cells saved without a value (read as blank); "
        "open and save the file in Excel or LibreOffice.",
        location=Location(sheet=sheet),
        data={"sheet": sheet, "count": str(n)},
    )


# ---------------------------------------------------------------- csv

# "70,63%" written unquoted in a comma CSV reads as the two fields "70" and "63%"
_INT_RE = re.compile(r"[+\-]?\d+")
_PCT_TAIL_RE = re.compile(r"\d+\s*%")


def _sniff_delimiter(text: str, source: str) -> str:
    """``;`` or tab when the file uses them: ``,`` is the Vietnamese decimal mark."""
    if source.lower().endswith(".tsv"):
        return "\t"
    lines = [ln for ln in text[:65536].splitlines()[:200] if ln.strip()]
    sample = "\n".join(lines)
    for candidates in (";\t", ","):
        try:
            found = csv.Sniffer().sniff(sample, delimiters=candidates).delimiter
        except csv.Error:
            found = ""
        if found and found in candidates:
            return found
        if candidates != ",":  # the sniffer wants every line alike; titles break that
            for d in ("\t", ";"):
                if lines and sum(d in ln for ln in lines) * 2 >= len(lines):
                    return d
    return ","


def read_csv(data: bytes, source: str, limits: ReadLimits) -> Document:
    """Read CSV/TSV; the delimiter is sniffed among ``;``, tab and ``,``."""
    check_size(len(data), limits, source)
    text, notes = decode_text(data, source)
    text = nfc(text)
    delimiter = _sniff_delimiter(text, source)
    sheet = PurePath(source).stem
    doc = Document(source=source, format="csv", notes=notes)
    rows: list[_GridRow] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 0
    split_at: Location | None = None
    try:
        for fields in reader:
            start, line = line + 1, reader.line_num
            texts = {i: f.strip() for i, f in enumerate(fields, 1) if f.strip()}
            if not texts:
                continue
            if len(rows) >= limits.max_table_rows:
                raise _too_many_rows(source, limits)
            if max(texts) > MAX_COLUMNS:
                raise too_many_columns(source, 1)
            rows.append(_GridRow(number=start, texts=texts))
            if delimiter == "," and split_at is None:
                for i in range(1, len(fields)):
                    a, b = fields[i - 1].strip(), fields[i].strip()
                    if _INT_RE.fullmatch(a) and _PCT_TAIL_RE.fullmatch(b):
                        split_at = Location(sheet=sheet, row=start, cell=i)
    except csv.Error as exc:
        raise CorruptInputError(
            f"Tệp CSV {source} hỏng ở dòng {reader.line_num}: {exc}.",
            f"The CSV file {source} is broken at line {reader.line_num}: {exc}.",
        ) from exc
    if split_at is not None:
        doc.notes.append(
            DocumentNote(
                code="csv-split-decimal",
                message_vi="Tệp CSV phân tách bằng dấu phẩy nhưng có số thập phân không đặt "
                "trong ngoặc kép (ví dụ 70,63% bị tách thành 70 và 63%); "
                'hãy dùng dấu ";" hoặc ngoặc kép.',
                message_en="The CSV is comma-separated but a decimal number is not quoted "
                '(e.g. 70,63% split into 70 and 63%); use ";" as the delimiter or quote it.',
                location=split_at,
            )
        )
    _blocks(rows, sheet, doc)
    return doc
