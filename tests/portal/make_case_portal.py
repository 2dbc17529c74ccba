"""Write ``src/dvc_validate/cases/portal/``: the portal data the PT case books edit.

Three units of an invented province for February 2024: the case book's base
report (xã Hòa Bình, whose figures are the base report's), a second commune and
the province row, consistent with every relation of ``rules/portal.yaml``. One
unit per line, so that a case can edit one unit's figure with a unique string.
Run: python tests/portal/make_case_portal.py
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[2] / "src" / "dvc_validate" / "cases" / "portal"
P, A, B = "prov-ls", "xa-hoa-binh", "xa-hoa-son"
NAMES = {P: "UBND tỉnh Lạng Sơn", A: "UBND xã Hòa Bình", B: "UBND xã Hòa Sơn"}
CAPTURED = "2024-03-02T09:00:00+00:00"


def head(uid: str, stt: int | None = None, code: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {} if stt is None else {"stt": stt}
    out |= {"departmentId": uid, "departmentName": NAMES[uid]}
    if code:
        out["departmentCode"] = {P: "T1", A: "T1.01", B: "T1.02"}[uid]
    return out


def kind(uid: str) -> dict[str, Any]:
    return {"departmentType": "COMMUNE_PEOPLE_COMMITTEE", "departmentLevel": "COMMUNE"}


def metric(
    code: str, num: int | None, den: int | None, ratio: float | None, score: float | None, mx: int
) -> dict[str, Any]:
    return {
        "code": code,
        "name": code,
        "numerator": num,
        "denominator": den,
        "ratio": ratio,
        "score": score,
        "maxScore": mx,
    }


def transparency() -> dict[str, Any]:
    def unit(
        uid: str,
        total: float,
        ratio: float,
        content: tuple[int, int, float, float],
        sync: tuple[int, int, float, float],
    ) -> dict[str, Any]:
        return {
            **head(uid, 1),
            "totalScore": total,
            "totalMaxScore": 18,
            "ratio": ratio,
            **kind(uid),
            "metrics": [
                metric("PUBLISH_ON_TIME", 10, 10, 100, 6, 6),
                metric("PUBLIC_UPDATE_ON_TIME", 10, 10, 100, 4, 4),
                metric("PUBLIC_CONTENT_FULL", *content, 2),
                metric("DOSSIER_SYNC", *sync, 6),
            ],
        }

    overview = unit(P, 15.08, 83.78, (7, 8, 87.5, 1.75), (5, 9, 55.56, 3.33))
    units = [
        unit(A, 15.5, 86.11, (3, 4, 75, 1.5), (2, 3, 66.67, 4)),
        unit(B, 13, 72.22, (0, 4, 0, 0), (3, 6, 50, 3)),
    ]
    return {"overview": overview, "evaluation": units}


def progress() -> dict[str, Any]:
    def unit(uid: str, rec: int, ok: int, ratio: float, score: float) -> dict[str, Any]:
        return {
            **head(uid, None, True),
            "level": "COMMUNE",
            "totalReceived": rec,
            "totalOnTime": ok,
            "totalOverdue": rec - ok,
            "ratio": ratio,
            "score": score,
            "maxScore": 20,
        }

    parent = {
        **head(P, None, True),
        "totalReceived": 150,
        "totalOnTime": 141,
        "ratio": 94,
        "totalScore": 18.8,
        "totalMaxScore": 20,
    }
    return {"parent": parent, "children": [unit(A, 100, 96, 96, 19.2), unit(B, 50, 45, 90, 18)]}


def online() -> dict[str, Any]:
    def unit(uid: str, score: float, ratio: float) -> dict[str, Any]:
        return {
            **head(uid, None, True),
            "level": "COMMUNE",
            "totalScore": score,
            "totalMaxScore": 12,
            "ratio": ratio,
        }

    return {"parent": unit(P, 9.55, 79.58), "children": [unit(A, 10.1, 84.17), unit(B, 9, 75)]}


def payment() -> dict[str, Any]:
    def unit(uid: str, score: float, ratio: float, s: int, o: int) -> dict[str, Any]:
        return {
            **head(uid, None, True),
            "level": "COMMUNE",
            "totalMaxScore": 10,
            "ratio": ratio,
            "totalScore": score,
            "totalDossierOnlinePaymentSuccess": s,
            "totalDossierFinancialObligation": o,
        }

    return {
        "parent": unit(P, 8.7, 87, 87, 100),
        "children": [unit(A, 9.4, 94, 47, 50), unit(B, 8, 80, 40, 50)],
    }


def satisfaction() -> dict[str, Any]:
    def unit(uid: str, score: float, ratio: float, num: int, den: int, r: float) -> dict[str, Any]:
        return {
            **head(uid, 1),
            "totalScore": score,
            "totalMaxScore": 18,
            "ratio": ratio,
            **kind(uid),
            "totalDossiers": den,
            "metrics": [metric("DOSSIER_RECEIVING_SATISFACTION", num, den, r, 6, 6)],
        }

    return {
        "overview": unit(P, 16.65, 92.5, 141, 150, 94),
        "evaluation": [unit(A, 17.3, 96.11, 96, 100, 96), unit(B, 16, 88.89, 45, 50, 90)],
    }


def digitised() -> dict[str, Any]:
    def unit(
        uid: str, score: float, ratio: float, num: int, den: int, r: float, s: float
    ) -> dict[str, Any]:
        return {
            **head(uid, 1, True),
            "totalScore": score,
            "totalMaxScore": 22,
            "ratio": ratio,
            **kind(uid),
            "metrics": [metric("ORIGINAL_RESULT_AVAILABLE", num, den, r, s, 6)],
        }

    return {
        "overview": unit(P, 19.8, 90, 130, 150, 86.67, 5.2),
        "evaluation": [unit(A, 20.6, 93.64, 90, 100, 90, 5.4), unit(B, 19, 86.36, 40, 50, 80, 4.8)],
    }


def dump(data: dict[str, Any]) -> bytes:
    """One unit a line; the rest as JSON writes it."""
    lines = ["{", '"code": "SUCCESS", "message": "OK", "data": {']
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            items = ",\n".join(json.dumps(v, ensure_ascii=False) for v in value)
            parts.append(f'"{key}": [\n{items}\n]')
        else:
            parts.append(f'"{key}": {json.dumps(value, ensure_ascii=False)}')
    lines.append(",\n".join(parts))
    lines += ["}", "}", ""]
    return "\n".join(lines).encode("utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    files = {
        "transparency": transparency(),
        "dvc-progress-tree": progress(),
        "provide-online-tree": online(),
        "formality-online-payment-tree": payment(),
        "handling-satisfaction": satisfaction(),
        "dossier-digitized": digitised(),
    }
    captures = []
    for endpoint, data in files.items():
        raw = dump(data)
        json.loads(raw)
        (OUT / f"{endpoint}.json").write_bytes(raw)
        payload: dict[str, Any] = {"rootDepartmentId": P, "year": 2024, "month": 2}
        if endpoint == "handling-satisfaction":
            payload = {"rootDepartmentId": P, "fromDate": "2024-02-01", "toDate": "2024-02-29"}
        captures.append(
            {
                "endpoint": endpoint,
                "localFile": f"{endpoint}.json",
                "payload": payload,
                "capturedAt": CAPTURED,
                "sha256": hashlib.sha256(raw).hexdigest(),
                "bytes": len(raw),
            }
        )
    record = json.dumps({"captures": captures}, ensure_ascii=False, indent=1) + "\n"
    (OUT / "CAPTURES.json").write_text(record, encoding="utf-8")


if __name__ == "__main__":
    main()
