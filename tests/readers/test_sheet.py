"""Excel and CSV reader: an Appendix I sheet reads like the Word table, located to the cell."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from dvc_validate.errors import CorruptInputError, InputTooLargeError
from dvc_validate.model.document import Document, Paragraph, Table
from dvc_validate.model.location import Location
from dvc_validate.readers import ReadLimits, read_bytes
from dvc_validate.readers.sheet import cell_ref, format_cell_value, read_csv, read_xlsx

LIMITS = ReadLimits()
HEADER_OLD = "Thống kê trên Cổng dịch vụ công quốc gia ngày 31/01/2024"
HEADER_NEW = "Thống kê trên Cổng dịch vụ công quốc gia ngày 29/02/2024"
HEADER_CHANGE = "Tăng (+)/Giảm (-) so với ngày 31/01/2024"
PCT = "0.00%"
SIGNED = "+0.00%;-0.00%;0%"

# (sheet row, values from column A); a tuple is (value, number format)
Value = str | int | float | tuple[float, str] | None
APPENDIX_ROWS: list[tuple[int, list[Value]]] = [
    (6, ["I", "Công khai, minh bạch"]),
    (7, ["1.1", "Số TTHC công khai", "1764/1764", (1, "0%"), "1731/1731", (10, "0%"), (0, "0%")]),
    (8, ["1.2", "Số hồ sơ tiếp nhận đã đồng bộ"]),
    (
        9,
        [
            "a)",
            "Hồ sơ đã đồng bộ",
            (3863, "#,##0"),
            (0.7063, PCT),
            68,
            (0.6538, PCT),
            (-5.25, "0%"),
        ],
    ),
    (
        10,
        [
            "b)",
            "Hồ sơ chưa đồng bộ",
            (1591, "#,##0"),
            (0.2917, PCT),
            36,
            (0.3462, PCT),
            (0.0545, SIGNED),
        ],
    ),
    (12, ["3.3", "Còn lại", 161, (0.9583, PCT), 152, (0.956, "0.0%"), (-0.0023, SIGNED)]),
    (13, [None, "Kiến nghị về những vướng mắc, bất cập"]),
    (14, ["6.3", "Số lượng tài khoản được xác thực", (837873, "#,##0"), None, 855.589]),
]


def appendix_workbook() -> bytes:
    """Appendix I of examples/binh-thanh-2024-02.txt as a clerk would lay it out in Excel."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws["A1"] = "PHỤ LỤC I. BIỂU TỔNG HỢP SỐ LIỆU THÁNG 02 NĂM 2024"
    ws["A1"].font = Font(bold=True)
    ws["A2"] = "(Kèm theo Công văn số /UBND- VP ngày/03/2024 của UBND xã Bình Thành)"
    ws["A4"], ws["B4"], ws["C4"], ws["E4"], ws["G4"] = (
        "Số TT",
        "Nội dung",
        HEADER_OLD,
        HEADER_NEW,
        HEADER_CHANGE,
    )
    ws["C5"], ws["D5"], ws["E5"], ws["F5"] = "Số liệu", "Tỷ lệ (%)", "Số liệu", "Tỷ lệ (%)"
    for ref in ("A1:G1", "A2:G2", "A4:A5", "B4:B5", "C4:D4", "E4:F4", "G4:G5"):
        ws.merge_cells(ref)
    for row, values in APPENDIX_ROWS:
        for col, v in enumerate(values, 1):
            if isinstance(v, tuple):
                ws.cell(row, col, v[0]).number_format = v[1]
            elif v is not None:
                ws.cell(row, col, v)
    # a second appendix below, after a long unmerged title typed in column A
    ws["A16"] = "PHỤ LỤC SỐ II. THỐNG KÊ CHI TIẾT CỦA UBND XÃ BÌNH THÀNH"
    ws["A17"], ws["B17"], ws["C17"] = "Số TT", "Nội dung", "Số hồ sơ quá hạn"
    ws["A18"], ws["B18"], ws["C18"] = "1", "Hồ sơ quá hạn", "=1+1"  # never computed
    other = wb.create_sheet("Phụ lục II")
    other["B2"], other["C2"] = "Ngày thống kê", datetime(2024, 2, 29)
    other["B3"], other["C3"] = "Tỷ lệ", 0.956
    other["C3"].number_format = "0.0%"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def doc() -> Document:
    result = read_bytes(appendix_workbook(), "phu-luc.xlsx")
    assert isinstance(result, Document)
    return result


def test_title_rows_become_paragraphs(doc: Document) -> None:
    paras = list(doc.paragraphs())
    assert [(p.text[:20], p.location) for p in paras] == [
        ("PHỤ LỤC I. BIỂU TỔNG", Location(sheet="Sheet1", row=1, cell=1)),
        ("(Kèm theo Công văn s", Location(sheet="Sheet1", row=2, cell=1)),
        ("PHỤ LỤC SỐ II. THỐNG", Location(sheet="Sheet1", row=16, cell=1)),
    ]
    assert paras[0].bold and not paras[1].bold


def test_blocks_keep_sheet_order(doc: Document) -> None:
    kinds = [(b.kind, b.location.sheet, b.location.row) for b in doc.blocks]
    assert kinds == [
        ("paragraph", "Sheet1", 1),
        ("paragraph", "Sheet1", 2),
        ("table", "Sheet1", 4),
        ("paragraph", "Sheet1", 16),
        ("table", "Sheet1", 17),
        ("table", "Phụ lục II", 2),
    ]
    assert [t.index for t in doc.tables()] == [1, 2, 3]


def test_appendix_rows_align_like_the_word_table(doc: Document) -> None:
    table = next(doc.tables())
    # the same cells, in the same grid, as the tab-separated export of the Word table
    assert [r.texts() for r in table.rows] == [
        ["Số TT", "Nội dung", HEADER_OLD, "", HEADER_NEW, "", HEADER_CHANGE],
        ["", "", "Số liệu", "Tỷ lệ (%)", "Số liệu", "Tỷ lệ (%)", ""],
        ["I", "Công khai, minh bạch", "", "", "", "", ""],
        ["1.1", "Số TTHC công khai", "1764/1764", "100%", "1731/1731", "1000%", "0%"],
        ["1.2", "Số hồ sơ tiếp nhận đã đồng bộ", "", "", "", "", ""],
        ["a)", "Hồ sơ đã đồng bộ", "3.863", "70,63%", "68", "65,38%", "-525%"],
        ["b)", "Hồ sơ chưa đồng bộ", "1.591", "29,17%", "36", "34,62%", "+5,45%"],
        ["3.3", "Còn lại", "161", "95,83%", "152", "95,6%", "-0,23%"],
        ["", "Kiến nghị về những vướng mắc, bất cập", "", "", "", "", ""],  # stays in the table
        ["6.3", "Số lượng tài khoản được xác thực", "837.873", "", "855,589", "", ""],
    ]
    assert [r.index for r in table.rows] == list(range(1, 11))
    assert [r.location.row for r in table.rows] == [4, 5, 6, 7, 8, 9, 10, 12, 13, 14]


def test_merged_header_cells(doc: Document) -> None:
    header, sub = next(doc.tables()).rows[:2]
    assert [(c.col, c.span, c.merged) for c in header.cells] == [
        (1, 1, False),
        (2, 1, False),
        (3, 2, False),
        (4, 1, True),
        (5, 2, False),
        (6, 1, True),
        (7, 1, False),
    ]
    # vertical merges: the cells under "Số TT", "Nội dung" and the change column
    assert [c.col for c in sub.cells if c.merged] == [1, 2, 7]


def test_cell_locations_are_real_sheet_positions(doc: Document) -> None:
    table = next(doc.tables())
    cell = table.rows[5].cell(4)
    assert cell is not None and cell.text == "70,63%"
    assert cell.location == Location(sheet="Sheet1", table=1, row=9, cell=4)
    assert cell_ref(cell.location) == "Sheet1!D9"
    assert table.location == Location(sheet="Sheet1", table=1, row=4)
    assert table.rows[5].location == Location(sheet="Sheet1", table=1, row=9)


def test_second_sheet_and_quoted_reference(doc: Document) -> None:
    table = list(doc.tables())[2]
    assert [r.texts() for r in table.rows] == [["Ngày thống kê", "29/02/2024"], ["Tỷ lệ", "95,6%"]]
    # the table starts in column B: col counts from the table, location.cell from the sheet
    cell = table.rows[1].cells[1]
    assert (cell.col, cell.location.cell) == (2, 3)
    assert cell_ref(cell.location) == "'Phụ lục II'!C3"


def test_uncomputed_formula_is_noted(doc: Document) -> None:
    assert [(n.code, n.location.sheet, n.data.get("count")) for n in doc.notes] == [
        ("xlsx-uncached-formulas", "Sheet1", "1")
    ]
    assert list(doc.tables())[1].rows[1].texts() == ["1", "Hồ sơ quá hạn", ""]


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (0.7063, "0.00%", "70,63%"),
        (0.70625, "0.00%", "70,63%"),  # Excel rounds half away from zero; round() would say 70,62
        (1, "0%", "100%"),
        (0.0545, SIGNED, "+5,45%"),
        (-0.0309, SIGNED, "-3,09%"),
        (0, SIGNED, "0%"),
        (3863, "#,##0", "3.863"),
        (837873.4, "#,##0", "837.873"),
        (1234.5, "#,##0.00", "1.234,50"),
        (12.75, "0.0", "12,8"),
        (2588, "General", "2588"),  # General shows no grouping: what the clerk saw
        (95.6, "General", "95,6"),
        (0.1 + 0.2, "General", "0,3"),  # no float noise
        (-3.09, None, "-3,09"),
        (4.0, "General", "4"),
        ("  Hồ sơ  ", "@", "Hồ sơ"),
        (datetime(2024, 2, 29), "dd/mm/yyyy", "29/02/2024"),
        (None, "General", ""),
        (0, '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-', "-"),  # accounting: zero shows a dash
        (-1234, '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-', "-1.234"),
    ],
)
def test_format_cell_value(value: object, fmt: str | None, text: str) -> None:
    assert format_cell_value(value, fmt) == text


def test_cell_ref_forms() -> None:
    assert cell_ref(Location(sheet="Sheet1", row=5, cell=3)) == "Sheet1!C5"
    assert cell_ref(Location(sheet="AB12", row=1, cell=28)) == "'AB12'!AB1"
    assert cell_ref(Location(sheet="Bob's", row=2)) == "'Bob''s'!2:2"
    assert cell_ref(Location(row=2, cell=1)) == "A2"
    with pytest.raises(ValueError):
        cell_ref(Location(sheet="Sheet1"))


def test_wrong_dimension_does_not_cut_rows() -> None:
    # some generators write <dimension ref="A1"/>; read-only openpyxl trusts it blindly
    src = zipfile.ZipFile(io.BytesIO(appendix_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)
            dst.writestr(item, data)
    doc = read_xlsx(out.getvalue(), "dim.xlsx", LIMITS)
    assert [len(t.rows) for t in doc.tables()] == [10, 2, 2]


def test_row_limit() -> None:
    with pytest.raises(InputTooLargeError):
        read_xlsx(appendix_workbook(), "big.xlsx", ReadLimits(max_table_rows=5))


@pytest.mark.parametrize("name", ["x.xlsx", "x.xlsm"])
def test_garbage_named_xlsx(name: str) -> None:
    with pytest.raises(CorruptInputError):
        read_bytes(b"this is not a workbook at all \x00\x01\x02" * 20, name)


def test_docx_renamed_to_xlsx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(CorruptInputError):
        read_xlsx(buf.getvalue(), "renamed.xlsx", LIMITS)


# ---------------------------------------------------------------- CSV

SEMICOLON_CSV = (
    "PHỤ LỤC I. BIỂU TỔNG HỢP SỐ LIỆU THÁNG 02 NĂM 2024\n"
    "Số TT;Nội dung;Số liệu;Tỷ lệ (%)\n"
    "\n"
    "a);Hồ sơ đã đồng bộ;3.863;70,63%\n"
    "b);Hồ sơ chưa đồng bộ;1.591;29,17%\n"
)


def test_csv_dispatch_and_locations() -> None:
    doc = read_bytes(SEMICOLON_CSV.encode(), "bao-cao/phu-luc-1.csv")
    assert isinstance(doc, Document) and doc.format == "csv"
    title, table = doc.blocks
    assert isinstance(title, Paragraph) and isinstance(table, Table)
    assert title.location == Location(sheet="phu-luc-1", row=1, cell=1)
    assert [r.texts() for r in table.rows] == [
        ["Số TT", "Nội dung", "Số liệu", "Tỷ lệ (%)"],
        ["a)", "Hồ sơ đã đồng bộ", "3.863", "70,63%"],
        ["b)", "Hồ sơ chưa đồng bộ", "1.591", "29,17%"],
    ]
    # the blank line 3 is skipped but line numbers stay the file's own
    cell = table.rows[1].cells[3]
    assert cell.location == Location(sheet="phu-luc-1", table=1, row=4, cell=4)
    assert cell_ref(cell.location) == "'phu-luc-1'!D4"


@pytest.mark.parametrize(
    ("text", "second_row"),
    [
        ("Số TT\tTỷ lệ\n1.1\t70,63%\n", ["1.1", "70,63%"]),
        ('Số TT,Tỷ lệ\n1.1,"70,63%"\n', ["1.1", "70,63%"]),
        ("Số TT;Tỷ lệ\n1.1;70,63%\n", ["1.1", "70,63%"]),
        ("\ufeffSố TT;Tỷ lệ\r\n1.1;70,63%\r\n", ["1.1", "70,63%"]),  # Excel's UTF-8 BOM
    ],
)
def test_csv_delimiters(text: str, second_row: list[str]) -> None:
    doc = read_csv(text.encode(), "x.csv", LIMITS)
    assert next(doc.tables()).rows[1].texts() == second_row
    assert doc.notes == []


def test_csv_cp1258_is_decoded_and_noted() -> None:
    # cp1258 writes tone marks as combining characters: "ố" is ô + U+0301
    data = "Ngày;S\u00f4\u0301 hồ sơ\n1;2\n".replace("ồ", "\u00f4\u0300").encode("cp1258")
    doc = read_csv(data, "x.csv", LIMITS)
    assert next(doc.tables()).rows[0].texts() == ["Ngày", "Số hồ sơ"]  # NFC again
    assert [n.code for n in doc.notes] == ["encoding-cp1258"]


def test_csv_unquoted_decimal_comma_is_noted() -> None:
    doc = read_csv(b"So TT,Ty le,Ghi chu\n1.1,70,63%\n", "x.csv", LIMITS)
    assert [(n.code, n.location) for n in doc.notes] == [
        ("csv-split-decimal", Location(sheet="x", row=2, cell=2))
    ]


def test_csv_multiline_field_keeps_start_line() -> None:
    doc = read_csv(b'a;b\n"x\ny";2\n3;4\n', "q.csv", LIMITS)
    rows = next(doc.tables()).rows
    assert [(r.location.row, r.texts()) for r in rows] == [
        (1, ["a", "b"]),
        (2, ["x\ny", "2"]),
        (4, ["3", "4"]),
    ]


def test_csv_binary_garbage() -> None:
    with pytest.raises(CorruptInputError):
        read_bytes(b"\x00\x01\x02garbage" * 50, "x.csv")
