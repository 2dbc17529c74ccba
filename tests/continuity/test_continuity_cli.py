"""The CLI of issue 6: ``lint --previous``, ``lint --series`` and ``check-table``,
as ``main(argv) -> int`` with their exit codes (0 clean, 1 findings, 2 could not check)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .chain import JANUARY, following, months, render, write

ROOT = Path(__file__).resolve().parents[2]
FEBRUARY = following(JANUARY)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """(February, January) of one commune, consistent."""
    return write(tmp_path, FEBRUARY), write(tmp_path, JANUARY)


# --------------------------------------------------------------------------- --previous


def test_previous_clean_is_exit_0(cli: Any, pair: tuple[Path, Path]) -> None:
    this, last = pair
    run = cli("lint", this, "--previous", last, "--format", "json")
    assert run.code == 0, run.err
    assert run.findings() == []


def test_previous_with_a_slip_is_exit_1_and_points_into_both_files(
    cli: Any, pair: tuple[Path, Path]
) -> None:
    this, last = pair
    this.write_text(this.read_text(encoding="utf-8").replace("tăng 7 bậc so", "tăng 8 bậc so"))
    run = cli("lint", this, "--previous", last, "--format", "json", "--select", "CO012")
    assert run.code == 1
    (f,) = run.findings()
    assert (f["code"], f["found"], f["expected"], f["location"]["line"]) == ("CO012", "8", "7", 27)
    assert f["data"]["previous_path"] == str(last)
    assert f["related"][0]["line"] == 27  # last month's rank sentence, in last.txt


def test_previous_unreadable_is_exit_2_with_one_line(cli: Any, pair: tuple[Path, Path]) -> None:
    this, last = pair
    run = cli("lint", this, "--previous", last.with_name("nope.txt"), "--lang", "en")
    assert run.code == 2
    assert run.err.startswith("dvc-validate: error: ") and "nope.txt" in run.err
    assert run.err.count("\n") == 1 and "Traceback" not in run.err


@pytest.mark.parametrize("extra", [["--series"], ["EXTRA"]], ids=["with-series", "two-reports"])
def test_previous_needs_exactly_one_report_and_no_series(
    cli: Any, pair: tuple[Path, Path], extra: list[str]
) -> None:
    this, last = pair
    argv = [a if a != "EXTRA" else str(last) for a in extra]
    run = cli("lint", this, *argv, "--previous", last)
    assert run.code == 2 and "--previous" in run.err


def test_previous_with_stdin(
    cli: Any, pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _this, last = pair
    text = render(FEBRUARY).replace("tăng 7 bậc so", "tăng 8 bậc so").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text), encoding="utf-8"))
    run = cli("lint", "-", "--previous", last, "--format", "json", "--select", "CO01")
    assert run.code == 1 and [f["code"] for f in run.findings()] == ["CO012"]


def test_output_may_not_overwrite_the_previous(cli: Any, pair: tuple[Path, Path]) -> None:
    this, last = pair
    before = last.read_bytes()
    run = cli("lint", this, "--previous", last, "-o", last)
    assert run.code == 2 and last.read_bytes() == before


# --------------------------------------------------------------------------- --series


def test_series_with_a_gap_is_a_warning(cli: Any, tmp_path: Path) -> None:
    for spec in months(JANUARY, 4):
        if spec.month != 2:
            write(tmp_path, spec)
    run = cli("lint", tmp_path, "--series", "--format", "json")
    assert run.code == 0, run.err
    periods = [fr["period"] for fr in json.loads(run.out)["files"]]
    assert periods == ["2024-01", "2024-03", "2024-04"]
    gaps = [(f["code"], f["data"]["missing"]) for f in run.findings() if f["code"] == "DT011"]
    assert gaps == [("DT011", "02/2024")]
    assert cli("lint", tmp_path, "--series", "--fail-on", "warning").code == 1


def test_series_clean_is_exit_0_and_a_slip_exit_1(cli: Any, tmp_path: Path) -> None:
    paths = [write(tmp_path, s) for s in months(JANUARY, 3)]
    assert cli("lint", *paths, "--series", "--format", "json").code == 0
    march = paths[2].read_text(encoding="utf-8")
    row = next(ln for ln in march.split("\n") if ln.startswith("1\tSố lượng"))
    cells = row.split("\t")
    cells[2] = str(int(cells[2]) + 5)
    paths[2].write_text(march.replace(row, "\t".join(cells)), encoding="utf-8")
    run = cli("lint", tmp_path, "--series", "--format", "json", "--select", "CO010")
    assert run.code == 1
    assert [(f["code"], f["found"]) for f in run.findings()] == [("CO010", cells[2])]


def test_lint_previous_and_series_do_not_import_pandas(pair: tuple[Path, Path]) -> None:
    this, last = pair
    code = (
        "import sys\n"
        "from dvc_validate.cli import main\n"
        f"main(['lint', {str(this)!r}, '--previous', {str(last)!r}, '--format', 'json'])\n"
        f"main(['lint', {str(this)!r}, {str(last)!r}, '--series', '--format', 'json'])\n"
        "heavy = [m for m in ('pandas', 'pandera') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


# --------------------------------------------------------------------------- check-table

HEADER = (
    "unit_id,unit_name,level,group,period,indicator,old_count,old_rate,new_count,new_rate,change"
)
CLEAN_TABLE = (
    f"{HEADER}\n"
    "U1,Xã A,xa,g1,2024-02,2.1,,97.50,,98.25,0.75\n"
    "U1,Xã A,xa,g1,2024-02,2.2,,2.50,,1.75,-0.75\n"
)
BAD_TABLE = CLEAN_TABLE.replace("98.25,0.75", "148.25,0.75")


@pytest.fixture
def batch() -> None:
    pytest.importorskip(
        "dvc_validate.tables.batch", reason="the pandera batch path is not installed"
    )


@pytest.mark.usefixtures("batch")
def test_check_table_clean_bad_and_not_a_table(cli: Any, tmp_path: Path) -> None:
    clean, bad, other = tmp_path / "clean.csv", tmp_path / "bad.csv", tmp_path / "other.csv"
    clean.write_text(CLEAN_TABLE, encoding="utf-8")
    bad.write_text(BAD_TABLE, encoding="utf-8")
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    assert cli("check-table", clean).code == 0
    run = cli("check-table", bad, "--format", "json", "--lang", "en")
    assert run.code == 1
    (f,) = [f for f in run.findings() if f["found"] == "148.25"]
    assert f["location"]["sheet"] == "bad.csv" and f["location"]["row"] == 2  # the header is row 1
    assert cli("check-table", bad, "--exit-zero").code == 0
    assert cli("check-table", bad, "--fail-on", "never").code == 0
    assert cli("check-table", other).code == 2
    assert cli("check-table", tmp_path / "none.csv").code == 2


@pytest.mark.usefixtures("batch")
@pytest.mark.parametrize("fmt", ["sarif", "github", "junit", "markdown", "concise"])
def test_check_table_uses_the_same_reporters(cli: Any, tmp_path: Path, fmt: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_TABLE, encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    run = cli("check-table", bad, "--format", fmt, "--output", out)
    assert run.code == 1 and run.out == ""
    assert "148.25" in out.read_text(encoding="utf-8")


def test_check_table_without_the_batch_path_is_exit_2(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "dvc_validate.tables.batch", None)  # import fails
    table = tmp_path / "clean.csv"
    table.write_text(CLEAN_TABLE, encoding="utf-8")
    run = cli("check-table", table, "--lang", "en")
    assert run.code == 2
    assert "check-table needs pandas and pandera" in run.err and "Traceback" not in run.err
