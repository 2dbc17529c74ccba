"""Consecutive months of one unit, built with :mod:`reportgen`.

``following(spec, ...)`` is the next month's :class:`~reportgen.Spec` whose old
column, previous scores and previous rank are exactly what ``spec`` published,
so a pair from it has no continuity finding, and any one edit to either report
is a continuity finding at a known place.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from dvc_validate.vn import previous_month

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reportgen import Spec, render

__all__ = ["JANUARY", "Spec", "following", "months", "render", "write"]

#: January 2024 of xã Hòa Bình; ``following(JANUARY)`` is the February of the case books.
JANUARY = Spec(
    month=1,
    scores=[14.3, 19.6, 10.1, 9.1, 17.3, 19.5],
    changes=[0.5, 0.2, 0.0, -0.1, 0.3, 0.0],
    old_counts=(3512, 1730),
    new_counts=(3863, 1591),
    ranks=(15, 12, 23),
    overdue=(6, 4),
)


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def following(
    spec: Spec,
    *,
    changes: list[float] | None = None,
    new_counts: tuple[int, int] | None = None,
    rank: int | None = None,
    overdue: int | None = None,
) -> Spec:
    """The month after ``spec``, continuing every figure it published."""
    year, month = next_month(spec.year, spec.month)
    changes = changes if changes is not None else [1.2, -0.4, 0.0, 0.3, 0.0, 1.1]
    scores = [round(s + c, 1) for s, c in zip(spec.scores, changes, strict=True)]
    return replace(
        spec,
        year=year,
        month=month,
        old_counts=spec.new_counts,
        new_counts=new_counts if new_counts is not None else (68, 36),
        scores=scores,
        changes=changes,
        ranks=(spec.ranks[1], rank if rank is not None else 5, spec.ranks[2]),
        overdue=(spec.overdue[1], overdue if overdue is not None else 3),
    )


def months(first: Spec, count: int) -> list[Spec]:
    """``count`` consecutive months from ``first``, with small, alternating changes."""
    out = [first]
    for i in range(1, count):
        step = 0.1 if i % 2 else -0.1
        out.append(
            following(
                out[-1],
                changes=[step, -step, 0.0, step, 0.0, step],  # the total moves too
                new_counts=(3000 + 10 * i, 1500 - 10 * i),
                rank=10 + (i % 3),
                overdue=i % 4,
            )
        )
    return out


def write(folder: Path, spec: Spec, name: str | None = None) -> Path:
    """Write ``spec`` as a text report named after its period (or ``name``)."""
    path = folder / (name or f"hoa-binh-{spec.year}-{spec.month:02d}.txt")
    path.write_text(render(spec), encoding="utf-8")
    return path


def month_before(spec: Spec) -> tuple[int, int]:
    return previous_month(spec.year, spec.month)
