"""The pandera models: the pack's relations attached to DataFrame schemas.

:class:`IndicatorFrame` declares the columns of one report's Appendix I
(:meth:`Report.to_frame`); :func:`compile_pack` adds one ``pa.Check`` per table check
of the pack (:func:`.evaluate.compile_specs`), named ``"<code>:<role>"``, whose
verdicts are the vectorised evaluator's; :func:`compile_pack_polars` does the same for
pandera's polars backend with the evaluator's polars form (:mod:`.polars_exprs`).
pandera's failure cases become findings through the one adapter of :mod:`.findings`.

Tolerance follows :mod:`dvc_validate.model.interval`: a figure printed with ``d``
decimals stands for ``value ± 0.5·10^-d``; a count printed without decimals is exact.
This module imports pandas, numpy and pandera; linting one document never imports it.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ..model.finding import Finding
from ..pack import RulePack, builtin_pack
from .columns import FIGURE_COLUMNS, FigureColumns
from .evaluate import CheckSpec, compile_specs, evaluate
from .findings import findings_from_failure_cases
from .polars_exprs import polars_check

if TYPE_CHECKING:
    import pandera.polars as pap
    import polars as pl

__all__ = [
    "IndicatorFrame",
    "compile_pack",
    "compile_pack_polars",
    "report_schema",
    "validate_frame",
    "validate_frame_polars",
]

_ROW = "__row__"  # a never-null column so that every failing row reaches the failure cases


# ----------------------------------------------------------------------------- pandera (pandas)


class IndicatorFrame(pa.DataFrameModel):
    """The columns of :meth:`Report.to_frame`: Appendix I, one row per indicator.

    Figures are floats (NaN where the report left the cell blank); ``*_decimals``
    give the printed precision that sets each figure's tolerance. The checks
    are attached by :func:`compile_pack`, from the rule pack.
    """

    indicator: Series[Any] = pa.Field(nullable=True)
    label: Series[Any] | None = pa.Field(nullable=True)
    old_count: Series[float] = pa.Field(nullable=True)
    old_count_decimals: Series[float] | None = pa.Field(nullable=True)
    old_rate: Series[float] = pa.Field(nullable=True)
    old_rate_decimals: Series[float] | None = pa.Field(nullable=True)
    new_count: Series[float] = pa.Field(nullable=True)
    new_count_decimals: Series[float] | None = pa.Field(nullable=True)
    new_rate: Series[float] = pa.Field(nullable=True)
    new_rate_decimals: Series[float] | None = pa.Field(nullable=True)
    change: Series[float] = pa.Field(nullable=True)
    change_decimals: Series[float] | None = pa.Field(nullable=True)

    class Config:
        coerce = True
        strict = False


def _pandas_check(spec: CheckSpec) -> pa.Check:
    def check(df: pd.DataFrame) -> pd.Series:
        ok = np.ones(len(df), dtype=bool)
        ok[evaluate(spec, FigureColumns(df)).rows] = False
        return pd.Series(ok, index=df.index)

    return pa.Check(check, name=spec.name)


def compile_pack(pack: RulePack | None = None) -> pa.DataFrameSchema:
    """:class:`IndicatorFrame` with one check per relation of ``pack`` (default: QĐ 766)."""
    specs = compile_specs(pack or builtin_pack())
    schema = copy.deepcopy(IndicatorFrame.to_schema())
    schema.checks = [*schema.checks, *(_pandas_check(s) for s in specs)]
    schema.name = f"IndicatorFrame[{(pack or builtin_pack()).pack}]"
    return schema


def report_schema() -> pa.DataFrameSchema:
    """The schema of Appendix I under the built-in QĐ 766 pack."""
    return compile_pack(builtin_pack())


def validate_frame(
    df: pd.DataFrame, pack: RulePack | None = None, *, lang: str = "vi", sheet: str | None = None
) -> list[Finding]:
    """Check a :meth:`Report.to_frame` frame; every failure is a finding (lazy).

    ``location.row`` is the 1-based row of ``df`` and ``location.indicator`` its
    indicator code.
    """
    pack = pack or builtin_pack()
    frame = df.reset_index(drop=True)
    frame[_ROW] = np.arange(len(frame))
    try:
        compile_pack(pack).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return findings_from_failure_cases(
            exc.failure_cases, frame, compile_specs(pack), lang=lang, sheet=sheet
        )
    return []


# ----------------------------------------------------------------------------- pandera (polars)


def compile_pack_polars(
    pack: RulePack | None = None, *, keys: Sequence[str] = ()
) -> pap.DataFrameSchema:
    """The same specs for pandera's polars backend (``import pandera.polars``).

    ``keys`` are the columns that identify one report in a long table (e.g.
    ``("unit_id", "period")``); a single report's frame needs none. Column
    presence is read from the frame at validation time, so optional
    ``*_decimals`` columns may be absent.
    """
    _need_polars()
    import pandera.polars as pap
    import polars as pl

    specs = compile_specs(pack or builtin_pack())

    def make(spec: CheckSpec) -> pap.Check:
        def check(data: Any) -> pl.LazyFrame:
            lf: pl.LazyFrame = data.lazyframe
            names = lf.collect_schema().names()
            return lf.select(polars_check(spec, names, keys).alias("ok"))

        return pap.Check(check, name=spec.name)

    figure_cols = {
        c: pap.Column(pl.Float64, nullable=True, required=True, coerce=True) for c in FIGURE_COLUMNS
    }
    return pap.DataFrameSchema(
        columns={"indicator": pap.Column(pl.String, nullable=True, coerce=True), **figure_cols},
        checks=[make(s) for s in specs],
        strict=False,
        name=f"IndicatorFrame[{(pack or builtin_pack()).pack}]",
    )


def _need_polars() -> None:
    """polars is optional: without it, one sentence that names what to install."""
    from importlib.util import find_spec

    if find_spec("polars") is None:
        raise ImportError(
            "The polars path of dvc-validate needs polars: pip install 'dvc-validate[polars]'",
            name="polars",
        )


def validate_frame_polars(
    df: pl.DataFrame, pack: RulePack | None = None, *, lang: str = "vi", sheet: str | None = None
) -> list[Finding]:
    """:func:`validate_frame` through pandera's polars backend; same findings."""
    _need_polars()
    import pandera.polars as pap

    pack = pack or builtin_pack()
    try:
        compile_pack_polars(pack).validate(df, lazy=True)
    except pap.errors.SchemaErrors as exc:
        fc = exc.failure_cases.to_pandas()
        return findings_from_failure_cases(
            fc, df.to_pandas(), compile_specs(pack), lang=lang, sheet=sheet
        )
    return []
