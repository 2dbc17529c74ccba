"""The relation form: every relation of the index as a declarative entry of the pack.

A relation entry says, in data, *which figures* it binds (``over``: a scope such as one
Appendix I row, one whole and its parts, the report's statements) and *what must hold*
between them (``check``: one comparison in the pack's expression grammar)::

    - {code: DL001, kind: change, over: row, check: "change == new - old"}
    - {code: PC004, kind: sum, over: whole, sides: [old, new], check: "sum(part.{side}.rate) == 100"}
    - {code: PC003, kind: ratio, over: whole, sides: [old, new],
       check: "part.{side}.rate == 100 * part.{side}.count / sum(part.{side}.count)"}

This module compiles an entry once into a normal form that both executors share:

* :class:`Linear` — ``Σ c_i·x_i ∈ [lo, hi]``, where a term is one name of the scope or
  the sum of a name over the scope's members (``sum(part.new.rate)``), and a bound may be
  a number or a parameter of the bound figure (``score.max``);
* :class:`Ratio` — ``rate = 100 · numerator / denominator``, the denominator a sum over
  the members, one name, or a parameter.

The interval evaluator (:mod:`dvc_validate.checks.relations`) binds the names to the
figures of one document; the vectorised evaluator (:mod:`dvc_validate.tables.evaluate`)
binds them to table columns. Neither knows a relation of the index: they know the two
forms, and the scopes' vocabularies. ``kind`` tells localisation how to weigh and word
a relation (a change, a sum of parts, a figure stated twice); ``code`` is the rule that
reports it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, Field, field_validator, model_validator

from .expressions import REF_TOKEN

__all__ = [
    "SCOPES",
    "CompiledRelation",
    "Linear",
    "Ratio",
    "RelationDef",
    "Term",
    "compile_relation",
]

#: The scopes a relation may be declared over, each with the names it binds. The
#: document and the table evaluators each bind these names; the docs list them
#: (docs/rule-packs.md).
SCOPES: dict[str, str] = {
    "figure": "one figure: rate, percent_change, score (score.max), rank (rank.of)",
    "row": "one Appendix I row: old, new (rates if both printed, else counts), change, "
    "{side}.rate, {side}.count, {side}.count.of (the b of a/b)",
    "whole": "one whole of the pack (wholes, complementary): part.{side}.rate, "
    "part.{side}.count (one per part; sum() over the parts), parent.{side}.count",
    "detail": "one column group of an Appendix II item: old, new, change",
    "statement": "one score statement (an axis or the total): score, previous, change, "
    "unchanged (the text says the score did not move)",
    "report": "the report's statements and closing row: axis.score, axis.change, "
    "axis.previous (one per axis; sum() over them), text.total, text.change, "
    "text.previous, text.rank, text.previous_rank, text.rank_change, row.old_score, "
    "row.new_score, row.change, row.old_rank, row.new_rank, row.rank_change",
    "repeated": "one figure the pack says is stated in two tables: a, b",
    "share": "a share stated in running text: rate, part, whole",
    "stated-parts": "parts of a whole stated in running text: whole, part (sum())",
    "stated-levels": "levels adding up to the province in running text: whole, level (sum())",
    "stated-score": "a score stated in running text that no template reader holds: score",
    "stated-rank": "a rank stated in running text that no template reader holds: rank",
    "stated-axes": "all the axis scores and the total stated in running text: axis (sum()), total",
    "stated-rank-change": "a rank change stated in running text: old, new, change",
    "stated-change": "a change between two figures stated in running text: old, new, change",
    "refs": "the whole report by figure reference: <code>.<column>, appendix2.<item>.<column>",
    "last-month": "each axis and the total beside last month's report: score, change, "
    "unchanged, last.score",
    "last-month-rank": "the rank beside last month's report: rank (exact), change, unchanged, "
    "last.rank",
}

_NAME = re.compile(r"(?<![\w.])[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*")
_MAX_CHECK = 500


@dataclass(frozen=True)
class Term:
    """``coeff · name``; ``each`` is True for ``sum(name)`` over the scope's members.
    ``name`` may hold alternatives (``row.change | text.change``): the first bound one."""

    coeff: float
    name: tuple[str, ...]
    each: bool = False


@dataclass(frozen=True)
class Bound:
    """A bound of a range: a number, or a parameter of the bound figure (``score.max``)."""

    value: float = 0.0
    param: str | None = None


@dataclass(frozen=True)
class Linear:
    """``Σ terms ∈ [lo, hi]``; ``lo`` is ``hi`` for an equation."""

    terms: tuple[Term, ...]
    lo: Bound
    hi: Bound


@dataclass(frozen=True)
class Ratio:
    """``rate = 100 · numerator / denominator``.

    The denominator is the sum of ``denominator`` terms (members of the scope with
    ``each``), or the parameter ``denominator_param`` (the b of a printed a/b)."""

    rate: tuple[str, ...]
    numerator: tuple[str, ...]
    denominator: tuple[Term, ...] = ()
    denominator_param: str | None = None


@dataclass(frozen=True)
class CompiledRelation:
    """One relation entry for one side, compiled: what both evaluators run."""

    code: str
    kind: str
    over: str
    form: Linear | Ratio
    side: str | None
    subject: str | None
    when: str | None
    unless: str | None
    sign_slip: bool
    source: str

    def names(self) -> tuple[tuple[str, ...], ...]:
        """Every name (with its alternatives) the relation needs bound, parameters last."""
        form = self.form
        if isinstance(form, Linear):
            out = [t.name for t in form.terms]
            out += [(b.param,) for b in (form.lo, form.hi) if b.param is not None]
        else:
            out = [form.rate, form.numerator, *(t.name for t in form.denominator)]
            if form.denominator_param is not None:
                out.append((form.denominator_param,))
        return tuple(out)


class RelationDef(BaseModel):
    """A relation as the pack writes it.

    ``sides`` expands ``{side}`` in ``check`` (and ``subject``) once per side, so one
    entry states a relation for the old and the new figures alike. A user pack adds
    entries of the same form; an entry with only ``expr`` is a relation over figure
    references (scope ``refs``) reported as CO003, the form older packs used."""

    code: str = "CO003"
    kind: str = "user"
    over: str = "refs"
    check: str = ""
    expr: str = ""  # the older spelling of ``check`` for scope ``refs``
    sides: list[str] = Field(default_factory=list)
    subject: str | None = None
    when: str | None = None
    unless: str | None = None
    sign_slip: bool = False
    severity: str = "error"
    message_vi: str | None = None
    message_en: str | None = None
    line: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_expression(cls, data: object) -> object:
        """``"6.1.new == appendix2.4.new"`` alone is a relation over figure references."""
        return {"expr": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _compiles(self) -> RelationDef:
        if not self.check and not self.expr:
            raise ValueError("a relation needs `check` (or `expr`)")
        if not self.check:
            self.check = self.expr
        if not self.expr and self.over == "refs":
            self.expr = self.check
        if self.over not in SCOPES:
            raise ValueError(f"unknown scope {self.over!r}; known: {', '.join(SCOPES)}")
        if self.over == "refs":
            from .expressions import compile_expression

            compile_expression(self.check)  # raises ValueError with the reason
        else:
            compile_relation(self)  # raises ValueError with the reason
        return self

    @field_validator("sides")
    @classmethod
    def _known_sides(cls, v: list[str]) -> list[str]:
        bad = [s for s in v if s not in ("old", "new")]
        if bad:
            raise ValueError(f"sides are old and new, not {', '.join(bad)}")
        return v

    def compiled(self) -> tuple[CompiledRelation, ...]:
        """The entry compiled once per side (once when it has no sides)."""
        return compile_relation(self)


def compile_relation(rel: RelationDef) -> tuple[CompiledRelation, ...]:
    """Compile ``rel`` for each of its sides; ValueError says what is not allowed."""
    return _compile_cached(
        rel.code,
        rel.kind,
        rel.over,
        rel.check,
        tuple(rel.sides),
        rel.subject,
        rel.when,
        rel.unless,
        rel.sign_slip,
    )


@lru_cache(maxsize=512)
def _compile_cached(
    code: str,
    kind: str,
    over: str,
    check: str,
    sides: tuple[str, ...],
    subject: str | None,
    when: str | None,
    unless: str | None,
    sign_slip: bool,
) -> tuple[CompiledRelation, ...]:
    if over == "refs":
        raise ValueError("a relation over figure references is evaluated as an expression")
    if len(check) > _MAX_CHECK:
        raise ValueError(f"a check is at most {_MAX_CHECK} characters")
    out: list[CompiledRelation] = []
    for side in sides or (None,):
        text = check.replace("{side}", side or "")
        if side is None and "{side}" in check:
            raise ValueError(f"{check!r} names {{side}} but the entry has no sides")
        out.append(
            CompiledRelation(
                code=code,
                kind=kind,
                over=over,
                form=_form(text),
                side=side,
                subject=None if subject is None else subject.replace("{side}", side or ""),
                when=when,
                unless=unless,
                sign_slip=sign_slip,
                source=text,
            )
        )
    return tuple(out)


# ----------------------------------------------------------------------------- parsing

_Lin = dict[tuple[tuple[str, ...], bool], float]  # (name, each) -> coefficient, in order


def _form(text: str) -> Linear | Ratio:
    names: list[tuple[str, ...]] = []

    def repl(m: re.Match[str]) -> str:
        word = m.group(0)
        if word == "sum":
            return word
        names.append((word,))
        return f"__n{len(names) - 1}"

    if REF_TOKEN.search(text):
        raise ValueError(f"figure references belong to scope refs, not {text!r}")
    py = _NAME.sub(repl, text.strip())
    try:
        tree = ast.parse(py, mode="eval").body
    except SyntaxError as exc:
        raise ValueError(f"cannot parse {text!r}: {exc.msg}") from exc
    if not isinstance(tree, ast.Compare):
        raise ValueError(f"{text!r} is not a comparison")
    ops, sides = tree.ops, [tree.left, *tree.comparators]
    if len(ops) == 2 and all(isinstance(o, ast.LtE) for o in ops):  # lo <= x <= hi
        lo, mid, hi = sides
        terms = _linear(mid, names)
        return Linear(_terms(terms), _bound(lo, names), _bound(hi, names))
    if len(ops) != 1 or not isinstance(ops[0], (ast.Eq, ast.LtE, ast.GtE)):
        raise ValueError(f"{text!r}: one ==, <= or >= (or lo <= x <= hi) is allowed")
    ratio = _ratio(tree.left, tree.comparators[0], names)
    if ratio is not None:
        if not isinstance(ops[0], ast.Eq):
            raise ValueError(f"{text!r}: a ratio is compared with ==")
        return ratio
    lhs = _linear(tree.left, names)
    right = tree.comparators[0]
    if isinstance(right, ast.Constant) or (
        isinstance(right, ast.UnaryOp) and isinstance(right.operand, ast.Constant)
    ):
        target = _bound(right, names)
        terms = lhs
    else:
        terms = lhs
        for key, c in _linear(right, names).items():
            terms[key] = terms.get(key, 0.0) - c
        target = Bound(0.0)
    inf = Bound(float("inf"))
    if isinstance(ops[0], ast.Eq):
        return Linear(_terms(terms), target, target)
    if isinstance(ops[0], ast.LtE):
        return Linear(_terms(terms), Bound(-inf.value), target)
    return Linear(_terms(terms), target, inf)


def _terms(lin: _Lin) -> tuple[Term, ...]:
    return tuple(Term(c, name, each) for (name, each), c in lin.items() if c != 0.0)


def _name_of(node: ast.expr, names: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """A name, or alternatives joined by ``|`` (the first one bound is used)."""
    if isinstance(node, ast.Name) and node.id.startswith("__n"):
        return names[int(node.id[3:])]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        a, b = _name_of(node.left, names), _name_of(node.right, names)
        if a is not None and b is not None:
            return (*a, *b)
    return None


def _sum_of(node: ast.expr, names: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "sum"
        and len(node.args) == 1
        and not node.keywords
    ):
        return _name_of(node.args[0], names)
    return None


def _number(node: ast.expr) -> float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        if isinstance(node.value, bool) or abs(node.value) > 1e15:
            return None
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = _number(node.operand)
        return None if v is None else (-v if isinstance(node.op, ast.USub) else v)
    return None


def _bound(node: ast.expr, names: list[tuple[str, ...]]) -> Bound:
    v = _number(node)
    if v is not None:
        return Bound(v)
    name = _name_of(node, names)
    if name is not None and len(name) == 1:
        return Bound(0.0, name[0])
    raise ValueError("a bound is a number or one parameter (score.max, rank.of)")


def _linear(node: ast.expr, names: list[tuple[str, ...]]) -> _Lin:
    """``node`` as a linear combination of names (constants are not allowed in a sum:
    they belong on the other side of the comparison)."""
    name = _name_of(node, names)
    if name is not None:
        return {(name, False): 1.0}
    summed = _sum_of(node, names)
    if summed is not None:
        return {(summed, True): 1.0}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _linear(node.operand, names)
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        return {k: sign * c for k, c in inner.items()}
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        out = _linear(node.left, names)
        sign = 1.0 if isinstance(node.op, ast.Add) else -1.0
        for k, c in _linear(node.right, names).items():
            out[k] = out.get(k, 0.0) + sign * c
        return out
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Div)):
        a, b = _number(node.left), _number(node.right)
        if isinstance(node.op, ast.Mult) and a is not None:
            return {k: a * c for k, c in _linear(node.right, names).items()}
        if b is not None and b != 0.0:
            f = b if isinstance(node.op, ast.Mult) else 1.0 / b
            return {k: f * c for k, c in _linear(node.left, names).items()}
    raise ValueError(
        f"{ast.unparse(node)!r} is not linear: use + − and numbers times names, "
        "or the ratio form rate == 100 * part / whole"
    )


def _ratio(left: ast.expr, right: ast.expr, names: list[tuple[str, ...]]) -> Ratio | None:
    """``rate == 100 * num / den`` (or ``num / den * 100``), else ``None``."""
    rate = _name_of(left, names)
    if rate is None or not isinstance(right, ast.BinOp):
        return None
    div: ast.expr | None = None
    if isinstance(right.op, ast.Mult) and _number(right.left) == 100.0:
        div = right.right
    elif isinstance(right.op, ast.Mult) and _number(right.right) == 100.0:
        div = right.left
    elif isinstance(right.op, ast.Div) and isinstance(right.left, ast.BinOp):
        inner = right.left
        if isinstance(inner.op, ast.Mult) and _number(inner.left) == 100.0:
            div = ast.BinOp(inner.right, ast.Div(), right.right)
    if not isinstance(div, ast.BinOp) or not isinstance(div.op, ast.Div):
        return None
    num = _name_of(div.left, names)
    if num is None:
        return None
    summed = _sum_of(div.right, names)
    if summed is not None:
        return Ratio(rate, num, (Term(1.0, summed, True),))
    den = _name_of(div.right, names)
    if den is None:
        return None
    if len(den) == 1 and den[0].endswith((".of", ".max")):
        return Ratio(rate, num, (), den[0])
    return Ratio(rate, num, (Term(1.0, den),))
