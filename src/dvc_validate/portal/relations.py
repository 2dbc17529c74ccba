"""The portal pack's relations over the long table: one loop over the pack's entries,
each evaluated for all its rows at once by :mod:`.evaluate`.

Nothing here knows a relation: the pack states them (``rules/portal.yaml``),
each with its rule code. A failure carries the row, both sides as the portal
prints them (2 decimals) and the capture dates of the files involved, so that a
person can find both numbers in the JSON.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from .evaluate import TableView, holds, parse
from .pack import PortalPack, PortalRelation

__all__ = ["Failure", "evaluate_relations", "indicators_used"]


@dataclass(frozen=True)
class Failure:
    relation: PortalRelation
    row: int  # position in the table
    found: float
    expected: float
    captured: tuple[str, ...]  # distinct capture dates (YYYY-MM-DD) of the figures used


def indicators_used(expr: str) -> set[str]:
    return {
        str(n.slice.value)
        for n in ast.walk(parse(expr))
        if isinstance(n, ast.Subscript) and isinstance(n.slice, ast.Constant)
    }


def evaluate_relations(
    table: pd.DataFrame,
    pack: PortalPack,
    *,
    rows: npt.NDArray[np.intp] | None = None,
    view: TableView | None = None,
) -> list[Failure]:
    """Every relation of ``pack`` at every row it applies to (or only at ``rows``)."""
    view = view or TableView(table, pack.decimals)
    indicator = table["indicator"].astype(str).to_numpy()
    captured = table["captured_at"].astype(str).str.slice(0, 10).to_numpy()
    allowed = np.zeros(len(table), dtype=bool)
    allowed[np.arange(len(table)) if rows is None else rows] = True
    out: list[Failure] = []
    for rel in pack.relations:
        sel = allowed if rel.indicators == "all" else allowed & np.isin(indicator, rel.indicators)
        at = np.flatnonzero(sel).astype(np.intp)
        if rel.when is not None and len(at):
            cond = holds(view, rel.when, at)
            at = at[cond.checked & ~cond.failed]
        if not len(at):
            continue
        res = holds(view, rel.check, at)
        others = sorted(indicators_used(rel.check))
        for i in np.flatnonzero(res.failed).tolist():
            r = int(at[i])
            dates = {captured[r]}
            for ind in others:
                j = int(view.rows_of(view.unit_key[[r]], ind)[0])
                if j >= 0:
                    dates.add(captured[j])
            out.append(
                Failure(
                    rel,
                    r,
                    float(res.left.mid[i]),
                    float(res.right.mid[i]),
                    tuple(sorted(d for d in dates if d and d != "None")),
                )
            )
    return sorted(out, key=lambda f: (f.row, f.relation.code))
