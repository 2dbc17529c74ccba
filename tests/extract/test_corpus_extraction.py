"""The corpus draft's .txt and .docx extract to the same report, field by field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dvc_validate.extract import extract
from dvc_validate.model.report import Report, Trend
from dvc_validate.readers import read_source

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _strip(obj: Any) -> Any:
    """The model without locations and source names: what was understood, not where."""
    if isinstance(obj, dict):
        return {k: _strip(v) for k, v in obj.items() if k not in ("location", "source", "format")}
    if isinstance(obj, list):
        return [_strip(v) for v in obj]
    return obj


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    out = {}
    for ext in ("txt", "docx"):
        doc = read_source(EXAMPLES / f"binh-thanh-2024-02.{ext}")
        assert not isinstance(doc, Report)
        out[ext] = extract(doc)
    return out


def test_txt_and_docx_extract_to_the_same_model(reports: dict[str, Report]) -> None:
    txt, docx = (_strip(reports[k].model_dump(mode="json")) for k in ("txt", "docx"))
    for key in txt:
        assert txt[key] == docx[key], key


def test_header(reports: dict[str, Report]) -> None:
    h = reports["docx"].header
    assert h.issuer is not None and h.issuer.text == "UBND xã Bình Thành"
    assert (h.unit_level, h.unit_name, h.number_blank, h.place) == (
        "xã",
        "Bình Thành",
        True,
        "Bình Thành",
    )
    assert h.issue_date is not None and h.issue_date.placeholder and h.issue_date.month == 3
    assert h.period is not None and h.period.key == "2024-02"
    assert h.legal_number == "766/QĐ-TTg"
    assert h.legal_date is not None and (
        h.legal_date.day,
        h.legal_date.month,
        h.legal_date.year,
    ) == (23, 6, 2022)


def test_six_axis_sentences_total_and_rank(reports: dict[str, Report]) -> None:
    r = reports["txt"]
    got = [
        (a.key, a.score.raw, a.maximum, a.change.raw if a.change else None, a.trend) for a in r.axes
    ]
    assert got == [
        ("cong_khai", "11,8", 18, "3,8", Trend.UP),
        ("tien_do", "20", 20, "0,9", Trend.UP),
        ("dvc_truc_tuyen", "6,9", 12, "0,3", Trend.DOWN),
        ("thanh_toan", "10", 10, "0,1", Trend.UP),
        ("hai_long", "18", 18, None, Trend.SAME),
        ("so_hoa", "20,1", 22, None, Trend.SAME),
    ]
    assert all(a.compared is not None and a.compared.ym == (2024, 1) for a in r.axes)
    assert r.total is not None and (r.total.score.raw, r.total.change and r.total.change.value) == (
        "86,02",
        4.06,
    )
    assert r.rank is not None
    assert (r.rank.rank.value, r.rank.rank.denominator, r.rank.group) == (8, 23, "xã, thị trấn")
    assert r.rank.change is not None and r.rank.change.value == 14


def test_every_appendix_one_row_and_the_total_row(reports: dict[str, Report]) -> None:
    app = reports["docx"].appendix
    assert app is not None
    roles = ["number", "label", "old.count", "old.rate", "new.count", "new.rate", "change"]
    assert [c.role for c in app.columns] == roles
    codes = [r.code for r in app.rows]
    assert codes == [
        "I", "1.1", "1.2", "1.2.a", "1.2.b", "II", "2.1", "2.2", "III", "3.1", "3.2", "3.3", "3.4", "3.4.a",
        "3.4.b", "3.5", "3.5.a", "3.5.b", "3.6", "3.7", "IV", "4.1", "4.1.a", "4.1.b", "4.2", "4.2.a", "4.2.b",
        "4.3", "4.3.a", "4.3.b", "V", "5.1", "5.2", "5.3", "5.3.a", "5.3.b", "VI", "6.1", "6.2", "6.3", "6.4",
    ]  # fmt: skip
    row = app.row("1.2.a")
    assert row is not None
    assert {k: f.raw for k, f in row.figures.items()} == {
        "old.count": "3.863", "old.rate": "70,63%", "new.count": "68", "new.rate": "65,38%", "change": "-525%",
    }  # fmt: skip
    s = app.summary
    assert s is not None and s.number_raw == "VI"
    assert [f.raw for f in (s.old_score, s.old_rank, s.new_score, s.new_rank, s.change, s.rank_change) if f] == [
        "81,96", "22", "86,2", "08", "4,06", "14",
    ]  # fmt: skip
    dates = {(d.role, d.raw) for d in app.dates}
    assert dates == {("old", "31/01/2024"), ("new", "29/02/2024"), ("change-ref", "31/01/2024")}


def test_appendix_two_tables_with_their_header_dates(reports: dict[str, Report]) -> None:
    items = reports["txt"].details
    assert [i.number for i in items] == ["1", "2", "3", "4"]
    for item in items:
        roles = {(d.role, d.raw) for d in item.dates if d.role in ("old", "new")}
        assert ("old", "31/01/2024") in roles and ("new", "29/01/2024") in roles
    two = items[1]
    assert [(f.role, f.raw) for f in two.figures] == [
        ("old.rate", "99,3%"),
        ("new.rate", "100%"),
        ("change", "0,7%"),
    ]
    four = items[3]
    assert [(f.role, f.raw) for f in four.figures] == [
        ("old.rate", "91,40%"),
        ("new.rate", "91,40%"),
        ("change", "0%"),
    ]


def test_labels_with_small_wording_differences_are_matched() -> None:
    text = (EXAMPLES / "binh-thanh-2024-02.txt").read_text(encoding="utf-8")
    varied = (
        text.replace("Công khai minh bạch đạt", "CÔNG KHAI,  MINH BẠCH đạt")
        .replace("Tiến độ giải quyết đạt", "tiến độ giải quyết hồ sơ đạt")
        .replace(
            "6.1\tTỷ lệ hồ sơ, kết quả TTHC được số hóa hồ sơ",
            "\tTỷ lệ hồ sơ, kết quả TTHC được số hoá hồ sơ",
        )
    )
    from dvc_validate.readers import read_bytes

    doc = read_bytes(varied.encode("utf-8"), "varied.txt")
    assert not isinstance(doc, Report)
    r = extract(doc)
    assert [a.key for a in r.axes][:2] == ["cong_khai", "tien_do"]
    assert r.appendix is not None
    matched = [row for row in r.appendix.rows if row.indicator == "6.1"]
    assert matched and matched[0].figures["old.rate"].raw == "99,29%"
