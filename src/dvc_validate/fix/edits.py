"""What a fix is, independent of the file format: a replacement at a location.

A finding names a figure by its location and its raw text (``found``); the
fixers (``text.py``, ``docx.py``) find that text where the finding says it is and
change only the characters that differ, so the rest of the line, the cell and the
Word runs around it stay exactly as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.finding import Applicability, Finding
from ..model.location import Location

__all__ = ["Edit", "edit_of", "minimal_change", "occurrences"]


@dataclass(frozen=True)
class Edit:
    """Replace ``found`` at ``location`` by ``replacement`` (from one finding)."""

    code: str
    location: Location
    found: str
    replacement: str
    applicability: Applicability
    fingerprint: str = ""

    def target(self) -> tuple[object, ...]:
        """The figure this edit changes; two edits with one target conflict."""
        loc = self.location
        return (loc.line, loc.column, loc.paragraph, loc.table, loc.row, loc.cell, self.found)

    def describe(self, lang: str = "vi") -> str:
        return (
            f"{self.location.describe(lang)}: {self.found!r} → {self.replacement!r} ({self.code})"
        )


def edit_of(f: Finding) -> Edit | None:
    """The edit a finding proposes, if it proposes one."""
    if f.fix is None or f.found is None:
        return None
    if f.fix.replacement == f.found:
        return None
    return Edit(
        code=f.code,
        location=f.location,
        found=f.found,
        replacement=f.fix.replacement,
        applicability=f.fix.applicability,
        fingerprint=f.fingerprint,
    )


def _is_numberish(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text[0] in "+-−") and any(c.isdigit() for c in text)


def occurrences(haystack: str, needle: str) -> list[int]:
    """Where ``needle`` stands as a whole token in ``haystack``: "86,2" is found in
    "Đạt 86,2/100" but not in "86,25" nor in "186,2"; a word is not found inside a
    longer word."""
    if not needle:
        return []
    out: list[int] = []
    for m in re.finditer(re.escape(needle), haystack):
        s, e = m.start(), m.end()
        before = haystack[s - 1] if s > 0 else ""
        after = haystack[e] if e < len(haystack) else ""
        after2 = haystack[e + 1] if e + 1 < len(haystack) else ""
        if _is_numberish(needle):
            if before.isdigit() or (
                before and before in ".," and haystack[s - 2 : s - 1].isdigit()
            ):
                continue
            if before and before in "+-−" and needle[0] not in "+-−":
                continue
            if after.isdigit() or (after and after in ".," and after2.isdigit()):
                continue
            if after == "%" and not needle.endswith("%"):
                continue
        elif (before.isalnum() and needle[0].isalnum()) or (
            after.isalnum() and needle[-1].isalnum()
        ):
            continue
        out.append(s)
    return out


def minimal_change(found: str, replacement: str) -> tuple[int, int, str]:
    """``(start, end, text)``: replacing ``found[start:end]`` by ``text`` gives
    ``replacement``, with the unchanged prefix and suffix left alone. "1000%" →
    "100%" deletes one "0"; the "%" (perhaps in another Word run) is not touched."""
    p = 0
    while p < min(len(found), len(replacement)) and found[p] == replacement[p]:
        p += 1
    q = 0
    while (
        q < min(len(found), len(replacement)) - p
        and found[len(found) - 1 - q] == replacement[len(replacement) - 1 - q]
    ):
        q += 1
    return p, len(found) - q, replacement[p : len(replacement) - q]
