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

from ..model.interval import EPS, Interval

__all__ = ["CompiledExpression", "compile_expression"]

_REF_TOKEN = re.compile(
    r"(?<![\w.])((?:appendix[12]\.)?\d+(?:\.\d+)*(?:\.[a-zđ])?"
    r"\.(?:old\.count|old\.rate|new\.count|new\.rate|old|new|change))(?![\w.])"
)
_OPS: dict[type[ast.cmpop], Callable[[Interval, Interval], bool]] = {
    ast.Eq: lambda a, b: a.overlaps(b),
    ast.NotEq: lambda a, b: not (a.lo == a.hi == b.lo == b.hi),
    ast.Lt: lambda a, b: a.lo < b.hi - EPS,
    ast.LtE: lambda a, b: a.lo <= b.hi + EPS,
    ast.Gt: lambda a, b: a.hi > b.lo + EPS,
    ast.GtE: lambda a, b: a.hi >= b.lo - EPS,
}

Resolver = Callable[[str], Interval | None]


@dataclass(frozen=True)
class CompiledExpression:
    source: str
    refs: tuple[str, ...]
    _tree: ast.expr

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
        return _OPS[type(tree.ops[0])](left, right)


def compile_expression(text: str) -> CompiledExpression:
    """Parse ``text``; raise ValueError saying what is not allowed."""
    refs: list[str] = []

    def repl(m: re.Match[str]) -> str:
        refs.append(m.group(1))
        return f"__r{len(refs) - 1}"

    py = _REF_TOKEN.sub(repl, text.strip())
    try:
        tree = ast.parse(py, mode="eval").body
    except SyntaxError as exc:
        raise ValueError(f"cannot parse expression {text!r}: {exc.msg}") from exc
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and (len(node.ops) != 1 or type(node.ops[0]) not in _OPS):
            raise ValueError(f"only one comparison (== != < <= > >=) is allowed in {text!r}")
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
                *_OPS.keys(),
            ),
        ):
            raise ValueError(f"{type(node).__name__} is not allowed in {text!r}")
        if isinstance(node, ast.Name) and not re.fullmatch(r"__r\d+", node.id):
            raise ValueError(f"unknown name {node.id!r} in {text!r} (use <code>.<column>)")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise ValueError(f"only numbers are allowed as constants in {text!r}")
    return CompiledExpression(text, tuple(refs), tree)


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
