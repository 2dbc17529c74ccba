"""Where the clerk's page puts each finding: a mark on a span of a paragraph or a
cell, or the panel of findings that have no place in the draft.

A mark is one span of source text with every finding that points at it, so two
findings on one figure ("4,26 %": a space and a missing sign) give one mark that
explains both, and marks never nest. A finding whose figure cannot be found where
its location says goes to the panel rather than onto a guessed span: a mark on the
wrong figure would mislead more than no mark.

An error that no single figure carries (axis changes that do not add up, two tables
that disagree) also marks the figures involved: each figure an explanation would
change is marked with that explanation's number and value, so the clerk sees the
candidates in place and that they are alternatives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model.document import Cell, Document, Paragraph, Table
from ..model.finding import Finding, Severity
from ..model.location import Location
from ._common import locate

__all__ = ["Involved", "Mark", "Placement", "explanations", "place"]

Block = Paragraph | Cell


@dataclass
class Involved:
    """A figure that explanation ``option`` (1-based, of ``options``) of finding ``n``
    would change to ``suggested`` (``None``: a figure involved, no value proposed)."""

    n: int
    finding: Finding
    option: int
    options: int
    suggested: str | None


@dataclass
class Mark:
    """A span ``[start, end)`` of ``block.text`` and what is said about it."""

    block: Block
    start: int
    end: int
    findings: list[tuple[int, Finding]] = field(default_factory=list)
    involved: list[Involved] = field(default_factory=list)

    @property
    def severity(self) -> Severity:
        """The worst of its own findings; a figure only involved takes the error's."""
        sev = [f.severity for _, f in self.findings] or [i.finding.severity for i in self.involved]
        return max(sev, key=lambda s: s.rank)

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]


@dataclass
class Placement:
    """Marks by ``id`` of their block (in text order) and the findings with no place."""

    marks: dict[int, list[Mark]] = field(default_factory=dict)
    unplaced: list[tuple[int, Finding]] = field(default_factory=list)
    placed: dict[int, Mark] = field(default_factory=dict)  # finding number → its mark

    def all_marks(self) -> list[Mark]:
        return [m for ms in self.marks.values() for m in ms]


def explanations(f: Finding) -> list[list[dict[str, Any]]]:
    """The finding's alternative explanations (``data["explanations"]``), each a list
    of changes ``{location, found, suggested}``; malformed entries are left out."""
    raw = f.data.get("explanations")
    if not isinstance(raw, list):
        return []
    out: list[list[dict[str, Any]]] = []
    for exp in raw:
        if isinstance(exp, list):
            out.append([c for c in exp if isinstance(c, dict) and "location" in c])
    return out


def _span(doc: Document, loc: Location, found: str | None) -> tuple[Block, int, int] | None:
    """The exact span of ``found`` at ``loc``; an empty span for an empty cell; else None."""
    t = locate(doc, loc, found)
    if t is None:
        return _in_row(doc, loc, found)
    if found:
        if t.block.text[t.start : t.end] != found:
            return None  # locate fell back to the whole text: the figure is not there
        return t.block, t.start, t.end
    if isinstance(t.block, Cell) and not t.block.text.strip():
        return t.block, 0, 0
    return None


def _cells(tables: Iterable[Table]) -> Iterator[Cell]:
    for t in tables:
        for r in t.rows:
            for c in r.cells:
                yield c
                yield from _cells(c.tables)


def _in_row(doc: Document, loc: Location, found: str | None) -> tuple[Block, int, int] | None:
    """A finding about a whole table row (a repeated section numeral): the first cell
    of that row that holds ``found`` as a whole token."""
    if not found or loc.table is None or loc.row is None or loc.cell is not None:
        return None
    for c in _cells(doc.tables()):
        if (c.location.table, c.location.row) == (loc.table, loc.row):
            hit = re.search(rf"(?<![\w,.]){re.escape(found)}(?![\w]|[,.]\d)", c.text)
            if hit:
                return c, hit.start(), hit.end()
    return None


def _mark_at(p: Placement, block: Block, start: int, end: int) -> Mark:
    """The mark covering ``[start, end)`` of ``block``: an overlapping one is reused, so
    marks never nest or cross."""
    marks = p.marks.setdefault(id(block), [])
    for m in marks:
        same = (m.start, m.end) == (start, end)
        if same or (start < m.end and m.start < end):
            return m
    m = Mark(block=block, start=start, end=end)
    marks.append(m)
    marks.sort(key=lambda m: (m.start, m.end))
    return m


def _involve(p: Placement, doc: Document, n: int, f: Finding) -> None:
    """Mark the figures an error without a single culprit involves."""
    exps = explanations(f)
    for option, exp in enumerate(exps, start=1):
        for change in exp:
            try:
                loc = Location.model_validate(change["location"])
            except ValueError:
                continue
            found, suggested = change.get("found"), change.get("suggested")
            hit = _span(doc, loc, found if isinstance(found, str) else None)
            mark = _mark_at(p, *hit) if hit is not None else None
            if mark is not None and n not in (k for k, _ in mark.findings):  # not its own figure
                sug = suggested if isinstance(suggested, str) else None
                mark.involved.append(Involved(n, f, option, len(exps), sug))
    if not exps:  # no explanation computed: the related figures, whole
        for loc in f.related:
            t = locate(doc, loc)
            if t is not None and t.block.text.strip():
                mark = _mark_at(p, t.block, 0, len(t.block.text))
                mark.involved.append(Involved(n, f, 1, 1, None))


def place(findings: list[tuple[int, Finding]], doc: Document | None) -> Placement:
    """Put each numbered finding on its mark, or in the panel."""
    p = Placement()
    for n, f in findings:
        hit = _span(doc, f.location, f.found) if doc is not None else None
        if hit is None:
            p.unplaced.append((n, f))
            continue
        m = _mark_at(p, *hit)
        m.findings.append((n, f))
        p.placed[n] = m
    if doc is not None:
        for n, f in findings:
            many = len(explanations(f)) > 1
            if f.severity == Severity.ERROR and (f.expected is None or many):
                _involve(p, doc, n, f)
    return p
