"""``check-table DIR``: the pack's relations over the recorded data, and the evaluator."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from clirun import Run
from dvc_validate.portal import PortalData
from dvc_validate.portal.evaluate import TableView, holds
from dvc_validate.portal.table import check_portal_table


def _raw(folder: Path, name: str) -> dict:  # type: ignore[type-arg]
    return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))["data"]  # type: ignore[no-any-return]


def test_the_recorded_folder_gives_exactly_the_cross_endpoint_differences(
    recorded: PortalData, recorded_dir: Path
) -> None:
    """Every relation the pack states holds on the recorded data except one: the files
    of the month as the satisfaction endpoint (captured 28/09) and the progress endpoint
    (26/09) count them. The expected list is computed here from the raw JSON."""
    handling, progress = (
        _raw(recorded_dir, "handling-satisfaction"),
        _raw(recorded_dir, "dvc-progress-tree"),
    )
    received = {u["departmentId"]: u["totalReceived"] for u in progress["children"]}
    received[progress["parent"]["departmentId"]] = progress["parent"]["totalReceived"]
    units = [(0, handling["overview"]), *enumerate(handling["evaluation"], 1)]
    want = {
        (
            "PT107",
            "handling-satisfaction.json",
            i or None,  # the province row is no row of the list
            str(u["totalDossiers"]),
            str(received[u["departmentId"]]),
        )
        for i, u in units
        if u["totalDossiers"] != received[u["departmentId"]]
    }
    assert len(want) == 25  # FIELDS.md: 24 units and the province row
    result = check_portal_table(recorded, lang="en")
    got = {(f.code, f.location.sheet, f.location.row, f.found, f.expected) for f in result.findings}
    assert got == want and len(result.findings) == len(want)
    assert {f.severity.value for f in result.findings} == {"warning"}
    assert all("captured 26/09/2026 and 28/09/2026" in f.message for f in result.findings)


def test_check_table_on_a_folder_runs_the_portal_pack(
    cli: Callable[..., Run], recorded_dir: Path
) -> None:
    run = cli("check-table", recorded_dir, "--format", "json")
    assert run.code == 0, run.err  # warnings only
    findings = run.findings()
    assert len(findings) == 25 and {f["code"] for f in findings} == {"PT107"}
    assert run.json()["files"][0]["period"] == "2026-08"
    import jsonschema

    schema = Path(__file__).resolve().parents[2] / "docs" / "schema" / "findings-1.json"
    jsonschema.validate(run.json(), json.loads(schema.read_text(encoding="utf-8")))


def _view(rate: float, count: float, total: float) -> TableView:
    table = pd.DataFrame(
        {
            "unit_id": ["u"],
            "period": ["2026-08"],
            "indicator": ["x"],
            "parent_id": [None],
            "count": [count],
            "total": [total],
            "rate": [rate],
            "score": [np.nan],
            "max_score": [np.nan],
        }
    )
    return TableView(table, {"rate": 2, "score": 2})


def _hu2(x: Decimal) -> float:
    return float(x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@given(st.integers(1, 10**6), st.data())
def test_a_rate_rounded_as_the_portal_rounds_is_never_a_finding(
    total: int, data: st.DataObject
) -> None:
    count = data.draw(st.integers(0, total))
    rate = _hu2(Decimal(100 * count) / Decimal(total))
    out = holds(_view(rate, count, total), "rate == 100 * count / total", np.array([0]))
    assert out.checked[0] and not out.failed[0]


@given(st.integers(1, 10**6), st.data())
def test_a_rate_off_by_more_than_its_precision_is_a_finding(
    total: int, data: st.DataObject
) -> None:
    count = data.draw(st.integers(0, total))
    off = data.draw(st.sampled_from([-1, 1])) * data.draw(st.floats(0.011, 50))
    rate = round(_hu2(Decimal(100 * count) / Decimal(total)) + off, 2)
    out = holds(_view(rate, count, total), "rate == 100 * count / total", np.array([0]))
    assert out.failed[0]


def test_a_figure_the_portal_does_not_give_is_not_checked() -> None:
    out = holds(_view(50.0, np.nan, 10), "rate == 100 * count / total", np.array([0]))
    assert not out.checked[0] and not out.failed[0]
    out = holds(_view(50.0, 0, 0), "rate == 100 * count / total", np.array([0]))
    assert not out.checked[0]  # no total: no rate to compare


def test_the_batch_path_takes_a_portal_folder_too(recorded_dir: Path) -> None:
    from dvc_validate.tables.batch import check_table

    result = check_table(recorded_dir, lang="en", name="phu-tho")
    assert result.files[0].path == "phu-tho" and len(result.findings) == 25
