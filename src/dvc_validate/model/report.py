"""The typed report: what extraction understood of one document.

Checks see only this model. Every figure keeps its raw text and location, so a
finding can quote exactly what the writer typed and point at it.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from ._factories import new_dict, new_list
from .document import DocumentNote
from .figure import Figure, FigureKind
from .location import Location
from .prose import ProseFacts

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AppendixRef",
    "AppendixRow",
    "AppendixTable",
    "ColumnRole",
    "DateRef",
    "DetailItem",
    "Header",
    "Period",
    "Placeholder",
    "RankStatement",
    "Report",
    "Statement",
    "SummaryRow",
    "TextRef",
    "Trend",
]


class Trend(str, Enum):
    UP = "up"  # tăng
    DOWN = "down"  # giảm
    SAME = "same"  # giữ nguyên / không thay đổi

    def sign(self) -> int:
        return {"up": 1, "down": -1, "same": 0}[self.value]


class TextRef(BaseModel):
    text: str
    location: Location = Field(default_factory=Location)


class DateRef(BaseModel):
    """A date as written, with its role in the report (issue date, comparison date, ...)."""

    raw: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    style: str = "numeric"
    placeholder: bool = False
    valid: bool = True
    role: str = "mention"  # issue, period, old, new, change-ref, legal-basis, compared, mention
    context: str = ""  # where: subject, text, appendix-1-header, appendix-2-item-2, ...
    day_text: str | None = None
    month_text: str | None = None
    location: Location = Field(default_factory=Location)

    @property
    def ym(self) -> tuple[int, int] | None:
        if self.year is not None and self.month is not None and 1 <= self.month <= 12:
            return (self.year, self.month)
        return None


class Period(BaseModel):
    year: int
    month: int
    raw: str = ""
    location: Location = Field(default_factory=Location)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class Placeholder(BaseModel):
    """A blank the writer left to fill in later (document number, day, ...)."""

    what: str  # number, day, date
    raw: str
    location: Location = Field(default_factory=Location)


class Header(BaseModel):
    issuer: TextRef | None = None  # "UBND xã Bình Thành"
    unit_level: str | None = None  # xã, phường, thị trấn, huyện, quận, thị xã, thành phố, tỉnh
    unit_name: str | None = None
    number: TextRef | None = None  # "Số: /UBND - VP"
    number_blank: bool = False
    place: str | None = None
    issue_date: DateRef | None = None
    period: Period | None = None
    legal_basis: TextRef | None = None  # the sentence citing the index decision
    legal_number: str | None = None  # "766/QĐ-TTg"
    legal_date: DateRef | None = None
    reporter_mentions: list[TextRef] = Field(default_factory=new_list)  # "UBND huyện báo cáo"


class Statement(BaseModel):
    """An axis-score or total sentence: ``đạt 11,8/18 điểm, tăng 3,8 điểm so với tháng 01/2024``."""

    key: str  # axis key from the rule pack, or "total"
    label: str
    numbering: str | None = None
    score: Figure
    change: Figure | None = None  # signed by the trend word
    trend: Trend | None = None
    trend_raw: str | None = None
    compared: DateRef | None = None
    # "(tháng 01/2025 đạt 8,6/12 điểm)": the previous month's score, a figure to check
    previous: Figure | None = None
    previous_ref: DateRef | None = None
    location: Location = Field(default_factory=Location)

    @property
    def maximum(self) -> float | None:
        return self.score.denominator


class RankStatement(BaseModel):
    rank: Figure  # 08/23 → value 8, denominator 23
    group: str = ""  # "xã, thị trấn"
    change: Figure | None = None  # "tăng 14 bậc" → +14
    trend: Trend | None = None
    previous: Figure | None = None  # "(tháng 01/2024 … xếp hạng 22/23)": last month's rank
    location: Location = Field(default_factory=Location)


class ColumnRole(BaseModel):
    col: int
    role: str  # label, number, old.count, old.rate, new.count, new.rate, change, ...
    header: str = ""
    date: DateRef | None = None
    location: Location | None = None  # the column's lowest header cell


class AppendixRow(BaseModel):
    number_raw: str  # "1.2", "a)", "VI"
    code: str | None = None  # "1.2.a"
    level: str = "indicator"  # section, indicator, part
    section: str | None = None  # "I"
    parent: str | None = None  # "1.2" for a part
    label: str = ""
    location: Location = Field(default_factory=Location)
    figures: dict[str, Figure] = Field(default_factory=new_dict)
    indicator: str | None = None  # matched catalogue code (usually == code)

    def fig(self, role: str) -> Figure | None:
        """The figure in ``role``; ``old``/``new`` fall back from rate to count."""
        if role in self.figures:
            return self.figures[role]
        if role in ("old", "new"):
            for sub in ("rate", "count"):
                f = self.figures.get(f"{role}.{sub}")
                if f is not None and not f.placeholder:
                    return f
        return None


class SummaryRow(BaseModel):
    """The closing row of Appendix I: total score and rank, old and new, and the change."""

    number_raw: str = ""
    location: Location = Field(default_factory=Location)
    old_score: Figure | None = None
    old_rank: Figure | None = None
    new_score: Figure | None = None
    new_rank: Figure | None = None
    change: Figure | None = None
    change_trend: Trend | None = None
    rank_change: Figure | None = None
    rank_trend: Trend | None = None


class AppendixTable(BaseModel):
    number: str = "I"
    title: TextRef | None = None
    table: int = 1
    location: Location = Field(default_factory=Location)
    columns: list[ColumnRole] = Field(default_factory=new_list)
    dates: list[DateRef] = Field(default_factory=new_list)
    rows: list[AppendixRow] = Field(default_factory=new_list)
    summary: SummaryRow | None = None

    def row(self, code: str) -> AppendixRow | None:
        for r in self.rows:
            if r.code == code or r.indicator == code:
                return r
        return None


class DetailItem(BaseModel):
    """One small table of Appendix II (overdue files, online rate, ...)."""

    number: str
    label: str
    location: Location = Field(default_factory=Location)
    columns: list[ColumnRole] = Field(default_factory=new_list)
    dates: list[DateRef] = Field(default_factory=new_list)
    figures: list[Figure] = Field(default_factory=new_list)  # role: old/new/change(.group)

    def fig(self, role: str) -> Figure | None:
        for f in self.figures:
            if f.role == role and not f.placeholder:
                return f
        for f in self.figures:
            if f.role is not None and f.role.split(".")[0] == role and not f.placeholder:
                return f
        return None


class AppendixRef(BaseModel):
    number: str  # roman numeral
    title: str = ""
    period: Period | None = None
    location: Location = Field(default_factory=Location)


class Report(BaseModel):
    source: str = ""
    format: str = ""
    unit_group: str | None = None
    header: Header = Field(default_factory=Header)
    axes: list[Statement] = Field(default_factory=new_list)
    total: Statement | None = None
    rank: RankStatement | None = None
    appendix: AppendixTable | None = None
    details: list[DetailItem] = Field(default_factory=new_list)
    appendices: list[AppendixRef] = Field(default_factory=new_list)
    referenced_appendices: list[TextRef] = Field(default_factory=new_list)
    dates: list[DateRef] = Field(default_factory=new_list)
    placeholders: list[Placeholder] = Field(default_factory=new_list)
    notes: list[DocumentNote] = Field(default_factory=new_list)
    missing: list[str] = Field(default_factory=new_list)  # parts expected but not found
    # figure columns whose header names no role (an axis-score table's): DC010 says so,
    # and nothing in them is checked
    unread_columns: list[ColumnRole] = Field(default_factory=new_list)
    prose: ProseFacts | None = None  # statements in running text (extract/prose.py)

    @property
    def period(self) -> Period | None:
        return self.header.period

    def axis(self, key: str) -> Statement | None:
        for a in self.axes:
            if a.key == key:
                return a
        return None

    def figures(self, kind: FigureKind | None = None) -> Iterator[Figure]:
        """Every figure in document order of parts (statements, appendix, details)."""
        figs: list[Figure] = []
        for st in [*self.axes, *([self.total] if self.total else [])]:
            figs.append(st.score)
            if st.change is not None:
                figs.append(st.change)
            if st.previous is not None:
                figs.append(st.previous)
        if self.rank is not None:
            figs.append(self.rank.rank)
            if self.rank.change is not None:
                figs.append(self.rank.change)
            if self.rank.previous is not None:
                figs.append(self.rank.previous)
        if self.appendix is not None:
            for r in self.appendix.rows:
                figs.extend(r.figures.values())
            s = self.appendix.summary
            if s is not None:
                for f in (
                    s.old_score,
                    s.old_rank,
                    s.new_score,
                    s.new_rank,
                    s.change,
                    s.rank_change,
                ):
                    if f is not None:
                        figs.append(f)
        for d in self.details:
            figs.extend(d.figures)
        return (f for f in figs if kind is None or f.kind == kind)

    def to_frame(self) -> pd.DataFrame:
        """Appendix I as a DataFrame: one row per indicator, old/new count and rate, change.

        Imports pandas lazily: a single-document lint never pays for it.
        """
        import pandas as pd

        records: list[dict[str, Any]] = []
        if self.appendix is not None:
            for r in self.appendix.rows:
                if r.level == "section":
                    continue
                rec: dict[str, Any] = {"indicator": r.code, "label": r.label}
                for role in ("old.count", "old.rate", "new.count", "new.rate", "change"):
                    f = r.figures.get(role)
                    rec[role.replace(".", "_")] = f.value if f is not None else None
                    rec[role.replace(".", "_") + "_decimals"] = (
                        f.decimals if f is not None else None
                    )
                records.append(rec)
        cols = ["indicator", "label"]
        for role in ("old_count", "old_rate", "new_count", "new_rate", "change"):
            cols += [role, role + "_decimals"]
        return pd.DataFrame.from_records(records, columns=cols)
