"""Axis scores given as a table: ``Trục | Điểm tối đa | Tháng trước | Tháng này | Tăng/giảm``.

Some reports put the six axis scores in a table instead of sentences. Such a table is
recognised by what it holds, not by where it stands: rows named after the index's axes,
whose maxima (in a column, or beside the score as ``15,5/18``) are the axes' maxima. Its
figures become the same :class:`Statement` objects the sentences give, so every axis check
runs on them; read as an indicator table, its scores would be taken for counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.document import Cell, Row, Table
from ..model.figure import Figure, FigureKind, figure_from_text
from ..model.report import ColumnRole, Statement, Trend
from ..pack import AxisDef, RulePack
from ..vn import find_dates, normalize_label, parse_number
from .common import number_kind

__all__ = ["is_axis_table", "read_axis_table"]

_MIN_AXES = 3  # rows named after an axis that make a table an axis-score table
_CHANGE_RE = re.compile(r"tăng|giảm|chênh lệch|thay đổi", re.I)
_MAX_RE = re.compile(r"tối đa|thang điểm|điểm chuẩn", re.I)
_OLD_RE = re.compile(r"trước|kỳ trước|cũ", re.I)
_NEW_RE = re.compile(r"này|hiện tại|đạt|điểm số|kỳ báo cáo", re.I)
_SCORE_MAX_RE = re.compile(r"^\s*(?P<score>[\d.,]+)\s*/\s*(?P<max>\d+(?:[.,]\d+)?)\s*(?:điểm)?\s*$")


def _axis_of(text: str, axes: list[AxisDef]) -> AxisDef | None:
    """The axis a row label names, when the label is mostly that name ("Trục Công khai,
    minh bạch"), not an indicator that mentions it ("Tỷ lệ DVC trực tuyến có phát sinh
    hồ sơ")."""
    t = normalize_label(text, accents=False)
    if not t or len(t) > 80:
        return None
    for axis in axes:
        for n in [axis.name_vi, *axis.aliases]:
            name = normalize_label(n, accents=False)
            if name in t and 2 * len(name) >= len(t):
                return axis
    return None


def _axis_rows(table: Table, axes: list[AxisDef]) -> dict[int, tuple[AxisDef, int]]:
    """Row index → (axis, label column) for rows whose label names an axis and that
    carry a figure (Appendix I's section rows name the axes too, but hold none)."""
    out: dict[int, tuple[AxisDef, int]] = {}
    seen: set[str] = set()
    for ri, row in enumerate(table.rows):
        first = number_kind(row.cells[0].text) if row.cells else None
        if first is not None and first[0] in ("indicator", "part"):
            continue  # an indicator row of Appendix I, whatever its label says
        for c in row.cells[:3]:
            axis = _axis_of(c.text, axes)
            if axis is None or axis.key in seen:
                continue
            if any(
                _SCORE_MAX_RE.match(x.text) or parse_number(x.text) is not None
                for x in row.cells
                if x.col > c.col
            ):
                out[ri] = (axis, c.col)
                seen.add(axis.key)
            break
    return out


def is_axis_table(table: Table, pack: RulePack) -> bool:
    """Rows named after the index's axes, with figures: never an indicator table."""
    return len(_axis_rows(table, pack.axes)) >= _MIN_AXES


def _header_texts(header: list[Row]) -> dict[int, tuple[str, Cell]]:
    """Each column's header text over all header rows, with its lowest header cell."""
    texts: dict[int, tuple[str, Cell]] = {}
    for r in header:
        for c in r.cells:
            if c.text.strip():
                for col in range(c.col, c.col + c.span):
                    before = texts[col][0] + " " if col in texts else ""
                    texts[col] = ((before + c.text).strip(), c)
    return texts


def _column_roles(texts: dict[int, tuple[str, Cell]], label_col: int, width: int) -> dict[int, str]:
    """max / old / new / change for each data column, from its header text."""
    roles: dict[int, str] = {}
    dated: list[tuple[int, tuple[int, int]]] = []
    for col in range(label_col + 1, width + 1):
        t = texts[col][0] if col in texts else ""
        if not t:
            continue
        if _CHANGE_RE.search(t):
            roles[col] = "change"
        elif _MAX_RE.search(t):
            roles[col] = "max"
        elif periods := [d.period for d in find_dates(t) if d.period]:
            dated.append((col, periods[0]))
        elif _OLD_RE.search(t):
            roles[col] = "old"
        elif _NEW_RE.search(t):
            roles[col] = "new"
    if len(dated) == 2 and dated[0][1] != dated[1][1]:  # two months named: the earlier is old
        (a, pa), (b, pb) = dated
        roles[a], roles[b] = ("old", "new") if pa < pb else ("new", "old")
    elif len(dated) == 1 and "new" not in roles.values():
        roles[dated[0][0]] = "new"
    return roles


def _figure(cell: Cell | None, kind: FigureKind, role: str, mx: float) -> Figure | None:
    if cell is None or not cell.text.strip():
        return None
    text = cell.text
    m = _SCORE_MAX_RE.match(text)
    start = 0
    if m is not None:
        text, start = m.group("score"), m.start("score")
    fig = figure_from_text(text, kind, cell.locate(start), role=role)
    if fig is None or fig.value is None:
        return None
    if kind == FigureKind.SCORE:
        fig.denominator = mx
        fig.denominator_raw = (m.group("max") if m else None) or f"{mx:g}"
    return fig


@dataclass
class AxisTableReading:
    """What an axis-score table gave: the axis statements, and the figure columns whose
    header names no role (said as an info by DC010, never guessed into a check)."""

    axes: list[Statement] = field(default_factory=list)
    unread: list[ColumnRole] = field(default_factory=list)


def _unread(
    table: Table,
    rows: dict[int, tuple[AxisDef, int]],
    label_col: int,
    roles: dict[int, str],
    texts: dict[int, tuple[str, Cell]],
) -> list[ColumnRole]:
    """The columns that carry figures in the axis rows but whose role is unknown."""
    first_cell: dict[int, Cell] = {}
    for ri in sorted(rows):
        for c in table.rows[ri].cells:
            if c.col > label_col and c.col not in roles and parse_number(c.text) is not None:
                first_cell.setdefault(c.col, c)
    out = []
    for col, cell in sorted(first_cell.items()):
        header, at = texts.get(col, ("", cell))
        out.append(ColumnRole(col=col, role="other", header=header, location=at.location))
    return out


def read_axis_table(table: Table, pack: RulePack) -> AxisTableReading:
    """The axis statements of an axis-score table (none if ``table`` is not one), and
    its figure columns that no header names."""
    rows = _axis_rows(table, pack.axes)
    if len(rows) < _MIN_AXES:
        return AxisTableReading()
    first = min(rows)
    label_col = max(col for _, col in rows.values())
    texts = _header_texts(table.rows[:first])
    roles = _column_roles(texts, label_col, table.width)
    if "new" not in roles.values():
        # no header names the current score: a single figure column is it
        data_cols = [
            c.col
            for ri in rows
            for c in table.rows[ri].cells
            if c.col > label_col and c.col not in roles and parse_number(c.text) is not None
        ]
        if len(set(data_cols)) != 1:
            return AxisTableReading(unread=_unread(table, rows, label_col, roles, texts))
        roles[data_cols[0]] = "new"
    unread = _unread(table, rows, label_col, roles, texts)
    by_role = {role: col for col, role in sorted(roles.items(), reverse=True)}
    out: list[Statement] = []
    for ri, (axis, _) in sorted(rows.items()):
        row = table.rows[ri]
        mx = axis.max
        if "max" in by_role and (c := row.cell(by_role["max"])) is not None:
            printed = parse_number(c.text)
            if printed is not None and printed.value != axis.max:
                continue  # another scale: not the index's axis score
        score = _figure(row.cell(by_role["new"]), FigureKind.SCORE, "score", mx)
        if score is None:
            continue
        st = Statement(key=axis.key, label=axis.name_vi, score=score, location=row.location)
        if "change" in by_role:
            chg = _figure(row.cell(by_role["change"]), FigureKind.CHANGE, "change", mx)
            if chg is not None and chg.value is not None:
                st.change = chg
                st.trend = (
                    Trend.UP if chg.value > 0 else Trend.DOWN if chg.value < 0 else Trend.SAME
                )
        if "old" in by_role:
            prev = _figure(row.cell(by_role["old"]), FigureKind.SCORE, "previous", mx)
            st.previous = prev  # last month's score: previous + change = score is checked
        out.append(st)
    return AxisTableReading(axes=out if len(out) >= _MIN_AXES else [], unread=unread)
