"""Which figure is wrong and what it should be, on the corpus draft (issue 5).

The suggestions are those a careful reviewer chooses, each with its reason in the
user's language, its explanations ranked best first, and a fix that is ``safe`` only
for a pure format slip.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dvc_validate import vn
from dvc_validate.api import build_pack, extract_report, lint
from dvc_validate.checks.families._shared import _applicability
from dvc_validate.checks.localise import Change, Diagnosis, Explanation, _choose, localise
from dvc_validate.checks.relations import Relation
from dvc_validate.config import Config
from dvc_validate.model.figure import Figure, FigureKind, figure_from_text
from dvc_validate.model.finding import Applicability, Finding, Result
from dvc_validate.model.location import Location

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DRAFTS = ["binh-thanh-2024-02.txt", "binh-thanh-2024-02.docx"]

# found → (expected, code, applicability, model): what a reviewer would write instead
REVIEWER = {
    "1000%": ("100%", "PC001", "unsafe", "extra-digit"),
    "70,63%": ("70,83%", "PC003", "unsafe", "computed"),
    "-525%": ("-5,45%", "PC001", "unsafe", "computed"),
    "-1,37%": ("+1,37%", "DL002", "unsafe", "sign-flip"),
    "1,37%": ("-1,37%", "DL002", "unsafe", "sign-flip"),
    "-1,2%": ("-4,1%", "DL001", "unsafe", "computed"),
    "855,589": ("855.589", "NF001", "safe", "separator-swap"),
    "86,2": ("86,02", "CO001", "unsafe", "missing-digit"),
    "29/01/2024": ("29/02/2024", "DT002", "unsafe", "month-slip"),
    "VI": ("VII", "DC003", "unsafe", "section-repeat"),
}


def _by_found(result: Result) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in result.findings:
        if f.found in REVIEWER and f.code == REVIEWER[f.found][1]:
            out.setdefault(f.found, []).append(f)
    return out


@pytest.mark.parametrize("name", DRAFTS)
def test_each_suggestion_is_what_a_careful_reviewer_would_write(name: str) -> None:
    got = _by_found(lint(EXAMPLES / name))
    assert set(got) == set(REVIEWER)
    for found, findings in got.items():
        expected, _code, applicability, model = REVIEWER[found]
        for f in findings:
            assert f.expected == expected, f
            assert f.fix is not None and f.fix.applicability.value == applicability, f
            assert f.data["model"] == model, f
            assert f.data["reason"], f  # every suggestion says why


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_reasons_are_in_the_users_language(lang: str) -> None:
    got = _by_found(lint(EXAMPLES / DRAFTS[0], config=Config(lang=lang)))
    words = {
        "vi": {"1000%": "thừa một chữ số", "29/01/2024": "gõ nhầm tháng", "VI": "VII"},
        "en": {"1000%": "extra digit", "29/01/2024": "month may be mistyped", "VI": "VII"},
    }[lang]
    for found, word in words.items():
        f = got[found][0]
        assert word in f.data["reason"] and word in f.message


def test_row_1_2_a_is_one_explanation_with_two_changes_and_says_why_minus_525_is_not_5_25() -> None:
    result = lint(EXAMPLES / DRAFTS[0])
    row = [
        f
        for f in result.findings
        if f.location.indicator == "1.2.a" and f.severity.value == "error"
    ]
    assert len(row) == 2  # one root cause per figure to change, not five findings
    explanations = {str(f.data["explanations"]) for f in row}
    assert len(explanations) == 1  # both findings share the one explanation
    (only,) = row[0].data["explanations"]
    assert [(c["found"], c["suggested"]) for c in only] == [
        ("70,63%", "70,83%"),
        ("-525%", "-5,45%"),
    ]
    change = next(f for f in row if f.found == "-525%")
    assert change.data["printed_value"] == pytest.approx(-5.25)
    assert change.data["printed_model"] == "decimal-lost"
    assert "70,63%" in change.data["reason"] and "-5,25%" in change.data["reason"]
    # the other broken relations are evidence on the finding, not findings of their own
    assert set(change.data["relations"]) == {"change", "range"}
    rate = next(f for f in row if f.found == "70,63%")
    assert set(rate.data["relations"]) == {"ratio", "sum", "change"}
    # checked against the counts of both parts and the other part's rate
    assert {(loc.row, loc.cell) for loc in rate.related} >= {(6, 3), (7, 3), (7, 4)}


def _explanations(f: Finding) -> list[list[tuple[Any, ...]]]:
    return [[(c["found"], c["suggested"]) for c in e] for e in f.data["explanations"]]


def test_an_ambiguous_problem_lists_every_explanation_and_proposes_no_fix() -> None:
    result = lint(EXAMPLES / DRAFTS[0])
    to002 = next(f for f in result.findings if f.code == "TO002")
    assert to002.fix is None and to002.expected is None
    assert sorted(_explanations(to002)) == sorted(
        [[("3,8", "3,4")], [("0,9", "0,5")], [("0,3", "0,7")], [("0,1", "0,3")]]
    )
    assert (
        next(c for e in to002.data["explanations"] for c in e if c["found"] == "0,1")["trend"]
        == "giảm"
    )
    co002 = [f for f in result.findings if f.code == "CO002"]
    assert len(co002) == 1  # one stale row, not three findings
    assert _explanations(co002[0]) == [
        [("99,29%", "91,40%"), ("100%", "91,40%"), ("0,71%", "0%")],
        [("91,40%", "99,29%"), ("91,40%", "100%"), ("0%", "0,71%")],
    ]


def test_localisation_is_deterministic() -> None:
    report, _ = extract_report(EXAMPLES / DRAFTS[0])
    pack = build_pack()

    def run() -> list[tuple[Any, ...]]:
        loc = localise(report, pack)
        return [(d.figure.raw, d.value, d.basis) for d in loc.diagnoses] + [
            (
                fl.relation.code,
                [[(c.figure.raw, c.value) for c in e.changes] for e in fl.explanations],
            )
            for fl in loc.failures
        ]

    assert run() == run() == run()


def test_the_least_trusted_figure_is_blamed() -> None:
    """3.6: 13,9% → 9,8% with -1,2%: changing either rate or the change repairs it;
    the change, derived from the rates, is the one blamed."""
    loc = localise(extract_report(EXAMPLES / DRAFTS[0])[0], build_pack())
    d = next(d for d in loc.diagnoses if d.figure.raw == "-1,2%")
    assert d.basis == "trust"
    assert next(c.figure.raw for e in d.explanations for c in e.changes) == "-1,2%"
    assert {c.figure.raw for e in d.explanations for c in e.changes} == {"-1,2%", "13,9%", "9,8%"}


def _fig(raw: str, value: float, cell: int) -> Figure:
    return Figure(raw=raw, value=value, decimals=1, location=Location(table=1, row=1, cell=cell))


def _exp(cost: float, *changes: tuple[Figure, float, str]) -> Explanation:
    return Explanation(
        [
            Change(f, v, 1, model, [], "TO002", strong=model != "computed")
            for f, v, model in changes
        ],
        cost,
    )


def test_how_the_best_explanation_is_chosen() -> None:
    a, b, c = _fig("1,0", 1.0, 1), _fig("2,0", 2.0, 2), _fig("3,0", 3.0, 3)
    only = [_exp(2, (a, 1.5, "computed"))]
    assert _choose(only)[1] == "unique"
    cheaper = sorted(
        [_exp(2, (a, 1.5, "computed")), _exp(6, (b, 2.5, "computed"))], key=Explanation.sort_key
    )
    assert _choose(cheaper) == (cheaper[0].changes, "trust")
    slip = sorted(
        [_exp(6, (a, 1.5, "transposed")), _exp(2, (b, 2.5, "computed"))], key=Explanation.sort_key
    )
    assert slip[0].changes[0].figure is a and _choose(slip)[1] == "plausibility"
    tie = [
        _exp(2, (a, 1.5, "computed"), (b, 2.5, "computed")),
        _exp(2, (a, 1.7, "computed"), (c, 3.5, "computed")),
    ]
    changes, basis = _choose(tie)
    assert basis == "common" and [x.figure for x in changes] == [a]
    d = Diagnosis(a, 1.5, 1, "computed", [], "TO002", explanations=tie, basis="common")
    assert _applicability(d) == Applicability.DISPLAY  # the two want 1,5 and 1,7
    none = [_exp(2, (b, 2.5, "computed")), _exp(2, (c, 3.5, "computed"))]
    assert _choose(none) == ([], "common")  # nothing in common: a failure, no guess


@given(
    st.integers(1, 100_000),
    st.integers(1, 100_000),
    st.integers(0, 3),
)
def test_a_part_count_required_by_its_partner_rate_holds_the_true_count(
    a: int, b: int, decimals: int
) -> None:
    """``rate_a = 100·a / (a + b)``: solved for the other part ``b``, the requirement
    must contain the true ``b`` (the whole holds ``a`` too, so it is not ``100·a/r``)."""
    rate = round(100 * a / (a + b), decimals)
    assume(0 < rate < 100)
    printed = vn.format_number(rate, decimals) + "%"
    at = Location(line=1)
    fr = figure_from_text(printed, FigureKind.RATE, at)
    fa = figure_from_text(vn.format_number(a, 0), FigureKind.COUNT, at)
    fb = figure_from_text(vn.format_number(b, 0), FigureKind.COUNT, at)
    assert fr is not None and fa is not None and fb is not None
    rel = Relation(kind="ratio", code="PC003", subject="x", figs=[fr, fa, fb], numerator=1)
    need = rel.required(fb, {})
    assert need is not None and need.lo - 1e-6 <= b <= need.hi + 1e-6
