"""The ``extract`` view: what was understood of a report, as JSON or as one rich table
per part (header, axis scores, rank, appendices, dates, placeholders).

Every cell is document text, so each is a rich ``Text``: ``[/]`` or ``[link=…]`` in a
report is shown, never read as markup.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rich.table import Table

from ._escape import rich_text
from ._rich import render_rich

if TYPE_CHECKING:
    from ..model.figure import Figure
    from ..model.location import Location
    from ..model.report import Report

__all__ = ["LABELS", "render_extract", "report_tables"]

#: The view's own words, (vi, en).
LABELS: dict[str, tuple[str, str]] = {
    "header": ("Đầu văn bản", "Header"),
    "issuer": ("Cơ quan ban hành", "Issuer"),
    "number": ("Số hiệu", "Number"),
    "date": ("Ngày ban hành", "Issue date"),
    "period": ("Kỳ báo cáo", "Period"),
    "legal": ("Căn cứ", "Legal basis"),
    "axes": ("Điểm các trục", "Axis scores"),
    "axis": ("Trục", "Axis"),
    "score": ("Điểm/tối đa", "Score/max"),
    "change": ("Thay đổi", "Change"),
    "trend": ("Xu hướng", "Trend"),
    "compared": ("So với", "Compared with"),
    "where": ("Vị trí", "Location"),
    "total": ("Điểm tổng hợp", "Total score"),
    "up": ("tăng", "up"),
    "down": ("giảm", "down"),
    "same": ("giữ nguyên", "same"),
    "rank": ("Xếp hạng", "Rank"),
    "appendix": ("Phụ lục I", "Appendix I"),
    "code": ("Mã", "Code"),
    "label": ("Nội dung", "Label"),
    "old": ("Kỳ trước (số/tỷ lệ)", "Old (count/rate)"),
    "new": ("Kỳ này (số/tỷ lệ)", "New (count/rate)"),
    "details": ("Phụ lục II", "Appendix II"),
    "figures": ("Số liệu", "Figures"),
    "dates": ("Ngày tháng", "Dates"),
    "raw": ("Nguyên văn", "As written"),
    "role": ("Vai trò", "Role"),
    "context": ("Ngữ cảnh", "Context"),
    "placeholders": ("Chỗ để trống", "Placeholders"),
    "what": ("Loại", "What"),
    "blank": ("(để trống)", "(blank)"),
    "missing": ("Không tìm thấy", "Not found"),
}


def render_extract(report: Report, fmt: str, *, lang: str = "vi", color: bool = False) -> str:
    """The report as ``dvc-validate/report@1`` JSON, or as text tables."""
    if fmt == "json":
        data = {"schema": "dvc-validate/report@1", "report": report.model_dump(mode="json")}
        return json.dumps(data, ensure_ascii=False, indent=2)
    return render_rich(*report_tables(report, lang), color=color)


def report_tables(report: Report, lang: str) -> list[Any]:
    """The report as rich tables, one per part; empty parts are left out."""

    def t(key: str) -> str:
        vi, en = LABELS[key]
        return en if lang == "en" else vi

    def where(loc: Location | None) -> str:
        return loc.describe(lang) if loc is not None else ""

    def add(tb: Table, *cells: str) -> None:
        """Document text as rich Text: ``[/]`` or ``[link=…]`` is shown, never parsed."""
        tb.add_row(*(rich_text(c) for c in cells))

    def table(title: str, *columns: str) -> Table:
        tb = Table(title=title, title_justify="left", show_lines=False)
        for c in columns:
            tb.add_column(c, overflow="fold")
        return tb

    out: list[Any] = []
    h = report.header
    head = table(t("header"), "", "", t("where"))
    number = h.number.text if h.number else ""
    if h.number_blank:
        number = f"{number} {t('blank')}".strip()
    legal = h.legal_basis.text if h.legal_basis else ""
    if h.legal_number and h.legal_number not in legal:
        legal = f"{legal} ({h.legal_number})".strip()
    rows = [
        (
            t("issuer"),
            h.issuer.text if h.issuer else "",
            where(h.issuer.location if h.issuer else None),
        ),
        (t("number"), number, where(h.number.location if h.number else None)),
        (
            t("date"),
            h.issue_date.raw if h.issue_date else "",
            where(h.issue_date.location if h.issue_date else None),
        ),
        (
            t("period"),
            h.period.key if h.period else "",
            where(h.period.location if h.period else None),
        ),
        (t("legal"), legal, where(h.legal_basis.location if h.legal_basis else None)),
    ]
    for r in rows:
        add(head, *r)
    out.append(head)

    statements = [*report.axes, *([report.total] if report.total else [])]
    if statements:
        axes = table(
            t("axes"), t("axis"), t("score"), t("change"), t("trend"), t("compared"), t("where")
        )
        for st in statements:
            maximum = st.score.denominator_raw or ""
            add(
                axes,
                st.label if st.key != "total" else t("total"),
                f"{st.score.raw}/{maximum}" if maximum else st.score.raw,
                st.change.raw if st.change else "",
                st.trend_raw or (t(st.trend.value) if st.trend else ""),
                st.compared.raw if st.compared else "",
                where(st.location),
            )
        out.append(axes)
    if report.rank is not None:
        rk = report.rank
        rank = table(t("rank"), t("rank"), t("change"), t("trend"), t("where"))
        add(
            rank,
            f"{rk.rank.raw}/{rk.rank.denominator_raw or ''} {rk.group}".strip(),
            rk.change.raw if rk.change else "",
            t(rk.trend.value) if rk.trend else "",
            where(rk.location),
        )
        out.append(rank)
    if report.appendix is not None and report.appendix.rows:
        app_t = table(
            t("appendix"), t("code"), t("label"), t("old"), t("new"), t("change"), t("where")
        )
        for row in report.appendix.rows:

            def pair(side: str, row: Any = row) -> str:
                figs = [row.figures.get(f"{side}.count"), row.figures.get(f"{side}.rate")]
                return " / ".join(f.raw for f in figs if f is not None and f.raw)

            change = row.figures.get("change")
            add(
                app_t,
                row.code or row.number_raw,
                row.label,
                pair("old"),
                pair("new"),
                change.raw if change else "",
                where(row.location),
            )
        summary = report.appendix.summary
        if summary is not None:

            def score_rank(*figs: Figure | None) -> str:
                return " / ".join(f.raw for f in figs if f is not None and f.raw)

            add(
                app_t,
                summary.number_raw,
                t("total"),
                score_rank(summary.old_score, summary.old_rank),
                score_rank(summary.new_score, summary.new_rank),
                score_rank(summary.change, summary.rank_change),
                where(summary.location),
            )
        out.append(app_t)
    if report.details:
        det = table(t("details"), "#", t("label"), t("figures"), t("where"))
        for d in report.details:
            figs = ", ".join(f"{f.role or '?'}={f.raw}" for f in d.figures)
            add(det, d.number, d.label, figs, where(d.location))
        out.append(det)
    if report.dates:
        dates = table(t("dates"), t("raw"), t("role"), t("context"), t("where"))
        for dt in report.dates:
            add(dates, dt.raw, dt.role, dt.context, where(dt.location))
        out.append(dates)
    if report.placeholders:
        ph = table(t("placeholders"), t("what"), t("raw"), t("where"))
        for p in report.placeholders:
            add(ph, p.what, p.raw, where(p.location))
        out.append(ph)
    if report.missing:
        out.append(rich_text(f"{t('missing')}: {', '.join(report.missing)}"))
    return out
