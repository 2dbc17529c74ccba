"""The layout zoo (tests/zoo.py): one consistent report in every layout and format the
tool claims to read gives no error, and an error of every class injected into any
layout is found at its place.

Word files come from two producers: python-docx, and LibreOffice re-writing them
(``soffice --headless --convert-to docx``), converted in one batch per session.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from zoo import (
    INJECTIONS,
    LAYOUTS,
    Injected,
    Injection,
    Rendered,
    digit_transposition,
    errors_of,
    found_at,
    lint_rendered,
    render,
    via_libreoffice,
    zoo_doc,
)

PLAIN_FORMATS = ["txt", "md", "docx"]
# Columns named by months ("Tháng 02/2024") carry no day: no date error can be made there.
NO_DAYS = {"month-headers"}
DAY_CLASSES = {
    "comparison_date_wrong_month",
    "invalid_calendar_date",
    "previous_date_not_month_end",
}


def _describe(findings: list[object]) -> list[tuple[object, ...]]:
    return [
        (f.code, f.location.line, f.location.table, f.location.row, f.found)  # type: ignore[attr-defined]
        for f in findings
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.sampled_from(LAYOUTS), st.sampled_from(PLAIN_FORMATS))
def test_a_consistent_report_has_no_error_in_any_layout(seed: int, layout: str, fmt: str) -> None:
    doc, _ = zoo_doc(seed, layout)
    assert _describe(errors_of(lint_rendered(render(doc, fmt)))) == []


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    st.integers(0, 10_000),
    st.sampled_from(LAYOUTS),
    st.sampled_from(PLAIN_FORMATS),
    st.sampled_from(INJECTIONS),
)
# "50" typed "05" in a part's count: only that count and its partner's repair the two rates
@example(83, "base", "txt", digit_transposition)
def test_an_injected_error_is_found_at_its_place(
    seed: int, layout: str, fmt: str, inject: Injection
) -> None:
    doc, injected = zoo_doc(seed, layout, inject)
    assume(injected is not None)
    assert injected is not None
    r = render(doc, fmt)
    findings = lint_rendered(r)
    assert found_at(findings, injected, r), (injected, _describe(findings))


def _first_applying(layout: str, inject: Injection) -> tuple[int, Injected, object]:
    """The first seed whose report the injection applies to (each class at least once,
    whatever hypothesis draws)."""
    for seed in range(40):
        doc, injected = zoo_doc(seed, layout, inject)
        if injected is not None:
            return seed, injected, doc
    raise AssertionError(f"{inject.__name__} applies to no report of {layout}")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_error_class_is_found_in_every_layout(layout: str) -> None:
    for i, inject in enumerate(INJECTIONS):
        if layout in NO_DAYS and inject.__name__ in DAY_CLASSES:
            continue
        fmt = PLAIN_FORMATS[i % len(PLAIN_FORMATS)]
        _, injected, doc = _first_applying(layout, inject)
        r = render(doc, fmt)  # type: ignore[arg-type]
        findings = lint_rendered(r)
        assert found_at(findings, injected, r), (fmt, injected, _describe(findings))


# ---------------------------------------------------------------- LibreOffice's Word files


@pytest.fixture(scope="session")
def libreoffice_zoo() -> dict[str, tuple[Rendered, Injected | None]]:
    """Every layout consistent, and every error class in one layout each (the layouts
    taken in turn), re-written by LibreOffice in one conversion: the slow part, done once."""
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice is not installed: apt-get install -y libreoffice-writer-nogui")
    made: dict[str, tuple[Rendered, Injected | None]] = {}
    for layout in LAYOUTS:
        doc, _ = zoo_doc(1, layout)
        made[f"{layout}--clean"] = (render(doc, "docx"), None)
    for i, inject in enumerate(INJECTIONS):
        layout = LAYOUTS[i % len(LAYOUTS)]
        _, injected, doc = _first_applying(layout, inject)
        made[inject.__name__] = (render(doc, "docx"), injected)  # type: ignore[arg-type]
    converted = via_libreoffice({k: r.data for k, (r, _) in made.items()})
    return {
        k: (Rendered(converted[k], ".docx", r.where), injected) for k, (r, injected) in made.items()
    }


@pytest.mark.slow
@pytest.mark.parametrize("layout", LAYOUTS)
def test_libreoffice_word_files_have_no_error_in_any_layout(
    layout: str, libreoffice_zoo: dict[str, tuple[Rendered, Injected | None]]
) -> None:
    clean, _ = libreoffice_zoo[f"{layout}--clean"]
    assert _describe(errors_of(lint_rendered(clean))) == []


@pytest.mark.slow
@pytest.mark.parametrize("inject", INJECTIONS, ids=lambda f: f.__name__)
def test_libreoffice_word_files_show_every_error_class(
    inject: Injection, libreoffice_zoo: dict[str, tuple[Rendered, Injected | None]]
) -> None:
    r, injected = libreoffice_zoo[inject.__name__]
    assert injected is not None
    findings = lint_rendered(r)
    assert found_at(findings, injected, r), (injected, _describe(findings))
