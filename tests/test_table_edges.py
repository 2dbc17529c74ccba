"""``check-table`` and ``check_table`` as a new user meets them: row numbers that match
the spreadsheet, Parquet from a default install, figures pasted from Word, errors in
the user's language, and the pandera models where a user looks for them."""

from __future__ import annotations

import csv
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clirun import Run

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import dvc_validate
from dvc_validate.errors import NotAReportError
from dvc_validate.tables.batch import FIRST_DATA_ROW, check_table, text_figure
from dvc_validate.vn import format_number

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "province-table-2024-02.csv"

Cli = Callable[..., Run]


def _key(f: dvc_validate.Finding) -> tuple[str, int | None, str | None, str | None]:
    return (f.code, f.location.row, f.found, f.expected)


# ----------------------------------------------------------------------------- rows


def test_a_findings_row_is_the_csv_line_that_holds_its_figure() -> None:
    """The convention: the spreadsheet's row, header included (row 1 is the header)."""
    with EXAMPLE.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.DictReader(fh))
    findings = check_table(EXAMPLE).findings
    assert findings
    for f in findings:
        assert f.location.row is not None
        line = lines[f.location.row - 2]  # DictReader drops the header, lists count from 0
        assert (line["unit_id"], line["indicator"]) == (f.data["unit_id"], f.location.indicator)
    # the documented example: the DL002 of TN-DH-BC 3.6 is on line 72 of the CSV
    assert ("DL002", 72) in {(f.code, f.location.row) for f in findings}
    assert FIRST_DATA_ROW == 2


def test_a_duplicate_names_the_row_of_the_first_copy_in_the_same_numbering() -> None:
    df = pd.read_csv(EXAMPLE)
    dup = pd.concat([df, df.iloc[[0]]], ignore_index=True)
    (f,) = [f for f in check_table(dup).findings if f.code == "DC102"]
    assert (f.location.row, f.expected) == (len(dup) + 1, "2")


# ----------------------------------------------------------------------------- Parquet


def test_pyarrow_comes_with_a_default_install() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    deps = [d.split(">")[0].split("=")[0].strip() for d in meta["project"]["dependencies"]]
    assert "pyarrow" in deps


def test_check_table_reads_a_parquet_file(cli: Cli, tmp_path: Path) -> None:
    pq = tmp_path / "national-2025.parquet"
    pd.read_csv(EXAMPLE).to_parquet(pq, index=False)
    parquet = cli("check-table", pq, "--format", "json")
    csv_run = cli("check-table", EXAMPLE, "--format", "json")
    assert parquet.code == csv_run.code == 1, parquet.err
    strip = [{k: v for k, v in f.items() if k != "fingerprint"} for f in parquet.findings()]
    for f in strip:
        f["location"]["sheet"] = EXAMPLE.name
    assert strip == [{k: v for k, v in f.items() if k != "fingerprint"} for f in csv_run.findings()]


def test_without_a_parquet_engine_one_sentence_names_what_to_install(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pq = tmp_path / "t.parquet"
    pd.read_csv(EXAMPLE).to_parquet(pq, index=False)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    for lang, words in (("vi", "cần gói pyarrow"), ("en", "needs pyarrow")):
        run = cli("check-table", pq, "--lang", lang)
        assert run.code == 2
        assert run.out == ""
        assert run.err.count("\n") == 1
        assert words in run.err and "pip install 'pyarrow>=15'" in run.err
        assert "internal" not in run.err and "nội bộ" not in run.err


# ----------------------------------------------------------------------------- text figures


@given(st.integers(min_value=-10_000, max_value=10_000), st.sampled_from([0, 1, 2]))
def test_a_vietnamese_figure_reads_as_its_value(hundredths: int, decimals: int) -> None:
    value = round(hundredths / 100, decimals)
    for percent in (False, True):
        text = format_number(value, decimals, percent=percent)
        read = text_figure(text)
        if decimals == 0 and abs(value) >= 1000 and not percent:
            continue  # "1.000" is 1000 in Vietnamese and 1.0 in a table: never guessed
        assert read == pytest.approx(value), text


@pytest.mark.parametrize("text", ["1.731", "1,234.5", "chưa có", "12/5"])
def test_a_text_that_reads_two_ways_or_none_is_left_unread(text: str) -> None:
    assert text_figure(text) is None


def test_a_count_grouped_with_a_comma_is_unsure_as_in_a_document() -> None:
    """``855,589`` in a count column is 855589 grouped the English way, or a Vietnamese
    decimal no count can be: a document reports it as a format slip (NF001), and a
    table says it could not read it (DC104, info), never the error PC002."""
    df = pd.read_csv(EXAMPLE).astype({"new_count": object})
    row = int(df.index[df["new_count"].notna()][0])
    df.loc[row, "new_count"] = "855,589"
    at = [(f.code, f.severity.value, f.found) for f in check_table(df).findings]
    here = [
        (f.code, f.severity.value, f.found)
        for f in check_table(df).findings
        if f.location.row == row + FIRST_DATA_ROW
    ]
    assert here == [("DC104", "info", "855,589")]
    assert not any(code == "PC002" for code, _, _ in at)


def test_rates_pasted_from_word_give_the_findings_of_the_numbers() -> None:
    df = pd.read_csv(EXAMPLE)
    as_text = df.astype({"old_rate": object, "change": object})
    rates = df["old_rate"].notna()
    as_text.loc[rates, "old_rate"] = [
        format_number(v, 2, percent=True) for v in df["old_rate"][rates]
    ]
    changes = df["change"].notna()
    as_text.loc[changes, "change"] = [format_number(v, 2, plus=True) for v in df["change"][changes]]
    assert as_text.loc[3, "old_rate"].endswith("%") and "," in as_text.loc[3, "old_rate"]
    assert [_key(f) for f in check_table(as_text).findings] == [
        _key(f) for f in check_table(df).findings
    ]


def test_an_unreadable_cell_is_reported_in_words_not_pandera_names() -> None:
    df = pd.read_csv(EXAMPLE).astype({"old_rate": object})
    df.loc[5, "old_rate"] = "chưa có"
    for lang, words in (("vi", "không phải là số"), ("en", "is not a number")):
        (f,) = [f for f in check_table(df, lang=lang).findings if f.code == "DC104"]
        assert (f.location.row, f.found, f.data["column"]) == (7, "chưa có", "old_rate")
        assert f.severity == "info"
        assert words in f.message
        assert "dtype" not in f.message and "float64" not in f.message


@pytest.mark.parametrize("column", ["old_count", "old_rate", "new_count", "new_rate", "change"])
@pytest.mark.parametrize("at", [5, 40, 100])
def test_an_unreadable_cell_is_its_only_new_finding(column: str, at: int) -> None:
    """A relation that needs the unread cell is unknown, not broken: no error is made
    up from counts instead of rates, or from a whole's sum without that part."""
    df = pd.read_csv(EXAMPLE)
    before = {_key(f) for f in check_table(df).findings}
    at = int(df.index[df[column].notna()][at])  # the at-th row that has this figure
    bad = df.astype({column: object})
    bad.loc[at, column] = "không rõ"
    after = [f for f in check_table(bad).findings if _key(f) not in before]
    assert [(f.code, f.location.row, f.data["column"]) for f in after] == [
        ("DC104", at + FIRST_DATA_ROW, column)
    ]


# ----------------------------------------------------------------------------- errors, exports


def test_a_missing_column_speaks_the_callers_language() -> None:
    df = pd.read_csv(EXAMPLE).drop(columns=["change"])
    with pytest.raises(NotAReportError) as vi:
        check_table(df)
    assert "thiếu cột change" in str(vi.value)
    with pytest.raises(NotAReportError) as en:
        check_table(df, lang="en")
    assert "missing columns change" in str(en.value)


def test_the_pandera_models_are_exported_at_the_top() -> None:
    from dvc_validate import IndicatorFrame, TableFrame
    from dvc_validate.tables.batch import TableFrame as BatchTableFrame
    from dvc_validate.tables.frame import IndicatorFrame as SchemasIndicatorFrame

    assert TableFrame is BatchTableFrame and IndicatorFrame is SchemasIndicatorFrame
    validated = TableFrame.validate(pd.read_csv(EXAMPLE))
    assert len(validated) == 232


def test_the_polars_path_without_polars_names_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dvc_validate.tables.frame import compile_pack_polars

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "polars" else real(name, *a)
    )
    with pytest.raises(ImportError, match=r"pip install 'dvc-validate\[polars\]'"):
        compile_pack_polars()
