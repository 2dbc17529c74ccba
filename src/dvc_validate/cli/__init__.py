"""The command line: a thin layer over :mod:`dvc_validate.api` and the reporters.

``main(argv) -> int`` runs one command and returns the exit code, so tests call
it as a function; ``run()`` is the console entry point. Exit codes:

* 0: nothing at or above ``--fail-on``;
* 1: findings at or above ``--fail-on`` (``--exit-zero`` turns this into 0);
* 2: the check could not run: an unreadable input, a bad config or option, an
  unknown rule code, or a bug. One line on stderr, never a traceback
  (``DVC_VALIDATE_DEBUG=1`` re-raises); an unreadable file is said once, on
  stderr, and left out of a text or concise report printed beside it.

A file found by walking a folder or expanding a glob that is read but is not a
report (a README, a CSV beside the reports) is skipped with a note on stderr;
``--skip-non-reports`` does the same for files named on the command line (the
pre-commit hook passes it, as ruff's hook passes ``--force-exclude``).

One thin module per command (:mod:`.lint`, :mod:`.check_table`, :mod:`.extract`,
:mod:`.rules`, :mod:`.serve`, :mod:`.portal`, :mod:`.version`), registered on the
one typer app of :mod:`._app` by :mod:`._commands`; the options and helpers they
share live in :mod:`._options`, :mod:`._values`, :mod:`._paths` and :mod:`._output`.

Start-up time matters (pre-commit runs the tool once per commit), so only the
standard library is imported at module level here: a plain ``lint`` is parsed
without typer (:mod:`._main`), typer and the commands load for everything else
(``app`` is imported on first use), the linter, the reporters and rich are
imported by the command that needs them, and nothing on the ``lint`` path imports
pandas.
"""

from __future__ import annotations

from typing import Any

from ._main import main, run
from ._paths import REPORT_SUFFIXES, expand_paths

__all__ = ["REPORT_SUFFIXES", "app", "expand_paths", "main", "run"]


def __getattr__(name: str) -> Any:
    """``app``, the typer app with every command, imported on first use."""
    if name == "app":
        from ._commands import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
