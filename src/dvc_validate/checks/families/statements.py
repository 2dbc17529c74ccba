"""Rules on the sentences of the text: the trend words and what they describe."""

from __future__ import annotations

from collections.abc import Iterator

from ...engine import rule
from ...model.finding import Finding, Severity
from ...model.report import Report, Trend
from ..runner import RuleContext


@rule(
    code="DL004",
    name="trend-without-change",
    title_vi="Từ chỉ xu hướng mâu thuẫn với mức thay đổi",
    title_en="Trend word contradicts the stated change",
    severity=Severity.ERROR,
    message_vi='{subject}: ghi "{trend}" nhưng mức thay đổi là {found}',
    message_en='{subject}: says "{trend}" but the change is {found}',
)
def trend_without_change(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """ "tăng 0 điểm" or "giảm 0 bậc" says a direction with no movement: either the word
    ("giữ nguyên") or the number is wrong."""
    statements = [*report.axes, *([report.total] if report.total else [])]
    for st in statements:
        if st.change is not None and st.change.value == 0 and st.trend in (Trend.UP, Trend.DOWN):
            yield ctx.finding(st.change, subject=st.key, label=st.label, trend=st.trend_raw or "")
    rk = report.rank
    if (
        rk is not None
        and rk.change is not None
        and rk.change.value == 0
        and rk.trend in (Trend.UP, Trend.DOWN)
    ):
        yield ctx.finding(
            rk.change,
            subject="rank",
            trend="tăng" if rk.trend == Trend.UP else "giảm",
        )
