"""Generate long index tables (docs/batch.md) with known, injected errors.

Two uses:

* the shipped example, a few communes of one district in February 2024::

    python benchmarks/make_table.py example examples/province-table-2024-02.csv

* the national year for the benchmarks: 34 provinces and 3,321 communes (the
  two-level government of 1/7/2025) × 12 months × 59 rows ≈ 2.4M rows::

    python benchmarks/make_table.py national OUT.parquet --error-rate 0.001 --seed 1

The figures are consistent by construction (counts are integers, rates are
their shares rounded to 2 decimals, changes are new − old of the printed
figures, ranks are competition ranks of the scores), so every finding on a
generated table comes from an injected error. The injected errors are returned
(and written next to the table as ``<name>.injected.csv`` for the national
table) as 0-based row and rule code: each must be found at that row.

The catalogue of QĐ 766 has 28 indicators with figures; the national table
adds ``extra_pairs`` synthetic two-part wholes (``9.k.a``/``9.k.b``) so that a
unit-month has about 60 rows, the size the benchmark brief asks for. They
come with their own rule pack (:func:`extension_pack`), as a new version of
the index would.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from dvc_validate.pack import IndicatorDef, RulePack, builtin_pack, merge_packs

FloatArray = npt.NDArray[np.float64]

SCORE = "__score__"
KINDS = (
    "PC001",
    "PC002",
    "PC003",
    "PC004",
    "DL001",
    "DL002",
    "SC001",
    "SC002",
    "SC102",
    "SC103",
    "DC101",
)

# how each catalogue indicator is generated
_COUNTED_WHOLES = {"1.2.a", "1.2.b", "3.1", "3.2", "3.3", "4.1.a", "4.1.b", "4.2.a", "4.2.b"}
_COUNTED_WHOLES |= {"4.3.a", "4.3.b"}
_RATE_WHOLES = {"3.4.a", "3.4.b", "3.5.a", "3.5.b"}
_COMPLEMENTARY = {"2.1", "2.2"}
_COUNTS_ONLY = {"3.7", "6.3"}
_COUNT_AND_RATE = {"1.1", "6.4"}

_EXAMPLE_UNITS = [
    ("TN-DH-BT", "Xã Bình Thành"),
    ("TN-DH-BY", "Xã Bình Yên"),
    ("TN-DH-BC", "Xã Bảo Cường"),
    ("TN-DH-DM", "Xã Điềm Mặc"),
    ("TN-DH-PD", "Xã Phú Đình"),
    ("TN-DH-SP", "Xã Sơn Phú"),
    ("TN-DH-TH", "Xã Trung Hội"),
    ("TN-DH-CC", "Thị trấn Chợ Chu"),
]


def extension_pack(extra_pairs: int) -> RulePack:
    """The built-in pack plus the synthetic wholes ``9.k.a + 9.k.b``."""
    codes = [(f"9.{k}.a", f"9.{k}.b") for k in range(1, extra_pairs + 1)]
    extra = RulePack(
        pack="bench-extension",
        indicators=[
            IndicatorDef(code=c, label=f"Chỉ số thử {c}", kind="rate")
            for pair in codes
            for c in pair
        ],
        wholes=[list(p) for p in codes],
    )
    return merge_packs(builtin_pack(), extra)


@dataclass(frozen=True)
class Units:
    ids: list[str]
    names: list[str]
    levels: list[str]
    groups: list[str]


def national_units(n_provinces: int = 34, n_communes: int = 3321) -> Units:
    """34 provinces ranked nationally; communes ranked within their province."""
    ids, names, levels, groups = [], [], [], []
    base, extra = divmod(n_communes, n_provinces)
    for p in range(n_provinces):
        ids.append(f"T{p + 1:02d}")
        names.append(f"Tỉnh {p + 1:02d}")
        levels.append("tinh")
        groups.append("tinh")
        for k in range(base + (1 if p < extra else 0)):
            ids.append(f"T{p + 1:02d}-X{k + 1:03d}")
            names.append(f"Xã {k + 1:03d} tỉnh {p + 1:02d}")
            levels.append("xa")
            groups.append(f"T{p + 1:02d}-xa")
    return Units(ids, names, levels, groups)


def example_units() -> Units:
    ids = [u for u, _ in _EXAMPLE_UNITS]
    names = [n for _, n in _EXAMPLE_UNITS]
    return Units(ids, names, ["xa"] * len(ids), ["thai-nguyen-dinh-hoa-xa"] * len(ids))


def _indicators(pack: RulePack) -> list[str]:
    return [i.code for i in pack.indicators if i.kind != "group"]


def generate(
    units: Units,
    periods: list[str],
    *,
    pack: RulePack,
    seed: int = 0,
    error_rate: float = 0.0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A consistent long table and its injected errors (0-based ``row``, ``code``).

    Rows are ordered by unit, period, indicator (the catalogue order, then the
    score row); key columns are categoricals.
    """
    rng = np.random.default_rng(seed)
    codes = [*_indicators(pack), SCORE]
    n_u, n_m, n_i = len(units.ids), len(periods), len(codes)
    shape = (n_u, n_m, n_i)
    old_count, new_count = np.full(shape, np.nan), np.full(shape, np.nan)
    old_rate, new_rate = np.full(shape, np.nan), np.full(shape, np.nan)
    change = np.full(shape, np.nan)
    col = {c: i for i, c in enumerate(codes)}

    def series_counts(scale: float, size: tuple[int, ...]) -> FloatArray:
        """Monthly counts: month 0 is the month before the first period."""
        return np.floor(rng.lognormal(np.log(scale), 0.6, size=(*size, n_m + 1)))

    def put(code: str, counts: FloatArray | None, rates: FloatArray | None) -> None:
        i = col[code]
        if counts is not None:
            old_count[:, :, i], new_count[:, :, i] = counts[:, :-1], counts[:, 1:]
        if rates is not None:
            old_rate[:, :, i], new_rate[:, :, i] = rates[:, :-1], rates[:, 1:]
            change[:, :, i] = np.round(rates[:, 1:] - rates[:, :-1], 2)
        elif counts is not None:
            change[:, :, i] = counts[:, 1:] - counts[:, :-1]

    for whole in pack.wholes:
        if not all(c in col for c in whole):
            continue
        total = series_counts(200.0, (n_u,)) + 1.0
        weights = rng.dirichlet(np.ones(len(whole)), size=(n_u, n_m + 1))
        parts = np.floor(total[..., None] * weights)
        parts[..., 0] = total - parts[..., 1:].sum(axis=-1)  # counts add up to the whole
        rates = np.round(100.0 * parts / total[..., None], 2)
        counted = whole[0] not in _RATE_WHOLES
        for j, code in enumerate(whole):
            put(code, parts[..., j] if counted else None, rates[..., j])
    for pair in pack.complementary:
        first = np.round(rng.uniform(80.0, 100.0, size=(n_u, n_m + 1)), 2)
        put(pair[0], None, first)
        put(pair[1], None, np.round(100.0 - first, 2))
    grouped = {c for g in [*pack.wholes, *pack.complementary] for c in g}
    for code in codes[:-1]:
        if code in grouped:
            continue
        if code in _COUNTS_ONLY:
            put(code, series_counts(500.0, (n_u,)), None)
        elif code in _COUNT_AND_RATE:
            den = series_counts(150.0, (n_u,)) + 1.0
            num = np.floor(den * rng.uniform(0.5, 1.0, size=den.shape))
            put(code, num, np.round(100.0 * num / den, 2))
        else:
            put(code, None, np.round(rng.uniform(0.0, 100.0, size=(n_u, n_m + 1)), 2))

    df = _assemble(units, periods, codes, old_count, old_rate, new_count, new_rate, change)
    _scores(df, rng)
    injected = _inject(df, pack, rng, error_rate) if error_rate > 0 else _no_errors()
    return df, injected


def _assemble(
    units: Units,
    periods: list[str],
    codes: list[str],
    *arrays: FloatArray,
) -> pd.DataFrame:
    n_u, n_m, n_i = len(units.ids), len(periods), len(codes)
    n = n_u * n_m * n_i
    u_codes = np.repeat(np.arange(n_u), n_m * n_i)
    m_codes = np.tile(np.repeat(np.arange(n_m), n_i), n_u)
    i_codes = np.tile(np.arange(n_i), n_u * n_m)
    level_cats = ["xa", "huyen", "tinh"]
    group_cats = sorted(set(units.groups))
    cat = pd.Categorical.from_codes
    df = pd.DataFrame(
        {
            "unit_id": cat(u_codes, units.ids),
            "unit_name": cat(u_codes, units.names),
            "level": cat(
                np.array([level_cats.index(v) for v in units.levels])[u_codes], level_cats
            ),
            "group": cat(
                np.array([group_cats.index(g) for g in units.groups])[u_codes], group_cats
            ),
            "period": cat(m_codes, periods),
            "indicator": cat(i_codes, codes),
        }
    )
    for name, arr in zip(
        ("old_count", "old_rate", "new_count", "new_rate", "change"), arrays, strict=True
    ):
        df[name] = arr.reshape(n)
    assert len(df) == n
    return df


def _scores(df: pd.DataFrame, rng: np.random.Generator) -> None:
    """Score rows: a score, its competition rank in the group and period, and N."""
    n = len(df)
    is_score = (df["indicator"] == SCORE).to_numpy()
    score = np.full(n, np.nan)
    score[is_score] = np.round(rng.uniform(50.0, 100.0, size=int(is_score.sum())), 2)
    sub = pd.DataFrame(
        {
            "g": df["group"].cat.codes.to_numpy()[is_score],
            "p": df["period"].cat.codes.to_numpy()[is_score],
            "s": score[is_score],
        }
    )
    grouped = sub.groupby(["g", "p"], sort=False)["s"]
    rank = np.full(n, np.nan)
    rank_of = np.full(n, np.nan)
    rank[is_score] = grouped.rank(method="min", ascending=False).to_numpy()
    rank_of[is_score] = grouped.transform("size").to_numpy()
    df["score"], df["rank"], df["rank_of"] = score, rank, rank_of


def _no_errors() -> pd.DataFrame:
    return pd.DataFrame({"row": np.zeros(0, dtype=np.int64), "code": np.zeros(0, dtype=object)})


def _inject(
    df: pd.DataFrame, pack: RulePack, rng: np.random.Generator, rate: float
) -> pd.DataFrame:
    """Inject one error in about ``rate`` of the rows; at most one per group instance.

    A group instance is a whole in one unit-month (its relations see all its
    parts) or a ranking group in one month (the expected ranks see all scores),
    so one injection never hides or fakes another.
    """
    n = len(df)
    ind = df["indicator"].astype(str).to_numpy()
    cats = list(df["indicator"].cat.categories)
    codes_ind = df["indicator"].cat.codes.to_numpy()
    new_rate, new_count = df["new_rate"].to_numpy(), df["new_count"].to_numpy()
    chg = df["change"].to_numpy()
    is_score = ind == SCORE
    first_part = {g[0] for g in [*pack.wholes, *pack.complementary]}
    counted = _COUNTED_WHOLES | {c for w in pack.wholes for c in w if c.startswith("9.")}
    in_counted = np.isin(ind, list(counted))
    rate_only_first = np.isin(ind, [c for c in first_part if c not in counted])
    has_rate, has_count, has_change = ~np.isnan(new_rate), ~np.isnan(new_count), ~np.isnan(chg)

    applicable = {
        "PC001": has_rate,
        "PC002": has_count,
        "PC003": in_counted & has_rate,
        "PC004": rate_only_first,
        "DL001": has_change,
        "DL002": has_change & (np.abs(np.nan_to_num(chg)) >= 0.05),
        "SC001": is_score,
        "SC002": is_score,
        "SC102": is_score,
        "SC103": is_score,
        "DC101": np.ones(n, dtype=bool),
    }
    picked = np.flatnonzero(rng.random(n) < rate)
    cand = np.stack([applicable[k][picked] for k in KINDS], axis=1)
    choice = np.array([rng.choice(np.flatnonzero(c)) for c in cand]) if len(picked) else picked
    kinds = np.array(KINDS, dtype=object)[choice] if len(picked) else np.array([], dtype=object)

    # one injection per group instance
    members = {c: gi for gi, g in enumerate([*pack.wholes, *pack.complementary]) for c in g}
    lut = np.array([members.get(c, -1) for c in cats] + [-1])
    unit = df["unit_id"].cat.codes.to_numpy().astype(np.int64)
    month = df["period"].cat.codes.to_numpy().astype(np.int64)
    grp = df["group"].cat.codes.to_numpy().astype(np.int64)
    gidx = lut[codes_ind]
    n_m = len(df["period"].cat.categories)
    inst = np.where(
        is_score,
        -(grp * n_m + month) - 1,
        np.where(gidx >= 0, (unit * n_m + month) * 1000 + gidx, -2),
    )[picked]
    shared = inst != -2
    keep = np.ones(len(picked), dtype=bool)
    _, first = np.unique(inst[shared], return_index=True)
    keep_shared = np.zeros(int(shared.sum()), dtype=bool)
    keep_shared[first] = True
    keep[np.flatnonzero(shared)] = keep_shared
    picked, kinds = picked[keep], kinds[keep]

    delta = rng.uniform(0.5, 5.0, size=len(picked))
    cols = {
        c: df[c].to_numpy().copy()
        for c in ("new_rate", "new_count", "change", "score", "rank", "rank_of")
    }
    level_codes = df["level"].cat.codes.to_numpy().copy()
    for row, kind, d in zip(picked.tolist(), kinds.tolist(), delta.tolist(), strict=True):
        r, c = cols["new_rate"][row], cols["change"][row]
        if kind == "PC001":
            cols["new_rate"][row] = round(r + 101.0 + 10.0 * d, 2)
        elif kind == "PC002":
            cols["new_count"][row] = -(cols["new_count"][row] + 1.0)
        elif kind in ("PC003", "PC004"):
            step = d if r + d <= 100.0 else -min(d, r)  # stay within 0..100
            if abs(step) < 0.5:
                step = 100.0 - r if r < 50 else -r
            cols["new_rate"][row] = round(r + step, 2)
            cols["change"][row] = round(c + step, 2)
        elif kind == "DL001":
            # away from zero, so that it is no sign slip (DL002), but a change of
            # rates stays within ±100 points (else it is PC001)
            step = max(1.0, round(d)) if np.isnan(r) else round(d, 2)
            if not np.isnan(r) and abs(c) + step > 100.0:
                step = -step
            cols["change"][row] = round(c + (step if c >= 0 else -step), 2)
        elif kind == "DL002":
            cols["change"][row] = -c
        elif kind == "SC001":
            cols["score"][row] = round(cols["score"][row] + 100.0 + d, 2)
        elif kind == "SC002":
            cols["rank"][row] = cols["rank_of"][row] + 1.0 + round(d)
        elif kind == "SC102":
            rk, of = cols["rank"][row], cols["rank_of"][row]
            cols["rank"][row] = rk + 1.0 if rk < of else rk - 1.0
        elif kind == "SC103":
            cols["rank_of"][row] += 1.0
        elif kind == "DC101":
            level_codes[row] = 3  # "xã": the accented word instead of the code "xa"
    for name, values in cols.items():
        df[name] = values
    df["level"] = pd.Categorical.from_codes(level_codes, [*df["level"].cat.categories, "xã"])
    out = pd.DataFrame({"row": picked.astype(np.int64), "code": kinds})
    return out.sort_values("row", kind="stable").reset_index(drop=True)


def national(
    *, seed: int = 0, error_rate: float = 0.001, extra_pairs: int = 15, year: int = 2025
) -> tuple[pd.DataFrame, pd.DataFrame, RulePack]:
    """The national year: 3,355 units × 12 months × (28 + 2·extra_pairs + 1) rows."""
    pack = extension_pack(extra_pairs)
    periods = [f"{year}-{m:02d}" for m in range(1, 13)]
    df, injected = generate(national_units(), periods, pack=pack, seed=seed, error_rate=error_rate)
    return df, injected, pack


def example(*, seed: int = 10, error_rate: float = 0.025) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The shipped example: eight communes of Định Hóa (Thái Nguyên), February 2024."""
    return generate(
        example_units(), ["2024-02"], pack=builtin_pack(), seed=seed, error_rate=error_rate
    )


def write(df: pd.DataFrame, path: Path) -> None:
    """CSV with empty cells for missing figures and no ``.0`` on counts; or Parquet."""
    if path.suffix == ".parquet":
        df.to_parquet(path, index=False)
    else:
        df.to_csv(path, index=False, float_format="%.10g")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("what", choices=["example", "national"])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--error-rate", type=float, default=None)
    ap.add_argument("--extra-pairs", type=int, default=15)
    args = ap.parse_args(argv)
    if args.what == "example":
        df, injected = example(
            seed=10 if args.seed is None else args.seed,
            error_rate=0.025 if args.error_rate is None else args.error_rate,
        )
    else:
        df, injected, _ = national(
            seed=0 if args.seed is None else args.seed,
            error_rate=0.001 if args.error_rate is None else args.error_rate,
            extra_pairs=args.extra_pairs,
        )
        write(injected, args.out.with_suffix(".injected.csv"))
    write(df, args.out)
    print(f"{args.out}: {len(df):,} rows, {len(injected):,} injected errors", file=sys.stderr)
    for row, code in injected.itertuples(index=False):
        if len(injected) <= 20:
            print(f"  row {row + 1}: {code}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
