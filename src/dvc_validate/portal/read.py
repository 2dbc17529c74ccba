"""Read recorded responses of the portal's reporting API into the long table.

One row per unit, period and indicator, with the unit's id, code, name, level,
type and parent, and the figures the API gives: ``count`` and ``total`` (a
numerator and its denominator), ``rate``, ``score`` and ``max_score``. Which
JSON field feeds which row is data (``rules/portal.yaml``, ``endpoints``).
``file``/``item`` say where each row came from (``item`` is the unit's 1-based
place in the file's list, 0 for the province row) and ``captured_at`` when.

Period and scope come from the capture record (``CAPTURES.json``, written by
``dvc-validate portal fetch`` and kept with the recorded data) or, for files
without one, from the caller. A file that is not such a response is refused
with one plain sentence: checking it would only produce noise.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import CorruptInputError, FileMissingError, InputTooLargeError, NotAReportError
from .pack import Endpoint, PortalPack, portal_pack

__all__ = [
    "CAPTURES",
    "Capture",
    "PortalData",
    "is_portal_source",
    "read_portal",
    "table_columns",
]

#: The capture record written beside the responses.
CAPTURES = "CAPTURES.json"
_MAX_BYTES = 64 * 1024 * 1024  # a province's six responses are well under 1 MB
_LEVELS = {"COMMUNE": "xa", "DISTRICT": "huyen", "PROVINCE": "tinh"}
_PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def is_portal_source(path: str | os.PathLike[str]) -> bool:
    """A folder (of portal responses) or a single ``.json`` response: the portal path."""
    p = Path(path)
    return p.is_dir() or p.suffix.lower() == ".json"


def table_columns() -> tuple[str, ...]:
    """The columns of the portal's long table, in order (``docs/portal.md``)."""
    return (
        "unit_id",
        "unit_code",
        "unit_name",
        "level",
        "group",
        "parent_id",
        "period",
        "indicator",
        "count",
        "total",
        "rate",
        "score",
        "max_score",
        "file",
        "item",
        "captured_at",
    )


@dataclass(frozen=True)
class Capture:
    """When and for what one response was captured."""

    endpoint: str
    file: str
    period: str
    captured_at: datetime | None = None
    scope: str | None = None
    url: str | None = None


@dataclass
class PortalData:
    """The long table and the captures it came from."""

    table: pd.DataFrame
    captures: dict[str, Capture] = field(default_factory=dict)  # by endpoint
    source: str = ""

    @property
    def periods(self) -> list[str]:
        return sorted({c.period for c in self.captures.values()})

    def units(self) -> pd.DataFrame:
        """One row per unit: id, code, name, level, group, parent."""
        cols = ["unit_id", "unit_code", "unit_name", "level", "group", "parent_id"]
        return self.table[cols].drop_duplicates("unit_id").reset_index(drop=True)

    def captured(self, indicator: str) -> Capture | None:
        """The capture of the endpoint that gives ``indicator`` (``axis`` or ``axis/…``)."""
        axis = indicator.split("/")[0]
        pack = portal_pack()
        ep = next((e for e in pack.endpoints if e.axis == axis), None)
        return None if ep is None else self.captures.get(ep.endpoint)


def _refuse(name: str, why_vi: str, why_en: str) -> NotAReportError:
    return NotAReportError(
        f"{name} không phải là phản hồi của API báo cáo Cổng DVCQG ({why_vi}).",
        f"{name} is not a response of the portal's reporting API ({why_en}).",
        path=name,
    )


def _load_json(name: str, data: bytes) -> Any:
    if len(data) > _MAX_BYTES:
        raise InputTooLargeError(
            f"Tệp {name} quá lớn ({len(data):,} byte).",
            f"File {name} is too large ({len(data):,} bytes).",
            size=len(data),
        )
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refuse(name, "không phải JSON", "not JSON") from exc


def _files(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> dict[str, bytes]:
    """Name → bytes of a folder's JSON files, or of the files given."""
    if isinstance(source, (str, os.PathLike)):
        root = Path(source)
        found = root.iterdir() if root.is_dir() else iter([root])
        paths = sorted(p for p in found if root.is_file() or p.suffix.lower() == ".json")
    else:
        paths = [Path(p) for p in source]
    out: dict[str, bytes] = {}
    for p in paths:
        if not p.is_file():
            raise FileMissingError(f"Không tìm thấy tệp {p}.", f"File not found: {p}.", path=str(p))
        if p.stat().st_size > _MAX_BYTES:
            raise InputTooLargeError(
                f"Tệp {p} quá lớn.", f"File {p} is too large.", size=p.stat().st_size
            )
        try:
            out[p.name] = p.read_bytes()
        except OSError as exc:
            raise CorruptInputError(
                f"Không đọc được {p}: {exc.strerror}.", f"Cannot read {p}: {exc.strerror}."
            ) from exc
    return out


def _period_of(capture: Mapping[str, Any]) -> str | None:
    payload = capture.get("payload") or {}
    if isinstance(payload.get("year"), int) and isinstance(payload.get("month"), int):
        return f"{payload['year']:04d}-{payload['month']:02d}"
    start = str(payload.get("fromDate") or "")
    return start[:7] if _PERIOD_RE.match(start[:7]) else None


def _when(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _captures(files: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    """The capture record's entries by local file name (empty without a record)."""
    if CAPTURES not in files:
        return {}
    record = _load_json(CAPTURES, files[CAPTURES])
    entries = record.get("captures") if isinstance(record, dict) else None
    if not isinstance(entries, list):
        raise _refuse(CAPTURES, "thiếu danh sách captures", "no list of captures")
    out: dict[str, dict[str, Any]] = {}
    for e in entries:
        if isinstance(e, dict):
            name = e.get("localFile") or Path(str(e.get("file", ""))).name
            out[str(name)] = e
    return out


def read_portal(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Mapping[str, bytes],
    *,
    period: str | None = None,
    captured_at: datetime | None = None,
    pack: PortalPack | None = None,
) -> PortalData:
    """Read a folder (or files, or name → bytes) of portal responses.

    ``period`` (``YYYY-MM``) and ``captured_at`` are used for files the capture
    record does not describe; a file whose period is known from neither is
    refused, because a figure without its month cannot be compared.
    """
    pack = pack or portal_pack()
    files = dict(source) if isinstance(source, Mapping) else _files(source)
    name = str(source) if isinstance(source, (str, os.PathLike)) else "portal"
    records = _captures(files)
    responses = {
        k: v for k, v in files.items() if k != CAPTURES and not k.lower().startswith("manifest")
    }
    if not responses:
        raise _refuse(name, "không có tệp phản hồi .json", "no .json response files")
    rows: list[dict[str, Any]] = []
    captures: dict[str, Capture] = {}
    for fname, data in sorted(responses.items()):
        record = records.get(fname, {})
        ep = _endpoint_of(fname, record, pack)
        if ep is None:
            raise _refuse(fname, "không rõ là API nào", "no known endpoint by its name or record")
        per = _period_of(record) or period
        if per is None or not _PERIOD_RE.match(per):
            raise NotAReportError(
                f"{fname}: không biết tháng của số liệu; hãy cho --period YYYY-MM.",
                f"{fname}: the month of these figures is unknown; give --period YYYY-MM.",
                path=fname,
            )
        cap = Capture(
            endpoint=ep.endpoint,
            file=fname,
            period=per,
            captured_at=_when(record.get("capturedAt")) or captured_at,
            scope=record.get("scope"),
            url=record.get("url"),
        )
        captures[ep.endpoint] = cap
        rows.extend(_rows(fname, _load_json(fname, data), ep, cap))
    table = pd.DataFrame(rows, columns=list(table_columns()))
    _fill_unit_fields(table)
    return PortalData(table=table, captures=captures, source=name)


def _endpoint_of(fname: str, record: Mapping[str, Any], pack: PortalPack) -> Endpoint | None:
    by_record = pack.endpoint(str(record.get("endpoint", "")))
    return by_record or pack.endpoint(Path(fname).stem)


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return float(v)


def _first(item: Mapping[str, Any], *keys: str) -> Any:
    return next((item[k] for k in keys if item.get(k) is not None), None)


def _rows(fname: str, doc: Any, ep: Endpoint, cap: Capture) -> list[dict[str, Any]]:
    data = doc.get("data") if isinstance(doc, dict) else None
    units = data.get(ep.list_key) if isinstance(data, dict) else None
    province = data.get(ep.province) if isinstance(data, dict) else None
    if not isinstance(units, list) or not all(
        isinstance(u, dict) and u.get("departmentId") and u.get("departmentName") for u in units
    ):
        raise _refuse(fname, f"thiếu data.{ep.list_key}", f"no data.{ep.list_key} of units")
    root_id = province.get("departmentId") if isinstance(province, dict) else None
    out: list[dict[str, Any]] = []
    items: list[tuple[int, dict[str, Any], str | None]] = [
        (i, u, root_id) for i, u in enumerate(units, 1)
    ]
    if isinstance(province, dict) and province.get("departmentId"):
        items.insert(0, (0, province, None))
    for item_no, u, parent in items:
        level = _LEVELS.get(str(_first(u, "departmentLevel", "level") or ""))
        unit = {
            "unit_id": str(u["departmentId"]),
            "unit_code": _first(u, "departmentCode"),
            "unit_name": str(u.get("departmentName") or ""),
            "level": "tinh" if parent is None else level,
            "group": "PROVINCE" if parent is None else _first(u, "departmentType"),
            "parent_id": parent,
            "period": cap.period,
            "file": fname,
            "item": item_no,
            "captured_at": cap.captured_at.isoformat() if cap.captured_at else None,
        }
        fields = {"count": None, "total": None, **ep.fields}
        out.append(
            {
                **unit,
                "indicator": ep.axis,
                "count": _num(u.get(fields["count"])) if fields["count"] else None,
                "total": _num(u.get(fields["total"])) if fields["total"] else None,
                "rate": _num(u.get("ratio")),
                "score": _num(_first(u, "score", "totalScore")),
                "max_score": _num(_first(u, "maxScore", "totalMaxScore")),
            }
        )
        for x in ep.extra:
            out.append(
                {
                    **unit,
                    "indicator": x.indicator,
                    "count": _num(u.get(x.count)) if x.count else None,
                    "total": _num(u.get(x.total)) if x.total else None,
                    "rate": None,
                    "score": None,
                    "max_score": None,
                }
            )
        for m in u.get("metrics") or [] if ep.metrics else []:
            if not isinstance(m, dict) or not m.get("code"):
                continue
            out.append(
                {
                    **unit,
                    "indicator": f"{ep.axis}/{m['code']}",
                    "count": _num(m.get("numerator")),
                    "total": _num(m.get("denominator")),
                    "rate": _num(m.get("ratio")),
                    "score": _num(m.get("score")),
                    "max_score": _num(m.get("maxScore")),
                }
            )
    return out


def _fill_unit_fields(table: pd.DataFrame) -> None:
    """A unit's code, level and type, given by some endpoints only, on all its rows."""
    for col in ("unit_code", "level", "group"):
        known = table.dropna(subset=[col]).drop_duplicates("unit_id").set_index("unit_id")[col]
        table[col] = table[col].where(table[col].notna(), table["unit_id"].map(known))
