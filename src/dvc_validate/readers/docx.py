"""Word (.docx, .docm): body paragraphs and tables, in reading order, with locations.

Why the reader walks the XML instead of using python-docx's ``Paragraph.text`` and
``Table.cell``: python-docx drops text in tracked insertions, inline content
controls and simple fields, and repeats a merged cell's text in every grid
column it covers, so a figure would be read twice. The walk here gives each grid
column exactly one :class:`Cell` (merged positions are ``merged=True`` and empty,
like the empty tab fields of the corpus's text export).

Numbering is python-docx's, so a later fix can address the same element:
``Location(paragraph=N)`` is ``Document.paragraphs[N-1]`` and table ``T`` is
``Document.tables[T-1]`` (empty paragraphs are counted, though not kept as blocks).
Block-level content controls (``w:sdt``) are opened so nothing is lost; python-docx
does not list their paragraphs and tables, so they are numbered after its last one
(unique, and never mistaken for an element python-docx would return).

The bytes pass :func:`._zipsafe.check_zip` first; the package is opened by
:mod:`._opc` (python-docx's rules for finding the parts, without importing it);
every failure surfaces as one of the project's errors naming the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from ..errors import CorruptInputError, DvcValidateError, InputTooLargeError
from ..model.document import UNREAD_CONTENT, Cell, Document, DocumentNote, Paragraph, Row, Table
from ..model.location import Location
from ..vn import nfc
from ._opc import open_word
from ._zipsafe import check_zip
from .base import MAX_COLUMNS, ReadLimits, check_size
from .legacy import font_encoding, from_tcvn3, from_vni, legacy_note, looks_unicode

__all__ = ["flat_children", "read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _R, _T = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "r", "t"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"
_PPR, _RPR, _TRPR, _TCPR, _VAL = (f"{_W}{t}" for t in ("pPr", "rPr", "trPr", "tcPr", "val"))
_B, _RSTYLE, _PSTYLE = f"{_W}b", f"{_W}rStyle", f"{_PPR}/{_W}pStyle"
_RFONTS, _ASCII, _HANSI = f"{_W}rFonts", f"{_W}ascii", f"{_W}hAnsi"
_ALT, _FALLBACK, _CHOICE = (f"{_MC}{t}" for t in ("AlternateContent", "Fallback", "Choice"))
_MERGES = (f"{_W}vMerge", f"{_W}hMerge")

T = TypeVar("T")
_TABS = {f"{_W}tab", f"{_W}ptab"}
_BREAKS = {f"{_W}br", f"{_W}cr"}
_NO_TEXT = {f"{_W}{t}" for t in ("pPr", "rPr", "del", "moveFrom", "sdtPr", "sdtEndPr")}
_MAX_COLUMNS = MAX_COLUMNS  # Word allows 63 grid columns; more is a forged file
_MAX_CELLS = 2_000_000  # one gridSpan="999" element must not become a million cells

_WORD_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def read_docx(data: bytes, source: str, limits: ReadLimits | None = None) -> Document:
    """Read Word bytes into the neutral document. Raises only the project's errors."""
    limits = limits or ReadLimits()
    check_size(len(data), limits, source)
    check_zip(data, source, limits, required="word/document.xml")
    try:
        parts = open_word(data)
        if parts.content_type not in _WORD_MAIN_TYPES:
            raise ValueError(f"content type {parts.content_type}")
        return _Reader(parts.body, parts.styles, source, limits).read()
    except DvcValidateError:
        raise
    except MemoryError as exc:
        raise InputTooLargeError(
            f"Tệp {source} quá lớn để đọc.", f"File {source} is too large to read."
        ) from exc
    except Exception as exc:  # lxml/zipfile and a broken package raise anything from KeyError up
        raise CorruptInputError(
            f"Tệp {source} không phải tệp Word hợp lệ hoặc đã bị hỏng ({type(exc).__name__}).",
            f"File {source} is not a valid Word file or is damaged ({type(exc).__name__}: {exc}).",
        ) from exc


def flat_children(el: Any) -> Iterator[Any]:
    """Children of ``el``, with content controls and custom-XML wrappers opened.

    Shared with the fixer (fix/docx.py), so both walk a Word body the same way.
    """
    for child in el:
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from flat_children(content)
        elif child.tag == _CUSTOM_XML:
            yield from flat_children(child)
        else:
            yield child


def _on(el: Any) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``); ``None`` when absent."""
    if el is None:
        return None
    return (el.get(_VAL) or "true").lower() not in ("0", "false", "off")


def _int(props: Any, name: str, default: int) -> int:
    """An integer property such as ``w:gridSpan``; a non-number raises (corrupt file)."""
    el = None if props is None else props.find(f"{_W}{name}")
    return default if el is None or el.get(_VAL) is None else max(default, int(el.get(_VAL)))


def _continues(tc_props: Any) -> bool:
    """A cell that continues a vertical (or legacy horizontal) merge."""
    merges = [] if tc_props is None else [tc_props.find(m) for m in _MERGES]
    return any(el is not None and (el.get(_VAL) or "continue") == "continue" for el in merges)


def _run_text(run: Any) -> str:
    out: list[str] = []
    for c in run:
        if c.tag == _T:
            out.append(c.text or "")
        elif c.tag in _TABS:
            out.append("\t")
        elif c.tag in _BREAKS:  # page breaks too: they must not glue two numbers
            out.append("\n")
        elif c.tag == f"{_W}noBreakHyphen":
            out.append("-")
    return "".join(out)


def _styles(root: Any) -> dict[str, tuple[Any, str | None]]:
    """Each style's own run properties (``w:rPr`` or None) and the style it is based on."""
    own: dict[str, tuple[Any, str | None]] = {}
    for st in root.iterchildren(f"{_W}style"):
        based = st.find(f"{_W}basedOn")
        own[st.get(f"{_W}styleId") or ""] = (
            st.find(_RPR),
            None if based is None else based.get(_VAL),
        )
    return own


def _inherited(
    styles: dict[str, tuple[Any, str | None]], pick: Callable[[Any], T | None]
) -> dict[str, T | None]:
    """``pick(rPr)`` of every style, from the nearest style up its ``basedOn`` chain that
    sets it (None: none does). A loop in the chain, which Word never writes, ends the walk."""
    resolved: dict[str, T | None] = {}
    for sid in styles:
        seen: set[str] = set()
        cur: str | None = sid
        value: T | None = None
        while cur in styles and cur not in seen and value is None:
            seen.add(cur)
            rpr, cur = styles[cur]
            value = None if rpr is None else pick(rpr)
        resolved[sid] = value
    return resolved


def _bold(rpr: Any) -> bool | None:
    return _on(rpr.find(_B))


def _style_bold(
    root: Any, styles: dict[str, tuple[Any, str | None]]
) -> tuple[dict[str, bool], str | None]:
    """Effective bold of every style (following ``basedOn``), and the default paragraph style."""
    base = _on(root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}b")) or False
    default: str | None = None  # the paragraph style marked default (the last, if several)
    for st in root.iterchildren(f"{_W}style"):
        if st.get(f"{_W}type") == "paragraph" and _on_attr(st.get(f"{_W}default")):
            default = st.get(f"{_W}styleId") or ""
    bold = _inherited(styles, _bold)
    return {sid: base if v is None else v for sid, v in bold.items()}, default


def _on_attr(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true", "on")


def _font(rpr: Any) -> str | None:
    """The font a run's properties name for Latin text (``w:hAnsi``, else ``w:ascii``)."""
    el = None if rpr is None else rpr.find(_RFONTS)
    return None if el is None else el.get(_HANSI) or el.get(_ASCII)


def _style_fonts(root: Any, styles: dict[str, tuple[Any, str | None]]) -> dict[str, str]:
    """Effective font of every style (following ``basedOn``); ``""`` is the document default.

    Only needed to recognise legacy Vietnamese fonts (``.VnTime``, ``VNI-Times``),
    which old templates set on the Normal style rather than on each run."""
    default = _font(root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")) or ""
    fonts = _inherited(styles, _font)
    return {"": default} | {sid: f or default for sid, f in fonts.items()}


_ALT_CHUNK = f"{_W}altChunk"


def _alt_chunk_note(n: int) -> DocumentNote:
    """Embedded HTML or RTF (``w:altChunk``) is another file inside the document:
    Word shows it, this reader does not read it, so its figures are not checked."""
    return DocumentNote(
        code=UNREAD_CONTENT,
        message_vi=f"Tài liệu có {n} phần nhúng (altChunk: HTML hoặc RTF dán vào) không đọc "
        "được; số liệu trong đó chưa được kiểm tra. Hãy dán lại dưới dạng văn bản thường.",
        message_en=f"The document has {n} embedded part(s) (altChunk: pasted HTML or RTF) "
        "that are not read; their figures are not checked. Paste them again as plain text.",
        data={"what": "altChunk", "count": str(n)},
    )


class _Reader:
    """One pass over the body; holds the counters that give python-docx's numbering."""

    def __init__(self, body: Any, root: Any, source: str, limits: ReadLimits) -> None:
        self.body = body
        self.source = source
        self.limits = limits
        styles = _styles(root)  # read once, resolved for bold and for the font
        self.bold, self.default_style = _style_bold(root, styles)
        self.fonts = _style_fonts(root, styles)
        self.legacy: dict[str, str] = {}  # encoding → first font seen with it
        self.doc = Document(source=source, format="docx")
        # python-docx counts direct children of <w:body>; wrapped ones come after
        self.count = {_P: 0, _TBL: 0}
        self.extra = {_P: len(self.body.findall(_P)), _TBL: len(self.body.findall(_TBL))}
        self.cells = 0

    def read(self) -> Document:
        for child in self.body:
            self._block(child, direct=True)
        for encoding, font in self.legacy.items():
            self.doc.notes.append(legacy_note(encoding, font=font))
        chunks = sum(1 for _ in self.body.iter(_ALT_CHUNK))
        if chunks:
            self.doc.notes.append(_alt_chunk_note(chunks))
        return self.doc

    def _block(self, el: Any, direct: bool) -> None:
        if el.tag in (_SDT, _CUSTOM_XML):
            for inner in flat_children([el]):
                self._block(inner, direct=False)
            return
        if el.tag not in (_P, _TBL):
            return
        counter = self.count if direct else self.extra
        counter[el.tag] += 1
        n = counter[el.tag]
        if el.tag == _TBL:
            self.doc.blocks.append(self._table(el, n, None, 0))
            return
        raw, bold = self._paragraph(el)
        text = raw.strip()
        if text:
            loc = Location(paragraph=n)
            self.doc.blocks.append(
                Paragraph(text=text, location=loc, raw=raw if raw != text else None, bold=bold)
            )

    def _paragraph(self, p: Any) -> tuple[str, bool]:
        """NFC text of a paragraph and whether every visible run in it is bold."""
        pstyle = p.find(_PSTYLE)
        style = self.default_style if pstyle is None else pstyle.get(_VAL)
        runs: list[tuple[str, bool]] = []
        font = self.fonts.get(style or "", self.fonts[""])
        self._inline(p, runs, self.bold.get(style or "", False), font)
        visible = [b for t, b in runs if t.strip()]
        return nfc("".join(t for t, _ in runs)), bool(visible) and all(visible)

    def _inline(
        self, el: Any, runs: list[tuple[str, bool]], para_bold: bool, para_font: str = ""
    ) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                rpr = child.find(_RPR)
                bold = None if rpr is None else _on(rpr.find(_B))
                rstyle = None if rpr is None else rpr.find(_RSTYLE)
                if bold is None and rstyle is not None:
                    bold = self.bold.get(rstyle.get(_VAL) or "")
                font = _font(rpr)
                if font is None and rstyle is not None:
                    font = self.fonts.get(rstyle.get(_VAL) or "")
                text = self._unlegacy(_run_text(child), font or para_font)
                runs.append((text, para_bold if bold is None else bold))
            elif tag == _ALT:  # the same content twice: read one version
                pick = child.find(_FALLBACK)
                pick = child.find(_CHOICE) if pick is None else pick
                self._inline([] if pick is None else pick, runs, para_bold, para_font)
            elif isinstance(tag, str) and tag not in _NO_TEXT:  # hyperlink, ins, sdt, field...
                self._inline(child, runs, para_bold, para_font)

    def _unlegacy(self, text: str, font: str) -> str:
        """Text of a run in a legacy Vietnamese font (``.VnTime``, ``VNI-Times``) as Unicode.

        Such fonts draw Vietnamese letters at Latin-1 code points, so without the
        conversion ``Tû lÖ`` would be read instead of "Tỷ lệ". ``.VnTimeH`` and the
        other TCVN3 capital fonts draw capitals with the lower-case codes."""
        encoding = font_encoding(font)
        if encoding is None or not any(c > "\x7f" for c in text) or looks_unicode(text):
            return text
        self.legacy.setdefault(encoding, font)
        if encoding == "vni":
            return from_vni(text)
        return from_tcvn3(text, upper=font.rstrip().endswith("H"))

    def _table(self, tbl: Any, index: int, outer: Location | None, depth: int) -> Table:
        """A table; ``outer`` is the enclosing cell's location for a nested table."""
        if depth > self.limits.max_nesting:
            raise CorruptInputError(
                f"Tệp {self.source} có bảng lồng nhau quá sâu (hơn {self.limits.max_nesting} cấp).",
                f"File {self.source} has tables nested too deeply "
                f"(more than {self.limits.max_nesting} levels).",
            )
        t = outer.table if outer is not None and outer.table is not None else index
        table = Table(index=index, location=outer or Location(table=t), rows=[])
        for tr in flat_children(tbl):
            if tr.tag != _TR:
                continue
            limit = self.limits.max_table_rows
            if len(table.rows) >= limit:
                raise InputTooLargeError(
                    f"Bảng {t} của tệp {self.source} có hơn {limit:,} hàng.",
                    f"Table {t} of {self.source} has more than {limit:,} rows.",
                    limit=limit,
                )
            r = len(table.rows) + 1
            cells = self._cells(tr, t, r, outer, depth)
            table.rows.append(Row(index=r, location=outer or Location(table=t, row=r), cells=cells))
        return table

    def _cells(self, tr: Any, t: int, r: int, outer: Location | None, depth: int) -> list[Cell]:
        """One cell per grid column the row covers; ``col`` counts w:gridBefore columns."""
        cells: list[Cell] = []
        col = 1 + _int(tr.find(_TRPR), "gridBefore", 0)
        for tc in flat_children(tr):
            if tc.tag != _TC:
                continue
            props = tc.find(_TCPR)
            span = _int(props, "gridSpan", 1)
            if col + span > _MAX_COLUMNS:
                raise CorruptInputError(
                    f"Bảng {t} của tệp {self.source} có hơn {_MAX_COLUMNS} cột: tệp bị hỏng.",
                    f"Table {t} of {self.source} has more than {_MAX_COLUMNS} columns: damaged.",
                )
            loc = outer or Location(table=t, row=r, cell=col)
            first = col
            if _continues(props):
                first = col - 1  # every covered column is a merged placeholder
            else:
                raw, tables = self._cell_content(tc, loc, depth)
                text = raw.strip()
                kept = raw if raw != text else None
                cells.append(
                    Cell(text=text, location=loc, raw=kept, col=col, span=span, tables=tables)
                )
            for c in range(first + 1, col + span):
                at = outer or loc.model_copy(update={"cell": c})
                cells.append(Cell(text="", location=at, col=c, merged=True))
            col += span
        self.cells += len(cells)
        if self.cells > _MAX_CELLS:
            raise InputTooLargeError(
                f"Tệp {self.source} có hơn {_MAX_CELLS:,} ô bảng.",
                f"File {self.source} has more than {_MAX_CELLS:,} table cells.",
                limit=_MAX_CELLS,
            )
        return cells

    def _cell_content(self, tc: Any, loc: Location, depth: int) -> tuple[str, list[Table]]:
        """Text of a cell, one line per paragraph or nested-table row (cells tab-separated)."""
        lines: list[str] = []
        tables: list[Table] = []
        for child in flat_children(tc):
            if child.tag == _P:
                lines.append(self._paragraph(child)[0])
            elif child.tag == _TBL:
                nested = self._table(child, len(tables) + 1, loc, depth + 1)
                tables.append(nested)
                lines.extend("\t".join(row.texts()) for row in nested.rows)
        return "\n".join(lines), tables
