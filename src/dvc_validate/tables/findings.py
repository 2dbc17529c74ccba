"""Findings of the table path, column-wise: one adapter from failures to the JSON contract.

The vectorised evaluator (:mod:`.evaluate`) returns, per relation, the failing rows with
the value found and the value expected; pandera returns its failure cases. Both become
:class:`FindingColumns` (the findings of one rule as columns) and, only at the very end,
:class:`~dvc_validate.model.finding.Finding` objects or one findings table, so a check
never builds an object for a row that passes. The texts are the registered rules' (a
rule's table message where a table differs from a document).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import math
import re
import string
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..model.finding import Finding, Severity
from ..model.location import Location
from ..vn import format_number
from .columns import FigureColumns, _at
from .evaluate import CheckSpec, evaluate

__all__ = [
    "FindingColumns",
    "RuleText",
    "failure_case_columns",
    "findings_from_failure_cases",
    "join_columns",
    "make_findings",
    "paused_gc",
    "registered_text",
]

# ----------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class RuleText:
    """Code, name, severity and message templates of a frame check.

    The codes and names are those of the document path's rules for the same
    relation, so a finding means the same thing whichever executor found it.
    Templates use ``{where}``, ``{found}`` and ``{expected}`` only.
    """

    code: str
    name: str
    severity: Severity
    message_vi: str
    message_en: str

    def template(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_vi


@functools.cache
def registered_text(code: str) -> RuleText:
    """The registered rule ``code`` as the table path uses it: one source for the
    name, severity and messages that ``rules``, ``explain`` and the docs show. A rule
    that a document and a table both report words a table's finding with its table
    message (a cell of a row, with the value found and the value expected); the table
    path's own rules are in :mod:`dvc_validate.checks.families.tables`."""
    from ..checks import REGISTRY, load_rules

    load_rules()
    r = REGISTRY[code]
    vi = r.table_message_vi or r.message_vi
    en = r.table_message_en or r.message_en
    return RuleText(r.code, r.name, r.severity, vi, en)


# ----------------------------------------------------------------------------- findings


_BLANK_WORDS = {"vi": ("(trống)", "một giá trị"), "en": ("(blank)", "a value")}


@dataclass
class FindingColumns:
    """The findings of one rule, column-wise: what findings need before they are objects.

    ``rows`` are 0-based frame rows (-1: no row); ``data`` maps a key of the
    findings' ``data`` to one value per finding. Both executors collect these
    and turn them into :class:`Finding` objects (:meth:`findings`) or into one
    findings table (``batch.table_findings``) at the very end, so a check never
    builds an object for a row that passes.
    """

    rule: RuleText
    rows: npt.NDArray[np.int64]
    indicators: list[str | None]
    where: list[str]
    found: list[str | None]
    expected: list[str | None]
    data: dict[str, list[Any]]

    def __len__(self) -> int:
        return len(self.rows)

    def messages(self, lang: str) -> list[str]:
        # a blank cell has no value found: the message says so, and that a value is needed
        blank, needed = _BLANK_WORDS["en" if lang == "en" else "vi"]
        fields: dict[str, Sequence[str | None]] = {
            "where": self.where,
            "found": [blank if f is None else f for f in self.found],
            "expected": [
                needed if e is None and f is None else e
                for f, e in zip(self.found, self.expected, strict=True)
            ],
        }
        parts: list[str | Sequence[str | None]] = []
        for literal, field, _, _ in string.Formatter().parse(self.rule.template(lang)):
            parts.append(literal)
            if field is not None:
                parts.append(fields[field])
        return join_columns(parts, len(self.rows))

    def findings(self, lang: str, sheet: str | None = None, first_row: int = 1) -> list[Finding]:
        return make_findings(self, lang=lang, sheet=sheet, first_row=first_row)


def join_columns(parts: Sequence[str | Sequence[str | None]], n: int) -> list[str]:
    """Concatenate, row by row, literal strings and columns of strings (None as "").

    Findings' messages and locations are built for every failing row of a
    table; pyarrow's kernels do that in C++, ten times faster than formatting
    each string in Python, which is the fallback without pyarrow.
    """
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.compute as pc  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - pandas 3 installs pyarrow
        columns = [[p] * n if isinstance(p, str) else [v or "" for v in p] for p in parts]
        return ["".join(values) for values in zip(*columns, strict=True)] if columns else []
    if n == 0:
        return []
    items = [pa.scalar(p) if isinstance(p, str) else pa.array(p, type=pa.string()) for p in parts]
    if all(isinstance(p, str) for p in parts):
        items.append(pa.array([""] * n))
    joined = pc.binary_join_element_wise(*items, "", null_handling="replace", null_replacement="")
    return list(joined.to_pylist())


def make_findings(
    cols: FindingColumns, *, lang: str, sheet: str | None = None, first_row: int = 1
) -> list[Finding]:
    """:class:`Finding` objects from column-wise findings; frame row 0 is reported as
    ``first_row`` (1 for a report's frame, 2 for a table read with its header row).

    Shared by the report frame and the batch table, so both speak the JSON
    contract the same way; ``data["role"]`` and ``data["subject"]`` enter the
    fingerprint as in :meth:`Finding.compute_fingerprint`.

    This loop is the whole per-finding cost of a batch (hundreds of thousands
    of findings), so it builds the models the way ``model_construct`` does, by
    setting the same four slots, without its per-call default resolution
    (~15 µs against ~2 µs in pydantic 2.13); the shared fields sets hold every
    field name, and pydantic only ever adds names to them. It runs with the
    cyclic garbage collector paused (:func:`paused_gc`). A test checks that the
    findings equal validated ones, fingerprints included.
    """
    n = len(cols.rows)
    if n == 0:
        return []
    with paused_gc():
        return _construct(cols, lang, sheet, n, first_row)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch of objects is built.

    Every few hundred new container objects (dicts, models) the collector scans
    the young generation, and every few of those scans the older ones: building
    100k findings triggers collections that traverse the findings already built
    again and again, which on the national table cost more than building them.
    The findings hold no reference cycles, so nothing is left for the collector
    to free; it is re-enabled (if it was) on the way out, whatever happens.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _construct(
    cols: FindingColumns, lang: str, sheet: str | None, n: int, first_row: int
) -> list[Finding]:
    rule = cols.rule
    code, name, severity = rule.code, rule.name, rule.severity
    data = cols.data
    keys = list(data)
    records = [dict(zip(keys, v, strict=True)) for v in zip(*data.values(), strict=True)]
    rows = [None if r < 0 else r + first_row for r in cols.rows.tolist()]
    loc_fields, finding_fields = set(Location.model_fields), set(Finding.model_fields)
    new, put = object.__new__, object.__setattr__
    out: list[Finding] = []
    for row, ind, f_s, e_s, msg, rec, fingerprint in zip(
        rows, cols.indicators, cols.found, cols.expected, cols.messages(lang),
        records or ({} for _ in range(n)), _fingerprints(cols), strict=True,
    ):  # fmt: skip
        loc = new(Location)
        put(loc, "__dict__", {
            "line": None, "column": None, "paragraph": None, "table": None,
            "row": row, "cell": None, "sheet": sheet, "page": None, "indicator": ind,
        })  # fmt: skip
        put(loc, "__pydantic_fields_set__", loc_fields)
        put(loc, "__pydantic_extra__", None)
        put(loc, "__pydantic_private__", None)
        finding = new(Finding)
        put(finding, "__dict__", {
            "code": code, "name": name, "severity": severity, "message": msg,
            "location": loc, "found": f_s, "expected": e_s, "related": [], "data": rec,
            "fix": None, "fingerprint": fingerprint,
        })  # fmt: skip
        put(finding, "__pydantic_fields_set__", finding_fields)
        put(finding, "__pydantic_extra__", None)
        put(finding, "__pydantic_private__", None)
        out.append(finding)
    return out


def _fingerprints(cols: FindingColumns) -> list[str]:
    """:meth:`Finding.compute_fingerprint` for every finding of ``cols``, column-wise.

    The keys are joined by pyarrow (as the messages are) and only the hashing
    is left to a Python loop; ``role`` and ``subject`` are ``str()``-ed as the
    per-finding method does, so ``None`` stays ``"None"`` there too.
    """
    n, data = len(cols.rows), cols.data
    roles = [str(v) for v in data["role"]] if "role" in data else ""
    subjects = [str(v) for v in data["subject"]] if "subject" in data else ""
    keys = join_columns(
        [f"{cols.rule.code}|", cols.indicators, "|", roles, "|", subjects, "|", cols.found], n
    )
    sha = hashlib.sha256
    return [sha(k.encode("utf-8")).hexdigest()[:16] for k in keys]


def _fmt_vn(
    values: Iterable[float], decimals: Iterable[float], *, percent: bool, plus: bool = False
) -> list[str | None]:
    """Vietnamese notation, as a report prints it (``70,63%``, ``+5,45``)."""
    return [
        None if math.isnan(v) else format_number(v, int(d), percent=percent, plus=plus)
        for v, d in zip(values, decimals, strict=True)
    ]


def _row_indicators(frame: pd.DataFrame, rows: Sequence[int]) -> list[str | None]:
    """The indicator code of each row (None for row -1 or no code), in one take."""
    if "indicator" not in frame.columns or not len(rows):
        return [None] * len(rows)
    taken = frame["indicator"].iloc[[max(r, 0) for r in rows]]
    missing = taken.isna().to_numpy()
    return [
        None if r < 0 or m else str(v)
        for r, m, v in zip(rows, missing, taken.tolist(), strict=True)
    ]


def failure_case_columns(
    failure_cases: pd.DataFrame, frame: pd.DataFrame, specs: Sequence[CheckSpec]
) -> list[FindingColumns]:
    """The one adapter from pandera failure cases to findings (column-wise).

    ``failure_cases`` is ``SchemaErrors.failure_cases`` (pandas, or polars
    converted with ``to_pandas()``); its ``index`` column is the 0-based row of
    ``frame``. A check named after a spec (``"PC003:new.rate"``) becomes that
    rule's finding; pandera's own checks (dtype, coercion, nullability,
    membership, pattern) become ``DC101`` with the column and check in ``data``.
    Found and expected values come from re-evaluating the spec on ``frame``;
    pandera decides which rows failed.
    """
    by_name = {s.name: s for s in specs}
    cols = FigureColumns(frame)
    out: list[FindingColumns] = []
    # pandera reports a cell it cannot coerce twice (coerce_dtype and dtype): one kind
    kinds = failure_cases["check"].astype(str).str.replace(r"^coerce_dtype\(", "dtype(", regex=True)
    for check_name, part in failure_cases.groupby(kinds, sort=False):
        spec = by_name.get(str(check_name))
        idx = pd.to_numeric(part["index"], errors="coerce")
        if spec is None:
            out.append(_schema_columns(part, idx, frame))
        else:
            out.append(_spec_columns(spec, sorted({int(i) for i in idx.dropna()}), cols, frame))
    return out


def _spec_columns(
    spec: CheckSpec, rows: list[int], cols: FigureColumns, frame: pd.DataFrame
) -> FindingColumns:
    fails = evaluate(spec, cols)
    pos = {int(r): k for k, r in enumerate(fails.rows)}
    at = np.array(rows, dtype=np.intp)
    printed = _at(cols.decimals(spec.column), at)
    found_v = [fails.found[pos[r]] if r in pos else cols.values(spec.column)[r] for r in rows]
    exp_v = [fails.expected[pos[r]] if r in pos else math.nan for r in rows]
    decs = [fails.decimals[pos[r]] if r in pos else d for r, d in zip(rows, printed, strict=True)]
    percent = spec.role.endswith(".rate")
    plus = spec.role == "change"
    found_dec = printed.tolist() if plus else decs
    exp_dec = [0.0] * len(rows) if spec.constant_expected else decs
    inds = _row_indicators(frame, rows)
    data: dict[str, list[Any]] = {"role": [spec.role] * len(rows)}
    if fails.group is not None:
        groups = [int(fails.group[pos[r]]) if r in pos else -1 for r in rows]
        data["parts"] = [list(spec.groups[g]) if g >= 0 else [] for g in groups]
    return FindingColumns(
        registered_text(spec.code),
        at.astype(np.int64),
        inds,
        [i or "-" for i in inds],
        _fmt_vn(found_v, found_dec, percent=percent, plus=plus),
        _fmt_vn(exp_v, exp_dec, percent=percent, plus=plus),
        data,
    )


def _schema_columns(part: pd.DataFrame, idx: pd.Series, frame: pd.DataFrame) -> FindingColumns:
    """DC101 for pandera's built-in checks: one finding per (column, row); vectorized,
    so that a table with many bad cells stays cheap. A schema-level failure (a
    missing column) has no row."""
    fc = pd.DataFrame(
        {
            "column": part["column"].astype(object).to_numpy(),
            "check": part["check"].astype(str).to_numpy(),
            "failure_case": part["failure_case"].astype(object).to_numpy(),
            "row": idx.fillna(-1).astype(np.int64).to_numpy(),
        }
    ).drop_duplicates(subset=["column", "row"])
    rows = fc["row"].to_numpy()
    columns = [None if c is None or c != c else str(c) for c in fc["column"].tolist()]
    checks = fc["check"].tolist()
    fcase = fc["failure_case"]
    found = [None if m else str(v) for m, v in zip(fcase.isna(), fcase.tolist(), strict=True)]
    inds = _row_indicators(frame, rows.tolist())
    where = [cell_place(c, i) for c, i in zip(columns, inds, strict=True)]
    rule, expected = _plain_check(checks[0] if checks else "")
    return FindingColumns(
        rule,
        rows,
        inds,
        where,
        found,
        [expected] * len(checks),
        {"column": columns, "check": checks},
    )


def cell_place(column: str | None, indicator: str | None) -> str:
    """A cell's place in a message: the column as the file's header names it, quoted
    (it is the file's word, not the tool's), and the row's indicator."""
    return f'"{column or "-"}"' + (f" ({indicator})" if indicator else "")


def _plain_check(check: str) -> tuple[RuleText, str | None]:
    """The message of a pandera check a clerk can read, and what was expected.

    pandera names its checks in Python (``coerce_dtype('float64')``,
    ``isin(['xa', 'huyen'])``); those names stay in ``data["check"]`` for tools,
    while the message says what was wrong in words.
    """
    if check.startswith(("dtype(", "coerce_dtype(")):
        return registered_text("DC104"), None  # unsure what the cell says: an info
    invalid = registered_text("DC101")
    if check == "not_nullable":
        return invalid, None
    inner = check.partition("(")[2].rpartition(")")[0]
    if check.startswith("isin("):
        return invalid, ", ".join(re.findall(r"'([^']*)'", inner)) or inner
    if check.startswith("str_matches("):
        return invalid, inner.strip("'")
    return invalid, check


def findings_from_failure_cases(
    failure_cases: pd.DataFrame,
    frame: pd.DataFrame,
    specs: Sequence[CheckSpec],
    *,
    lang: str = "vi",
    sheet: str | None = None,
) -> list[Finding]:
    """:func:`failure_case_columns` as findings, in row order."""
    findings = [
        f
        for c in failure_case_columns(failure_cases, frame, specs)
        for f in c.findings(lang, sheet)
    ]
    return sorted(findings, key=lambda f: (f.location.row or 0, f.code, f.data.get("role", "")))
