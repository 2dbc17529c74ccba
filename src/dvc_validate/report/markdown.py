"""Markdown for merge-request comments and ``$GITHUB_STEP_SUMMARY``.

A reviewer reads this in a web page, so the table keeps one finding a row with
the figure and its suggestion side by side. Cell text is escaped: a pipe would
split a cell, a newline would end the table, and raw ``<...>`` left over from a
Word export would be taken as HTML by GitHub and GitLab.
"""

from __future__ import annotations

from ..model.finding import FileResult, Result, Severity
from ._common import (
    SEVERITIES,
    by_rule,
    count_line,
    found_expected,
    label,
    severity_label,
    sorted_findings,
)
from ._escape import markdown, xml

__all__ = ["escape", "render"]

_ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟡", Severity.INFO: "🔵"}


def escape(text: str) -> str:
    """Make ``text`` safe inside a Markdown table cell; no link or image stays live."""
    text = markdown(xml(text).replace("\\", "\\\\").replace("|", "\\|"))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("`", "\\`")
    return " ".join(text.split())


def _summary(fr: FileResult, lang: str) -> str:
    parts = []
    for sev in SEVERITIES:
        n = sum(1 for f in fr.findings if f.severity == sev)
        word = label(f"{sev.value}s", lang)
        parts.append(f"**{n} {word}**" if sev == Severity.ERROR and n else f"{n} {word}")
    return ", ".join(parts)


def _file(fr: FileResult, lang: str) -> list[str]:
    out = [f"### {escape(fr.path)}", ""]
    if fr.period:
        out += [f"{label('period', lang)}: {fr.period}", ""]
    if fr.error is not None:
        out += [
            f"> **{label('file_error', lang)}** `{fr.error.code}`: {escape(fr.error.message)}",
            "",
        ]
        return out
    out += [_summary(fr, lang), ""]
    if not fr.findings:
        return [*out, label("no_findings", lang), ""]
    head = ["location", "code", "severity", "message", "found_expected"]
    out.append("| " + " | ".join(label(h, lang) for h in head) + " |")
    out.append("|" + "---|" * len(head))
    for f in sorted_findings(fr.findings, fr.document):
        cells = [
            escape(f.location.describe(lang)),
            f"`{f.code}` {escape(f.name)}",
            f"{_ICON[f.severity]} {severity_label(f.severity, lang)}",
            escape(f.message),
            escape(found_expected(f)),
        ]
        out.append("| " + " | ".join(cells) + " |")
    return [*out, ""]


def render(result: Result, *, lang: str = "vi", color: bool = False) -> str:
    """A title, the overall count, a section per file and a table by rule."""
    out = [f"## dvc-validate: {label('title', lang)}", "", count_line(result, lang), ""]
    for fr in result.files:
        out += _file(fr, lang)
    rules = by_rule(result)
    if rules:
        out += [f"#### {label('summary', lang)}", ""]
        out += [f"| {label('code', lang)} | {label('rule', lang)} | {label('count', lang)} |"]
        out += ["|---|---|---:|"]
        out += [f"| `{code}` | {escape(name)} | {n} |" for code, name, n in rules]
        out.append("")
    return "\n".join(out)
