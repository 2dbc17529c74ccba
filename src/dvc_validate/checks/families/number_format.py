"""Vietnamese number conventions: ``.`` groups thousands, ``,`` marks decimals, rates carry ``%``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from ...engine import rule
from ...model.figure import Figure, FigureKind
from ...model.finding import Applicability, Finding, Severity
from ...model.report import Report
from ...vn import (
    FLAG_AMBIGUOUS,
    FLAG_DOT_DECIMAL,
    FLAG_ENGLISH,
    FLAG_NO_PERCENT,
    FLAG_SPACE_PERCENT,
    format_number,
)
from ..runner import RuleContext
from ..typos import reason
from ._shared import localised, render_value


def _table_figures(report: Report) -> Iterator[Figure]:
    if report.appendix is not None:
        for r in report.appendix.rows:
            yield from (f for f in r.figures.values() if f.value is not None)
    for d in report.details:
        yield from (f for f in d.figures if f.value is not None)


@rule(
    code="NF001",
    name="count-with-decimal-comma",
    title_vi="Số lượng viết với dấu phẩy thập phân",
    title_en="Count written with a decimal comma",
    severity=Severity.ERROR,
    fix=Applicability.SAFE,
    message_vi="{found} là số lượng nhưng dấu phẩy biến nó thành số thập phân; có lẽ là {expected}",
    message_en="{found} is a count but the comma makes it a decimal; probably {expected}",
)
def count_with_decimal_comma(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """In Vietnamese ``,`` is the decimal mark, so "855,589" reads as 855.589/1000 of an
    account. A count with exactly three digits after a comma is a grouping typed the
    English way: "855.589"."""
    for f in report.figures(FigureKind.COUNT):
        if FLAG_AMBIGUOUS in f.flags:
            yield ctx.finding(
                f,
                expected=f.raw.replace(",", "."),
                role=f.role or "",
                model="separator-swap",
                reason=reason("separator-swap", ctx.lang),
            )


@rule(
    code="NF002",
    name="english-number-style",
    title_vi="Số viết theo kiểu tiếng Anh",
    title_en="Number written English-style",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    message_vi="{found} viết theo kiểu tiếng Anh; kiểu Việt Nam là {expected}",
    message_en="{found} is written English-style; the Vietnamese form is {expected}",
)
def english_number_style(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """``1,234.5`` or ``12.5``: the marks are swapped relative to Vietnamese use."""
    for f in report.figures():
        if f.value is not None and (FLAG_ENGLISH in f.flags or FLAG_DOT_DECIMAL in f.flags):
            yield ctx.finding(  # in the writer's own form: explicit sign, % spacing
                f,
                expected=render_value(f, f.value, f.decimals),
                role=f.role or "",
                model="separator-swap",
                reason=reason("separator-swap", ctx.lang),
            )


class GroupingOptions(BaseModel):
    """Some offices group only from 10.000 up; the default follows common Vietnamese usage."""

    model_config = ConfigDict(extra="forbid")

    min_value: int = Field(default=1000, ge=1000, description="smallest count that must be grouped")


@rule(
    code="NF003",
    options=GroupingOptions,
    name="ungrouped-number",
    title_vi="Số lớn không tách nhóm nghìn",
    title_en="Large number without thousands grouping",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    message_vi="{found} nên viết {expected} như các số khác trong bảng",
    message_en="{found} should be written {expected} like the other numbers in the table",
)
def ungrouped_number(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Counts from 1.000 up are grouped with dots; "2588" beside "2.955" is inconsistent.

    Option ``min_value`` (default 1000): the smallest count that must be grouped.
    """
    min_value = ctx.options.min_value if isinstance(ctx.options, GroupingOptions) else 1000
    figs = [
        f for f in _table_figures(report) if f.kind == FigureKind.COUNT and f.denominator is None
    ]
    if not any(f.grouped for f in figs):
        return
    for f in figs:
        if (
            f.value is not None
            and abs(f.value) >= min_value
            and not f.grouped
            and not f.flags.count(FLAG_AMBIGUOUS)
        ):
            yield ctx.finding(f, expected=format_number(f.value, f.decimals), role=f.role or "")


@rule(
    code="NF004",
    name="percent-sign",
    title_vi="Tỷ lệ thiếu dấu % hoặc có khoảng trắng trước %",
    title_en="Rate without % or with a space before it",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    message_vi="{found} nên viết {expected}",
    message_en="{found} should be written {expected}",
)
def percent_sign(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A rate carries ``%`` directly after the number: "0" in a rate column is "0%",
    "4,26 %" is "4,26%"."""
    for f in report.figures():
        if f.value is None:
            continue
        if FLAG_NO_PERCENT in f.flags or FLAG_SPACE_PERCENT in f.flags:
            fixed = f.raw.replace(" %", "%") if FLAG_SPACE_PERCENT in f.flags else f.raw + "%"
            yield ctx.finding(f, expected=fixed, role=f.role or "")


@rule(
    code="NF005",
    name="inconsistent-precision",
    title_vi="Số chữ số thập phân không thống nhất trong cột",
    title_en="Inconsistent decimals within a column",
    severity=Severity.WARNING,
    message_vi="Cột {column}: {found} có {decimals} chữ số thập phân, các số khác có {usual} (cả thảy: {others})",
    message_en="Column {column}: {found} has {decimals} decimals, the others {usual} (all: {others})",
)
def inconsistent_precision(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Rates in one column are printed with the same number of decimals; "95,6%" among
    two-decimal rates hides whether a digit was dropped. One finding per column."""
    if report.appendix is None:
        return
    columns: dict[str, list[Figure]] = {}
    for r in report.appendix.rows:
        for role, f in r.figures.items():
            in_range = f.value is not None and (-100.0 <= f.value <= 100.0)
            if in_range and f.percent and f.value not in (0.0, 100.0):
                columns.setdefault(role, []).append(f)
    for role, figs in columns.items():
        usual = Counter(f.decimals for f in figs).most_common(1)[0][0] if figs else 0
        odd = [f for f in figs if f.decimals < usual]
        if odd:
            yield ctx.finding(
                odd[0],
                related=odd[1:],
                column=role,
                decimals=odd[0].decimals,
                usual=usual,
                others=", ".join(f.raw for f in odd),
                role=role,
            )


@rule(
    code="NF006",
    name="missing-plus-sign",
    title_vi="Mức tăng thiếu dấu +",
    title_en="Positive change without +",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    message_vi="{found} là mức tăng; bảng này ghi dấu + cho mức tăng: {expected}",
    message_en="{found} is a rise; this table writes rises with +: {expected}",
)
def missing_plus_sign(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Within a table, positive changes are written with an explicit ``+`` consistently."""
    changes = [f for f in _table_figures(report) if f.kind == FigureKind.CHANGE and f.value]
    if not any(f.sign == "+" for f in changes):
        return
    wrong = {
        id(d.figure) for d in localised(report, ctx.pack).diagnoses
    }  # reported as wrong values
    for f in changes:
        if f.value is not None and f.value > 0 and f.sign == "" and id(f) not in wrong:
            yield ctx.finding(f, expected="+" + f.raw.strip(), role=f.role or "")
