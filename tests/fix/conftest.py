"""Fixtures of the fixer tests: the corpus draft copied into a temporary folder."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # reportgen, typoinject
sys.path.insert(0, str(HERE))  # docxgen, fixsupport

EXAMPLES = HERE.parents[1] / "examples"


@pytest.fixture
def draft(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """``draft.txt`` (or ``draft.docx`` with ``indirect`` parametrisation)."""
    suffix = getattr(request, "param", ".txt")
    target = tmp_path / f"draft{suffix}"
    shutil.copy2(EXAMPLES / f"binh-thanh-2024-02{suffix}", target)
    return target
