"""The exit-code contract: 0 clean, 1 findings at/above --fail-on, 2 could not check.

``--exit-zero`` turns 1 into 0 but never hides 2.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import BAD_REPORT, CLEAN_REPORT, Run

FAIL_ON = ("error", "warning", "info", "never")


def _input(kind: str, tmp_path: Path) -> Path:
    if kind == "bad":
        (tmp_path / "bad.txt").write_text(BAD_REPORT, encoding="utf-8")
        return tmp_path / "bad.txt"
    if kind == "clean":
        (tmp_path / "clean.txt").write_text(CLEAN_REPORT, encoding="utf-8")
        return tmp_path / "clean.txt"
    if kind == "missing":
        return tmp_path / "no-such-report.docx"
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.odt").write_bytes(b"not a report format")
    return empty


def _expected(kind: str, fail_on: str, exit_zero: bool) -> int:
    if kind in ("missing", "empty-dir"):
        return 2
    if kind == "clean" or exit_zero or fail_on == "never":
        return 0
    return 1  # the slip is an error, so every threshold but "never" is reached


@pytest.mark.parametrize("exit_zero", [False, True], ids=["", "exit-zero"])
@pytest.mark.parametrize("fail_on", FAIL_ON)
@pytest.mark.parametrize("kind", ["bad", "clean", "missing", "empty-dir"])
def test_exit_code_matrix(
    cli: Callable[..., Run], tmp_path: Path, kind: str, fail_on: str, exit_zero: bool
) -> None:
    argv = ["lint", _input(kind, tmp_path), "--fail-on", fail_on, "--format", "json"]
    run = cli(*argv, *(["--exit-zero"] if exit_zero else []))
    assert run.code == _expected(kind, fail_on, exit_zero), run.err
    if run.code == 2:
        # one clear line per unreadable input, never a traceback
        assert run.err.startswith("dvc-validate: lỗi: ")
        assert len(run.err.strip().splitlines()) == 1
        assert "Traceback" not in run.err
        assert run.json()["files"][0]["error"]["code"].startswith("DV1")


def _write_config(tmp_path: Path, severity: str, codes: list[str]) -> None:
    table = "\n".join(f'{c} = "{severity}"' for c in codes)
    (tmp_path / "dvc-validate.toml").write_text(f"[severity]\n{table}\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("severity", "fails_on"),
    [("warning", {"warning", "info"}), ("info", {"info"})],
)
def test_threshold_follows_the_severity_of_the_findings(
    cli: Callable[..., Run],
    bad: Path,
    slip_codes: list[str],
    severity: str,
    fails_on: set[str],
) -> None:
    """With the slip demoted, only thresholds at or below its severity fail."""
    _write_config(bad.parent, severity, slip_codes)
    for fail_on in FAIL_ON:
        run = cli("lint", bad, "--fail-on", fail_on, "--format", "json")
        assert run.code == (1 if fail_on in fails_on else 0), (fail_on, run.out)


def test_one_unreadable_file_among_good_ones_is_exit_2(
    cli: Callable[..., Run], clean: Path, tmp_path: Path
) -> None:
    run = cli("lint", clean, tmp_path / "missing.txt", "--format", "json")
    assert run.code == 2
    files = {f["path"]: f for f in run.json()["files"]}
    assert files[str(clean)]["error"] is None  # the readable file is still checked
    assert files[str(tmp_path / "missing.txt")]["error"] is not None


def test_a_file_that_is_not_a_report_is_exit_2(cli: Callable[..., Run], tmp_path: Path) -> None:
    p = tmp_path / "minutes.md"
    p.write_text("# Biên bản họp\n\nKhông có số liệu nào ở đây.\n", encoding="utf-8")
    run = cli("lint", p, "--exit-zero")
    assert run.code == 2
    assert len(run.err.strip().splitlines()) == 1
