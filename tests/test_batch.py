"""The batch path: ``check_table`` over long tables (docs/batch.md)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from dvc_validate.batch import FIRST_DATA_ROW, check_table, read_table, table_findings
from dvc_validate.errors import FileMissingError, NotAReportError, UnsupportedFormatError
from dvc_validate.model.finding import Finding, Result
from dvc_validate.pack import builtin_pack
from dvc_validate.schemas import validate_frame

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "province-table-2024-02.csv"
sys.path.insert(0, str(ROOT / "benchmarks"))
import make_table  # noqa: E402


def found(result: Result) -> set[tuple[int | None, str]]:
    return {((f.location.row or 0) - FIRST_DATA_ROW, f.code) for f in result.findings}


def injected(inj: pd.DataFrame) -> set[tuple[int, str]]:
    return {(int(r), str(c)) for r, c in inj.itertuples(index=False)}


def small(seed: int, error_rate: float, pack: Any = None) -> tuple[pd.DataFrame, pd.DataFrame, Any]:
    pack = pack or make_table.extension_pack(2)
    units = make_table.national_units(n_provinces=3, n_communes=18)
    periods = ["2025-07", "2025-08", "2025-09"]
    df, inj = make_table.generate(units, periods, pack=pack, seed=seed, error_rate=error_rate)
    return df, inj, pack


# ----------------------------------------------------------------------------- the example


def test_the_shipped_example_is_what_the_generator_makes() -> None:
    df, _ = make_table.example()
    shipped = read_table(EXAMPLE)
    assert list(shipped.columns) == list(df.columns)
    for col in df.columns:
        a, b = shipped[col], df[col]
        if isinstance(b.dtype, pd.CategoricalDtype):
            assert a.astype(str).tolist() == b.astype(str).tolist(), col
        else:
            assert np.allclose(a, b, equal_nan=True, rtol=0, atol=1e-9), col


def test_the_example_gives_exactly_its_injected_errors() -> None:
    _, inj = make_table.example()
    result = check_table(EXAMPLE)
    assert found(result) == injected(inj)
    f = result.findings[0]
    assert f.location.sheet == "province-table-2024-02.csv"
    assert f.data["unit_id"] == "TN-DH-BC" and f.data["period"] == "2024-02"
    assert result.files[0].path == "province-table-2024-02.csv"
    assert result.files[0].period == "2024-02"


def test_the_json_follows_the_findings_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "schema" / "findings-1.json").read_text(encoding="utf-8"))
    doc = check_table(EXAMPLE, lang="en").to_dict()
    jsonschema.validate(doc, schema)
    assert doc["summary"]["errors"] == 6


# ----------------------------------------------------------------------------- generated tables


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_consistent_table_gives_no_finding(seed: int) -> None:
    df, _, pack = small(seed, 0.0)
    assert check_table(df, pack=pack).findings == []


@pytest.mark.parametrize("seed", [4, 5, 6, 7])
def test_every_injected_error_is_found_at_its_row(seed: int) -> None:
    df, inj, pack = small(seed, 0.04)
    assert len(set(inj["code"])) >= 8
    got = found(check_table(df, pack=pack))
    assert injected(inj) <= got
    # one wrong figure, one finding: the rest are ranks moved by a wrong rank
    extra = {(r, c) for r, c in got - injected(inj)}
    assert {c for _, c in extra} <= {"SC101", "SC102"}


def test_without_collapse_every_broken_relation_is_reported() -> None:
    df, inj, pack = small(8, 0.04)
    collapsed = found(check_table(df, pack=pack))
    full = found(check_table(df, pack=pack, collapse=False))
    assert collapsed < full and injected(inj) <= collapsed


def test_one_report_of_a_table_gives_what_validate_frame_gives() -> None:
    df, _, pack = small(9, 0.08)
    one = df[(df["unit_id"] == "T01-X001") & (df["period"] == "2025-08")]
    one = one[one["indicator"] != make_table.SCORE].reset_index(drop=True)
    table_side = {
        (f.code, f.location.indicator, f.data["role"])
        for f in check_table(one, pack=pack, collapse=False).findings
        if f.code not in ("DC101",)
    }
    frame_side = {(f.code, f.location.indicator, f.data["role"]) for f in validate_frame(one, pack)}
    assert table_side == frame_side and table_side


def test_string_columns_work_as_categoricals_do() -> None:
    df, _, pack = small(10, 0.03)
    as_str = df.astype({c: "str" for c in ("unit_id", "unit_name", "level", "group", "period")})
    as_str["indicator"] = as_str["indicator"].astype(object)
    assert found(check_table(as_str, pack=pack)) == found(check_table(df, pack=pack))


def test_the_callers_frame_is_not_modified() -> None:
    df, _, pack = small(11, 0.05)
    df["new_rate"] = df["new_rate"].astype(object)
    df.loc[0, "new_rate"] = "70,63"
    before = df.copy()
    check_table(df, pack=pack)
    pd.testing.assert_frame_equal(df, before)


def test_table_findings_is_check_table_as_a_frame() -> None:
    df, _, pack = small(12, 0.05)
    result = check_table(df, pack=pack, lang="en", name="t.parquet")
    frame = table_findings(df, pack=pack, lang="en", name="t.parquet")
    as_rows = [
        (f.code, f.message, f.location.row, f.location.indicator, f.found, f.expected)
        for f in result.findings
    ]
    assert (
        list(
            frame[["code", "message", "row", "indicator", "found", "expected"]].itertuples(
                index=False, name=None
            )
        )
        == as_rows
    )
    assert set(frame["sheet"]) == {"t.parquet"}


def test_parquet_reads_like_csv(tmp_path: Path) -> None:
    df, _, pack = small(13, 0.03)
    make_table.write(df, tmp_path / "t.parquet")
    make_table.write(df, tmp_path / "t.csv")
    a = check_table(tmp_path / "t.parquet", pack=pack)
    b = check_table(tmp_path / "t.csv", pack=pack)
    assert found(a) == found(b) == found(check_table(df, pack=pack))
    assert a.findings[0].location.sheet == "t.parquet"


# ----------------------------------------------------------------------------- ranks


def ranking(
    ranks: list[float | None],
    scores: list[float | None],
    rank_of: int | None = None,
    group: str = "g",
) -> pd.DataFrame:
    """Score rows of one ranking group (units ``<group>0``, ``<group>1``, ...)."""
    n = len(ranks)
    return pd.DataFrame(
        {
            "unit_id": [f"{group}{i}" for i in range(n)],
            "level": "xa",
            "group": group,
            "period": "2025-08",
            "indicator": make_table.SCORE,
            "old_count": np.nan,
            "old_rate": np.nan,
            "new_count": np.nan,
            "new_rate": np.nan,
            "change": np.nan,
            "score": [np.nan if s is None else s for s in scores],
            "rank": [np.nan if r is None else r for r in ranks],
            "rank_of": float(rank_of or n),
        }
    )


def codes_at(df: pd.DataFrame) -> list[tuple[int, str, str | None, str | None]]:
    """(row, code, found, expected); rows are the spreadsheet's, so the first unit is row 2."""
    return [((f.location.row or 0), f.code, f.found, f.expected) for f in check_table(df).findings]


def test_competition_ranking_with_ties_is_valid() -> None:
    assert codes_at(ranking([1, 2, 2, 4], [90, 80, 80, 70])) == []


def test_a_gap_or_a_repeat_is_one_sc101_where_the_ranking_breaks() -> None:
    # scores absent: only the ranks themselves can be checked
    got = codes_at(ranking([1, 2, 4, 4, 5], [None] * 5))
    assert got == [(4, "SC101", "4", "3")]
    got = codes_at(ranking([1, 2, 3, 9], [None] * 4))
    assert ("SC101", "9", "1..4") in {(c, f, e) for _, c, f, e in got}
    assert ("SC002", "9", "4") in {(c, f, e) for _, c, f, e in got}


def test_rank_order_follows_score_order() -> None:
    got = codes_at(ranking([1, 3, 2, 4], [90, 80, 70, 60]))
    assert [(r, c, f, e) for r, c, f, e in got if c == "SC102"] == [
        (3, "SC102", "3", "2"),
        (4, "SC102", "2", "3"),
    ]
    # equal scores share a rank
    got = codes_at(ranking([1, 2, 3], [90, 80, 80]))
    assert [(r, c) for r, c, _, _ in got] == [(4, "SC102")]


def test_a_score_beyond_100_is_sc001_and_does_not_move_the_others() -> None:
    got = codes_at(ranking([1, 2, 3, 4, 5], [90, 80, 170, 60, 50]))
    assert got == [(4, "SC001", "170", "100")]


def test_n_is_the_number_of_units_in_the_group_and_period() -> None:
    df = pd.concat([ranking([1, 2, 3], [9, 8, 7], rank_of=4), ranking([1], [5], group="h")])
    got = codes_at(df.reset_index(drop=True))
    assert [(r, c, f, e) for r, c, f, e in got] == [
        (2, "SC103", "4", "3"),
        (3, "SC103", "4", "3"),
        (4, "SC103", "4", "3"),
    ]


# ----------------------------------------------------------------------------- table structure


def test_schema_problems_are_dc101_at_their_row_and_an_unread_figure_is_dc104(
    tmp_path: Path,
) -> None:
    df, _, pack = small(14, 0.0)
    df = df.astype({"level": "str", "period": "str"})
    df.loc[5, "level"] = "phường"
    df.loc[7, "period"] = "2025-13"
    path = tmp_path / "t.csv"
    make_table.write(df, path)
    text = path.read_text(encoding="utf-8").splitlines()
    cells = text[10].split(",")
    # CSV line 11: a word where the old_rate column (the 8th) needs a number
    text[10] = ",".join(cells[:7]) + ',"chưa có",' + ",".join(cells[8:])
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    got = {
        (f.location.row, f.code, f.data.get("column"), f.found)
        for f in check_table(path, pack=pack).findings
    }
    # rows are the spreadsheet's (header = row 1): data row 5 is row 7 ... and text[10] is row 11
    assert (7, "DC101", "level", "phường") in got
    assert (9, "DC101", "period", "2025-13") in got
    # a figure cell the tool cannot read is an info (DC104), never an error
    assert (11, "DC104", "old_rate", "chưa có") in got
    assert not any(c == "DC101" and column == "old_rate" for _, c, column, _ in got)


def test_duplicate_rows_and_unknown_indicators(tmp_path: Path) -> None:
    df, _, pack = small(15, 0.0)
    dup = pd.concat([df, df.iloc[[3]]], ignore_index=True)
    f = check_table(dup, pack=pack).findings
    assert [(x.code, x.location.row, x.expected) for x in f] == [("DC102", len(dup) + 1, "5")]
    # the extension's indicators are unknown to the built-in pack: a warning
    warned = [x for x in check_table(df).findings if x.code == "DC103"]
    assert warned and {x.found for x in warned} == {"9.1.a", "9.1.b", "9.2.a", "9.2.b"}
    assert all(x.severity.value == "warning" for x in warned)


def test_missing_columns_and_unreadable_files_are_tool_errors(tmp_path: Path) -> None:
    with pytest.raises(NotAReportError) as err:
        check_table(pd.DataFrame({"unit_id": ["a"]}))
    assert "indicator" in err.value.message("en")
    with pytest.raises(FileMissingError):
        check_table(tmp_path / "nope.csv")
    (tmp_path / "t.xlsx").write_bytes(b"PK")
    with pytest.raises(UnsupportedFormatError):
        check_table(tmp_path / "t.xlsx")


def test_findings_speak_the_contract() -> None:
    result = check_table(EXAMPLE, lang="en")
    for f in result.findings:
        again = Finding.model_validate(f.model_dump())
        assert again == f and f.fingerprint == f.compute_fingerprint()
        assert f.location.row is not None and f.location.indicator is not None
        assert {"unit_id", "period", "role"} <= set(f.data)
    assert builtin_pack().pack == "qd766"


def test_check_table_is_exported_lazily() -> None:
    code = (
        "import sys, dvc_validate\n"
        "assert 'check_table' in dvc_validate.__all__\n"
        "assert 'pandas' not in sys.modules\n"
        "from dvc_validate import check_table\n"
        "assert check_table.__module__ == 'dvc_validate.batch' and 'pandera' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ----------------------------------------------------------------------------- one registry


def _codes_in_sources() -> set[str]:
    """Every rule code written in the table path's modules: whatever they can emit."""
    src = ROOT / "src" / "dvc_validate"
    paths = [src / "batch.py", src / "schemas.py", src / "checks" / "families" / "tables.py"]
    return {c for p in paths for c in re.findall(r"\"([A-Z]{2}\d{3})\"", p.read_text("utf-8"))}


def _table_with_every_problem() -> pd.DataFrame:
    df, _, _ = small(16, 0.05)
    df = df.astype({"level": "str", "period": "str", "old_rate": object, "rank_of": float})
    df.loc[5, "level"] = "phường"  # DC101
    df.loc[7, "period"] = "2025-13"  # DC101
    df.loc[9, "old_rate"] = "1.731"  # reads two ways: DC104
    scores = df.index[df["indicator"] == "__score__"]
    df.loc[scores[0], "rank_of"] = df.loc[scores[0], "rank_of"] + 1  # SC103
    df.loc[scores[1], "rank"] = df.loc[scores[2], "rank"]  # SC101, SC102
    return pd.concat([df, df.iloc[[3]]], ignore_index=True)  # DC102; DC103: the extension


def test_every_code_the_table_path_emits_is_a_registered_rule(cli: Any) -> None:
    """`rules` lists, and `explain` explains, each code check-table can emit: those in
    its sources and those a table with every kind of problem gives."""
    emitted = {f.code for f in check_table(_table_with_every_problem()).findings}
    assert {"SC101", "SC102", "SC103", "DC101", "DC102", "DC103", "DC104"} <= emitted
    listed = cli("rules")
    assert listed.code == 0
    for code in sorted(emitted | _codes_in_sources()):
        assert re.search(rf"\b{code}\b", listed.out), code
        shown = cli("explain", code)
        assert shown.code == 0 and code in shown.out, code


def test_the_table_path_takes_its_texts_from_the_registry() -> None:
    from dvc_validate.checks import REGISTRY

    for f in check_table(_table_with_every_problem()).findings:
        r = REGISTRY[f.code]
        if f.code.startswith(("SC1", "DC1")):
            assert (f.name, f.severity) == (r.name, r.severity), f.code


def test_an_unsure_reading_is_never_an_error() -> None:
    df = read_table(EXAMPLE).astype({"old_count": object})
    df.loc[0, "old_count"] = "1.731"  # 1731 in Vietnamese, 1.731 in a table
    (f,) = [x for x in check_table(df).findings if x.location.row == FIRST_DATA_ROW]
    assert (f.code, f.severity.value, f.found, f.data["column"]) == (
        "DC104",
        "info",
        "1.731",
        "old_count",
    )
