"""The rules only a long table allows (``check-table``): rankings within a group, the
table's keys and its cells (SC101–SC103, DC101–DC104).

They are registered here like every other rule so that ``rules``, ``explain`` and
the docs know every code the table path can emit, and so that the table path takes
each finding's name, severity and message from this one place
(:func:`dvc_validate.schemas.registered_text`). Their arithmetic is vectorised over
millions of rows in :mod:`dvc_validate.batch`; a single report has no ranking
group, no table keys and no typed cells, so in ``lint`` they find nothing. Each
rule's case book is a tiny CSV (``cases/base-table.csv`` with edits).

Messages use only ``{where}`` (unit · period · indicator, or the column),
``{found}`` and ``{expected}``: the table path fills them column-wise.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...engine import rule
from ...model.finding import Finding, Severity
from ...model.report import Report
from ..runner import RuleContext

__all__ = ["TABLE_CODES"]

#: Every code registered here: the table path's own rules.
TABLE_CODES = ("SC101", "SC102", "SC103", "DC101", "DC102", "DC103", "DC104")

_WHERE = """

    ## Where
    ``check-table`` only (``docs/batch.md``): a single report has no table to check,
    so ``lint`` never reports it."""


def _table_only(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Nothing in a document: the check runs vectorised in ``dvc_validate.batch``."""
    return iter(())


def _table_rule(
    code: str,
    name: str,
    severity: Severity,
    titles: tuple[str, str],
    messages: tuple[str, str],
    doc: str,
) -> None:
    def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
        return _table_only(report, ctx)

    check.__doc__ = doc + _WHERE
    check.__name__ = name.replace("-", "_")
    rule(
        code=code,
        name=name,
        title_vi=titles[0],
        title_en=titles[1],
        severity=severity,
        message_vi=messages[0],
        message_en=messages[1],
    )(check)


_table_rule(
    "SC101",
    "rank-not-permutation",
    Severity.ERROR,
    ("Thứ hạng của nhóm không liền mạch", "Group ranking is not 1..N"),
    (
        "{where}: thứ hạng {found} làm bảng xếp hạng của nhóm không liền mạch (cần {expected})",
        "{where}: rank {found} breaks the group's ranking 1..N (should be {expected})",
    ),
    """The ranks of a ranking group in one period are competition ranks 1..N.

    ## Why
    A unit's rank is one more than the number of units of its group ranked strictly
    better ("1, 2, 2, 4"). A gap, a repeat that skips no place, or a rank beyond the
    number of units means a rank was copied from another month or typed wrong. A
    wrong rank moves every rank after it, so the group gets one finding, where its
    ranking first goes wrong.

    ## Fix
    Correct the rank named; the ranks after it follow.""",
)
_table_rule(
    "SC102",
    "rank-score-mismatch",
    Severity.ERROR,
    ("Thứ hạng không khớp thứ tự điểm", "Rank disagrees with the scores"),
    (
        "{where}: thứ hạng {found} không khớp thứ tự điểm (theo điểm: {expected})",
        "{where}: rank {found} disagrees with the scores (by score: {expected})",
    ),
    """A unit's rank is one more than the number of units of its group with a strictly
    higher score.

    ## Why
    The ranking is the order of the scores. A rank that disagrees with it means
    either the rank or the score is not the published one. A score outside 0 to
    the maximum (SC001) is left out of the order, and a unit without a usable score
    keeps its printed place, so one wrong score does not move every other rank.

    ## Fix
    Check the unit's score and rank against the published ranking.""",
)
_table_rule(
    "SC103",
    "rank-total-mismatch",
    Severity.ERROR,
    (
        "Tổng số đơn vị xếp hạng khác số đơn vị trong nhóm",
        "Ranked among a number other than the group's",
    ),
    (
        "{where}: tổng số đơn vị xếp hạng {found} khác số đơn vị trong nhóm ({expected})",
        "{where}: ranked among {found} but the group has {expected} units",
    ),
    """"08/23 xã" says 23 units are ranked: the group must hold 23 units that period.

    ## Why
    ``rank_of`` is the number of units of the ranking group. When it differs from
    the units the table holds for that group and period, either units are missing
    from the table or the total was copied from another period.

    ## Fix
    Add the missing units, or correct ``rank_of``.""",
)
_table_rule(
    "DC101",
    "table-value-invalid",
    Severity.ERROR,
    ("Ô của bảng không hợp lệ", "Invalid table cell"),
    (
        "{where}: giá trị {found} không hợp lệ (cần: {expected})",
        "{where}: value {found} is invalid (expected: {expected})",
    ),
    """A cell the table's format requires is blank, or holds a value outside the
    allowed ones (a level other than ``xa``, ``huyen``, ``tinh``; a period not written
    ``YYYY-MM``), or a required column is missing.

    ## Why
    Such a row cannot be placed: its unit, period or level is not known, so it is
    plainly wrong, not a reading the tool is unsure of (a figure cell it cannot read
    is DC104). The expected value names what the format allows.

    ## Fix
    Fill the cell with one of the allowed values (``docs/batch.md``).""",
)
_table_rule(
    "DC102",
    "duplicate-row",
    Severity.ERROR,
    ("Dòng trùng đơn vị, kỳ và chỉ số", "Duplicate table row"),
    (
        "{where}: dòng trùng đơn vị, kỳ và chỉ số (đã có ở dòng {expected})",
        "{where}: duplicate unit, period and indicator (first at row {expected})",
    ),
    """Each (unit, period, indicator) appears once.

    ## Why
    Two rows for the same figure make every relation over that unit and period
    ambiguous: which one is published? The second and later rows are reported, with
    the row of the first.

    ## Fix
    Delete the repeated row, or correct its unit, period or indicator.""",
)
_table_rule(
    "DC103",
    "unknown-indicator",
    Severity.WARNING,
    ("Chỉ số không có trong bộ chỉ số", "Indicator not in the index"),
    (
        "{where}: chỉ số {found} không có trong bộ chỉ số {expected}",
        "{where}: indicator {found} is not in the index {expected}",
    ),
    """Every indicator code is one of the rule pack's (or ``__score__``).

    ## Why
    A code the pack does not define ("9.9", "1.2a") is checked by no relation, so
    its figures pass unseen. A warning, because a province may add indicators: a
    user pack (``--rules``) that declares them makes it go away.

    ## Fix
    Correct the code, or declare the indicator in a rule pack.""",
)
_table_rule(
    "DC104",
    "table-value-unread",
    Severity.INFO,
    ("Không đọc được ô số liệu", "Figure cell not read"),
    (
        "{where}: {found} không phải là số, hoặc đọc được hai cách (số trong bảng viết như "
        "95.6 hoặc 95,6%); không kiểm tra các quan hệ cần ô này",
        "{where}: {found} is not a number, or reads two ways (write figures as 95.6 or "
        "95,6%); the relations that need this cell are not checked",
    ),
    """A figure cell that holds no number, or one that reads two ways.

    ## Why
    A table's convention is the dot decimal (``95.6``); a value pasted from Word is
    Vietnamese (``95,6%``). ``1.731`` in a text column reads as 1731 in Vietnamese and
    as 1.731 in the table's convention, and "chưa có" is no number at all. The tool is
    not sure what the cell says, so it is an info, never an error: the relations that
    need the cell (its row's change, its whole's sum) are not checked rather than
    guessed.

    ## Fix
    Write the figure as a plain number with a dot decimal.""",
)
