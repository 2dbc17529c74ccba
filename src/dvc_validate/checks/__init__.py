"""Checks: the rule families, the runner that builds their findings, their texts.

Importing this package adds the built-in families to the engine's rule sources
(:func:`dvc_validate.engine.add_rule_source`). A caller above the checks imports
the registry and the selection from here, which guarantees that the built-in
rules are among those selected; the configuration and the suppressions, which
sit below, use :mod:`dvc_validate.engine` directly.
"""

from ..engine import (
    REGISTRY,
    MissingPlaceholderError,
    Rule,
    Selection,
    add_rule_source,
    load_rules,
    resolve_selection,
    rule,
)
from .runner import RuleContext, run_rules

__all__ = [
    "REGISTRY",
    "MissingPlaceholderError",
    "Rule",
    "RuleContext",
    "Selection",
    "load_rules",
    "resolve_selection",
    "rule",
    "run_rules",
]


def _import_families() -> None:
    """Import the rule families, whose decorators register them."""
    from . import families  # noqa: F401


add_rule_source(_import_families)
