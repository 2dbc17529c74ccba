"""The continuity rules on pairs of generated months: a consistent pair gives no
continuity finding; one edit to either month gives one finding, at this month's
figure, with last month's figure in ``related`` and its file in ``data``."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dvc_validate.api import check_report, extract_report, lint
from dvc_validate.model.finding import Finding

from .chain import JANUARY, Spec, following, months, render

CONTINUITY = {"CO010", "CO011", "CO012", "CO013", "DT010", "DT011"}
FEBRUARY = following(JANUARY)

Row = tuple[str, int | None, int | None, str | None, str | None]


def _pair(tmp_path: Path, this: str, last: str, *, lang: str = "vi") -> tuple[list[Finding], Path]:
    """Lint ``this`` against ``last`` (both written to files); the continuity findings."""
    this_path, last_path = tmp_path / "this.txt", tmp_path / "last.txt"
    this_path.write_text(this, encoding="utf-8")
    last_path.write_text(last, encoding="utf-8")
    from dvc_validate.config import Config

    result = lint(this_path, previous=last_path, config=Config(lang=lang))
    return [f for f in result.findings if f.code in CONTINUITY], last_path


def _rows(findings: list[Finding]) -> list[Row]:
    return [(f.code, f.location.line, f.location.column, f.found, f.expected) for f in findings]


def _at(text: str, line_start: str, token: str, nth: int = 1) -> tuple[int, int]:
    """(line, column) of the ``nth`` ``token`` on the line starting with ``line_start``."""
    for no, line in enumerate(text.split("\n"), 1):
        if line.startswith(line_start):
            col = -1
            for _ in range(nth):
                col = line.index(token, col + 1)
            return no, col + 1
    raise AssertionError(f"no line starts with {line_start!r}")


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# --------------------------------------------------------------------------- consistent


@pytest.mark.parametrize(
    ("last", "this"),
    [
        (JANUARY, FEBRUARY),
        (Spec(year=2023, month=12), following(Spec(year=2023, month=12))),
        (
            Spec(year=2024, month=6, appendix2=False),
            following(Spec(year=2024, month=6, appendix2=False)),
        ),
    ],
    ids=["jan-feb", "dec-jan-across-new-year", "no-appendix-two"],
)
def test_a_consistent_pair_has_no_continuity_finding(
    tmp_path: Path, last: Spec, this: Spec
) -> None:
    found, _ = _pair(tmp_path, render(this), render(last))
    assert _rows(found) == []


def test_fourteen_consecutive_months_across_new_year(tmp_path: Path) -> None:
    chain = months(Spec(year=2023, month=11), 14)
    assert (chain[-1].year, chain[-1].month) == (2024, 12)
    for last, this in pairwise(chain):
        found, _ = _pair(tmp_path, render(this), render(last))
        assert _rows(found) == [], (this.year, this.month)


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.integers(-3, 3), min_size=6, max_size=6),
    st.integers(1, 23),
    st.tuples(st.integers(1, 9000), st.integers(1, 9000)),
    st.integers(0, 30),
)
def test_any_consistent_next_month_has_no_continuity_finding(
    steps: list[int], rank: int, counts: tuple[int, int], overdue: int
) -> None:
    this = following(
        JANUARY, changes=[s / 10 for s in steps], new_counts=counts, rank=rank, overdue=overdue
    )
    prev = extract_report(render(JANUARY).encode(), format="text")[0]
    result = lint(render(this).encode(), format="text", previous=prev)
    assert [f.code for f in result.findings if f.code in CONTINUITY] == []


# --------------------------------------------------------------------------- CO010


@pytest.mark.parametrize(
    ("row", "old", "new", "found", "expected", "last_token"),
    [
        ("a)\t", "3.863", "3.836", "3.836", "3.863", "3.863"),  # Appendix I count, 1.2.a
        ("2.1\t", "98,00%", "98,50%", "98,50%", "98,00%", "98,00%"),  # Appendix I rate
        ("III\t", "Đạt 89,90", "Đạt 89,09", "89,09", "89,90", "89,90"),  # total row: score
        ("III\t", "hạng 12/23", "hạng 21/23", "21", "12", "12/23"),  # total row: rank
        ("1\tSố lượng", "\t4\t3\t-1", "\t5\t3\t-2", "5", "4", "\t4\t"),  # Appendix II
    ],
    ids=["count", "rate", "total-score", "total-rank", "appendix-two"],
)
def test_an_old_figure_not_copied_from_last_month_is_found_there(
    tmp_path: Path, row: str, old: str, new: str, found: str, expected: str, last_token: str
) -> None:
    last = render(JANUARY)
    this = _edit(render(FEBRUARY), old, new)
    findings, last_path = _pair(tmp_path, this, last)
    line, col = _at(this, row, found)
    assert _rows(findings) == [("CO010", line, col, found, expected)]
    f = findings[0]
    # related: last month's *new* figure of the same row, in the other file
    last_line, last_col = _at(last, row, last_token)
    last_col += last_token.startswith("\t")
    assert [(r.line, r.column) for r in f.related] == [(last_line, last_col)]
    assert f.data["previous_path"] == str(last_path) and f.data["previous"] == expected
    assert f.fix is not None and f.fix.replacement == expected


def test_printed_precision_is_the_tolerance(tmp_path: Path) -> None:
    last = _edit(render(JANUARY), "3.863\t70,83%", "3.863\t70,8%")
    found, _ = _pair(tmp_path, render(FEBRUARY), last)
    assert _rows(found) == []
    # 70,83% and 70,84% can both stand for 70,835%; 70,85% cannot be 70,83%
    last = _edit(render(JANUARY), "3.863\t70,83%", "3.863\t70,84%")
    assert _rows(_pair(tmp_path, render(FEBRUARY), last)[0]) == []
    last = _edit(render(JANUARY), "3.863\t70,83%", "3.863\t70,85%")
    found, _ = _pair(tmp_path, render(FEBRUARY), last)
    line, col = _at(render(FEBRUARY), "a)\t", "70,83%")
    assert _rows(found) == [("CO010", line, col, "70,83%", "70,85%")]


# --------------------------------------------------------------------------- CO011, CO012


def test_an_axis_change_that_misses_last_months_score(tmp_path: Path) -> None:
    last = _edit(render(JANUARY), "14,3/18", "14,0/18")
    this = render(FEBRUARY)
    found, last_path = _pair(tmp_path, this, last)
    line, col = _at(this, "1.1.", "1,2 điểm")
    assert _rows(found) == [("CO011", line, col, "1,2", "1,5")]
    f = found[0]
    assert (
        f.data["implied"] == 14.3
        and f.data["previous"] == "14,0"
        and f.data["subject"] == "cong_khai"
    )
    assert f.related[0].line == _at(last, "1.1.", "14,0")[0]
    assert f.data["previous_path"] == str(last_path)
    assert f.fix is None  # which of the two months is wrong is the writer's call


def test_a_total_change_that_misses_last_months_total(tmp_path: Path) -> None:
    last = _edit(render(JANUARY), "89,90/100 điểm, tăng", "89,60/100 điểm, tăng")
    this = render(FEBRUARY)
    found, _ = _pair(tmp_path, this, last)
    line, col = _at(this, "1.7.", "2,20")
    assert _rows(found) == [("CO011", line, col, "2,20", "2,50")]


def test_unchanged_score_that_was_not_last_months_points_at_the_score(tmp_path: Path) -> None:
    last = _edit(render(JANUARY), "10,1/12", "9,9/12")  # February says "giữ nguyên"
    this = render(FEBRUARY)
    found, _ = _pair(tmp_path, this, last)
    line, col = _at(this, "1.3.", "10,1")
    assert _rows(found) == [("CO011", line, col, "10,1", None)]


def test_places_gained_miscounted(tmp_path: Path) -> None:
    this = _edit(render(FEBRUARY), "và tăng 7 bậc so", "và tăng 8 bậc so")
    found, _ = _pair(tmp_path, this, render(JANUARY))
    line, col = _at(this, "1.7.", "8 bậc")
    assert _rows(found) == [("CO012", line, col, "8", "7")]
    assert found[0].data["implied"] == 13 and found[0].data["previous"] == "12"


def test_gained_written_as_lost(tmp_path: Path) -> None:
    this = _edit(render(FEBRUARY), "và tăng 7 bậc so", "và giảm 7 bậc so")
    found, _ = _pair(tmp_path, this, render(JANUARY))
    line, col = _at(this, "1.7.", "7 bậc")
    # rank 05 having lost 7 places was -2nd: only the trend word can fix it, so no number is offered
    assert _rows(found) == [("CO012", line, col, "7", None)]


# --------------------------------------------------------------------------- DT010, CO013


def test_january_follows_december_of_the_year_before(tmp_path: Path) -> None:
    december = Spec(year=2023, month=12)
    january = following(december)
    found, _ = _pair(tmp_path, render(january), render(december))
    assert _rows(found) == []
    wrong_year = Spec(year=2024, month=12)
    found, _ = _pair(tmp_path, render(january), render(wrong_year))
    line, col = _at(render(january), "trên cổng DVCQG", "tháng 01")
    assert _rows(found) == [("DT010", line, col, "12/2024", "12/2023")]
    assert found[0].data["period"] == "01/2024"


@pytest.mark.parametrize(
    ("last", "shown"),
    [
        (Spec(year=2023, month=12), "12/2023"),
        (Spec(year=2024, month=2), "02/2024"),
        (Spec(year=2023, month=1), "01/2023"),
    ],
    ids=["two-months-back", "same-month", "a-year-back"],
)
def test_a_previous_that_is_not_the_month_before_is_one_finding(
    tmp_path: Path, last: Spec, shown: str
) -> None:
    """Only DT010: the figures of another month are expected to differ, so none is compared."""
    this = render(FEBRUARY)
    found, _ = _pair(tmp_path, this, render(last))
    line, col = _at(this, "trên cổng DVCQG", "tháng 02")
    assert _rows(found) == [("DT010", line, col, shown, "01/2024")]


def test_last_month_of_another_unit_is_one_warning(tmp_path: Path) -> None:
    other = Spec(**{**JANUARY.__dict__, "name": "Hòa Lạc", "new_counts": (1, 2)})
    found, _ = _pair(tmp_path, render(FEBRUARY), render(other), lang="en")
    assert [(f.code, f.severity.value, f.data["previous_unit"], f.data["unit"]) for f in found] == [
        ("CO013", "warning", "Hòa Lạc", "Hòa Bình")
    ]
    assert "Hòa Lạc" in found[0].message


# --------------------------------------------------------------------------- API shapes


def test_previous_as_a_report_or_a_path_gives_the_same_findings(tmp_path: Path) -> None:
    last_path = tmp_path / "jan.txt"
    last_path.write_text(_edit(render(JANUARY), "14,3/18", "14,0/18"), encoding="utf-8")
    this = extract_report(render(FEBRUARY).encode(), format="text")[0]
    by_path = check_report(this, previous=last_path)
    by_report = check_report(this, previous=extract_report(last_path)[0])
    assert [f.to_dict() for f in by_path] == [f.to_dict() for f in by_report]
    assert [f.code for f in by_path if f.code in CONTINUITY] == ["CO011"]


def test_without_previous_the_continuity_rules_are_silent() -> None:
    result = lint(
        _edit(render(FEBRUARY), "và tăng 7 bậc so", "và tăng 8 bậc so").encode(), format="text"
    )
    assert not [f for f in result.findings if f.code in CONTINUITY]
