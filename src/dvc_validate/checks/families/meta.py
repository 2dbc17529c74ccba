"""Meta rules: findings about dvc-validate's own directives, not about the report.

DV001 is registered here so that it is listed, explained, selectable and
ignorable like any other rule; the findings themselves are built by
:mod:`dvc_validate.suppress`, the only place that knows which suppressions
matched.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...engine import rule
from ...model.finding import Finding, Severity
from ...model.report import Report
from ..runner import RuleContext

__all__ = ["unused_suppression"]


@rule(
    code="DV001",
    name="unused-suppression",
    title_vi="Chỉ thị bỏ qua không dùng đến",
    title_en="Unused suppression",
    severity=Severity.INFO,
    message_vi="Chỉ thị bỏ qua không khớp phát hiện nào: {code}",
    message_en="Suppression matched no finding: {code}",
)
def unused_suppression(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A suppression (in the config or a ``<!-- dvc-validate: ignore ... -->`` comment)
    that silenced nothing.

    ## Why
    A suppression is kept for a reason about one figure. Once that figure is
    corrected, or the row moves, the suppression no longer matches anything,
    but left in place it would silently hide the next real error at that spot.
    Reporting it lets the writer delete it.

    ## Bad
    `<!-- dvc-validate: ignore PC001 line=12 reason="số liệu cổng DVCQG" -->`
    when line 12 no longer has a rate above 100%.

    ## Fix
    Remove the comment (or the `[[tool.dvc-validate.suppress]]` entry), or point
    it at the figure it was meant for.
    """
    return iter(())
