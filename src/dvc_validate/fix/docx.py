"""Fixing Word files: change the text of the runs that hold the figure, nothing else.

A finding in a .docx names a body paragraph (``paragraph``, numbered as python-docx's
``Document.paragraphs``) or a table cell (``table``/``row``/``cell``, the cell being
the grid column, as ``readers/docx.py`` numbers them). The figure's text is found
in that paragraph or cell across its runs ("1000" and "%" may be two runs with
their own formatting); only the characters that differ are rewritten, in the
``w:t`` elements that hold them. Run properties, every other run and every other
part of the package are copied byte for byte: the zip is rebuilt entry by entry
and only ``word/document.xml`` is serialised again.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # python-docx depends on lxml; no stubs

from ..readers.docx import flat_children
from .edits import Edit, minimal_change, occurrences

__all__ = ["DocxSource"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_P, _TBL, _TR, _TC, _R, _T = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "r", "t"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"
_PPR, _RPR, _TRPR, _TCPR, _VAL = (f"{_W}{t}" for t in ("pPr", "rPr", "trPr", "tcPr", "val"))
_ALT, _FALLBACK, _CHOICE = (f"{_MC}{t}" for t in ("AlternateContent", "Fallback", "Choice"))
_MERGES = (f"{_W}vMerge", f"{_W}hMerge")
_NO_TEXT = {f"{_W}{t}" for t in ("pPr", "rPr", "del", "moveFrom", "sdtPr", "sdtEndPr")}
_FIXED_CHARS = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_FIXED_CHARS[f"{_W}noBreakHyphen"] = "-"
_DOCUMENT = "word/document.xml"
_MARK_ONLY = {f"{_W}{t}" for t in ("ins", "del", "moveFrom", "moveTo")}


@dataclass
class _Seg:
    """A piece of a paragraph's text: a ``w:t`` (editable) or a tab/break (not)."""

    el: Any
    text: str
    editable: bool


def _segments(p: Any) -> list[_Seg]:
    """The paragraph's text in reading order, as the reader reads it."""
    segs: list[_Seg] = []

    def walk(el: Any) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                for c in child:
                    if c.tag == _T:
                        segs.append(_Seg(c, c.text or "", True))
                    elif c.tag in _FIXED_CHARS:
                        segs.append(_Seg(c, _FIXED_CHARS[c.tag], False))
            elif tag == _ALT:  # the same content twice: the reader reads one version
                pick = child.find(_FALLBACK)
                if pick is None:
                    pick = child.find(_CHOICE)
                if pick is not None:
                    walk(pick)
            elif isinstance(tag, str) and tag not in _NO_TEXT:
                walk(child)

    walk(p)
    return segs


def _int(props: Any, name: str, default: int) -> int:
    el = None if props is None else props.find(f"{_W}{name}")
    return default if el is None or el.get(_VAL) is None else max(default, int(el.get(_VAL)))


class DocxSource:
    """A Word package: ``word/document.xml`` parsed, every other entry kept as bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read(_DOCUMENT)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
        self.root = etree.fromstring(xml, parser)
        self.xml_head = _prolog(xml)
        body = self.root.find(f"{_W}body")
        self.body = body if body is not None else self.root
        self.paragraphs, self.tables = self._number()

    def _number(self) -> tuple[list[Any], list[Any]]:
        """Body paragraphs and tables numbered as python-docx (and the reader) do:
        direct children first, those wrapped in content controls after."""
        paras = [c for c in self.body if c.tag == _P]
        tables = [c for c in self.body if c.tag == _TBL]
        for child in self.body:
            if child.tag in (_SDT, _CUSTOM_XML):
                for inner in flat_children([child]):
                    if inner.tag == _P:
                        paras.append(inner)
                    elif inner.tag == _TBL:
                        tables.append(inner)
        return paras, tables

    # ----------------------------------------------------------------- locating
    def _cell(self, table: int, row: int, col: int) -> Any:
        if not 1 <= table <= len(self.tables):
            raise LookupError(f"no table {table}")
        rows = [tr for tr in flat_children(self.tables[table - 1]) if tr.tag == _TR]
        if not 1 <= row <= len(rows):
            raise LookupError(f"no row {row} in table {table}")
        tr = rows[row - 1]
        at = 1 + _int(tr.find(_TRPR), "gridBefore", 0)
        for tc in flat_children(tr):
            if tc.tag != _TC:
                continue
            span = _int(tc.find(_TCPR), "gridSpan", 1)
            if at <= col < at + span:
                return tc
            at += span
        raise LookupError(f"no cell {col} in row {row} of table {table}")

    def _blocks(self, e: Edit) -> list[Any]:
        """The paragraphs the finding's location names."""
        loc = e.location
        if loc.paragraph is not None:
            if not 1 <= loc.paragraph <= len(self.paragraphs):
                raise LookupError(f"no paragraph {loc.paragraph}")
            return [self.paragraphs[loc.paragraph - 1]]
        if loc.table is not None and loc.row is not None:
            if loc.cell is not None:
                return list(self._cell(loc.table, loc.row, loc.cell).iter(_P))
            return self._row_cell_with(loc.table, loc.row, e.found)
        raise LookupError("no paragraph or cell to fix")

    def _row_cell_with(self, table: int, row: int, found: str) -> list[Any]:
        """A row-level location (a section numeral): the one cell whose text is ``found``."""
        rows = [tr for tr in flat_children(self.tables[table - 1]) if tr.tag == _TR]
        if not 1 <= row <= len(rows):
            raise LookupError(f"no row {row} in table {table}")
        cells = [tc for tc in flat_children(rows[row - 1]) if tc.tag == _TC]
        whole = [
            tc
            for tc in cells
            if "".join(s.text for p in tc.iter(_P) for s in _segments(p)).strip() == found
        ]
        if len(whole) == 1:
            return list(whole[0].iter(_P))
        return [p for tc in cells for p in tc.iter(_P)]

    # ------------------------------------------------------------------ editing
    def apply(self, edits: list[Edit]) -> tuple[DocxSource, dict[Edit, str]]:
        """A new package with ``edits`` applied; the edits that could not be, and why."""
        out = DocxSource(self.data)
        failed: dict[Edit, str] = {}
        touched: list[Any] = []  # elements, not id()s: lxml proxies are recycled
        for e in edits:
            try:
                out._apply(e, touched)
            except LookupError as exc:
                failed[e] = str(exc)
        out.data = out._package()
        return out, failed

    def _apply(self, e: Edit, touched: list[Any]) -> None:
        blocks = self._blocks(e)
        if not e.found:
            self._fill_empty(blocks, e.replacement, e)
            return
        hits = [
            (p, segs, at)
            for p in blocks
            for segs in [_segments(p)]
            for at in occurrences("".join(s.text for s in segs), e.found)
        ]
        if len(hits) != 1:
            where = e.location.describe("en")
            raise LookupError(f"{e.found!r} found {len(hits)} times at {where}")
        p, segs, at = hits[0]
        if any(p is t for t in touched):
            raise LookupError("another fix changed this paragraph in the same pass")
        a, b, new = minimal_change(e.found, e.replacement)
        _rewrite(segs, at + a, at + b, new)
        touched.append(p)

    def _fill_empty(self, blocks: list[Any], text: str, e: Edit) -> None:
        """An empty cell gets one run, formatted as Word would type into it: as the
        paragraph mark is. A mark with no formatting of its own says nothing (the
        document default, often 11 pt in a table of 13 pt figures), so the run then
        takes the formatting of the nearest figure of the same row, else of the same
        column: the README promises that formatting is kept."""
        if not blocks or any(s.text.strip() for p in blocks for s in _segments(p)):
            raise LookupError("the cell is not empty")
        p = blocks[0]
        runs = [s for s in _segments(p) if s.editable]
        if runs:
            runs[0].el.text = text
            return
        r = etree.SubElement(p, _R)
        mark = p.find(f"{_PPR}/{_RPR}")
        model = mark if mark is not None else self._neighbour_format(e)
        if model is not None:
            rpr = etree.fromstring(etree.tostring(model))
            for mark_only in [c for c in rpr if c.tag in _MARK_ONLY]:
                rpr.remove(mark_only)  # the mark's own revision marks are not the run's
            r.append(rpr)
        t = etree.SubElement(r, _T)
        t.text = text

    def _neighbour_format(self, e: Edit) -> Any:
        """The ``w:rPr`` of the first text run in the nearest non-empty cell of the
        same row, then of the same column (rows above first); ``None`` when that run
        has none (the default is then right) or no cell has text."""
        loc = e.location
        if loc.table is None or loc.row is None or loc.cell is None:
            return None
        rows = [tr for tr in flat_children(self.tables[loc.table - 1]) if tr.tag == _TR]
        width = max((sum(1 for _ in tr.iter(_TC)) for tr in rows), default=0) + 8
        places = [(loc.row, loc.cell + d * s) for d in range(1, width) for s in (-1, 1)]
        places += [(loc.row - d, loc.cell) for d in range(1, loc.row)]
        places += [(r, loc.cell) for r in range(loc.row + 1, len(rows) + 1)]
        for row, col in places:
            try:
                tc = self._cell(loc.table, row, col)
            except LookupError:
                continue
            for run in tc.iter(_R):
                if any((t.text or "").strip() for t in run.iter(_T)):
                    return run.find(_RPR)
        return None

    def _package(self) -> bytes:
        """The zip again, every entry but the document copied as it was."""
        xml = self.xml_head + etree.tostring(self.root, encoding="UTF-8", xml_declaration=False)
        buf = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(self.data)) as zin,
            zipfile.ZipFile(buf, "w") as zout,
        ):
            for info in zin.infolist():
                data = xml if info.filename == _DOCUMENT else zin.read(info.filename)
                zout.writestr(info, data, compress_type=info.compress_type)
        return buf.getvalue()

    def to_bytes(self) -> bytes:
        return self.data

    def cell_text(self, e: Edit) -> str:
        """The text of the edited paragraph or cell, for the list of changes."""
        try:
            blocks = self._blocks(e)
        except LookupError:
            return ""
        return "\n".join("".join(s.text for s in _segments(p)) for p in blocks).strip()


def _prolog(xml: bytes) -> bytes:
    """The bytes before the root element (declaration and line break), kept as they were."""
    if not xml.startswith(b"<?xml"):
        return b""
    end = xml.find(b"?>") + 2
    while xml[end : end + 1] in (b" ", b"\r", b"\n", b"\t"):
        end += 1
    return xml[:end]


def _rewrite(segs: list[_Seg], a: int, b: int, new: str) -> None:
    """Replace characters [a, b) of the paragraph text by ``new``, touching only the
    ``w:t`` elements that hold them; the first of them receives ``new``."""
    pos = 0
    spans: list[tuple[_Seg, int, int]] = []  # segment, its start, its end
    for s in segs:
        spans.append((s, pos, pos + len(s.text)))
        pos += len(s.text)
    if a == b:  # an insertion: after the character before it, else before the next
        host = next((t for t in spans if t[1] < a <= t[2] and t[0].editable), None)
        host = host or next((t for t in spans if t[1] <= a < t[2] and t[0].editable), None)
        if host is None:
            raise LookupError("no text run to insert into")
        seg, start, _ = host
        _set(seg, seg.text[: a - start] + new + seg.text[a - start :])
        return
    hit = [t for t in spans if t[1] < b and a < t[2]]
    if any(not s.editable for s, _, _ in hit):
        raise LookupError("a tab or break inside the figure")
    for i, (seg, start, _end) in enumerate(hit):
        lo, hi = max(a, start) - start, min(b, _end) - start
        _set(seg, seg.text[:lo] + (new if i == 0 else "") + seg.text[hi:])


def _set(seg: _Seg, text: str) -> None:
    seg.el.text = text
    seg.text = text
    if text != text.strip():
        seg.el.set(_XML_SPACE, "preserve")
