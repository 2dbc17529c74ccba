"""The terminal report (rich) and the concise one-line-a-finding report."""

from __future__ import annotations

import re

from dvc_validate.model.document import Cell, Paragraph, Row
from dvc_validate.model.finding import FileError, FileResult, Result
from dvc_validate.model.location import Location
from dvc_validate.report import render
from dvc_validate.report._common import Target
from dvc_validate.report.concise import position
from dvc_validate.report.text import excerpt

from .fixtures import DOCX_PATH, PDF_PATH, TEXT_PATH, col_of

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_groups_by_file_and_section(result: Result) -> None:
    out = render(result, "text")
    assert out.index(TEXT_PATH) < out.index("  Văn bản") < out.index("  Bảng 1")
    docx = out[out.index(DOCX_PATH) :]
    # Word: document order (paragraph 2 comes before table 1), not numbering order
    assert docx.index("đoạn 2") < docx.index("bảng 1, hàng 3, ô 4")
    assert "Table 1" in render(result, "text", lang="en")


def test_each_finding_shows_location_code_severity_and_figures(result: Result) -> None:
    out = render(result, "text", lang="en")
    line = next(x for x in out.splitlines() if "line 4:" in x)
    assert "PC001" in line and "error" in line and "1000% → 100%" in line
    # the change first, right after the place: before the code and the message
    assert line.index("1000% → 100%") < line.index("PC001") < line.index("error")


def test_a_whole_row_finding_stays_in_its_tables_section() -> None:
    """A section numeral has a row and no cell; it belongs to its table in document
    order, so the table's heading is not printed a second time at the end."""
    from pathlib import Path

    import dvc_validate

    draft = Path(__file__).resolve().parents[2] / "examples" / "binh-thanh-2024-02.docx"
    out = render(dvc_validate.lint(draft), "text", lang="en")
    headings = [x.strip() for x in out.splitlines() if re.fullmatch(r"  (Text|Table \d+)", x)]
    assert headings == ["Text", "Table 1", "Text", "Table 2"]
    table1 = out[out.index("  Table 1") : out.index("  Table 2")]
    assert "table 1, row 44  VI → VII  DC003" in table1


def test_excerpt_of_the_table_row_under_the_finding(result: Result) -> None:
    out = render(result, "text")
    assert "│ 1.1 | Công khai, minh bạch | 95% | 1000% | -525%" in out
    assert "│ 1 | Công khai, minh bạch | 18 | 18,5" in out  # merged header cells skipped


def test_no_ansi_without_colour(result: Result) -> None:
    assert "\x1b[" not in render(result, "text")


def test_figure_is_bold_red_in_colour(result: Result) -> None:
    out = render(result, "text", color=True)
    excerpt_line = next(x for x in out.splitlines() if "đạt " in x and "1000%" in x and "│" in x)
    assert "\x1b[1;31m1000%\x1b[0m" in excerpt_line
    assert ANSI.sub("", out).splitlines()[0] == render(result, "text").splitlines()[0]


def test_file_error_and_summary(result: Result) -> None:
    out = render(result, "text", lang="en")
    assert f"{PDF_PATH}\n  File could not be read: DV105" in out
    assert "percent-out-of-range" in out.split("Summary")[1]
    assert out.rstrip().endswith("3 errors, 2 warnings, 2 infos in 4 files")


def test_lines_fit_the_width(result: Result) -> None:
    assert max(len(x) for x in render(result, "text").splitlines()) <= 100


def _cell(text: str, col: int) -> Cell:
    return Cell(text=text, location=Location(table=1, row=1, cell=col), col=col)


def test_excerpt_trims_long_text_around_the_figure() -> None:
    text = "x" * 200 + " 1000% " + "y" * 200
    p = Paragraph(text=text, location=Location(paragraph=1))
    shown, a, b = excerpt(Target(block=p, row=None, start=201, end=206))
    assert len(shown) <= 92 and shown.startswith("…") and shown.endswith("…")
    assert shown[a:b] == "1000%"


def test_excerpt_joins_the_row() -> None:
    cells = [_cell("1.1", 1), _cell("95%", 2), _cell("1000%", 3)]
    row = Row(index=1, location=Location(table=1, row=1), cells=cells)
    shown, a, b = excerpt(Target(block=cells[2], row=row, start=0, end=5))
    assert shown == "1.1 | 95% | 1000%"
    assert shown[a:b] == "1000%"


def test_concise_lines(result: Result) -> None:
    lines = render(result, "concise").splitlines()
    col = col_of(7, "1000%")
    assert (
        f"{TEXT_PATH}:7:{col}: PC001 [error] (1000% → 100%) Công khai, minh bạch: tỷ lệ 1000% "
        "nằm ngoài 0–100%"
    ) in lines
    assert any(x.startswith(f"{DOCX_PATH}:table 1 row 3 cell 4: SC001 [error] ") for x in lines)
    assert any(x.startswith(f"{DOCX_PATH}:paragraph 2: DT001 [warning] ") for x in lines)
    assert f"{PDF_PATH}: DV105 [error] " in "\n".join(lines)
    assert lines[-1] == "3 lỗi, 2 cảnh báo, 2 thông tin trong 4 tệp"
    assert render(result, "concise", lang="en").splitlines()[-1] == (
        "3 errors, 2 warnings, 2 infos in 4 files"
    )


def test_concise_position() -> None:
    assert position(Location(line=75, column=52)) == "75:52"
    assert position(Location(line=75)) == "75"
    assert position(Location(table=1, row=4, cell=6)) == "table 1 row 4 cell 6"
    assert position(Location(paragraph=18)) == "paragraph 18"
    assert position(Location(sheet="PL1", row=4, cell=6)) == "sheet PL1 row 4 cell 6"
    assert position(Location(page=2, line=5)) == "page 2 line 5"


def test_concise_error_only() -> None:
    r = Result(files=[FileResult(path="x.doc", error=FileError(code="DV102", message="no .doc"))])
    assert render(r, "concise", lang="en") == (
        "x.doc: DV102 [error] no .doc\n0 errors, 0 warnings, 0 infos in 1 file\n"
    )
