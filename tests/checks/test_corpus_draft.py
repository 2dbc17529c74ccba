"""The corpus draft (xã Bình Thành, 02/2024), checked figure by figure by hand.

Every expected finding below was verified against the draft by a person:
- 1.1 new rate 1000% for 1731/1731 → 100%;
- 1.2.a old rate 70,63%: 3.863/(3.863+1.591) = 70,83% and 70,63 + 29,17 ≠ 100;
- 1.2.a change -525%: a decimal mark lost; with the counts' 70,83% it is -5,45%;
- 3.1 change -0,13%: 1,89 − 1,79 = +0,10;
- 3.5.a/b changes with the sign reversed; 3.6 change -1,2% for 9,8 − 13,9 = -4,1;
- total 86,2 in the appendix vs 86,02 in the text (81,96 + 4,06 = 86,02);
- axis changes 3,8 + 0,9 − 0,3 + 0,1 = 4,5 ≠ 4,06 (which axis is wrong cannot be told);
- Appendix II headers 29/01/2024 for the month end 29/02/2024 (2024 is a leap year);
- Appendix II item 4 (91,40%) ≠ Appendix I 6.1 (99,29% → 100%, +0,71%): one problem, since
  either whole row may be the stale one (two explanations of three figures each);
- 855,589 accounts (a count with a decimal comma) for 855.589;
- section numeral VI used twice: the total row is VII.
The axis scores themselves (11,8 + 20 + 6,9 + 10 + 18 + 20,1) are consistent with 86,02
within the precision the draft prints ("20", "10", "18" carry no decimals), so no
TO001 is expected.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dvc_validate.api import lint

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# (code, table, row, cell, found, expected) — table/row/cell are the same in .txt and .docx
ERRORS = {
    ("PC001", 1, 4, 6, "1000%", "100%"),
    ("PC003", 1, 6, 4, "70,63%", "70,83%"),
    ("PC001", 1, 6, 7, "-525%", "-5,45%"),
    ("DL001", 1, 12, 7, "-0,13%", "+0,10%"),
    ("DL002", 1, 19, 7, "-1,37%", "+1,37%"),
    ("DL002", 1, 20, 7, "1,37%", "-1,37%"),
    ("DL001", 1, 21, 7, "-1,2%", "-4,1%"),
    ("NF001", 1, 42, 5, "855,589", "855.589"),
    ("CO001", 1, 44, 5, "86,2", "86,02"),
    ("DT002", 2, 2, 4, "29/01/2024", "29/02/2024"),
    ("DT002", 2, 2, 7, "29/01/2024", "29/02/2024"),
    ("DT002", 2, 4, 4, "29/01/2024", "29/02/2024"),
    ("DT002", 2, 6, 5, "29/01/2024", "29/02/2024"),
    ("DT002", 2, 9, 4, "29/01/2024", "29/02/2024"),
    ("CO002", 2, 10, 3, "91,40%", None),  # one finding for the row: old, new and change
    ("TO002", None, None, None, "4,06", None),
}
WARNINGS = {
    ("NF003", 1, 28, 5, "2588", "2.588"),
    ("NF004", 1, 20, 6, "0", "0%"),
    ("NF004", 1, 43, 7, "4,26 %", "4,26%"),
    ("NF006", 1, 40, 7, "0,71%", "+0,71%"),
    ("NF006", 1, 43, 7, "4,26 %", "+4,26 %"),
    ("NF006", 2, 5, 5, "0,7%", "+0,7%"),
    ("NF003", 2, 8, 4, "2082", "2.082"),
    ("NF003", 2, 8, 6, "2206", "2.206"),
    ("DC002", 1, 22, 7, "", "0"),
    ("DC002", 1, 42, 7, "", None),
    ("DC002", 2, 8, 7, "", None),
    ("DC003", 1, 44, None, "VI", "VII"),
    ("NF005", 1, 14, 6, "95,6%", None),
    ("NF005", 1, 16, 4, "99,3%", None),
    ("NF005", 1, 16, 7, "+0,7%", None),
    ("DC007", None, None, None, "UBND huyện báo cáo", "UBND xã báo cáo"),
    ("DC004", None, None, None, "III", None),
    ("DC004", None, None, None, "IV", None),
    ("DC004", None, None, None, "V", None),
    ("DC004", None, None, None, "VI", None),
}
INFO_FOUND = {
    "Số: /UBND - VP",
    "ngày tháng 3 năm 2024",
    "Công văn số /",
    "ngày/03/2024",
    "Công văn số/",
    "ngày/3/2024",
}


def _keys(result, severity):  # type: ignore[no-untyped-def]
    return {
        (f.code, f.location.table, f.location.row, f.location.cell, f.found, f.expected)
        for f in result.findings
        if f.severity.value == severity
    }


@pytest.mark.parametrize("name", ["binh-thanh-2024-02.txt", "binh-thanh-2024-02.docx"])
def test_every_error_in_the_draft_is_found_once(name: str) -> None:
    result = lint(EXAMPLES / name)
    assert _keys(result, "error") == ERRORS


@pytest.mark.parametrize("name", ["binh-thanh-2024-02.txt", "binh-thanh-2024-02.docx"])
def test_format_and_structure_warnings(name: str) -> None:
    assert _keys(result := lint(EXAMPLES / name), "warning") == WARNINGS
    assert {f.found for f in result.findings if f.severity.value == "info"} == INFO_FOUND


def test_text_locations_are_exact_lines_and_columns() -> None:
    result = lint(EXAMPLES / "binh-thanh-2024-02.txt")
    lines = (EXAMPLES / "binh-thanh-2024-02.txt").read_text(encoding="utf-8").split("\n")
    for f in result.findings:
        if f.found and f.location.line and f.location.column:
            line = lines[f.location.line - 1]
            col = f.location.column - 1
            assert line[col : col + len(f.found)] == f.found, f


def test_docx_locations_name_paragraphs_or_grid_cells() -> None:
    result = lint(EXAMPLES / "binh-thanh-2024-02.docx")
    for f in result.findings:
        loc = f.location
        assert loc.line is None
        assert loc.paragraph is not None or (loc.table is not None and loc.row is not None)


def test_root_cause_of_row_1_2_a_is_the_old_rate_not_five_findings() -> None:
    result = lint(EXAMPLES / "binh-thanh-2024-02.txt")
    row = [
        f
        for f in result.findings
        if f.location.indicator == "1.2.a" and f.severity.value == "error"
    ]
    assert {(f.code, f.found) for f in row} == {("PC003", "70,63%"), ("PC001", "-525%")}
    change = next(f for f in row if f.found == "-525%")
    assert change.data["printed_value"] == pytest.approx(-5.25)  # the ambiguity is explained
