"""The terminal report, drawn with rich into a string.

A clerk fixing a report wants to see the wrong figure where it sits, so each
finding's line starts with its place and ``found → expected``, and is followed
by a short excerpt of its source line (the paragraph, or the table row joined
with ``|``) with the figure in bold red. Findings are grouped by file, then by
section (the text, or each table), in document order, and the report ends with
counts by severity and by rule.

Everything is built from ``rich.text.Text`` pieces, never console markup:
messages and source text may hold ``[...]``, which markup would eat.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..model.finding import FileResult, Finding, Result, Severity
from ._common import (
    SEVERITIES,
    Target,
    by_rule,
    count_line,
    label,
    locate,
    severity_label,
    sorted_findings,
)
from ._escape import terminal

__all__ = ["excerpt", "render"]

EXCERPT_WIDTH = 90
_SEV_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_FIGURE_STYLE = "bold red"


def excerpt(target: Target, width: int = EXCERPT_WIDTH) -> tuple[str, int, int]:
    """The source line around a figure, at most ``width`` characters, and the
    figure's span in it. A table row is shown whole, cells joined by ``|``."""
    text, start = target.block.text, target.start
    if target.row is not None:
        pieces: list[str] = []
        for c in target.row.cells:
            if c.merged:
                continue
            if c is target.block:
                start = sum(len(p) + 3 for p in pieces) + target.start
            pieces.append(c.text)
        text = " | ".join(pieces)
    end = start + (target.end - target.start)
    if len(text) <= width:
        return text, start, end
    room = max(width - (end - start), 0)
    left = max(0, min(start - room // 2, len(text) - width))
    right = min(len(text), left + width)
    head = "…" if left > 0 else ""
    tail = "…" if right < len(text) else ""
    shown = head + text[left:right] + tail
    return shown, start - left + len(head), min(end, right) - left + len(head)


def _section(f: Finding, lang: str) -> str:
    return f"{label('table', lang)} {f.location.table}" if f.location.table else label("text", lang)


def _finding(f: Finding, fr: FileResult, lang: str) -> list[Padding]:
    """The finding's line and, under it, the excerpt; wrapped lines keep their indent.

    ``found → expected`` comes right after the place, before the code and the
    message: it is what the clerk types, and a column of them scans at a glance."""
    line = Text()
    line.append(terminal(f.location.describe(lang)), style="cyan")
    line.append("  ")
    if f.found is not None or f.expected is not None:
        if f.found is not None:
            line.append(terminal(f.found), style=_FIGURE_STYLE)
        if f.expected is not None:
            line.append(" → " if f.found is not None else "→ ")
            line.append(terminal(f.expected), style="bold green")
        line.append("  ")
    line.append(f.code, style="bold")
    line.append("  ")
    line.append(severity_label(f.severity, lang), style=_SEV_STYLE[f.severity])
    line.append("  ")
    line.append(terminal(f.message))
    out = [Padding(line, (0, 0, 0, 4), expand=False)]
    target = locate(fr.document, f.location, f.found)
    if target is not None and target.block.text:
        shown, a, b = excerpt(target)
        ex = Text()
        ex.append("│ ", style="dim")
        ex.append(terminal(shown[:a]))
        ex.append(terminal(shown[a:b]), style=_FIGURE_STYLE)
        ex.append(terminal(shown[b:]))
        out.append(Padding(ex, (0, 0, 0, 8), expand=False))
    return out


def _file(console: Console, fr: FileResult, lang: str) -> None:
    head = Text(terminal(fr.path), style="bold underline")
    if fr.period:
        head.append(f"  ({label('period', lang)} {fr.period})", style="dim")
    console.print(head)
    if fr.error is not None:
        err = Text(f"  {label('file_error', lang)}: ", style="bold red")
        err.append(terminal(f"{fr.error.code} {fr.error.message}"))
        console.print(err)
    elif not fr.findings:
        console.print(Text(f"  {label('no_findings', lang)}", style="green"))
    section = None
    for f in sorted_findings(fr.findings, fr.document):
        if _section(f, lang) != section:
            section = _section(f, lang)
            console.print(Text(f"  {section}", style="bold magenta"))
        for t in _finding(f, fr, lang):
            console.print(t)
    console.print()


def _summary(console: Console, result: Result, lang: str) -> None:
    sev = Table(title=label("summary", lang), box=box.SIMPLE_HEAD, title_justify="left")
    sev.add_column(label("severity", lang))
    sev.add_column(label("count", lang), justify="right")
    for s in SEVERITIES:
        sev.add_row(Text(severity_label(s, lang), style=_SEV_STYLE[s]), str(result.count(s)))
    console.print(sev)
    rules = by_rule(result)
    if rules:
        tab = Table(box=box.SIMPLE_HEAD)
        tab.add_column(label("code", lang))
        tab.add_column(label("rule", lang))
        tab.add_column(label("count", lang), justify="right")
        for code, name, n in rules:
            tab.add_row(code, name, str(n))
        console.print(tab)
    console.print(Text(count_line(result, lang), style="bold"))


def render(result: Result, *, lang: str = "vi", color: bool = False) -> str:
    """The report as the terminal would show it, 100 columns wide; ANSI colours
    only when ``color`` (a fixed 16-colour palette, so output is reproducible)."""
    buf = io.StringIO()
    console = Console(
        file=buf,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=100,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    if result.config:  # a config found beside a draft can change what is checked
        word = "cấu hình" if lang != "en" else "config"
        console.print(Text(f"{word}: {terminal(result.config)}", style="dim"))
    for fr in result.files:
        _file(console, fr, lang)
    if result.findings or any(fr.error is None for fr in result.files):
        _summary(console, result, lang)  # nothing was read: an empty table would only be noise
    # rich pads table cells and wrapped lines to the width; the padding is noise
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
