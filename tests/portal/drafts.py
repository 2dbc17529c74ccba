"""Drafts built from one unit's portal figures, in the template layout.

``tests/reportgen.py`` renders the template from a :class:`Spec`; this glue fills
the spec from the portal's long table and writes what the template derives
differently from the portal: the header of a department (its parent authority
above it), and rows 2.1/2.2, which the template computes from the axis score but
the portal gives as ``totalOnTime``/``totalReceived``.
"""

from __future__ import annotations

from dataclasses import replace

from dvc_validate.portal.names import name_key
from dvc_validate.portal.read import PortalData
from dvc_validate.vn import format_number
from reportgen import AXES, Spec, render

AXIS_KEYS = ("cong_khai", "tien_do", "dvc_truc_tuyen", "thanh_toan", "hai_long", "so_hoa")


def figure(data: PortalData, unit_id: str, indicator: str, column: str) -> float:
    t = data.table
    row = t[(t["unit_id"] == unit_id) & (t["indicator"] == indicator)]
    return float(row[column].iloc[0])


def unit_id_of(data: PortalData, name: str) -> str:
    u = data.units()
    return str(u.loc[u["unit_name"] == name, "unit_id"].iloc[0])


def draft(data: PortalData, unit_id: str, *, province: str = "Phú Thọ") -> str:
    """A consistent report of ``unit_id`` for the data's month, in the template layout."""
    u = data.units().set_index("unit_id").loc[unit_id]
    level, core = name_key(str(u["unit_name"]))
    year, month = (int(x) for x in data.periods[0].split("-"))
    scores = [figure(data, unit_id, k, "score") for k in AXIS_KEYS]
    department = level is None
    words = core.split()
    if department:  # "sở y tế" → level "Sở", name "Y tế"
        spec_level, spec_name = words[0].capitalize(), " ".join(words[1:]).capitalize()
    else:
        spec_level, spec_name = level or "xã", " ".join(w.capitalize() for w in words)
    spec = replace(
        Spec(),
        level=spec_level,
        name=spec_name,
        group="sở, ban, ngành" if department else "xã, phường",
        year=year,
        month=month,
        scores=scores,
        changes=[0.0] * len(AXES),
    )
    text = render(spec)
    if department:
        text = text.replace("ỦY BAN NHÂN DÂN\n", f"UBND TỈNH {province.upper()}\n", 1)
        text = text.replace(
            f"UBND {spec_level} {spec_name} báo cáo", f"{spec_level} {spec_name} báo cáo"
        )
    received = figure(data, unit_id, "tien_do", "total")
    on_time = figure(data, unit_id, "tien_do", "count")
    rate = figure(data, unit_id, "tien_do", "rate")
    overdue = round(100 * (received - on_time) / received, 2) if received else 0.0
    old_on = round(scores[1] * 5, 2)
    pct = lambda v, plus=False: format_number(v, 2, percent=True, plus=plus)  # noqa: E731
    text = text.replace(
        f"\t\t{pct(old_on)}\t\t{pct(old_on)}\t{pct(0.0, True)}",
        f"\t{format_number(on_time, 0)}\t{pct(old_on)}\t{format_number(on_time, 0)}\t{pct(rate)}\t"
        f"{pct(round(rate - old_on, 2), True)}",
    )
    text = text.replace(
        f"\t\t{pct(100 - old_on)}\t\t{pct(100 - old_on)}\t{pct(0.0, True)}",
        f"\t\t{pct(100 - old_on)}\t\t{pct(overdue)}\t{pct(round(overdue - 100 + old_on, 2), True)}",
    )
    return text
