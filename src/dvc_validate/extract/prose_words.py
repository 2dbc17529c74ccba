"""The words of a sentence: phrases of the vocabulary found around a figure.

Matching is on lower-case text, on word boundaries; the longest phrase nearest the
figure names its measure. Kept apart from the reading of figures so that both stay
small and each can be tested by itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..pack.prose import ProseVocabulary

__all__ = [
    "BOUNDARY",
    "alternation",
    "blank",
    "ends_with",
    "level_marks",
    "measure_after",
    "measure_before",
    "phrases",
    "sentence_of",
    "sentences",
    "word_at",
]

_SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)")


BOUNDARY = ",;()"


_FILLERS = ("đã ", "được ", "bị ", "có ", "là ", "còn ")


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def ends_with(before: str, words: Iterable[str]) -> bool:
    alt = alternation(words)
    return bool(alt) and re.search(rf"(?:^|[\s(,;:])(?:{alt})\s*[:]?\s*$", before) is not None


def blank(text: str, phrases: Iterable[str]) -> str:
    """``text`` with each phrase replaced by spaces, keeping every position."""
    for p in phrases:
        text = re.sub(re.escape(p), lambda m: " " * len(m.group(0)), text)
    return text


def phrases(vocab: ProseVocabulary) -> list[tuple[str, str]]:
    """(phrase, measure) for every whole and part, longest first."""
    out = [(w, k) for k, ws in vocab.wholes.items() for w in ws]
    out += [(w, k) for k, ws in vocab.parts.items() for w in ws]
    return sorted(out, key=lambda pk: len(pk[0]), reverse=True)


def word_at(text: str, start: int, end: int) -> bool:
    left = start == 0 or not text[start - 1].isalnum()
    right = end >= len(text) or not text[end].isalnum()
    return left and right


def measure_after(after: str, vocab: ProseVocabulary) -> str:
    """The measure named right after a count's unit: ``hồ sơ trực tuyến``."""
    s = blank(after.lower(), vocab.generic).lstrip()
    for f in _FILLERS:
        if s.startswith(f):
            s = s[len(f) :]
    for phrase, key in phrases(vocab):
        if s.startswith(phrase) and word_at(s, 0, len(phrase)):
            return key
    return ""


def measure_before(before: str, vocab: ProseVocabulary) -> str:
    """The measure named nearest before a count: the last phrase, the longest on a tie."""
    s = blank(before.lower(), vocab.generic)
    best: tuple[int, int, str] | None = None
    for phrase, key in phrases(vocab):
        for m in re.finditer(re.escape(phrase), s):
            if not word_at(s, m.start(), m.end()):
                continue
            cand = (m.end(), len(phrase), key)
            if best is None or cand[:2] > best[:2]:
                best = cand
    return best[2] if best else ""


def sentences(text: str) -> list[int]:
    """Start offsets of the sentences of a paragraph."""
    return [0, *(m.end() for m in _SENTENCE_END_RE.finditer(text))]


def sentence_of(starts: list[int], pos: int) -> int:
    return sum(1 for s in starts if s <= pos) - 1


def level_marks(text: str, vocab: ProseVocabulary) -> list[tuple[int, str]]:
    """(offset, level) of every level phrase of a paragraph, in order. A phrase inside
    brackets is an aside ("chưa bao gồm hồ sơ … của bộ ngành trung ương"), not a level."""
    low = text.lower()
    asides = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", low)]
    found: list[tuple[int, str]] = []
    for level, words in [*vocab.levels.items(), ("", vocab.whole_level)]:
        for w in words:
            for m in re.finditer(re.escape(w), low):
                inside = any(a < m.start() < z for a, z in asides)
                if word_at(low, m.start(), m.end()) and not inside:
                    found.append((m.start(), level))
    return sorted(found)
