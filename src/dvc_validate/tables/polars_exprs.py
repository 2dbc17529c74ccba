"""The vectorised evaluator in polars: the same compiled relations as polars expressions.

pandera's polars backend runs a check as an expression over a lazy frame and has no
group-by checks, so a whole's sums are window expressions (``.over``) and a report's
figures (for a user's relation over ``<code>.<column>``) are windows over the keys
of one report. The binding of names to columns and the interval arithmetic are those
of :mod:`.evaluate`, which the polars tests compare this with, finding for finding.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..model.interval import EPS
from ..pack import parse_ref
from ..pack.expressions import compare, compile_expression
from ..pack.relations import Bound, Linear, Ratio
from .columns import DEFAULT_DECIMALS
from .evaluate import _ROW_NAMES, CheckSpec, _terms_of
from .intervals import walk

if TYPE_CHECKING:
    import polars as pl

__all__ = ["polars_check"]

_Iv = tuple["pl.Expr", "pl.Expr"]  # lo, hi


class _Frame:
    """Column access with tolerance, for the columns a lazy frame has."""

    def __init__(self, columns: Sequence[str], keys: Sequence[str]) -> None:
        self.columns, self.keys = set(columns), list(keys)

    def val(self, col: str) -> pl.Expr:
        import polars as pl

        if col in self.columns:
            return pl.col(col).cast(pl.Float64)
        return pl.lit(None, dtype=pl.Float64)

    def dec(self, col: str) -> pl.Expr:
        import polars as pl

        dcol = f"{col}_decimals"
        default = float(DEFAULT_DECIMALS.get(col, 0))
        if dcol in self.columns:
            return pl.col(dcol).cast(pl.Float64).fill_null(default)
        return pl.lit(default)

    def half(self, col: str) -> pl.Expr:
        import polars as pl

        d = self.dec(col)
        h = 0.5 * pl.lit(10.0).pow(-d)
        return pl.when(d <= 0).then(0.0).otherwise(h) if col.endswith("_count") else h

    def window(self, e: pl.Expr) -> pl.Expr:
        """``e`` over one report (the whole frame when it holds one report)."""
        return e.over(self.keys) if self.keys else e


class _X:
    """A bound name: value, half unit; its interval is value ± half."""

    def __init__(
        self, v: pl.Expr, h: pl.Expr, lo: pl.Expr | None = None, hi: pl.Expr | None = None
    ):
        self.v, self.h = v, h
        self.lo = v - h if lo is None else lo
        self.hi = v + h if hi is None else hi


def polars_check(spec: CheckSpec, columns: Sequence[str], keys: Sequence[str]) -> pl.Expr:
    """``spec`` as a polars expression that is True where the row passes."""
    fr = _Frame(columns, keys)
    if spec.expression is not None:
        return _refs(spec, fr)
    if spec.relation is None:
        c = fr.val(spec.column)
        return (c.is_null() | ((c >= 0) & (c.floor() == c))).fill_null(True)
    if spec.relation.over == "whole":
        return _whole(spec, fr)
    return _rows(spec, fr)


def _row_bind(spec: CheckSpec, fr: _Frame) -> Callable[[str], _X | None]:
    import polars as pl

    both = fr.val("old_rate").is_not_null() & fr.val("new_rate").is_not_null()
    figure_cols = dict(spec.column_of)

    def col(name: str) -> _X:
        return _X(fr.val(name), fr.half(name))

    def bind(name: str) -> _X | None:
        if name in figure_cols:
            x = col(figure_cols[name])
            if name == "percent_change":
                return _X(pl.when(both).then(x.v).otherwise(None), x.h)
            return x
        if name in _ROW_NAMES:
            return col(_ROW_NAMES[name])
        if name in ("old", "new"):
            r, c = col(f"{name}_rate"), col(f"{name}_count")
            return _X(
                pl.when(both).then(r.v).otherwise(c.v), pl.when(both).then(r.h).otherwise(c.h)
            )
        if name == "rank.of":
            return col("rank_of")
        if name == "score.max":
            return _X(pl.lit(spec.max_score), pl.lit(0.0))
        return None

    return bind


def _bound(b: Bound, bind: Callable[[str], _X | None]) -> pl.Expr | None:
    import polars as pl

    if b.param is None:
        return pl.lit(b.value)
    x = bind(b.param)
    return None if x is None else x.v


def _linear_bad(
    spec: CheckSpec, form: Linear, terms: list[tuple[float, _X]], bind: Callable[[str], _X | None]
) -> pl.Expr | None:
    import polars as pl

    lo: pl.Expr = pl.lit(0.0)
    hi: pl.Expr = pl.lit(0.0)
    present: pl.Expr = pl.lit(True)
    tol: pl.Expr = pl.lit(EPS)
    rest: pl.Expr = pl.lit(0.0)
    for i, (c, x) in enumerate(terms):
        a, b = x.lo * c, x.hi * c
        lo = lo + pl.min_horizontal(a, b)
        hi = hi + pl.max_horizontal(a, b)
        present = present & x.v.is_not_null()
        tol = tol + abs(c) * x.h
        if i:
            rest = rest + c * x.v
    t_lo, t_hi = _bound(form.lo, bind), _bound(form.hi, bind)
    if t_lo is None or t_hi is None:
        return None
    holds = (lo <= t_hi + EPS) & (t_lo <= hi + EPS)
    bad = present & t_lo.is_not_null() & t_hi.is_not_null() & ~holds
    if spec.slip is not None:
        c0, x0 = terms[0]
        expected = (t_lo - rest) / c0
        slip = (x0.v * expected < 0) & ((x0.v.abs() - expected.abs()).abs() <= tol)
        bad = bad & (slip if spec.slip else ~slip)
    return bad


def _ratio_bad(rate: _X, num: _X, den: _X) -> pl.Expr:
    import polars as pl

    qs = [num.lo / den.lo, num.lo / den.hi, num.hi / den.lo, num.hi / den.hi]
    a, b = pl.min_horizontal(qs) * 100.0, pl.max_horizontal(qs) * 100.0
    r_lo, r_hi = pl.min_horizontal(a, b), pl.max_horizontal(a, b)
    holds = (rate.lo <= r_hi + EPS) & (r_lo <= rate.hi + EPS)
    present = rate.v.is_not_null() & num.v.is_not_null() & den.lo.is_not_null()
    return present & (den.lo > 0) & (den.v > 0) & ~holds


def _rows(spec: CheckSpec, fr: _Frame) -> pl.Expr:
    rel = spec.relation
    assert rel is not None
    form = rel.form
    if isinstance(form, Ratio):
        import polars as pl

        return pl.lit(True)
    bind = _row_bind(spec, fr)
    terms: list[tuple[float, _X]] = []
    for t in form.terms:
        x = bind(t.name[0])
        if x is None or t.each:
            import polars as pl

            return pl.lit(True)
        terms.append((t.coeff, x))
    bad = _linear_bad(spec, form, terms, bind)
    if bad is None:
        import polars as pl

        return pl.lit(True)
    return (~bad).fill_null(True)


def _whole(spec: CheckSpec, fr: _Frame) -> pl.Expr:
    """One window per membership layer (an indicator may be a part of two wholes)."""
    import polars as pl

    rel = spec.relation
    assert rel is not None
    member: dict[str, list[tuple[int, int]]] = {}
    for gi, parts in enumerate(spec.groups):
        for p, code in enumerate(parts):
            member.setdefault(code, []).append((gi, p))
    depth = max((len(v) for v in member.values()), default=0)
    per_part = any(not t.each and t.name[0].startswith("part.") for t in _terms_of(rel))
    ind = pl.col("indicator").cast(pl.String)
    ok: pl.Expr = pl.lit(True)
    for layer in range(depth):
        codes = [c for c, m in member.items() if len(m) > layer]
        g = ind.replace_strict(
            {c: member[c][layer][0] for c in codes}, default=-1, return_dtype=pl.Int64
        )
        pos = ind.replace_strict(
            {c: member[c][layer][1] for c in codes}, default=-1, return_dtype=pl.Int64
        )
        bad = _layer_bad(spec, fr, g, pos, per_part)
        if bad is not None:
            ok = ok & ~bad.fill_null(False)
    return ok


def _layer_bad(
    spec: CheckSpec, fr: _Frame, g: pl.Expr, pos: pl.Expr, per_part: bool
) -> pl.Expr | None:
    """Where a whole's relation fails, for one layer of memberships."""
    import polars as pl

    rel = spec.relation
    assert rel is not None
    ind = pl.col("indicator").cast(pl.String)
    over = [*fr.keys, g]
    n_rows = pl.len().over(over)
    sizes = {gi: len(parts) for gi, parts in enumerate(spec.groups)}
    size = g.replace_strict(sizes, default=0, return_dtype=pl.Int64)
    checked = (g >= 0) & (n_rows >= 2) & (n_rows <= size)

    def col_of(name: str) -> str:
        return name.split(".", 1)[1].replace(".", "_")

    def summed(name: str) -> _X:
        c = col_of(name)
        x, h = fr.val(c), fr.half(c)
        hp = pl.when(x.is_not_null()).then(h).otherwise(None)
        complete = checked & (x.is_not_null().sum().over(over) == n_rows)

        def total(e: pl.Expr) -> pl.Expr:
            return pl.when(complete).then(e.sum().over(over)).otherwise(None)

        return _X(total(x), total(hp), total(x - h), total(x + h))

    def parent(name: str) -> _X:
        c = col_of(name)
        v: pl.Expr = pl.lit(None, dtype=pl.Float64)
        h: pl.Expr = pl.lit(0.0)
        for gi, code in enumerate(spec.parents):
            if code is None:
                continue
            pv = fr.window(pl.when(ind == code).then(fr.val(c)).otherwise(None).first())
            ph = fr.window(pl.when(ind == code).then(fr.half(c)).otherwise(None).max())
            v = pl.when(g == gi).then(pv).otherwise(v)
            h = pl.when(g == gi).then(ph).otherwise(h)
        return _X(pl.when(checked).then(v).otherwise(None), h.fill_null(0.0))

    def bind_term(name: str, each: bool) -> _X:
        if each:
            return summed(name)
        if name.startswith("parent."):
            return parent(name)
        c = col_of(name)
        return _X(fr.val(c), fr.half(c))

    form = rel.form
    if isinstance(form, Ratio):
        if len(form.denominator) != 1:
            return None
        d = form.denominator[0]
        bad = _ratio_bad(
            bind_term(form.rate[0], False),
            bind_term(form.numerator[0], False),
            bind_term(d.name[0], d.each),
        )
    else:
        terms = [(t.coeff, bind_term(t.name[0], t.each)) for t in form.terms]
        lin = _linear_bad(spec, form, terms, lambda name: None)
        if lin is None:
            return None
        bad = lin
    anchor = pl.lit(True) if per_part else pos == pos.min().over(over)
    return checked & anchor & bad


def _refs(spec: CheckSpec, fr: _Frame) -> pl.Expr:
    """A user's relation, per report: each ``<code>.<column>`` is a window over the
    report's rows; the finding is on the row of the first reference."""
    import polars as pl

    assert spec.expression is not None
    expr = compile_expression(spec.expression)
    ind = pl.col("indicator").cast(pl.String)
    bound: list[_X] = []
    first_code: str | None = None
    for ref in expr.refs:
        table, code, column = parse_ref(ref)
        if table != "appendix1":
            return pl.lit(True)
        first_code = first_code or code
        if column in ("old", "new"):
            r, c = fr.val(f"{column}_rate"), fr.val(f"{column}_count")
            rh, ch = fr.half(f"{column}_rate"), fr.half(f"{column}_count")
            v, h = (
                pl.when(r.is_not_null()).then(r).otherwise(c),
                pl.when(r.is_not_null()).then(rh).otherwise(ch),
            )
        else:
            name = column.replace(".", "_")
            v, h = fr.val(name), fr.half(name)
        pv = fr.window(pl.when(ind == code).then(v).otherwise(None).first())
        ph = fr.window(pl.when(ind == code).then(h).otherwise(None).first())
        bound.append(_X(pv, ph.fill_null(0.0)))
    defined: list[pl.Expr] = [x.v.is_not_null() for x in bound]
    tree = expr.tree
    assert isinstance(tree, ast.Compare)

    def leaf(i: int) -> _Iv:
        return bound[i].lo, bound[i].hi

    def const(v: float) -> _Iv:
        return pl.lit(v), pl.lit(v)

    def ends(c: Sequence[pl.Expr]) -> _Iv:
        return pl.min_horizontal(c), pl.max_horizontal(c)

    a = walk(tree.left, leaf, const, ends, lambda lo: defined.append(lo > 0))
    b = walk(tree.comparators[0], leaf, const, ends, lambda lo: defined.append(lo > 0))
    holds: pl.Expr = compare(tree.ops[0], a, b)
    present: pl.Expr = pl.lit(True)
    for d in defined:
        present = present & d
    bad = (ind == first_code) & present & ~holds
    return (~bad).fill_null(True)
