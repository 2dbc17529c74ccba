"""Appendix tables: the indicator table (Appendix I) and the detail tables (Appendix II).

Rows are recognised by their numbering (``I``, ``1.2``, ``a)``), columns by their
header text and dates, and indicators by code first and label second, so a
report with a slightly different layout or wording still reads the same.
"""

from __future__ import annotations

import re

from ..model.document import Cell, Row, Table
from ..model.figure import Figure, FigureKind, figure_from_text
from ..model.report import AppendixRow, AppendixTable, ColumnRole, DateRef, DetailItem, SummaryRow
from ..pack import RulePack
from ..vn import find_dates, label_similarity, roman_value
from .common import number_kind, to_ref
from .headers import classify_columns, is_header_row
from .statements import _CHANGE_RE, _RANK_CHANGE_RE, RANK_RE, parse_trend

__all__ = [
    "column_groups",
    "continues",
    "extract_appendix",
    "extract_details",
    "header_block",
    "looks_like_indicator_table",
]

_SUMMARY_RE = re.compile(r"điểm\s+tổng\s+hợp|xếp\s+hạng|tổng\s+điểm", re.I)
_SCORE_IN_CELL_RE = re.compile(r"(?P<score>\d[\d.,]*)\s*/\s*(?P<max>100)\b")

_KIND = {"count": FigureKind.COUNT, "rate": FigureKind.RATE}


def _figure_kind(role: str, text: str) -> FigureKind:
    if role == "change":
        return FigureKind.CHANGE
    sub = role.split(".")[1] if "." in role else ""
    if sub in _KIND:
        return _KIND[sub]
    return FigureKind.RATE if "%" in text else FigureKind.COUNT


def _header_rows(table: Table) -> int:
    """How many rows at the top are column titles (a title row above them included)."""
    n = 0
    for r in table.rows:
        first = r.cells[0].text.strip() if r.cells else ""
        if number_kind(first) is not None:
            break
        n += 1
    return n


def _title_rows(rows: list[Row]) -> int:
    """Leading rows that title the table rather than a column: one text, the rest
    blank or merged into it ("BIỂU TỔNG HỢP SỐ LIỆU THÁNG 03 NĂM 2024" above the header).
    At least one row is left as the header."""
    n = 0
    for r in rows[:-1]:
        if len({c.text.strip() for c in r.cells if c.text.strip()}) != 1 or not r.cells:
            break
        if not r.cells[0].text.strip():
            break
        n += 1
    return n


def header_block(table: Table) -> tuple[list[Row], list[Row]]:
    """The table's title rows and its column-title rows."""
    h = _header_rows(table)
    t = _title_rows(table.rows[:h])
    return table.rows[:t], table.rows[t:h]


def looks_like_indicator_table(table: Table) -> bool:
    """An Appendix-I-like table: dated header columns and numbered rows with figures."""
    _, head = header_block(table)
    h = _header_rows(table)
    if not head or len(head) > 4:
        return False
    roles, _ = classify_columns(head, "probe")
    has_cols = any(c.role.startswith("old") for c in roles) and any(
        c.role.startswith("new") for c in roles
    )
    numbered = sum(
        1 for r in table.rows[h:] if r.cells and number_kind(r.cells[0].text) is not None
    )
    return has_cols and numbered >= 3


def _figures_in_row(row: Row, columns: list[ColumnRole], code: str | None) -> list[Figure]:
    """Every old/new/change figure of a row, in column order, blanks included (so a rule
    can say a figure was left empty)."""
    figs: list[Figure] = []
    for col in columns:
        if not (col.role.startswith(("old", "new")) or col.role == "change"):
            continue
        cell = row.cell(col.col)
        if cell is None or cell.merged:
            continue
        loc = cell.locate(0).with_indicator(code)
        fig = figure_from_text(cell.text, _figure_kind(col.role, cell.text), loc, role=col.role)
        if fig is not None:
            if fig.kind == FigureKind.COUNT and fig.denominator is not None:
                fig.exact = True
            figs.append(fig)
    return figs


def _row_figures(row: Row, columns: list[ColumnRole], code: str | None) -> dict[str, Figure]:
    """The figures by role; if a layout repeats a role, the rightmost column wins."""
    return {f.role or "": f for f in _figures_in_row(row, columns, code)}


def _matched(
    cell: Cell, m: re.Match[str], group: str, kind: FigureKind, role: str
) -> Figure | None:
    """The figure a regex group found in a cell, located at its first character."""
    return figure_from_text(m.group(group), kind, cell.locate(m.start(group)), role=role)


def _summary(row: Row, columns: list[ColumnRole], number_raw: str) -> SummaryRow:
    """The closing row: "Đạt 81,96/100 điểm; xếp hạng 22/23 …" per side, and the changes."""
    s = SummaryRow(number_raw=number_raw, location=row.location)
    for col in columns:
        cell = row.cell(col.col)
        if cell is None or not cell.text.strip():
            continue
        side, text = col.role.split(".")[0], cell.text
        if side in ("old", "new"):
            if (sm := _SCORE_IN_CELL_RE.search(text)) and (
                f := _matched(cell, sm, "score", FigureKind.SCORE, f"{side}.score")
            ):
                f.denominator = 100.0
                setattr(s, f"{side}_score", f)
            if (rm := RANK_RE.search(text)) and (
                f := _matched(cell, rm, "rank", FigureKind.RANK, f"{side}.rank")
            ):
                f.denominator, f.exact = float(rm.group("n")), True
                setattr(s, f"{side}_rank", f)
        elif side == "change":
            cm = _CHANGE_RE.search(text)
            if (
                cm
                and (f := _matched(cell, cm, "chg", FigureKind.CHANGE, "change.score"))
                and f.value is not None
            ):
                s.change_trend = parse_trend(cm.group("trend"))
                f.value = abs(f.value) * s.change_trend.sign()
                s.change = f
            km = _RANK_CHANGE_RE.search(text)
            if (
                km
                and (f := _matched(cell, km, "k", FigureKind.CHANGE, "change.rank"))
                and f.value is not None
            ):
                s.rank_trend = parse_trend(km.group("trend"))
                f.value, f.exact = abs(f.value) * s.rank_trend.sign(), True
                s.rank_change = f
    return s


def _match_indicator(code: str | None, label: str, pack: RulePack) -> str | None:
    if code is not None:
        known = pack.indicator(code)
        if known is not None and known.similarity(label) >= 0.45:
            return code
    best, score = None, 0.0
    for ind in pack.indicators:
        # only a score of 0.85 or more counts, so weaker pairs are cut short
        for name in [ind.label, *ind.aliases]:
            sc = label_similarity(label, name, at_least=max(score, 0.85))
            if sc > score:
                best, score = ind.code, sc
    if best is not None and score >= 0.85:
        return best
    return code


def continues(table: Table, app: AppendixTable) -> bool:
    """Whether ``table`` carries on the indicator table ``app`` after a split (one table
    per section, or a page break that restarts the table with or without its header):
    numbered rows under the same column titles, or under none at the same width."""
    h = _header_rows(table)
    numbered = any(r.cells and number_kind(r.cells[0].text) for r in table.rows[h:])
    if not numbered or h > 4:
        return False
    if h == 0:
        return table.width == max((c.col for c in app.columns), default=0) or table.width == len(
            app.columns
        )
    _, head = header_block(table)
    roles, _ = classify_columns(head, "probe")
    figure_roles = {c.role for c in roles if c.role.startswith(("old", "new", "change"))}
    return figure_roles == {
        c.role for c in app.columns if c.role.startswith(("old", "new", "change"))
    }


def extract_appendix(
    table: Table, number: str, pack: RulePack, into: AppendixTable | None = None
) -> AppendixTable:
    """Read an indicator table into rows of figures with roles; with ``into``, append
    the rows of a table that continues it (its own header if it has one, else the
    first table's columns)."""
    titles, head = header_block(table)
    h = _header_rows(table)
    if head:
        columns, dates = classify_columns(head, f"appendix-{number}-header")
    else:
        columns, dates = (into.columns if into else []), []
    num_col = next((c.col for c in columns if c.role == "number"), 1)
    label_col = next((c.col for c in columns if c.role == "label"), 2)
    app = into or AppendixTable(
        number=number, table=table.index, location=table.location, columns=columns, dates=[]
    )
    app.dates += dates
    app.dates += [d for r in titles for c in r.cells for d in _title_dates(c, number)]
    last = app.rows[-1] if app.rows else None
    section = last.section if last else None
    indicator = None if last is None or last.level == "section" else (last.parent or last.code)
    for row in table.rows[h:]:
        first_cell = row.cell(num_col)
        label_cell = row.cell(label_col)
        first = first_cell.text.strip() if first_cell else ""
        label = label_cell.text.strip() if label_cell else ""
        if not first and not label:
            continue
        nk = number_kind(first)
        if _SUMMARY_RE.search(label) and (nk is None or nk[0] == "section"):
            app.summary = _summary(row, columns, first)
            continue
        if nk is None and is_header_row(row):
            continue  # the header again, after a page break inside one table
        if nk is None:
            level, code, parent = "indicator", None, None
        elif nk[0] == "section":
            section, indicator = nk[1], None
            level, code, parent = "section", nk[1], None
        elif nk[0] in ("indicator", "item"):
            indicator = nk[1]
            level, code, parent = "indicator", nk[1], None
        else:
            level, parent = "part", indicator
            code = f"{indicator}.{nk[1]}" if indicator else nk[1]
        matched = _match_indicator(code, label, pack) if level != "section" else None
        r = AppendixRow(
            number_raw=first,
            code=code,
            level=level,
            section=section,
            parent=parent,
            label=label,
            location=(first_cell.locate(0) if first_cell else row.location).with_indicator(code),
            figures=_row_figures(row, columns, matched or code) if level != "section" else {},
            indicator=matched,
        )
        app.rows.append(r)
    return app


def extract_details(table: Table, number: str) -> tuple[list[DetailItem], list[DateRef]]:
    """Appendix II: a sequence of small numbered tables, each with its own header dates."""
    items: list[DetailItem] = []
    all_dates: list[DateRef] = []
    number = str(roman_value(number) or number)  # "II" → "2": references read appendix2.4.new
    table_header: list[Row] = []  # titles above the first item apply to items without their own
    item_header: list[Row] = []
    current: DetailItem | None = None
    for row in table.rows:
        first = row.cells[0].text.strip() if row.cells else ""
        nk = number_kind(first)
        if nk is not None and nk[0] in ("item", "indicator"):
            label_cell = row.cell(2)
            current = DetailItem(
                number=nk[1],
                label=label_cell.text.strip() if label_cell else "",
                location=row.location.with_indicator(f"appendix{number}.{nk[1]}"),
            )
            items.append(current)
            item_header = []
            if is_header_row(row):
                item_header = [row]
                continue
        elif is_header_row(row):
            (item_header if current is not None else table_header).append(row)
            continue
        header = item_header or table_header
        if current is None or not header:
            continue
        columns, dates = classify_columns(header, f"appendix-{number}-item-{current.number}")
        if not current.columns:
            current.columns = columns
            current.dates = dates
            all_dates.extend(dates)
        code = f"appendix{number}.{current.number}"
        for group, cols in enumerate(column_groups(columns), 1):
            for fig in _figures_in_row(row, cols, code):
                if group > 1:  # "old.count@2": a second system's figures, compared apart
                    fig.role = f"{fig.role}@{group}"
                current.figures.append(fig)
    return items, all_dates


def _title_dates(cell: Cell, number: str) -> list[DateRef]:
    """A month named in a title row inside the table ("… THÁNG 03 NĂM 2024")."""
    return [
        to_ref(d, cell, "period", f"appendix-{number}-title")
        for d in find_dates(cell.text)
        if d.style == "month" and d.period
    ]


def column_groups(columns: list[ColumnRole]) -> list[list[ColumnRole]]:
    """The column groups of a detail table, each with its own change column.

    Item 1 of Appendix II repeats old/new/change for the portal and for the province's
    own system. A group ends where a role it already holds comes again, so the groups
    are found in either order (change after or before the figures it compares)."""
    groups: list[list[ColumnRole]] = [[]]
    for col in columns:
        if not (col.role.startswith(("old", "new")) or col.role == "change"):
            continue
        if any(c.role == col.role for c in groups[-1]):
            groups.append([])
        groups[-1].append(col)
    return [g for g in groups if g]
