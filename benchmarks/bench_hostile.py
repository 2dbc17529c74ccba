"""Time and peak memory of the CLI on large and hostile inputs (docs/security.md).

Each case runs ``dvc-validate lint`` in a fresh Python process and reports that
process's wall time, exit code and peak resident memory (``ru_maxrss``), so one
case cannot inherit another's memory. The inputs come from
``tests/data/bad/make_bad.py`` and are written to a temporary folder::

    python benchmarks/bench_hostile.py            # all cases, a table on stdout
    python benchmarks/bench_hostile.py --quick    # without the 30 and 50 MB runs
    python benchmarks/bench_hostile.py --issue14  # only the cases of issue 14

Not part of the test suite: the tests check the outcomes with small inputs; this
script measures the large ones.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data" / "bad"))
from make_bad import big_text, long_table, zip_bomb  # noqa: E402

_RUN = """
import json, resource, sys
from dvc_validate.cli import main
rc = main(sys.argv[1:])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
sys.stderr.write("\\n" + json.dumps({"rc": rc, "peak_kib": peak}) + "\\n")
"""


def measure(args: list[str]) -> dict[str, float | int]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _RUN, "lint", "-q", "--format", "concise", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    stats = json.loads(proc.stderr.strip().splitlines()[-1])
    return {"rc": stats["rc"], "seconds": round(wall, 1), "peak_mib": stats["peak_kib"] // 1024}


def tiny_tables(n: int) -> bytes:
    """``n`` one-row tables, each followed by a paragraph (issue 14: quadratic assembly)."""
    row = "%d\tChỉ tiêu %d\t12\t34,5%%\n\nPara %d\n\n"
    return "".join(row % (i, i, i) for i in range(n)).encode("utf-8")


def alias_pack(items: int = 20_000) -> str:
    """A ~220 KB rule pack whose aliases stand for ``items`` × ``items`` strings."""
    row = ", ".join(["x"] * items)
    return f"pack: p\nwholes: [&a [{row}]]\ncomplementary: [{', '.join(['*a'] * items)}]\n"


def issue14_cases(folder: Path, example: str) -> list[tuple[str, list[str]]]:
    """Hostile inputs, configs and packs of issue 14, written into ``folder``."""
    (folder / "tabs.txt").write_bytes(b"a" + b"\t" * 900_000 + b"b\n")
    (folder / "tables-3000.txt").write_bytes(tiny_tables(3_000))
    (folder / "tables-6000.txt").write_bytes(tiny_tables(6_000))
    (folder / "alias.yaml").write_text(alias_pack(), encoding="utf-8")
    configs = {
        "zero.toml": 'rules = ["/dev/zero"]\n',
        "alias.toml": f'rules = ["{folder / "alias.yaml"}"]\n',
        "deep.toml": "x = " + "[" * 5_000 + "]" * 5_000 + "\n",
    }
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.yaml")
        configs["fifo.toml"] = f'rules = ["{folder / "fifo.yaml"}"]\n'
    for name, text in configs.items():
        (folder / name).write_text(text, encoding="utf-8")
    cases = [
        ("one row of 900,000 tabs, 909 KB (refused)", [str(folder / "tabs.txt")]),
        ("3,000 tiny tables (read; not a report)", [str(folder / "tables-3000.txt")]),
        ("6,000 tiny tables (read; not a report)", [str(folder / "tables-6000.txt")]),
    ]
    for name, label in (
        ("zero.toml", "config: pack is /dev/zero (refused)"),
        ("fifo.toml", "config: pack is a FIFO (refused)"),
        ("alias.toml", "config: 220 KB alias pack (refused)"),
        ("deep.toml", "config: 5,000-deep TOML array (refused)"),
    ):
        if (folder / name).exists():
            cases.append((label, [example, "--config", str(folder / name)]))
    return cases


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="skip the 30 and 50 MB cases")
    ap.add_argument("--issue14", action="store_true", help="only the cases of issue 14")
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        example = str(ROOT / "examples" / "binh-thanh-2024-02.docx")
        if opts.issue14:
            return _table(issue14_cases(folder, example))
        files = {
            "table-4000-rows.txt": long_table(4_000),
            "table-100000-rows.txt": long_table(100_000),
            "zip-bomb.docx": zip_bomb(),
        }
        if not opts.quick:
            files["text-30mb.txt"] = big_text(30 * 1024 * 1024)
            files["text-50mb.txt"] = big_text(50 * 1024 * 1024)
        for name, blob in files.items():
            (folder / name).write_bytes(blob)
        cases = [
            ("example draft (.docx)", [example]),
            ("table of 4,000 rows (under the 5,000 limit)", [str(folder / "table-4000-rows.txt")]),
            ("table of 100,000 rows (refused)", [str(folder / "table-100000-rows.txt")]),
            ("zip bomb, 300 MB inflated (refused)", [str(folder / "zip-bomb.docx")]),
        ]
        if not opts.quick:
            big = str(folder / "text-50mb.txt")
            cases += [
                ("30 MB text, under the 32 MiB default (read)", [str(folder / "text-30mb.txt")]),
                ("50 MB text, default limit (refused)", [big]),
                ("50 MB text, --max-bytes 60000000 (read)", [big, "--max-bytes", "60000000"]),
            ]
        cases += issue14_cases(folder, example)
        return _table(cases)


def _table(cases: list[tuple[str, list[str]]]) -> int:
    print(f"{'case':48} {'exit':>4} {'seconds':>8} {'peak MiB':>9}")
    for label, args in cases:
        m = measure(args)
        print(f"{label:48} {m['rc']:>4} {m['seconds']:>8} {m['peak_mib']:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
