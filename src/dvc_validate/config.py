"""Configuration: which rules run, at what severity, in which language.

Loaded from ``[tool.dvc-validate]`` in ``pyproject.toml`` or from
``dvc-validate.toml``; the nearest file to the checked path wins. Every field is
validated with pydantic, and a bad value is a :class:`ConfigError`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .model.finding import Severity

__all__ = ["Config", "Suppression"]


class Suppression(BaseModel):
    """Silence one finding on purpose, with a reason. Matches by code plus
    indicator and/or location fields; an unmatched suppression is reported."""

    model_config = ConfigDict(extra="forbid")

    code: str
    reason: str = Field(min_length=1)
    indicator: str | None = None
    line: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    path: str | None = None  # glob of files it applies to


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    lang: Literal["vi", "en"] = "vi"
    fail_on: Literal["error", "warning", "info", "never"] = Field(default="error", alias="fail-on")
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    suppress: list[Suppression] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)  # extra rule pack files
    max_bytes: int = Field(default=64 * 1024 * 1024, alias="max-bytes", gt=0)
    source: str | None = Field(default=None, exclude=True)  # the file it came from
