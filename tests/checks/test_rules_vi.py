"""Every rule explains itself in Vietnamese: its rationale and its fix (issue 12).

``explain`` is Vietnamese by default, so a rule without these texts would show a
clerk the English docstring or nothing at all.
"""

from __future__ import annotations

import re

import pytest

from dvc_validate.checks import REGISTRY, load_rules
from dvc_validate.checks.texts_vi import vietnamese_text, vietnamese_texts
from dvc_validate.report.ruledoc import render_explain

load_rules()
_CODES = sorted(REGISTRY)
# letters only Vietnamese uses: a text without any is not Vietnamese prose
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
_ENGLISH_HEADINGS = ("## ", "Why", "Fix:", "Bad example", "Good:", "Family:", "Severity:")


@pytest.mark.parametrize("code", _CODES)
def test_every_rule_has_a_vietnamese_rationale_and_fix(code: str) -> None:
    why, fix = vietnamese_text(code) or ("", "")
    assert why and _VIETNAMESE.search(why)
    assert fix and _VIETNAMESE.search(fix)


def test_no_text_for_a_rule_that_does_not_exist() -> None:
    """A renamed or removed rule leaves no stale entry behind."""
    assert sorted(set(vietnamese_texts()) - set(REGISTRY)) == []


@pytest.mark.parametrize("code", _CODES)
def test_explain_in_vietnamese_has_no_english_heading(code: str) -> None:
    rule = REGISTRY[code]
    text = render_explain(rule, "vi")
    assert not [h for h in _ENGLISH_HEADINGS if h in text]
    assert "\nLý do:\n" in text and "\nCách sửa:\n" in text
    _, fix = vietnamese_text(code) or ("", "")
    assert fix and " ".join(fix.split()) in " ".join(text.split())
    assert rule.rationale.splitlines()[0] not in text  # the English docstring stays out


def test_explain_in_english_shows_the_docstring_and_no_vietnamese_heading() -> None:
    rule = REGISTRY["DV001"]
    text = render_explain(rule, "en")
    assert rule.rationale in text
    assert "Family: meta · Severity: info · Auto-fix: no" in text
    assert not [h for h in ("Lý do", "Cách sửa", "Nhóm:", "Mức:") if h in text]


def test_explain_in_vietnamese_names_severity_family_and_fix_in_vietnamese() -> None:
    text = render_explain(REGISTRY["PC001"], "vi")
    assert (
        text.splitlines()[1] == "Nhóm: tỷ lệ (percentages) · Mức: lỗi · Sửa tự động: không an toàn"
    )
