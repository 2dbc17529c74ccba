"""A rank among the provinces against the number of provinces of its period: 63 before
1/7/2025, 34 from then on. The texts are written for the tests. A period that is not
known, a span across the change, or words that do not plainly name all the provinces
give no finding: the count is never guessed into an error."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dvc_validate.api import lint_file
from dvc_validate.config import Config
from dvc_validate.extract.prose_ranks import named_months
from dvc_validate.pack import builtin_pack
from dvc_validate.pack.prose import builtin_vocabulary

from .conftest import Row, at, lint_text

SENTENCE = (
    "{when}, Bộ chỉ số của tỉnh đạt 82,8/100 điểm, tăng 1,9 điểm (80,9 điểm), "
    "xếp thứ 13/{n} {group}."
)
SUBJECT = "V/v báo cáo kết quả Bộ chỉ số tháng {m} năm {y}\n\n"


def st016(text: str) -> list[Row]:
    return [r for r in lint_text(text) if r[0] == "ST016"]


@pytest.mark.parametrize(
    ("when", "right", "wrong"),
    [
        ("Năm 2023", "63", "34"),
        ("Quý II/2025", "63", "34"),
        ("6 tháng đầu năm 2025", "63", "34"),
        ("Tháng 9/2025", "34", "63"),
        ("Quý IV năm 2025", "34", "63"),
    ],
)
def test_the_number_of_provinces_of_the_period_named_in_the_sentence(
    when: str, right: str, wrong: str
) -> None:
    good = SENTENCE.format(when=when, n=right, group="tỉnh, thành phố")
    assert st016(good) == []
    bad = SENTENCE.format(when=when, n=wrong, group="tỉnh, thành phố")
    line, col = at(bad, f"13/{wrong}")
    assert st016(bad) == [("ST016", "error", line, col, wrong, right)]


@pytest.mark.parametrize(
    "group", ["tỉnh, thành", "tỉnh, thành phố trực thuộc Trung ương", "cả nước"]
)
def test_each_wording_of_the_provinces_is_held_to_the_count(group: str) -> None:
    bad = SENTENCE.format(when="Tháng 9/2025", n="63", group=group)
    assert [(r[4], r[5]) for r in st016(bad)] == [("63", "34")]


def test_the_texts_period_serves_when_the_rank_names_none() -> None:
    body = "Bộ chỉ số của tỉnh đạt 82,8/100 điểm, tăng 1,9 điểm (80,9 điểm), xếp thứ 13/{n} tỉnh, thành."
    after = SUBJECT.format(m=9, y=2025) + body
    assert st016(after.format(n=34)) == []
    line, col = at(after.format(n=63), "13/63", line=3)
    assert st016(after.format(n=63)) == [("ST016", "error", line, col, "63", "34")]
    before = SUBJECT.format(m=5, y=2025) + body
    assert st016(before.format(n=63)) == []
    assert [(r[4], r[5]) for r in st016(before.format(n=34))] == [("34", "63")]


def test_an_unknown_period_gives_no_finding() -> None:
    body = "Bộ chỉ số của tỉnh đạt 82,8/100 điểm, tăng 1,9 điểm (80,9 điểm), xếp thứ 13/{n} tỉnh, thành."
    assert st016(body.format(n=63)) == []
    assert st016(body.format(n=34)) == []


def test_a_period_compared_with_is_not_the_ranks_own() -> None:
    """ "tăng 15 bậc so với năm 2024": the rank is of the text's period; without one, the
    sentence says nothing certain; across the change, nothing either."""
    body = (
        "Bộ chỉ số của tỉnh đạt 82,8/100 điểm, tăng 1,9 điểm (80,9 điểm). "
        "So với năm 2024, tỉnh tăng 15 bậc, xếp thứ 5/{n} tỉnh, thành phố."
    )
    assert st016(body.format(n=34)) == []
    assert st016(SUBJECT.format(m=9, y=2025) + body.format(n=34)) == []  # 2024 … 9/2025
    assert [(r[4], r[5]) for r in st016(SUBJECT.format(m=5, y=2025) + body.format(n=34))] == [
        ("34", "63")
    ]


def test_another_sentences_year_only_widens_the_texts_period() -> None:
    """ "Năm 2023, … . Hiện nay, …": the rank may be of now, not of 2023."""
    body = (
        "Năm 2023, Bộ chỉ số của tỉnh đạt 82,8/100 điểm, tăng 1,9 điểm (80,9 điểm). "
        "Hiện nay, tỉnh xếp thứ 5/{n} tỉnh, thành phố."
    )
    assert st016(body.format(n=34)) == []  # no text period: unknown
    assert st016(SUBJECT.format(m=9, y=2025) + body.format(n=34)) == []  # 2023 … 9/2025
    assert [(r[4], r[5]) for r in st016(SUBJECT.format(m=12, y=2023) + body.format(n=34))] == [
        ("34", "63")
    ]


@pytest.mark.parametrize(
    "text",
    [
        SENTENCE.format(when="Tháng 9/2025", n="10", group="huyện"),
        SENTENCE.format(when="Năm 2023", n="10", group="huyện, thị xã, thành phố"),
        SENTENCE.format(when="Tháng 9/2025", n="5", group="tỉnh khu vực Tây Nguyên"),
        "Trong khu vực Tây Nguyên, năm 2023 tỉnh đạt 82,8/100 điểm, tăng 1,9 điểm (80,9 điểm), "
        "xếp thứ 2/5 tỉnh.",
        SENTENCE.format(when="Năm 2023", n="36", group="sở, ngành"),
        SENTENCE.format(when="Năm 2025", n="34", group="tỉnh, thành phố"),  # across 1/7/2025
        SENTENCE.format(when="Tháng 6/2025 và tháng 9/2025", n="63", group="tỉnh, thành phố"),
    ],
)
def test_no_finding_when_the_group_is_not_all_provinces_or_the_period_spans_the_change(
    text: str,
) -> None:
    assert st016(text) == []


def test_the_message_names_the_period_and_the_count_in_each_language() -> None:
    bad = SENTENCE.format(when="Năm 2023", n="34", group="tỉnh, thành phố").encode()
    vi = lint_file(bad, format="text").findings
    en = lint_file(bad, format="text", config=Config(lang="en")).findings
    assert [f.message for f in vi if f.code == "ST016"] == [
        "13/34 tỉnh, thành phố: kỳ 2023 có 63 tỉnh, thành phố, không phải 34"
    ]
    assert [f.message for f in en if f.code == "ST016"] == [
        "«13/34 tỉnh, thành phố»: the period 2023 has 63 provinces, not 34"
    ]


def test_named_periods_blank_a_decisions_date() -> None:
    text = "Theo Quyết định 766/QĐ-TTg ngày 23/6/2022, quý I/2023 và 6 tháng cuối năm 2024"
    assert sorted(p[:2] for p in named_months(text)) == [
        ((2023, 1), (2023, 3)),
        ((2024, 7), (2024, 12)),
    ]


def test_the_provinces_count_changes_when_the_pack_says_local_government_did() -> None:
    """The vocabulary's dates and the rule pack's two-level date are one fact, kept twice."""
    counts = builtin_vocabulary().unit_groups["province"].counts
    change = dt.date.fromisoformat(builtin_pack().two_level_from)
    assert {(c.count, c.since, c.until) for c in counts} == {(63, None, change), (34, change, None)}


_MONTHS = st.tuples(st.integers(2016, 2030), st.integers(1, 12))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(month=_MONTHS, n=st.integers(2, 99), rank=st.integers(1, 2))
def test_any_month_any_n(month: tuple[int, int], n: int, rank: int) -> None:
    """In any month, N is found exactly when it is not that month's number of provinces."""
    y, m = month
    right = 34 if (y, m) >= (2025, 7) else 63
    text = (
        f"Tháng {m}/{y}, Bộ chỉ số của tỉnh đạt 82,8/100 điểm, tăng 1,9 điểm (80,9 điểm), "
        f"xếp thứ {rank}/{n} tỉnh, thành phố."
    )
    found = [(r[4], r[5]) for r in st016(text)]
    assert found == ([] if n == right else [(str(n), str(right))])
