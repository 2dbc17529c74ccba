"""The pandera path: the rule pack compiled into DataFrame schemas.

The document path interprets the pack one figure at a time. This module compiles
the same relations into vectorized checks over a whole frame, so one definition
checks Appendix I of one report (:meth:`Report.to_frame`) and, through
:mod:`dvc_validate.batch`, millions of rows of portal data.

How it fits together:

* :func:`compile_specs` turns the pack into :class:`CheckSpec` objects: one
  relation (rule code) on one column role. Ranges and the change relation hold
  for every indicator; ``wholes`` and ``complementary`` become group checks.
* :func:`evaluate` runs one spec over :class:`FigureColumns` (numpy views of the
  figure columns and their tolerance) and returns the failing rows with the
  value found and the value expected. This is the arithmetic; it is numpy only.
* :class:`IndicatorFrame` declares the columns; :func:`compile_pack` adds one
  ``pa.Check`` per spec, named ``"<code>:<role>"``.
* :func:`failure_case_columns` is the one adapter from pandera's failure cases
  to findings (:class:`FindingColumns`, then
  :class:`~dvc_validate.model.finding.Finding`); rule code never sees a pandera
  exception.
* :func:`compile_pack_polars` renders the same specs as polars expressions for
  pandera's polars backend.

Tolerance follows :mod:`dvc_validate.model.interval`: a figure printed with
``d`` decimals stands for ``value ± 0.5·10^-d``; a count printed without
decimals is exact. A relation fails only when no values inside the intervals
satisfy it.

This module imports pandas, numpy and pandera at import time; only
:func:`dvc_validate.check_table` and direct users import it, so linting one
document never pays for them.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import gc
import hashlib
import math
import re
import string
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .model.finding import Finding, Severity
from .model.interval import EPS
from .model.location import Location
from .pack import RulePack, builtin_pack
from .vn import format_number

if TYPE_CHECKING:
    import pandera.polars as pap
    import polars as pl

__all__ = [
    "FIGURE_COLUMNS",
    "RULES",
    "CheckSpec",
    "Failures",
    "FigureColumns",
    "FindingColumns",
    "IndicatorFrame",
    "RuleText",
    "column_codes",
    "compile_pack",
    "compile_pack_polars",
    "compile_specs",
    "dense_ids",
    "evaluate",
    "failure_case_columns",
    "findings_from_failure_cases",
    "join_columns",
    "make_findings",
    "pack_groups",
    "paused_gc",
    "registered_text",
    "report_schema",
    "validate_frame",
    "validate_frame_polars",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
Groups = tuple[tuple[str, ...], ...]

#: The figure columns of Appendix I, as :meth:`Report.to_frame` names them.
FIGURE_COLUMNS = ("old_count", "old_rate", "new_count", "new_rate", "change")

#: Printed precision assumed when a frame has no ``<column>_decimals`` column:
#: the portal prints rates and changes with two decimals; counts are exact.
DEFAULT_DECIMALS: Mapping[str, int] = {
    "old_count": 0,
    "new_count": 0,
    "old_rate": 2,
    "new_rate": 2,
    "change": 2,
}

_ROW = "__row__"  # a never-null column so that every failing row reaches the failure cases


# ----------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class RuleText:
    """Code, name, severity and message templates of a frame check.

    The codes and names are those of the document path's rules for the same
    relation, so a finding means the same thing whichever executor found it.
    Templates use ``{where}``, ``{found}`` and ``{expected}`` only.
    """

    code: str
    name: str
    severity: Severity
    message_vi: str
    message_en: str

    def template(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_vi


@functools.cache
def registered_text(code: str) -> RuleText:
    """The registered rule ``code`` as the table path uses it: one source for the
    name, severity and messages that ``rules``, ``explain`` and the docs show
    (the table path's own rules are in :mod:`dvc_validate.checks.families.tables`)."""
    from .checks import REGISTRY, load_rules

    load_rules()
    r = REGISTRY[code]
    return RuleText(r.code, r.name, r.severity, r.message_vi, r.message_en)


RULES: dict[str, RuleText] = {
    r.code: r
    for r in (
        RuleText(
            "PC001",
            "percent-out-of-range",
            Severity.ERROR,
            "{where}: tỷ lệ {found} nằm ngoài khoảng 0–100%",
            "{where}: rate {found} is outside 0–100%",
        ),
        RuleText(
            "PC002",
            "count-invalid",
            Severity.ERROR,
            "{where}: số lượng {found} không phải số nguyên không âm",
            "{where}: count {found} is not a non-negative integer",
        ),
        RuleText(
            "PC003",
            "rate-mismatch",
            Severity.ERROR,
            "{where}: tỷ lệ {found} không khớp số lượng/tổng ({expected})",
            "{where}: rate {found} does not match count/total ({expected})",
        ),
        RuleText(
            "PC004",
            "parts-not-100",
            Severity.ERROR,
            "{where}: các phần cộng lại {found}, không phải {expected}",
            "{where}: the parts add up to {found}, not {expected}",
        ),
        RuleText(
            "DL001",
            "change-mismatch",
            Severity.ERROR,
            "{where}: mức tăng/giảm {found} khác hiệu số mới − cũ ({expected})",
            "{where}: change {found} differs from new − old ({expected})",
        ),
        RuleText(
            "DL002",
            "change-sign-wrong",
            Severity.ERROR,
            "{where}: mức tăng/giảm {found} sai dấu ({expected})",
            "{where}: change {found} has the wrong sign ({expected})",
        ),
    )
}


# ----------------------------------------------------------------------------- specs


@dataclass(frozen=True)
class CheckSpec:
    """One relation of the pack on one column role, e.g. ``PC001`` on ``new.rate``.

    ``groups`` holds the indicator groups of a group check (``wholes`` for
    PC003, ``wholes`` + ``complementary`` for PC004).
    """

    code: str
    role: str
    groups: Groups = ()

    @property
    def name(self) -> str:
        """The pandera check name; the adapter reads code and role back from it."""
        return f"{self.code}:{self.role}"

    @property
    def column(self) -> str:
        return self.role.replace(".", "_")

    @property
    def side(self) -> str:
        return self.role.split(".")[0]


def compile_specs(pack: RulePack) -> tuple[CheckSpec, ...]:
    """The frame checks of ``pack``, in the order findings are reported."""
    wholes, parts = pack_groups(pack)
    return (
        CheckSpec("PC001", "old.rate"),
        CheckSpec("PC001", "new.rate"),
        CheckSpec("PC001", "change"),
        CheckSpec("PC002", "old.count"),
        CheckSpec("PC002", "new.count"),
        CheckSpec("PC003", "old.rate", wholes),
        CheckSpec("PC003", "new.rate", wholes),
        CheckSpec("PC004", "old.rate", parts),
        CheckSpec("PC004", "new.rate", parts),
        CheckSpec("DL001", "change"),
        CheckSpec("DL002", "change"),
    )


# ----------------------------------------------------------------------------- arithmetic

_CHUNK = 1 << 17  # rows per block for row-wise checks: temporaries stay small and in cache

AnyInt = npt.NDArray[np.integer[Any]]


def dense_ids(key: npt.NDArray[np.int64]) -> tuple[AnyInt, int]:
    """Dense ids for non-negative keys: the key itself when its range is small
    (no hashing, no hash table), else ``pd.factorize``."""
    if len(key) == 0:
        return key, 0
    top = int(key.max()) + 1
    if top <= max(2 * len(key), 1 << 16):
        return key, top
    codes, uniques = pd.factorize(key)
    return np.asarray(codes), len(uniques)


@dataclass(frozen=True)
class _GroupIndex:
    """Rows that are parts of a group: the group, the position in it and the instance.

    An instance is one group in one report (unit and period); per-instance sums
    are ``np.bincount`` over ``inst``. ``limit`` restricts the checks to groups
    ``0..limit-1`` without copying the index (PC003 looks at the wholes only).
    """

    rows: IntArray
    pos: npt.NDArray[np.int8]
    inst: AnyInt
    size: npt.NDArray[np.int16]  # parts the group has, per instance
    inst_group: npt.NDArray[np.int32]  # the group, per instance
    n_rows: FloatArray  # rows present, per instance
    limit: int

    def first_groups(self, n: int) -> _GroupIndex:
        return dataclasses.replace(self, limit=n)

    def blocks(self) -> Iterator[slice]:
        """Blocks of parts, so that gathered temporaries stay small."""
        for lo in range(0, len(self.rows), _CHUNK):
            yield slice(lo, lo + _CHUNK)

    def sums(self, cols: FigureColumns, col: str) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Per instance: parts printed in ``col``, their sum, and their half-units' sum."""
        n = len(self.size)
        n_present, total, half = np.zeros(n), np.zeros(n), np.zeros(n)
        values, h = cols.values(col), cols.half(col)
        for sl in self.blocks():
            rows, inst = self.rows[sl], self.inst[sl]
            v = values[rows]
            present = ~np.isnan(v)
            n_present += _sum(inst, present, n)
            total += _sum(inst, np.where(present, v, 0.0), n)
            if not isinstance(h, float):
                half += _sum(inst, np.where(present, h[rows], 0.0), n)
        if isinstance(h, float):
            half = n_present * h
        return n_present, total, half


def pack_groups(pack: RulePack) -> tuple[Groups, Groups]:
    """``wholes`` (parts with counts) and all part groups (``wholes`` + ``complementary``)."""
    wholes = tuple(tuple(w) for w in pack.wholes if len(w) >= 2)
    return wholes, wholes + tuple(tuple(c) for c in pack.complementary if len(c) >= 2)


class FigureColumns:
    """Numpy views of a frame's figure columns, their half-units and group keys.

    Built once per frame and shared by every spec, so a batch pays for each
    conversion once. ``report_key`` says which rows belong to one report (a unit
    and period); a single report's frame leaves it ``None``. ``all_groups``
    lets group checks over a prefix of it (PC003 over the wholes, PC004 over
    wholes and complementary pairs) share one index.
    """

    def __init__(
        self,
        df: pd.DataFrame,
        *,
        report_key: npt.NDArray[np.integer[Any]] | None = None,
        decimals: Mapping[str, int] | None = None,
        indicator_codes: tuple[AnyInt, Sequence[Any]] | None = None,
        all_groups: Groups | None = None,
    ) -> None:
        self.df = df
        self.n = len(df)
        self.report_key = report_key
        self.defaults = {**DEFAULT_DECIMALS, **(decimals or {})}
        self.all_groups = all_groups
        self._indicator_codes = indicator_codes
        self._values: dict[str, FloatArray] = {}
        self._decimals: dict[str, FloatArray | float] = {}
        self._groups: dict[Groups, _GroupIndex] = {}

    def values(self, col: str) -> FloatArray:
        """The column as float64 (NaN where missing; a view when it already is
        float64); a missing column is all NaN."""
        if col not in self._values:
            if col in self.df.columns:
                s = self.df[col]
                if s.dtype == np.float64:
                    self._values[col] = s.to_numpy()
                else:
                    num = pd.to_numeric(s, errors="coerce")
                    self._values[col] = num.to_numpy(dtype=np.float64, na_value=np.nan)
            else:
                self._values[col] = np.full(self.n, np.nan)
        return self._values[col]

    def decimals(self, col: str) -> FloatArray | float:
        """Printed decimals: the ``<col>_decimals`` column, else the default."""
        if col not in self._decimals:
            dcol = f"{col}_decimals"
            default = float(self.defaults.get(col, 0))
            if dcol in self.df.columns:
                d = pd.to_numeric(self.df[dcol], errors="coerce").to_numpy(
                    dtype=np.float64, na_value=np.nan
                )
                self._decimals[col] = np.where(np.isnan(d), default, d)
            else:
                self._decimals[col] = default
        return self._decimals[col]

    def half(self, col: str) -> FloatArray | float:
        """Half a unit in the last printed place; 0 for a count printed without decimals."""
        d = self.decimals(col)
        h = 0.5 * np.power(10.0, -np.asarray(d, dtype=np.float64))
        if col.endswith("_count"):
            h = np.where(np.asarray(d) <= 0, 0.0, h)
        return float(h) if np.ndim(h) == 0 else np.asarray(h, dtype=np.float64)

    def indicator_codes(self) -> tuple[AnyInt, Sequence[Any]]:
        """Integer codes of the ``indicator`` column and the values they stand for."""
        if self._indicator_codes is None:
            if "indicator" not in self.df.columns:
                self._indicator_codes = (np.full(self.n, -1, dtype=np.intp), [])
            else:
                codes, values = column_codes(self.df["indicator"])
                self._indicator_codes = (codes, values.tolist())
        return self._indicator_codes

    def group_index(self, groups: Groups) -> _GroupIndex:
        """Which rows are parts of which group instance (vectorized, cached)."""
        if groups not in self._groups:
            full = self.all_groups
            if full is not None and len(full) > len(groups) and full[: len(groups)] == groups:
                self._groups[groups] = self.group_index(full).first_groups(len(groups))
            else:
                self._groups[groups] = self._build_group_index(groups)
        return self._groups[groups]

    def _build_group_index(self, groups: Groups) -> _GroupIndex:
        codes, uniques = self.indicator_codes()
        member: dict[Any, list[tuple[int, int]]] = {}
        for g, parts in enumerate(groups):
            for p, code in enumerate(parts):
                member.setdefault(code, []).append((g, p))
        rows_l: list[IntArray] = []
        group_l: list[npt.NDArray[np.int32]] = []
        pos_l: list[npt.NDArray[np.int8]] = []
        depth = max((len(v) for v in member.values()), default=0)
        for layer in range(depth):  # an indicator may belong to more than one group
            lut_g = np.full(len(uniques) + 1, -1, dtype=np.int32)  # last slot: code -1 (NaN)
            lut_p = np.zeros(len(uniques) + 1, dtype=np.int8)
            for i, u in enumerate(uniques):
                m = member.get(u)
                if m is not None and len(m) > layer:
                    lut_g[i], lut_p[i] = m[layer]
            g_all = lut_g[codes]
            rows = np.flatnonzero(g_all >= 0)
            rows_l.append(rows)
            group_l.append(g_all[rows])
            pos_l.append(lut_p[codes[rows]])
        rows = np.concatenate(rows_l) if rows_l else np.zeros(0, dtype=np.intp)
        group = np.concatenate(group_l) if group_l else np.zeros(0, dtype=np.int32)
        pos = np.concatenate(pos_l) if pos_l else np.zeros(0, dtype=np.int8)
        if self.report_key is not None:
            rk = self.report_key[rows]
            keep = rk >= 0  # rows without a unit or period belong to no report
            if not keep.all():
                rows, group, pos, rk = rows[keep], group[keep], pos[keep], rk[keep]
            key = rk.astype(np.int64) * max(len(groups), 1) + group
        else:
            key = group.astype(np.int64)
        inst, n_inst = dense_ids(key)
        sizes = np.array([len(g) for g in groups], dtype=np.int16)
        inst_group = np.full(n_inst, -1, dtype=np.int32)
        inst_group[inst] = group
        size = np.where(inst_group >= 0, sizes[inst_group], 0).astype(np.int16)
        n_rows = np.bincount(inst, minlength=n_inst).astype(np.float64)
        return _GroupIndex(rows, pos, inst, size, inst_group, n_rows, limit=len(groups))


def column_codes(s: pd.Series) -> tuple[AnyInt, npt.NDArray[Any]]:
    """Integer codes of a column (-1 for missing) and the strings they stand for.

    Free for a categorical column, whose codes keep their own small integer
    type: on millions of rows an ``intp`` copy of each key column would cost
    more memory than the checks.
    """
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.cat.codes.to_numpy(), np.asarray(s.cat.categories.astype(str), dtype=object)
    codes, uniques = pd.factorize(s)
    return np.asarray(codes), np.asarray(pd.Index(uniques).astype(str), dtype=object)


@dataclass(frozen=True)
class Failures:
    """The rows (0-based positions) where a spec fails, with found and expected values.

    ``expected`` is NaN where there is nothing to suggest; ``decimals`` is the
    precision to print both; ``group`` is the failing group (group checks).
    """

    rows: IntArray
    found: FloatArray
    expected: FloatArray
    decimals: FloatArray
    group: npt.NDArray[np.int32] | None = None

    @staticmethod
    def empty() -> Failures:
        z = np.zeros(0)
        return Failures(np.zeros(0, dtype=np.intp), z, z, z)

    @staticmethod
    def concat(parts: Sequence[Failures]) -> Failures:
        if not parts:
            return Failures.empty()
        return Failures(
            np.concatenate([p.rows for p in parts]),
            np.concatenate([p.found for p in parts]),
            np.concatenate([p.expected for p in parts]),
            np.concatenate([p.decimals for p in parts]),
            None
            if parts[0].group is None
            else np.concatenate([p.group for p in parts if p.group is not None]),
        )


def _at(x: FloatArray | float, rows: IntArray) -> FloatArray:
    """``x[rows]`` for an array, or the scalar repeated."""
    if isinstance(x, float):
        return np.full(len(rows), x)
    return x[rows]


def _sl(x: FloatArray | float, sl: slice) -> FloatArray | float:
    """A block of a per-row array; a scalar stays a scalar."""
    return x if isinstance(x, float) else x[sl]


def _sum(inst: AnyInt, weights: npt.ArrayLike, n: int) -> FloatArray:
    """Per-instance sums (``np.bincount`` with weights)."""
    return np.bincount(inst, weights=weights, minlength=n).astype(np.float64, copy=False)


RowCheck = Callable[[CheckSpec, FigureColumns, slice], Failures]


def _blockwise(fn: RowCheck) -> Callable[[CheckSpec, FigureColumns], Failures]:
    """Run a row-wise check block by block: memory stays bounded on any table."""

    def run(spec: CheckSpec, cols: FigureColumns) -> Failures:
        parts = [
            fn(spec, cols, slice(lo, min(lo + _CHUNK, cols.n))) for lo in range(0, cols.n, _CHUNK)
        ]
        return Failures.concat([p for p in parts if len(p.rows)])

    return run


def _percent_out_of_range(spec: CheckSpec, cols: FigureColumns, sl: slice) -> Failures:
    """A rate lies in 0..100; the change of a rate (both rates printed) in −100..+100."""
    r, h = cols.values(spec.column)[sl], _sl(cols.half(spec.column), sl)
    lo = 0.0
    if spec.column == "change":
        lo = -100.0
        both = ~np.isnan(cols.values("old_rate")[sl]) & ~np.isnan(cols.values("new_rate")[sl])
        r = np.where(both, r, np.nan)
    with np.errstate(invalid="ignore"):
        bad = (r - h > 100.0 + EPS) | (r + h < lo - EPS)
    idx = np.flatnonzero(bad)
    rows = idx + sl.start
    return Failures(rows, r[idx], np.full(len(idx), np.nan), _at(cols.decimals(spec.column), rows))


def _count_invalid(spec: CheckSpec, cols: FigureColumns, sl: slice) -> Failures:
    """A count is a whole number of things: an integer, not negative."""
    c = cols.values(spec.column)[sl]
    with np.errstate(invalid="ignore"):
        bad = (c < 0) | ((np.floor(c) != c) & ~np.isnan(c))
    idx = np.flatnonzero(bad)
    rows = idx + sl.start
    return Failures(rows, c[idx], np.full(len(idx), np.nan), _at(cols.decimals(spec.column), rows))


def _change_mismatch(spec: CheckSpec, cols: FigureColumns, sl: slice) -> Failures:
    """change == new − old, on rates when both are printed, else on counts.

    DL002 takes the failures that are a pure sign slip (``-1,37`` for ``+1,37``),
    as the document path does, and DL001 keeps the rest.
    """
    ch = cols.values("change")[sl]
    o_r, n_r = cols.values("old_rate")[sl], cols.values("new_rate")[sl]
    o_c, n_c = cols.values("old_count")[sl], cols.values("new_count")[sl]
    use_r = ~np.isnan(o_r) & ~np.isnan(n_r)
    diff = np.where(use_r, n_r - o_r, n_c - o_c)  # NaN when neither pair is printed
    h_rates = _sl(cols.half("old_rate"), sl) + _sl(cols.half("new_rate"), sl)
    h_counts = _sl(cols.half("old_count"), sl) + _sl(cols.half("new_count"), sl)
    tol = _sl(cols.half("change"), sl) + np.where(use_r, h_rates, h_counts) + EPS
    with np.errstate(invalid="ignore"):
        bad = np.abs(ch - diff) > tol
        slip = (ch * diff < 0) & (np.abs(np.abs(ch) - np.abs(diff)) <= tol)
    bad &= slip if spec.code == "DL002" else ~slip
    idx = np.flatnonzero(bad)
    rows = idx + sl.start
    # print the expected change as precisely as the figures it comes from
    d_change = _at(cols.decimals("change"), rows)
    d_rates = np.maximum(_at(cols.decimals("old_rate"), rows), _at(cols.decimals("new_rate"), rows))
    dec = np.where(use_r[idx], np.maximum(d_change, d_rates), d_change)
    return Failures(rows, ch[idx], diff[idx], dec)


def _parts_not_100(spec: CheckSpec, cols: FigureColumns) -> Failures:
    """The rates of a group's parts add up to 100; reported at the group's first part."""
    gi = cols.group_index(spec.groups)
    if len(gi.rows) == 0:
        return Failures.empty()
    n_present, total, half = gi.sums(cols, spec.column)
    checked = (gi.inst_group < gi.limit) & (gi.n_rows == gi.size) & (n_present == gi.size)
    bad_inst = checked & (np.abs(total - 100.0) > half + EPS)
    sel = np.flatnonzero(bad_inst[gi.inst] & (gi.pos == 0))
    rows, inst = gi.rows[sel], gi.inst[sel]
    return Failures(
        rows,
        total[inst],
        np.full(len(rows), 100.0),
        _at(cols.decimals(spec.column), rows),
        gi.inst_group[inst],
    )


def _rate_mismatch(spec: CheckSpec, cols: FigureColumns) -> Failures:
    """A part's printed rate matches its count over the sum of the parts' counts."""
    gi = cols.group_index(spec.groups)
    if len(gi.rows) == 0:
        return Failures.empty()
    count_col = f"{spec.side}_count"
    n_present, total, total_h = gi.sums(cols, count_col)
    checked = (gi.inst_group < gi.limit) & (gi.n_rows == gi.size) & (n_present == gi.size)
    checked &= total - total_h > 0
    rates, counts, hc = cols.values(spec.column), cols.values(count_col), cols.half(count_col)
    parts: list[Failures] = []
    for sl in gi.blocks():
        rows, inst = gi.rows[sl], gi.inst[sl]
        r = rates[rows]
        keep = np.flatnonzero(checked[inst] & ~np.isnan(r))
        rows, inst, r = rows[keep], inst[keep], r[keep]
        hr = _at(cols.half(spec.column), rows)
        cc, t = counts[rows], total[inst]
        if isinstance(hc, float) and hc == 0.0:  # exact counts: the ratio is a point
            lo = hi = 100.0 * cc / t
        else:
            hcc = _at(hc, rows)
            t_lo, t_hi, c_lo, c_hi = t - total_h[inst], t + total_h[inst], cc - hcc, cc + hcc
            lo = 100.0 * np.where(c_lo >= 0, c_lo / t_hi, c_lo / t_lo)
            hi = 100.0 * np.where(c_hi >= 0, c_hi / t_lo, c_hi / t_hi)
        bad = np.flatnonzero((r - hr > hi + EPS) | (lo > r + hr + EPS))
        if len(bad):
            parts.append(
                Failures(
                    rows[bad],
                    r[bad],
                    100.0 * cc[bad] / t[bad],
                    _at(cols.decimals(spec.column), rows[bad]),
                    gi.inst_group[inst[bad]],
                )
            )
    return Failures.concat(parts)


_EVALUATORS: dict[str, Callable[[CheckSpec, FigureColumns], Failures]] = {
    "PC001": _blockwise(_percent_out_of_range),
    "PC002": _blockwise(_count_invalid),
    "PC003": _rate_mismatch,
    "PC004": _parts_not_100,
    "DL001": _blockwise(_change_mismatch),
    "DL002": _blockwise(_change_mismatch),
}


def evaluate(spec: CheckSpec, cols: FigureColumns) -> Failures:
    """Run one spec over a frame's columns; vectorized, no pandera involved."""
    return _EVALUATORS[spec.code](spec, cols)


# ----------------------------------------------------------------------------- findings


_BLANK_WORDS = {"vi": ("(trống)", "một giá trị"), "en": ("(blank)", "a value")}


@dataclass
class FindingColumns:
    """The findings of one rule, column-wise: what findings need before they are objects.

    ``rows`` are 0-based frame rows (-1: no row); ``data`` maps a key of the
    findings' ``data`` to one value per finding. Both executors collect these
    and turn them into :class:`Finding` objects (:meth:`findings`) or into one
    findings table (``batch.table_findings``) at the very end, so a check never
    builds an object for a row that passes.
    """

    rule: RuleText
    rows: npt.NDArray[np.int64]
    indicators: list[str | None]
    where: list[str]
    found: list[str | None]
    expected: list[str | None]
    data: dict[str, list[Any]]

    def __len__(self) -> int:
        return len(self.rows)

    def messages(self, lang: str) -> list[str]:
        # a blank cell has no value found: the message says so, and that a value is needed
        blank, needed = _BLANK_WORDS["en" if lang == "en" else "vi"]
        fields: dict[str, Sequence[str | None]] = {
            "where": self.where,
            "found": [blank if f is None else f for f in self.found],
            "expected": [
                needed if e is None and f is None else e
                for f, e in zip(self.found, self.expected, strict=True)
            ],
        }
        parts: list[str | Sequence[str | None]] = []
        for literal, field, _, _ in string.Formatter().parse(self.rule.template(lang)):
            parts.append(literal)
            if field is not None:
                parts.append(fields[field])
        return join_columns(parts, len(self.rows))

    def findings(self, lang: str, sheet: str | None = None, first_row: int = 1) -> list[Finding]:
        return make_findings(self, lang=lang, sheet=sheet, first_row=first_row)


def join_columns(parts: Sequence[str | Sequence[str | None]], n: int) -> list[str]:
    """Concatenate, row by row, literal strings and columns of strings (None as "").

    Findings' messages and locations are built for every failing row of a
    table; pyarrow's kernels do that in C++, ten times faster than formatting
    each string in Python, which is the fallback without pyarrow.
    """
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.compute as pc  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - pandas 3 installs pyarrow
        columns = [[p] * n if isinstance(p, str) else [v or "" for v in p] for p in parts]
        return ["".join(values) for values in zip(*columns, strict=True)] if columns else []
    if n == 0:
        return []
    items = [pa.scalar(p) if isinstance(p, str) else pa.array(p, type=pa.string()) for p in parts]
    if all(isinstance(p, str) for p in parts):
        items.append(pa.array([""] * n))
    joined = pc.binary_join_element_wise(*items, "", null_handling="replace", null_replacement="")
    return list(joined.to_pylist())


def make_findings(
    cols: FindingColumns, *, lang: str, sheet: str | None = None, first_row: int = 1
) -> list[Finding]:
    """:class:`Finding` objects from column-wise findings; frame row 0 is reported as
    ``first_row`` (1 for a report's frame, 2 for a table read with its header row).

    Shared by the report frame and the batch table, so both speak the JSON
    contract the same way; ``data["role"]`` and ``data["subject"]`` enter the
    fingerprint as in :meth:`Finding.compute_fingerprint`.

    This loop is the whole per-finding cost of a batch (hundreds of thousands
    of findings), so it builds the models the way ``model_construct`` does, by
    setting the same four slots, without its per-call default resolution
    (~15 µs against ~2 µs in pydantic 2.13); the shared fields sets hold every
    field name, and pydantic only ever adds names to them. It runs with the
    cyclic garbage collector paused (:func:`paused_gc`). A test checks that the
    findings equal validated ones, fingerprints included.
    """
    n = len(cols.rows)
    if n == 0:
        return []
    with paused_gc():
        return _construct(cols, lang, sheet, n, first_row)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch of objects is built.

    Every few hundred new container objects (dicts, models) the collector scans
    the young generation, and every few of those scans the older ones: building
    100k findings triggers collections that traverse the findings already built
    again and again, which on the national table cost more than building them.
    The findings hold no reference cycles, so nothing is left for the collector
    to free; it is re-enabled (if it was) on the way out, whatever happens.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _construct(
    cols: FindingColumns, lang: str, sheet: str | None, n: int, first_row: int
) -> list[Finding]:
    rule = cols.rule
    code, name, severity = rule.code, rule.name, rule.severity
    data = cols.data
    keys = list(data)
    records = [dict(zip(keys, v, strict=True)) for v in zip(*data.values(), strict=True)]
    rows = [None if r < 0 else r + first_row for r in cols.rows.tolist()]
    loc_fields, finding_fields = set(Location.model_fields), set(Finding.model_fields)
    new, put = object.__new__, object.__setattr__
    out: list[Finding] = []
    for row, ind, f_s, e_s, msg, rec, fingerprint in zip(
        rows, cols.indicators, cols.found, cols.expected, cols.messages(lang),
        records or ({} for _ in range(n)), _fingerprints(cols), strict=True,
    ):  # fmt: skip
        loc = new(Location)
        put(loc, "__dict__", {
            "line": None, "column": None, "paragraph": None, "table": None,
            "row": row, "cell": None, "sheet": sheet, "page": None, "indicator": ind,
        })  # fmt: skip
        put(loc, "__pydantic_fields_set__", loc_fields)
        put(loc, "__pydantic_extra__", None)
        put(loc, "__pydantic_private__", None)
        finding = new(Finding)
        put(finding, "__dict__", {
            "code": code, "name": name, "severity": severity, "message": msg,
            "location": loc, "found": f_s, "expected": e_s, "related": [], "data": rec,
            "fix": None, "fingerprint": fingerprint,
        })  # fmt: skip
        put(finding, "__pydantic_fields_set__", finding_fields)
        put(finding, "__pydantic_extra__", None)
        put(finding, "__pydantic_private__", None)
        out.append(finding)
    return out


def _fingerprints(cols: FindingColumns) -> list[str]:
    """:meth:`Finding.compute_fingerprint` for every finding of ``cols``, column-wise.

    The keys are joined by pyarrow (as the messages are) and only the hashing
    is left to a Python loop; ``role`` and ``subject`` are ``str()``-ed as the
    per-finding method does, so ``None`` stays ``"None"`` there too.
    """
    n, data = len(cols.rows), cols.data
    roles = [str(v) for v in data["role"]] if "role" in data else ""
    subjects = [str(v) for v in data["subject"]] if "subject" in data else ""
    keys = join_columns(
        [f"{cols.rule.code}|", cols.indicators, "|", roles, "|", subjects, "|", cols.found], n
    )
    sha = hashlib.sha256
    return [sha(k.encode("utf-8")).hexdigest()[:16] for k in keys]


def _fmt_vn(
    values: Iterable[float], decimals: Iterable[float], *, percent: bool, plus: bool = False
) -> list[str | None]:
    """Vietnamese notation, as a report prints it (``70,63%``, ``+5,45``)."""
    return [
        None if math.isnan(v) else format_number(v, int(d), percent=percent, plus=plus)
        for v, d in zip(values, decimals, strict=True)
    ]


def _row_indicators(frame: pd.DataFrame, rows: Sequence[int]) -> list[str | None]:
    """The indicator code of each row (None for row -1 or no code), in one take."""
    if "indicator" not in frame.columns or not len(rows):
        return [None] * len(rows)
    taken = frame["indicator"].iloc[[max(r, 0) for r in rows]]
    missing = taken.isna().to_numpy()
    return [
        None if r < 0 or m else str(v)
        for r, m, v in zip(rows, missing, taken.tolist(), strict=True)
    ]


def failure_case_columns(
    failure_cases: pd.DataFrame, frame: pd.DataFrame, specs: Sequence[CheckSpec]
) -> list[FindingColumns]:
    """The one adapter from pandera failure cases to findings (column-wise).

    ``failure_cases`` is ``SchemaErrors.failure_cases`` (pandas, or polars
    converted with ``to_pandas()``); its ``index`` column is the 0-based row of
    ``frame``. A check named after a spec (``"PC003:new.rate"``) becomes that
    rule's finding; pandera's own checks (dtype, coercion, nullability,
    membership, pattern) become ``DC101`` with the column and check in ``data``.
    Found and expected values come from re-evaluating the spec on ``frame``;
    pandera decides which rows failed.
    """
    by_name = {s.name: s for s in specs}
    cols = FigureColumns(frame)
    out: list[FindingColumns] = []
    # pandera reports a cell it cannot coerce twice (coerce_dtype and dtype): one kind
    kinds = failure_cases["check"].astype(str).str.replace(r"^coerce_dtype\(", "dtype(", regex=True)
    for check_name, part in failure_cases.groupby(kinds, sort=False):
        spec = by_name.get(str(check_name))
        idx = pd.to_numeric(part["index"], errors="coerce")
        if spec is None:
            out.append(_schema_columns(part, idx, frame))
        else:
            out.append(_spec_columns(spec, sorted({int(i) for i in idx.dropna()}), cols, frame))
    return out


def _spec_columns(
    spec: CheckSpec, rows: list[int], cols: FigureColumns, frame: pd.DataFrame
) -> FindingColumns:
    fails = evaluate(spec, cols)
    pos = {int(r): k for k, r in enumerate(fails.rows)}
    at = np.array(rows, dtype=np.intp)
    printed = _at(cols.decimals(spec.column), at)
    found_v = [fails.found[pos[r]] if r in pos else cols.values(spec.column)[r] for r in rows]
    exp_v = [fails.expected[pos[r]] if r in pos else math.nan for r in rows]
    decs = [fails.decimals[pos[r]] if r in pos else d for r, d in zip(rows, printed, strict=True)]
    percent = spec.role.endswith(".rate") or spec.code == "PC004"
    plus = spec.role == "change"
    found_dec = printed.tolist() if plus else decs
    exp_dec = [0.0] * len(rows) if spec.code == "PC004" else decs
    inds = _row_indicators(frame, rows)
    data: dict[str, list[Any]] = {"role": [spec.role] * len(rows)}
    if fails.group is not None:
        groups = [int(fails.group[pos[r]]) if r in pos else -1 for r in rows]
        data["parts"] = [list(spec.groups[g]) if g >= 0 else [] for g in groups]
    return FindingColumns(
        RULES[spec.code],
        at.astype(np.int64),
        inds,
        [i or "-" for i in inds],
        _fmt_vn(found_v, found_dec, percent=percent, plus=plus),
        _fmt_vn(exp_v, exp_dec, percent=percent, plus=plus),
        data,
    )


def _schema_columns(part: pd.DataFrame, idx: pd.Series, frame: pd.DataFrame) -> FindingColumns:
    """DC101 for pandera's built-in checks: one finding per (column, row); vectorized,
    so that a table with many bad cells stays cheap. A schema-level failure (a
    missing column) has no row."""
    fc = pd.DataFrame(
        {
            "column": part["column"].astype(object).to_numpy(),
            "check": part["check"].astype(str).to_numpy(),
            "failure_case": part["failure_case"].astype(object).to_numpy(),
            "row": idx.fillna(-1).astype(np.int64).to_numpy(),
        }
    ).drop_duplicates(subset=["column", "row"])
    rows = fc["row"].to_numpy()
    columns = [None if c is None or c != c else str(c) for c in fc["column"].tolist()]
    checks = fc["check"].tolist()
    fcase = fc["failure_case"]
    found = [None if m else str(v) for m, v in zip(fcase.isna(), fcase.tolist(), strict=True)]
    inds = _row_indicators(frame, rows.tolist())
    where = [f"{c or '-'}" + (f" ({i})" if i else "") for c, i in zip(columns, inds, strict=True)]
    rule, expected = _plain_check(checks[0] if checks else "")
    return FindingColumns(
        rule,
        rows,
        inds,
        where,
        found,
        [expected] * len(checks),
        {"column": columns, "check": checks},
    )


def _plain_check(check: str) -> tuple[RuleText, str | None]:
    """The message of a pandera check a clerk can read, and what was expected.

    pandera names its checks in Python (``coerce_dtype('float64')``,
    ``isin(['xa', 'huyen'])``); those names stay in ``data["check"]`` for tools,
    while the message says what was wrong in words.
    """
    if check.startswith(("dtype(", "coerce_dtype(")):
        return registered_text("DC104"), None  # unsure what the cell says: an info
    invalid = registered_text("DC101")
    if check == "not_nullable":
        return invalid, None
    inner = check.partition("(")[2].rpartition(")")[0]
    if check.startswith("isin("):
        return invalid, ", ".join(re.findall(r"'([^']*)'", inner)) or inner
    if check.startswith("str_matches("):
        return invalid, inner.strip("'")
    return invalid, check


def findings_from_failure_cases(
    failure_cases: pd.DataFrame,
    frame: pd.DataFrame,
    specs: Sequence[CheckSpec],
    *,
    lang: str = "vi",
    sheet: str | None = None,
) -> list[Finding]:
    """:func:`failure_case_columns` as findings, in row order."""
    findings = [
        f
        for c in failure_case_columns(failure_cases, frame, specs)
        for f in c.findings(lang, sheet)
    ]
    return sorted(findings, key=lambda f: (f.location.row or 0, f.code, f.data.get("role", "")))


# ----------------------------------------------------------------------------- pandera (pandas)


class IndicatorFrame(pa.DataFrameModel):
    """The columns of :meth:`Report.to_frame`: Appendix I, one row per indicator.

    Figures are floats (NaN where the report left the cell blank); ``*_decimals``
    give the printed precision that sets each figure's tolerance. The checks
    are attached by :func:`compile_pack`, from the rule pack.
    """

    indicator: Series[Any] = pa.Field(nullable=True)
    label: Series[Any] | None = pa.Field(nullable=True)
    old_count: Series[float] = pa.Field(nullable=True)
    old_count_decimals: Series[float] | None = pa.Field(nullable=True)
    old_rate: Series[float] = pa.Field(nullable=True)
    old_rate_decimals: Series[float] | None = pa.Field(nullable=True)
    new_count: Series[float] = pa.Field(nullable=True)
    new_count_decimals: Series[float] | None = pa.Field(nullable=True)
    new_rate: Series[float] = pa.Field(nullable=True)
    new_rate_decimals: Series[float] | None = pa.Field(nullable=True)
    change: Series[float] = pa.Field(nullable=True)
    change_decimals: Series[float] | None = pa.Field(nullable=True)

    class Config:
        coerce = True
        strict = False


def _pandas_check(spec: CheckSpec) -> pa.Check:
    def check(df: pd.DataFrame) -> pd.Series:
        ok = np.ones(len(df), dtype=bool)
        ok[evaluate(spec, FigureColumns(df)).rows] = False
        return pd.Series(ok, index=df.index)

    return pa.Check(check, name=spec.name)


def compile_pack(pack: RulePack | None = None) -> pa.DataFrameSchema:
    """:class:`IndicatorFrame` with one check per relation of ``pack`` (default: QĐ 766)."""
    specs = compile_specs(pack or builtin_pack())
    schema = copy.deepcopy(IndicatorFrame.to_schema())
    schema.checks = [*schema.checks, *(_pandas_check(s) for s in specs)]
    schema.name = f"IndicatorFrame[{(pack or builtin_pack()).pack}]"
    return schema


def report_schema() -> pa.DataFrameSchema:
    """The schema of Appendix I under the built-in QĐ 766 pack."""
    return compile_pack(builtin_pack())


def validate_frame(
    df: pd.DataFrame, pack: RulePack | None = None, *, lang: str = "vi", sheet: str | None = None
) -> list[Finding]:
    """Check a :meth:`Report.to_frame` frame; every failure is a finding (lazy).

    ``location.row`` is the 1-based row of ``df`` and ``location.indicator`` its
    indicator code.
    """
    pack = pack or builtin_pack()
    frame = df.reset_index(drop=True)
    frame[_ROW] = np.arange(len(frame))
    try:
        compile_pack(pack).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return findings_from_failure_cases(
            exc.failure_cases, frame, compile_specs(pack), lang=lang, sheet=sheet
        )
    return []


# ----------------------------------------------------------------------------- pandera (polars)


def _polars_expr(spec: CheckSpec, columns: Sequence[str], keys: Sequence[str]) -> pl.Expr:
    """The spec as a polars expression that is True where the row passes.

    The same arithmetic as :func:`evaluate`; group sums are window expressions
    (``.over``) because pandera's polars backend has no groupby checks.
    """
    import polars as pl

    def val(col: str) -> pl.Expr:
        return pl.col(col).cast(pl.Float64) if col in columns else pl.lit(None, dtype=pl.Float64)

    def half(col: str) -> pl.Expr:
        dcol = f"{col}_decimals"
        d = (
            pl.col(dcol).cast(pl.Float64).fill_null(DEFAULT_DECIMALS[col])
            if dcol in columns
            else pl.lit(float(DEFAULT_DECIMALS[col]))
        )
        h = 0.5 * pl.lit(10.0).pow(-d)
        return pl.when(d <= 0).then(0.0).otherwise(h) if col.endswith("_count") else h

    col = spec.column
    if spec.code == "PC001":
        r, h, lo = val(col), half(col), 0.0
        if col == "change":
            both = val("old_rate").is_not_null() & val("new_rate").is_not_null()
            r, lo = pl.when(both).then(r).otherwise(None), -100.0
        return (r.is_null() | ~((r - h > 100.0 + EPS) | (r + h < lo - EPS))).fill_null(True)
    if spec.code == "PC002":
        c = val(col)
        return (c.is_null() | ((c >= 0) & (c.floor() == c))).fill_null(True)
    if spec.code in ("DL001", "DL002"):
        o_r, o_c, ch = val("old_rate"), val("old_count"), val("change")
        n_r, n_c = val("new_rate"), val("new_count")
        use_r = o_r.is_not_null() & n_r.is_not_null()
        use_c = ~use_r & o_c.is_not_null() & n_c.is_not_null()
        diff = pl.when(use_r).then(n_r - o_r).otherwise(n_c - o_c)
        tol = (
            half("change")
            + pl.when(use_r).then(half("old_rate")).otherwise(half("old_count"))
            + pl.when(use_r).then(half("new_rate")).otherwise(half("new_count"))
        )
        bad = (use_r | use_c) & ch.is_not_null() & ((ch - diff).abs() > tol + EPS)
        slip = (ch * diff < 0) & ((ch.abs() - diff.abs()).abs() <= tol + EPS)
        bad = bad & (slip if spec.code == "DL002" else ~slip)
        return (~bad).fill_null(True)
    # group checks: one window per membership layer
    member: dict[str, list[tuple[int, int]]] = {}
    for gi, parts in enumerate(spec.groups):
        for p, code in enumerate(parts):
            member.setdefault(code, []).append((gi, p))
    depth = max((len(v) for v in member.values()), default=0)
    sizes = [len(g) for g in spec.groups]
    ok: pl.Expr = pl.lit(True)
    for layer in range(depth):
        codes = [c for c, m in member.items() if len(m) > layer]
        gmap = {c: member[c][layer][0] for c in codes}
        pmap = {c: member[c][layer][1] for c in codes}
        g = (
            pl.col("indicator")
            .cast(pl.String)
            .replace_strict(gmap, default=-1, return_dtype=pl.Int64)
        )
        pos = (
            pl.col("indicator")
            .cast(pl.String)
            .replace_strict(pmap, default=-1, return_dtype=pl.Int64)
        )
        size = g.replace_strict(dict(enumerate(sizes)), default=0, return_dtype=pl.Int64)
        over = [*keys, g]
        n_rows = pl.len().over(over)
        r, hr = val(col), half(col)
        if spec.code == "PC004":
            total = r.sum().over(over)
            tol = pl.when(r.is_not_null()).then(hr).otherwise(0.0).sum().over(over)
            checked = (n_rows == size) & (r.is_not_null().sum().over(over) == size)
            bad = checked & (pos == 0) & ((total - 100.0).abs() > tol + EPS)
        else:
            ccol = f"{spec.side}_count"
            c, hc = val(ccol), half(ccol)
            t = c.sum().over(over)
            th = pl.when(c.is_not_null()).then(hc).otherwise(0.0).sum().over(over)
            checked = (n_rows == size) & (c.is_not_null().sum().over(over) == size) & (t - th > 0)
            t_lo, t_hi, c_lo, c_hi = t - th, t + th, c - hc, c + hc
            qs = [c_lo / t_lo, c_lo / t_hi, c_hi / t_lo, c_hi / t_hi]
            q_lo, q_hi = 100.0 * pl.min_horizontal(qs), 100.0 * pl.max_horizontal(qs)
            bad = checked & r.is_not_null() & ((r - hr > q_hi + EPS) | (q_lo > r + hr + EPS))
        ok = ok & ~((g >= 0) & bad).fill_null(False)
    return ok


def compile_pack_polars(
    pack: RulePack | None = None, *, keys: Sequence[str] = ()
) -> pap.DataFrameSchema:
    """The same specs for pandera's polars backend (``import pandera.polars``).

    ``keys`` are the columns that identify one report in a long table (e.g.
    ``("unit_id", "period")``); a single report's frame needs none. Column
    presence is read from the frame at validation time, so optional
    ``*_decimals`` columns may be absent.
    """
    _need_polars()
    import pandera.polars as pap
    import polars as pl

    specs = compile_specs(pack or builtin_pack())

    def make(spec: CheckSpec) -> pap.Check:
        def check(data: Any) -> pl.LazyFrame:
            lf: pl.LazyFrame = data.lazyframe
            names = lf.collect_schema().names()
            return lf.select(_polars_expr(spec, names, keys).alias("ok"))

        return pap.Check(check, name=spec.name)

    figure_cols = {
        c: pap.Column(pl.Float64, nullable=True, required=True, coerce=True) for c in FIGURE_COLUMNS
    }
    return pap.DataFrameSchema(
        columns={"indicator": pap.Column(pl.String, nullable=True, coerce=True), **figure_cols},
        checks=[make(s) for s in specs],
        strict=False,
        name=f"IndicatorFrame[{(pack or builtin_pack()).pack}]",
    )


def _need_polars() -> None:
    """polars is optional: without it, one sentence that names what to install."""
    from importlib.util import find_spec

    if find_spec("polars") is None:
        raise ImportError(
            "The polars path of dvc-validate needs polars: pip install 'dvc-validate[polars]'",
            name="polars",
        )


def validate_frame_polars(
    df: pl.DataFrame, pack: RulePack | None = None, *, lang: str = "vi", sheet: str | None = None
) -> list[Finding]:
    """:func:`validate_frame` through pandera's polars backend; same findings."""
    _need_polars()
    import pandera.polars as pap

    pack = pack or builtin_pack()
    try:
        compile_pack_polars(pack).validate(df, lazy=True)
    except pap.errors.SchemaErrors as exc:
        fc = exc.failure_cases.to_pandas()
        return findings_from_failure_cases(
            fc, df.to_pandas(), compile_specs(pack), lang=lang, sheet=sheet
        )
    return []
