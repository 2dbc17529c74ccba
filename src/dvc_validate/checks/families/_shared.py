"""Turning the localisation of a report into findings, one rule code at a time.

Localisation runs once per report (cached) and every arithmetic rule picks the
diagnoses and failures carrying its own code, so selecting or ignoring a rule
works as for any other rule, while the root-cause analysis sees all relations.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...model.figure import Figure, FigureKind
from ...model.finding import Applicability, Finding
from ...model.report import Report
from ...pack import RulePack
from ..describe import describe_relation
from ..localise import Change, Diagnosis, Explanation, Failure, Localisation, localise
from ..runner import RuleContext
from ..typos import reason

__all__ = [
    "diagnosis_code",
    "explanations_data",
    "localised",
    "relation_findings",
    "render_value",
]

_CACHE: dict[int, tuple[Report, RulePack, Localisation]] = {}


def localised(report: Report, pack: RulePack) -> Localisation:
    hit = _CACHE.get(id(report))
    if hit is not None and hit[0] is report and hit[1] is pack:
        return hit[2]
    loc = localise(report, pack)
    _CACHE.clear()  # one report at a time: bounded memory in long batch runs
    _CACHE[id(report)] = (report, pack, loc)
    return loc


def render_value(fig: Figure, value: float, decimals: int) -> str:
    """``value`` written the way the document writes ``fig`` (precision, %, explicit +,
    grouping). A change in a sentence is a magnitude: its sign is the word before it."""
    in_sentence = fig.location.table is None or (fig.role or "").startswith("change.")
    if fig.kind == FigureKind.CHANGE and in_sentence:
        return fig.render(abs(value), decimals=decimals, plus=False)
    plus = fig.kind == FigureKind.CHANGE and value > 0 and (fig.sign == "+" or fig.sign == "-")
    return fig.render(
        value, decimals=decimals, plus=plus or None if fig.kind == FigureKind.CHANGE else None
    )


def _render(d: Diagnosis) -> str:
    return render_value(d.figure, d.value, d.decimals)


def diagnosis_code(d: Diagnosis) -> str:
    """A pure sign slip on a change is DL002 when the sign was typed (+/-) and DL003 when
    the direction is a word (tăng/giảm in a sentence or the summary row), for the
    relations the pack marks ``sign_slip``; otherwise the code of the relation."""
    fig = d.figure
    slips = any(r.spec is not None and r.spec.sign_slip and r.code == d.code for r in d.repairs)
    if fig.kind != FigureKind.CHANGE or not slips:
        return d.code
    flipped = fig.value is not None and d.value != 0 and fig.value * d.value < 0
    if flipped and abs(abs(fig.value or 0.0) - abs(d.value)) <= 0.5 * 10.0**-d.decimals + 1e-9:
        sentence = fig.location.table is None or (fig.role or "").startswith("change.")
        return "DL003" if sentence else "DL002"
    return d.code


def _tied(d: Diagnosis) -> list[Explanation]:
    if not d.explanations:
        return []
    best = d.explanations[0]
    return [e for e in d.explanations if e.score == best.score and e.typos == best.typos]


def _applicability(d: Diagnosis) -> Applicability:
    """``safe`` only for a pure format slip that no other candidate explains; ``display``
    when equally good explanations want different values for this figure."""
    if d.basis == "common" and len({e.value_for(d.figure) for e in _tied(d)}) > 1:
        return Applicability.DISPLAY
    unique = d.basis in ("unique", "trust") and not any(a.is_typo for a in d.alternatives)
    if d.model == "separator-swap" and unique:
        return Applicability.SAFE
    return Applicability.UNSAFE


def _trend(fig: Figure, value: float, lang: str) -> str | None:
    """The trend word a sentence change needs, when its sign is carried by a word."""
    if fig.kind != FigureKind.CHANGE or not (
        fig.location.table is None or (fig.role or "").startswith("change.")
    ):
        return None
    if value == 0:
        return "giữ nguyên" if lang != "en" else "unchanged"
    if lang == "en":
        return "rise" if value > 0 else "fall"
    return "tăng" if value > 0 else "giảm"


def _entry(c: Change, lang: str) -> dict[str, object]:
    entry: dict[str, object] = {
        "location": c.figure.location.model_dump(),
        "found": c.figure.raw,
        "suggested": render_value(c.figure, c.value, c.decimals),
        "value": c.value,
        "model": c.model,
        "reason": reason(c.model, lang),
    }
    trend = _trend(c.figure, c.value, lang)
    if trend is not None:
        entry["trend"] = trend
    return entry


def explanations_data(exps: list[Explanation], lang: str) -> list[list[dict[str, object]]]:
    """Every minimal explanation, best first, as plain data for ``Finding.data``."""
    return [[_entry(c, lang) for c in e.changes] for e in exps]


def _describe_explanation(e: Explanation, lang: str) -> str:
    parts: list[str] = []
    for c in e.changes:
        new = render_value(c.figure, c.value, c.decimals)
        trend = _trend(c.figure, c.value, lang)
        written = _trend(c.figure, c.figure.value or 0.0, lang) if trend else None
        was = f"{written} {c.figure.raw}" if written and c.figure.value else c.figure.raw
        parts.append(f"{was} → {trend + ' ' if trend else ''}{new}")
    return ", ".join(parts)


def _ways(exps: list[Explanation], lang: str, limit: int = 5) -> str:
    shown = "; ".join(
        f"({i}) {_describe_explanation(e, lang)}" for i, e in enumerate(exps[:limit], 1)
    )
    more = len(exps) - limit
    if more > 0:
        shown += f"; … (+{more})"
    return shown


def _reason(d: Diagnosis, lang: str) -> str:
    """Why this value: the slip that explains it, and what the printed figures imply
    when that differs (the printed rate versus the counts, in row 1.2.a of the draft)."""
    vi = lang != "en"
    why = reason(d.model, lang)
    if d.printed_value is not None:
        alt = render_value(d.figure, d.printed_value, d.decimals)
        slip = f" ({reason(d.printed_model, lang)})" if d.printed_model else ""
        kept = ", ".join(_corrected_peers(d)) or ("các số khác" if vi else "the other figures")
        why += (
            f"; nếu giữ nguyên {kept} như đã in thì là {alt}{slip}"
            if vi
            else f"; {alt} if {kept} were kept as printed{slip}"
        )
    return why + _also(d, lang)


def _also(d: Diagnosis, lang: str) -> str:
    """The other explanations, when this one was only the most plausible."""
    others = [e for e in d.explanations if not any(c.figure is d.figure for c in e.changes)]
    if d.basis != "plausibility" or not others:
        return ""
    ways = _ways(others, lang, 2)
    return f"; cũng có thể: {ways}" if lang != "en" else f"; also possible: {ways}"


def _corrected_peers(d: Diagnosis) -> list[str]:
    """The other figures of the explanation that share a relation with this one: what
    makes the value differ from what the printed figures imply."""
    if not d.explanations:
        return []
    return [
        c.figure.raw
        for c in d.explanations[0].changes
        if c.figure is not d.figure and any(r.involves(c.figure) for r in d.repairs)
    ]


def relation_findings(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Findings of ``ctx.rule.code`` over the relation kinds the rule declares: one per
    root cause, with the value to write and why; and one per component that no
    explanation settles, with every explanation."""
    kinds = ctx.rule.relations
    if not kinds:
        raise ValueError(f"{ctx.rule.code} reports relations but declares no relation kinds")
    loc = localised(report, ctx.pack)
    vi = ctx.lang != "en"
    for d in loc.diagnoses:
        code = diagnosis_code(d)
        if code != ctx.rule.code or not any(r.kind in kinds for r in d.repairs):
            continue
        expected: str | None = _render(d)
        why = _reason(d, ctx.lang)
        relations = [describe_relation(r, ctx.lang) for r in d.repairs]
        data: dict[str, Any] = {
            "subject": d.figure.location.indicator or _subject(d.figure),
            "relation": "; ".join(relations),
            "hint": f"{'đề xuất' if vi else 'suggested'} {expected}: {why}",
            "reason": why,
            "role": d.figure.role or "",
            "value": d.figure.value,
            "suggested_value": d.value,
            "model": d.model,
            "basis": d.basis,
            "relations": [r.kind for r in d.repairs],
            "alternatives": [render_value(d.figure, a.value, a.decimals) for a in d.alternatives],
            "explanations": explanations_data(d.explanations, ctx.lang),
        }
        if d.printed_value is not None:
            data["printed_value"] = d.printed_value
            data["printed_model"] = d.printed_model
        found: str | None = None
        if code == "DL003":  # the number is right; the word before it is not
            # the Vietnamese words are quoted as document text, in either language
            written = "tăng" if (d.figure.value or 0.0) > 0 else "giảm"
            word = "tăng" if d.value > 0 else "giảm"
            found = f"{written} {d.figure.raw}"
            data["hint"] = (
                f'phải ghi "{word} {d.figure.raw}"' if vi else f'write "{word} {d.figure.raw}"'
            ) + _also(d, ctx.lang)
            data["reason"] = reason("sign-flip", ctx.lang)
            data["trend_found"] = written
            data["trend_expected"] = word
            expected = None
        related: list[Figure] = [f for r in d.repairs for f in r.figs if f is not d.figure]
        yield ctx.finding(
            d.figure,
            found=found,
            expected=expected,
            related=related,
            fix=_applicability(d),
            **data,
        )
    for fl in loc.failures:
        if fl.relation.code != ctx.rule.code or fl.relation.kind not in kinds:
            continue
        yield _failure_finding(fl, ctx)


def _failure_finding(fl: Failure, ctx: RuleContext) -> Finding:
    """One finding per unsettled component, on the figure its main relation is about;
    the other broken relations are related evidence, the explanations are data."""
    vi = ctx.lang != "en"
    r = fl.relation
    anchor = r.figs[-1] if r.kind in ("axis-sum", "axis-change-sum") else r.figs[0]
    related = list({id(f): f for x in fl.relations for f in x.figs if f is not anchor}.values())
    hint = ""
    if fl.explanations:
        n = len(fl.explanations)
        hint = (
            f"không xác định được số nào sai; có {n} cách sửa: {_ways(fl.explanations, ctx.lang)}"
            if vi
            else f"which figure is wrong cannot be told; {n} ways to correct it: "
            f"{_ways(fl.explanations, ctx.lang)}"
        )
    return ctx.finding(
        anchor,
        related=related,
        subject=anchor.location.indicator or r.subject or _subject(anchor),
        relation="; ".join(describe_relation(x, ctx.lang) for x in fl.relations or [r]),
        hint=hint,
        role=anchor.role or "",
        relations=[x.kind for x in fl.relations or [r]],
        candidates=[f.raw for f in fl.candidates],
        explanations=explanations_data(fl.explanations, ctx.lang),
    )


def _subject(fig: Figure) -> str:
    """An internal key for what ``fig`` is (a kind or column role); the message names
    it in words through :mod:`..labels`."""
    return fig.kind.value if fig.kind.value in ("score", "rank") else fig.role or fig.kind.value
