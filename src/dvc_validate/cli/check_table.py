"""``dvc-validate check-table``: a table of many units (the pandera batch path)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ._app import _state, app
from ._options import (
    ConfigOption,
    ExitZeroOption,
    FailOnOption,
    FormatOption,
    LangOption,
    NoColorOption,
    OutputOption,
    PeriodOption,
    _common_dir,
    _config,
    _with_cli,
)
from ._output import _emit, _exit_code
from ._paths import _refuse_overwrite

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..model.finding import Result


@app.command("check-table")
def check_table_command(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="A long table of many units and periods (.csv or .parquet; docs/batch.md), "
            "or a folder of portal responses (docs/portal.md).",
            show_default=False,
        ),
    ],
    output_format: FormatOption = "text",
    output: OutputOption = None,
    fail_on: FailOnOption = None,
    exit_zero: ExitZeroOption = False,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    config_file: ConfigOption = None,
    period: PeriodOption = None,
    rules: Annotated[
        list[str] | None,
        typer.Option("--rules", metavar="PACK", help="Extra rule pack (YAML); repeatable."),
    ] = None,
) -> int:
    """Check a table of many units at once (the pandera batch path)."""
    state = _state(ctx)
    if lang is not None:
        state.lang = lang
    config = _with_cli(
        _config(config_file, _common_dir([file])),
        select=[],
        extend_select=[],
        ignore=[],
        rules=rules or [],
        fail_on=fail_on,
        lang=lang,
    )
    state.lang = config.lang
    _refuse_overwrite([file], [output] if output is not None else [])
    check_table = _batch_check_table()
    from ..api import build_pack
    from ..portal.read import is_portal_source

    if is_portal_source(file):  # a folder of portal responses: the portal pack's relations
        from ..portal.table import check_portal_table

        result = check_portal_table(
            file, lang=config.lang, period=period, severities=config.severity
        )
        _emit(result, output_format, output, [], config.lang, no_color, False, False)
        return _exit_code(result, config.fail_on, exit_zero)
    # the config's extra rule packs apply to tables as to reports: one pack, two executors
    result = check_table(file, pack=build_pack(config), lang=config.lang)
    _emit(result, output_format, output, [], config.lang, no_color, False, False)
    return _exit_code(result, config.fail_on, exit_zero)


def _batch_check_table() -> Callable[..., Result]:
    """``dvc_validate.tables.batch.check_table``, imported only here: pandas and pandera cost
    most of a second to import, and nothing else the CLI does needs them. Without
    them (or without the batch module) this is a tool error, exit 2, with a hint."""
    from ..errors import DvcValidateError

    try:
        from ..tables.batch import check_table
    except ImportError as exc:
        missing = exc.name or str(exc)
        raise DvcValidateError(
            f"check-table cần pandas và pandera ({missing} không nhập được: {exc}). "
            "Cài lại: pip install dvc-validate",
            f"check-table needs pandas and pandera ({missing} could not be imported: {exc}). "
            "Reinstall: pip install dvc-validate",
        ) from exc
    return check_table
