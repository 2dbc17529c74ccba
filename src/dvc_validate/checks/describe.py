"""Human descriptions of relations, in Vietnamese or English, with their numbers."""

from __future__ import annotations

from ..model.figure import Figure
from ..vn import short_number as fmt
from .relations import Relation

__all__ = ["describe_relation", "fmt"]


def _v(f: Figure) -> float:
    return f.value or 0.0


def _describe_statement_sum(r: Relation, vi: bool) -> str:
    """Parts stated in sentences, with the sum a reader would compute: ``a + b = s ≠ w``."""
    whole, *parts = r.figs
    total = fmt(sum(_v(x) for x in parts), 0)
    terms = " + ".join(p.raw for p in parts)
    if r.code == "ST003":
        return (
            f"các cấp cộng lại {terms} = {total}, khác số toàn tỉnh {whole.raw}"
            if vi
            else f"the levels add up to {terms} = {total}, not the province's {whole.raw}"
        )
    return (
        f"các phần cộng lại {terms} = {total}, khác tổng số {whole.raw}"
        if vi
        else f"the parts add up to {terms} = {total}, not the whole {whole.raw}"
    )


def describe_relation(r: Relation, lang: str) -> str:
    vi = lang != "en"
    if r.kind == "count-sum" and r.code.startswith("ST"):
        return _describe_statement_sum(r, vi)
    f = r.figs
    if r.kind == "range":
        lo, hi = r.target.lo, r.target.hi
        if r.code in ("SC001", "ST011"):
            return (
                f"điểm phải trong khoảng 0–{fmt(hi)}"
                if vi
                else f"a score must lie within 0–{fmt(hi)}"
            )
        if r.code in ("SC002", "ST012"):
            return (
                f"thứ hạng phải trong khoảng 1–{fmt(hi, 0)}"
                if vi
                else f"a rank must lie within 1–{fmt(hi, 0)}"
            )
        rng = f"{fmt(lo, 0)}–{fmt(hi, 0)}%"
        return f"giá trị phải nằm trong {rng}" if vi else f"the value must lie within {rng}"
    if r.kind == "ratio":
        num = _v(f[r.numerator])
        den = r.denominator if r.denominator is not None else sum(_v(x) for x in r.den_figs())
        calc = fmt(100 * num / den, 2, percent=True) if den else "?"
        nums = f"{fmt(num, 0)}/{fmt(den, 0)} = {calc}"
        return (
            f"tỷ lệ phải bằng số lượng chia tổng số ({nums})"
            if vi
            else f"the rate must equal count/total ({nums})"
        )
    if r.kind == "sum":
        total = fmt(sum(_v(x) for x in f), 2, percent=True)
        return (
            f"các phần của một tổng phải cộng lại bằng 100% (đang là {total})"
            if vi
            else f"the parts of one whole must add up to 100% (they add up to {total})"
        )
    if r.kind == "count-sum":
        return (
            "số lượng các phần phải cộng lại bằng tổng số"
            if vi
            else "the parts' counts must add up to the whole"
        )
    if r.kind == "change":
        _change, new, old = f
        calc = fmt(_v(new) - _v(old), max(new.decimals, old.decimals), percent=new.percent)
        nums = f"{new.raw} − {old.raw} = {calc}"
        return (
            f"mức tăng/giảm phải bằng số mới trừ số cũ ({nums})"
            if vi
            else f"the change must equal new − old ({nums})"
        )
    if r.kind == "equal":
        b, a = f
        return (
            f"cùng một số liệu được ghi khác nhau: {b.raw} và {a.raw}"
            if vi
            else f"the same figure is written differently: {b.raw} and {a.raw}"
        )
    if r.kind == "axis-sum":
        s = fmt(sum(_v(x) for x in f[:-1]), 2)
        return (
            f"tổng điểm các trục ({s}) phải bằng điểm tổng hợp ({f[-1].raw})"
            if vi
            else f"the axis scores ({s}) must add up to the total ({f[-1].raw})"
        )
    if r.kind == "axis-change-sum":
        s = fmt(sum(_v(x) for x in f[:-1]), 2)
        return (
            f"tổng mức thay đổi điểm các trục ({s}) phải bằng mức thay đổi điểm tổng hợp ({f[-1].raw})"
            if vi
            else f"the axis changes ({s}) must add up to the total's change ({f[-1].raw})"
        )
    if r.kind == "summary-change":
        new, old, chg = f
        calc = fmt(_v(new) - _v(old), 2)
        return (
            f"điểm mới trừ điểm cũ ({new.raw} − {old.raw} = {calc}) phải bằng mức tăng/giảm {chg.raw}"
            if vi
            else f"new minus old ({new.raw} − {old.raw} = {calc}) must equal the change {chg.raw}"
        )
    if r.kind == "previous-change":
        now, before = f[0], f[1]
        stated = f[2].raw if len(f) > 2 else "0"
        calc = fmt(_v(now) - _v(before), max(now.decimals, before.decimals))
        return (
            f"điểm tháng này trừ điểm tháng trước ({now.raw} − {before.raw} = {calc}) phải bằng mức tăng/giảm {stated}"
            if vi
            else f"the score minus last month's ({now.raw} − {before.raw} = {calc}) must equal the change {stated}"
        )
    if r.kind == "previous-axis-sum":
        s = fmt(sum(_v(x) for x in f[:-1]), 2)
        return (
            f"tổng điểm các trục tháng trước ({s}) phải bằng điểm tổng hợp tháng trước ({f[-1].raw})"
            if vi
            else f"last month's axis scores ({s}) must add up to last month's total ({f[-1].raw})"
        )
    if r.kind == "rank-change":
        old, new, chg = f
        return (
            f"hạng cũ trừ hạng mới ({old.raw} − {new.raw}) phải bằng số bậc thay đổi {chg.raw}"
            if vi
            else f"old rank minus new rank ({old.raw} − {new.raw}) must equal the rank change {chg.raw}"
        )
    return r.kind
