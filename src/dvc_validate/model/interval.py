"""Closed intervals for tolerance from printed precision.

A figure printed with d decimals stands for value ± half a unit in its last
place; an exact count stands for itself. A relation between figures fails only
when no choice of values inside their intervals satisfies it, so a rounding
difference is never an error and a real slip always is.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EPS", "Interval"]

EPS = 1e-9


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @staticmethod
    def point(v: float) -> Interval:
        return Interval(v, v)

    @staticmethod
    def around(v: float, half: float) -> Interval:
        return Interval(v - half, v + half)

    def __add__(self, o: Interval) -> Interval:
        return Interval(self.lo + o.lo, self.hi + o.hi)

    def __sub__(self, o: Interval) -> Interval:
        return Interval(self.lo - o.hi, self.hi - o.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def scale(self, k: float) -> Interval:
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    def ratio(self, o: Interval) -> Interval | None:
        """``self / o`` for a positive denominator interval; ``None`` if o may be 0."""
        if o.lo <= 0:
            return None
        cands = [self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi]
        return Interval(min(cands), max(cands))

    def overlaps(self, o: Interval) -> bool:
        return self.lo <= o.hi + EPS and o.lo <= self.hi + EPS

    def contains(self, v: float) -> bool:
        return self.lo - EPS <= v <= self.hi + EPS

    def intersect(self, o: Interval) -> Interval | None:
        lo, hi = max(self.lo, o.lo), min(self.hi, o.hi)
        return Interval(lo, hi) if lo <= hi + EPS else None

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    def distance(self, o: Interval) -> float:
        """How far apart two intervals are (0 when they overlap)."""
        if self.overlaps(o):
            return 0.0
        return max(o.lo - self.hi, self.lo - o.hi)
