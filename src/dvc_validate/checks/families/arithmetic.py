"""Arithmetic and range rules. Each reports the root causes that localisation
assigned to it, so one typed figure gives one finding, not five.

The relations themselves are the pack's (``relations:`` in ``rules/qd766.yaml``), each
naming the code that reports it; each rule here declares the relation kinds it reports
and words their findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...engine import rule
from ...model.finding import Applicability, Finding, Severity
from ...model.report import Report
from ..runner import RuleContext
from ._shared import relation_findings

_MSG_VI = "{subject}: {found} sai — {relation}; {hint}"
_MSG_EN = "{subject}: {found} is wrong — {relation}; {hint}"
_REL_VI = "{subject}: {relation}. {hint}"
_REL_EN = "{subject}: {relation}. {hint}"


@rule(
    code="PC001",
    name="percent-out-of-range",
    title_vi="Tỷ lệ nằm ngoài 0–100%",
    title_en="Percentage outside 0–100%",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("range",),
    table_message_vi="{where}: tỷ lệ {found} nằm ngoài khoảng 0–100%",
    table_message_en="{where}: rate {found} is outside 0–100%",
)
def percent_out_of_range(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A rate is a share of a whole, so it lies between 0 and 100%; a change of a rate
    between −100 and +100 points.

    ## Why
    "1000%" for 100% and "-525%" for -5,25% are the commonest slips when a clerk
    retypes portal figures: a digit too many, a decimal mark lost.
    """
    yield from relation_findings(report, ctx)


@rule(
    code="PC003",
    name="rate-mismatch",
    title_vi="Tỷ lệ không khớp số lượng",
    title_en="Rate does not match the counts",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("ratio",),
    table_message_vi="{where}: tỷ lệ {found} không khớp số lượng/tổng ({expected})",
    table_message_en="{where}: rate {found} does not match count/total ({expected})",
)
def rate_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A printed rate must equal its count divided by the whole (the sum of the parts'
    counts, or the denominator of ``a/b``), within the printed precision.

    ## Why
    Counts come straight from the portal; rates are computed and retyped, so a rate
    that disagrees with its counts is the figure to correct (3.863 of 5.454 is 70,83%).
    """
    yield from relation_findings(report, ctx)


@rule(
    code="PC004",
    name="parts-not-100",
    title_vi="Các phần không cộng lại bằng 100%",
    title_en="Parts do not add up to 100%",
    severity=Severity.ERROR,
    message_vi=_REL_VI,
    message_en=_REL_EN,
    relations=("sum",),
    table_message_vi="{where}: các phần cộng lại {found}, không phải {expected}",
    table_message_en="{where}: the parts add up to {found}, not {expected}",
)
def parts_not_100(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The rates of the parts of one whole (a/b pairs, 3.1–3.3, 2.1 + 2.2) add up to 100%.

    ## Why
    When no single figure explains the gap it is reported on the group, with the
    parts as related locations.
    """
    yield from relation_findings(report, ctx)


@rule(
    code="PC005",
    name="parts-count-mismatch",
    title_vi="Số lượng các phần không bằng tổng",
    title_en="Parts' counts do not add up to the whole",
    severity=Severity.ERROR,
    message_vi=_REL_VI,
    message_en=_REL_EN,
    relations=("count-sum",),
    table_message_vi="{where}: số lượng các phần cộng lại {found}, khác tổng số {expected}",
    table_message_en="{where}: the parts' counts add up to {found}, not the whole's {expected}",
)
def parts_count_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Where a group row states its own count, its parts' counts add up to it."""
    yield from relation_findings(report, ctx)


@rule(
    code="DL001",
    name="change-mismatch",
    title_vi="Mức tăng/giảm sai",
    title_en="Change does not equal new − old",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("change",),
    table_message_vi="{where}: mức tăng/giảm {found} khác hiệu số mới − cũ ({expected})",
    table_message_en="{where}: change {found} differs from new − old ({expected})",
)
def change_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A change equals the new figure minus the old one (points for rates), within the
    printed precision of all three.

    ## Why
    "-1,2%" between 13,9% and 9,8% should be "-4,1%": changes are typed by hand and
    rarely recomputed.
    """
    yield from relation_findings(report, ctx)


@rule(
    code="DL002",
    name="change-sign-wrong",
    title_vi="Sai dấu của mức tăng/giảm",
    title_en="Change has the wrong sign",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=(
        "change",
        "equal",
        "axis-change-sum",
        "previous-change",
        "rank-change",
        "summary-change",
    ),
    table_message_vi="{where}: mức tăng/giảm {found} sai dấu ({expected})",
    table_message_en="{where}: change {found} has the wrong sign ({expected})",
)
def change_sign_wrong(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The magnitude of the change is right but its sign is not: a rise written as a fall.

    ## Why
    98,63% → 100% is +1,37 points, not -1,37: a sign slip reverses the message of the row.
    """
    yield from relation_findings(report, ctx)


@rule(
    code="DL003",
    name="trend-word-mismatch",
    title_vi="Từ tăng/giảm không khớp số liệu",
    title_en="Trend word contradicts the figures",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=(
        "change",
        "equal",
        "axis-change-sum",
        "previous-change",
        "rank-change",
        "summary-change",
    ),
)
def trend_word_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """In sentences and summary cells the direction is a word (``tăng``, ``giảm``,
    ``giữ nguyên``); it must agree with the figures it describes."""
    yield from relation_findings(report, ctx)


@rule(
    code="TO001",
    name="axis-sum-mismatch",
    title_vi="Tổng điểm các trục khác điểm tổng hợp",
    title_en="Axis scores do not add up to the total",
    severity=Severity.ERROR,
    message_vi=_REL_VI,
    message_en=_REL_EN,
    relations=("axis-sum",),
)
def axis_sum_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The total score is the sum of the six axis scores (18 + 20 + 12 + 10 + 18 + 22 = 100)."""
    yield from relation_findings(report, ctx)


@rule(
    code="TO002",
    name="axis-change-sum-mismatch",
    title_vi="Tổng mức thay đổi các trục khác mức thay đổi tổng",
    title_en="Axis changes do not add up to the total change",
    severity=Severity.ERROR,
    message_vi=_REL_VI,
    message_en=_REL_EN,
    relations=("axis-change-sum",),
)
def axis_change_sum_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The change of the total is the sum of the axes' changes ("giữ nguyên" counts as 0).

    ## Why
    If the axes rose by 4,5 points in all, the total cannot have risen by 4,06.
    """
    yield from relation_findings(report, ctx)


@rule(
    code="TO003",
    name="total-change-mismatch",
    title_vi="Điểm tổng hợp cũ cộng mức tăng khác điểm mới",
    title_en="Previous total plus change differs from the total",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("summary-change",),
)
def total_change_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The previous total plus the stated change equals the new total."""
    yield from relation_findings(report, ctx)


@rule(
    code="SC001",
    name="score-over-maximum",
    title_vi="Điểm vượt quá điểm tối đa",
    title_en="Score above its maximum",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("range",),
    table_message_vi="{where}: điểm {found} nằm ngoài 0–{expected}",
    table_message_en="{where}: score {found} is outside 0–{expected}",
)
def score_over_maximum(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A score lies between 0 and its axis maximum; the total at most 100."""
    yield from relation_findings(report, ctx)


@rule(
    code="SC002",
    name="rank-out-of-range",
    title_vi="Thứ hạng ngoài 1..N",
    title_en="Rank outside 1..N",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("range",),
    table_message_vi="{where}: thứ hạng {found} nằm ngoài 1..{expected}",
    table_message_en="{where}: rank {found} is outside 1..{expected}",
)
def rank_out_of_range(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A rank among N units lies within 1..N."""
    yield from relation_findings(report, ctx)


@rule(
    code="SC003",
    name="rank-change-mismatch",
    title_vi="Số bậc tăng/giảm không khớp thứ hạng",
    title_en="Rank change does not match the ranks",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("rank-change",),
)
def rank_change_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """From rank 22 to rank 8 is a rise of 14 places: old rank − new rank = the change."""
    yield from relation_findings(report, ctx)


@rule(
    code="CO001",
    name="stated-twice-mismatch",
    title_vi="Số liệu ở phần lời và phụ lục khác nhau",
    title_en="Text and appendix disagree",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("equal",),
)
def stated_twice_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The total, its change, the rank and the rank change are written in the text and in
    the appendix; both must agree.

    ## Why
    "86,02" in the text and "86,2" in the appendix: the reader cannot tell which is true.
    """
    yield from relation_findings(report, ctx)


@rule(
    code="CO002",
    name="repeated-figure-mismatch",
    title_vi="Số liệu lặp lại giữa các phụ lục khác nhau",
    title_en="Figure repeated across tables differs",
    severity=Severity.ERROR,
    message_vi=_REL_VI,
    message_en=_REL_EN,
    relations=("equal",),
)
def repeated_figure_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Figures the pack declares as repeated (Appendix II item 2 = Appendix I 3.4 a),
    item 4 = 6.1) must be the same in both tables."""
    yield from relation_findings(report, ctx)


@rule(
    code="SC005",
    name="previous-score-change-mismatch",
    title_vi="Điểm tháng trước cộng mức tăng khác điểm tháng này",
    title_en="Previous score plus change differs from the score",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    message_vi=_MSG_VI,
    message_en=_MSG_EN,
    relations=("previous-change",),
)
def previous_score_change_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A score sentence that also states last month's score ("tháng 01/2025 đạt 8,6/12
    điểm") must agree with itself: previous + change = current ("giữ nguyên": equal).

    ## Why
    The previous score is copied from last month's report while the change is typed
    anew, so a wrong change or a wrong trend word shows up against it.
    """
    yield from relation_findings(report, ctx)


@rule(
    code="TO004",
    name="previous-axis-sum-mismatch",
    title_vi="Tổng điểm các trục tháng trước khác điểm tổng hợp tháng trước",
    title_en="Last month's axis scores do not add up to last month's total",
    severity=Severity.ERROR,
    message_vi=_REL_VI,
    message_en=_REL_EN,
    relations=("previous-axis-sum",),
)
def previous_axis_sum_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Last month's axis scores, where the sentences state them, add up to last month's
    total (stated in the total sentence or on the old side of the closing row).

    ## Why
    A previous score copied from the wrong line or the wrong month shows here.
    """
    yield from relation_findings(report, ctx)
