"""``dvc-validate lint``: check reports and print the findings.

This module declares the command for typer (options, help); what it does is
:func:`._lint_run.run_lint`, which a plain run reaches without typer (see
:mod:`._main`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import _state, app
from ._lint_run import run_lint
from ._options import (
    ConfigOption,
    ExitZeroOption,
    FailOnOption,
    FormatOption,
    LangOption,
    MaxBytesOption,
    NoColorOption,
    OutputOption,
    PeriodOption,
    ReadFormat,
)


@app.command()
def lint(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Report files, folders (searched recursively), globs, or - for stdin.",
            show_default=False,
        ),
    ],
    output_format: FormatOption = "text",
    output: OutputOption = None,
    report: Annotated[
        list[str] | None,
        typer.Option(
            "--report",
            metavar="FORMAT=PATH",
            help="Also write a report in FORMAT to PATH (repeatable).",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            metavar="RULES", help="Run only these rules: codes, prefixes, names or families."
        ),
    ] = None,
    extend_select: Annotated[
        list[str] | None, typer.Option(metavar="RULES", help="Add rules to the selection.")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(metavar="RULES", help="Do not run these rules.")
    ] = None,
    fail_on: FailOnOption = None,
    exit_zero: ExitZeroOption = False,
    lang: LangOption = None,
    rules: Annotated[
        list[str] | None,
        typer.Option("--rules", metavar="PACK", help="Extra rule pack (YAML); repeatable."),
    ] = None,
    no_color: NoColorOption = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="No progress bar; print nothing for clean text/concise runs."
        ),
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option(
            "--statistics", help="Print a count per rule instead of the findings (see -o)."
        ),
    ] = False,
    config_file: ConfigOption = None,
    stdin_format: Annotated[
        ReadFormat | None,
        typer.Option(help="Format of the input read from - (default: sniffed)."),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            metavar="FILE",
            help="Last month's report of the same unit: check continuity with it.",
        ),
    ] = None,
    series: Annotated[
        bool,
        typer.Option(
            "--series",
            help="The inputs are one unit's monthly reports: order them by period, check "
            "each against the one before and report missing months.",
        ),
    ] = False,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Apply safe fixes; write NAME.fixed.EXT next to each input."),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes", help="Also apply fixes that change a value (implies --fix)."
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Show what --fix would change; write nothing."),
    ] = False,
    in_place: Annotated[
        bool,
        typer.Option(
            "--in-place", help="With --fix, rewrite the input itself, keeping NAME.EXT.bak."
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="With --fix, replace an existing NAME.fixed.EXT."),
    ] = False,
    max_bytes: MaxBytesOption = None,
    skip_non_reports: Annotated[
        bool,
        typer.Option(
            "--skip-non-reports",
            help="Skip files that are not reports even when named (a walk always does); "
            "for pre-commit, like ruff's --force-exclude.",
        ),
    ] = False,
    portal: Annotated[
        Path | None,
        typer.Option(
            "--portal",
            metavar="DIR",
            help="Folder of portal responses (portal fetch): compare every figure with them.",
        ),
    ] = None,
    period: PeriodOption = None,
) -> int:
    """Check reports and print the findings."""
    return run_lint(
        _state(ctx),
        paths=paths,
        output_format=output_format,
        output=output,
        report=report,
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        fail_on=fail_on,
        exit_zero=exit_zero,
        lang=lang,
        rules=rules,
        no_color=no_color,
        quiet=quiet,
        statistics=statistics,
        config_file=config_file,
        stdin_format=stdin_format,
        previous=previous,
        series=series,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        in_place=in_place,
        force=force,
        max_bytes=max_bytes,
        skip_non_reports=skip_non_reports,
        portal=portal,
        period=period,
    )
