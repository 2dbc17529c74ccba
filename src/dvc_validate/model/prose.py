"""What extraction understood of the statements in running text.

News pages and provincial reports give file statistics and index results in
sentences, not in the commune template's tables. Each figure keeps its raw
text and location (a :class:`Figure`); these models say what it measures and
which statements bind figures together, so the checks see only relations.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from ._factories import new_list
from .figure import Figure

__all__ = [
    "GradeClaim",
    "GroupRank",
    "LevelSum",
    "MeasuredCount",
    "PartsSum",
    "ProseFacts",
    "RateChange",
    "Share",
]


class MeasuredCount(BaseModel):
    """A count in a sentence and what it counts: ``resolved.late`` at level ``huyen``."""

    figure: Figure
    measure: str  # a whole ("received") or whole.part ("resolved.late")
    level: str = ""  # "" for the unit as a whole, else a level of the vocabulary
    paragraph: int = 0  # index of the paragraph among those read


class Share(BaseModel):
    """``2.521 hồ sơ trực tuyến (đạt tỷ lệ 37,76%)`` of ``6.776``: rate = 100·part/whole."""

    rate: Figure
    part: Figure
    whole: Figure
    measure: str


class PartsSum(BaseModel):
    """``đã giải quyết 17.651 hồ sơ, trong đó trước hạn …, đúng hạn …, quá hạn …``."""

    whole: Figure
    parts: list[Figure]
    measure: str
    shares: list[Figure | None] = Field(default_factory=new_list)  # each part's rate, if stated


class LevelSum(BaseModel):
    """The province's figure and its levels' figures of one measure (tỉnh + huyện + xã)."""

    whole: Figure
    levels: list[Figure]
    measure: str


class RateChange(BaseModel):
    """``82,66%, tăng 2,58% so với tháng trước (80,08%)``: a rate, its change and the old rate.

    ``points`` says the change was written in points (``điểm %``); otherwise it was
    written with ``%`` and may mean points or a relative change."""

    new: Figure
    change: Figure  # signed by the trend word
    old: Figure
    points: bool = False


class GradeClaim(BaseModel):
    """``đạt 84,5 điểm, xếp loại tốt``: a score and the grade word the text gives it."""

    score: Figure
    word: str
    low: float  # the scores the grade needs: low included, high excluded
    high: float


class GroupRank(BaseModel):
    """``xếp thứ 13/63 tỉnh, thành phố``: a rank whose words plainly name a group of units
    whose number the vocabulary knows (``unit_groups`` in ``rules/prose.yaml``).

    ``period`` is the months named around the rank, as ``(first, last)`` ``(year,
    month)`` pairs (from the earliest to the latest named); ``None`` when none is.
    ``with_text`` says they are not the rank's own (the sentence names none, or only
    periods compared with): the text's period is added to them, and without it the
    rank's period is unknown."""

    rank: Figure
    group: str  # a key of ``unit_groups``
    words: str = ""  # the group's words as the text writes them
    period: tuple[tuple[int, int], tuple[int, int]] | None = None
    with_text: bool = False


class AxisScore(BaseModel):
    """``Công khai, minh bạch 13,6/18 điểm``: an axis of the pack and its score."""

    key: str
    score: Figure
    maximum: float  # the axis's maximum in the pack


class ProseFacts(BaseModel):
    counts: list[MeasuredCount] = Field(default_factory=new_list)
    shares: list[Share] = Field(default_factory=new_list)
    parts: list[PartsSum] = Field(default_factory=new_list)
    levels: list[LevelSum] = Field(default_factory=new_list)
    changes: list[RateChange] = Field(default_factory=new_list)
    rank_changes: list[RateChange] = Field(default_factory=new_list)  # "tăng 10 bậc … (23/63)"
    decimals: list[Figure] = Field(default_factory=new_list)  # rates and scores with decimals
    grades: list[GradeClaim] = Field(default_factory=new_list)
    scores: list[Figure] = Field(default_factory=new_list)  # every "a/b điểm": 0 ≤ a ≤ b
    ranks: list[Figure] = Field(default_factory=new_list)  # "xếp thứ 13/63": 1 ≤ 13 ≤ 63
    group_ranks: list[GroupRank] = Field(default_factory=new_list)  # "13/63 tỉnh, thành phố"
    axes: list[AxisScore] = Field(default_factory=new_list)
    total: Figure | None = None  # the score out of the pack's total maximum
    unread: list[Figure] = Field(default_factory=new_list)  # counts of files not a whole number

    @property
    def statements(self) -> int:
        """How many checkable statements were read: what makes a text a report."""
        axes = len(self.axes) if len(self.axes) >= 2 else 0  # one cited score is no report
        told = len(self.shares) + len(self.parts) + len(self.levels) + len(self.changes)
        told += len(self.rank_changes)
        return told + axes + len(self.grades)
