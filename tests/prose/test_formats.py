"""Where a statement's finding points, in each format, and how numbers are read in context."""

from __future__ import annotations

import io

from docx import Document

from dvc_validate.api import lint_file

from .conftest import at, lint_text

KONTUM_LIKE = [
    "Tin tức: kết quả giải quyết hồ sơ quý I",
    "Cấp tỉnh tiếp nhận 2.000 hồ sơ, với 1.000 hồ sơ trực tuyến (đạt tỷ lệ 50,00%); "
    "cấp huyện tiếp nhận 3.000 hồ sơ, với 1.200 hồ sơ trực tuyến (đạt tỷ lệ 44,00%).",
]


def _docx(paragraphs: list[str]) -> bytes:
    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_word_findings_name_the_paragraph() -> None:
    result = lint_file(_docx(KONTUM_LIKE), format="docx")
    got = [(f.code, f.location.paragraph, f.found, f.expected) for f in result.findings]
    assert got == [("ST001", 2, "44,00%", "40,00%")]


def test_markdown_findings_name_line_and_column_of_the_source() -> None:
    text = "# Kết quả\n\n" + KONTUM_LIKE[1].replace("(đạt tỷ lệ 44,00%)", "(đạt tỷ lệ **44,00%**)")
    result = lint_file(text.encode(), format="markdown")
    line, col = at(text, "44,00%", line=3)
    got = [(f.code, f.location.line, f.location.column, f.found) for f in result.findings]
    assert got == [("ST001", line, col, "44,00%")]


def test_a_score_or_a_rate_with_a_point_is_a_decimal_and_the_mixed_style_is_one_warning() -> None:
    text = (
        "Năm 2023, tỉnh đạt 80,1 điểm, tăng 1.1 điểm so với năm 2022 (79,0 điểm).\n"
        "Bình quân cả nước 75.5 điểm; tỷ lệ trực tuyến cả nước 45.25%.\n"
        "Toàn tỉnh tiếp nhận 1.234 hồ sơ, trong đó 617 hồ sơ trực tuyến (50%)."
    )
    rows = lint_text(text)
    line, col = at(text, "1.1")
    # 1.1 read as 1,1 makes the change hold; "1.234 hồ sơ" stays a thousands group
    # (617 of 1.234 is 50%): neither gives an error
    assert rows == [("NF010", "warning", line, col, "1.1", "1,1")]


def test_a_text_in_one_style_has_no_style_finding() -> None:
    text = "Năm 2023, tỉnh đạt 80,1 điểm, tăng 1,1 điểm so với năm 2022 (79,0 điểm)."
    assert lint_text(text) == []


def test_a_rate_or_score_with_three_digits_after_a_point_is_a_decimal() -> None:
    text = (
        "Cấp xã tiếp nhận 3 hồ sơ, với 2 hồ sơ trực tuyến (66.667%); tỉnh đạt 80,1 điểm, "
        "tăng 1,1 điểm so với năm 2022 (79,0 điểm)."
    )
    rows = lint_text(text)
    line, col = at(text, "66.667%")
    assert rows == [("NF010", "warning", line, col, "66.667%", "66,667%")]
