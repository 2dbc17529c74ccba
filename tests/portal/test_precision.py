"""The comparison with the portal is within both printed precisions: a report's "15,8"
agrees with every portal value in [15,745; 15,855]; beyond that it never agrees."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dvc_validate.api import lint_file
from dvc_validate.casebook import Case, base_text, portal_files
from dvc_validate.portal import read_portal
from dvc_validate.vn import format_number

_AXIS = "Công khai, minh bạch đạt 15,5/18"
_PORTAL = '"UBND xã Hòa Bình", "totalScore": 15.5,'


def _pt010_on_the_axis(printed: str, portal: float) -> list[tuple[str | None, str | None]]:
    case = Case(
        name="p", kind="pass", portal=[[_PORTAL, f'"UBND xã Hòa Bình", "totalScore": {portal},']]
    )
    files = portal_files(case)
    assert files is not None
    text = base_text().replace(_AXIS, f"Công khai, minh bạch đạt {printed}/18")
    fr = lint_file(text.encode("utf-8"), format="text", portal=read_portal(files))
    return [
        (f.found, f.expected) for f in fr.findings if f.code == "PT010" and f.location.line == 15
    ]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 1800))
def test_a_score_printed_with_fewer_decimals_agrees(hundredths: int) -> None:
    portal = hundredths / 100
    assert _pt010_on_the_axis(format_number(portal, 1), portal) == []


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 1800), st.integers(7, 300), st.sampled_from([-1, 1]))
def test_a_score_beyond_both_precisions_is_a_finding(hundredths: int, off: int, sign: int) -> None:
    portal = hundredths / 100
    printed = round(portal + sign * off / 100, 1)  # at least 0,06 away: beyond 0,05 + 0,005
    if not 0 <= printed <= 18 or abs(printed - portal) <= 0.055:
        return
    text = format_number(printed, 1)
    assert _pt010_on_the_axis(text, portal) == [(text, format_number(portal, 2))]
