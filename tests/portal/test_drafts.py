"""Drafts built from three units' portal figures: a commune, a ward and a department.

A consistent draft gives no PT finding; one axis score or one Appendix I figure
changed beyond its precision gives exactly one, at that figure, with the portal's
value (read here from the raw JSON) as ``expected``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clirun import Run
from dvc_validate.api import lint_file
from dvc_validate.config import Config
from dvc_validate.model.finding import Finding
from dvc_validate.portal import PortalData
from dvc_validate.vn import format_number
from portal.drafts import AXIS_KEYS, draft, unit_id_of
from reportgen import AXES

UNITS = ["UBND xã Xuân Lũng", "UBND Phường Vân Phú", "Sở Tư pháp - Tỉnh Phú Thọ"]
ENDPOINTS = {
    "cong_khai": ("transparency", "evaluation", "totalScore"),
    "tien_do": ("dvc-progress-tree", "children", "score"),
    "dvc_truc_tuyen": ("provide-online-tree", "children", "totalScore"),
    "thanh_toan": ("formality-online-payment-tree", "children", "totalScore"),
    "hai_long": ("handling-satisfaction", "evaluation", "totalScore"),
    "so_hoa": ("dossier-digitized", "evaluation", "totalScore"),
}


def _raw_unit(folder: Path, endpoint: str, key: str, name: str) -> dict[str, Any]:
    data = json.loads((folder / f"{endpoint}.json").read_text(encoding="utf-8"))["data"]
    return next(u for u in data[key] if u["departmentName"] == name)  # type: ignore[no-any-return]


def _pt(text: str, data: PortalData, config: Config | None = None) -> list[Finding]:
    fr = lint_file(text.encode("utf-8"), format="text", portal=data, config=config)
    return [f for f in fr.findings if f.code.startswith("PT")]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


@pytest.mark.parametrize("name", UNITS)
def test_a_consistent_draft_gives_no_portal_finding(recorded: PortalData, name: str) -> None:
    assert _pt(draft(recorded, unit_id_of(recorded, name)), recorded) == []


@pytest.mark.parametrize("name", UNITS)
@pytest.mark.parametrize("axis", range(6))
def test_one_axis_score_changed_gives_one_finding_there(
    recorded: PortalData, recorded_dir: Path, name: str, axis: int
) -> None:
    text = draft(recorded, unit_id_of(recorded, name))
    endpoint, key, field = ENDPOINTS[AXIS_KEYS[axis]]
    portal = _raw_unit(recorded_dir, endpoint, key, name)[field]
    label, maximum = AXES[axis]
    printed = format_number(portal, 1)
    wrong = format_number(portal + 1 if portal + 1 <= maximum else portal - 1, 1)
    old = f"{label} đạt {printed}/{maximum}"
    assert old in text
    changed = text.replace(old, f"{label} đạt {wrong}/{maximum}")
    got = [(f.code, f.location.line, f.found, f.expected) for f in _pt(changed, recorded)]
    assert got == [("PT010", _line_of(text, old), wrong, format_number(portal, 2))]


@pytest.mark.parametrize("name", UNITS)
@pytest.mark.parametrize("column", ["rate", "count"])
def test_one_appendix_figure_changed_gives_one_finding_there(
    recorded: PortalData, recorded_dir: Path, name: str, column: str
) -> None:
    unit = _raw_unit(recorded_dir, "dvc-progress-tree", "children", name)
    text = draft(recorded, unit_id_of(recorded, name))
    row = next(line for line in text.split("\n") if line.startswith("2.1\t"))
    cells = row.split("\t")
    if column == "rate":
        portal = format_number(unit["ratio"], 2, percent=True)
        wrong = format_number(
            unit["ratio"] - 1.5 if unit["ratio"] > 50 else unit["ratio"] + 1.5, 2, percent=True
        )
        at = 5
    else:
        portal = format_number(unit["totalOnTime"], 0)
        wrong = format_number(unit["totalOnTime"] + 7, 0)
        at = 4
    assert cells[at] == portal
    cells[at] = wrong
    changed = text.replace(row, "\t".join(cells))
    got = [(f.code, f.location.indicator, f.found, f.expected) for f in _pt(changed, recorded)]
    assert got == [("PT011", "2.1", wrong, portal)]


def _wrong_tien_do(text: str) -> str:
    line = next(x for x in text.split("\n") if "Tiến độ giải quyết đạt" in x)
    score = line.split(" đạt ")[1].split("/")[0]
    return text.replace(line, line.replace(f"đạt {score}/", "đạt 3,0/"))


def test_a_capture_after_the_issue_date_and_the_grace_days_gives_a_warning(
    recorded: PortalData,
) -> None:
    """Captured 26/09/2026; the draft is issued 05/09/2026 for August."""
    text = _wrong_tien_do(draft(recorded, unit_id_of(recorded, UNITS[0])))
    (f,) = _pt(text, recorded)
    assert f.severity.value == "warning"
    assert "Cổng DVCQG ngày 26/09/2026 ghi" in f.message


def test_a_capture_the_report_should_have_copied_gives_an_error(recorded: PortalData) -> None:
    text = _wrong_tien_do(draft(recorded, unit_id_of(recorded, UNITS[0])))
    late_issue = text.replace("ngày 05 tháng 9 năm 2026", "ngày 30 tháng 9 năm 2026")
    assert [f.severity.value for f in _pt(late_issue, recorded)] == ["error"]
    config = Config.model_validate({"options": {"PT010": {"grace_days": 30}}})
    assert [f.severity.value for f in _pt(text, recorded, config)] == ["error"]


def test_lint_with_portal_on_the_command_line(
    cli: Callable[..., Run], recorded: PortalData, recorded_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(
        _wrong_tien_do(draft(recorded, unit_id_of(recorded, UNITS[2]))), encoding="utf-8"
    )
    run = cli("lint", path, "--portal", recorded_dir, "--format", "json", "--lang", "en")
    assert run.code == 1, run.err  # 3,0 also breaks the report's own sum of axes (TO001)
    (f,) = [f for f in run.findings() if f["code"].startswith("PT")]
    assert f["code"] == "PT010" and "the portal on 26/09/2026 says" in f["message"]
    clean = tmp_path / "clean.txt"
    clean.write_text(draft(recorded, unit_id_of(recorded, UNITS[2])), encoding="utf-8")
    run = cli("lint", clean, "--portal", recorded_dir, "--format", "json")
    assert [f for f in run.findings() if f["code"].startswith("PT")] == []


@pytest.mark.parametrize("name", UNITS)
def test_the_total_of_appendix_one_is_held_against_the_portal_too(
    recorded: PortalData, recorded_dir: Path, name: str
) -> None:
    total = round(sum(_raw_unit(recorded_dir, e, k, name)[f] for e, k, f in ENDPOINTS.values()), 2)
    text = draft(recorded, unit_id_of(recorded, name))
    new_cell = f"\t\tĐạt {format_number(total, 2)}/100"
    assert text.count(new_cell) == 1
    wrong = format_number(total + 1, 2)
    changed = text.replace(new_cell, f"\t\tĐạt {wrong}/100")
    got = [(f.code, f.found, f.expected) for f in _pt(changed, recorded)]
    assert got == [("PT010", wrong, format_number(total, 2))]
