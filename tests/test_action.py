"""The GitHub Action's promises that can be checked without GitHub: the SARIF upload
can be turned off, the caller's Python is left alone, and every action it uses is
pinned to a full commit, as are the actions of the documented recipes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return data


def _step(name: str) -> dict[str, Any]:
    return next(s for s in _action()["runs"]["steps"] if s["name"].startswith(name))


def test_every_action_used_is_pinned_to_a_commit() -> None:
    uses = [s["uses"] for s in _action()["runs"]["steps"] if "uses" in s]
    assert uses and all(PINNED.match(u) for u in uses), uses
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    documented = [u for u in re.findall(r"uses: (\S+)", text) if not u.startswith("OWNER/")]
    assert documented and all(PINNED.match(u) for u in documented), documented


def test_the_sarif_upload_can_be_turned_off() -> None:
    inputs = _action()["inputs"]
    assert inputs["upload-sarif"]["default"] == "true"
    assert "inputs.upload-sarif == 'true'" in _step("Upload SARIF")["if"]


def test_the_callers_python_is_left_alone() -> None:
    inputs = _action()["inputs"]
    assert "python-version" in inputs
    setup = _step("Set up Python")
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    assert setup["with"]["update-environment"] is False
    install = _step("Install dvc-validate")["run"]
    assert "-m venv" in install and "pip install" in install
    assert "GITHUB_PATH" not in install and "GITHUB_ENV" not in install
    assert '"$DVC_VALIDATE" lint' in _step("Lint reports")["run"]
