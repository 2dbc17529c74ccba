"""Statements in running text: file statistics and rates as offices publish them.

``cấp huyện tiếp nhận 6.776 hồ sơ, với 2.521 hồ sơ trực tuyến (đạt tỷ lệ 37,76%)``.
Every number of a sentence is read with its unit and the words around it: a count
of files and what it counts (the measure, from the words right after its unit or
else the nearest words before it), the level of government it belongs to, a rate
and the count it is a share of, a change and the figures it joins. The words come
from the vocabulary (``rules/prose.yaml``); nothing here depends on one wording or
one layout. What cannot be bound with certainty is left unbound, so it is never
checked: a false alarm on a correct text costs more than a missed slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model.document import TextBlock
from ..model.figure import Figure, FigureKind, figure_from_text
from ..model.prose import (
    AxisScore,
    GradeClaim,
    LevelSum,
    MeasuredCount,
    PartsSum,
    ProseFacts,
    RateChange,
    Share,
)
from ..prosepack import ProseVocabulary
from ..rulepack import RulePack
from ..vn import FLAG_DOT_DECIMAL, find_dates, normalize_label, parse_number

__all__ = ["extract_prose"]

_NUM_RE = re.compile(r"(?<![\w/.,])(?P<num>\d+(?:[.,]\d+)*)(?!\w)")
_PCT_RE = re.compile(r"\s?%")
_FRACTION_RE = re.compile(r"\s*/\s*(?P<den>\d+(?:[.,]\d+)?)(?![\d/])")
_SCORE_RE = re.compile(r"\s*điểm(?!\s*(?:%|phần trăm))", re.I)
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)")
_BOUNDARY = ",;()"
_FILLERS = ("đã ", "được ", "bị ", "có ", "là ", "còn ")
_MAX_GAP = 90  # characters between a figure and the figure it is bound to


@dataclass
class _Tok:
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


@dataclass
class _State:
    vocab: ProseVocabulary
    pack: RulePack | None = None
    facts: ProseFacts = field(default_factory=ProseFacts)
    previous: list[_Tok] = field(default_factory=list)  # the previous paragraph's tokens
    bound: dict[int, MeasuredCount] = field(default_factory=dict)  # id(part) -> its whole


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _ends_with(before: str, words: Iterable[str]) -> bool:
    alt = _alternation(words)
    return bool(alt) and re.search(rf"(?:^|[\s(,;:])(?:{alt})\s*[:]?\s*$", before) is not None


def _blank(text: str, phrases: Iterable[str]) -> str:
    """``text`` with each phrase replaced by spaces, keeping every position."""
    for p in phrases:
        text = re.sub(re.escape(p), lambda m: " " * len(m.group(0)), text)
    return text


def _phrases(vocab: ProseVocabulary) -> list[tuple[str, str]]:
    """(phrase, measure) for every whole and part, longest first."""
    out = [(w, k) for k, ws in vocab.wholes.items() for w in ws]
    out += [(w, k) for k, ws in vocab.parts.items() for w in ws]
    return sorted(out, key=lambda pk: len(pk[0]), reverse=True)


def _word_at(text: str, start: int, end: int) -> bool:
    left = start == 0 or not text[start - 1].isalnum()
    right = end >= len(text) or not text[end].isalnum()
    return left and right


def _measure_after(after: str, vocab: ProseVocabulary) -> str:
    """The measure named right after a count's unit: ``hồ sơ trực tuyến``."""
    s = _blank(after.lower(), vocab.generic).lstrip()
    for f in _FILLERS:
        if s.startswith(f):
            s = s[len(f) :]
    for phrase, key in _phrases(vocab):
        if s.startswith(phrase) and _word_at(s, 0, len(phrase)):
            return key
    return ""


def _measure_before(before: str, vocab: ProseVocabulary) -> str:
    """The measure named nearest before a count: the last phrase, the longest on a tie."""
    s = _blank(before.lower(), vocab.generic)
    best: tuple[int, int, str] | None = None
    for phrase, key in _phrases(vocab):
        for m in re.finditer(re.escape(phrase), s):
            if not _word_at(s, m.start(), m.end()):
                continue
            cand = (m.end(), len(phrase), key)
            if best is None or cand[:2] > best[:2]:
                best = cand
    return best[2] if best else ""


def _sentences(text: str) -> list[int]:
    """Start offsets of the sentences of a paragraph."""
    return [0, *(m.end() for m in _SENTENCE_END_RE.finditer(text))]


def _sentence_of(starts: list[int], pos: int) -> int:
    return sum(1 for s in starts if s <= pos) - 1


def _classify(b: TextBlock, m: re.Match[str], sentence: int, vocab: ProseVocabulary) -> _Tok:
    text, s, e = b.text, m.start(), m.end()
    before = text[max(0, s - 40) : s].lower()
    rest = text[e:]
    loc = b.locate(s)
    pct = _PCT_RE.match(rest)
    num = m.group("num")
    trend = _ends_with(before, [*vocab.rise, *vocab.fall])
    sign = -1.0 if _ends_with(before, vocab.fall) else 1.0
    if _ends_with(before, vocab.hedges):
        return _Tok(s, e, "other", Figure(raw=num, value=None, location=loc), sentence)
    if pct:
        kind = FigureKind.CHANGE if trend else FigureKind.RATE
        fig = figure_from_text(num + pct.group(0), kind, loc)
        if kind == FigureKind.RATE:
            fig = _as_decimal(fig, 100.0)
        tk = "change" if trend else "rate"
        if not trend and _ends_with(before, vocab.comparisons):
            tk = "other"
        return _tok(s, e + pct.end(), tk, fig, sentence, sign)
    pts = re.match(rf"\s*(?:{_alternation(vocab.points)})", rest, re.I)
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
    unit = re.match(rf"\s*(?:{_alternation(vocab.count_units)})", rest, re.I)
    if unit or _measure_before(_clause_tail(before), vocab):
        end = e + (unit.end() if unit else 0)
        if unit or _bare_count_ok(rest):
            return _tok(
                s, end, "count", figure_from_text(num, FigureKind.COUNT, loc), sentence, 1.0
            )
    return _Tok(s, e, "other", Figure(raw=num, value=None, location=loc), sentence)


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
    cut = max(before.rfind(c) for c in _BOUNDARY)
    tail = before[cut + 1 :]
    return tail if len(tail.split()) <= 6 else ""


def _bare_count_ok(rest: str) -> bool:
    """A number with no unit is a count only when the clause ends right after it."""
    return re.match(r"\s*(?:[,;.)]|và\b|$)", rest) is not None


def _tok(s: int, e: int, kind: str, fig: Figure | None, sentence: int, sign: float) -> _Tok:
    if fig is None or fig.value is None:
        return _Tok(s, e, "other", Figure(raw="", value=None), sentence)
    if kind in ("rate", "change"):
        # the portal prints 0% and 100% only for none and all; a sentence rounds them
        # like any rate ("đúng hạn đạt 100%" for 4.999 of 5.000)
        fig.exact = False
    if kind in ("change", "rank-change"):
        fig.value = abs(fig.value) * sign
    return _Tok(s, e, kind, fig, sentence)


def _levels(text: str, vocab: ProseVocabulary) -> list[tuple[int, str]]:
    """(offset, level) of every level phrase of a paragraph, in order. A phrase inside
    brackets is an aside ("chưa bao gồm hồ sơ … của bộ ngành trung ương"), not a level."""
    low = text.lower()
    asides = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", low)]
    found: list[tuple[int, str]] = []
    for level, words in [*vocab.levels.items(), ("", vocab.whole_level)]:
        for w in words:
            for m in re.finditer(re.escape(w), low):
                inside = any(a < m.start() < z for a, z in asides)
                if _word_at(low, m.start(), m.end()) and not inside:
                    found.append((m.start(), level))
    return sorted(found)


def _read_paragraph(b: TextBlock, index: int, st: _State) -> list[_Tok]:
    vocab = st.vocab
    text = b.text
    dates = [(d.start, d.end) for d in find_dates(text)]
    starts = _sentences(text)
    toks: list[_Tok] = []
    for m in _NUM_RE.finditer(text):
        if any(a <= m.start() < z for a, z in dates):
            continue
        toks.append(_classify(b, m, _sentence_of(starts, m.start()), vocab))
    # levels: the last named before the figure; "toàn tỉnh" only when the sentence has
    # not named a level ("Với cấp xã, toàn tỉnh tiếp nhận ..." is the communes' figure)
    marks = _levels(text, vocab)
    for t in toks:
        level = ""
        named: dict[int, bool] = {}
        for pos, lv in marks:
            if pos >= t.start:
                break
            sent = _sentence_of(starts, pos)
            if lv == "" and named.get(sent):
                continue
            level = lv
            named[sent] = named.get(sent, False) or lv != ""
        t.level = level
    prev_end = 0
    for t in toks:
        if t.kind == "count":
            _bind_count(b, t, prev_end, index, toks, st)
        prev_end = t.end
    return toks


def _bind_count(
    b: TextBlock, t: _Tok, prev_end: int, index: int, toks: list[_Tok], st: _State
) -> None:
    vocab = st.vocab
    text = b.text
    after = text[t.end : t.end + 60]
    cut = next((i for i, ch in enumerate(after) if ch in _BOUNDARY + "." or ch.isdigit()), None)
    measure = _measure_after(after[:cut], vocab)
    if not measure:  # the words since the previous figure, the bracket or the clause start
        sentence_start = max(s for s in _sentences(text) if s <= t.start)
        lo = max(prev_end, sentence_start, text.rfind("(", 0, t.start) + 1)
        seg = text[lo : t.start]
        cut_at = max(seg.rfind(c) for c in ",;)")
        if cut_at >= 0 and seg[cut_at + 1 :].strip():
            seg = seg[cut_at + 1 :]
        measure = _measure_before(seg, vocab) or _elided(seg, t, toks, vocab)
    if not measure or t.figure.value is None:
        return
    if not t.figure.exact:  # "1,234 hồ sơ": a thousands group or a decimal? Not guessed.
        t.figure.role = _label(measure, t.level, vocab)
        st.facts.unread.append(t.figure)
        return
    t.measure = measure
    if measure in vocab.wholes:
        t.figure.role = _label(measure, t.level, vocab)
        t.counted = MeasuredCount(figure=t.figure, measure=measure, level=t.level, paragraph=index)
        st.facts.counts.append(t.counted)
        return
    whole = _whole_for(t, toks, st)
    parent = whole.measure if whole else next(iter(vocab.wholes_of(measure)), "")
    if not parent:
        return
    t.whole = whole
    t.figure.role = _label(f"{parent}.{measure}", t.level, vocab)
    t.counted = MeasuredCount(
        figure=t.figure, measure=f"{parent}.{measure}", level=t.level, paragraph=index
    )
    st.facts.counts.append(t.counted)


def _elided(seg: str, t: _Tok, toks: list[_Tok], vocab: ProseVocabulary) -> str:
    """ "cấp tỉnh tiếp nhận 30.100 hồ sơ, cấp huyện 40.220 hồ sơ": a level and a count with
    nothing else repeat the measure of the sentence's previous count, at another level."""
    levels = [w for ws in vocab.levels.values() for w in ws]
    rest = _blank(seg.lower(), sorted(levels, key=len, reverse=True))
    if rest.strip(" ,;:") not in ("", "và") or len(rest.strip()) == len(seg.strip()):
        return ""
    for x in reversed([x for x in toks if x.start < t.start and x.sentence == t.sentence]):
        if x.kind == "count":
            return x.measure if x.measure and x.level != t.level else ""
    return ""


def _label(measure: str, level: str, vocab: ProseVocabulary) -> str:
    """A figure's subject in the vocabulary's own words: "tiếp nhận, trực tuyến (cấp huyện)"."""
    words = [(vocab.wholes.get(k) or vocab.parts.get(k) or [k])[0] for k in measure.split(".")]
    where = (vocab.levels.get(level) or [level])[0] if level else ""
    return ", ".join(words) + (f" ({where})" if where else "")


def _whole_for(t: _Tok, toks: list[_Tok], st: _State) -> MeasuredCount | None:
    """The latest whole before ``t`` at the same level, in this paragraph or the one before
    ("Trong đó, có 12.516 hồ sơ trực tuyến"), if ``t``'s measure is a part of it. A part
    after another whole ("đã giải quyết 9.500 hồ sơ, trong đó trực tuyến …") is unbound:
    it is not the received files' part, and nothing is checked against it."""
    admits = st.vocab.wholes_of(t.measure)
    earlier = [x for x in toks if x.start < t.start]
    for x in [*reversed(earlier), *reversed(st.previous)]:
        c = x.counted
        if c is not None and c.measure in st.vocab.wholes and c.level == t.level:
            return c if c.measure in admits else None
    return None


def _shares(b: TextBlock, toks: list[_Tok], st: _State) -> None:
    """A rate right after a part count, in the same sentence, is that part's share; a
    rate that names its part ("tỷ lệ hồ sơ trực tuyến đạt 98,7%") is the share of the
    latest count of that part at the same level, here or in the paragraph before."""
    for i, t in enumerate(toks):
        if t.kind != "rate":
            continue
        if _opens_clause(b.text[t.end :], st.vocab):
            continue  # "100% hồ sơ được số hóa": the rate is a subject, not a share
        prior = [x for x in toks[:i] if x.sentence == t.sentence and x.kind != "other"]
        c = prior[-1] if prior else None
        if c is None or c.kind != "count" or not _linked(b.text[c.end : t.start], st.vocab):
            c = _named_part(b.text, t, toks[:i], st)
        if c is None or c.whole is None or c.counted is None:
            continue
        t.figure.role = f"{c.figure.role}, tỷ lệ"
        st.facts.shares.append(
            Share(rate=t.figure, part=c.figure, whole=c.whole.figure, measure=c.counted.measure)
        )
        st.facts.rates.append(t.figure)


def _opens_clause(after: str, vocab: ProseVocabulary) -> bool:
    return re.match(rf"\s*(?:{_alternation(vocab.count_units)})", after, re.I) is not None


def _linked(gap: str, vocab: ProseVocabulary) -> bool:
    """Whether only the count's own words and linking words stand between a count and the
    rate after it: "2.521 hồ sơ trực tuyến (đạt tỷ lệ 37,76%)", "708 hồ sơ, chiếm 1,37%"."""
    words = [*vocab.share_links, *vocab.share_words, *(w for w, _ in _phrases(vocab))]
    rest = _blank(gap.lower(), sorted(words, key=len, reverse=True))
    return re.fullmatch(r"[\s,(:–-]*", rest) is not None


def _named_part(text: str, t: _Tok, earlier: list[_Tok], st: _State) -> _Tok | None:
    """The count a rate names after "tỷ lệ", in its sentence or the sentence before."""
    clause = text[: t.start]
    cut = max(clause.rfind(c) for c in ",;()")
    clause = clause[cut + 1 :].lower()
    words = [w for w in st.vocab.share_words if w in clause]
    if not words:
        return None
    named = clause[clause.rfind(words[0]) + len(words[0]) :]
    part = _measure_before(named, st.vocab)
    if part not in st.vocab.parts:
        return None
    # the counts of this sentence or the one before: further back, the rate may well
    # be of another period or another unit
    near = [x for x in earlier if x.sentence >= t.sentence - 1]
    if t.sentence == 0 and st.previous:
        near = [x for x in st.previous if x.sentence == st.previous[-1].sentence] + near
    for x in reversed(near):
        c = x.counted
        if c is not None and c.measure.endswith("." + part) and c.level == t.level:
            return x
    return None


def _changes(b: TextBlock, toks: list[_Tok], st: _State) -> None:
    """``X%, tăng Y% so với … (Z%)`` and ``X điểm, tăng Y điểm (Z điểm)``: new, change, old."""
    text = b.text
    for t in toks:
        if t.kind == "rank-change":
            _rank_change(text, t, toks, st)
            continue
        if t.kind != "change":
            continue
        same = [x for x in toks if x.sentence == t.sentence and x is not t]
        new = [x for x in same if x.end <= t.start and x.kind != "other"]
        after = [x for x in same if x.start >= t.end and x.kind != "other"]
        o = _old_figure(text, t, new, after)
        if not new or o is None:
            continue
        n = new[-1]
        if n.kind != o.kind or n.kind not in ("rate", "score"):
            continue
        dn, do = n.figure.denominator, o.figure.denominator
        if n.kind == "score" and (t.figure.percent or (dn and do and dn != do)):
            continue  # a score changes in points, between scores of one maximum
        if n.kind == "rate" and not (t.figure.percent or t.points):
            continue
        if t.start - n.end > _MAX_GAP or o.start - t.end > _MAX_GAP:
            continue
        st.facts.changes.append(
            RateChange(
                new=n.figure,
                change=t.figure,
                old=o.figure,
                points=t.points or n.kind == "score",
            )
        )


def _rank_change(text: str, t: _Tok, toks: list[_Tok], st: _State) -> None:
    """ "xếp thứ 13/63, tăng 10 bậc so với năm 2022 (23/63)": old rank − new rank = rise."""
    same = [x for x in toks if x.sentence == t.sentence and x is not t]
    new = [x for x in same if x.end <= t.start and x.figure.kind == FigureKind.RANK]
    after = [x for x in same if x.start >= t.end and x.kind != "other"]
    o = _old_figure(text, t, new, after)
    if not new or o is None or o.figure.denominator != new[-1].figure.denominator:
        return
    if o.figure.kind != FigureKind.RANK:  # "(23/63)": a rank by its N and its place
        if o.figure.decimals or o.kind != "score":
            return
        o.figure.kind, o.figure.exact, o.kind = FigureKind.RANK, True, "rank"
        st.facts.ranks.append(o.figure)
    st.facts.rank_changes.append(RateChange(new=new[-1].figure, change=t.figure, old=o.figure))


def _old_figure(text: str, t: _Tok, before: list[_Tok], after: list[_Tok]) -> _Tok | None:
    """The old figure of a change: "từ 35,2% lên 48,6%" before it, or after it in brackets
    or after "so với" ("tăng 2,58% so với tháng trước (80,08%)")."""
    if len(before) >= 2 and _from_to(
        text[before[-2].end : before[-1].start], text[: before[-2].start]
    ):
        return before[-2]
    if after:
        between = text[t.end : after[0].start]
        if "(" in between or "so với" in between.lower():
            return after[0]
    return None


def _from_to(between: str, before: str) -> bool:
    """ "từ 35,2% lên 48,6%": the first figure is the old one, the second the new."""
    return (
        re.fullmatch(r"\s*(?:lên|lên mức|đến|tới)\s*", between.lower()) is not None
        and re.search(r"từ\s*(?:mức\s*)?$", before.lower()) is not None
    )


def _grades(b: TextBlock, toks: list[_Tok], st: _State) -> None:
    """A grade word in a sentence names the band of the sentence's first score out of 100
    (or with no maximum): ``đạt 82,8 điểm, …, xếp loại tốt``."""
    vocab = st.vocab
    low = b.text.lower()
    markers = _alternation(vocab.grade_markers)
    if not markers:
        return
    starts = _sentences(b.text)
    for g in vocab.grades:
        alt = _alternation(g.words)
        for m in re.finditer(rf"(?<!\w)(?:{markers})\s+(?:{alt})(?!\w)", low):
            sentence = _sentence_of(starts, m.start())
            scores = [
                t
                for t in toks
                if t.sentence == sentence and t.kind == "score" and t.start < m.start()
            ]
            if not scores or scores[0].figure.denominator not in (None, 100.0):
                continue
            st.facts.grades.append(
                GradeClaim(score=scores[0].figure, word=g.words[0], low=g.min, high=g.max)
            )


_RANK_WORDS_RE = re.compile(r"(?:xếp\s+thứ|xếp\s+hạng|đứng\s+thứ|vị\s+trí|hạng|thứ)\s*(?:thứ\s*)?$")


def _index_results(b: TextBlock, toks: list[_Tok], st: _State) -> None:
    """Scores "a/b điểm" (an axis when its name stands just before), the total out of the
    pack's maximum, and ranks "xếp thứ 13/63"."""
    text = b.text
    prev_end = 0
    for t in toks:
        before = text[prev_end : t.start]
        prev_end = t.end
        fig = t.figure
        if t.kind != "score" or fig.denominator is None or fig.value is None:
            continue
        if _RANK_WORDS_RE.search(before.lower().rstrip()) and fig.decimals == 0:
            fig.kind = FigureKind.RANK
            fig.exact = True
            t.kind = "rank"
            st.facts.ranks.append(fig)
            continue
        axis = _axis_named(before, st)
        if axis is None and not re.match(r"\s*điểm", text[t.end :], re.I):
            continue  # "15/3" is a day, "3/5" a share: a score says "điểm" or its axis
        st.facts.scores.append(fig)
        if axis is not None:
            st.facts.axes.append(AxisScore(key=axis[0], score=fig, maximum=axis[1]))
        elif (
            st.pack is not None and fig.denominator == st.pack.total.max and st.facts.total is None
        ):
            st.facts.total = fig


def _axis_named(before: str, st: _State) -> tuple[str, float] | None:
    """The pack's axis named in the words just before a score, if one is."""
    if st.pack is None:
        return None
    cut = max(before.rfind(c) for c in ";:(")
    words = normalize_label(before[cut + 1 :], accents=False)
    for axis in st.pack.axes:
        names = [axis.name_vi, *axis.aliases]
        if any(normalize_label(n, accents=False) in words for n in names):
            return axis.key, axis.max
    return None


def _decimals(toks: list[_Tok], st: _State) -> None:
    for t in toks:
        if t.kind in ("rate", "change", "score") and t.figure.decimals > 0:
            st.facts.decimals.append(t.figure)


def _parts_and_levels(st: _State) -> None:
    vocab = st.vocab
    facts = st.facts
    by_whole: dict[int, list[MeasuredCount]] = {}
    wholes: dict[int, MeasuredCount] = {}
    for c in facts.counts:
        if c.measure in vocab.wholes:
            wholes[id(c.figure)] = c
    # parts bound to a stated whole (via the token binding kept in measure and order)
    for c in facts.counts:
        w = st.bound.get(id(c))
        if w is not None:
            by_whole.setdefault(id(w.figure), []).append(c)
    for wid, parts in by_whole.items():
        w = wholes.get(wid)
        if w is None:
            continue
        keys = [p.measure.split(".", 1)[1] for p in parts]
        if len(set(keys)) != len(keys):
            continue
        if any(set(keys) == set(split) for split in vocab.partitions.get(w.measure, [])):
            facts.parts.append(
                PartsSum(whole=w.figure, parts=[p.figure for p in parts], measure=w.measure)
            )
    # levels: one value per (measure, level), else the measure is left alone
    values: dict[tuple[str, str], list[Figure]] = {}
    for c in facts.counts:
        values.setdefault((c.measure, c.level), []).append(c.figure)
    for (measure, level), figs in values.items():
        if level != "" or not vocab.level_sum:
            continue
        whole = _unique(figs)
        levels = [_unique(values.get((measure, lv), [])) for lv in vocab.level_sum]
        if whole is None or any(f is None for f in levels):
            continue
        # other bodies the text names (vertical agencies) are in the province's figure too
        extra = [lv for lv in vocab.levels if lv not in vocab.level_sum]
        if any((measure, lv) in values and _unique(values[(measure, lv)]) is None for lv in extra):
            continue
        levels += [_unique(values[(measure, lv)]) for lv in extra if (measure, lv) in values]
        facts.levels.append(
            LevelSum(whole=whole, levels=[f for f in levels if f is not None], measure=measure)
        )


def _unique(figs: list[Figure]) -> Figure | None:
    """The figure of a measure and level, when every statement of it agrees."""
    if not figs or len({f.value for f in figs}) != 1:
        return None
    return figs[0]


def extract_prose(
    blocks: Sequence[TextBlock], vocab: ProseVocabulary, pack: RulePack | None = None
) -> ProseFacts:
    """Read the statements of ``blocks`` (paragraphs in reading order); ``pack`` names
    the index's axes and maxima.

    A paragraph repeated word for word (a copy pasted twice) is read once."""
    st = _State(vocab=vocab, pack=pack)
    seen: set[str] = set()
    for index, b in enumerate(blocks):
        key = " ".join(b.text.split())
        if not key or key in seen:
            continue
        seen.add(key)
        toks = _read_paragraph(b, index, st)
        for t in toks:
            if t.counted is not None and t.whole is not None:
                st.bound[id(t.counted)] = t.whole
        _shares(b, toks, st)
        _index_results(b, toks, st)  # ranks first: a rank change joins two ranks
        _changes(b, toks, st)
        _grades(b, toks, st)
        _decimals(toks, st)
        if any(t.kind != "other" for t in toks):
            st.previous = toks
    _parts_and_levels(st)
    return st.facts
