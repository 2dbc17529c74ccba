"""A rule's documentation, rendered from its metadata and its case book: the Markdown
page of docs/rules/ (:mod:`dvc_validate.docgen` writes it) and the plain text of
``dvc-validate explain``. One renderer, so the page and the command cannot tell a
rule's examples differently.

Both show a bad example as its fix: the wrong text, then the text that passes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..casebook import Case, changed_lines, changed_previous_lines, load_casebook

if TYPE_CHECKING:
    from ..engine import Rule

__all__ = ["render_examples", "render_explain", "render_index", "render_rule"]


def _as_fix(changes: list[tuple[int, str, str]], *, bad: bool) -> list[tuple[int, str, str]]:
    """``(line, removed, added)``: a bad example reads as its fix (the wrong text removed,
    the text that passes added); a good example as its edit of the consistent report."""
    return [
        (line, after, before) if bad else (line, before, after) for line, before, after in changes
    ]


# --------------------------------------------------------------------------- Markdown


def render_examples(code: str) -> str:
    """The case book as Markdown: for each case, the lines it changes and what is found."""
    book = load_casebook(code)
    if book is None:
        return ""
    out = [
        "## Examples",
        "",
        "Every example below is also a test (src/dvc_validate/cases/"
        f"{code}.yaml, run by tests/checks/test_casebooks.py). A bad example is shown "
        "as its fix: the wrong text `-`, the correct text `+`.",
        "",
    ]
    for case in book.cases:
        label = "Bad" if case.kind == "fail" else "Good"
        out.append(f"### {label}: {case.name}")
        out.append("")
        changes = changed_lines(case)
        if changes:
            out.append("```diff")
            out.extend(_diff_lines(changes, bad=case.kind == "fail"))
            out.append("```")
        elif case.kind == "pass":
            out.append("The bundled consistent report, unchanged.")
        out.extend(_previous_example(case))
        extra = [
            f"{k}: `{v}`"
            for k, v in (
                ("relations", case.relations),
                ("config", case.config),
                ("portal (edits to cases/portal/)", case.portal),
                ("encoding", case.encoding),
            )
            if v and v != "utf-8"
        ]
        out.extend(f"- {e}" for e in extra)
        for e in case.expect:
            where = (
                f"line {e.line}" + (f", column {e.column}" if e.column else "")
                if e.line
                else "the file"
            )
            shown = f"`{e.found}`" if e.found else "(empty)"
            arrow = f" → `{e.expected}`" if e.expected else ""
            out.append(f"- found at {where}: {shown}{arrow}")
        if case.kind == "pass":
            out.append(f"- no {code} finding")
        out.append("")
    return "\n".join(out)


def _previous_example(case: Case) -> list[str]:
    """Last month's report of a continuity case: what was edited in it, if anything."""
    if case.previous is None:
        return []
    run = " as the predecessor in a `--series` run" if case.series else " as `--previous`"
    changes = changed_previous_lines(case)
    if not changes:
        return ["", f"Last month's report (cases/base-previous.txt, unchanged){run}.", ""]
    out = ["", f"Last month's report (cases/base-previous.txt){run}, edited:", "", "```diff"]
    out.extend(_diff_lines(changes, bad=case.kind == "fail"))
    return [*out, "```", ""]


def _diff_lines(changes: list[tuple[int, str, str]], *, bad: bool) -> list[str]:
    """As ``--diff`` shows an edit: ``-`` the text taken out, ``+`` the text put in."""
    out: list[str] = []
    for _line, removed, added in _as_fix(changes, bad=bad):
        out.extend(f"- {x}" for x in removed.split("\n"))
        out.extend(f"+ {x}" for x in added.split("\n"))
    return out


def render_rule(r: Rule) -> str:
    """The rule's page in docs/rules/."""
    fix = r.fix.value if r.fix else "none"
    return (
        f"# {r.code} `{r.name}`\n\n"
        f"| | |\n|---|---|\n| Family | {r.family} |\n| Default severity | {r.severity.value} |\n"
        f"| Fix | {fix} |\n| Tiếng Việt | {r.title_vi} |\n| English | {r.title_en} |\n\n"
        f"## What it checks\n\n{r.rationale.replace('## ', '### ')}\n\n"
        f"## Messages\n\n- vi: `{r.message_vi}`\n- en: `{r.message_en}`\n"
        + _table_messages(r)
        + "\n"
        + _relations(r)
        + render_examples(r.code)
    )


def _table_messages(r: Rule) -> str:
    if r.table_message_vi is None:
        return ""
    return f"- table, vi: `{r.table_message_vi}`\n- table, en: `{r.table_message_en}`\n"


def _relations(r: Rule) -> str:
    """The relations of the index pack this rule reports: the rule declares their
    kinds, the pack states them (``rules/qd766.yaml``)."""
    if not r.relations:
        return ""
    from ..pack import builtin_pack

    kinds = ", ".join(f"`{k}`" for k in r.relations)
    lines = ["## Relations it reports", "", f"Kinds: {kinds}.", ""]
    entries = [rel for rel in builtin_pack().relations if rel.code == r.code]
    if entries:
        lines += ["In the index pack (`rules/qd766.yaml`):", ""]
        for rel in entries:
            sides = f" (sides: {', '.join(rel.sides)})" if rel.sides else ""
            lines.append(f"- over `{rel.over}`, `{rel.kind}`: `{rel.check}`{sides}")
        lines.append("")
    return "\n".join(lines) + "\n"


def render_index(rules: Iterable[Rule]) -> str:
    """docs/rules/index.md: one row per rule, by code."""
    lines = [
        "# Rule reference",
        "",
        "Generated from the rule registry (`python -m dvc_validate.docgen docs/rules`).",
        "",
        "| Code | Name | Severity | Tiếng Việt | English |",
        "|---|---|---|---|---|",
    ]
    for r in sorted(rules, key=lambda r: r.code):
        lines.append(
            f"| [{r.code}]({r.code}.md) | `{r.name}` | {r.severity.value} | {r.title_vi} | {r.title_en} |"
        )
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- plain text


_FAMILY_VI = {
    "percentages": "tỷ lệ",
    "deltas": "mức thay đổi",
    "scores": "điểm",
    "totals": "tổng điểm",
    "dates": "ngày tháng",
    "number-format": "định dạng số",
    "consistency": "tính nhất quán",
    "document": "văn bản",
    "meta": "chỉ thị bỏ qua",
    "portal": "Cổng DVCQG",
    "statements": "câu văn",
}
_SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"}
_FIX_VI = {"safe": "an toàn", "unsafe": "không an toàn", "display": "chỉ gợi ý"}
_WIDTH = 88


def render_explain(r: Rule, lang: str) -> str:
    """``dvc-validate explain``: plain text, readable in a terminal, a pager or a pipe.

    In English the body is the rule's docstring; in Vietnamese its text from
    ``checks/rules_vi.yaml`` under Vietnamese headings, so neither language leaks
    into the other. The family's own name stays beside its Vietnamese one: it is
    what ``--select`` takes, like the rule's name."""
    if lang == "en":
        lines = [
            f"{r.code} ({r.name}): {r.title_en}",
            f"Family: {r.family} · Severity: {r.severity.value} · "
            f"Auto-fix: {r.fix.value if r.fix else 'no'}",
            "",
            r.rationale,
        ]
    else:
        from ..checks.texts_vi import vietnamese_text

        fix = _FIX_VI.get(r.fix.value, r.fix.value) if r.fix else "không"
        lines = [
            f"{r.code} ({r.name}): {r.title_vi}",
            f"Nhóm: {_FAMILY_VI.get(r.family, r.family)} ({r.family}) · "
            f"Mức: {_SEVERITY_VI[r.severity.value]} · Sửa tự động: {fix}",
        ]
        why, how = vietnamese_text(r.code) or ("", "")
        for heading, body in (("Lý do", why), ("Cách sửa", how)):
            if body:
                lines += ["", f"{heading}:", textwrap.fill(body, _WIDTH)]
    lines += _text_examples(r.code, lang != "en")
    return "\n".join(lines).rstrip() + "\n"


def _text_examples(code: str, vi: bool) -> list[str]:
    """The case book's first bad example: its wrong lines, the lines that pass, the fix."""
    book = load_casebook(code)
    bad = book.first("fail") if book else None
    if bad is None:
        return []
    line_word = "dòng" if vi else "line"
    fixes = _as_fix(changed_lines(bad), bad=True)
    out: list[str] = []
    if fixes:
        out += ["", "Ví dụ sai:" if vi else "Bad example:"]
        out += [
            f"  {line_word} {n}: {x.strip()}" for n, wrong, _ in fixes for x in wrong.split("\n")
        ]
        out.append("Viết đúng:" if vi else "Good:")
        out += [
            f"  {line_word} {n}: {x.strip()}" for n, _, right in fixes for x in right.split("\n")
        ]
    # continuity rules: the example may be an edit to last month's report instead
    previous = _as_fix(changed_previous_lines(bad), bad=True)
    if previous:
        out += [
            "",
            "Ví dụ sai, trong báo cáo tháng trước:"
            if vi
            else "Bad example, in last month's report:",
        ]
    instead = "thay cho" if vi else "instead of"
    out += [
        f"  {line_word} {n}: {wrong.strip()} ({instead}: {right.strip()})"
        for n, wrong, right in previous
    ]
    out += [
        f"{'Sửa thành' if vi else 'Fix'}: {e.found} → {e.expected}"
        for e in bad.expect
        if e.expected
    ]
    return out
