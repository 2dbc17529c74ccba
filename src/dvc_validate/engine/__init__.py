"""The engine: what a rule is, the registry, and which rules a selection names.

Below the configuration and the suppressions, which name rules, and below
``checks/``, which declares the rules and runs them. The rules reach the registry
through :func:`add_rule_source`: importing ``dvc_validate.checks`` adds the
built-in families.
"""

from .registry import (
    FAMILIES,
    REGISTRY,
    MissingPlaceholderError,
    NoOptions,
    Rule,
    RuleFunc,
    add_rule_source,
    load_rules,
    rule,
)
from .selection import Selection, resolve_selection

__all__ = [
    "FAMILIES",
    "REGISTRY",
    "MissingPlaceholderError",
    "NoOptions",
    "Rule",
    "RuleFunc",
    "Selection",
    "add_rule_source",
    "load_rules",
    "resolve_selection",
    "rule",
]
