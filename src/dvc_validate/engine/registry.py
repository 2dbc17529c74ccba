"""What a rule is, and the one registry of rules.

A rule is a small function over the :class:`~dvc_validate.model.Report` that
yields findings. The :func:`rule` decorator validates its metadata at import
time (code shape, kebab-case name, message placeholders), in the manner of
pandera's ``register_builtin_check``.

Why this sits below ``config``, ``suppress`` and ``checks``: a configuration and a
suppression name rules (``ignore = ["PC"]``), so they need to know what a rule is,
but not how the rules read a report. The rules themselves are declared higher up,
in ``checks/``; the registry learns of them through :func:`add_rule_source`, so it
never imports the layer that fills it.
"""

from __future__ import annotations

import inspect
import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

from ..model.finding import Applicability, Finding, Severity
from ..model.report import Report

__all__ = [
    "FAMILIES",
    "REGISTRY",
    "MissingPlaceholderError",
    "NoOptions",
    "Rule",
    "RuleFunc",
    "add_rule_source",
    "load_rules",
    "rule",
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


#: ``(report, context) -> findings``. The context is the runner's
#: :class:`dvc_validate.checks.runner.RuleContext`; it is ``Any`` here because the
#: runner, which builds findings with the label table of ``checks/``, sits above.
RuleFunc = Callable[[Report, Any], Iterable[Finding]]
_F = TypeVar("_F", bound=RuleFunc)


class MissingPlaceholderError(KeyError):
    """A rule built a finding without a value its message template needs: a bug in
    the rule, raised so that tests catch it rather than a user reading ``{key}``."""


class _Required(dict[str, str]):
    def __init__(self, values: Mapping[str, str], code: str) -> None:
        super().__init__(values)
        self.code = code

    def __missing__(self, key: str) -> str:
        raise MissingPlaceholderError(f"{self.code}: message placeholder {{{key}}} not supplied")


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


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
    # the kinds of the pack's relations this rule reports (rules/qd766.yaml: each
    # relation names its code and kind); empty for a rule that checks no relation
    relations: tuple[str, ...] = ()
    # how check-table words a finding of this rule, where a table differs from a
    # document (a cell and its row, not a figure in a sentence): {where}, {found},
    # {expected}
    table_message_vi: str | None = None
    table_message_en: str | None = None

    @property
    def rationale(self) -> str:
        """The docstring: what the rule checks and why (rendered into the docs)."""
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def placeholders(self) -> set[str]:
        return _fields(self.message_vi) | _fields(self.message_en)

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_vi

    def message(self, lang: str, values: Mapping[str, str]) -> str:
        """The message in ``lang`` filled from ``values``: one way to render it, so a
        missing value is always :class:`MissingPlaceholderError`, never ``{key}``."""
        template = self.message_en if lang == "en" else self.message_vi
        return template.format_map(_Required(values, self.code))


REGISTRY: dict[str, Rule] = {}

#: The placeholders a table message may use: the table path fills no others.
_TABLE_FIELDS = frozenset({"where", "found", "expected"})


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
    relations: tuple[str, ...] = (),
    table_message_vi: str | None = None,
    table_message_en: str | None = None,
) -> Callable[[_F], _F]:
    """Register a rule; its metadata is checked here, at import time."""

    def deco(func: _F) -> _F:
        if not _CODE_RE.match(code) or code[:2] not in FAMILIES:
            raise ValueError(f"bad rule code {code!r}")
        if not _NAME_RE.match(name):
            raise ValueError(f"rule name {name!r} is not kebab-case")
        if code in REGISTRY:
            raise ValueError(f"duplicate rule code {code}")
        if any(r.name == name for r in REGISTRY.values()):
            raise ValueError(f"duplicate rule name {name}")
        if _fields(message_vi) != _fields(message_en):
            raise ValueError(f"{code}: vi and en messages use different placeholders")
        if not (func.__doc__ or "").strip():
            raise ValueError(f"{code}: a rule needs a docstring (its rationale)")
        if (table_message_vi is None) != (table_message_en is None):
            raise ValueError(f"{code}: a table message needs both languages")
        if table_message_vi is not None and table_message_en is not None:
            fields = _fields(table_message_vi)
            if fields != _fields(table_message_en) or not fields <= _TABLE_FIELDS:
                raise ValueError(f"{code}: table messages use {sorted(_TABLE_FIELDS)} only")
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
            relations=relations,
            table_message_vi=table_message_vi,
            table_message_en=table_message_en,
        )
        return func

    return deco


# ------------------------------------------------------------------------ sources

_SOURCES: list[Callable[[], object]] = []


def add_rule_source(load: Callable[[], object]) -> None:
    """Name a function that registers rules when called (it imports their modules).

    ``dvc_validate.checks`` adds its families when it is imported, so whoever imports
    from ``checks`` (the API, the CLI, the reporters) has the built-in rules. The
    hook keeps the registry below the rules: it is handed its loader, it does not
    go looking for it.
    """
    if load not in _SOURCES:
        _SOURCES.append(load)


def load_rules() -> None:
    """Register the rules of every source (an import: cheap after the first call).

    No source means no caller has imported ``dvc_validate.checks``: every selector
    would then look unknown, so this fails loudly rather than answer wrongly.
    """
    if not _SOURCES:
        raise RuntimeError(
            "no rules to load: import dvc_validate.checks (it adds the built-in rule "
            "families) before selecting rules"
        )
    for load in _SOURCES:
        load()
