"""The value a blamed figure should have: typo candidates first, then the implied value.

Localisation says *which* figures are wrong and the interval each must lie in for
every relation to hold. This module turns that interval into values a clerk can
type, ranked by plausibility:

1. a single slip of the printed text (``typos.py``) that lands inside the interval,
   printed at the figure's own precision or the document's, closest first: a slip
   explains both the wrong figure and the right one, so it beats arithmetic;
2. otherwise the value the relations imply, at the precision the document prints
   such figures with ("computed").

Every suggestion is checked against the whole requirement, never against one
relation: the interval passed in is already the intersection over all of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model.figure import Figure, FigureKind
from ..model.interval import EPS, Interval
from .typos import TYPO_MODELS, typo_candidates

__all__ = ["Suggestion", "fits", "suggestions"]

_MODEL_ORDER = {m: i for i, m in enumerate(TYPO_MODELS)}  # ties between slips: best model first


@dataclass(frozen=True)
class Suggestion:
    """One value the writer may have meant, and the model that explains it."""

    value: float
    decimals: int
    model: str  # a typo model, or "computed"
    distance: float  # from the middle of the requirement, in units of the last place

    strong: bool = False  # a slip that the requirement pins down, not one that fits by chance

    @property
    def is_typo(self) -> bool:
        return self.model != "computed"


def _integer(fig: Figure) -> bool:
    """Counts are whole numbers: their suggestions must be too."""
    return fig.kind in (FigureKind.COUNT, FigureKind.RANK) and fig.decimals == 0


def fits(value: float, decimals: int, req: Interval, *, integer: bool = False) -> bool:
    """Whether ``value`` printed with ``decimals`` satisfies the requirement.

    A rounded figure stands for ± half a unit in its last place, so it fits when that
    interval meets the requirement; a whole count must lie inside it.
    """
    if integer:
        return float(value).is_integer() and req.contains(value)
    # Interval.around(value, half).overlaps(req), without building the Interval: this
    # runs for every typo candidate of every figure localisation tries (same floats)
    half = 0.5 * 10.0**-decimals
    return value - half <= req.hi + EPS and req.lo <= value + half + EPS


def _distance(value: float, decimals: int, req: Interval) -> float:
    return abs(value - req.mid) / 10.0**-decimals


def suggestions(fig: Figure, req: Interval, preferred: int) -> list[Suggestion]:
    """Values for ``fig`` that satisfy ``req``, most plausible first (never empty
    unless a whole count has no integer inside ``req``).

    ``preferred`` is the precision the document prints such a figure with; a typo
    candidate must be printed at that precision or at the figure's own one, so a
    dropped digit ("70,8%" for "70,81%") is never proposed for a two-decimal column.
    """
    integer = _integer(fig)
    allowed = {fig.decimals, preferred}
    order = _MODEL_ORDER
    best: dict[float, Suggestion] = {}  # one per value: "50,0%" and "50%" are one value
    for cand in typo_candidates(fig.raw):
        if cand.decimals not in allowed:
            continue
        if fits(cand.value, cand.decimals, req, integer=integer):
            dist = _distance(cand.value, cand.decimals, req)
            strong = _tight(req, cand.decimals) or dist <= 0.5 or _gross(fig, req)
            sug = Suggestion(cand.value, cand.decimals, cand.model, dist, strong)
            have = best.get(cand.value)
            if have is None or _form_key(sug, preferred, order) < _form_key(have, preferred, order):
                best[cand.value] = sug
    typos = sorted(best.values(), key=lambda s: (not s.strong, s.distance, order.get(s.model, 99)))
    seen = set(best)
    computed = _implied(req, preferred, integer)
    if computed is None or computed.value in seen:
        return typos
    evidence = [s for s in typos if s.strong]
    return [*evidence, computed, *(s for s in typos if not s.strong)]


def _form_key(s: Suggestion, preferred: int, order: dict[str, int]) -> tuple[bool, int]:
    """Of two slips giving one value, the one printed as the document prints it."""
    return (s.decimals != preferred, order.get(s.model, 99))


def _gross(fig: Figure, req: Interval) -> bool:
    """Whether the printed figure misses the requirement by several times its width:
    "326.637" for about 36.000 is a slip (a factor of ten), and the slip that lands inside is evidence,
    while "16,5" for 15,25–15,75 may be any small mistake."""
    if fig.value is None:
        return False
    gap = max(req.lo - fig.value, fig.value - req.hi, 0.0)
    return gap >= 3.0 * max(req.hi - req.lo, 10.0**-fig.decimals)


def _tight(req: Interval, decimals: int) -> bool:
    """Whether the relations pin the figure to about two printed values. A loose
    requirement (the sum of six rounded scores leaves ±0,25) lets some slip of almost
    any figure land inside by chance, so there a slip is no evidence by itself."""
    return req.hi - req.lo <= 2.0 * 10.0**-decimals + EPS


def _implied(req: Interval, preferred: int, integer: bool) -> Suggestion | None:
    """The middle of the requirement at the document's precision (more digits only
    when no value at that precision fits). A requirement open on one side (a user's
    ``new.count >= old.count``) implies its one bound: the least change that holds."""
    if math.isinf(req.lo) and math.isinf(req.hi):
        return None
    if math.isinf(req.lo) or math.isinf(req.hi):
        bound = req.hi if math.isinf(req.lo) else req.lo
        req = Interval(bound, bound)
    if integer:
        v = float(round(req.mid))
        if not req.contains(v):
            v = float(math.ceil(req.lo - EPS))
            if not req.contains(v):
                return None
        return Suggestion(v + 0.0, 0, "computed", _distance(v, 0, req))
    dd = preferred
    v = round(req.mid, dd)
    while not fits(v, dd, req) and dd < preferred + 4:
        dd += 1
        v = round(req.mid, dd)
    return Suggestion(v + 0.0, dd, "computed", _distance(v, dd, req))  # + 0.0: no "-0"
