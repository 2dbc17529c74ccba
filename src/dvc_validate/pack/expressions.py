"""Relations written as expressions over figures, evaluated with interval arithmetic.

``"6.1.new == appendix2.4.new"`` or ``"3.1.new.count + 3.2.new.count <= 200"``.
The expression is parsed with :mod:`ast` and only numbers, figure references,
``+ - * /`` and one comparison are allowed: a pack is data, never code.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model.interval import EPS, Interval

__all__ = ["REF_TOKEN", "CompiledExpression", "compare", "compile_expression"]

#: A figure reference: ``6.1.new``, ``1.2.a.old.count``, ``appendix2.4.change``.
REF_TOKEN = re.compile(
    r"(?<![\w.])((?:appendix[12]\.)?\d+(?:\.\d+)*(?:\.[a-zđ])?"
    r"\.(?:old\.count|old\.rate|new\.count|new\.rate|old|new|change))(?![\w.])"
)
#: The comparisons a relation may use.
_OPS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def compare(op: ast.cmpop, a: tuple[Any, Any], b: tuple[Any, Any]) -> Any:
    """Whether ``a op b`` can hold for values within the intervals ``a`` and ``b`` (each
    its bounds). Written with ``& |`` only, so the same function serves floats, numpy
    arrays and polars expressions: the one meaning of a comparison in every evaluator."""
    (alo, ahi), (blo, bhi) = a, b
    if isinstance(op, ast.Eq):
        return (alo <= bhi + EPS) & (blo <= ahi + EPS)
    if isinstance(op, ast.NotEq):  # not all four bounds the same point
        return (alo != ahi) | (ahi != blo) | (blo != bhi)
    if isinstance(op, ast.Lt):
        return alo < bhi - EPS
    if isinstance(op, ast.LtE):
        return alo <= bhi + EPS
    if isinstance(op, ast.Gt):
        return ahi > blo + EPS
    return ahi >= blo - EPS


Resolver = Callable[[str], Interval | None]

#: Longest relation accepted. A real one is under 100 characters; the parser and
#: the evaluator recurse once per operator, so a 50,000-term chain or 50,000
#: unary minuses must be refused before either sees it.
MAX_EXPRESSION_CHARS = 500
#: Largest constant: figures are counts and percentages, and a float cannot hold
#: a 400-digit number.
MAX_CONSTANT = 1e15


@dataclass(frozen=True)
class CompiledExpression:
    source: str
    refs: tuple[str, ...]
    _tree: ast.expr

    @property
    def tree(self) -> ast.expr:
        """The parsed expression; figure references are the names ``__r<i>`` of ``refs``."""
        return self._tree

    def value(self, resolve: Resolver) -> Interval | None:
        """The interval of a (non-comparison) expression; ``None`` if a figure is missing."""
        return _eval(self._tree, self.refs, resolve)

    def holds(self, resolve: Resolver) -> bool | None:
        """Whether the relation can hold for values within the printed precision;
        ``None`` when a figure it needs is missing (the relation does not apply)."""
        tree = self._tree
        if not isinstance(tree, ast.Compare):
            raise ValueError("not a relation")
        left = _eval(tree.left, self.refs, resolve)
        right = _eval(tree.comparators[0], self.refs, resolve)
        if left is None or right is None:
            return None
        return bool(compare(tree.ops[0], (left.lo, left.hi), (right.lo, right.hi)))


def compile_expression(text: str) -> CompiledExpression:
    """Parse ``text``; raise ValueError saying what is not allowed."""
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ValueError(
            f"expression is {len(text):,} characters long; at most {MAX_EXPRESSION_CHARS} "
            "are allowed"
        )
    refs: list[str] = []

    def repl(m: re.Match[str]) -> str:
        refs.append(m.group(1))
        return f"__r{len(refs) - 1}"

    py = REF_TOKEN.sub(repl, text.strip())
    try:
        tree = ast.parse(py, mode="eval").body
    except SyntaxError as exc:
        raise ValueError(f"cannot parse expression {_shown(text)}: {exc.msg}") from exc
    except (RecursionError, MemoryError, ValueError) as exc:  # nesting, digit limits
        raise ValueError(f"cannot parse expression {_shown(text)}: too complex") from exc
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and (
            len(node.ops) != 1 or not isinstance(node.ops[0], _OPS)
        ):
            raise ValueError(f"only one comparison (== != < <= > >=) is allowed in {_shown(text)}")
        if not isinstance(
            node,
            (
                ast.Compare,
                ast.BinOp,
                ast.UnaryOp,
                ast.Constant,
                ast.Name,
                ast.Load,
                ast.Add,
                ast.Sub,
                ast.Mult,
                ast.Div,
                ast.USub,
                ast.UAdd,
                *_OPS,
            ),
        ):
            raise ValueError(f"{type(node).__name__} is not allowed in {_shown(text)}")
        if isinstance(node, ast.Name) and not re.fullmatch(r"__r\d+", node.id):
            raise ValueError(f"unknown name {node.id!r} in {_shown(text)} (use <code>.<column>)")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise ValueError(f"only numbers are allowed as constants in {_shown(text)}")
        if isinstance(node, ast.Constant) and not _small(node.value):
            raise ValueError(f"the number {str(node.value)[:20]}… is too large in {_shown(text)}")
    return CompiledExpression(text, tuple(refs), tree)


def _shown(text: str) -> str:
    """The expression quoted in a message, cut short: a message stays one line."""
    return repr(text if len(text) <= 80 else text[:80] + "…")


def _small(value: object) -> bool:
    """A constant a float holds exactly enough: ``abs(value) <= MAX_CONSTANT``."""
    return isinstance(value, (int, float)) and abs(value) <= MAX_CONSTANT


def _eval(node: ast.expr, refs: tuple[str, ...], resolve: Resolver) -> Interval | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return Interval.point(float(node.value))
    if isinstance(node, ast.Name):
        return resolve(refs[int(node.id[3:])])
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, refs, resolve)
        return None if v is None else (-v if isinstance(node.op, ast.USub) else v)
    if isinstance(node, ast.BinOp):
        a = _eval(node.left, refs, resolve)
        b = _eval(node.right, refs, resolve)
        if a is None or b is None:
            return None
        if isinstance(node.op, ast.Add):
            return a + b
        if isinstance(node.op, ast.Sub):
            return a - b
        if isinstance(node.op, ast.Mult):
            if a.lo == a.hi:
                return b.scale(a.lo)
            if b.lo == b.hi:
                return a.scale(b.lo)
            c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
            return Interval(min(c), max(c))
        if isinstance(node.op, ast.Div):
            return a.ratio(b)
    raise ValueError(f"cannot evaluate {ast.dump(node)}")
