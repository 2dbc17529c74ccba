"""Golden snapshots of every format, in both languages.

Update with ``pytest tests/report --snapshot-update`` after a deliberate change,
and read the diff of ``__snapshots__`` in review: it is the reporter's output.
"""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from dvc_validate.report import FORMATS, render

from .fixtures import build_result


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_snapshot(fmt: str, lang: str, snapshot: SnapshotAssertion) -> None:
    assert render(build_result(lang=lang), fmt, lang=lang) == snapshot


def test_snapshot_text_in_colour(snapshot: SnapshotAssertion) -> None:
    assert render(build_result(), "text", color=True) == snapshot
