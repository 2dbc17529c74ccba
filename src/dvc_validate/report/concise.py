"""One line a finding, in the ``path:line:col:`` shape editors and ``grep`` know.

Text sources give ``path:75:52:`` so editors jump to the figure. Word, Excel and
PDF sources have no line in the file, so the position is spelled out instead
(``path:table 1 row 4 cell 6:``, ``path:paragraph 18:``). The position words
and the severity stay English whatever ``lang`` is: this output is parsed by
tools; only the final count line is localised for the person reading it.
"""

from __future__ import annotations

from ..model.finding import Finding, Result
from ..model.location import Location
from ._common import count_line, found_expected, sorted_findings
from ._escape import terminal

__all__ = ["position", "render"]


def position(loc: Location) -> str:
    """``75:52`` for text, ``table 1 row 4 cell 6`` / ``paragraph 18`` otherwise."""
    if loc.line is not None and loc.page is None and loc.sheet is None:
        return f"{loc.line}:{loc.column}" if loc.column is not None else str(loc.line)
    parts: list[str] = []
    if loc.sheet is not None:
        parts.append(f"sheet {loc.sheet}")
    if loc.page is not None:
        parts.append(f"page {loc.page}")
    if loc.line is not None:
        parts.append(f"line {loc.line}")
    if loc.paragraph is not None:
        parts.append(f"paragraph {loc.paragraph}")
    for word, value in (("table", loc.table), ("row", loc.row), ("cell", loc.cell)):
        if value is not None:
            parts.append(f"{word} {value}")
    return " ".join(parts)


def line(path: str, f: Finding) -> str:
    """``path:75:52: PC001 [error] (1000% → 100%) message``: the change first, where
    the eye finds it in a column of lines; the message, of any length, last."""
    pos = position(f.location)
    head = f"{path}:{pos}:" if pos else f"{path}:"
    fe = found_expected(f)
    change = f" ({fe})" if fe else ""
    return f"{head} {f.code} [{f.severity.value}]{change} {f.message}"


def render(result: Result, *, lang: str = "vi", color: bool = False) -> str:
    """All findings, file by file in document order, then one count line."""
    out: list[str] = []
    for fr in result.files:
        if fr.error is not None:
            out.append(terminal(f"{fr.path}: {fr.error.code} [error] {fr.error.message}"))
        out.extend(terminal(line(fr.path, f)) for f in sorted_findings(fr.findings, fr.document))
    out.append(count_line(result, lang))
    return "\n".join(out) + "\n"
