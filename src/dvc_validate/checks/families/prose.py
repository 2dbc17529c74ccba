"""Rules on the statements of running text: shares, parts, levels, changes, grades.

The arithmetic ones report what localisation assigned to their codes (the
relations are the pack's, over the statements' scopes), so one typed figure gives one
finding. The others are about how a figure is written: cut off instead of
rounded, printed with less precision than its partner, a change in points
written as percent, decimal points beside decimal commas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ...engine import rule
from ...model.figure import Figure
from ...model.finding import Applicability, Finding, Severity
from ...model.prose import GroupRank, ProseFacts
from ...model.report import Report
from ...pack.prose import builtin_vocabulary
from ...vn import FLAG_DOT_DECIMAL, format_number
from ..prose_relations import change_readings, truncated_value
from ..runner import RuleContext
from ._shared import relation_findings

_MSG_VI = "{subject}: {found} sai — {relation}; {hint}"
_MSG_EN = "{subject}: {found} is wrong — {relation}; {hint}"
_REL_VI = "{subject}: {relation}. {hint}"
_REL_EN = "{subject}: {relation}. {hint}"


def _facts(report: Report) -> ProseFacts:
    return report.prose or ProseFacts()


@rule(
    code="ST001",
    name="share-mismatch",
    title_vi="Tỷ lệ trong câu không khớp số lượng",
    title_en="Rate in a sentence does not match its counts",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("ratio",),
)
def share_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A rate stated after a count ("2.521 hồ sơ trực tuyến (đạt tỷ lệ 37,76%)") is that
    count over the whole it is part of (6.776 received), within the printed precision.

    ## Why
    Counts come from the system; the rate is computed and retyped. 2.521/6.776 is
    37,20%: the counts close with the other levels, so the rate is the slip.
    """
    yield from relation_findings(report, ctx)


@rule(
    code="ST002",
    name="parts-do-not-add-up",
    title_vi="Các phần trong câu không cộng lại bằng tổng",
    title_en="Parts stated in a sentence do not add up to the whole",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("count-sum",),
)
def parts_do_not_add_up(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """When a whole and a complete set of its parts are stated ("đã giải quyết 17.651 hồ
    sơ, trong đó trước hạn 13.767, đúng hạn 3.254, quá hạn 634"), the parts add up to it.
    The sets of parts that make a whole are data (``partitions`` in ``rules/prose.yaml``).

    ## Why
    A whole that its own parts contradict cannot be published: one of them was retyped.
    """
    yield from relation_findings(report, ctx)


@rule(
    code="ST003",
    name="levels-do-not-add-up",
    title_vi="Số liệu các cấp không cộng lại bằng toàn tỉnh",
    title_en="The levels' figures do not add up to the province's",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("count-sum",),
)
def levels_do_not_add_up(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The province's figure of a measure is the sum of its levels' figures (cấp tỉnh +
    cấp huyện + cấp xã) when the text states all of them, each once.

    ## Why
    635.593 files on time for the province against 51.072 + 323.911 + 260.612 = 635.595
    for the levels, while 635.595 + 7.677 is also the 643.272 resolved: one figure,
    retyped, explains both gaps.
    """
    yield from relation_findings(report, ctx)


@rule(
    code="ST004",
    name="share-out-of-range",
    title_vi="Tỷ lệ trong câu nằm ngoài 0–100%",
    title_en="Share in a sentence outside 0–100%",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("range",),
)
def share_out_of_range(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A share of a whole lies between 0 and 100%. Comparisons ("bằng 205,6% số hồ sơ
    của quý I năm 2022") are not shares and are not held to this."""
    yield from relation_findings(report, ctx)


@rule(
    code="ST005",
    name="rate-truncated",
    title_vi="Tỷ lệ bị cắt bớt thay vì làm tròn",
    title_en="Rate cut off instead of rounded",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    message_vi="{subject}: {found} là {exact} bị cắt bớt; làm tròn là {expected}",
    message_en="{subject}: {found} is {exact} cut off; rounded it is {expected}",
)
def rate_truncated(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """3.399/26.030 = 13,058…% printed 13,05%: the digits were cut, not rounded. The
    figures agree, so this is a warning naming the rounded value, never an error.

    ## Why
    Spreadsheets that format with a fixed number of digits but a FLOOR or a TRUNC
    formula print this; readers who recompute see a rate that does not match.
    """
    for s in _facts(report).shares:
        value = truncated_value(s)
        if value is None or s.part.value is None or not s.whole.value:
            continue
        exact = 100.0 * s.part.value / s.whole.value
        yield ctx.finding(
            s.rate,
            expected=s.rate.render(value),
            subject=s.rate.role or s.measure,
            exact=format_number(exact, s.rate.decimals + 3, percent=True),
        )


@rule(
    code="ST006",
    name="pair-precision-mismatch",
    title_vi="Hai tỷ lệ bổ sung in khác độ chính xác",
    title_en="Complementary rates printed with different precision",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    message_vi="{subject}: {found} và {partner} không cộng lại bằng 100%; viết {expected} "
    "cùng độ chính xác với {partner}",
    message_en="{subject}: {found} and {partner} do not add up to 100%; write {expected} "
    "with the precision of {partner}",
)
def pair_precision_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Two shares that make a whole (on time and late) add up to 100%. When one is printed
    with fewer digits (98,28% and 1,7%) the pair no longer does, although each is
    correctly rounded: the coarser one is written with the finer one's precision.

    ## Why
    A reader adds the two and finds 99,98%: the text looks wrong although no figure is.
    """
    facts = _facts(report)
    rate_of = {id(s.part): s.rate for s in facts.shares}
    for p in facts.parts:
        rates = [rate_of.get(id(f)) for f in p.parts]
        if len(rates) != 2 or any(r is None or r.value is None for r in rates):
            continue
        a, b = (r for r in rates if r is not None)
        if a.decimals == b.decimals:
            continue
        fine, coarse = (a, b) if a.decimals > b.decimals else (b, a)
        assert fine.value is not None and coarse.value is not None
        d = fine.decimals
        if round(fine.value + coarse.value, d) == 100.0:
            continue
        want = 100.0 - fine.value
        if not coarse.interval.contains(want):
            continue  # not a matter of precision: the share rules say what is wrong
        yield ctx.finding(
            coarse,
            expected=coarse.render(want, decimals=d),
            related=[fine],
            subject=coarse.role or p.measure,
            partner=fine.raw,
        )


@rule(
    code="ST007",
    name="points-written-as-percent",
    title_vi="Mức thay đổi tính bằng điểm phần trăm nhưng viết là %",
    title_en="A change in percentage points written as percent",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    message_vi="{found} giữa {old} và {new} là điểm phần trăm, không phải phần trăm; viết {expected}",
    message_en="{found} between {old} and {new} is percentage points, not percent; "
    "write {expected}",
)
def points_written_as_percent(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """ "tăng 2,58%" between 80,08% and 82,66% is 2,58 percentage points; as a relative
    change it would be 3,22%. When only the points reading fits, the unit is wrong.

    ## Why
    Readers take "%" as relative: "tăng 2,58%" understates a rise of 3,22%.
    """
    for ch in _facts(report).changes:
        if ch.points:
            continue
        points, relative = change_readings(ch)
        if points and not relative:
            body = ch.change.raw.rstrip("% ").rstrip()
            yield ctx.finding(
                ch.change,
                expected=f"{body} điểm %",
                related=[ch.new, ch.old],
                old=ch.old.raw,
                new=ch.new.raw,
            )


@rule(
    code="ST008",
    name="sentence-change-mismatch",
    title_vi="Mức tăng/giảm trong câu không khớp hai số liệu",
    title_en="Change in a sentence does not match its two figures",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("change",),
)
def sentence_change_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """ "82,8 điểm, tăng 1,9 điểm so với năm 2022 (80,9 điểm)": the change is the new figure
    less the old one. A change written with "%" between two rates may also be relative;
    it is an error only when neither reading fits.
    """
    yield from relation_findings(report, ctx)


@rule(
    code="ST009",
    name="grade-mismatch",
    title_vi="Xếp loại không khớp điểm",
    title_en="Grade does not match the score",
    severity=Severity.ERROR,
    message_vi='{found} điểm không thuộc loại "{grade}" ({low}–dưới {high} điểm)',
    message_en='{found} points is not grade "{grade}" ({low} to under {high} points)',
)
def grade_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A grade word ("xếp loại tốt") names a band of the total score, as the vocabulary
    defines them (``grades`` in ``rules/prose.yaml``); the score must lie in it, within
    its printed precision."""
    for g in _facts(report).grades:
        iv = g.score.interval
        if iv.hi < g.low or iv.lo >= g.high:
            yield ctx.finding(
                g.score,
                grade=g.word,
                low=g.low,
                high=min(g.high, 100.0) if g.high <= 100 else 100.0,
            )


def _dot(f: Figure) -> bool:
    return FLAG_DOT_DECIMAL in f.flags


@rule(
    code="NF010",
    name="mixed-decimal-marks",
    title_vi="Văn bản dùng lẫn dấu thập phân chấm và phẩy",
    title_en="Decimal points and decimal commas mixed in one text",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    message_vi="{found} viết dấu thập phân bằng dấu chấm trong khi văn bản dùng dấu phẩy "
    "({count} số); viết {expected}",
    message_en="{found} uses a decimal point while the text uses decimal commas ({count} "
    "figures); write {expected}",
)
def mixed_decimal_marks(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """ "80,1 điểm" and "bình quân cả nước 75.5 điểm" in one text: a score or a rate cannot
    be a thousands group, so "75.5" is read as 75,5 and checked. Reported once per
    document, at the first figure of the minority style, with the count of the others.

    ## Why
    Pages copied from English-language tools keep the point; in Vietnamese "75.500" is
    seventy-five thousand, so one text must use one mark.
    """
    figs = _facts(report).decimals
    dots = [f for f in figs if _dot(f)]
    commas = [f for f in figs if not _dot(f)]
    if not dots or not commas:
        return
    first = dots[0]
    assert first.value is not None
    yield ctx.finding(
        first,
        expected=first.render(first.value),
        related=dots[1:],
        count=len(dots),
    )


@rule(
    code="ST010",
    name="prose-axis-sum-mismatch",
    title_vi="Tổng điểm các trục trong bài khác điểm tổng",
    title_en="Axis scores in the text do not add up to the total",
    severity=Severity.ERROR,
    message_vi=_REL_VI,
    message_en=_REL_EN,
    relations=("axis-sum",),
)
def prose_axis_sum_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """When a text gives every axis "13,6/18 điểm" (their maxima make the total's 100) and
    the total, the axis scores add up to it, within printed precision. Five axes of the
    index's older versions count as all when their maxima make 100."""
    yield from relation_findings(report, ctx)


@rule(
    code="ST011",
    name="prose-score-over-maximum",
    title_vi="Điểm trong bài vượt quá điểm tối đa",
    title_en="Score in the text above its maximum",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("range",),
)
def prose_score_over_maximum(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A score "a/b điểm" lies between 0 and b ("13.2/18" is read as 13,2 out of 18)."""
    yield from relation_findings(report, ctx)


@rule(
    code="ST012",
    name="prose-rank-out-of-range",
    title_vi="Thứ hạng trong bài ngoài 1..N",
    title_en="Rank in the text outside 1..N",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("range",),
)
def prose_rank_out_of_range(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """ "xếp thứ 13/63 tỉnh, thành phố": a rank among N units lies within 1..N."""
    yield from relation_findings(report, ctx)


@rule(
    code="ST013",
    name="axis-maximum-differs",
    title_vi="Điểm tối đa của trục khác bộ chỉ số",
    title_en="Axis maximum differs from the index",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    message_vi="{axis}: điểm tối đa ghi {found_max}, bộ chỉ số quy định {expected}",
    message_en="{axis}: maximum written {found_max}, the index sets {expected}",
)
def axis_maximum_differs(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """When a text gives all six axes, each is out of the maximum the pack sets (Công
    khai, minh bạch /18, Tiến độ /20, …); "13,6/20" for the first is a typing slip or
    another version of the index."""
    facts = _facts(report)
    if len(facts.axes) != len(ctx.pack.axes):
        return
    for a in facts.axes:
        if a.score.denominator is not None and a.score.denominator != a.maximum:
            yield ctx.finding(
                a.score,
                expected=format_number(a.maximum, 0),
                axis=a.key,
                found_max=a.score.denominator_raw or "",
            )


@rule(
    code="ST014",
    name="count-not-read",
    title_vi="Số lượng hồ sơ không đọc được chắc chắn",
    title_en="Count of files that could not be read with certainty",
    severity=Severity.INFO,
    message_vi="{subject}: {found} không phải số nguyên, nên không được đối chiếu; "
    "kiểm tra dấu phân cách",
    message_en="{subject}: {found} is not a whole number, so it is not checked; "
    "check the separator",
)
def count_not_read(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A count of files with a decimal comma ("1,234 hồ sơ") may be 1.234 written the
    English way, or a slip. The tool does not guess: it says the figure was not checked,
    and checks the rest of the text.

    ## Why
    A reading the tool is unsure of never gives an error; it is reported so that the
    reader knows what was left out.
    """
    for f in _facts(report).unread:
        yield ctx.finding(f, subject=f.role or "")


@rule(
    code="ST015",
    name="prose-rank-change-mismatch",
    title_vi="Số bậc tăng/giảm trong bài không khớp hai thứ hạng",
    title_en="Rank change in the text does not match the two ranks",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("rank-change",),
)
def prose_rank_change_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """ "xếp thứ 13/63, tăng 10 bậc so với năm 2022 (23/63)": from 23rd to 13th is a rise of
    10 places; the old rank less the new one is the rise."""
    yield from relation_findings(report, ctx)


Months = tuple[tuple[int, int], tuple[int, int]]


def _months_of(g: GroupRank, report: Report) -> Months | None:
    """The months the rank may be of: those its sentence names as its own, else the text's
    period widened by the months named around the rank; unknown without it."""
    if not g.with_text:
        return g.period
    p = report.period
    if p is None:
        return None
    month = (p.year, p.month)
    if g.period is None:
        return month, month
    return min(g.period[0], month), max(g.period[1], month)


def _span(months: Months) -> tuple[dt.date, dt.date]:
    """``[first day, day after the last)`` of the months."""
    (y0, m0), (y1, m1) = months
    return dt.date(y0, m0, 1), dt.date(y1 + m1 // 12, m1 % 12 + 1, 1)


def _show_months(months: Months) -> str:
    (y0, m0), (y1, m1) = months
    if (m0, m1) == (1, 12):
        return str(y0) if y0 == y1 else f"{y0}–{y1}"
    first, last = f"{m0:02d}/{y0}", f"{m1:02d}/{y1}"
    return first if first == last else f"{first}–{last}"


@rule(
    code="ST016",
    name="prose-rank-count-mismatch",
    title_vi="Số đơn vị xếp hạng trong bài khác số tỉnh, thành phố của kỳ",
    title_en="A rank's number of units differs from the number of provinces of the period",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi="{rank}/{found} {words}: kỳ {period} có {expected} {words}, không phải {found}",
    message_en="«{rank}/{found} {words}»: the period {period} has {expected} provinces, "
    "not {found}",
)
def prose_rank_count_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """ "xếp thứ 13/63 tỉnh, thành phố": N is the number of provinces of the rank's period,
    63 before 1/7/2025 and 34 from then on (``unit_groups`` in ``rules/prose.yaml``). The
    period is the one the rank's sentence names, else the text's, widened by the periods
    named around the rank (compared with, or in other sentences of the paragraph); a
    period unknown or across the change, or words that do not plainly name all the
    provinces ("2/5 tỉnh khu vực Tây Nguyên", "3/10 huyện"), give nothing.

    ## Why
    After the merger of provinces a text copied from last year's keeps "/63"; before it,
    a typing slip gives "/36". Either way the reader is told the wrong field of
    comparison, and the rank itself may be out of it. No rule of the template's rank
    ("08/23 xã, thị trấn") says this, so a rank its sentence reader also holds is
    checked here too.
    """
    ranks = _facts(report).group_ranks
    if not ranks:  # a template report has none: do not parse the vocabulary for it
        return
    groups = builtin_vocabulary().unit_groups
    for g in ranks:
        months = _months_of(g, report)
        n = g.rank.denominator
        if months is None or n is None or g.group not in groups:
            continue
        count = groups[g.group].count_for(*_span(months))
        if count is None or count == n:
            continue
        yield ctx.finding(
            g.rank,
            found=g.rank.denominator_raw or format_number(n, 0),
            expected=str(count),
            rank=g.rank.raw,
            words=g.words,
            period=_show_months(months),
        )
