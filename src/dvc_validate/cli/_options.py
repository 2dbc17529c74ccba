"""Options shared by several commands, and how they combine with the config."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from ._app import _state

if TYPE_CHECKING:
    from ..config import Config


# Kept as Literals so that --help needs no import of the reporters or readers;
# a test keeps them equal to report.FORMATS and readers.FORMATS.
ReportFormat = Literal["text", "concise", "json", "sarif", "github", "junit", "markdown", "html"]
ReadFormat = Literal["text", "markdown", "docx", "xlsx", "csv", "pdf", "json", "yaml"]
FailOn = Literal["error", "warning", "info", "never"]
Lang = Literal["vi", "en"]


def _config(config_file: Path | None, start: str | None) -> Config:
    """``--config FILE`` or the nearest config above ``start``; defaults when none."""
    from ..config import Config, find_config, load_config

    path = config_file if config_file is not None else find_config(start)
    return load_config(path) if path is not None else Config()


def _split(values: list[str] | None) -> list[str]:
    """Comma-separated and repeatable: ``--ignore PC,DL001 --ignore dates``."""
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _with_cli(
    config: Config,
    *,
    select: list[str],
    extend_select: list[str],
    ignore: list[str],
    rules: list[str],
    fail_on: str | None,
    lang: str | None,
) -> Config:
    """CLI options over config values: --select replaces; --extend-select, --ignore and
    --rules add to the config's lists; --fail-on and --lang replace."""
    update: dict[str, Any] = {}
    if select:
        update["select"] = select
    if extend_select:
        update["extend_select"] = [*config.extend_select, *extend_select]
    if ignore:
        update["ignore"] = [*config.ignore, *ignore]
    if rules:
        update["rules"] = [*config.rules, *rules]
    if fail_on is not None:
        update["fail_on"] = fail_on
    if lang is not None:
        update["lang"] = lang
    return config.model_copy(update=update)


def _lang_config(ctx: typer.Context, lang: str | None) -> Config:
    """The config found from the working directory, with ``--lang`` applied."""
    config = _config(None, None)
    if lang is not None:
        config = config.model_copy(update={"lang": lang})
    _state(ctx).lang = config.lang
    return config


def _common_dir(files: list[str]) -> str | None:
    """Where config discovery starts: the folder that holds every input (as black does)."""
    dirs = [os.path.dirname(os.path.abspath(f)) for f in files]
    try:
        return os.path.commonpath(dirs) if dirs else None
    except ValueError:  # different drives on Windows
        return None


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
