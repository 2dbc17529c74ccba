"""Many layouts, one report: every layout of the zoo (tests/zoo.py) extracts to the
same axis scores, total, rank and Appendix I figures as the plain layout, in text and
in Word, so every check downstream sees the same identities whatever the layout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dvc_validate.api import lint
from dvc_validate.model.report import Report

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from zoo import LAYOUTS, render, zoo_doc

Summary = dict[str, object]


def _report(layout: str, fmt: str, seed: int = 3) -> Report:
    doc, _ = zoo_doc(seed, layout)
    r = render(doc, fmt)
    fmt_name = {".txt": "text", ".md": "markdown", ".docx": "docx"}[r.suffix]
    report = lint(r.data, format=fmt_name).files[0].report
    assert report is not None
    return report


def _summary(report: Report) -> Summary:
    app = report.appendix
    assert app is not None and app.summary is not None
    return {
        "axes": [
            (a.key, a.score.value, a.score.denominator, a.change.value if a.change else 0.0)
            for a in report.axes
        ],
        "total": report.total.score.value if report.total else None,
        "rank": (report.rank.rank.value, report.rank.rank.denominator) if report.rank else None,
        "figures": {(r.code, role): f.value for r in app.rows for role, f in r.figures.items()},
        "summary": (app.summary.old_score.value if app.summary.old_score else None),
    }


@pytest.fixture(scope="module")
def plain() -> Summary:
    return _summary(_report("base", "txt"))


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_reads_as_the_plain_one(layout: str, fmt: str, plain: Summary) -> None:
    got = _summary(_report(layout, fmt))
    figures = got.pop("figures")
    expected = dict(plain)
    expected_figures = expected.pop("figures")
    assert got == expected
    assert isinstance(figures, dict) and isinstance(expected_figures, dict)
    if layout == "rows-left-out":  # some catalogue rows are not printed: the rest read alike
        assert figures.items() < expected_figures.items()
    else:
        assert figures == expected_figures


def test_an_axis_table_gives_each_axis_its_previous_score() -> None:
    report = _report("axis-table", "docx")
    doc, _ = zoo_doc(3, "axis-table")
    assert [a.previous.value if a.previous else None for a in report.axes] == doc.facts.prev


def _renamed_axis_columns(names: dict[int, str], fmt: str) -> list[tuple[str, str, str]]:
    """The zoo's axis table with the headers of columns ``names`` replaced: the
    (code, severity, found) of every finding of the linted rendering."""
    from zoo import Tab

    doc, _ = zoo_doc(3, "axis-table")
    table = next(b for b in doc.blocks if isinstance(b, Tab) and b.rows[0][0] == "Trục nội dung")
    for col, name in names.items():
        table.rows[0][col] = name
    r = render(doc, fmt)
    fmt_name = {".txt": "text", ".docx": "docx"}[r.suffix]
    findings = lint(r.data, format=fmt_name).files[0].findings
    return [(f.code, f.severity.value, f.found or "") for f in findings]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_an_axis_table_whose_columns_name_nothing_is_said_not_guessed(fmt: str) -> None:
    """Three figure columns that no header names: which is this month's score cannot be
    told, so each is named once as an info (DC010) and nothing in them is checked."""
    found = _renamed_axis_columns({2: "Cột A", 3: "Cột B", 4: "Cột C"}, fmt)
    assert [f for f in found if f[1] == "error"] == []
    assert sorted(f[2] for f in found if f[0] == "DC010") == ["Cột A", "Cột B", "Cột C"]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_an_axis_table_reads_what_it_can_and_names_the_column_it_cannot(fmt: str) -> None:
    found = _renamed_axis_columns({4: "Cột C"}, fmt)
    assert [f for f in found if f[1] == "error"] == []
    assert [f[2] for f in found if f[0] == "DC010"] == ["Cột C"]
    report = _report("axis-table", fmt)  # the same table with its headers: fully read
    assert len(report.axes) == 6 and all(a.change is not None for a in report.axes)
