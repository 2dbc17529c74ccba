"""Time and peak memory of the CLI on large and hostile inputs (docs/security.md).

Each case runs ``dvc-validate lint`` in a fresh Python process and reports that
process's wall time, exit code and peak resident memory (``ru_maxrss``), so one
case cannot inherit another's memory. The inputs come from
``tests/data/bad/make_bad.py`` and are written to a temporary folder::

    python benchmarks/bench_hostile.py            # all cases, a table on stdout
    python benchmarks/bench_hostile.py --quick    # without the 30 and 50 MB runs

Not part of the test suite: the tests check the outcomes with small inputs; this
script measures the large ones.
"""

from __future__ import annotations

import argparse
import json
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="skip the 30 and 50 MB cases")
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
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
        example = str(ROOT / "examples" / "binh-thanh-2024-02.docx")
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
        print(f"{'case':48} {'exit':>4} {'seconds':>8} {'peak MiB':>9}")
        for label, args in cases:
            m = measure(args)
            print(f"{label:48} {m['rc']:>4} {m['seconds']:>8} {m['peak_mib']:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
