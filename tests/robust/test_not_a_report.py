"""Not a report: a document that is not a report of the index says so plainly.

One score sentence is not enough (a directive or an invitation may cite last
year's total); two score sentences, or the indicator table, make a report,
which is then checked for what it has.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dvc_validate.api import lint
from dvc_validate.errors import NotAReportError

ROOT = Path(__file__).resolve().parents[2]
AXIS_1 = "1.1. Điểm số trục nội dung Công khai, minh bạch đạt 15,5/18 điểm, tăng 1,2 điểm so với tháng 01/2024."
AXIS_2 = "1.2. Điểm số trục nội dung Tiến độ giải quyết đạt 19,2/20 điểm, giảm 0,4 điểm so với tháng 01/2024."
TOTAL = "Điểm tổng hợp của xã đạt 85,5/100 điểm, xếp hạng 12/23 xã, thị trấn."


@pytest.mark.parametrize(
    "path",
    [ROOT / "tests" / "data" / "not-a-report" / "daklak-chi-thi-012-2025.md", ROOT / "README.md"],
    ids=["directive", "readme"],
)
def test_real_documents_that_are_not_reports(path: Path) -> None:
    with pytest.raises(NotAReportError) as err:
        lint(str(path))
    assert "QĐ 766" in err.value.message("vi") and "not a report" in err.value.message("en")


@pytest.mark.parametrize(
    "text", [TOTAL, AXIS_1, f"Kính gửi các phòng ban.\n\n{TOTAL}\n\nTrân trọng."]
)
def test_one_score_sentence_is_not_a_report(text: str) -> None:
    with pytest.raises(NotAReportError):
        lint(text.encode("utf-8"), format="text")


@pytest.mark.parametrize(
    "lines", [[AXIS_1, AXIS_2], [AXIS_1, TOTAL]], ids=["two-axes", "axis-total"]
)
def test_two_score_sentences_are_a_half_written_report(lines: list[str]) -> None:
    result = lint("\n\n".join(lines).encode("utf-8"), format="text")
    parts = {str(f.data.get("part")) for f in result.findings if f.code == "DC005"}
    assert "appendix" in parts and "axes" in parts
