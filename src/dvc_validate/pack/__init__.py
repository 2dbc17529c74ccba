"""The rule packs: the index as data, its expression language and its relation form.

The pack layer sits below extraction and the checks: a pack is read once, and every
executor (the interval evaluator over one document, the vectorised one over tables)
takes its relations from here. ``model`` holds the schema and loading of the index
pack, ``prose`` the vocabulary of statements in running text, ``expressions`` the one
expression grammar.
"""

from __future__ import annotations

from .model import (
    AxisDef,
    IndicatorDef,
    Relation,
    RulePack,
    builtin_pack,
    load_pack,
    merge_packs,
    parse_ref,
)

__all__ = [
    "AxisDef",
    "IndicatorDef",
    "Relation",
    "RulePack",
    "builtin_pack",
    "load_pack",
    "merge_packs",
    "parse_ref",
]
