"""Error localisation: which figure is wrong, and what it should be.

In the manner of the Fellegi–Holt principle: find the fewest figures whose
change makes every relation hold. Reports are small, so a greedy search over
single figures, using each figure's required interval under every relation it
takes part in, is enough. Among figures that would repair the same broken
relations, the least trusted is blamed (a change is derived from rates, a rate
from counts; a figure that another relation confirms is trusted more). When
several equally trusted figures could be the culprit, no guess is made: the
broken relation is reported as such, with every candidate listed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from ..model.figure import Figure, FigureKind
from ..model.interval import Interval
from ..model.report import Report
from ..rulepack import RulePack
from .relations import Relation, Values, build_relations, is_empty, value_of
from .typos import typo_candidates

__all__ = ["Diagnosis", "Localisation", "localise"]

_BASE_TRUST = {
    FigureKind.COUNT: 6.0,
    FigureKind.FRACTION: 6.0,
    FigureKind.RANK: 4.0,
    FigureKind.SCORE: 2.0,
    FigureKind.RATE: 2.0,
    FigureKind.NUMBER: 2.0,
    FigureKind.CHANGE: 1.0,
}
# which broken relation names the finding, when one figure repairs several
_PRIORITY = [
    "range",
    "equal",
    "ratio",
    "sum",
    "count-sum",
    "change",
    "summary-change",
    "rank-change",
    "axis-sum",
    "axis-change-sum",
    "user",
]
_KIND_ORDER = {
    FigureKind.COUNT: 0,
    FigureKind.RATE: 1,
    FigureKind.SCORE: 2,
    FigureKind.RANK: 3,
    FigureKind.CHANGE: 4,
}


@dataclass
class Diagnosis:
    """One root cause: ``figure`` is wrong; ``value`` makes every relation hold."""

    figure: Figure
    value: float
    decimals: int
    model: str  # typo model or "computed"
    repairs: list[Relation]
    code: str
    printed_value: float | None = None  # what the printed (uncorrected) figures imply, if different


@dataclass
class Failure:
    """A broken relation no single figure explains unambiguously."""

    relation: Relation
    candidates: list[Figure] = field(default_factory=list)


@dataclass
class Localisation:
    diagnoses: list[Diagnosis]
    failures: list[Failure]
    relations: list[Relation]


def _required(fig: Figure, rels: list[Relation], values: Values) -> Interval | None:
    req: Interval | None = None
    for r in rels:
        if not r.involves(fig):
            continue
        need = r.required(fig, values)
        if need is None:
            continue
        if is_empty(need):
            return need
        req = need if req is None else req.intersect(need) or Interval(1.0, 0.0)
        if is_empty(req):
            return req
    return req


def _trust(fig: Figure, rels: list[Relation], values: Values) -> float:
    backed = sum(1 for r in rels if r.kind != "range" and r.involves(fig) and r.holds(values))
    return _BASE_TRUST.get(fig.kind, 2.0) + backed


def _preferred_decimals(fig: Figure, primary: Relation, rels: list[Relation]) -> int:
    """The precision the document would print the corrected figure with.

    A change follows the precision of the figures it is computed from; a figure stated
    twice follows its twin; anything else follows its peers (same kind, same table).
    """
    others = [f for f in primary.figs if f is not fig]
    if primary.kind == "change" and others:
        return max(
            f.decimals
            for f in others
            if f.kind != FigureKind.CHANGE or fig.kind != FigureKind.CHANGE
        )
    if primary.kind == "equal" and others:
        return others[0].decimals
    peers = {
        id(f): f
        for r in rels
        for f in r.figs
        if f is not fig and f.kind == fig.kind and f.location.table == fig.location.table
    }
    counts = Counter(
        f.decimals for f in peers.values() if f.value not in (0.0, 100.0) or f.decimals
    )
    return counts.most_common(1)[0][0] if counts else fig.decimals


def _pick(
    fig: Figure, req: Interval, primary: Relation, rels: list[Relation]
) -> tuple[float, int, str]:
    """The value meant: a typo candidate inside the requirement, else the implied value
    written at the precision the document uses for such a figure.

    A typo candidate must lie inside the required interval itself (not merely overlap
    it) and be printed at the figure's own precision or the document's: "50,01%" is
    not "50,0%", and "43,77%" is not "43,771%".
    """
    pref = _preferred_decimals(fig, primary, rels)
    allowed = {fig.decimals, pref}
    cands = sorted(typo_candidates(fig.raw), key=lambda c: c.decimals != fig.decimals)
    for cand in cands:
        if cand.decimals in allowed and req.contains(cand.value):
            return cand.value, cand.decimals, cand.model
    for dd in range(pref, pref + 4):
        v = round(req.mid, dd)
        if Interval.around(v, 0.5 * 10.0**-dd).overlaps(req):
            return v, dd, "computed"
    return round(req.mid, pref + 4), pref + 4, "computed"


def _components(failing: list[Relation]) -> list[list[Relation]]:
    """Broken relations that share figures belong to one problem."""
    comps: list[list[Relation]] = []
    for r in failing:
        joined = [c for c in comps if any(r.involves(f) for x in c for f in x.figs)]
        merged = [r, *(x for c in joined for x in c)]
        comps = [c for c in comps if c not in joined] + [merged]
    return comps


def _required_given(
    fig: Figure, rels: list[Relation], values: Values, chosen: tuple[Figure, ...]
) -> Interval | None:
    """Like ``_required``, ignoring relations that another chosen figure also repairs."""
    others = [r for r in rels if not any(r.involves(g) for g in chosen if g is not fig)]
    return _required(fig, others, values)


def _solutions(
    comp: list[Relation], rels: list[Relation], values: Values
) -> list[tuple[Figure, ...]]:
    """All minimal sets (1 to 3 figures) whose change can repair every relation of ``comp``."""
    figs = list({id(f): f for r in comp for f in r.figs if id(f) not in values}.values())
    figs.sort(key=lambda f: f.location.sort_key())
    for k in (1, 2, 3):
        found: list[tuple[Figure, ...]] = []
        for subset in combinations(figs, k):
            if not all(any(r.involves(f) for f in subset) for r in comp):
                continue
            if _feasible(subset, comp, rels, values):
                found.append(subset)
        if found:
            return found
    return []


def _feasible(
    subset: tuple[Figure, ...], comp: list[Relation], rels: list[Relation], values: Values
) -> bool:
    """Assign the subset's figures one by one and check that every relation then holds."""
    trial = dict(values)
    order = sorted(subset, key=lambda f: (_KIND_ORDER.get(f.kind, 5), f.location.sort_key()))
    for i, f in enumerate(order):
        req = _required_given(f, rels, trial, (f, *order[i + 1 :]))
        if req is not None and is_empty(req):
            return False
        if req is not None:
            trial[id(f)] = (
                Interval.point(req.mid)
                if f.exact
                else Interval.around(req.mid, 0.5 * 10.0**-f.decimals)
            )
    touched = [r for r in rels if any(r.involves(f) for f in subset)]
    return all(r.holds(trial) for r in [*comp, *touched])


def _cost(subset: tuple[Figure, ...], rels: list[Relation], values: Values) -> float:
    return sum(_trust(f, rels, values) for f in subset)


def localise(report: Report, pack: RulePack) -> Localisation:
    """Diagnose every broken relation of ``report``: root causes first, leftovers as failures."""
    rels = build_relations(report, pack)
    values: Values = {}
    diagnoses: list[Diagnosis] = []
    failures: list[Failure] = []
    closed: set[int] = set()
    for _ in range(100):
        failing = [r for r in rels if id(r) not in closed and not r.holds(values)]
        if not failing:
            break
        progress = False
        for comp in _components(failing):
            sols = _solutions(comp, rels, values)
            if not sols:
                failures.extend(Failure(relation=r) for r in comp)
                closed.update(id(r) for r in comp)
                continue
            best = min(_cost(s, rels, values) for s in sols)
            cheapest = [s for s in sols if _cost(s, rels, values) == best]
            if len(cheapest) == 1:
                chosen = list(cheapest[0])
            else:
                common = [f for f in cheapest[0] if all(any(f is g for g in s) for s in cheapest)]
                if not common:
                    cands = list({id(f): f for s in cheapest for f in s}.values())
                    failures.extend(Failure(relation=r, candidates=cands) for r in comp)
                    closed.update(id(r) for r in comp)
                    continue
                chosen = common
            chosen.sort(key=lambda f: (_KIND_ORDER.get(f.kind, 5), f.location.sort_key()))
            for fig in chosen:
                rest = tuple(g for g in chosen if g is not fig and id(g) not in values)
                req = _required_given(fig, rels, values, (fig, *rest))
                if req is None or is_empty(req):
                    continue
                repairs = [r for r in comp if r.involves(fig)]
                primary = min(
                    repairs, key=lambda r: _PRIORITY.index(r.kind) if r.kind in _PRIORITY else 99
                )
                value, decimals, model = _pick(fig, req, primary, rels)
                printed_req = _required_given(fig, rels, {}, (fig, *rest))
                printed_value = None
                if (
                    printed_req is not None
                    and not is_empty(printed_req)
                    and abs(round(printed_req.mid, decimals) - value) > 0.5 * 10.0**-decimals
                ):
                    printed_value = round(printed_req.mid, decimals)
                diagnoses.append(
                    Diagnosis(fig, value, decimals, model, repairs, primary.code, printed_value)
                )
                half = 0.5 * 10.0**-decimals
                values[id(fig)] = (
                    Interval.point(value) if fig.exact else Interval.around(value, half)
                )
                progress = True
        if not progress:
            break
    return Localisation(diagnoses=diagnoses, failures=failures, relations=rels)


def current_value(fig: Figure, values: Values) -> Interval:
    return value_of(fig, values)
