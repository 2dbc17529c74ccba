"""The same specs through pandera's polars backend (``import pandera.polars``).

Every check of the pandas path runs there: row checks as expressions, group
checks (PC003, PC004) as window expressions (``.over``), because pandera's
polars check backend has no groupby. The findings must be the same.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

pl = pytest.importorskip("polars")
pap = pytest.importorskip("pandera.polars")

from dvc_validate.model.finding import Finding  # noqa: E402
from dvc_validate.tables.frame import (  # noqa: E402
    compile_pack_polars,
    validate_frame,
    validate_frame_polars,
)
from test_schemas import frame, perturbed_frames  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _key(findings: list[Finding]) -> list[tuple[object, ...]]:
    return sorted(
        (f.code, f.location.row, f.location.indicator, f.data.get("role"), f.found, f.expected)
        for f in findings
    )


def test_the_bình_thành_draft_gives_the_same_findings() -> None:
    from dvc_validate.api import extract_report

    report, _ = extract_report(ROOT / "examples" / "binh-thanh-2024-02.txt")
    df = report.to_frame()
    pandas_side = validate_frame(df)
    assert pandas_side
    assert _key(validate_frame_polars(pl.from_pandas(df))) == _key(pandas_side)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(perturbed_frames())
def test_perturbed_frames_give_the_same_findings(df: pd.DataFrame) -> None:
    assert _key(validate_frame_polars(pl.from_pandas(df))) == _key(validate_frame(df))


def test_the_schema_is_a_polars_schema_with_one_check_per_spec() -> None:
    schema = compile_pack_polars()
    assert isinstance(schema, pap.DataFrameSchema)
    assert "PC004:new.rate" in [c.name for c in schema.checks]


def test_group_checks_partition_by_the_report_keys_of_a_long_table() -> None:
    a = frame({"indicator": "2.1", "new_rate": 96.91}, {"indicator": "2.2", "new_rate": 3.09})
    b = frame({"indicator": "2.1", "new_rate": 96.91}, {"indicator": "2.2", "new_rate": 13.09})
    long = pl.from_pandas(
        pd.concat([a.assign(unit_id="A"), b.assign(unit_id="B")], ignore_index=True).assign(
            period="2024-02"
        )
    )
    with pytest.raises(pap.errors.SchemaErrors) as err:
        compile_pack_polars(keys=("unit_id", "period")).validate(long, lazy=True)
    fc = err.value.failure_cases
    assert fc.select("check", "index").rows() == [("PC004:new.rate", 2)]  # unit B's 2.1


def test_a_lazyframe_runs_the_data_checks_only_when_asked() -> None:
    """pandera validates a polars LazyFrame's schema only, unless the validation
    depth says otherwise: data checks need the data collected."""
    from pandera.config import ValidationDepth, config_context

    lf = pl.from_pandas(
        frame({"indicator": "5.1", "new_rate": 1000, "new_rate_decimals": 0})
    ).lazy()
    compile_pack_polars().validate(lf, lazy=True).collect()  # schema only: passes
    with (
        config_context(validation_depth=ValidationDepth.SCHEMA_AND_DATA),
        pytest.raises(pap.errors.SchemaErrors),
    ):
        compile_pack_polars().validate(lf, lazy=True).collect()
