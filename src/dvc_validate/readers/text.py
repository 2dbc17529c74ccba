"""Plain text and Markdown: tab-separated rows, pipe tables, inline markup.

The corpus draft is Word exported to text: table rows are tab-separated lines,
blank lines may sit inside a table, and ``**bold**``, ``<i>``, ``<u>`` are left
over from the export. Markdown pipe tables (``| a | b |``) are read the same
way. Every character keeps its 1-based source line and column.
"""

from __future__ import annotations

import re

from ..model.document import Cell, Document, Paragraph, Row, Table
from ..model.location import Location
from ..vn import nfc
from .base import ReadLimits, check_size, too_many_rows
from .encoding import decode_text

__all__ = ["read_text", "strip_markup"]

# Markup removed from text: **bold**, __bold__, <i>..</i>, <u>, <b>, <br>, <sup>, HTML comments
_MARKUP_RE = re.compile(r"\*\*|__|</?(?:i|u|b|em|strong|sup|sub|span)(?:\s[^>]*)?>|<br\s*/?>", re.I)
# A Markdown heading's marker ("## PHỤ LỤC II") is markup too, not the heading's text
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
_PIPE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def strip_markup(text: str, start_col: int = 1) -> tuple[str, list[int]]:
    """Remove inline markup; return clean text and the source column of each char."""
    out: list[str] = []
    cols: list[int] = []
    pos = 0
    # slices, not characters: a 50 MB file must not cost one call per character
    for m in _MARKUP_RE.finditer(text):
        out.append(text[pos : m.start()])
        cols.extend(range(start_col + pos, start_col + m.start()))
        pos = m.end()
    out.append(text[pos:])
    cols.extend(range(start_col + pos, start_col + len(text)))
    return "".join(out), cols


def _trim(text: str, cols: list[int]) -> tuple[str, list[int]]:
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return text[left:right], cols[left:right]


def _is_table_line(line: str) -> bool:
    return "\t" in line or _is_pipe_row(line)


def _is_pipe_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.endswith("|") and s.count("|") >= 3


def _split_cells(line: str) -> list[tuple[str, int]]:
    """Cells of a row with the 0-based offset where each starts in ``line``."""
    if "\t" in line and not _is_pipe_row(line):
        cells: list[tuple[str, int]] = []
        pos = 0
        for part in line.split("\t"):
            cells.append((part, pos))
            pos += len(part) + 1
        return cells
    s = line.rstrip()
    start = len(s) - len(s.lstrip())
    inner_start = start + 1
    inner = s[inner_start : len(s) - 1]
    cells = []
    pos = 0
    for part in re.split(r"(?<!\\)\|", inner):
        cells.append((part, inner_start + pos))
        pos += len(part) + 1
    return cells


def read_text(data: bytes, source: str, limits: ReadLimits | None = None) -> Document:
    """Read text or Markdown bytes into the neutral document."""
    limits = limits or ReadLimits()
    check_size(len(data), limits, source)
    text, notes = decode_text(data, source)
    lines = nfc(text).split("\n")
    doc = Document(source=source, format="text", notes=notes)
    in_comment = False
    table: Table | None = None
    blank_run = 0
    for lineno, raw_line in enumerate(lines, 1):
        line = raw_line.rstrip("\r")
        # HTML comments (suppressions live there) are not content
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        if line.lstrip().startswith("<!--"):
            if "-->" not in line:
                in_comment = True
            continue
        if _is_table_line(line):
            if _PIPE_SEP_RE.match(line):
                continue
            if table is None:
                table = Table(
                    index=sum(1 for _ in doc.tables()) + 1,
                    location=Location(line=lineno, table=sum(1 for _ in doc.tables()) + 1),
                    rows=[],
                )
                doc.blocks.append(table)
            if len(table.rows) >= limits.max_table_rows:
                raise too_many_rows(source, table.index, limits.max_table_rows)
            row_index = len(table.rows) + 1
            cells: list[Cell] = []
            for ci, (part, offset) in enumerate(_split_cells(line), 1):
                clean, cols = strip_markup(part, offset + 1)
                clean, cols = _trim(clean, cols)
                loc = Location(
                    line=lineno,
                    column=cols[0] if cols else offset + 1,
                    table=table.index,
                    row=row_index,
                    cell=ci,
                )
                cells.append(
                    Cell(
                        text=clean,
                        location=loc,
                        columns=cols,
                        col=ci,
                        raw=part if part != clean else None,
                    )
                )
            table.rows.append(
                Row(
                    index=row_index,
                    location=Location(line=lineno, table=table.index, row=row_index),
                    cells=cells,
                )
            )
            blank_run = 0
            continue
        if not line.strip():
            blank_run += 1
            # a table goes on across blank lines when the next content line is a row
            continue
        table = None if table is None or not _continues(lines, lineno) else table
        clean, cols = strip_markup(line)
        clean, cols = _trim(clean, cols)
        if heading := _HEADING_RE.match(clean):
            clean, cols = clean[heading.end() :], cols[heading.end() :]
        bold = "**" in line or "__" in line or "<b>" in line.lower()
        doc.blocks.append(
            Paragraph(
                text=clean,
                location=Location(line=lineno, column=cols[0] if cols else 1),
                columns=cols,
                raw=line if line != clean else None,
                bold=bold,
            )
        )
        table = None
    return doc


def _continues(lines: list[str], lineno: int) -> bool:
    """A non-table line always ends the current table."""
    return False
