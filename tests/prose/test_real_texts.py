"""Two published texts, checked by hand with a calculator (tests/data/real/README.md).

Kon Tum, quý I/2023, line 12:
- cấp huyện 2.521 of 6.776 received online is 37,204…%, printed 37,76%: an error;
- cấp xã 3.399 of 26.030 is 13,058…%, printed 13,05%: cut off, a warning naming 13,06%;
- 6.596/23.233 = 28,39% and 12.516/56.039 = 22,33% hold; the levels add up
  (23.233 + 6.776 + 26.030 = 56.039, 6.596 + 2.521 + 3.399 = 12.516), and so do the
  kinds of files (12.516 + 38.613 + 4.910 = 56.039). "gần 98%", "trên 90%" are hedged
  and "bằng 205,6%" is a comparison: read, not checked.

Lâm Đồng, quý I/2020 (the stored copy repeats its first paragraph and is cut):
- 635.593 on time for the province: the levels give 51.072 + 323.911 + 260.612 =
  635.595, and 643.272 resolved − 7.677 late is also 635.595: one figure explains both;
- cấp huyện 98,28% and 1,7% make 99,98%: 5.685/329.596 = 1,7248…%, so 1,7% is a correct
  rounding printed coarser than its partner: a warning naming 1,72%;
- every other share (98,81%, 1,19%, 98,63%, 1,37%, 98,28%, 99,51%), part
  (51.072 + 708 = 51.780, 323.911 + 5.685 = 329.596, 5.950 + 1.222 = 7.172,
  2.672 + 128 = 2.800, 2.436 + 969 = 3.405) and level sum (received 659.245, resolved
  643.272) holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dvc_validate.api import lint_file
from dvc_validate.errors import NotAReportError
from dvc_validate.model.finding import Severity

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
DIRECTIVE = (
    Path(__file__).resolve().parents[1] / "data" / "not-a-report" / "daklak-chi-thi-012-2025.md"
)


def _findings(name: str) -> list[tuple[str, str, int | None, int | None, str | None, str | None]]:
    result = lint_file((REAL / name).read_bytes(), format="text")
    return [
        (f.code, f.severity.value, f.location.line, f.location.column, f.found, f.expected)
        for f in result.findings
    ]


def test_kontum_the_online_rate_of_the_districts_and_the_cut_rate_of_the_communes() -> None:
    assert _findings("03_kontum_tinh_quy1_2023.txt") == [
        ("ST001", "error", 12, 170, "37,76%", "37,20%"),
        ("ST005", "warning", 12, 248, "13,05%", "13,06%"),
    ]


def test_lamdong_the_province_on_time_figure_and_the_coarse_late_rate() -> None:
    assert _findings("05_lamdong_tinh_quy1_2020.txt") == [
        ("ST003", "error", 5, 207, "635.593", "635.595"),
        ("ST006", "warning", 13, 211, "1,7%", "1,72%"),
    ]


def test_the_lamdong_finding_names_both_relations_the_figure_breaks() -> None:
    result = lint_file((REAL / "05_lamdong_tinh_quy1_2020.txt").read_bytes(), format="text")
    (error,) = [f for f in result.findings if f.severity == Severity.ERROR]
    assert error.data["relations"] == ["count-sum", "count-sum"]
    assert "51.072 + 323.911 + 260.612 = 635.595" in error.message
    assert "635.593 + 7.677 = 643.270" in error.message


def test_english_messages_stand_alone() -> None:
    from dvc_validate.config import Config

    result = lint_file(
        (REAL / "03_kontum_tinh_quy1_2023.txt").read_bytes(),
        format="text",
        config=Config(lang="en"),
    )
    warning = next(f for f in result.findings if f.code == "ST005")
    assert "cut off; rounded it is 13,06%" in warning.message


def test_the_directive_is_still_not_a_report() -> None:
    with pytest.raises(NotAReportError):
        lint_file(DIRECTIVE.read_bytes(), format="markdown")


def test_a_letter_with_one_count_is_not_a_report() -> None:
    letter = (
        "Kính gửi: Sở Nội vụ\n\nUBND huyện đề nghị hỗ trợ tiếp nhận 120 hồ sơ trong tháng tới.\n"
    )
    with pytest.raises(NotAReportError):
        lint_file(letter.encode(), format="text")
