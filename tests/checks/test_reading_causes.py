"""Causes of false errors and misses found on keyed reports (issue 11), each pinned on a
small generated report: previous scores in parentheses, the trend words of the closing
row, and Appendix II tables with two header levels or two column groups."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dvc_validate.api import lint
from dvc_validate.model.finding import Finding
from dvc_validate.vn import format_number

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reportgen import AXES, Spec, render

_AXIS_RE = re.compile(
    r"đạt (?P<s>[\d,]+)/(?P<mx>\d+) điểm, (?P<trend>tăng|giảm|giữ nguyên)"
    r"(?: (?P<c>[\d,]+) điểm| điểm số) so với (?P<month>tháng \d\d/\d{4})\."
)


def _with_previous(text: str, written: dict[int, str] | None = None) -> str:
    """Every axis sentence also states last month's score, as many reports do:
    "… so với tháng 01/2024 (tháng 01/2024 đạt 14,3/18 điểm)." ``written`` overrides the
    previous score of the axes it names (0-based)."""
    seen = iter(range(len(AXES)))

    def add(m: re.Match[str]) -> str:
        i = next(seen)
        s = float(m.group("s").replace(",", "."))
        c = float((m.group("c") or "0").replace(",", "."))
        sign = -1 if m.group("trend") == "giảm" else 1
        prev = (written or {}).get(i, format_number(round(s - sign * c, 1), 1))
        return f"{m.group(0)[:-1]} ({m.group('month')} đạt {prev}/{m.group('mx')} điểm)."

    return _AXIS_RE.sub(add, text)


def _lint(text: str) -> list[Finding]:
    return list(lint(text.encode("utf-8"), format="text").findings)


def _errors(findings: list[Finding]) -> list[tuple[str, str | None, int | None]]:
    return [(f.code, f.found, f.location.line) for f in findings if f.severity.value == "error"]


def _line_of(text: str, needle: str, last: bool = False) -> int:
    lines = text.splitlines()
    hits = [i for i, line in enumerate(lines, 1) if needle in line]
    return hits[-1] if last else hits[0]


def test_previous_scores_in_parentheses_are_read_as_figures_not_as_the_period() -> None:
    text = _with_previous(render(Spec()))
    assert "(tháng 01/2024 đạt 14,3/18 điểm)" in text
    result = lint(text.encode("utf-8"), format="text")
    assert _errors(list(result.findings)) == []
    report = result.files[0].report
    assert report is not None
    previous = [a.previous.value if a.previous else None for a in report.axes]
    assert previous == [14.3, 19.6, 10.1, 9.1, 17.3, 19.5]
    refs = [a.previous_ref for a in report.axes]
    assert all(r is not None and r.role == "compared" and r.raw == "tháng 01/2024" for r in refs)


def test_a_previous_score_that_does_not_fit_the_change_is_named() -> None:
    text = _with_previous(render(Spec()), {3: "9,4"})  # 9,4 + 0,3 is not 9,4
    line = _line_of(text, "Thanh toán trực tuyến đạt")
    assert _errors(_lint(text)) == [("SC005", "9,4", line)]


def test_a_trend_word_against_the_previous_score_is_found_with_its_word() -> None:
    text = _with_previous(render(Spec()))
    text = text.replace("giảm 0,4 điểm so với", "tăng 0,4 điểm so với")
    line = _line_of(text, "Tiến độ giải quyết đạt")
    assert ("DL003", "tăng 0,4", line) in _errors(_lint(text))


def test_a_rank_trend_word_in_the_closing_row_against_its_ranks_is_found() -> None:
    text = render(Spec())
    head, _, tail = text.rpartition("tăng 7 bậc")
    text = head + "giảm 7 bậc" + tail  # the closing row only; the sentence stays right
    line = _line_of(text, "ĐIỂM TỔNG HỢP VÀ XẾP HẠNG")
    assert _errors(_lint(text)) == [("DL003", "giảm 7", line)]


_SCORES = st.lists(st.integers(0, 1000), min_size=6, max_size=6)


@settings(max_examples=20, deadline=None)
@given(_SCORES, _SCORES, st.integers(0, 5))
def test_previous_scores_of_any_consistent_report_give_no_error(
    now: list[int], before: list[int], flip: int
) -> None:
    """Scores and previous scores anywhere within each axis' maximum (in tenths); a trend
    word flipped on one changed axis is then found as DL003 on that axis' line."""
    scores = [round(mx * n / 1000, 1) for (_, mx), n in zip(AXES, now, strict=True)]
    prevs = [round(mx * n / 1000, 1) for (_, mx), n in zip(AXES, before, strict=True)]
    changes = [round(s - p, 1) for s, p in zip(scores, prevs, strict=True)]
    text = _with_previous(render(Spec(scores=scores, changes=changes)))
    assert _errors(_lint(text)) == []
    if changes[flip] == 0:
        return
    axis = AXES[flip][0]
    line = _line_of(text, f"{axis} đạt")
    word, other = ("tăng", "giảm") if changes[flip] > 0 else ("giảm", "tăng")
    lines = text.splitlines()
    lines[line - 1] = lines[line - 1].replace(f", {word} ", f", {other} ", 1)
    magnitude = format_number(abs(changes[flip]), 1)
    assert ("DL003", f"{other} {magnitude}", line) in _errors(_lint("\n".join(lines) + "\n"))


_ITEM3 = [
    "3\tBản sao điện tử từ bản chính\tThống kê ngày 31/01/2024\t\tThống kê ngày 29/02/2024\t\t"
    "Tăng (+)/Giảm (-) so với ngày 31/01/2024",
    "\t\tĐã triển khai\tSố lượng hoàn thành\tĐã triển khai\tSố lượng hoàn thành\t",
    "\t\t1/1\t11.880\t1/1\t{new}\t{change}",
]
_ITEM1 = [
    "1\tSố lượng hồ sơ quá hạn\tSố hồ sơ quá hạn trên Cổng DVCQG\t\t\t"
    "Số hồ sơ quá hạn trên hệ thống của tỉnh\t\t",
    "\t\tNgày 31/01/2024\tNgày 29/02/2024\tTăng (+)/Giảm (-) so với ngày 31/01/2024\t"
    "Ngày 31/01/2024\tNgày 29/02/2024\tTăng (+)/Giảm (-) so với ngày 31/01/2024",
    "\t\t17.967\t4.607\t-13.360\t17.967\t4.608\t{second}",
]


def _appendix_two(rows: list[str]) -> str:
    head = render(Spec(appendix2=False))
    return head + "\nPHỤ LỤC II. THỐNG KÊ CHI TIẾT THÁNG 02 NĂM 2024\n\n" + "\n".join(rows) + "\n"


def test_the_change_beside_two_sub_columns_is_the_change_of_the_count() -> None:
    ok = _appendix_two([*_ITEM3[:2], _ITEM3[2].format(new="12.508", change="+628")])
    assert _errors(_lint(ok)) == []
    bad = _appendix_two([*_ITEM3[:2], _ITEM3[2].format(new="12.508", change="+682")])
    found = [f for f in _lint(bad) if f.severity.value == "error"]
    assert [(f.code, f.found, f.expected) for f in found] == [("DL001", "+682", "+628")]


def test_the_second_column_group_of_item_one_is_checked_too() -> None:
    ok = _appendix_two([*_ITEM1[:2], _ITEM1[2].format(second="-13.359")])
    assert _errors(_lint(ok)) == []
    bad = _appendix_two([*_ITEM1[:2], _ITEM1[2].format(second="+13.359")])
    line = _line_of(bad, "+13.359")
    assert _errors(_lint(bad)) == [("DL002", "+13.359", line)]


def test_two_rates_off_100_without_counts_list_both_corrections() -> None:
    """2.1 and 2.2 have no counts and each agrees with its own change: the figures
    cannot tell which side is wrong, so the finding says so and gives both repairs."""
    text = render(Spec()).replace("4,00%\t+2,00%", "5,00%\t+3,00%")
    found = [f for f in _lint(text) if f.severity.value == "error"]
    assert [(f.code, f.found, f.expected) for f in found] == [("PC004", "96,00%", None)]
    ways = [[(c["found"], c["suggested"]) for c in e] for e in found[0].data["explanations"]]
    assert ways == [
        [("96,00%", "95,00%"), ("-2,00%", "-3,00%")],
        [("5,00%", "4,00%"), ("+3,00%", "+2,00%")],
    ]


def test_the_comparison_date_of_the_second_column_group_is_checked() -> None:
    rows = [*_ITEM1[:2], _ITEM1[2].format(second="-13.359")]
    head, _, tail = rows[1].rpartition("31/01/2024")
    rows[1] = head + "30/01/2024" + tail
    found = [f for f in _lint(_appendix_two(rows)) if f.severity.value == "error"]
    assert [(f.code, f.found, f.expected) for f in found] == [("DT002", "30/01/2024", "31/01/2024")]


def test_markdown_headings_do_not_hide_the_appendix_titles() -> None:
    text = render(Spec(pipe=True)).replace("PHỤ LỤC", "## PHỤ LỤC")
    result = lint(text.replace("\t4\t3\t-1", "\t4\t3\t+1").encode("utf-8"), format="markdown")
    report = result.files[0].report
    assert report is not None and [a.number for a in report.appendices] == ["I", "II"]
    errors = [(f.code, f.found) for f in result.findings if f.severity.value == "error"]
    assert errors == [("DL002", "+1")]


def _without_row_changes(text: str) -> str:
    """The closing row gives both sides but no change cell: the text's changes are then
    the only ones, and they are compared with the two sides of the row."""
    return text.replace("\tTăng 2,20 điểm, tăng 7 bậc", "\t")


def test_the_text_changes_are_compared_with_the_closing_row_sides() -> None:
    text = _without_row_changes(render(Spec()))
    assert _errors(_lint(text)) == []
    line = _line_of(text, "Điểm tổng hợp đạt")
    rank = text.replace("và tăng 7 bậc", "và tăng 6 bậc")
    found = [(f.code, f.found, f.expected, f.location.line) for f in _lint(rank)]
    assert ("SC003", "6", "7", line) in found
    total = text.replace("tăng 2,20 điểm;", "tăng 2,30 điểm;")
    found = [(f.code, f.found, f.expected, f.location.line) for f in _lint(total)]
    assert ("TO003", "2,30", "2,20", line) in found
    word = text.replace("tăng 2,20 điểm;", "giảm 2,20 điểm;")
    assert ("DL003", "giảm 2,20", line) in _errors(_lint(word))


def test_an_unknown_column_is_named_once_and_nothing_resting_on_it_is_an_error() -> None:
    """ "Số hồ sơ hiện có" names no side: its figure is not taken for the new one, so a
    change that would not fit a guess is not reported either."""
    text = render(Spec()).replace("Số hồ sơ ngày 29/02/2024", "Số hồ sơ hiện có")
    text = text.replace("\t4\t3\t-1", "\t4\t9\t-1")
    found = _lint(text)
    assert _errors(found) == []
    line = _line_of(text, "Số hồ sơ hiện có")
    infos = [(f.code, f.found, f.location.line) for f in found if f.code == "DC010"]
    assert infos == [("DC010", "Số hồ sơ hiện có", line)]


def test_an_axis_trend_word_against_the_total_change_names_the_word() -> None:
    """Without previous scores only the sum of the axis changes tells: the flipped word
    is the likeliest slip, and the finding quotes it and the other ways."""
    text = render(Spec()).replace("giảm 0,4 điểm so với", "tăng 0,4 điểm so với")
    line = _line_of(text, "Tiến độ giải quyết đạt")
    found = [f for f in _lint(text) if f.severity.value == "error"]
    assert [(f.code, f.found, f.location.line) for f in found] == [("DL003", "tăng 0,4", line)]
    assert found[0].data["trend_expected"] == "giảm" and found[0].data["basis"] == "plausibility"


def test_undecided_trend_words_are_listed_with_the_words_written() -> None:
    text = render(Spec()).replace("tăng 1,1 điểm so với", "giảm 1,1 điểm so với")
    found = [f for f in _lint(text) if f.severity.value == "error"]
    assert [(f.code, f.found) for f in found] == [("TO002", "2,20")]
    assert "(1) giảm 1,1 → tăng 1,1" in found[0].message


def test_a_previous_total_in_the_text_is_the_old_side_of_the_closing_row() -> None:
    def stated(prev: str) -> str:
        return render(Spec()).replace(
            "tăng 2,20 điểm;", f"tăng 2,20 điểm (tháng 01/2024 đạt {prev}/100 điểm);"
        )

    assert _errors(_lint(stated("89,90"))) == []
    line = _line_of(stated("88,90"), "Điểm tổng hợp đạt")
    found = [(f.code, f.found, f.expected, f.location.line) for f in _lint(stated("88,90"))]
    assert [f for f in found if f[0] in ("CO001", "SC005", "TO004")] == [
        ("CO001", "88,90", "89,90", line)
    ]


def _word(text: str) -> list[tuple[str, str | None, str | None]]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fix"))
    from docxgen import docx_from_text

    found = lint(docx_from_text(text), format="docx").findings
    return sorted((f.code, f.found, f.expected) for f in found if f.severity.value == "error")


@pytest.mark.parametrize(
    "text",
    [
        _with_previous(render(Spec()), {3: "9,4"}),
        _with_previous(render(Spec())).replace("giảm 0,4 điểm so với", "tăng 0,4 điểm so với"),
        render(Spec()).replace("4,00%\t+2,00%", "5,00%\t+3,00%"),
        _appendix_two([*_ITEM3[:2], _ITEM3[2].format(new="12.508", change="+682")]),
        _appendix_two([*_ITEM1[:2], _ITEM1[2].format(second="+13.359")]),
    ],
    ids=["previous-score", "trend-word", "rate-pair", "item-3", "item-1-second-group"],
)
def test_word_files_give_the_same_errors_as_text(text: str) -> None:
    in_text = sorted(
        (f.code, f.found, f.expected) for f in _lint(text) if f.severity.value == "error"
    )
    assert in_text and _word(text) == in_text


_TOTAL = (
    "1.7. Điểm tổng hợp đạt 92,10/100 điểm, tăng 2,20 điểm; xếp hạng 05/23 xã, thị trấn "
    "và tăng 7 bậc so với tháng 01 năm 2024."
)


@pytest.mark.parametrize(
    "sentence",
    [
        "1.7. Tổng điểm đạt 92,10/100 điểm, tăng 2,20 điểm; đứng thứ 5/23 xã, thị trấn, "
        "tăng {k} bậc so với tháng 01 năm 2024.",
        "1.7. Điểm tổng hợp đạt 92,10/100 điểm, tăng 2,20 điểm; xếp thứ 5 trên 23 xã, thị trấn,"
        " tăng {k} bậc so với tháng 01 năm 2024.",
        "1.7. Tổng điểm của xã đạt 92,10 điểm/100 điểm, tăng 2,20 điểm; xếp hạng 05/23 xã, "
        "thị trấn và tăng {k} bậc so với tháng 01 năm 2024.",
    ],
    ids=["dung-thu", "xep-thu-tren", "diem-tren-diem"],
)
def test_other_wordings_of_the_total_sentence_are_read(sentence: str) -> None:
    text = render(Spec())
    assert _TOTAL in text
    ok = text.replace(_TOTAL, sentence.format(k=7))
    report = lint(ok.encode("utf-8"), format="text").files[0].report
    assert report is not None and report.total is not None and report.rank is not None
    assert (report.total.score.value, report.rank.rank.value, report.rank.group) == (
        92.1,
        5.0,
        "xã, thị trấn",
    )
    assert _errors(_lint(ok)) == []
    line = _line_of(ok, "92,10")
    bad = text.replace(_TOTAL, sentence.format(k=6))
    assert _errors(_lint(bad)) == [("CO001", "6", line)]


def _signed(n: int) -> str:
    return format_number(n, 0, plus=True) if n else "0"


@settings(max_examples=15, deadline=None)
@given(
    st.lists(st.integers(0, 30000), min_size=4, max_size=4),
    st.integers(0, 1),
)
def test_each_column_group_of_item_one_is_its_own_change(counts: list[int], flip: int) -> None:
    """Any counts of the two systems give no error; a sign flipped in either group is
    found at that group's change and nowhere else."""
    changes = [counts[1] - counts[0], counts[3] - counts[2]]
    cells = [format_number(c, 0) for c in counts]
    row = [*cells[:2], _signed(changes[0]), *cells[2:], _signed(changes[1])]
    head = _ITEM1[2].split("\t")[:2]
    ok = _appendix_two([*_ITEM1[:2], "\t".join([*head, *row])])
    assert _errors(_lint(ok)) == []
    if changes[flip] == 0:
        return
    row[2 + 3 * flip] = _signed(-changes[flip])
    bad = _appendix_two([*_ITEM1[:2], "\t".join([*head, *row])])
    found = [
        (f.code, f.found, f.location.column) for f in _lint(bad) if f.severity.value == "error"
    ]
    line = bad.splitlines()[-1]
    column = len("\t".join([*head, *row[: 2 + 3 * flip]])) + 2
    assert found == [("DL002", row[2 + 3 * flip], column)]
    assert line.split("\t")[4 + 3 * flip] == row[2 + 3 * flip]


def test_last_months_rank_in_parentheses_is_not_the_rank() -> None:
    text = render(Spec()).replace(
        "tăng 2,20 điểm; xếp hạng 05/23",
        "tăng 2,20 điểm (tháng 01/2024 đạt 89,90/100 điểm, xếp hạng 12/23); xếp hạng 05/23",
    )
    result = lint(text.encode("utf-8"), format="text")
    report = result.files[0].report
    assert report is not None and report.rank is not None and report.total is not None
    assert (report.rank.rank.raw, report.total.previous and report.total.previous.raw) == (
        "05",
        "89,90",
    )
    assert _errors(list(result.findings)) == []


def test_a_month_in_running_text_is_a_warning_and_in_a_title_an_error() -> None:
    """Only a subject line or a title can be nothing but the period."""
    text = render(Spec())
    in_text = text.replace("báo cáo như sau", "báo cáo kết quả tháng 03/2024 như sau")
    in_title = text.replace("SỐ LIỆU THÁNG 02 NĂM 2024", "SỐ LIỆU THÁNG 03 NĂM 2024")
    for edited, severity in ((in_text, "warning"), (in_title, "error")):
        found = [(f.code, f.severity.value) for f in _lint(edited) if f.code == "DT003"]
        assert found == [("DT003", severity)]


_ITEM2 = [
    "{n}\tTỷ lệ hồ sơ trực tuyến\tTỷ lệ ngày 31/01/2024 (%)\tTỷ lệ ngày 29/02/2024 (%)\t"
    "Tăng (+)/Giảm (-) so với ngày 31/01/2024 (%)",
    "\t\t{old}\t{new}\t{change}",
]


def test_appendix_two_items_are_known_by_their_label_not_their_number() -> None:
    """A report that leaves item 1 out numbers the online rate 1: it is still the figure
    repeated from 3.4.a, and a table whose label names no known item is compared with
    nothing."""
    rows = [r.format(n="1", old="90,00%", new="91,50%", change="+1,50%") for r in _ITEM2]
    row_34 = "3.4.a\tHồ sơ nộp trực tuyến\t\t90,00%\t\t91,00%\t+1,00%"
    base = _appendix_two(rows).replace(
        "\nIII\tĐIỂM TỔNG HỢP",
        f"\nIII\tDịch vụ công trực tuyến\t\t\t\t\t\n{row_34}\nIV\tĐIỂM TỔNG HỢP",
    )
    found = [(f.code, f.found) for f in _lint(base) if f.severity.value == "error"]
    assert found == [("CO002", "91,50%")]
    other = base.replace("1\tTỷ lệ hồ sơ trực tuyến", "1\tSố hồ sơ tiếp nhận qua bưu chính")
    assert [f for f in _lint(other) if f.code == "CO002"] == []


def test_a_notes_column_is_not_an_unknown_column() -> None:
    text = render(Spec()).replace(
        "Tăng (+)/Giảm (-) so với ngày 31/01/2024\n1\t",
        "Tăng (+)/Giảm (-) so với ngày 31/01/2024\tGhi chú\n1\t",
    )
    assert "\tGhi chú\n" in text
    assert [f for f in _lint(text) if f.code == "DC010"] == []


def test_last_months_rank_in_parentheses_is_the_old_rank_of_the_closing_row() -> None:
    def stated(prev: str) -> str:
        return render(Spec()).replace(
            "tăng 2,20 điểm; xếp hạng 05/23",
            f"tăng 2,20 điểm (tháng 01/2024 đạt 89,90/100 điểm, xếp hạng {prev}/23); xếp hạng 05/23",
        )

    assert _errors(_lint(stated("12"))) == []
    line = _line_of(stated("13"), "Điểm tổng hợp đạt")
    found = [(f.code, f.found, f.expected, f.location.line) for f in _lint(stated("13"))]
    assert [f for f in found if f[0] in ("CO001", "SC003")] == [("CO001", "13", "12", line)]


def test_last_months_rank_in_the_text_checks_the_rank_change_without_a_closing_row() -> None:
    text = render(Spec(appendix2=False))
    text = text[: text.index("PHỤ LỤC I.")]  # no appendix: the sentence is all there is
    text = text.replace(
        "tăng 2,20 điểm; xếp hạng 05/23",
        "tăng 2,20 điểm (tháng 01/2024 đạt 89,90/100 điểm, xếp hạng 12/23); xếp hạng 05/23",
    )
    assert [f for f in _errors(_lint(text)) if f[0] == "SC003"] == []
    bad = text.replace("và tăng 7 bậc", "và tăng 6 bậc")
    line = _line_of(bad, "Điểm tổng hợp đạt")
    assert [f for f in _errors(_lint(bad)) if f[0] == "SC003"] == [("SC003", "6", line)]
