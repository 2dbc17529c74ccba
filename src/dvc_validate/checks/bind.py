"""The document side of the relation form: the names of each scope, bound to figures.

The pack says what must hold (``rules/qd766.yaml``, compiled by
:mod:`dvc_validate.pack.relations`); this module only says, for one report, which
figure each name of a scope stands for: ``change``, ``old`` and ``new`` of an Appendix
I row, the parts of a whole, the axis scores and the closing row. It holds no relation
of the index. A name is bound only to a figure with a value; a name summed over the
members of a scope (``sum(axis.score)``) is bound only when every member has it, so a
relation is checked only on figures that are all there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model.figure import Figure, FigureKind
from ..model.report import AppendixRow, DetailItem, Report, Trend
from ..pack import RulePack

__all__ = ["Instance", "Member", "detail_groups", "instances", "measured"]

#: A bound name: one figure, the figures of every member (a complete list), a
#: parameter (a number such as ``score.max``), or a flag (``unchanged``).
Bound = Figure | list[Figure] | float | bool


@dataclass
class Member:
    """One member of a scope instance (a part of a whole), for relations that name
    ``part.*`` outside ``sum()``: they are checked once per member."""

    subject: str
    names: dict[str, Figure]


@dataclass
class Instance:
    """One place a scope's relations apply: its names and what messages call it."""

    subject: str
    names: dict[str, Bound]
    members: list[Member] = field(default_factory=list)


def _num(f: Figure | None) -> Figure | None:
    return f if f is not None and f.value is not None else None


def _put(names: dict[str, Bound], key: str, fig: Figure | None) -> None:
    if _num(fig) is not None:
        assert fig is not None
        names[key] = fig


def instances(
    scope: str, report: Report, pack: RulePack, previous: Report | None = None
) -> Iterator[Instance]:
    """The instances of ``scope`` in ``report``, in document order. The scopes against
    last month's report (``last-month``, ``last-month-rank``) need ``previous``, and
    have no instance without it."""
    if scope in _AGAINST_PREVIOUS:
        if previous is not None:
            yield from _AGAINST_PREVIOUS[scope](report, previous)
        return
    yield from _SCOPES[scope](report, pack)


# ----------------------------------------------------------------------------- template


def _figure(report: Report, pack: RulePack) -> Iterator[Instance]:
    for fig in report.figures():
        if fig.value is None:
            continue
        names: dict[str, Bound] = {}
        if fig.kind == FigureKind.RATE:
            names["rate"] = fig
        elif fig.kind == FigureKind.CHANGE and fig.percent:
            names["percent_change"] = fig
        elif fig.kind == FigureKind.SCORE and fig.denominator:
            names["score"], names["score.max"] = fig, fig.denominator
        elif fig.kind == FigureKind.RANK and fig.denominator:
            names["rank"], names["rank.of"] = fig, fig.denominator
        if names:
            yield Instance(fig.location.indicator or fig.role or "", names)


def _row_names(row: AppendixRow, prefix: str = "") -> dict[str, Figure]:
    names: dict[str, Figure] = {}
    for side in ("old", "new"):
        for sub in ("rate", "count"):
            f = _num(row.figures.get(f"{side}.{sub}"))
            if f is not None:
                names[f"{prefix}{side}.{sub}"] = f
    return names


def _row(report: Report, pack: RulePack) -> Iterator[Instance]:
    app = report.appendix
    if app is None:
        return
    for row in app.rows:
        names: dict[str, Bound] = dict(_row_names(row))
        for side in ("old", "new"):
            count = _num(row.figures.get(f"{side}.count"))
            if count is not None and count.denominator:
                names[f"{side}.count.of"] = count.denominator
        _put(names, "change", row.figures.get("change"))
        measured_by = "rate" if "old.rate" in names and "new.rate" in names else "count"
        for side in ("old", "new"):
            f = names.get(f"{side}.{measured_by}")
            if f is not None:
                names[side] = f
        yield Instance(row.indicator or row.code or "", names)


def _whole(report: Report, pack: RulePack) -> Iterator[Instance]:
    app = report.appendix
    if app is None:
        return
    rows = {r.indicator or r.code: r for r in app.rows if r.code}
    for parts in [*pack.wholes, *pack.complementary]:
        present = [rows[c] for c in parts if c in rows]
        if len(present) < 2:
            continue
        members = [Member(m.code or "", _row_names(m, "part.")) for m in present]
        names: dict[str, Bound] = {}
        for key in ("part.old.rate", "part.new.rate", "part.old.count", "part.new.count"):
            if all(key in m.names for m in members):
                names[key] = [m.names[key] for m in members]
        parent = rows.get(present[0].parent or "")
        if parent is not None:
            for side in ("old", "new"):
                _put(names, f"parent.{side}.count", parent.figures.get(f"{side}.count"))
        subject = present[0].parent or present[0].code or ""
        yield Instance(subject, names, members)


def _detail(report: Report, pack: RulePack) -> Iterator[Instance]:
    for item in report.details:
        for group, figs in detail_groups(item).items():
            triple = measured(figs)
            if triple is not None:
                change, new, old = triple
                subject = f"appendix2.{item.number}" + (f" ({group})" if group else "")
                yield Instance(subject, {"change": change, "new": new, "old": old})


def _statement(report: Report, pack: RulePack) -> Iterator[Instance]:
    for st in [*report.axes, *([report.total] if report.total else [])]:
        if st.score.value is None or _num(st.previous) is None:
            continue
        names: dict[str, Bound] = {"score": st.score}
        _put(names, "previous", st.previous)
        _put(names, "change", st.change)
        if "change" not in names and st.trend is not None and st.trend.sign() == 0:
            names["unchanged"] = True
        yield Instance(st.key, names)


def _report(report: Report, pack: RulePack) -> Iterator[Instance]:
    names: dict[str, Bound] = {}
    total, rank = report.total, report.rank
    if total is not None:
        _put(names, "text.total", total.score)
        _put(names, "text.change", total.change)
        _put(names, "text.previous", total.previous)
    if rank is not None:
        _put(names, "text.rank", rank.rank)
        _put(names, "text.previous_rank", rank.previous)
        _put(names, "text.rank_change", rank.change)
    s = report.appendix.summary if report.appendix else None
    if s is not None:
        for key in ("old_score", "new_score", "change", "old_rank", "new_rank", "rank_change"):
            _put(names, f"row.{key}", getattr(s, key))
    axes = report.axes
    if pack.total.sum_of_axes and len(axes) == len(pack.axes):
        if all(_num(a.score) for a in axes):
            names["axis.score"] = [a.score for a in axes]
        # an axis whose text says only "không đổi" changed by nothing: no term
        if all(a.change is not None or a.trend is not None for a in axes):
            changes = [a.change for a in axes if a.change is not None]
            if all(_num(c) for c in changes):
                names["axis.change"] = [c for c in changes if c is not None]
        previous = [_num(a.previous) for a in axes]
        if all(p is not None for p in previous):
            names["axis.previous"] = [p for p in previous if p is not None]
    yield Instance("", names)


def _repeated(report: Report, pack: RulePack) -> Iterator[Instance]:
    from .relations import figure_refs, full_ref  # the references are the relations'

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
                yield Instance(f"{rep.a} / {rep.b}", {"a": a, "b": b})


def _item_identity(item: DetailItem, pack: RulePack) -> str | None:
    """The catalogue item an Appendix II table is, by its label; its own number when the
    pack has no catalogue or the table has no label; ``None`` when the label names no
    known item (it is then compared with nothing rather than guessed)."""
    if not pack.details or not item.label.strip():
        return item.number
    known = pack.detail(item.label)
    return known.code if known is not None else None


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


# ----------------------------------------------------------------------------- running text


def _share(report: Report, pack: RulePack) -> Iterator[Instance]:
    from .prose_relations import truncated_value  # a cut-off rate is the truncation rule's

    facts = report.prose
    for s in facts.shares if facts else []:
        if s.rate.value is None or truncated_value(s) is not None:
            continue
        names: dict[str, Bound] = {"rate": s.rate}
        _put(names, "part", s.part)
        _put(names, "whole", s.whole)
        yield Instance(s.measure, names)


def _stated_parts(report: Report, pack: RulePack) -> Iterator[Instance]:
    facts = report.prose
    for p in facts.parts if facts else []:
        yield _sum_instance(p.measure, p.whole, p.parts, "part")


def _stated_levels(report: Report, pack: RulePack) -> Iterator[Instance]:
    facts = report.prose
    for lv in facts.levels if facts else []:
        yield _sum_instance(lv.measure, lv.whole, lv.levels, "level")


def _sum_instance(measure: str, whole: Figure, parts: list[Figure], name: str) -> Instance:
    names: dict[str, Bound] = {}
    _put(names, "whole", whole)
    if all(_num(f) for f in parts):
        names[name] = list(parts)
    return Instance(measure, names)


def _known(report: Report) -> set[object]:
    return {f.location for f in report.figures()}


def _stated_score(report: Report, pack: RulePack) -> Iterator[Instance]:
    facts = report.prose
    if facts is None:
        return
    known = _known(report)
    for f in facts.scores:
        if f.location not in known and f.denominator and f.value is not None:
            yield Instance("score", {"score": f, "score.max": f.denominator})


def _stated_rank(report: Report, pack: RulePack) -> Iterator[Instance]:
    facts = report.prose
    if facts is None:
        return
    known = _known(report)
    for f in facts.ranks:
        if f.location not in known and f.denominator and f.value is not None:
            yield Instance("rank", {"rank": f, "rank.of": f.denominator})


def _stated_axes(report: Report, pack: RulePack) -> Iterator[Instance]:
    """All the axes stated and the total, when the template's reader holds none of them:
    the axes stated are all of them when their maxima make the total's (18 + 20 + 12 +
    10 + 18 + 22 = 100; five axes in the index's older versions)."""
    facts = report.prose
    if facts is None or facts.total is None:
        return
    known = _known(report)
    axes = {a.key: a.score for a in facts.axes}
    total = facts.total
    if (
        total.location in known
        or len(axes) != len(facts.axes)
        or len(report.axes) == len(axes)
        or any(a.score.location in known for a in facts.axes)
        or sum(f.denominator or 0.0 for f in axes.values()) != total.denominator
    ):
        return
    names: dict[str, Bound] = {}
    _put(names, "total", total)
    if all(_num(f) for f in axes.values()):
        names["axis"] = list(axes.values())
    yield Instance("total", names)


def _stated_rank_change(report: Report, pack: RulePack) -> Iterator[Instance]:
    facts = report.prose
    for rc in facts.rank_changes if facts else []:
        names: dict[str, Bound] = {}
        for key, f in (("old", rc.old), ("new", rc.new), ("change", rc.change)):
            _put(names, key, f)
        yield Instance("rank", names)


def _stated_change(report: Report, pack: RulePack) -> Iterator[Instance]:
    from .prose_relations import change_readings  # which reading the words allow

    facts = report.prose
    for ch in facts.changes if facts else []:
        points, relative = change_readings(ch)
        if ch.points or not (points or relative):
            names: dict[str, Bound] = {}
            for key, f in (("old", ch.old), ("new", ch.new), ("change", ch.change)):
                _put(names, key, f)
            yield Instance(ch.new.kind.value, names)


# ----------------------------------------------------------------------------- last month


def _last_month(report: Report, previous: Report) -> Iterator[Instance]:
    """Each axis and the total, beside last month's published score of the same."""
    s = previous.appendix.summary if previous.appendix else None
    for st in [*report.axes, *([report.total] if report.total else [])]:
        if st.key == "total":
            last = previous.total.score if previous.total is not None else None
            if last is None and s is not None:
                last = s.new_score
        else:
            other = previous.axis(st.key)
            last = other.score if other is not None else None
        yield Instance(st.key, _with_change(st.score, st.change, st.trend, "score", last))


def _last_month_rank(report: Report, previous: Report) -> Iterator[Instance]:
    """The rank, beside last month's published rank. A rank is a whole number: it is
    bound exactly, so a place miscounted by one is not lost in rounding."""
    rk = report.rank
    if rk is None or rk.rank.value is None:
        return
    s = previous.appendix.summary if previous.appendix else None
    last = previous.rank.rank if previous.rank is not None else None
    if last is None and s is not None:
        last = s.new_rank
    exact = rk.rank.model_copy(update={"exact": True})
    yield Instance("rank", _with_change(exact, rk.change, rk.trend, "rank", last))


def _with_change(
    figure: Figure, change: Figure | None, trend: Trend | None, name: str, last: Figure | None
) -> dict[str, Bound]:
    names: dict[str, Bound] = {}
    _put(names, name, figure)
    _put(names, f"last.{name}", last)
    _put(names, "change", change)
    if "change" not in names and trend == Trend.SAME:  # "giữ nguyên": exactly no change
        names["unchanged"] = True
    return names


_AGAINST_PREVIOUS = {"last-month": _last_month, "last-month-rank": _last_month_rank}

_SCOPES = {
    "figure": _figure,
    "row": _row,
    "whole": _whole,
    "detail": _detail,
    "statement": _statement,
    "report": _report,
    "repeated": _repeated,
    "share": _share,
    "stated-parts": _stated_parts,
    "stated-levels": _stated_levels,
    "stated-score": _stated_score,
    "stated-rank": _stated_rank,
    "stated-axes": _stated_axes,
    "stated-rank-change": _stated_rank_change,
    "stated-change": _stated_change,
}
