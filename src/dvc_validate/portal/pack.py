"""The portal's rule pack: ``rules/portal.yaml`` as validated data.

Kept apart from the index pack (``qd766.yaml``) because it describes one
system's API, not the index: a new API version is a new file like this one.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from ..errors import RulePackError
from ..pack.prose import Name

__all__ = [
    "Compare",
    "Endpoint",
    "Extra",
    "PortalPack",
    "PortalRelation",
    "load_portal_pack",
    "portal_pack",
]


class Extra(BaseModel):
    """A second row from the same unit's fields, e.g. the overdue files."""

    indicator: str
    count: str | None = None
    total: str | None = None


class Endpoint(BaseModel):
    endpoint: str
    axis: str
    list_key: str = Field(alias="list")
    province: str
    metrics: bool = False
    fields: dict[str, str] = Field(default_factory=dict)
    extra: list[Extra] = Field(default_factory=list)
    payload: dict[str, Any] | None = None  # the request body, when not the pack's


class PortalRelation(BaseModel):
    """``check`` holds on every row of ``indicators`` where ``when`` holds. ``what_vi``
    and ``what_en`` say it in words for the messages; ``check`` is for the evaluator
    and for tools (a finding's data), never for a person's message."""

    code: str
    what_vi: str
    what_en: str
    check: str
    when: str | None = None
    indicators: list[str] | Literal["all"]
    severity: Literal["error", "warning", "info"] | None = None

    @field_validator("check", "when")
    @classmethod
    def _parses(cls, v: str | None) -> str | None:
        from .evaluate import parse

        if v is not None:
            parse(v)  # a ValueError names the problem
        return v


class Compare(BaseModel):
    """A report figure (``axis.<key>``, ``total``, ``<code>.new.rate``) and its portal value."""

    code: str
    figure: str
    portal: str
    when: str | None = None

    @field_validator("portal", "when")
    @classmethod
    def _parses(cls, v: str | None) -> str | None:
        from .evaluate import parse

        if v is not None:
            parse(v)
        return v


class PortalPack(BaseModel):
    pack: str = "portal"
    version: str = ""
    decimals: dict[str, int] = Field(default_factory=dict)
    base_url: str = ""
    payload: dict[str, Any] = Field(default_factory=dict)
    endpoints: list[Endpoint]
    names: dict[str, Name] = Field(default_factory=dict)
    relations: list[PortalRelation] = Field(default_factory=list)
    compare: list[Compare] = Field(default_factory=list)

    @model_validator(mode="after")
    def _every_indicator_named(self) -> PortalPack:
        """Every indicator a relation states or refers to has a name for the messages:
        an endpoint's axis is named by the index pack, any other one here."""
        from .relations import indicators_used

        axes = {e.axis for e in self.endpoints}
        used = {x.indicator for e in self.endpoints for x in e.extra}
        for r in self.relations:
            used.update([] if r.indicators == "all" else r.indicators)
            used.update(indicators_used(r.check))
        unnamed = sorted(used - axes - set(self.names))
        if unnamed:
            raise ValueError(f"names gives no name to the indicators {unnamed}")
        return self

    def endpoint(self, name: str) -> Endpoint | None:
        return next((e for e in self.endpoints if e.endpoint == name), None)


def _path() -> Path:
    candidate = resources.files("dvc_validate").joinpath("_rules/portal.yaml")
    if candidate.is_file():
        return Path(str(candidate))
    return Path(__file__).resolve().parents[3] / "rules" / "portal.yaml"


def load_portal_pack(path: str | Path) -> PortalPack:
    """Load and validate a portal pack; a bad one is a :class:`RulePackError`."""
    p = Path(path)
    try:
        return PortalPack.model_validate(yaml.safe_load(p.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise RulePackError(
            f"Bộ quy tắc cổng {p} không hợp lệ: {exc}.", f"Portal pack {p} is invalid: {exc}."
        ) from exc


@lru_cache(maxsize=1)
def portal_pack() -> PortalPack:
    """The portal pack shipped with the package (``rules/portal.yaml``)."""
    return load_portal_pack(_path())
