"""Options shared by several commands, declared once for typer (their meaning and how
they combine with the config are in :mod:`._values`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ._app import _state
from ._values import (
    FailOn,
    Lang,
    ReadFormat,
    ReportFormat,
    _common_dir,
    _config,
    _split,
    _with_cli,
)

if TYPE_CHECKING:
    from ..config import Config

__all__ = [
    "ConfigOption",
    "ExitZeroOption",
    "FailOn",
    "FailOnOption",
    "FormatOption",
    "Lang",
    "LangOption",
    "MaxBytesOption",
    "NoColorOption",
    "OutputOption",
    "PeriodOption",
    "ReadFormat",
    "ReportFormat",
    "_common_dir",
    "_config",
    "_lang_config",
    "_split",
    "_with_cli",
]


def _lang_config(ctx: typer.Context, lang: str | None) -> Config:
    """The config found from the working directory, with ``--lang`` applied."""
    config = _config(None, None)
    if lang is not None:
        config = config.model_copy(update={"lang": lang})
    _state(ctx).lang = config.lang
    return config


# Options shared by several commands: one definition, one help text.
FormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", "--output-format", help="Output format (--output-format too)."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the report to FILE instead of stdout."),
]
FailOnOption = Annotated[
    FailOn | None,
    typer.Option(
        help="Lowest severity that makes the exit code 1 (default: error, or the config's)."
    ),
]
ExitZeroOption = Annotated[
    bool, typer.Option("--exit-zero", help="Exit 0 even with findings (2 still means failure).")
]
LangOption = Annotated[
    Lang | None, typer.Option(help="Language of messages (default: vi, or the config's).")
]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colours.")]
MaxBytesOption = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        min=1,
        max=4 * 1024**3,  # config.MAX_BYTES_LIMIT, kept literal: --help imports no config
        metavar="BYTES",
        help="Refuse input files larger than this (default: 32 MiB, or the config's).",
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Config file (default: the nearest one found)."),
]


PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="YYYY-MM",
        help="Month of portal responses that carry no capture record.",
    ),
]
