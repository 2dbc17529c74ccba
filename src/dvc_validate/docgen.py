"""Generate the rule reference (docs/rules/) from the rules' own metadata.

Run ``python -m dvc_validate.docgen docs/rules``; a test fails when the committed
pages differ from what the registry says, so the docs cannot drift from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .casebook import Case, changed_lines, changed_previous_lines, load_casebook
from .checks.engine import REGISTRY, Rule, _load_rules

__all__ = [
    "render_examples",
    "render_index",
    "render_rule",
    "rules_nav",
    "write_docs",
    "write_nav",
]


def render_examples(code: str) -> str:
    """The case book as Markdown: for each case, the lines it changes and what is found."""
    book = load_casebook(code)
    if book is None:
        return ""
    out = [
        "## Examples",
        "",
        "Every example below is also a test (src/dvc_validate/cases/"
        f"{code}.yaml, run by tests/checks/test_casebooks.py). A bad example is shown "
        "as its fix: the wrong text `-`, the correct text `+`.",
        "",
    ]
    for case in book.cases:
        label = "Bad" if case.kind == "fail" else "Good"
        out.append(f"### {label}: {case.name}")
        out.append("")
        changes = changed_lines(case)
        if changes:
            out.append("```diff")
            out.extend(_diff_lines(changes, bad=case.kind == "fail"))
            out.append("```")
        elif case.kind == "pass":
            out.append("The bundled consistent report, unchanged.")
        out.extend(_previous_example(case))
        extra = [
            f"{k}: `{v}`"
            for k, v in (
                ("relations", case.relations),
                ("config", case.config),
                ("portal (edits to cases/portal/)", case.portal),
                ("encoding", case.encoding),
            )
            if v and v != "utf-8"
        ]
        out.extend(f"- {e}" for e in extra)
        for e in case.expect:
            where = (
                f"line {e.line}" + (f", column {e.column}" if e.column else "")
                if e.line
                else "the file"
            )
            shown = f"`{e.found}`" if e.found else "(empty)"
            arrow = f" → `{e.expected}`" if e.expected else ""
            out.append(f"- found at {where}: {shown}{arrow}")
        if case.kind == "pass":
            out.append(f"- no {code} finding")
        out.append("")
    return "\n".join(out)


def _previous_example(case: Case) -> list[str]:
    """Last month's report of a continuity case: what was edited in it, if anything."""
    if case.previous is None:
        return []
    run = " as the predecessor in a `--series` run" if case.series else " as `--previous`"
    changes = changed_previous_lines(case)
    if not changes:
        return ["", f"Last month's report (cases/base-previous.txt, unchanged){run}.", ""]
    out = ["", f"Last month's report (cases/base-previous.txt){run}, edited:", "", "```diff"]
    out.extend(_diff_lines(changes, bad=case.kind == "fail"))
    return [*out, "```", ""]


def _diff_lines(changes: list[tuple[int, str, str]], *, bad: bool) -> list[str]:
    """A bad example reads as its fix: the wrong text ``-``, the text that passes ``+``
    (as ``--diff`` shows it); a good example shows its edit of the consistent report."""
    out: list[str] = []
    for _line, before, after in changes:
        removed, added = (after, before) if bad else (before, after)
        out.extend(f"- {x}" for x in removed.split("\n"))
        out.extend(f"+ {x}" for x in added.split("\n"))
    return out


def render_rule(r: Rule) -> str:
    fix = r.fix.value if r.fix else "none"
    return (
        f"# {r.code} `{r.name}`\n\n"
        f"| | |\n|---|---|\n| Family | {r.family} |\n| Default severity | {r.severity.value} |\n"
        f"| Fix | {fix} |\n| Tiếng Việt | {r.title_vi} |\n| English | {r.title_en} |\n\n"
        f"## What it checks\n\n{r.rationale.replace('## ', '### ')}\n\n"
        f"## Messages\n\n- vi: `{r.message_vi}`\n- en: `{r.message_en}`\n\n"
        + render_examples(r.code)
    )


def render_index() -> str:
    lines = [
        "# Rule reference",
        "",
        "Generated from the rule registry (`python -m dvc_validate.docgen docs/rules`).",
        "",
        "| Code | Name | Severity | Tiếng Việt | English |",
        "|---|---|---|---|---|",
    ]
    for r in sorted(REGISTRY.values(), key=lambda r: r.code):
        lines.append(
            f"| [{r.code}]({r.code}.md) | `{r.name}` | {r.severity.value} | {r.title_vi} | {r.title_en} |"
        )
    return "\n".join(lines) + "\n"


NAV_START = "      # rule pages: written by python -m dvc_validate.docgen docs/rules"
NAV_END = "      # end of rule pages"


def rules_nav() -> list[str]:
    """The rule pages as mkdocs.yml nav lines, so that ``mkdocs build`` lists every page
    in the navigation instead of printing one INFO line per page left out."""
    _load_rules()
    return [
        f"      - {r.code} {r.name}: rules/{r.code}.md"
        for r in sorted(REGISTRY.values(), key=lambda r: r.code)
    ]


def write_nav(mkdocs_yml: Path) -> None:
    """Replace the lines between :data:`NAV_START` and :data:`NAV_END` in ``mkdocs_yml``."""
    lines = mkdocs_yml.read_text(encoding="utf-8").split("\n")
    start, end = lines.index(NAV_START), lines.index(NAV_END)
    lines[start + 1 : end] = rules_nav()
    mkdocs_yml.write_text("\n".join(lines), encoding="utf-8")


def write_docs(folder: Path) -> list[Path]:
    _load_rules()
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "index.md"]
    written[0].write_text(render_index(), encoding="utf-8")
    for r in REGISTRY.values():
        p = folder / f"{r.code}.md"
        p.write_text(render_rule(r), encoding="utf-8")
        written.append(p)
    return written


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules")
    write_docs(target)
    if (target.parent.parent / "mkdocs.yml").is_file():
        write_nav(target.parent.parent / "mkdocs.yml")
