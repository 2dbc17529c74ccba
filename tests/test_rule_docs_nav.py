"""The generated rule pages: listed in the mkdocs nav, and a bad example reads as its fix."""

from __future__ import annotations

from pathlib import Path

from dvc_validate.casebook import changed_lines, load_casebook
from dvc_validate.docgen import NAV_END, NAV_START, render_examples, rules_nav

ROOT = Path(__file__).resolve().parents[1]


def test_the_nav_lists_every_rule_page() -> None:
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    committed = lines[lines.index(NAV_START) + 1 : lines.index(NAV_END)]
    assert committed == rules_nav(), "stale: run python -m dvc_validate.docgen docs/rules"
    pages = sorted(p.name for p in (ROOT / "docs" / "rules").glob("*.md") if p.name != "index.md")
    assert sorted(line.rsplit("/", 1)[1] for line in committed) == pages


def test_a_bad_example_removes_the_wrong_text_and_adds_the_right_one() -> None:
    book = load_casebook("PC001")
    assert book is not None
    bad = book.first("fail")
    assert bad is not None
    (_line, correct, wrong), *_ = changed_lines(bad)
    text = render_examples("PC001")
    block = text[text.index(f"### Bad: {bad.name}") :]
    diff = block[block.index("```diff") : block.index("```\n", block.index("```diff") + 3)]
    assert diff.index(f"- {wrong.split(chr(10))[0]}") < diff.index(f"+ {correct.split(chr(10))[0]}")
    assert bad.expect[0].found is not None and bad.expect[0].found in wrong
