"""Dates and periods: real calendar dates, the right comparison dates, one period everywhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ...engine import rule
from ...model.finding import Applicability, Finding, Severity
from ...model.report import DateRef, Report
from ...vn import last_day_of_month, previous_month
from ..runner import RuleContext


def _fmt_like(d: DateRef, target: date) -> str:
    """``target`` written the way ``d`` was written: same words, case, separators and
    zero padding; only the numbers change."""
    parts = {
        "numeric": [target.day, target.month, target.year],
        "written": [target.day, target.month, target.year],
        "month": [target.month, target.year],
    }[d.style]
    groups = list(re.finditer(r"\d+", d.raw))
    if len(groups) < len(parts):  # a blank day: only month and year are written
        parts = parts[-len(groups) :]
    out, pos = [], 0
    for m, value in zip(groups, parts, strict=False):
        width = len(m.group(0)) if m.group(0).startswith("0") or len(m.group(0)) == 2 else 1
        out.append(d.raw[pos : m.start()] + str(value).zfill(width))
        pos = m.end()
    return "".join(out) + d.raw[pos:]


def _months_other_than(
    report: Report, ctx: RuleContext, role: str, month: tuple[int, int]
) -> Iterator[Finding]:
    """Dates in ``role`` that name another month, each with that month written its way."""
    for d in report.dates:
        if d.role == role and d.ym is not None and d.ym != month:
            expected = _fmt_like(d, date(month[0], month[1], 1))
            yield ctx.finding(d.location, found=d.raw, expected=expected, subject=d.context)


@rule(
    code="DT001",
    name="impossible-date",
    title_vi="Ngày không có thật",
    title_en="Date does not exist",
    severity=Severity.ERROR,
    message_vi="Ngày {found} không có trên lịch",
    message_en="The date {found} does not exist",
)
def impossible_date(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Every complete date is a real calendar date: no 30/02, no 29/02 outside leap years."""
    for d in report.dates:
        if not d.placeholder and d.day is not None and not d.valid:
            yield ctx.finding(d.location, found=d.raw, subject=d.context)


@rule(
    code="DT002",
    name="comparison-date-wrong",
    title_vi="Ngày so sánh không đúng kỳ báo cáo",
    title_en="Comparison date does not fit the period",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi="{found} ở tiêu đề cột ({side}) phải là {expected}, ngày cuối tháng {month} ({reason})",
    message_en="{found} in the column header of the {side} figures should be {expected}, "
    "the last day of {month} ({reason})",
)
def comparison_date_wrong(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The "old" columns compare with the last day of the previous month and the "new"
    ones with the last day of the reporting month; January compares with 31/12 of the
    year before, and February ends on the 28th or the 29th.

    ## Why
    "29/01/2024" in a February report is a month typed wrong for 29/02/2024.
    """
    p = report.period
    if p is None:
        return
    py, pm = previous_month(p.year, p.month)
    expect = {
        "old": last_day_of_month(py, pm),
        "change-ref": last_day_of_month(py, pm),
        "new": last_day_of_month(p.year, p.month),
    }
    for d in report.dates:
        target = expect.get(d.role)
        if target is None or d.day is None or d.month is None or d.year is None:
            continue
        if (d.year, d.month, d.day) != (target.year, target.month, target.day):
            yield ctx.finding(
                d.location,
                found=d.raw,
                expected=_fmt_like(d, target),
                side=d.role,
                month=f"{target.month:02d}/{target.year}",
                subject=d.context,
                reason=_date_reason(d, target, ctx.lang),
                model="month-slip" if _month_slip(d, target) else "computed",
            )


def _month_slip(d: DateRef, target: date) -> bool:
    """The day and year are right and the month is one off: "29/01/2024" for 29/02/2024,
    the month of the previous report left in a copied header."""
    if d.month is None or d.year is None:
        return False
    months = d.year * 12 + d.month - (target.year * 12 + target.month)
    return d.day == target.day and abs(months) == 1


def _date_reason(d: DateRef, target: date, lang: str) -> str:
    if _month_slip(d, target):
        was, want = f"{d.month:02d}", f"{target.month:02d}"
        if lang == "en":
            return f"the month may be mistyped: {was} for {want}"
        return f"có thể gõ nhầm tháng: {was} thay cho {want}"
    if lang == "en":
        return "comparison dates are month ends"
    return "ngày so sánh là ngày cuối tháng"


@rule(
    code="DT003",
    name="period-mismatch",
    title_vi="Kỳ báo cáo ghi không thống nhất",
    title_en="Period written inconsistently",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi="{found} khác kỳ báo cáo {expected}",
    message_en="{found} differs from the reporting period {expected}",
)
def period_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The period is the same in the subject line, the text, the appendix titles.

    ## Why
    A month named in running text may be the period or a month the text merely
    mentions ("kết quả tháng 01/2025 …"): that reading is unsure, so it is a warning
    there, and an error only where a month can only be the period (subject, titles).
    """
    p = report.period
    if p is None:
        return
    for f in _months_other_than(report, ctx, "period", (p.year, p.month)):
        if f.data.get("subject") == "text" and ctx.severity is None:  # no user override
            f = f.model_copy(update={"severity": Severity.WARNING})
        yield f


@rule(
    code="DT004",
    name="compared-month-wrong",
    title_vi="Tháng so sánh không phải tháng trước",
    title_en="Compared month is not the previous month",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi="So sánh với {found} nhưng tháng trước kỳ báo cáo là {expected}",
    message_en="Compared with {found}, but the month before the period is {expected}",
)
def compared_month_wrong(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """ "so với tháng 01/2024" in a February report: the comparison month is the previous one."""
    p = report.period
    if p is None:
        return
    yield from _months_other_than(report, ctx, "compared", previous_month(p.year, p.month))


@rule(
    code="DT005",
    name="new-not-after-old",
    title_vi="Ngày mới không sau ngày cũ",
    title_en="New date is not after the old one",
    severity=Severity.ERROR,
    message_vi="Ngày mới {found} không sau ngày cũ {old}",
    message_en="The new date {found} is not after the old date {old}",
)
def new_not_after_old(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Within one table header the "new" date comes after the "old" one. Reported only
    when the period is unknown; otherwise DT002 names the exact date to write."""
    if report.period is not None:
        return
    by_ctx: dict[str, dict[str, DateRef]] = {}
    for d in report.dates:
        if d.role in ("old", "new") and d.valid and d.day is not None:
            by_ctx.setdefault(d.context, {}).setdefault(d.role, d)
    for pair in by_ctx.values():
        old, new = pair.get("old"), pair.get("new")
        if old and new and (new.year, new.month, new.day) <= (old.year, old.month, old.day):
            yield ctx.finding(new.location, found=new.raw, old=old.raw, related=[old.location])


@rule(
    code="DT006",
    name="issue-before-period-end",
    title_vi="Ngày ban hành trước khi hết kỳ",
    title_en="Issued before the period ended",
    severity=Severity.ERROR,
    message_vi="Ngày ban hành {found} trước khi kỳ {period} kết thúc",
    message_en="Issue date {found} is before the end of the period {period}",
)
def issue_before_period_end(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A monthly report is issued after its month ends (a blank day still has a month)."""
    d, p = report.header.issue_date, report.period
    if d is None or p is None or d.ym is None:
        return
    end = last_day_of_month(p.year, p.month)
    day = d.day if d.day is not None and d.valid else 31
    if (d.year, d.month) < (end.year, end.month) or (
        (d.year, d.month) == (end.year, end.month) and day < end.day
    ):
        yield ctx.finding(d.location, found=d.raw, period=f"{p.month:02d}/{p.year}")


@rule(
    code="DT007",
    name="legal-basis-mismatch",
    title_vi="Căn cứ pháp lý không đúng",
    title_en="Legal basis cited wrongly",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi="Căn cứ ghi {found}, đúng là {expected}",
    message_en="The basis cites {found}; it is {expected}",
)
def legal_basis_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The cited decision and its date match the pack (766/QĐ-TTg of 23/6/2022)."""
    h, lb = report.header, ctx.pack.legal_basis
    if h.legal_number and h.legal_number != lb.number and h.legal_basis is not None:
        yield ctx.finding(h.legal_basis.location, found=h.legal_number, expected=lb.number)
    d = h.legal_date
    if d is not None and d.day is not None and d.month is not None:
        want = [int(x) for x in lb.date.split("/")]
        if [d.day, d.month, d.year] != want:
            yield ctx.finding(
                d.location, found=d.raw, expected=_fmt_like(d, date(want[2], want[1], want[0]))
            )


@rule(
    code="DT008",
    name="unit-words-after-reform",
    title_vi="Đơn vị hành chính không còn tồn tại trong kỳ",
    title_en="Unit words do not fit the period",
    severity=Severity.WARNING,
    message_vi='Kỳ {period} sau 1/7/2025 không còn cấp huyện, thị trấn, nhưng báo cáo ghi "{found}"',
    message_en='Period {period} is after 1/7/2025 (no districts, no "thị trấn" towns), but the report says "{found}"',
)
def unit_words_after_reform(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """From 1/7/2025 Vietnam has two levels of local government (34 provinces, 3,321
    communes): a ranking "among xã, thị trấn" or a district report is out of date."""
    p = report.period
    if p is None or f"{p.year:04d}-{p.month:02d}" < ctx.pack.two_level_from[:7]:
        return
    if report.rank is not None and any(
        w in report.rank.group.lower() for w in ("thị trấn", "huyện", "quận")
    ):
        yield ctx.finding(report.rank.location, found=report.rank.group, period=p.key)
    h = report.header
    if h.unit_level in ("huyện", "quận", "thị xã", "thị trấn") and h.issuer is not None:
        yield ctx.finding(h.issuer.location, found=h.issuer.text, period=p.key)


@rule(
    code="DT009",
    name="date-line-format",
    title_vi="Dòng ngày tháng chưa đúng Nghị định 30/2020",
    title_en="Date line does not follow Decree 30/2020",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    message_vi="{found}: ngày dưới 10 và tháng 1, 2 phải có số 0 ở trước ({expected})",
    message_en="{found}: days below 10 and months 1 and 2 take a leading zero ({expected})",
)
def date_line_format(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Nghị định 30/2020: "ngày 05 tháng 02 năm 2024", "tháng 3" (no zero from March on)."""
    d = report.header.issue_date
    if d is None or d.style != "written" or d.month is None:
        return
    bad_day = d.day_text is not None and d.day is not None and d.day < 10 and len(d.day_text) == 1
    mt = d.month_text or ""
    bad_month = (d.month <= 2 and len(mt) == 1) or (d.month >= 3 and mt.startswith("0"))
    if bad_day or bad_month:
        day = "" if d.day is None else (f"{d.day:02d}" if d.day < 10 else str(d.day))
        month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
        yield ctx.finding(
            d.location,
            found=d.raw,
            expected=f"ngày {day} tháng {month} năm {d.year}".replace("  ", " "),
        )
