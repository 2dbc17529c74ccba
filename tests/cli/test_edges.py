"""The CLI's conventions a new user meets: folders with other files in them, stdin's
name, an unreadable file said once, and the option spellings of other linters."""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from clirun import Run

ROOT = Path(__file__).resolve().parents[2]
DRAFT = ROOT / "examples" / "binh-thanh-2024-02.txt"
TABLE = ROOT / "examples" / "province-table-2024-02.csv"

Cli = Callable[..., Run]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A draft, the province table (a CSV that is not a report) and a README."""
    shutil.copy(DRAFT, tmp_path / DRAFT.name)
    shutil.copy(TABLE, tmp_path / TABLE.name)
    (tmp_path / "README.md").write_text("# Báo cáo\n\nGhi chú.\n", encoding="utf-8")
    return tmp_path


def test_a_walk_skips_files_that_are_not_reports_with_a_note(cli: Cli, folder: Path) -> None:
    run = cli("lint", folder, "--format", "json")
    assert run.code == 1  # the draft's findings, not exit 2 for the CSV or the README
    assert [Path(f["path"]).name for f in run.json()["files"]] == [DRAFT.name]
    notes = run.err.splitlines()
    table = folder / TABLE.name
    assert notes == [
        f"dvc-validate: ghi chú: bỏ qua {folder / 'README.md'}: không phải báo cáo theo QĐ 766.",
        f"dvc-validate: ghi chú: bỏ qua {table}: không phải báo cáo theo QĐ 766. "
        f"Bảng số liệu nhiều đơn vị thì dùng: dvc-validate check-table {table}",
    ]


def test_a_glob_skips_them_too_and_quiet_drops_the_note(cli: Cli, folder: Path) -> None:
    run = cli("lint", str(folder / "*.*"), "--format", "concise", "-q", "--lang", "en")
    assert run.code == 1 and run.err == ""
    assert run.out.rstrip().endswith("in 1 file")


def test_a_file_named_explicitly_is_still_exit_2(cli: Cli, folder: Path) -> None:
    run = cli("lint", folder / TABLE.name, folder / DRAFT.name, "--format", "json")
    assert run.code == 2
    assert [f["error"]["code"] if f["error"] else None for f in run.json()["files"]] == [
        "DV200",
        None,
    ]


def test_skip_non_reports_skips_named_files_as_a_walk_does(cli: Cli, folder: Path) -> None:
    run = cli("lint", "--skip-non-reports", folder / "README.md", folder / DRAFT.name)
    assert run.code == 1
    assert (
        run.err
        == f"dvc-validate: ghi chú: bỏ qua {folder / 'README.md'}: không phải báo cáo theo QĐ 766.\n"
    )
    # a damaged report is never skipped: only "not a report" is
    broken = folder / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    run = cli("lint", "--skip-non-reports", broken)
    assert run.code == 2 and "bỏ qua" not in run.err and run.err.startswith("dvc-validate: lỗi: ")


def test_an_unreadable_file_is_said_once(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "none.txt"
    for fmt in ("text", "concise"):
        run = cli("lint", missing, DRAFT, "--format", fmt, "--no-color")
        assert run.code == 2
        assert run.err.count(str(missing)) == 1
        assert str(missing) not in run.out  # the report beside it leaves it out
        assert DRAFT.name in run.out
    # a report written to a file keeps it: nothing else shows it there
    out = tmp_path / "r.txt"
    assert cli("lint", missing, "-o", out).code == 2
    assert str(missing) in out.read_text(encoding="utf-8")


def test_stdin_is_named_stdin(cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"hello\n")))
    run = cli("lint", "-", "--format", "json")
    assert run.code == 2
    error = run.json()["files"][0]
    assert error["path"] == "<stdin>" and error["error"]["message"].startswith("<stdin> ")
    assert "<bytes>" not in run.err


def test_output_format_is_an_alias_of_format(cli: Cli) -> None:
    a = cli("lint", DRAFT, "--output-format", "concise")
    b = cli("lint", DRAFT, "--format", "concise")
    assert (a.code, a.out) == (b.code, b.out)
    assert a.out.startswith(f"{DRAFT}:")
    t = cli("check-table", TABLE, "--output-format", "json")
    assert t.code == 1 and t.json()["schema"] == "dvc-validate/findings@1"


def test_a_mistyped_rule_gets_a_suggestion_and_names_its_option(cli: Cli) -> None:
    run = cli("lint", DRAFT, "--select", "PC0O1", "--lang", "en")
    assert run.code == 2
    assert run.err == (
        "dvc-validate: error: No rule matches 'PC0O1'. Did you mean 'PC001'? "
        "See the list: dvc-validate rules [option --select]\n"
    )
    run = cli("lint", DRAFT, "--ignore", "percent-out-of-rang")
    assert "Có phải ý bạn là 'percent-out-of-range'?" in run.err
    assert "[tuỳ chọn --ignore]" in run.err and "khoá" not in run.err
    assert "Did you mean 'PC001'?" in cli("explain", "PC0001", "--lang", "en").err
    far = cli("lint", DRAFT, "--select", "xyzzy", "--lang", "en")
    assert far.code == 2 and "Did you mean" not in far.err


def test_a_config_key_from_a_file_is_still_named_as_a_key(cli: Cli, tmp_path: Path) -> None:
    shutil.copy(DRAFT, tmp_path / DRAFT.name)
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.dvc-validate]\nignore = ["PC0O1"]\n', encoding="utf-8")
    run = cli("lint", tmp_path / DRAFT.name, "--lang", "en")
    assert run.code == 2 and "[key 'ignore']" in run.err and "Did you mean 'PC001'?" in run.err
    config.write_text('[tool.dvc-validate]\nselectt = ["PC"]\n', encoding="utf-8")
    run = cli("lint", tmp_path / DRAFT.name, "--lang", "en")
    assert run.code == 2
    assert "key 'tool.dvc-validate.selectt': unknown key (did you mean 'select'?)" in run.err


def test_a_folder_with_no_report_at_all_is_still_exit_2(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Báo cáo\n", encoding="utf-8")
    run = cli("lint", tmp_path, "--lang", "en")
    assert run.code == 2
    assert f"skipped {tmp_path / 'README.md'}" in run.err
    assert f"No report in {tmp_path}: none of the files found is a report." in run.err
    # pre-commit naming only a README: nothing to check is a pass
    named = cli("lint", "--skip-non-reports", tmp_path / "README.md")
    assert named.code == 0
