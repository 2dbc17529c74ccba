"""Click's and the CLI's own usage errors, in the user's language: one line, exit 2.

Click writes its errors in English; a clerk who runs ``dvc-validate`` (Vietnamese by
default) and mistypes an option is told so in Vietnamese (issue 12).
"""

from __future__ import annotations

from collections.abc import Callable

import click
import pytest

from clirun import Run
from dvc_validate.cli._usage_vi import usage_message_vi

_VI = "dvc-validate: lỗi: "
_EN = "dvc-validate: error: "


def _one_line(run: Run, prefix: str) -> str:
    assert run.code == 2
    assert run.out == ""
    lines = run.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(prefix), run.err
    return lines[0]


@pytest.mark.parametrize(
    ("argv", "vi", "en"),
    [
        (
            ("lint", "--bogus", "x.txt"),
            "không có tùy chọn --bogus (xem: dvc-validate lint --help)",
            "No such option: --bogus (see: dvc-validate lint --help)",
        ),
        (("lint",), "thiếu đối số 'PATH'", "Missing argument 'PATH'."),
        (
            ("lint", "--fail-on", "sometimes", "x.txt"),
            "giá trị không hợp lệ cho '--fail-on': 'sometimes' không phải một trong 'error',",
            "Invalid value for '--fail-on'",
        ),
        (("nosuch",), "không có lệnh 'nosuch'", "No such command 'nosuch'."),
        (("version", "extra"), "thừa đối số (extra)", "unexpected extra argument"),
        (("lint", "x.txt", "--format"), "tùy chọn '--format' cần một giá trị", "requires an"),
        (
            ("lint", "a.txt", "--previous", "b.txt", "--series"),
            "không dùng --previous cùng --series",
            "--previous and --series cannot be combined",
        ),
    ],
    ids=[
        "no-such-option",
        "missing-argument",
        "bad-choice",
        "no-such-command",
        "extra",
        "needs-value",
        "own-check",
    ],
)
def test_usage_error_in_the_users_language(
    cli: Callable[..., Run], argv: tuple[str, ...], vi: str, en: str
) -> None:
    line_vi = _one_line(cli(*argv), _VI)
    assert vi in line_vi
    assert not any(w in line_vi for w in ("No such", "Missing", "Invalid", "Got ", "Option "))
    if argv[0] == "version":  # version takes no --lang: its error would be about that
        return
    # --lang en where a missing value cannot swallow it
    line_en = _one_line(cli(argv[0], "--lang", "en", *argv[1:]), _EN)
    assert en in line_en


def test_a_close_option_name_is_suggested(cli: Callable[..., Run]) -> None:
    line = _one_line(cli("lint", "--formt", "json", "x.txt"), _VI)
    assert "có phải ý bạn là" in line and "--format" in line


def test_a_non_number_is_said_in_vietnamese(cli: Callable[..., Run]) -> None:
    line = _one_line(cli("lint", "--max-bytes", "abc", "x.txt"), _VI)
    assert "giá trị không hợp lệ cho '--max-bytes': giá trị phải là số nguyên" in line


@pytest.mark.parametrize(
    ("exc", "vi"),
    [
        (
            click.NoSuchOption("--bogus", possibilities=["--bogas"]),
            "không có tùy chọn --bogus; có phải ý bạn là --bogas?",
        ),
        (click.MissingParameter(param=click.Argument(["path"])), "thiếu đối số 'PATH'"),
        (
            click.BadParameter("'x' is not a valid integer.", param=click.Option(["--jobs"])),
            "giá trị không hợp lệ cho '--jobs': 'x' không phải số nguyên hợp lệ",
        ),
        (
            click.BadParameter("File 'a.txt' does not exist.", param_hint="'PATH'"),
            "giá trị không hợp lệ cho 'PATH': Tệp 'a.txt' không tồn tại",
        ),
        (
            click.BadOptionUsage("-o", "Option '-o' requires 2 arguments."),
            "tùy chọn '-o' cần 2 giá trị",
        ),
        (click.UsageError("Got unexpected extra arguments (a b)"), "thừa đối số (a b)"),
    ],
)
def test_clicks_own_exceptions_in_vietnamese(exc: click.ClickException, vi: str) -> None:
    """Click itself (not only the copy typer vendors) is understood the same way."""
    assert usage_message_vi(exc) == vi


def test_an_unknown_sentence_is_left_to_click() -> None:
    assert usage_message_vi(click.UsageError("Something new in click 9.")) is None


def test_statistics_name_the_severity_in_the_users_language(
    cli: Callable[..., Run], bad: object
) -> None:
    vi = cli("lint", bad, "--statistics", "--no-color").out
    en = cli("lint", bad, "--statistics", "--no-color", "--lang", "en").out
    assert vi.splitlines()[0].split() == ["Mã", "Tên", "Mức", "Số", "lượng"]
    assert " lỗi " in vi and " error " not in vi
    assert en.splitlines()[0].split() == ["Code", "Name", "Severity", "Count"]
    assert " error " in en and " lỗi " not in en


def test_rules_list_names_the_severity_in_the_users_language(cli: Callable[..., Run]) -> None:
    vi = cli("rules", "--no-color").out.splitlines()
    en = cli("rules", "--no-color", "--lang", "en").out.splitlines()
    pc001_vi = next(line.split() for line in vi if line.startswith("PC001 "))
    pc001_en = next(line.split() for line in en if line.startswith("PC001 "))
    assert pc001_vi[3] == "lỗi" and pc001_en[3] == "error"
