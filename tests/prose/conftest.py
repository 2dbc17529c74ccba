"""Lint small texts written for the tests; findings as (code, severity, line, column,
found, expected) tuples."""

from __future__ import annotations

from dvc_validate.api import lint_file

Row = tuple[str, str, int | None, int | None, str | None, str | None]


def lint_text(text: str) -> list[Row]:
    result = lint_file(text.encode("utf-8"), format="text")
    return [
        (f.code, f.severity.value, f.location.line, f.location.column, f.found, f.expected)
        for f in result.findings
    ]


def errors(text: str) -> list[Row]:
    return [r for r in lint_text(text) if r[1] == "error"]


def at(text: str, needle: str, line: int = 1) -> tuple[int, int]:
    """(line, column) of ``needle`` in the given line of ``text``."""
    return line, text.split("\n")[line - 1].index(needle) + 1
