"""Cold-process latency of the CLI against import floors and a peer tool.

    python benchmarks/bench_cli.py                # 15 runs of each command
    python benchmarks/bench_cli.py --runs 31 --frictionless /tmp/fl/bin/frictionless

Each command runs as a fresh process, ``--runs`` times, round-robin (so that a
shared machine's load hits every command alike), and the median wall time is
reported with its ratio to the floors:

* ``dvc-validate lint examples/binh-thanh-2024-02.docx --format json`` and the ``.txt``;
* ``dvc-validate --help``, ``rules`` and ``version``;
* the *issue floor* (issue 12): a process that imports pydantic, rich and python-docx,
  validates one five-field pydantic model, opens the draft with python-docx and
  renders one rich table; the target is a cold ``.docx`` lint within 1.3× of it.
  ``dvc-validate lint`` ends with ``os._exit`` (no interpreter teardown, see
  ``cli/_main.py``), so the same floor is also timed ending that way;
* floors: ``python -c "import pydantic, rich, docx"``, ``python -c "import pydantic, rich"``
  and ``python -c "import pydantic, rich, typer"`` (what the CLI framework adds);
* what those floors leave out: ``python -c pass``; pydantic with one ``BaseModel``
  class (``import pydantic`` alone is lazy and loads none of the model machinery);
  and the *model floor*, ``import dvc_validate.model``: pydantic plus the report,
  document and finding model classes every lint builds, and nothing else (each
  also with python-docx, for the ``.docx`` lint);
* ``dvc-validate check-table examples/province-table-2024-02.csv --format json``
  (pandas and pandera load here, and only here);
* the peer ``frictionless validate`` on a 60-row CSV (issue 12's target: a cold
  ``.docx`` lint ≈ 0.8× of it), when a ``frictionless`` executable is given, beside
  the interpreter or on PATH. It is in the ``bench`` extra, never a runtime
  dependency (``pip install 'dvc-validate[bench]'``, or in a virtualenv of its own:
  ``python -m venv /tmp/fl && /tmp/fl/bin/pip install frictionless``).

``--variant NAME=SRC`` (repeatable) adds the ``.docx`` lint of another checkout's
``src`` (``PYTHONPATH=SRC python -m dvc_validate``), alternated with the rest in the
same run, so that a change is measured against its parent under the same load;
``python -m`` has no console script in front, so compare variants with each other.

Then a ``python -X importtime`` breakdown of the ``.docx`` lint: the 15 modules
with the largest cumulative import time. The console script next to the running
interpreter is used, not a pyenv shim, whose own start-up would be counted.

The package is byte-compiled first (``compileall``, into the git-ignored
``__pycache__``), as ``pip install`` does for a user: an editable install run
with ``PYTHONDONTWRITEBYTECODE=1`` would otherwise recompile every module of
ours from source in every process (~0.1 s). ``--no-compile`` measures that case.
Skips (with a message) what is not installed. Results go to stdout (Markdown)
and to ``benchmarks/out/bench_cli.json``.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PY = sys.executable


def cli() -> list[str] | None:
    """The dvc-validate console script beside this interpreter, else ``python -m``."""
    script = BIN / "dvc-validate"
    if script.is_file():
        return [str(script)]
    probe = subprocess.run([PY, "-m", "dvc_validate", "--help"], capture_output=True)
    return [PY, "-m", "dvc_validate"] if probe.returncode == 0 else None


def peer_tool() -> str | None:
    """The ``frictionless`` executable: beside this interpreter (``pip install
    'dvc-validate[bench]'``), else on PATH."""
    script = BIN / "frictionless"
    return str(script) if script.is_file() else shutil.which("frictionless")


ONE_MODEL = "from pydantic import BaseModel\nclass M(BaseModel):\n    x: int"

#: Issue 12's floor: what any Python tool that reads this draft and prints a table pays.
ISSUE_FLOOR = """\
import os, sys
import docx
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table
class Figure(BaseModel):
    raw: str
    value: float
    decimals: int
    percent: bool
    where: list[str]
Figure(raw="95,6%", value=95.6, decimals=1, percent=True, where=["p1"])
docx.Document(sys.argv[1])
table = Table("code", "value")
table.add_row("1.1", "95,6%")
with open(os.devnull, "w", encoding="utf-8") as null:
    Console(file=null).print(table)
"""


#: How ``dvc-validate lint`` ends (``cli._main._exit_at_once``): no interpreter teardown.
_AT_ONCE = "sys.stdout.flush(); sys.stderr.flush(); os._exit(0)\n"


def wall(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - t


def importtime(cmd: list[str], top: int = 15) -> tuple[list[tuple[str, float, float]], float]:
    """(module, self ms, cumulative ms) of the slowest imports, by cumulative time,
    and the total import time (the sum over top-level imports), in ms."""
    out = subprocess.run(
        [PY, "-X", "importtime", *cmd], capture_output=True, text=True, check=False
    ).stderr
    rows = []
    total = 0.0
    for line in out.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            rows.append((m.group(4), int(m.group(1)) / 1000, int(m.group(2)) / 1000))
            if len(m.group(3)) == 1:  # top level: one space after the bar
                total += int(m.group(2)) / 1000
    return sorted(rows, key=lambda r: -r[2])[:top], total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--frictionless", default=peer_tool())
    ap.add_argument("--no-compile", action="store_true", help="do not byte-compile the package")
    ap.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="NAME=SRC",
        help="also time the .docx lint of another checkout's src folder",
    )
    args = ap.parse_args(argv)
    docx = ROOT / "examples" / "binh-thanh-2024-02.docx"

    tool = cli()
    commands: dict[str, list[str]] = {
        "issue floor: pydantic model, docx open, rich table": [PY, "-c", ISSUE_FLOOR, str(docx)],
        # the lint ends with os._exit (cli/_main.py); the same floor ending so
        "issue floor, ended with os._exit": [PY, "-c", ISSUE_FLOOR + _AT_ONCE, str(docx)],
        "floor: import pydantic, rich, docx": [PY, "-c", "import pydantic, rich, docx"],
        "floor: import pydantic, rich": [PY, "-c", "import pydantic, rich"],
        "floor: import pydantic, rich, typer": [PY, "-c", "import pydantic, rich, typer"],
        # what the floors above leave out: `import pydantic` is lazy, so BaseModel's
        # machinery and the building of model classes are not in them
        "python -c pass": [PY, "-c", "pass"],
        "pydantic + one BaseModel class": [PY, "-c", ONE_MODEL],
        "pydantic + one BaseModel class + docx": [PY, "-c", ONE_MODEL + "\nimport docx"],
        "model floor: import dvc_validate.model": [PY, "-c", "import dvc_validate.model"],
        "model floor + docx": [PY, "-c", "import dvc_validate.model, docx"],
    }
    notes: list[str] = []
    spec = importlib.util.find_spec("dvc_validate")
    if not args.no_compile and spec is not None and spec.origin:
        compileall.compile_dir(Path(spec.origin).parent, quiet=1)
    else:
        notes.append("--no-compile: modules may be compiled from source in every run")
    envs: dict[str, dict[str, str]] = {}
    for spec_ in args.variant:
        name, _, src = spec_.partition("=")
        key = f"variant {name}: python -m dvc_validate lint .docx --format json"
        commands[key] = [PY, "-m", "dvc_validate", "lint", str(docx), "--format", "json"]
        envs[key] = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
        if not args.no_compile:
            compileall.compile_dir(Path(src) / "dvc_validate", quiet=1)
    if tool is None:
        notes.append("dvc-validate CLI not found: lint and check-table skipped")
    else:
        commands["lint .docx --format json"] = [*tool, "lint", str(docx), "--format", "json"]
        commands["lint .txt --format json"] = [
            *tool, "lint", str(ROOT / "examples" / "binh-thanh-2024-02.txt"), "--format", "json",
        ]  # fmt: skip
        commands["--help"] = [*tool, "--help"]
        commands["rules"] = [*tool, "rules"]
        commands["version"] = [*tool, "version"]
        commands["check-table example .csv --format json"] = [
            *tool, "check-table", str(ROOT / "examples" / "province-table-2024-02.csv"),
            "--format", "json",
        ]  # fmt: skip
    tmp = tempfile.TemporaryDirectory()
    if args.frictionless:
        csv = Path(tmp.name) / "table-60.csv"
        lines = (ROOT / "examples" / "province-table-2024-02.csv").read_text("utf-8").splitlines()
        csv.write_text("\n".join(lines[:61]) + "\n", encoding="utf-8")  # header + 60 rows
        commands["peer: frictionless validate (60-row CSV)"] = [
            args.frictionless, "validate", str(csv),
        ]  # fmt: skip
    else:
        notes.append("frictionless not installed: peer skipped (pip install 'dvc-validate[bench]')")

    for name, cmd in commands.items():  # warm the file cache once
        wall(cmd, envs.get(name))
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            times[name].append(wall(cmd, envs.get(name)))
    median = {k: statistics.median(v) for k, v in times.items()}

    floor_issue = median["issue floor: pydantic model, docx open, rich table"]
    floor_exit = median["issue floor, ended with os._exit"]
    floor_full = median["floor: import pydantic, rich, docx"]
    floor_min = median["floor: import pydantic, rich"]
    floor_cli = median["floor: import pydantic, rich, typer"]
    floor_model = median["model floor: import dvc_validate.model"]
    peer = next((v for k, v in median.items() if k.startswith("peer:")), None)
    lines_md = [
        f"| command (median of {args.runs} cold runs) | ms | ÷ issue floor "
        "| ÷ issue floor ended with os._exit | ÷ floor (pydantic, rich, docx) "
        "| ÷ floor (pydantic, rich) | ÷ floor (pydantic, rich, typer) | ÷ model floor "
        "| ÷ peer |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for k, v in median.items():
        lines_md.append(
            f"| {k} | {v * 1000:.0f} | {v / floor_issue:.2f}× | {v / floor_exit:.2f}× "
            f"| {v / floor_full:.2f}× "
            f"| {v / floor_min:.2f}× "
            f"| {v / floor_cli:.2f}× | {v / floor_model:.2f}× "
            f"| {'-' if peer is None else f'{v / peer:.2f}×'} |"
        )
    top: list[tuple[str, float, float]] = []
    total = 0.0
    if tool:
        module = tool[1:] if tool[0] == PY else ["-m", "dvc_validate"]
        top, total = importtime([*module, "lint", str(docx), "--format", "json"])
    if top:
        lines_md += [
            "",
            f"`python -X importtime -m dvc_validate lint …docx --format json`: imports take "
            f"{total:.0f} ms in all; the 15 largest by cumulative time:",
            "",
            "| module | self ms | cumulative ms |",
            "|---|---|---|",
        ]
        lines_md += [f"| {m} | {s:.1f} | {c:.1f} |" for m, s, c in top]
    env = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": os.cpu_count(),
        "loadavg_at_end": os.getloadavg(),
        "python": sys.version.split()[0],
        "command": " ".join([Path(PY).name, *sys.argv]),
        "commands": {k: " ".join(v) for k, v in commands.items()},
        "notes": notes,
    }
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_cli.json").write_text(
        json.dumps(
            {
                "env": env,
                "median_s": median,
                "runs_s": times,
                "importtime": top,
                "import_total_ms": total,
            },
            indent=1,
        )
    )
    print(json.dumps(env, ensure_ascii=False))
    for n in notes:
        print(f"note: {n}")
    print("\n".join(lines_md))
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
