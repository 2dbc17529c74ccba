"""The portal's findings speak the user's language: the unit by its name in quotation
marks, the indicator and the relation in words, the keys only in ``data``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from dvc_validate.checks import REGISTRY, RuleContext, load_rules
from dvc_validate.checks.families.portal import relation_finding
from dvc_validate.errors import RulePackError
from dvc_validate.pack import builtin_pack
from dvc_validate.portal import PortalData
from dvc_validate.portal.pack import load_portal_pack, portal_pack
from dvc_validate.portal.relations import Failure

PACK = Path(__file__).resolve().parents[2] / "rules" / "portal.yaml"


def _relation(code: str, check: str):  # type: ignore[no-untyped-def]
    return next(r for r in portal_pack().relations if r.code == code and r.check == check)


def _finding(code: str, check: str, indicator: str, lang: str):  # type: ignore[no-untyped-def]
    load_rules()
    table = pd.DataFrame(
        {
            "unit_name": ["UBND xã Hòa Bình"],
            "unit_id": ["u-1"],
            "period": ["2026-08"],
            "indicator": [indicator],
            "file": ["dossier-digitized.json"],
            "item": [3],
        }
    )
    failure = Failure(_relation(code, check), 0, 100.0, 101.0, ("2026-09-26", "2026-09-28"))
    ctx = RuleContext(rule=REGISTRY[code], pack=builtin_pack(), lang=lang)
    return relation_finding(ctx, failure, table)


_PT107 = 'total == total["hai_long/DOSSIER_RECEIVING_SATISFACTION"]'


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "vi",
            "«UBND xã Hòa Bình» · 2026-08 · Tỷ lệ hồ sơ thủ tục hành chính có cấp kết quả "
            "giải quyết thủ tục hành chính điện tử: 100 hồ sơ, còn API của Tỷ lệ hài lòng "
            "trong tiếp nhận, giải quyết TTHC ghi 101 (hai API đếm cùng các hồ sơ) "
            "(số liệu lấy ngày 26/09/2026 và 28/09/2026)",
        ),
        (
            "en",
            "«UBND xã Hòa Bình» · 2026-08 · Files with an electronic result: 100 files, while "
            "the endpoint of Satisfaction with receiving and handling files says 101 (two "
            "endpoints count the same files) (captured 26/09/2026 and 28/09/2026)",
        ),
    ],
)
def test_a_relation_finding_names_the_indicators_and_the_relation_in_words(
    lang: str, message: str
) -> None:
    f = _finding("PT107", _PT107, "so_hoa/ORIGINAL_RESULT_AVAILABLE", lang)
    assert (f.code, f.location.sheet, f.location.row, f.found, f.expected) == (
        "PT107",
        "dossier-digitized.json",
        3,
        "100",
        "101",
    )
    assert f.message == message
    # the keys, for tools, in either language
    assert (f.data["indicator"], f.data["check"], f.data["unit_id"], f.data["unit"]) == (
        "so_hoa/ORIGINAL_RESULT_AVAILABLE",
        _PT107,
        "u-1",
        "UBND xã Hòa Bình",
    )


def test_a_metric_the_pack_does_not_name_is_shown_by_its_code_in_quotation_marks() -> None:
    """A metric the portal adds later is the portal's word until the pack names it:
    quoted, never passed off as the tool's own words."""
    f = _finding("PT105", "score <= max_score", "so_hoa/NEW_METRIC", "vi")
    assert f.message.startswith('«UBND xã Hòa Bình» · 2026-08 · "so_hoa/NEW_METRIC": điểm 100 ')


def test_every_indicator_of_the_recorded_data_is_named_in_both_languages(
    recorded: PortalData,
) -> None:
    axes = {a.key for a in builtin_pack().axes}
    pack = portal_pack()
    assert {e.axis for e in pack.endpoints} <= axes  # the index pack names the axes
    indicators = set(recorded.table["indicator"].astype(str))
    assert sorted(indicators - axes - set(pack.names)) == []
    assert all(n.vi and n.en and n.vi != n.en for n in pack.names.values())


def test_a_pack_that_leaves_an_indicator_unnamed_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(PACK.read_text(encoding="utf-8"))
    del data["names"]["tien_do/overdue"]
    path = tmp_path / "portal.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RulePackError, match="tien_do/overdue"):
        load_portal_pack(path)
