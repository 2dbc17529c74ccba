"""What the options mean, without typer: the value sets and how options combine with
the config. :mod:`._options` declares the options themselves (typer); this module is
shared with the typer-free ``lint`` path (:mod:`._lint_argv`, :mod:`._lint_run`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

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


def _common_dir(files: list[str]) -> str | None:
    """Where config discovery starts: the folder that holds every input (as black does)."""
    dirs = [os.path.dirname(os.path.abspath(f)) for f in files]
    try:
        return os.path.commonpath(dirs) if dirs else None
    except ValueError:  # different drives on Windows
        return None
