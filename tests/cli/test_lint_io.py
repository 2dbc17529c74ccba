"""Where lint reads from (files, folders, globs, stdin) and writes to (stdout, -o,
--report); writing a file never changes the exit code."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dvc_validate.cli import expand_paths

from .conftest import BAD_REPORT, CLEAN_REPORT, SLIP, Run, slip_findings


def test_report_option_writes_every_format(
    cli: Callable[..., Run], bad: Path, tmp_path: Path
) -> None:
    plain = cli("lint", bad, "--format", "json")
    a, b = tmp_path / "out" / "a.json", tmp_path / "b.sarif"
    run = cli("lint", bad, "--format", "json", "--report", f"json={a}", "--report", f"sarif={b}")
    assert run.code == plain.code == 1
    assert json.loads(run.out) == json.loads(a.read_text(encoding="utf-8"))
    assert json.loads(a.read_text(encoding="utf-8"))["schema"] == "dvc-validate/findings@1"
    sarif = json.loads(b.read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert any(SLIP in json.dumps(r, ensure_ascii=False) for r in sarif["runs"][0]["results"])


def test_output_file_keeps_the_exit_code(
    cli: Callable[..., Run], bad: Path, clean: Path, tmp_path: Path
) -> None:
    out = tmp_path / "findings.json"
    run = cli("lint", bad, "--format", "json", "-o", out)
    assert run.code == 1 and run.out == ""
    assert slip_findings(Run(0, out.read_text(encoding="utf-8"), ""))
    assert cli("lint", clean, "-o", tmp_path / "clean.txt.out").code == 0
    assert cli("lint", bad, "-o", out, "--exit-zero").code == 0


def test_output_is_never_an_input(cli: Callable[..., Run], bad: Path) -> None:
    before = bad.read_bytes()
    run = cli("lint", bad, "-o", bad)
    assert run.code == 2 and bad.read_bytes() == before


def test_unwritable_output_is_exit_2(cli: Callable[..., Run], bad: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    run = cli("lint", bad, "-o", blocker / "out.json")
    assert run.code == 2 and len(run.err.strip().splitlines()) == 1


@pytest.mark.parametrize("spec", ["sarif", "nope=out.x", "=out.json"])
def test_bad_report_spec_is_a_usage_error(cli: Callable[..., Run], bad: Path, spec: str) -> None:
    run = cli("lint", bad, "--report", spec)
    assert run.code == 2 and "--report" in run.err


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    )


def test_dash_reads_stdin(cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, BAD_REPORT)
    run = cli("lint", "-", "--format", "json")
    assert run.code == 1
    assert run.json()["files"][0]["path"] == "<stdin>"
    assert slip_findings(run)
    _stdin(monkeypatch, CLEAN_REPORT)
    assert cli("lint", "-", "--stdin-format", "markdown").code == 0


def test_unreadable_stdin_is_exit_2(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, "")
    run = cli("lint", "-", "--format", "json")
    assert run.code == 2 and run.json()["files"][0]["error"]["code"] == "DV103"


def test_dash_must_be_alone(cli: Callable[..., Run], bad: Path) -> None:
    assert cli("lint", "-", bad).code == 2


def _tree(root: Path) -> None:
    (root / "2024" / ".git").mkdir(parents=True)
    (root / "2024" / "02.txt").write_text(BAD_REPORT, encoding="utf-8")
    (root / "2024" / "01.md").write_text(CLEAN_REPORT, encoding="utf-8")
    (root / "2024" / "02.fixed.txt").write_text(CLEAN_REPORT, encoding="utf-8")
    (root / "2024" / ".git" / "x.txt").write_text(BAD_REPORT, encoding="utf-8")
    (root / "2024" / "~$02.docx").write_bytes(b"word lock file")
    (root / "2024" / ".hidden.txt").write_text(BAD_REPORT, encoding="utf-8")
    (root / "2024" / "logo.png").write_bytes(b"\x89PNG")


def test_folders_are_walked_skipping_hidden_lock_and_fixed_files(tmp_path: Path) -> None:
    _tree(tmp_path)
    files, errors = expand_paths([str(tmp_path)])
    assert not errors
    assert [Path(f).relative_to(tmp_path).as_posix() for f in files] == [
        "2024/01.md",
        "2024/02.txt",
    ]


def test_quoted_globs_are_expanded(cli: Callable[..., Run], tmp_path: Path) -> None:
    _tree(tmp_path)
    files, errors = expand_paths([str(tmp_path / "**" / "*.md"), str(tmp_path / "2024" / "0?.txt")])
    assert not errors
    assert sorted(Path(f).name for f in files) == ["01.md", "02.txt"]
    files, errors = expand_paths([str(tmp_path / "*.docx")])
    assert files == [] and [arg for arg, _ in errors] == [str(tmp_path / "*.docx")]
    assert cli("lint", tmp_path / "*.docx").code == 2


def test_a_file_named_twice_is_checked_once(tmp_path: Path) -> None:
    _tree(tmp_path)
    one = str(tmp_path / "2024" / "02.txt")
    files, _ = expand_paths([one, one, str(tmp_path / "2024")])
    assert files.count(one) == 1


def test_statistics(
    cli: Callable[..., Run], bad: Path, slip_codes: list[str], tmp_path: Path
) -> None:
    run = cli("lint", bad, "--statistics", "--format", "json")
    assert run.code == 1
    counts = {row["code"]: row["count"] for row in run.json()}
    assert all(counts[c] >= 1 for c in slip_codes)
    text = cli(
        "lint", bad, "--statistics", "--no-color", "-o", tmp_path / "r.json", "--format", "json"
    )
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["schema"]
    table = cli("lint", bad, "--statistics", "--no-color")
    assert all(c in table.out for c in slip_codes)
    assert table.out.strip().splitlines()[-1].split()[-1] == "1"  # the table ends with a count
    assert text.code == table.code == 1


def test_quiet_prints_nothing_for_a_clean_text_run(
    cli: Callable[..., Run], clean: Path, bad: Path
) -> None:
    assert cli("lint", clean, "--quiet").out == ""
    assert cli("lint", clean, "--quiet", "--format", "json").out != ""  # machines always get output
    assert SLIP in cli("lint", bad, "--quiet").out


def test_text_output_has_no_colour_when_not_a_terminal(cli: Callable[..., Run], bad: Path) -> None:
    assert "\x1b[" not in cli("lint", bad).out


@pytest.mark.parametrize(
    "fmt", ["text", "concise", "json", "sarif", "github", "junit", "markdown", "html"]
)
def test_every_format_renders(cli: Callable[..., Run], bad: Path, fmt: str) -> None:
    run = cli("lint", bad, "--format", fmt)
    assert run.code == 1 and run.out.strip()


def test_progress_bar_on_a_terminal_does_not_change_the_result(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(4):
        (tmp_path / f"r{i}.txt").write_text(CLEAN_REPORT, encoding="utf-8")
    (tmp_path / "r9.txt").write_text(BAD_REPORT, encoding="utf-8")
    plain = cli("lint", tmp_path, "--format", "json")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    shown = cli("lint", tmp_path, "--format", "json")
    assert shown.code == plain.code == 1
    assert shown.json() == plain.json()
    assert plain.err == ""  # no bar when stderr is not a terminal
    assert cli("lint", tmp_path, "--format", "json", "--quiet").err == ""


def test_an_empty_folder_is_reported_in_the_configs_language(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    (tmp_path / "dvc-validate.toml").write_text('lang = "en"\n', encoding="utf-8")
    (tmp_path / "empty").mkdir()
    run = cli("lint", tmp_path / "empty", "--format", "json")
    assert run.code == 2
    assert run.err.startswith("dvc-validate: error: No report files in the folder")
    assert run.json()["files"][0]["error"]["code"] == "DV101"
