"""``dvc-validate rules`` and ``explain``: the rule list and one rule's explanation."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from ._app import app
from ._options import Lang, NoColorOption, _lang_config
from ._output import _color, _print

if TYPE_CHECKING:
    from ..checks import Rule


def _all_rules() -> list[Rule]:
    from ..checks import REGISTRY, Selection, resolve_selection

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
    from ..report._common import severity_label
    from ..report._rich import render_rich

    for r in rules:
        severity = severity_label(r.severity, config.lang)
        table.add_row(r.code, r.name, r.family, severity, r.title(config.lang))

    _print(render_rich(table, color=_color(no_color)))
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
    from ..report.ruledoc import render_explain

    _print(render_explain(match[0], config.lang))
    return 0
