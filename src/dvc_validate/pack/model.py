"""Rule packs: the index definition (axes, indicators, relations) as YAML data.

A new version of the index is a new file, not new code. The built-in pack for
Quyết định 766 ships inside the wheel; users add their own with ``--rules FILE``.
A bad pack is a :class:`~dvc_validate.errors.RulePackError` that names the file
and the line, because a pack is written by hand.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError

from .._safeio import Refused, read_limited
from .._yamlsafe import MAX_NODES, YamlTooLarge, load_limited
from ..errors import RulePackError
from ..vn import label_similarity, normalize_label
from .relations import RelationDef

__all__ = [
    "AxisDef",
    "IndicatorDef",
    "Relation",
    "RulePack",
    "builtin_pack",
    "load_pack",
    "merge_packs",
    "parse_ref",
]

#: A rule pack is hand-written data: the built-in one is 7 KB.
MAX_PACK_BYTES = 1024 * 1024


class AxisDef(BaseModel):
    key: str
    name_vi: str
    name_en: str = ""
    aliases: list[str] = Field(default_factory=list)
    max: float
    section: str | None = None

    def matches(self, text: str) -> bool:
        """Does ``text`` (a sentence) name this axis, tolerating small wording changes?"""
        t = normalize_label(text, accents=False)
        names = [self.name_vi, *self.aliases]
        return any(normalize_label(n, accents=False) in t for n in names)


class IndicatorDef(BaseModel):
    code: str
    label: str
    kind: str = "rate"
    aliases: list[str] = Field(default_factory=list)

    def similarity(self, label: str) -> float:
        return max(label_similarity(label, n) for n in [self.label, *self.aliases])


class Repeated(BaseModel):
    a: str
    b: str
    columns: list[str] = Field(default_factory=lambda: ["old", "new", "change"])


class ScoreRelation(BaseModel):
    axis: str
    expr: str
    previous: str | None = None
    tolerance: float = 0.1


#: A relation of the pack (see :mod:`.relations`); the older name of the user relation.
Relation = RelationDef


class LegalBasis(BaseModel):
    number: str = "766/QĐ-TTg"
    date: str = "23/06/2022"


class TotalDef(BaseModel):
    max: float = 100
    sum_of_axes: bool = True


class RulePack(BaseModel):
    pack: str
    version: str = ""
    title_vi: str = ""
    title_en: str = ""
    legal_basis: LegalBasis = Field(default_factory=LegalBasis)
    axes: list[AxisDef] = Field(default_factory=list)
    total: TotalDef = Field(default_factory=TotalDef)
    indicators: list[IndicatorDef] = Field(default_factory=list)
    wholes: list[list[str]] = Field(default_factory=list)
    complementary: list[list[str]] = Field(default_factory=list)
    repeated: list[Repeated] = Field(default_factory=list)
    details: list[IndicatorDef] = Field(default_factory=list)  # Appendix II items
    score_relations: list[ScoreRelation] = Field(default_factory=list)
    relations: list[RelationDef] = Field(default_factory=list)
    two_level_from: str = "2025-07-01"
    source: str = ""

    def axis(self, key: str) -> AxisDef | None:
        return next((a for a in self.axes if a.key == key), None)

    def indicator(self, code: str) -> IndicatorDef | None:
        return next((i for i in self.indicators if i.code == code), None)

    def detail(self, label: str, at_least: float = 0.75) -> IndicatorDef | None:
        """The Appendix II item a table's label names, if one clearly does."""
        scored = [(d.similarity(label), d) for d in self.details]
        best = max(scored, key=lambda x: x[0], default=None)
        return best[1] if best is not None and best[0] >= at_least else None


_REF_RE = re.compile(
    r"^(?:(?P<table>appendix[12])\.)?(?P<code>(?:\d+(?:\.\d+)*)(?:\.[a-zđ])?)"
    r"\.(?P<col>old\.count|old\.rate|new\.count|new\.rate|old|new|change)$"
)


def parse_ref(ref: str) -> tuple[str, str, str]:
    """``appendix2.4.new`` → ("appendix2", "4", "new"); ``1.2.a.old`` → ("appendix1", "1.2.a", "old")."""
    m = _REF_RE.match(ref)
    if m is None:
        raise ValueError(f"not a figure reference: {ref!r}")
    return (m.group("table") or "appendix1", m.group("code"), m.group("col"))


def _line_of(text: str, path: tuple[Any, ...]) -> int | None:
    """Best-effort line of a pydantic error path in the YAML source."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    for key in path:
        if node is None:
            return None
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    return None if node is None else node.start_mark.line + 1


def _parse(text: str) -> tuple[Any, yaml.Node | None]:
    """``yaml.safe_load(text)`` and the node tree it was built from, in one pass,
    refused when its aliases stand for more than ``MAX_NODES`` nodes."""
    return load_limited(text)


def _relation_lines(node: yaml.Node | None) -> list[int]:
    if not isinstance(node, yaml.MappingNode):
        return []
    rel = next((v for k, v in node.value if k.value == "relations"), None)
    if not isinstance(rel, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in rel.value]


def load_pack(path: str | Path, text: str | None = None) -> RulePack:
    """Load and validate a pack. Errors name the file and line."""
    p = Path(path)
    if text is None:
        text = _read_pack(p)
    try:
        data, node = _parse(text)
    except YamlTooLarge as exc:
        raise RulePackError(
            f"Bộ quy tắc {p}: các bí danh YAML (&/*) tạo ra quá {MAX_NODES:,} mục"
            f"{' (vòng lặp vô tận)' if exc.cyclic else ''}; không đọc.",
            f"Rule pack {p}: its YAML aliases (&/*) expand to more than {MAX_NODES:,} items"
            f"{' (an endless loop)' if exc.cyclic else ''}; it is not read.",
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        ctx_mark = getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else "?"
        since_vi = since_en = ""
        if ctx_mark is not None and ctx_mark.line + 1 != line:  # where the broken construct began
            since_vi, since_en = (
                f" (bắt đầu ở dòng {ctx_mark.line + 1})",
                f" (opened on line {ctx_mark.line + 1})",
            )
        problem = getattr(exc, "problem", exc)
        raise RulePackError(
            f"Bộ quy tắc {p}, dòng {line}{since_vi}: YAML không hợp lệ ({problem}).",
            f"Rule pack {p}, line {line}{since_en}: invalid YAML ({problem}).",
            line=line,
        ) from exc
    if not isinstance(data, dict):
        raise RulePackError(
            f"Bộ quy tắc {p}: phải là một bảng YAML (mapping).",
            f"Rule pack {p}: must be a YAML mapping.",
        )
    data.setdefault("pack", p.stem)
    rels = data.get("relations") or []
    lines = _relation_lines(node)
    for i, r in enumerate(rels):
        if isinstance(r, str):
            rels[i] = {"expr": r}
        if isinstance(rels[i], dict) and i < len(lines):
            rels[i].setdefault("line", lines[i])
    try:
        pack = RulePack.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        line = _line_of(text, loc)
        where = ".".join(str(x) for x in loc)
        raise RulePackError(
            f"Bộ quy tắc {p}, dòng {line}: mục '{where}' không hợp lệ: {err['msg']}.",
            f"Rule pack {p}, line {line}: '{where}' is invalid: {err['msg']}.",
            line=line,
        ) from exc
    pack.source = str(p)
    return pack


def _read_pack(p: Path) -> str:
    """The pack's text: a regular file of at most ``MAX_PACK_BYTES``, in UTF-8.

    A config found beside a draft can name any path as a pack, so ``/dev/zero``
    or a FIFO is refused (never read, never waited on), as inputs are."""
    try:
        data = read_limited(p, MAX_PACK_BYTES)
        return data.decode("utf-8")
    except Refused as exc:
        vi, en = exc.words(MAX_PACK_BYTES)
        raise RulePackError(
            f"Bộ quy tắc {p} {vi}; không đọc.", f"Rule pack {p} {en}; it is not read."
        ) from exc
    except UnicodeDecodeError as exc:
        raise RulePackError(
            f"Bộ quy tắc {p} không phải văn bản UTF-8.", f"Rule pack {p} is not UTF-8 text."
        ) from exc
    except (OSError, ValueError) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        raise RulePackError(
            f"Không đọc được bộ quy tắc {p}: {why}.", f"Cannot read rule pack {p}: {why}."
        ) from exc


def _builtin_path() -> Path:
    try:
        candidate = resources.files("dvc_validate").joinpath("_rules/qd766.yaml")
        if candidate.is_file():
            return Path(str(candidate))
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover
        pass
    return Path(__file__).resolve().parents[3] / "rules" / "qd766.yaml"


@lru_cache(maxsize=1)
def builtin_pack() -> RulePack:
    """The index of Quyết định 766, shipped with the package."""
    return load_pack(_builtin_path())


def merge_packs(base: RulePack, extra: RulePack) -> RulePack:
    """A user pack adds relations, repeated figures and indicators to the base pack."""
    merged = base.model_copy(deep=True)
    merged.relations = [*base.relations, *extra.relations]
    merged.repeated = [*base.repeated, *extra.repeated]
    merged.wholes = [*base.wholes, *extra.wholes]
    merged.complementary = [*base.complementary, *extra.complementary]
    known = {i.code for i in base.indicators}
    merged.indicators = [*base.indicators, *(i for i in extra.indicators if i.code not in known)]
    merged.score_relations = [*base.score_relations, *extra.score_relations]
    items = {d.code for d in base.details}
    merged.details = [*base.details, *(d for d in extra.details if d.code not in items)]
    if extra.axes:
        merged.axes = extra.axes
    return merged
