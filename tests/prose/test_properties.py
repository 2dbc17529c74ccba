"""Generated statements: consistent figures give no error in any wording; a slip of more
than twice the printed precision is found, as one error on the statement. Localisation may
name another figure of it when a typed slip there explains every relation (0 → 3)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dvc_validate.vn import format_number

from .conftest import errors

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rate(part: int, whole: int, d: int) -> float:
    exact = Decimal(100 * part) / Decimal(whole)
    return float(exact.quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP))


def _n(v: float, d: int = 0) -> str:
    return format_number(v, d)


SHARE_WORDINGS = [
    "Cấp huyện tiếp nhận {w} hồ sơ, với {p} hồ sơ trực tuyến (đạt tỷ lệ {r}%).",
    "Đã giải quyết {w} hồ sơ; trong đó, số hồ sơ giải quyết đúng và trước hạn có {p} hồ sơ, "
    "chiếm tỷ lệ {r}%.",
    "Toàn tỉnh tiếp nhận {w} hồ sơ. Có {p} hồ sơ nộp trực tuyến. Tỷ lệ hồ sơ trực tuyến đạt {r}%.",
]


@st.composite
def shares(draw: st.DrawFn) -> tuple[str, int, int, int, int, float]:
    whole = draw(st.integers(1, 2_000_000))
    part = draw(st.integers(0, whole))
    d = draw(st.integers(0, 2))
    wording = draw(st.sampled_from(SHARE_WORDINGS))
    return wording, whole, part, d, draw(st.integers(3, 40)), _rate(part, whole, d)


@SETTINGS
@given(shares())
def test_consistent_shares_give_no_error(case: tuple[str, int, int, int, int, float]) -> None:
    wording, whole, part, d, _, rate = case
    assert errors(wording.format(w=_n(whole), p=_n(part), r=_n(rate, d))) == []


@SETTINGS
@given(shares(), st.booleans())
def test_a_slipped_share_is_found(case: tuple[str, int, int, int, int, float], down: bool) -> None:
    """Found as one error on the statement: at the rate, or at a count when one count,
    retyped, explains the rate as well (0 of 11 printed 9%: 1 of 11 is 9,09%)."""
    wording, whole, part, d, k, rate = case
    slipped = rate + (-k if down else k) * 10.0**-d
    if not 0 <= slipped <= 100:
        slipped = rate - (k if slipped > 100 else -k) * 10.0**-d
    raw = _n(slipped, d) + "%"
    found = errors(wording.format(w=_n(whole), p=_n(part), r=raw[:-1]))
    assert len(found) == 1
    assert found[0][0] in ("ST001", "ST004")
    assert found[0][4] in (raw, _n(part), _n(whole))


PARTS_WORDINGS = [
    ("Đã giải quyết {w} hồ sơ, trong đó trước hạn {a}, đúng hạn {b}, quá hạn {c}.", 3),
    ("Đã giải quyết {w} hồ sơ, gồm {a} hồ sơ đúng và trước hạn và {b} hồ sơ quá hạn.", 2),
    ("Còn {w} hồ sơ đang giải quyết, có {a} hồ sơ chưa đến hạn và {b} hồ sơ đã quá hạn.", 2),
    ("Tổng số hồ sơ tiếp nhận: {w} hồ sơ (trực tuyến: {a} hồ sơ; trực tiếp: {b} hồ sơ).", 2),
]


@st.composite
def parts(draw: st.DrawFn) -> tuple[str, list[int]]:
    wording, n = draw(st.sampled_from(PARTS_WORDINGS))
    return wording, draw(st.lists(st.integers(0, 500_000), min_size=n, max_size=n))


def _parts_text(wording: str, values: list[int], whole: int) -> str:
    names = dict(zip("abc", (_n(v) for v in values), strict=False))
    return wording.format(w=_n(whole), **names)


@SETTINGS
@given(parts())
def test_parts_that_add_up_give_no_error(case: tuple[str, list[int]]) -> None:
    wording, values = case
    assert errors(_parts_text(wording, values, sum(values))) == []


@SETTINGS
@given(parts(), st.integers(3, 5000))
def test_parts_with_a_slip_are_found(case: tuple[str, list[int]], k: int) -> None:
    wording, values = case
    whole = sum(values) + k
    rows = errors(_parts_text(wording, values, whole))
    assert [r[0] for r in rows] == ["ST002"]
    assert rows[0][4] in {_n(v) for v in [whole, *values]}


LEVELS = (
    "Toàn tỉnh tiếp nhận {w} hồ sơ. Cấp tỉnh tiếp nhận {t} hồ sơ; cấp huyện tiếp nhận {h} "
    "hồ sơ; cấp xã tiếp nhận {x} hồ sơ."
)


@SETTINGS
@given(st.lists(st.integers(0, 900_000), min_size=3, max_size=3), st.integers(-5000, 5000))
def test_levels_add_up_or_the_slip_is_found(levels: list[int], k: int) -> None:
    t, h, x = (_n(v) for v in levels)
    whole = sum(levels) + k
    rows = errors(LEVELS.format(w=_n(whole), t=t, h=h, x=x))
    if abs(k) > 2 and whole >= 0:
        assert [r[0] for r in rows] == ["ST003"]
        assert rows[0][4] in {_n(v) for v in [whole, *levels]}
    elif k == 0:
        assert rows == []


@SETTINGS
@given(
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.integers(1, 2),
    st.sampled_from(["điểm %", "điểm phần trăm"]),
    st.integers(-40, 40),
)
def test_rate_changes_hold_or_the_slip_is_found(
    old_i: int, new_i: int, d: int, unit: str, k: int
) -> None:
    old, new = old_i / 100, new_i / 100
    old, new = round(old, d), round(new, d)
    change = new - old
    slipped = abs(change) + k * 10.0**-d
    if slipped < 0:
        return
    trend = "tăng" if change >= 0 else "giảm"
    raw = _n(slipped, d)
    text = (
        f"Tỷ lệ hồ sơ trực tuyến đạt {_n(new, d)}%, {trend} {raw} {unit} so với tháng trước "
        f"({_n(old, d)}%)."
    )
    rows = errors(text)
    if k == 0:
        assert rows == []
    elif abs(k) > 2 and change != 0:
        assert [r[0] for r in rows] == ["ST008"]
        assert rows[0][4] in (raw, f"{_n(new, d)}%", f"{_n(old, d)}%")


@SETTINGS
@given(st.integers(0, 1000), st.integers(0, 1000), st.integers(-30, 30))
def test_score_changes_hold_or_the_slip_is_found(old_i: int, new_i: int, k: int) -> None:
    old, new = old_i / 10, new_i / 10
    change = round(new - old, 1)
    slipped = abs(change) + k / 10
    if slipped < 0:
        return
    trend = "tăng" if change >= 0 else "giảm"
    raw = _n(slipped, 1)
    text = f"Tỉnh đạt {_n(new, 1)} điểm, {trend} {raw} điểm so với năm trước ({_n(old, 1)} điểm)."
    rows = errors(text)
    if k == 0:
        assert rows == []
    elif abs(k) > 2 and change != 0:
        assert [r[0] for r in rows] == ["ST008"]
        assert rows[0][4] in (raw, _n(new, 1), _n(old, 1))
