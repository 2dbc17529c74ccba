"""One vectorised evaluator for the portal pack's expressions, with printed precision.

An expression (``rate == 100 * count / total``) is parsed once with :mod:`ast`
into a small closed grammar and evaluated over many rows of the long table at
once, as intervals: a rate printed as ``82.65`` stands for [82.645, 82.655],
a count is exact. A relation fails only when no values inside those intervals
satisfy it, so a rounding difference is never a finding. A figure the portal
does not give (NaN) makes the relation not applicable on that row.

Why not the index pack's expression engine: that one binds figures of one
report by catalogue code; this one binds columns of table rows, other
indicators of the same unit (``score["tien_do"]``) and sums over a unit's
children (``children(count)``), all as numpy arrays.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["COLUMNS", "Interval", "TableView", "holds", "parse", "value"]

#: The figure columns of the portal's long table.
COLUMNS = ("count", "total", "rate", "score", "max_score")
_FUNCS = {"min", "children", "or0"}
_EPS = 1e-9

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Interval:
    """Arrays of lower and upper bounds; NaN where the figure is not given."""

    lo: Floats
    hi: Floats

    @property
    def mid(self) -> Floats:
        return np.asarray((self.lo + self.hi) / 2, dtype=np.float64)

    @property
    def known(self) -> Bools:
        return np.asarray(~np.isnan(self.lo) & ~np.isnan(self.hi))


@lru_cache(maxsize=256)
def parse(text: str) -> ast.expr:
    """Parse and vet an expression; a ``ValueError`` names what is not allowed."""
    try:
        tree = ast.parse(" ".join(text.split()), mode="eval").body
    except SyntaxError as exc:
        raise ValueError(f"not an expression: {text!r} ({exc.msg})") from exc
    for node in ast.walk(tree):
        _vet(node, text)
    return tree


def _vet(node: ast.AST, text: str) -> None:
    ok = (
        ast.Compare,
        ast.BinOp,
        ast.UnaryOp,
        ast.Constant,
        ast.Name,
        ast.Subscript,
        ast.Call,
        ast.Load,
        ast.Add,
        ast.Sub,
        ast.Mult,
        ast.Div,
        ast.USub,
        ast.Eq,
        ast.LtE,
        ast.GtE,
        ast.Lt,
        ast.Gt,
    )
    if not isinstance(node, ok):
        raise ValueError(f"{type(node).__name__} is not allowed in {text!r}")
    if isinstance(node, ast.Name) and node.id not in COLUMNS and node.id not in _FUNCS:
        raise ValueError(f"unknown name {node.id!r} in {text!r}; columns: {', '.join(COLUMNS)}")
    if isinstance(node, ast.Call) and (
        not isinstance(node.func, ast.Name) or node.func.id not in _FUNCS
    ):
        raise ValueError(f"unknown function in {text!r}; functions: {', '.join(sorted(_FUNCS))}")
    if isinstance(node, ast.Subscript) and not (
        isinstance(node.value, ast.Name)
        and isinstance(node.slice, ast.Constant)
        and isinstance(node.slice.value, str)
    ):
        raise ValueError(f'write column["indicator"] in {text!r}')
    if isinstance(node, ast.Compare) and len(node.ops) != 1:
        raise ValueError(f"one comparison at a time in {text!r}")
    if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float, str)):
        raise ValueError(f"constant {node.value!r} is not a number in {text!r}")


class TableView:
    """The long table as arrays, with the lookups expressions need, built once.

    ``decimals`` gives the printed decimals of the rounded columns (rate, score);
    every other column is exact.
    """

    def __init__(self, table: pd.DataFrame, decimals: dict[str, int]) -> None:
        self.table = table
        self.n = len(table)
        self._half = {c: 0.5 * 10.0 ** (-d) for c, d in decimals.items()}
        self._values = {c: table[c].to_numpy(dtype=np.float64, na_value=np.nan) for c in COLUMNS}
        unit = table["unit_id"].astype(str).to_numpy()
        period = table["period"].astype(str).to_numpy()
        ind = table["indicator"].astype(str).to_numpy()
        self.unit_key: npt.NDArray[np.str_] = np.char.add(
            np.char.add(unit.astype(str), "\x1f"), period.astype(str)
        )
        row_keys = np.char.add(np.char.add(self.unit_key, "\x1f"), ind.astype(str))
        self._row_index = pd.Index(row_keys.tolist())
        parent = table["parent_id"].astype(object).where(table["parent_id"].notna(), None)
        self._parent_key = np.array(
            [
                None if p is None else f"{p}\x1f{q}\x1f{i}"
                for p, q, i in zip(parent, period, ind, strict=True)
            ],
            dtype=object,
        )
        self._children: dict[str, Interval] = {}

    def column(self, name: str, rows: npt.NDArray[np.intp]) -> Interval:
        v = self._values[name]
        out = np.full(len(rows), np.nan)
        ok = rows >= 0
        out[ok] = v[rows[ok]]
        h = self._half.get(name, 0.0)
        return Interval(out - h, out + h)

    def rows_of(self, unit_keys: npt.NDArray[np.str_], indicator: str) -> npt.NDArray[np.intp]:
        """The row of ``indicator`` for each unit key (-1 where there is none)."""
        keys = np.char.add(np.char.add(unit_keys.astype(str), "\x1f"), indicator)
        return np.asarray(self._row_index.get_indexer(pd.Index(keys.tolist())), dtype=np.intp)

    def children(self, name: str, rows: npt.NDArray[np.intp]) -> Interval:
        """Sum of ``name`` over the children of each row's unit (same indicator, period);
        NaN where the unit has no children or a child does not give the figure."""
        if name not in self._children:
            col = self.column(name, np.arange(self.n, dtype=np.intp))
            frame = pd.DataFrame({"k": self._parent_key, "lo": col.lo, "hi": col.hi})
            frame = frame[frame["k"].notna()]
            g = frame.groupby("k", sort=False)
            sums = g[["lo", "hi"]].sum()
            missing = g["lo"].apply(lambda s: bool(s.isna().any()))
            sums.loc[missing[missing].index, ["lo", "hi"]] = np.nan
            idx = sums.index.get_indexer(self._row_index)
            lo = np.where(idx >= 0, sums["lo"].to_numpy()[idx], np.nan)
            hi = np.where(idx >= 0, sums["hi"].to_numpy()[idx], np.nan)
            self._children[name] = Interval(lo, hi)
        whole = self._children[name]
        out_lo, out_hi = np.full(len(rows), np.nan), np.full(len(rows), np.nan)
        ok = rows >= 0
        out_lo[ok], out_hi[ok] = whole.lo[rows[ok]], whole.hi[rows[ok]]
        return Interval(out_lo, out_hi)


@dataclass(frozen=True)
class _Scope:
    view: TableView
    rows: npt.NDArray[np.intp]  # the row each expression value belongs to (-1: none)
    unit_keys: npt.NDArray[np.str_]


def _eval(node: ast.expr, s: _Scope) -> Interval:
    n = len(s.unit_keys)
    if isinstance(node, ast.Constant):
        v = float(node.value)  # type: ignore[arg-type]
        return Interval(np.full(n, v), np.full(n, v))
    if isinstance(node, ast.Name):
        return s.view.column(node.id, s.rows)
    if isinstance(node, ast.Subscript):
        assert isinstance(node.value, ast.Name) and isinstance(node.slice, ast.Constant)
        rows = s.view.rows_of(s.unit_keys, str(node.slice.value))
        return s.view.column(node.value.id, rows)
    if isinstance(node, ast.UnaryOp):
        a = _eval(node.operand, s)
        return Interval(-a.hi, -a.lo)
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        name = node.func.id
        if name == "children":
            arg = node.args[0]
            if not isinstance(arg, ast.Name):
                raise ValueError("children() takes a column name")
            return s.view.children(arg.id, s.rows)
        args = [_eval(a, s) for a in node.args]
        if name == "or0":  # a null the portal gives counts as 0; a missing row stays unknown
            a, given = args[0], np.ones(n, dtype=bool)
            arg = node.args[0]
            if isinstance(arg, ast.Subscript) and isinstance(arg.slice, ast.Constant):
                given = s.view.rows_of(s.unit_keys, str(arg.slice.value)) >= 0
            lo = np.where(given, np.nan_to_num(a.lo, nan=0.0), np.nan)
            return Interval(lo, np.where(given, np.nan_to_num(a.hi, nan=0.0), np.nan))
        lo = np.minimum.reduce([a.lo for a in args])
        hi = np.minimum.reduce([a.hi for a in args])
        return Interval(lo, hi)
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left, s), _eval(node.right, s)
        if isinstance(node.op, ast.Add):
            return Interval(a.lo + b.lo, a.hi + b.hi)
        if isinstance(node.op, ast.Sub):
            return Interval(a.lo - b.hi, a.hi - b.lo)
        if isinstance(node.op, ast.Div):
            # a divisor that may be 0 gives no bound: the relation is not checked there
            zero = (b.lo <= 0) & (b.hi >= 0)
            with np.errstate(divide="ignore", invalid="ignore"):
                inv = Interval(np.where(zero, np.nan, 1 / b.hi), np.where(zero, np.nan, 1 / b.lo))
            b = inv
        with np.errstate(invalid="ignore"):
            p = np.stack([a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi])
        return Interval(p.min(axis=0), p.max(axis=0))
    raise ValueError(f"cannot evaluate {ast.dump(node)}")  # parse() admits nothing else


def value(
    view: TableView,
    expr: str,
    rows: npt.NDArray[np.intp],
    unit_keys: npt.NDArray[np.str_] | None = None,
) -> Interval:
    """An arithmetic expression at ``rows`` (or for ``unit_keys`` with no own row)."""
    return _eval(parse(expr), _scope(view, rows, unit_keys))


def _scope(
    view: TableView, rows: npt.NDArray[np.intp], unit_keys: npt.NDArray[np.str_] | None
) -> _Scope:
    return _Scope(view, rows, view.unit_key[rows] if unit_keys is None else unit_keys)


@dataclass(frozen=True)
class Outcome:
    """A comparison at each row: checked (every figure given) and failed there."""

    checked: Bools
    failed: Bools
    left: Interval
    right: Interval


def holds(
    view: TableView,
    expr: str,
    rows: npt.NDArray[np.intp],
    unit_keys: npt.NDArray[np.str_] | None = None,
) -> Outcome:
    """Evaluate a comparison; ``failed`` where no values within precision satisfy it.

    For ``<``/``>`` (used in conditions) ``failed`` is "not certainly true".
    """
    node = parse(expr)
    if not isinstance(node, ast.Compare):
        raise ValueError(f"not a comparison: {expr!r}")
    scope = _scope(view, rows, unit_keys)
    a, b = _eval(node.left, scope), _eval(node.comparators[0], scope)
    checked = a.known & b.known
    with np.errstate(invalid="ignore"):
        op = node.ops[0]
        if isinstance(op, ast.Eq):
            ok = (a.lo <= b.hi + _EPS) & (b.lo <= a.hi + _EPS)
        elif isinstance(op, ast.LtE):
            ok = a.lo <= b.hi + _EPS
        elif isinstance(op, ast.GtE):
            ok = a.hi >= b.lo - _EPS
        elif isinstance(op, ast.Lt):
            ok = a.hi < b.lo
        else:
            ok = a.lo > b.hi
    return Outcome(checked, checked & ~ok, a, b)
