"""``dvc-validate extract``: show what was understood of a report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

import typer

from ._app import _state, app
from ._options import Lang, MaxBytesOption, NoColorOption, _common_dir, _config
from ._output import _color, _print

if TYPE_CHECKING:
    pass


@app.command()
def extract(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="One report file.", show_default=False)],
    output_format: Annotated[
        Literal["json", "text"], typer.Option("--format", "-f", help="Output format.")
    ] = "text",
    lang: Annotated[Lang | None, typer.Option(help="Language of labels.")] = None,
    no_color: NoColorOption = False,
    max_bytes: MaxBytesOption = None,
) -> int:
    """Show what was understood of a report: header, scores, tables, dates."""
    from ..api import extract_report

    state = _state(ctx)
    if lang is not None:
        state.lang = lang
    config = _config(None, _common_dir([file]))
    if lang is not None:
        config = config.model_copy(update={"lang": lang})
    if max_bytes is not None:
        config = config.model_copy(update={"max_bytes": max_bytes})
    state.lang = config.lang
    report, _doc = extract_report(file, config=config)
    from ..report.extract import render_extract

    _print(render_extract(report, output_format, lang=config.lang, color=_color(no_color)))
    return 0
