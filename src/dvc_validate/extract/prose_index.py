"""Index results in prose: scores "a/b điểm", the axes they belong to, the total, ranks
and grade words."""

from __future__ import annotations

import re

from ..model.document import TextBlock
from ..model.figure import FigureKind
from ..model.prose import AxisScore, GradeClaim, ProseFacts
from ..pack import RulePack
from ..pack.prose import ProseVocabulary
from ..vn import normalize_label
from .prose_tokens import Tok
from .prose_words import alternation, sentence_of, sentences

__all__ = ["read_grades", "read_index_results"]

_RANK_WORDS_RE = re.compile(r"(?:xếp\s+thứ|xếp\s+hạng|đứng\s+thứ|vị\s+trí|hạng|thứ)\s*(?:thứ\s*)?$")


def read_grades(b: TextBlock, toks: list[Tok], facts: ProseFacts, vocab: ProseVocabulary) -> None:
    """A grade word in a sentence names the band of the sentence's first score out of 100
    (or with no maximum): ``đạt 82,8 điểm, …, xếp loại tốt``."""
    low = b.text.lower()
    markers = alternation(vocab.grade_markers)
    if not markers:
        return
    starts = sentences(b.text)
    for g in vocab.grades:
        alt = alternation(g.words)
        for m in re.finditer(rf"(?<!\w)(?:{markers})\s+(?:{alt})(?!\w)", low):
            sentence = sentence_of(starts, m.start())
            scores = [
                t
                for t in toks
                if t.sentence == sentence and t.kind == "score" and t.start < m.start()
            ]
            if not scores or scores[0].figure.denominator not in (None, 100.0):
                continue
            facts.grades.append(
                GradeClaim(score=scores[0].figure, word=g.words[0], low=g.min, high=g.max)
            )


def read_index_results(
    b: TextBlock, toks: list[Tok], facts: ProseFacts, pack: RulePack | None
) -> None:
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
            facts.ranks.append(fig)
            continue
        axis = _axis_named(before, pack)
        if axis is None and not re.match(r"\s*điểm", text[t.end :], re.I):
            continue  # "15/3" is a day, "3/5" a share: a score says "điểm" or its axis
        facts.scores.append(fig)
        if axis is not None:
            facts.axes.append(AxisScore(key=axis[0], score=fig, maximum=axis[1]))
        elif pack is not None and fig.denominator == pack.total.max and facts.total is None:
            facts.total = fig


def _axis_named(before: str, pack: RulePack | None) -> tuple[str, float] | None:
    """The pack's axis named in the words just before a score, if one is."""
    if pack is None:
        return None
    cut = max(before.rfind(c) for c in ";:(")
    words = normalize_label(before[cut + 1 :], accents=False)
    for axis in pack.axes:
        names = [axis.name_vi, *axis.aliases]
        if any(normalize_label(n, accents=False) in words for n in names):
            return axis.key, axis.max
    return None
