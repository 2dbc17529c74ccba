"""The sentences that state the axis scores, the total and the rank.

``1.1. Điểm số trục nội dung Công khai minh bạch đạt 11,8/18 điểm, tăng 3,8 điểm
so với tháng 01/2024.`` The axis is recognised by its name or an alias from the
rule pack, so wording may vary; the figures keep their exact positions.
"""

from __future__ import annotations

import re

from ..model.document import TextBlock
from ..model.figure import FigureKind
from ..model.report import DateRef, RankStatement, Statement, Trend
from ..pack import RulePack
from ..vn import find_dates, normalize_label
from .common import figure_at, to_ref

__all__ = ["extract_statements", "parse_trend", "rank_match"]

_NUM = r"[+\-−]?\d[\d.,]*"
SCORE_RE = re.compile(
    rf"(?:đạt|được)\s+(?P<score>{_NUM})\s*(?:điểm\s*)?/\s*(?P<max>\d+(?:[.,]\d+)?)\s*điểm", re.I
)
_CHANGE_RE = re.compile(rf"(?P<trend>tăng|giảm)\s+(?:thêm\s+)?(?P<chg>{_NUM})\s*điểm", re.I)
_SAME_RE = re.compile(r"(?P<same>giữ nguyên|không thay đổi|không đổi)", re.I)
RANK_RE = re.compile(
    r"(?:xếp\s+hạng|xếp\s+thứ|đứng\s+thứ)\s+(?:thứ\s+)?(?P<rank>\d+)\s*(?:/|trên)\s*(?P<n>\d+)",
    re.I,
)
_RANK_GROUP_RE = re.compile(
    r"\s*(?P<g>.*?)\s*(?=,?\s*và\b|;|\.(?:\s|$)|,?\s*(?:tăng|giảm|giữ nguyên)\b|$)", re.I
)
_RANK_CHANGE_RE = re.compile(r"(?P<trend>tăng|giảm)\s+(?P<k>\d+)\s*(?:bậc|hạng)", re.I)
_RANK_SAME_RE = re.compile(r"giữ nguyên\s+(?:thứ hạng|vị trí|bậc|hạng)", re.I)
_TOTAL_RE = re.compile(r"điểm\s+tổng\s+hợp|tổng\s+điểm|điểm\s+tổng\b", re.I)
_NUMBERING_RE = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s")


def rank_match(text: str, start: int = 0) -> re.Match[str] | None:
    """The first rank outside parentheses: "(tháng 01/2025 xếp hạng 27/63)" is last
    month's rank, said in passing, not the rank the sentence reports."""
    for rm in RANK_RE.finditer(text, start):
        before = text[start : rm.start()]
        if before.count("(") <= before.count(")"):
            return rm
    return None


def parse_trend(word: str) -> Trend:
    w = word.lower()
    if w.startswith("tăng"):
        return Trend.UP
    if w.startswith("giảm"):
        return Trend.DOWN
    return Trend.SAME


def _statement(key: str, label: str, b: TextBlock, m: re.Match[str]) -> Statement:
    text = b.text
    score = figure_at(b, m.start("score"), m.end("score"), FigureKind.SCORE, role="score")
    assert score is not None  # the pattern guarantees a number
    mx = float(m.group("max").replace(",", "."))
    score.denominator = mx
    score.denominator_raw = m.group("max")
    # the change is in the rest of the clause, before any rank phrase
    rest_end = len(text)
    rm = rank_match(text, m.end())
    if rm:
        rest_end = rm.start()
    clause = text[m.end() : rest_end]
    st = Statement(key=key, label=label, score=score, location=b.locate(0))
    nm = _NUMBERING_RE.match(text)
    if nm:
        st.numbering = nm.group(1)
    cm = _CHANGE_RE.search(clause)
    sm = _SAME_RE.search(clause)
    if cm and (sm is None or cm.start() < sm.start()):
        base = m.end()
        st.trend = parse_trend(cm.group("trend"))
        st.trend_raw = cm.group("trend")
        chg = figure_at(
            b, base + cm.start("chg"), base + cm.end("chg"), FigureKind.CHANGE, role="change"
        )
        if chg is not None and chg.value is not None:
            chg.value = abs(chg.value) * st.trend.sign()
            st.change = chg
    elif sm:
        st.trend = Trend.SAME
        st.trend_raw = sm.group("same")
    for d in find_dates(text[m.end() :]):
        if d.period:
            st.compared = to_ref(d, b, "compared", "text", offset=m.end())
            break
    _previous(st, b, m, clause)
    return st


def _previous(st: Statement, b: TextBlock, m: re.Match[str], clause: str) -> None:
    """``(tháng 01/2025 đạt 8,6/12 điểm)`` after the change: the previous month's score.

    A second score of the same maximum in the same clause can only be the score the
    change is measured from; a month named just before it is the month compared with,
    not the period. Another maximum means another figure: it is left alone."""
    pm = SCORE_RE.search(clause)
    if pm is None or pm.group("max") != m.group("max"):
        return
    base = m.end()
    prev = figure_at(b, base + pm.start("score"), base + pm.end("score"), FigureKind.SCORE)
    if prev is None or prev.value is None:
        return
    prev.role = "previous"
    prev.denominator = st.score.denominator
    prev.denominator_raw = st.score.denominator_raw
    st.previous = prev
    opening = clause.rfind("(", 0, pm.start())
    lead = clause.rfind(",", 0, pm.start()) if opening < 0 else opening
    for d in find_dates(clause[lead + 1 : pm.start()]):
        if d.period:
            st.previous_ref = to_ref(d, b, "compared", "previous-score", offset=base + lead + 1)


def _rank(b: TextBlock, rm: re.Match[str]) -> RankStatement:
    fig = figure_at(b, rm.start("rank"), rm.end("rank"), FigureKind.RANK, role="rank")
    assert fig is not None
    fig.denominator = float(rm.group("n"))
    fig.denominator_raw = rm.group("n")
    fig.exact = True
    gm = _RANK_GROUP_RE.match(b.text, rm.end())
    rs = RankStatement(
        rank=fig, group=gm.group("g").strip(" ,") if gm else "", location=b.locate(rm.start())
    )
    for pm in RANK_RE.finditer(b.text):
        before = b.text[: pm.start()]
        if before.count("(") > before.count(")") and pm.group("n") == rm.group("n"):
            rs.previous = figure_at(b, pm.start("rank"), pm.end("rank"), FigureKind.RANK)
            if rs.previous is not None:
                rs.previous.role, rs.previous.exact = "previous-rank", True
                rs.previous.denominator = fig.denominator
                rs.previous.denominator_raw = fig.denominator_raw
            break
    tail = b.text[rm.end() :]
    cm = _RANK_CHANGE_RE.search(tail)
    if cm:
        rs.trend = parse_trend(cm.group("trend"))
        k = figure_at(
            b,
            rm.end() + cm.start("k"),
            rm.end() + cm.end("k"),
            FigureKind.CHANGE,
            role="rank-change",
        )
        if k is not None and k.value is not None:
            k.value = abs(k.value) * rs.trend.sign()
            k.exact = True
            rs.change = k
    elif _RANK_SAME_RE.search(tail):
        rs.trend = Trend.SAME
    return rs


def extract_statements(
    blocks: list[TextBlock], pack: RulePack
) -> tuple[list[Statement], Statement | None, RankStatement | None, list[DateRef]]:
    """Axis statements in document order, the total, the rank, and the dates they cite."""
    axes: list[Statement] = []
    total: Statement | None = None
    rank: RankStatement | None = None
    dates: list[DateRef] = []
    seen: set[str] = set()
    for b in blocks:
        m = SCORE_RE.search(b.text)
        if m is None:
            continue
        before = normalize_label(b.text[: m.start()], accents=False)
        if _TOTAL_RE.search(b.text[: m.start()]) and total is None:
            total = _statement("total", "Điểm tổng hợp", b, m)
            dates.extend(d for d in (total.compared, total.previous_ref) if d is not None)
            rm = rank_match(b.text)
            if rm and rank is None:
                rank = _rank(b, rm)
            continue
        for axis in pack.axes:
            names = [axis.name_vi, *axis.aliases]
            if axis.key not in seen and any(
                normalize_label(n, accents=False) in before for n in names
            ):
                st = _statement(axis.key, axis.name_vi, b, m)
                axes.append(st)
                seen.add(axis.key)
                dates.extend(d for d in (st.compared, st.previous_ref) if d is not None)
                break
    if rank is None:
        for b in blocks:
            rm = rank_match(b.text)
            if rm:
                rank = _rank(b, rm)
                break
    return axes, total, rank, dates
