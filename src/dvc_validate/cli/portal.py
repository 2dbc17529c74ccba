"""``dvc-validate portal``: fetch the portal's own figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import _state, app
from ._options import LangOption
from ._output import _print

portal_app = typer.Typer(
    help="The portal's own figures: fetch them once, then lint --portal DIR offline.",
    no_args_is_help=True,
)
app.add_typer(portal_app, name="portal")


@portal_app.command("fetch")
def portal_fetch(
    ctx: typer.Context,
    unit: Annotated[
        str,
        typer.Option("--unit", help="The portal's id of the root unit (rootDepartmentId)."),
    ],
    month: Annotated[str, typer.Option("--month", metavar="YYYY-MM", help="The month.")],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="DIR", help="New folder for the responses."),
    ],
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="The API's address (default: the portal's).")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each answer.")] = 60.0,
    lang: LangOption = None,
) -> int:
    """Download a unit's month from the portal's reporting API, with a capture record."""
    if lang is not None:
        _state(ctx).lang = lang
    from ..portal.fetch import fetch

    for got in fetch(unit, month, output, base_url=base_url, timeout=timeout):
        _print(f"{got.file}\t{got.record['bytes']}\t{got.record['sha256']}")
    return 0
