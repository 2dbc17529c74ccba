"""Continuity between months: this report against last month's report of the same unit.

A monthly report restates last month's figures in its "old" columns and derives
its changes from them, so two consecutive reports of one unit overlap: this
month's old column is last month's new column, and this month's scores minus
the stated changes are last month's scores. A slip in the overlap is invisible
inside one report (old, new and change still add up) and shows only beside the
report it was copied from.

Every rule here reads ``ctx.previous`` and is silent without it (a plain
``lint``). The value rules compare only a true predecessor: same unit (CO013
otherwise) and the month before (DT010, or DT011 for a gap in a ``--series``
run, otherwise), because figures of another unit or month are expected to
differ, and reporting each of them would bury the one real problem.

A finding points at this month's figure; last month's figure is in ``related``,
a location in the other file, whose path is ``data["previous_path"]``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...engine import rule
from ...model.figure import Figure
from ...model.finding import Applicability, Finding, Severity
from ...model.location import Location
from ...model.report import Period, Report
from ...vn import normalize_label, previous_month
from ..bind import Instance, instances
from ..relations import Relation, instantiate
from ..runner import RuleContext

__all__ = [
    "implied_previous_rank_differs",
    "implied_previous_score_differs",
    "old_column_differs",
    "previous_period_not_previous_month",
    "previous_report_other_unit",
    "series_gap",
]


# --------------------------------------------------------------------------- helpers


def _index(p: Period) -> int:
    """Months since year 0: consecutive months differ by exactly 1, across New Year too."""
    return p.year * 12 + p.month - 1


def _mm_yyyy(index: int) -> str:
    return f"{index % 12 + 1:02d}/{index // 12}"


def _is_month_before(prev: Period, this: Period) -> bool:
    return (prev.year, prev.month) == previous_month(this.year, this.month)


def _unit(report: Report) -> str | None:
    name = report.header.unit_name
    return normalize_label(name) if name else None


def _other_unit(report: Report, prev: Report) -> bool:
    a, b = _unit(report), _unit(prev)
    return a is not None and b is not None and a != b


def _predecessor(report: Report, ctx: RuleContext) -> Report | None:
    """Last month's report when the value rules should compare with it, else ``None``.

    Both periods unknown is not a reason to stay silent: the user named the
    file as last month's, and the values are the best evidence there is.
    """
    prev = ctx.previous
    if prev is None or _other_unit(report, prev):
        return None
    this, last = report.period, prev.period
    if this is not None and last is not None and not _is_month_before(last, this):
        return None
    return prev


def _differs(a: Figure, b: Figure) -> bool:
    """No value both printed figures can stand for (and, for a/b, other denominators)."""
    if a.value is None or b.value is None:
        return False
    if a.denominator is not None and b.denominator is not None and a.denominator != b.denominator:
        return True
    return not a.interval.overlaps(b.interval)


def _render_change(change: Figure | None, needed: float, decimals: int) -> str | None:
    """The change that would be consistent, written like the stated one, if only the
    number (not the trend word) has to change; ``None`` otherwise."""
    if change is None or change.value is None or round(needed, decimals) == 0:
        return None
    if (needed > 0) != (change.value > 0):
        return None
    if change.sign in ("+", "-"):
        return change.render(needed, decimals=decimals)
    return change.render(abs(needed), decimals=decimals, plus=False)


def _broken(report: Report, ctx: RuleContext, scope: str) -> Iterator[tuple[Instance, Relation]]:
    """The pack's relations of this rule over ``scope`` that last month's report breaks:
    this month's figure and its stated change against last month's published one."""
    prev = _predecessor(report, ctx)
    if prev is None:
        return
    compiled = [
        c
        for r in ctx.pack.relations
        if r.code == ctx.rule.code and r.over == scope
        for c in r.compiled()
    ]
    for inst in instances(scope, report, ctx.pack, previous=prev):
        for c in compiled:
            for rel in instantiate(c, inst):
                if not rel.holds({}):
                    yield inst, rel


def _in_previous(finding: Finding, *at: Figure | Location | None) -> Finding:
    """Set ``related`` to locations in last month's file.

    :meth:`RuleContext.finding` drops a related location equal to the finding's
    own, which is right within one file; across two files of the same layout
    the same line is the common case and must be kept.
    """
    finding.related = [a.location if isinstance(a, Figure) else a for a in at if a is not None]
    return finding


def _previous_path(ctx: RuleContext) -> str:
    """Where ``related`` points: a location in this file, not in the linted one."""
    return ctx.previous.source if ctx.previous is not None else ""


# --------------------------------------------------------------------------- periods and units


@rule(
    code="DT010",
    name="previous-period-not-previous-month",
    title_vi="Báo cáo kỳ trước không phải của tháng trước",
    title_en="Previous report is not for the month before",
    severity=Severity.ERROR,
    message_vi="Báo cáo kỳ trước ({previous_path}) là của tháng {found}, "
    "nhưng tháng trước kỳ {period} là {expected}",
    message_en="The previous report ({previous_path}) is for {found}, "
    "but the month before {period} is {expected}",
)
def previous_period_not_previous_month(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The report given as last month's (``--previous``) is for the month before this
    report's period; January's is December of the year before.

    ## Why
    Continuity is checked only against the month before: another month's figures
    differ anyway. A wrong file (last year's February, the same month twice)
    would otherwise pass silently with no comparison made. In a ``--series`` run
    a missing month is reported as DT011 instead; this rule then fires only for
    two reports of the same month.
    """
    prev, this = ctx.previous, report.period
    if prev is None or prev.period is None or this is None:
        return
    p = prev.period
    if _is_month_before(p, this):
        return
    if ctx.series and _index(p) < _index(this) - 1:
        return  # a gap: DT011
    finding = ctx.finding(
        this.location,
        found=_mm_yyyy(_index(p)),
        expected=_mm_yyyy(_index(this) - 1),
        period=_mm_yyyy(_index(this)),
        previous_path=_previous_path(ctx),
    )
    yield _in_previous(finding, p.location)


@rule(
    code="DT011",
    name="series-gap",
    title_vi="Chuỗi báo cáo thiếu tháng",
    title_en="Months missing from the series",
    severity=Severity.WARNING,
    message_vi="Thiếu báo cáo tháng {missing} giữa tháng {previous_period} và tháng {period}",
    message_en="No report for {missing} between {previous_period} and {period}",
)
def series_gap(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """In a ``--series`` run, the months between a report and its predecessor are
    missing. Reported once, on the first report after the gap.

    ## Why
    A folder of monthly reports is the unit's archive: a month that is missing
    was either never issued or never filed, and the continuity of the months
    around it cannot be checked.
    """
    prev, this = ctx.previous, report.period
    if not ctx.series or prev is None or prev.period is None or this is None:
        return
    first, last = _index(prev.period) + 1, _index(this) - 1
    if first > last:
        return
    missing = [_mm_yyyy(i) for i in range(first, last + 1)]
    finding = ctx.finding(
        this.location,
        missing=", ".join(missing),
        months=missing,
        previous_period=_mm_yyyy(first - 1),
        period=_mm_yyyy(last + 1),
        previous_path=_previous_path(ctx),
    )
    yield _in_previous(finding, prev.period.location)


@rule(
    code="CO013",
    name="previous-report-other-unit",
    title_vi="Báo cáo tháng trước của đơn vị khác",
    title_en="Last month's report is for another unit",
    severity=Severity.WARNING,
    message_vi="Báo cáo tháng trước ({previous_path}) là của {previous_unit}, không phải {unit}",
    message_en='Last month\'s report ({previous_path}) is for "{previous_unit}", not "{unit}"',
)
def previous_report_other_unit(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Last month's report is of the same unit as this one.

    ## Why
    A folder of one commune's reports sometimes holds a neighbour's; comparing
    figures across units would report every row, so the values are not compared
    and this one finding says why.
    """
    prev = ctx.previous
    if prev is None or not _other_unit(report, prev):
        return
    h, ph = report.header, prev.header
    at = Location()
    if h.issuer is not None:
        at = h.issuer.location
    elif report.period is not None:
        at = report.period.location
    finding = ctx.finding(
        at,
        found=h.unit_name,
        unit=h.unit_name or "",
        previous_unit=ph.unit_name or "",
        previous_path=_previous_path(ctx),
    )
    yield _in_previous(finding, ph.issuer.location if ph.issuer is not None else None)


# --------------------------------------------------------------------------- figures


def _old_new_pairs(report: Report, prev: Report) -> Iterator[tuple[Figure, Figure, str, str]]:
    """(this month's old figure, last month's new figure, subject, role), row by row."""
    if report.appendix is not None and prev.appendix is not None:
        for row in report.appendix.rows:
            if row.level == "section" or row.code is None:
                continue
            other = prev.appendix.row(row.code)
            if other is None:
                continue
            for role, fig in row.figures.items():
                if role.startswith("old."):
                    new = other.figures.get("new" + role[3:])
                    if new is not None:
                        yield fig, new, row.code, role
        s, ps = report.appendix.summary, prev.appendix.summary
        if s is not None:
            new_score = ps.new_score if ps is not None else None
            new_rank = ps.new_rank if ps is not None else None
            if new_score is None and prev.total is not None:
                new_score = prev.total.score
            if new_rank is None and prev.rank is not None:
                new_rank = prev.rank.rank
            if s.old_score is not None and new_score is not None:
                yield s.old_score, new_score, "total", "old.score"
            if s.old_rank is not None and new_rank is not None:
                yield s.old_rank, new_rank, "total", "old.rank"
    for item in report.details:
        other_item = next((d for d in prev.details if d.number == item.number), None)
        if other_item is None:
            continue
        news: dict[str, list[Figure]] = {}
        for f in other_item.figures:
            if f.role is not None and (f.role == "new" or f.role.startswith("new.")):
                news.setdefault(f.role[3:], []).append(f)
        seen: dict[str, int] = {}
        for f in item.figures:
            if f.role is None or not (f.role == "old" or f.role.startswith("old.")):
                continue
            suffix = f.role[3:]
            k = seen.get(suffix, 0)
            seen[suffix] = k + 1
            candidates = news.get(suffix, [])
            if k < len(candidates):  # the k-th old of a kind is the k-th new of that kind
                yield f, candidates[k], f"appendix2.{item.number}", f.role


@rule(
    code="CO010",
    name="old-column-differs-from-last-month",
    title_vi="Số liệu kỳ trước khác báo cáo tháng trước",
    title_en="Old column differs from last month's report",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi="{subject}: số liệu kỳ trước {found} khác số liệu kỳ này "
    "trong báo cáo tháng trước ({previous})",
    message_en="{subject}: the old figure {found} differs from the new figure "
    "in last month's report ({previous})",
)
def old_column_differs(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """This month's "old" column is last month's "new" column, row by row: Appendix I
    rows matched by indicator code, its total score and rank, and the Appendix II
    items matched by number. Printed precision is the tolerance (70,8% matches
    70,83%).

    ## Why
    The old column is copied from last month's report. A slip in the copy keeps
    old + change = new inside this report, so only last month's report shows it.

    ## Fix
    Copy last month's figure (the suggestion); the published report is the
    reference.
    """
    prev = _predecessor(report, ctx)
    if prev is None:
        return
    for old, new, subject, role in _old_new_pairs(report, prev):
        if not _differs(old, new):
            continue
        # a/b is copied as written; a number is written in this figure's style
        expected = new.raw
        if old.denominator is None and new.value is not None:
            expected = old.render(new.value, decimals=new.decimals)
        finding = ctx.finding(
            old,
            expected=expected,
            subject=subject,
            role=role,
            previous=new.raw,
            previous_path=_previous_path(ctx),
        )
        yield _in_previous(finding, new)


@rule(
    code="CO011",
    name="implied-previous-score-differs",
    title_vi="Điểm tháng trước suy ra không khớp báo cáo tháng trước",
    title_en="Implied previous score differs from last month's",
    severity=Severity.ERROR,
    message_vi="{subject}: theo báo cáo này điểm tháng trước là {implied}, "
    "nhưng báo cáo tháng trước ghi {previous}",
    message_en="{subject}: this report implies last month's score was {implied}, "
    "but last month's report says {previous}",
    relations=("previous-change",),
)
def implied_previous_score_differs(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Each axis score and the total minus its stated change ("tăng 1,2 điểm") is
    last month's score, within printed precision.

    ## Why
    The change is worked out by hand from two portal screens. A change that does
    not lead back to last month's published score is wrong, or the score is.
    The finding points at the change (at the score when the text says "giữ
    nguyên"), and suggests the change that would fit when only the number is off.
    """
    for inst, rel in _broken(report, ctx, "last-month"):
        st = report.axis(inst.subject) if inst.subject != "total" else report.total
        last, change = inst.names["last.score"], inst.names.get("change")
        assert st is not None and isinstance(last, Figure)
        assert change is None or isinstance(change, Figure)
        d = max(st.score.decimals, change.decimals if change is not None else 0)
        implied = rel.required(last, {})
        needed = rel.required(change, {}) if change is not None else None
        finding = ctx.finding(
            change if change is not None else st.score,
            expected=None
            if needed is None or change is None
            else _render_change(change, needed.mid, change.decimals),
            subject=st.key,
            label=st.label,
            role="change",
            implied=round(implied.mid, d) if implied is not None else "",
            previous=last.raw,
            previous_path=_previous_path(ctx),
        )
        yield _in_previous(finding, last)


@rule(
    code="CO012",
    name="implied-previous-rank-differs",
    title_vi="Thứ hạng tháng trước suy ra không khớp báo cáo tháng trước",
    title_en="Implied previous rank differs from last month's",
    severity=Severity.ERROR,
    message_vi="Theo báo cáo này thứ hạng tháng trước là {implied}, "
    "nhưng báo cáo tháng trước ghi {previous}",
    message_en="This report implies last month's rank was {implied}, "
    "but last month's report says {previous}",
    relations=("rank-change",),
)
def implied_previous_rank_differs(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The rank plus its stated change ("tăng 7 bậc" from 05 gives 12; "giảm 2 bậc"
    from 05 gives 03) is last month's rank.

    ## Why
    Places gained are counted by hand from two rankings; a miscount, or "tăng"
    for "giảm", shows only against last month's published rank.
    """
    rk = report.rank
    for inst, rel in _broken(report, ctx, "last-month-rank"):
        last, change = inst.names["last.rank"], inst.names.get("change")
        assert rk is not None and isinstance(last, Figure)
        assert change is None or isinstance(change, Figure)
        implied = rel.required(last, {})
        needed = rel.required(change, {}) if change is not None else None
        finding = ctx.finding(
            change if change is not None else rk.rank,
            expected=None
            if needed is None or change is None
            else _render_change(change, needed.mid, 0),
            subject="rank",
            role="rank-change",
            implied=round(implied.mid) if implied is not None else "",
            previous=last.raw,
            previous_path=_previous_path(ctx),
        )
        yield _in_previous(finding, last)
