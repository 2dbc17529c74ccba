"""Column roles from a table's header rows.

Header cells are often merged: ``Thống kê ... ngày 31/01/2024`` spans a "Số liệu"
and a "Tỷ lệ (%)" column. Word tells us about the merge; the text export only
leaves an empty field. Both are handled by letting a blank upper header cell
inherit from its left neighbour when the row below names a sub-column.
"""

from __future__ import annotations

import re

from ..model.document import Cell, Row
from ..model.report import ColumnRole, DateRef
from ..vn import find_dates, normalize_label
from .common import to_ref

__all__ = ["classify_columns", "is_header_row"]

_CHANGE_RE = re.compile(r"tăng|giảm|chênh lệch|so với|thay đổi", re.I)
_NUM_CELL_RE = re.compile(r"^[+\-−]?\d[\d.,/\u00a0\u202f]*\s*%?$")


def is_header_row(row: Row, first_data_col: int = 3) -> bool:
    """A row of column titles: text beyond the label columns and no figures."""
    texts = [c.text.strip() for c in row.cells if c.col >= first_data_col and c.text.strip()]
    if not texts:
        return False
    if any(_NUM_CELL_RE.match(t) for t in texts):
        return False
    return any(len(t) > 3 for t in texts)


def _composed(rows: list[Row], width: int) -> list[list[Cell | None]]:
    """Per grid column, the header cells top to bottom, with merges filled in."""
    grid: list[list[Cell | None]] = [[r.cell(c) for c in range(1, width + 1)] for r in rows]
    for ri in range(len(rows)):
        for ci in range(1, width):
            cell = grid[ri][ci]
            left = grid[ri][ci - 1]
            blank = cell is None or not cell.text.strip()
            below = any(g[ci] is not None and g[ci].text.strip() for g in grid[ri + 1 :])  # type: ignore[union-attr]
            if (
                blank
                and left is not None
                and left.text.strip()
                and ((cell is not None and cell.merged) or below)
            ):
                grid[ri][ci] = left
    return grid


def classify_columns(rows: list[Row], context: str) -> tuple[list[ColumnRole], list[DateRef]]:
    """Roles of every grid column: number, label, old.*, new.*, change, and the header dates."""
    width = max((c.col + c.span - 1 for r in rows for c in r.cells), default=0)
    grid = _composed(rows, width)
    dates: list[DateRef] = []
    seen_cells: set[int] = set()
    columns: list[ColumnRole] = []
    groups: list[tuple[int, DateRef | None]] = []  # (col, first date) of dated columns
    change_ref: DateRef | None = None
    for ci in range(width):
        cells = [g[ci] for g in grid if g[ci] is not None]
        texts = [c.text for c in cells if c.text.strip()]  # type: ignore[union-attr]
        joined = " ".join(texts)
        norm = normalize_label(joined)
        col_dates: list[DateRef] = []
        for c in cells:
            assert c is not None
            refs = [to_ref(d, c, "header", context) for d in find_dates(c.text)]
            if id(c) not in seen_cells:
                seen_cells.add(id(c))
                dates.extend(refs)
            col_dates.extend(refs)
        if not joined.strip():
            continue  # an untitled column (padding cells of a merged layout) has no role
        role = "other"
        if norm in {"số tt", "stt", "tt", "số thứ tự"}:
            role = "number"
        elif norm.startswith(("nội dung", "chỉ tiêu", "tiêu chí", "chỉ số")) or norm == "nội dung":
            role = "label"
        elif _CHANGE_RE.search(joined):
            role = "change"
            if col_dates and change_ref is None:
                change_ref = col_dates[0]
        elif col_dates or re.search(r"tháng trước|kỳ trước|tháng này|kỳ này|trước|sau", norm):
            role = "dated"
            groups.append((ci + 1, col_dates[0] if col_dates else None))
        titled = [c for c in cells if c is not None and c.text.strip()]
        columns.append(
            ColumnRole(
                col=ci + 1,
                role=role,
                header=joined,
                date=col_dates[0] if col_dates else None,
                location=titled[-1].locate(0) if titled else None,
            )
        )
    _assign_old_new(columns, groups, change_ref)
    for d in dates:
        d.role = _date_role(d, columns, change_ref)
    return columns, dates


def _assign_old_new(
    columns: list[ColumnRole], groups: list[tuple[int, DateRef | None]], change_ref: DateRef | None
) -> None:
    """Old is the column group whose date the change column compares with; else the first."""
    raws: list[str] = []
    for _, d in groups:
        key = d.raw if d is not None else ""
        if key not in raws:
            raws.append(key)
    old_key = raws[0] if raws else ""
    if change_ref is not None and change_ref.raw in raws:
        old_key = change_ref.raw
    same_date = len(raws) == 1 and raws[0] != "" and len(groups) > 1
    seen: set[str] = set()
    for col in columns:
        if col.role != "dated":
            continue
        key = col.date.raw if col.date is not None else ""
        sub = _sub_kind(col.header)
        if same_date:
            # both groups carry one date (one of them mistyped): the old group comes
            # first, and the new one starts where a sub-column repeats
            side = "new" if sub in seen or (not sub and seen) else "old"
            seen.add(sub)
        elif len(raws) <= 1 and col.date is None:
            side = "old" if re.search(r"trước", normalize_label(col.header)) else "new"
        else:
            side = "old" if key == old_key else "new"
        col.role = f"{side}.{sub}" if sub else side


def _sub_kind(header: str) -> str:
    n = normalize_label(header)
    if "tỷ lệ" in n or "tỉ lệ" in n or "%" in header:
        return "rate"
    if "số liệu" in n or "số lượng" in n or n.endswith("số"):
        return "count"
    return ""


def _date_role(d: DateRef, columns: list[ColumnRole], change_ref: DateRef | None) -> str:
    if change_ref is not None and d.location == change_ref.location:
        return "change-ref"
    for col in columns:
        if col.date is not None and col.date.location == d.location:
            # every change column compares with a date, the second group's too
            return "change-ref" if col.role == "change" else col.role.split(".")[0]
    return "header"
