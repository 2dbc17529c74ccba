"""Vietnamese numbers and dates: parse(format(x)) == x, and the awkward cases by name."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvc_validate.vn import (
    NumberContext,
    find_dates,
    format_date,
    format_number,
    label_similarity,
    last_day_of_month,
    parse_fraction,
    parse_number,
    previous_month,
    roman_value,
)


@given(st.integers(min_value=0, max_value=10**9))
def test_counts_round_trip(n: int) -> None:
    p = parse_number(format_number(n, 0))
    assert p is not None and p.value == n and p.decimals == 0


@given(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(min_value=0, max_value=3),
    st.booleans(),
    st.booleans(),
)
def test_decimals_and_percentages_round_trip(
    units: int, decimals: int, percent: bool, plus: bool
) -> None:
    value = units / 10**decimals
    text = format_number(value, decimals, percent=percent, plus=plus)
    p = parse_number(text)
    assert p is not None
    assert p.value == pytest.approx(value) and p.decimals == decimals and p.percent == percent


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(["numeric", "written"]),
)
def test_dates_round_trip(d: date, style: str) -> None:
    found = find_dates(format_date(d, style))
    assert len(found) == 1 and found[0].as_date() == d


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=0, max_value=2),
    st.sampled_from(["\u00a0", "\u202f"]),
    st.booleans(),
)
def test_no_break_spaces_group_thousands_and_may_precede_percent(
    units: int, decimals: int, space: str, percent: bool
) -> None:
    """Word's typesetting writes "41 670" and "96,68 %" with no-break spaces: the same
    number, and the space before % is not a slip (an ordinary one is)."""
    value = units / 10**decimals
    text = format_number(value, decimals, percent=percent).replace(".", space)
    text = text.replace("%", space + "%")
    p = parse_number(text)
    assert p is not None
    assert (p.value, p.decimals, p.percent) == (pytest.approx(value), decimals, percent)
    assert "space-before-percent" not in p.flags
    assert p.grouped == (abs(units) >= 1000 * 10**decimals)


@pytest.mark.parametrize(
    ("text", "value", "decimals", "flags"),
    [
        ("3.863", 3863, 0, ()),
        ("837.873", 837873, 0, ()),
        ("70,63%", 70.63, 2, ()),
        ("4,26 %", 4.26, 2, ("space-before-percent",)),
        ("+5,45%", 5.45, 2, ()),
        ("−3,09%", -3.09, 2, ("unicode-minus",)),
        ("1,234.5", 1234.5, 1, ("english-style",)),
        ("2588", 2588, 0, ("ungrouped",)),
    ],
)
def test_named_numbers(text: str, value: float, decimals: int, flags: tuple[str, ...]) -> None:
    p = parse_number(text)
    assert p is not None and p.value == pytest.approx(value) and p.decimals == decimals
    assert set(flags) <= set(p.flags)


def test_decimal_comma_in_a_count_is_kept_and_flagged() -> None:
    p = parse_number("855,589", NumberContext.COUNT)
    assert p is not None and p.value == pytest.approx(855.589) and "ambiguous-separator" in p.flags


def test_fractions_scores_ranks() -> None:
    for text, num, den in [("1764/1764", 1764, 1764), ("11,8/18", 11.8, 18), ("08/23", 8, 23)]:
        f = parse_fraction(text)
        assert (
            f is not None and f.numerator.value == pytest.approx(num) and f.denominator.value == den
        )


@pytest.mark.parametrize("text", ["-", "", "abc", "12/34/56/78"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_dates_written_blank_and_impossible() -> None:
    (d,) = find_dates("ngày 29 tháng 02 năm 2024")
    assert d.as_date() == date(2024, 2, 29)
    (blank,) = find_dates("Bình Thành, ngày tháng 3 năm 2024")
    assert blank.placeholder and blank.month == 3
    (blank2,) = find_dates("Kèm theo Công văn ngày/03/2024")
    assert blank2.placeholder and blank2.month == 3
    assert not find_dates("30/02/2024")[0].valid
    assert not find_dates("29/02/2023")[0].valid
    (month,) = find_dates("so với tháng 01/2024")
    assert month.period == (2024, 1)


def test_month_ends_and_previous_months() -> None:
    assert last_day_of_month(2024, 2) == date(2024, 2, 29)
    assert last_day_of_month(2023, 2) == date(2023, 2, 28)
    assert previous_month(2024, 1) == (2023, 12)


def test_nfd_labels_match_nfc() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Tiến độ giải quyết")
    assert label_similarity(nfd, "tiến độ  giải quyết") == 1.0


def _roman(n: int) -> str:
    """The usual subtractive spelling, written out here as the reference."""
    out = ""
    for value, numeral in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X")):
        out += numeral * (n // value)
        n %= value
    return out + ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][n]


@given(st.integers(min_value=1, max_value=399), st.sampled_from(["", ".", " "]))
def test_section_numerals_read_back(n: int, tail: str) -> None:
    assert roman_value(_roman(n) + tail) == n
    assert roman_value(_roman(n).lower()) == n


@pytest.mark.parametrize("text", ["", ".", "IIII", "VX", "IC", "A", "1", "V I"])
def test_not_section_numerals(text: str) -> None:
    assert roman_value(text) is None
