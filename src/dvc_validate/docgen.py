"""Generate the rule reference (docs/rules/) from the rules' own metadata.

Run ``python -m dvc_validate.docgen docs/rules``; a test fails when the committed
pages differ from what the registry says, so the docs cannot drift from the code.
The pages are rendered by :mod:`dvc_validate.report.ruledoc`, the renderer that
``dvc-validate explain`` uses too; this module writes them and the mkdocs nav.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .checks import REGISTRY, load_rules
from .report.ruledoc import render_examples, render_index, render_rule

__all__ = [
    "render_examples",
    "render_index",
    "render_rule",
    "rules_nav",
    "write_docs",
    "write_nav",
]


NAV_START = "      # rule pages: written by python -m dvc_validate.docgen docs/rules"
NAV_END = "      # end of rule pages"


def rules_nav() -> list[str]:
    """The rule pages as mkdocs.yml nav lines, so that ``mkdocs build`` lists every page
    in the navigation instead of printing one INFO line per page left out."""
    load_rules()
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
    load_rules()
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "index.md"]
    written[0].write_text(render_index(REGISTRY.values()), encoding="utf-8")
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
