"""The one rule-doc renderer: the docs page and ``explain`` tell the same examples."""

from __future__ import annotations

import re

import pytest

from dvc_validate.casebook import load_casebook
from dvc_validate.checks import REGISTRY, load_rules
from dvc_validate.report.ruledoc import render_examples, render_explain

load_rules()
_WITH_BAD_EDIT = sorted(
    code
    for code in REGISTRY
    if (book := load_casebook(code)) is not None and book.first("fail") is not None
)
_LINE = re.compile(r"^  line \d+: ?(.*)$")


def _first_bad_diff(code: str) -> tuple[list[str], list[str]]:
    """The ``-`` and ``+`` lines of the first bad example on the rule's docs page."""
    page = render_examples(code).split("### Bad: ", 1)[1].split("### ", 1)[0]
    diff = page.split("```diff\n", 1)[1].split("```", 1)[0] if "```diff" in page else ""
    lines = diff.splitlines()
    return [x[2:].strip() for x in lines if x.startswith("- ")], [
        x[2:].strip() for x in lines if x.startswith("+ ")
    ]


@pytest.mark.parametrize("code", _WITH_BAD_EDIT)
def test_explain_shows_the_docs_page_first_bad_example(code: str) -> None:
    """What the page marks ``-`` is what explain calls wrong; ``+`` what it calls good."""
    removed, added = _first_bad_diff(code)
    text = render_explain(REGISTRY[code], "en")
    if "Bad example:" not in text:  # an edit of last month's report only
        assert "Bad example, in last month's report:" in text or not removed
        return
    bad = text.split("Bad example:\n", 1)[1].split("Good:\n", 1)
    wrong = [m[1].strip() for ln in bad[0].splitlines() if (m := _LINE.match(ln))]
    good = [m[1].strip() for ln in bad[1].splitlines() if (m := _LINE.match(ln))]
    assert wrong[: len(removed)] == removed
    assert good[: len(added)] == added


def test_explain_speaks_one_language() -> None:
    r = REGISTRY["PC001"]
    vi, en = render_explain(r, "vi"), render_explain(r, "en")
    assert "Ví dụ sai:" in vi and "Bad example:" not in vi
    assert "Bad example:" in en and "Ví dụ sai:" not in en
