"""What the tool could not read: said once, as an info, and never guessed into an error.

A column whose title names no side (old, new), no measure and no change, or a change
column whose compared figures cannot be told, is left unchecked; the reader is told
where, so a clean result is not mistaken for a checked one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...engine import rule
from ...model.finding import Finding, Severity
from ...model.location import Location
from ...model.report import ColumnRole, Report
from ...vn import normalize_label
from ..bind import detail_groups, measured
from ..runner import RuleContext

_DETAIL_LABEL_COL = 2  # Appendix II items: number, then label, then figures


@rule(
    code="DC010",
    name="column-not-identified",
    title_vi="Không xác định được cột",
    title_en="Column not identified",
    severity=Severity.INFO,
    message_vi='Không xác định được cột "{column}"; các số của cột này không được kiểm tra',
    message_en='Column "{column}" could not be identified; its figures are not checked',
)
def column_not_identified(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A figure is checked only when its column is known: an unknown column is named
    once and nothing that rests on it is checked.

    ## Why
    Guessing what an unfamiliar column holds turns a layout the tool has not met into
    false errors on a correct report; an info says what was left out instead.
    """
    # a change with a side left blank is a missing figure (DC002), not an unknown column
    places: list[tuple[ColumnRole, Location]] = []
    if report.appendix is not None:
        app = report.appendix
        label = next((c.col for c in app.columns if c.role == "label"), _DETAIL_LABEL_COL)
        places += [(c, c.location or app.location) for c in app.columns if _unknown(c, label)]
    places += [(c, c.location or Location()) for c in report.unread_columns]
    for item in report.details:
        places += [
            (c, c.location or item.location) for c in item.columns if _unknown(c, _DETAIL_LABEL_COL)
        ]
        changes = [c for c in item.columns if c.role == "change"]
        for group, figs in detail_groups(item).items():
            i = int(group) - 1 if group else 0
            change = figs.get("change")
            sides = {role.split(".")[0] for role in figs} >= {"old", "new"}
            if change is not None and sides and measured(figs) is None and i < len(changes):
                places.append((changes[i], change.location))
    seen: set[tuple[int, str]] = set()
    for col, at in places:
        if (id(col), col.header) in seen:
            continue
        seen.add((id(col), col.header))
        yield ctx.finding(at, found=col.header, column=col.header)


# columns that hold words, not figures: nothing to identify
_WORDS = ("ghi chú", "đơn vị tính", "đvt", "nguồn", "lý do", "nguyên nhân")


def _unknown(col: ColumnRole, label_col: int) -> bool:
    header = normalize_label(col.header)
    return (
        col.role == "other"
        and col.col > label_col
        and bool(header)
        and not header.startswith(_WORDS)
    )
