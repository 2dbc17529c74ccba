"""The relations that statements in running text state, in the common relation form.

A share (``2.521 hồ sơ trực tuyến (đạt tỷ lệ 37,76%)`` of 6.776), parts of a whole
(``trong đó …``), levels adding up to the province, a change between two rates:
each becomes a :class:`~dvc_validate.checks.relations.Relation` over intervals, so
the same localisation names the figure to correct and rounding is never an error.
A rate cut off instead of rounded is not a slip of the figures: it is left to the
truncation rule (a warning) and gets no relation here.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from ..model.figure import Figure
from ..model.interval import Interval
from ..model.prose import RateChange, Share
from ..model.report import Report
from .relations import Relation, Values, _lin, value_of

__all__ = ["ShareRelation", "change_readings", "prose_relations", "truncated_value"]


@dataclass
class ShareRelation(Relation):
    """``rate = 100·part/whole`` where the whole is a stated figure, not the sum of the
    parts: ``figs = [rate, part, whole]``. ``denominator`` keeps the printed whole for
    the message only."""

    def _ratio_value(self, values: Values) -> Interval | None:
        r = value_of(self.figs[1], values).ratio(value_of(self.figs[2], values))
        return None if r is None else r.scale(100.0)

    def _count_required(self, fig: Figure, values: Values) -> Interval | None:
        rate = value_of(self.figs[0], values)
        lo_r, hi_r = max(rate.lo, 0.0), min(rate.hi, 100.0)
        if lo_r > hi_r:
            return Interval(1.0, 0.0)
        if fig is self.figs[1]:
            return _times(Interval(lo_r, hi_r).scale(0.01), value_of(self.figs[2], values))
        part = value_of(self.figs[1], values)
        if lo_r <= 0.0 or part.hi <= 0.0:
            return Interval(1.0, 0.0)  # a rate of nothing says nothing of the whole
        return Interval(100.0 * part.lo / hi_r, 100.0 * part.hi / lo_r)


def _times(a: Interval, b: Interval) -> Interval:
    ends = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
    return Interval(min(ends), max(ends))


def truncated_value(share: Share) -> float | None:
    """The correctly rounded rate when the printed one is the exact value cut off at
    its precision (3.399/26.030 = 13,058…% printed 13,05%), else ``None``."""
    rate, part, whole = share.rate, share.part, share.whole
    if not (part.exact and whole.exact) or not whole.value or rate.value is None:
        return None
    exact = 100.0 * (part.value or 0.0) / whole.value
    d = rate.decimals
    rounded = round(exact, d)
    cut = math.floor(exact * 10**d + 1e-9) / 10**d
    if abs(rate.value - rounded) < 1e-9 or abs(rate.value - cut) > 1e-9:
        return None
    return rounded


def change_readings(ch: RateChange) -> tuple[bool, bool]:
    """Whether the change fits as points (new − old) and as percent of the old figure."""
    new, old, chg = ch.new.interval, ch.old.interval, ch.change.interval
    points = chg.overlaps(new - old)
    rel = (new - old).ratio(old)
    relative = rel is not None and chg.overlaps(rel.scale(100.0))
    return points, relative


def _index_results(report: Report) -> Iterator[Relation]:
    """Scores within their maxima, ranks within 1..N, axis scores adding up to the total.
    Figures the template's sentence reader already holds are its rules' to check."""
    facts = report.prose
    assert facts is not None
    known = {f.location for f in report.figures()}
    for f in facts.scores:
        if f.location not in known and f.denominator:
            yield _lin("range", "ST011", "score", [(1.0, f)], Interval(0.0, f.denominator))
    for f in facts.ranks:
        if f.location not in known and f.denominator:
            yield _lin("range", "ST012", "rank", [(1.0, f)], Interval(1.0, f.denominator))
    axes = {a.key: a.score for a in facts.axes}
    total = facts.total
    if (
        total is None
        or total.location in known
        or len(axes) != len(facts.axes)
        or len(report.axes) == len(axes)
        or any(a.score.location in known for a in facts.axes)
    ):
        return
    # the axes stated are all of them when their maxima make the total's (18 + 20 + 12 +
    # 10 + 18 + 22 = 100; five axes in the index's older versions)
    if sum(f.denominator or 0.0 for f in axes.values()) == total.denominator:
        terms = [(1.0, f) for f in axes.values()]
        yield _lin("axis-sum", "ST010", "total", [*terms, (-1.0, total)], Interval.point(0.0))


def prose_relations(report: Report) -> Iterator[Relation]:
    """Every relation the report's sentences state."""
    facts = report.prose
    if facts is None:
        return
    for s in facts.shares:
        if s.rate.value is None or truncated_value(s) is not None:
            continue
        yield _lin("range", "ST004", s.measure, [(1.0, s.rate)], Interval(0.0, 100.0))
        yield ShareRelation(
            kind="ratio",
            code="ST001",
            subject=s.measure,
            figs=[s.rate, s.part, s.whole],
            numerator=1,
            denominator=s.whole.value,
        )
    # the whole first: a gap no single figure explains is reported on the whole
    for p in facts.parts:
        terms = [(1.0, f) for f in p.parts]
        yield _lin("count-sum", "ST002", p.measure, [(-1.0, p.whole), *terms], Interval.point(0.0))
    for lv in facts.levels:
        terms = [(1.0, f) for f in lv.levels]
        yield _lin(
            "count-sum", "ST003", lv.measure, [(-1.0, lv.whole), *terms], Interval.point(0.0)
        )
    yield from _index_results(report)
    for rc in facts.rank_changes:  # a rise in rank is a fall of the rank's number
        yield _lin(
            "rank-change",
            "ST015",
            "rank",
            [(1.0, rc.old), (-1.0, rc.new), (-1.0, rc.change)],
            Interval.point(0.0),
        )
    for ch in facts.changes:
        points, relative = change_readings(ch)
        if ch.points or not (points or relative):
            yield _lin(
                "change",
                "ST008",
                ch.new.kind.value,
                [(1.0, ch.change), (-1.0, ch.new), (1.0, ch.old)],
                Interval.point(0.0),
            )
