"""Generated consistent reports: other units, months and layouts give no error;
an injected slip is found at the figure it was injected into."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dvc_validate.api import lint

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reportgen import Spec, render


def _lint(text: str, name: str = "r.txt"):  # type: ignore[no-untyped-def]
    return lint(text.encode("utf-8"), format="markdown" if name.endswith(".md") else "text")


def _errors(result):  # type: ignore[no-untyped-def]
    return [f for f in result.findings if f.severity.value == "error"]


def test_january_district_report_in_markdown_tables() -> None:
    spec = Spec(
        level="huyện",
        name="Phú Lương",
        group="huyện, thành phố",
        year=2024,
        month=1,
        pipe=True,
        ranks=(5, 3, 9),
    )
    result = _lint(render(spec), "r.md")
    assert _errors(result) == []
    report = result.files[0].report
    assert report is not None and report.period is not None and report.period.key == "2024-01"
    old = [d for d in report.dates if d.role == "old"]
    assert old and all((d.day, d.month, d.year) == (31, 12, 2023) for d in old)
    assert report.rank is not None and report.rank.group == "huyện, thành phố"


def test_province_report_without_appendix_two() -> None:
    spec = Spec(
        level="tỉnh",
        name="Thái Nguyên",
        group="tỉnh, thành phố",
        month=2,
        year=2023,
        appendix2=False,
        ranks=(20, 20, 63),
    )
    result = _lint(render(spec))
    assert _errors(result) == []
    report = result.files[0].report
    assert report is not None and report.header.unit_level == "tỉnh" and not report.details
    assert len(report.axes) == 6 and report.total is not None


def test_a_wrong_leap_day_is_caught() -> None:
    text = render(Spec(year=2023, month=2)).replace("28/02/2023", "29/02/2023")
    codes = {f.code for f in _errors(_lint(text))}
    assert "DT001" in codes


@settings(max_examples=25, deadline=None)
@given(
    st.tuples(st.integers(1, 9000), st.integers(1, 9000)),
    st.tuples(st.integers(1, 9000), st.integers(1, 9000)),
    st.sampled_from([1, 2]),
    st.integers(1, 12),
)
def test_consistent_reports_have_no_error(
    old: tuple[int, int], new: tuple[int, int], d: int, month: int
) -> None:
    assert (
        _errors(_lint(render(Spec(old_counts=old, new_counts=new, decimals=d, month=month)))) == []
    )


@settings(max_examples=25, deadline=None)
@given(
    st.tuples(st.integers(50, 9000), st.integers(50, 9000)),
    st.tuples(st.integers(50, 9000), st.integers(50, 9000)),
)
def test_an_injected_digit_slip_in_a_rate_is_found_there(
    old: tuple[int, int], new: tuple[int, int]
) -> None:
    text = render(Spec(old_counts=old, new_counts=new))
    line_no, line = next(
        (i, ln) for i, ln in enumerate(text.split("\n"), 1) if ln.startswith("a)\t")
    )
    cells = line.split("\t")
    rate = cells[3]
    bad = rate[:-2] + ("1%" if not rate.endswith("1%") else "7%")  # change the last digit
    cells[3] = bad
    lines = text.split("\n")
    lines[line_no - 1] = "\t".join(cells)
    errs = _errors(_lint("\n".join(lines)))
    assert errs, "the slip was not found"
    assert any(f.found == bad and f.location.line == line_no and f.expected == rate for f in errs)
