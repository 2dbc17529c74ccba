"""A figure as printed in a report: raw text, value, precision, kind and location."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field

from ..vn import (
    FLAG_NO_PERCENT,
    NumberContext,
    ParsedNumber,
    format_number,
    parse_fraction,
    parse_number,
)
from ._factories import new_list
from .interval import Interval
from .location import Location

__all__ = ["Figure", "FigureKind", "figure_from_text"]


class FigureKind(str, Enum):
    COUNT = "count"  # a number of things: exact, non-negative integer
    RATE = "rate"  # a percentage share of a whole
    CHANGE = "change"  # new − old (percentage points for rates)
    SCORE = "score"  # an axis or total score, with a maximum
    RANK = "rank"  # a position among N units
    FRACTION = "fraction"  # a/b written as such (1764/1764)
    NUMBER = "number"  # any other number


class Figure(BaseModel):
    """One printed number. ``raw`` is exactly what the writer typed (markup removed)."""

    raw: str
    value: float | None
    decimals: int = 0
    kind: FigureKind = FigureKind.NUMBER
    percent: bool = False
    sign: str = ""
    grouped: bool = False
    flags: list[str] = Field(default_factory=new_list)
    location: Location = Field(default_factory=Location)
    denominator: float | None = None  # for a/b figures: b
    denominator_raw: str | None = None
    role: str | None = None  # column role in a table: old.count, new.rate, change, ...
    exact: bool = False  # counts are exact; other figures are rounded

    @property
    def placeholder(self) -> bool:
        """Blank, ``-`` or otherwise no number: nothing to check."""
        return self.value is None

    @property
    def interval(self) -> Interval:
        """The values this printed figure can stand for."""
        if self.value is None:
            raise ValueError("a placeholder has no interval")
        if self.exact:
            return Interval.point(self.value)
        return Interval.around(self.value, 0.5 * 10.0 ** (-self.decimals))

    def render(self, value: float, *, decimals: int | None = None, plus: bool | None = None) -> str:
        """Write ``value`` in this figure's own style (precision, %, explicit +, grouping)."""
        d = self.decimals if decimals is None else decimals
        text = format_number(
            value,
            d,
            percent=self.percent or FLAG_NO_PERCENT in self.flags,
            plus=self.sign == "+" if plus is None else plus,
            grouped=self.grouped or abs(value) < 1000 or self.kind == FigureKind.COUNT,
        )
        if " %" in self.raw and text.endswith("%"):
            text = text[:-1] + " %"
        return text


_KIND_CONTEXT = {
    FigureKind.COUNT: NumberContext.COUNT,
    FigureKind.RATE: NumberContext.PERCENT,
    FigureKind.CHANGE: NumberContext.CHANGE,
    FigureKind.SCORE: NumberContext.SCORE,
}


def _from_parsed(p: ParsedNumber, kind: FigureKind, location: Location, role: str | None) -> Figure:
    return Figure(
        raw=p.raw,
        value=p.value,
        decimals=p.decimals,
        kind=kind,
        percent=p.percent,
        sign=p.sign,
        grouped=p.grouped,
        flags=list(p.flags),
        location=location,
        role=role,
        exact=kind == FigureKind.COUNT and p.decimals == 0,
    )


def figure_from_text(
    text: str, kind: FigureKind, location: Location, role: str | None = None
) -> Figure | None:
    """Parse a cell or phrase into a Figure of ``kind``; ``None`` if it holds no number.

    Placeholders (``-``, empty) give a Figure with ``value=None`` so that a rule
    can still say "this figure was left blank".
    """
    s = text.strip()
    if s in {"", "-", "–", "—", "…", "...", "x", "X"}:
        return Figure(raw=s, value=None, kind=kind, location=location, role=role)
    p = parse_number(s, _KIND_CONTEXT.get(kind, NumberContext.ANY))
    if p is not None:
        fig = _from_parsed(p, kind, location, role)
        if (
            kind in (FigureKind.RATE, FigureKind.CHANGE)
            and p.decimals == 0
            and p.value in (0.0, 100.0)
        ):
            fig.exact = True  # the portal prints 0% and 100% only for none and all
        if kind == FigureKind.RATE and not p.percent and role != "change.count":
            fig.flags.append(FLAG_NO_PERCENT)
        return fig
    fr = parse_fraction(s)
    if fr is not None:
        fig = _from_parsed(fr.numerator, kind, location, role)
        fig.raw = s
        fig.denominator = fr.denominator.value
        fig.denominator_raw = fr.denominator.raw
        return fig
    return None
