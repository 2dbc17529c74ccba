"""The registry: every format is there, renders, and is imported lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dvc_validate.model.finding import Result
from dvc_validate.report import FORMATS, REPORTERS, render

EXPECTED = {"text", "concise", "json", "sarif", "github", "junit", "markdown", "html"}


def test_registry_has_every_format() -> None:
    assert set(REPORTERS) == EXPECTED
    assert set(FORMATS) == EXPECTED


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_every_reporter_returns_text(result: Result, fmt: str) -> None:
    out = render(result, fmt, lang="en", color=False)
    assert isinstance(out, str) and out
    assert out == REPORTERS[fmt](result, lang="en", color=False)


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_every_reporter_handles_an_empty_result(fmt: str) -> None:
    assert isinstance(render(Result(), fmt), str)


def test_unknown_format_is_a_value_error(result: Result) -> None:
    with pytest.raises(ValueError, match="unknown report format 'xml'"):
        render(result, "xml")


def test_importing_the_registry_does_not_import_rich() -> None:
    code = "import sys, dvc_validate.report; print('rich' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
