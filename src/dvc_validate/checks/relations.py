"""The arithmetic relations of a report, as data over its figures.

Every relation the index defines (a rate is count/total, parts make 100%, a
change is new − old, axis scores add to the total, a figure stated twice is the
same, ...) becomes a :class:`Relation` between figures. A relation *holds* when
some values inside the printed-precision intervals satisfy it, so rounding is
never an error. For any figure of a relation we can also ask which values would
make it hold given the others: that "required interval" is what error
localisation (``localise.py``) and the suggested corrections use.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model.figure import Figure, FigureKind
from ..model.interval import EPS, Interval
from ..model.report import AppendixRow, DetailItem, Report, SummaryRow
from ..pack import RulePack, parse_ref

__all__ = [
    "Relation",
    "Values",
    "build_relations",
    "detail_groups",
    "figure_refs",
    "full_ref",
    "measured",
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
    # ratio relations: figs[0] is the rate, figs[1:] the counts; numerator index into figs
    numerator: int = 1
    denominator: float | None = None  # a fixed denominator (a/b fractions)

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
            for f in self.figs[1:]:
                den = den + value_of(f, values)
        r = num.ratio(den)
        return None if r is None else r.scale(100.0)

    def holds(self, values: Values) -> bool:
        if self.kind == "ratio":
            r = self._ratio_value(values)
            return r is None or value_of(self.figs[0], values).overlaps(r)
        return self._linear(values).overlaps(self.target)

    def required(self, fig: Figure, values: Values) -> Interval | None:
        """Values of ``fig`` (as a point) that make this relation hold; ``None`` = any.

        An empty requirement is returned as an interval with lo > hi."""
        if self.kind == "ratio":
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

    def gap(self, values: Values) -> float:
        """How far from holding (0 when it holds): for messages and ranking."""
        if self.kind == "ratio":
            r = self._ratio_value(values)
            return 0.0 if r is None else value_of(self.figs[0], values).distance(r)
        return self._linear(values).distance(self.target)


def _num(f: Figure | None) -> Figure | None:
    return f if f is not None and f.value is not None else None


def _rate(row: AppendixRow, side: str) -> Figure | None:
    return _num(row.figures.get(f"{side}.rate"))


def _count(row: AppendixRow, side: str) -> Figure | None:
    return _num(row.figures.get(f"{side}.count"))


def _lin(
    kind: str, code: str, subject: str, terms: list[tuple[float, Figure]], target: Interval
) -> Relation:
    return Relation(
        kind=kind,
        code=code,
        subject=subject,
        figs=[f for _, f in terms],
        coeffs=[c for c, _ in terms],
        target=target,
    )


def _change(subject: str, change: Figure, new: Figure, old: Figure) -> Relation:
    """change = new − old, the relation of every change column."""
    return _lin(
        "change", "DL001", subject, [(1.0, change), (-1.0, new), (1.0, old)], Interval.point(0.0)
    )


def _ranges(report: Report, pack: RulePack) -> Iterator[Relation]:
    for fig in report.figures():
        if fig.value is None:
            continue
        subject = fig.location.indicator or fig.role or ""
        if fig.kind == FigureKind.RATE:
            yield _lin("range", "PC001", subject, [(1.0, fig)], Interval(0.0, 100.0))
        elif fig.kind == FigureKind.CHANGE and fig.percent:
            yield _lin("range", "PC001", subject, [(1.0, fig)], Interval(-100.0, 100.0))
        elif fig.kind == FigureKind.SCORE and fig.denominator:
            yield _lin("range", "SC001", subject, [(1.0, fig)], Interval(0.0, fig.denominator))
        elif fig.kind == FigureKind.RANK and fig.denominator:
            yield _lin("range", "SC002", subject, [(1.0, fig)], Interval(1.0, fig.denominator))


def _appendix(report: Report, pack: RulePack) -> Iterator[Relation]:
    app = report.appendix
    if app is None:
        return
    rows = {r.indicator or r.code: r for r in app.rows if r.code}
    grouped: set[str] = set()
    for parts in [*pack.wholes, *pack.complementary]:
        members = [rows[c] for c in parts if c in rows]
        if len(members) < 2:
            continue
        grouped.update(parts)
        subject = members[0].parent or members[0].code or ""
        for side in ("old", "new"):
            rates = [_rate(m, side) for m in members]
            counts = [_count(m, side) for m in members]
            if all(r is not None for r in rates):
                yield _lin(
                    "sum",
                    "PC004",
                    f"{subject} ({side})",
                    [(1.0, r) for r in rates if r],
                    Interval.point(100.0),
                )
            if all(c is not None for c in counts) and sum(c.value or 0 for c in counts if c) > 0:
                for r, m in zip(rates, members, strict=True):
                    if r is not None:
                        i = members.index(m)
                        yield Relation(
                            kind="ratio",
                            code="PC003",
                            subject=m.code or "",
                            figs=[r, *[c for c in counts if c]],
                            numerator=i + 1,
                        )
            parent = rows.get(members[0].parent or "")
            whole = _count(parent, side) if parent is not None else None
            if whole is not None and all(c is not None for c in counts):
                yield _lin(
                    "count-sum",
                    "PC005",
                    f"{subject} ({side})",
                    [*[(1.0, c) for c in counts if c], (-1.0, whole)],
                    Interval.point(0.0),
                )
    for row in app.rows:
        code = row.indicator or row.code or ""
        for side in ("old", "new"):
            rate, count = _rate(row, side), row.figures.get(f"{side}.count")
            if (
                rate is not None
                and count is not None
                and count.value is not None
                and count.denominator
            ):
                yield Relation(
                    kind="ratio",
                    code="PC003",
                    subject=code,
                    figs=[rate, count],
                    numerator=1,
                    denominator=count.denominator,
                )
        change = _num(row.figures.get("change"))
        if change is None:
            continue
        old, new = _rate(row, "old"), _rate(row, "new")
        if old is None or new is None:
            old, new = _count(row, "old"), _count(row, "new")
        if old is not None and new is not None:
            yield _change(code, change, new, old)


def _statements(report: Report, pack: RulePack) -> Iterator[Relation]:
    total = report.total
    axes = [a for a in report.axes]
    if total is not None and pack.total.sum_of_axes and len(axes) == len(pack.axes):
        yield _lin(
            "axis-sum",
            "TO001",
            "total",
            [*[(1.0, a.score) for a in axes], (-1.0, total.score)],
            Interval.point(0.0),
        )
        if total.change is not None and all(
            a.change is not None or a.trend is not None for a in axes
        ):
            terms = [(1.0, a.change) for a in axes if a.change is not None]
            yield _lin(
                "axis-change-sum",
                "TO002",
                "total",
                [*terms, (-1.0, total.change)],
                Interval.point(0.0),
            )
    s = report.appendix.summary if report.appendix else None
    yield from _previous_scores(report, pack, s)
    if s is not None:
        # the row's own change, else the one the text states: either is compared with
        # the two sides of the row (the text's is also compared with the row's below)
        change = _num(s.change) or (_num(total.change) if total else None)
        rank_change = _num(s.rank_change) or (_num(report.rank.change) if report.rank else None)
        if change and _num(s.old_score) and _num(s.new_score):
            assert s.old_score is not None and s.new_score is not None
            yield _lin(
                "summary-change",
                "TO003",
                "total",
                [(1.0, s.new_score), (-1.0, s.old_score), (-1.0, change)],
                Interval.point(0.0),
            )
        if rank_change and _num(s.old_rank) and _num(s.new_rank):
            assert s.old_rank is not None and s.new_rank is not None
            yield _lin(
                "rank-change",
                "SC003",
                "rank",
                [(1.0, s.old_rank), (-1.0, s.new_rank), (-1.0, rank_change)],
                Interval.point(0.0),
            )
        pairs = [
            (report.rank.previous if report.rank else None, s.old_rank, "previous-rank"),
            (total.score if total else None, s.new_score, "total"),
            (total.change if total else None, s.change, "total-change"),
            (report.rank.rank if report.rank else None, s.new_rank, "rank"),
            (report.rank.change if report.rank else None, s.rank_change, "rank-change"),
        ]
        for a, b, subject in pairs:
            if a is not None and b is not None and a.value is not None and b.value is not None:
                yield _lin("equal", "CO001", subject, [(1.0, b), (-1.0, a)], Interval.point(0.0))


def _previous_scores(report: Report, pack: RulePack, s: SummaryRow | None) -> Iterator[Relation]:
    """A previous score stated beside a score ("(tháng 01/2025 đạt 8,6/12 điểm)") is a
    figure: previous + change = current, the previous axis scores add up to the previous
    total, and the previous total is the old side of the closing row."""
    statements = [*report.axes, *([report.total] if report.total else [])]
    for st in statements:
        prev = _num(st.previous)
        if prev is None or st.score.value is None:
            continue
        if st.change is not None and st.change.value is not None:
            terms = [(1.0, st.score), (-1.0, prev), (-1.0, st.change)]
        elif st.trend is not None and st.trend.sign() == 0:
            terms = [(1.0, st.score), (-1.0, prev)]
        else:
            continue
        yield _lin("previous-change", "SC005", st.key, terms, Interval.point(0.0))
    rank = report.rank
    row_old_rank = _num(s.old_rank) if s is not None else None  # else the row says it
    if rank and _num(rank.previous) and _num(rank.change) and _num(rank.rank) and not row_old_rank:
        assert rank.previous is not None and rank.change is not None
        yield _lin(
            "rank-change",
            "SC003",
            "rank",
            [(1.0, rank.previous), (-1.0, rank.rank), (-1.0, rank.change)],
            Interval.point(0.0),
        )
    old_total = _num(report.total.previous) if report.total else None
    if old_total is None and s is not None:
        old_total = _num(s.old_score)
    elif old_total is not None and s is not None and _num(s.old_score) is not None:
        assert s.old_score is not None
        yield _lin(
            "equal",
            "CO001",
            "previous-total",
            [(1.0, s.old_score), (-1.0, old_total)],
            Interval.point(0.0),
        )
    previous = [_num(a.previous) for a in report.axes]
    if (
        old_total is not None
        and pack.total.sum_of_axes
        and len(previous) == len(pack.axes)
        and all(p is not None for p in previous)
    ):
        yield _lin(
            "previous-axis-sum",
            "TO004",
            "previous-total",
            [*[(1.0, p) for p in previous if p is not None], (-1.0, old_total)],
            Interval.point(0.0),
        )


def _details(report: Report, pack: RulePack) -> Iterator[Relation]:
    for item in report.details:
        for group, figs in detail_groups(item).items():
            triple = measured(figs)
            if triple is not None:
                code = f"appendix2.{item.number}" + (f" ({group})" if group else "")
                yield _change(code, *triple)


def detail_groups(item: DetailItem) -> dict[str, dict[str, Figure]]:
    """The figures of an Appendix II item by column group ("" for the first, "2" for a
    second system's columns) and role, first row first."""
    groups: dict[str, dict[str, Figure]] = {}
    for f in item.figures:
        if f.role and f.value is not None:
            base, _, group = f.role.partition("@")
            groups.setdefault(group, {}).setdefault(base, f)
    return groups


def measured(figs: dict[str, Figure]) -> tuple[Figure, Figure, Figure] | None:
    """(change, new, old) of one column group: the change of the rate if both sides
    give one, else of the count ("Tăng/giảm" beside "Đã triển khai | Số lượng hoàn
    thành" is the change of the count), else of the group's only unnamed figures."""
    change = figs.get("change")
    if change is None:
        return None
    for sub in ("rate", "count"):
        old, new = figs.get(f"old.{sub}"), figs.get(f"new.{sub}")
        if old is not None and new is not None:
            return change, new, old
    old, new = figs.get("old"), figs.get("new")
    named = any("." in role for role in figs)
    if old is not None and new is not None and old.kind == new.kind and not named:
        return change, new, old
    return None


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


def _item_identity(item: DetailItem, pack: RulePack) -> str | None:
    """The catalogue item an Appendix II table is, by its label; its own number when the
    pack has no catalogue or the table has no label; ``None`` when the label names no
    known item (it is then compared with nothing rather than guessed)."""
    if not pack.details or not item.label.strip():
        return item.number
    known = pack.detail(item.label)
    return known.code if known is not None else None


def _repeated(report: Report, pack: RulePack) -> Iterator[Relation]:
    refs = {k: f for k, f in figure_refs(report).items() if not k.startswith("appendix2.")}
    for item in report.details:
        ident = _item_identity(item, pack)
        for side in ("old", "new", "change"):
            f = item.fig(side)
            if ident is not None and f is not None:
                refs.setdefault(f"appendix2.{ident}.{side}", f)
    for rep in pack.repeated:
        for col in rep.columns:
            a = refs.get(full_ref(f"{rep.a}.{col}"))
            b = refs.get(full_ref(f"{rep.b}.{col}"))
            if a is not None and b is not None:
                yield _lin(
                    "equal",
                    "CO002",
                    f"{rep.a} / {rep.b}",
                    [(1.0, b), (-1.0, a)],
                    Interval.point(0.0),
                )


def full_ref(ref: str) -> str:
    """``6.1.new`` → ``appendix1.6.1.new``: the canonical key of :func:`figure_refs`."""
    table, code, col = parse_ref(ref)
    return f"{table}.{code}.{col}"


def build_relations(report: Report, pack: RulePack) -> list[Relation]:
    """Every relation of the index that the report's figures let us check."""
    from .prose_relations import prose_relations  # it builds on Relation, defined here

    rels = [
        *_ranges(report, pack),
        *_appendix(report, pack),
        *_statements(report, pack),
        *_details(report, pack),
        *_repeated(report, pack),
        *prose_relations(report),
    ]
    return [r for r in rels if all(f.value is not None for f in r.figs)]


def is_empty(iv: Interval | None) -> bool:
    return iv is not None and iv.lo > iv.hi + EPS
