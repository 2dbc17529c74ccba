"""``dvc-validate rules`` and ``explain``: the rule list and one rule's explanation."""

from __future__ import annotations

import inspect
import json
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from ._app import app
from ._options import Lang, NoColorOption, _lang_config
from ._output import _color, _print, _render_rich

if TYPE_CHECKING:
    from ..checks.engine import Rule


def _all_rules() -> list[Rule]:
    from ..checks.engine import REGISTRY, Selection, resolve_selection

    resolve_selection(Selection())  # imports the rule families
    return sorted(REGISTRY.values(), key=lambda r: r.code)


@app.command("rules")
def rules_command(
    ctx: typer.Context,
    output_format: Annotated[
        Literal["text", "json"], typer.Option("--format", "-f", help="Output format.")
    ] = "text",
    lang: Annotated[Lang | None, typer.Option(help="Language of titles.")] = None,
    no_color: NoColorOption = False,
) -> int:
    """List every rule: code, name, family, severity, title."""
    config = _lang_config(ctx, lang)
    rules = _all_rules()
    if output_format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "family": r.family,
                "severity": r.severity.value,
                "title": r.title(config.lang),
                "title_vi": r.title_vi,
                "title_en": r.title_en,
                "fix": r.fix.value if r.fix else None,
            }
            for r in rules
        ]
        _print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    from rich.table import Table

    vi = config.lang != "en"
    table = Table(box=None, pad_edge=False)
    for title in (
        ("Mã", "Tên", "Nhóm", "Mức", "Tiêu đề")
        if vi
        else ("Code", "Name", "Family", "Severity", "Title")
    ):
        table.add_column(title, overflow="fold")
    for r in rules:
        table.add_row(r.code, r.name, r.family, r.severity.value, r.title(config.lang))
    _print(_render_rich(table, color=_color(no_color)))
    return 0


@app.command()
def explain(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="A rule code (PC001) or name.", show_default=False)],
    lang: Annotated[Lang | None, typer.Option(help="Language of the title.")] = None,
) -> int:
    """Explain one rule: what it checks, why, examples and the fix."""
    from ..errors import UnknownRuleError

    config = _lang_config(ctx, lang)
    wanted = code.strip()
    every = _all_rules()
    match = [r for r in every if r.code == wanted.upper() or r.name == wanted.lower()]
    if not match:
        from ..names import did_you_mean

        vi, en = did_you_mean(wanted, [x for r in every for x in (r.code, r.name)])
        raise UnknownRuleError(
            f"Không có quy tắc '{wanted}'.{vi} Xem danh sách: dvc-validate rules",
            f"No rule '{wanted}'.{en} See the list: dvc-validate rules",
            selector=wanted,
        )
    _print(_explain_text(match[0], config.lang))
    return 0


def _explain_text(r: Rule, lang: str) -> str:
    """Plain text: readable in a terminal, a pager or a pipe, in either language."""
    vi = lang != "en"
    labels = (
        ("Nhóm", "Mức", "Sửa tự động", "Ví dụ", "không")
        if vi
        else ("Family", "Severity", "Auto-fix", "Examples", "no")
    )
    lines = [
        f"{r.code} ({r.name}): {r.title(lang)}",
        f"{labels[0]}: {r.family} · {labels[1]}: {r.severity.value} · "
        f"{labels[2]}: {r.fix.value if r.fix else labels[4]}",
        "",
        inspect.cleandoc(r.func.__doc__ or ""),
    ]
    lines += _case_examples(r.code, vi)
    return "\n".join(lines).rstrip() + "\n"


def _case_examples(code: str, vi: bool) -> list[str]:
    """A bad and a good example from the rule's case book (the same data the tests run)."""
    from ..casebook import changed_lines, changed_previous_lines, load_casebook

    book = load_casebook(code)
    bad = book.first("fail") if book else None
    if bad is None:
        return []
    out: list[str] = []
    changes = changed_lines(bad)
    if changes:
        out += ["", "Ví dụ sai:" if vi else "Bad example:"]
    for line, _before, after in changes:
        out += [
            f"  {'dòng' if vi else 'line'} {line}: {after.strip()}" for after in after.split("\n")
        ]
    if changes:
        out.append("Viết đúng:" if vi else "Good:")
    for line, before, _after in changes:
        out += [f"  {'dòng' if vi else 'line'} {line}: {b.strip()}" for b in before.split("\n")]
    # continuity rules: the example may be an edit to last month's report instead
    previous = changed_previous_lines(bad)
    if previous:
        out += [
            "",
            "Ví dụ sai, trong báo cáo tháng trước:"
            if vi
            else "Bad example, in last month's report:",
        ]
    for line, before, after in previous:
        instead = "thay cho" if vi else "instead of"
        out.append(
            f"  {'dòng' if vi else 'line'} {line}: {after.strip()} ({instead}: {before.strip()})"
        )
    for e in bad.expect:
        if e.expected:
            out.append(f"{'Sửa' if vi else 'Fix'}: {e.found} → {e.expected}")
    return out
