"""The interval evaluator: the pack's relations over one document's figures.

Every relation the index defines (a rate is count/total, parts make 100%, a change is
new − old, axis scores add to the total, a figure stated twice is the same, ...) is an
entry of the rule pack (``relations:`` in ``rules/qd766.yaml``), compiled by
:mod:`dvc_validate.pack.relations` into a linear or a ratio form. Here each form is
bound to figures (the names of each scope are bound by :mod:`.bind`) and becomes a
:class:`Relation`. A relation *holds* when some values inside the printed-precision
intervals satisfy it, so rounding is never an error. For any figure of a relation we
can also ask which values would make it hold given the others: that "required
interval" is what error localisation (``localise.py``) and the suggested corrections
use. The vectorised evaluator over tables (:mod:`dvc_validate.tables`) runs the same
compiled forms over columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model.figure import Figure
from ..model.interval import EPS, Interval
from ..model.report import Report
from ..pack import RulePack, parse_ref
from ..pack.relations import Bound as Bound_
from ..pack.relations import CompiledRelation, Linear
from .bind import Bound, Instance, instances

__all__ = [
    "Relation",
    "Values",
    "build_relations",
    "figure_refs",
    "full_ref",
    "instantiate",
]

Values = dict[int, Interval]  # id(figure) -> current interval


def value_of(fig: Figure, values: Values) -> Interval:
    return values.get(id(fig)) or fig.interval


@dataclass
class Relation:
    """``Σ coeffs[i]·x_i + const ∈ target`` (linear), or a ratio ``rate = 100·c/Σc``."""

    # range, ratio, sum, count-sum, change, equal, axis-sum, axis-change-sum,
    # summary-change, rank-change, user
    kind: str
    code: str  # the rule that reports it
    subject: str  # indicator or part of the report, for messages
    figs: list[Figure]
    coeffs: list[float] = field(default_factory=list)
    target: Interval = field(default_factory=lambda: Interval.point(0.0))
    # ratio relations: figs[0] is the rate, figs[numerator] the part; the whole is the
    # sum of figs[den] (default: figs[1:], the parts themselves) or a fixed denominator
    numerator: int = 1
    denominator: float | None = None  # a fixed denominator (a/b fractions)
    den: tuple[int, ...] | None = None
    spec: CompiledRelation | None = None  # the pack's relation this binds

    @property
    def is_ratio(self) -> bool:
        return not self.coeffs

    def den_figs(self) -> list[Figure]:
        return self.figs[1:] if self.den is None else [self.figs[i] for i in self.den]

    def involves(self, fig: Figure) -> bool:
        # a plain loop: localisation calls this tens of thousands of times per report,
        # and any() over a generator costs about twice as much
        for f in self.figs:  # noqa: SIM110
            if f is fig:
                return True
        return False

    # ---------------------------------------------------------------- evaluation
    def _linear(self, values: Values, skip: int = -1) -> Interval:
        """``Σ coeffs[i]·x_i`` over the figures but ``figs[skip]``, as an interval.

        Localisation evaluates this tens of thousands of times per report, so the bounds
        are summed as floats rather than through an ``Interval`` per term: the same
        operations in the same order as ``Interval.point(0.0) + x.scale(c) + ...``,
        hence the same values to the last bit.
        """
        lo = hi = 0.0
        for i, (c, f) in enumerate(zip(self.coeffs, self.figs, strict=True)):
            if i != skip:
                x = value_of(f, values)
                a, b = x.lo * c, x.hi * c
                lo += min(a, b)
                hi += max(a, b)
        return Interval(lo, hi)

    def _ratio_value(self, values: Values) -> Interval | None:
        num = value_of(self.figs[self.numerator], values)
        if self.denominator is not None:
            den = Interval.point(self.denominator)
        else:
            den = Interval.point(0.0)
            for f in self.den_figs():
                den = den + value_of(f, values)
        r = num.ratio(den)
        return None if r is None else r.scale(100.0)

    def holds(self, values: Values) -> bool:
        if self.is_ratio:
            r = self._ratio_value(values)
            return r is None or value_of(self.figs[0], values).overlaps(r)
        return self._linear(values).overlaps(self.target)

    def required(self, fig: Figure, values: Values) -> Interval | None:
        """Values of ``fig`` (as a point) that make this relation hold; ``None`` = any.

        An empty requirement is returned as an interval with lo > hi."""
        if self.is_ratio:
            if fig is not self.figs[0]:
                return self._count_required(fig, values)
            return self._ratio_value(values)
        idx = next(i for i, f in enumerate(self.figs) if f is fig)
        need = self.target - self._linear(values, skip=idx)
        return need.scale(1.0 / self.coeffs[idx])

    def _count_required(self, fig: Figure, values: Values) -> Interval | None:
        """The counts that give the printed rate. Counts are trusted more than rates
        (localisation weighs them so), but a count typed wrong must still be nameable:
        one slipped count breaks the ratios of every part, and only it repairs them all.

        ``rate = 100·c_n / Σc`` is monotone in each count, so the bounds come from the
        ends of the intervals. A rate at 0 or 100% says nothing about the size of a
        count, so it gives an empty requirement rather than an unbounded one."""
        empty = Interval(1.0, 0.0)
        rate = value_of(self.figs[0], values)
        if self.denominator is not None:
            return rate.scale(self.denominator / 100.0) if fig is self.figs[1] else empty
        num = self.figs[self.numerator]
        if self.den is not None and self.numerator not in self.den:
            return self._share_required(fig, values, rate)
        others = Interval.point(0.0)
        for f in self.figs[1:]:
            if f is not fig and f is not num:
                others = others + value_of(f, values)
        lo_r, hi_r = max(rate.lo, 0.0), min(rate.hi, 100.0)
        if lo_r > hi_r or lo_r <= 0.0 or hi_r >= 100.0:
            return empty
        if fig is num:  # c = r·rest / (100 − r), rising in r and in rest
            return Interval(lo_r * others.lo / (100.0 - lo_r), hi_r * others.hi / (100.0 - hi_r))
        # the whole is 100·c_n / r and holds c_n itself: c_j = c_n·(100/r − 1) − the rest,
        # rising in c_n, falling in r and in the rest
        c = value_of(num, values)
        return Interval(
            c.lo * (100.0 / hi_r - 1.0) - others.hi, c.hi * (100.0 / lo_r - 1.0) - others.lo
        )

    def _share_required(self, fig: Figure, values: Values, rate: Interval) -> Interval:
        """The part or the whole of ``rate = 100·part/whole`` when the whole is a stated
        figure, not the sum of the parts."""
        lo_r, hi_r = max(rate.lo, 0.0), min(rate.hi, 100.0)
        if lo_r > hi_r:
            return Interval(1.0, 0.0)
        part = value_of(self.figs[self.numerator], values)
        whole = Interval.point(0.0)
        for f in self.den_figs():
            if f is not fig:
                whole = whole + value_of(f, values)
        if fig is self.figs[self.numerator]:
            return _times(Interval(lo_r, hi_r).scale(0.01), whole)
        if lo_r <= 0.0 or part.hi <= 0.0:
            return Interval(1.0, 0.0)  # a rate of nothing says nothing of the whole
        return Interval(100.0 * part.lo / hi_r - whole.hi, 100.0 * part.hi / lo_r - whole.lo)

    def gap(self, values: Values) -> float:
        """How far from holding (0 when it holds): for messages and ranking."""
        if self.is_ratio:
            r = self._ratio_value(values)
            return 0.0 if r is None else value_of(self.figs[0], values).distance(r)
        return self._linear(values).distance(self.target)


def _times(a: Interval, b: Interval) -> Interval:
    ends = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
    return Interval(min(ends), max(ends))


def figure_refs(report: Report) -> dict[str, Figure]:
    """Figures addressable by reference: ``1.2.a.old``, ``appendix2.4.new``, ..."""
    refs: dict[str, Figure] = {}
    if report.appendix is not None:
        for r in report.appendix.rows:
            code = r.indicator or r.code
            if not code:
                continue
            for role, f in r.figures.items():
                if f.value is not None:
                    refs[f"appendix1.{code}.{role}"] = f
            for side in ("old", "new"):
                f2 = r.fig(side)
                if f2 is not None:
                    refs[f"appendix1.{code}.{side}"] = f2
    for item in report.details:
        for side in ("old", "new", "change"):
            f3 = item.fig(side)
            if f3 is not None:
                refs[f"appendix2.{item.number}.{side}"] = f3
    return refs


def full_ref(ref: str) -> str:
    """``6.1.new`` → ``appendix1.6.1.new``: the canonical key of :func:`figure_refs`."""
    table, code, col = parse_ref(ref)
    return f"{table}.{code}.{col}"


def build_relations(report: Report, pack: RulePack) -> list[Relation]:
    """Every relation of the pack that the report's figures let us check.

    The relations are the pack's (``relations:`` in ``rules/qd766.yaml``); the names of
    each scope are bound by :mod:`.bind`. Entries of one scope that follow each other
    form a block, checked instance by instance, side by side, entry by entry, so the
    relations come in the order of the document."""
    rels: list[Relation] = []
    for scope, block in _blocks(pack):
        sides = sorted({c.side for c in block if c.side}, key=("old", "new").index)
        for inst in instances(scope, report, pack):
            for side in [*sides, None]:
                for c in block:
                    if c.side == side:
                        rels.extend(instantiate(c, inst))
    return [r for r in rels if all(f.value is not None for f in r.figs)]


def _blocks(pack: RulePack) -> tuple[tuple[str, tuple[CompiledRelation, ...]], ...]:
    """The pack's relations as blocks of one scope, in the pack's order."""
    out: list[tuple[str, list[CompiledRelation]]] = []
    for rel in pack.relations:
        if rel.over == "refs":
            continue  # a relation over figure references is an expression (CO003)
        compiled = rel.compiled()
        if out and out[-1][0] == rel.over:
            out[-1][1].extend(compiled)
        else:
            out.append((rel.over, list(compiled)))
    return tuple((scope, tuple(block)) for scope, block in out)


def instantiate(c: CompiledRelation, inst: Instance) -> Iterator[Relation]:
    """``c`` over the figures ``inst`` binds: once, or once per member when the relation
    names a member's figure outside ``sum()``; nothing when a name is unbound."""
    if c.when is not None and c.when not in inst.names:
        return
    if c.unless is not None and c.unless in inst.names:
        return
    per_member = any(n.startswith("part.") for alts in _single_names(c) for n in alts)
    if not per_member:
        rel = _relation(c, inst.names, inst.names, inst.subject, inst.subject)
        if rel is not None:
            yield rel
        return
    for m in inst.members:
        names: dict[str, Bound] = {**inst.names, **m.names}
        rel = _relation(c, names, inst.names, m.subject, inst.subject)
        if rel is not None:
            yield rel


def _single_names(c: CompiledRelation) -> list[tuple[str, ...]]:
    form = c.form
    if isinstance(form, Linear):
        return [t.name for t in form.terms if not t.each]
    return [form.rate, form.numerator]


def _pick(names: dict[str, Bound], alts: tuple[str, ...]) -> Bound | None:
    for n in alts:
        if n in names:
            return names[n]
    return None


def _subject(c: CompiledRelation, part: str, whole: str) -> str:
    if c.subject is None:
        return part
    return c.subject.replace("{part}", part).replace("{whole}", whole)


def _relation(
    c: CompiledRelation,
    names: dict[str, Bound],
    summed: dict[str, Bound],
    part: str,
    whole: str,
) -> Relation | None:
    """The relation over the figures bound: ``names`` for single names (a member's own
    figures first), ``summed`` for the names summed over every member."""
    subject = _subject(c, part, whole)
    form = c.form
    if isinstance(form, Linear):
        figs: list[Figure] = []
        coeffs: list[float] = []
        for t in form.terms:
            v = _pick(summed if t.each else names, t.name)
            if t.each and isinstance(v, list):
                figs.extend(v)
                coeffs.extend([t.coeff] * len(v))
            elif not t.each and isinstance(v, Figure):
                figs.append(v)
                coeffs.append(t.coeff)
            else:
                return None
        lo, hi = _bound(form.lo, names), _bound(form.hi, names)
        if lo is None or hi is None:
            return None
        return Relation(c.kind, c.code, subject, figs, coeffs, Interval(lo, hi), spec=c)
    rate, num = _pick(names, form.rate), _pick(names, form.numerator)
    if not isinstance(rate, Figure) or not isinstance(num, Figure):
        return None
    if form.denominator_param is not None:
        den = names.get(form.denominator_param)
        if isinstance(den, bool) or not isinstance(den, float) or not den:
            return None
        return Relation(c.kind, c.code, subject, [rate, num], numerator=1, denominator=den, spec=c)
    den_figs: list[Figure] = []
    for t in form.denominator:
        v = _pick(summed if t.each else names, t.name)
        if t.each and isinstance(v, list):
            den_figs.extend(v)
        elif not t.each and isinstance(v, Figure):
            den_figs.append(v)
        else:
            return None
    if sum(f.value or 0.0 for f in den_figs) <= 0:
        return None  # a share of nothing says nothing
    inside = next((i for i, f in enumerate(den_figs) if f is num), None)
    if inside is not None:
        return Relation(c.kind, c.code, subject, [rate, *den_figs], numerator=inside + 1, spec=c)
    figs = [rate, num, *den_figs]
    return Relation(
        c.kind,
        c.code,
        subject,
        figs,
        numerator=1,
        den=tuple(range(2, len(figs))),
        spec=c,
    )


def _bound(b: Bound_, names: dict[str, Bound]) -> float | None:
    if b.param is None:
        return b.value
    v = names.get(b.param)
    return v if isinstance(v, float) and not isinstance(v, bool) else None


def is_empty(iv: Interval | None) -> bool:
    return iv is not None and iv.lo > iv.hi + EPS
