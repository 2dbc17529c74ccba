"""Shared pieces of extraction: numbering patterns, dates with locations, figures in text."""

from __future__ import annotations

import re

from ..model.document import TextBlock
from ..model.figure import Figure, FigureKind, figure_from_text
from ..model.report import DateRef
from ..vn import ParsedDate, find_dates

__all__ = [
    "ROMAN_RE",
    "date_refs",
    "figure_at",
    "number_kind",
    "roman_value",
]

ROMAN_RE = re.compile(r"^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})\.?$")
INDICATOR_RE = re.compile(r"^(\d+(?:\.\d+)+)\.?$")
ITEM_RE = re.compile(r"^(\d+)\.?$")
PART_RE = re.compile(r"^([a-zđ])\s*[\).]?$")


def roman_value(s: str) -> int | None:
    s = s.strip().rstrip(".").upper()
    if not s or not ROMAN_RE.match(s):
        return None
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(s):
        v = vals[ch]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total


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
