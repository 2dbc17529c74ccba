"""PDF reader: lines and ruled tables of a text PDF, located by page and line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from dvc_validate.errors import CorruptInputError, InputTooLargeError, NoTextLayerError
from dvc_validate.model.document import Document, Paragraph, Table
from dvc_validate.model.location import Location
from dvc_validate.readers import ReadLimits, pdf, read_bytes
from dvc_validate.readers.pdf import read_pdf

LIMITS = ReadLimits()
TOP = A4[1] - 2 * cm

TABLE_ROWS = [
    ["So TT", "Noi dung", "Ngay 31/01/2024", ""],
    ["2.1", "Ho so giai quyet dung han", "96,91%", "100%"],
    ["2.2", "Ho so giai quyet qua han", "3,09%", "0%"],
]


def _lines(c: canvas.Canvas, y: float, lines: list[str], font: str = "Helvetica") -> float:
    for text in lines:
        c.setFont(font, 11)
        c.drawString(2 * cm, y, text)
        y -= 16
    return y


def report_pdf(font: str = "Helvetica", bold: str = "Helvetica-Bold") -> bytes:
    """Two pages: heading lines, a ruled table with a merged header cell, a closing line."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = _lines(c, TOP, ["UBND XA BINH THANH"], bold)
    y = _lines(c, y, ["Chi so Tien do giai quyet dat 18,4/20 diem", "PHU LUC I. BIEU TONG HOP"])
    table = RLTable(TABLE_ROWS)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("SPAN", (2, 0), (3, 0)),
            ]
        )
    )
    _w, h = table.wrapOn(c, A4[0], A4[1])
    table.drawOn(c, 2 * cm, y - h)
    _lines(c, y - h - 24, ["Noi nhan: Nhu tren"], font)
    c.showPage()
    _lines(c, TOP, ["PHU LUC II", "Tong so ho so qua han: 0"], font)
    c.save()
    return buf.getvalue()


def drawing_pdf(pages: int = 1, text_first: bool = False) -> bytes:
    """Pages with only vector graphics, as a scan without OCR looks to a text reader."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for page in range(pages):
        if text_first and page == 0:
            _lines(c, TOP, ["Trang co chu"])
        else:
            c.setFillColor(colors.grey)
            c.rect(2 * cm, 10 * cm, 10 * cm, 12 * cm, fill=1)
            c.line(2 * cm, 5 * cm, 15 * cm, 5 * cm)
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def doc() -> Document:
    result = read_bytes(report_pdf(), "bao-cao.pdf")
    assert isinstance(result, Document)
    return result


def test_lines_become_located_paragraphs(doc: Document) -> None:
    assert [(p.text, p.location) for p in doc.paragraphs()] == [
        ("UBND XA BINH THANH", Location(page=1, line=1)),
        ("Chi so Tien do giai quyet dat 18,4/20 diem", Location(page=1, line=2)),
        ("PHU LUC I. BIEU TONG HOP", Location(page=1, line=3)),
        # lines 4-6 are the table's rows: not repeated as paragraphs
        ("Noi nhan: Nhu tren", Location(page=1, line=7)),
        ("PHU LUC II", Location(page=2, line=1)),
        ("Tong so ho so qua han: 0", Location(page=2, line=2)),
    ]
    assert [p.bold for p in doc.paragraphs()][:2] == [True, False]


def test_table_is_read_once_in_reading_order(doc: Document) -> None:
    assert [b.kind for b in doc.blocks] == ["paragraph"] * 3 + ["table"] + ["paragraph"] * 3
    table = doc.blocks[3]
    assert isinstance(table, Table)
    assert table.location == Location(page=1, line=4, table=1)
    assert [r.texts() for r in table.rows] == [
        ["So TT", "Noi dung", "Ngay 31/01/2024", ""],
        ["2.1", "Ho so giai quyet dung han", "96,91%", "100%"],
        ["2.2", "Ho so giai quyet qua han", "3,09%", "0%"],
    ]


def test_table_rows_and_cells_carry_their_line(doc: Document) -> None:
    table = next(doc.tables())
    assert [r.location for r in table.rows] == [
        Location(page=1, line=4, table=1, row=1),
        Location(page=1, line=5, table=1, row=2),
        Location(page=1, line=6, table=1, row=3),
    ]
    cell = table.rows[1].cell(3)
    assert cell is not None and cell.text == "96,91%"
    assert cell.location == Location(page=1, line=5, table=1, row=2, cell=3)


def test_merged_header_cell(doc: Document) -> None:
    header = next(doc.tables()).rows[0]
    assert [(c.col, c.span, c.merged) for c in header.cells] == [
        (1, 1, False),
        (2, 1, False),
        (3, 2, False),
        (4, 1, True),
    ]


def _font_with_vietnamese() -> str | None:
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/Library/Fonts/Arial Unicode.ttf",
        "C:/Windows/Fonts/arial.ttf",
    ):
        if Path(path).exists():
            return path
    return None


def test_vietnamese_text_is_nfc() -> None:
    path = _font_with_vietnamese()
    if path is None:
        pytest.skip("no TrueType font with Vietnamese glyphs on this machine")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("VN", path))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _lines(c, TOP, ["Tỷ lệ hồ sơ giải quyết đúng hạn đạt 96,91%", "Phường Hưng Lợi"], "VN")
    c.save()
    doc = read_pdf(buf.getvalue(), "vn.pdf", LIMITS)
    assert [(p.text, p.location) for p in doc.paragraphs()] == [
        ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 96,91%", Location(page=1, line=1)),
        ("Phường Hưng Lợi", Location(page=1, line=2)),
    ]


def test_scanned_pdf_has_no_text_layer() -> None:
    with pytest.raises(NoTextLayerError) as info:
        read_bytes(drawing_pdf(pages=2), "scan.pdf")
    assert "OCR" in info.value.message("en") and "OCR" in info.value.message("vi")
    assert "ocrmypdf" in info.value.message("en")


def test_page_without_text_is_noted() -> None:
    doc = read_pdf(drawing_pdf(pages=2, text_first=True), "mixed.pdf", LIMITS)
    assert [p.location for p in doc.paragraphs()] == [Location(page=1, line=1)]
    assert [(n.code, n.location) for n in doc.notes] == [("pdf-page-no-text", Location(page=2))]


@pytest.mark.parametrize(
    "data",
    [
        b"this is not a pdf \x00\x01" * 40,
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \x00\xff" * 10,
        report_pdf()[:300],  # truncated
    ],
)
def test_garbage_named_pdf(data: bytes) -> None:
    with pytest.raises(CorruptInputError):
        read_bytes(data, "x.pdf")


def test_password_protected_pdf() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=StandardEncryption("secret", canPrint=0))
    _lines(c, TOP, ["Mat"])
    c.save()
    with pytest.raises(CorruptInputError) as info:
        read_pdf(buf.getvalue(), "locked.pdf", LIMITS)
    assert "password" in info.value.message("en")


def test_page_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "MAX_PAGES", 1)
    with pytest.raises(InputTooLargeError):
        read_pdf(report_pdf(), "long.pdf", LIMITS)


def test_dispatch_by_magic_bytes() -> None:
    doc = read_bytes(report_pdf(), "upload.bin")
    assert isinstance(doc, Document) and doc.format == "pdf"
    assert isinstance(doc.blocks[0], Paragraph)
