"""Typo models: the slips a clerk makes when retyping portal figures.

In the manner of R's ``deductive``: from the figure as printed, generate the
values the writer may have meant, each with the model that explains it. The
localiser keeps only candidates that satisfy every relation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..vn import parse_number

__all__ = [
    "OTHER_MODELS",
    "REASONS_EN",
    "REASONS_VI",
    "TYPO_MODELS",
    "Candidate",
    "reason",
    "typo_candidates",
]

TYPO_MODELS = (
    "sign-flip",
    "separator-swap",
    "decimal-lost",
    "extra-digit",
    "missing-digit",
    "transposed",
)
# Slips outside numbers, named so that every suggestion can say why in one vocabulary.
OTHER_MODELS = ("month-slip", "section-repeat", "computed")

REASONS_VI = {
    "sign-flip": "có thể ghi nhầm dấu",
    "decimal-lost": "có thể mất dấu phẩy thập phân",
    "extra-digit": "có thể thừa một chữ số",
    "missing-digit": "có thể thiếu một chữ số",
    "transposed": "có thể đảo vị trí hai chữ số",
    "separator-swap": "có thể nhầm dấu chấm và dấu phẩy",
    "month-slip": "có thể gõ nhầm tháng",
    "section-repeat": "số mục bị lặp lại",
    "computed": "giá trị suy ra từ các số liệu liên quan",
}
REASONS_EN = {
    "sign-flip": "the sign may be wrong",
    "decimal-lost": "a decimal mark may have been lost",
    "extra-digit": "there may be an extra digit",
    "missing-digit": "a digit may be missing",
    "transposed": "two digits may be transposed",
    "separator-swap": "'.' and ',' may be swapped",
    "month-slip": "the month may be mistyped",
    "section-repeat": "the section numeral is repeated",
    "computed": "the value implied by the related figures",
}


def reason(model: str, lang: str) -> str:
    """Why a suggestion is made, in the user's language (``vi`` unless ``en``)."""
    table = REASONS_EN if lang == "en" else REASONS_VI
    return table.get(model, model)


@dataclass(frozen=True)
class Candidate:
    raw: str
    value: float
    decimals: int
    model: str


def _split(raw: str) -> tuple[str, str, str]:
    """(sign, body, suffix) of a printed number."""
    s = raw.strip()
    sign = s[0] if s[:1] in "+-−" else ""
    body = s[len(sign) :]
    suffix = ""
    while body and not body[-1].isdigit():
        suffix = body[-1] + suffix
        body = body[:-1]
    return sign, body, suffix


def typo_candidates(raw: str) -> list[Candidate]:
    """Every single-slip variant of ``raw`` that parses as a number, best models first."""
    return list(_candidates(raw))


@lru_cache(maxsize=512)
def _candidates(raw: str) -> tuple[Candidate, ...]:
    """The candidates of :func:`typo_candidates`, memoised.

    Localisation asks for the candidates of the same printed figure once for every
    subset of figures it tries (hundreds of times per report), and each call parses
    some fifty variants. The result depends on the text alone (``parse_number`` reads
    no settings) and a :class:`Candidate` is frozen, so sharing one tuple across calls
    and reports is safe. An entry holds about 12 KiB and one report asks for at most a
    few dozen texts, so 512 entries (some 6 MiB) serve a report with room to spare and
    bound the memory of long batch runs.
    """
    sign, body, suffix = _split(raw)
    out: list[tuple[str, str]] = []
    if sign in ("-", "−"):
        out.append(("sign-flip", "+" + body + suffix))
        out.append(("sign-flip", body + suffix))
    else:
        out.append(("sign-flip", "-" + body + suffix))
    for i, ch in enumerate(body):
        if ch.isdigit():
            out.append(("extra-digit", sign + body[:i] + body[i + 1 :] + suffix))
    if body.isdigit():  # a mark in the body was not lost ("3.863" swapped is "3,863")
        for i in range(1, len(body)):
            out.append(("decimal-lost", sign + body[:i] + "," + body[i:] + suffix))
    for i in range(len(body) + 1):
        for d in "0123456789":
            out.append(("missing-digit", sign + body[:i] + d + body[i:] + suffix))
    # neighbouring digits, also across a mark: "70,83" ↔ "78,03" swaps the 0 and the 8
    digits = [i for i, ch in enumerate(body) if ch.isdigit()]
    for i, j in pairwise(digits):
        if body[i] != body[j]:
            swapped_digits = body[:i] + body[j] + body[i + 1 : j] + body[i] + body[j + 1 :]
            out.append(("transposed", sign + swapped_digits + suffix))
    if "," in body or "." in body:
        swapped = body.translate(str.maketrans(",.", ".,"))
        out.append(("separator-swap", sign + swapped + suffix))
    seen: set[str] = {raw}
    result: list[Candidate] = []
    for model, text in out:
        if text in seen:
            continue
        seen.add(text)
        p = parse_number(text)
        if p is None or (p.flags and any(f in p.flags for f in ("english-style", "dot-decimal"))):
            continue
        result.append(Candidate(raw=text, value=p.value, decimals=p.decimals, model=model))
    return tuple(result)
