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

import numpy as np
import numpy.typing as npt

from ..model.interval import EPS
from ..pack import RulePack, parse_ref
from ..pack.expressions import CompiledExpression, compile_expression
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
    wholes = pack_groups(pack)[1]
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


@dataclass(frozen=True)
class _Col:
    """A bound name at the evaluated units: values (NaN: absent), half units, decimals,
    and the interval each value stands for (a sum's is the sum of its parts')."""

    v: FloatArray
    h: FloatArray
    d: FloatArray
    lo: FloatArray
    hi: FloatArray

    @staticmethod
    def of(v: FloatArray, h: FloatArray, d: FloatArray) -> _Col:
        return _Col(v, h, d, v - h, v + h)

    def at(self, idx: AnyInt) -> _Col:
        return _Col(self.v[idx], self.h[idx], self.d[idx], self.lo[idx], self.hi[idx])


def _full(x: FloatArray | float, n: int) -> FloatArray:
    return np.full(n, x) if isinstance(x, float) else x


def _column(cols: FigureColumns, col: str, sl: slice | IntArray) -> _Col:
    n = cols.n
    return _Col.of(
        cols.values(col)[sl],
        _full(cols.half(col), n)[sl],
        _full(cols.decimals(col), n)[sl],
    )


def _where(mask: npt.NDArray[np.bool_], a: _Col, b: _Col) -> _Col:
    return _Col.of(np.where(mask, a.v, b.v), np.where(mask, a.h, b.h), np.where(mask, a.d, b.d))


def _row_binder(spec: CheckSpec, cols: FigureColumns, sl: slice) -> Callable[[str], _Col | None]:
    both_rates = ~np.isnan(cols.values("old_rate")[sl]) & ~np.isnan(cols.values("new_rate")[sl])
    figure_cols = dict(spec.column_of)

    def bind(name: str) -> _Col | None:
        if name in figure_cols:
            col = _column(cols, figure_cols[name], sl)
            if name == "percent_change":  # the change of a rate: both rates printed
                return _Col.of(np.where(both_rates, col.v, np.nan), col.h, col.d)
            return col
        if name in _ROW_NAMES:
            return _column(cols, _ROW_NAMES[name], sl)
        if name in ("old", "new"):
            rate, count = _column(cols, f"{name}_rate", sl), _column(cols, f"{name}_count", sl)
            return _where(both_rates, rate, count)
        if name == "rank.of":
            return _column(cols, "rank_of", sl)
        if name == "score.max":
            m = len(both_rates)
            return _Col.of(np.full(m, spec.max_score), np.zeros(m), np.zeros(m))
        return None

    return bind


# ----------------------------------------------------------------------------- forms


def _bound(b: Bound, bind: Callable[[str], _Col | None], m: int) -> FloatArray | None:
    if b.param is None:
        return np.full(m, b.value)
    col = bind(b.param)
    return None if col is None else col.v


def _linear(
    form: Linear, terms: Sequence[tuple[float, _Col]], bind: Callable[[str], _Col | None], m: int
) -> tuple[npt.NDArray[np.bool_], FloatArray, FloatArray, FloatArray, FloatArray] | None:
    """Where ``Σ c·x ∈ [lo, hi]`` fails (all terms present), the anchor's value, the value
    it should have, the tolerance and the printed decimals; computed term by term as
    :class:`~dvc_validate.checks.relations.Relation` computes it."""
    lo, hi = np.zeros(m), np.zeros(m)
    present = np.ones(m, dtype=bool)
    tol = np.full(m, EPS)
    dec = np.zeros(m)
    rest = np.zeros(m)
    for i, (c, x) in enumerate(terms):
        a, b = x.lo * c, x.hi * c
        lo += np.minimum(a, b)
        hi += np.maximum(a, b)
        present &= ~np.isnan(x.v)
        tol += abs(c) * x.h
        dec = np.maximum(dec, np.nan_to_num(x.d))
        if i:
            rest += c * x.v
    t_lo, t_hi = _bound(form.lo, bind, m), _bound(form.hi, bind, m)
    if t_lo is None or t_hi is None:
        return None
    with np.errstate(invalid="ignore"):
        holds = (lo <= t_hi + EPS) & (t_lo <= hi + EPS)
        bad = present & ~np.isnan(t_lo) & ~np.isnan(t_hi) & ~holds
    c0, x0 = terms[0]
    # an equation says the value the first figure should have; a range whose bound is a
    # parameter of the figure (score.max, rank.of) says that bound; a fixed range, none
    if form.lo == form.hi:
        expected = (t_lo - rest) / c0
    elif form.hi.param is not None:
        expected = t_hi
    else:
        expected = np.full(m, np.nan)
    return bad, x0.v, expected, tol, dec


def _ratio(
    rate: _Col, num: _Col, den: _Col
) -> tuple[npt.NDArray[np.bool_], FloatArray, FloatArray, FloatArray, FloatArray]:
    """Where ``rate = 100·num/den`` fails: the interval ratio, as ``Interval.ratio``."""
    n_lo, n_hi = num.lo, num.hi
    den_lo, den_hi, den_v = den.lo, den.hi, den.v
    with np.errstate(invalid="ignore", divide="ignore"):
        cands = np.stack([n_lo / den_lo, n_lo / den_hi, n_hi / den_lo, n_hi / den_hi])
        a, b = cands.min(axis=0) * 100.0, cands.max(axis=0) * 100.0
        r_lo, r_hi = np.minimum(a, b), np.maximum(a, b)
        holds = (rate.lo <= r_hi + EPS) & (r_lo <= rate.hi + EPS)
        present = ~np.isnan(rate.v) & ~np.isnan(num.v) & ~np.isnan(den_lo) & ~np.isnan(den_hi)
        bad = present & (den_lo > 0) & (den_v > 0) & ~holds
        expected = 100.0 * num.v / den_v
    return bad, rate.v, expected, rate.h + EPS, np.nan_to_num(rate.d)


def _failures(
    spec: CheckSpec,
    result: tuple[npt.NDArray[np.bool_], FloatArray, FloatArray, FloatArray, FloatArray],
    rows: IntArray,
    group: npt.NDArray[np.int32] | None = None,
) -> Failures:
    bad, found, expected, tol, dec = result
    if spec.slip is not None:
        with np.errstate(invalid="ignore"):
            slip = (found * expected < 0) & (np.abs(np.abs(found) - np.abs(expected)) <= tol)
        bad = bad & (slip if spec.slip else ~slip)
    idx = np.flatnonzero(bad)
    return Failures(
        rows[idx],
        found[idx],
        expected[idx],
        dec[idx],
        None if group is None else group[idx],
    )


def _evaluate_rows(spec: CheckSpec, cols: FigureColumns, sl: slice) -> Failures:
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
    result = _linear(form, terms, bind, sl.stop - sl.start)
    rows = np.arange(sl.start, sl.stop, dtype=np.intp)
    return Failures.empty() if result is None else _failures(spec, result, rows)


def _evaluate_whole(spec: CheckSpec, cols: FigureColumns) -> Failures:
    """A whole's relations, per instance (one whole in one report) or per part.

    A whole is checked when at least two of its parts are in the report, as in a
    document, and no part twice (a repeated row is DC102, and which one counts is
    unknown); a name summed over the parts needs every part present to have it."""
    rel = spec.relation
    assert rel is not None
    gi = cols.group_index(spec.groups)
    if len(gi.rows) == 0:
        return Failures.empty()
    n_inst, inst = len(gi.size), gi.inst
    checked = (gi.n_rows >= 2) & (gi.n_rows <= gi.size)

    def member(name: str) -> _Col:
        return _column(cols, name.split(".", 1)[1].replace(".", "_"), gi.rows)

    def summed(name: str) -> _Col:
        x = member(name)
        present = ~np.isnan(x.v)
        n_present = np.bincount(inst, weights=present, minlength=n_inst)
        complete = checked & (n_present == gi.n_rows)

        def total(a: FloatArray) -> FloatArray:
            s = np.bincount(inst, weights=np.where(present, a, 0.0), minlength=n_inst)
            return np.where(complete, s, np.nan)

        return _Col(total(x.v), total(x.h), _max_per(inst, x.d, n_inst), total(x.lo), total(x.hi))

    def parent(name: str) -> _Col:
        rows = np.full(n_inst, -1, dtype=np.intp)
        codes = np.array([spec.parents[g] if g >= 0 else None for g in gi.inst_group.tolist()])
        for code in {c for c in codes.tolist() if c is not None}:
            sel = np.flatnonzero(codes == code)
            rows[sel] = cols.row_of(gi.inst_report[sel], code)
        x = _column(cols, name.split(".", 1)[1].replace(".", "_"), np.maximum(rows, 0))
        gone = rows < 0
        v = np.where(gone | ~checked, np.nan, x.v)
        return _Col.of(v, x.h, x.d)

    per_part = any(not t.each and t.name[0].startswith("part.") for t in _terms_of(rel))
    unit_inst = inst if per_part else np.arange(n_inst)

    def bind_term(name: str, each: bool) -> _Col:
        if each:
            col = summed(name)
        elif name.startswith("parent."):
            col = parent(name)
        else:
            return member(name)
        return col.at(unit_inst) if per_part else col

    form = rel.form
    if isinstance(form, Ratio):
        den_terms = form.denominator
        if len(den_terms) != 1:
            return Failures.empty()
        result = _ratio(
            bind_term(form.rate[0], False),
            bind_term(form.numerator[0], False),
            bind_term(den_terms[0].name[0], den_terms[0].each),
        )
    else:
        terms = [(t.coeff, bind_term(t.name[0], t.each)) for t in form.terms]
        m = len(unit_inst)

        def no_param(name: str) -> _Col | None:
            return None

        result_or_none = _linear(form, terms, no_param, m)
        if result_or_none is None:
            return Failures.empty()
        result = result_or_none
    if per_part:
        rows, group = gi.rows, gi.inst_group[inst]
    else:
        rows, group = _first_part_rows(gi.rows, gi.pos, inst, n_inst), gi.inst_group
    keep = rows >= 0
    bad, found, expected, tol, dec = result
    return _failures(spec, (bad & keep, found, expected, tol, dec), np.maximum(rows, 0), group)


def _terms_of(rel: CompiledRelation) -> list[Term]:
    form = rel.form
    if isinstance(form, Linear):
        return list(form.terms)
    return [Term(1.0, form.rate), Term(1.0, form.numerator), *form.denominator]


def _max_per(inst: AnyInt, x: FloatArray, n: int) -> FloatArray:
    out = np.zeros(n)
    np.maximum.at(out, inst, np.nan_to_num(x))
    return out


def _first_part_rows(rows: IntArray, pos: npt.NDArray[np.int8], inst: AnyInt, n: int) -> IntArray:
    """The row of each instance's first part present (the pack's order of parts)."""
    out = np.full(n, -1, dtype=np.intp)
    order = np.lexsort((-pos.astype(np.int64), inst))  # last written wins: the lowest pos
    out[inst[order]] = rows[order]
    return out


def _count_cells(spec: CheckSpec, cols: FigureColumns, sl: slice) -> Failures:
    """A count is a whole number of things: an integer, not negative."""
    c = cols.values(spec.column)[sl]
    with np.errstate(invalid="ignore"):
        bad = (c < 0) | ((np.floor(c) != c) & ~np.isnan(c))
    idx = np.flatnonzero(bad)
    rows = idx + sl.start
    d = _full(cols.decimals(spec.column), cols.n)[rows]
    return Failures(rows, c[idx], np.full(len(idx), np.nan), d)


def _blockwise(
    fn: Callable[[CheckSpec, FigureColumns, slice], Failures], spec: CheckSpec, cols: FigureColumns
) -> Failures:
    """Run a row-wise check block by block: memory stays bounded on any table."""
    parts = [fn(spec, cols, slice(lo, min(lo + _CHUNK, cols.n))) for lo in range(0, cols.n, _CHUNK)]
    return Failures.concat([p for p in parts if len(p.rows)])


def evaluate(spec: CheckSpec, cols: FigureColumns) -> Failures:
    """The rows where ``spec`` fails, with the value found and the value expected."""
    if spec.expression is not None:
        return _evaluate_refs(spec, cols)
    if spec.relation is None:
        return _blockwise(_count_cells, spec, cols)
    if spec.relation.over == "whole":
        return _evaluate_whole(spec, cols)
    return _blockwise(_evaluate_rows, spec, cols)


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
        rows = cols.row_of(reports, code)
        at = np.maximum(rows, 0)
        if column in ("old", "new"):
            rate, count = _column(cols, f"{column}_rate", at), _column(cols, f"{column}_count", at)
            x = _where(~np.isnan(rate.v), rate, count)
        else:
            x = _column(cols, column.replace(".", "_"), at)
        v = np.where(rows >= 0, x.v, np.nan)
        bound.append(_Col.of(v, x.h, x.d))
        anchor = rows if anchor is None else anchor
    if anchor is None:
        return Failures.empty()
    holds, present = _holds(expr, bound, len(reports))
    bad = present & ~holds & (anchor >= 0)
    idx = np.flatnonzero(bad)
    first = bound[0]
    return Failures(anchor[idx], first.v[idx], np.full(len(idx), np.nan), first.d[idx])


def _holds(
    expr: CompiledExpression, bound: list[_Col], m: int
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    tree = expr.tree
    assert isinstance(tree, ast.Compare)
    defined = np.ones(m, dtype=bool)

    def ev(node: ast.expr) -> _Iv:
        nonlocal defined
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            v = float(node.value)
            return np.full(m, v), np.full(m, v)
        if isinstance(node, ast.Name):
            x = bound[int(node.id[3:])]
            defined &= ~np.isnan(x.v)
            return x.lo, x.hi
        if isinstance(node, ast.UnaryOp):
            lo, hi = ev(node.operand)
            return (-hi, -lo) if isinstance(node.op, ast.USub) else (lo, hi)
        assert isinstance(node, ast.BinOp)
        (alo, ahi), (blo, bhi) = ev(node.left), ev(node.right)
        if isinstance(node.op, ast.Add):
            return alo + blo, ahi + bhi
        if isinstance(node.op, ast.Sub):
            return alo - bhi, ahi - blo
        if isinstance(node.op, ast.Mult):
            c = np.stack([alo * blo, alo * bhi, ahi * blo, ahi * bhi])
            return c.min(axis=0), c.max(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):  # Div: a ratio for b > 0
            defined &= blo > 0
            c = np.stack([alo / blo, alo / bhi, ahi / blo, ahi / bhi])
            return c.min(axis=0), c.max(axis=0)

    with np.errstate(invalid="ignore"):
        (alo, ahi), (blo, bhi) = ev(tree.left), ev(tree.comparators[0])
        op = tree.ops[0]
        if isinstance(op, ast.Eq):
            holds = (alo <= bhi + EPS) & (blo <= ahi + EPS)
        elif isinstance(op, ast.NotEq):
            holds = ~((alo == ahi) & (ahi == blo) & (blo == bhi))
        elif isinstance(op, ast.Lt):
            holds = alo < bhi - EPS
        elif isinstance(op, ast.LtE):
            holds = alo <= bhi + EPS
        elif isinstance(op, ast.Gt):
            holds = ahi > blo + EPS
        else:
            holds = ahi >= blo - EPS
    return holds, defined
