"""Interval arithmetic over a user's expression, for numpy arrays and polars expressions.

The vectorised evaluator runs a relation over figure references (``"2.1.new <= 0"``)
once per report of a table: over numpy arrays, and, for pandera's polars backend, as
polars expressions. Both support the same operators, so one walk of the expression
serves both; the comparison is the pack's own
(:func:`~dvc_validate.pack.expressions.compare`), so a relation holds in a table when
it holds in a document: when some values within the printed precision satisfy it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["walk"]

#: Bounds of an interval: two arrays, or two polars expressions.
Bounds = tuple[Any, Any]


def walk(
    node: ast.expr,
    leaf: Callable[[int], Bounds],
    const: Callable[[float], Bounds],
    ends: Callable[[Sequence[Any]], Bounds],
    divisor: Callable[[Any], None],
) -> Bounds:
    """The interval of ``node``: ``leaf(i)`` for the reference ``__r<i>``, ``const`` for
    a number, ``ends`` the least and greatest of candidates, and ``divisor`` is told of
    each divisor's lower bound (a ratio is defined for a positive divisor only)."""

    def ev(n: ast.expr) -> Bounds:
        if isinstance(n, ast.Constant) and isinstance(n.value, (int, float)):
            return const(float(n.value))
        if isinstance(n, ast.Name):
            return leaf(int(n.id[3:]))
        if isinstance(n, ast.UnaryOp):
            lo, hi = ev(n.operand)
            return (-hi, -lo) if isinstance(n.op, ast.USub) else (lo, hi)
        assert isinstance(n, ast.BinOp)
        (alo, ahi), (blo, bhi) = ev(n.left), ev(n.right)
        if isinstance(n.op, ast.Add):
            return alo + blo, ahi + bhi
        if isinstance(n.op, ast.Sub):
            return alo - bhi, ahi - blo
        if isinstance(n.op, ast.Mult):
            return ends([alo * blo, alo * bhi, ahi * blo, ahi * bhi])
        divisor(blo)
        return ends([alo / blo, alo / bhi, ahi / blo, ahi / bhi])

    return ev(node)
