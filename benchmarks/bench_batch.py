"""Benchmark check_table on the national year (~2.4M rows), against two references.

    python benchmarks/bench_batch.py                 # both runs, ~5 minutes on 2 cores
    python benchmarks/bench_batch.py --rates 0.001   # one run
    python benchmarks/bench_batch.py --quick         # 1/10 of the units, for a smoke test

For each injected-error rate (0.1% and 5% of the rows by default) it generates
the table (benchmarks/make_table.py, fixed seed), then times, round-robin over
the tables and ``--repeat`` times, keeping the fastest of each (so that a shared
machine's load hits all of them alike):

* ``check_table``   — the Result with one pydantic Finding per finding;
* ``table_findings`` — the same findings as one DataFrame (no Finding objects);
* ``numpy floor``   — the same checks written directly in numpy, findings as
  (row, code) arrays: the cost of the arithmetic itself;
* ``python loop``   — the same checks written as a naive loop over
  ``df.itertuples()``, findings as (row, code) tuples.

It asserts that every injected error is found at its row with its code, and
that the three implementations find exactly the same (row, code) pairs. Peak
memory of ``check_table`` is measured with tracemalloc (numpy and pandas
allocations are traced) in a separate, untimed call, and as the growth of the
peak resident set (VmHWM, reset after loading) in a fresh process that reads
the table from Parquet; both against ``df.memory_usage(deep=True).sum()``. Results go to stdout (Markdown)
and to ``benchmarks/out/bench_batch.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _need import require  # noqa: E402

require("bench_batch", "numpy", "pandas", "pyarrow")

import make_table  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from dvc_validate.model.interval import EPS  # noqa: E402
from dvc_validate.pack import RulePack  # noqa: E402
from dvc_validate.tables.batch import (  # noqa: E402
    FIRST_DATA_ROW,
    LEVELS,
    PERIOD_PATTERN,
    SCORE_INDICATOR,
    check_table,
    table_findings,
)

Pairs = set[tuple[int, str]]
H = 0.005  # half a unit of the portal's two decimals
TOP = 100.0


# ----------------------------------------------------------------------------- numpy floor


def numpy_floor(df: pd.DataFrame, pack: RulePack) -> Pairs:
    """The checks of check_table written straight in numpy (2-decimal tables,
    exact counts, categorical keys): how fast the arithmetic alone can be."""
    n = len(df)
    out: list[tuple[np.ndarray, str]] = []
    cats = list(df["indicator"].cat.categories)
    ind = df["indicator"].cat.codes.to_numpy()
    unit = df["unit_id"].cat.codes.to_numpy().astype(np.int64)
    per = df["period"].cat.codes.to_numpy().astype(np.int64)
    n_per = len(df["period"].cat.categories)
    v = {c: df[c].to_numpy() for c in ("old_count", "old_rate", "new_count", "new_rate", "change")}

    # DC101: level and period vocabularies, checked on the categories
    lv = np.array([c in LEVELS for c in df["level"].cat.categories] + [False])
    out.append((np.flatnonzero(~lv[df["level"].cat.codes.to_numpy()]), "DC101"))
    pv = np.array([re.match(PERIOD_PATTERN, c) is not None for c in df["period"].cat.categories])
    out.append((np.flatnonzero(~np.append(pv, False)[per]), "DC101"))

    bad: dict[str, np.ndarray] = {}
    with np.errstate(invalid="ignore"):
        for s in ("old", "new"):
            r, c = v[f"{s}_rate"], v[f"{s}_count"]
            bad[f"PC001:{s}"] = (r - H > TOP + EPS) | (r + H < -EPS)
            bad[f"PC002:{s}"] = (c < 0) | ((np.floor(c) != c) & ~np.isnan(c))
        both = ~np.isnan(v["old_rate"]) & ~np.isnan(v["new_rate"])
        ch = v["change"]
        bad["PC001:change"] = both & ((ch - H > 100 + EPS) | (ch + H < -100 - EPS))
        diff = np.where(both, v["new_rate"] - v["old_rate"], v["new_count"] - v["old_count"])
        tol = H + np.where(both, 2 * H, 0.0) + EPS
        dl = np.abs(ch - diff) > tol
        slip = (ch * diff < 0) & (np.abs(np.abs(ch) - np.abs(diff)) <= tol)
    explained = bad["PC001:change"] | np.where(
        both, bad["PC001:old"] | bad["PC001:new"], bad["PC002:old"] | bad["PC002:new"]
    )
    out += [(np.flatnonzero(dl & ~slip & ~explained), "DL001")]
    out += [(np.flatnonzero(dl & slip & ~explained), "DL002")]
    for key in ("PC001:old", "PC001:new", "PC001:change", "PC002:old", "PC002:new"):
        out.append((np.flatnonzero(bad[key]), key[:5]))

    # parts of wholes (PC003) and of all groups (PC004)
    wholes = [tuple(w) for w in pack.wholes]
    groups = wholes + [tuple(c) for c in pack.complementary]
    gof = {c: (g, p) for g, parts in enumerate(groups) for p, c in enumerate(parts)}
    lut_g = np.array([gof.get(c, (-1, 0))[0] for c in cats] + [-1])
    lut_p = np.array([gof.get(c, (-1, 0))[1] for c in cats] + [0])
    rows = np.flatnonzero(lut_g[ind] >= 0)
    g, pos = lut_g[ind[rows]], lut_p[ind[rows]]
    inst_key = (unit[rows] * n_per + per[rows]) * len(groups) + g
    _, inst = np.unique(inst_key, return_inverse=True)
    m = int(inst.max()) + 1 if len(inst) else 0
    size = np.zeros(m)
    size[inst] = np.array([len(x) for x in groups])[g]
    n_rows = np.bincount(inst, minlength=m)
    inst_of_row = np.full(n, -1)
    inst_of_row[rows] = inst
    for s in ("old", "new"):
        r, c = v[f"{s}_rate"][rows], v[f"{s}_count"][rows]
        rp, cp = ~np.isnan(r), ~np.isnan(c)
        nr = np.bincount(inst, weights=rp, minlength=m)
        rs = np.bincount(inst, weights=np.where(rp, r, 0), minlength=m)
        nc = np.bincount(inst, weights=cp, minlength=m)
        cs = np.bincount(inst, weights=np.where(cp, c, 0), minlength=m)
        whole = np.zeros(m, dtype=bool)
        whole[inst] = g < len(wholes)
        ok3 = whole & (n_rows == size) & (nc == size) & (cs > 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = 100 * c / cs[inst]
        pc3 = ok3[inst] & rp & (np.abs(r - ratio) > H + EPS)
        cause3 = ~np.isin(inst, inst[bad[f"PC002:{s}"][rows]]) & ~bad[f"PC001:{s}"][rows]
        out.append((rows[pc3 & cause3], "PC003"))
        ok4 = (n_rows == size) & (nr == size) & (np.abs(rs - 100) > nr * H + EPS)
        causes = inst[(bad[f"PC001:{s}"][rows]) | pc3]
        pc4 = ok4[inst] & (pos == 0) & ~np.isin(inst, causes)
        out.append((rows[pc4], "PC004"))

    # duplicates and unknown indicators
    key = (unit * n_per + per) * len(cats) + ind
    order = np.argsort(key, kind="stable")
    dup = np.zeros(n, dtype=bool)
    dup[order[1:]] = key[order[1:]] == key[order[:-1]]
    out.append((np.flatnonzero(dup), "DC102"))
    known = {i.code for i in pack.indicators} | {SCORE_INDICATOR}
    out.append((np.flatnonzero(~np.array([c in known for c in cats])[ind]), "DC103"))

    # ranks
    sr = np.flatnonzero(np.array([c == SCORE_INDICATOR for c in cats])[ind])
    score, rank, rank_of = (df[c].to_numpy()[sr] for c in ("score", "rank", "rank_of"))
    gk = df["group"].cat.codes.to_numpy()[sr].astype(np.int64) * n_per + per[sr]
    with np.errstate(invalid="ignore"):
        sbad = (score - H > TOP + 1e-9) | (score + H < -1e-9)
    out.append((sr[sbad], "SC001"))
    with np.errstate(invalid="ignore"):
        out.append((sr[(rank < 1) | (rank > rank_of)], "SC002"))
    _, gi, cnt = np.unique(gk, return_inverse=True, return_counts=True)
    n_units = cnt[gi].astype(float)
    out.append((sr[rank_of != n_units], "SC103"))
    # competition rank of the ranks: 1 + units of the group with a smaller rank
    o = np.lexsort((rank, gi))
    rs_, gs = rank[o], gi[o]
    start = np.r_[0, np.flatnonzero(np.diff(gs)) + 1]
    first_of_value = np.r_[True, (rs_[1:] != rs_[:-1]) | (gs[1:] != gs[:-1])]
    idx = np.arange(len(o))
    run_start = np.maximum.accumulate(np.where(first_of_value, idx, 0))
    by_rank = np.empty(len(o))
    by_rank[o] = run_start - start[np.searchsorted(start, idx, side="right") - 1] + 1
    bad_perm = (np.floor(rank) != rank) | (rank < 1) | (rank > n_units) | (rank != by_rank)
    cand = np.flatnonzero(bad_perm)
    if len(cand):
        oc = cand[np.lexsort((cand, rank[cand], gi[cand]))]
        firsts = oc[np.r_[True, gi[oc][1:] != gi[oc][:-1]]]
        out.append((sr[firsts], "SC101"))
    # rank implied by the scores: 1 + units with a higher usable score + unscored units
    # ranked better (they keep their printed place)
    usable = ~sbad & ~np.isnan(score)
    by_score = np.full(len(sr), np.nan)
    for grp in np.unique(gi):
        members = np.flatnonzero(gi == grp)
        s_ok = members[usable[members]]
        s_sorted = np.sort(score[s_ok])
        held = np.sort(rank[members[~usable[members]]])
        higher = len(s_sorted) - np.searchsorted(s_sorted, score[s_ok], side="right")
        by_score[s_ok] = 1 + higher + np.searchsorted(held, rank[s_ok], side="left")
    out.append((sr[usable & (rank != by_score)], "SC102"))
    return {(int(r), code) for rows_, code in out for r in rows_.tolist()}


# ----------------------------------------------------------------------------- python loop


def python_loop(df: pd.DataFrame, pack: RulePack) -> Pairs:
    """The same checks as a naive loop over the rows, one figure at a time."""
    found: Pairs = set()
    wholes = [tuple(w) for w in pack.wholes]
    groups = wholes + [tuple(c) for c in pack.complementary]
    gof = {c: (g, p) for g, parts in enumerate(groups) for p, c in enumerate(parts)}
    known = {i.code for i in pack.indicators} | {SCORE_INDICATOR}
    period_re = re.compile(PERIOD_PATTERN)
    seen: dict[tuple[str, str, str], int] = {}
    parts: dict[tuple[str, str, int], list[tuple[int, int, Any]]] = {}
    ranks: dict[tuple[str, str], list[tuple[int, float, float, float]]] = {}
    bad_rate: dict[tuple[int, str], bool] = {}
    bad_count: dict[tuple[int, str], bool] = {}

    def missing(x: float) -> bool:
        return x != x

    for i, row in enumerate(df.itertuples(index=False)):
        if row.level not in LEVELS:
            found.add((i, "DC101"))
        if not period_re.match(str(row.period)):
            found.add((i, "DC101"))
        key = (row.unit_id, row.period, row.indicator)
        if key in seen:
            found.add((i, "DC102"))
        else:
            seen[key] = i
        if row.indicator not in known:
            found.add((i, "DC103"))
        if row.indicator == SCORE_INDICATOR:
            ranks.setdefault((row.group, row.period), []).append(
                (i, row.score, row.rank, row.rank_of)
            )
            continue
        for side in ("old", "new"):
            r, c = getattr(row, f"{side}_rate"), getattr(row, f"{side}_count")
            if not missing(r) and (r - H > TOP + EPS or r + H < -EPS):
                found.add((i, "PC001"))
                bad_rate[(i, side)] = True
            if not missing(c) and (c < 0 or math.floor(c) != c):
                found.add((i, "PC002"))
                bad_count[(i, side)] = True
        both = not missing(row.old_rate) and not missing(row.new_rate)
        ch = row.change
        if not missing(ch):
            change_bad = both and (ch - H > 100 + EPS or ch + H < -100 - EPS)
            if change_bad:
                found.add((i, "PC001"))
            if both:
                diff, tol = row.new_rate - row.old_rate, 3 * H + EPS
                explained = bad_rate.get((i, "old"), False) or bad_rate.get((i, "new"), False)
            else:
                diff, tol = row.new_count - row.old_count, H + EPS
                explained = bad_count.get((i, "old"), False) or bad_count.get((i, "new"), False)
            if not missing(diff) and abs(ch - diff) > tol and not (explained or change_bad):
                slip = ch * diff < 0 and abs(abs(ch) - abs(diff)) <= tol
                found.add((i, "DL002" if slip else "DL001"))
        if row.indicator in gof:
            g, p = gof[row.indicator]
            parts.setdefault((row.unit_id, row.period, g), []).append((i, p, row))

    for (_, _, g), members in parts.items():
        if len(members) != len(groups[g]):
            continue
        for side in ("old", "new"):
            rates = [getattr(m[2], f"{side}_rate") for m in members]
            counts = [getattr(m[2], f"{side}_count") for m in members]
            pc3_rows = []
            if g < len(wholes) and not any(missing(c) for c in counts) and sum(counts) > 0:
                total = sum(counts)
                count_bad = any(bad_count.get((m[0], side), False) for m in members)
                for (i, _, _), r, c in zip(members, rates, counts, strict=True):
                    if not missing(r) and abs(r - 100 * c / total) > H + EPS:
                        pc3_rows.append(i)
                        if not count_bad and not bad_rate.get((i, side), False):
                            found.add((i, "PC003"))
            if not any(missing(r) for r in rates) and abs(sum(rates) - 100) > len(rates) * H + EPS:
                caused = pc3_rows or any(bad_rate.get((m[0], side), False) for m in members)
                if not caused:
                    found.add((next(m[0] for m in members if m[1] == 0), "PC004"))

    for units in ranks.values():
        n = len(units)
        placed = sorted(units, key=lambda u: (u[2], u[0]))
        first_bad = None
        for i, score, rank, rank_of in units:
            if score - H > TOP + 1e-9 or score + H < -1e-9:
                found.add((i, "SC001"))
            if rank < 1 or rank > rank_of:
                found.add((i, "SC002"))
            if rank_of != n:
                found.add((i, "SC103"))
        for i, _, rank, _ in placed:
            better = sum(1 for u in units if u[2] < rank)
            if rank != math.floor(rank) or rank < 1 or rank > n or rank != better + 1:
                first_bad = i
                break
        if first_bad is not None:
            found.add((first_bad, "SC101"))
        usable = [u for u in units if not (u[1] - H > TOP + 1e-9 or u[1] + H < -1e-9)]
        held = [u for u in units if u not in usable]
        for i, score, rank, _ in usable:
            expected = 1 + sum(1 for u in usable if u[1] > score)
            expected += sum(1 for u in held if u[2] < rank)
            if rank != expected:
                found.add((i, "SC102"))
    return found


# ----------------------------------------------------------------------------- measuring


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Minimum wall time of ``repeat`` calls (the least disturbed by other load)."""
    best, out = math.inf, None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def traced_peak(fn: Callable[[], Any]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def rss_growth(df: pd.DataFrame, pack: RulePack, runs: int = 3) -> dict[str, Any]:
    """Peak resident memory added by check_table, in fresh processes reading Parquet.

    The process's high-water mark is reset after reading (``/proc/self/clear_refs``,
    Linux), so the Parquet reader's own peak does not hide the check's. The
    resident set depends on when the allocators (glibc's arenas, pyarrow's pool)
    return memory to the system: the same run has measured 0.2x and 1x the frame,
    and once 2.1x, in consecutive processes. So ``runs`` processes are measured
    and the median and the largest growth reported; tracemalloc's peak (Python's
    own allocations) is the repeatable figure.
    """
    growths: list[int] = []
    child: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.parquet"
        df.to_parquet(path, index=False)
        packf = Path(tmp) / "pack.json"
        packf.write_text(pack.model_dump_json(), encoding="utf-8")
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, __file__, "--rss-child", str(path), str(packf)],
                capture_output=True,
                text=True,
                check=True,
            )
            child = dict(json.loads(out.stdout.strip().splitlines()[-1]))
            growths.append(child["peak"] - child["before"])
    return {
        "frame": child["frame"],
        "growths": growths,
        "median_growth": int(statistics.median(growths)),
        "max_growth": max(growths),
    }


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return -1


def rss_child(path: str, packf: str) -> None:
    df = pd.read_parquet(path)
    pack = RulePack.model_validate_json(Path(packf).read_text(encoding="utf-8"))
    check_table(df.head(2000), pack=pack)
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to the current RSS
    before = _status_kb("VmRSS")
    result = check_table(df, pack=pack)
    peak = _status_kb("VmHWM")
    frame = int(df.memory_usage(deep=True).sum())
    print(json.dumps({"before": before, "peak": peak, "frame": frame, "n": len(result.findings)}))


def make(rate: float, *, seed: int, quick: bool) -> tuple[pd.DataFrame, pd.DataFrame, RulePack]:
    if quick:
        units = make_table.national_units(n_provinces=34, n_communes=332)
        pack = make_table.extension_pack(15)
        periods = [f"2025-{m:02d}" for m in range(1, 13)]
        df, inj = make_table.generate(units, periods, pack=pack, seed=seed, error_rate=rate)
        return df, inj, pack
    return make_table.national(seed=seed, error_rate=rate)


def run_all(
    rates: list[float], *, seed: int, repeat: int, quick: bool, loop: bool
) -> list[dict[str, Any]]:
    """Generate every table first, then time the implementations round-robin over
    the tables, ``repeat`` times, keeping each one's fastest: the runs' ratios
    then come from the same minutes of a shared machine."""
    tables = []
    for rate in rates:
        t0 = time.perf_counter()
        df, inj, pack = make(rate, seed=seed, quick=quick)
        tables.append((rate, df, inj, pack, time.perf_counter() - t0))
        print(f"generated {rate:.1%}: {len(df):,} rows", file=sys.stderr, flush=True)
    check_table(tables[0][1].head(5000), pack=tables[0][3])  # pandera's lazy setup, imports

    impls: dict[str, Callable[[pd.DataFrame, RulePack], Any]] = {
        "check_table": lambda df, pack: check_table(df, pack=pack),
        "table_findings": lambda df, pack: table_findings(df, pack=pack),
        "numpy_floor": numpy_floor,
    }
    best: dict[tuple[int, str], float] = {}
    outputs: dict[tuple[int, str], Any] = {}
    for k in range(repeat):
        print(f"timing round {k + 1}/{repeat}", file=sys.stderr, flush=True)
        for i, (_, df, _, pack, _) in enumerate(tables):
            for name, fn in impls.items():
                t, out = best_of(lambda fn=fn, df=df, pack=pack: fn(df, pack), 1)
                best[(i, name)] = min(best.get((i, name), math.inf), t)
                outputs[(i, name)] = out
    runs = []
    for i, (rate, df, inj, pack, gen) in enumerate(tables):
        print(f"loop and memory {rate:.1%}", file=sys.stderr, flush=True)
        result, frame, floor = (outputs[(i, name)] for name in impls)
        t_loop, looped = (
            best_of(lambda df=df, pack=pack: python_loop(df, pack), 1) if loop else (math.nan, None)
        )
        got: Pairs = {((f.location.row or 0) - FIRST_DATA_ROW, f.code) for f in result.findings}
        want: Pairs = {(int(r), str(c)) for r, c in inj.itertuples(index=False)}
        missed = want - got
        assert not missed, f"injected errors not found: {sorted(missed)[:10]}"
        assert len(got) == len(result.findings), "two findings of one code at one row"
        assert Counter(c for _, c in got) == Counter(c for _, c in floor), "vs numpy floor"
        assert got == floor, f"check_table vs numpy floor: {sorted(got ^ floor)[:10]}"
        if looped is not None:
            assert Counter(c for _, c in got) == Counter(c for _, c in looped), "vs loop"
            assert got == looped, f"check_table vs python loop: {sorted(got ^ looped)[:10]}"
        assert len(frame) == len(result.findings)
        n = len(df)
        times = {name: best[(i, name)] for name in impls} | {"python_loop": t_loop}
        runs.append(
            {
                "error_rate": rate,
                "rows": n,
                "injected": len(inj),
                "findings": len(result.findings),
                "findings_by_code": dict(sorted(Counter(c for _, c in got).items())),
                "generate_s": gen,
                "frame_bytes": int(df.memory_usage(deep=True).sum()),
                **{f"{name}_s": t for name, t in times.items()},
                "rows_per_s": {name: n / t for name, t in times.items()},
                "tracemalloc_peak_bytes": traced_peak(
                    lambda df=df, pack=pack: check_table(df, pack=pack)
                ),
                "rss": rss_growth(df, pack),
            }
        )
    return runs


def report(runs: list[dict[str, Any]]) -> str:
    mb = 1e6
    lines = [
        "| | " + " | ".join(f"{r['error_rate']:.1%} errors" for r in runs) + " |",
        "|---|" + "---|" * len(runs),
    ]

    def row(name: str, f: Callable[[dict[str, Any]], str]) -> None:
        lines.append(f"| {name} | " + " | ".join(f(r) for r in runs) + " |")

    row("rows", lambda r: f"{r['rows']:,}")
    row("injected errors / findings", lambda r: f"{r['injected']:,} / {r['findings']:,}")
    row("input frame (deep)", lambda r: f"{r['frame_bytes'] / mb:.0f} MB")
    for key, name in [
        ("check_table_s", "check_table (Result)"),
        ("table_findings_s", "table_findings (DataFrame)"),
        ("numpy_floor_s", "numpy floor"),
        ("python_loop_s", "python loop"),
    ]:
        if any(math.isnan(r[key]) for r in runs):
            continue
        short = key[: -len("_s")]
        row(
            name,
            lambda r, k=key, s=short: f"{r[k]:.2f} s ({r['rows_per_s'][s] / 1e6:.2f} M rows/s)",
        )
    if not any(math.isnan(r["python_loop_s"]) for r in runs):  # --no-loop leaves them out
        row("loop / check_table", lambda r: f"{r['python_loop_s'] / r['check_table_s']:.1f}×")
        row("loop / table_findings", lambda r: f"{r['python_loop_s'] / r['table_findings_s']:.1f}×")
    row("check_table / floor", lambda r: f"{r['check_table_s'] / r['numpy_floor_s']:.1f}×")
    row("table_findings / floor", lambda r: f"{r['table_findings_s'] / r['numpy_floor_s']:.1f}×")
    row(
        "tracemalloc peak / frame",
        lambda r: (
            f"{r['tracemalloc_peak_bytes'] / mb:.0f} MB = "
            f"{r['tracemalloc_peak_bytes'] / r['frame_bytes']:.2f}×"
        ),
    )
    row(
        "peak RSS growth / frame, median (max) of 3 processes",
        lambda r: (
            f"{r['rss']['median_growth'] / mb:.0f} MB = "
            f"{r['rss']['median_growth'] / r['rss']['frame']:.2f}× "
            f"({r['rss']['max_growth'] / r['rss']['frame']:.2f}×)"
        ),
    )
    if len(runs) == 2:
        a, b = runs
        lines.append("")
        for key, name in [
            ("check_table_s", "check_table"),
            ("table_findings_s", "table_findings"),
            ("numpy_floor_s", "numpy floor"),
        ]:
            lines.append(f"- {name}: {b['error_rate']:.0%} run / {a['error_rate']:.1%} run = "
                         f"{b[key] / a[key]:.2f}×")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rates", type=float, nargs="+", default=[0.001, 0.05])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="a tenth of the communes")
    ap.add_argument("--no-loop", action="store_true", help="skip the python loop")
    ap.add_argument("--rss-child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.rss_child:
        rss_child(*args.rss_child)
        return 0
    runs = run_all(
        args.rates, seed=args.seed, repeat=args.repeat, quick=args.quick, loop=not args.no_loop
    )
    env = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": os.cpu_count(),
        "loadavg_at_end": os.getloadavg(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "pandera": __import__("pandera").__version__,
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
    }
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_batch.json").write_text(json.dumps({"env": env, "runs": runs}, indent=1))
    print(json.dumps(env))
    print(report(runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
