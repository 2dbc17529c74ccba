"""Error localisation: which figures are wrong, and what they should be.

In the manner of the Fellegi–Holt principle (R's ``errorlocate``): broken relations
that share figures form one problem (a *component*); an *explanation* of it is a
smallest set of figures whose change makes every relation hold, with the value
each should take. Reports are small, so every subset of 1 to 3 figures of the
component is tried, using each figure's required interval under every relation it
takes part in (no MIP solver).

When several minimal explanations exist they are all kept, ranked best first and
deterministically:

1. by trust: the summed weight of the figures changed. Counts and the portal's raw
   figures (scores, ranks) weigh more than derived rates, rates more than changes;
   a figure confirmed by a relation that holds weighs more, and one stated twice in
   agreement more still. Blame goes to the least trusted figures, except that a
   change a typo model explains, landing where the relations pin the value, takes
   a bonus (a count undone by one slip is as likely as a bare wrong change);
2. by plausibility: explanations whose new values a typo model explains beat values
   that are only computed;
3. by closeness of the slips to the middle of what the relations require, then
   document order.

The best explanation becomes the diagnoses (one root cause per changed figure),
unless the ranking could only tell explanations apart by document order: then no
guess is made and the component is reported as a :class:`Failure` carrying every
explanation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import reduce
from itertools import combinations
from operator import or_

from ..model.figure import Figure, FigureKind
from ..model.interval import Interval
from ..model.report import Report
from ..pack import RulePack
from .relations import Relation, Values, build_relations, is_empty, value_of
from .suggest import Suggestion, suggestions

__all__ = ["Change", "Diagnosis", "Explanation", "Failure", "Localisation", "localise"]

_BASE_TRUST = {
    FigureKind.COUNT: 6.0,
    FigureKind.FRACTION: 6.0,
    FigureKind.RANK: 4.0,
    FigureKind.SCORE: 4.0,
    FigureKind.RATE: 2.0,
    FigureKind.NUMBER: 2.0,
    FigureKind.CHANGE: 1.0,
}
_BACKED = 1.0  # per other relation of the figure that holds
_SLIP_BONUS = 5.0  # a count (6) explained by a slip ties with a bare change (1)
_TWICE = 2.0  # per "stated twice" relation that holds: two places agree
_MAX_FIGURES_FOR_3 = 24  # above this, subsets of 3 are not tried (C(24, 3) = 2024)
_MAX_MERGED = 12  # figures in components joined to explain each other
# which broken relation names the finding, when one figure repairs several
_PRIORITY = [
    "range",
    "equal",
    "ratio",
    "sum",
    "count-sum",
    "change",
    "summary-change",
    "previous-change",
    "rank-change",
    "axis-sum",
    "previous-axis-sum",
    "axis-change-sum",
    "user",
]
_KIND_ORDER = {
    FigureKind.COUNT: 0,
    FigureKind.FRACTION: 0,
    FigureKind.RATE: 1,
    FigureKind.SCORE: 2,
    FigureKind.RANK: 3,
    FigureKind.CHANGE: 4,
}


@dataclass
class Change:
    """One figure of an explanation and the value it should take."""

    figure: Figure
    value: float
    decimals: int
    model: str  # typo model or "computed"
    repairs: list[Relation]  # the broken relations this figure takes part in
    code: str  # the rule of the most telling of them
    distance: float = 0.0
    strong: bool = False  # a slip the relations pin down (see suggest._tight)
    alternatives: list[Suggestion] = field(default_factory=list)  # other values that fit
    printed_value: float | None = None  # what the other figures as printed imply
    printed_model: str | None = None  # the slip that would give printed_value


@dataclass
class Explanation:
    """A minimal set of changes that makes every relation of a component hold."""

    changes: list[Change]
    cost: float  # summed trust of the figures changed: lower is likelier

    @property
    def typos(self) -> int:
        """Changes that a slip explains and the relations pin down: plausibility."""
        return sum(1 for c in self.changes if c.model != "computed" and c.strong)

    @property
    def score(self) -> float:
        """Trust, less a bonus per slip that lands where the relations require: "44" for
        4 overdue files (an extra digit) beats a change of -1 recomputed as -41."""
        return self.cost - _SLIP_BONUS * self.typos

    def sort_key(self) -> tuple[float, int, float, list[tuple[int, ...]]]:
        # a computed value's distance is rounding noise; a slip's is how well it fits
        near = sum(c.distance for c in self.changes if c.model != "computed")
        where = [tuple(_loc_key(c.figure)) for c in self.changes]
        return (self.score, -self.typos, near, where)

    def value_for(self, fig: Figure) -> float | None:
        return next((c.value for c in self.changes if c.figure is fig), None)


@dataclass
class Diagnosis:
    """One root cause: ``figure`` is wrong; ``value`` makes every relation hold.

    ``explanations`` are all minimal explanations of its component, best first; the
    diagnosis is a change of ``explanations[0]``. ``basis`` says what chose it:
    ``unique`` (the only explanation), ``trust`` (the least trusted figures),
    ``plausibility`` (only a typo model told it from equally trusted ones) or
    ``common`` (the figure is in every best explanation, which disagree elsewhere).
    """

    figure: Figure
    value: float
    decimals: int
    model: str
    repairs: list[Relation]
    code: str
    printed_value: float | None = None
    printed_model: str | None = None
    alternatives: list[Suggestion] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)
    basis: str = "unique"


@dataclass
class Failure:
    """Broken relations that no explanation settles: none within 3 figures, or several
    that nothing but document order tells apart. ``relation`` names the finding."""

    relation: Relation
    candidates: list[Figure] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)


@dataclass
class Localisation:
    diagnoses: list[Diagnosis]
    failures: list[Failure]
    relations: list[Relation]


class _Relations:
    """The relations of one report, indexed by figure and by table.

    Localisation tries every subset of one to three figures of a component, and every
    try asked "which relations involve this figure?" by scanning all the relations
    (some 30,000 ``Relation.involves`` calls per report). Neither the relations nor
    their figures change during one :func:`localise`, so the index is built once.
    ``of`` and ``in_table`` keep the order of a scan of ``all`` (a figure once per
    relation it is in), so requirements are intersected, the primary relation chosen
    and precision votes counted in the same order as before.
    """

    def __init__(self, rels: list[Relation]) -> None:
        self.all = rels
        self._of: dict[int, list[Relation]] = {}  # id(figure) -> its relations
        self._ids: dict[int, set[int]] = {}  # id(relation) -> ids of its figures
        self._tables: dict[int | None, list[Figure]] = {}  # table -> figures of relations
        for r in rels:
            ids = {id(f) for f in r.figs}
            self._ids[id(r)] = ids
            for i in ids:
                self._of.setdefault(i, []).append(r)
            for f in r.figs:
                self._tables.setdefault(f.location.table, []).append(f)

    def of(self, fig: Figure) -> list[Relation]:
        """The relations ``fig`` takes part in, in the order of ``all``."""
        return self._of.get(id(fig), [])

    def in_table(self, table: int | None) -> list[Figure]:
        """The figures of the relations that lie in ``table``, as a scan of ``all`` finds
        them (repeats included)."""
        return self._tables.get(table, [])

    def involves_any(self, r: Relation, figs: Iterable[Figure]) -> bool:
        ids = self._ids[id(r)]
        return any(id(g) in ids for g in figs)

    def touching(self, figs: Iterable[Figure]) -> list[Relation]:
        """The relations any of ``figs`` takes part in, each once (for an all-hold test,
        where the order does not matter)."""
        return list({id(r): r for f in figs for r in self.of(f)}.values())


def _loc_key(fig: Figure) -> tuple[int, ...]:
    return tuple(v if isinstance(v, int) else 0 for v in fig.location.sort_key())


def _primary(repairs: Iterable[Relation]) -> Relation:
    return min(repairs, key=lambda r: _PRIORITY.index(r.kind) if r.kind in _PRIORITY else 99)


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


def _required_given(
    fig: Figure, rels: _Relations, values: Values, chosen: tuple[Figure, ...]
) -> Interval | None:
    """Like ``_required``, ignoring relations that another chosen figure also repairs."""
    others = [g for g in chosen if g is not fig]
    return _required(fig, [r for r in rels.of(fig) if not rels.involves_any(r, others)], values)


def _trust(fig: Figure, rels: _Relations, values: Values) -> float:
    """How much a figure is believed: its kind, plus every relation that confirms it."""
    weight = _BASE_TRUST.get(fig.kind, 2.0)
    for r in rels.of(fig):
        if r.kind != "range" and r.holds(values):
            weight += _TWICE if r.kind == "equal" else _BACKED
    return weight


def _preferred_decimals(fig: Figure, rels: _Relations) -> int:
    """The precision the document would print the corrected figure with.

    A change follows the precision of the figures it is computed from; a figure stated
    twice follows its twin; anything else follows its nearest peers of the same kind:
    those it shares a relation with (the other part of its whole), then its column,
    then its table. A "0%" or "100%" says nothing about precision.
    """
    if (
        fig.exact
        and fig.decimals == 0
        and (fig.kind == FigureKind.RANK or fig.role == "rank-change")
    ):
        return 0  # a rank and a change of rank are whole numbers
    own = [r for r in rels.of(fig) if r.kind != "range"]
    for r in own:
        if r.kind == "change" and r.figs[0] is fig:
            return max(f.decimals for f in r.figs[1:])
        if r.kind == "rank-change":  # ranks and places moved are whole numbers
            return 0
        if r.kind in ("summary-change", "previous-change") and r.figs[-1] is fig:
            return max(f.decimals for f in r.figs[:-1])
    for r in own:
        if r.kind == "equal":
            return next(f.decimals for f in r.figs if f is not fig)

    def usual(figs: Iterable[Figure]) -> int | None:
        counts = Counter(
            f.decimals
            for f in figs
            if f is not fig and f.kind == fig.kind and (f.value not in (0.0, 100.0) or f.decimals)
        )
        return counts.most_common(1)[0][0] if counts else None

    partners = [f for r in own for f in r.figs]
    table = rels.in_table(fig.location.table)
    column = [f for f in table if f.role == fig.role]
    if fig.location.table is None and fig.location.row is None:
        table = column = []  # sentences are no table: a figure there keeps its precision
    for group in (partners, column, table):
        d = usual({id(f): f for f in group}.values())
        if d is not None:
            return d
    return fig.decimals


def _plain_zero(fig: Figure, top: Suggestion, rels: _Relations) -> Suggestion:
    """A computed 0 or 100 written as the document writes them: a report that prints
    "0%" for "none" does not want "0,00%"."""
    if top.is_typo or top.value not in (0.0, 100.0) or top.decimals == 0:
        return top
    plain = any(
        f.value == top.value and f.decimals == 0 and f.kind == fig.kind and f.percent == fig.percent
        for f in rels.in_table(fig.location.table)
    )
    return replace(top, decimals=0) if plain else top


def _as_interval(fig: Figure, value: float, decimals: int) -> Interval:
    if fig.exact and decimals == 0:
        return Interval.point(value)
    return Interval.around(value, 0.5 * 10.0**-decimals)


def _components(failing: list[Relation]) -> list[list[Relation]]:
    """Broken relations that share figures belong to one problem."""
    comps: list[list[Relation]] = []
    for r in failing:
        joined = [c for c in comps if any(r.involves(f) for x in c for f in x.figs)]
        merged = [r, *(x for c in joined for x in c)]
        comps = [c for c in comps if c not in joined] + [merged]
    return comps


def _figures(comp: list[Relation], values: Values) -> list[Figure]:
    figs = list({id(f): f for r in comp for f in r.figs if id(f) not in values}.values())
    return sorted(figs, key=_loc_key)


def _feasible(
    subset: tuple[Figure, ...], comp: list[Relation], rels: _Relations, values: Values
) -> bool:
    """A cheap first test: assign the middles of the requirements one by one."""
    trial = dict(values)
    order = sorted(subset, key=lambda f: (_KIND_ORDER.get(f.kind, 5), _loc_key(f)))
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
    return all(r.holds(trial) for r in [*comp, *rels.touching(subset)])


def _printed(fig: Figure, rels: _Relations, decimals: int) -> tuple[float | None, str | None]:
    """What the other figures, as printed, imply for ``fig`` (and the slip that gives it)."""
    req = _required(fig, rels.of(fig), {})
    if req is None or is_empty(req):
        return None, None
    options = suggestions(fig, req, decimals)
    if not options:
        return None, None
    best = options[0]
    return round(best.value, best.decimals), (best.model if best.is_typo else None)


def _explain(
    subset: tuple[Figure, ...],
    comp: list[Relation],
    rels: _Relations,
    values: Values,
    *,
    typos: bool,
) -> Explanation | None:
    """Values for the figures of ``subset``, assigned counts first and changes last
    (a change is computed from rates, a rate from counts), each the most plausible
    value its requirement allows; ``None`` if they do not make every relation hold."""
    trial = dict(values)
    order = sorted(subset, key=lambda f: (_KIND_ORDER.get(f.kind, 5), _loc_key(f)))
    changes: list[Change] = []
    for i, f in enumerate(order):
        req = _required_given(f, rels, trial, (f, *order[i + 1 :]))
        if req is None or is_empty(req):
            return None
        repairs = [r for r in comp if r.involves(f)]
        primary = _primary(repairs or rels.of(f))
        options = suggestions(f, req, _preferred_decimals(f, rels))
        if not typos:
            options = [s for s in options if not s.is_typo]
        if not options:
            return None
        top = _plain_zero(f, options[0], rels)
        trial[id(f)] = _as_interval(f, top.value, top.decimals)
        changes.append(
            Change(
                f,
                top.value,
                top.decimals,
                top.model,
                repairs,
                primary.code,
                top.distance,
                top.strong,
                options[1:],
            )
        )
    if not all(r.holds(trial) for r in [*comp, *rels.touching(subset)]):
        return None
    for c in changes:
        pv, pm = _printed(c.figure, rels, c.decimals)
        if pv is not None and abs(pv - c.value) > 0.5 * 10.0**-c.decimals + 1e-9:
            c.printed_value, c.printed_model = pv, pm
    cost = sum(_trust(f, rels, values) for f in subset)
    return Explanation(changes, cost)


def explanations(comp: list[Relation], rels: list[Relation], values: Values) -> list[Explanation]:
    """Every minimal explanation (1 to 3 figures) of a component, best first."""
    return _explanations(comp, _Relations(rels), values)


def _explanations(comp: list[Relation], rels: _Relations, values: Values) -> list[Explanation]:
    return _search(comp, _figures(comp, values), rels, values)


def _widened(comp: list[Relation], rels: _Relations, values: Values) -> list[Explanation]:
    """Explanations that also change figures tied to the component by relations that
    hold: the last resort for a component nothing else explains."""
    return _search(comp, _with_neighbours(_figures(comp, values), rels, values), rels, values)


def _with_neighbours(figs: list[Figure], rels: _Relations, values: Values) -> list[Figure]:
    """The figures of a component and those tied to them by another relation.

    Two rates that do not make 100% cannot be mended alone when each is also the end
    of its change: the smallest repairs change a rate together with its change. Tried
    only when neither the component's own figures nor its linked components explain it."""
    out = {id(f): f for f in figs}
    for f in figs:
        for r in rels.of(f):
            if r.kind == "range":
                continue
            for g in r.figs:
                if id(g) not in values:
                    out.setdefault(id(g), g)
    grown = sorted(out.values(), key=_loc_key)
    return grown if len(figs) < len(grown) <= _MAX_MERGED else []


def _search(
    comp: list[Relation], figs: list[Figure], rels: _Relations, values: Values
) -> list[Explanation]:
    if not figs:
        return []
    # a subset can explain the component only if it touches every broken relation:
    # bit i of a figure's mask says it takes part in comp[i]
    mask = {id(f): sum(1 << i for i, r in enumerate(comp) if r.involves(f)) for f in figs}
    every = (1 << len(comp)) - 1
    sizes = (1, 2, 3) if len(figs) <= _MAX_FIGURES_FOR_3 else (1, 2)
    for k in sizes:
        found: list[Explanation] = []
        for subset in combinations(figs, k):
            if reduce(or_, (mask[id(f)] for f in subset)) != every:
                continue
            if not _feasible(subset, comp, rels, values):
                continue
            e = _explain(subset, comp, rels, values, typos=True)
            e = e or _explain(subset, comp, rels, values, typos=False)
            if e is not None:
                found.append(e)
        if found:
            return sorted(found, key=Explanation.sort_key)
    return []


def _linked(
    comps: list[list[Relation]], rels: _Relations, values: Values
) -> list[list[list[Relation]]]:
    """Unexplained components that a holding relation ties together (a row copied
    from another month breaks three "stated twice" relations that only its own
    change relation connects): explained together, they may have a common cause."""
    groups: list[list[list[Relation]]] = [[c] for c in comps]
    holding = [r for r in rels.all if r.kind != "range" and r.holds(values)]

    def figs(group: list[list[Relation]]) -> set[int]:
        return {id(f) for c in group for r in c for f in r.figs}

    merged = True
    while merged:
        merged = False
        for i, j in combinations(range(len(groups)), 2):
            a, b = figs(groups[i]), figs(groups[j])
            if any(
                any(id(f) in a for f in r.figs) and any(id(f) in b for f in r.figs) for r in holding
            ):
                groups[i] = groups[i] + groups[j]
                del groups[j]
                merged = True
                break
    return groups


def _settle(
    comps: list[list[Relation]], rels: _Relations, values: Values
) -> list[tuple[list[Relation], list[Explanation], bool]]:
    """Each component with its explanations and whether they may name a culprit;
    unexplained ones are retried together, then widened. A widened explanation changes
    figures whose own relations hold, so it is listed for the reader, never chosen."""
    out: list[tuple[list[Relation], list[Explanation], bool]] = []
    unexplained: list[list[Relation]] = []
    for comp in comps:
        exps = _explanations(comp, rels, values)
        if exps:
            out.append((comp, exps, True))
        else:
            unexplained.append(comp)
    for group in _linked(unexplained, rels, values):
        merged = [r for c in group for r in c]
        joint: list[Explanation] = []
        if len(group) > 1 and len(_figures(merged, values)) <= _MAX_MERGED:
            joint = _explanations(merged, rels, values)
        if joint:
            out.append((merged, joint, True))
        else:
            out.extend((c, _widened(c, rels, values), False) for c in group)
    return out


def _choose(exps: list[Explanation]) -> tuple[list[Change], str]:
    """The changes to diagnose and why they were chosen; none when it would be a guess."""
    best = exps[0]
    if len(exps) == 1:
        return best.changes, "unique"
    tied = [e for e in exps if e.score == best.score and e.typos == best.typos]
    if len(tied) == 1:
        trusted = all(best.cost < e.cost for e in exps[1:])
        return best.changes, "trust" if trusted else "plausibility"
    common = [
        c for c in best.changes if all(any(c.figure is d.figure for d in e.changes) for e in tied)
    ]
    return common, "common"


def _failure(comp: list[Relation], exps: list[Explanation]) -> Failure:
    cands = list({id(c.figure): c.figure for e in exps for c in e.changes}.values())
    return Failure(relation=_primary(comp), candidates=cands, relations=comp, explanations=exps)


def localise(report: Report, pack: RulePack) -> Localisation:
    """Diagnose every broken relation of ``report``: root causes first, leftovers as failures."""
    rels = build_relations(report, pack)
    index = _Relations(rels)
    values: Values = {}
    diagnoses: list[Diagnosis] = []
    failures: list[Failure] = []
    closed: set[int] = set()
    for _ in range(100):
        failing = [r for r in rels if id(r) not in closed and not r.holds(values)]
        if not failing:
            break
        progress = False
        for comp, exps, decide in _settle(_components(failing), index, values):
            chosen, basis = _choose(exps) if exps and decide else ([], "none")
            if not chosen:
                failures.append(_failure(comp, exps))
                closed.update(id(r) for r in comp)
                continue
            for c in chosen:
                diagnoses.append(
                    Diagnosis(
                        c.figure,
                        c.value,
                        c.decimals,
                        c.model,
                        c.repairs,
                        c.code,
                        c.printed_value,
                        c.printed_model,
                        c.alternatives,
                        exps,
                        basis,
                    )
                )
                values[id(c.figure)] = _as_interval(c.figure, c.value, c.decimals)
                progress = True
        if not progress:
            break
    return Localisation(diagnoses=diagnoses, failures=failures, relations=rels)


def current_value(fig: Figure, values: Values) -> Interval:
    return value_of(fig, values)
