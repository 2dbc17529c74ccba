"""Table columns as numpy arrays: what the vectorised evaluator reads.

A table's figure columns become float64 arrays with the half unit of their printed
precision (the tolerance), and its indicator column integer codes, once per table;
every relation then reads these arrays. Group instances (the parts of one whole in
one report) are found with integer keys and ``np.bincount``, so a table of millions of
rows is checked without a Python loop over its rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..pack import RulePack

__all__ = [
    "DEFAULT_DECIMALS",
    "FIGURE_COLUMNS",
    "Failures",
    "FigureColumns",
    "Groups",
    "column_codes",
    "dense_ids",
    "pack_groups",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
Groups = tuple[tuple[str, ...], ...]

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
    are ``np.bincount`` over ``inst``.
    """

    rows: IntArray
    pos: npt.NDArray[np.int8]
    inst: AnyInt
    size: npt.NDArray[np.int16]  # parts the group has, per instance
    inst_group: npt.NDArray[np.int32]  # the group, per instance
    n_rows: FloatArray  # rows present, per instance
    inst_report: npt.NDArray[np.int64]  # the report (unit and period) of each instance

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


def pack_groups(pack: RulePack) -> Groups:
    """The wholes of the pack: ``wholes`` (parts with counts), then ``complementary``
    (rates without counts); one group index serves every relation over them."""
    return tuple(tuple(g) for g in [*pack.wholes, *pack.complementary] if len(g) >= 2)


class FigureColumns:
    """Numpy views of a frame's figure columns, their half-units and group keys.

    Built once per frame and shared by every spec, so a batch pays for each
    conversion once. ``report_key`` says which rows belong to one report (a unit
    and period); a single report's frame leaves it ``None``.
    """

    def __init__(
        self,
        df: pd.DataFrame,
        *,
        report_key: npt.NDArray[np.integer[Any]] | None = None,
        decimals: Mapping[str, int] | None = None,
        indicator_codes: tuple[AnyInt, Sequence[Any]] | None = None,
    ) -> None:
        self.df = df
        self.n = len(df)
        self.report_key = report_key
        self.defaults = {**DEFAULT_DECIMALS, **(decimals or {})}
        self._indicator_codes = indicator_codes
        self._values: dict[str, FloatArray] = {}
        self._decimals: dict[str, FloatArray | float] = {}
        self._groups: dict[Groups, _GroupIndex] = {}
        #: what the evaluator derives once per table and shares between relations
        #: (the rows of each whole's first part and own row, sums over the parts)
        self.cache: dict[tuple[Any, ...], object] = {}

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
        inst_report = np.full(n_inst, -1, dtype=np.int64)
        inst_report[inst] = rk if self.report_key is not None else 0
        return _GroupIndex(rows, pos, inst, size, inst_group, n_rows, inst_report)

    def report_ids(self) -> npt.NDArray[np.int64]:
        """The report of each row: its key in a long table, 0 for a single report's
        frame, -1 for a row that belongs to no report."""
        if self.report_key is None:
            return np.zeros(self.n, dtype=np.int64)
        return self.report_key.astype(np.int64, copy=False)

    def indicator_id(self, code: str | None) -> int:
        """The id of ``code`` in the indicator column (-1: not in the table)."""
        if code is None:
            return -1
        _, uniques = self.indicator_codes()
        for i, u in enumerate(uniques):
            if str(u) == code:
                return i
        return -1

    def rows_of(self, reports: npt.NDArray[np.int64], wanted: npt.NDArray[np.int64]) -> IntArray:
        """For each (report, indicator id) pair, the first row of that indicator in that
        report, or -1: one sorted lookup for every pair at once."""
        ind, uniques = self.indicator_codes()
        out = np.full(len(reports), -1, dtype=np.intp)
        targets = np.unique(wanted[wanted >= 0])
        if not len(targets):
            return out
        n_codes = len(uniques) + 1
        rows = np.flatnonzero(np.isin(ind, targets))
        rk = self.report_ids()[rows]
        keep = rk >= 0
        rows, rk = rows[keep], rk[keep]
        keys = rk * n_codes + ind[rows].astype(np.int64)
        order = np.lexsort((rows, keys))
        keys, rows = keys[order], rows[order]
        query = reports.astype(np.int64) * n_codes + wanted
        at = np.minimum(np.searchsorted(keys, query, side="left"), max(len(keys) - 1, 0))
        found = (wanted >= 0) & (len(keys) > 0)
        if len(keys):
            found &= keys[at] == query
        out[found] = rows[at[found]]
        return out


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
    precision to print both; ``group`` is the failing group (group checks);
    ``slip`` marks the failures that a sign alone explains (relations that say so).
    """

    rows: IntArray
    found: FloatArray
    expected: FloatArray
    decimals: FloatArray
    group: npt.NDArray[np.int32] | None = None
    slip: npt.NDArray[np.bool_] | None = None

    def select(self, keep: npt.NDArray[np.bool_]) -> Failures:
        return Failures(
            self.rows[keep],
            self.found[keep],
            self.expected[keep],
            self.decimals[keep],
            None if self.group is None else self.group[keep],
            None if self.slip is None else self.slip[keep],
        )

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
            None
            if parts[0].slip is None
            else np.concatenate([p.slip for p in parts if p.slip is not None]),
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
