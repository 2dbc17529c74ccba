"""Vietnamese numbers, percentages, dates and labels: parse, format, compare.

Why one module: every reader, rule and fix must agree on what ``3.863``,
``70,63%`` or ``ngày/03/2024`` means. In Vietnamese ``.`` groups thousands and
``,`` is the decimal mark. Anything that does not follow that convention is
*kept and flagged*, never silently coerced, so a rule can report it.

The parsers keep the printed precision (number of decimals), because every
tolerance in the checks comes from it: ``95,6%`` stands for [95,55; 95,65).
"""

from __future__ import annotations

import calendar
import difflib
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

__all__ = [
    "NumberContext",
    "ParsedDate",
    "ParsedFraction",
    "ParsedNumber",
    "find_dates",
    "format_date",
    "format_number",
    "label_similarity",
    "last_day_of_month",
    "nfc",
    "normalize_label",
    "parse_fraction",
    "parse_number",
    "previous_month",
    "roman_value",
    "short_number",
    "strip_accents",
]

MINUS_SIGNS = "-\u2212\u2013\u2012"
_SIGN = "[+" + re.escape(MINUS_SIGNS) + "]"


class NumberContext(str, Enum):
    """What the surrounding column or sentence says the figure should be."""

    ANY = "any"
    COUNT = "count"
    PERCENT = "percent"
    CHANGE = "change"
    SCORE = "score"


# Flags a parsed number can carry. Rules decide what each one means.
FLAG_ENGLISH = "english-style"  # 1,234.5 or 1,234,567
FLAG_AMBIGUOUS = "ambiguous-separator"  # 855,589 in a count column
FLAG_DOT_DECIMAL = "dot-decimal"  # 12.75 (not a valid thousands group)
FLAG_UNGROUPED = "ungrouped"  # 2588 (4+ digits without grouping)
FLAG_SPACE_PERCENT = "space-before-percent"  # 4,26 %
FLAG_UNICODE_MINUS = "unicode-minus"  # −3,09%
FLAG_NO_PERCENT = "no-percent-sign"  # set by extraction: 0 in a rate column


@dataclass(frozen=True)
class ParsedNumber:
    """A number as printed: its value, printed decimals and how it was written."""

    raw: str
    value: float
    decimals: int
    percent: bool = False
    sign: str = ""  # "+", "-" or "" when no explicit sign was written
    grouped: bool = False
    flags: tuple[str, ...] = ()

    @property
    def half_unit(self) -> float:
        """Half a unit in the last printed place: the rounding tolerance."""
        return 0.5 * 10.0 ** (-self.decimals)


_NUM_BODY = (
    r"(?P<en_dec>\d{1,3}(?:,\d{3})+\.\d+)"
    r"|(?P<en_grp>\d{1,3}(?:,\d{3}){2,})"
    r"|(?P<vn_grp>\d{1,3}(?:\.\d{3})+(?:,\d+)?)"
    r"|(?P<nb_grp>\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:,\d+)?)"
    r"|(?P<vn_dec>\d+,\d+)"
    r"|(?P<dot_dec>\d+\.\d+)"
    r"|(?P<int>\d+)"
)
_NUMBER_RE = re.compile(
    rf"^(?P<sign>{_SIGN})?\s*(?:{_NUM_BODY})(?P<pct>\s*%)?$",
)


_NO_BREAK = "\u00a0\u202f\u2009"


def nfc(text: str) -> str:
    """Unicode NFC, so that decomposed (NFD) Vietnamese compares equal."""
    return unicodedata.normalize("NFC", text)


def parse_number(text: str, context: NumberContext = NumberContext.ANY) -> ParsedNumber | None:
    """Parse one printed number; ``None`` when ``text`` is not a single number.

    >>> parse_number("3.863").value
    3863.0
    >>> parse_number("70,63%").decimals
    2
    """
    raw = text
    s = nfc(text).strip()
    if not s or len(s) > 40:
        return None
    m = _NUMBER_RE.match(s)
    if m is None:
        return None
    flags: list[str] = []
    sign_raw = m.group("sign") or ""
    sign = ""
    if sign_raw == "+":
        sign = "+"
    elif sign_raw:
        sign = "-"
        if sign_raw != "-":
            flags.append(FLAG_UNICODE_MINUS)
    grouped = False
    decimals = 0
    if m.group("en_dec"):
        body = m.group("en_dec")
        flags.append(FLAG_ENGLISH)
        int_part, frac = body.replace(",", "").split(".")
        decimals = len(frac)
        value = float(f"{int_part}.{frac}")
        grouped = True
    elif m.group("en_grp"):
        body = m.group("en_grp")
        flags.append(FLAG_ENGLISH)
        value = float(body.replace(",", ""))
        grouped = True
    elif m.group("vn_grp"):
        body = m.group("vn_grp")
        grouped = True
        int_part, _, frac = body.partition(",")
        decimals = len(frac)
        value = float(int_part.replace(".", "") + ("." + frac if frac else ""))
    elif m.group("nb_grp"):  # "41 670" with no-break spaces, as Word's typesetting groups
        body = re.sub(r"[\u00a0\u202f\u2009]", "", m.group("nb_grp"))
        grouped = True
        int_part, _, frac = body.partition(",")
        decimals = len(frac)
        value = float(int_part + ("." + frac if frac else ""))
    elif m.group("vn_dec"):
        body = m.group("vn_dec")
        int_part, frac = body.split(",")
        decimals = len(frac)
        value = float(f"{int_part}.{frac}")
        if context == NumberContext.COUNT and len(frac) == 3:
            flags.append(FLAG_AMBIGUOUS)
        if len(int_part) >= 5 and context != NumberContext.COUNT:
            flags.append(FLAG_UNGROUPED)
    elif m.group("dot_dec"):
        body = m.group("dot_dec")
        flags.append(FLAG_DOT_DECIMAL)
        int_part, frac = body.split(".")
        decimals = len(frac)
        value = float(body)
    else:
        body = m.group("int")
        value = float(body)
        if len(body.lstrip("0")) >= 4:
            flags.append(FLAG_UNGROUPED)
    pct = m.group("pct")
    if pct and pct[0].isspace() and pct[0] not in _NO_BREAK:
        # an ordinary space may break the line before "%"; a no-break one is typesetting
        flags.append(FLAG_SPACE_PERCENT)
    if sign == "-":
        value = -value
    return ParsedNumber(
        raw=raw,
        value=value,
        decimals=decimals,
        percent=bool(pct),
        sign=sign,
        grouped=grouped,
        flags=tuple(flags),
    )


@dataclass(frozen=True)
class ParsedFraction:
    """``a/b``: a share (``1764/1764``), a score (``11,8/18``) or a rank (``08/23``)."""

    raw: str
    numerator: ParsedNumber
    denominator: ParsedNumber


_FRACTION_RE = re.compile(r"^\s*([+\d][\d.,]*)\s*/\s*(\d[\d.,]*)\s*$")


def parse_fraction(text: str) -> ParsedFraction | None:
    """Parse ``a/b`` with Vietnamese numbers on both sides; dates are not fractions."""
    m = _FRACTION_RE.match(nfc(text))
    if m is None:
        return None
    num = parse_number(m.group(1))
    den = parse_number(m.group(2))
    if num is None or den is None:
        return None
    return ParsedFraction(raw=text, numerator=num, denominator=den)


def format_number(
    value: float,
    decimals: int = 0,
    *,
    percent: bool = False,
    plus: bool = False,
    grouped: bool = True,
) -> str:
    """Write ``value`` the Vietnamese way: ``1.234,5``; ``+5,45%`` with ``plus``.

    The inverse of :func:`parse_number` for value and precision.
    """
    rounded = round(value, decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    sign = "-" if rounded < 0 else ("+" if plus and rounded > 0 else "")
    text = f"{abs(rounded):.{decimals}f}"
    int_part, _, frac = text.partition(".")
    if grouped and len(int_part) > 3:
        groups: list[str] = []
        while len(int_part) > 3:
            groups.insert(0, int_part[-3:])
            int_part = int_part[:-3]
        int_part = ".".join([int_part, *groups])
    body = int_part + ("," + frac if frac else "")
    return f"{sign}{body}{'%' if percent else ''}"


def short_number(value: float, decimals: int = 2, *, percent: bool = False) -> str:
    """A number for a message: Vietnamese style, trailing zeros dropped (``4,5``, ``100%``)."""
    text = format_number(value, decimals, percent=percent)
    if "," in text:
        text = text.rstrip("%").rstrip("0").rstrip(",") + ("%" if percent else "")
    return text


# ------------------------------------------------------------------- roman numerals

#: A roman numeral up to CCCXCIX, with an optional closing dot ("IV."): the sections
#: of an appendix are numbered this way.
ROMAN_RE = re.compile(r"^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})\.?$")
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(s: str) -> int | None:
    """The value of a section number ("IV", "vi.", " II "), ``None`` if it is not one.

    Here rather than in extract/, because extraction reads section numbers and a rule
    checks their sequence: both must agree on what a numeral is worth.
    """
    s = s.strip().rstrip(".").upper()
    if not s or not ROMAN_RE.match(s):
        return None
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN_DIGITS[ch]
        total += -v if i + 1 < len(s) and _ROMAN_DIGITS[s[i + 1]] > v else v
    return total


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class ParsedDate:
    """A date found in text. Parts left blank by the writer are ``None``.

    ``placeholder`` is true when the writer left a part blank (``ngày tháng 3
    năm 2024``); ``valid`` is false when all parts are there but the date does
    not exist (``30/02/2024``). Both are kept so a rule can say which.
    """

    raw: str
    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None
    style: str  # "numeric", "written", "month"
    day_text: str | None = None
    month_text: str | None = None
    flags: tuple[str, ...] = field(default=())

    @property
    def placeholder(self) -> bool:
        return self.style != "month" and self.day is None

    @property
    def valid(self) -> bool:
        if self.month is None or self.year is None or not 1 <= self.month <= 12:
            return False
        if self.day is None:
            return self.style == "month"
        return 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]

    def as_date(self) -> date | None:
        if self.valid and self.day is not None and self.month and self.year:
            return date(self.year, self.month, self.day)
        return None

    @property
    def period(self) -> tuple[int, int] | None:
        """``(year, month)`` when both are known and the month is real."""
        if self.month is not None and self.year is not None and 1 <= self.month <= 12:
            return (self.year, self.month)
        return None


_D = r"(\d{1,2})"
_Y = r"(\d{4})"
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # ngày 29 tháng 02 năm 2024 / ngày tháng 3 năm 2024 (blank day)
    (
        "written",
        re.compile(
            rf"ngày\s*(\d{{1,2}})?[\s.…_]*tháng\s*{_D}\s*năm\s*{_Y}",
            re.IGNORECASE,
        ),
    ),
    # ngày/03/2024, ngày …/3/2024 (blank day in numeric form)
    ("numeric-blank", re.compile(rf"ngày\s*[.…_]*\s*/\s*{_D}\s*/\s*{_Y}", re.IGNORECASE)),
    # 29/02/2024, 23/6/2022, 29-02-2024
    ("numeric", re.compile(rf"(?<![\d/]){_D}\s*([/.-])\s*{_D}\s*\2\s*{_Y}(?![\d/])")),
    # tháng 02 năm 2024, tháng 01/2024, tháng 02-2024
    ("month", re.compile(rf"tháng\s*{_D}\s*(?:năm\s*|[/-]\s*){_Y}", re.IGNORECASE)),
]


def find_dates(text: str) -> list[ParsedDate]:
    """Every date, blank-day placeholder and month reference in ``text``, in order.

    Offsets refer to ``text`` as given (callers pass NFC text).
    """
    found: list[ParsedDate] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            if kind == "written":
                day_t, month_t, year_t = m.group(1), m.group(2), m.group(3)
                style = "written"
            elif kind == "numeric-blank":
                day_t, month_t, year_t = None, m.group(1), m.group(2)
                style = "numeric"
            elif kind == "numeric":
                day_t, month_t, year_t = m.group(1), m.group(3), m.group(4)
                style = "numeric"
            else:
                day_t, month_t, year_t = None, m.group(1), m.group(2)
                style = "month"
            found.append(
                ParsedDate(
                    raw=m.group(0),
                    start=m.start(),
                    end=m.end(),
                    day=int(day_t) if day_t else None,
                    month=int(month_t),
                    year=int(year_t),
                    style=style,
                    day_text=day_t,
                    month_text=month_t,
                )
            )
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found


def format_date(d: date, style: str = "numeric", *, pad: bool = True) -> str:
    """``29/02/2024`` or ``ngày 29 tháng 02 năm 2024`` (Nghị định 30/2020 padding)."""
    if style == "written":
        month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
        day = f"{d.day:02d}" if d.day < 10 else str(d.day)
        return f"ngày {day} tháng {month} năm {d.year}"
    if style == "month":
        return f"tháng {d.month:02d} năm {d.year}"
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if pad else f"{d.day}/{d.month}/{d.year}"


def last_day_of_month(year: int, month: int) -> date:
    """The comparison date of a monthly report: 29/02 in leap years, 31/12 for December."""
    return date(year, month, calendar.monthrange(year, month)[1])


def previous_month(year: int, month: int) -> tuple[int, int]:
    """January's previous month is December of the year before."""
    return (year - 1, 12) if month == 1 else (year, month - 1)


# -------------------------------------------------------------------------- labels

_PUNCT_RE = re.compile(r"[^\w\s%]", re.UNICODE)
_SPACE_RE = re.compile(r"\s+")
_PAREN_RE = re.compile(r"\([^()]*\)")


def strip_accents(text: str) -> str:
    """Drop Vietnamese diacritics (and đ→d) for forgiving label matching."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def normalize_label(text: str, *, accents: bool = True) -> str:
    """Lower-case, NFC, punctuation dropped, spaces folded: labels compare tolerantly."""
    s = nfc(text).lower()
    s = _PUNCT_RE.sub(" ", s)
    s = _SPACE_RE.sub(" ", s).strip()
    return s if accents else strip_accents(s)


@functools.lru_cache(maxsize=4096)
def _label_key(text: str) -> str:
    """The comparison form of a label; cached because the catalogue's labels are
    compared with every row of every table."""
    # "(Chi tiết tại Phụ lục số III)" is not the label
    return normalize_label(_PAREN_RE.sub(" ", text), accents=False)


def label_similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """0..1 similarity of two labels, tolerant of case, spacing, accents and small edits.

    With ``at_least``, a pair that cannot reach it returns 0.0 after difflib's cheap
    upper bounds, without the quadratic comparison: matching a table of many rows
    against the catalogue then stays fast (hostile inputs have 100,000 rows).
    """
    na, nb = _label_key(a), _label_key(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    if at_least > 0:
        # difflib's real_quick_ratio and quick_ratio, without building its index of b
        size = len(na) + len(nb)
        if 2 * min(len(na), len(nb)) < at_least * size:
            return 0.0
        if 2 * sum((_char_counts(na) & _char_counts(nb)).values()) < at_least * size:
            return 0.0
    return difflib.SequenceMatcher(None, na, nb, autojunk=False).ratio()


@functools.lru_cache(maxsize=4096)
def _char_counts(key: str) -> Counter[str]:
    return Counter(key)
