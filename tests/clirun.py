"""Running the CLI in-process, for every test folder that needs it.

``tests/conftest.py`` turns :func:`run_cli` into the ``cli`` fixture; ``Run`` is
what it returns. ``tests/`` is on ``sys.path`` (pytest puts the top-level
conftest's folder there), so ``from clirun import Run`` works everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dvc_validate.cli import main


@dataclass
class Run:
    """One ``main(argv)``: its exit code and what it wrote."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def findings(self) -> list[dict[str, Any]]:
        return [f for fr in self.json()["files"] for f in fr["findings"]]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> Run:
    """``main(argv)`` with stdout and stderr captured on their own."""
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return Run(code, out, err)
