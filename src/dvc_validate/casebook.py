"""Case books: each rule's pass and fail examples, as data.

A case book (``cases/<CODE>.yaml``, shipped with the package) describes edits to a
small consistent report (``cases/base.txt``) and the findings each edit must
produce. The table path's rules (``check-table``) edit a tiny consistent table
instead (``base: table``, ``cases/base-table.csv``); their findings' ``line`` is the
table's row, the header being row 1. The same data drives the tests (every case is run) and the documentation
(``docs/rules/<CODE>.md`` and ``dvc-validate explain`` show the bad and the good
lines), so every documented example is also a test.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field

__all__ = [
    "Case",
    "CaseBook",
    "Expectation",
    "base_text",
    "case_source",
    "changed_lines",
    "changed_previous_lines",
    "load_casebook",
    "portal_files",
    "previous_base_text",
    "previous_source",
    "table_base_text",
]

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


class Expectation(BaseModel):
    found: str | None = None
    expected: str | None = None
    line: int | None = None
    column: int | None = None


class Case(BaseModel):
    name: str
    kind: Literal["fail", "pass"]
    replace: list[tuple[str, str]] = Field(default_factory=list)
    format: Literal["text", "markdown"] = "text"
    # the consistent text the edits apply to: the commune template (base.txt) or a
    # text of statements in sentences (base-prose.txt), or a long table of three
    # communes for check-table (base-table.csv)
    base: Literal["report", "prose", "table"] = "report"
    encoding: Literal["utf-8", "cp1258"] = "utf-8"
    config: dict[str, Any] = Field(default_factory=dict)
    relations: list[str] = Field(default_factory=list)
    expect: list[Expectation] = Field(default_factory=list)
    # Last month's report, for the continuity rules: ``base-previous.txt`` (January,
    # consistent with ``base.txt``) with these edits; ``None``: lint without one.
    previous: list[tuple[str, str]] | None = None
    series: bool = False  # the previous is the predecessor in a --series run
    # The portal's figures, for the PT rules: ``cases/portal/`` with these edits applied
    # to each of its files (each edit must change at least one); ``None``: no portal.
    portal: list[tuple[str, str]] | None = None


class CaseBook(BaseModel):
    code: str
    cases: list[Case]

    def first(self, kind: str) -> Case | None:
        return next((c for c in self.cases if c.kind == kind), None)


def _folder() -> Path:
    return Path(str(resources.files("dvc_validate").joinpath("cases")))


@lru_cache(maxsize=1)
def base_text() -> str:
    """The consistent report every case edits."""
    return (_folder() / "base.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def previous_base_text() -> str:
    """Last month's report of the same unit: its new column is base.txt's old column."""
    return (_folder() / "base-previous.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def prose_base_text() -> str:
    """A consistent text of statements in sentences: file statistics and index results."""
    return (_folder() / "base-prose.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def table_base_text() -> str:
    """A consistent long table (``docs/batch.md``): one indicator row, three ranked units."""
    return (_folder() / "base-table.csv").read_text(encoding="utf-8")


def _base(case: Case) -> str:
    if case.base == "table":
        return table_base_text()
    return prose_base_text() if case.base == "prose" else base_text()


def load_casebook(code: str) -> CaseBook | None:
    path = _folder() / f"{code}.yaml"
    if not path.is_file():
        return None
    return CaseBook.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _edit(text: str, edits: list[tuple[str, str]], case: Case, what: str) -> str:
    for old, new in edits:
        if old not in text:
            raise ValueError(f"case {case.name!r}: {old!r} is not in the {what}")
        text = text.replace(old, new)
    return text


def case_text(case: Case) -> str:
    return _edit(_base(case), case.replace, case, "base report")


def previous_text(case: Case) -> str | None:
    if case.previous is None:
        return None
    return _edit(previous_base_text(), case.previous, case, "previous base report")


def previous_source(case: Case) -> bytes | None:
    """The bytes of last month's report for the case, or ``None`` (always UTF-8)."""
    text = previous_text(case)
    return None if text is None else text.encode("utf-8")


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 writes Vietnamese as base letter + combining tone mark."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def case_source(case: Case) -> bytes:
    """The bytes of the edited report, in the case's encoding."""
    text = case_text(case)
    return _to_cp1258(text) if case.encoding == "cp1258" else text.encode("utf-8")


def portal_files(case: Case) -> dict[str, bytes] | None:
    """The case's portal responses and capture record (name → bytes), or ``None``."""
    if case.portal is None:
        return None
    files = {
        p.name: p.read_text(encoding="utf-8") for p in sorted((_folder() / "portal").iterdir())
    }
    for old, new in case.portal:
        if not any(old in t for t in files.values()):
            raise ValueError(f"case {case.name!r}: {old!r} is not in the portal files")
        files = {k: t.replace(old, new) for k, t in files.items()}
    return {k: t.encode("utf-8") for k, t in files.items()}


def changed_lines(case: Case) -> list[tuple[int, str, str]]:
    """(line, before, after) for every line the case changes: the docs' bad/good example."""
    return _diff(_base(case), case_text(case))


def changed_previous_lines(case: Case) -> list[tuple[int, str, str]]:
    """The same for last month's report (empty when the case has none or leaves it as is)."""
    text = previous_text(case)
    return [] if text is None else _diff(previous_base_text(), text)


def _diff(before_text: str, after_text: str) -> list[tuple[int, str, str]]:
    before = before_text.split("\n")
    after = after_text.split("\n")
    if len(before) == len(after):
        return [(i + 1, b, a) for i, (b, a) in enumerate(zip(before, after, strict=True)) if b != a]
    import difflib

    rows: list[tuple[int, str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after).get_opcodes():
        if tag != "equal":
            rows.append((i1 + 1, "\n".join(before[i1:i2]), "\n".join(after[j1:j2])))
    return rows
