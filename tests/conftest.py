"""Suite-wide test setup. ``pytest_plugins`` is only allowed in the top-level conftest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from clirun import Run, run_cli

pytest_plugins = ["pytester"]  # tests/cli tests the pytest plugin with pytester


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``cli("lint", path, "--format", "json") -> Run``, in-process."""

    def run(*argv: str | Path) -> Run:
        return run_cli(capsys, *argv)

    return run
