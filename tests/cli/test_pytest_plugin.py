"""The pytest plugin: ``pytest --dvc-validate reports/`` makes each report a test,
and without the flag it changes nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import BAD_REPORT, CLEAN_REPORT, SLIP


@pytest.fixture
def reports(pytester: pytest.Pytester) -> pytest.Pytester:
    folder = pytester.mkdir("reports")
    (folder / "bad.txt").write_text(BAD_REPORT, encoding="utf-8")
    (folder / "clean.md").write_text(CLEAN_REPORT, encoding="utf-8")
    (folder / "clean.fixed.txt").write_text(BAD_REPORT, encoding="utf-8")  # fixer output: skipped
    (folder / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")  # not a collected format
    pytester.makepyfile(test_unit="def test_ok():\n    assert True\n")
    return pytester


def test_reports_become_test_items(reports: pytest.Pytester) -> None:
    result = reports.runpytest("--dvc-validate", "reports", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["FAILED reports/bad.txt::dvc-validate*"])
    result.stdout.fnmatch_lines(["reports/bad.txt:*:*: * [[]error[]] *"])  # concise, relative path
    assert SLIP in result.stdout.str()
    assert "Traceback" not in result.stdout.str()


def test_fail_on_option(reports: pytest.Pytester) -> None:
    result = reports.runpytest(
        "--dvc-validate", "--dvc-validate-fail-on", "never", "reports", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=2)


def test_config_fail_on_is_used(reports: pytest.Pytester) -> None:
    (reports.path / "dvc-validate.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    result = reports.runpytest("--dvc-validate", "reports", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_an_unreadable_report_fails_with_its_message(reports: pytest.Pytester) -> None:
    (reports.path / "reports" / "empty.txt").write_bytes(b"")
    result = reports.runpytest("--dvc-validate", "reports", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=2)
    assert "empty.txt" in result.stdout.str()


def test_without_the_flag_nothing_is_collected(reports: pytest.Pytester) -> None:
    result = reports.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)  # only the ordinary unit test
    result.stdout.fnmatch_lines(["collected 1 item"])


def test_the_marker_selects_report_items(reports: pytest.Pytester) -> None:
    result = reports.runpytest("--dvc-validate", "-m", "not dvc_validate", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_loading_the_plugin_does_not_import_pandas() -> None:
    code = (
        "import sys, dvc_validate.pytest_plugin\n"
        "assert 'pandas' not in sys.modules and 'pandera' not in sys.modules\n"
        "assert 'dvc_validate.api' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_a_bad_config_fails_the_items_with_one_line(reports: pytest.Pytester) -> None:
    (reports.path / "dvc-validate.toml").write_text("bogus = 1\n", encoding="utf-8")
    result = reports.runpytest("--dvc-validate", "reports", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["dvc-validate: Cấu hình không hợp lệ*'bogus'*"])
    assert "Traceback" not in result.stdout.str()
