"""The vectorised evaluator: the pack's relations over table columns.

The relations are the pack's (``relations:`` in ``rules/qd766.yaml``), compiled once
by :mod:`dvc_validate.pack.relations` into a linear or a ratio form; the interval
evaluator (:mod:`dvc_validate.checks.relations`) runs the same forms over one
document's figures. Here a scope's names are bound to columns instead:

* ``figure``: ``rate`` is each rate column, ``percent_change`` the change of a row
  whose two rates are printed, ``score`` and ``rank`` the score row's columns, with
  ``score.max`` the pack's maximum and ``rank.of`` the ``rank_of`` column;
* ``row``: the figure columns of one indicator row (``old`` and ``new`` are the rates
  when both are printed, else the counts);
* ``whole``: the rows of the parts of one whole in one report (unit and period), with
  ``sum()`` over them, and the whole's own row as ``parent``;
* ``refs``: a user's expression over ``<code>.<column>``, per report.

Scopes a table does not hold (the statements of a report, running text) and names it
has no column for (the b of an a/b count) leave a relation unchecked, as an unbound
name does in a document. A relation holds when some values within the printed
precision satisfy it, computed as the interval evaluator computes it, term by term.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from ..model.interval import EPS
from ..pack import RulePack, parse_ref
from ..pack.expressions import CompiledExpression, compare, compile_expression
from ..pack.relations import Bound, CompiledRelation, Linear, Ratio, Term
from .columns import (
    _CHUNK,
    AnyInt,
    Failures,
    FigureColumns,
    FloatArray,
    Groups,
    IntArray,
    pack_groups,
)
from .intervals import walk

__all__ = ["SIGN_SLIP_CODE", "TABLE_SCOPES", "CheckSpec", "compile_specs", "evaluate"]

#: The code of a change whose only fault is its typed sign (a table has no trend words).
SIGN_SLIP_CODE = "DL002"
#: The scopes a table holds.
TABLE_SCOPES = ("figure", "row", "whole", "refs")

#: The columns a ``figure`` name stands for.
_FIGURE_COLUMNS: dict[str, tuple[str, ...]] = {
    "rate": ("old_rate", "new_rate"),
    "percent_change": ("change",),
    "score": ("score",),
    "rank": ("rank",),
}
_ROW_NAMES = {
    "change": "change",
    "old.rate": "old_rate",
    "new.rate": "new_rate",
    "old.count": "old_count",
    "new.count": "new_count",
}


@dataclass(frozen=True)
class CheckSpec:
    """One relation of the pack on one column role, e.g. ``PC001`` on ``new.rate``.

    ``role`` is the column a finding is about; ``groups`` the wholes of a ``whole``
    relation (with ``parents``, the indicator of each whole's own row); ``slip`` splits
    a sign-slip relation's failures into pure sign slips (True) and the rest (False).
    A spec without a relation is a domain check of single cells (a count is a whole
    number), not a relation between figures.
    """

    code: str
    role: str
    relation: CompiledRelation | None = None
    column_of: tuple[tuple[str, str], ...] = ()
    groups: Groups = ()
    parents: tuple[str | None, ...] = ()
    slip: bool | None = None
    max_score: float = 100.0
    expression: str | None = None
    key: int = 0

    @property
    def name(self) -> str:
        """The pandera check name; the adapter reads code and role back from it."""
        return f"{self.code}:{self.role}" + (f"#{self.key}" if self.key else "")

    @property
    def column(self) -> str:
        return self.role.replace(".", "_")

    @property
    def side(self) -> str:
        return self.role.split(".")[0]

    @property
    def constant_expected(self) -> bool:
        """The expected value is the relation's constant (parts add up to 100)."""
        rel = self.relation
        if rel is None or not isinstance(rel.form, Linear):
            return False
        f = rel.form
        return len(f.terms) == 1 and f.lo == f.hi and f.lo.param is None


def compile_specs(pack: RulePack) -> tuple[CheckSpec, ...]:
    """The table checks of ``pack``: every relation whose scope a table holds, on the
    columns it is about, then the count-cell check."""
    wholes = pack_groups(pack)
    known = {i.code for i in pack.indicators}
    parents = tuple(_parent(g[0], known) for g in wholes)
    specs: list[CheckSpec] = []
    users = 0
    for rel in pack.relations:
        if rel.over == "refs":
            users += 1
            expr = compile_expression(rel.check)
            specs.append(CheckSpec(rel.code, _ref_role(expr), expression=rel.check, key=users))
            continue
        if rel.over not in TABLE_SCOPES:
            continue
        for c in rel.compiled():
            specs.extend(_specs_of(c, wholes, parents, pack.total.max))
    specs.extend(CheckSpec("PC002", role) for role in ("old.count", "new.count"))
    return tuple(_ordered(specs))


def _ordered(specs: list[CheckSpec]) -> list[CheckSpec]:
    """Figure ranges first, then the count cells, then the relations: the order in which
    a reader meets a table's findings (a value out of range before what follows from it)."""
    first = [s for s in specs if s.relation is not None and s.relation.over == "figure"]
    cells = [s for s in specs if s.relation is None and s.expression is None]
    rest = [s for s in specs if s not in first and s not in cells]
    return [*first, *cells, *rest]


def _parent(code: str, known: set[str]) -> str | None:
    """The whole's own row: the longest shorter code of the catalogue ("1.2" of "1.2.a")."""
    parts = code.split(".")
    for n in range(len(parts) - 1, 0, -1):
        cand = ".".join(parts[:n])
        if cand in known:
            return cand
    return None


def _ref_role(expr: CompiledExpression) -> str:
    table, code, col = parse_ref(expr.refs[0]) if expr.refs else ("", "", "")
    return f"{code}.{col}" if table == "appendix1" else expr.refs[0] if expr.refs else "-"


def _names(c: CompiledRelation) -> list[str]:
    return [n for alts in c.names() for n in alts]


def _specs_of(
    c: CompiledRelation, wholes: Groups, parents: tuple[str | None, ...], max_score: float
) -> list[CheckSpec]:
    names = _names(c)
    if c.over == "figure":
        first = names[0]  # the figure; the rest are its parameters (score.max, rank.of)
        if first not in _FIGURE_COLUMNS:
            return []
        out = []
        for col in _FIGURE_COLUMNS[first]:
            role = col.replace("_", ".") if col.endswith(("_rate", "_count")) else col
            out.append(CheckSpec(c.code, role, c, ((first, col),), max_score=max_score))
        return out
    if c.over == "row":
        if any(n not in _ROW_NAMES and n not in ("old", "new") for n in names):
            return []  # a name a table has no column for (the b of a/b)
        role = names[0] if names[0] in _ROW_NAMES else "change"
        return _with_slip(CheckSpec(c.code, role, c))
    # whole: the role is the column of the first part name ("part.new.rate" → new.rate)
    part = next((n for n in names if n.startswith("part.")), names[0])
    role = part.removeprefix("part.").removeprefix("parent.")
    if role not in _ROW_NAMES or any(
        not n.startswith(("part.", "parent.")) or n.split(".", 1)[1] not in _ROW_NAMES
        for n in names
    ):
        return []
    return _with_slip(CheckSpec(c.code, role, c, groups=wholes, parents=parents))


def _with_slip(spec: CheckSpec) -> list[CheckSpec]:
    rel = spec.relation
    if rel is None or not rel.sign_slip:
        return [spec]
    return [
        CheckSpec(spec.code, spec.role, rel, spec.column_of, spec.groups, spec.parents, False),
        CheckSpec(SIGN_SLIP_CODE, spec.role, rel, spec.column_of, spec.groups, spec.parents, True),
    ]


# ----------------------------------------------------------------------------- binding

Arr = FloatArray | float  # a per-row array, or one value for every row


@dataclass(frozen=True)
class _Col:
    """A bound name at the evaluated units: values (NaN: absent), half units and printed
    decimals (arrays, or one number for all), and the interval each value stands for
    (``v ± h``; a sum's is the sum of its parts', given explicitly)."""

    v: FloatArray
    h: Arr
    d: Arr
    lo_: FloatArray | None = None
    hi_: FloatArray | None = None

    @cached_property
    def lo(self) -> FloatArray:
        return self.v - self.h if self.lo_ is None else self.lo_

    @cached_property
    def hi(self) -> FloatArray:
        return self.v + self.h if self.hi_ is None else self.hi_

    @property
    def exact(self) -> bool:
        """Every value stands for itself (counts printed without decimals)."""
        return isinstance(self.h, float) and self.h == 0.0

    def at(self, idx: AnyInt) -> _Col:
        return _Col(
            self.v[idx],
            _take(self.h, idx),
            _take(self.d, idx),
            None if self.lo_ is None else self.lo_[idx],
            None if self.hi_ is None else self.hi_[idx],
        )


def _take(x: Arr, idx: AnyInt | slice) -> Arr:
    return x if isinstance(x, float) else x[idx]


def _column(cols: FigureColumns, col: str, sl: slice | AnyInt) -> _Col:
    return _Col(cols.values(col)[sl], _take(cols.half(col), sl), _take(cols.decimals(col), sl))


def _where(mask: npt.NDArray[np.bool_], a: _Col, b: _Col) -> _Col:
    def pick(x: Arr, y: Arr) -> Arr:
        return (
            x if isinstance(x, float) and isinstance(y, float) and x == y else np.where(mask, x, y)
        )

    return _Col(np.where(mask, a.v, b.v), pick(a.h, b.h), pick(a.d, b.d))


def _row_binder(
    spec: CheckSpec, cols: FigureColumns, sl: slice | IntArray
) -> Callable[[str], _Col | None]:
    both_rates = ~np.isnan(cols.values("old_rate")[sl]) & ~np.isnan(cols.values("new_rate")[sl])
    figure_cols = dict(spec.column_of)

    def bind(name: str) -> _Col | None:
        if name in figure_cols:
            col = _column(cols, figure_cols[name], sl)
            if name == "percent_change":  # the change of a rate: both rates printed
                return _Col(np.where(both_rates, col.v, np.nan), col.h, col.d)
            return col
        if name in _ROW_NAMES:
            return _column(cols, _ROW_NAMES[name], sl)
        if name in ("old", "new"):
            rate, count = _column(cols, f"{name}_rate", sl), _column(cols, f"{name}_count", sl)
            return _where(both_rates, rate, count)
        if name == "rank.of":
            return _column(cols, "rank_of", sl)
        if name == "score.max":
            return _Col(np.full(len(both_rates), spec.max_score), 0.0, 0.0)
        return None

    return bind


# ----------------------------------------------------------------------------- forms

_Result = tuple[npt.NDArray[np.bool_], Callable[[IntArray], tuple[FloatArray, ...]]]


def _bound(b: Bound, bind: Callable[[str], _Col | None]) -> FloatArray | float | None:
    if b.param is None:
        return b.value
    col = bind(b.param)
    return None if col is None else col.v


def _linear(
    form: Linear, terms: Sequence[tuple[float, _Col]], bind: Callable[[str], _Col | None]
) -> _Result | None:
    """Where ``Σ c·x ∈ [lo, hi]`` fails (all terms present), computed term by term as
    :class:`~dvc_validate.checks.relations.Relation` computes it; and, for the failing
    units only, the anchor's value, the value it should have, the tolerance and the
    printed decimals."""
    t_lo, t_hi = _bound(form.lo, bind), _bound(form.hi, bind)
    if t_lo is None or t_hi is None:
        return None
    # a comparison with a missing figure (NaN) is false: such a unit never fails
    with np.errstate(invalid="ignore"):
        if all(x.lo_ is None for _, x in terms):
            # every term is v ± h: Σ c·x spans Σ c·v ± Σ |c|·h
            mid: FloatArray | float = 0.0
            width: FloatArray | float = 0.0
            for c, x in terms:
                mid = mid + c * x.v
                width = width + abs(c) * x.h
            if isinstance(t_lo, float) and isinstance(t_hi, float) and t_lo == t_hi:
                fails: Any = np.abs(mid - t_lo) > width + EPS
            else:
                fails = (mid - width > t_hi + EPS) | (t_lo > mid + width + EPS)
        else:
            lo: FloatArray | float = 0.0
            hi: FloatArray | float = 0.0
            for c, x in terms:
                a, b = x.lo * c, x.hi * c
                lo = lo + np.minimum(a, b)
                hi = hi + np.maximum(a, b)
            fails = (lo > t_hi + EPS) | (t_lo > hi + EPS)
    bad = np.asarray(fails, dtype=bool)

    def details(idx: IntArray) -> tuple[FloatArray, ...]:
        n = len(idx)
        tol, dec, rest = np.full(n, EPS), np.zeros(n), np.zeros(n)
        for i, (c, x) in enumerate(terms):
            tol += abs(c) * _take(x.h, idx)
            dec = np.maximum(dec, np.nan_to_num(_take(x.d, idx)))
            if i:
                rest += c * x.v[idx]
        c0, x0 = terms[0]
        # an equation says the value the first figure should have; a range whose bound
        # is a parameter of the figure (score.max, rank.of) says that bound; else none
        if form.lo == form.hi:
            expected = (_take(t_lo, idx) - rest) / c0
        elif form.hi.param is not None:
            expected = np.asarray(_take(t_hi, idx), dtype=np.float64)
        else:
            expected = np.full(n, np.nan)
        return x0.v[idx], expected, tol, dec

    return bad, details


def _ratio(rate: _Col, num: _Col, den: _Col) -> _Result:
    """Where ``rate = 100·num/den`` fails: the interval ratio, as ``Interval.ratio``."""
    # a comparison with a missing figure (NaN) is false: such a unit never fails
    with np.errstate(invalid="ignore", divide="ignore"):
        if num.exact and den.exact:  # exact counts: the ratio is a point
            r = (num.v / den.v) * 100.0
            fails = np.abs(r - rate.v) > rate.h + EPS
            bad = fails & (den.v > 0)
        else:
            n_lo, n_hi, d_lo, d_hi = num.lo, num.hi, den.lo, den.hi
            q = (n_lo / d_lo, n_lo / d_hi, n_hi / d_lo, n_hi / d_hi)
            a = np.minimum(np.minimum(q[0], q[1]), np.minimum(q[2], q[3])) * 100.0
            b = np.maximum(np.maximum(q[0], q[1]), np.maximum(q[2], q[3])) * 100.0
            r_lo, r_hi = np.minimum(a, b), np.maximum(a, b)
            fails = (rate.lo > r_hi + EPS) | (r_lo > rate.hi + EPS)
            bad = fails & (d_lo > 0) & (den.v > 0)

    def details(idx: IntArray) -> tuple[FloatArray, ...]:
        expected = 100.0 * num.v[idx] / den.v[idx]
        tol = np.asarray(_take(rate.h, idx), dtype=np.float64) + EPS
        dec = np.nan_to_num(np.asarray(_take(rate.d, idx), dtype=np.float64))
        return rate.v[idx], expected, tol * np.ones(len(idx)), dec * np.ones(len(idx))

    return bad, details


def _failures(
    spec: CheckSpec,
    result: _Result,
    rows: IntArray | Callable[[IntArray], IntArray],
    group: npt.NDArray[np.int32] | None = None,
) -> Failures:
    """The failing units as failures; ``rows`` (the row each unit is reported at) may be
    a function of the failing units, asked only for them."""
    bad, details = result
    idx = np.flatnonzero(bad)
    if not len(idx):
        return Failures.empty()
    at = rows(idx) if callable(rows) else rows[idx]
    found, expected, tol, dec = details(idx)
    slip = None
    if spec.slip is not None:
        with np.errstate(invalid="ignore"):
            slip = (found * expected < 0) & (np.abs(np.abs(found) - np.abs(expected)) <= tol)
    return Failures(at, found, expected, dec, None if group is None else group[idx], slip)


def _evaluate_rows(spec: CheckSpec, cols: FigureColumns, sl: slice | IntArray) -> Failures:
    rel = spec.relation
    assert rel is not None
    form = rel.form
    if isinstance(form, Ratio):
        return Failures.empty()  # a row's ratio needs the b of a/b, which a table has not
    bind = _row_binder(spec, cols, sl)
    terms: list[tuple[float, _Col]] = []
    for t in form.terms:
        col = bind(t.name[0])
        if col is None or t.each:
            return Failures.empty()
        terms.append((t.coeff, col))
    result = _linear(form, terms, bind)
    if result is None:
        return Failures.empty()
    rows = np.arange(sl.start, sl.stop, dtype=np.intp) if isinstance(sl, slice) else sl
    return _failures(spec, result, rows)


class _Wholes:
    """What every relation over the wholes of one table shares, each computed once and
    only when a relation needs it: which instances are checked, the row each one is
    reported at (its first part present), and each whole's own row."""

    def __init__(self, spec: CheckSpec, cols: FigureColumns) -> None:
        self.spec, self.cols = spec, cols
        self.gi = gi = cols.group_index(spec.groups)
        self.checked = (gi.n_rows >= 2) & (gi.n_rows <= gi.size)

    @cached_property
    def first_rows(self) -> IntArray:
        gi = self.gi
        first = np.full(len(gi.size), -1, dtype=np.intp)
        top = int(gi.pos.max()) if len(gi.pos) else -1
        for p in range(top, -1, -1):  # a whole has a few parts: the lowest position last
            sel = gi.pos == p
            first[gi.inst[sel]] = gi.rows[sel]
        return first

    def anchor_rows(self, inst: IntArray) -> IntArray:
        """The first part present of each instance in ``inst`` (a few failing ones): read
        from their own parts only, not from the whole table's."""
        gi = self.gi
        wanted = np.zeros(len(gi.size), dtype=bool)
        wanted[inst] = True
        cand = np.flatnonzero(wanted[gi.inst])
        c_inst, c_pos = gi.inst[cand], gi.pos[cand]
        order = np.lexsort((c_pos, c_inst))
        s_inst = c_inst[order]
        first = np.concatenate([[True], s_inst[1:] != s_inst[:-1]])
        firsts = cand[order][first]
        return np.asarray(gi.rows[firsts[np.searchsorted(s_inst[first], inst)]], dtype=np.intp)

    @cached_property
    def parent_rows(self) -> IntArray:
        gi = self.gi
        wanted = _codes_per_instance(self.spec.parents, gi.inst_group, self.cols)
        return self.cols.rows_of(gi.inst_report, wanted)


def _wholes(spec: CheckSpec, cols: FigureColumns) -> _Wholes:
    key = ("wholes", spec.groups, spec.parents)
    cached = cols.cache.get(key)
    if isinstance(cached, _Wholes):
        return cached
    out = _Wholes(spec, cols)
    cols.cache[key] = out
    return out


def _codes_per_instance(
    parents: tuple[str | None, ...], group_of: npt.NDArray[np.int32], cols: FigureColumns
) -> npt.NDArray[np.int64]:
    """The indicator code (an id of the table's indicator column) of each instance's own
    row; -1 when its whole has none or the table has no such indicator."""
    lookup = np.array([*(cols.indicator_id(p) for p in parents), -1], dtype=np.int64)
    return lookup[np.where(group_of >= 0, group_of, len(parents))]


def _evaluate_whole(spec: CheckSpec, cols: FigureColumns) -> Failures:
    """A whole's relations, per instance (one whole in one report) or per part.

    A whole is checked when at least two of its parts are in the report, as in a
    document, and no part twice (a repeated row is DC102, and which one counts is
    unknown); a name summed over the parts needs every part present to have it. The
    parts are read block by block, so temporaries stay small on any table."""
    rel = spec.relation
    assert rel is not None
    gi = cols.group_index(spec.groups)
    if len(gi.rows) == 0:
        return Failures.empty()
    w = _wholes(spec, cols)

    def column_of(name: str) -> str:
        return name.split(".", 1)[1].replace(".", "_")

    def summed(name: str) -> _Col:
        """Σ(v ± h) over the parts = Σv ± Σh; NaN where a part lacks the figure."""
        key = ("sum", spec.groups, name)
        cached = cols.cache.get(key)
        if isinstance(cached, _Col):
            return cached
        col = column_of(name)
        n_present, total, half = gi.sums(cols, col)
        complete = w.checked & (n_present == gi.n_rows)
        h_part = cols.half(col)
        h: Arr = 0.0 if isinstance(h_part, float) and h_part == 0.0 else half
        if not isinstance(h, float):
            h = np.where(complete, h, np.nan)
        # a sum is printed with its first part's decimals
        decimals = cols.decimals(col)
        d = decimals if isinstance(decimals, float) else decimals[np.maximum(w.first_rows, 0)]
        out = _Col(np.where(complete, total, np.nan), h, d)
        cols.cache[key] = out
        return out

    def parent(name: str) -> _Col:
        x = _column(cols, column_of(name), np.maximum(w.parent_rows, 0))
        v = np.where((w.parent_rows < 0) | ~w.checked, np.nan, x.v)
        return _Col(v, x.h, x.d)

    def instance_term(name: str, each: bool) -> _Col:
        return summed(name) if each else parent(name)

    form = rel.form
    per_part = any(not t.each and t.name[0].startswith("part.") for t in _terms_of(rel))
    if not per_part:
        if isinstance(form, Ratio):
            return Failures.empty()  # a ratio over a whole names one part's figures
        terms = [(t.coeff, instance_term(t.name[0], t.each)) for t in form.terms]

        def no_param(name: str) -> _Col | None:
            return None

        result = _linear(form, terms, no_param)
        if result is None:
            return Failures.empty()
        bad, details = result
        # every instance has a part, so each failing one has a row to be reported at
        return _failures(spec, (bad, details), w.anchor_rows, gi.inst_group)

    def bind_term(name: str, each: bool, sl: slice) -> _Col:
        if name.startswith("part.") and not each:
            return _column(cols, column_of(name), gi.rows[sl])
        return instance_term(name, each).at(gi.inst[sl])

    parts: list[Failures] = []
    for sl in gi.blocks():
        block: _Result | None
        if isinstance(form, Ratio):
            if len(form.denominator) != 1:
                return Failures.empty()
            den = form.denominator[0]
            block = _ratio(
                bind_term(form.rate[0], False, sl),
                bind_term(form.numerator[0], False, sl),
                bind_term(den.name[0], den.each, sl),
            )
        else:
            terms = [(t.coeff, bind_term(t.name[0], t.each, sl)) for t in form.terms]
            block = _linear(form, terms, lambda name: None)
        if block is not None:
            found = _failures(spec, block, gi.rows[sl], gi.inst_group[gi.inst[sl]])
            if len(found.rows):
                parts.append(found)
    return Failures.concat(parts)


def _terms_of(rel: CompiledRelation) -> list[Term]:
    form = rel.form
    if isinstance(form, Linear):
        return list(form.terms)
    return [Term(1.0, form.rate), Term(1.0, form.numerator), *form.denominator]


def _count_cells(spec: CheckSpec, cols: FigureColumns, sl: slice) -> Failures:
    """A count is a whole number of things: an integer, not negative."""
    c = cols.values(spec.column)[sl]
    with np.errstate(invalid="ignore"):
        bad = (c < 0) | ((np.floor(c) != c) & ~np.isnan(c))
    idx = np.flatnonzero(bad)
    rows = idx + sl.start
    d = np.full(len(rows), 0.0) + _take(cols.decimals(spec.column), rows)
    return Failures(rows, c[idx], np.full(len(idx), np.nan), d)


def _blockwise(
    fn: Callable[[CheckSpec, FigureColumns, slice], Failures], spec: CheckSpec, cols: FigureColumns
) -> Failures:
    """Run a row-wise check block by block: memory stays bounded on any table."""
    parts = [fn(spec, cols, slice(lo, min(lo + _CHUNK, cols.n))) for lo in range(0, cols.n, _CHUNK)]
    return Failures.concat([p for p in parts if len(p.rows)])


def evaluate(spec: CheckSpec, cols: FigureColumns) -> Failures:
    """The rows where ``spec`` fails, with the value found and the value expected.

    The two halves of a sign-slip relation (DL001 and DL002 on one change) share one
    evaluation: the failures are computed once per table and split by ``slip``."""
    if spec.slip is None:
        return _evaluate(spec, cols)
    key = ("slip", spec.relation, spec.role, spec.groups)
    both = cols.cache.get(key)
    if not isinstance(both, Failures):
        both = _evaluate(spec, cols)
        cols.cache[key] = both
    if both.slip is None:  # nothing failed
        return both
    return both.select(both.slip if spec.slip else ~both.slip)


def _evaluate(spec: CheckSpec, cols: FigureColumns) -> Failures:
    if spec.expression is not None:
        return _evaluate_refs(spec, cols)
    if spec.relation is None:
        return _blockwise(_count_cells, spec, cols)
    if spec.relation.over == "whole":
        return _evaluate_whole(spec, cols)
    if spec.column_of:  # one figure: only the rows that print it (a score is on 1 row in 60)
        where = _sparse_rows(cols, spec.column_of[0][1])
        if where is not None:
            return _evaluate_rows(spec, cols, where)
    return _blockwise(_evaluate_rows, spec, cols)


def _sparse_rows(cols: FigureColumns, col: str) -> IntArray | None:
    """The rows that print ``col`` when they are few (under a quarter), else ``None``;
    once per table and column."""
    key = ("sparse", col)
    if key not in cols.cache:
        present = ~np.isnan(cols.values(col))
        sparse = np.count_nonzero(present) * 4 < cols.n
        cols.cache[key] = np.flatnonzero(present) if sparse else None
    found = cols.cache[key]
    return found if isinstance(found, np.ndarray) else None


# ----------------------------------------------------------------------------- expressions

_Iv = tuple[FloatArray, FloatArray]


def _evaluate_refs(spec: CheckSpec, cols: FigureColumns) -> Failures:
    """A user's relation over ``<code>.<column>``, once per report of the table, with
    the interval semantics of :class:`~dvc_validate.pack.expressions.CompiledExpression`."""
    assert spec.expression is not None
    expr = compile_expression(spec.expression)
    reports = np.unique(cols.report_ids())
    reports = reports[reports >= 0]
    bound: list[_Col] = []
    anchor: IntArray | None = None
    for ref in expr.refs:
        table, code, column = parse_ref(ref)
        if table != "appendix1":
            return Failures.empty()  # Appendix II is not in a table of indicators
        rows = cols.rows_of(reports, np.full(len(reports), cols.indicator_id(code)))
        at = np.maximum(rows, 0)
        if column in ("old", "new"):
            rate, count = _column(cols, f"{column}_rate", at), _column(cols, f"{column}_count", at)
            x = _where(~np.isnan(rate.v), rate, count)
        else:
            x = _column(cols, column.replace(".", "_"), at)
        v = np.where(rows >= 0, x.v, np.nan)
        bound.append(_Col(v, x.h, x.d))
        anchor = rows if anchor is None else anchor
    if anchor is None:
        return Failures.empty()
    holds, present = _holds(expr, bound, len(reports))
    bad = present & ~holds & (anchor >= 0)
    idx = np.flatnonzero(bad)
    first = bound[0]
    dec = np.zeros(len(idx)) + _take(first.d, idx)
    return Failures(anchor[idx], first.v[idx], np.full(len(idx), np.nan), dec)


def _holds(
    expr: CompiledExpression, bound: list[_Col], m: int
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    tree = expr.tree
    assert isinstance(tree, ast.Compare)
    defined = np.ones(m, dtype=bool)
    for x in bound:
        defined &= ~np.isnan(x.v)

    def leaf(i: int) -> tuple[FloatArray, FloatArray]:
        return bound[i].lo, bound[i].hi

    def const(v: float) -> tuple[FloatArray, FloatArray]:
        return np.full(m, v), np.full(m, v)

    def ends(c: Sequence[FloatArray]) -> tuple[FloatArray, FloatArray]:
        stacked = np.stack(c)
        return stacked.min(axis=0), stacked.max(axis=0)

    def divisor(lo: FloatArray) -> None:
        nonlocal defined
        defined &= lo > 0

    with np.errstate(invalid="ignore", divide="ignore"):
        a = walk(tree.left, leaf, const, ends, divisor)
        b = walk(tree.comparators[0], leaf, const, ends, divisor)
        holds = np.asarray(compare(tree.ops[0], a, b), dtype=bool)
    return holds, defined
