"""Find a report's unit among the portal's units, by name as both write it.

The portal writes "UBND xã Bình Phú - Tỉnh Phú Thọ", "UBND Phường Việt Trì",
"Sở Y tế - Tỉnh Phú Thọ"; a report writes "UBND xã Bình Phú", "XÃ BÌNH PHÚ",
"Ủy ban nhân dân xã Bình Phú", maybe in NFD or with the old tone placement
("Hoà"). Both are reduced to (level word, core name): case folded, NFC, the
tone mark on the main vowel, "UBND"/"Ủy ban nhân dân" and the province suffix
dropped. Accents are kept, because "Bình Phú" and "Bình Phụ" are two communes;
a report written without any accents ("Binh Phu") matches only when no other
unit shares the unaccented name. More than one candidate is never guessed between.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..vn import strip_accents

__all__ = ["LEVEL_WORDS", "Match", "match_unit", "name_key"]

#: Level words of local government, longest first so that "thị trấn" wins over "thị".
LEVEL_WORDS = ("thị trấn", "thành phố", "thị xã", "phường", "huyện", "quận", "tỉnh", "xã")
_PEOPLE = re.compile(r"^(?:ubnd|uỷ ban nhân dân|ủy ban nhân dân)\s+")
_SUFFIX = re.compile(r"\s*(?:-|–|,)\s*(?:tỉnh|thành phố)\s+[^-–,]+$")
_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")
# old-style tone placement on oa, oe, uy ("hoà" → "hòa"): one spelling of one name
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# only where the second vowel ends the syllable: "hoàn" keeps its mark on a
_OLD_TONE = re.compile(rf"([oOuU])([aeyAEY])([{_TONES}])(?![^\W\d_])")


def _tone_on_main_vowel(text: str) -> str:
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_TONE.sub(r"\1\3\2", nfd))


def name_key(text: str) -> tuple[str | None, str]:
    """(level word or None, core name) of a unit name, for comparison."""
    s = _tone_on_main_vowel(unicodedata.normalize("NFC", text)).lower().strip()
    s = _SPACE.sub(" ", s)
    s = _PEOPLE.sub("", s)
    stripped = _SUFFIX.sub("", s)
    if stripped.strip():
        s = stripped
    level: str | None = None
    for word in LEVEL_WORDS:
        if s.startswith(word + " "):
            level, s = word, s[len(word) + 1 :]
            break
    core = _SPACE.sub(" ", _PUNCT.sub(" ", s)).strip()
    return level, core


@dataclass(frozen=True)
class Match:
    """The unit found (``unit``), or why not: no candidate, or several."""

    unit: str | None
    candidates: tuple[str, ...] = ()
    accents_dropped: bool = False


def match_unit(wanted: str, units: Iterable[tuple[str, str]], *, level: str | None = None) -> Match:
    """Find ``wanted`` (a report's unit name) among ``units`` (id, portal name).

    ``level`` is the report's level word when it gives one apart from the name.
    """
    w_level, w_core = name_key(f"{level} {wanted}" if level else wanted)
    if not w_core:
        return Match(None)
    keyed = [(uid, *name_key(name)) for uid, name in units]

    def same_level(u_level: str | None) -> bool:
        return w_level is None or u_level is None or u_level == w_level

    exact = [uid for uid, lv, core in keyed if core == w_core and same_level(lv)]
    if exact:
        return Match(exact[0] if len(exact) == 1 else None, tuple(exact))
    bare = strip_accents(w_core)
    if bare != w_core:  # written with accents: another accent is another name
        return Match(None)
    loose = [uid for uid, lv, core in keyed if strip_accents(core) == bare and same_level(lv)]
    return Match(loose[0] if len(loose) == 1 else None, tuple(loose), accents_dropped=True)


def describe(ids: Sequence[str], names: dict[str, str]) -> str:
    """The candidates' portal names, for a message."""
    return "; ".join(names.get(i, i) for i in ids)
