""" "Did you mean …?" for a mistyped rule code, rule name or config key.

A user who types ``PC0O1`` or ``selectt`` gets the nearest known spelling in the
error, as git and ruff do, instead of only a pointer to the full list. difflib's
ratio is enough for identifiers this short; codes are compared upper-case and
names lower-case, so case alone never hides the match.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["closest", "did_you_mean"]


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known spelling nearest to ``word``, or ``None`` when none is near."""
    import difflib  # only on the error path: start-up stays as it was

    by_key: dict[str, str] = {}
    for c in choices:
        by_key.setdefault(c.casefold(), c)
    hit = difflib.get_close_matches(word.strip().casefold(), list(by_key), n=1, cutoff=cutoff)
    return by_key[hit[0]] if hit else None


def did_you_mean(word: str, choices: Iterable[str]) -> tuple[str, str]:
    """`` Có phải là 'PC001'?`` / `` Did you mean 'PC001'?``, or two empty strings."""
    hit = closest(word, choices)
    if hit is None:
        return "", ""
    return f" Có phải ý bạn là '{hit}'?", f" Did you mean '{hit}'?"
