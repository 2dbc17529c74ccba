"""Encodings: BOMs, UTF-16, Windows-1258, NFD, and the legacy TCVN3/VNI font encodings.

The legacy cases are built from the example draft: its text is written in TCVN3
or VNI (by inverting the tables, which are themselves checked against glibc's
converter and against known public samples below), and linting it must give the
same findings as the Unicode original plus one DC006 note about the encoding.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import docx
import pytest

from dvc_validate.api import lint
from dvc_validate.model.finding import Result
from dvc_validate.readers import read_bytes
from dvc_validate.readers.docx import read_docx
from dvc_validate.readers.encoding import decode_text
from dvc_validate.readers.legacy import (
    TCVN3,
    VNI,
    convert_legacy,
    detect_legacy,
    font_encoding,
    from_tcvn3,
    from_vni,
)

ROOT = Path(__file__).resolve().parents[2]
DRAFT = (ROOT / "examples" / "binh-thanh-2024-02.txt").read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT / "tests" / "data" / "bad"))
from make_bad import cp1258  # noqa: E402

_TO_TCVN3 = {v: k for k, v in TCVN3.items()}
_TO_VNI: dict[str, str] = {}
for _seq, _letter in VNI.items():
    if _letter not in _TO_VNI or len(_seq) < len(_TO_VNI[_letter]):
        _TO_VNI[_letter] = _seq


def to_tcvn3(text: str) -> str:
    """Unicode → TCVN3 as an ABC keyboard types it: capitals with tone marks have no
    code, so they are typed with the lower-case code (in a capital font)."""
    return "".join(_TO_TCVN3.get(c, _TO_TCVN3.get(c.lower(), c)) for c in text)


def to_vni(text: str) -> str:
    return "".join(_TO_VNI.get(c, c) for c in text)


def keys(result: Result) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.location.line, f.found) for f in result.findings if f.code != "DC006"]


def notes(result: Result) -> list[str]:
    return [str(f.data.get("kind")) for f in result.findings if f.code == "DC006"]


# ------------------------------------------------------------------ the tables


@pytest.mark.parametrize(
    ("legacy", "unicode", "convert"),
    [
        ("B¶o Th¾ng", "Bảo Thắng", from_tcvn3),  # place names as published in TCVN3
        ("B¸t X¸t", "Bát Xát", from_tcvn3),
        ("M\xadêng Kh\xad¬ng", "Mường Khương", from_tcvn3),  # ư is the soft-hyphen byte
        ("§iÓm tæng hîp", "Điểm tổng hợp", from_tcvn3),
        ("Xin chaøo caùc baïn", "Xin chào các bạn", from_vni),
        ("Ngöôøi daân, doanh nghieäp", "Người dân, doanh nghiệp", from_vni),
        ("Tyû leä hoà sô ñuùng haïn", "Tỷ lệ hồ sơ đúng hạn", from_vni),
        ("ÑIEÅM TOÅNG HÔÏP", "ĐIỂM TỔNG HỢP", from_vni),
    ],
)
def test_known_samples(legacy: str, unicode: str, convert: Any) -> None:
    assert convert(legacy) == unicode


def test_tcvn3_capital_font_upper_cases() -> None:
    assert from_tcvn3("ñy ban nh©n d©n", upper=True) == "ỦY BAN NHÂN DÂN"


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv")
def test_tcvn3_lower_case_range_agrees_with_glibc() -> None:
    """glibc's TCVN5712-1 agrees on every code the ABC fonts use for letters."""
    probe = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=b"a", capture_output=True
    )
    if probe.returncode != 0:
        pytest.skip("iconv without TCVN5712-1")
    codes = sorted(TCVN3)
    raw = bytes(ord(c) for c in codes)
    out = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert unicodedata.normalize("NFC", out) == "".join(TCVN3[c] for c in codes)


def test_every_vietnamese_letter_round_trips() -> None:
    letters = sorted(set("".join(VNI.values())) | set("".join(TCVN3.values())))
    lower = [c for c in letters if c.islower()]
    assert len(lower) == 67  # a ă â đ e ê i o ô ơ u ư y with their tones, and đ
    assert from_vni(to_vni("".join(letters))) == "".join(letters)
    assert from_tcvn3(to_tcvn3("".join(lower))) == "".join(lower)


def test_font_names() -> None:
    assert font_encoding(".VnTime") == "tcvn3" and font_encoding(".VnArialH") == "tcvn3"
    assert font_encoding("VNI-Times") == "vni"
    assert font_encoding("Times New Roman") is None and font_encoding(None) is None


# ------------------------------------------------------------------ detection


@pytest.mark.parametrize(
    "text",
    [
        DRAFT,
        "Plain English text with a © sign and 25 °C.",
        "Báo cáo tháng 02 năm 2024",
        "BÃ¡o cÃ¡o thÃ¡ng 02 nÄƒm 2024 " * 5,  # UTF-8 read as cp1252: mojibake, not a font
        unicodedata.normalize("NFD", DRAFT),
    ],
    ids=["unicode-draft", "english", "short", "double-utf8", "nfd"],
)
def test_unicode_text_is_never_taken_for_a_legacy_encoding(text: str) -> None:
    assert detect_legacy(text) is None
    assert convert_legacy(text) == (text, None)


def test_a_pasted_tcvn3_paragraph_is_converted_and_the_unicode_lines_kept() -> None:
    mixed = "Báo cáo tháng 02 năm 2024 của UBND xã\n" + to_tcvn3(
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%, tăng so với tháng trước."
    )
    text, encoding = convert_legacy(mixed)
    assert encoding == "tcvn3"
    assert text.splitlines() == [
        "Báo cáo tháng 02 năm 2024 của UBND xã",
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%, tăng so với tháng trước.",
    ]


# ------------------------------------------------------------------ whole files


@pytest.fixture(scope="module")
def original() -> Result:
    return lint(DRAFT.encode("utf-8"), format="text")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(to_tcvn3(DRAFT).encode("cp1252"), "tcvn3", id="tcvn3-bytes"),
        pytest.param(to_tcvn3(DRAFT).encode("utf-8"), "tcvn3", id="tcvn3-in-utf8"),
        pytest.param(to_vni(DRAFT).encode("cp1252"), "vni", id="vni-bytes"),
        pytest.param(to_vni(DRAFT).encode("utf-8"), "vni", id="vni-in-utf8"),
    ],
)
def test_legacy_draft_gives_the_same_findings_plus_a_note(
    original: Result, data: bytes, encoding: str
) -> None:
    result = lint(data, format="text")
    assert keys(result) == keys(original)
    assert notes(result) == ["legacy-encoding"]
    (note,) = [f for f in result.findings if f.code == "DC006"]
    assert note.data.get("kind") == "legacy-encoding"
    assert ("TCVN3" if encoding == "tcvn3" else "VNI") in note.message
    assert note.severity.value == "warning"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\xef\xbb\xbf" + DRAFT.encode("utf-8"), id="utf8-bom"),
        pytest.param(DRAFT.encode("utf-16"), id="utf16-bom"),
        pytest.param(b"\xfe\xff" + DRAFT.encode("utf-16-be"), id="utf16-be"),
        pytest.param(DRAFT.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(unicodedata.normalize("NFD", DRAFT).encode("utf-8"), id="nfd"),
    ],
)
def test_unicode_encodings_read_the_same(original: Result, data: bytes) -> None:
    result = lint(data, format="text")
    assert [(c, found) for c, _line, found in keys(result)] == [
        (c, found) for c, _line, found in keys(original)
    ]
    assert notes(result) == []


def test_windows_1258_is_read_with_a_note(original: Result) -> None:
    data = cp1258(DRAFT)
    text, found = decode_text(data, "x.txt")
    assert unicodedata.normalize("NFC", text) == DRAFT
    assert [n.code for n in found] == ["encoding-cp1258"]
    result = lint(data, format="text")
    assert keys(result) == keys(original)
    assert notes(result) == ["encoding-cp1258"]


# ------------------------------------------------------------------ Word runs


def _docx(build: Any) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_runs_in_legacy_fonts_are_converted() -> None:
    def build(d: Any) -> None:
        p = d.add_paragraph()
        p.add_run(to_tcvn3("Báo cáo tháng 02 năm 2024: ")).font.name = ".VnTime"
        p.add_run("Tỷ lệ")  # a Unicode run next to it stays as it is
        d.add_paragraph().add_run(to_tcvn3("ủy ban nhân dân")).font.name = ".VnTimeH"
        d.add_paragraph().add_run(to_vni("Người dân, doanh nghiệp")).font.name = "VNI-Times"
        cell = d.add_table(1, 2).cell(0, 0)
        cell.paragraphs[0].add_run(to_tcvn3("Số hồ sơ")).font.name = ".VnArial"

    doc = read_docx(_docx(build), "x.docx")
    texts = [b.text for b in doc.paragraphs()]
    assert texts == [
        "Báo cáo tháng 02 năm 2024: Tỷ lệ",
        "ỦY BAN NHÂN DÂN",
        "Người dân, doanh nghiệp",
    ]
    assert next(doc.tables()).rows[0].cells[0].text == "Số hồ sơ"
    assert [(n.code, n.data["encoding"], n.data["font"]) for n in doc.notes] == [
        ("legacy-encoding", "tcvn3", ".VnTime"),
        ("legacy-encoding", "vni", "VNI-Times"),
    ]


def test_a_legacy_normal_style_applies_to_runs_without_a_font() -> None:
    def build(d: Any) -> None:
        d.styles["Normal"].font.name = ".VnTime"
        d.add_paragraph(to_tcvn3("Số TT"))
        d.add_paragraph("Điểm tổng hợp")  # Unicode typed later in the same style: kept

    doc = read_docx(_docx(build), "x.docx")
    assert [b.text for b in doc.paragraphs()] == ["Số TT", "Điểm tổng hợp"]


def test_latin1_text_in_an_ordinary_font_is_untouched() -> None:
    doc = read_docx(_docx(lambda d: d.add_paragraph("Prix: 25 € ¸ µ ®")), "x.docx")
    assert [b.text for b in doc.paragraphs()] == ["Prix: 25 € ¸ µ ®"] and not doc.notes


def test_csv_in_tcvn3_is_converted() -> None:
    data = to_tcvn3("Số TT;Nội dung;Tỷ lệ\n1;Hồ sơ đúng hạn;70,63%\n").encode("cp1252")
    doc = read_bytes(data, "bang.csv")
    assert not isinstance(doc, type(None))
    assert [n.code for n in doc.notes] == ["legacy-encoding"]


def test_junk_characters_are_latin1_letters_vietnamese_never_uses() -> None:
    """The junk class is spelled as its characters (fast to compile); it must be
    exactly U+00A1–U+00FF without the Latin-1 letters and symbols Vietnamese uses."""
    from dvc_validate.readers import legacy

    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    expected = [c for c in map(chr, range(0xA1, 0x100)) if c not in legacy._NOT_JUNK]
    assert legacy._JUNK_RE.findall(every) == expected
