"""The typer app every command registers on, and its option errors.

``main`` and ``run`` live in :mod:`._main`, which imports this module only when
typer has to parse the command line (see there); the helpers the commands share
are re-exported here so that each command imports them from one place.
"""

from __future__ import annotations

import typer

from ._main import (
    _bug_message,
    _error_line,
    _is_usage_error,
    _note_line,
    _prescan_lang,
    _State,
    _usage,
    _usage_error,
    main,
    run,
)
from ._usage_vi import LocalisedUsageError

__all__ = [
    "_State",
    "_bug_message",
    "_error_line",
    "_is_usage_error",
    "_note_line",
    "_prescan_lang",
    "_state",
    "_usage",
    "_usage_error",
    "app",
    "main",
    "run",
]

app = typer.Typer(
    name="dvc-validate",
    help="Lint the figures of QĐ 766 public-service-index reports before they are published.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _state(ctx: typer.Context) -> _State:
    obj = ctx.obj
    return obj if isinstance(obj, _State) else _State()


class _LocalisedBadParameter(LocalisedUsageError, typer.BadParameter):
    """An option error of the CLI's own, written in both languages."""

    def __init__(self, vi: str, en: str) -> None:
        LocalisedUsageError.__init__(self, vi, en)
        typer.BadParameter.__init__(self, en)
