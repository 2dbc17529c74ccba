"""The runner: each selected rule over a report, every finding collected.

Rules never do I/O and never raise for bad data: every problem in the data is a
finding, and every finding is collected (lazy); the exit code is decided
afterwards. What a rule is and which rules run is the engine's
(:mod:`dvc_validate.engine`); the runner is here because a finding names what it
is about with the label table of ``checks/`` (:mod:`.labels`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ..engine import NoOptions, Rule, Selection, resolve_selection
from ..errors import ConfigError
from ..model.figure import Figure
from ..model.finding import Applicability, Finding, Fix, Severity
from ..model.location import Location
from ..model.report import Report
from ..pack import RulePack
from .labels import label_placeholders

__all__ = ["RuleContext", "run_rules"]


@dataclass
class RuleContext:
    """What a rule may use besides the report: the pack, language and its options.

    ``previous`` is last month's report of the same unit, when the caller has
    one (``lint --previous``, ``--series``): only the cross-period rules read it,
    and they stay silent without it. ``series`` says that ``previous`` is the
    predecessor in a ``--series`` run rather than a report the user named, so
    that a gap in the months is reported as a gap (DT011), not as a wrong file.
    ``portal`` is the portal's figures (:class:`dvc_validate.portal.PortalData`)
    when the caller gave them (``lint --portal``); only the PT rules read it.
    """

    rule: Rule
    pack: RulePack
    lang: str = "vi"
    options: BaseModel = field(default_factory=NoOptions)
    severity: Severity | None = None
    previous: Report | None = None
    series: bool = False
    portal: Any = None

    def finding(
        self,
        at: Figure | Location,
        *,
        found: str | None = None,
        expected: str | None = None,
        related: Iterable[Figure | Location | None] = (),
        fix: Applicability | None = None,
        severity: Severity | None = None,
        **data: Any,
    ) -> Finding:
        """Build a finding; the message is rendered from the template and ``data``."""
        loc = at.location if isinstance(at, Figure) else at
        if found is None and isinstance(at, Figure):
            found = at.raw
        shown = {k: _show(v) for k, v in data.items()}
        axes = {a.key: (a.name_vi, a.name_en) for a in self.pack.axes}
        shown.update(label_placeholders(data, self.lang, axes))
        shown.setdefault("found", found or "")
        shown.setdefault("expected", expected or "")
        message = self.rule.message(self.lang, shown)
        rel = [r.location if isinstance(r, Figure) else r for r in related if r is not None]
        applic = fix if fix is not None else self.rule.fix
        f = Finding(
            code=self.rule.code,
            name=self.rule.name,
            severity=severity or self.severity or self.rule.severity,
            message=message,
            location=loc,
            found=found,
            expected=expected,
            related=[r for r in rel if r != loc],
            data={k: _jsonable(v) for k, v in data.items()},
            fix=Fix(replacement=expected, applicability=applic)
            if expected is not None and applic is not None
            else None,
        )
        f.fingerprint = f.compute_fingerprint()
        return f


def _show(v: Any) -> str:
    if isinstance(v, float):
        from ..vn import short_number

        return short_number(v)
    return str(v)


def _jsonable(v: Any) -> Any:
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return str(v)


def run_rules(
    report: Report,
    pack: RulePack,
    *,
    selection: Selection | None = None,
    lang: str = "vi",
    severities: dict[str, Severity] | None = None,
    options: dict[str, dict[str, Any]] | None = None,
    previous: Report | None = None,
    series: bool = False,
    portal: Any = None,
) -> list[Finding]:
    """Run every selected rule and collect every finding, in document order.

    ``previous`` (last month's report), ``series`` and ``portal`` are handed to
    every rule through its :class:`RuleContext`; see there.
    """
    rules = resolve_selection(selection or Selection())
    findings: list[Finding] = []
    for r in rules:
        opts = _options(r, (options or {}).get(r.code, {}))
        ctx = RuleContext(
            rule=r,
            pack=pack,
            lang=lang,
            options=opts,
            severity=(severities or {}).get(r.code),
            previous=previous,
            series=series,
            portal=portal,
        )
        findings.extend(_run_one(r, report, ctx))
    return sorted(findings, key=lambda f: (f.location.sort_key(), f.code, f.found or ""))


def _options(r: Rule, raw: dict[str, Any]) -> BaseModel:
    """Per-rule options, validated: a bad value is a configuration error, not a crash."""
    try:
        return r.options.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise ConfigError(
            f"Tùy chọn của quy tắc {r.code} không hợp lệ: '{where}': {err['msg']}.",
            f"Invalid option for rule {r.code}: '{where}': {err['msg']}.",
            rule=r.code,
        ) from exc


def _run_one(r: Rule, report: Report, ctx: RuleContext) -> Iterator[Finding]:
    yield from r.func(report, ctx)
