"""The typer app with every command registered, for ``main`` and ``--help``.

Importing a command's module registers the command; ``--help`` lists them in
this order. Kept out of the package's ``__init__`` so that a plain ``lint``
never imports typer (see :mod:`._main`).
"""

from __future__ import annotations

from ._app import app

# isort: off
from . import lint, check_table, portal, extract, rules, serve, version
# isort: on

__all__ = ["COMMANDS", "app"]

COMMANDS = (lint, check_table, portal, extract, rules, serve, version)
