"""The figures of a paragraph: each number with its unit, kind and level.

A number followed by "%" is a rate (a change after "tăng"/"giảm", nothing after a hedge
or a comparison), "a/b" a score or a rank, "hồ sơ" a count; a rate or a score with a
point is a decimal, since it cannot be a thousands group. What the figure measures and
what it is bound to is decided in ``extract/prose.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.document import TextBlock
from ..model.figure import Figure, FigureKind, figure_from_text
from ..model.prose import MeasuredCount
from ..pack.prose import ProseVocabulary
from ..vn import FLAG_DOT_DECIMAL, find_dates, parse_number
from .prose_words import (
    BOUNDARY,
    alternation,
    ends_with,
    level_marks,
    measure_before,
    sentence_of,
    sentences,
)

__all__ = ["Tok", "tokenise"]

_NUM_RE = re.compile(r"(?<![\w/.,])(?P<num>\d+(?:[.,]\d+)*)(?!\w)")


_PCT_RE = re.compile(r"\s?%")


_FRACTION_RE = re.compile(r"\s*/\s*(?P<den>\d+(?:[.,]\d+)?)(?![\d/])")


_SCORE_RE = re.compile(r"\s*điểm(?!\s*(?:%|phần trăm))", re.I)


@dataclass
class Tok:
    """One number of a paragraph and how the words around it read it."""

    start: int
    end: int  # end of the number and its unit
    kind: str  # count, rate, change, score, other
    figure: Figure
    sentence: int
    level: str = ""
    measure: str = ""  # part or whole key (counts)
    whole: MeasuredCount | None = None  # the whole a part count is bound to
    counted: MeasuredCount | None = None
    points: bool = False


def _classify(b: TextBlock, m: re.Match[str], sentence: int, vocab: ProseVocabulary) -> Tok:
    text, s, e = b.text, m.start(), m.end()
    before = text[max(0, s - 40) : s].lower()
    rest = text[e:]
    loc = b.locate(s)
    pct = _PCT_RE.match(rest)
    num = m.group("num")
    trend = ends_with(before, [*vocab.rise, *vocab.fall])
    sign = -1.0 if ends_with(before, vocab.fall) else 1.0
    if ends_with(before, vocab.hedges):
        return Tok(s, e, "other", Figure(raw=num, value=None, location=loc), sentence)
    if pct:
        kind = FigureKind.CHANGE if trend else FigureKind.RATE
        fig = figure_from_text(num + pct.group(0), kind, loc)
        if kind == FigureKind.RATE:
            fig = _as_decimal(fig, 100.0)
        tk = "change" if trend else "rate"
        if not trend and ends_with(before, vocab.comparisons):
            tk = "other"
        return _tok(s, e + pct.end(), tk, fig, sentence, sign)
    pts = re.match(rf"\s*(?:{alternation(vocab.points)})", rest, re.I)
    if trend and pts:
        fig = figure_from_text(num, FigureKind.CHANGE, loc)
        tok = _tok(s, e + pts.end(), "change", fig, sentence, sign)
        tok.points = True
        return tok
    places = re.match(r"\s*(?:bậc|hạng)(?!\w)", rest, re.I)
    if trend and places:
        fig = figure_from_text(num, FigureKind.CHANGE, loc)
        if fig is not None:
            fig.exact = True  # ranks and their changes are whole numbers
            fig.role = "rank-change"
        return _tok(s, e + places.end(), "rank-change", fig, sentence, sign)
    fr = _FRACTION_RE.match(rest)
    if fr:
        den = parse_number(fr.group("den"))
        fig = figure_from_text(num, FigureKind.SCORE, loc)
        if fig is not None and fig.value is not None and den is not None:
            fig = _as_decimal(fig, den.value) or fig
            fig.denominator_raw = fr.group("den")
            fig.denominator = den.value
        return _tok(s, e + fr.end(), "score", fig, sentence, 1.0)
    sc = _SCORE_RE.match(rest)
    if sc:
        fig = _as_decimal(figure_from_text(num, FigureKind.SCORE, loc), 100.0)
        return _tok(s, e + sc.end(), "score", fig, sentence, 1.0)
    unit = re.match(rf"\s*(?:{alternation(vocab.count_units)})", rest, re.I)
    if unit or measure_before(_clause_tail(before), vocab):
        end = e + (unit.end() if unit else 0)
        if unit or _bare_count_ok(rest):
            return _tok(
                s, end, "count", figure_from_text(num, FigureKind.COUNT, loc), sentence, 1.0
            )
    return Tok(s, e, "other", Figure(raw=num, value=None, location=loc), sentence)


def _as_decimal(fig: Figure | None, most: float) -> Figure | None:
    """A rate or a score cannot be a thousands group: "45.255%" or "75.500 điểm" read as
    thousands exceed what the figure can be, so the point is a decimal point."""
    if fig is None or fig.value is None or fig.value <= most or not fig.grouped:
        return fig
    body = fig.raw.rstrip("% ")
    if not re.fullmatch(r"\d{1,3}\.\d{3}", body):
        return fig
    again = figure_from_text(fig.raw.replace(".", ","), fig.kind, fig.location)
    if again is None:
        return fig
    again.raw = fig.raw
    again.flags.append(FLAG_DOT_DECIMAL)
    return again


def _clause_tail(before: str) -> str:
    """The words since the last comma, semicolon or bracket, for a count with no unit:
    ``trước hạn 13.767``. Only a measure named right before counts (with fillers)."""
    cut = max(before.rfind(c) for c in BOUNDARY)
    tail = before[cut + 1 :]
    return tail if len(tail.split()) <= 6 else ""


def _bare_count_ok(rest: str) -> bool:
    """A number with no unit is a count only when the clause ends right after it."""
    return re.match(r"\s*(?:[,;.)]|và\b|$)", rest) is not None


def _tok(s: int, e: int, kind: str, fig: Figure | None, sentence: int, sign: float) -> Tok:
    if fig is None or fig.value is None:
        return Tok(s, e, "other", Figure(raw="", value=None), sentence)
    if kind in ("rate", "change"):
        # the portal prints 0% and 100% only for none and all; a sentence rounds them
        # like any rate ("đúng hạn đạt 100%" for 4.999 of 5.000)
        fig.exact = False
    if kind in ("change", "rank-change"):
        fig.value = abs(fig.value) * sign
    return Tok(s, e, kind, fig, sentence)


def tokenise(b: TextBlock, vocab: ProseVocabulary) -> list[Tok]:
    """Every number of a paragraph outside dates, read with its unit and words, and the
    level it belongs to: the last named before it; "toàn tỉnh" only when the sentence has
    not named a level ("Với cấp xã, toàn tỉnh tiếp nhận ..." is the communes' figure)."""
    text = b.text
    dates = [(d.start, d.end) for d in find_dates(text)]
    starts = sentences(text)
    toks: list[Tok] = []
    for m in _NUM_RE.finditer(text):
        if any(a <= m.start() < z for a, z in dates):
            continue
        toks.append(_classify(b, m, sentence_of(starts, m.start()), vocab))
    marks = level_marks(text, vocab)
    for t in toks:
        level = ""
        named: dict[int, bool] = {}
        for pos, lv in marks:
            if pos >= t.start:
                break
            sent = sentence_of(starts, pos)
            if lv == "" and named.get(sent):
                continue
            level = lv
            named[sent] = named.get(sent, False) or lv != ""
        t.level = level
    return toks
