"""Unit matching over every unit name of the recorded data, written as reports write it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pytest

from dvc_validate.portal import PortalData
from dvc_validate.portal.names import match_unit, name_key

_SUFFIX = re.compile(r"\s*-\s*tỉnh Phú Thọ$", re.I)
_LEVEL = re.compile(r"^(UBND\s+)?(xã|phường|Phường|tỉnh)\s+", re.I)


def _variants(name: str) -> dict[str, str]:
    """The ways a report writes a portal name: with and without "UBND", the suffix, the
    level word spelt out, upper case (header lines), NFD, the old tone placement."""
    bare = _SUFFIX.sub("", name)
    out = {
        "as the portal": name,
        "no province suffix": bare,
        "comma suffix": bare + ", tỉnh Phú Thọ",
        "no UBND": re.sub(r"^UBND\s+", "", bare),
        "spelt out": re.sub(r"^UBND\s+", "Ủy ban nhân dân ", bare),
        "upper case": re.sub(r"^UBND\s+", "", bare).upper(),
        "NFD": unicodedata.normalize("NFD", name),
        "old tones": unicodedata.normalize(
            "NFC",
            re.sub(
                "o([\u0300\u0301\u0303\u0309\u0323])a", "oa\\1", unicodedata.normalize("NFD", bare)
            ),
        ),
    }
    return out


def _written(recorded: PortalData) -> list[tuple[str, str]]:
    u = recorded.units()
    return list(zip(u["unit_id"].astype(str), u["unit_name"].astype(str), strict=True))


def test_every_unit_is_found_under_every_way_of_writing_it(recorded: PortalData) -> None:
    units = _written(recorded)
    assert len(units) == 164
    failures = []
    for uid, name in units:
        for how, text in _variants(name).items():
            m = match_unit(text, units)
            if m.unit != uid:
                failures.append((name, how, text, m))
    assert failures == []


def test_without_the_level_word_a_name_shared_by_two_levels_is_not_guessed(
    recorded: PortalData,
) -> None:
    units = _written(recorded)
    cores: dict[str, list[str]] = {}
    for uid, name in units:
        cores.setdefault(name_key(name)[1], []).append(uid)
    checked = 0
    for uid, name in units:
        level_less = _LEVEL.sub("", _SUFFIX.sub("", name))
        m = match_unit(level_less, units)
        same = cores[name_key(name)[1]]
        if len(same) == 1:
            assert m.unit == uid, name
        else:  # "Phú Thọ": the province and a ward
            assert m.unit is None and uid in m.candidates and set(m.candidates) == set(same)
            checked += 1
    assert checked >= 2


@pytest.mark.parametrize(
    ("written", "level", "found"),
    [
        ("Bình Phú", "xã", "UBND xã Bình Phú - Tỉnh Phú Thọ"),
        ("Binh Phu", "xã", "UBND xã Bình Phú - Tỉnh Phú Thọ"),  # unaccented, unique
        ("Phú Thọ", "phường", "UBND Phường Phú Thọ"),
        ("Phú Thọ", "tỉnh", "UBND tỉnh Phú Thọ"),
        ("Bình Phụ", "xã", None),  # another name, not a spelling
        ("Sở Y tế", None, "Sở Y tế - Tỉnh Phú Thọ"),
    ],
)
def test_level_words_and_accents(
    recorded: PortalData, written: str, level: str | None, found: str | None
) -> None:
    units = _written(recorded)
    names = dict(units)
    m = match_unit(written, units, level=level)
    assert (names[m.unit] if m.unit else None) == found


def test_names_are_compared_with_their_case_and_form_folded() -> None:
    key: Callable[[str], tuple[str | None, str]] = name_key
    assert key("UBND xã Bình Phú - Tỉnh Phú Thọ") == key("XÃ BÌNH PHÚ") == ("xã", "bình phú")
    assert key("UBND phường Xuân Hoà") == key("Ủy ban nhân dân phường Xuân Hòa")
    assert key("xã Hoàn Kiếm")[1] == "hoàn kiếm"  # a mark before a final consonant stays
    assert key("UBND tỉnh Phú Thọ") == ("tỉnh", "phú thọ")  # a suffix alone is the name
