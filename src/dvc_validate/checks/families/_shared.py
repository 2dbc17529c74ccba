"""Turning the localisation of a report into findings, one rule code at a time.

Localisation runs once per report (cached) and every arithmetic rule picks the
diagnoses and failures carrying its own code, so selecting or ignoring a rule
works as for any other rule, while the root-cause analysis sees all relations.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model.figure import Figure, FigureKind
from ...model.finding import Applicability, Finding
from ...model.report import Report
from ...rulepack import RulePack
from ..describe import describe_relation, fmt
from ..engine import RuleContext
from ..localise import Diagnosis, Localisation, localise
from ..typos import REASONS_EN, REASONS_VI

__all__ = ["diagnosis_code", "localised", "relation_findings"]

_CACHE: dict[int, tuple[Report, RulePack, Localisation]] = {}


def localised(report: Report, pack: RulePack) -> Localisation:
    hit = _CACHE.get(id(report))
    if hit is not None and hit[0] is report and hit[1] is pack:
        return hit[2]
    loc = localise(report, pack)
    _CACHE.clear()  # one report at a time: bounded memory in long batch runs
    _CACHE[id(report)] = (report, pack, loc)
    return loc


def _render(d: Diagnosis) -> str:
    fig = d.figure
    in_sentence = fig.location.table is None or (fig.role or "").startswith("change.")
    if fig.kind == FigureKind.CHANGE and in_sentence:
        return fig.render(abs(d.value), decimals=d.decimals, plus=False)
    plus = fig.kind == FigureKind.CHANGE and d.value > 0 and (fig.sign == "+" or fig.sign == "-")
    return fig.render(
        d.value, decimals=d.decimals, plus=plus or None if fig.kind == FigureKind.CHANGE else None
    )


def diagnosis_code(d: Diagnosis) -> str:
    """A pure sign slip on a change is DL002 when the sign was typed (+/-) and DL003 when
    the direction is a word (tăng/giảm in a sentence or the summary row)."""
    fig = d.figure
    if fig.kind != FigureKind.CHANGE or d.code not in ("DL001", "CO001", "TO003", "SC003"):
        return d.code
    if fig.value is not None and d.value != 0 and fig.value * d.value < 0:
        if abs(abs(fig.value) - abs(d.value)) <= 0.5 * 10.0**-d.decimals + 1e-9:
            sentence = fig.location.table is None or (fig.role or "").startswith("change.")
            return "DL003" if sentence else "DL002"
    return d.code


def _applicability(d: Diagnosis) -> Applicability:
    if d.model == "separator-swap":
        return Applicability.SAFE
    return Applicability.UNSAFE


def relation_findings(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Findings of ``ctx.rule.code``: root causes (with a suggestion) and unexplained failures."""
    loc = localised(report, ctx.pack)
    vi = ctx.lang != "en"
    for d in loc.diagnoses:
        if diagnosis_code(d) != ctx.rule.code:
            continue
        code = diagnosis_code(d)
        expected: str | None = _render(d)
        reasons = REASONS_EN if not vi else REASONS_VI
        relations = [describe_relation(r, ctx.lang) for r in d.repairs]
        hint = f"{'đề xuất' if vi else 'suggested'} {expected} ({reasons.get(d.model, d.model)})"
        data: dict[str, object] = {
            "subject": d.figure.location.indicator or _subject(d.figure),
            "relation": "; ".join(relations),
            "hint": hint,
            "role": d.figure.role or "",
            "value": d.figure.value,
            "suggested_value": d.value,
            "model": d.model,
            "relations": [r.kind for r in d.repairs],
        }
        if d.printed_value is not None:
            alt = d.figure.render(d.printed_value, decimals=d.decimals)
            data["printed_value"] = d.printed_value
            data["hint"] = hint + (
                f"; nếu giữ nguyên các số đã in thì là {alt}"
                if vi
                else f"; {alt} if the other printed figures are kept"
            )
        if code == "DL003":  # the number is right; the word before it is not
            word = (
                ("tăng" if d.value > 0 else "giảm") if vi else ("rise" if d.value > 0 else "fall")
            )
            data["hint"] = f'{"phải ghi" if vi else "write"} "{word}"'
            data["trend_expected"] = "tăng" if d.value > 0 else "giảm"
            expected = None
        related: list[Figure] = [f for r in d.repairs for f in r.figs if f is not d.figure]
        yield ctx.finding(
            d.figure, expected=expected, related=related, fix=_applicability(d), **data
        )
    for fl in loc.failures:
        if fl.relation.code != ctx.rule.code:
            continue
        r = fl.relation
        anchor = r.figs[-1] if r.kind in ("axis-sum", "axis-change-sum") else r.figs[0]
        cands = ", ".join(f.raw for f in fl.candidates)
        hint = ""
        if cands:
            hint = (
                f"có thể sai ở một trong: {cands}" if vi else f"one of these may be wrong: {cands}"
            )
        yield ctx.finding(
            anchor,
            related=[f for f in r.figs if f is not anchor],
            subject=anchor.location.indicator or r.subject or _subject(anchor),
            relation=describe_relation(r, ctx.lang),
            hint=hint,
            role=anchor.role or "",
            relations=[r.kind],
            candidates=[f.raw for f in fl.candidates],
        )


def _subject(fig: Figure) -> str:
    return {"score": "điểm", "rank": "xếp hạng"}.get(fig.kind.value, fig.role or fig.kind.value)


def fmt_value(v: float) -> str:
    return fmt(v)
