"""The rule registry and runner.

A rule is a small function over the :class:`~dvc_validate.model.Report` that
yields findings. The :func:`rule` decorator validates its metadata at import
time (code shape, kebab-case name, message placeholders), in the manner of
pandera's ``register_builtin_check``. Rules never do I/O and never raise for
bad data: every problem in the data is a finding, and every finding is
collected (lazy), the exit code is decided afterwards.
"""

from __future__ import annotations

import inspect
import re
import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ConfigError, UnknownRuleError
from ..model.figure import Figure
from ..model.finding import Applicability, Finding, Fix, Severity
from ..model.location import Location
from ..model.report import Report
from ..names import did_you_mean
from ..pack import RulePack
from .labels import label_placeholders

__all__ = [
    "FAMILIES",
    "REGISTRY",
    "Rule",
    "RuleContext",
    "Selection",
    "resolve_selection",
    "rule",
    "run_rules",
]

FAMILIES = {
    "PC": "percentages",
    "DL": "deltas",
    "SC": "scores",
    "TO": "totals",
    "DT": "dates",
    "NF": "number-format",
    "CO": "consistency",
    "DC": "document",
    "DV": "meta",
    "PT": "portal",
    "ST": "statements",
}

_CODE_RE = re.compile(r"^[A-Z]{2}\d{3}$")
_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class NoOptions(BaseModel):
    """A rule without options: any option given for it is an error."""

    model_config = ConfigDict(extra="forbid")


RuleFunc = Callable[[Report, "RuleContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: str
    title_vi: str
    title_en: str
    severity: Severity
    message_vi: str
    message_en: str
    func: RuleFunc
    fix: Applicability | None = None
    options: type[BaseModel] = NoOptions
    examples: tuple[str, ...] = ()

    @property
    def rationale(self) -> str:
        """The docstring: what the rule checks and why (rendered into the docs)."""
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def rationale_vi(self) -> str:
        """What the rule checks and why, in Vietnamese (``checks/rules_vi.yaml``)."""
        from .texts_vi import vietnamese_text

        text = vietnamese_text(self.code)
        return text[0] if text else ""

    @property
    def fix_vi(self) -> str:
        """How to mend what the rule finds, in Vietnamese (``checks/rules_vi.yaml``)."""
        from .texts_vi import vietnamese_text

        text = vietnamese_text(self.code)
        return text[1] if text else ""

    @property
    def placeholders(self) -> set[str]:
        fields: set[str] = set()
        for template in (self.message_vi, self.message_en):
            fields |= {f for _, f, _, _ in string.Formatter().parse(template) if f}
        return fields

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_vi


REGISTRY: dict[str, Rule] = {}


def rule(
    *,
    code: str,
    name: str,
    title_vi: str,
    title_en: str,
    severity: Severity,
    message_vi: str,
    message_en: str,
    fix: Applicability | None = None,
    options: type[BaseModel] = NoOptions,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule; its metadata is checked here, at import time."""

    def deco(func: RuleFunc) -> RuleFunc:
        if not _CODE_RE.match(code) or code[:2] not in FAMILIES:
            raise ValueError(f"bad rule code {code!r}")
        if not _NAME_RE.match(name):
            raise ValueError(f"rule name {name!r} is not kebab-case")
        if code in REGISTRY:
            raise ValueError(f"duplicate rule code {code}")
        if any(r.name == name for r in REGISTRY.values()):
            raise ValueError(f"duplicate rule name {name}")
        vi = {f for _, f, _, _ in string.Formatter().parse(message_vi) if f}
        en = {f for _, f, _, _ in string.Formatter().parse(message_en) if f}
        if vi != en:
            raise ValueError(f"{code}: vi and en messages use different placeholders")
        if not (func.__doc__ or "").strip():
            raise ValueError(f"{code}: a rule needs a docstring (its rationale)")
        REGISTRY[code] = Rule(
            code=code,
            name=name,
            family=FAMILIES[code[:2]],
            title_vi=title_vi,
            title_en=title_en,
            severity=severity,
            message_vi=message_vi,
            message_en=message_en,
            func=func,
            fix=fix,
            options=options,
        )
        return func

    return deco


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
        template = self.rule.message_en if self.lang == "en" else self.rule.message_vi
        shown = {k: _show(v) for k, v in data.items()}
        axes = {a.key: (a.name_vi, a.name_en) for a in self.pack.axes}
        shown.update(label_placeholders(data, self.lang, axes))
        shown.setdefault("found", found or "")
        shown.setdefault("expected", expected or "")
        message = template.format_map(_Required(shown, self.rule.code))
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


class MissingPlaceholderError(KeyError):
    """A rule built a finding without a value its message template needs: a bug in
    the rule, raised so that tests catch it rather than a user reading ``{key}``."""


class _Required(dict[str, str]):
    def __init__(self, values: dict[str, str], code: str) -> None:
        super().__init__(values)
        self.code = code

    def __missing__(self, key: str) -> str:
        raise MissingPlaceholderError(f"{self.code}: message placeholder {{{key}}} not supplied")


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


# ----------------------------------------------------------------------- selection


@dataclass(frozen=True)
class Selection:
    """Which rules run. Each entry is a code (``PC001``), a prefix (``PC``, ``PC0``),
    a rule name (``percent-out-of-range``) or a family (``percentages``)."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def _matches(r: Rule, sel: str) -> bool:
    s = sel.strip()
    return (
        r.code == s.upper()
        or (bool(re.fullmatch(r"[A-Za-z]{2}\d{0,2}", s)) and r.code.startswith(s.upper()))
        or r.name == s.lower()
        or r.family == s.lower()
        or s.upper() == "ALL"
    )


def _check_known(items: Iterable[str]) -> None:
    _load_rules()
    for s in items:
        if not any(_matches(r, s) for r in REGISTRY.values()):
            known = [x for r in REGISTRY.values() for x in (r.code, r.name, r.family)]
            vi, en = did_you_mean(s, known)
            raise UnknownRuleError(
                f"Không có quy tắc nào khớp với '{s}'.{vi} Xem danh sách: dvc-validate rules",
                f"No rule matches '{s}'.{en} See the list: dvc-validate rules",
                selector=s,
            )


def resolve_selection(selection: Selection) -> list[Rule]:
    """The rules to run, in code order. Unknown selectors are a tool error."""
    _check_known([*selection.select, *selection.extend_select, *selection.ignore])
    rules = sorted(REGISTRY.values(), key=lambda r: r.code)
    if selection.select:
        rules = [r for r in rules if any(_matches(r, s) for s in selection.select)]
    if selection.extend_select:
        extra = [
            r for r in REGISTRY.values() if any(_matches(r, s) for s in selection.extend_select)
        ]
        rules = sorted({r.code: r for r in [*rules, *extra]}.values(), key=lambda r: r.code)
    return [r for r in rules if not any(_matches(r, s) for s in selection.ignore)]


def _load_rules() -> None:
    """Import the rule families so that their decorators register them."""
    from . import families  # noqa: F401


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
