"""The group a rank is among ("xếp thứ 13/63 tỉnh, thành phố") and the period it is of.

The number of provinces changed on 1/7/2025 (63 → 34), so a rank's N can be held to
the number of units only when the words plainly name the whole group and the period
is known: the months the rank's sentence names, else its paragraph's. Anything less
than plain is left alone, so that it is never checked on a guess.
"""

from __future__ import annotations

import re

from ..model.document import TextBlock
from ..model.prose import GroupRank, ProseFacts
from ..pack.prose import ProseVocabulary, UnitGroup
from ..vn import find_dates
from .prose_tokens import Tok
from .prose_words import alternation, blank, sentence_of, sentences

__all__ = ["named_months", "read_group_ranks"]

Month = tuple[int, int]
Months = tuple[Month, Month]
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_QUARTER_RE = re.compile(
    r"quý\s*(?P<q>IV|III|II|I|[1-4])\s*(?:năm\s*|[/-]\s*)(?P<y>\d{4})", re.IGNORECASE
)
_HALF_RE = re.compile(r"6\s*tháng\s*(?P<h>đầu|cuối)\s*năm\s*(?P<y>\d{4})", re.IGNORECASE)
_YEAR_RE = re.compile(r"năm\s*(?P<y>\d{4})(?!\d)", re.IGNORECASE)
# what follows a plain group: the end of the clause, never another word
_PLAIN_END_RE = re.compile(r"\s*(?:$|[,.;:)(–-])")


def named_months(text: str) -> list[tuple[Month, Month, int]]:
    """The periods ``text`` names, as (first month, last month, offset): "tháng 9/2025",
    "quý I/2023", "6 tháng đầu năm 2025", "năm 2024". A full date ("ngày 23/6/2022", a
    decision's date) names a day, not a period: it is blanked, and its year is not read."""
    out: list[tuple[Month, Month, int]] = []
    spans = []
    for d in find_dates(text):
        spans.append(d.raw)
        if d.style == "month" and d.period:
            out.append((d.period, d.period, d.start))
    rest = blank(text, spans)
    for m in _QUARTER_RE.finditer(rest):
        n, y = _QUARTERS[m.group("q").upper()], int(m.group("y"))
        out.append(((y, 3 * n - 2), (y, 3 * n), m.start()))
    rest = blank(rest, [m.group(0) for m in _QUARTER_RE.finditer(rest)])
    for m in _HALF_RE.finditer(rest):
        y, first = int(m.group("y")), 1 if m.group("h").lower() == "đầu" else 7
        out.append(((y, first), (y, first + 5), m.start()))
    rest = blank(rest, [m.group(0) for m in _HALF_RE.finditer(rest)])
    out += [
        ((int(m.group("y")), 1), (int(m.group("y")), 12), m.start())
        for m in _YEAR_RE.finditer(rest)
    ]
    return out


def _compared(text: str, at: int, vocab: ProseVocabulary) -> bool:
    """Whether the period at ``at`` is one compared with ("so với năm 2024"), not the
    period the clause speaks of: a comparison word stands before it in its clause."""
    before = text[max(0, at - 40) : at].lower()
    clause = re.split(r"[,;.]", before)[-1]
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", clause) for w in vocab.compared_periods)


def _period(sentence: str, paragraph: str, vocab: ProseVocabulary) -> tuple[Months | None, bool]:
    """The months a rank may be of, and whether the text's own period must be added.

    Only a period the rank's sentence names, and not as one compared with ("so với năm
    2024"), is the rank's own. Otherwise the periods of the sentence and its paragraph
    only widen the text's period: another sentence may speak of another year ("Năm
    2023, … . Hiện nay, tỉnh xếp thứ 5/34 …"), so they are never the rank's alone."""
    named = named_months(sentence)
    if any(not _compared(sentence, p[2], vocab) for p in named):
        return _span(named), False
    named += named_months(paragraph)
    return (_span(named) if named else None), True


def _span(named: list[tuple[Month, Month, int]]) -> Months:
    return min(p[0] for p in named), max(p[1] for p in named)


def _group_of(text: str, end: int, sentence: str, vocab: ProseVocabulary) -> tuple[str, str] | None:
    """The key and the words of the group named right after the rank, when they end the
    clause and the sentence does not narrow the group to a region."""
    low = sentence.lower()
    for key, group in vocab.unit_groups.items():
        words = _plain(text, end, low, group)
        if words:
            return key, words
    return None


def _plain(text: str, end: int, sentence: str, group: UnitGroup) -> str:
    m = re.match(rf"\s+(?:{alternation(group.words)})", text[end:], re.IGNORECASE)
    if m is None or _PLAIN_END_RE.match(text[end + m.end() :]) is None:
        return ""
    if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", sentence) for w in group.narrowing):
        return ""
    return m.group(0).strip()


def read_group_ranks(
    b: TextBlock, toks: list[Tok], facts: ProseFacts, vocab: ProseVocabulary
) -> None:
    """Every rank of the paragraph whose words plainly name a group of units, with the
    period its sentence names, or the periods that widen the text's."""
    text = b.text
    starts = sentences(text)
    for t in toks:
        if t.kind != "rank":
            continue
        i = sentence_of(starts, t.start)
        stop = starts[i + 1] if i + 1 < len(starts) else len(text)
        sentence = text[starts[i] : stop]
        found = _group_of(text, t.end, sentence, vocab)
        if found is None:
            continue
        period, with_text = _period(sentence, text, vocab)
        facts.group_ranks.append(
            GroupRank(
                rank=t.figure, group=found[0], words=found[1], period=period, with_text=with_text
            )
        )
