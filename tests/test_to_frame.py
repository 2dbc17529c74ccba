"""``Result.to_frame()`` keeps positions as integers and severity as an ordered category."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import dvc_validate
from dvc_validate.model.finding import Result

EXAMPLE_DOCX = Path(__file__).resolve().parents[1] / "examples" / "binh-thanh-2024-02.docx"


def test_positions_are_nullable_integers_and_severity_is_ordered() -> None:
    frame = dvc_validate.lint(EXAMPLE_DOCX).to_frame()
    for col in ("line", "column", "paragraph", "table", "row", "cell", "page"):
        assert frame[f"location_{col}"].dtype == "Int64", col
    assert isinstance(frame["severity"].dtype, pd.CategoricalDtype)
    assert list(frame["severity"].cat.categories) == ["info", "warning", "error"]
    assert frame["severity"].cat.ordered
    # a Word finding in a table has no line: <NA>, while its row stays the integer 4
    first = frame[frame["found"] == "1000%"].iloc[0]
    assert (first["location_table"], first["location_row"], first["location_cell"]) == (1, 4, 6)
    assert first["location_line"] is pd.NA
    at_least_warning = frame[frame["severity"] >= "warning"]
    assert set(at_least_warning["severity"]) == {"warning", "error"}


def test_an_empty_result_still_has_every_typed_column() -> None:
    frame = Result().to_frame()
    assert frame.empty
    assert frame["location_row"].dtype == "Int64"
    assert isinstance(frame["severity"].dtype, pd.CategoricalDtype)
    assert {"path", "code", "found", "expected", "fix_replacement"} <= set(frame)
