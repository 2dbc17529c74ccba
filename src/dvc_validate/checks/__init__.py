"""Checks: the rule registry, the rule families and the runner."""

from .engine import REGISTRY, Rule, RuleContext, Selection, resolve_selection, rule, run_rules

__all__ = ["REGISTRY", "Rule", "RuleContext", "Selection", "resolve_selection", "rule", "run_rules"]
