"""Each rule's Vietnamese rationale ("why") and fix, from ``rules_vi.yaml``.

The English rationale is the rule's docstring, next to its code; the Vietnamese one
is prose for clerks and sits in one data file keyed by code, so that a translator
edits one file and a test (``tests/checks/test_rules_vi.py``) holds every
registered rule to having both texts. It is read only when ``explain`` asks.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

__all__ = ["VietnameseText", "vietnamese_text", "vietnamese_texts"]

VietnameseText = tuple[str, str]
"""``(why, fix)``."""


@cache
def vietnamese_texts() -> dict[str, VietnameseText]:
    """Every entry of the bundled file, by rule code."""
    source = resources.files("dvc_validate.checks").joinpath("rules_vi.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError("rules_vi.yaml must map rule codes to {why, fix}")
    texts: dict[str, VietnameseText] = {}
    for code, entry in data.items():
        if not isinstance(entry, dict) or set(entry) != {"why", "fix"}:
            raise ValueError(f"rules_vi.yaml: {code} needs exactly 'why' and 'fix'")
        texts[str(code)] = (str(entry["why"]).strip(), str(entry["fix"]).strip())
    return texts


def vietnamese_text(code: str) -> VietnameseText | None:
    """A rule's ``(why, fix)`` in Vietnamese, or ``None`` when not yet written."""
    return vietnamese_texts().get(code)
