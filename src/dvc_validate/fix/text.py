"""Fixing text and Markdown: change the characters of the figure, nothing else.

The reader (``readers/text.py``) gives every figure the 1-based line and column of
its first character, counted in the NFC text after inline markup (``**``, ``<i>``)
was taken out but mapped back to source columns. Here the same mapping is rebuilt
for the line, the figure is found where the finding says it is, and only the
characters that differ are replaced. Line endings, the byte-order mark and every
other line are kept byte for byte.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..readers.text import _split_cells, strip_markup
from .edits import Edit, minimal_change, occurrences

__all__ = ["TextSource", "UnfixableText"]


class UnfixableText(Exception):
    """The text cannot be written back faithfully (a legacy encoding)."""


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


@dataclass
class TextSource:
    """A text file as lines, with what it takes to write it back unchanged."""

    lines: list[str]  # with their line endings
    encoding: str
    bom: bytes

    @classmethod
    def load(cls, data: bytes) -> TextSource:
        for bom, enc in _BOMS:
            if data.startswith(bom):
                return cls(data[len(bom) :].decode(enc).splitlines(keepends=True), enc, bom)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnfixableText("not UTF-8") from exc
        return cls(text.splitlines(keepends=True), "utf-8", b"")

    def to_bytes(self) -> bytes:
        return self.bom + "".join(self.lines).encode(self.encoding)

    def apply(self, edits: list[Edit]) -> tuple[TextSource, dict[Edit, str]]:
        """A new source with ``edits`` applied; the edits that could not be, and why."""
        failed: dict[Edit, str] = {}
        spans: dict[int, list[tuple[int, int, str, Edit]]] = {}
        for e in edits:
            try:
                idx, start, end, text = self._span(e)
            except LookupError as exc:
                failed[e] = str(exc)
                continue
            taken = spans.setdefault(idx, [])
            if any(start < t_end and t_start < end for t_start, t_end, _, _ in taken) or any(
                start == end == t_start for t_start, _, _, _ in taken
            ):
                failed[e] = "overlaps another fix"
                continue
            taken.append((start, end, text, e))
        lines = list(self.lines)
        for idx, items in spans.items():
            line = lines[idx]
            for start, end, text, _ in sorted(items, key=lambda t: -t[0]):
                line = line[:start] + text + line[end:]
            lines[idx] = line
        return TextSource(lines, self.encoding, self.bom), failed

    # ------------------------------------------------------------------ locating
    def _span(self, e: Edit) -> tuple[int, int, int, str]:
        """(line index, start, end, new text) in the raw line, or LookupError."""
        loc = e.location
        if loc.line is None or not 1 <= loc.line <= len(self.lines):
            raise LookupError("no line to fix")
        idx = loc.line - 1
        raw = self.lines[idx].rstrip("\r\n")
        norm = unicodedata.normalize("NFC", raw)
        clean, cols = strip_markup(norm)
        at = self._find(e, clean, cols, norm)
        a, b, new = minimal_change(e.found, e.replacement)
        start, end = _to_source(cols, at + a, at + b, len(norm))
        return idx, _raw_index(raw, norm, start), _raw_index(raw, norm, end), new

    def _find(self, e: Edit, clean: str, cols: list[int], norm: str) -> int:
        """Index in ``clean`` where ``e.found`` starts, as the finding locates it."""
        loc = e.location
        if not e.found:  # an empty cell to fill: the reader gives the cell's column
            if loc.column is None:
                raise LookupError("no column for an empty cell")
            return next((i for i, c in enumerate(cols) if c >= loc.column), len(clean))
        hits = occurrences(clean, e.found)
        if loc.column is not None:
            exact = [i for i in hits if cols[i] == loc.column]
            if exact:
                return exact[0]
        if loc.cell is not None or loc.table is not None:
            in_cells = self._in_cells(e, clean, cols, norm, hits)
            if len(in_cells) == 1:
                return in_cells[0]
        if len(hits) == 1:
            return hits[0]
        raise LookupError(f"{e.found!r} not found once at {loc.describe('en')}")

    def _in_cells(
        self, e: Edit, clean: str, cols: list[int], norm: str, hits: list[int]
    ) -> list[int]:
        """Hits inside the finding's cell, or filling a whole cell by themselves."""
        cells = _split_cells(norm)
        if e.location.cell is not None and 1 <= e.location.cell <= len(cells):
            part, offset = cells[e.location.cell - 1]
            lo, hi = offset + 1, offset + len(part)
            return [i for i in hits if lo <= cols[i] <= hi]
        whole: list[int] = []
        for part, offset in cells:
            text, _ = strip_markup(part)
            if text.strip() == e.found:
                whole.extend(i for i in hits if offset < cols[i] <= offset + len(part))
        return whole


def _to_source(cols: list[int], a: int, b: int, width: int) -> tuple[int, int]:
    """Clean-text span [a, b) as a 0-based span of the NFC source line. Markup inside
    the changed characters would be damaged, so it is refused."""
    if a < b:
        start, end = cols[a] - 1, cols[b - 1]
        if end - start != b - a:
            raise LookupError("markup inside the figure")
        return start, end
    if a > 0:
        pos = cols[a - 1]  # right after the previous character, inside its markup
    elif cols:
        pos = cols[0] - 1
    else:
        pos = width
    return pos, pos


def _raw_index(raw: str, norm: str, i: int) -> int:
    """Map an index of the NFC line back to the raw line (the same when already NFC)."""
    if raw == norm:
        return i
    for r in range(len(raw) + 1):
        if len(unicodedata.normalize("NFC", raw[:r])) >= i:
            return r
    return len(raw)
