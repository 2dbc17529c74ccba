"""The pandera path over one report's Appendix I (``Report.to_frame()``).

Each check passes and fails where it should, at the right row and indicator;
generated consistent frames give nothing; an injected slip is found at its row;
and the frame executor agrees with the document path on the same figures.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dvc_validate.model.figure import Figure, FigureKind
from dvc_validate.model.finding import Finding
from dvc_validate.model.location import Location
from dvc_validate.model.report import AppendixRow, AppendixTable, Report
from dvc_validate.pack import RulePack, builtin_pack, merge_packs
from dvc_validate.schemas import (
    FIGURE_COLUMNS,
    compile_pack,
    compile_specs,
    report_schema,
    validate_frame,
)
from dvc_validate.vn import format_number

ROOT = Path(__file__).resolve().parents[1]
PACK = builtin_pack()
CODES = {"PC001", "PC002", "PC003", "PC004", "DL001", "DL002"}


# ----------------------------------------------------------------------------- helpers


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    """A ``Report.to_frame()``-shaped frame; unspecified figures are blank and
    unspecified decimals are 0 for counts, 2 for rates and changes."""
    records = []
    for r in rows:
        rec: dict[str, Any] = {"indicator": r["indicator"], "label": r.get("label", "")}
        for col in FIGURE_COLUMNS:
            v = r.get(col)
            rec[col] = math.nan if v is None else float(v)
            rec[f"{col}_decimals"] = r.get(f"{col}_decimals", 0 if col.endswith("count") else 2)
        records.append(rec)
    return pd.DataFrame.from_records(records)


# ----------------------------------------------------------------------------- each check


def test_rate_out_of_range_is_pc001_at_its_row_and_indicator() -> None:
    df = frame(
        {"indicator": "5.1", "old_rate": 100, "new_rate": 1000, "change": 0, "change_decimals": 0,
         "old_rate_decimals": 0, "new_rate_decimals": 0},
        {"indicator": "5.2", "old_rate": 100.004, "new_rate": -0.004, "change": -100},
    )  # fmt: skip
    found = [f for f in validate_frame(df) if f.code == "PC001"]
    assert [(f.location.indicator, f.location.row, f.data["role"], f.found) for f in found] == [
        ("5.1", 1, "new.rate", "1.000%")
    ]
    assert found[0].name == "percent-out-of-range" and found[0].severity.value == "error"


def test_tolerance_comes_from_printed_precision() -> None:
    # "100%" printed without decimals stands for 99,5..100,5: a 100,4 behind it is
    # rounding. "100,4%" printed with one decimal stands for 100,35..100,45: too much.
    ok = frame({"indicator": "5.1", "new_rate": 100.4, "new_rate_decimals": 0})
    bad = frame({"indicator": "5.1", "new_rate": 100.4, "new_rate_decimals": 1})
    assert validate_frame(ok) == []
    assert [f.code for f in validate_frame(bad)] == ["PC001"]


def test_change_of_rates_beyond_100_points_is_pc001() -> None:
    df = frame(
        {"indicator": "1.2.a", "old_rate": 70.63, "new_rate": 65.38, "change": -525,
         "change_decimals": 0},
    )  # fmt: skip
    got = {(f.code, f.data["role"]) for f in validate_frame(df)}
    assert ("PC001", "change") in got and ("DL001", "change") in got


def test_negative_or_fractional_count_is_pc002() -> None:
    df = frame(
        {"indicator": "3.7", "old_count": 983, "new_count": -5},
        {"indicator": "6.3", "old_count": 837873, "new_count": 855.589, "new_count_decimals": 3},
        {"indicator": "6.4", "old_count": 135, "new_count": 173},
    )
    found = [(f.code, f.location.indicator, f.location.row, f.found) for f in validate_frame(df)]
    assert found == [("PC002", "3.7", 1, "-5"), ("PC002", "6.3", 2, "855,589")]


def test_rate_against_count_over_total_is_pc003_and_sum_is_pc004() -> None:
    # Bình Thành, Appendix I 1.2: 3.863 of 5.454 is 70,83%, printed 70,63%.
    df = frame(
        {"indicator": "1.2"},
        {"indicator": "1.2.a", "old_count": 3863, "old_rate": 70.63, "new_count": 68,
         "new_rate": 65.38, "change": -5.25},
        {"indicator": "1.2.b", "old_count": 1591, "old_rate": 29.17, "new_count": 36,
         "new_rate": 34.62, "change": 5.45},
    )  # fmt: skip
    got = [
        (f.code, f.location.indicator, f.location.row, f.found, f.expected)
        for f in validate_frame(df)
    ]
    assert got == [
        ("PC003", "1.2.a", 2, "70,63%", "70,83%"),
        ("PC004", "1.2.a", 2, "99,80%", "100%"),
    ]
    pc004 = next(f for f in validate_frame(df) if f.code == "PC004")
    assert pc004.data == {"role": "old.rate", "parts": ["1.2.a", "1.2.b"]}


def test_complementary_rates_sum_to_100() -> None:
    df = frame(
        {"indicator": "2.1", "old_rate": 96.91, "new_rate": 100, "change": 3.09},
        {"indicator": "2.2", "old_rate": 3.19, "new_rate": 0, "change": -3.19},
    )
    assert [(f.code, f.location.indicator, f.data["role"]) for f in validate_frame(df)] == [
        ("PC004", "2.1", "old.rate")
    ]


def test_change_is_new_minus_old_and_a_sign_slip_is_dl002() -> None:
    df = frame(
        {"indicator": "3.6", "old_rate": 13.9, "new_rate": 9.8, "change": -1.2},
        {"indicator": "3.5.a", "old_rate": 98.63, "new_rate": 100, "change": -1.37},
        {"indicator": "3.7", "old_count": 983, "new_count": 990, "change": 5, "change_decimals": 0},
        {"indicator": "6.2", "old_rate": 99.995, "old_rate_decimals": 3, "new_rate": 100,
         "change": 0.01},
    )  # fmt: skip
    got = [(f.code, f.location.indicator, f.found, f.expected) for f in validate_frame(df)]
    assert got == [
        ("DL001", "3.6", "-1,20", "-4,10"),
        ("DL002", "3.5.a", "-1,37", "+1,37"),
        ("DL001", "3.7", "+5", "+7"),
    ]


def test_blank_figures_are_not_checked() -> None:
    df = frame(
        {"indicator": "3.4"}, {"indicator": "3.4.a", "old_rate": 99.3}, {"indicator": "3.4.b"}
    )
    assert validate_frame(df) == []


def test_a_value_that_is_not_a_number_is_an_info_dc104_from_pandera() -> None:
    df = frame({"indicator": "5.1", "old_rate": 50, "new_rate": 60, "change": 10})
    df["new_rate"] = df["new_rate"].astype(object)
    df.loc[0, "new_rate"] = "sáu mươi"
    found = validate_frame(df)
    dc = [f for f in found if f.code == "DC104"]
    assert dc and dc[0].location.row == 1 and dc[0].data["column"] == "new_rate"
    assert dc[0].found == "sáu mươi" and dc[0].severity == "info"
    assert not any(f.code == "DC101" for f in found)


def test_the_bình_thành_draft_through_the_frame_path() -> None:
    from dvc_validate.api import extract_report

    report, _ = extract_report(ROOT / "examples" / "binh-thanh-2024-02.txt")
    got = {
        (f.code, f.location.indicator, f.data["role"]) for f in validate_frame(report.to_frame())
    }
    assert got == {
        ("PC001", "1.1", "new.rate"),  # 1000%
        ("DL001", "1.1", "change"),
        ("PC001", "1.2.a", "change"),  # -525%
        ("DL001", "1.2.a", "change"),
        ("PC003", "1.2.a", "old.rate"),  # 70,63% for 70,83%
        ("PC004", "1.2.a", "old.rate"),
        ("DL001", "3.1", "change"),
        ("DL002", "3.5.a", "change"),
        ("DL002", "3.5.b", "change"),
        ("DL001", "3.6", "change"),
        ("PC002", "6.3", "new.count"),  # 855,589
    }


# ----------------------------------------------------------------------------- the schema


def test_schema_is_compiled_from_the_pack() -> None:
    schema = report_schema()
    names = [c.name for c in schema.checks]
    assert names == [s.name for s in compile_specs(PACK)]
    assert "PC003:new.rate" in names and "DL002:change" in names
    assert {"indicator", *FIGURE_COLUMNS} <= set(schema.columns)
    # a pack with one more whole checks it: 5.3 a) + b) must make 100%
    extra = RulePack(pack="extra", wholes=[["5.3.a", "5.3.b"]])
    df = frame({"indicator": "5.3.a", "new_rate": 60}, {"indicator": "5.3.b", "new_rate": 30})
    assert validate_frame(df) == []
    assert [f.code for f in validate_frame(df, merge_packs(PACK, extra))] == ["PC004"]
    assert compile_pack(merge_packs(PACK, extra)).name == "IndicatorFrame[qd766]"


def test_findings_built_without_validation_equal_validated_ones() -> None:
    df = frame(
        {"indicator": "2.1", "old_rate": 96.91, "new_rate": 100, "change": 3.09},
        {"indicator": "2.2", "old_rate": 3.19, "new_rate": 1000, "change": -3.19},
    )
    for f in validate_frame(df, sheet="s.csv"):
        again = Finding.model_validate(f.model_dump())
        assert again == f and again.to_dict() == f.to_dict()
        assert f.fingerprint == f.compute_fingerprint()
        assert f.location.sheet == "s.csv"


def test_index_and_extra_columns_do_not_matter() -> None:
    df = frame({"indicator": "5.1", "new_rate": 1000, "new_rate_decimals": 0})
    df.index = [41]
    df["note"] = "x"
    assert [(f.code, f.location.row) for f in validate_frame(df)] == [("PC001", 1)]


# ----------------------------------------------------------------------------- generated frames

_GROUPED = {c for g in [*PACK.wholes, *PACK.complementary] for c in g}
_COUNTS_ONLY = {"3.7", "6.3"}


@st.composite
def consistent_frames(draw: st.DrawFn) -> pd.DataFrame:
    """Appendix I as a careful clerk types it: counts are integers, rates their
    shares rounded to the printed decimals, changes new − old of the printed rates."""
    recs: dict[str, dict[str, Any]] = {}
    dec = st.integers(0, 2)

    def change(code: str, old: float, new: float) -> None:
        if draw(st.booleans()) or code in _COUNTS_ONLY:
            d = draw(dec) if code not in _COUNTS_ONLY else 0
            recs[code].update(change=round(new - old, d), change_decimals=d)

    for whole in PACK.wholes:
        counted = draw(st.booleans())
        for c in whole:
            recs[c] = {"indicator": c}
        for side in ("old", "new"):
            counts = draw(st.lists(st.integers(0, 3000), min_size=len(whole), max_size=len(whole)))
            counts[0] += 1 if sum(counts) == 0 else 0
            d = draw(dec)
            for c, n in zip(whole, counts, strict=True):
                recs[c][f"{side}_rate"] = round(100 * n / sum(counts), d)
                recs[c][f"{side}_rate_decimals"] = d
                if counted:
                    recs[c][f"{side}_count"] = n
        for c in whole:
            change(c, recs[c]["old_rate"], recs[c]["new_rate"])
    for first, second in PACK.complementary:
        recs[first], recs[second] = {"indicator": first}, {"indicator": second}
        for side in ("old", "new"):
            d = draw(dec)
            r = round(draw(st.floats(0, 100)), d)
            recs[first].update({f"{side}_rate": r, f"{side}_rate_decimals": d})
            recs[second].update({f"{side}_rate": round(100 - r, d), f"{side}_rate_decimals": d})
        for c in (first, second):
            change(c, recs[c]["old_rate"], recs[c]["new_rate"])
    for ind in PACK.indicators:
        c = ind.code
        if c in _GROUPED:
            continue
        recs[c] = {"indicator": c}
        if ind.kind == "group":
            continue
        if c in _COUNTS_ONLY:
            o, n = draw(st.integers(0, 10**6)), draw(st.integers(0, 10**6))
            recs[c].update(old_count=o, new_count=n)
            change(c, o, n)
            continue
        for side in ("old", "new"):
            d = draw(dec)
            recs[c].update(
                {f"{side}_rate": round(draw(st.floats(0, 100)), d), f"{side}_rate_decimals": d}
            )
        change(c, recs[c]["old_rate"], recs[c]["new_rate"])
    order = [i.code for i in PACK.indicators]
    return frame(*(recs[c] for c in order))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_frames())
def test_consistent_frames_give_no_finding(df: pd.DataFrame) -> None:
    assert validate_frame(df) == []


def _cells(df: pd.DataFrame, col: str) -> list[int]:
    return [i for i, v in enumerate(df[col]) if not math.isnan(v)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_frames(), st.data())
def test_one_injected_error_of_each_kind_is_found_at_its_row(
    df: pd.DataFrame, data: st.DataObject
) -> None:
    side = data.draw(st.sampled_from(["old", "new"]))
    rate, count = f"{side}_rate", f"{side}_count"
    # beyond twice any tolerance: the printed figures may already use up one (3 parts × 0,5)
    delta = data.draw(st.floats(3.5, 20.0))
    rows_of = {c: i for i, c in enumerate(df["indicator"])}
    cases: list[tuple[str, int, pd.DataFrame]] = []

    bad = df.copy()  # PC001: a rate beyond 100
    r = data.draw(st.sampled_from(_cells(df, rate)))
    bad.loc[r, rate] = 100 + delta
    cases.append(("PC001", r, bad))

    bad = df.copy()  # PC002: a negative count
    r = data.draw(st.sampled_from(_cells(df, count)))
    bad.loc[r, count] = -1 - round(delta)
    cases.append(("PC002", r, bad))

    counted = [w for w in PACK.wholes if not math.isnan(df.loc[rows_of[w[0]], count])]
    if counted:  # PC003: a part's rate off its share
        r = rows_of[data.draw(st.sampled_from([c for w in counted for c in w]))]
        bad = df.copy()
        bad.loc[r, rate] = df.loc[r, rate] + delta
        cases.append(("PC003", r, bad))

    groups = [*PACK.wholes, *PACK.complementary]
    g = data.draw(st.sampled_from(groups))  # PC004: the parts no longer make 100
    r = rows_of[g[0]]
    bad = df.copy()
    bad.loc[r, rate] = df.loc[r, rate] + delta
    cases.append(("PC004", r, bad))

    with_change = [i for i in _cells(df, "change") if abs(df.loc[i, "change"]) >= 1]
    if with_change:
        r = data.draw(st.sampled_from(with_change))
        c = df.loc[r, "change"]
        bad = df.copy()  # DL001: a change off by delta, away from zero
        bad.loc[r, "change"] = c + math.copysign(round(delta), c)
        cases.append(("DL001", r, bad))
        bad = df.copy()  # DL002: the sign typed wrong
        bad.loc[r, "change"] = -c
        cases.append(("DL002", r, bad))

    for code, row, bad in cases:
        found = {(f.code, f.location.row) for f in validate_frame(bad)}
        assert (code, row + 1) in found, (code, row, sorted(found))


# ----------------------------------------------------------------------------- parity


def report_from_frame(df: pd.DataFrame) -> Report:
    """The Report the document path would have extracted from this Appendix I."""
    kinds = {"count": FigureKind.COUNT, "rate": FigureKind.RATE}
    rows = []
    for i, rec in enumerate(df.to_dict("records")):
        code = str(rec["indicator"])
        both_rates = not (math.isnan(rec["old_rate"]) or math.isnan(rec["new_rate"]))
        figures: dict[str, Figure] = {}
        for k, col in enumerate(FIGURE_COLUMNS):
            v, d = rec[col], int(rec[f"{col}_decimals"])
            if math.isnan(v):
                continue
            kind = kinds.get(col.split("_")[-1], FigureKind.CHANGE)
            percent = kind == FigureKind.RATE or (kind == FigureKind.CHANGE and both_rates)
            figures[col.replace("_", ".")] = Figure(
                raw=format_number(v, d, percent=percent, plus=kind == FigureKind.CHANGE),
                value=v,
                decimals=d,
                kind=kind,
                percent=percent,
                exact=kind == FigureKind.COUNT and d == 0,
                role=col.replace("_", "."),
                location=Location(table=2, row=i + 3, cell=k + 3, indicator=code),
            )
        part = code.count(".") == 2
        rows.append(
            AppendixRow(
                number_raw=f"{code[-1]})" if part else code,
                code=code,
                level="part" if part else "indicator",
                parent=code.rsplit(".", 1)[0] if part else None,
                label=str(rec.get("label", "")),
                location=Location(table=2, row=i + 3, cell=1, indicator=code),
                figures=figures,
                indicator=code,
            )
        )
    return Report(source="frame", format="frame", appendix=AppendixTable(table=2, rows=rows))


@st.composite
def perturbed_frames(draw: st.DrawFn) -> pd.DataFrame:
    """A consistent frame with one to three cells retyped the way clerks slip."""
    df = draw(consistent_frames()).copy()
    for _ in range(draw(st.integers(1, 3))):
        col = draw(st.sampled_from(FIGURE_COLUMNS))
        filled = _cells(df, col)
        if not filled:
            continue
        r = draw(st.sampled_from(filled))
        v, d = float(df.loc[r, col]), int(df.loc[r, f"{col}_decimals"])
        slip = draw(st.sampled_from(["x10", "/100", "sign", "plus", "digit"]))
        if slip == "x10":
            v = v * 10
        elif slip == "/100":
            v, d = v / 100, d + 2
        elif slip == "sign":
            v = -v
        elif slip == "plus":
            v = v + draw(st.sampled_from([0.01, 0.1, 1, 5, 20]))
            d = max(d, 2)
        else:
            v = v + 10 ** draw(st.integers(-2, 2)) * draw(st.integers(1, 9))
            d = max(d, 2)
        df.loc[r, col], df.loc[r, f"{col}_decimals"] = round(v, d), d
    return df


def _relation_key(code: str, indicator: str | None, role: str | None) -> tuple[str, str, str]:
    return ("DL001" if code == "DL002" else code, indicator or "", role or "")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(perturbed_frames())
def test_parity_with_the_document_path_relations(df: pd.DataFrame) -> None:
    """Both executors evaluate the same relations of the same pack on the same
    figures: the broken ones are the same (code, indicator, role)."""
    from dvc_validate.checks.relations import build_relations

    report = report_from_frame(df)
    document = {
        _relation_key(r.code, r.figs[0].location.indicator, r.figs[0].role)
        for r in build_relations(report, PACK)
        if r.code in CODES and not r.holds({})
    }
    frame_side = {
        _relation_key(f.code, f.location.indicator, f.data.get("role"))
        for f in validate_frame(df)
        if f.code != "PC002"  # no document rule checks impossible counts
    }
    assert frame_side == document


def _codes_registered() -> set[str]:
    from dvc_validate.checks import REGISTRY, load_rules

    load_rules()
    return set(REGISTRY) & CODES


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(perturbed_frames())
def test_parity_with_the_document_path_findings(df: pd.DataFrame) -> None:
    """``dvc_validate.api.validate`` reports root causes (one per wrong figure), the
    frame path every broken relation: each document finding of these codes is a
    frame finding of the same rule at the same indicator (PC004: any part of the
    whole), the same names are used, and both find something or both nothing."""
    from dvc_validate.api import validate
    from dvc_validate.checks import REGISTRY

    registered = _codes_registered()
    if not registered:
        pytest.skip("the document-path arithmetic rules are not registered")
    frame_findings = [f for f in validate_frame(df) if f.code in registered]
    for f in frame_findings:
        assert REGISTRY[f.code].name == f.name
    doc = [f for f in validate(report_from_frame(df)).findings if f.code in registered]
    family = {"DL002": "DL001"}
    covered: set[tuple[str, str]] = set()
    for f in frame_findings:
        ind = f.location.indicator or ""
        for i in [ind, *f.data.get("parts", [])]:
            covered.add((family.get(f.code, f.code), i))
    for f in doc:
        key = (family.get(f.code, f.code), f.location.indicator or "")
        assert key in covered, (key, sorted(covered))
    assert bool(doc) == bool(frame_findings)


# ----------------------------------------------------------------------------- lazy imports


def test_linting_a_report_imports_neither_pandas_nor_pandera() -> None:
    code = (
        "import sys, dvc_validate\n"
        "from dvc_validate.api import lint\n"
        "r = lint(sys.argv[1])\n"
        "assert r.files[0].findings\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'pandera', 'polars'))\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "examples" / "binh-thanh-2024-02.txt")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == ""


def test_numpy_types_in_findings_are_plain_python() -> None:
    df = frame({"indicator": "1.2.a", "old_count": np.int64(3), "old_rate": 10.0},
               {"indicator": "1.2.b", "old_count": np.int64(1), "old_rate": 90.0})  # fmt: skip
    for f in validate_frame(df):
        assert type(f.location.row) is int
