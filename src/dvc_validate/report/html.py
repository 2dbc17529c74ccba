"""The clerk's page: the draft itself, marked up like tracked changes, in one
self-contained HTML file.

The people who fix these reports are office clerks who know their document, not
"table 1, row 4, cell 6". So the page *is* the document: paragraphs and tables at
full width in reading order, merged cells included, and every flagged figure
marked in place with the wrong text struck through and the suggested value beside
it, coloured by severity. The top bar says what to do ("16 lỗi cần sửa, ...") and
has the controls: next error, show or hide warnings and infos, print. Findings
with no place in the draft go to a short panel above it. Each mark explains itself
on click or keyboard focus (``_html_assets.JS``).

The page links to nothing outside itself (it is mailed around and opened offline),
every document string is escaped, and characters XML 1.0 forbids are dropped.
"""

from __future__ import annotations

from html import escape

from ..model.document import Document, Paragraph, Table
from ..model.finding import FileResult, Finding, Result, Severity
from ._common import SEVERITIES, found_expected, severity_label, sorted_findings
from ._escape import xml
from ._html_assets import CSS, JS
from ._html_marks import Mark, Placement, explanations, place

__all__ = ["count_line", "escape_html", "page", "render", "rule_title"]

#: The page's own words, (Vietnamese, English).
_UI: dict[str, tuple[str, str]] = {
    "title": ("Kiểm tra báo cáo", "Report check"),
    "to_fix": ("{n} lỗi cần sửa", "{n} errors to fix"),
    "to_fix_1": ("{n} lỗi cần sửa", "{n} error to fix"),
    "warnings": ("{n} cảnh báo", "{n} warnings"),
    "warnings_1": ("{n} cảnh báo", "{n} warning"),
    "infos": ("{n} thông tin", "{n} infos"),
    "infos_1": ("{n} thông tin", "{n} info"),
    "next": ("Lỗi tiếp theo", "Next error"),
    "show_warning": ("Hiện cảnh báo", "Show warnings"),
    "show_info": ("Hiện thông tin", "Show infos"),
    "print": ("In", "Print"),
    "unplaced": (
        "Phát hiện không gắn với chỗ nào trong văn bản",
        "Findings with no place in the draft",
    ),
    "n_unplaced": ("{n} phát hiện ngoài văn bản", "{n} not in the draft"),
    "all": ("Danh sách tất cả phát hiện ({n})", "All findings ({n})"),
    "none": ("Không có phát hiện nào.", "No findings."),
    "file_error": ("Không đọc được tệp", "The file could not be read"),
    "suggest": ("Đề xuất", "Suggested"),
    "where": ("Vị trí", "Where"),
    "many": ("{n} cách giải thích", "{n} explanations"),
    "option": ("cách {k}/{n}", "option {k} of {n}"),
    "involved": ("Số liên quan đến lỗi", "A figure involved in the error"),
    "fix_safe": ("sửa tự động được (an toàn)", "can be fixed automatically (safe)"),
    "fix_unsafe": (
        "sửa tự động được nếu chọn cả cách sửa thay đổi giá trị",
        "can be fixed automatically if value-changing fixes are chosen",
    ),
    "empty": ("ô trống", "empty cell"),
    "period": ("Kỳ báo cáo", "Period"),
}


def _t(key: str, lang: str, **kw: object) -> str:
    vi, en = _UI[key]
    return (en if lang == "en" else vi).format(**kw)


def escape_html(text: str) -> str:
    """Escaped for HTML text and attributes; characters XML 1.0 forbids shown as ``\\x01``."""
    return escape(xml(text), quote=True)


_e = escape_html


def rule_title(code: str, lang: str, default: str = "") -> str:
    """The rule's translated title; ``default`` (or the code) when it is not built in."""
    from ..checks import REGISTRY, load_rules

    load_rules()

    r = REGISTRY.get(code)
    return r.title(lang) if r is not None else default or code


def _rule_title(f: Finding, lang: str) -> str:
    return rule_title(f.code, lang, f.name)


def count_line(result: Result, lang: str) -> str:
    """``16 lỗi cần sửa, 20 cảnh báo, 6 thông tin``: what the clerk has to do."""
    parts = []
    for key, sev in (
        ("to_fix", Severity.ERROR),
        ("warnings", Severity.WARNING),
        ("infos", Severity.INFO),
    ):
        n = result.count(sev)
        parts.append(_t(key + ("_1" if n == 1 else ""), lang, n=n))
    return ", ".join(parts)


# --------------------------------------------------------------------------- marks


def _mark(m: Mark, ident: str, lang: str) -> str:
    """One mark: the found text struck through and the suggestion beside it."""
    expected = list(dict.fromkeys(f.expected for _, f in m.findings if f.expected is not None))
    text = m.text
    if expected:
        body = f"<del>{_e(text)}</del>" if text else ""
        body += f"<ins>{_e(' / '.join(expected))}</ins>"
    elif not text:
        body = f'<span class="hole">{_e(_t("empty", lang))}</span>'
    else:
        body = _e(text)
    alts = [
        f'<ins class="alt">({i.option}) {_e(i.suggested)}</ins>'
        for i in m.involved
        if i.suggested is not None and i.options > 1
    ]
    body += "".join(alts)
    many = max((len(explanations(f)) for _, f in m.findings), default=0)
    if many > 1:
        body += f'<span class="many">{_e(_t("many", lang, n=many))}</span>'
    sev = m.severity.value
    cls = f"mk sev-{sev}" + (" inv" if not m.findings else " also" if m.involved else "")
    nums = " ".join(str(n) for n, _ in m.findings)
    return (
        f'<mark class="{cls}" id="{ident}" tabindex="0" role="button" data-sev="{sev}" '
        f'data-f="{nums}" aria-describedby="ex-{ident}">{body}</mark>'
    )


def _marked(text: str, marks: list[Mark], ids: dict[int, str], lang: str) -> str:
    out, pos = [], 0
    for m in marks:  # sorted and disjoint (see _html_marks)
        out.append(_e(text[pos : m.start]))
        out.append(_mark(m, ids[id(m)], lang))
        pos = m.end
    out.append(_e(text[pos:]))
    return "".join(out)


def _finding_lines(f: Finding, lang: str) -> str:
    sev = f.severity.value
    head = (
        f'<p class="h"><span class="sev sev-{sev}">{_e(severity_label(f.severity, lang))}</span> '
        f"{_e(_rule_title(f, lang))} <small>{_e(f.code)}</small></p>"
    )
    lines = [head, f"<p>{_e(f.message)}</p>"]
    fe = found_expected(f)
    if f.expected is not None:
        lines.append(f"<p>{_e(_t('suggest', lang))}: <b>{_e(fe)}</b></p>")
    if f.fix is not None and f.fix.applicability.value in ("safe", "unsafe"):
        lines.append(f"<p><small>{_e(_t('fix_' + f.fix.applicability.value, lang))}</small></p>")
    lines.append(f"<p><small>{_e(_t('where', lang))}: {_e(f.location.describe(lang))}</small></p>")
    return "".join(lines)


def _explanation(m: Mark, ident: str, lang: str) -> str:
    worst_first = sorted(m.findings, key=lambda nf: -nf[1].severity.rank)
    parts = [_finding_lines(f, lang) for _, f in worst_first]
    for i in m.involved:
        what = f"{_t('involved', lang)}: {_rule_title(i.finding, lang)} ({i.finding.code})"
        if i.suggested is not None:
            opt = _t("option", lang, k=i.option, n=i.options) if i.options > 1 else ""
            what += f" — {opt + ': ' if opt else ''}{m.text} → {i.suggested}"
        parts.append(f'<p class="h">{_e(what)}</p><p>{_e(i.finding.message)}</p>')
    return f'<div class="ex" id="ex-{ident}" role="tooltip">{"<hr>".join(parts)}</div>'


# --------------------------------------------------------------------------- document


def _table(t: Table, p: Placement, ids: dict[int, str], lang: str) -> str:
    rows = []
    for r in t.rows:
        cells = []
        for c in r.cells:
            if c.merged:
                continue
            span = f' colspan="{c.span}"' if c.span > 1 else ""
            inner = _marked(c.text, p.marks.get(id(c), []), ids, lang)
            inner += "".join(_table(sub, p, ids, lang) for sub in c.tables)
            cells.append(f"<td{span}>{inner}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table class="src">' + "".join(rows) + "</table>"


def _document(doc: Document, p: Placement, ids: dict[int, str], lang: str) -> str:
    out = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            cls = ' class="b"' if b.bold else ""
            out.append(f"<p{cls}>{_marked(b.text, p.marks.get(id(b), []), ids, lang)}</p>")
        else:
            out.append(_table(b, p, ids, lang))
    return '<article class="doc">' + "\n".join(out) + "</article>"


def _panel(items: list[tuple[int, Finding]], ident: str, lang: str) -> str:
    if not items:
        return ""
    lis = "".join(
        f'<li class="sev-{f.severity.value}" id="u-{n}" tabindex="0" data-sev="{f.severity.value}">'
        f'<span class="sev sev-{f.severity.value}">{_e(severity_label(f.severity, lang))}</span> '
        f"<b>{_e(_rule_title(f, lang))}</b>: {_e(f.message)}</li>"
        for n, f in items
    )
    head = f"<h3>{_e(_t('unplaced', lang))}</h3>"
    return f'<aside class="panel" id="{ident}">{head}<ul>{lis}</ul></aside>'


def _all_list(
    findings: list[tuple[int, Finding]], p: Placement, ids: dict[int, str], lang: str
) -> str:
    """Every finding, one short line each, linked to its mark (collapsed on screen)."""
    lis = []
    for n, f in findings:
        m = p.placed.get(n)
        href = f"#{ids[id(m)]}" if m is not None else f"#u-{n}"
        fe = found_expected(f)
        lis.append(
            f'<li class="sev-{f.severity.value}"><a href="{href}">{_e(f.location.describe(lang))}</a>'
            f" {_e(_rule_title(f, lang))}" + (f": <b>{_e(fe)}</b>" if fe else "") + "</li>"
        )
    summary = _e(_t("all", lang, n=len(findings)))
    return f'<details class="all"><summary>{summary}</summary><ol>{"".join(lis)}</ol></details>'


def _file(fr: FileResult, first: int, lang: str) -> tuple[str, int]:
    """The file's section and how many of its findings have no place in the draft."""
    numbered = list(enumerate(sorted_findings(fr.findings, fr.document), start=first))
    p = place(numbered, fr.document)
    ids = {id(m): f"m-{first}-{k}" for k, m in enumerate(p.all_marks())}
    out = [f'<section class="file"><h2>{_e(fr.path)}</h2>']
    if fr.period:
        out.append(f'<p class="meta">{_e(_t("period", lang))}: {_e(fr.period)}</p>')
    if fr.error is not None:
        out.append(f'<p class="error-box" role="alert">{_e(fr.error.message)}</p>')
    out.append(_panel(p.unplaced, f"panel-{first}", lang))
    if fr.document is not None:
        out.append(_document(fr.document, p, ids, lang))
    if fr.error is None and not numbered:
        out.append(f'<p class="clean">{_e(_t("none", lang))}</p>')
    if numbered:
        out.append(_all_list(numbered, p, ids, lang))
    exs = "".join(_explanation(m, ids[id(m)], lang) for m in p.all_marks())
    out.append(f'<div class="exs" hidden>{exs}</div></section>')
    return "\n".join(out), len(p.unplaced)


def _bar(result: Result, lang: str, actions: str = "", unplaced: str = "") -> str:
    toggles = "".join(
        f'<label><input type="checkbox" id="show-{s.value}" checked> '
        f"{_e(_t('show_' + s.value, lang))}</label>"
        for s in SEVERITIES[1:]
    )
    return (
        f'<header class="bar"><p class="count" id="dvc-count">{_e(count_line(result, lang))}</p>'
        f'<button type="button" id="dvc-next">{_e(_t("next", lang))} ↓</button>{toggles}'
        f'<button type="button" id="dvc-print">{_e(_t("print", lang))}</button>'
        f"{unplaced}{actions}</header>"
    )


def render(result: Result, *, lang: str = "vi", color: bool = False) -> str:
    """The whole page as a string (UTF-8 when written; the page declares it)."""
    return page(result, lang=lang)


def page(result: Result, *, lang: str = "vi", top: str = "", actions: str = "") -> str:
    """The page with ``top`` (trusted markup, e.g. ``serve``'s download form) above
    the document and ``actions`` (trusted markup) at the end of the top bar."""
    sections, n = [], 1
    unplaced, first_panel = 0, ""
    for fr in result.files:
        section, k = _file(fr, n, lang)
        sections.append(section)
        if k and not first_panel:
            first_panel = f"panel-{n}"
        unplaced += k
        n += len(fr.findings)
    to_panel = (
        f'<a href="#{first_panel}" id="dvc-unplaced">{_e(_t("n_unplaced", lang, n=unplaced))}</a>'
        if unplaced
        else ""
    )
    names = ", ".join(fr.path for fr in result.files)
    title = _e(f"{_t('title', lang)}: {names}" if names else _t("title", lang))
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="{"en" if lang == "en" else "vi"}">',
                '<head><meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{title}</title><style>{CSS}</style></head>",
                "<body>",
                _bar(result, lang, actions, to_panel),
                "<main>",
                top,
                *sections,
                "</main>",
                '<div id="dvc-pop" role="dialog" aria-live="polite" hidden></div>',
                f"<script>{JS}</script>",
                "</body></html>",
            ]
        )
        + "\n"
    )
