"""Random consistent reports give no error; one injected error of each class is found
at the figure it was injected into, with the right rule.

The generator builds parts, then wholes, then printed rates, then changes, then axis
scores, total and ranks, then the right dates (tests/reportgen.py).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dvc_validate.api import lint

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reportgen import AXES, Spec, render

MAXIMA = [m for _, m in AXES]


@st.composite
def specs(draw: st.DrawFn) -> Spec:
    scores: list[float] = []
    changes: list[float] = []
    for mx in MAXIMA:
        s = draw(st.integers(0, mx * 10)) / 10
        prev = draw(st.integers(0, mx * 10)) / 10
        scores.append(s)
        changes.append(round(s - prev, 1))
    n = draw(st.integers(3, 120))
    return Spec(
        level=draw(st.sampled_from(["xã", "huyện", "tỉnh"])),
        group=draw(st.sampled_from(["xã, thị trấn", "huyện, thành phố", "tỉnh, thành phố"])),
        year=draw(st.integers(2021, 2024)),
        month=draw(st.integers(1, 12)),
        old_counts=(draw(st.integers(1, 50_000)), draw(st.integers(1, 50_000))),
        new_counts=(draw(st.integers(1, 50_000)), draw(st.integers(1, 50_000))),
        decimals=draw(st.sampled_from([1, 2])),
        scores=scores,
        changes=changes,
        ranks=(draw(st.integers(1, n)), draw(st.integers(1, n)), n),
        appendix2=draw(st.booleans()),
    )


def _errors(text: str) -> list[tuple[str, int | None, str | None]]:
    result = lint(text.encode("utf-8"), format="text")
    return [
        (f.code, f.location.line, f.found) for f in result.findings if f.severity.value == "error"
    ]


def _row(lines: list[str], prefix: str) -> int:
    return next(i for i, ln in enumerate(lines) if ln.startswith(prefix))


Injected = tuple[str, int, str] | None
Injection = Callable[[list[str], Spec], Injected]
"""An injection edits the lines and says (code, line, found) of its error, or
None when it does not apply to this report (the property test then assumes it
away; the default report must take every one)."""


def rate_slip(lines: list[str], spec: Spec) -> Injected:
    i = _row(lines, "a)\t")
    cells = lines[i].split("\t")
    rate = cells[3]
    cells[3] = rate[:-2] + ("1%" if not rate.endswith("1%") else "7%")
    if float(cells[3].rstrip("%").replace(",", ".")) > 100:
        return None  # above 100 it is PC001's
    lines[i] = "\t".join(cells)
    return "PC003", i + 1, cells[3]


def sign_flip(lines: list[str], spec: Spec) -> Injected:
    i = _row(lines, "b)\t")
    cells = lines[i].split("\t")
    change = cells[6]
    if re.search(r"[1-9]", change) is None:
        return None  # a zero change has no sign to flip
    cells[6] = ("-" + change[1:]) if change.startswith("+") else ("+" + change[1:])
    lines[i] = "\t".join(cells)
    return "DL002", i + 1, cells[6]


def month_end(lines: list[str], spec: Spec) -> Injected:
    i = next(i for i, ln in enumerate(lines) if ln.startswith("Số TT\tNội dung\tThống kê"))
    m = re.findall(r"\d\d/\d\d/\d{4}", lines[i])[1]  # the new date
    day, month, year = m.split("/")
    bad = f"{day}/{int(month) % 12 + 1:02d}/{year}" if month != "12" else f"{day}/11/{year}"
    lines[i] = lines[i].replace(m, bad, 1)
    return "DT002", i + 1, bad


def decimal_comma(lines: list[str], spec: Spec) -> Injected:
    if spec.old_counts[0] < 1000:
        return None  # no thousands separator to turn into a decimal mark
    i = _row(lines, "a)\t")
    cells = lines[i].split("\t")
    cells[2] = cells[2].replace(".", ",")
    lines[i] = "\t".join(cells)
    return "NF001", i + 1, cells[2]


def out_of_range(lines: list[str], spec: Spec) -> Injected:
    i = _row(lines, "a)\t")
    cells = lines[i].split("\t")
    rate = cells[5]
    bad = rate.replace(",", "", 1)  # a decimal mark lost
    if float(bad.rstrip("%")) <= 100:
        return None
    cells[5] = bad
    lines[i] = "\t".join(cells)
    return "PC001", i + 1, cells[5]


def score_over_max(lines: list[str], spec: Spec) -> Injected:
    i = _row(lines, "1.1. ")
    m = re.search(r"đạt (\d+(?:,\d)?)/18", lines[i])
    assert m is not None
    lines[i] = lines[i].replace(m.group(0), "đạt 19,5/18", 1)
    return "SC001", i + 1, "19,5"


def rank_beyond_n(lines: list[str], spec: Spec) -> Injected:
    i = _row(lines, "1.7. ")
    n = spec.ranks[2]
    old = f"xếp hạng {spec.ranks[1]:02d}/{n}"
    bad = f"{n + 1:02d}"
    lines[i] = lines[i].replace(old, f"xếp hạng {bad}/{n}", 1)
    return "SC002", i + 1, bad


def appendix_total(lines: list[str], spec: Spec) -> Injected:
    i = next(i for i, ln in enumerate(lines) if "ĐIỂM TỔNG HỢP VÀ XẾP HẠNG" in ln)
    cells = lines[i].split("\t")
    m = re.search(r"Đạt (\d+,\d\d)/100", cells[4])
    assert m is not None
    whole, frac = m.group(1).split(",")
    bad = f"{int(whole) + 1 if int(whole) < 99 else int(whole) - 1},{frac}"
    cells[4] = cells[4].replace(m.group(1), bad, 1)
    lines[i] = "\t".join(cells)
    return "CO001", i + 1, bad


INJECTIONS: list[Injection] = [
    rate_slip,
    sign_flip,
    month_end,
    decimal_comma,
    out_of_range,
    score_over_max,
    rank_beyond_n,
    appendix_total,
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs())
def test_generated_consistent_reports_have_no_error(spec: Spec) -> None:
    assert _errors(render(spec)) == []


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(specs(), st.sampled_from(INJECTIONS))
def test_an_injected_error_is_found_at_its_figure(spec: Spec, inject: Injection) -> None:
    lines = render(spec).split("\n")
    injected = inject(lines, spec)
    assume(injected is not None)
    errors = _errors("\n".join(lines))
    assert injected in errors, errors


def test_every_injection_is_found_on_the_default_report() -> None:
    """Each error class at least once, whatever hypothesis happens to draw."""
    spec = Spec(scores=[15.5, 19.2, 10.1, 9.4, 17.3, 20.6], changes=[1.2, -0.4, 0.0, 0.3, 0.0, 1.1])
    for inject in INJECTIONS:
        lines = render(spec).split("\n")
        injected = inject(lines, spec)
        assert injected is not None, f"{inject.__name__} does not apply to the default report"
        assert injected in _errors("\n".join(lines)), inject.__name__
