"""The batch path: check a long table of index figures for many units and periods.

A province's office or the national portal holds the index as data, not as
Word files: one row per unit, period and indicator (the format is in
``docs/batch.md``). :func:`check_table` runs over such a table every check of
the single-report path that applies to table data, plus the checks only a table
allows (ranks within a ranking group), and answers in the same JSON contract.

Why it is built this way: the table can hold millions of rows, so

* pandera (:class:`TableFrame`) validates the schema: required columns, dtypes,
  the level and period vocabularies, missing keys. Its failures are rare and go
  through the one adapter of :mod:`dvc_validate.tables.findings`;
* the arithmetic is the vectorised evaluator of the pack's relations
  (:func:`dvc_validate.tables.evaluate.evaluate`) over
  the whole table at once (a report is the rows of one unit and period), and
  ranks are a few group-wise numpy operations over the score rows;
* findings are built only for the failing rows, from arrays, at the end.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .. import __version__
from ..errors import (
    CorruptInputError,
    DvcValidateError,
    FileMissingError,
    NotAReportError,
    UnsupportedFormatError,
)
from ..model.finding import FileResult, Result
from ..pack import RulePack, builtin_pack
from ..vn import FLAG_AMBIGUOUS, FLAG_ENGLISH, parse_number
from .columns import (
    FIGURE_COLUMNS,
    Failures,
    FigureColumns,
    column_codes,
    dense_ids,
)
from .evaluate import CheckSpec, compile_specs, evaluate
from .findings import (
    FindingColumns,
    RuleText,
    cell_place,
    failure_case_columns,
    join_columns,
    paused_gc,
    registered_text,
)
from .findings import _row_indicators as row_indicators

__all__ = [
    "FIRST_DATA_ROW",
    "LEVELS",
    "REQUIRED_COLUMNS",
    "SCORE_INDICATOR",
    "TableFrame",
    "check_table",
    "read_table",
    "table_findings",
]

#: The row number findings give the table's first data row: the spreadsheet's own
#: numbering, header included (row 1 is the header), so "row 72" is line 72 of the
#: CSV and row 72 in Excel. A DataFrame's row ``r`` is ``df.iloc[r - FIRST_DATA_ROW]``.
FIRST_DATA_ROW = 2

#: The indicator value of a unit's score row (one per unit and period).
SCORE_INDICATOR = "__score__"
LEVELS = ("xa", "huyen", "tinh")
PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
KEY_COLUMNS = ("unit_id", "level", "group", "period", "indicator")
REQUIRED_COLUMNS = (*KEY_COLUMNS, *FIGURE_COLUMNS)
SCORE_COLUMNS = ("score", "rank", "rank_of")
_CATEGORY_COLUMNS = ("unit_id", "unit_name", "level", "group", "period", "indicator")

FloatArray = npt.NDArray[np.float64]


class TableFrame(pa.DataFrameModel):
    """The long table: one row per unit, period and indicator (``docs/batch.md``).

    Key columns may be strings or categoricals (categoricals are much cheaper
    for millions of rows); figures are floats, coerced from text where they
    parse. Score rows (``indicator == "__score__"``) carry score, rank, rank_of.
    """

    unit_id: Series[Any] = pa.Field(nullable=False)
    unit_name: Series[Any] | None = pa.Field(nullable=True)
    level: Series[Any] = pa.Field(isin=list(LEVELS))
    group: Series[Any] = pa.Field(nullable=False)
    period: Series[Any] = pa.Field(str_matches=PERIOD_PATTERN)
    indicator: Series[Any] = pa.Field(nullable=False)
    old_count: Series[float] = pa.Field(nullable=True)
    old_rate: Series[float] = pa.Field(nullable=True)
    new_count: Series[float] = pa.Field(nullable=True)
    new_rate: Series[float] = pa.Field(nullable=True)
    change: Series[float] = pa.Field(nullable=True)
    score: Series[float] | None = pa.Field(nullable=True)
    rank: Series[float] | None = pa.Field(nullable=True)
    rank_of: Series[float] | None = pa.Field(nullable=True)
    old_rate_decimals: Series[float] | None = pa.Field(nullable=True)
    new_rate_decimals: Series[float] | None = pa.Field(nullable=True)
    change_decimals: Series[float] | None = pa.Field(nullable=True)
    score_decimals: Series[float] | None = pa.Field(nullable=True)

    class Config:
        coerce = True
        strict = False


# ----------------------------------------------------------------------------- loading


def read_table(path: str | os.PathLike[str], *, lang: str = "vi") -> pd.DataFrame:
    """Read a CSV (UTF-8) or Parquet table; key columns become categoricals.

    Errors are :class:`~dvc_validate.errors.DvcValidateError` whose ``str()`` is in
    ``lang``. Parquet needs pyarrow (a dependency); an environment without it gets
    one sentence naming what to install, not pandas' ImportError.
    """
    p = Path(path)
    if not p.is_file():
        raise _in_lang(
            FileMissingError(f"Không tìm thấy tệp {p}.", f"File not found: {p}.", path=str(p)),
            lang,
        )
    suffix = p.suffix.lower()
    try:
        if suffix == ".csv":
            dtype: dict[str, str] = {c: "category" for c in _CATEGORY_COLUMNS}
            return pd.read_csv(p, dtype=dtype, encoding="utf-8-sig")
        if suffix in (".parquet", ".pq"):
            _need_parquet_engine(p, lang)
            return pd.read_parquet(p, engine="pyarrow")
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise _in_lang(
            CorruptInputError(
                f"Không đọc được bảng {p}: {exc}.", f"Cannot read table {p}: {exc}.", path=str(p)
            ),
            lang,
        ) from exc
    raise _in_lang(
        UnsupportedFormatError(
            f"Bảng {p.name}: chỉ đọc .csv hoặc .parquet.",
            f"Table {p.name}: only .csv and .parquet are read.",
            path=str(p),
        ),
        lang,
    )


def _need_parquet_engine(p: Path, lang: str) -> None:
    try:
        import_module("pyarrow.parquet")
    except ImportError as exc:
        raise _in_lang(
            UnsupportedFormatError(
                f"Đọc tệp Parquet {p.name} cần gói pyarrow: pip install 'pyarrow>=15' "
                "(hoặc cài lại dvc-validate).",
                f"Reading the Parquet file {p.name} needs pyarrow: pip install 'pyarrow>=15' "
                "(or reinstall dvc-validate).",
                path=str(p),
            ),
            lang,
        ) from exc


# ----------------------------------------------------------------------------- checking


def check_table(
    table: pd.DataFrame | str | os.PathLike[str],
    *,
    pack: RulePack | None = None,
    lang: str = "vi",
    decimals: int = 2,
    name: str | None = None,
    collapse: bool = True,
) -> Result:
    """Check a long table of index figures; every problem is a finding.

    ``table`` is a DataFrame or the path of a ``.csv``/``.parquet`` file in the
    format of ``docs/batch.md``. ``decimals`` is the printed precision of rates,
    changes and scores when the table has no ``*_decimals`` columns (the
    portal's is 2). Findings carry ``location.sheet`` (the file name, ``name``
    or ``"table"``), ``location.row`` (1-based data row) and
    ``location.indicator``, with ``unit_id`` and ``period`` in ``data``.
    With ``collapse`` (the default) a figure found wrong is reported once: the
    relations it breaks elsewhere are not reported again (see :func:`_collapse`);
    ``collapse=False`` reports every broken relation, as ``validate_frame``.
    Raises :class:`~dvc_validate.errors.NotAReportError` when required columns
    are missing, and the reader's errors for unreadable files. A folder of the
    portal's responses (or one ``.json`` response) is checked with the portal
    pack's relations instead (``docs/portal.md``).
    """
    from ..portal.read import is_portal_source

    if not isinstance(table, pd.DataFrame) and is_portal_source(table):
        from ..portal.table import check_portal_table

        return check_portal_table(table, lang=lang, name=name)
    df, sheet = _input(table, name, lang)
    batches = _check(df, pack or builtin_pack(), decimals=decimals, collapse=collapse)
    order = np.argsort(_rows(batches), kind="stable")  # row order, then check order
    periods = df["period"].dropna().unique()
    with paused_gc():  # the whole materialisation, not batch by batch (see paused_gc)
        findings = [f for b in batches for f in b.findings(lang, sheet, FIRST_DATA_ROW)]
        fr = FileResult(
            path=sheet,
            period=str(periods[0]) if len(periods) == 1 else None,
            findings=[findings[i] for i in order.tolist()],
        )
    return Result(files=[fr], lang=lang, tool_version=__version__)


def table_findings(
    table: pd.DataFrame | str | os.PathLike[str],
    *,
    pack: RulePack | None = None,
    lang: str = "vi",
    decimals: int = 2,
    name: str | None = None,
    collapse: bool = True,
) -> pd.DataFrame:
    """:func:`check_table`'s findings as one DataFrame, without Finding objects.

    For tables with very many findings: building a pydantic object per finding
    costs a few µs each, this costs a fraction. One row per finding, in row
    order, with the columns ``code, name, severity, message, sheet, row,
    indicator, unit_id, period, role, found, expected`` (``row`` as in
    :func:`check_table`: the spreadsheet's row, header included).
    The fingerprint is left out; :func:`check_table` computes it.
    """
    df, sheet = _input(table, name, lang)
    batches = _check(df, pack or builtin_pack(), decimals=decimals, collapse=collapse)
    n = int(sum(len(b) for b in batches))

    def col(values: list[list[Any]]) -> list[Any]:
        return [v for part in values for v in part]

    def data(key: str) -> list[Any]:
        return col([b.data.get(key, [None] * len(b)) for b in batches])

    rows = _rows(batches)
    text = {  # object columns: a missing value stays None, as in the JSON
        "message": col([b.messages(lang) for b in batches]),
        "indicator": col([b.indicators for b in batches]),
        "unit_id": data("unit_id"),
        "period": data("period"),
        "role": data("role"),
        "found": col([b.found for b in batches]),
        "expected": col([b.expected for b in batches]),
    }
    obj = {k: pd.Series(v, dtype=object) for k, v in text.items()}
    out = pd.DataFrame(
        {
            "code": col([[b.rule.code] * len(b) for b in batches]),
            "name": col([[b.rule.name] * len(b) for b in batches]),
            "severity": col([[b.rule.severity.value] * len(b) for b in batches]),
            "message": obj["message"],
            "sheet": [sheet] * n,
            "row": pd.array(np.where(rows >= 0, rows + FIRST_DATA_ROW, -1), dtype="Int64"),
            "indicator": obj["indicator"],
            "unit_id": obj["unit_id"],
            "period": obj["period"],
            "role": obj["role"],
            "found": obj["found"],
            "expected": obj["expected"],
        }
    )
    out.loc[out["row"] < 0, "row"] = pd.NA
    order = np.argsort(rows, kind="stable")
    return out.iloc[order].reset_index(drop=True)


def _input(
    table: pd.DataFrame | str | os.PathLike[str], name: str | None, lang: str = "vi"
) -> tuple[pd.DataFrame, str]:
    if isinstance(table, pd.DataFrame):
        df, sheet = table, name or "table"
    else:
        df, sheet = read_table(table, lang=lang), name or Path(table).name
    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        cols = ", ".join(missing)
        raise _in_lang(
            NotAReportError(
                f"{sheet}: không phải bảng chỉ số (thiếu cột {cols}); xem docs/batch.md.",
                f"{sheet}: not an index table (missing columns {cols}); see docs/batch.md.",
                columns=missing,
            ),
            lang,
        )
    return df, sheet


def _in_lang(exc: DvcValidateError, lang: str) -> DvcValidateError:
    """The error whose ``str()`` is in the caller's language: a pandas user sees the
    exception text, not the CLI's one sentence, and asked for ``lang``."""
    exc.args = (exc.message(lang),)
    return exc


def _rows(batches: Sequence[FindingColumns]) -> npt.NDArray[np.int64]:
    if not batches:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate([b.rows for b in batches])


class _Table:
    """Codes of the key columns, computed once; strings only for failing rows."""

    def __init__(self, df: pd.DataFrame) -> None:
        self.n = len(df)
        self.unit, self.unit_values = column_codes(df["unit_id"])
        self.period, self.period_values = column_codes(df["period"])
        self.group, self.group_values = column_codes(df["group"])
        self.indicator, self.indicator_values = column_codes(df["indicator"])
        n_periods = max(len(self.period_values), 1)
        kind = np.int32 if len(self.unit_values) * n_periods < 2**31 else np.int64
        key: npt.NDArray[np.integer[Any]] = np.asarray(
            self.unit.astype(kind) * n_periods + self.period.astype(kind)
        )
        key[(self.unit < 0) | (self.period < 0)] = -1  # no unit or period: no report
        self.report_key = key

    def lookup(self, codes: npt.NDArray[np.integer[Any]], values: npt.NDArray[Any]) -> list[Any]:
        """Values at ``codes`` (None for a missing key)."""
        out = np.empty(len(codes), dtype=object)
        ok = codes >= 0
        out[ok] = values[codes[ok]]
        return list(out)

    def mask_of(self, values: set[str]) -> npt.NDArray[np.bool_]:
        """Rows whose indicator is one of ``values`` (a lookup over the categories)."""
        lut = np.array([v in values for v in self.indicator_values.tolist()] + [False])
        return np.asarray(lut[self.indicator], dtype=bool)

    def columns(
        self,
        rule: RuleText,
        rows: npt.NDArray[np.integer[Any]],
        *,
        found: list[str | None],
        expected: list[str | None],
        role: str,
        extra: dict[str, list[Any]] | None = None,
    ) -> FindingColumns:
        """Findings at table rows: unit and period in ``data`` and in the message."""
        at = rows.astype(np.intp)
        units = self.lookup(self.unit[at], self.unit_values)
        periods = self.lookup(self.period[at], self.period_values)
        inds = self.lookup(self.indicator[at], self.indicator_values)
        data: dict[str, list[Any]] = {
            "role": [role] * len(at),
            "unit_id": units,
            "period": periods,
            "subject": join_columns([units, "@", periods], len(at)),
            **(extra or {}),
        }
        # a score row's indicator is the internal SCORE_INDICATOR: its messages name
        # the score in words already, so its place is the unit and the period alone
        shown = [None if i == SCORE_INDICATOR else i for i in inds]
        seps = [None if i is None else " · " for i in shown]
        where = join_columns([units, " · ", periods, seps, shown], len(at))
        return FindingColumns(rule, at.astype(np.int64), inds, where, found, expected, data)


def _check(
    df: pd.DataFrame, pack: RulePack, *, decimals: int, collapse: bool
) -> list[FindingColumns]:
    """Every check over the table; findings column-wise, in check order."""
    work = df.copy(deep=False)  # the caller's frame is never modified
    work.index = pd.RangeIndex(len(work))
    unsure = _read_text_figures(work)
    batches = _schema_columns(work)  # cells not numbers (DC104) or invalid (DC101)
    if unsure:
        batches.append(_unsure_columns(unsure, work))
    t = _Table(work)
    for b in batches:  # pandera's findings: add unit and period
        at = np.maximum(b.rows, 0).astype(np.intp)
        none = b.rows < 0
        units, periods = (
            t.lookup(t.unit[at], t.unit_values),
            t.lookup(t.period[at], t.period_values),
        )
        b.data["unit_id"] = [None if x else u for x, u in zip(none, units, strict=True)]
        b.data["period"] = [None if x else p for x, p in zip(none, periods, strict=True)]
        # a score row's indicator is internal: its cell is named by its column alone
        b.where = [
            w.replace(f" ({SCORE_INDICATOR})", "") if i == SCORE_INDICATOR else w
            for w, i in zip(b.where, b.indicators, strict=True)
        ]

    cols = FigureColumns(
        work,
        report_key=t.report_key,
        decimals={c: decimals for c in ("old_rate", "new_rate", "change", "score")},
        indicator_codes=(t.indicator, t.indicator_values.tolist()),
    )
    results = [(spec, evaluate(spec, cols)) for spec in compile_specs(pack)]
    results = _without_unread(results, cols, _unread_rows(batches, len(work)))
    if collapse:
        results = _collapse(results, cols)
    for spec, fails in results:
        if len(fails.rows):
            batches.append(_figure_columns(spec, fails, t))
    batches.extend(_key_columns(t, pack))
    if all(c in work.columns for c in SCORE_COLUMNS):
        batches.extend(_rank_columns(cols, t, pack))
    return batches


_TABLE_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_THOUSANDS_OR_DECIMAL = re.compile(r"[+-]?\d{1,3}\.\d{3}")
#: ``855,589`` in a column of whole numbers: a count grouped the English way, or a
#: Vietnamese decimal that no count can be; which one the clerk meant is unknown
_COMMA_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+")
_WHOLE_NUMBER_COLUMNS = ("old_count", "new_count", "rank", "rank_of")


def text_figure(text: str) -> float | None:
    """A figure typed as text in a table cell, when it reads one way only.

    A table's own convention is the dot decimal (``95.6``). A value pasted from
    Word is Vietnamese (``95,6%``, ``1.731``, ``-0,13%``); its ``%`` is dropped
    because rate columns hold percentages. ``1.731`` could be either (1731 in
    Vietnamese, 1.731 in the table's convention), and an English-grouped
    ``1,234.5`` is not what a Vietnamese clerk types: both stay unread
    (``None``), and the schema reports the cell as not a number.
    """
    s = text.strip().replace("\u00a0", " ")
    if _THOUSANDS_OR_DECIMAL.fullmatch(s):
        return None
    if _TABLE_NUMBER.fullmatch(s):
        return float(s)
    parsed = parse_number(s)
    if parsed is None or FLAG_ENGLISH in parsed.flags or FLAG_AMBIGUOUS in parsed.flags:
        return None
    return parsed.value


def _read_text_figures(work: pd.DataFrame) -> list[tuple[int, str, str]]:
    """Figure columns held as text (a column pasted from Word) become numbers where each
    cell reads one way only (:func:`text_figure`); other cells are left as they are for
    the schema to report. Only text columns are touched, so numeric tables pay nothing.

    A cell that reads two ways (``1.731``; ``855,589`` in a column of counts or ranks,
    which a document reports as a format slip, NF001) would pass the schema, which reads
    it one way; it becomes NaN instead, and is returned as (row, column, text) to be
    said as such (DC104), so no relation is checked on a guess."""
    unsure: list[tuple[int, str, str]] = []
    for column in (*FIGURE_COLUMNS, *SCORE_COLUMNS):
        if column not in work.columns:
            continue
        values = work[column]
        if pd.api.types.is_numeric_dtype(values.dtype):
            continue
        cells: list[Any] = []
        two_ways = [_THOUSANDS_OR_DECIMAL]
        if column in _WHOLE_NUMBER_COLUMNS:
            two_ways.append(_COMMA_GROUPED)
        for row, v in enumerate(values.tolist()):
            if isinstance(v, str) and any(r.fullmatch(v.strip()) for r in two_ways):
                unsure.append((row, column, v))
                cells.append(math.nan)
            else:
                read = text_figure(v) if isinstance(v, str) else None
                cells.append(v if read is None else read)
        work[column] = cells
    return unsure


def _unsure_columns(unsure: list[tuple[int, str, str]], work: pd.DataFrame) -> FindingColumns:
    """DC104 for the cells that read two ways, shaped as the schema's findings are."""
    rows = np.array([r for r, _, _ in unsure], dtype=np.int64)
    inds = row_indicators(work, rows.tolist())
    columns = [c for _, c, _ in unsure]
    where = [cell_place(c, i) for c, i in zip(columns, inds, strict=True)]
    return FindingColumns(
        registered_text("DC104"),
        rows,
        inds,
        where,
        [t for _, _, t in unsure],
        [None] * len(unsure),
        {"column": columns, "check": ["ambiguous-separator"] * len(unsure)},
    )


def _schema_columns(work: pd.DataFrame) -> list[FindingColumns]:
    """pandera's schema validation; failures become DC101 through the shared adapter."""
    try:
        TableFrame.validate(work, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as exc:
        return failure_case_columns(exc.failure_cases, work, ())
    return []


def _plain(values: FloatArray, decimals: FloatArray | None = None) -> list[str | None]:
    """A figure as a table holds it: dot decimals, shortest form (``70.63``, ``44``),
    rounded to ``decimals`` when given; formatted by pyarrow in one call."""
    v = np.round(values, 10)
    if decimals is not None:
        for d in np.unique(decimals[~np.isnan(decimals)]):
            sel = decimals == d
            v[sel] = np.round(values[sel], int(d))
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.compute as pc  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - pandas 3 installs pyarrow
        return [None if x != x else f"{x:.10g}" for x in v.tolist()]
    return list(pc.cast(pa.array(v, from_pandas=True), pa.string()).to_pylist())


def _figure_columns(spec: CheckSpec, fails: Failures, t: _Table) -> FindingColumns:
    exp_dec = np.zeros(len(fails.rows)) if spec.constant_expected else fails.decimals
    extra = None
    if fails.group is not None:
        extra = {"parts": ["+".join(spec.groups[g]) for g in fails.group.tolist()]}
    return t.columns(
        registered_text(spec.code),
        fails.rows,
        found=_plain(fails.found),
        expected=_plain(fails.expected, exp_dec),
        role=spec.role,
        extra=extra,
    )


def _collapse(
    results: list[tuple[CheckSpec, Failures]], cols: FigureColumns
) -> list[tuple[CheckSpec, Failures]]:
    """One wrong figure, one finding: drop the failures that a reported figure explains.

    The document path localises root causes figure by figure; a table of
    millions of rows gets the vectorized core of it. A rate outside 0..100
    (PC001) or an impossible count (PC002) is a wrong figure, so

    * the change of its row (DL001/DL002) is not reported when computed from it,
      nor when the change itself is out of range (PC001 on ``change``);
    * PC003 is not reported on that rate's row, nor anywhere in a whole whose
      count on that side is impossible (every share of that whole is off);
    * PC004 is not reported for a whole with a rate out of range or a rate that
      disagrees with its count (PC003) on that side: that rate is the cause.

    Independent errors in other figures stay reported.
    """
    by_name = {spec.name: f for spec, f in results}
    n = cols.n

    def rows_of(name: str) -> npt.NDArray[np.bool_]:
        mask = np.zeros(n, dtype=bool)
        f = by_name.get(name)
        if f is not None:
            mask[f.rows] = True
        return mask

    rate_bad = {s: rows_of(f"PC001:{s}.rate") for s in ("old", "new")}
    count_bad = {s: rows_of(f"PC002:{s}.count") for s in ("old", "new")}
    change_bad = rows_of("PC001:change")
    use_rates = ~np.isnan(cols.values("old_rate")) & ~np.isnan(cols.values("new_rate"))
    inst_of_row: npt.NDArray[np.int64] | None = None
    group_specs = [spec for spec, _ in results if spec.groups]
    if group_specs:
        gi = cols.group_index(max((s.groups for s in group_specs), key=len))
        inst_of_row = np.full(n, -1, dtype=np.int64)
        inst_of_row[gi.rows] = gi.inst

    def instances(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
        assert inst_of_row is not None
        found = inst_of_row[mask]
        return np.unique(found[found >= 0])

    out: list[tuple[CheckSpec, Failures]] = []
    for spec, f in results:
        rows = f.rows
        if spec.code in ("DL001", "DL002"):
            explained = change_bad[rows] | np.where(
                use_rates[rows],
                rate_bad["old"][rows] | rate_bad["new"][rows],
                count_bad["old"][rows] | count_bad["new"][rows],
            )
        elif spec.code == "PC003" and inst_of_row is not None:
            explained = rate_bad[spec.side][rows] | np.isin(
                inst_of_row[rows], instances(count_bad[spec.side])
            )
        elif spec.code == "PC004" and inst_of_row is not None:
            cause = rate_bad[spec.side] | rows_of(f"PC003:{spec.side}.rate")
            explained = np.isin(inst_of_row[rows], instances(cause))
        else:
            explained = np.zeros(len(rows), dtype=bool)
        out.append((spec, _keep(f, ~explained)))
    return out


def _unread_rows(schema: list[FindingColumns], n: int) -> npt.NDArray[np.bool_]:
    """Rows with a figure cell the schema could not read as a number (DC101)."""
    figures = {*FIGURE_COLUMNS, *SCORE_COLUMNS}
    mask = np.zeros(n, dtype=bool)
    for b in schema:
        columns = b.data.get("column", [])
        for row, column in zip(b.rows.tolist(), columns, strict=True):
            if row >= 0 and column in figures:
                mask[row] = True
    return mask


def _without_unread(
    results: list[tuple[CheckSpec, Failures]], cols: FigureColumns, unread: npt.NDArray[np.bool_]
) -> list[tuple[CheckSpec, Failures]]:
    """A relation that needs a cell that could not be read is unknown, not broken.

    The unreadable cell is already a DC101 finding; computing the row's change from
    counts instead, or a whole's sum without that part, would report a figure that
    may well be right. So no relation is reported on a row with an unread figure, nor
    for a whole (a group of parts) that has one."""
    if not unread.any():
        return results
    out: list[tuple[CheckSpec, Failures]] = []
    for spec, f in results:
        bad = unread[f.rows]
        if spec.groups:
            gi = cols.group_index(spec.groups)
            inst = np.full(cols.n, -1, dtype=np.int64)
            inst[gi.rows] = gi.inst
            touched = np.unique(inst[unread & (inst >= 0)])
            bad |= np.isin(inst[f.rows], touched) & (inst[f.rows] >= 0)
        out.append((spec, _keep(f, ~bad)))
    return out


def _keep(f: Failures, keep: npt.NDArray[np.bool_]) -> Failures:
    return Failures(
        f.rows[keep],
        f.found[keep],
        f.expected[keep],
        f.decimals[keep],
        None if f.group is None else f.group[keep],
    )


def _key_columns(t: _Table, pack: RulePack) -> list[FindingColumns]:
    """DC102 duplicate (unit, period, indicator) rows; DC103 indicators not in the pack."""
    out: list[FindingColumns] = []
    n_ind = max(len(t.indicator_values), 1)
    valid = np.flatnonzero((t.report_key >= 0) & (t.indicator >= 0))
    key = t.report_key[valid].astype(np.int64) * n_ind + t.indicator[valid]
    ids, n_ids = dense_ids(key)
    counts = np.bincount(ids, minlength=n_ids)
    if len(counts) and counts.max() > 1:
        # only rows of repeated keys: order them by key, then by row
        rep = np.flatnonzero(counts[ids] > 1)
        order = rep[np.lexsort((rep, ids[rep]))]
        first = np.concatenate([[True], ids[order][1:] != ids[order][:-1]])
        first_at = np.maximum.accumulate(np.where(first, np.arange(len(order)), 0))
        dup = np.flatnonzero(~first)
        rows, first_rows = valid[order[dup]], valid[order[first_at[dup]]]
        sort = np.argsort(rows, kind="stable")
        rows, first_rows = rows[sort], first_rows[sort]
        out.append(
            t.columns(
                registered_text("DC102"),
                rows,
                found=[None] * len(rows),
                expected=[str(r + FIRST_DATA_ROW) for r in first_rows.tolist()],
                role="indicator",
            )
        )
    known = {i.code for i in pack.indicators} | {SCORE_INDICATOR}
    unknown = np.flatnonzero(~t.mask_of(known) & (t.indicator >= 0))
    if len(unknown):
        found = t.lookup(t.indicator[unknown], t.indicator_values)
        out.append(
            t.columns(
                registered_text("DC103"),
                unknown,
                found=found,
                expected=[pack.pack] * len(unknown),
                role="indicator",
            )
        )
    return out


def _slots_held(
    group: npt.NDArray[np.int64], rank: FloatArray, unscored: npt.NDArray[np.bool_]
) -> FloatArray:
    """For each unit, how many units of its group without a usable score rank better.

    Such a unit keeps its printed place: the others' ranks are checked around
    it, so one wrong score does not move every rank after it.
    """
    if not unscored.any():
        return np.zeros(len(rank))
    big = float(np.nanmax(rank)) + 2.0
    held = np.sort(group[unscored] * big + rank[unscored])
    base = group * big
    with np.errstate(invalid="ignore"):
        below = np.searchsorted(held, base + rank, side="left")
    return (below - np.searchsorted(held, base, side="left")).astype(np.float64)


def _first_per_group(
    bad: npt.NDArray[np.bool_], group: npt.NDArray[np.int64], rank: FloatArray
) -> npt.NDArray[np.bool_]:
    """Keep, in each group, the failing unit with the best rank (then the first row).

    A gap or a repeat in a ranking moves every rank after it, so the ranks of a
    group are wrong together: one finding, where the ranking first goes wrong.
    """
    idx = np.flatnonzero(bad)
    if len(idx) == 0:
        return bad
    order = idx[np.lexsort((idx, rank[idx], group[idx]))]
    g = group[order]
    first = order[np.concatenate([[True], g[1:] != g[:-1]])]
    keep = np.zeros(len(bad), dtype=bool)
    keep[first] = True
    return keep


def _rank_columns(cols: FigureColumns, t: _Table, pack: RulePack) -> list[FindingColumns]:
    """Scores and ranks of the score rows, within each ranking group and period.

    Ranks are competition ranks ("1, 2, 2, 4"): a unit's rank is one more than
    the number of units of its group ranked strictly better (SC101, reported
    once per group and period), and one more than the number of units with a
    strictly higher score (SC102, over the scores within 0..max); N is the
    number of units present (SC103).
    """
    out: list[FindingColumns] = []
    sr = np.flatnonzero(t.mask_of({SCORE_INDICATOR}))
    if len(sr) == 0:
        return out
    score, rank, rank_of = (cols.values(c)[sr] for c in SCORE_COLUMNS)
    half = cols.half("score")
    h = half if isinstance(half, float) else half[sr]
    top = pack.total.max
    ok = (t.group[sr] >= 0) & (t.period[sr] >= 0)
    n_periods = max(len(t.period_values), 1)
    gkey = np.where(ok, t.group[sr].astype(np.int64) * n_periods + t.period[sr], -1)
    with np.errstate(invalid="ignore"):
        score_bad = (score - h > top + 1e-9) | (score + h < -1e-9)
    # a score outside 0..max says nothing about the order of the others
    valid_score = np.where(score_bad, np.nan, score)
    grouped = pd.DataFrame({"g": gkey, "rank": rank, "score": -valid_score}).groupby(
        "g", sort=False
    )
    n_units = grouped["g"].transform("size").to_numpy(dtype=np.float64)
    by_rank = grouped["rank"].rank(method="min").to_numpy(dtype=np.float64, na_value=np.nan)
    by_score = grouped["score"].rank(method="min").to_numpy(dtype=np.float64, na_value=np.nan)
    by_score = by_score + _slots_held(gkey, rank, np.isnan(valid_score) & ~np.isnan(rank))
    has_rank = ok & ~np.isnan(rank)

    def emit(
        code: str, sel: npt.NDArray[np.bool_], found: FloatArray, expected: FloatArray
    ) -> None:
        idx = np.flatnonzero(sel)
        if len(idx) == 0:
            return
        exp: list[str | None] = [f"{v:g}" for v in expected[idx].tolist()]
        if code == "SC101":  # a rank outside 1..N has no place in the ranking
            exp = [
                e if 1 <= r <= n and r == math.floor(r) else f"1..{n:g}"
                for e, r, n in zip(exp, rank[idx].tolist(), n_units[idx].tolist(), strict=True)
            ]
        role = {"SC001": "score", "SC103": "rank_of"}.get(code, "rank")
        out.append(
            t.columns(
                registered_text(code), sr[idx], found=_plain(found[idx]), expected=exp, role=role
            )
        )

    with np.errstate(invalid="ignore"):
        bad_perm = has_rank & (
            (np.floor(rank) != rank) | (rank < 1) | (rank > n_units) | (rank != by_rank)
        )
        emit("SC101", _first_per_group(bad_perm, gkey, rank), rank, by_rank)
        emit("SC102", has_rank & ~np.isnan(valid_score) & (rank != by_score), rank, by_score)
        emit("SC103", ok & ~np.isnan(rank_of) & (rank_of != n_units), rank_of, n_units)
    return out
