"""The reader: recorded responses become the long table; anything else is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dvc_validate.errors import NotAReportError
from dvc_validate.portal import PortalData, read_portal
from dvc_validate.portal.read import table_columns


def test_the_recorded_folder_is_one_row_per_unit_period_and_indicator(
    recorded: PortalData, recorded_dir: Path
) -> None:
    t = recorded.table
    assert tuple(t.columns) == table_columns()
    assert not t.duplicated(["unit_id", "period", "indicator"]).any()
    assert t["unit_id"].nunique() == 164  # 163 units and the province
    assert set(t["period"]) == {"2026-08"}
    # every unit's figures, as the JSON gives them: a commune's progress row
    raw = json.loads((recorded_dir / "dvc-progress-tree.json").read_text(encoding="utf-8"))
    unit = raw["data"]["children"][1]
    row = t[(t["unit_id"] == unit["departmentId"]) & (t["indicator"] == "tien_do")].iloc[0]
    assert (row["count"], row["total"], row["rate"], row["score"], row["max_score"]) == (
        unit["totalOnTime"],
        unit["totalReceived"],
        unit["ratio"],
        unit["score"],
        unit["maxScore"],
    )
    assert row["unit_code"] == unit["departmentCode"] and row["file"] == "dvc-progress-tree.json"
    assert row["item"] == 2 and row["parent_id"] == raw["data"]["parent"]["departmentId"]


def test_level_type_and_capture_come_with_every_row(recorded: PortalData) -> None:
    units = recorded.units()
    assert units["level"].value_counts().to_dict() == {"xa": 148, "tinh": 16}
    assert units["unit_code"].notna().all()  # given by some endpoints, filled on all rows
    assert recorded.captures["handling-satisfaction"].captured_at is not None
    assert str(recorded.captures["transparency"].captured_at)[:10] == "2026-09-26"
    assert str(recorded.captures["dossier-digitized"].captured_at)[:10] == "2026-09-28"


def test_files_without_a_capture_record_need_the_period(recorded_dir: Path) -> None:
    files = [recorded_dir / "transparency.json"]
    with pytest.raises(NotAReportError, match="YYYY-MM"):
        read_portal(files)
    data = read_portal(files, period="2026-08")
    assert data.periods == ["2026-08"] and set(data.table["file"]) == {"transparency.json"}


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("transparency.json", b"not json at all"),
        ("transparency.json", b'{"code": "SUCCESS", "data": {"items": []}}'),
        ("transparency.json", b'{"data": {"evaluation": [{"stt": 1}]}}'),
        ("report.json", b'{"data": {"evaluation": []}}'),
    ],
)
def test_a_file_that_is_not_a_response_is_refused_in_one_sentence(
    name: str, content: bytes
) -> None:
    with pytest.raises(NotAReportError) as exc:
        read_portal({name: content}, period="2026-08")
    message = exc.value.message("en")
    assert name in message and "not a response of the portal" in message
    assert message.endswith(".") and ". " not in message and "\n" not in message
