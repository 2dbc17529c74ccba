"""A report held against the portal: which unit it is, and whether the months agree.

The unit is read from the report's header block as written (the lines above
"Số:"/the date): a department's report is headed "UBND TỈNH PHÚ THỌ / SỞ Y TẾ",
a commune's "ỦY BAN NHÂN DÂN / XÃ BÌNH PHÚ". The issuing body is the last of
those lines that names a portal unit (the line above it is its parent
authority); the extracted issuer is the fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..model.document import Document, Paragraph
from ..model.report import Report
from .evaluate import TableView
from .names import Match, match_unit
from .pack import portal_pack
from .read import PortalData

__all__ = ["Binding", "PortalInput", "header_lines"]

_HEAD_STOP = re.compile(r"^(?:số\s*[:/]|v/v\b|kính gửi|thực hiện)|ngày\s+\S+\s+tháng", re.I)


def header_lines(doc: Document | None, limit: int = 12) -> tuple[str, ...]:
    """The first lines of the document, up to its number, date or subject."""
    if doc is None:
        return ()
    out: list[str] = []
    for b in doc.blocks:
        cells = [b] if isinstance(b, Paragraph) else [c for r in b.rows for c in r.cells]
        for c in cells:
            for line in c.text.splitlines():
                t = line.strip()
                if not t:
                    continue
                if _HEAD_STOP.search(t) or len(out) >= limit:
                    return tuple(out)
                out.append(t)
    return tuple(out)


@dataclass
class PortalInput:
    """What ``lint --portal`` hands the PT rules: the data and the report's header lines."""

    data: PortalData
    head: tuple[str, ...] = ()
    _views: dict[str, TableView] = field(default_factory=dict, repr=False)

    @cached_property
    def view(self) -> TableView:
        return TableView(self.data.table, portal_pack().decimals)

    @cached_property
    def names(self) -> dict[str, str]:
        u = self.data.units()
        return dict(zip(u["unit_id"].astype(str), u["unit_name"].astype(str), strict=True))


@dataclass(frozen=True)
class Binding:
    """The report's unit on the portal (``unit`` None: not found or not unique)."""

    match: Match
    written: str  # the name as the report writes it
    period_ok: bool

    @property
    def unit(self) -> str | None:
        return self.match.unit


def bind(report: Report, portal: PortalInput) -> Binding:
    units = list(portal.names.items())
    found: tuple[Match, str] | None = None
    for line in reversed(portal.head):
        m = match_unit(line, units)
        if m.candidates:
            found = (m, line)
            break
    if found is None:
        h = report.header
        written = h.issuer.text if h.issuer else (h.unit_name or "")
        found = (match_unit(h.unit_name or written, units, level=h.unit_level), written)
    period = report.period.key if report.period else None
    return Binding(found[0], found[1], period is not None and period in portal.data.periods)
