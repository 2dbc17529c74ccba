"""One self-contained HTML page: the report's own text with every flagged figure
highlighted, the explanation on hover and click, then the list of findings.

People who fix these reports are clerks, not developers: they recognise their
document far faster than a "table 1, row 4, cell 6" reference. So the page
redraws the source (paragraphs and tables from the neutral document) and marks
each figure in place, coloured by severity. Hovering shows the rule and message
(``title``); clicking pins a popover; the list below links to each mark.

The page is one file with inline CSS and JS and no URL to anything else, so it
can be mailed and opened offline. All text is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..model.document import Document, Paragraph, Table
from ..model.finding import FileResult, Finding, Result, Severity
from ._common import (
    SEVERITIES,
    by_rule,
    count_line,
    found_expected,
    label,
    locate,
    severity_label,
    sorted_findings,
)
from ._escape import xml
from ._html_assets import CSS, JS

__all__ = ["render"]

_EMPTY = "\u00a0\u00a0"  # what a mark on an empty cell holds, so it can be seen and clicked


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    tag: str


def _e(text: str) -> str:
    return escape(xml(text), quote=True)


def _mark_tag(n: int, f: Finding, lang: str) -> str:
    fe = found_expected(f)
    title = f"{f.code}: {f.message}" + (f" ({fe})" if fe else "")
    attrs = {
        "class": f"sev-{f.severity.value}",
        "id": f"f-{n}",
        "data-code": f.code,
        "data-sev": severity_label(f.severity, lang),
        "data-msg": f.message,
        "data-fe": fe,
        "data-loc": f.location.describe(lang),
        "title": title,
        "tabindex": "0",
    }
    return "<mark " + " ".join(f'{k}="{_e(v)}"' for k, v in attrs.items()) + ">"


def _marked(text: str, marks: list[_Mark]) -> str:
    """``text`` escaped, with marks wrapped around their spans. Spans that cross
    are clipped so the marks nest; every mark is kept."""
    out: list[str] = []
    pos = 0
    stack: list[int] = []

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1] <= limit:
            end = stack.pop()
            out.append(_e(text[pos:end]) if end > pos else "")
            pos = max(pos, end)
            out.append("</mark>")

    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        close_until(m.start)
        end = min(m.end, stack[-1]) if stack else m.end
        out.append(_e(text[pos : m.start]))
        pos = m.start
        out.append(m.tag)
        if end <= m.start:
            out.append(_EMPTY + "</mark>")
        else:
            stack.append(end)
    close_until(len(text))
    out.append(_e(text[pos:]))
    return "".join(out)


def _table(t: Table, marks: dict[int, list[_Mark]]) -> str:
    rows = []
    for r in t.rows:
        cells = []
        for c in r.cells:
            if c.merged:
                continue
            span = f' colspan="{c.span}"' if c.span > 1 else ""
            inner = _marked(c.text, marks.get(id(c), []))
            inner += "".join(_table(sub, marks) for sub in c.tables)
            cells.append(f"<td{span}>{inner}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table class="src">' + "".join(rows) + "</table>"


def _document(doc: Document, marks: dict[int, list[_Mark]]) -> str:
    out = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            cls = ' class="b"' if b.bold else ""
            out.append(f"<p{cls}>{_marked(b.text, marks.get(id(b), []))}</p>")
        else:
            out.append(_table(b, marks))
    return '<div class="doc">' + "\n".join(out) + "</div>"


def _item(n: int, f: Finding, placed: bool, lang: str) -> str:
    where = _e(f.location.describe(lang))
    where = f'<a href="#f-{n}">{where}</a>' if placed else where
    parts = [
        where,
        f"<code>{_e(f.code)}</code> {_e(f.name)}",
        f'<span class="sev sev-{f.severity.value}">{_e(severity_label(f.severity, lang))}</span>',
        _e(f.message),
    ]
    fe = found_expected(f)
    if fe:
        parts.append(f'<span class="fe">{_e(fe)}</span>')
    if f.fix is not None:
        parts.append(f"{_e(label('fix', lang))}: <code>{_e(f.fix.replacement)}</code>")
    if f.related:
        rel = "; ".join(r.describe(lang) for r in f.related)
        parts.append(f"{_e(label('related', lang))}: {_e(rel)}")
    return f'<li id="li-f-{n}" class="sev-{f.severity.value}">' + " — ".join(parts) + "</li>"


def _file(fr: FileResult, first: int, lang: str) -> str:
    findings = sorted_findings(fr.findings, fr.document)
    marks: dict[int, list[_Mark]] = {}
    placed: set[int] = set()
    for n, f in enumerate(findings, start=first):
        t = locate(fr.document, f.location, f.found)
        if t is not None:
            marks.setdefault(id(t.block), []).append(_Mark(t.start, t.end, _mark_tag(n, f, lang)))
            placed.add(n)
    out = [f'<section class="file"><h2>{_e(fr.path)}</h2>']
    if fr.period:
        out.append(f'<p class="meta">{_e(label("period", lang))}: {_e(fr.period)}</p>')
    if fr.error is not None:
        msg = f"{label('file_error', lang)}: {fr.error.code} {fr.error.message}"
        out.append(f'<p class="error-box">{_e(msg)}</p>')
    if fr.document is not None:
        out.append(_document(fr.document, marks))
    if fr.error is None:
        out.append(f"<h3>{_e(label('findings', lang))} ({len(findings)})</h3>")
        if findings:
            items = [_item(n, f, n in placed, lang) for n, f in enumerate(findings, start=first)]
            out.append(f'<ol class="findings" start="{first}">' + "".join(items) + "</ol>")
        else:
            out.append(f"<p>{_e(label('no_findings', lang))}</p>")
    out.append("</section>")
    return "\n".join(out)


def _summary(result: Result, lang: str) -> str:
    sev = "".join(
        f'<tr><td><span class="sev sev-{s.value}">{_e(severity_label(s, lang))}</span></td>'
        f'<td class="n">{result.count(s)}</td></tr>'
        for s in SEVERITIES
    )
    rules = "".join(
        f'<tr><td><code>{_e(code)}</code></td><td>{_e(name)}</td><td class="n">{n}</td></tr>'
        for code, name, n in by_rule(result)
    )
    head = f"<tr><th>{_e(label('severity', lang))}</th><th>{_e(label('count', lang))}</th></tr>"
    rhead = (
        f"<tr><th>{_e(label('code', lang))}</th><th>{_e(label('rule', lang))}</th>"
        f"<th>{_e(label('count', lang))}</th></tr>"
    )
    return (
        f'<section class="summary"><h2>{_e(label("summary", lang))}</h2>'
        f"<table>{head}{sev}</table>"
        + (f"<table>{rhead}{rules}</table>" if rules else "")
        + "</section>"
    )


def render(result: Result, *, lang: str = "vi", color: bool = False) -> str:
    """The whole page as a string (UTF-8 when written; the page declares it)."""
    title = _e(f"dvc-validate: {label('title', lang)}")
    sections = []
    n = 1
    for fr in result.files:
        sections.append(_file(fr, n, lang))
        n += len(fr.findings)
    worst = result.worst()
    badge = f' data-worst="{worst.value}"' if isinstance(worst, Severity) else ""
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "vi"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        f"<body{badge}>",
        f'<header><h1>{title}</h1><p class="count">{_e(count_line(result, lang))}</p></header>',
    ]
    tail = [
        _summary(result, lang),
        '<div id="dvc-pop" role="dialog" aria-live="polite" hidden></div>',
        f"<script>{JS}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join([*head, *sections, *tail]) + "\n"
