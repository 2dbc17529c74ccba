"""Consistency rules driven by the rule pack: scores implied by the appendix, and the
user's own relations written as expressions."""

from __future__ import annotations

from collections.abc import Iterator

from ...engine import rule
from ...model.finding import Finding, Severity
from ...model.interval import Interval
from ...model.report import Report
from ...pack.expressions import compile_expression
from ..describe import fmt
from ..relations import figure_refs, full_ref
from ..runner import RuleContext
from ._shared import localised, render_value


def _resolver(report: Report):  # type: ignore[no-untyped-def]
    refs = figure_refs(report)

    def resolve(ref: str) -> Interval | None:
        fig = refs.get(full_ref(ref))
        return None if fig is None or fig.value is None else fig.interval

    return refs, resolve


@rule(
    code="SC004",
    name="axis-score-vs-appendix",
    title_vi="Điểm trục không khớp số liệu phụ lục",
    title_en="Axis score disagrees with the appendix",
    severity=Severity.WARNING,
    message_vi="{axis}: điểm {found} khác điểm suy ra từ phụ lục ({implied} = {expr})",
    message_en="{axis}: score {found} differs from the score the appendix implies ({implied} = {expr})",
)
def axis_score_vs_appendix(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Where the index defines an axis score from appendix figures (Tiến độ giải quyết =
    20 × the on-time rate of 2.1), the stated score agrees within the portal's rounding.
    The previous month's score implied by the stated change is checked the same way.

    ## Why
    A warning, not an error: the portal's score and the appendix may be read at
    different moments of the day.
    """
    refs, resolve = _resolver(report)
    wrong = {id(d.figure) for d in localised(report, ctx.pack).diagnoses}

    def trusted(expr: str) -> bool:  # a figure already reported as wrong implies nothing
        return all(
            id(refs[k]) not in wrong
            for r in compile_expression(expr).refs
            if (k := full_ref(r)) in refs
        )

    for rel in ctx.pack.score_relations:
        if not trusted(rel.expr) or (rel.previous is not None and not trusted(rel.previous)):
            continue
        st = report.axis(rel.axis)
        if st is None or st.score.value is None:
            continue
        tol = Interval(-rel.tolerance, rel.tolerance)
        implied = compile_expression(rel.expr).value(resolve)
        if implied is not None and not (st.score.interval - implied).overlaps(tol):
            yield ctx.finding(
                st.score, axis=st.key, implied=fmt(implied.mid, 2), expr=rel.expr, when="new"
            )
        if rel.previous is None or st.trend is None:
            continue
        prev_implied = compile_expression(rel.previous).value(resolve)
        change = st.change.interval if st.change is not None else Interval.point(0.0)
        previous = st.score.interval - change
        if prev_implied is not None and not (previous - prev_implied).overlaps(tol):
            at = st.change if st.change is not None else st.score
            yield ctx.finding(
                at,
                axis=st.key + " (previous)",
                implied=fmt(prev_implied.mid, 2),
                expr=rel.previous,
                when="old",
                found=fmt(previous.mid, 2),
            )


@rule(
    code="CO003",
    name="relation-failed",
    title_vi="Quan hệ tự định nghĩa không thỏa mãn",
    title_en="User relation does not hold",
    severity=Severity.ERROR,
    message_vi='Quan hệ "{expr}" không thỏa mãn ({values})',
    message_en='The relation "{expr}" does not hold ({values})',
    relations=("user",),
    table_message_vi="{where}: quan hệ tự định nghĩa không thỏa mãn (giá trị {found})",
    table_message_en="{where}: a user relation does not hold (value {found})",
)
def relation_failed(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Relations a user adds to a rule pack, e.g. ``"6.1.new == appendix2.4.new"``,
    evaluated with the same interval tolerance as the built-in ones. A relation whose
    figures are absent from the report does not apply.

    A user's entry in the relation form (``over: row``, ``check: "new.count >= old.count"``)
    is localised with the index's relations: the figure to correct is named when one is."""
    yield from _scoped_user_relations(report, ctx)
    refs, resolve = _resolver(report)
    for rel in ctx.pack.relations:
        if rel.over != "refs":
            continue  # the pack's scoped relations are reported by their own rules
        expr = compile_expression(rel.expr)
        if expr.holds(resolve) is not False:
            continue
        figs = [refs[full_ref(r)] for r in expr.refs if full_ref(r) in refs]
        values = ", ".join(
            f"{r} = {refs[full_ref(r)].raw}" for r in expr.refs if full_ref(r) in refs
        )
        severity = Severity(rel.severity) if rel.severity in {s.value for s in Severity} else None
        yield ctx.finding(
            figs[0],
            related=figs[1:],
            severity=severity,
            expr=rel.expr,
            values=values,
            pack_line=rel.line or 0,
        )


def _scoped_user_relations(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    loc = localised(report, ctx.pack)
    for d in loc.diagnoses:
        if d.code != ctx.rule.code or not d.repairs:
            continue
        r = d.repairs[0]
        yield ctx.finding(
            d.figure,
            related=[f for f in r.figs if f is not d.figure],
            expected=render_value(d.figure, d.value, d.decimals),
            expr=r.spec.source if r.spec is not None else r.kind,
            values=", ".join(f.raw for f in r.figs),
        )
    for fl in loc.failures:
        r = fl.relation
        if r.code != ctx.rule.code:
            continue
        yield ctx.finding(
            r.figs[0],
            related=r.figs[1:],
            expr=r.spec.source if r.spec is not None else r.kind,
            values=", ".join(f.raw for f in r.figs),
        )
