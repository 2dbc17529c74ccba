"""Fixtures for the CLI tests: a tiny clean report, the same with one slip, and
``Run`` (re-exported from ``clirun``; the ``cli`` fixture is suite-wide).

The reports are built here rather than taken from the corpus, so the tests
control every finding: the clean report has none at all, and the bad one
differs only by "1000%" in a rate column (the commonest retyping slip).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clirun import Run

__all__ = ["BAD_REPORT", "BAD_ROW", "CLEAN_REPORT", "SLIP", "Run", "slip_findings"]

CLEAN_REPORT = """\
ỦY BAN NHÂN DÂN
XÃ HÒA BÌNH

Số: 12/UBND-VP

Hòa Bình, ngày 05 tháng 3 năm 2024

Thực hiện Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ, \
UBND xã Hòa Bình báo cáo kết quả tháng 02 năm 2024 như sau:

1.1. Điểm số trục nội dung Công khai, minh bạch đạt 15,5/18 điểm, \
tăng 1,2 điểm so với tháng 01/2024.

1.2. Điểm số trục nội dung Tiến độ giải quyết đạt 19,2/20 điểm, \
giảm 0,4 điểm so với tháng 01/2024.

1.3. Điểm số trục nội dung Dịch vụ công trực tuyến đạt 10,1/12 điểm, \
giữ nguyên điểm số so với tháng 01/2024.

1.4. Điểm số trục nội dung Thanh toán trực tuyến đạt 9,4/10 điểm, \
tăng 0,3 điểm so với tháng 01/2024.

1.5. Điểm số trục nội dung Mức độ hài lòng đạt 17,3/18 điểm, \
giữ nguyên điểm số so với tháng 01/2024.

1.6. Điểm số trục nội dung Số hóa hồ sơ đạt 20,6/22 điểm, \
tăng 1,1 điểm so với tháng 01/2024.

1.7. Điểm tổng hợp đạt 92,10/100 điểm, tăng 2,20 điểm; xếp hạng 05/23 xã, thị trấn và tăng 7 bậc \
so với tháng 01 năm 2024.

PHỤ LỤC I. BIỂU TỔNG HỢP SỐ LIỆU THÁNG 02 NĂM 2024

Số TT\tNội dung\tThống kê ngày 31/01/2024\t\tThống kê ngày 29/02/2024\t\t\
Tăng (+)/Giảm (-) so với ngày 31/01/2024
\t\tSố liệu\tTỷ lệ (%)\tSố liệu\tTỷ lệ (%)\t
I\tTiến độ giải quyết\t\t\t\t\t
2.1\tTỷ lệ hồ sơ giải quyết đúng hạn\t\t98,00%\t\t96,00%\t-2,00%
2.2\tTỷ lệ hồ sơ giải quyết quá hạn\t\t2,00%\t\t4,00%\t+2,00%
"""
# 2.1 follows the Tiến độ score: 19,2 = 20 × 96,00% and 19,2 + 0,4 = 20 × 98,00% (SC004)

SLIP = "1000%"
BAD_ROW = "2.1\tTỷ lệ hồ sơ giải quyết đúng hạn\t\t98,00%\t\t1000%\t-2,00%"
BAD_REPORT = CLEAN_REPORT.replace("\t96,00%\t-2,00%", f"\t{SLIP}\t-2,00%")
assert BAD_ROW in BAD_REPORT


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    p = tmp_path / "clean.txt"
    p.write_text(CLEAN_REPORT, encoding="utf-8")
    return p


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    p = tmp_path / "bad.txt"
    p.write_text(BAD_REPORT, encoding="utf-8")
    return p


def slip_findings(run: Run) -> list[dict[str, Any]]:
    return [f for f in run.findings() if f["found"] == SLIP]


@pytest.fixture
def slip_codes(cli: Callable[..., Run], bad: Path) -> list[str]:
    """The codes of the errors the slip triggers (whichever rules own it today)."""
    run = cli("lint", bad, "--format", "json")
    codes = sorted({f["code"] for f in slip_findings(run) if f["severity"] == "error"})
    assert codes, run.out
    return codes
