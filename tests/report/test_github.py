"""GitHub workflow commands: one line a finding, escaped as the Actions runner expects."""

from __future__ import annotations

from dvc_validate.model.finding import FileResult, Finding, Result, Severity
from dvc_validate.model.location import Location
from dvc_validate.report import render
from dvc_validate.report.github import escape_data, escape_property, step_summary
from dvc_validate.report.markdown import render as markdown

from .fixtures import DOCX_PATH, PDF_PATH, TEXT_PATH, col_of


def _unescape(text: str) -> str:
    for enc, raw in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(enc, raw)
    return text


def test_escape_data() -> None:
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_data("a:b,c") == "a:b,c"  # only properties escape : and ,


def test_escape_property() -> None:
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert _unescape(escape_property("x%3A:,")) == "x%3A:,"  # % first, so it round-trips


def test_one_command_per_finding_plus_file_errors(result: Result) -> None:
    lines = render(result, "github").splitlines()
    assert len(lines) == len(result.findings) + 1
    assert sum(line.startswith("::error ") for line in lines) == 3 + 1
    assert sum(line.startswith("::warning ") for line in lines) == 2
    assert sum(line.startswith("::notice ") for line in lines) == 2


def test_text_finding_has_line_and_col(result: Result) -> None:
    lines = render(result, "github").splitlines()
    col = col_of(7, "1000%")
    expected = (
        f"::error file={TEXT_PATH},line=7,col={col},title=PC001 percent-out-of-range::"
        "Công khai, minh bạch: tỷ lệ 1000%25 nằm ngoài 0–100%25 (1000%25 → 100%25)"
    )
    assert expected in lines


def test_word_finding_has_no_line_and_says_where(result: Result) -> None:
    lines = [line for line in render(result, "github").splitlines() if DOCX_PATH in line]
    assert lines and all(",line=" not in line and ",col=" not in line for line in lines)
    sc = next(line for line in lines if "SC001" in line)
    assert sc.split("::")[2].startswith("bảng 1, hàng 3, ô 4: ")
    sc_en = next(
        line for line in render(result, "github", lang="en").splitlines() if "SC001" in line
    )
    assert sc_en.split("::")[2].startswith("table 1, row 3, cell 4: ")


def test_file_error_is_an_error_command(result: Result) -> None:
    lines = render(result, "github").splitlines()
    assert f"::error file={PDF_PATH},title=DV105::" in "\n".join(lines)


def test_properties_and_message_are_escaped() -> None:
    f = Finding(
        code="PC001",
        name="percent-out-of-range",
        severity=Severity.WARNING,
        message="50% of 1,000:\r\nsecond line",
        location=Location(line=3, column=2),
        found="50%",
        expected="5%",
    )
    r = Result(files=[FileResult(path="dir,1/a:b%.md", findings=[f])])
    (line,) = render(r, "github").splitlines()
    head, props, message = line.split("::")
    assert head == ""
    assert props == "warning file=dir%2C1/a%3Ab%25.md,line=3,col=2,title=PC001 percent-out-of-range"
    assert "\r" not in message and "\n" not in message
    assert _unescape(message) == "50% of 1,000:\r\nsecond line (50% → 5%)"


def test_no_findings_no_output() -> None:
    assert render(Result(files=[FileResult(path="a.md")]), "github") == ""


def test_step_summary_is_the_markdown_report(result: Result) -> None:
    assert step_summary(result, "en") == markdown(result, lang="en")
    assert "| Location | Code |" in step_summary(result, "en")
