"""The report against the portal's own figures (``lint --portal DIR``), and the
portal's figures against themselves (PT101–PT149, also run by ``check-table DIR``).

A report can agree with itself and still be wrong: a figure copied from last
month's screen, another commune's row, a score mistyped in the text and the
appendix alike. Only the source catches those. Every rule here is silent
without ``--portal``; with it, the report's unit is found among the portal's
units (PT001/PT002), the months must agree (PT003), and then every figure both
give is compared within the printed precision (PT010/PT011). Which report
figure copies which portal figure, and which relations the portal's figures
satisfy, is data: ``rules/portal.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ...engine import rule
from ...model.figure import Figure, FigureKind
from ...model.finding import Finding, Severity
from ...model.location import Location
from ...model.report import Report
from ...vn import last_day_of_month
from ..runner import RuleContext

__all__ = ["PortalOptions", "relation_finding"]

_NOTHING_VI = "không đối chiếu số liệu nào"
_NOTHING_EN = "nothing was compared"


class PortalOptions(BaseModel):
    """``grace_days``: a capture up to this many days after the month's end (or before
    the report's issue date) is what the report should have copied: a difference is
    an error. A later capture gives a warning, because the portal's figures move as
    late files are synchronised."""

    model_config = ConfigDict(extra="forbid")
    grace_days: int = Field(default=5, ge=0)


def _bound(report: Report, ctx: RuleContext) -> Any:
    if ctx.portal is None:  # before any import: without --portal, no pandas
        return None
    from ...portal.bind import PortalInput, bind

    if not isinstance(ctx.portal, PortalInput):
        return None
    return bind(report, ctx.portal)


def _where(report: Report) -> Location:
    h = report.header
    return h.issuer.location if h.issuer else Location(line=1)


@rule(
    code="PT001",
    name="portal-unit-not-found",
    title_vi="Không tìm thấy đơn vị trên Cổng DVCQG",
    title_en="Unit not found on the portal",
    severity=Severity.WARNING,
    message_vi="Không tìm thấy đơn vị «{unit}» trong số liệu Cổng DVCQG; " + _NOTHING_VI,
    message_en="The unit «{unit}» is not among the portal's units; " + _NOTHING_EN,
)
def portal_unit_not_found(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The report's unit must be one of the portal's units before anything is compared.

    ## Why
    Comparing a commune's report with another unit's figures would produce a finding
    for every figure. When the name in the report's header matches no unit of the
    portal data (with or without "UBND", the level word, the province suffix, in any
    case or Unicode form), nothing is compared and this says so: usually the folder is
    another province's, or the header names the unit in an unexpected way.
    """
    b = _bound(report, ctx)
    if b is not None and not b.match.candidates:
        yield ctx.finding(_where(report), found=b.written or None, unit=b.written)


@rule(
    code="PT002",
    name="portal-unit-ambiguous",
    title_vi="Tên đơn vị khớp nhiều đơn vị trên Cổng DVCQG",
    title_en="Unit name matches several portal units",
    severity=Severity.WARNING,
    message_vi="«{unit}» khớp nhiều đơn vị trên Cổng DVCQG ({candidates}); " + _NOTHING_VI,
    message_en="«{unit}» matches several portal units ({candidates}); " + _NOTHING_EN,
)
def portal_unit_ambiguous(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """When the report's unit name fits more than one portal unit, none is chosen.

    ## Why
    "Phú Thọ" is a province and a ward; "Hòa Bình" without its level word may be a
    commune and a ward. Guessing would compare the report with the wrong unit's
    figures, so nothing is compared. Writing the level word in the header ("UBND xã
    …") settles it.
    """
    b = _bound(report, ctx)
    if b is not None and b.unit is None and len(b.match.candidates) > 1:
        names = "; ".join(f"«{ctx.portal.names[c]}»" for c in b.match.candidates)
        yield ctx.finding(_where(report), found=b.written, unit=b.written, candidates=names)


@rule(
    code="PT003",
    name="portal-period-differs",
    title_vi="Kỳ báo cáo khác kỳ của số liệu Cổng DVCQG",
    title_en="Report period differs from the portal data's",
    severity=Severity.WARNING,
    message_vi="Báo cáo kỳ {found}, số liệu Cổng DVCQG kỳ {expected}; " + _NOTHING_VI,
    message_en="The report is for {found}, the portal data for {expected}; " + _NOTHING_EN,
)
def portal_period_differs(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The report's month must be the month the portal data was captured for.

    ## Why
    Last month's figures differ from this month's everywhere: comparing them would
    flag every figure. The period comes from the capture record (``CAPTURES.json``)
    or from ``--period`` for files without one.
    """
    b = _bound(report, ctx)
    if b is None or b.unit is None or b.period_ok or report.period is None:
        return
    periods = ", ".join(ctx.portal.data.periods)
    yield ctx.finding(report.period.location, found=report.period.key, expected=periods)


def _figure(report: Report, ref: str) -> tuple[Figure | None, str]:
    """The report's figure for a pack reference, and what to call it (as the report does)."""
    st = (
        report.total
        if ref == "total"
        else report.axis(ref[5:])
        if ref.startswith("axis.")
        else None
    )
    if st is not None:
        return st.score, st.key
    if ref == "appendix.total":  # the closing row of Appendix I: "Đạt 92,10/100 điểm"
        summary = report.appendix.summary if report.appendix else None
        return (summary.new_score if summary else None), "appendix-total"
    code, _, role = ref.partition(".new.")
    row = report.appendix.row(code) if report.appendix and role else None
    return (row.figures.get(f"new.{role}"), code) if row else (None, ref)


def _issue_date(report: Report) -> date | None:
    d = report.header.issue_date
    if d is None or d.placeholder or not d.valid or None in (d.year, d.month, d.day):
        return None
    try:
        return date(d.year or 0, d.month or 0, d.day or 0)
    except ValueError:
        return None


def _severity(report: Report, ctx: RuleContext, captured: date) -> Severity:
    """Error for a capture the report should have copied; warning for a later one."""
    if ctx.severity is not None:
        return ctx.severity
    assert isinstance(ctx.options, PortalOptions) and report.period is not None
    issued = _issue_date(report)
    end = last_day_of_month(report.period.year, report.period.month)
    early = captured <= end + timedelta(days=ctx.options.grace_days)
    before_issue = issued is not None and captured < issued
    return Severity.ERROR if early or before_issue else Severity.WARNING


def _compare(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    b = _bound(report, ctx)
    if b is None or b.unit is None or not b.period_ok or report.period is None:
        return
    import numpy as np

    from ...portal.bind import PortalInput
    from ...portal.evaluate import holds, value
    from ...portal.pack import portal_pack
    from ...portal.relations import indicators_used

    assert isinstance(ctx.portal, PortalInput)
    data, view = ctx.portal.data, ctx.portal.view
    keys = np.array([f"{b.unit}\x1f{report.period.key}"])
    none = np.array([-1], dtype=np.intp)
    for c in portal_pack().compare:
        fig, subject = _figure(report, c.figure)
        if c.code != ctx.rule.code or fig is None or fig.value is None:
            continue
        if c.when is not None:
            cond = holds(view, c.when, none, keys)
            if not (cond.checked[0] and not cond.failed[0]):
                continue
        portal = value(view, c.portal, none, keys)
        if not portal.known[0]:
            continue  # a figure the portal does not give is not checked
        mine = fig.interval
        if mine.lo <= portal.hi[0] + 1e-9 and portal.lo[0] <= mine.hi + 1e-9:
            continue
        caps = [data.captured(i) for i in sorted(indicators_used(c.portal))]
        when = max(x.captured_at for x in caps if x is not None and x.captured_at is not None)
        decimals = 0 if fig.kind == FigureKind.COUNT else 2
        expected = fig.render(float(portal.mid[0]), decimals=decimals, plus=False)
        yield ctx.finding(
            fig,
            expected=expected,
            severity=_severity(report, ctx, when.date()),
            subject=subject,
            captured=when.strftime("%d/%m/%Y"),
            portal=c.portal,
        )


@rule(
    code="PT010",
    name="portal-score-differs",
    title_vi="Điểm khác điểm trên Cổng DVCQG",
    title_en="Score differs from the portal's",
    severity=Severity.ERROR,
    message_vi="{subject}: báo cáo ghi {found}, Cổng DVCQG ngày {captured} ghi {expected}",
    message_en="{subject}: the report says {found}, the portal on {captured} says {expected}",
    options=PortalOptions,
)
def portal_score_differs(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """An axis score or the total must be the portal's, within the printed precision.

    ## Why
    The scores are computed by the portal; a report copies them. A score that agrees
    with the rest of the report can still be last month's, another unit's, or
    mistyped in the text and the appendix alike; only the source shows it. "15,8"
    stands for 15,75–15,85 and agrees with the portal's 15,81. The total, in the text
    and in Appendix I's closing row, is compared with the sum of the portal's six axis
    scores (the index's total is their sum).

    ## Severity
    An error when the portal data was captured before the report's issue date or
    within ``grace_days`` (default 5) after the month's end; a warning for a later
    capture, because the portal's figures move as late files are synchronised.
    """
    yield from _compare(report, ctx)


@rule(
    code="PT011",
    name="portal-figure-differs",
    title_vi="Số liệu Phụ lục I khác số liệu trên Cổng DVCQG",
    title_en="Appendix I figure differs from the portal's",
    severity=Severity.ERROR,
    message_vi="{subject}: báo cáo ghi {found}, Cổng DVCQG ngày {captured} ghi {expected}",
    message_en="{subject}: the report says {found}, the portal on {captured} says {expected}",
    options=PortalOptions,
)
def portal_figure_differs(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A count or rate of Appendix I must be the portal's, within the printed precision.

    ## Why
    Row 2.1's on-time rate is the portal's ``totalOnTime``/``totalReceived``; row 2.2
    its overdue share; rows 5.1, 5.2, 6.1, 6.2 and 6.4 the rates of the matching
    metrics (``rules/portal.yaml`` lists them). Row 1.2 is not compared: the portal
    marks its denominator as provisional. A figure the portal does not give is not
    checked.

    ## Severity
    As PT010: an error for a capture the report should have copied, a warning for a
    later one.
    """
    yield from _compare(report, ctx)


# ------------------------------------------------------------------ the portal's own data


def _dates(captured: tuple[str, ...], lang: str) -> str:
    if not captured:
        return ""
    shown = [f"{d[8:10]}/{d[5:7]}/{d[:4]}" for d in captured]
    if lang == "en":
        return f" (captured {' and '.join(shown)})"
    return f" (số liệu lấy ngày {' và '.join(shown)})"


def _plain(v: float) -> str:
    return f"{round(v, 2):.10g}"


def relation_finding(ctx: RuleContext, failure: Any, table: Any) -> Finding:
    """A finding for one failure of a portal relation (``portal.relations.Failure``)."""
    r = failure.row
    unit, period = str(table["unit_name"].iat[r]), str(table["period"].iat[r])
    indicator = str(table["indicator"].iat[r])
    sev = failure.relation.severity
    return ctx.finding(
        Location(
            # the province row (item 0) is no row of the file's list: the message names it
            sheet=str(table["file"].iat[r]),
            row=int(table["item"].iat[r]) or None,
            indicator=indicator,
        ),
        found=_plain(failure.found),
        expected=_plain(failure.expected),
        severity=ctx.severity or (Severity(sev) if sev else None),
        where=f"{unit} · {period} · {indicator}",
        check=failure.relation.check,
        dates=_dates(failure.captured, ctx.lang),
        unit_id=str(table["unit_id"].iat[r]),
        period=period,
    )


def _own(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The portal's relations of this rule's code, on the report's unit's rows."""
    b = _bound(report, ctx)
    if b is None or b.unit is None or not b.period_ok or report.period is None:
        return
    import numpy as np

    from ...portal.bind import PortalInput
    from ...portal.pack import portal_pack
    from ...portal.relations import evaluate_relations

    assert isinstance(ctx.portal, PortalInput)
    table = ctx.portal.data.table
    mine = (table["unit_id"].astype(str) == b.unit) & (table["period"] == report.period.key)
    pack = portal_pack()
    pack = pack.model_copy(
        update={"relations": [r for r in pack.relations if r.code == ctx.rule.code]}
    )
    rows = np.flatnonzero(mine.to_numpy()).astype(np.intp)
    for f in evaluate_relations(table, pack, rows=rows, view=ctx.portal.view):
        yield relation_finding(ctx, f, table)


def _own_rule(code: str, name: str, vi: str, en: str, msg_vi: str, msg_en: str, doc: str) -> None:
    def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
        yield from _own(report, ctx)

    check.__doc__ = doc
    check.__name__ = name.replace("-", "_")
    severity = Severity.WARNING if code == "PT107" else Severity.ERROR
    rule(
        code=code,
        name=name,
        title_vi=vi,
        title_en=en,
        severity=severity,
        message_vi=msg_vi + "{dates}",
        message_en=msg_en + "{dates}",
    )(check)


_SHARED_DOC = """

    ## Where
    ``check-table DIR`` runs it over every unit of the portal data; ``lint --portal
    DIR`` over the report's unit, because a report that copies a figure the portal
    contradicts itself on cannot be judged by that figure. The relation is stated in
    ``rules/portal.yaml`` only where the recorded data shows it for every unit
    (``docs/portal.md`` lists the checks and the findings on the recorded data).
"""

_own_rule(
    "PT101",
    "portal-rate-mismatch",
    "Tỷ lệ trên Cổng không khớp số lượng/tổng số",
    "Portal rate disagrees with its count over its total",
    "{where}: tỷ lệ {found} khác {expected} tính theo {check}",
    "{where}: the rate {found} differs from {expected} computed as {check}",
    """A portal rate is its count over its total (or an axis's score over its maximum).

    ## Why
    The portal prints rates rounded to 2 decimals: 486/588 is 82,65%. A rate that is
    not its own count over its total, beyond that rounding, means one of the three
    figures is not what the portal computed from."""
    + _SHARED_DOC,
)
_own_rule(
    "PT102",
    "portal-score-mismatch",
    "Điểm trên Cổng không khớp công thức",
    "Portal score disagrees with its formula",
    "{where}: điểm {found} khác {expected} tính theo {check}",
    "{where}: the score {found} differs from {expected} computed as {check}",
    """A portal score is its maximum times its rate, for the indicators whose formula
    the portal pack states.

    ## Why
    Tiến độ giải quyết is 20 × the on-time rate, an axis's score on the portal is its
    maximum × its rate. The capped formulas (satisfaction full from 90%, reuse of
    digitised data full from 80%) reproduce every unit of the recorded data but are not
    written in the decision: they are warnings."""
    + _SHARED_DOC,
)
_own_rule(
    "PT103",
    "portal-overdue-mismatch",
    "Số hồ sơ quá hạn trên Cổng khác tiếp nhận trừ đúng hạn",
    "Portal overdue count is not received less on time",
    "{where}: số hồ sơ quá hạn {found} khác {expected} tính theo {check}",
    "{where}: the overdue count {found} differs from {expected} computed as {check}",
    """Files overdue are the files received less the files settled on time.

    ## Why
    ``totalOverdue`` = ``totalReceived`` − ``totalOnTime`` for every unit of the
    recorded data; a break means one of the three counts is stale."""
    + _SHARED_DOC,
)
_own_rule(
    "PT104",
    "portal-parent-sum-mismatch",
    "Số của tỉnh trên Cổng khác tổng các đơn vị",
    "Portal province count is not the sum of its units",
    "{where}: {found} khác tổng của các đơn vị trực thuộc ({expected}, {check})",
    "{where}: {found} is not the sum over its units ({expected}, {check})",
    """The province's count of files is the sum of its units' counts.

    ## Why
    Files are counted once, by the unit that handles them, so the province's count is
    the sum. Counts of procedures (a procedure offered by every commune is one
    procedure for the province) and of petitions (the province receives its own) are
    not sums, and the pack does not state them."""
    + _SHARED_DOC,
)
_own_rule(
    "PT105",
    "portal-score-out-of-range",
    "Điểm trên Cổng nằm ngoài 0 đến điểm tối đa",
    "Portal score outside 0 to its maximum",
    "{where}: điểm {found} vượt giới hạn {expected} ({check})",
    "{where}: the score {found} is beyond its bound {expected} ({check})",
    """Every portal score lies between 0 and its maximum.

    ## Why
    A score above its maximum or below 0 cannot come from the index's formulas."""
    + _SHARED_DOC,
)
_own_rule(
    "PT106",
    "portal-axis-sum-mismatch",
    "Điểm trục trên Cổng khác tổng điểm các chỉ tiêu",
    "Portal axis score is not the sum of its metrics",
    "{where}: điểm trục {found} khác tổng điểm các chỉ tiêu ({expected})",
    "{where}: the axis score {found} is not the sum of its metrics' scores ({expected})",
    """An axis score is the sum of its metrics' scores (a metric the portal leaves null
    counts as 0, as the portal counts it).

    ## Why
    Công khai, minh bạch, Mức độ hài lòng and Số hóa hồ sơ are sums of their metrics on
    the portal; a break means an axis score and its metrics were not computed together.
    """
    + _SHARED_DOC,
)
_own_rule(
    "PT107",
    "portal-endpoints-disagree",
    "Hai API của Cổng đếm khác nhau cùng một số hồ sơ",
    "Two portal endpoints count the same files differently",
    "{where}: {found} hồ sơ, API khác ghi {expected} ({check})",
    "{where}: {found} files, the other endpoint says {expected} ({check})",
    """Two endpoints that count the month's files must agree.

    ## Why
    The satisfaction and digitisation endpoints count the files received in the month
    as the progress endpoint does; they agree wherever they were captured at the same
    moment. A difference is a warning with both capture dates: the portal's counts move
    as late files are synchronised, so captures two days apart may differ by a few
    files. Compare the report with the capture nearest its issue date."""
    + _SHARED_DOC,
)
