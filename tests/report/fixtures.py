"""A fixed, hand-built Result for the reporter tests.

Built from the models, not by running the linter, so a change in a reader or a
rule never moves these snapshots: only a change in a reporter does. Four files:

1. a text source (Word exported to text) with its Document: paragraphs and a
   tab-separated table; findings of all three severities, with found/expected,
   a fix, related locations and data;
2. a Word source: paragraph and table/row/cell locations, no lines, a merged
   header cell, a Vietnamese file name with a space;
3. a PDF that could not be read (FileResult.error);
4. a clean file with no findings.
"""

from __future__ import annotations

from dvc_validate.model.document import Cell, Document, Paragraph, Row, Table
from dvc_validate.model.finding import (
    Applicability,
    FileError,
    FileResult,
    Finding,
    Fix,
    Result,
    Severity,
)
from dvc_validate.model.location import Location

TEXT_PATH = "reports/bao-cao-02-2024.md"
DOCX_PATH = "reports/Báo cáo tháng 3.docx"
PDF_PATH = "reports/scan-04.pdf"
CLEAN_PATH = "reports/bao-cao-01-2024.md"

TEXT_LINES = [
    "UBND XÃ BÌNH THÀNH",
    "BÁO CÁO Kết quả Bộ chỉ số phục vụ người dân, doanh nghiệp tháng 02/2024",
    "Tổng điểm đạt 78,5/100 điểm, tăng 2,3 điểm so với tháng trước.",
    "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 1000% (mục tiêu: 80%).",
    "",
    "STT\tChỉ số\tTháng 01\tTháng 02\tTăng/giảm",
    "1.1\tCông khai, minh bạch\t95%\t1000%\t-525%",
    "1.2\tTiến độ giải quyết\t88,2%\t90,1%\t+1,9%",
]


def _para(line: int) -> Paragraph:
    text = TEXT_LINES[line - 1]
    return Paragraph(
        text=text,
        location=Location(line=line, column=1),
        columns=list(range(1, len(text) + 1)),
        bold=line <= 2,
    )


def _text_row(line: int, table: int, index: int) -> Row:
    cells, pos = [], 0
    for ci, part in enumerate(TEXT_LINES[line - 1].split("\t"), 1):
        loc = Location(line=line, column=pos + 1, table=table, row=index, cell=ci)
        cols = list(range(pos + 1, pos + 1 + len(part)))
        cells.append(Cell(text=part, location=loc, columns=cols, col=ci))
        pos += len(part) + 1
    return Row(index=index, location=Location(line=line, table=table, row=index), cells=cells)


def col_of(line: int, needle: str) -> int:
    """1-based column of ``needle`` on a line of the text source."""
    return TEXT_LINES[line - 1].index(needle) + 1


def text_document() -> Document:
    table = Table(
        index=1,
        location=Location(line=6, table=1),
        rows=[_text_row(6, 1, 1), _text_row(7, 1, 2), _text_row(8, 1, 3)],
    )
    return Document(
        source=TEXT_PATH,
        format="text",
        blocks=[_para(1), _para(2), _para(3), _para(4), table],
    )


def _at(line: int, needle: str, **kw: int) -> Location:
    return Location(line=line, column=col_of(line, needle), **kw)


def text_findings() -> list[Finding]:
    return [
        Finding(
            code="PC001",
            name="percent-out-of-range",
            severity=Severity.ERROR,
            message="Công khai, minh bạch: tỷ lệ 1000% nằm ngoài 0–100%",
            location=_at(7, "1000%", table=1, row=2, cell=4).with_indicator("1.1"),
            found="1000%",
            expected="100%",
            data={"label": "Công khai, minh bạch", "found": "1000%", "role": "new.rate"},
            fix=Fix(replacement="100%", applicability=Applicability.UNSAFE),
        ),
        Finding(
            code="PC001",
            name="percent-out-of-range",
            severity=Severity.ERROR,
            message="Hồ sơ trực tuyến toàn trình: tỷ lệ 1000% nằm ngoài 0–100%",
            location=_at(4, "1000%"),
            found="1000%",
            expected="100%",
            data={"label": "Hồ sơ trực tuyến toàn trình", "found": "1000%", "role": "statement"},
            fix=Fix(replacement="100%", applicability=Applicability.UNSAFE),
        ),
        Finding(
            code="DL001",
            name="change-mismatch",
            severity=Severity.WARNING,
            message="Công khai, minh bạch: tăng/giảm -525% không khớp 1000% − 95% = +905 điểm %",
            location=_at(7, "-525%", table=1, row=2, cell=5).with_indicator("1.1"),
            found="-525%",
            expected="+5,0%",
            related=[
                _at(7, "95%", table=1, row=2, cell=3),
                _at(7, "1000%", table=1, row=2, cell=4),
            ],
            data={"label": "Công khai, minh bạch", "found": "-525%", "old": "95%", "new": "1000%"},
        ),
        Finding(
            code="TO001",
            name="axis-sum-mismatch",
            severity=Severity.INFO,
            message="Tổng điểm 78,5 khác tổng các trục 78,46 | trong sai số làm tròn",
            location=_at(3, "78,5"),
            found="78,5",
            data={"found": "78,5", "sum": "78,46", "subject": "total"},
        ),
    ]


def docx_document() -> Document:
    def cell(r: int, c: int, text: str, span: int = 1, merged: bool = False) -> Cell:
        loc = Location(table=1, row=r, cell=c)
        return Cell(text=text, location=loc, col=c, span=span, merged=merged)

    rows = [
        [
            cell(1, 1, "TT"),
            cell(1, 2, "Trục"),
            cell(1, 3, "Điểm", span=2),
            cell(1, 4, "", merged=True),
        ],
        [cell(2, 1, ""), cell(2, 2, ""), cell(2, 3, "Tối đa"), cell(2, 4, "Đạt")],
        [cell(3, 1, "1"), cell(3, 2, "Công khai, minh bạch"), cell(3, 3, "18"), cell(3, 4, "18,5")],
        [cell(4, 1, "2"), cell(4, 2, "Tiến độ giải quyết"), cell(4, 3, "20"), cell(4, 4, "19,25")],
    ]
    table = Table(
        index=1,
        location=Location(table=1),
        rows=[
            Row(index=i, location=Location(table=1, row=i), cells=r) for i, r in enumerate(rows, 1)
        ],
    )
    paras = [
        "BÁO CÁO Kết quả Bộ chỉ số tháng 3/2024",
        "Số liệu tính đến ngày 31/02/2024 trên Hệ thống thông tin giải quyết TTHC.",
        "Chi tiết tại trang https://dichvucong.gov.vn của Cổng Dịch vụ công quốc gia.",
    ]
    blocks: list[Paragraph | Table] = [
        Paragraph(text=t, location=Location(paragraph=i), bold=i == 1)
        for i, t in enumerate(paras, 1)
    ]
    blocks.append(table)
    return Document(source=DOCX_PATH, format="docx", blocks=blocks)


def docx_findings() -> list[Finding]:
    return [
        Finding(
            code="SC001",
            name="score-over-maximum",
            severity=Severity.ERROR,
            message="Trục Công khai, minh bạch: điểm 18,5 vượt điểm tối đa 18",
            location=Location(table=1, row=3, cell=4, indicator="1"),
            found="18,5",
            expected="≤ 18",
            related=[Location(table=1, row=3, cell=3)],
            data={"label": "Công khai, minh bạch", "found": "18,5", "max": "18"},
            fix=Fix(replacement="18", applicability=Applicability.DISPLAY),
        ),
        Finding(
            code="DT001",
            name="impossible-date",
            severity=Severity.WARNING,
            message="Ngày 31/02/2024 không tồn tại",
            location=Location(paragraph=2),
            found="31/02/2024",
            expected="29/02/2024",
            data={"found": "31/02/2024"},
            fix=Fix(replacement="29/02/2024", applicability=Applicability.SAFE),
        ),
        Finding(
            code="NF005",
            name="inconsistent-precision",
            severity=Severity.INFO,
            message="Điểm 19,25 có 2 chữ số thập phân; báo cáo dùng 1",
            location=Location(table=1, row=4, cell=4, indicator="2"),
            found="19,25",
            expected="19,3",
            data={"found": "19,25", "decimals": 2},
        ),
    ]


def _fingerprinted(path: str, findings: list[Finding]) -> list[Finding]:
    return [f.model_copy(update={"fingerprint": f.compute_fingerprint(path)}) for f in findings]


def build_result(lang: str = "vi") -> Result:
    """The fixed result every reporter test renders."""
    return Result(
        lang=lang,
        tool_version="0.1.0",
        files=[
            FileResult(
                path=TEXT_PATH,
                period="2024-02",
                findings=_fingerprinted(TEXT_PATH, text_findings()),
                document=text_document(),
            ),
            FileResult(
                path=DOCX_PATH,
                period="2024-03",
                findings=_fingerprinted(DOCX_PATH, docx_findings()),
                document=docx_document(),
            ),
            FileResult(
                path=PDF_PATH,
                error=FileError(
                    code="DV105",
                    message="Tệp reports/scan-04.pdf là bản scan, không có lớp văn bản để đọc.",
                ),
            ),
            FileResult(path=CLEAN_PATH, period="2024-01", findings=[], document=None),
        ],
    )
