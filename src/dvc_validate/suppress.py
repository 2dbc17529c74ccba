"""Suppressions with a reason: in the config, or as Markdown/HTML comments.

``<!-- dvc-validate: ignore DL001 indicator=3.5.a reason="..." -->`` in a Markdown
source, or ``[[tool.dvc-validate.suppress]]`` in the config. A suppression that
matches no finding is reported as info (DV001), so stale ones get cleaned up.
"""

from __future__ import annotations

from .config import Config
from .model.document import Document
from .model.finding import Finding

__all__ = ["apply_suppressions"]


def apply_suppressions(findings: list[Finding], config: Config, path: str, doc: Document | None) -> list[Finding]:
    """Placeholder until the CLI work lands: returns findings unchanged."""
    return findings
