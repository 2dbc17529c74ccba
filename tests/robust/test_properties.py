"""Property tests with arbitrary, blanked, garbled and damaged input.

* the number, fraction and date parsers take any text and answer ``None``/``[]``
  or a well-formed result, never an exception;
* the text reader and extraction take any text with tabs and pipes and answer a
  document/report or a documented error;
* a generated consistent report with random cells blanked or garbled is checked
  without a crash, and a slip injected into rows that were left alone is still
  found where it was injected;
* a Word file with random bytes flipped, in the zip or in its XML, gives findings
  or a documented error.
"""

from __future__ import annotations

import contextlib
import io
import math
import sys
import unicodedata
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dvc_validate import errors
from dvc_validate.api import lint
from dvc_validate.errors import DvcValidateError, NotAReportError
from dvc_validate.extract import extract
from dvc_validate.model.document import Table
from dvc_validate.model.figure import FigureKind, figure_from_text
from dvc_validate.model.location import Location
from dvc_validate.readers.text import read_text
from dvc_validate.vn import NumberContext, find_dates, parse_fraction, parse_number

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from reportgen import Spec, render  # noqa: E402

DOCUMENTED = tuple(getattr(errors, name) for name in errors.__all__)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text that looks like report material: digits, separators, Vietnamese words, tabs
_PIECES = st.sampled_from(
    [
        "0", "1", "9", ".", ",", "%", "/", "-", "−", "+", " ", "\t", "|", "\n", "ngày",
        "tháng", "năm", "đạt", "điểm", "tăng", "giảm", "xếp hạng", "PHỤ LỤC I", "I", "1.2",
        "a)", "**", "<u>", "Số TT", "Thống kê ngày 29/02/2024", "Tỷ lệ (%)", "\u0301",
    ]
)  # fmt: skip
REPORTISH = st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=80).map("".join)


# ------------------------------------------------------------------ parsers


@SETTINGS
@given(st.one_of(st.text(), REPORTISH), st.sampled_from(list(NumberContext)))
def test_number_parser_takes_any_text(text: str, context: NumberContext) -> None:
    parsed = parse_number(text, context)
    if parsed is not None:
        assert math.isfinite(parsed.value) and parsed.decimals >= 0
        assert parsed.raw == text
    parse_fraction(text)
    for kind in FigureKind:
        figure_from_text(text, kind, Location(line=1))


@SETTINGS
@given(st.one_of(st.text(), REPORTISH))
def test_date_finder_takes_any_text(text: str) -> None:
    text = unicodedata.normalize("NFC", text)  # callers pass NFC text
    for d in find_dates(text):
        assert 0 <= d.start <= d.end <= len(text)
        assert text[d.start : d.end] == d.raw
        assert d.month is None or 1 <= d.month <= 12 or not d.valid


# ------------------------------------------------------------------ text reader


@SETTINGS
@given(REPORTISH)
def test_text_reader_and_extraction_take_any_text(text: str) -> None:
    data = text.encode("utf-8")
    try:
        doc = read_text(data, "x.txt")
    except DvcValidateError as exc:
        assert isinstance(exc, DOCUMENTED)
        return
    lines = text.split("\n")
    for block in doc.blocks:
        rows = block.rows if isinstance(block, Table) else []
        cells = [c for r in rows for c in r.cells]
        for loc in [block.location, *(c.location for c in cells)]:
            assert loc.line is not None and 1 <= loc.line <= max(1, len(lines))
    with contextlib.suppress(NotAReportError):
        extract(doc)


# ------------------------------------------------------------------ half-written reports

REPORT = render(Spec())
LINES = REPORT.split("\n")
ROWS = {line.split("\t")[0]: i for i, line in enumerate(LINES) if "\t" in line}
GROUPS = {"parts": ["a)", "b)"], "complement": ["2.1", "2.2"]}
DAMAGE = ["", "-", "x", "%", "1.2.3", "///", "9" * 30, "ngày/tháng", "VII", "a)", "\u0301"]


def _with_cells(lines: list[str], row: str, changes: dict[int, str], width: int = 7) -> None:
    i = ROWS[row]
    cells = (lines[i].split("\t") + [""] * width)[:width]
    for col, value in changes.items():
        cells[col] = value
    lines[i] = "\t".join(cells)


def _errors_at(text: str, line: int) -> list[tuple[str, str | None]]:
    result = lint(text.encode("utf-8"), format="text")
    return [
        (f.code, f.found)
        for f in result.findings
        if f.severity.value == "error" and f.location.line == line
    ]


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(sorted(GROUPS)),
    st.lists(st.tuples(st.integers(0, 1), st.integers(1, 6), st.sampled_from(DAMAGE)), max_size=6),
    st.booleans(),
)
def test_damage_in_one_group_leaves_the_checks_of_the_other(
    damaged: str, damage: list[tuple[int, int, str]], short_rows: bool
) -> None:
    lines = list(LINES)
    rows = GROUPS[damaged]
    for which, col, value in damage:
        _with_cells(lines, rows[which], {col: value})
    if short_rows:  # rows with fewer cells, as a half-typed table has
        for row in rows:
            i = ROWS[row]
            lines[i] = "\t".join(lines[i].split("\t")[:3])
    text = "\n".join(lines)
    lint(text.encode("utf-8"), format="text")  # no crash whatever the damage
    # a slip in the untouched group is still found at the figure it was put in
    other = GROUPS["complement" if damaged == "parts" else "parts"][0]
    i = ROWS[other]
    cells = lines[i].split("\t")
    change = cells[6]
    assume(change.strip())
    slipped = ("+" if change.startswith("-") else "-") + change.lstrip("+-")
    assume(slipped.strip("+-0,%") != "")  # a zero change cannot change sign
    cells[6] = slipped
    lines[i] = "\t".join(cells)
    assert any(found == slipped for _code, found in _errors_at("\n".join(lines), i + 1))


def test_a_report_with_only_its_text_says_the_appendix_is_missing() -> None:
    cut = next(i for i, line in enumerate(LINES) if line.startswith("PHỤ LỤC I"))
    result = lint("\n".join(LINES[:cut]).encode("utf-8"), format="text")
    missing = [f.data.get("part") for f in result.findings if f.code == "DC005"]
    assert missing == ["appendix"]
    assert not [f for f in result.findings if f.severity.value == "error"]


def test_a_report_with_only_its_appendix_says_the_scores_are_missing() -> None:
    cut = next(i for i, line in enumerate(LINES) if line.startswith("PHỤ LỤC I"))
    result = lint("\n".join(LINES[cut:]).encode("utf-8"), format="text")
    assert sorted(str(f.data.get("part")) for f in result.findings if f.code == "DC005") == [
        "axes",
        "total",
    ]


# ------------------------------------------------------------------ Word mutations


def _small_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("Điểm tổng hợp đạt 86,02/100 điểm, tăng 4,06 điểm so với tháng 01/2024.")
    t = d.add_table(3, 4)
    for r, row in enumerate(
        [["Số TT", "Nội dung", "Ngày 31/01/2024", "Ngày 29/02/2024"], ["1.1", "Hồ sơ", "10", "12"]]
    ):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
    t.cell(0, 2).merge(t.cell(0, 3))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


DOCX = _small_docx()
with zipfile.ZipFile(io.BytesIO(DOCX)) as _zf:
    XML = _zf.read("word/document.xml")


def _rezip(xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(DOCX)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(
                info.filename, xml if info.filename == "word/document.xml" else src.read(info)
            )
    return out.getvalue()


@SETTINGS
@given(
    st.booleans(),
    st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=8
    ),
)
def test_flipped_bytes_in_a_word_file_give_findings_or_a_clear_error(
    inside: bool, flips: list[tuple[float, int]]
) -> None:
    blob = bytearray(XML if inside else DOCX)
    for where, value in flips:
        blob[int(where * len(blob))] = value
    data = _rezip(bytes(blob)) if inside else bytes(blob)
    try:
        result = lint(data, format="docx")
    except DvcValidateError as exc:
        assert isinstance(exc, DOCUMENTED) and exc.message("en")
    else:
        assert result.files[0].report is not None
