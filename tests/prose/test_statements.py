"""Each kind of statement, in several wordings: a consistent text gives no error, a
broken one is found at the figure, with the value to write where one figure explains it.
The texts are written for the tests, not copied from a published document."""

from __future__ import annotations

import pytest

from .conftest import at, errors, lint_text

SHARES = [
    "Trong tháng, UBND huyện tiếp nhận 1.250 hồ sơ, trong đó có 500 hồ sơ trực tuyến, chiếm {r}.",
    "Cấp xã đã giải quyết 800 hồ sơ; số hồ sơ giải quyết đúng hạn là 780 hồ sơ, đạt tỷ lệ "
    "97,50%, quá hạn 20 hồ sơ ({r}).",
    "Toàn tỉnh tiếp nhận 4.000 hồ sơ. Có 1.000 hồ sơ nộp trực tuyến. Tỷ lệ hồ sơ trực tuyến "
    "đạt {r}.",
]
SHARE_RIGHT = ["40,0%", "2,50%", "25%"]
SHARE_WRONG = [("45,0%", "40,0%"), ("2,05%", "2,50%"), ("52%", "25%")]


@pytest.mark.parametrize(("text", "right"), zip(SHARES, SHARE_RIGHT, strict=True))
def test_a_share_that_matches_its_counts_is_no_error(text: str, right: str) -> None:
    assert errors(text.format(r=right)) == []


@pytest.mark.parametrize(("text", "wrong"), zip(SHARES, SHARE_WRONG, strict=True))
def test_a_share_that_does_not_match_is_found_with_the_rate_to_write(
    text: str, wrong: tuple[str, str]
) -> None:
    found, expected = wrong
    body = text.format(r=found)
    line, col = at(body, found)
    assert errors(body) == [("ST001", "error", line, col, found, expected)]


PARTS = "Đã giải quyết {w} hồ sơ, trong đó trước hạn 13.767, đúng hạn 3.254, quá hạn 634."
PARTS_COLON = "Tổng số hồ sơ tiếp nhận: {w} hồ sơ (trực tuyến: 1.200 hồ sơ; trực tiếp: 800 hồ sơ)."


def test_parts_that_add_up_are_no_error() -> None:
    assert errors(PARTS.format(w="17.655")) == []
    assert errors(PARTS_COLON.format(w="2.000")) == []


@pytest.mark.parametrize(("template", "whole"), [(PARTS, "17.651"), (PARTS_COLON, "2.100")])
def test_parts_that_do_not_add_up_are_found_on_the_whole(template: str, whole: str) -> None:
    """No single figure can be blamed (any of them may be the slip): reported on the whole,
    without a value to write."""
    body = template.format(w=whole)
    line, col = at(body, whole)
    assert errors(body) == [("ST002", "error", line, col, whole, None)]


def test_a_part_that_also_breaks_its_share_is_named_with_its_value() -> None:
    body = (
        "Đã giải quyết 9.000 hồ sơ, trong đó đúng và trước hạn 8.854 hồ sơ, chiếm tỷ lệ "
        "98,28%; quá hạn 155 hồ sơ, chiếm tỷ lệ 1,72%."
    )
    line, col = at(body, "8.854")
    assert errors(body) == [("ST001", "error", line, col, "8.854", "8.845")]


LEVELS = (
    "Trong tháng 3/2024, toàn tỉnh tiếp nhận 30.000 hồ sơ.\n"
    "Cấp tỉnh tiếp nhận 5.000 hồ sơ; cấp huyện tiếp nhận 10.000 hồ sơ; cấp xã tiếp nhận {x} hồ sơ."
)


def test_levels_that_add_up_to_the_province_are_no_error() -> None:
    assert errors(LEVELS.format(x="15.000")) == []


def test_levels_that_do_not_add_up_are_found_on_the_province() -> None:
    assert errors(LEVELS.format(x="15.500")) == [("ST003", "error", 1, 41, "30.000", None)]


def test_a_level_named_after_toan_tinh_keeps_its_level() -> None:
    """ "Với cấp xã, toàn tỉnh tiếp nhận …" is the communes' figure, not the province's."""
    body = (
        "Toàn tỉnh tiếp nhận 30.000 hồ sơ.\n"
        "Cấp tỉnh tiếp nhận 5.000 hồ sơ; cấp huyện tiếp nhận 10.000 hồ sơ.\n"
        "Với cấp xã, toàn tỉnh tiếp nhận 15.000 hồ sơ."
    )
    assert lint_text(body) == []
    assert errors(body.replace("15.000", "16.000"))[0][:2] == ("ST003", "error")


RATE_CHANGE = "Tỷ lệ hồ sơ trực tuyến đạt 82,66%, tăng {c} so với tháng trước (80,08%)."


def test_a_change_in_points_is_no_finding() -> None:
    assert lint_text(RATE_CHANGE.format(c="2,58 điểm %")) == []


def test_points_written_as_percent_is_a_warning_that_says_so() -> None:
    body = RATE_CHANGE.format(c="2,58%")
    line, col = at(body, "2,58%")
    assert lint_text(body) == [("ST007", "warning", line, col, "2,58%", "2,58 điểm %")]


def test_a_relative_change_written_as_percent_is_no_finding() -> None:
    assert lint_text(RATE_CHANGE.format(c="3,22%")) == []


def test_a_change_that_fits_neither_reading_is_an_error() -> None:
    body = RATE_CHANGE.format(c="5,1%")
    line, col = at(body, "5,1%")
    assert errors(body) == [("ST008", "error", line, col, "5,1%", "2,58%")]


SCORE_CHANGE = "Năm 2023, tỉnh đạt 82,8 điểm, {t} {c} điểm so với năm 2022 ({o} điểm)."


@pytest.mark.parametrize(
    ("trend", "change", "old"), [("tăng", "1,9", "80,9"), ("giảm", "0,5", "83,3")]
)
def test_a_score_change_that_matches_is_no_error(trend: str, change: str, old: str) -> None:
    assert errors(SCORE_CHANGE.format(t=trend, c=change, o=old)) == []


def test_a_score_change_that_does_not_match_is_found_with_the_value() -> None:
    body = SCORE_CHANGE.format(t="tăng", c="2,9", o="80,9")
    line, col = at(body, "2,9")
    assert errors(body) == [("ST008", "error", line, col, "2,9", "1,9")]


def test_a_fall_written_as_a_rise_is_found() -> None:
    body = SCORE_CHANGE.format(t="tăng", c="0,5", o="83,3")
    assert [r[0] for r in errors(body)] == ["ST008"]


GRADE = "Chỉ số của huyện đạt {s}/100 điểm, xếp loại {g}."


@pytest.mark.parametrize(("score", "grade"), [("84,5", "tốt"), ("90,0", "xuất sắc"), ("72", "khá")])
def test_a_grade_that_fits_the_score_is_no_error(score: str, grade: str) -> None:
    assert (
        errors(
            GRADE.format(s=score, g=grade) + "\nĐã tiếp nhận 10 hồ sơ, trực tuyến 4 hồ sơ (40%)."
        )
        == []
    )


def test_a_grade_that_does_not_fit_is_found_at_the_score() -> None:
    body = GRADE.format(s="84,5", g="khá") + "\nĐã tiếp nhận 10 hồ sơ, trực tuyến 4 hồ sơ (40%)."
    line, col = at(body, "84,5")
    assert errors(body) == [("ST009", "error", line, col, "84,5", None)]


def test_rounding_is_never_an_error() -> None:
    """2/3 printed 66,7%, 66,67% or 67%: each is a rounding of 66,666…%."""
    for r in ("66,7%", "66,67%", "67%"):
        assert errors(f"Cấp xã tiếp nhận 3 hồ sơ, với 2 hồ sơ trực tuyến ({r}).") == []


def test_a_truncated_rate_is_a_warning_naming_the_rounded_value() -> None:
    body = "Cấp xã tiếp nhận 3 hồ sơ, với 2 hồ sơ trực tuyến (66,66%)."
    line, col = at(body, "66,66%")
    assert lint_text(body) == [("ST005", "warning", line, col, "66,66%", "66,67%")]


def test_hedged_figures_and_comparisons_are_read_not_checked() -> None:
    body = (
        "Toàn tỉnh tiếp nhận 4.000 hồ sơ, trong đó có gần 1.000 hồ sơ trực tuyến (khoảng 26%). "
        "Số hồ sơ trực tuyến bằng 205,6% của cùng kỳ; đã giải quyết 3.900 hồ sơ (tỷ lệ đúng hạn "
        "đạt gần 98%), trong đó đúng hạn 3.850 hồ sơ, quá hạn 50 hồ sơ."
    )
    assert errors(body) == []


def test_a_part_after_another_whole_is_not_bound_to_the_first() -> None:
    """ "trực tuyến" after the resolved files is not a part of the received files: its rate
    (6.000 of 9.500 resolved) is not checked against 10.000 received."""
    body = (
        "Cấp huyện tiếp nhận 10.000 hồ sơ, trực tuyến 7.000 hồ sơ (70%); đã giải quyết "
        "9.500 hồ sơ, trong đó trực tuyến 6.000 hồ sơ (63,16%)."
    )
    assert errors(body) == []
    broken = body.replace("(70%)", "(75%)")
    line, col = at(broken, "75%")
    assert errors(broken) == [("ST001", "error", line, col, "75%", "70%")]


def test_a_rate_that_opens_a_clause_is_not_the_share_of_the_count_before_it() -> None:
    body = "Cấp xã tiếp nhận 500 hồ sơ, với 300 hồ sơ trực tuyến (60%), 100% hồ sơ được số hóa."
    assert errors(body) == []


def test_a_rate_far_from_its_count_is_not_its_share() -> None:
    body = (
        "Cấp xã tiếp nhận 500 hồ sơ, với 300 hồ sơ trực tuyến, phần lớn do người dân tự nộp "
        "tại nhà, đạt 95% kế hoạch. Cấp xã đã giải quyết 400 hồ sơ, đúng hạn 390 hồ sơ, "
        "quá hạn 10 hồ sơ."
    )
    assert errors(body) == []


INDEX = (
    "Năm 2023, Bộ chỉ số của tỉnh đạt {total}/100 điểm, giữ vị trí {rank}/63 tỉnh, thành phố."
    " Cụ thể: Công khai, minh bạch 15,2/18 điểm; Tiến độ giải quyết 18,5/20 điểm; Dịch vụ "
    "công trực tuyến 9,1/12 điểm; Thanh toán trực tuyến 8,0/10 điểm; Mức độ hài lòng "
    "16,8/{hl} điểm; Số hóa hồ sơ 15,2/22 điểm."
)


def test_index_results_in_prose_that_agree_are_no_finding() -> None:
    assert lint_text(INDEX.format(total="82,8", rank="13", hl="18")) == []


def test_axis_scores_that_do_not_make_the_total_are_found_on_the_total() -> None:
    body = INDEX.format(total="86,8", rank="13", hl="18")
    line, col = at(body, "86,8")
    rows = errors(body)
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [("ST010", line, col, "86,8")]


def test_a_rank_beyond_the_units_is_an_error() -> None:
    body = INDEX.format(total="82,8", rank="73", hl="18")
    assert [(r[0], r[4]) for r in errors(body)] == [("ST012", "73")]


def test_an_axis_out_of_another_maximum_is_a_warning() -> None:
    body = INDEX.format(total="82,8", rank="13", hl="20").replace("22 điểm", "20 điểm")
    rows = lint_text(body)
    assert [(r[0], r[1], r[4], r[5]) for r in rows] == [
        ("ST013", "warning", "16,8", "18"),
        ("ST013", "warning", "15,2", "22"),
    ]


def test_five_axes_of_an_older_version_add_up_when_their_maxima_make_100() -> None:
    body = (
        "Tỉnh đạt 80,0/100 điểm. Cụ thể: Công khai, minh bạch 18,0/20 điểm; Tiến độ giải "
        "quyết 20,0/20 điểm; Dịch vụ công trực tuyến 12,0/20 điểm; Mức độ hài lòng "
        "15,0/20 điểm; Số hóa hồ sơ {x}/20 điểm."
    )
    assert errors(body.format(x="15,0")) == []
    assert [r[0] for r in errors(body.format(x="19,0"))] == ["ST010"]


def test_five_axes_of_six_are_not_summed() -> None:
    body = (
        "Tỉnh đạt 90,0/100 điểm. Cụ thể: Công khai, minh bạch 15,2/18 điểm; Tiến độ giải "
        "quyết 18,5/20 điểm; Dịch vụ công trực tuyến 9,1/12 điểm; Thanh toán trực tuyến "
        "8,0/10 điểm; Mức độ hài lòng 16,8/18 điểm."
    )
    assert errors(body) == []


def test_vertical_agencies_count_in_the_province_and_asides_name_no_level() -> None:
    body = (
        "Toàn tỉnh tiếp nhận 60.000 hồ sơ (kể cả hồ sơ của cơ quan ngành dọc). Cấp tỉnh tiếp "
        "nhận 20.000 hồ sơ; cấp huyện tiếp nhận 15.000 hồ sơ; cấp xã tiếp nhận 20.000 hồ sơ; "
        "cơ quan ngành dọc tiếp nhận 5.000 hồ sơ, với 1.000 hồ sơ trực tuyến (20%)."
    )
    assert errors(body) == []
    without = body.replace(
        "; cơ quan ngành dọc tiếp nhận 5.000 hồ sơ, với 1.000 hồ sơ trực tuyến (20%)", ""
    )
    assert [r[0] for r in errors(without)] == ["ST003"]


def test_a_level_and_a_count_alone_repeat_the_measure_before_them() -> None:
    """ "cấp tỉnh tiếp nhận 30.100 hồ sơ, cấp huyện 40.220 hồ sơ và cấp xã 50.220 hồ sơ"."""
    body = (
        "Trong quý III/2024, toàn tỉnh đã tiếp nhận tổng cộng 120.540 hồ sơ. Trong đó, cấp "
        "tỉnh tiếp nhận 30.100 hồ sơ, cấp huyện {h} hồ sơ và cấp xã 50.220 hồ sơ."
    )
    assert errors(body.format(h="40.220")) == []
    assert [r[0] for r in errors(body.format(h="40.020"))] == ["ST003"]


FROM_TO = (
    "So với năm 2022, tỷ lệ hồ sơ trực tuyến tăng từ 35,2% lên 48,6%, tăng {c} điểm phần trăm."
)


def test_a_change_from_one_rate_to_another() -> None:
    assert errors(FROM_TO.format(c="13,4")) == []
    body = FROM_TO.format(c="12,4")
    line, col = at(body, "12,4")
    assert errors(body) == [("ST008", "error", line, col, "12,4", "13,4")]


RANK = "Năm 2023, tỉnh xếp thứ 13/63 tỉnh, thành phố, {t} {k} bậc so với năm 2022 ({o}/63)."


@pytest.mark.parametrize(("trend", "k", "old"), [("tăng", "10", "23"), ("giảm", "2", "11")])
def test_a_rank_change_that_matches_is_no_error(trend: str, k: str, old: str) -> None:
    assert errors(RANK.format(t=trend, k=k, o=old)) == []


def test_a_rank_change_that_does_not_match_is_found_as_a_whole_number() -> None:
    body = RANK.format(t="tăng", k="10", o="33")
    line, col = at(body, "10 bậc")
    assert errors(body) == [("ST015", "error", line, col, "10", "20")]


def test_a_suggestion_keeps_the_precision_of_the_figure_it_replaces() -> None:
    body = (
        "Lũy kế, toàn tỉnh tiếp nhận 800.000 hồ sơ, trong đó trực tuyến 480.000 hồ sơ (60%).\n"
        "Trong tháng, toàn tỉnh tiếp nhận 85.432 hồ sơ, với 52.108 hồ sơ trực tuyến (56,3%)."
    )
    assert [(r[0], r[4], r[5]) for r in errors(body)] == [("ST001", "56,3%", "61,0%")]
