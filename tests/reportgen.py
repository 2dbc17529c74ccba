# ruff: noqa: E501  (report lines are templates of real report sentences and rows)
"""Build consistent reports as text, for tests: parts, then wholes, then rounded
rates, then changes, then scores, total and ranks, then the right dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dvc_validate.vn import format_number, last_day_of_month, previous_month

AXES = [
    ("Công khai, minh bạch", 18),
    ("Tiến độ giải quyết", 20),
    ("Dịch vụ công trực tuyến", 12),
    ("Thanh toán trực tuyến", 10),
    ("Mức độ hài lòng", 18),
    ("Số hóa hồ sơ", 22),
]


@dataclass
class Spec:
    level: str = "xã"
    name: str = "Hòa Bình"
    group: str = "xã, thị trấn"
    year: int = 2024
    month: int = 2
    pipe: bool = False
    old_counts: tuple[int, int] = (3863, 1591)
    new_counts: tuple[int, int] = (68, 36)
    decimals: int = 2
    scores: list[float] = field(default_factory=lambda: [15.5, 19.2, 10.1, 9.4, 17.3, 20.6])
    changes: list[float] = field(default_factory=lambda: [1.2, -0.4, 0.0, 0.3, 0.0, 1.1])
    ranks: tuple[int, int, int] = (12, 5, 23)  # old, new, N
    appendix2: bool = True
    overdue: tuple[int, int] = (4, 3)  # Appendix II item 1, old and new (continuity tests)


def _rate(c: int, total: int, d: int) -> float:
    return round(100 * c / total, d)


def _pct(v: float, d: int, plus: bool = False) -> str:
    return format_number(v, d, percent=True, plus=plus)


def _overdue(counts: tuple[int, int]) -> list[str]:
    old, new = counts
    change = new - old
    return [str(old), str(new), f"{change:+d}" if change else "0"]


def render(spec: Spec) -> str:
    y, m = spec.year, spec.month
    py, pm = previous_month(y, m)
    old_d, new_d = last_day_of_month(py, pm), last_day_of_month(y, m)

    def fmt_d(d: date) -> str:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"

    total = round(sum(spec.scores), 2)
    tchange = round(sum(spec.changes), 2)
    unit = f"{spec.level.upper()} {spec.name.upper()}"
    lines = [
        "ỦY BAN NHÂN DÂN",
        unit,
        "",
        "Số: 12/UBND-VP",
        "",
        f"{spec.name}, ngày 05 tháng {(m % 12) + 1 if (m % 12) + 1 > 2 else f'{(m % 12) + 1:02d}'} năm {y if m < 12 else y + 1}",
        "",
        "V/v kết quả đánh giá chất lượng phục vụ",
        f"trên cổng DVCQG tháng {m:02d} năm {y}",
        "",
        "Kính gửi: các cơ quan",
        "",
        f"Thực hiện Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ, UBND {spec.level} {spec.name} báo cáo như sau:",
        "",
    ]
    for i, ((axis, mx), s, c) in enumerate(zip(AXES, spec.scores, spec.changes, strict=True), 1):
        trend = (
            "giữ nguyên điểm số"
            if c == 0
            else f"{'tăng' if c > 0 else 'giảm'} {format_number(abs(c), 1)} điểm"
        )
        lines += [
            f"1.{i}. Điểm số trục nội dung {axis} đạt {format_number(s, 1)}/{mx} điểm, {trend} so với tháng {pm:02d}/{py}.",
            "",
        ]
    rtrend = spec.ranks[0] - spec.ranks[2 - 1]
    rank_words = (
        f"tăng {rtrend} bậc"
        if rtrend > 0
        else (f"giảm {-rtrend} bậc" if rtrend < 0 else "giữ nguyên thứ hạng")
    )
    if tchange > 0:
        ttrend = f"tăng {format_number(tchange, 2)}"
    elif tchange < 0:
        ttrend = f"giảm {format_number(-tchange, 2)}"
    else:
        ttrend = "giữ nguyên"
    lines += [
        f"1.7. Điểm tổng hợp đạt {format_number(total, 2)}/100 điểm, {ttrend} điểm; xếp hạng {spec.ranks[1]:02d}/{spec.ranks[2]} {spec.group} và {rank_words} so với tháng {pm:02d} năm {py}.",
        "",
    ]
    lines += [f"PHỤ LỤC I. BIỂU TỔNG HỢP SỐ LIỆU THÁNG {m:02d} NĂM {y}", ""]
    d = spec.decimals
    ot, nt = sum(spec.old_counts), sum(spec.new_counts)
    # Tiến độ giải quyết = 20 × the on-time rate (SC004), so 2.1 follows the axis score
    on_new = round(spec.scores[1] * 5, 2)
    on_old = round((spec.scores[1] - spec.changes[1]) * 5, 2)
    rows = [
        [
            "Số TT",
            "Nội dung",
            f"Thống kê ngày {fmt_d(old_d)}",
            "",
            f"Thống kê ngày {fmt_d(new_d)}",
            "",
            f"Tăng (+)/Giảm (-) so với ngày {fmt_d(old_d)}",
        ],
        ["", "", "Số liệu", "Tỷ lệ (%)", "Số liệu", "Tỷ lệ (%)", ""],
        ["I", "Công khai, minh bạch", "", "", "", "", ""],
        ["1.2", "Số hồ sơ tiếp nhận đã đồng bộ", "", "", "", "", ""],
    ]
    a_old, a_new = _rate(spec.old_counts[0], ot, d), _rate(spec.new_counts[0], nt, d)
    b_old, b_new = round(100 - a_old, d), round(100 - a_new, d)
    for letter, label, co, cn, ro, rn in [
        ("a)", "Hồ sơ đã đồng bộ", spec.old_counts[0], spec.new_counts[0], a_old, a_new),
        ("b)", "Hồ sơ chưa đồng bộ", spec.old_counts[1], spec.new_counts[1], b_old, b_new),
    ]:
        rows.append(
            [
                letter,
                label,
                format_number(co, 0),
                _pct(ro, d),
                format_number(cn, 0),
                _pct(rn, d),
                _pct(round(rn - ro, d), d, plus=True),
            ]
        )
    rows += [
        ["II", "Tiến độ giải quyết", "", "", "", "", ""],
        [
            "2.1",
            "Tỷ lệ hồ sơ giải quyết đúng hạn",
            "",
            _pct(on_old, 2),
            "",
            _pct(on_new, 2),
            _pct(on_new - on_old, 2, plus=True),
        ],
        [
            "2.2",
            "Tỷ lệ hồ sơ giải quyết quá hạn",
            "",
            _pct(100 - on_old, 2),
            "",
            _pct(100 - on_new, 2),
            _pct(on_old - on_new, 2, plus=True),
        ],
        [
            "III",
            "ĐIỂM TỔNG HỢP VÀ XẾP HẠNG",
            f"Đạt {format_number(round(total - tchange, 2), 2)}/100 điểm; xếp hạng {spec.ranks[0]:02d}/{spec.ranks[2]} {spec.group}",
            "",
            f"Đạt {format_number(total, 2)}/100 điểm; xếp hạng {spec.ranks[1]:02d}/{spec.ranks[2]} {spec.group}",
            "",
            f"{ttrend.capitalize()} điểm, {rank_words}",
        ],
    ]
    if spec.pipe:
        lines += ["| " + " | ".join(c or " " for c in r) + " |" for r in rows[:1]]
        lines += ["|" + "---|" * len(rows[0])]
        lines += ["| " + " | ".join(c or " " for c in r) + " |" for r in rows[1:]]
    else:
        lines += ["\t".join(r) for r in rows]
    if spec.appendix2:
        lines += [
            "",
            f"PHỤ LỤC II. THỐNG KÊ CHI TIẾT THÁNG {m:02d} NĂM {y}",
            "",
            "\t".join(
                [
                    "Số TT",
                    "Nội dung",
                    f"Số hồ sơ ngày {fmt_d(old_d)}",
                    f"Số hồ sơ ngày {fmt_d(new_d)}",
                    f"Tăng (+)/Giảm (-) so với ngày {fmt_d(old_d)}",
                ]
            ),
            "\t".join(["1", "Số lượng hồ sơ quá hạn", *_overdue(spec.overdue)]),
        ]
    return "\n".join(lines) + "\n"
