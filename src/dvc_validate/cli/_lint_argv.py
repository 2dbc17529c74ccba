"""The arguments of a plain ``lint`` run, read without typer.

Importing typer and building the click commands from the signatures costs more
than the rest of a cold ``lint`` together (issue 12), and a plain run (files and a
few options, as pre-commit and CI write it) needs none of it. This parser reads
only what it can read exactly as typer would and returns ``None`` for anything
else: ``--help``, an unknown or misspelt option, a missing or bad value, an option
value that starts with ``-``, joined short options (``-qf json``), no path. Typer
then parses the same arguments, so every help text and usage error keeps one
source. ``tests/cli/test_fast_lint.py`` checks the table below against typer's own
lint command and that both parsers give the command the same values.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, get_args

from ._values import FailOn, Lang, ReadFormat, ReportFormat

__all__ = ["FLAGS", "INT_RANGES", "MULTIPLE", "VALUES", "parse_lint_args"]

#: flag name → the command's parameter it sets to True
FLAGS = {
    "--exit-zero": "exit_zero",
    "--no-color": "no_color",
    "--quiet": "quiet",
    "-q": "quiet",
    "--statistics": "statistics",
    "--series": "series",
    "--fix": "fix",
    "--unsafe-fixes": "unsafe_fixes",
    "--diff": "diff",
    "--in-place": "in_place",
    "--force": "force",
    "--skip-non-reports": "skip_non_reports",
}
#: option name → the parameter its one value goes to (the last one given wins)
VALUES = {
    "--format": "output_format",
    "-f": "output_format",
    "--output-format": "output_format",
    "--output": "output",
    "-o": "output",
    "--fail-on": "fail_on",
    "--lang": "lang",
    "--config": "config_file",
    "--stdin-format": "stdin_format",
    "--previous": "previous",
    "--max-bytes": "max_bytes",
    "--portal": "portal",
    "--period": "period",
}
#: repeatable option name → the parameter that lists its values in order
MULTIPLE = {
    "--report": "report",
    "--select": "select",
    "--extend-select": "extend_select",
    "--ignore": "ignore",
    "--rules": "rules",
}
CHOICES: dict[str, tuple[str, ...]] = {
    "output_format": get_args(ReportFormat),
    "fail_on": get_args(FailOn),
    "lang": get_args(Lang),
    "stdin_format": get_args(ReadFormat),
}
PATHS = frozenset({"output", "config_file", "previous", "portal"})
#: integer parameters and their inclusive range (``--max-bytes``: see _options)
INT_RANGES = {"max_bytes": (1, 4 * 1024**3)}
_PLAIN_INT = re.compile(r"[1-9][0-9]{0,18}")


def parse_lint_args(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of :func:`._lint_run.run_lint` for ``lint ARGS``, or
    ``None`` when typer must parse ``args`` (see the module's docstring)."""
    paths: list[str] = []
    options: dict[str, Any] = {}
    rest = iter(args)
    for token in rest:
        if token == "--":
            paths.extend(rest)
            break
        if token == "-" or not token.startswith("-"):
            paths.append(token)
            continue
        name, eq, attached = token.partition("=")
        if not name.startswith("--") and eq:  # "-f=json": click reads the value "=json"
            return None
        if name in FLAGS:
            if eq:
                return None
            options[FLAGS[name]] = True
            continue
        dest = VALUES.get(name) or MULTIPLE.get(name)
        if dest is None:
            return None  # --help, an unknown option, "-qf": typer's to read or refuse
        raw = attached if eq else next(rest, None)
        value = _value(dest, raw)
        if value is None:
            return None
        if name in MULTIPLE:
            options.setdefault(dest, []).append(value)
        else:
            options[dest] = value
    if not paths:
        return None
    return {"paths": paths, **options}


def _value(dest: str, raw: str | None) -> Any:
    """The value typer would pass for ``raw``, or ``None`` where typer might refuse
    it or read it otherwise (empty, starting with ``-``, not a plain number)."""
    if not raw or raw.startswith("-"):
        return None
    if dest in CHOICES:
        return raw if raw in CHOICES[dest] else None
    if dest in INT_RANGES:
        low, high = INT_RANGES[dest]
        if not _PLAIN_INT.fullmatch(raw) or not low <= int(raw) <= high:
            return None
        return int(raw)
    return Path(raw) if dest in PATHS else raw
