"""Findings and results: what the checks say, in a flat, stable shape.

``Result.to_dict()`` is the JSON contract ``dvc-validate/findings@1``.
Consumers read ``code``, ``location`` and ``data``, never the prose.
"""

from __future__ import annotations

import hashlib
from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from ._factories import new_dict, new_list
from .document import Document
from .location import Location
from .report import Report

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Applicability", "FileError", "FileResult", "Finding", "Fix", "Result", "Severity"]

SCHEMA_ID = "dvc-validate/findings@1"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Applicability(str, Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"


class Fix(BaseModel):
    replacement: str
    applicability: Applicability


class Finding(BaseModel):
    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    found: str | None = None
    expected: str | None = None
    related: list[Location] = Field(default_factory=new_list)
    data: dict[str, Any] = Field(default_factory=new_dict)
    fix: Fix | None = None
    fingerprint: str = ""

    def compute_fingerprint(self, path: str = "") -> str:
        """Stable across edits that move lines: code + indicator + role + found."""
        key = "|".join(
            [
                self.code,
                self.location.indicator or "",
                str(self.data.get("role", "")),
                str(self.data.get("subject", "")),
                self.found or "",
            ]
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location.model_dump(),
            "found": self.found,
            "expected": self.expected,
            "related": [r.model_dump() for r in self.related],
            "data": self.data,
            "fix": None
            if self.fix is None
            else {
                "replacement": self.fix.replacement,
                "applicability": self.fix.applicability.value,
            },
            "fingerprint": self.fingerprint,
        }


class FileError(BaseModel):
    code: str
    message: str


class FileResult(BaseModel):
    path: str
    error: FileError | None = None
    period: str | None = None
    findings: list[Finding] = Field(default_factory=new_list)
    report: Report | None = Field(default=None, exclude=True)
    document: Document | None = Field(
        default=None, exclude=True
    )  # for reporters that show the source

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "error": None if self.error is None else self.error.model_dump(),
            "period": self.period,
            "findings": [f.to_dict() for f in self.findings],
        }


class Result(BaseModel):
    files: list[FileResult] = Field(default_factory=new_list)
    lang: str = "vi"
    tool_version: str = ""
    # the config file in effect, as the text report's header shows it; not in the
    # JSON contract (findings@1 allows no other keys)
    config: str | None = Field(default=None, exclude=True)

    @property
    def findings(self) -> list[Finding]:
        return [f for fr in self.files for f in fr.findings]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def has_errors(self) -> bool:
        return any(fr.error is not None for fr in self.files)

    def worst(self) -> Severity | None:
        sev = [f.severity for f in self.findings]
        return max(sev, key=lambda s: s.rank) if sev else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "tool": {"name": "dvc-validate", "version": self.tool_version},
            "files": [fr.to_dict() for fr in self.files],
            "summary": {
                "files": len(self.files),
                "errors": self.count(Severity.ERROR),
                "warnings": self.count(Severity.WARNING),
                "infos": self.count(Severity.INFO),
            },
        }

    def to_frame(self) -> pd.DataFrame:
        """The findings as a pandas DataFrame, one row per finding (pandas imported lazily).

        Why the dtypes are fixed here: a column built from Python ``None`` and ints
        becomes float with NaN ("row 4.0"), and one that is ``None`` throughout becomes
        ``object``. Positions are nullable integers (``Int64``), so a missing row is
        ``<NA>`` and a present one stays 4; severity is an ordered categorical
        (info < warning < error), so ``df[df.severity >= "warning"]`` and sorting work
        and an empty result still has every column.
        """
        import pandas as pd

        rows: list[dict[str, Any]] = []
        for fr in self.files:
            for f in fr.findings:
                d = f.to_dict()
                loc = d.pop("location")
                d.pop("related")
                d.pop("data")
                fix = d.pop("fix")
                rows.append(
                    {
                        "path": fr.path,
                        **d,
                        **{f"location_{k}": v for k, v in loc.items()},
                        "fix_replacement": fix["replacement"] if fix else None,
                    }
                )
        columns = [
            "path",
            *Finding.model_fields,
            *(f"location_{k}" for k in Location.model_fields),
            "fix_replacement",
        ]
        columns = [c for c in columns if c not in ("location", "related", "data", "fix")]
        frame = pd.DataFrame(rows, columns=columns)
        severity = pd.CategoricalDtype(
            [s.value for s in sorted(Severity, key=lambda s: s.rank)], ordered=True
        )
        dtypes: dict[str, Any] = {"severity": severity}
        for k, field in Location.model_fields.items():
            dtypes[f"location_{k}"] = "Int64" if field.annotation == int | None else "string"
        for c in columns:
            dtypes.setdefault(c, "string")
        return frame.astype(dtypes)
