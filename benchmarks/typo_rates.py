"""Measure, per typo model, how often localisation names the slipped figure and how
often its top suggestion restores the original value.

    python benchmarks/typo_rates.py [--n 200] [--seed 20240229]

For each model, ``n`` generated consistent reports (tests/reportgen.py) each get one
slip of that model (tests/typoinject.py) and are linted. Printed as a Markdown table
for docs/localisation.md: over every injection, and over the injections where the
document pins the original down ("determined", defined in tests/typoinject.py).
The seed is fixed, so the numbers are reproducible.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from typoinject import MODELS, Injection, evaluate, sample  # noqa: E402


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:.1f}% ({k}/{n})" if n else "–"


def measure(model: str, n: int, seed: int) -> tuple[list[tuple[Injection, bool, bool]], float]:
    rng = random.Random(f"{seed}:{model}")
    start = time.perf_counter()
    runs = []
    for _ in range(n):
        inj = sample(model, rng)
        found, restored = evaluate(inj)
        runs.append((inj, found, restored))
    return runs, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="injections per model")
    ap.add_argument("--seed", type=int, default=20240229)
    ap.add_argument("--misses", action="store_true", help="list the determined misses")
    args = ap.parse_args(argv)
    print(f"seed {args.seed}, {args.n} injections per model\n")
    print(
        "| model | determined | found (determined) | restored (determined) "
        "| found (all) | restored (all) |"
    )
    print("|---|---|---|---|---|---|")
    misses: list[str] = []
    why_not: dict[str, Counter[str]] = {}
    for model in MODELS:
        runs, _secs = measure(model, args.n, args.seed)
        det = [r for r in runs if r[0].determined]
        print(
            f"| {model} | {len(det)}/{len(runs)} | {_pct(sum(r[1] for r in det), len(det))} "
            f"| {_pct(sum(r[2] for r in det), len(det))} "
            f"| {_pct(sum(r[1] for r in runs), len(runs))} "
            f"| {_pct(sum(r[2] for r in runs), len(runs))} |"
        )
        why_not[model] = Counter(_reason(inj) for inj, _, _ in runs if not inj.determined)
        misses += [
            f"{model}: {inj.original} → {inj.typo} (line {inj.line}, found={found})"
            for inj, found, restored in det
            if not restored
        ]
    print("\nNot determined, by cause:")
    for model, causes in why_not.items():
        if causes:
            print(f"- {model}: " + ", ".join(f"{k} {v}" for k, v in causes.most_common()))
    if args.misses and misses:
        print("\nDetermined but not restored:")
        print("\n".join(f"- {m}" for m in misses))
    return 0


def _reason(inj: Injection) -> str:
    """Why the document does not pin the original down (for the docs)."""
    from typoinject import why_undetermined

    return why_undetermined(inj)


if __name__ == "__main__":
    raise SystemExit(main())
