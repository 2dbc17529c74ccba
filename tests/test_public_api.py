"""The public surface: an explicit __all__, every name importable, same results as the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import dvc_validate
from dvc_validate.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "binh-thanh-2024-02.txt"


def test_all_is_explicit_and_importable() -> None:
    assert dvc_validate.__all__ == sorted(dvc_validate.__all__, key=lambda n: (n[0].islower(), n))
    assert set(dvc_validate.__all__) == {
        "Config", "DvcValidateError", "Finding", "IndicatorFrame", "Report", "Result", "Severity",
        "TableFrame", "__version__",
        "check_table", "extract_report", "lint", "lint_paths", "validate",
    }  # fmt: skip
    for name in dvc_validate.__all__:
        assert getattr(dvc_validate, name) is not None


def test_lint_from_python_equals_the_cli_json(capsys) -> None:  # type: ignore[no-untyped-def]
    result = dvc_validate.lint(EXAMPLE)
    assert main(["lint", str(EXAMPLE), "--format", "json"]) == 1
    cli = json.loads(capsys.readouterr().out)
    assert cli["files"][0]["findings"] == result.to_dict()["files"][0]["findings"]
    frame = result.to_frame()
    assert len(frame) == len(result.findings) and {
        "code",
        "found",
        "expected",
        "location_line",
    } <= set(frame)


def test_validate_a_report_built_elsewhere() -> None:
    report = dvc_validate.lint(EXAMPLE).files[0].report
    assert report is not None
    again = dvc_validate.validate(report)
    assert [f.code for f in again.findings] == [f.code for f in dvc_validate.lint(EXAMPLE).findings]


def test_import_is_cheap() -> None:
    heavy = "('pandas', 'pandera', 'pydantic', 'docx')"
    code = f"import sys, dvc_validate; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
