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
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model.document import TextBlock
from ..model.figure import Figure, FigureKind
from ..model.prose import (
    LevelSum,
    MeasuredCount,
    PartsSum,
    ProseFacts,
    RateChange,
    Share,
)
from ..pack import RulePack
from ..pack.prose import ProseVocabulary
from .prose_index import read_grades, read_index_results
from .prose_ranks import read_group_ranks
from .prose_tokens import Tok, tokenise
from .prose_words import (
    BOUNDARY,
    alternation,
    blank,
    measure_after,
    measure_before,
    phrases,
    sentences,
)

__all__ = ["extract_prose"]

_MAX_GAP = 90  # characters between a figure and the figure it is bound to


@dataclass
class _State:
    vocab: ProseVocabulary
    pack: RulePack | None = None
    facts: ProseFacts = field(default_factory=ProseFacts)
    previous: list[Tok] = field(default_factory=list)  # the previous paragraph's tokens
    bound: dict[int, MeasuredCount] = field(default_factory=dict)  # id(part) -> its whole


def _read_paragraph(b: TextBlock, index: int, st: _State) -> list[Tok]:
    toks = tokenise(b, st.vocab)
    prev_end = 0
    for t in toks:
        if t.kind == "count":
            _bind_count(b, t, prev_end, index, toks, st)
        prev_end = t.end
    return toks


def _bind_count(
    b: TextBlock, t: Tok, prev_end: int, index: int, toks: list[Tok], st: _State
) -> None:
    vocab = st.vocab
    text = b.text
    after = text[t.end : t.end + 60]
    cut = next((i for i, ch in enumerate(after) if ch in BOUNDARY + "." or ch.isdigit()), None)
    measure = measure_after(after[:cut], vocab)
    if not measure:  # the words since the previous figure, the bracket or the clause start
        sentence_start = max(s for s in sentences(text) if s <= t.start)
        lo = max(prev_end, sentence_start, text.rfind("(", 0, t.start) + 1)
        seg = text[lo : t.start]
        cut_at = max(seg.rfind(c) for c in ",;)")
        if cut_at >= 0 and seg[cut_at + 1 :].strip():
            seg = seg[cut_at + 1 :]
        measure = measure_before(seg, vocab) or _elided(seg, t, toks, vocab)
    if not measure or t.figure.value is None:
        return
    if not t.figure.exact:  # "1,234 hồ sơ": a thousands group or a decimal? Not guessed.
        t.figure.role = vocab.subject_key(measure, t.level)
        st.facts.unread.append(t.figure)
        return
    t.measure = measure
    if measure in vocab.wholes:
        t.figure.role = vocab.subject_key(measure, t.level)
        t.counted = MeasuredCount(figure=t.figure, measure=measure, level=t.level, paragraph=index)
        st.facts.counts.append(t.counted)
        return
    whole = _whole_for(t, toks, st)
    parent = whole.measure if whole else next(iter(vocab.wholes_of(measure)), "")
    if not parent:
        return
    t.whole = whole
    t.figure.role = vocab.subject_key(f"{parent}.{measure}", t.level)
    t.counted = MeasuredCount(
        figure=t.figure, measure=f"{parent}.{measure}", level=t.level, paragraph=index
    )
    st.facts.counts.append(t.counted)


def _elided(seg: str, t: Tok, toks: list[Tok], vocab: ProseVocabulary) -> str:
    """ "cấp tỉnh tiếp nhận 30.100 hồ sơ, cấp huyện 40.220 hồ sơ": a level and a count with
    nothing else repeat the measure of the sentence's previous count, at another level."""
    levels = [w for ws in vocab.levels.values() for w in ws]
    rest = blank(seg.lower(), sorted(levels, key=len, reverse=True))
    if rest.strip(" ,;:") not in ("", "và") or len(rest.strip()) == len(seg.strip()):
        return ""
    for x in reversed([x for x in toks if x.start < t.start and x.sentence == t.sentence]):
        if x.kind == "count":
            return x.measure if x.measure and x.level != t.level else ""
    return ""


def _whole_for(t: Tok, toks: list[Tok], st: _State) -> MeasuredCount | None:
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


def _shares(b: TextBlock, toks: list[Tok], st: _State) -> None:
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
        t.figure.role = st.vocab.subject_key(c.counted.measure, c.counted.level, rate=True)
        st.facts.shares.append(
            Share(rate=t.figure, part=c.figure, whole=c.whole.figure, measure=c.counted.measure)
        )


def _opens_clause(after: str, vocab: ProseVocabulary) -> bool:
    return re.match(rf"\s*(?:{alternation(vocab.count_units)})", after, re.I) is not None


def _linked(gap: str, vocab: ProseVocabulary) -> bool:
    """Whether only the count's own words and linking words stand between a count and the
    rate after it: "2.521 hồ sơ trực tuyến (đạt tỷ lệ 37,76%)", "708 hồ sơ, chiếm 1,37%"."""
    words = [*vocab.share_links, *vocab.share_words, *(w for w, _ in phrases(vocab))]
    rest = blank(gap.lower(), sorted(words, key=len, reverse=True))
    return re.fullmatch(r"[\s,(:–-]*", rest) is not None


def _named_part(text: str, t: Tok, earlier: list[Tok], st: _State) -> Tok | None:
    """The count a rate names after "tỷ lệ", in its sentence or the sentence before."""
    clause = text[: t.start]
    cut = max(clause.rfind(c) for c in ",;()")
    clause = clause[cut + 1 :].lower()
    words = [w for w in st.vocab.share_words if w in clause]
    if not words:
        return None
    named = clause[clause.rfind(words[0]) + len(words[0]) :]
    part = measure_before(named, st.vocab)
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


def _changes(b: TextBlock, toks: list[Tok], st: _State) -> None:
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


def _rank_change(text: str, t: Tok, toks: list[Tok], st: _State) -> None:
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


def _old_figure(text: str, t: Tok, before: list[Tok], after: list[Tok]) -> Tok | None:
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


def _decimals(toks: list[Tok], st: _State) -> None:
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
        read_index_results(b, toks, st.facts, st.pack)  # ranks first: a rank change joins two ranks
        read_group_ranks(b, toks, st.facts, st.vocab)
        _changes(b, toks, st)
        read_grades(b, toks, st.facts, st.vocab)
        _decimals(toks, st)
        if any(t.kind != "other" for t in toks):
            st.previous = toks
    _parts_and_levels(st)
    return st.facts
