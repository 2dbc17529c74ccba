"""Markdown for merge-request comments: headings, counts, a table that stays a table."""

from __future__ import annotations

from dvc_validate.model.finding import FileResult, Finding, Result, Severity
from dvc_validate.model.location import Location
from dvc_validate.report import render
from dvc_validate.report.markdown import escape

from .fixtures import DOCX_PATH, TEXT_PATH


def test_headings_summary_and_table(result: Result) -> None:
    out = render(result, "markdown")
    assert f"### {TEXT_PATH}" in out
    assert f"### {DOCX_PATH}" in out
    assert "**2 lỗi**, 1 cảnh báo, 1 thông tin" in out
    assert "| Vị trí | Mã | Mức | Nội dung | Tìm thấy → Đề xuất |" in out
    assert "| bảng 1, hàng 3, ô 4 | `SC001` score-over-maximum |" in out


def test_english_headers(result: Result) -> None:
    out = render(result, "markdown", lang="en")
    assert "| Location | Code | Severity | Message | Found → Suggested |" in out
    assert "| table 1, row 3, cell 4 |" in out


def test_pipes_in_messages_are_escaped(result: Result) -> None:
    rows = [line for line in render(result, "markdown").splitlines() if "TO001" in line]
    (row,) = [r for r in rows if r.startswith("| dòng")]
    assert "78,46 \\| trong" in row
    # the row still has exactly five cells: unescaped pipes are the separators only
    assert row.replace("\\|", "").count("|") == 6


def test_escape() -> None:
    assert escape("a|b\nc  <i>d</i> `e`") == "a\\|b c &lt;i&gt;d&lt;/i&gt; \\`e\\`"


def test_file_error_and_clean_file(result: Result) -> None:
    out = render(result, "markdown", lang="en")
    assert "> **File could not be read** `DV105`:" in out
    assert "No findings." in out


def test_newline_in_message_does_not_break_the_table() -> None:
    f = Finding(
        code="CO001",
        name="text-table-mismatch",
        severity=Severity.ERROR,
        message="first\nsecond | third",
        location=Location(paragraph=1),
    )
    out = render(Result(files=[FileResult(path="a.docx", findings=[f])]), "markdown")
    (row,) = [line for line in out.splitlines() if line.startswith("| đoạn 1 |")]
    assert "first second \\| third" in row
