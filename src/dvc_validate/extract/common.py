"""Shared pieces of extraction: numbering patterns, dates with locations, figures in text."""

from __future__ import annotations

import re

from ..model.document import TextBlock
from ..model.figure import Figure, FigureKind, figure_from_text
from ..model.report import DateRef
from ..vn import ROMAN_RE, ParsedDate, find_dates

__all__ = [
    "date_refs",
    "figure_at",
    "number_kind",
]

INDICATOR_RE = re.compile(r"^(\d+(?:\.\d+)+)\.?$")
ITEM_RE = re.compile(r"^(\d+)\.?$")
PART_RE = re.compile(r"^([a-zđ])\s*[\).]?$")


def number_kind(text: str) -> tuple[str, str] | None:
    """Classify a row-number cell: ("section", "I"), ("indicator", "1.2"),
    ("item", "3"), ("part", "a"); ``None`` if it is not a numbering."""
    s = text.strip()
    if not s:
        return None
    if ROMAN_RE.match(s.upper()) and s.rstrip(".").isupper():
        return ("section", s.rstrip("."))
    if m := INDICATOR_RE.match(s):
        return ("indicator", m.group(1))
    if m := ITEM_RE.match(s):
        return ("item", m.group(1))
    if m := PART_RE.match(s):
        return ("part", m.group(1))
    return None


def to_ref(d: ParsedDate, block: TextBlock, role: str, context: str, offset: int = 0) -> DateRef:
    return DateRef(
        raw=d.raw,
        day=d.day,
        month=d.month,
        year=d.year,
        style=d.style,
        placeholder=d.placeholder,
        valid=d.valid,
        role=role,
        context=context,
        day_text=d.day_text,
        month_text=d.month_text,
        location=block.locate(offset + d.start),
    )


def date_refs(block: TextBlock, role: str, context: str) -> list[DateRef]:
    return [to_ref(d, block, role, context) for d in find_dates(block.text)]


def figure_at(
    block: TextBlock, start: int, end: int, kind: FigureKind, role: str | None = None
) -> Figure | None:
    """A figure for ``block.text[start:end]`` located at its first character."""
    return figure_from_text(block.text[start:end], kind, block.locate(start), role)
