"""The Word reader: structure, numbering, merged cells, text joining, and hostile files.

Every fixture is built here with python-docx (no binaries in the repository);
hostile ones are made by rewriting members of a small valid .docx.
"""

from __future__ import annotations

import contextlib
import io
import random
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from dvc_validate.errors import (
    CorruptInputError,
    DvcValidateError,
    InputTooLargeError,
    UnsupportedFormatError,
)
from dvc_validate.model.document import Document, Paragraph, Table
from dvc_validate.readers import read_bytes
from dvc_validate.readers.base import ReadLimits
from dvc_validate.readers.docx import read_docx
from dvc_validate.readers.text import read_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "bad"))
from make_bad import rezip

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# ---------------------------------------------------------------- helpers


def make_docx(build: Callable[[Any], object]) -> bytes:
    """A .docx made by ``build(document)`` on a blank python-docx document."""
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name)


def read(data: bytes, limits: ReadLimits | None = None) -> Document:
    return read_docx(data, "test.docx", limits or ReadLimits())


def tables(doc: Document) -> list[Table]:
    return list(doc.tables())


def fill(table: Any, rows: list[list[str]]) -> None:
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value


def simple() -> bytes:
    return make_docx(lambda d: d.add_paragraph("Báo cáo tháng 02 năm 2024"))


def with_placeholder_xml(prologue: str, body_text: str) -> bytes:
    """A .docx whose document.xml starts with ``prologue`` and has ``body_text`` in a run."""
    data = make_docx(lambda d: d.add_paragraph("PLACEHOLDER"))
    xml = member(data, "word/document.xml").decode("utf-8")
    decl_end = xml.index("?>") + 2
    xml = xml[:decl_end] + prologue + xml[decl_end:]
    return rezip(data, {"word/document.xml": xml.replace("PLACEHOLDER", body_text).encode()})


# ---------------------------------------------------------------- structure and numbering


def test_body_order_of_paragraphs_and_tables() -> None:
    def build(d: Any) -> None:
        d.add_paragraph("Mở đầu")
        fill(d.add_table(1, 2), [["a", "b"]])
        d.add_paragraph("Giữa")
        fill(d.add_table(1, 1), [["c"]])
        d.add_paragraph("Kết")

    doc = read(make_docx(build))
    kinds = [(b.kind, b.text if isinstance(b, Paragraph) else b.index) for b in doc.blocks]
    assert kinds == [
        ("paragraph", "Mở đầu"),
        ("table", 1),
        ("paragraph", "Giữa"),
        ("table", 2),
        ("paragraph", "Kết"),
    ]
    assert doc.format == "docx" and doc.source == "test.docx"


def test_paragraph_and_table_numbers_are_python_docx_indices() -> None:
    def build(d: Any) -> None:
        d.add_paragraph("một")
        d.add_paragraph("")  # empty paragraphs count, like Document.paragraphs
        fill(d.add_table(2, 2), [["ô", "trong bảng"], ["không", "đếm"]])
        d.add_paragraph("hai")
        d.add_paragraph("   ")
        fill(d.add_table(1, 1), [["bảng hai"]])
        d.add_paragraph("ba")

    data = make_docx(build)
    doc = read(data)
    original = docx.Document(io.BytesIO(data))
    paragraphs = list(doc.paragraphs())
    assert [p.text for p in paragraphs] == ["một", "hai", "ba"]
    for p in paragraphs:
        assert p.location.paragraph is not None
        assert original.paragraphs[p.location.paragraph - 1].text == p.text
    assert [p.location.paragraph for p in paragraphs] == [1, 3, 5]
    for t in tables(doc):
        assert original.tables[t.index - 1].cell(0, 0).text == t.rows[0].cells[0].text
        assert t.location.table == t.index


def test_cell_locations_rows_and_width() -> None:
    doc = read(make_docx(lambda d: fill(d.add_table(2, 3), [["1", "2", "3"], ["4", "5", "6"]])))
    (table,) = tables(doc)
    assert table.width == 3
    row = table.rows[1]
    assert row.index == 2 and row.location.row == 2
    assert [(c.col, c.location.table, c.location.row, c.location.cell) for c in row.cells] == [
        (1, 1, 2, 1),
        (2, 1, 2, 2),
        (3, 1, 2, 3),
    ]
    assert row.location.describe() == "bảng 1, hàng 2"


# ---------------------------------------------------------------- merged cells


def test_horizontal_merge_is_named_by_its_first_grid_column() -> None:
    def build(d: Any) -> None:
        t = d.add_table(2, 4)
        fill(t, [["Số TT", "", "", "Tăng"], ["1", "3.863", "70,63%", "+5%"]])
        merged = t.cell(0, 1).merge(t.cell(0, 2))
        merged.text = "Thống kê ngày 31/01/2024"

    (table,) = tables(read(make_docx(build)))
    header = table.rows[0]
    assert len(header.cells) == 4  # one Cell per grid column
    top_left, covered = header.cell(2), header.cell(3)
    assert top_left is not None and covered is not None
    assert (top_left.text, top_left.span, top_left.merged) == ("Thống kê ngày 31/01/2024", 2, False)
    assert (covered.text, covered.span, covered.merged) == ("", 1, True)
    assert covered.location.cell == 3
    last = header.cell(4)
    assert last is not None and last.text == "Tăng" and last.location.cell == 4
    assert table.rows[1].texts() == ["1", "3.863", "70,63%", "+5%"]


def test_vertical_merge_continuation_is_merged_and_empty() -> None:
    def build(d: Any) -> None:
        t = d.add_table(3, 2)
        fill(t, [["Số TT", "Nội dung"], ["", "Số liệu"], ["1", "x"]])
        t.cell(0, 0).merge(t.cell(1, 0))

    (table,) = tables(read(make_docx(build)))
    top, below = table.rows[0].cell(1), table.rows[1].cell(1)
    assert top is not None and below is not None
    assert (top.text, top.merged) == ("Số TT", False)
    assert (below.text, below.merged, below.col) == ("", True, 1)
    assert table.rows[1].texts() == ["", "Số liệu"]


def test_grid_before_shifts_grid_columns() -> None:
    def build(d: Any) -> None:
        t = d.add_table(2, 3)
        fill(t, [["a", "b", "c"], ["x", "y", "z"]])
        tr = t.rows[1]._tr
        tr.remove(tr.tc_lst[0])
        tr.insert(0, parse_xml(f'<w:trPr {W_NS}><w:gridBefore w:val="1"/></w:trPr>'))

    (table,) = tables(read(make_docx(build)))
    row = table.rows[1]
    assert [(c.col, c.text) for c in row.cells] == [(2, "y"), (3, "z")]
    assert row.cell(1) is None and row.cells[0].location.cell == 2


def test_forged_grid_span_is_refused() -> None:
    def build(d: Any) -> None:
        t = d.add_table(1, 1)
        t.cell(0, 0)._tc.get_or_add_tcPr().append(
            parse_xml(f'<w:gridSpan {W_NS} w:val="100000000"/>')
        )

    with pytest.raises(CorruptInputError):
        read(make_docx(build))


# ---------------------------------------------------------------- text


def test_number_split_across_runs_joins() -> None:
    def build(d: Any) -> None:
        p = d.add_paragraph("Tỷ lệ đạt ")
        p.add_run("1000")
        p.add_run("%")
        cell = d.add_table(1, 1).cell(0, 0)
        cell.paragraphs[0].add_run("70,63")
        cell.paragraphs[0].add_run("%")

    doc = read(make_docx(build))
    assert next(doc.paragraphs()).text == "Tỷ lệ đạt 1000%"
    assert tables(doc)[0].rows[0].cells[0].text == "70,63%"


def test_soft_line_break_and_tab() -> None:
    def build(d: Any) -> None:
        run = d.add_paragraph().add_run("Đạt 81,96/100 điểm;")
        run.add_break()
        run.add_text("xếp hạng")
        run.add_tab()
        run.add_text("22/23")

    assert next(read(make_docx(build)).paragraphs()).text == "Đạt 81,96/100 điểm;\nxếp hạng\t22/23"


def test_paragraphs_in_a_cell_are_joined_by_newlines() -> None:
    def build(d: Any) -> None:
        cell = d.add_table(1, 1).cell(0, 0)
        cell.text = "Đạt 86,2/100 điểm;"
        cell.add_paragraph("xếp hạng 08/23")
        cell.add_paragraph("")  # a trailing empty paragraph: stripped, kept in raw

    cell = tables(read(make_docx(build)))[0].rows[0].cells[0]
    assert cell.text == "Đạt 86,2/100 điểm;\nxếp hạng 08/23"
    assert cell.raw == cell.text + "\n"


def test_nfd_text_comes_out_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Tỷ lệ hồ sơ đúng hạn")
    assert nfd != "Tỷ lệ hồ sơ đúng hạn"

    def build(d: Any) -> None:
        d.add_paragraph(nfd)
        fill(d.add_table(1, 1), [[nfd]])

    doc = read(make_docx(build))
    assert next(doc.paragraphs()).text == "Tỷ lệ hồ sơ đúng hạn"
    assert tables(doc)[0].rows[0].cells[0].text == "Tỷ lệ hồ sơ đúng hạn"


def test_tracked_changes_and_hyperlinks() -> None:
    """python-docx's Paragraph.text drops w:ins runs; deleted text must stay out."""

    def build(d: Any) -> None:
        p = d.add_paragraph("Đạt ")
        p._p.append(
            parse_xml(f'<w:ins {W_NS} w:id="1" w:author="a"><w:r><w:t>95,6</w:t></w:r></w:ins>')
        )
        p._p.append(
            parse_xml(
                f'<w:del {W_NS} w:id="2" w:author="a"><w:r><w:delText>9</w:delText></w:r></w:del>'
            )
        )
        p._p.append(parse_xml(f"<w:hyperlink {W_NS}><w:r><w:t>%</w:t></w:r></w:hyperlink>"))

    assert next(read(make_docx(build)).paragraphs()).text == "Đạt 95,6%"


def test_bold_paragraphs() -> None:
    def build(d: Any) -> None:
        p = d.add_paragraph()
        p.add_run("PHỤ LỤC I").bold = True
        p.add_run(" ")  # whitespace does not count
        p.add_run("BIỂU TỔNG HỢP").bold = True
        mixed = d.add_paragraph()
        mixed.add_run("Điểm ").bold = True
        mixed.add_run("86,02")
        style = d.styles.add_style("Tiêu đề đậm", WD_STYLE_TYPE.PARAGRAPH)
        style.font.bold = True
        d.add_paragraph("Theo kiểu", style=style)
        d.add_paragraph("Theo kiểu, bỏ đậm", style=style).runs[0].bold = False

    bold = [(p.text, p.bold) for p in read(make_docx(build)).paragraphs()]
    assert bold == [
        ("PHỤ LỤC I BIỂU TỔNG HỢP", True),
        ("Điểm 86,02", False),
        ("Theo kiểu", True),
        ("Theo kiểu, bỏ đậm", False),
    ]


def test_content_controls_are_read_without_shifting_python_docx_numbers() -> None:
    sdt = (
        f"<w:sdt {W_NS}><w:sdtPr/><w:sdtContent>"
        "<w:p><w:r><w:t>Trong điều khiển nội dung</w:t></w:r></w:p>"
        "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>ô</w:t></w:r></w:p>"
        "</w:tc></w:tr></w:tbl>"
        "</w:sdtContent></w:sdt>"
    )

    def build(d: Any) -> None:
        d.add_paragraph("trước")
        d.element.body.insert(1, parse_xml(sdt))
        d.add_paragraph("sau")
        fill(d.add_table(1, 1), [["bảng thật"]])

    data = make_docx(build)
    doc = read(data)
    original = docx.Document(io.BytesIO(data))
    texts = [b.text if isinstance(b, Paragraph) else b.rows[0].cells[0].text for b in doc.blocks]
    assert texts == ["trước", "Trong điều khiển nội dung", "ô", "sau", "bảng thật"]
    numbers = [b.location.paragraph if isinstance(b, Paragraph) else b.index for b in doc.blocks]
    assert numbers == [1, 3, 2, 2, 1]  # wrapped ones come after python-docx's last
    assert [p.text for p in original.paragraphs] == ["trước", "sau"]
    assert original.tables[0].cell(0, 0).text == "bảng thật"


# ---------------------------------------------------------------- nested tables


def nested(levels: int) -> bytes:
    """A body table with ``levels`` tables nested in its first cell, one inside the other."""

    def build(d: Any) -> None:
        cell = d.add_table(1, 1).cell(0, 0)
        cell.text = "ngoài"
        for level in range(levels):
            inner = cell.add_table(1, 2)
            fill(inner, [[f"cấp {level + 1}", f"{level + 1}%"]])
            cell = inner.cell(0, 0)

    return make_docx(build)


def test_nested_table_is_kept_and_its_text_appended() -> None:
    (table,) = tables(read(nested(1)))
    outer = table.rows[0].cells[0]
    assert len(outer.tables) == 1
    inner = outer.tables[0]
    assert inner.rows[0].texts() == ["cấp 1", "1%"]
    assert outer.text == "ngoài\ncấp 1\t1%"
    assert inner.rows[0].cells[1].location == outer.location  # nested cells reuse it


def test_nesting_up_to_the_limit_is_read() -> None:
    (table,) = tables(read(nested(8)))
    cell = table.rows[0].cells[0]
    for _ in range(8):
        cell = cell.tables[0].rows[0].cells[0]
    assert cell.text == "cấp 8"


@pytest.mark.parametrize(("levels", "limit"), [(9, 8), (2, 1)])
def test_nesting_over_the_limit_is_refused(levels: int, limit: int) -> None:
    with pytest.raises(CorruptInputError) as err:
        read(nested(levels), ReadLimits(max_nesting=limit))
    assert "lồng nhau" in err.value.message_vi and "nested" in err.value.message_en


def test_too_many_rows() -> None:
    data = make_docx(lambda d: d.add_table(5, 1))
    assert len(tables(read(data, ReadLimits(max_table_rows=5)))[0].rows) == 5
    with pytest.raises(InputTooLargeError):
        read(data, ReadLimits(max_table_rows=4))


# ---------------------------------------------------------------- hostile and broken files


def test_total_unzipped_size_over_limit() -> None:
    with pytest.raises(InputTooLargeError) as err:
        read(simple(), ReadLimits(max_unzipped_bytes=10_000))
    assert "zip bomb" in err.value.message_en


def test_ratio_limit_applies_to_big_members() -> None:
    rng = random.Random(7)
    hexdump = rng.randbytes(750_000).hex().encode()
    data = rezip(simple(), {"word/media/hex.bin": hexdump})  # inflates ~2 times
    assert read(data).blocks  # fine under the default ratio of 200
    with pytest.raises(InputTooLargeError):
        read(data, ReadLimits(max_zip_ratio=1.5))


def test_genuine_high_ratio_member_is_a_zip_bomb() -> None:
    data = rezip(simple(), {"word/media/zeros.bin": bytes(20 * 1024 * 1024)})
    assert len(data) < 200_000
    with pytest.raises(InputTooLargeError) as err:
        read(data)
    assert "zip bomb" in err.value.message_en and "test.docx" in err.value.message_vi


def test_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = "BÍ-MẬT-7f3a9c"
    target = tmp_path / "secret.txt"
    target.write_text(secret, encoding="utf-8")
    data = with_placeholder_xml(
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{target.as_uri()}">]>', "&xxe;"
    )
    with pytest.raises(CorruptInputError) as err:
        read(data)
    assert "DOCTYPE" in err.value.message_en
    for text in (err.value.message_vi, err.value.message_en, str(err.value), repr(err.value.data)):
        assert secret not in text
    # defence in depth: python-docx's own parser does not resolve entities either
    try:
        seen = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    except Exception:
        seen = ""
    assert secret not in seen


def test_billion_laughs_is_refused() -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    data = with_placeholder_xml(f"<!DOCTYPE w:document [{entities}]>", "&lol9;")
    with pytest.raises(CorruptInputError) as err:
        read(data)
    assert "DOCTYPE" in err.value.message_en


def test_doctype_hidden_in_utf16_is_refused() -> None:
    data = simple()
    xml = member(data, "word/document.xml").decode("utf-8")
    xml = xml.replace("encoding='UTF-8'", "encoding='UTF-16'")
    xml = xml.replace("?>", '?><!DOCTYPE w:document [<!ENTITY a "b">]>', 1)
    with pytest.raises(CorruptInputError) as err:
        read(rezip(data, {"word/document.xml": xml.encode("utf-16")}))
    assert "DOCTYPE" in err.value.message_en


@pytest.mark.parametrize("encoding", ["UTF-7", "cp037"])
def test_unexpected_xml_encoding_is_refused(encoding: str) -> None:
    """A DTD could hide from a byte scan in UTF-7 or EBCDIC; Word writes neither."""
    data = simple()
    xml = member(data, "word/document.xml").decode("utf-8")
    xml = xml.replace("encoding='UTF-8'", f"encoding='{encoding}'")
    xml = xml.replace("?>", '?><!DOCTYPE w:document [<!ENTITY a "b">]>', 1)
    with pytest.raises(CorruptInputError) as err:
        read(rezip(data, {"word/document.xml": xml.encode(encoding.lower(), "replace")}))
    assert "encoding" in err.value.message_en


def test_doctype_in_a_part_declared_xml_by_content_type_is_refused() -> None:
    data = simple()
    types = member(data, "[Content_Types].xml").replace(
        b"</Types>", b'<Override PartName="/WORD/Extra.DAT" ContentType="application/xml"/></Types>'
    )  # part names are case-insensitive
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    with pytest.raises(CorruptInputError) as err:
        read(rezip(data, {"[Content_Types].xml": types, "word/extra.dat": evil}))
    assert "word/extra.dat" in err.value.message_en


@pytest.mark.parametrize(
    "data",
    [b"this is not a Word file at all", b"PK\x03\x04garbage" + bytes(100), b"\x00" * 64],
    ids=["text", "pk-garbage", "zeros"],
)
def test_garbage_bytes(data: bytes) -> None:
    with pytest.raises(CorruptInputError) as err:
        read(data)
    assert "not a valid Word file" in err.value.message_en
    assert "không phải tệp Word hợp lệ" in err.value.message_vi


def test_truncated_docx() -> None:
    data = simple()
    for cut in (len(data) // 2, len(data) - 30, 40):
        with pytest.raises(CorruptInputError) as err:
            read(data[:cut])
        assert "test.docx" in err.value.message_vi and "test.docx" in err.value.message_en


def test_zip_without_document_part() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(CorruptInputError) as err:
        read(out.getvalue())
    assert "word/document.xml" in err.value.message_en


def test_damaged_document_xml() -> None:
    with pytest.raises(CorruptInputError):
        read(rezip(simple(), {"word/document.xml": b"<w:document><w:body><w:p>"}))


def test_old_doc_or_password_protected() -> None:
    with pytest.raises(UnsupportedFormatError) as err:
        read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert "password" in err.value.message_en and "mật khẩu" in err.value.message_vi
    assert ".doc" in err.value.message_en


def test_random_damage_only_raises_project_errors() -> None:
    """Damage to the zip bytes, and to the XML inside a well-formed zip."""

    def build(d: Any) -> None:
        d.add_paragraph("Điểm 86,02")
        t = d.add_table(2, 3)
        fill(t, [["a", "", "1%"], ["b", "2", "2%"]])
        t.cell(0, 0).merge(t.cell(0, 1))
        t.cell(1, 1).add_table(1, 1).cell(0, 0).text = "lồng"

    data = make_docx(build)
    xml = member(data, "word/document.xml")
    rng = random.Random(20240229)
    for round_ in range(120):
        damaged = bytearray(data if round_ % 2 else xml)
        for _ in range(rng.randint(1, 6)):
            damaged[rng.randrange(len(damaged))] = rng.choice(b'<>/"=0123456789wx:\x00\xff')
        attempt = (
            bytes(damaged) if round_ % 2 else rezip(data, {"word/document.xml": bytes(damaged)})
        )
        with contextlib.suppress(DvcValidateError):  # anything else fails the test
            read(attempt)


def test_bad_attribute_value_is_corrupt_input() -> None:
    def build(d: Any) -> None:
        tc_pr = d.add_table(1, 2).cell(0, 0)._tc.get_or_add_tcPr()
        tc_pr.append(parse_xml(f'<w:gridSpan {W_NS} w:val="hai"/>'))

    with pytest.raises(CorruptInputError) as err:
        read(make_docx(build))
    assert "test.docx" in err.value.message_en


def test_macro_enabled_document_is_read() -> None:
    data = simple()
    docx_type = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    docm_type = b"application/vnd.ms-word.document.macroEnabled.main+xml"
    types = member(data, "[Content_Types].xml")
    assert docx_type in types
    types = types.replace(docx_type, docm_type)
    doc = read_docx(rezip(data, {"[Content_Types].xml": types}), "báo cáo.docm", ReadLimits())
    assert next(doc.paragraphs()).text == "Báo cáo tháng 02 năm 2024"


def test_read_bytes_dispatches_to_the_docx_reader() -> None:
    doc = read_bytes(simple(), "báo cáo.docx")
    assert isinstance(doc, Document) and doc.format == "docx"


# ---------------------------------------------------------------- the corpus copy


@pytest.fixture(scope="module")
def corpus() -> Document:
    path = EXAMPLES / "binh-thanh-2024-02.docx"
    return read_docx(path.read_bytes(), str(path), ReadLimits())


def test_corpus_structure(corpus: Document) -> None:
    t1, t2 = tables(corpus)
    assert (len(t1.rows), t1.width) == (44, 7)
    assert (len(t2.rows), t2.width) == (10, 8)
    figure = t1.rows[3].cell(6)
    assert figure is not None and figure.text == "1000%"  # "1000" and "%" are two runs
    assert figure.location.describe() == "bảng 1, hàng 4, ô 6"
    title, covered = t1.rows[0].cell(3), t1.rows[0].cell(4)
    assert title is not None and covered is not None
    assert title.text == "Thống kê trên Cổng dịch vụ công quốc gia ngày 31/01/2024"
    assert title.span == 2 and covered.merged and covered.text == ""
    # the trap this reader avoids: python-docx repeats a merged cell in every grid column
    original = docx.Document(str(EXAMPLES / "binh-thanh-2024-02.docx"))
    assert [c.text for c in original.tables[0].rows[0].cells].count(title.text) == 2


def test_corpus_paragraphs_match_python_docx(corpus: Document) -> None:
    original = docx.Document(str(EXAMPLES / "binh-thanh-2024-02.docx"))
    paragraphs = list(corpus.paragraphs())
    assert paragraphs
    for p in paragraphs:
        assert p.location.paragraph is not None
        assert original.paragraphs[p.location.paragraph - 1].text.strip() == p.text
    assert next(p for p in paragraphs if p.text.startswith("PHỤ LỤC SỐ II")).bold


def test_corpus_docx_and_text_export_line_up(corpus: Document) -> None:
    """Same tables, rows and grid columns, cell by cell. The one legitimate difference:
    in table 2 the export drops trailing empty fields of some rows, while the Word
    table is rectangular (8 grid columns), so those extra Word cells must be empty."""
    export = read_text((EXAMPLES / "binh-thanh-2024-02.txt").read_bytes(), "export.txt")
    word_tables, text_tables = tables(corpus), tables(export)
    assert len(word_tables) == len(text_tables) == 2
    for wt, tt in zip(word_tables, text_tables, strict=True):
        assert len(wt.rows) == len(tt.rows)
        for wr, tr in zip(wt.rows, tt.rows, strict=True):
            for tc in tr.cells:
                wc = wr.cell(tc.col)
                assert wc is not None, (wt.index, wr.index, tc.col)
                assert wc.text.strip() == tc.text.strip(), (wt.index, wr.index, tc.col)
            extra = [c for c in wr.cells if c.col > len(tr.cells)]
            assert all(c.text == "" for c in extra)
            if wt.index == 1:
                assert len(wr.cells) == len(tr.cells)
