"""Which rules run: ``select``, ``extend-select`` and ``ignore`` resolved to rules.

A selector is a code (``PC001``), a prefix (``PC``, ``PC0``), a rule name
(``percent-out-of-range``), a family (``percentages``) or ``ALL``, as in ruff. The
configuration, the suppressions and the runner all resolve selectors here, so a
selector means the same thing wherever it is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import UnknownRuleError
from ..names import did_you_mean
from .registry import REGISTRY, Rule, load_rules

__all__ = ["Selection", "resolve_selection"]


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
    load_rules()
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
