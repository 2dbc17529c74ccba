"""check_table of two source trees on the same tables, timed in the same run.

    git worktree add /tmp/old-tree <commit>
    python benchmarks/bench_engines.py /tmp/old-tree            # national year, 1/10 of units
    python benchmarks/bench_engines.py /tmp/old-tree --full     # the whole national year

Issue 12 replaced the hand-written numpy evaluators of the table path by the vectorised
evaluator of the pack's relations, and asked that check_table be no slower. A machine
shared with other work is noisy, so the two trees are timed alternately, in fresh
processes on the same Parquet files, ``--repeat`` times each, and the fastest run of
each is kept; only their ratio within one run is reported. The time is check_table
alone (the import and the read of the table are outside it): its first call in a
process, which also loads what check_table loads lazily (the rule registry for the
findings' texts), and the fastest of three more calls, as bench_batch.py times it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

_TIMER = """
import gc, json, sys, time
import pandas as pd
try:
    from dvc_validate.tables.batch import check_table
except ImportError:  # a tree from before issue 12
    from dvc_validate.batch import check_table
df = pd.read_parquet(sys.argv[1])
pack = None
if sys.argv[2] != "-":
    sys.path.insert(0, sys.argv[2])
    import make_table
    pack = make_table.extension_pack(int(sys.argv[3]))
times = []
for _ in range(4):
    gc.collect()
    t = time.perf_counter()
    r = check_table(df, pack=pack) if pack is not None else check_table(df)
    times.append(time.perf_counter() - t)
print(json.dumps({"first": times[0], "seconds": min(times[1:]), "findings": len(r.findings)}))
"""


def _time(tree: Path, table: Path, extra_pairs: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # each tree with its own make_table: the pack's module moved between them
    args = [sys.executable, "-c", _TIMER, str(table), str(tree / "benchmarks"), str(extra_pairs)]
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(f"{tree}: {out.stderr.strip().splitlines()[-1]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path, help="the source tree to compare with (a git worktree)")
    ap.add_argument("--full", action="store_true", help="the whole national year (~2.4M rows)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rates", type=float, nargs="+", default=[0.001, 0.05])
    ns = ap.parse_args(argv)
    import compileall

    import make_table

    # byte-compile both trees first, as pip install does for a user: with
    # PYTHONDONTWRITEBYTECODE set, every module would otherwise be compiled from source
    # in every process, and the first call would time the compiler
    for tree in (ns.old, ROOT):
        compileall.compile_dir(str(tree / "src"), quiet=1)
        compileall.compile_dir(str(tree / "benchmarks"), quiet=1)

    communes = 3321 if ns.full else 332
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for rate in ns.rates:
            extra = 15
            pack = make_table.extension_pack(extra)
            periods = [f"2025-{m:02d}" for m in range(1, 13)]
            units = make_table.national_units(34, communes)
            df, _ = make_table.generate(units, periods, pack=pack, seed=1, error_rate=rate)
            table = Path(tmp) / f"table-{rate}.parquet"
            df.to_parquet(table)
            best: dict[str, float] = {}
            found: dict[str, float] = {}
            for _ in range(ns.repeat):
                for name, tree in (("old", ns.old), ("new", ROOT)):
                    r = _time(tree, table, extra)
                    for kind in ("first", "seconds"):
                        key = f"{name}.{kind}"
                        best[key] = min(best.get(key, float("inf")), r[kind])
                    found[name] = r["findings"]
            rows.append((rate, len(df), best, found))
    print("| errors | rows | call | old | new | new ÷ old | findings old / new |")
    print("|---|---|---|---|---|---|---|")
    for rate, n, best, found in rows:
        for kind, label in (("first", "first in a process"), ("seconds", "fastest of 3 more")):
            old, new = best[f"old.{kind}"], best[f"new.{kind}"]
            print(
                f"| {rate:.1%} | {n:,} | {label} | {old:.2f} s | {new:.2f} s | "
                f"**{new / old:.2f}×** | {found['old']:,.0f} / {found['new']:,.0f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
