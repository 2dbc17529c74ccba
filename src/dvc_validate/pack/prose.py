"""The vocabulary of statements in running text (``rules/prose.yaml``), as data.

Words change from one report family to another; the relations between the
figures they name do not. Keeping the words here lets another family add its
own without code, and keeps the extraction of sentences free of word lists.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import RulePackError

__all__ = [
    "Grade",
    "Name",
    "ProseVocabulary",
    "SubjectKey",
    "UnitCount",
    "UnitGroup",
    "builtin_vocabulary",
    "load_vocabulary",
]


_KEY = re.compile(r"[a-z][a-z0-9_]*")
_RATE = "rate"


class SubjectKey(NamedTuple):
    """A figure of running text by its keys: what it counts, where, and whether it is
    the rate of that count."""

    measures: tuple[str, ...]
    level: str
    rate: bool


class Name(BaseModel):
    """What a message calls a measure or a level, in each language."""

    model_config = ConfigDict(extra="forbid")
    vi: str
    en: str


class Grade(BaseModel):
    """A grade word and the scores it needs: ``min`` included, ``max`` excluded."""

    words: list[str]
    min: float
    max: float


class UnitCount(BaseModel):
    """How many units a group has from ``from`` (included) until ``until`` (excluded):
    63 provinces before 1/7/2025, 34 from then on."""

    model_config = ConfigDict(populate_by_name=True)

    count: int
    since: dt.date | None = Field(default=None, alias="from")
    until: dt.date | None = None

    def holds(self, first: dt.date, end: dt.date) -> bool:
        """Whether the count holds over the whole of ``[first, end)``."""
        return (self.since is None or first >= self.since) and (
            self.until is None or end <= self.until
        )


class UnitGroup(BaseModel):
    """The words after a rank's N that name a group of units (``13/63 tỉnh, thành phố``),
    the words that make the group a part of it (a region), and its number by period."""

    words: list[str]
    narrowing: list[str] = Field(default_factory=list)
    counts: list[UnitCount] = Field(default_factory=list)

    def count_for(self, first: dt.date, end: dt.date) -> int | None:
        """The number of units over ``[first, end)``, if one count holds over all of it."""
        return next((c.count for c in self.counts if c.holds(first, end)), None)


class ProseVocabulary(BaseModel):
    vocabulary: str = "prose"
    version: str = ""
    count_units: list[str] = Field(default_factory=lambda: ["hồ sơ"])
    wholes: dict[str, list[str]] = Field(default_factory=dict)
    parts: dict[str, list[str]] = Field(default_factory=dict)
    partitions: dict[str, list[list[str]]] = Field(default_factory=dict)
    generic: list[str] = Field(default_factory=list)
    levels: dict[str, list[str]] = Field(default_factory=dict)
    whole_level: list[str] = Field(default_factory=list)
    level_sum: list[str] = Field(default_factory=list)
    hedges: list[str] = Field(default_factory=list)
    comparisons: list[str] = Field(default_factory=list)
    share_words: list[str] = Field(default_factory=list)
    share_links: list[str] = Field(default_factory=list)
    rise: list[str] = Field(default_factory=list)
    fall: list[str] = Field(default_factory=list)
    points: list[str] = Field(default_factory=list)
    grades: list[Grade] = Field(default_factory=list)
    grade_markers: list[str] = Field(default_factory=list)
    unit_groups: dict[str, UnitGroup] = Field(default_factory=dict)
    compared_periods: list[str] = Field(default_factory=list)
    names: dict[str, Name] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_names(self) -> ProseVocabulary:
        """A partition names wholes and parts that exist, levels to add are levels, and
        every measure and level has a name in each language for the messages."""
        for whole, splits in self.partitions.items():
            if whole not in self.wholes:
                raise ValueError(f"partition of unknown whole {whole!r}")
            for split in splits:
                unknown = [p for p in split if p not in self.parts]
                if unknown:
                    raise ValueError(f"partition of {whole!r} names unknown parts {unknown}")
        missing = [lv for lv in self.level_sum if lv not in self.levels]
        if missing:
            raise ValueError(f"level_sum names unknown levels {missing}")
        keys = [*self.wholes, *self.parts, *self.levels]
        bad = [k for k in keys if not _KEY.fullmatch(k) or k == _RATE]
        if bad:
            raise ValueError(f"measure and level keys must be plain words other than 'rate': {bad}")
        unnamed = [k for k in keys if k not in self.names]
        if unnamed:
            raise ValueError(f"names gives no name to {unnamed}")
        return self

    def name(self, key: str, lang: str) -> str:
        """A measure's or a level's name in ``lang`` (Vietnamese unless ``en``)."""
        n = self.names[key]
        return n.en if lang == "en" else n.vi

    def subject_key(self, measure: str, level: str = "", *, rate: bool = False) -> str:
        """The key a figure of running text is known by: ``received.online@huyen`` for
        a count, ``received.online.rate@huyen`` for its share; no ``@`` for the whole
        province or unit. Messages name it in words through :meth:`read_subject_key`."""
        return measure + (f".{_RATE}" if rate else "") + (f"@{level}" if level else "")

    def read_subject_key(self, key: str) -> SubjectKey | None:
        """The measures, level and kind of a :meth:`subject_key`, or ``None`` when
        ``key`` is not one of this vocabulary's (a table role, document text)."""
        base, _, level = key.partition("@")
        measures = base.split(".")
        rate = measures[-1] == _RATE and len(measures) > 1
        if rate:
            measures = measures[:-1]
        known = all(m in self.wholes or m in self.parts for m in measures)
        if not known or (level and level not in self.levels):
            return None
        return SubjectKey(measures=tuple(measures), level=level, rate=rate)

    def wholes_of(self, part: str) -> list[str]:
        """The wholes that ``part`` is a part of, in the order of the pack."""
        return [w for w, splits in self.partitions.items() if any(part in s for s in splits)]


def load_vocabulary(path: str | Path) -> ProseVocabulary:
    """Load and validate a vocabulary file; errors name the file."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        return ProseVocabulary.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise RulePackError(
            f"Bộ từ vựng {p} không hợp lệ: {exc}.",
            f"Vocabulary {p} is invalid: {exc}.",
        ) from exc


def _builtin_path() -> Path:
    candidate = resources.files("dvc_validate").joinpath("_rules/prose.yaml")
    if candidate.is_file():
        return Path(str(candidate))
    return Path(__file__).resolve().parents[3] / "rules" / "prose.yaml"


@lru_cache(maxsize=1)
def builtin_vocabulary() -> ProseVocabulary:
    """The vocabulary shipped with the package (``rules/prose.yaml``)."""
    return load_vocabulary(_builtin_path())
