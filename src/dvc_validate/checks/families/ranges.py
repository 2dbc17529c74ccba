"""Range rules that are not relations between figures: a count is a whole number >= 0.

(Percentages, scores and ranks outside their range are relations with one figure and
live with the arithmetic rules, so that localisation can weigh them with the rest.)
"""

from __future__ import annotations

from collections.abc import Iterator

from ...engine import rule
from ...model.figure import FigureKind
from ...model.finding import Finding, Severity
from ...model.report import Report
from ...vn import FLAG_AMBIGUOUS, FLAG_DOT_DECIMAL, FLAG_ENGLISH
from ..runner import RuleContext

_FORMAT_FLAGS = {FLAG_AMBIGUOUS, FLAG_ENGLISH, FLAG_DOT_DECIMAL}


@rule(
    code="PC002",
    name="count-invalid",
    title_vi="Số lượng âm hoặc không nguyên",
    title_en="Count negative or not a whole number",
    severity=Severity.ERROR,
    message_vi="{subject}: số lượng {found} phải là số nguyên không âm",
    message_en="{subject}: the count {found} must be a whole number, not negative",
    table_message_vi="{where}: số lượng {found} không phải số nguyên không âm",
    table_message_en="{where}: count {found} is not a non-negative integer",
)
def count_invalid(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A count of files, procedures or accounts is a whole number of at least zero.

    ## Why
    A count with a fraction or a minus sign cannot come from the portal. A count that
    looks fractional only because of its separators ("855,589") is a format slip and is
    reported once, by NF001, not here.
    """
    for f in report.figures(FigureKind.COUNT):
        if f.value is None or _FORMAT_FLAGS & set(f.flags):
            continue
        if f.value < 0 or f.value != int(f.value):
            yield ctx.finding(f, subject=f.location.indicator or f.role or "", role=f.role or "")
