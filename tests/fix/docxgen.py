"""Word files built from text reports, for fixer tests: a tab-separated line is a table
row, any other line a paragraph. Numbers are split across runs on purpose ("70,83" +
"%", the sign in a run of its own) with their own formatting, as Word often stores them."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.shared import Pt

_SPLIT = re.compile(r"([+-]?)(\d[\d.,]*)(%?)")


def _runs(paragraph, text: str, split: bool) -> None:  # type: ignore[no-untyped-def]
    if not split:
        paragraph.add_run(text)
        return
    pos = 0
    for m in _SPLIT.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos : m.start()])
        sign, digits, pct = m.groups()
        if sign:
            paragraph.add_run(sign).bold = True
        run = paragraph.add_run(digits)
        run.italic = True
        run.font.size = Pt(11)
        if pct:
            paragraph.add_run(pct).underline = True
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def docx_from_text(text: str, *, split: bool = True) -> bytes:
    doc = Document()
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            width = max(len(r) for r in rows)
            table = doc.add_table(rows=len(rows), cols=width)
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    cell = table.cell(r, c)
                    _runs(cell.paragraphs[0], value, split)
            continue
        _runs(doc.add_paragraph(), lines[i], split)
        i += 1
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
